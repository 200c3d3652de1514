#!/usr/bin/env python3
"""End-to-end firing benchmark of a running cronhive cluster (started by deploy/local/up.sh).

For each N: N HTTP jobs firing every second ("* * * * * ?") whose run is GET /hit?job=<TAG><i> on a local sink that
stamps arrivals; after a warm-up, a measurement window of whole seconds; then the jobs are stopped and deleted and
the arrivals analysed (missed, duplicates, lateness = arrival - scheduled instant). In the same run, the harness's own
floor at that N is measured with IdealFirer (a perfect in-process firer) against the same sink.

The sink, analyser, process monitor and IdealFirer are the shared harness (../shared/bench, or --tools DIR).
Everything talks to 127.0.0.1 only; every loop is bounded.

usage: bench/firing_bench.py --password PW [--gateway http://127.0.0.1:8080] [--jobs 100,500,1000,2000]
                             [--warmup 60] [--window 60] [--kill-leader-after S]
"""
import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN = os.path.join(ROOT, "deploy", "local", "run")


def java_binary():
    out = subprocess.run(["sh", "-c", '. "%s/.mvn/find-jdk.sh" && echo "$JAVA_HOME"' % ROOT],
                         capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), "bin", "java")


class Api:
    def __init__(self, base, user, password):
        self.base = base
        self.token = None
        self.token = self.call("POST", "/v1/auth/login", {"username": user, "password": password})["token"]

    def call(self, method, path, body=None, ok=(200, 201, 202, 204)):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                raw = resp.read()
                return json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            raise RuntimeError("%s %s -> %d %s" % (method, path, e.code, e.read()[:500]))


def service_pids():
    pids = {}
    for f in sorted(os.listdir(RUN)) if os.path.isdir(RUN) else []:
        if f.endswith(".pid"):
            with open(os.path.join(RUN, f)) as fh:
                pid = int(fh.read().strip())
            if os.path.exists("/proc/%d" % pid):
                pids[f[:-4]] = pid
    return pids


def wait_until(ms):
    while True:
        d = ms / 1000 - time.time()
        if d <= 0:
            return
        time.sleep(min(d, 0.5))


def sink_call(port, path):
    with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=60) as r:
        return r.read().decode()


def measure(api, n, args, analyze, procmon, java, tools):
    tag = "n%d-%d-" % (n, int(time.time()))
    ids = []
    for i in range(n):
        job = api.call("POST", "/v1/jobs", {
            "name": "bench-%s%d" % (tag, i), "cron": "* * * * * ?", "type": "http",
            "target": "http://127.0.0.1:%d/hit?job=%s%d" % (args.sink_port, tag, i), "timeoutMs": 5000})
        ids.append(job["id"])
    sink_call(args.sink_port, "/reset")
    try:
        return measure_window(api, n, ids, tag, args, analyze, procmon, java, tools)
    finally:
        # Whatever happened, leave no job firing behind: it would load every later measurement.
        for chunk in chunks(ids):
            for attempt in range(5):
                try:
                    api.call("DELETE", "/v1/schedulers", {"jobIds": chunk})
                    break
                except RuntimeError as e:
                    print("stopping the jobs failed (%s); retrying" % e, file=sys.stderr)
                    time.sleep(2)
        for job_id in ids:
            try:
                api.call("DELETE", "/v1/jobs/%d" % job_id)
            except RuntimeError:
                pass


def chunks(ids):
    # The API takes at most 1,000 jobs per scheduling request.
    return [ids[i:i + 1000] for i in range(0, len(ids), 1000)]


def measure_window(api, n, ids, tag, args, analyze, procmon, java, tools):
    for chunk in chunks(ids):
        api.call("POST", "/v1/schedulers", {"jobIds": chunk})
    start = (int(time.time()) + args.warmup + 1) * 1000
    end = start + args.window * 1000
    wait_until(start)
    mon = procmon.ProcMon(service_pids())
    mon.start()
    event_ms = None
    if args.kill_leader_after:
        wait_until(start + args.kill_leader_after * 1000)
        event_ms = kill_leader(api)
    wait_until(end)
    stats = mon.stop()
    for chunk in chunks(ids):
        api.call("DELETE", "/v1/schedulers", {"jobIds": chunk})
    time.sleep(3)
    sink_call(args.sink_port, "/dump")
    rows = analyze.load(args.sink_csv, tag)
    result, _, _ = analyze.analyse(rows, 1, start, end, n, 0, event_ms, "floor")
    floor = ideal_floor(n, args, analyze, java, tools) if not args.no_floor else None
    return {"n": n, "cronhive": result, "floor": floor, "processes": stats}


def ideal_floor(n, args, analyze, java, tools):
    tag = "ideal%d-%d-" % (n, int(time.time()))
    duration = args.warmup + args.window
    start = (int(time.time()) + args.warmup + 2) * 1000
    subprocess.run([java, os.path.join(tools, "IdealFirer.java"), str(args.sink_port), str(n), "1",
                    str(duration + 3), tag], check=True, capture_output=True, timeout=duration + 120)
    sink_call(args.sink_port, "/dump")
    end = start + args.window * 1000
    result, _, _ = analyze.analyse(analyze.load(args.sink_csv, tag), 1, start, end, n, 0, None, "floor")
    return result


def kill_leader(api):
    masters = api.call("GET", "/v1/masters")
    items = masters["items"] if isinstance(masters, dict) else masters
    leader = [m for m in items if m.get("status") == 1]
    if not leader:
        raise RuntimeError("no leader in /v1/masters: %s" % masters)
    port = leader[0]["port"]
    for name, pid in service_pids().items():
        with open("/proc/%d/environ" % pid, "rb") as f:
            env = f.read().split(b"\0")
        if ("PORT=%d" % port).encode() in env and name.startswith("master"):
            at = int(time.time() * 1000)
            os.kill(pid, 9)
            print("killed leader %s (pid %d, port %d) at %d" % (name, pid, port, at), file=sys.stderr)
            return at
    raise RuntimeError("leader on port %d is not a process started by up.sh" % port)


def summary(r):
    c, f = r["cronhive"], r["floor"] or {"lateness_ms": {"p50": None, "p99": None, "max": None}}
    cl, fl = c["lateness_ms"], f["lateness_ms"]
    procs = ", ".join("%s %.0f%% cpu %.0f MB" % (k, v.get("cpu_pct", 0), v.get("rss_mb_max", 0))
                      for k, v in r["processes"].items() if k != "host")
    return ("N=%d: %.1f fires/s, missed %d, duplicates %d, lateness p50/p99/max %s/%s/%s ms "
            "(floor p50/p99/max %s/%s/%s ms, p99 ratio %.2f) | %s" % (
                r["n"], c["fires_per_s"] or 0, c["missed"], c["duplicates"], cl["p50"], cl["p99"], cl["max"],
                fl["p50"], fl["p99"], fl["max"], (cl["p99"] or 0) / max(1, fl["p99"] or 1), procs))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gateway", default="http://127.0.0.1:8080")
    ap.add_argument("--user", default="admin")
    ap.add_argument("--password", default=os.environ.get("CRONHIVE_ADMIN_PASSWORD"))
    ap.add_argument("--jobs", default="100,500,1000,2000")
    ap.add_argument("--warmup", type=int, default=60)
    ap.add_argument("--window", type=int, default=60)
    ap.add_argument("--kill-leader-after", type=int, default=0, help="seconds into the window; 0 = no kill")
    ap.add_argument("--sink-port", type=int, default=18999)
    ap.add_argument("--no-floor", action="store_true", help="skip IdealFirer (quick iterations; not for reporting)")
    ap.add_argument("--tools", default=os.environ.get("CRONHIVE_BENCH_TOOLS",
                                                      os.path.join(ROOT, "..", "shared", "bench")))
    args = ap.parse_args()
    if not args.password:
        ap.error("--password (or CRONHIVE_ADMIN_PASSWORD) is required")
    args.window = min(args.window, 600)
    sys.path.insert(0, args.tools)
    import analyze
    import procmon
    java = java_binary()
    os.makedirs(RUN, exist_ok=True)
    args.sink_csv = os.path.join(RUN, "bench-sink.csv")
    sink = subprocess.Popen([java, os.path.join(args.tools, "Sink.java"), str(args.sink_port), args.sink_csv],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(60):
            try:
                sink_call(args.sink_port, "/count")
                break
            except OSError:
                time.sleep(0.5)
        api = Api(args.gateway, args.user, args.password)
        for n in [int(x) for x in args.jobs.split(",")]:
            r = measure(api, n, args, analyze, procmon, java, args.tools)
            print(summary(r))
            print(json.dumps(r))
            sys.stdout.flush()
    finally:
        sink.terminate()
        sink.wait(10)


if __name__ == "__main__":
    sys.exit(main())
