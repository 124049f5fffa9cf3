"""Where a worker's time goes, stage by stage, per input event, and the cluster stage's ceiling.

Run:  .venv/bin/python bench/bench_stages.py [--events 420000] [--batch 500] [--runs 3] [--json out.json]

The `default` scenario's first 8 simulated hours (as bench_pipeline.py) are cut into fetched
partition batches of `--batch` records (8 partitions, interleaved) and pushed through the
worker's own classes, each step timed on its own (one process, one core):

  decode          streams.decoder.decode_message on every record
  account stage   AccountRuntime.process, less its decode
  state writes    AccountRuntime.flush once per `--flush-events` events (as a worker at ~30k
                  events/s flushing every 2 s) and producing its writes as record batches to a
                  compacted topic on the local broker, awaited (what TableStore.write does)
  internal topic  cluster_records (encoding), producing those records, consuming them back
  cluster stage   ClusterRuntime.apply (JSON decode, sequencer, ClusterStage)

It reports microseconds per input event for each (median of `--runs`), the internal records and
cluster-stage items per input event, bytes written per event, and the cluster stage's ceiling:
the input rate one process can feed it when it does nothing else (1 / (its cost per event + the
internal topic's consuming)). The internal topic's produce is timed up to the broker's
acknowledgement, a wait a worker overlaps with its next batches. Kafka client and Faust overheads outside these steps are what
bench_pipeline.py measures against this sum.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_pipeline import BROKER, events_file, pairs  # noqa: E402
from detectors.partitioning import partition_for  # noqa: E402
from streams import kafka_local, topics  # noqa: E402
from streams.decoder import decode_message  # noqa: E402
from streams.runtimes import AccountRuntime, ClusterRuntime, MemoryTable, cluster_records  # noqa: E402

PARTITIONS = 8
STAGES = ("decode", "account stage", "state writes", "internal topic: encode, produce", "internal topic: consume",
          "cluster stage")


def batches(path: Path, n: int, size: int) -> list[tuple[int, list]]:
    """Records as fetched: per partition, `size` at a time, partitions taking turns."""
    parts: dict[int, list] = {p: [] for p in range(PARTITIONS)}
    now_ms = int(time.time() * 1000)
    for key, value in pairs(path, n):
        p = partition_for(key, PARTITIONS)
        parts[p].append(SimpleNamespace(topic="in", partition=p, offset=len(parts[p]), key=key, value=value,
                                        timestamp=now_ms))
    out, cursor = [], {p: 0 for p in parts}
    while any(cursor[p] < len(parts[p]) for p in parts):
        for p in parts:
            chunk = parts[p][cursor[p]:cursor[p] + size]
            if chunk:
                out.append((p, chunk))
                cursor[p] += len(chunk)
    return out


async def produce(producer, topic: str, partition: int, values: list[tuple[bytes | None, bytes | None]]) -> None:
    sent, batch = [], producer.create_batch()
    for key, value in values:
        if batch.append(key=key, value=value, timestamp=None) is None:
            sent.append(await producer.send_batch(batch, topic, partition=partition))
            batch = producer.create_batch()
            batch.append(key=key, value=value, timestamp=None)
    sent.append(await producer.send_batch(batch, topic, partition=partition))
    await asyncio.gather(*sent)


async def one_run(work: list, n: int, flush_every: int) -> dict:
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

    tag = uuid.uuid4().hex[:8]
    changelog, internal = f"stages-changelog-{tag}", f"stages-internal-{tag}"
    kafka_local.create_topics(BROKER, [topics.TopicSpec(changelog, PARTITIONS, (("cleanup.policy", "compact"),)),
                                       topics.TopicSpec(internal, 1)])
    producer = AIOKafkaProducer(bootstrap_servers=BROKER.kafka_bootstrap, acks="all", linger_ms=0,
                                max_batch_size=1024 * 1024, max_request_size=4 * 1024 * 1024)
    consumer = AIOKafkaConsumer(bootstrap_servers=BROKER.kafka_bootstrap, enable_auto_commit=False,
                                auto_offset_reset="earliest", max_partition_fetch_bytes=8 * 1024 * 1024)
    await producer.start()
    await consumer.start()
    tp = TopicPartition(internal, 0)
    consumer.assign([tp])
    table = MemoryTable()
    docs = MemoryTable()
    runtime = AccountRuntime(604800.0, table, docs)
    cluster = ClusterRuntime(PARTITIONS)
    t = dict.fromkeys(STAGES, 0.0)
    records = items = written = 0
    since_flush = 0
    alerts: list = []
    try:
        for p, chunk in work:
            start = time.perf_counter()
            for r in chunk:
                decode_message(r.key, r.value)
            t["decode"] += time.perf_counter() - start
            start = time.perf_counter()
            wire, _ = runtime.process(p, chunk, wall=time.time())
            t["account stage"] += time.perf_counter() - start
            start = time.perf_counter()
            values = cluster_records({p: wire})
            await produce(producer, internal, 0, [(None, v) for v in values])
            t["internal topic: encode, produce"] += time.perf_counter() - start
            start = time.perf_counter()
            fetched = []
            while len(fetched) < len(values):
                got = await consumer.getmany(tp, timeout_ms=1000)
                fetched.extend(got.get(tp, ()))
            t["internal topic: consume"] += time.perf_counter() - start
            records += len(values)
            items += len(wire)
            start = time.perf_counter()
            for record in fetched:
                cluster.apply(record.value, alerts)
            t["cluster stage"] += time.perf_counter() - start
            since_flush += len(chunk)
            if since_flush >= flush_every:
                since_flush = 0
                start = time.perf_counter()
                flush = runtime.flush()
                for q, writes in flush.accounts.items():
                    await produce(producer, changelog, q, writes)
                    table.write(q, writes)
                    written += sum(len(k) + len(v or b"") for k, v in writes)
                for q, writes in flush.partitions.items():
                    docs.write(q, writes)
                runtime.evict()
                t["state writes"] += time.perf_counter() - start
        t["account stage"] -= t["decode"]  # process() decodes too
    finally:
        await consumer.stop()
        await producer.stop()
    row = {stage: round(seconds / n * 1e6, 2) for stage, seconds in t.items()}
    row.update(records_per_event=round(records / n, 5), items_per_event=round(items / n, 4),
               state_bytes_per_event=round(written / n, 1), alerts=len(alerts))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=420_000)
    parser.add_argument("--batch", type=int, default=500, help="records per fetched partition batch")
    parser.add_argument("--flush-events", type=int, default=60_000, help="events between two state flushes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    kafka_local.up(BROKER)
    work = batches(events_file(8), args.events, args.batch)
    n = sum(len(chunk) for _, chunk in work)
    runs = []
    for _ in range(args.runs):
        row = asyncio.run(one_run(work, n, args.flush_events))
        print(json.dumps(row), flush=True)
        runs.append(row)
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    total = sum(median[s] for s in STAGES)
    ceiling = 1e6 / (median["cluster stage"] + median["internal topic: consume"])
    summary = {"events": n, "batch": args.batch, "flush_events": args.flush_events, "runs": runs,
               "median_us_per_event": {s: median[s] for s in STAGES}, "total_us_per_event": round(total, 2),
               "implied_events_per_s": round(1e6 / total), "records_per_event": median["records_per_event"],
               "items_per_event": median["items_per_event"],
               "state_bytes_per_event": median["state_bytes_per_event"],
               "cluster_stage_ceiling_events_per_s": round(ceiling),
               "machine": f"{os.cpu_count()} cores", "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
               "command": " ".join(["bench/bench_stages.py", *sys.argv[1:]])}
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
