#!/usr/bin/env bash
# bench/http/nginx.sh PORT - nginx (Debian's nginx-light) as the HTTP
# benchmark's real-server peer: 2 workers (NGINX_WORKERS), "Hello,
# World!\n" returned from memory, no access log, keep-alive without a
# request cap (nginx's default closes a connection after 1,000 requests;
# the other servers never do); NGINX_DEFERRED=1 adds `deferred` to the
# listen directive (TCP_DEFER_ACCEPT, as the other servers' -d).
# The configuration and nginx's files go under build/bench/nginx/; nginx
# runs in the foreground (exec), so the caller's kill stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${1:?usage: nginx.sh PORT}
dir=$PWD/build/bench/nginx
mkdir -p "$dir"
cat > "$dir/nginx.conf" <<CONF
worker_processes ${NGINX_WORKERS:-2};
daemon off;
pid $dir/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $dir/body;
    default_type text/plain;
    keepalive_requests 10000000;
    server {
        listen 127.0.0.1:$port${NGINX_DEFERRED:+ deferred};
        location / { return 200 "Hello, World!\n"; }
    }
}
CONF
exec nginx -e stderr -p "$dir" -c "$dir/nginx.conf"
