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
#
# libasyncc embeds this file in its .debug_gdb_scripts section, so gdb loads
# it for every program linked with the runtime once the program's directory
# is trusted (add-auto-load-safe-path); `make install` also puts it in
# PREFIX/share/asyncc/ for `source`.  It reads the suspension-site tables
# the compiler emits (section ac__sites, struct ac__site in asyncc.h) and
# the runtime's live-task table (runtime/debug.c).
import re
import time

import gdb

WAITER_NAMES = {0: "nobody yet (its future is held)", 1: "nobody (completed)",
                2: "nobody (detached)", 3: "nobody (consumed)"}
SUFFIX = re.compile(r"__(resume(_\d+)?|run|ramp)$")


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


def _address_of(name):
    try:
        return int(gdb.parse_and_eval("(unsigned long)&%s" % name))
    except gdb.error:
        return 0


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
    return "a runtime task (%s)" % (name or "%#x" % resume)


def current_task():
    """(gdb frame, frame address) of the innermost async function's frame."""
    frame = gdb.selected_frame()
    while frame:
        try:
            fr = frame.read_var("ac__fr")
            return frame, int(fr)
        except (ValueError, gdb.error):
            frame = frame.older()
    return None, 0


def async_name(frame):
    name = frame.function().name if frame.function() else frame.name()
    return SUFFIX.sub("", name or "?")


class AsyncPrefix(gdb.Command):
    """Commands for asyncc's async functions: async bt, async next, async finish."""

    def __init__(self):
        super().__init__("async", gdb.COMMAND_STACK, prefix=True)


class AsyncBt(gdb.Command):
    """The chain of async tasks from the current one to the ac_wait or detach
that started it: each with the await it is suspended at."""

    def __init__(self):
        super().__init__("async bt", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        frame, task = current_task()
        if not task:
            print("not in an async function's resume code "
                  "(a ramp runs on its caller's stack: use bt)")
            return
        sal = frame.find_sal()
        where = "%s:%d" % (sal.symtab.filename, sal.line) if sal.symtab else "?"
        print("#0  %s at %s (running, frame %#x)" % (async_name(frame), where, task))
        n, seen = 1, set()
        waiter = _read_ptr(task + _ptr_size())
        while waiter not in seen:
            seen.add(waiter)
            if waiter in WAITER_NAMES:
                print("#%-2d %s" % (n, WAITER_NAMES[waiter]))
                return
            site = sites().get(_read_ptr(waiter))
            if not site:
                print("#%-2d %s" % (n, describe(waiter)))
                return
            print("#%-2d %s at %s:%d, suspended at %s (frame %#x)"
                  % (n, site.func, site.file, site.line, site.expr, waiter))
            n += 1
            waiter = _read_ptr(waiter + _ptr_size())


class InfoAsyncTasks(gdb.Command):
    """Every suspended async task: the await it is suspended at, what that
awaits, for how long, and who awaits it.  Needs the runtime's live-task
table: run the program with ASYNCC_DEBUG=1 or ASYNCC_DUMP=1."""

    def __init__(self):
        super().__init__("info async-tasks", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        try:
            on = bool(gdb.parse_and_eval("ac__debug"))
            table = int(gdb.parse_and_eval("(unsigned long)ac__debug_table"))
            cap = int(gdb.parse_and_eval("ac__debug_cap"))
            etype = gdb.lookup_type("struct ac__debug_entry")
        except gdb.error as e:
            print("no asyncc runtime with debug info here (%s)" % e)
            return
        if not on or not table:
            print("the live-task table is off: run the program with "
                  "ASYNCC_DEBUG=1 or ASYNCC_DUMP=1")
            return
        entries = gdb.Value(table).cast(etype.pointer())
        live = {}
        rows = []
        for i in range(cap):
            e = entries[i]
            if int(e["p"]) and bool(e["live"]):
                live[int(e["p"])] = e
        now = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
        for p, e in live.items():
            t = int(e["awaiting"])
            if not t or t not in live or _read_ptr(t + _ptr_size()) != p:
                continue
            site = sites().get(_read_ptr(p))
            name = "%s at %s:%d: %s" % (site.func, site.file, site.line, site.expr) \
                if site else "a task without a site table (%#x)" % p
            rows.append((int(e["since"]), "  %s\n      waits for %s, for %.0f ms; "
                         "awaited by %s" % (name, describe(t), (now - int(e["since"])) / 1e6,
                                            describe(_read_ptr(p + _ptr_size())))))
        rows.sort()
        print("%d suspended task%s" % (len(rows), "" if len(rows) == 1 else "s"))
        for _, text in rows:
            print(text)


def _function_lines(name):
    """[(line, pc)] of the user's lines of the function called name: its line
table entries without the header line (entry, dispatch on the state) and
the last line (the epilogue, also run when the function suspends)."""
    try:
        pc = int(gdb.parse_and_eval("(unsigned long)&%s" % name))
    except gdb.error:
        return []
    block = gdb.block_for_pc(pc)
    while block and not block.function:
        block = block.superblock
    symtab = gdb.find_pc_line(pc).symtab
    if not block or not symtab:
        return []
    entries = [(e.line, e.pc) for e in symtab.linetable()
               if block.start <= e.pc < block.end and e.line > 0]
    if not entries:
        return []
    last = max(entries, key=lambda e: e[1])[0]
    return [(l, p) for l, p in entries if l != block.function.line and l != last]


def _run_to(groups):
    """Continues until a point is hit; groups: [(pcs, condition or None)]."""
    bps = []
    for pcs, condition in groups:
        for pc in sorted(set(pcs)):
            bp = gdb.Breakpoint("*%#x" % pc, internal=True)
            bp.silent = True
            if condition:
                bp.condition = condition
            bps.append(bp)
    try:
        gdb.execute("continue")
    finally:
        for bp in bps:
            bp.delete()
    try:
        gdb.execute("frame")
    except gdb.error:
        pass


def _body_name(fn):
    """The function holding fn's body after an await: F__run or F__resume."""
    for name in (fn + "__run", fn + "__resume"):
        try:
            gdb.parse_and_eval("&" + name)
            return name
        except gdb.error:
            pass
    return None


def _resumed_in(waiter, after):
    """Where the async task waiter continues after its await: lines after
after in its body, filtered by its frame; [] if waiter is not a task."""
    site = sites().get(_read_ptr(waiter)) if waiter not in WAITER_NAMES else None
    if not site:
        return []
    body = _body_name(site.func)
    line = site.line if after is None else after
    return [([pc for l, pc in _function_lines(body) if l > line],
             "ac__fr == (void *)%#x" % waiter)]


class AsyncNext(gdb.Command):
    """Steps to the next line of the current async function, over an await
that suspends: stops where this task (same frame) continues, on whichever
worker thread resumes it; if the function completes, where its awaiter
continues.  In a ramp (before the function first suspends) the frame is
not known yet: it stops at the first task of the same function to reach
another line."""

    def __init__(self):
        super().__init__("async next", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        frame = gdb.selected_frame()
        fn = async_name(frame)
        line = frame.find_sal().line
        body = _body_name(fn)
        if not body:
            gdb.execute("next")
            return
        points = [pc for l, pc in _function_lines(body) if l != line]
        here = frame.name()
        if here != body:    # the ramp: its own next lines, any task
            points += [pc for l, pc in _function_lines(here) if l != line]
            _run_to([(points, None)])
            return
        _, task = current_task()
        waiter = _read_ptr(task + _ptr_size())
        _run_to([(points, "ac__fr == (void *)%#x" % task)] + _resumed_in(waiter, None))


class AsyncFinish(gdb.Command):
    """Runs until the task awaiting the current one has its result: stops
in that task's function, on the line after its await, in the same frame."""

    def __init__(self):
        super().__init__("async finish", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        _, task = current_task()
        if not task:
            gdb.execute("finish")
            return
        waiter = _read_ptr(task + _ptr_size())
        groups = _resumed_in(waiter, None)
        if not groups:
            print("the current task is awaited by %s: nothing to finish into"
                  % describe(waiter))
            return
        _run_to(groups)


class AsyncLocal(gdb.Function):
    """$async_local("name"): the local name of the current async function,
as a local of the function holding the code, or in its frame (ac__fr->name)
when it lives there only."""

    def __init__(self):
        super().__init__("async_local")

    def invoke(self, name):
        name = name.string()
        frame = gdb.selected_frame()
        try:
            return frame.read_var(name)
        except ValueError:
            pass
        f, task = current_task()
        if not task:
            raise gdb.GdbError("no local %s, and not in an async function" % name)
        fr_type = f.read_var("ac__fr").type
        return gdb.parse_and_eval("((%s)%#x)->%s" % (fr_type, task, name))


AsyncPrefix()
AsyncBt()
InfoAsyncTasks()
AsyncNext()
AsyncFinish()
AsyncLocal()
