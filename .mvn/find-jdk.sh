# Sourced by mvnw and the deploy scripts (POSIX sh): makes JAVA_HOME point at a JDK 21 or newer.
# Order: the JAVA_HOME already set, the java on PATH, then JDKs under /usr/lib/jvm and /opt/java, newest first.

cronhive_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

cronhive_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(cronhive_java_major "$JAVA_HOME/bin/java")
    [ "${major:-0}" -ge 21 ] && return 0
    echo "cronhive: JAVA_HOME=$JAVA_HOME is Java ${major:-unknown}; looking for a JDK 21 or newer instead" >&2
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(cronhive_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ]; then JAVA_HOME=$candidate; export JAVA_HOME; return 0; fi
  fi
  # mvnw runs with set -f; the search needs globbing.
  set +f
  jdks=$(ls -d /usr/lib/jvm/* /opt/java/* 2>/dev/null | sort -r -V)
  for candidate in $jdks; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(cronhive_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ]; then JAVA_HOME=$candidate; export JAVA_HOME; return 0; fi
  done
  echo "cronhive: no JDK 21 or newer found (checked JAVA_HOME, PATH, /usr/lib/jvm, /opt/java)." >&2
  echo "cronhive: install one (e.g. apt-get install openjdk-21-jdk or a Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}

cronhive_find_jdk || exit 1
