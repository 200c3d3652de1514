#!/usr/bin/env python3
"""Overload and chaos suite (issue 13): one cluster, one fault per scenario, every slot accounted for.

Starts its own cluster with deploy/local/up.sh on MariaDB (a fresh database named chaos_<time>, dropped at the end)
reached through a TCP proxy that runs inside this script, so the database can be taken away. For each scenario: N
HTTP jobs firing every second ("* * * * * ?") against the shared harness's sink, a fault, then every slot of the
accounting window is looked up in run_logs and at the sink.

Scenarios (--scenarios, in this order; cold-start only as the first, on the cluster up.sh has just started):
  cold-start   N jobs created and started right after up.sh's banner; the "fault" is the boot itself
  cpu-thief    stress-ng --cpu 1 (one of the two cores) for --thief-s seconds (60)
  slow-target  a quarter of the jobs (started at the fault) call an endpoint that answers after 10 s
  db-outage    the proxy between services and MariaDB black-holes all traffic for --db-outage-s (30), then resumes
  worker-kill  kill -9 of the worker 50 ms after a second's instant; up.sh restarts it --restart-after-s (5) later
               (the part after the fault, --post-s, counts from the restart)
  leader-kill  kill -9 of the leading master; up.sh restarts it after the scenario

One row per scenario, and one JSON line with every figure:
  slots     job x second of the accounting window (from --pre-s before the fault to the jobs' stop, minus 2 s)
  ok        the slot's run (cron, or the catch-up run that took the slot's key) finished with result ok
  failed    finished with another result; reasons (digits masked) counted in the JSON, the commonest in the row
  skipped   no row, covered by the misfire policy: an earlier slot of a gap that ends in a catch-up run
  lost      no row and no misfire policy covering it, while a later slot of the job has one
  behind    no row and after the job's last run: the leader had not reached it when the jobs were stopped
  running   not finished when accounted (after all runs settled or --grace-s past the last slot's timeout);
            "stuck" in the row are those past their timeout plus --grace-s (must be 0)
  dup       rows with the same job and slot (cron/catch-up) beyond the first, plus calls at the sink beyond the
            job's dispatched runs (a run that called its target twice)
  recover   seconds from the fault's start to the first second from which every second (by scheduled time) had
            its runs at the sink (>= 99 %) with p99 lateness <= 1.5 x the floor's p99, up to the window's end;
            "never" if the last second is not such a second. Lateness = arrival at the sink - slot, for the
            slots' ok cron runs (slow-target: the fast jobs only); a run's arrival is the job's first one
            between the run's start and end as the worker reported them.
  RSS       max RSS per service over the window (procmon); OOM = OutOfMemoryError lines in the services' logs.
The floor is IdealFirer at N against the same sink, measured once per suite run before the cluster starts.
Every process this script starts binds or talks to 127.0.0.1 only; every loop is bounded.

usage: bench/chaos_suite.py --password PW [--scenarios cold-start,cpu-thief,...] [--jobs 2000]
"""
import argparse
import asyncio
import collections
import concurrent.futures
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import firing_bench as fb  # noqa: E402  (Api, java_binary, chunks, sink_call, wait_until, kill_leader, ...)

ROOT = fb.ROOT
RUN = fb.RUN
UP = os.path.join(ROOT, "deploy", "local", "up.sh")
DOWN = os.path.join(ROOT, "deploy", "local", "down.sh")
SCENARIOS = ["cold-start", "cpu-thief", "slow-target", "db-outage", "worker-kill", "leader-kill"]
SERVICES = ["registry", "admin-service", "master-1", "master-2", "worker-1", "gateway"]
PORTS = [8761, 8081, 8082, 8092, 8083]
TIMEOUT_MS = 5000
SLOW_TIMEOUT_MS = 15000


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr)
    sys.stderr.flush()


def load_avg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# ---------------------------------------------------------------- database (mysql client, straight to 3306)

def sql(statement, db=None):
    cmd = ["mysql", "-h", "127.0.0.1", "-P", "3306", "-u", "root", "-N", "-B", "-e", statement]
    if db:
        cmd.insert(1, "--database=" + db)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise RuntimeError("mysql: %s" % out.stderr.strip())
    return [line.split("\t") for line in out.stdout.splitlines() if line]


# ---------------------------------------------------------------- TCP proxy between the services and MariaDB

class Proxy:
    """Forwards 127.0.0.1:<ephemeral> to MariaDB. pause(): no byte moves either way and new connections are held
    unanswered (a black hole); sever(): closes every carried connection; resume(): held bytes and connections go on."""

    def __init__(self, target_port):
        self.target = ("127.0.0.1", target_port)
        self.server = socket.create_server(("127.0.0.1", 0), backlog=200)
        self.port = self.server.getsockname()[1]
        self.open = threading.Event()
        self.open.set()
        self.closed = False
        self.socks = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _track(self, s):
        with self.lock:
            self.socks.add(s)

    def _close(self, s):
        with self.lock:
            self.socks.discard(s)
        # Shut down before closing: close() alone neither wakes the other pump blocked in recv() on this socket nor
        # sends the FIN, so a killed client's database session (and the named lock it held) lived on.
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            s.close()
        except OSError:
            pass

    def _accept(self):
        while not self.closed:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            self._track(client)
            threading.Thread(target=self._connect, args=(client,), daemon=True).start()

    def _connect(self, client):
        while not self.open.wait(1):
            if self.closed:
                return self._close(client)
        try:
            up = socket.create_connection(self.target, timeout=5)
            up.settimeout(None)
        except OSError:
            return self._close(client)
        self._track(up)
        for s in (client, up):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=self._pump, args=(client, up), daemon=True).start()
        self._pump(up, client)

    def _pump(self, src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                # Bytes read while paused are held, not dropped: a partition that heals loses none.
                while not self.open.wait(1):
                    if self.closed:
                        raise OSError("closed")
                dst.sendall(data)
        except OSError:
            pass
        finally:
            self._close(src)
            self._close(dst)

    def pause(self):
        self.open.clear()

    def resume(self):
        self.open.set()

    def sever(self):
        with self.lock:
            socks = list(self.socks)
        for s in socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._close(s)

    def close(self):
        self.closed = True
        self.server.close()
        self.resume()
        self.sever()


# ---------------------------------------------------------------- a target that answers after 10 s

class SlowTarget:
    """HTTP/1.1 keep-alive server (asyncio, one thread) that answers every request after `delay_s` and counts them."""

    def __init__(self, delay_s=10.0):
        self.delay_s = delay_s
        self.calls = collections.Counter()
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self.thread.start()
        ready.wait(10)

    def _run(self, ready):
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=1024))
        self.port = self.server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    async def _serve(self, reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                first = head.split(b"\r\n", 1)[0].decode("latin-1")
                m = re.search(r"job=([^ &]+)", first)
                self.calls[m.group(1) if m else "?"] += 1
                length = re.search(rb"(?i)content-length:\s*(\d+)", head)
                if length:
                    await reader.readexactly(int(length.group(1)))
                await asyncio.sleep(self.delay_s)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    def close(self):
        self.loop.call_soon_threadsafe(self.loop.stop)


# ---------------------------------------------------------------- cluster

def port_busy(port):
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def up(env):
    for attempt in range(3):
        out = subprocess.run([UP], env=env, capture_output=True, text=True, timeout=900)
        if out.returncode == 0:
            return int(time.time() * 1000)
        # On a loaded machine a service may take longer than up.sh waits; up.sh again waits for the same
        # processes (it starts only those not running).
        if "did not answer" not in out.stderr or attempt == 2:
            raise RuntimeError("up.sh failed:\n%s%s" % (out.stdout[-2000:], out.stderr[-2000:]))
        log("up.sh: %s; waiting again (load %s)" % (out.stderr.strip().splitlines()[-1], load_avg()))


class Logs:
    """OutOfMemoryError lines per service since a mark; survives up.sh truncating a restarted service's log."""

    def __init__(self):
        self.offsets, self.counts = {}, collections.Counter()

    def _read(self, name):
        path = os.path.join(RUN, name + ".log")
        try:
            with open(path, "rb") as f:
                f.seek(self.offsets.get(name, 0))
                data = f.read()
                self.offsets[name] = f.tell()
        except OSError:
            return
        self.counts[name] += data.count(b"OutOfMemoryError")

    def mark(self):
        self.counts = collections.Counter()
        for name in SERVICES:
            try:
                self.offsets[name] = os.path.getsize(os.path.join(RUN, name + ".log"))
            except OSError:
                self.offsets[name] = 0

    def before_restart(self, name):
        self._read(name)
        self.offsets[name] = 0

    def since_mark(self):
        for name in SERVICES:
            self._read(name)
        return dict(self.counts)


def missed_logged(since_offsets):
    """Slots the masters say they missed (misfire policy applied), from their INFO line, since the offsets."""
    total = 0
    for name in ("master-1", "master-2"):
        try:
            with open(os.path.join(RUN, name + ".log"), "rb") as f:
                f.seek(since_offsets.get(name, 0))
                for m in re.finditer(rb"job\(s\) missed (\d+) slot\(s\) in all", f.read()):
                    total += int(m.group(1))
        except OSError:
            pass
    return total


class Monitors:
    """procmon over the window; a restarted service gets a monitor of its own, maxima are merged by name."""

    def __init__(self, procmon, own):
        self.procmon, self.own, self.mons = procmon, own, []

    def start(self, only=None):
        pids = {k: v for k, v in fb.service_pids().items() if only is None or k in only}
        if only is None:
            pids.update(self.own)  # this script (the database proxy runs in it) and the sink
        if pids:
            m = self.procmon.ProcMon(pids)
            m.start()
            self.mons.append(m)

    def stop(self):
        merged = {}
        for m in self.mons:
            for k, v in m.stop().items():
                if k == "host":
                    merged.setdefault("host", v)
                    continue
                cur = merged.setdefault(k, {"rss_mb_max": 0, "cpu_pct": 0})
                cur["rss_mb_max"] = max(cur["rss_mb_max"], v.get("rss_mb_max", 0))
                cur["cpu_pct"] = max(cur["cpu_pct"], v.get("cpu_pct") or 0)
        return merged


# ---------------------------------------------------------------- jobs

def create_jobs(api, tag, n, target_of):
    def one(i):
        for attempt in range(5):
            try:
                url, timeout = target_of(i)
                return i, api.call("POST", "/v1/jobs", {
                    "name": "chaos-%s%d" % (tag, i), "cron": "* * * * * ?", "type": "http",
                    "target": url, "timeoutMs": timeout, "misfire": "fire_once"})["id"]
            except (RuntimeError, OSError) as e:
                if attempt == 4:
                    raise
                log("creating job %d failed (%s); retrying" % (i, e))
                time.sleep(2)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return dict(pool.map(one, range(n)))


def schedule(api, ids, start):
    for chunk in fb.chunks(ids):
        for attempt in range(30):
            try:
                api.call("DELETE" if not start else "POST", "/v1/schedulers", {"jobIds": chunk})
                break
            except (RuntimeError, OSError) as e:
                if attempt == 29:
                    raise
                log("%s the jobs failed (%s); retrying" % ("starting" if start else "stopping", e))
                time.sleep(2)


# ---------------------------------------------------------------- accounting

def reason_of(message):
    return re.sub(r"\d+", "#", (message or "").replace("\\n", " ").strip())[:90] or "(no message)"


def account(db, jobs, slow, start_ms, end_ms, fault_ms, arrivals, floor_p99, grace_ms, timeout_ms_of, slow_from_ms):
    """jobs: {index: job id}; slow: indexes calling the slow target, started at slow_from_ms; arrivals: {index: [ms]}."""
    by_id = {jid: i for i, jid in jobs.items()}
    lo, hi = min(by_id), max(by_id)
    rows = sql("SELECT job_id, scheduled_at, trigger_kind, state, IFNULL(result, 0), IFNULL(message, ''), "
               "dispatched_at IS NOT NULL, IFNULL(started_at, 0), IFNULL(ended_at, 0) FROM run_logs "
               "WHERE job_id BETWEEN %d AND %d" % (lo, hi), db)
    now = int(time.time() * 1000)
    per_job = collections.defaultdict(list)
    for job_id, sched, kind, state, result, message, dispatched, started, ended in rows:
        if int(job_id) in by_id:
            per_job[by_id[int(job_id)]].append((int(sched), kind, state, int(result), message, dispatched == "1",
                                                int(started), int(ended)))
    first = -(-start_ms // 1000) * 1000
    seconds = list(range(first, end_ms, 1000))
    c = collections.Counter()
    reasons = collections.Counter()
    lateness = collections.defaultdict(list)  # second -> [ms] for fast jobs' ok cron runs
    sink_extra = 0
    expected = 0
    for i, jid in jobs.items():
        runs = per_job.get(i, [])
        own = [s for s in seconds if i not in slow or s >= slow_from_ms]
        expected += len(own)
        slot_runs = collections.defaultdict(list)
        for r in runs:
            if r[1] in ("cron", "catchup"):
                slot_runs[r[0]].append(r)
        catchups = sorted(s for s, rs in slot_runs.items() if any(r[1] == "catchup" for r in rs))
        c["dup_rows"] += sum(len(rs) - 1 for rs in slot_runs.values())
        last_row = max(slot_runs) if slot_runs else None
        for s in own:
            rs = slot_runs.get(s)
            if not rs and (last_row is None or s > last_row):
                c["behind"] += 1  # after the job's last run: the leader had not reached it when the job stopped
                continue
            if not rs:
                # Skipped by the misfire policy: in a gap that the next catch-up run (on its latest slot) covers.
                nxt = next((k for k in catchups if k >= s), None)
                if nxt is not None and all(t not in slot_runs for t in range(s + 1000, nxt, 1000)):
                    c["skipped"] += 1
                else:
                    c["lost"] += 1
                continue
            sched, kind, state, result, message = rs[0][:5]
            if state != "finished":
                c["running"] += 1
                if now - s > timeout_ms_of(i) + grace_ms:
                    c["stuck"] += 1
            elif result == 1:
                c["ok"] += 1
            elif message.startswith("skipped"):
                c["skipped"] += 1
                reasons["skipped: " + reason_of(message)] += 1
            else:
                c["failed"] += 1
                reasons[reason_of(message)] += 1
        # Calls at the sink beyond the runs that were sent to a worker: some run called its target twice.
        calls = arrivals.get(i, [])
        dispatched = sum(1 for r in runs if r[5])
        sink_extra += max(0, len(calls) - dispatched)
        if i in slow:
            continue
        # Lateness: each ok cron run's call is the job's first arrival between the run's start and end as the
        # worker reported them (same host clock); calls of failed runs and catch-ups fall outside and are ignored.
        oks = sorted((r[6], r[7], r[0]) for r in runs
                     if r[1] == "cron" and r[2] == "finished" and r[3] == 1 and r[6] and r[7])
        ts = sorted(calls)
        k = 0
        for started, ended, slot in oks:
            while k < len(ts) and ts[k] < started - 20:
                k += 1
            if k < len(ts) and ts[k] <= ended + 20:
                if first <= slot < end_ms:
                    lateness[slot].append(ts[k] - slot)
                k += 1
    fast = len(jobs) - len(slow)
    p99s = {}
    for s in seconds:
        xs = sorted(lateness.get(s, []))
        p99s[s] = xs[max(0, -(-len(xs) * 99 // 100) - 1)] if xs else None
    limit = 1.5 * floor_p99 if floor_p99 else None
    good = [limit is not None and p99s[s] is not None and p99s[s] <= limit and len(lateness[s]) >= 0.99 * fast
            for s in seconds]
    recover = None
    if good and good[-1]:
        j = len(good) - 1
        while j > 0 and good[j - 1]:
            j -= 1
        recover = max(0.0, (seconds[j] - fault_ms) / 1000.0)
    all_late = sorted(x for xs in lateness.values() for x in xs)
    pct = lambda p: all_late[max(0, -(-len(all_late) * p // 100) - 1)] if all_late else None  # noqa: E731
    accounted = c["ok"] + c["failed"] + c["skipped"] + c["lost"] + c["running"] + c["behind"]
    return {
        "slots": expected, "accounted": accounted, "ok": c["ok"], "failed": c["failed"], "skipped": c["skipped"],
        "lost": c["lost"], "behind": c["behind"], "running": c["running"], "stuck": c["stuck"],
        "duplicates": c["dup_rows"] + sink_extra, "dup_rows": c["dup_rows"], "sink_extra_calls": sink_extra,
        "reasons": dict(reasons.most_common(10)), "recover_s": recover,
        "lateness_ms": {"p50": pct(50), "p99": pct(99), "max": all_late[-1] if all_late else None},
        "p99_by_second_ms": [p99s[s] for s in seconds], "window": [first, end_ms], "fault_ms": fault_ms,
    }


# ---------------------------------------------------------------- one scenario

class Suite:
    def __init__(self, args, analyze, procmon, java):
        self.args, self.analyze, self.procmon, self.java = args, analyze, procmon, java
        self.logs = Logs()
        self.floor = None
        self.api = None
        self.env = None
        self.slow = None
        self.own = {}

    def login(self):
        deadline = time.time() + 120
        while True:
            try:
                self.api = fb.Api(self.args.gateway, "admin", self.args.password)
                return
            except (RuntimeError, OSError) as e:
                if time.time() > deadline:
                    raise
                log("login failed (%s); retrying" % e)
                time.sleep(2)

    def restart(self, name):
        self.logs.before_restart(name)
        log("restarting %s with up.sh" % name)
        up(self.env)

    def arrivals(self, tag):
        fb.sink_call(self.args.sink_port, "/dump")
        out = collections.defaultdict(list)
        for job, ms in self.analyze.load(self.args.sink_csv, tag):
            out[int(job[len(tag):])].append(ms)
        return out

    def run(self, name, booted_ms=None):
        a, n = self.args, self.args.jobs
        tag = "%s-%d-" % (name.replace("-", ""), int(time.time()))
        slow = set(range(0, n, 4)) if name == "slow-target" else set()
        if slow and self.slow is None:
            self.slow = SlowTarget(10.0)

        def target_of(i):
            if i in slow:
                return ("http://127.0.0.1:%d/slow?job=%s%d" % (self.slow.port, tag, i), SLOW_TIMEOUT_MS)
            return ("http://127.0.0.1:%d/hit?job=%s%d" % (a.sink_port, tag, i), TIMEOUT_MS)

        fb.sink_call(a.sink_port, "/reset")
        self.logs.mark()
        offsets = dict(self.logs.offsets)
        load_before = load_avg()
        t0 = time.time()
        jobs = create_jobs(self.api, tag, n, target_of)
        log("%s: %d jobs created in %.0f s (load %s)" % (name, n, time.time() - t0, load_avg()))
        fast_ids = [jobs[i] for i in range(n) if i not in slow]
        slow_ids = [jobs[i] for i in sorted(slow)]
        schedule(self.api, fast_ids, True)
        scheduled_ms = int(time.time() * 1000)
        mons = Monitors(self.procmon, self.own)
        extra = {}
        if name == "cold-start":
            start_ms = (scheduled_ms // 1000 + 4) * 1000
            fault_ms = scheduled_ms
            extra["banner_to_scheduled_s"] = round((scheduled_ms - booted_ms) / 1000.0, 1)
            mons.start()
            end_ms = start_ms + a.cold_window_s * 1000
            fb.wait_until(end_ms)
        else:
            start_ms = (int(time.time()) + a.warmup_s + 1) * 1000
            fb.wait_until(start_ms)
            mons.start()
            fault_ms = start_ms + a.pre_s * 1000
            fb.wait_until(fault_ms)
            fault_ms, fault_end_ms = self.fault(name, fault_ms, slow_ids, mons, extra)
            end_ms = max(fault_end_ms, fault_ms) + a.post_s * 1000
            fb.wait_until(end_ms)
        stats = mons.stop()
        schedule(self.api, fast_ids + slow_ids, False)
        stop_ms = int(time.time() * 1000)
        end_ms = min(end_ms, stop_ms - 2000)
        # Let every run settle: finished, or past its timeout plus the grace.
        settle_deadline = time.time() + (SLOW_TIMEOUT_MS if slow else TIMEOUT_MS) / 1000.0 + a.grace_s
        lo, hi = min(jobs.values()), max(jobs.values())
        while time.time() < settle_deadline:
            left = int(sql("SELECT COUNT(*) FROM run_logs WHERE job_id BETWEEN %d AND %d AND state <> 'finished'"
                           % (lo, hi), a.db)[0][0])
            if left == 0:
                break
            time.sleep(3)
        if name == "leader-kill":
            self.restart("master-1" if not fb.service_pids().get("master-1") else "master-2")
            self.login()
        time.sleep(2)
        arrivals = self.arrivals(tag)
        shutil.copy(a.sink_csv, os.path.join(RUN, "chaos-sink-%s.csv" % tag.rstrip("-")))  # for re-analysis
        for i in slow:  # the slow target counts its calls; only their number matters for slow jobs
            arrivals[i] = [0] * self.slow.calls.get("%s%d" % (tag, i), 0)
        r = account(a.db, jobs, slow, start_ms, end_ms, fault_ms, arrivals, self.floor["lateness_ms"]["p99"],
                    a.grace_s * 1000, lambda i: SLOW_TIMEOUT_MS if i in slow else TIMEOUT_MS,
                    (fault_ms // 1000 + 3) * 1000)
        if name == "leader-kill" or name == "worker-kill":
            ev = self.analyze.analyse([(j, t) for j, t in self.analyze.load(a.sink_csv, tag)
                                       if int(j[len(tag):]) not in slow], 1, start_ms, end_ms, n, 0, fault_ms,
                                      "seq")[0].get("event", {})
            extra["pause_ms"] = ev.get("global_pause_ms")
            extra["per_job_longest_gap_after_ms"] = ev.get("per_job_longest_gap_after_ms", {}).get("max")
        if slow:
            extra["slow_target_calls"] = sum(v for k, v in self.slow.calls.items() if k.startswith(tag))
        r.update({"scenario": name, "n": n, "tag": tag, "load_before": load_before, "load_after": load_avg(),
                  "misfire_logged": missed_logged(offsets), "oom": self.logs.since_mark(), "processes": stats,
                  "floor_p99_ms": self.floor["lateness_ms"]["p99"], "extra": extra})
        return r

    def fault(self, name, at_ms, slow_ids, mons, extra):
        """Applies the scenario's fault at at_ms; answers (fault start, fault end) in epoch ms."""
        a = self.args
        if name == "cpu-thief":
            thief = subprocess.Popen(["stress-ng", "--cpu", "1", "--cpu-load", "100", "--timeout", "%ds" % a.thief_s,
                                      "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                thief.wait(a.thief_s + 30)
            finally:
                if thief.poll() is None:
                    thief.kill()
            return at_ms, int(time.time() * 1000)
        if name == "slow-target":
            schedule(self.api, slow_ids, True)
            return at_ms, at_ms + a.slow_s * 1000
        if name == "db-outage":
            self.proxy.pause()
            log("database black-holed")
            time.sleep(a.db_outage_s)
            if a.db_sever:
                self.proxy.sever()
            self.proxy.resume()
            log("database back")
            return at_ms, int(time.time() * 1000)
        if name == "worker-kill":
            fb.wait_until((int(time.time()) + 1) * 1000 + 50)  # mid-burst: 50 ms into a second's runs
            pid = fb.service_pids()["worker-1"]
            killed = int(time.time() * 1000)
            os.kill(pid, 9)
            log("killed worker-1 (pid %d)" % pid)
            time.sleep(a.restart_after_s)
            self.restart("worker-1")
            mons.start(only={"worker-1"})
            restarted = int(time.time() * 1000)
            extra["restarted_after_s"] = round((restarted - killed) / 1000.0, 1)
            return killed, restarted
        if name == "leader-kill":
            killed = fb.kill_leader(self.api)
            return killed, killed
        raise ValueError(name)


def row(r):
    rss = " ".join("%s:%.0f" % (k.replace("admin-service", "admin").replace("master-", "m").replace("worker-", "w"),
                                v.get("rss_mb_max", 0)) for k, v in r["processes"].items() if k != "host")
    top = next(iter(r["reasons"]), "")
    extra = ", ".join("%s=%s" % kv for kv in r["extra"].items())
    rec = "never" if r["recover_s"] is None else "%.0f" % r["recover_s"]
    return ("%-12s %5d %7d %7d %6d %6d %5d %6d %4d %5d %7s %7s  %-44s %3d  load %s->%s  %s%s" % (
        r["scenario"], r["n"], r["slots"], r["ok"], r["failed"], r["skipped"], r["lost"], r["behind"], r["duplicates"],
        r["stuck"], rec, "%s/%s" % (r["lateness_ms"]["p50"], r["lateness_ms"]["p99"]), rss,
        sum(r["oom"].values()), r["load_before"].split()[0], r["load_after"].split()[0], extra,
        ("\n" + " " * 13 + "top failure: %s" % top) if top else ""))


HEADER = ("%-12s %5s %7s %7s %6s %6s %5s %6s %4s %5s %7s %7s  %-44s %3s" % (
    "scenario", "N", "slots", "ok", "failed", "skipped", "lost", "behind", "dup", "stuck", "recov s", "p50/p99",
    "max RSS MB", "OOM"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--password", default=os.environ.get("CRONHIVE_ADMIN_PASSWORD"))
    ap.add_argument("--scenarios", default=",".join(SCENARIOS))
    ap.add_argument("--jobs", type=int, default=2000)
    ap.add_argument("--warmup-s", type=int, default=30, help="jobs firing before the window (not cold-start)")
    ap.add_argument("--pre-s", type=int, default=10, help="seconds of the window before the fault")
    ap.add_argument("--post-s", type=int, default=60, help="seconds of the window after the fault ends")
    ap.add_argument("--cold-window-s", type=int, default=90)
    ap.add_argument("--thief-s", type=int, default=60)
    ap.add_argument("--slow-s", type=int, default=60, help="the slow quarter fires this long before the post part")
    ap.add_argument("--db-outage-s", type=int, default=30)
    ap.add_argument("--db-sever", action="store_true", help="also close the proxied connections when it ends")
    ap.add_argument("--restart-after-s", type=int, default=5)
    ap.add_argument("--grace-s", type=int, default=150,
                    help="past a run's timeout, before it counts as stuck (the masters reap after timeout + 2 min)")
    ap.add_argument("--sink-port", type=int, default=18999)
    ap.add_argument("--gateway", default="http://127.0.0.1:8080")
    ap.add_argument("--tools", default=os.environ.get("CRONHIVE_BENCH_TOOLS", os.path.join(ROOT, "..", "shared", "bench")))
    ap.add_argument("--out", help="also append the JSON lines to this file")
    args = ap.parse_args()
    if not args.password:
        ap.error("--password (or CRONHIVE_ADMIN_PASSWORD) is required")
    chosen = [s for s in args.scenarios.split(",") if s]
    for s in chosen:
        if s not in SCENARIOS:
            ap.error("unknown scenario %s (known: %s)" % (s, ", ".join(SCENARIOS)))
    if "cold-start" in chosen and chosen[0] != "cold-start":
        ap.error("cold-start must come first: it needs the cluster up.sh has just started")
    if "cpu-thief" in chosen and not shutil.which("stress-ng"):
        ap.error("cpu-thief needs stress-ng (apt-get install -y stress-ng)")
    busy = [p for p in PORTS + [8080, args.sink_port] if port_busy(p)]
    if busy or fb.service_pids():
        ap.error("ports %s are in use or deploy/local/run has live pids: stop that cluster first (down.sh)" % busy)
    sys.path.insert(0, args.tools)
    import analyze
    import procmon
    java = fb.java_binary()
    os.makedirs(RUN, exist_ok=True)
    args.sink_csv = os.path.join(RUN, "chaos-sink.csv")
    args.db = "chaos_%d" % int(time.time())
    suite = Suite(args, analyze, procmon, java)
    sink = proxy = None
    results = []
    try:
        sql("CREATE DATABASE %s CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" % args.db)
        proxy = suite.proxy = Proxy(3306)
        sink = subprocess.Popen([java, os.path.join(args.tools, "Sink.java"), str(args.sink_port), args.sink_csv],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        suite.own = {"suite": os.getpid(), "sink": sink.pid}
        for _ in range(120):
            try:
                fb.sink_call(args.sink_port, "/count")
                break
            except OSError:
                time.sleep(0.5)
        log("floor: IdealFirer at N = %d (load %s)" % (args.jobs, load_avg()))
        floor_args = argparse.Namespace(warmup=20, window=30, sink_port=args.sink_port, sink_csv=args.sink_csv)
        suite.floor = fb.ideal_floor(args.jobs, floor_args, analyze, java, args.tools)
        log("floor p50/p99/max %s ms" % json.dumps(suite.floor["lateness_ms"]))
        # A worker journal of an earlier cluster is not this one's history.
        shutil.rmtree(os.path.join(RUN, "worker-1"), ignore_errors=True)
        suite.env = dict(os.environ, CRONHIVE_ADMIN_PASSWORD=args.password,
                         CRONHIVE_DB_URL="jdbc:mysql://127.0.0.1:%d/%s" % (proxy.port, args.db),
                         CRONHIVE_DB_USERNAME="root", CRONHIVE_DB_PASSWORD="")
        log("starting the cluster with up.sh (database %s through proxy port %d)" % (args.db, proxy.port))
        booted = up(suite.env)
        log("up.sh banner (load %s)" % load_avg())
        suite.login()
        print(HEADER)
        for name in chosen:
            log("scenario %s at N = %d" % (name, args.jobs))
            r = suite.run(name, booted_ms=booted)
            results.append(r)
            print(row(r))
            print(json.dumps(r))
            sys.stdout.flush()
            if args.out:
                with open(args.out, "a") as f:
                    f.write(json.dumps(r) + "\n")
            time.sleep(5)
    finally:
        subprocess.run([DOWN], capture_output=True, timeout=300)
        if proxy:
            proxy.close()
        if suite.slow:
            suite.slow.close()
        if sink:
            sink.terminate()
            sink.wait(10)
        try:
            sql("DROP DATABASE IF EXISTS %s" % args.db)
        except RuntimeError as e:
            log("dropping %s failed: %s" % (args.db, e))
    bad = [r["scenario"] for r in results if r["duplicates"] or r["stuck"] or r["lost"] or r["accounted"] != r["slots"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
