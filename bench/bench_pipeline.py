"""Live pipeline throughput and latency, side by side with a bare aiokafka consume+decode loop
and `hydrawatch replay`.

Run:  .venv/bin/python bench/bench_pipeline.py [--events 420000] [--trials 3] [--json out.json]

On one broker (started here on 127.0.0.1:29092, run directory .hydrawatch/bench):
1. Throughput, per trial on a fresh topic holding the same events (the `default` scenario's first
   8 simulated hours), one after another: (a) a bare aiokafka consumer that decodes every record
   (`streams.decoder.decode_message`) and does nothing else; (b) one `hydrawatch worker` doing
   everything (state tables and changelogs, internal topic, cluster stage, alerts), timed from
   its first processed event until the account stage has processed the last and the cluster
   stage has applied everything they sent (read from its own /metrics); (c) a Faust agent that
   does nothing but count (bench/faust_noop.py), Faust's own per-message ceiling; (d)
   `hydrawatch replay` of the same events from a file. Ratios (b)/(a) and (b)/(d) per trial,
   and the bytes written to the changelogs per input event.
2. Latency, in the same trial right after (b): an offered load of 80% of the rate (b) just
   measured (this host's speed swings by half within minutes, so the load is paired with the
   maximum it is a share of; `--rate` fixes it instead), 40 s: records are produced through kcat in 20 ms ticks, stamped by Kafka as kcat sends them
   (a Python producer at that rate took CPU the worker needs on this 2-core machine); the worker's
   `hydrawatch_decision_latency_seconds` histogram gives event -> cluster-stage decision latency
   percentiles (interpolated like histogram_quantile). Also the /metrics series count.
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
               HYDRAWATCH_HOME=str(HOME / "runs" / tag), HYDRAWATCH_GAUGE_INTERVAL_S="0.25")
    return env


def new_topics(tag: str) -> Settings:
    settings = Settings.from_env(worker_env(tag))
    kafka_local.create_topics(settings)
    return settings


def latency_hours(rate: float, seconds: float) -> int:
    """Simulated hours of `default` holding at least `rate * seconds` events (~52k per hour)."""
    return min(36, max(8, int(rate * seconds / 45_000) + 2))


def sliced(path: Path, n: int) -> Path:
    """The first `n` events of `path` as a file of their own (what the topic holds)."""
    out = path.with_name(f"{path.stem}-{n}.jsonl")
    if not out.exists():
        with open(path, "rb") as src, open(out, "wb") as dst:
            for i, line in enumerate(src):
                if i >= n:
                    break
                dst.write(line)
    return out


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
    """Seconds for one worker to take `n` events through the whole pipeline: from its first
    processed event until the account stage has processed all `n` and the cluster stage has
    applied every internal record they produced (its consumer lag, refreshed every 0.25 s, is 0)."""
    worker = Worker(tag)
    cluster_lag = f"hydrawatch_consumer_lag_messages{{partition=0,topic=bench-cluster-{tag}}}"
    try:
        first = None
        accounts_done = None
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            m = metrics(worker.port)
            done = processed(m)
            now = time.perf_counter()
            if first is None and done > 0:
                first = (now, done)
            if accounts_done is None and done >= n:
                accounts_done = now
            elif accounts_done is not None and m.get(cluster_lag) == 0 and now - accounts_done > 0.3:
                break  # a gauge refresh after the last input event saw the cluster stage caught up
            time.sleep(0.05)
        else:
            raise RuntimeError("pipeline did not finish")
        # The first poll saw `first[1]` events already done: count only what followed it.
        seconds = (accounts_done - first[0]) * n / max(1.0, n - first[1]) + (now - accounts_done)
        return seconds, m, worker.peak_rss_bytes()
    finally:
        worker.stop()


def replay_rate(path: Path) -> float:
    """`hydrawatch replay` over the same events, events/s as it reports them."""
    run = subprocess.run([sys.executable, "-m", "streams.cli", "replay", "--input", str(path), "--alerts-out",
                          os.devnull], cwd=REPO, capture_output=True, text=True, check=True)
    return float(run.stderr.split("events/s")[0].rsplit("(", 1)[1].replace(",", ""))


def paced_kcat(topic: str, source, rate: float, seconds: float) -> int:
    """Produce at `rate` events/s through kcat (librdkafka, the Java client's murmur2
    partitioner): this process writes `key<TAB>value` lines to its stdin in 20 ms ticks, so the
    load generator takes little of the CPU the worker and broker share. Kafka stamps each record
    when kcat hands it over: the latency measured starts there."""
    proc = subprocess.Popen(["kcat", "-P", "-b", BROKER.kafka_bootstrap, "-t", topic, "-K", "\t",
                             "-X", "topic.partitioner=murmur2_random", "-X", "linger.ms=5"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tick, sent, started = 0.02, 0, time.monotonic()
    try:
        while time.monotonic() - started < seconds:
            due = int((time.monotonic() - started + tick) * rate) - sent
            chunk = []
            for _ in range(max(0, due)):
                key, value = next(source)
                chunk.append(key + b"\t" + value + b"\n")
            proc.stdin.write(b"".join(chunk))
            proc.stdin.flush()
            sent += len(chunk)
            time.sleep(max(0.0, started + (sent / rate) - time.monotonic()))
    finally:
        proc.stdin.close()
        if proc.wait(120) != 0:
            raise RuntimeError(f"kcat failed: {proc.stderr.read()[-2000:]!r}")
    return sent


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
        sent = paced_kcat(settings.input_topic, pairs(path, 10**9), rate, seconds)
        produced_at = time.monotonic()
        wait_for(lambda: processed(metrics(worker.port)) >= sent, 1200, "the worker to catch up")
        drain_s = time.monotonic() - produced_at
        time.sleep(1.5)  # let the last decisions and a gauge refresh land
        m = metrics(worker.port)
        name = "hydrawatch_decision_latency_seconds"
        return {"offered_events_per_s": rate, "seconds": seconds, "events": sent,
                "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
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
                        help="Offered load(s) for the latency runs, events/s (default: --latency-share of the "
                             "measured median pipeline rate).")
    parser.add_argument("--latency-share", type=float, default=0.8)
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
        replay = replay_rate(sliced(path, n))
        written = {table: m.get(f"hydrawatch_state_written_bytes_total{{table={table}}}", 0.0)
                   for table in ("account-state", "partition-state")}
        row = {"events": n, "bare_events_per_s": round(n / bare_s), "pipeline_events_per_s": round(n / pipe_s),
               "replay_events_per_s": round(replay), "faust_noop_events_per_s": round(noop),
               "ratio": round(bare_s / pipe_s, 3), "ratio_to_replay": round(n / pipe_s / replay, 3),
               "ratio_to_faust_noop": round(n / pipe_s / noop, 3),
               "state_bytes_per_event": round(sum(written.values()) / n, 1),
               "state_writes_per_event": round(m.get("hydrawatch_state_writes_total{table=account-state}", 0.0) / n, 4),
               "alerts": int(sum(v for k, v in m.items() if k.startswith("hydrawatch_alerts_total{"))),
               "worker_peak_rss_bytes": rss, "series": int(m["_series"])}
        if not args.rate:
            rate = round(args.latency_share * row["pipeline_events_per_s"])
            row["latency"] = latency_run(events_file(latency_hours(rate, args.latency_seconds)), rate,
                                         args.latency_seconds)
        trials.append(row)
        print(json.dumps(row), flush=True)
    summary = {"throughput_trials": trials} if not trials else {
        "throughput_trials": trials,
        "median_bare_events_per_s": statistics.median(t["bare_events_per_s"] for t in trials),
        "median_pipeline_events_per_s": statistics.median(t["pipeline_events_per_s"] for t in trials),
        "median_ratio": statistics.median(t["ratio"] for t in trials),
        "median_replay_events_per_s": statistics.median(t["replay_events_per_s"] for t in trials),
        "median_ratio_to_replay": statistics.median(t["ratio_to_replay"] for t in trials),
        "median_state_bytes_per_event": statistics.median(t["state_bytes_per_event"] for t in trials),
        "median_faust_noop_events_per_s": statistics.median(t["faust_noop_events_per_s"] for t in trials),
        "median_ratio_to_faust_noop": statistics.median(t["ratio_to_faust_noop"] for t in trials),
    }
    if args.rate or not trials:
        summary["latency"] = [latency_run(events_file(latency_hours(rate, args.latency_seconds)), rate,
                                          args.latency_seconds) for rate in args.rate or [2000.0]]
    else:
        summary["latency"] = [t["latency"] for t in trials]
        summary["median_latency_p99_s"] = statistics.median(t["latency"]["p99_s"] for t in trials)
    summary.update(
        machine=f"{os.cpu_count()} cores", date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        command=" ".join(["bench/bench_pipeline.py", *sys.argv[1:]]),
    )
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
