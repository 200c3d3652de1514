#!/usr/bin/env python3
"""End-to-end firing benchmark of a running cronhive cluster (started by deploy/local/up.sh).

For each N: N HTTP jobs firing every second ("* * * * * ?") whose run is GET /hit?job=<TAG><i> on a local sink that
stamps arrivals; after a warm-up, a measurement window of whole seconds; then the jobs are stopped and deleted and
the arrivals analysed (missed, duplicates, lateness = arrival - scheduled instant). In the same run, the harness's own
floor at that N is measured with IdealFirer (a perfect in-process firer) against the same sink.

The sink, analyser, process monitor and IdealFirer are the shared harness (../shared/bench, or --tools DIR).
Everything talks to 127.0.0.1 only; every loop is bounded.

usage: bench/firing_bench.py --password PW [--gateway http://127.0.0.1:8080] [--jobs 100,500,1000,2000]
                             [--warmup 60] [--window 60] [--kill-leader-after S | --kill-follower-after S]

With a kill, the per-job gap that spans it tells the shares apart: the killed master's jobs wait (their gap is the
failover pause plus one period), the other masters' jobs keep their cadence (a gap of about one period).
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
        event_ms = kill_master(api, leader=True)
    elif args.kill_follower_after:
        wait_until(start + args.kill_follower_after * 1000)
        event_ms = kill_master(api, leader=False)
    wait_until(end)
    stats = mon.stop()
    for chunk in chunks(ids):
        api.call("DELETE", "/v1/schedulers", {"jobIds": chunk})
    time.sleep(3)
    sink_call(args.sink_port, "/dump")
    rows = analyze.load(args.sink_csv, tag)
    result, _, _ = analyze.analyse(rows, 1, start, end, n, 0, event_ms, "floor")
    if event_ms is not None:
        result["event"]["shares"] = shares_across(rows, event_ms)
    floor = ideal_floor(n, args, analyze, java, tools) if not args.no_floor else None
    return {"n": n, "cronhive": result, "floor": floor, "processes": stats}


def shares_across(rows, event_ms):
    """Per-job gaps spanning the event, split at 1.5 periods: jobs that paused and jobs that kept their cadence."""
    by_job = {}
    for row in rows:
        by_job.setdefault(row[0], []).append(row[1])
    spans = []
    for ts in by_job.values():
        ts.sort()
        span = [b - a for a, b in zip(ts, ts[1:]) if a < event_ms <= b]
        if span:
            spans.append(span[0])
    paused = sorted(g for g in spans if g > 1500)
    kept = sorted(g for g in spans if g <= 1500)
    return {"jobs": len(spans), "paused_jobs": len(paused),
            "paused_gap_ms": {"p50": analyze_pct(paused, 50), "max": paused[-1] if paused else None},
            "kept_gap_ms": {"p50": analyze_pct(kept, 50), "max": kept[-1] if kept else None}}


def analyze_pct(xs, p):
    return xs[min(len(xs) - 1, int(len(xs) * p / 100))] if xs else None


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


def kill_master(api, leader):
    masters = api.call("GET", "/v1/masters")
    items = masters["items"] if isinstance(masters, dict) else masters
    wanted = [m for m in items if m.get("online", True) and (m.get("status") == 1) == leader]
    if not wanted:
        raise RuntimeError("no %s in /v1/masters: %s" % ("leader" if leader else "live follower", masters))
    port = wanted[0]["port"]
    for name, pid in service_pids().items():
        with open("/proc/%d/environ" % pid, "rb") as f:
            env = f.read().split(b"\0")
        if ("PORT=%d" % port).encode() in env and name.startswith("master"):
            at = int(time.time() * 1000)
            os.kill(pid, 9)
            print("killed %s %s (pid %d, port %d) at %d" % ("leader" if leader else "follower", name, pid, port, at),
                  file=sys.stderr)
            return at
    raise RuntimeError("master on port %d is not a process started by up.sh" % port)


def summary(r):
    c, f = r["cronhive"], r["floor"] or {"lateness_ms": {"p50": None, "p99": None, "max": None}}
    cl, fl = c["lateness_ms"], f["lateness_ms"]
    procs = ", ".join("%s %.0f%% cpu %.0f MB" % (k, v.get("cpu_pct", 0), v.get("rss_mb_max", 0))
                      for k, v in r["processes"].items() if k != "host")
    line = ("N=%d: %.1f fires/s, missed %d, duplicates %d, lateness p50/p99/max %s/%s/%s ms "
            "(floor p50/p99/max %s/%s/%s ms, p99 ratio %s) | %s" % (
                r["n"], c["fires_per_s"] or 0, c["missed"], c["duplicates"], cl["p50"], cl["p99"], cl["max"],
                fl["p50"], fl["p99"], fl["max"],
                "%.2f" % ((cl["p99"] or 0) / fl["p99"]) if fl["p99"] else "n/a (no floor)", procs))
    shares = c.get("event", {}).get("shares")
    if shares:
        line += (" | kill: %d of %d jobs paused, their gap p50/max %s/%s ms; the others' gap p50/max %s/%s ms" % (
            shares["paused_jobs"], shares["jobs"], shares["paused_gap_ms"]["p50"], shares["paused_gap_ms"]["max"],
            shares["kept_gap_ms"]["p50"], shares["kept_gap_ms"]["max"]))
    return line


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gateway", default="http://127.0.0.1:8080")
    ap.add_argument("--user", default="admin")
    ap.add_argument("--password", default=os.environ.get("CRONHIVE_ADMIN_PASSWORD"))
    ap.add_argument("--jobs", default="100,500,1000,2000")
    ap.add_argument("--warmup", type=int, default=60)
    ap.add_argument("--window", type=int, default=60)
    ap.add_argument("--kill-leader-after", type=int, default=0, help="seconds into the window; 0 = no kill")
    ap.add_argument("--kill-follower-after", type=int, default=0,
                    help="seconds into the window to kill a master that does not lead; 0 = no kill")
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
