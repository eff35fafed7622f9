// bench.go (Go) - the Go baselines for metrics 3, 4 and 5.
//
//	bench pingpong N  two goroutines pass a value back and forth over two
//	                  unbuffered channels, N messages in all; each message
//	                  is one goroutine blocking and the other resuming, so
//	                  prints ns per message (suspend_resume_ns). Run with
//	                  GOMAXPROCS=1, like the single-worker asyncc figure.
//	bench spawn N     go func() N times (a little work, then wg.Done());
//	                  prints goroutines per second on all Ps (spawn_per_s)
//	bench tasks N     memory per suspended task: N channels, then N
//	                  goroutines each blocked receiving on its own channel;
//	                  prints "<bytes per goroutine> <bytes per channel>"
//	                  from RSS (/proc/self/statm), then releases all of them
//	bench lock N      sync.Mutex Lock + Unlock, uncontended: ns per pair
//	                  (lock_unlock_ns)
//	bench chan N      a send and a receive of an int64 on a channel of
//	                  capacity 64, one goroutine, never blocking: ns per
//	                  pair (chan_send_recv_ns)
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

func rss() int64 {
	b, _ := os.ReadFile("/proc/self/statm")
	var pages, res int64
	fmt.Sscan(string(b), &pages, &res)
	return res * int64(os.Getpagesize())
}

func pingpong(n int) {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	t0 := time.Now()
	v := 0
	for i := 0; i < n/2; i++ {
		ping <- v
		v = <-pong
	}
	el := time.Since(t0)
	close(ping)
	if v != n/2 {
		panic("pingpong: wrong value")
	}
	fmt.Printf("%.3f\n", float64(el.Nanoseconds())/float64(n/2*2))
}

var sink int64

func spawn(n int) {
	var wg sync.WaitGroup
	t0 := time.Now()
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func(i int) {
			atomic.AddInt64(&sink, int64(i&7))
			wg.Done()
		}(i)
	}
	wg.Wait()
	fmt.Printf("%.0f\n", float64(n)/time.Since(t0).Seconds())
}

func tasks(n int) {
	runtime.GC()
	r0 := rss()
	chs := make([]chan int, n)
	for i := range chs {
		chs[i] = make(chan int)
	}
	r1 := rss()
	var wg sync.WaitGroup
	var got int64
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func(c chan int) {
			atomic.AddInt64(&got, int64(<-c))
			wg.Done()
		}(chs[i])
	}
	time.Sleep(200 * time.Millisecond) // let every goroutine block
	r2 := rss()
	fmt.Printf("%.1f %.1f\n", float64(r2-r1)/float64(n), float64(r1-r0)/float64(n))
	for _, c := range chs {
		c <- 1
	}
	wg.Wait()
	if got != int64(n) {
		panic("tasks: not all finished")
	}
}

func lock(n int) {
	var m sync.Mutex
	t0 := time.Now()
	for i := 0; i < n; i++ {
		m.Lock()
		sink++
		m.Unlock()
	}
	fmt.Printf("%.2f\n", float64(time.Since(t0).Nanoseconds())/float64(n))
}

func channel(n int) {
	c := make(chan int64, 64)
	var s int64
	t0 := time.Now()
	for i := 0; i < n; i++ {
		c <- int64(i)
		s += <-c - int64(i)
	}
	el := time.Since(t0)
	if s != 0 {
		panic("chan: wrong value")
	}
	fmt.Printf("%.2f\n", float64(el.Nanoseconds())/float64(n))
}

func main() {
	n := 2000000
	if len(os.Args) > 2 {
		n, _ = strconv.Atoi(os.Args[2])
	}
	switch os.Args[1] {
	case "pingpong":
		pingpong(n)
	case "spawn":
		spawn(n)
	case "tasks":
		tasks(n)
	case "lock":
		lock(n)
	case "chan":
		channel(n)
	}
}
