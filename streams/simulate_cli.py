"""CLI commands around the simulator: `simulate`, `evaluate`, `baseline`.

The simulator itself is pure (`simulator/`); this module holds the I/O at the edge:
Kafka producer/consumer, files, wall-clock pacing and the progress line.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import click
import orjson

from simulator.baselines import BASELINES
from simulator.contract import format_ts
from simulator.evaluate import evaluate as evaluate_alerts
from simulator.evaluate import format_table
from simulator.generator import Simulation
from simulator.output import write_jsonl
from simulator.scenario import load_scenario
from streams.settings import Settings

Record = tuple[int, str, str]
BATCH_BYTES = 1024 * 1024


def bootstrap_servers() -> str:
    """HYDRAWATCH_KAFKA_BOOTSTRAP, as every command reads it (streams.settings)."""
    return Settings.from_env().kafka_bootstrap


def best_compression() -> str | None:
    """lz4 when its package is installed (fast, cheap on CPU), otherwise no compression.

    gzip is available everywhere but costs more CPU than it saves on a local broker.
    """
    try:
        import lz4.frame  # noqa: F401
    except ImportError:
        return None
    return "lz4"


def paced(records: Iterable[Record], start_ms: int, speed: float) -> Iterator[Record]:
    """Delay records so simulated time advances `speed` times faster than the wall clock."""
    wall_start = time.monotonic()
    for count, record in enumerate(records):
        if count % 64 == 0:
            ahead = (record[0] - start_ms) / 1000 / speed - (time.monotonic() - wall_start)
            if ahead > 0:
                time.sleep(ahead)
        yield record


def with_progress(records: Iterable[Record], start_ms: int, end_ms: int) -> Iterator[Record]:
    """A one-line progress display on stderr (only when stderr is a terminal)."""
    if not sys.stderr.isatty():
        yield from records
        return
    wall_start = last = time.monotonic()
    count = 0
    for count, record in enumerate(records, 1):
        if count % 4096 == 0 and time.monotonic() - last > 0.5:
            last = time.monotonic()
            share = (record[0] - start_ms) / max(1, end_ms - start_ms)
            sys.stderr.write(f"\r{share:6.1%}  {format_ts(record[0])}  {count:,} events  "
                             f"{count / (last - wall_start):,.0f}/s ")
            sys.stderr.flush()
        yield record
    sys.stderr.write(f"\r{count:,} events in {time.monotonic() - wall_start:.1f}s{' ' * 40}\n")


def produce_to_kafka(pairs: Iterable[tuple[bytes, bytes]], topic: str, bootstrap: str | None = None,
                     compression: str | None = "auto") -> int:
    """Send (key, value) pairs to `topic`; returns the count sent."""
    return asyncio.run(_produce(pairs, topic, bootstrap or bootstrap_servers(),
                                best_compression() if compression == "auto" else compression))


async def _produce(pairs: Iterable[tuple[bytes, bytes]], topic: str, bootstrap: str, compression: str | None) -> int:
    """Fill one record batch per partition and hand full batches to the producer.

    aiokafka's batch builder is C-accelerated and runs on this thread without locks;
    per-record `send()` (aiokafka or kafka-python) tops out near 5-15k events/s here.
    Partitions follow the Java default partitioner (murmur2 of the key), cached per key.
    """
    from aiokafka import AIOKafkaProducer
    from aiokafka.partitioner import murmur2

    from streams import kafka_security

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks=1, compression_type=compression,
                                max_batch_size=BATCH_BYTES, linger_ms=5, request_timeout_ms=60_000,
                                **kafka_security.aiokafka_options(Settings.from_env()))
    await producer.start()
    try:
        partitions = sorted(await producer.partitions_for(topic))
        partition_of: dict[bytes, int] = {}
        batches: dict[int, object] = {}
        deliveries: list[asyncio.Future] = []
        count = 0

        async def ship(partition: int) -> None:
            deliveries.append(await producer.send_batch(batches.pop(partition), topic, partition=partition))
            if len(deliveries) > 64:
                await asyncio.gather(*deliveries)
                deliveries.clear()

        for key, value in pairs:
            partition = partition_of.get(key)
            if partition is None:
                partition = partition_of[key] = partitions[(murmur2(key) & 0x7FFFFFFF) % len(partitions)]
            batch = batches.get(partition)
            if batch is None:
                batch = batches[partition] = producer.create_batch()
            if batch.append(key=key, value=value, timestamp=None) is None:
                await ship(partition)
                batch = batches[partition] = producer.create_batch()
                batch.append(key=key, value=value, timestamp=None)
            count += 1
        for partition in list(batches):
            await ship(partition)
        await asyncio.gather(*deliveries)
        return count
    finally:
        await producer.stop()


class ForkedGenerator:
    """Run the simulation in a forked child so generation and producing use both cores.

    The child streams `account_id TAB json` lines in chunks over a pipe, then the truth.
    """

    def __init__(self, records_factory, chunk_size: int = 2048) -> None:
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=self._child, args=(records_factory, sender, self._receiver, chunk_size),
                                        daemon=True)
        self._process.start()
        sender.close()
        self.truth: dict | None = None

    @staticmethod
    def _child(records_factory, sender, receiver, chunk_size: int) -> None:
        # The fork copied the read end too: closed here, the parent's death (even SIGKILL) ends the
        # child with a broken pipe instead of leaving it blocked on a pipe it holds both ends of.
        receiver.close()
        try:
            stream_records(records_factory, sender, chunk_size)
        except BrokenPipeError:
            raise SystemExit(1) from None

    def pairs(self) -> Iterator[tuple[bytes, bytes]]:
        """(key, value) pairs in event-time order; sets `truth` once exhausted."""
        try:
            while chunk := self._receiver.recv_bytes():
                for line in chunk.split(b"\n"):
                    key, _, value = line.partition(b"\t")
                    yield key, value
            self.truth = self._receiver.recv()
        finally:
            self._receiver.close()
            self._process.join(timeout=10)
            if self._process.is_alive():
                self._process.kill()


def stream_records(records_factory, sender, chunk_size: int) -> None:
    """The forked child's work: the records in chunks of `chunk_size` lines, an empty chunk, the truth."""
    records, finish = records_factory()
    buffer: list[str] = []
    for _, account_id, line in records:
        buffer.append(f"{account_id}\t{line}")
        if len(buffer) >= chunk_size:
            sender.send_bytes("\n".join(buffer).encode())
            buffer.clear()
    if buffer:
        sender.send_bytes("\n".join(buffer).encode())
    sender.send_bytes(b"")
    sender.send(finish())
    sender.close()


def write_truth(path: str, truth: dict) -> None:
    Path(path).write_bytes(orjson.dumps(truth, option=orjson.OPT_INDENT_2) + b"\n")


@click.command()
@click.option("--scenario", "scenario_name", default="smoke", show_default=True,
              help="Scenario name (smoke, default, large) or path to a YAML file.")
@click.option("--out", required=True, help="'kafka', a .jsonl file path, or '-' for stdout.")
@click.option("--truth", "truth_path", required=True, help="Where to write the ground-truth JSON.")
@click.option("--seed", type=int, default=None, help="Override the scenario seed.")
@click.option("--hours", type=float, default=None, help="Override the simulated duration.")
@click.option("--start", default=None, help="Override the simulated start, e.g. 2026-11-20T00:00:00Z.")
@click.option("--speed", type=float, default=None,
              help="Simulated seconds per wall second (60 = 1 simulated hour per minute). Default: as fast as possible.")
@click.option("--accounts-scale", type=float, default=1.0, show_default=True, help="Multiply all account counts.")
@click.option("--topic", default=None, help="Kafka topic for --out kafka [HYDRAWATCH_INPUT_TOPIC, api-requests].")
@click.option("--compression", default="auto", show_default=True,
              type=click.Choice(["auto", "none", "gzip", "lz4", "snappy", "zstd"]),
              help="Kafka compression (auto: lz4 if installed, else none).")
def simulate(scenario_name, out, truth_path, seed, hours, start, speed, accounts_scale, topic, compression):
    """Generate a scenario's API-request events in event-time order, plus its ground truth."""
    scenario = load_scenario(scenario_name, seed=seed, hours=hours, start=start, accounts_scale=accounts_scale)
    topic = topic or Settings.from_env().input_topic

    def records_and_truth():
        simulation = Simulation(scenario)
        records = simulation.records()
        if speed:
            records = paced(records, scenario.start_ms, speed)
        return with_progress(records, scenario.start_ms, scenario.end_ms), simulation.truth

    started = time.monotonic()
    if out == "kafka":
        generator = ForkedGenerator(records_and_truth)
        count = produce_to_kafka(generator.pairs(), topic, compression=None if compression == "none" else compression)
        truth = generator.truth
    else:
        records, finish = records_and_truth()
        sink = sys.stdout.buffer if out == "-" else open(out, "wb")
        try:
            write_jsonl(records, sink)
        finally:
            sink.flush() if out == "-" else sink.close()
        truth = finish()
        count = truth["events"]
    elapsed = time.monotonic() - started
    write_truth(truth_path, truth)
    accounts = truth["benign_accounts"] + sum(len(c["accounts"]) for c in truth["campaigns"].values())
    click.echo(f"{scenario.name}: {count:,} events from {accounts:,} active accounts in {elapsed:.1f}s "
               f"({count / max(elapsed, 1e-9):,.0f}/s) -> {'kafka:' + topic if out == 'kafka' else out}; "
               f"truth -> {truth_path}", err=True)


def read_jsonl(path: str) -> Iterator[dict]:
    """Parse a JSON-lines file (or '-' for stdin), skipping blank lines."""
    handle = sys.stdin.buffer if path == "-" else open(path, "rb")
    with handle:
        for line in handle:
            if line.strip():
                yield orjson.loads(line)


def read_topic(topic: str, bootstrap: str | None = None, timeout_s: float = 30.0) -> Iterator[dict]:
    """Read a topic from its beginning up to the end offsets seen at start, then stop."""
    from kafka import KafkaConsumer, TopicPartition

    from streams import kafka_security

    consumer = KafkaConsumer(bootstrap_servers=bootstrap or bootstrap_servers(), enable_auto_commit=False,
                             group_id=None, consumer_timeout_ms=int(timeout_s * 1000),
                             **kafka_security.kafka_python_options(Settings.from_env()))
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        if not partitions:
            return
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        end = {tp: off for tp, off in consumer.end_offsets(partitions).items() if off > 0}
        while end:
            batch = consumer.poll(timeout_ms=1000, max_records=10_000)
            for tp, messages in batch.items():
                for message in messages:
                    if tp in end and message.offset < end[tp]:
                        try:
                            yield orjson.loads(message.value)
                        except orjson.JSONDecodeError:
                            yield {}
                if tp in end and consumer.position(tp) >= end[tp]:
                    del end[tp]
            if not batch and all(consumer.position(tp) >= off for tp, off in end.items()):
                break
    finally:
        consumer.close()


def read_alerts(source: str) -> Iterator[dict]:
    if source.startswith("kafka:"):
        return read_topic(source.removeprefix("kafka:") or Settings.from_env().alerts_topic)
    return read_jsonl(source)


@click.command()
@click.option("--truth", "truth_path", required=True, help="Ground-truth JSON written by `simulate`.")
@click.option("--alerts", required=True, help="Alerts JSONL file, or kafka:TOPIC (e.g. kafka:anomaly-alerts).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--min-severity", type=click.Choice(["warning", "critical"]), default="warning", show_default=True,
              help="Count only incidents at this severity or above (critical: what a consumer acting on "
                   "critical alerts alone would see, from each incident's escalation).")
def evaluate(truth_path, alerts, as_json, min_severity):
    """Score alerts against ground truth: per-campaign recall and latency, benign false positives."""
    truth = orjson.loads(Path(truth_path).read_bytes())
    result = evaluate_alerts(read_alerts(alerts), truth, min_severity=min_severity)
    if as_json:
        click.echo(orjson.dumps(result.to_dict(), option=orjson.OPT_INDENT_2).decode())
    else:
        click.echo(format_table(result))


@click.command()
@click.option("--kind", type=click.Choice(sorted(BASELINES)), required=True)
@click.option("--input", "input_path", required=True, help="Events JSONL (time-ordered), or '-' for stdin.")
@click.option("--alerts-out", required=True, help="Where to write alerts JSONL.")
@click.option("--threshold", type=float, default=None,
              help="rate: max requests per window (default 120); cot: max mean cot_elicitation (default 0.6).")
@click.option("--window-seconds", type=float, default=3600, show_default=True, help="rate: sliding window.")
@click.option("--last-k", type=int, default=10, show_default=True, help="cot: requests averaged.")
def baseline(kind, input_path, alerts_out, threshold, window_seconds, last_k):
    """Run a naive per-account baseline detector over events and write alerts for `evaluate`."""
    events = read_jsonl(input_path)
    if kind == "rate":
        alerts = BASELINES["rate"](events, threshold=int(threshold or 120), window_seconds=window_seconds)
    else:
        alerts = BASELINES["cot"](events, threshold=0.6 if threshold is None else threshold, last_k=last_k)
    count = 0
    with open(alerts_out, "wb") as sink:
        for alert in alerts:
            sink.write(orjson.dumps(alert, option=orjson.OPT_APPEND_NEWLINE))
            count += 1
    click.echo(f"baseline {kind}: {count} alerts -> {alerts_out}", err=True)
