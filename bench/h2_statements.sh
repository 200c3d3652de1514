#!/usr/bin/env bash
# Where the embedded H2 database's time goes, by statement: run "start" before a benchmark window and "report"
# after it, against the local cluster of deploy/local/up.sh (embedded default). Uses H2's own statistics
# (SET QUERY_STATISTICS), through the AUTO_SERVER the cluster already runs; talks to 127.0.0.1 only.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/.mvn/find-jdk.sh"
h2=$(ls ~/.m2/repository/com/h2database/h2/2.4.*/h2-2.4.*.jar | tail -n 1)
url="jdbc:h2:file:$root/deploy/local/run/data/cronhive;MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE"
sql() { "$JAVA_HOME/bin/java" -cp "$h2" org.h2.tools.Shell -url "$url" -user sa -password "" -sql "$1"; }
case "${1:-}" in
  start) sql "SET QUERY_STATISTICS_MAX_ENTRIES 2000; SET QUERY_STATISTICS FALSE; SET QUERY_STATISTICS TRUE" ;;
  report)
    # Statements differ only in their IN lists' lengths: grouped by their first 60 characters.
    sql "SELECT LEFT(SQL_STATEMENT, 60) AS STATEMENT, SUM(EXECUTION_COUNT) AS RUNS,
           ROUND(SUM(CUMULATIVE_EXECUTION_TIME)) AS TOTAL_MS, ROUND(SUM(CUMULATIVE_EXECUTION_TIME) / SUM(EXECUTION_COUNT), 2) AS AVG_MS,
           SUM(CUMULATIVE_ROW_COUNT) AS ROWS_N
         FROM INFORMATION_SCHEMA.QUERY_STATISTICS GROUP BY LEFT(SQL_STATEMENT, 60) ORDER BY TOTAL_MS DESC LIMIT 20" ;;
  *) echo "usage: $0 start|report" >&2; exit 2 ;;
esac
