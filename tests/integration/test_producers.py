"""Input written by producers nobody here wrote, in every compression codec Kafka has.

Gateways and log shippers compress (lz4 and zstd are common). The smoke scenario is cut into
consecutive slices; each slice is produced by another real client: kcat (librdkafka) with
gzip, snappy, lz4 and zstd, and the broker's own Java console producer with the same four
codecs (two of them idempotent). One worker reads the lot: nothing reaches the dead-letter
topic, every event is applied, and the alerts equal `hydrawatch replay` of the same file.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import orjson
import pytest

from streams import kafka_local, topics
from tests.integration.conftest import Pipeline
from tests.integration.test_detection_live import canonical, read_alerts, reference, settled
from tests.support import wait_for

pytestmark = pytest.mark.timeout(600)

CODECS = ("gzip", "snappy", "lz4", "zstd")


def kcat(pipeline: Pipeline, codec: str, lines: Path) -> list[str]:
    # murmur2_random is the Java client's partitioner, which replay's partitioning follows.
    return ["kcat", "-P", "-b", pipeline.bootstrap, "-t", pipeline.input_topic, "-K", "\t", "-z", codec,
            "-X", "topic.partitioner=murmur2_random", "-X", "enable.idempotence=true", "-l", str(lines)]


def java_console(pipeline: Pipeline, codec: str, idempotent: bool) -> list[str]:
    libs = kafka_local.ensure_jars(pipeline.settings())
    return ["java", "-Xmx256m", "-cp", f"{libs}/*", "kafka.tools.ConsoleProducer",
            "--bootstrap-server", pipeline.bootstrap, "--topic", pipeline.input_topic,
            "--compression-codec", codec, "--property", "parse.key=true", "--property", "key.separator=\t",
            "--producer-property", f"enable.idempotence={str(idempotent).lower()}",
            "--producer-property", "acks=all"]


def test_every_codec_from_kcat_and_the_java_producer_gives_replays_alerts(pipeline, tmp_path):
    ref = reference(pipeline, tmp_path)
    records = [line for line in ref.events.read_bytes().splitlines() if line]
    producers = [("kcat", codec, False) for codec in CODECS] + \
                [("java", codec, codec in ("lz4", "zstd")) for codec in CODECS]
    size = -(-len(records) // len(producers))
    for i, (client, codec, idempotent) in enumerate(producers):
        chunk = records[i * size:(i + 1) * size]
        lines = tmp_path / f"slice-{i}.tsv"
        lines.write_bytes(b"".join(orjson.loads(r)["account_id"].encode() + b"\t" + r + b"\n" for r in chunk))
        cmd = kcat(pipeline, codec, lines) if client == "kcat" else java_console(pipeline, codec, idempotent)
        with open(lines, "rb") as stdin:
            done = subprocess.run(cmd, stdin=stdin if client == "java" else subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=180, env=dict(os.environ))
        assert done.returncode == 0, f"{client} -z {codec}: {done.stderr[-2000:]}"

    worker = pipeline.start_worker()
    wait_for(lambda: settled([worker], pipeline, ref.n_events), 300, "the worker to apply every event",
             explain=lambda: worker.log_tail(20))
    assert worker.metric("hydrawatch_events_total", outcome="accepted") == ref.n_events
    assert worker.metric("hydrawatch_events_total", outcome="rejected") == 0
    assert worker.metric("hydrawatch_dead_letters_total") == 0
    assert canonical(read_alerts(pipeline)) == canonical(ref.expected)


def test_a_transactional_producer_with_aborted_transactions_gives_replays_alerts(pipeline, tmp_path):
    """The broker's own transactional client (TransactionalMessageCopier, from the kafka-tools jar)
    copies the smoke events partition for partition into the input topic, 50 per transaction,
    aborting about a third of them at random and copying those again. The input topic then holds
    aborted records and a commit or abort marker after every transaction: the worker reads only
    what was committed, once each, without a pause per offset that holds no record."""
    from kafka import KafkaConsumer

    ref = reference(pipeline, tmp_path)
    staging = pipeline.input_topic + "-staging"
    kafka_local.create_topics(pipeline.settings(), [topics.TopicSpec(staging, pipeline.partitions)],
                              bootstrap=pipeline.bootstrap)
    lines = tmp_path / "smoke.tsv"
    lines.write_bytes(b"".join(orjson.loads(r)["account_id"].encode() + b"\t" + r + b"\n"
                               for r in ref.events.read_bytes().splitlines() if r))
    cmd = kcat(pipeline, "lz4", lines)
    cmd[cmd.index(pipeline.input_topic)] = staging
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]

    libs = kafka_local.ensure_jars(pipeline.settings())
    for p in range(pipeline.partitions):  # the copier keeps each record's partition
        done = subprocess.run(
            ["java", "-Xmx256m", "-cp", f"{libs}/*", "org.apache.kafka.tools.TransactionalMessageCopier",
             "--broker-list", pipeline.bootstrap, "--input-topic", staging, "--input-partition", str(p),
             "--output-topic", pipeline.input_topic, "--transactional-id", f"{pipeline.app_id}-copier-{p}",
             "--consumer-group", f"{pipeline.app_id}-copier", "--transaction-size", "50",
             "--enable-random-aborts"], capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, f"copier, partition {p}: {done.stderr[-2000:]}"

    # Everything written, aborted transactions included (read_uncommitted): more than the events.
    uncommitted = KafkaConsumer(pipeline.input_topic, bootstrap_servers=pipeline.bootstrap,
                                isolation_level="read_uncommitted", auto_offset_reset="earliest",
                                enable_auto_commit=False, consumer_timeout_ms=3000)
    try:
        written = sum(1 for _ in uncommitted)
    finally:
        uncommitted.close()
    assert written > ref.n_events, "no transaction was aborted: the test would show nothing"

    worker = pipeline.start_worker()
    wait_for(lambda: settled([worker], pipeline, ref.n_events), 300, "the worker to apply every event",
             explain=lambda: f"{worker.metric('hydrawatch_events_total', outcome='accepted')} of {ref.n_events} "
                             f"applied, {written} written; " + worker.log_tail(20))
    assert worker.metric("hydrawatch_events_total", outcome="accepted") == ref.n_events
    assert worker.metric("hydrawatch_events_total", outcome="duplicate") == 0  # aborted copies unseen
    assert worker.metric("hydrawatch_dead_letters_total") == 0
    assert canonical(read_alerts(pipeline)) == canonical(ref.expected)
