#!/usr/bin/env bash
# Starts a whole cronhive cluster on this machine: registry, admin-service, two master-service replicas,
# one worker-agent and the gateway, on the embedded H2 database (CRONHIVE_MASTERS and CRONHIVE_WORKERS change
# the counts). Builds the jars first if any is missing.
# Each process writes deploy/local/run/<name>.pid and deploy/local/run/<name>.log; ./down.sh stops them.
# Each runs under a small supervisor loop that starts it again when it dies (kill -9, an OutOfMemoryError,
# the watchdog's exit status 70), as systemd or Kubernetes would in production; down.sh stops it for good.
#
# Environment: CRONHIVE_ADMIN_PASSWORD (first admin's password; generated and printed once if unset),
# CRONHIVE_CLUSTER_SECRET (generated for this local cluster if unset, kept in run/cluster-secret),
# CRONHIVE_DB_URL/_USERNAME/_PASSWORD (use MySQL instead of the embedded database),
# CRONHIVE_WORKER_TAG (the local worker's tag), CRONHIVE_GATEWAY_PORT (default 8080),
# CRONHIVE_MASTERS (1-5 master replicas, default 2; each fires its share of the jobs),
# CRONHIVE_WORKERS (1-4 worker agents, default 1).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
run="$here/run"
version=0.1.0-SNAPSHOT
mkdir -p "$run/data"
chmod 700 "$run"

. "$root/.mvn/find-jdk.sh"
java="$JAVA_HOME/bin/java"

jar_of() { echo "$root/$1/target/$1-$version.jar"; }

missing=0
for module in registry gateway admin-service master-service worker-agent; do
  [ -f "$(jar_of "$module")" ] || missing=1
done
if [ "$missing" = 1 ]; then
  echo "Building cronhive (jars missing) ..."
  (cd "$root" && ./mvnw -q -B -DskipTests package) || { echo "up.sh: build failed; run ./mvnw package to see why" >&2; exit 1; }
fi

if [ -z "${CRONHIVE_CLUSTER_SECRET:-}" ]; then
  if [ ! -s "$run/cluster-secret" ]; then
    (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n' > "$run/cluster-secret")
    echo "Generated a cluster secret for this local cluster in $run/cluster-secret"
  fi
  CRONHIVE_CLUSTER_SECRET=$(cat "$run/cluster-secret")
fi
export CRONHIVE_CLUSTER_SECRET
export CRONHIVE_DATA_DIR="$run/data"
export CRONHIVE_REGISTRY_URL="http://127.0.0.1:8761/eureka/"
gateway_port=${CRONHIVE_GATEWAY_PORT:-8080}
masters=${CRONHIVE_MASTERS:-2}
workers=${CRONHIVE_WORKERS:-1}
case $masters in [1-5]) ;; *) echo "up.sh: CRONHIVE_MASTERS must be 1 to 5, not '$masters'" >&2; exit 1 ;; esac
case $workers in [1-4]) ;; *) echo "up.sh: CRONHIVE_WORKERS must be 1 to 4, not '$workers'" >&2; exit 1 ;; esac
# master-i listens on 8072 + 10 i (8082, 8092, ...), worker-i on 8073 + 10 i (8083, 8093, ...).
master_port() { echo $((8072 + 10 * ${1#master-})); }
worker_port() { echo $((8073 + 10 * ${1#worker-})); }

is_running() { [ -f "$run/$1.pid" ] && kill -0 "$(cat "$run/$1.pid")" 2>/dev/null; }

start() { # name module port [extra env...]
  local name=$1 module=$2 port=$3; shift 3
  if is_running "$name"; then
    echo "$name already running (pid $(cat "$run/$name.pid"))"
    return
  fi
  # Small heaps: the whole cluster fits in a couple of GB on a laptop. The registry, admin-service and gateway
  # stop at the quick compiler (less memory and start-up CPU); the masters and the worker, which fire and run
  # the jobs, get the optimizing one, as in production. CRONHIVE_JAVA_OPTS (every service), then
  # CRONHIVE_MASTER_JAVA_OPTS or CRONHIVE_WORKER_JAVA_OPTS, are appended, so their flags win.
  local opts="-XX:TieredStopAtLevel=1 ${CRONHIVE_JAVA_OPTS:-}"
  case $module in
    master-service) opts="${CRONHIVE_JAVA_OPTS:-} ${CRONHIVE_MASTER_JAVA_OPTS:-}" ;;
    worker-agent) opts="${CRONHIVE_JAVA_OPTS:-} ${CRONHIVE_WORKER_JAVA_OPTS:-}" ;;
  esac
  # A metaspace threshold above what a service loads spares it the full collections (100-200 ms each) that
  # the default threshold triggers while it starts and warms up: a master taking over must not pause then.
  # Out of memory, a service exits (and is restarted) rather than limp on with some of its threads dead.
  local heap="-Xms64m -Xmx256m -XX:MetaspaceSize=128m -XX:+ExitOnOutOfMemoryError"
  case $module in
    # Each second's runs are alive from their hand-over to their report, about 10 MB at 2,000 a second.
    # Survivor spaces that hold them keep them out of the old generation, which the default sizes filled
    # within a minute, ending in a full collection of over 100 ms in the middle of a second's runs.
    # The heap is fixed at its maximum: a growing one gave them that young generation only after a first full
    # collection had expanded it, so until then (or for good) collections came at twice the rate.
    master-service|worker-agent) heap="-Xms256m -Xmx256m -XX:MetaspaceSize=128m -XX:NewRatio=1 -XX:SurvivorRatio=4 -XX:+ExitOnOutOfMemoryError" ;;
  esac
  # The JVM refuses two collectors, so the default one only goes in when the flags choose none.
  case $opts in
    *-XX:+Use*GC*) opts="$heap $opts" ;;
    *) opts="$heap -XX:+UseSerialGC $opts" ;;
  esac
  rm -f "$run/$name.pid"
  : > "$run/$name.log"
  # shellcheck disable=SC2086
  # The supervisor's own output goes nowhere: it must not hold up.sh's stdout open after up.sh returns, or
  # whoever reads that output (a script, a pipe) would wait for it for good. Restarts are in the service's log.
  supervise "$name" env PORT="$port" "$@" "$java" $opts -jar "$(jar_of "$module")" < /dev/null > /dev/null 2>&1 &
  echo $! > "$run/$name.supervisor"
  for _ in $(seq 1 100); do [ -s "$run/$name.pid" ] && break; sleep 0.05; done
  echo "started $name (pid $(cat "$run/$name.pid"), port $port, log $run/$name.log)"
}

# Runs a service and starts it again when it dies, until down.sh removes its <name>.supervisor file. A
# service stopped by SIGTERM (143) or ending cleanly (0) stays stopped. Restarts are written to its log.
supervise() { # name command...
  local name=$1; shift
  local starts=0
  while [ -f "$run/$name.supervisor" ] || [ $starts = 0 ]; do
    starts=$((starts + 1))
    "$@" >> "$run/$name.log" 2>&1 &
    local pid=$!
    echo "$pid" > "$run/$name.pid"
    local status=0
    wait "$pid" || status=$?
    case $status in 0|143) exit 0 ;; esac
    [ -f "$run/$name.supervisor" ] || exit 0
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) up.sh: $name (pid $pid) exited with status $status; starting it again in 2 s" >> "$run/$name.log"
    sleep 2
  done
}

wait_http() { # name url seconds
  local name=$1 url=$2 deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ! is_running "$name"; then
      echo "up.sh: $name exited during start-up; last lines of $run/$name.log:" >&2
      tail -n 20 "$run/$name.log" >&2
      exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "up.sh: $name did not answer $url within $3 s; see $run/$name.log" >&2
      exit 1
    fi
    sleep 1
  done
}

start registry registry 8761
wait_http registry http://127.0.0.1:8761/actuator/health 120
start admin-service admin-service 8081
wait_http admin-service http://127.0.0.1:8081/actuator/health 180
for i in $(seq 1 "$masters"); do
  start "master-$i" master-service "$(master_port "master-$i")"
done
for i in $(seq 1 "$workers"); do
  # The first worker keeps CRONHIVE_WORKER_NAME as given; the others get -2, -3 ... appended.
  name="${CRONHIVE_WORKER_NAME:-$(hostname)-1}"
  [ "$i" = 1 ] || name="${CRONHIVE_WORKER_NAME:-$(hostname)}-$i"
  start "worker-$i" worker-agent "$(worker_port "worker-$i")" CRONHIVE_WORKER_NAME="$name" \
    CRONHIVE_WORKER_HOST="${CRONHIVE_WORKER_HOST:-127.0.0.1}" CRONHIVE_WORKER_DATA_DIR="$run/worker-$i"
done
start gateway gateway "$gateway_port"
wait_http gateway "http://127.0.0.1:$gateway_port/actuator/health" 180
for i in $(seq 1 "$masters"); do
  wait_http "master-$i" "http://127.0.0.1:$(master_port "master-$i")/actuator/health" 180
done
for i in $(seq 1 "$workers"); do
  wait_http "worker-$i" "http://127.0.0.1:$(worker_port "worker-$i")/actuator/health" 180
done
# The gateway answers once it sees admin-service in the registry.
deadline=$((SECONDS + 60))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$gateway_port/v1/auth/jwks")" = 200 ]; do
  [ $SECONDS -lt $deadline ] || { echo "up.sh: the gateway does not reach admin-service; see $run/gateway.log" >&2; exit 1; }
  sleep 1
done

echo
echo "cronhive is up."
echo "  console and API:  http://127.0.0.1:$gateway_port/   (API under /v1, OpenAPI at /v1/openapi)"
echo "  registry:         http://127.0.0.1:8761/"
if [ -z "${CRONHIVE_DB_URL:-}" ]; then
  echo "  database:         embedded H2 in $run/data: about 1,000 runs a second at most on 2 cores;"
  echo "                    for more, or for production, set CRONHIVE_DB_URL to MySQL (see the README)"
fi
if [ -n "${CRONHIVE_ADMIN_PASSWORD:-}" ]; then
  echo "  login:            admin / the password in CRONHIVE_ADMIN_PASSWORD"
elif generated=$(grep -h -o 'Generated password for user admin: [^ ]*' "$run/admin-service.log" 2>/dev/null | tail -n 1); [ -n "$generated" ]; then
  echo "  login:            admin, ${generated#Generated } (shown once; it is not stored anywhere in clear)"
else
  echo "  login:            admin, with the password generated at the first start (see that start's output)"
fi
echo "  stop with:        $here/down.sh"
