#!/usr/bin/env bash
# Compares two builds of Herald by server CPU per HTTP request (RequestCpu.java), interleaving
# them so both see the same machine: A, B, A, B, ... Each run starts Payara Micro with one WAR on
# loopback, waits for it, measures, stops it. Figures go to stdout and to target/bench/request-cpu.txt.
#   bench/requests/ab.sh OLD.war NEW.war [ROUNDS=3] [REQUESTS=30000] [PORT=18950]
# Needs target/payara/payara-micro.jar (the build puts it there).
set -euo pipefail
cd "$(dirname "$0")/../.."
old=$1 new=$2 rounds=${3:-3} requests=${4:-30000} port=${5:-18950}
out=target/bench/request-cpu.txt
mkdir -p target/bench
run() {
  local war=$1 label=$2
  java -Xms1g -Xmx2g -XX:+UseG1GC -Dherald.limits.http-publish-rate=0 \
    -Dherald.security.public-topics='**' -Dherald.security.public-publish='**' -Dherald.demo.enabled=false \
    -jar target/payara/payara-micro.jar --deploy "$war" --contextroot / --port "$port" --nocluster \
    > "target/bench/request-cpu-$label.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/api/messages?topic=ab" > /dev/null && break
    sleep 1
  done
  echo "$label $(java bench/requests/RequestCpu.java "$pid" "$port" "$requests" 2) load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out"
  kill "$pid"
  wait "$pid" 2> /dev/null || true
}
echo "# $(date -u +%FT%TZ) A=$old B=$new, µs of server CPU per request, two measured rounds each" | tee -a "$out"
for _ in $(seq 1 "$rounds"); do
  run "$old" A
  run "$new" B
done
