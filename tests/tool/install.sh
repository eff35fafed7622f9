# tests/tool/install.sh: sourced by tests/run.sh (uses ok, bad, wanted, TMP).
# `make install` into a temporary prefix, then everything a user builds
# from the installed files only (no build tree on any path): the man page,
# pkg-config (shared with its rpath, static), the example project of
# docs/build.md with make, CMake (Ninja and Makefiles) and Meson, each
# checked to rebuild exactly what a touched header concerns, clangd on
# dialect files, -MJ, and the gdb commands.

install_wanted() {
  for t in man pkg-config make cmake-ninja cmake-make meson clangd ide-header ccache kv-cmake gdb; do
    wanted "install/$t" && return 0
  done
  return 1
}

# Extracts every code block of docs/build.md marked <!-- file: PATH -->
# into $1/PATH.
extract_examples() {
  awk -v dir="$1" '
    /^<!-- file: .* -->$/ { path = $3; next }
    path != "" && /^```/ && !inblock { inblock = 1; out = dir "/" path
      sub(/\/[^\/]*$/, "", out); system("mkdir -p \"" out "\""); out = dir "/" path
      printf "" > out; next }
    inblock && /^```$/ { inblock = 0; close(out); path = ""; next }
    inblock { print > out }' docs/build.md
}

# rebuilds NAME DIR GENPATTERN BUILD...: after a first build (the program
# must print the greeting), a second build changes nothing, and after
# `touch greeting.h` the build remakes the generated C of hello.ac, its
# object and the program, and no object of twice.c.
rebuilds() {
  local name=install/$1 dir=$2 gen=$3 out changed
  shift 3
  if ! out=$(cd "$dir" && "$@" 2>&1); then bad "$name" "first build: $out"; return 1; fi
  local exe
  exe=$(find "$dir" -name hello -type f -perm -u+x | head -1)
  if [ -z "$exe" ] || ! out=$("$exe" 2>&1) || [ "$out" != "hello from a dialect file: 42" ]; then
    bad "$name" "the program: $exe: $out"; return 1
  fi
  touch "$TMP/stamp"
  (cd "$dir" && "$@") > /dev/null 2>&1
  changed=$(find "$dir" -newer "$TMP/stamp" -type f \( -name '*.o' -o -name '*.c' -o -name hello \))
  if [ -n "$changed" ]; then bad "$name" "a second build remade: $changed"; return 1; fi
  touch "$TMP/stamp" && touch "$INSTALL_EX/greeting.h" "$dir/greeting.h" 2>/dev/null
  if ! out=$(cd "$dir" && "$@" 2>&1); then bad "$name" "build after touch: $out"; return 1; fi
  changed=$(find "$dir" -newer "$TMP/stamp" -type f \( -name '*.o' -o -name '*.c' -o -name hello \) \
            ! -name greeting.h | sed "s|^$dir/||" | sort)
  local objs
  objs=$(grep '\.o$' <<<"$changed")
  if ! grep -q "$gen" <<<"$changed" || [ "$(wc -l <<<"$objs")" != 1 ] ||
     grep -q twice <<<"$objs" || ! grep -q 'hello$' <<<"$changed"; then
    bad "$name" "after touch greeting.h, remade: $(echo $changed)"; return 1
  fi
  return 0
}

if install_wanted; then
  PREFIX_T=$TMP/prefix
  INSTALL_EX=$TMP/examples
  mkdir -p "$INSTALL_EX"
  if ! err=$(make -s install PREFIX="$PREFIX_T" 2>&1); then
    bad install "make install: $err"
  else
    extract_examples "$INSTALL_EX"
    # Only the installed files: no build tree, no LD_LIBRARY_PATH.
    ENV_T=(env -u LD_LIBRARY_PATH -u ASYNCC PATH="$PREFIX_T/bin:/usr/bin:/bin"
           PKG_CONFIG_PATH="$PREFIX_T/lib/pkgconfig" MANPATH="$PREFIX_T/share/man")

    if wanted install/man; then
      # man -l renders the installed page without a warning; man finds it.
      warn=$(MANWIDTH=80 man --warnings -l "$PREFIX_T/share/man/man1/asyncc.1" 2>&1 >/dev/null)
      page=$(MANWIDTH=80 "${ENV_T[@]}" man asyncc 2>/dev/null)
      if [ -n "$warn" ]; then bad install/man "man --warnings -l: $warn"
      elif ! grep -q -- '-Wno-error=' <<<"$page" || ! grep -q ASYNCC_WORKERS <<<"$page"; then
        bad install/man "page incomplete"
      elif ! "$PREFIX_T/bin/asyncc" --help | grep -q 'man asyncc'; then bad install/man "--help does not point to it"
      else ok install/man; fi
    fi

    if wanted install/pkg-config; then
      d=$TMP/pc && mkdir -p "$d" && cp examples/hello.c "$d/hello.ac"
      if ! err=$(cd "$d" && "${ENV_T[@]}" sh -c '
             asyncc hello.ac -o hello.c &&
             cc -O2 hello.c $(pkg-config --cflags --libs asyncc) -o hello-shared &&
             cc -O2 hello.c $(pkg-config --cflags asyncc) $(pkg-config --variable=archive asyncc) \
                -lpthread -o hello-static' 2>&1); then
        bad install/pkg-config "$err"
      elif ! ldd "$d/hello-shared" | grep -q "libasyncc.so.0 => $PREFIX_T/lib/libasyncc.so.0"; then
        bad install/pkg-config "shared: $(ldd "$d/hello-shared" | grep asyncc)"
      elif ldd "$d/hello-static" | grep -q asyncc; then bad install/pkg-config "static links the .so"
      elif ! out=$(env -u LD_LIBRARY_PATH "$d/hello-shared") || ! grep -q 'hello, world' <<<"$out" ||
           ! out=$("$d/hello-static") || ! grep -q 'hello, world' <<<"$out"; then
        bad install/pkg-config "run: $out"
      else ok install/pkg-config; fi
    fi

    if wanted install/gdb && command -v gdb >/dev/null; then
      # The gdb commands (docs/debugging.md): installed for `source`, and
      # auto-loaded from the installed libasyncc.so once its folder is trusted.
      d=$TMP/gdb-inst && mkdir -p "$d" && cp examples/hello.c "$d/hello.ac"
      if ! err=$(cd "$d" && "${ENV_T[@]}" sh -c '
             asyncc hello.ac -o hello.c && cc -g hello.c $(pkg-config --cflags --libs asyncc) -o hello' 2>&1)
      then
        bad install/gdb "$err"
      elif ! out=$(gdb -nx -batch -ex "source $PREFIX_T/share/asyncc/asyncc-gdb.py" \
                     -ex "help async bt" "$d/hello" 2>&1) || ! grep -q 'chain of async tasks' <<<"$out"
      then
        bad install/gdb "source: $out"
      elif ! out=$(env -u LD_LIBRARY_PATH gdb -nx -batch -iex "add-auto-load-safe-path $PREFIX_T/lib" \
                     -ex "break main" -ex run -ex "help async bt" -ex kill "$d/hello" 2>&1) ||
           ! grep -q 'chain of async tasks' <<<"$out"; then
        bad install/gdb "auto-load from libasyncc.so: $out"
      else ok install/gdb; fi
    fi

    if wanted install/make; then
      d=$TMP/ex-make && mkdir -p "$d" && cp "$INSTALL_EX"/*.h "$INSTALL_EX"/*.c "$INSTALL_EX"/*.ac \
        "$INSTALL_EX"/make/* "$d/"
      if rebuilds make "$d" 'hello.c$' "${ENV_T[@]}" make -s; then
        # Both depfiles, asyncc's and the C compiler's, side by side.
        if [ -f "$d/hello.c.d" ] && [ -f "$d/hello.d" ] && grep -q '^hello.c: hello.ac' "$d/hello.c.d"
        then ok install/make; else bad install/make "dependency files: $(ls "$d")"; fi
      fi
    fi

    cmake_case() {   # name generator
      local d=$TMP/ex-$1
      wanted "install/$1" || return 0
      mkdir -p "$d" && cp "$INSTALL_EX"/*.h "$INSTALL_EX"/*.c "$INSTALL_EX"/*.ac \
        "$INSTALL_EX"/cmake/* "$d/"
      if ! err=$("${ENV_T[@]}" cmake -S "$d" -B "$d/build" -G "$2" \
                 -DCMAKE_PREFIX_PATH="$PREFIX_T" 2>&1); then
        bad "install/$1" "configure: $err"; return
      fi
      rebuilds "$1" "$d" 'hello.ac.c$' "${ENV_T[@]}" cmake --build build || return
      # The dialect file's own entry in compile_commands.json.
      if ! python3 -c 'import json, sys
db = json.load(open(sys.argv[1]))
e = [x for x in db if x["file"].endswith("/hello.ac")]
assert len(e) == 1 and "-x c" in e[0]["command"], db' "$d/build/compile_commands.json" 2>"$TMP/cc.err"; then
        bad "install/$1" "compile_commands.json: $(tail -3 "$TMP/cc.err")"
      else ok "install/$1"; fi
    }
    command -v ninja >/dev/null && cmake_case cmake-ninja Ninja
    cmake_case cmake-make "Unix Makefiles"

    # The multi-file example (examples/kv) with its CMakeLists.txt.
    if wanted install/kv-cmake; then
      d=$TMP/kv-cmake && rm -rf "$d" && cp -r examples/kv "$d"
      if ! err=$("${ENV_T[@]}" cmake -S "$d" -B "$d/build" -DCMAKE_PREFIX_PATH="$PREFIX_T" 2>&1) ||
         ! err=$("${ENV_T[@]}" cmake --build "$d/build" 2>&1) ||
         ! err=$(cd "$d/build" && timeout 60 ./kv 2>&1); then
        bad install/kv-cmake "$err"
      elif ! grep -q '^total = 2600 over 9 keys$' <<<"$err"; then
        bad install/kv-cmake "output: $err"
      else
        ok install/kv-cmake
      fi
    fi

    if wanted install/meson && command -v meson >/dev/null; then
      d=$TMP/ex-meson && mkdir -p "$d" && cp "$INSTALL_EX"/*.h "$INSTALL_EX"/*.c "$INSTALL_EX"/*.ac \
        "$INSTALL_EX"/meson/* "$d/"
      # Once in a CI run, meson 1.0 stopped with a Python traceback of its
      # own (an internal error, not a MesonException about our files):
      # such a setup is tried once more, saying so; any other failure, or
      # a second one, fails the test.
      st=0; err=$(cd "$d" && "${ENV_T[@]}" meson setup build 2>&1) || st=$?
      if [ $st -ne 0 ] && grep -q '^Traceback' <<<"$err"; then
        echo "note: install/meson: meson setup crashed inside meson, once more:" >&2
        tail -3 <<<"$err" >&2
        rm -rf "$d/build"
        st=0; err=$(cd "$d" && "${ENV_T[@]}" meson setup build 2>&1) || st=$?
      fi
      if [ $st -ne 0 ]; then bad install/meson "setup: $err"
      elif rebuilds meson "$d" 'hello.c$' "${ENV_T[@]}" ninja -C build; then ok install/meson; fi
    fi

    if wanted install/clangd && command -v clangd-19 >/dev/null; then
      # The installed configuration, as a user's; the examples as .ac files;
      # then the CMake project, whose database has the dialect file; then a
      # make project's database from -MJ (make/editors.mk).
      x=$TMP/xdg && mkdir -p "$x/clangd" "$TMP/ide"
      cp "$PREFIX_T/share/asyncc/clangd.yaml" "$x/clangd/config.yaml"
      cp examples/hello.c "$TMP/ide/hello.ac" && cp examples/http/server.c "$TMP/ide/server.ac"
      d=$TMP/ex-make-ide && mkdir -p "$d" && cp "$INSTALL_EX"/*.h "$INSTALL_EX"/*.c \
        "$INSTALL_EX"/*.ac "$INSTALL_EX"/make/* "$d/"
      err=$(cd "$d" && "${ENV_T[@]}" make -s -f Makefile -f editors.mk compile_commands.json 2>&1) ||
        bad install/clangd "make compile_commands.json: $err"
      r=""
      for f in "$TMP/ide/hello.ac" "$TMP/ide/server.ac" "$TMP/ex-cmake-ninja/hello.ac" "$d/hello.ac"; do
        [ -f "$f" ] || continue
        out=$(XDG_CONFIG_HOME=$x timeout 120 clangd-19 --check="$f" 2>&1)
        grep -q 'All checks completed, 0 errors' <<<"$out" ||
          r="$r $f: $(grep '^E\[.*\] \[' <<<"$out" | head -5)"
      done
      if ! grep -q '"file": "hello.ac"' "$d/compile_commands.json" 2>/dev/null; then
        bad install/clangd "no -MJ entry: $(cat "$d/compile_commands.json" 2>&1)"
      elif [ -n "$r" ]; then bad install/clangd "$r"
      else ok install/clangd; fi
    fi

    if wanted install/ccache && command -v ccache >/dev/null; then
      # The generated C is the same bytes each time: a clean rebuild of the
      # make project is all ccache hits.
      d=$TMP/ex-ccache && mkdir -p "$d" && cp "$INSTALL_EX"/*.h "$INSTALL_EX"/*.c \
        "$INSTALL_EX"/*.ac "$INSTALL_EX"/make/* "$d/"
      export CCACHE_DIR=$TMP/ccache-dir
      stats=""
      if err=$(cd "$d" && "${ENV_T[@]}" CCACHE_DIR="$CCACHE_DIR" make -s CC="ccache cc" 2>&1 &&
               make -s clean && ccache -z >/dev/null &&
               "${ENV_T[@]}" CCACHE_DIR="$CCACHE_DIR" make -s CC="ccache cc" 2>&1) &&
         stats=$(ccache --print-stats 2>/dev/null) &&
         [ "$(awk '$1 == "direct_cache_hit" { print $2 }' <<<"$stats")" = 2 ]
      then ok install/ccache; else bad install/ccache "$err $(grep -E 'hit|miss' <<<"$stats")"; fi
      unset CCACHE_DIR
    fi

    if wanted install/ide-header; then
      # Every public name of asyncc.h must exist in the editors' view.
      names() { gcc -fpreprocessed -dD -E -P "$1" 2>/dev/null |
                grep -o -E '\b(ac_[a-z][a-z0-9_]*|AC_[A-Z][A-Z0-9_]*)\b' | sort -u; }
      ide=$( (names runtime/asyncc-ide.h; gcc -E -P runtime/asyncc-ide.h |
              grep -o -E '\bac_[a-z][a-z0-9_]*\b') | sort -u)
      missing=$(comm -23 <(names runtime/asyncc.h) <(echo "$ide") |
                grep -v -x -e ac_future_ -e ac_promise_set_)
      if [ -n "$missing" ]; then bad install/ide-header "not in asyncc-ide.h: $(echo $missing)"
      else ok install/ide-header; fi
    fi
  fi
fi

if wanted install/ci-deps; then
  # Building needs only the build packages: with those alone installed,
  # `.ci/deps` runs no apt-get, and `.ci/deps test` asks for the test ones.
  f=$TMP/fake-apt && mkdir -p "$f"
  printf '#!/bin/sh\ncase " gcc make libclang-19-dev flex bison " in *" $3 "*) echo "install ok installed";; esac\n' \
    > "$f/dpkg-query"
  printf '#!/bin/sh\necho "$@" >> "%s/apt.log"\n' "$f" > "$f/apt-get"
  chmod +x "$f/dpkg-query" "$f/apt-get"
  rm -f "$f/apt.log"
  PATH=$f:$PATH .ci/deps > /dev/null 2>&1; rc=$?
  build_log=$(cat "$f/apt.log" 2>/dev/null)
  PATH=$f:$PATH .ci/deps test > /dev/null 2>&1
  test_log=$(cat "$f/apt.log" 2>/dev/null)
  if [ $rc != 0 ] || [ -n "$build_log" ]; then bad install/ci-deps "build deps ran: $build_log"
  elif ! grep -q 'install.*libcmocka-dev.*cmake.*clangd-19' <<<"$test_log"; then
    bad install/ci-deps "test deps: $test_log"
  else ok install/ci-deps; fi
fi

if wanted install/uninstall && [ -n "${PREFIX_T:-}" ] && [ -d "$PREFIX_T" ]; then
  # make uninstall takes back every file make install put there.
  if err=$(make -s uninstall PREFIX="$PREFIX_T" 2>&1) && [ -z "$(find "$PREFIX_T" -type f -o -type l)" ]
  then ok install/uninstall; else bad install/uninstall "$err $(find "$PREFIX_T" -type f -o -type l)"; fi
fi
