# gdb_hits.py: runs the program under gdb (breakpoints already set) and
# prints "HIT FUNCTION FILE:LINE" for each breakpoint stop, in order
# (tests/run.sh, "line mapping").
import gdb

hits = []


def on_stop(event):
    if isinstance(event, gdb.BreakpointEvent):
        frame = gdb.selected_frame()
        sal = frame.find_sal()
        name = sal.symtab.filename if sal.symtab else "?"
        hits.append("%s %s:%d" % (frame.name(), name, sal.line))


gdb.events.stop.connect(on_stop)
gdb.execute("run")
while True:
    try:
        gdb.execute("continue")
    except gdb.error:   # the program has exited
        break
for h in hits:
    print("HIT " + h)
