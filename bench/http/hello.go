// hello.go (Go) - the Go net/http baseline for metric 6 (http_rps,
// http_p99_ms): the same response as examples/http/server.c
// ("Hello, World!\n", text/plain; net/http adds Date), keep-alive, on
// 127.0.0.1:PORT.  Usage: hello PORT
package main

import (
	"net/http"
	"os"
)

var hello = []byte("Hello, World!\n")

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write(hello)
	})
	if err := http.ListenAndServe("127.0.0.1:"+os.Args[1], nil); err != nil {
		panic(err)
	}
}
