"""Cluster-stage takeover after 1, 10 and 30 simulated days: the cost must not grow with uptime.

Run:  .venv/bin/python bench/bench_takeover.py [--days 1,10,30] [--takeovers 3] [--speed 14400]
                                               [--snapshot-interval-s 5] [--json out.json]

On one broker (127.0.0.1:29092, run directory .hydrawatch/bench), per soak length D:
1. One worker takes the `soak` scenario for D simulated days as live traffic, at `--speed`
   simulated seconds per second (14,400: a day in 6 s), with its accounts scaled by
   (D + STAY_DAYS) / (10 + STAY_DAYS) so that as many accounts are active on any day whatever D
   is: the scenario's 7,860 benign accounts each stay a few days (STAY_DAYS on average), arriving
   during its ten days or up to their stay before them (the population is under way at the start). Its idle-account TTL is one day (as the soak test's): the state it holds is then
   that of the last day or two, and what is measured is what uptime adds, not a longer TTL.
   The snapshot interval is `--snapshot-interval-s` of wall time (the default 60 s at the
   compressed pace would be ten simulated hours; 5 s is 20 simulated hours).
2. Once it has processed everything, `--takeovers` times: once the cluster stage's owner has
   written a snapshot of everything, it is killed (SIGKILL) and a new worker started; it takes
   the stage over. Measured: its
   `hydrawatch_cluster_takeover_seconds` (snapshot read and loaded, internal records after it
   applied), and from its start until it has caught up (Faust start, group join, table recovery
   included). Also: the snapshot's size, and how many internal records the topic still holds
   against how many were ever written.
Medians over the takeovers are reported. This machine is noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_pipeline import BROKER, HOME, metrics, processed, worker_env  # noqa: E402
from streams import kafka_local  # noqa: E402
from streams.settings import Settings  # noqa: E402
from tests.support import free_port, wait_for  # noqa: E402

SOAK_DAYS = 10  # of the soak scenario as written
STAY_DAYS = 1.9  # its benign accounts' mean stay, weighted by persona counts
TTL_S = 86400.0


class Worker:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.started = time.monotonic()
        self.log = log
        self.proc = subprocess.Popen([sys.executable, "-m", "streams.cli", "worker", "--web-port", str(self.port),
                                      "--loglevel", "info"], cwd=REPO, env=env, stdout=open(log, "ab"),
                                     stderr=subprocess.STDOUT, start_new_session=True)
        wait_for(lambda: metrics(self.port), 120, "the worker's /metrics")

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


def internal_range(topic: str) -> tuple[int, int]:
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=BROKER.kafka_bootstrap)
    try:
        tp = TopicPartition(topic, 0)
        return consumer.beginning_offsets([tp])[tp], consumer.end_offsets([tp])[tp]
    finally:
        consumer.close()


def caught_up(worker: Worker, n: int, cluster_topic: str) -> dict | None:
    m = metrics(worker.port)
    lag = m.get(f"hydrawatch_consumer_lag_messages{{partition=0,topic={cluster_topic}}}")
    return m if processed(m) >= n and lag == 0 else None


def snapshot_of_everything(worker: Worker, cluster_topic: str) -> bool:
    """The worker's last snapshot covers every internal record (read from its log's last line)."""
    _, end = internal_range(cluster_topic)
    lines = [line for line in worker.log.read_text(errors="replace").splitlines() if "snapshot written at" in line]
    return bool(lines) and int(lines[-1].split("snapshot written at internal offset ")[1].split(":")[0]) >= end


def soak(days: float, args: argparse.Namespace) -> dict:
    tag = f"to-{days:g}d-{uuid.uuid4().hex[:6]}"
    env = dict(worker_env(tag), HYDRAWATCH_ACCOUNT_TTL_S=str(TTL_S), HYDRAWATCH_LOG_LEVEL="info",
               HYDRAWATCH_CLUSTER_SNAPSHOT_INTERVAL_S=str(args.snapshot_interval_s))
    settings = Settings.from_env(env)
    kafka_local.create_topics(settings)
    run_dir = HOME / "runs" / tag
    run_dir.mkdir(parents=True, exist_ok=True)
    owner = Worker(env, run_dir / "worker-0.log")
    feed = subprocess.run(
        [sys.executable, "-m", "streams.cli", "simulate", "--scenario", "soak", "--hours", str(days * 24),
         "--accounts-scale", str((days + STAY_DAYS) / (SOAK_DAYS + STAY_DAYS)), "--speed", str(args.speed), "--out", "kafka",
         "--topic", settings.input_topic, "--truth", str(run_dir / "truth.json")],
        cwd=REPO, env=env, check=True, capture_output=True, text=True)
    n = int(next(w for w in (feed.stdout + feed.stderr).replace(",", "").split() if w.isdigit()))
    m = wait_for(lambda: caught_up(owner, n, settings.cluster_topic), 900, f"{days:g} days processed")
    row: dict = {"days": days, "events": n, "takeovers": []}
    for i in range(args.takeovers):
        # Killed once it has written a snapshot of everything: what a takeover reads then is that
        # snapshot (its cost follows the state, which the TTL bounds) and no records after it. What
        # it applies after a snapshot is at most one interval's records, whatever the uptime.
        wait_for(lambda: snapshot_of_everything(owner, settings.cluster_topic), 120, "a snapshot of everything")
        m = metrics(owner.port)
        first, end = internal_range(settings.cluster_topic)
        row.update(accounts_tracked=int(m["hydrawatch_accounts_tracked"]),
                   cluster_stage_accounts=int(m["hydrawatch_cluster_stage_accounts"]),
                   snapshot_bytes=int(m.get("hydrawatch_cluster_snapshot_bytes", 0)),
                   snapshot_pause_s=round(m.get("hydrawatch_cluster_snapshot_pause_seconds", 0.0), 3),
                   internal_records_written=end, internal_records_kept=end - first)
        owner.kill()
        owner = Worker(env, run_dir / f"worker-{i + 1}.log")
        m = wait_for(lambda: caught_up(owner, 0, settings.cluster_topic)
                     if metrics(owner.port).get("hydrawatch_cluster_takeovers_total{start=snapshot}", 0)
                     + metrics(owner.port).get("hydrawatch_cluster_takeovers_total{start=internal_topic}", 0) else None,
                     300, "the new worker to take the cluster stage over")
        row["takeovers"].append({
            "takeover_s": round(m["hydrawatch_cluster_takeover_seconds"], 3),
            "from_snapshot": bool(m.get("hydrawatch_cluster_takeovers_total{start=snapshot}", 0)),
            "start_to_caught_up_s": round(time.monotonic() - owner.started, 2)})
        print(json.dumps({"days": days, **row["takeovers"][-1]}), flush=True)
    owner.kill()
    row["median_takeover_s"] = statistics.median(t["takeover_s"] for t in row["takeovers"])
    row["median_start_to_caught_up_s"] = statistics.median(t["start_to_caught_up_s"] for t in row["takeovers"])
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", default="1,10,30")
    parser.add_argument("--takeovers", type=int, default=3)
    parser.add_argument("--speed", type=float, default=14_400.0)
    parser.add_argument("--snapshot-interval-s", type=float, default=5.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    kafka_local.up(BROKER)
    rows = []
    for days in (float(d) for d in args.days.split(",")):
        rows.append(soak(days, args))
        print(json.dumps({k: v for k, v in rows[-1].items() if k != "takeovers"}), flush=True)
    base = rows[0]["median_takeover_s"]
    summary = {
        "soaks": rows,
        "takeover_ratio_to_first": {f"{r['days']:g}d": round(r["median_takeover_s"] / base, 2) for r in rows},
        "machine": f"{os.cpu_count()} cores", "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "command": " ".join(["bench/bench_takeover.py", *sys.argv[1:]]),
    }
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
