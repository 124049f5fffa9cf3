"""Live pipeline throughput and latency, side by side with a bare aiokafka consume+decode loop.

Run:  .venv/bin/python bench/bench_pipeline.py [--events 420000] [--trials 3] [--json out.json]

On one broker (started here on 127.0.0.1:29092, run directory .hydrawatch/bench):
1. Throughput, alternating per trial on a fresh topic holding the same events (the `default`
   scenario's first 8 simulated hours): (a) a bare aiokafka consumer that decodes every record
   (`streams.decoder.decode_message`) and does nothing else; (b) one `hydrawatch worker` doing
   everything (state table, changelogs, internal topic, cluster stage, alerts), timed from its
   first processed event to its last, read from its own /metrics. Ratio = (b) / (a) per trial.
2. Latency at fixed offered loads (default 5,000 then 2,000 events/s, 40 s each): records are produced in
   20 ms ticks, stamped at creation; the worker's `hydrawatch_decision_latency_seconds` histogram
   gives event -> cluster-stage decision latency percentiles (interpolated like
   histogram_quantile). Also the /metrics series count.
3. For scale, Faust's own ceiling in the same trials: an agent that does nothing but count
   (bench/faust_noop.py) on the same topic.
Medians are reported; this machine is noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streams import kafka_local  # noqa: E402
from streams.decoder import decode_message  # noqa: E402
from streams.settings import Settings  # noqa: E402
from streams.simulate_cli import produce_to_kafka  # noqa: E402
from tests.support import free_port, wait_for  # noqa: E402

HOME = REPO / ".hydrawatch" / "bench"
BROKER = Settings(home=HOME, kafka_port=29092, kafka_controller_port=29093, kafka_bootstrap="127.0.0.1:29092")


def events_file(hours: float) -> Path:
    path = HOME / f"default-{hours:g}h.jsonl"
    if not path.exists():
        HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "streams.cli", "simulate", "--scenario", "default", "--hours",
                        str(hours), "--out", str(path), "--truth", str(path.with_suffix(".truth.json"))],
                       cwd=REPO, check=True, capture_output=True)
    return path


def pairs(path: Path, limit: int):
    with open(path, "rb") as f:
        for n, line in enumerate(f):
            if n >= limit:
                return
            line = line.rstrip(b"\n")
            start = line.index(b'"account_id":"') + 14
            yield line[start:line.index(b'"', start)], line


def worker_env(tag: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(HYDRAWATCH_KAFKA_BOOTSTRAP=BROKER.kafka_bootstrap, HYDRAWATCH_APP_ID=f"bench-{tag}",
               HYDRAWATCH_INPUT_TOPIC=f"bench-in-{tag}", HYDRAWATCH_DLQ_TOPIC=f"bench-dlq-{tag}",
               HYDRAWATCH_ALERTS_TOPIC=f"bench-alerts-{tag}", HYDRAWATCH_CLUSTER_TOPIC=f"bench-cluster-{tag}",
               HYDRAWATCH_HOME=str(HOME / "runs" / tag), HYDRAWATCH_GAUGE_INTERVAL_S="1")
    return env


def new_topics(tag: str) -> Settings:
    settings = Settings.from_env(worker_env(tag))
    kafka_local.create_topics(settings)
    return settings


def metrics(port: int) -> dict[str, float]:
    from prometheus_client.parser import text_string_to_metric_families

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as resp:
        text = resp.read().decode()
    out = {"_series": float(sum(1 for line in text.splitlines() if line and not line.startswith("#")))}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            key = s.name + ("{" + ",".join(f"{k}={v}" for k, v in sorted(s.labels.items())) + "}" if s.labels else "")
            out[key] = s.value
    return out


def processed(m: dict[str, float]) -> float:
    return sum(m.get(f"hydrawatch_events_total{{outcome={o}}}", 0.0) for o in ("accepted", "duplicate", "rejected"))


class Worker:
    def __init__(self, tag: str) -> None:
        self.port = free_port()
        (HOME / "runs" / tag).mkdir(parents=True, exist_ok=True)
        self.log = open(HOME / "runs" / tag / "worker.log", "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "streams.cli", "worker", "--web-port", str(self.port),
                                      "--loglevel", "warn"], cwd=REPO, env=worker_env(tag),
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for(lambda: metrics(self.port), 120, "the worker's /metrics")

    def peak_rss_bytes(self) -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        return 0

    def stop(self) -> None:
        import signal

        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


async def bare_consume(topic: str, partitions: int, n: int) -> float:
    """Seconds for a bare aiokafka consumer to fetch and decode `n` records (first to last)."""
    from aiokafka import AIOKafkaConsumer, TopicPartition

    consumer = AIOKafkaConsumer(bootstrap_servers=BROKER.kafka_bootstrap, enable_auto_commit=False,
                                auto_offset_reset="earliest", group_id=None)
    await consumer.start()
    try:
        tps = [TopicPartition(topic, p) for p in range(partitions)]
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        count, started = 0, None
        while count < n:
            batch = await consumer.getmany(timeout_ms=1000, max_records=5000)
            for records in batch.values():
                if started is None:
                    started = time.perf_counter()
                for r in records:
                    decode_message(r.key, r.value)
                count += len(records)
        return time.perf_counter() - started
    finally:
        await consumer.stop()


def faust_noop_consume(topic: str, n: int) -> float:
    """Events/s of a Faust agent doing nothing on the same topic (bench/faust_noop.py)."""
    env = dict(os.environ, T=topic, N=str(n), BOOTSTRAP=BROKER.kafka_bootstrap, WEB_PORT=str(free_port()))
    run = subprocess.run([sys.executable, str(REPO / "bench" / "faust_noop.py")], env=env, cwd=REPO,
                         capture_output=True, timeout=900)
    for line in run.stderr.decode(errors="replace").splitlines():
        if line.startswith("RATE "):
            return float(line.split()[1])
    raise RuntimeError(f"faust no-op agent failed: {run.stderr[-2000:]!r}")


def pipeline_consume(tag: str, n: int) -> tuple[float, dict, int]:
    worker = Worker(tag)
    try:
        first = None
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            m = metrics(worker.port)
            done = processed(m)
            now = time.perf_counter()
            if first is None and done > 0:
                first = (now, done)
            if done >= n:
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("pipeline did not finish")
        # The first poll saw `first[1]` events already done: count only what followed it.
        seconds = now - first[0]
        return seconds * n / max(1.0, n - first[1]), m, worker.peak_rss_bytes()
    finally:
        worker.stop()


async def paced_produce(topic: str, source, rate: float, seconds: float) -> int:
    """Produce at `rate` events/s in 20 ms ticks (one record batch per partition per tick)."""
    from aiokafka import AIOKafkaProducer
    from aiokafka.partitioner import murmur2

    producer = AIOKafkaProducer(bootstrap_servers=BROKER.kafka_bootstrap, acks=1, linger_ms=0)
    await producer.start()
    try:
        partitions = sorted(await producer.partitions_for(topic))
        tick, sent, started = 0.02, 0, time.monotonic()
        pending: list = []
        while time.monotonic() - started < seconds:
            due = int((time.monotonic() - started + tick) * rate) - sent
            batches: dict[int, object] = {}
            for _ in range(max(0, due)):
                key, value = next(source)
                p = partitions[(murmur2(key) & 0x7FFFFFFF) % len(partitions)]
                batch = batches.get(p) or batches.setdefault(p, producer.create_batch())
                if batch.append(key=key, value=value, timestamp=None) is None:  # full: ship it
                    pending.append(await producer.send_batch(batches.pop(p), topic, partition=p))
                    batch = batches[p] = producer.create_batch()
                    batch.append(key=key, value=value, timestamp=None)
                sent += 1
            for p, batch in batches.items():
                pending.append(await producer.send_batch(batch, topic, partition=p))
            await asyncio.sleep(max(0.0, started + (sent / rate) - time.monotonic()))
        await asyncio.gather(*pending)
        return sent
    finally:
        await producer.stop()


def histogram_quantile(q: float, m: dict[str, float], name: str) -> float:
    buckets = sorted((float(k.split("le=")[1].rstrip("}")), v) for k, v in m.items()
                     if k.startswith(name + "_bucket{"))
    total = buckets[-1][1]
    rank, prev_le, prev_count = q * total, 0.0, 0.0
    for le, count in buckets:
        if count >= rank:
            if le == float("inf"):
                return prev_le
            return prev_le + (le - prev_le) * (rank - prev_count) / max(1e-9, count - prev_count)
        prev_le, prev_count = le, count
    return float("nan")


def latency_run(path: Path, rate: float, seconds: float) -> dict:
    tag = "lat-" + uuid.uuid4().hex[:8]
    settings = new_topics(tag)
    worker = Worker(tag)
    try:
        wait_for(lambda: f'topic="{settings.input_topic}"' in urllib.request.urlopen(
            f"http://127.0.0.1:{worker.port}/metrics").read().decode(), 120, "partitions assigned")
        sent = asyncio.run(paced_produce(settings.input_topic, pairs(path, 10**9), rate, seconds))
        produced_at = time.monotonic()
        wait_for(lambda: processed(metrics(worker.port)) >= sent, 1200, "the worker to catch up")
        drain_s = time.monotonic() - produced_at
        time.sleep(1.5)  # let the last decisions and a gauge refresh land
        m = metrics(worker.port)
        name = "hydrawatch_decision_latency_seconds"
        return {"offered_events_per_s": rate, "seconds": seconds, "events": sent,
                "drain_after_produce_s": round(drain_s, 1),
                "decisions": m.get(name + "_count"),
                "p50_s": round(histogram_quantile(0.5, m, name), 3),
                "p90_s": round(histogram_quantile(0.9, m, name), 3),
                "p99_s": round(histogram_quantile(0.99, m, name), 3),
                "share_within_1s": round(m.get(name + '_bucket{le=1.0}', 0) / max(1, m.get(name + "_count")), 4),
                "series": int(m["_series"]),
                "late_inputs": m.get("hydrawatch_sequencer_late_messages_total", 0.0)}
    finally:
        worker.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=420_000)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--rate", type=float, action="append",
                        help="Offered load(s) for the latency runs, events/s (default: 5000 and 2000).")
    parser.add_argument("--latency-seconds", type=float, default=40.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    kafka_local.up(BROKER)
    path = events_file(8)
    trials = []
    for trial in range(args.trials):
        tag = f"tp-{trial}-{uuid.uuid4().hex[:8]}"
        settings = new_topics(tag)
        n = produce_to_kafka(pairs(path, args.events), settings.input_topic, BROKER.kafka_bootstrap)
        bare_s = asyncio.run(bare_consume(settings.input_topic, settings.partitions, n))
        pipe_s, m, rss = pipeline_consume(tag, n)
        noop = faust_noop_consume(settings.input_topic, n)
        row = {"events": n, "bare_events_per_s": round(n / bare_s), "pipeline_events_per_s": round(n / pipe_s),
               "faust_noop_events_per_s": round(noop), "ratio": round(bare_s / pipe_s, 3),
               "ratio_to_faust_noop": round(n / pipe_s / noop, 3),
               "worker_peak_rss_bytes": rss, "series": int(m["_series"])}
        trials.append(row)
        print(json.dumps(row), flush=True)
    summary = {"throughput_trials": trials} if not trials else {
        "throughput_trials": trials,
        "median_bare_events_per_s": statistics.median(t["bare_events_per_s"] for t in trials),
        "median_pipeline_events_per_s": statistics.median(t["pipeline_events_per_s"] for t in trials),
        "median_ratio": statistics.median(t["ratio"] for t in trials),
        "median_faust_noop_events_per_s": statistics.median(t["faust_noop_events_per_s"] for t in trials),
        "median_ratio_to_faust_noop": statistics.median(t["ratio_to_faust_noop"] for t in trials),
    }
    summary.update(
        latency=[latency_run(path, rate, args.latency_seconds) for rate in args.rate or (5000.0, 2000.0)],
        machine=f"{os.cpu_count()} cores", command=" ".join(["bench/bench_pipeline.py", *sys.argv[1:]]),
    )
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
