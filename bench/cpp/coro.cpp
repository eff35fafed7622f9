// coro.cpp (C++20) - the C++20 coroutine baselines for metrics 3 and 4,
// built with g++ and clang++ at -std=c++20 -O2.
//
//   coro yield N    one coroutine does `co_await yield()` N times; yield()
//                   puts the handle at the back of a FIFO run queue that
//                   main drains (suspend_resume_*)
//   coro child N    a task awaits N times a child task<long> that itself
//                   suspends once on yield(); the child runs lazily and
//                   hands control back with symmetric transfer
//                   (await_suspending_child_*)
//   coro spawn N    a spawner starts N fire-and-forget coroutines, each
//                   does `co_await yield()`, adds to a sum and counts
//                   down; the spawner yields every 128 so that the ring
//                   stays bounded (spawn_*)
//   coro tasks N    memory per suspended task: N events (one each), then N
//                   fire-and-forget coroutines each suspended on its event;
//                   prints "<bytes per task> <bytes per event>" from RSS,
//                   then completes every event and checks all finished
//
// The scheduler is a single-threaded ring buffer of coroutine handles: the
// least a C++ program needs, so the figure is the coroutine machinery's.
// Prints ns per iteration for yield and child.
#include <coroutine>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <unistd.h>
#include <vector>

static double now_ns()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static long rss()
{
    long pages = 0, res = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f || fscanf(f, "%ld %ld", &pages, &res) != 2)
        res = 0;
    if (f)
        fclose(f);
    return res * sysconf(_SC_PAGESIZE);
}

// --- the run queue ----------------------------------------------------
struct run_queue {
    std::vector<std::coroutine_handle<>> ring = std::vector<std::coroutine_handle<>>(1024);
    size_t head = 0, tail = 0;
    void push(std::coroutine_handle<> h) { ring[tail++ & 1023] = h; }
    void run()
    {
        while (head != tail)
            ring[head++ & 1023].resume();
    }
} queue;

struct yield {
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept { queue.push(h); }
    void await_resume() noexcept {}
};

// --- a minimal lazy task with symmetric transfer ------------------------
template <class T> struct task {
    struct promise_type {
        T value{};
        std::coroutine_handle<> continuation;
        task get_return_object() { return task{handle::from_promise(*this)}; }
        std::suspend_always initial_suspend() noexcept { return {}; }
        struct final_awaiter {
            bool await_ready() noexcept { return false; }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept
            {
                auto c = h.promise().continuation;
                return c ? c : std::noop_coroutine();
            }
            void await_resume() noexcept {}
        };
        final_awaiter final_suspend() noexcept { return {}; }
        void return_value(T v) { value = v; }
        void unhandled_exception() { std::terminate(); }
    };
    using handle = std::coroutine_handle<promise_type>;
    handle h;
    explicit task(handle h) : h(h) {}
    task(task &&o) noexcept : h(o.h) { o.h = nullptr; }
    ~task() { if (h) h.destroy(); }
    bool await_ready() noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> c) noexcept
    {
        h.promise().continuation = c;
        return h;                              // start the child: symmetric transfer
    }
    T await_resume() noexcept { return h.promise().value; }
};

// --- a fire-and-forget coroutine (frees itself at the end) --------------
struct fire {
    struct promise_type {
        fire get_return_object() { return {}; }
        std::suspend_never initial_suspend() noexcept { return {}; }
        std::suspend_never final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() { std::terminate(); }
    };
};

static task<long> yield_loop(long n)
{
    for (long i = 0; i < n; i++)
        co_await yield{};
    co_return n;
}

static task<long> child(long i)
{
    co_await yield{};
    co_return i & 1;
}

static task<long> parent(long n)
{
    long t = 0;
    for (long i = 0; i < n; i++)
        t += co_await child(i);
    co_return t;
}

static long run_top(task<long> t)
{
    queue.push(t.h);                           // lazy: first resume starts it
    queue.run();
    if (!t.h.done())
        abort();
    return t.h.promise().value;
}

// --- spawn + complete ----------------------------------------------------
static long spawn_left, spawn_sink;

static fire small(long i)
{
    co_await yield{};
    spawn_sink += i & 7;
    --spawn_left;
}

static fire spawner(long n)
{
    for (long i = 0; i < n; i++) {
        small(i);
        if ((i & 127) == 127)
            co_await yield{};
    }
}

static int spawn(long n)
{
    spawn_left = n;
    double t0 = now_ns();
    spawner(n);
    queue.run();
    double t1 = now_ns();
    if (spawn_left != 0)
        return fprintf(stderr, "coro: spawn %ld left\n", spawn_left), 1;
    printf("%.0f\n", n / ((t1 - t0) / 1e9));
    return 0;
}

// --- memory per suspended task -----------------------------------------
struct event {                                 // completed later, one waiter
    std::coroutine_handle<> waiter;
    int value = 0;
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept { waiter = h; }
    int await_resume() noexcept { return value; }
};

static long finished;

static fire wait_one(event *e)
{
    int v = co_await *e;
    finished += v;
}

static int tasks(long n)
{
    long r0 = rss();
    event *evs = new event[n];
    for (long i = 0; i < n; i++)
        evs[i].value = 1;                      // touch the pages
    long r1 = rss();
    for (long i = 0; i < n; i++)
        wait_one(&evs[i]);
    long r2 = rss();
    printf("%.1f %.1f\n", (double)(r2 - r1) / n, (double)(r1 - r0) / n);
    for (long i = 0; i < n; i++)
        evs[i].waiter.resume();
    delete[] evs;
    return finished == n ? 0 : (fprintf(stderr, "coro: %ld finished\n", finished), 1);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "yield";
    long n = argc > 2 ? atol(argv[2]) : 2000000;
    if (strcmp(mode, "tasks") == 0)
        return tasks(n);
    if (strcmp(mode, "spawn") == 0)
        return spawn(n);
    bool child_mode = strcmp(mode, "child") == 0;
    double t0 = now_ns();
    long r = run_top(child_mode ? parent(n) : yield_loop(n));
    double t1 = now_ns();
    if (r != (child_mode ? n / 2 : n))
        return fprintf(stderr, "coro: wrong result %ld\n", r), 1;
    printf("%.3f\n", (t1 - t0) / n);
    return 0;
}
