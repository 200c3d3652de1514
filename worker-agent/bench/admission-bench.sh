#!/bin/sh
# What an HTTP run in flight costs the agent's heap, and whether the agent refuses before it runs out: starts
# the built agent jar with the launcher's worker heap (256 MB, serial GC), then AdmissionBench.java plays the
# master against it with a target that answers after HOLD_MS, so every accepted run stays in flight.
#   ./mvnw -q -DskipTests package -pl common,worker-agent && sh worker-agent/bench/admission-bench.sh
# Env: MAX (runs to offer, 20000), HOLD_MS (90000), HEAP (256m), AGENT_PORT (18183), MASTER_PORT (18984),
# TARGET_PORT (18985). Everything listens on 127.0.0.1 and stops by itself.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$ROOT/.mvn/find-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
AGENT_PORT=${AGENT_PORT:-18183}
MASTER_PORT=${MASTER_PORT:-18984}
TARGET_PORT=${TARGET_PORT:-18985}
WORK=$(mktemp -d /tmp/cronhive-admission.XXXXXX)
CRONHIVE_CLUSTER_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export CRONHIVE_CLUSTER_SECRET
export CRONHIVE_WORKER_DATA_DIR="$WORK/data" PORT="$AGENT_PORT" CRONHIVE_WORKER_HOST=127.0.0.1 CRONHIVE_WORKER_NAME=bench

"$JAVA" -Xms"${HEAP:-256m}" -Xmx"${HEAP:-256m}" -XX:+UseSerialGC -XX:MetaspaceSize=128m -XX:NewRatio=1 \
	-XX:SurvivorRatio=4 -XX:+ExitOnOutOfMemoryError -jar "$ROOT/worker-agent/target/worker-agent-0.1.0-SNAPSHOT.jar" \
	--eureka.client.enabled=false \
	"--spring.cloud.discovery.client.simple.instances.master-service[0].uri=http://127.0.0.1:$MASTER_PORT" \
	--logging.level.io.cronhive=WARN > "$WORK/agent.log" 2>&1 &
AGENT_PID=$!
trap 'kill $AGENT_PID 2>/dev/null || true; wait $AGENT_PID 2>/dev/null || true' EXIT
i=0
until curl -fs "http://127.0.0.1:$AGENT_PORT/actuator/health" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -lt 240 ] || { echo "agent did not start; see $WORK/agent.log" >&2; exit 1; }
	sleep 0.5
done
sleep 5
"$JAVA" -cp "$ROOT/common/target/common-0.1.0-SNAPSHOT.jar" "$HERE/AdmissionBench.java" "$AGENT_PID" "$AGENT_PORT" \
	"$MASTER_PORT" "$TARGET_PORT" "${MAX:-20000}" "${HOLD_MS:-90000}"
echo "agent alive afterwards: $(kill -0 $AGENT_PID 2>/dev/null && echo yes || echo no); OutOfMemoryError lines: $(grep -c OutOfMemoryError "$WORK/agent.log" || true)"
echo "health: $(curl -s -m 5 "http://127.0.0.1:$AGENT_PORT/actuator/health" || echo unreachable)"
echo "agent log: $WORK/agent.log"
