#!/usr/bin/env bash
# Load test of the search API on loopback: starts `lsr serve` over a collection folder, warms it up,
# then runs wrk for a bounded time and prints wrk's latency summary and the server's own stats.
#
#   server/loadtest/run.sh <collection folder> [pipeline] [connections] [seconds]
#
# e.g. server/loadtest/run.sh ~/.cache/lsr/demo-jdk25-<hash>/collection hybrid-ltr 2 30
# Needs wrk (Debian package wrk) and curl. Exits 1 when wrk saw any error.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
folder=${1:?usage: run.sh <collection folder> [pipeline] [connections] [seconds]}
pipeline=${2:-}
connections=${3:-2}
seconds=${4:-30}
port=${LSR_PORT:-18080}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

"$root/lsr" serve --index "$folder" --port "$port" > /tmp/lsr-loadtest-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null && break
  kill -0 $server 2>/dev/null || { cat /tmp/lsr-loadtest-server.log >&2; exit 1; }
  sleep 1
done
echo "server up: $(curl -s "http://127.0.0.1:$port/v1/health")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
export LSR_QUERIES="$here/queries.txt"
wrk -t1 -c"$connections" -d10s -s "$here/search.lua" "http://127.0.0.1:$port" -- "$pipeline" > /dev/null  # warm-up
out=$(wrk -t"$connections" -c"$connections" -d"${seconds}s" --latency -s "$here/search.lua" "http://127.0.0.1:$port" -- "$pipeline")
echo "$out"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server stats: $(curl -s "http://127.0.0.1:$port/v1/stats")"
echo "$out" | grep -q "errors 0," || { echo "wrk saw errors" >&2; exit 1; }
