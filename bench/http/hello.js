// hello.js (Node.js) - the Node http baseline for metric 6 (http_rps,
// http_p99_ms): the same response as examples/http/server.c
// ("Hello, World!\n", text/plain, Content-Length; Node adds Date),
// keep-alive, on 127.0.0.1:PORT, one process.  Usage: node hello.js PORT
'use strict';
const http = require('http');
const hello = Buffer.from('Hello, World!\n');
http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': hello.length });
  res.end(hello);
}).listen(Number(process.argv[2]), '127.0.0.1');
