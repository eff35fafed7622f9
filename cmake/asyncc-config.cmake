# asyncc-config.cmake: what find_package(asyncc) gives (docs/build.md).
#
#   asyncc::asyncc         the runtime, shared library (an RPATH to it is
#                          added to programs in the build tree, as CMake does
#                          for every imported shared library)
#   asyncc::asyncc_static  the runtime, static library
#   asyncc::asyncc_tool    the tool, an imported executable
#   ASYNCC_EXECUTABLE      its path
#   asyncc_sources(<target> [FLAGS <flag>...] <file.ac>...)
#       transforms each dialect file into <binary dir>/<file.ac>.c, added
#       to <target>'s sources (compiled with -iquote <the file's folder>).  The tool gets <target>'s include folders
#       and definitions (and FLAGS), writes a dependency file, and Ninja or
#       Makefiles transform the file again when it or a header it reads
#       changes.
#
# The package is relocatable: paths are found from this file's place,
# <prefix>/lib/cmake/asyncc/.

cmake_minimum_required(VERSION 3.20)   # DEPFILE with Makefile generators
include(CMakeFindDependencyMacro)
find_dependency(Threads)

get_filename_component(_asyncc_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

if(NOT TARGET asyncc::asyncc)
  add_library(asyncc::asyncc SHARED IMPORTED)
  set_target_properties(asyncc::asyncc PROPERTIES
    IMPORTED_LOCATION "${_asyncc_prefix}/lib/libasyncc.so.0"
    IMPORTED_SONAME "libasyncc.so.0"
    INTERFACE_INCLUDE_DIRECTORIES "${_asyncc_prefix}/include"
    INTERFACE_LINK_LIBRARIES Threads::Threads)
  add_library(asyncc::asyncc_static STATIC IMPORTED)
  set_target_properties(asyncc::asyncc_static PROPERTIES
    IMPORTED_LOCATION "${_asyncc_prefix}/lib/libasyncc.a"
    INTERFACE_INCLUDE_DIRECTORIES "${_asyncc_prefix}/include"
    INTERFACE_LINK_LIBRARIES Threads::Threads)
  add_executable(asyncc::asyncc_tool IMPORTED)
  set_target_properties(asyncc::asyncc_tool PROPERTIES
    IMPORTED_LOCATION "${_asyncc_prefix}/bin/asyncc")
endif()
set(ASYNCC_EXECUTABLE "${_asyncc_prefix}/bin/asyncc")
set(_asyncc_dir "${CMAKE_CURRENT_LIST_DIR}")
set(ASYNCC_IDE_HEADER "${_asyncc_prefix}/include/asyncc-ide.h")

function(asyncc_sources target)
  cmake_parse_arguments(PARSE_ARGV 1 _ac "" "" "FLAGS")
  set(_incs "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(_defs "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  foreach(_src IN LISTS _ac_UNPARSED_ARGUMENTS)
    get_filename_component(_abs "${_src}" ABSOLUTE)
    file(RELATIVE_PATH _rel "${CMAKE_CURRENT_SOURCE_DIR}" "${_abs}")
    if(_rel MATCHES "^\\.\\./")
      get_filename_component(_rel "${_abs}" NAME)
    endif()
    set(_out "${CMAKE_CURRENT_BINARY_DIR}/${_rel}.c")
    # The depfile names its target as Ninja names the output: relative to
    # the top of the build tree.
    file(RELATIVE_PATH _out_rel "${CMAKE_BINARY_DIR}" "${_out}")
    add_custom_command(
      OUTPUT "${_out}"
      COMMAND "${ASYNCC_EXECUTABLE}"
              "$<$<BOOL:${_incs}>:-I$<JOIN:${_incs},;-I>>"
              "$<$<BOOL:${_defs}>:-D$<JOIN:${_defs},;-D>>"
              ${_ac_FLAGS} -MD -MF "${_out}.d" -MT "${_out_rel}" "${_abs}" -o "${_out}"
      MAIN_DEPENDENCY "${_abs}"
      DEPENDS "${ASYNCC_EXECUTABLE}"
      DEPFILE "${_out}.d"
      WORKING_DIRECTORY "${CMAKE_BINARY_DIR}"
      COMMENT "asyncc ${_rel}"
      COMMAND_EXPAND_LISTS VERBATIM)
    target_sources(${target} PRIVATE "${_out}")
    # The generated C lives in the binary folder: its #include "x.h" must
    # still find the headers beside the dialect file.
    get_filename_component(_dir "${_abs}" DIRECTORY)
    set_property(SOURCE "${_out}" APPEND PROPERTY COMPILE_OPTIONS "-iquote" "${_dir}")
    set_property(GLOBAL APPEND PROPERTY ASYNCC_SOURCE_PAIRS "${_out}|${_abs}")
  endforeach()
  _asyncc_compile_commands()
endfunction()

# compile_commands.json entries for the dialect files, so that clangd
# reads them with their target's flags: once CMake has written the
# database, a build step adds to it an entry per dialect file, made from
# the entry of its generated C.
function(_asyncc_compile_commands)
  if(NOT CMAKE_EXPORT_COMPILE_COMMANDS OR TARGET asyncc_compile_commands)
    return()
  endif()
  # Runs when CMake rewrote the database (at configure time), not at
  # every build.
  set(_stamp "${CMAKE_BINARY_DIR}/asyncc_compile_commands.stamp")
  add_custom_command(OUTPUT "${_stamp}"
    COMMAND "${CMAKE_COMMAND}" -D "DB=${CMAKE_BINARY_DIR}/compile_commands.json"
            -D "PAIRS_FILE=${CMAKE_BINARY_DIR}/asyncc_sources.txt"
            -P "${_asyncc_dir}/asyncc-compile-commands.cmake"
    COMMAND "${CMAKE_COMMAND}" -E touch "${_stamp}"
    DEPENDS "${CMAKE_BINARY_DIR}/compile_commands.json" "${CMAKE_BINARY_DIR}/asyncc_sources.txt"
    COMMENT "asyncc: dialect files in compile_commands.json"
    VERBATIM)
  add_custom_target(asyncc_compile_commands ALL DEPENDS "${_stamp}")
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _asyncc_store_pairs)
endfunction()

function(_asyncc_store_pairs)
  get_property(_pairs GLOBAL PROPERTY ASYNCC_SOURCE_PAIRS)
  file(WRITE "${CMAKE_BINARY_DIR}/asyncc_sources.txt" "${_pairs}")
endfunction()
