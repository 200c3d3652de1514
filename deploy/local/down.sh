#!/usr/bin/env bash
# Stops exactly the processes ./up.sh started, by the pids it recorded; leaves data and logs in place.
set -uo pipefail

run="$(cd "$(dirname "$0")" && pwd)/run"

# A pid file may outlive its process and the pid be reused: only signal a java process running one of our jars.
ours() { { tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null | grep -q -- '-jar .*/target/.*-0.1.0-SNAPSHOT.jar'; }
names="gateway worker-4 worker-3 worker-2 worker-1 master-5 master-4 master-3 master-2 master-1 admin-service registry"

for name in $names; do
  # Without its file, a service's supervisor loop ends instead of starting it again.
  rm -f "$run/$name.supervisor"
  pidfile="$run/$name.pid"
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null && ours "$pid"; then
    kill -TERM "$pid"
    echo "stopping $name (pid $pid)"
  fi
done
for name in $names; do
  pidfile="$run/$name.pid"
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  for _ in $(seq 1 30); do
    ours "$pid" || break
    sleep 1
  done
  if ours "$pid"; then
    echo "$name (pid $pid) did not stop within 30 s; killing it"
    kill -KILL "$pid"
  fi
  rm -f "$pidfile"
done
echo "cronhive stopped."
