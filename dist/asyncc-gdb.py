# asyncc-gdb.py: gdb commands for programs built with asyncc (docs/debugging.md).
#
#   async bt           the chain of tasks awaiting the current one, up to the
#                      ac_wait (or detach) that started it
#   info async-tasks   every suspended task: where, what it awaits, how long
#                      (needs ASYNCC_DEBUG=1 or ASYNCC_DUMP=1 in the program)
#   async next         to the next line of this async function, over an await
#                      that suspends, whichever worker resumes it
#   async finish       to where the awaiting task resumes with this one's result
#   $async_local("x")  a local by its own name, also one that lives only in
#                      the frame (ac__fr->x)
#   async locals       every local of the current async function, the ones
#                      kept only in the frame included (said once on a stop
#                      in a function whose frame is allocated on entry)
#
# libasyncc embeds this file in its .debug_gdb_scripts section, so gdb loads
# it for every program linked with the runtime once the program's directory
# is trusted (add-auto-load-safe-path); `make install` also puts it in
# PREFIX/share/asyncc/ for `source`.  It reads the suspension-site tables
# the compiler emits (section ac__sites, struct ac__site in asyncc.h) and
# the runtime's live-task table (runtime/debug.c).
import re
import struct
import time

import gdb

WAITER_NAMES = {0: "nobody yet (its future is held)", 1: "nobody (completed)",
                2: "nobody (detached)", 3: "nobody (consumed)"}
# An async main is lowered as main__async (its plain main calls ac_wait on it).
RESUME = re.compile(r"__resume(_\d+|_at)?$")
SUFFIX = re.compile(r"(?<=^main)__async$|(?:(?<=^main)__async)?__(resume(_\d+)?|run|ramp|resume_at)$")


def _ptr_size():
    return gdb.lookup_type("void").pointer().sizeof


def _read_ptr(addr):
    n = _ptr_size()
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(addr, n)), "little")


def _read_u32(addr):
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(addr, 4)), "little")


def _string(addr):
    if not addr:
        return "?"
    return gdb.Value(addr).cast(gdb.lookup_type("char").pointer()).string()


_address_cache = {}


def _address_of(name):
    """A symbol's address, asked once per process (info async-tasks asks
for the site table's bounds at every task it describes)."""
    key = (gdb.selected_inferior().pid, name)
    if key not in _address_cache:
        if len(_address_cache) > 1000:
            _address_cache.clear()
        try:
            _address_cache[key] = int(gdb.parse_and_eval("(unsigned long)&%s" % name))
        except gdb.error:
            _address_cache[key] = 0
    return _address_cache[key]


class Site:
    def __init__(self, resume, func, file, expr, line, awaiting):
        self.resume, self.func, self.file = resume, func, file
        self.expr, self.line, self.awaiting = expr, line, awaiting


_sites_cache = {}


def sites():
    """resume function address -> Site, from __start_ac__sites..__stop_ac__sites."""
    start, stop = _address_of("__start_ac__sites"), _address_of("__stop_ac__sites")
    key = (gdb.selected_inferior().pid, start, stop)
    if key in _sites_cache:
        return _sites_cache[key]
    table = {}
    p = _ptr_size()
    size = 4 * p + 8
    addr = start
    while start and addr + size <= stop:
        resume = _read_ptr(addr)
        table[resume] = Site(resume, _string(_read_ptr(addr + p)),
                             _string(_read_ptr(addr + 2 * p)),
                             _string(_read_ptr(addr + 3 * p)),
                             _read_u32(addr + 4 * p), _read_u32(addr + 4 * p + 4))
        addr += size
    _sites_cache.clear()
    _sites_cache[key] = table
    return table


def function_at(pc):
    try:
        block = gdb.block_for_pc(pc)
        while block and not block.function:
            block = block.superblock
        if block:
            return block.function.name
    except RuntimeError:
        pass
    s = gdb.execute("info symbol %#x" % pc, to_string=True)
    return s.split()[0] if not s.startswith("No symbol") else None


def _runtime_struct(task, tag, resume):
    """*(struct tag *)task, the type looked up where the runtime's resume
function is (a program may have a struct of the same tag)."""
    stype = gdb.lookup_type("struct " + tag, gdb.block_for_pc(resume))
    return gdb.Value(task).cast(stype.pointer()).dereference()


def describe(task):
    """What a task is: an async function's frame by name, or a runtime task."""
    if task in WAITER_NAMES:
        return WAITER_NAMES[task]
    resume = _read_ptr(task)
    site = sites().get(resume)
    if site:
        return "task %s" % site.func
    name = function_at(resume)
    if name == "timer_resume":
        try:
            t = _runtime_struct(task, "timer", resume)
            left = (int(t["deadline"]) - time.clock_gettime_ns(time.CLOCK_MONOTONIC)) // 10**6
            return "a timer (ac_delay), " + ("due in %d ms" % left if left >= 0
                                             else "due %d ms ago" % -left)
        except gdb.error:
            return "a timer (ac_delay)"
    if name == "op_resume":
        try:
            op = _runtime_struct(task, "op", resume)
            kinds = ["ac_read", "ac_write", "ac_write_all", "ac_recv", "ac_send",
                     "ac_accept", "ac_connect"]
            return "I/O: %s on fd %d" % (kinds[int(op["kind"])], int(op["fd"]))
        except (gdb.error, IndexError):
            return "an I/O operation"
    if name == "promise_resume":
        return "a promise"
    if name == "waiter_resume":
        return "ac_wait"
    if name == "run_resume":
        return "an ac_run task"
    return _describe_combinator(task, resume, name)


# The runtime's own tasks, named by the call that made them.  A link task
# awaits one input of a combinator for it; the combinator's result (or, for
# ac_when_all, the join itself) is what the user's task awaits.
LINKS = {"all_link_resume": ("ac_when_all", "link", "join", "hdr"),
         "any_link_resume": ("ac_when_any", "link", "join", "result"),
         "input_resume": ("ac_timeout", "tlink", "j", "result"),
         "timer_link_resume": ("ac_timeout", "tlink", "j", "result")}


def _debug_size(task):
    """The size allocated for task, from the live-task table (on with
ASYNCC_DEBUG=1 or ASYNCC_DUMP=1), or None."""
    try:
        table = int(gdb.parse_and_eval("(unsigned long)ac__debug_table"))
        cap = int(gdb.parse_and_eval("ac__debug_cap"))
        entries = gdb.Value(table).cast(gdb.lookup_type("struct ac__debug_entry").pointer())
    except gdb.error:
        return None
    for i in range(cap if table else 0):
        if int(entries[i]["p"]) == task:
            return int(entries[i]["size"])
    return None


def _describe_wait(task, resume):
    """A wait node of sync.c (ac_lock, ac_sem_acquire, ac_event_wait, a
channel, ac_signal), or ac_timeout's result, which shares its resume
function but is only a header and a value."""
    try:
        node = _runtime_struct(task, "node", resume)
        if _debug_size(task) != node.type.sizeof:
            return "ac_timeout"
        removed = int(node["removed"])
        if removed and function_at(removed) == "sem_no_waiters":
            return "a mutex or semaphore (ac_lock, ac_sem_acquire)"
        if not int(node["owner"]):
            return "a signal (ac_signal)"
        return "an event or channel (ac_event_wait, ac_chan_send, ac_chan_recv)"
    except (gdb.error, gdb.MemoryError):
        return "a lock, event, channel, signal or timeout"


def _describe_combinator(task, resume, name):
    if name in LINKS:
        what, link_tag, join_field, result_field = LINKS[name]
        try:
            join = _runtime_struct(task, link_tag, resume)[join_field].dereference()
            result = join[result_field]
            result = int(result.address if result_field == "hdr" else result)
            return "%s, awaited by %s" % (what, describe(_read_ptr(result + _ptr_size())))
        except (gdb.error, gdb.MemoryError):
            return what
    if not resume:      # ac_when_all's join, or ac_when_any's result
        try:
            in_combine = int(gdb.parse_and_eval("(unsigned long)&all_link_resume"))
            join = _runtime_struct(task, "join", in_combine)
            if int(join["links"][0]["join"]) == task:
                left = int(join["unsettled"])
                return "ac_when_all (%d input%s pending)" % (left, "" if left == 1 else "s")
        except (gdb.error, gdb.MemoryError):
            pass
        return "ac_when_any"
    if name == "node_resume":
        return _describe_wait(task, resume)
    return "a runtime task"


def current_task(frame=None):
    """(gdb frame, frame address) of the innermost async function's frame,
from frame (default: the selected one) outwards.  A run function whose
ac__fr is NULL is in its ramp's part (no frame yet): skipped."""
    frame = frame or gdb.selected_frame()
    while frame:
        fr = _task_here(frame)
        if fr:
            return frame, fr
        frame = frame.older()
    return None, 0


def async_name(frame):
    name = frame.function().name if frame.function() else frame.name()
    return SUFFIX.sub("", name or "?")


def _clean_errors(invoke):
    """A gdb.error in a command (no process, no frame, memory not readable)
becomes one line, "COMMAND: message", instead of a Python traceback."""
    def wrapper(self, *args):
        try:
            return invoke(self, *args)
        except gdb.GdbError:
            raise
        except (gdb.error, gdb.MemoryError, RuntimeError, ValueError, TypeError) as e:
            raise gdb.GdbError("%s: %s" % (self.NAME, e))
    return wrapper


def _in_ramp_call(frame):
    """Whether frame, a run function with a frame (ac__fr not NULL), was
called by its ramp: ac__state is 0 there (the lowering never writes it),
as in a function whose frame is allocated on entry, before its first
suspension.  A resumed task's run function has a state from 1 on."""
    try:
        return int(frame.read_var("ac__state")) == 0
    except (ValueError, gdb.error):
        return False


def _ramp_frames(frame):
    """The frames of an async function's ramp (the part before its first
suspension, on its caller's stack: F__run called by F or F__ramp with
ac__state 0, and ac__fr NULL or, for a function whose frame is allocated
on entry, that frame), from frame on, innermost first; [] if frame is not
in a ramp."""
    frames = []
    name = None
    wrapper = False
    while frame:
        try:
            if int(frame.read_var("ac__fr")) and not _in_ramp_call(frame):
                break                   # a task's code: not a ramp
        except (ValueError, gdb.error):
            pass
        raw = frame.name() or ""
        if raw == "main" or RESUME.search(raw):
            break                       # an async main's plain wrapper, a resumption
        if wrapper and raw.endswith("__run"):
            break                       # a recursive call's caller: another ramp
        fn = async_name(frame)
        if name is None:
            if not _body_name(fn):
                break
            name = fn
        elif fn != name:
            break
        wrapper = wrapper or not raw.endswith("__run")
        frames.append(frame)
        frame = frame.older()
    return frames


def _where(frame):
    sal = frame.find_sal()
    return "%s:%d" % (sal.symtab.filename, sal.line) if sal.symtab else "?"


def _ramp_state(frames):
    """How a ramp's state reads in async bt and async finish."""
    for f in frames:
        fr = _task_here(f)
        if fr:
            how = "allocated on entry" if _frame_on_entry(async_name(f), f.pc()) else \
                "made when it suspended"
            return "running, frame %#x %s" % (fr, how)
    return "running, no frame yet"


class AsyncPrefix(gdb.Command):
    """Commands for asyncc's async functions: async bt, async next, async finish."""

    def __init__(self):
        super().__init__("async", gdb.COMMAND_STACK, prefix=True)


class AsyncBt(gdb.Command):
    """The chain of async tasks from the current one to the ac_wait or detach
that started it: each with the await it is suspended at.  In a ramp (before
the function's first suspension) the function comes first, "running, no
frame yet", then the chain of the task whose code called it."""
    NAME = "async bt"

    def __init__(self):
        super().__init__("async bt", gdb.COMMAND_STACK)

    @_clean_errors
    def invoke(self, arg, from_tty):
        start = gdb.selected_frame()
        while start and not _task_here(start) and not _ramp_frames(start):
            start = start.older()       # plain C called from async code
        if not start:
            print("not in an async function (no task and no ramp here: use bt)")
            return
        self._chain(start, 0)

    def _chain(self, start, n):
        """Prints the ramps from start, then the chain of the task their
caller runs, numbered from n; returns the next number."""
        ramp = _ramp_frames(start)
        while ramp:     # ramps calling ramps: awaits not suspended yet
            print("#%-2d %s at %s (%s)"
                  % (n, async_name(ramp[0]), _where(ramp[0]), _ramp_state(ramp)))
            n += 1
            start = ramp[-1].older()
            ramp = _ramp_frames(start) if start else []
        frame, task = current_task(start) if start else (None, 0)
        if not task:
            if n:
                caller = start.name() if start else None
                print("#%-2d called from %s (not an async task)" % (n, caller or "?"))
            else:
                print("not in an async function (no task and no ramp here: use bt)")
            return n + 1
        print("#%-2d %s at %s (running, frame %#x)" % (n, async_name(frame), _where(frame), task))
        n, seen = n + 1, set()
        waiter = _read_ptr(task + _ptr_size())
        while waiter not in seen:
            seen.add(waiter)
            if waiter == 0:
                own = _own_ramp_below(frame, task)
                if own:         # its ramp has not returned its future yet
                    print("    resumed in place, on its ramp's stack: the ramp has not "
                          "returned its future yet, to:")
                    return self._chain(own[-1].older(), n)
            if waiter in WAITER_NAMES:
                print("#%-2d %s" % (n, WAITER_NAMES[waiter]))
                return n + 1
            site = sites().get(_read_ptr(waiter))
            if not site:
                print("#%-2d %s" % (n, describe(waiter)))
                return n + 1
            print("#%-2d %s at %s:%d, suspended at %s (frame %#x)"
                  % (n, site.func, site.file, site.line, site.expr, waiter))
            n += 1
            waiter = _read_ptr(waiter + _ptr_size())
        return n


def _own_ramp_below(frame, task):
    """The ramp frames, further down frame's stack, of the call that made
task: a task resumed in place (its await's future completed while it
suspended) runs on top of that ramp, which has not returned yet (its run
function's ac__fr is the task since it boxed its frame); None if none."""
    f = frame.older()
    while f:
        if _in_ramp_call(f) and _task_here(f) == task:
            return _ramp_frames(f)
        f = f.older()
    return None


def _to_ramp_caller(fn, outer, how):
    """Runs to where the ramp frame outer returns its future, says fn
completed (how) and stays there, in the caller."""
    back = _RampReturn(outer) if outer.older() else None
    if not back:
        print("%s %s: its result goes to its ramp's caller" % (fn, how))
        return
    stopped, _, future = _continue_catching([], back)
    if not back.returned or _by_user(stopped):
        return                  # stopped elsewhere first: gdb showed it
    print("%s %s: back in its caller, which has the result%s" % (fn, how, _ready_value(future)))
    gdb.execute("frame")


def _say_returned(fn, future):
    """What the future a ramp of fn returned to its caller says."""
    task = int(future["task"]) if future is not None else 0
    if not task:
        how = "completed in its ramp, without suspending"
    elif _read_ptr(task + _ptr_size()) == 1:
        how = "completed (task %#x) before its ramp returned" % task
    else:
        print("%s suspended (task %#x): back in its caller, which holds its future"
              % (fn, task))
        return
    print("%s %s: back in its caller, which has the result%s" % (fn, how, _ready_value(future)))


def _ready_value(future):
    """": V" for a completed future's value, "" if it has none or its task
holds it."""
    if future is None:
        return ""
    names = [f.name for f in future.type.fields()]
    return ": %s" % future["value"] if "value" in names and not int(future["task"]) else ""


class InfoAsyncTasks(gdb.Command):
    """Every suspended async task: the await it is suspended at, what that
awaits, for how long, and who awaits it.  Needs the runtime's live-task
table: run the program with ASYNCC_DEBUG=1 or ASYNCC_DUMP=1."""

    NAME = "info async-tasks"

    def __init__(self):
        super().__init__("info async-tasks", gdb.COMMAND_STATUS)

    @_clean_errors
    def invoke(self, arg, from_tty):
        if gdb.selected_inferior().pid == 0:
            print("info async-tasks: the program is not running")
            return
        try:
            on = bool(gdb.parse_and_eval("ac__debug"))
            table = int(gdb.parse_and_eval("(unsigned long)ac__debug_table"))
            cap = int(gdb.parse_and_eval("ac__debug_cap"))
            etype = gdb.lookup_type("struct ac__debug_entry")
        except gdb.error as e:
            print("no asyncc runtime with debug info here (%s)" % e)
            return
        if not on or not table:
            print("the live-task table is off, or the runtime has not started "
                  "yet (no task made so far): run the program with "
                  "ASYNCC_DEBUG=1 or ASYNCC_DUMP=1")
            return
        live = _live_entries(table, cap, etype)
        rows = []
        now = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
        for p, (t, since) in live.items():
            if not t or t not in live or _read_ptr(t + _ptr_size()) != p:
                continue
            site = sites().get(_read_ptr(p))
            name = "%s at %s:%d: %s" % (site.func, site.file, site.line, site.expr) \
                if site else "a task without a site table (%#x)" % p
            rows.append((since, "  %s\n      waits for %s, for %.0f ms; "
                         "awaited by %s" % (name, describe(t), (now - since) / 1e6,
                                            describe(_read_ptr(p + _ptr_size())))))
        rows.sort()
        print("%d suspended task%s" % (len(rows), "" if len(rows) == 1 else "s"))
        for _, text in rows:
            print(text)


def _live_entries(table, cap, etype):
    """task -> (the task it awaits, since when), for the live entries of
the runtime's table: read in one piece and unpacked here (a gdb.Value per
entry took 8 s for 20,000 tasks)."""
    offset = {f.name: f.bitpos // 8 for f in etype.fields()}
    size = etype.sizeof
    mem = bytes(gdb.selected_inferior().read_memory(table, cap * size))
    word = "=Q" if _ptr_size() == 8 else "=I"   # the native order (a native debugger)
    live = {}
    for base in range(0, cap * size, size):
        p = struct.unpack_from(word, mem, base + offset["p"])[0]
        if p and mem[base + offset["live"]]:
            live[p] = (struct.unpack_from(word, mem, base + offset["awaiting"])[0],
                       struct.unpack_from("=Q", mem, base + offset["since"])[0])
    return live


def _function_address(name, near=None):
    """The address of the function called name: the one seen from the code
at near if given (a static function of that file: two files may each
have a static F__run), else the one the selected frame sees; None."""
    if near:
        try:
            block = gdb.block_for_pc(near)
            sym = gdb.lookup_symbol(name, block)[0] if block else None
            if sym and sym.addr_class == gdb.SYMBOL_LOC_BLOCK:
                return int(sym.value().address)
        except (RuntimeError, gdb.error):
            pass
    try:
        return int(gdb.parse_and_eval("(unsigned long)&%s" % name))
    except gdb.error:
        return None


def _function_lines(name, near=None, header=False):
    """[(line, pc)] of the user's lines of the function called name (as
_function_address finds it): its line
table entries in the user's file, without the header line (entry, dispatch
on the state) and the line of its last instruction if that is in the
user's file (an epilogue, also run when the function suspends).  The
generated code's own lines (the frame's save and restore, the completion)
are in the generated file, another symtab: a `return` line stays in."""
    pc = _function_address(name, near)
    if pc is None:
        return []
    block = gdb.block_for_pc(pc)
    while block and not block.function:
        block = block.superblock
    symtab = gdb.find_pc_line(pc).symtab
    if not block or not symtab:
        return []
    entries = [(e.line, e.pc) for e in symtab.linetable()
               if block.start <= e.pc < block.end and e.line > 0]
    end = gdb.find_pc_line(block.end - 1)
    epilogue = end.line if end.symtab and end.symtab.filename == symtab.filename else None
    if header:      # its header line too, after the entry (a one-line function)
        return [(l, p) for l, p in entries if p > block.start and l != epilogue]
    return [(l, p) for l, p in entries if l != block.function.line and l != epilogue]


_stopped_at = []    # the numbers of the breakpoints of the last stop
_ignores = {}       # the user's breakpoints' ignore counts at the continue


def _note_stop(event):
    """gdb.events.stop: which breakpoints stopped the program (taken now: a
temporary one is gone by the time the command looks).  A user's
breakpoint whose ignore count went down was passed over, not stopped at
(gdb lists it when one of ours stops at the same place)."""
    _stopped_at[:] = [bp.number for bp in getattr(event, "breakpoints", None) or []
                      if bp.number < 0 or bp.ignore_count >= _ignores.get(bp.number, 0)]


gdb.events.stop.connect(_note_stop)


def _continue():
    """continue; returns the numbers of the breakpoints it stopped at
(none: a signal, the end, an error)."""
    _stopped_at[:] = []
    _ignores.clear()
    _ignores.update({bp.number: bp.ignore_count for bp in gdb.breakpoints()})
    gdb.execute("continue")
    return list(_stopped_at)


def _by_user(stopped):
    """Whether a user's breakpoint (a positive number; internal ones are
negative) stopped the program: gdb showed the stop, and the command
stops there too."""
    return any(n > 0 for n in stopped)


def _continue_catching(bps, back):
    """Continues with the breakpoints bps and back (a _RampReturn, or None)
set, then deletes them.  Returns the numbers of the breakpoints of the
stop, whether one of these was among them, and the future back caught
(None if it did not)."""
    mine = bps + ([back] if back else [])
    numbers = {bp.number for bp in mine}
    try:
        stopped = _continue()
        future = back.return_value if back is not None and back.returned else None
    finally:
        for bp in mine:
            if bp.is_valid():
                bp.delete()
    return stopped, bool(numbers & set(stopped)), future


def _run_to(groups, extra=()):
    """Continues until a point is hit; groups: [(pcs, condition or None)];
extra: more breakpoints (specs, condition) whose hit is returned.  Returns
the breakpoint spec hit among extra, or None."""
    bps = []
    mine = {}
    for pcs, condition in groups:
        for pc in sorted(set(pcs)):
            bp = gdb.Breakpoint("*%#x" % pc, internal=True)
            bp.silent = True
            if condition:
                bp.condition = condition
            bps.append(bp)
    for spec, condition in extra:
        bp = gdb.Breakpoint(spec, internal=True)
        bp.silent = True
        if condition:
            bp.condition = condition
        bps.append(bp)
        mine[bp.number] = spec
    try:
        stopped = _continue()
    finally:
        for bp in bps:
            if bp.is_valid():
                bp.delete()
    if _by_user(stopped):
        return None             # the user's breakpoint: stop there, shown
    hit = next((mine[n] for n in stopped if n in mine), None)
    if hit is None and stopped:  # one of ours (else a signal or the end,
        try:                    # which gdb showed)
            gdb.execute("frame")
        except gdb.error:
            pass
    return hit


def _body_name(fn, near=None):
    """The function holding fn's body after an await: F__run or F__resume
(seen from near, as _function_address)."""
    base = "main__async" if fn == "main" else fn   # see SUFFIX
    for name in (base + "__run", base + "__resume"):
        if _function_address(name, near) is not None:
            return name
    return None


def _resumed_in(waiter, after):
    """Where the async task waiter continues after its await: the lines of
its body other than the await's (or after's), filtered by its frame (a
loop's next line may come before the await; none for a function whose
only line is the await's: only its completion stops it then); None if
waiter is not a task."""
    site = sites().get(_read_ptr(waiter)) if waiter not in WAITER_NAMES else None
    if not site:
        return None
    body = _body_name(site.func, site.resume)   # its own file's
    if not body:
        return None
    line = site.line if after is None else after
    pcs = [pc for l, pc in _function_lines(body, site.resume) if l != line]
    return [(pcs, "ac__fr == (void *)%#x" % waiter)]


def _task_here(frame):
    """The frame (ac__fr) of an async function's run function, 0 in its
ramp's call or in any other function (asyncc.h's helpers, which also
name a parameter ac__fr)."""
    if not (frame.name() or "").endswith("__run"):
        return 0
    try:
        return int(frame.read_var("ac__fr"))
    except (ValueError, gdb.error):
        return 0


def _task_function(task):
    """The async function of a suspended task, by its await's site."""
    site = sites().get(_read_ptr(task)) if task not in WAITER_NAMES else None
    return site.func if site else None


def _to_awaiter(name, task):
    """task (of the async function name) is completing, stopped in
ac__task_complete: runs on to where its awaiter continues, or says why
not and stays."""
    waiter = _read_ptr(task + _ptr_size())
    own = _own_ramp_below(gdb.selected_frame(), task) if waiter == 0 else None
    if own:     # resumed in place: its ramp returns it to the caller
        _to_ramp_caller(name, own[-1], "completed in place, in its ramp's call")
        return
    groups = _resumed_in(waiter, None)
    if groups is None:
        print("%s completed (task %#x); its result goes to %s: stopped in "
              "ac__task_complete" % (name, task, describe(waiter)))
        gdb.execute("frame")
        return
    _follow(groups, waiter)


def _follow(groups, waiter):
    """Runs to the lines groups names, where the task waiter continues; if
waiter completes first (`return await g()`: no other line runs), on to
where its own awaiter continues, and so on up the chain."""
    name = _task_function(waiter)
    if _run_to(groups, [(COMPLETE, "(unsigned long)t == %#x" % waiter)]) == COMPLETE:
        _to_awaiter(name or "?", waiter)


COMPLETE = "ac__task_complete"
FRAME_FREE = "ac__frame_free"
SUSPEND = "ac__suspend"


class AsyncNext(gdb.Command):
    """Steps to the next line of the current async function, over an await
that suspends: stops where this task (same frame) continues, on whichever
worker thread resumes it, a `return` line included; if the function
completes, where its awaiter continues (or, awaited by ac_wait or nobody,
in ac__task_complete, saying so).  In a ramp (before the function first
suspends) the frame is not known yet: it stops at the ramp's next line
in the same stack frame, follows the task from the ramp's call of
ac__suspend, or stops where the ramp returns a completed function's
future (_ramp_next); from F or F__ramp, see _into_body."""
    NAME = "async next"

    def __init__(self):
        super().__init__("async next", gdb.COMMAND_RUNNING)

    @_clean_errors
    def invoke(self, arg, from_tty):
        frame = gdb.selected_frame()
        fn = async_name(frame)
        body = _body_name(fn)
        if not body:
            gdb.execute("next")
            return
        if not (frame.name() or "").endswith("__run"):
            # F, F__ramp (or an async main's main): the run function it
            # called, if any (`up` from it), else its first line.
            f = frame.newer()
            while f is not None and async_name(f) == fn and \
                    not (f.name() or "").endswith("__run"):
                f = f.newer()
            if f is None or async_name(f) != fn:
                self._into_body(fn, frame, body)
                return
            frame = f
        line = frame.find_sal().line
        task = _task_here(frame)
        points = [pc for l, pc in _function_lines(body) if l != line]
        if not task:        # the ramp: its own next lines, this stack frame
            mine = points + [pc for l, pc in _function_lines(frame.name()) if l != line]
            task = self._ramp_next(fn, frame, _ramp_frames(frame), mine)
            if not task:
                return
            # It is suspending (stopped in ac__suspend, called by the ramp):
            # its frame is known now; it continues in place (the awaited
            # future completed meanwhile) or later on a worker, as below.
            freed = []
        else:
            # In the ramp of a function whose frame is allocated on entry,
            # the function may also complete without suspending: the ramp
            # frees the frame and returns the value to its caller.
            freed = [(FRAME_FREE, "frame == (void *)%#x" % task)] if _ramp_frames(frame) else []
        hit = _run_to([(points, "ac__fr == (void *)%#x" % task)],
                      [(COMPLETE, "(unsigned long)t == %#x" % task)] + freed)
        if hit == COMPLETE:
            _to_awaiter(fn, task)
        elif hit == FRAME_FREE:
            print("%s completed in its ramp, without suspending: finishing to its "
                  "caller, which has the result" % fn)
            ramp = _ramp_frames(gdb.selected_frame().older())
            if ramp:
                ramp[-1].select()
                gdb.execute("finish")

    @staticmethod
    def _into_body(fn, frame, body):
        """From a ramp's entry (frame: F, F__ramp, an async main's main):
runs to the first line of the run function it calls, or, if it calls
none (its run function already returned), to where frame returns the
function's future to its caller."""
        pcs = [pc for l, pc in _function_lines(body, header=True)]
        stops = [_FrameStop("*%#x" % pc, frame, callers=3) for pc in sorted(set(pcs))]
        outer = (_ramp_frames(frame) or [frame])[-1]   # F__ramp's caller is F
        back = _RampReturn(outer) if outer.older() else None
        stopped, ours, future = _continue_catching(stops, back)
        if _by_user(stopped) or not ours:
            return              # gdb showed where it stopped
        if back and back.returned:
            _say_returned(fn, future)
        gdb.execute("frame")

    @staticmethod
    def _ramp_next(fn, frame, ramp, points):
        """From a ramp with no frame yet (frame, whose ramp frames are
ramp): runs to the ramp's next line in this stack frame (not a recursive
call's, nor another thread's ramp), to its call of ac__suspend (the
function suspends: returns the task, whose next line is wanted), or to
where the ramp returns its future (completed without suspending: stops
there, in the caller, and says so).  Returns 0 after any other stop."""
        stops = [_FrameStop("*%#x" % pc, frame) for pc in sorted(set(points))]
        try:
            suspending = _SuspendStop(frame)
        except gdb.error:       # no ac__suspend known (built without -g)
            suspending = None
        back = _RampReturn(ramp[-1]) if ramp and ramp[-1].older() else None
        stopped, ours, future = _continue_catching(stops + ([suspending] if suspending else []),
                                                   back)
        if _by_user(stopped):
            return 0            # the user's breakpoint: stop there, shown
        if suspending and suspending.suspended:
            return suspending.suspended
        if not (back and back.returned):
            if ours:            # else gdb showed where it stopped
                gdb.execute("frame")
            return 0
        task = int(future["task"]) if future is not None else 0
        if task and _read_ptr(task + _ptr_size()) != 1:
            return task         # it suspended (its ac__suspend not seen): follow it
        _say_returned(fn, future)
        gdb.execute("frame")
        return 0


class _SuspendStop(gdb.Breakpoint):
    """Stops in ac__suspend called from one stack frame (a ramp's run
function suspending); suspended is then the frame it suspends (not
"task": gdb.Breakpoint.task is an Ada task's number)."""
    def __init__(self, frame):
        super().__init__(SUSPEND, internal=True)
        self.silent = True
        self.frame = frame
        self.suspended = 0

    def stop(self):
        try:
            here = gdb.newest_frame()
            if here.older() != self.frame:
                return False
            self.suspended = int(here.read_var("ac__fr"))
            return True
        except (ValueError, gdb.error):
            return False


class _FrameStop(gdb.Breakpoint):
    """A breakpoint that stops only in one stack frame (gdb.Frame compares
by frame id: stack address and function), not in a recursive call of the
same function nor in another thread's."""
    def __init__(self, spec, frame, callers=0):
        super().__init__(spec, internal=True)
        self.silent = True
        self.frame = frame
        self.callers = callers      # or in a function frame called, up to so deep

    def stop(self):
        try:
            f = gdb.newest_frame()
            for _ in range(self.callers + 1):
                if f is None:
                    return False
                if f == self.frame:
                    return True
                f = f.older()
        except gdb.error:
            pass
        return False


class _RampReturn(gdb.FinishBreakpoint):
    """Stops where a ramp returns its future to the caller; returned tells
whether it did (return_value is then the future)."""
    def __init__(self, frame):
        super().__init__(frame, internal=True)
        self.silent = True
        self.returned = False

    def stop(self):
        self.returned = True
        return True

    def out_of_scope(self):
        pass


class AsyncFinish(gdb.Command):
    """Runs until the task awaiting the current one has its result: stops
in that task's function, on the line after its await, in the same frame.
In a ramp (before the function first suspends) it finishes the ramp: back
in its caller, which has the function's future."""
    NAME = "async finish"

    def __init__(self):
        super().__init__("async finish", gdb.COMMAND_RUNNING)

    @_clean_errors
    def invoke(self, arg, from_tty):
        start = gdb.selected_frame()
        while start and not _task_here(start) and not _ramp_frames(start):
            start = start.older()       # plain C called from async code
        ramp = _ramp_frames(start) if start else []
        if ramp:
            print("%s is in its ramp (%s): finishing to its caller"
                  % (async_name(ramp[0]), _ramp_state(ramp)))
            ramp[-1].select()
            gdb.execute("finish")
            return
        frame, task = current_task()
        if not task:
            gdb.execute("finish")
            return
        waiter = _read_ptr(task + _ptr_size())
        if waiter in WAITER_NAMES:
            # Not awaited yet: whoever awaits it when it completes.
            name = async_name(frame)   # before running: frame is stale after
            if _run_to([], [(COMPLETE, "(unsigned long)t == %#x" % task)]):
                _to_awaiter(name, task)
            return
        groups = _resumed_in(waiter, None)
        if groups is None:
            print("the current task is awaited by %s: nothing to finish into"
                  % describe(waiter))
            return
        _follow(groups, waiter)


_on_entry_cache = {}


def _frame_on_entry(fn, near=None):
    """Whether async function fn's frame is allocated on entry (a local's
address is taken, or a compound literal's outlives an await): then every
local kept across an await, parameters included, lives only in the frame
(ac__fr->x); the run function's parameters are copies made at the call.
Such a function frees its frame when its ramp returns without suspending,
the only run function that calls ac__frame_free (lower.c, put_finish);
its code is read once (at -O2 the run function is inlined into the ramp),
found from the code at near (two files may each have a static fn)."""
    base = "main__async" if fn == "main" else fn
    addr = None
    for name in (base + "__run", base, base + "__ramp"):
        addr = _function_address(name, near)
        if addr is not None:
            break
    key = (gdb.selected_inferior().pid, addr if addr is not None else base)
    if key not in _on_entry_cache:
        found = False
        if addr is not None:
            try:
                found = "ac__frame_free" in gdb.execute("disassemble %#x" % addr,
                                                        to_string=True)
            except gdb.error:
                pass
        _on_entry_cache[key] = found
    return _on_entry_cache[key]


def _frame_fields(fr_type):
    """The user's locals among the fields of a frame type (through its
anonymous structs and unions), in declaration order: the lowering's own
fields are named ac__..."""
    names = []
    for field in fr_type.target().strip_typedefs().fields():
        if not field.name:
            names += _frame_fields(field.type.pointer())
        elif not field.name.startswith("ac__"):
            names.append(field.name)
    return names


def _declared_in_function(frame, name):
    """Whether name is a local or parameter of frame's function (in a block
around its pc), not a global that read_var would find as well."""
    block = frame.block()
    while block:
        if any(sym.name == name and (sym.is_variable or sym.is_argument) for sym in block):
            return True
        if block.function:
            return False
        block = block.superblock
    return False


def _user_local(frame, name):
    """The value of name as a local the user's code declares in frame's
function (not optimized out), or None."""
    try:
        if not _declared_in_function(frame, name):
            return None
        local = frame.read_var(name)
    except (ValueError, RuntimeError):
        return None
    sym = gdb.lookup_symbol(name, frame.block())[0]
    fn = frame.function()
    # A local declared in the generated file (not the user's) is the
    # lowering's own; the frame's field is the user's value.
    if sym and fn and sym.symtab and fn.symtab and sym.symtab.filename != fn.symtab.filename:
        return None
    return None if local.is_optimized_out else local


class AsyncLocal(gdb.Function):
    """$async_local("name"): the local name of the current async function:
the frame's field (ac__fr->name) in a function whose frame is allocated on
entry, where every kept local lives (parameters included: the run
function's are copies); else a local of the function holding the code if
the user's code declares it there and it is not optimized out; else the
frame's field, where a parameter and a local that lives across an await
are kept."""

    def __init__(self):
        super().__init__("async_local")

    def invoke(self, *args):
        try:
            if len(args) != 1:
                raise gdb.error("takes one argument, a local's name in quotes")
            name = args[0].string()
            return self._find(name)
        except gdb.GdbError:
            raise
        except (gdb.error, gdb.MemoryError, RuntimeError) as e:
            raise gdb.GdbError("$async_local: %s" % e)

    @staticmethod
    def _find(name):
        frame = gdb.selected_frame()
        try:
            frame.read_var(name)
            declared = True
        except ValueError:
            declared = False
        f, task = current_task()
        # A resumed task's run function gets a parameter its frame does not
        # keep as a placeholder (0): its value is gone.
        if (task and f == frame and not _in_ramp_call(frame) and declared and
                _is_parameter(frame, name) and
                name not in _frame_fields(f.read_var("ac__fr").type)):
            raise gdb.GdbError("$async_local: %s is not live here: %s's frame does "
                               "not keep it (a parameter not used after an await: its "
                               "value is gone, the run function's is a placeholder; "
                               "see asyncc --explain)" % (name, async_name(f)))
        on_entry = task and f == frame and _frame_on_entry(async_name(f), f.pc())
        if on_entry and name in _frame_fields(f.read_var("ac__fr").type):
            local = None
        else:
            local = _user_local(frame, name)
        if local is not None:
            return local
        if not task:
            raise gdb.GdbError("$async_local: no local %s here, and not in an "
                               "async function's task" % name)
        fr_type = f.read_var("ac__fr").type
        try:
            return gdb.parse_and_eval("((%s)%#x)->%s" % (fr_type, task, name))
        except gdb.error:
            if not declared:
                raise gdb.GdbError("$async_local: no local %s here, nor in %s's frame"
                                   % (name, async_name(f)))
            raise gdb.GdbError("$async_local: %s is not live here: %s's frame does "
                               "not keep it (not used after an await: see asyncc "
                               "--explain)" % (name, async_name(f)))


def _visible_locals(frame):
    """The names the user's code declares in frame's blocks around its pc
(and its parameters), innermost first, as `info locals` would list them."""
    names, block = [], frame.block()
    fn = frame.function()
    while block:
        for sym in block:
            if ((sym.is_variable or sym.is_argument) and not sym.name.startswith("ac__") and
                    sym.name not in names and sym.symtab and fn and fn.symtab and
                    sym.symtab.filename == fn.symtab.filename):
                names.append(sym.name)
        if block.function:
            break
        block = block.superblock
    return names


class AsyncLocals(gdb.Command):
    """The current async function's locals by their own names, as
$async_local reads them: those the user's code declares around this line,
then those kept only in the task's frame (ac__fr->x), which `print x` does
not find: the locals of a function whose frame is allocated on entry (a
local's address is taken).  Fields of blocks other than the current one
may share bytes with it: such a value is meaningful only in its block."""
    NAME = "async locals"

    def __init__(self):
        super().__init__("async locals", gdb.COMMAND_STACK)

    @_clean_errors
    def invoke(self, arg, from_tty):
        frame = gdb.selected_frame()
        f, task = current_task()
        fields = _frame_fields(f.read_var("ac__fr").type) if task and f == frame else []
        names = _visible_locals(frame)
        names += [n for n in fields if n not in names]
        if not names:
            print("no locals")
            return
        for name in names:
            try:
                value = AsyncLocal._find(name)
            except gdb.GdbError as e:
                print("%s: %s" % (name, str(e).split(": ", 1)[-1]))
                continue
            in_frame = name in fields and (_frame_on_entry(async_name(frame), frame.pc()) or
                                           _user_local(frame, name) is None)
            print("%s = %s%s" % (name, value, "   (in the frame: $async_local(\"%s\"))"
                                 % name if in_frame else ""))


_hinted = set()


def _is_parameter(frame, name):
    sym = gdb.lookup_symbol(name, frame.block())[0]
    return bool(sym and sym.is_argument)


def _hint_frame_locals(event):
    """On a stop in a function whose frame is allocated on entry, says once
per function where its locals are: `print x` finds none of them (or, for
a parameter, the copy made at the call)."""
    try:
        frame = gdb.selected_frame()
        fr = _task_here(frame)
        fn = async_name(frame)
        if not fr or fn in _hinted or not _frame_on_entry(fn, frame.pc()):
            return
        names = _frame_fields(frame.read_var("ac__fr").type)
        if not names:
            return
        _hinted.add(fn)
        params = [n for n in names if _is_parameter(frame, n)]
        print("asyncc: %s's frame is allocated on entry (an address is taken): %s %s "
              "only there, where print does not look%s; `async locals` lists %s, "
              "`print $async_local(\"%s\")` prints one"
              % (fn, "its local" if len(names) == 1 else "its locals", ", ".join(names) +
                 (" lives" if len(names) == 1 else " live"),
                 " (print %s shows the copy the call was made with)" % params[0]
                 if params else "", "it" if len(names) == 1 else "them", names[0]))
    except Exception:   # a hint must never get in the way of a stop
        pass


gdb.events.stop.connect(_hint_frame_locals)
AsyncPrefix()
AsyncBt()
InfoAsyncTasks()
AsyncNext()
AsyncFinish()
AsyncLocal()
AsyncLocals()
