#!/bin/sh
# Installs or upgrades the cronhive worker agent on this host, from an unpacked tarball
# (cronhive-worker-<version>/install.sh) or from the tarball itself: install.sh cronhive-worker-*.tar.gz
#
#   /opt/cronhive-worker/                 bin/, lib/, README.md (replaced on upgrade)
#   /etc/cronhive/worker-agent.env        configuration, mode 600 (kept on upgrade)
#   /var/lib/cronhive-worker/             spool, run journal, logs, work dirs (kept)
#   /etc/systemd/system/cronhive-worker.service
#
# It creates the system user 'cronhive' that jobs run as, and enables the service only once
# CRONHIVE_CLUSTER_SECRET is filled in. Environment variables CRONHIVE_CLUSTER_SECRET,
# CRONHIVE_REGISTRY_URL and CRONHIVE_WORKER_TAG, when set, are written into a new configuration file.
# Options: --root DIR (install under DIR, for packaging or tests; no users, no systemctl), --no-start.
set -eu

ROOT=
START=yes
SOURCE=
while [ $# -gt 0 ]; do
	case "$1" in
		--root) ROOT=$2; shift 2 ;;
		--no-start) START=no; shift ;;
		-h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		*) SOURCE=$1; shift ;;
	esac
done

die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "install.sh: $*"; }

if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
	die "run as root (sudo $0)"
fi

# Where the release is: the tarball given, or the directory this script sits in.
WORK=
cleanup() { [ -n "$WORK" ] && rm -rf "$WORK"; }
trap cleanup EXIT
if [ -n "$SOURCE" ] && [ -f "$SOURCE" ]; then
	WORK=$(mktemp -d)
	tar -xzf "$SOURCE" -C "$WORK"
	SOURCE=$(find "$WORK" -mindepth 1 -maxdepth 1 -type d | head -n 1)
elif [ -z "$SOURCE" ]; then
	SOURCE=$(cd "$(dirname "$0")" && pwd)
fi
[ -r "$SOURCE/lib/worker-agent.jar" ] || die "no lib/worker-agent.jar under $SOURCE; run me from the unpacked tarball or pass the .tar.gz"

OPT="$ROOT/opt/cronhive-worker"
ETC="$ROOT/etc/cronhive"
ENV_FILE="$ETC/worker-agent.env"
DATA="$ROOT/var/lib/cronhive-worker"
UNIT_DIR="$ROOT/etc/systemd/system"
USER_NAME=cronhive

if [ -z "$ROOT" ] && ! id "$USER_NAME" >/dev/null 2>&1; then
	say "creating system user $USER_NAME (jobs run as this user)"
	useradd --system --user-group --home-dir /var/lib/cronhive-worker/home --create-home \
		--shell /usr/sbin/nologin "$USER_NAME"
fi

say "installing into $OPT"
mkdir -p "$OPT/bin" "$OPT/lib" "$ETC" "$DATA" "$UNIT_DIR"
install -m 0755 "$SOURCE/bin/cronhive-worker" "$OPT/bin/cronhive-worker"
install -m 0644 "$SOURCE/lib/worker-agent.jar" "$OPT/lib/worker-agent.jar.new"
mv -f "$OPT/lib/worker-agent.jar.new" "$OPT/lib/worker-agent.jar"
if [ -r "$SOURCE/README.md" ]; then install -m 0644 "$SOURCE/README.md" "$OPT/README.md"; fi
install -m 0644 "$SOURCE/systemd/cronhive-worker.service" "$UNIT_DIR/cronhive-worker.service"

# State is the agent's alone: jobs (as $USER_NAME) must not edit the spool or journal.
chmod 0711 "$DATA"
if [ -z "$ROOT" ]; then
	chown root:root "$DATA"
fi

set_value() { # KEY VALUE: set KEY=VALUE in the env file (VALUE without newlines)
	tmp="$ENV_FILE.tmp"
	awk -v k="$1" -v v="$2" 'BEGIN { done = 0 }
		$0 ~ "^#?" k "=" && !done { print k "=" v; done = 1; next } { print }
		END { if (!done) print k "=" v }' "$ENV_FILE" > "$tmp"
	cat "$tmp" > "$ENV_FILE"
	rm -f "$tmp"
}

if [ ! -e "$ENV_FILE" ]; then
	say "writing $ENV_FILE (mode 600)"
	( umask 077; cp "$SOURCE/conf/worker-agent.env" "$ENV_FILE" )
	if [ -n "${CRONHIVE_REGISTRY_URL:-}" ]; then set_value CRONHIVE_REGISTRY_URL "$CRONHIVE_REGISTRY_URL"; fi
	if [ -n "${CRONHIVE_WORKER_TAG:-}" ]; then set_value CRONHIVE_WORKER_TAG "$CRONHIVE_WORKER_TAG"; fi
else
	say "keeping existing $ENV_FILE"
fi
chmod 0600 "$ENV_FILE"
if [ -z "$ROOT" ]; then chown root:root "$ENV_FILE" "$ETC"; fi

# The same rule the agent applies: at least 32 bytes, no default.
secret=$(sed -n 's/^CRONHIVE_CLUSTER_SECRET=//p' "$ENV_FILE" | tail -n 1)
if [ -z "$secret" ] && [ -n "${CRONHIVE_CLUSTER_SECRET:-}" ]; then
	set_value CRONHIVE_CLUSTER_SECRET "$CRONHIVE_CLUSTER_SECRET"
	secret=$CRONHIVE_CLUSTER_SECRET
fi
if [ "$(printf '%s' "$secret" | wc -c)" -lt 32 ]; then
	echo >&2
	echo "install.sh: installed, but NOT enabled: CRONHIVE_CLUSTER_SECRET in $ENV_FILE is empty or shorter than 32 bytes." >&2
	echo "install.sh: put the cluster's secret there (the masters' value; a new cluster: openssl rand -base64 48)," >&2
	echo "install.sh: then run this installer again, or: systemctl enable --now cronhive-worker" >&2
	exit 2
fi

if [ -n "$ROOT" ] || [ "$START" = no ] || ! command -v systemctl >/dev/null 2>&1; then
	say "installed; start it with: systemctl enable --now cronhive-worker"
	exit 0
fi
systemctl daemon-reload
if systemctl is-active --quiet cronhive-worker; then
	say "restarting cronhive-worker (running runs get the shutdown grace)"
	systemctl restart cronhive-worker
else
	systemctl enable --now cronhive-worker
fi
say "cronhive-worker is $(systemctl is-active cronhive-worker); logs: journalctl -u cronhive-worker -f"
