# line_width.awk: the generated C's lines are at most 100 columns
# (tests/run.sh, "line mapping").  Usage:
#   awk -v src=DIALECT.c -v out=OUT.c -f line_width.awk DIALECT.c OUT.c
# A line that maps to the output itself (generated code) has no excuse; a
# line that maps to a line of the dialect file holds the user's code and
# may be as long as that line plus 60 columns of what asyncc adds around
# it (`__auto_type ac__f12 = (`, `return (ac_future_T){ .value = (`); the
# user's names count at their own length where asyncc renames them
# (ac__fr->x, ac__l_x, ac__static_F_x; (*(ac__T_x *)ac__fr->x) for a
# frame field of a type declared in the function).
# Prints each offending line as OUT:LINE: COLUMNS and exits 1 if any.
FNR == NR { width[FNR] = length($0); next }
/^#line [0-9]+ "/ || /^# [0-9]+ "/ {
  n = $2 + 0
  f = $0; sub(/^[^"]*"/, "", f); sub(/"[^"]*$/, "", f)
  map = f == out ? "gen" : f == src ? "src" : "other"
  line = n
  next
}
/^#line [0-9]+$/ { line = $2 + 0; next }   # the same file
{
  limit = 100
  if (map == "src" && width[line] + 60 > limit)
    limit = width[line] + 60
  text = $0
  if (map == "src") {
    gsub(/\(\*\(ac__T_[A-Za-z0-9_]+ \*\)/, "", text)
    gsub(/ac__fr->|ac__l_|ac__static_[A-Za-z0-9]+_/, "", text)
  }
  if (length(text) > limit) {
    printf "%s:%d: %d columns (maps to %s line %d)\n", out, FNR, length(text), map, line
    bad = 1
  }
  line++
}
END { exit bad }
