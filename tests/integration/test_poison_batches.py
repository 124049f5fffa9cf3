"""Input a worker cannot read or cannot dead-letter whole: it must keep running.

* A record batch corrupted on the broker's disk (its CRC no longer matches): the records before
  it are applied, its partition is paused at its first offset (nothing after it is skipped or
  lost), one log line names topic, partition and offset, `hydrawatch_input_unreadable_batches_total`
  counts it and `hydrawatch_input_paused_partitions` pages; the other partitions go on.
* A record larger than the dead-letter topic takes (an input topic configured for larger records
  than the broker's default): it is dead-lettered without its value, with a header saying so and
  where the original is; the worker goes on.
"""

from __future__ import annotations

import os

import orjson
import pytest
from kafka import KafkaConsumer, KafkaProducer

from detectors.partitioning import partition_for
from streams import kafka_local, topics
from streams.decoder import SAMPLE
from tests.integration.conftest import TEST_HOME
from tests.support import wait_for

pytestmark = pytest.mark.timeout(300)


def accounts_on(partition: int, n: int, partitions: int = 8) -> list[str]:
    """`n` account ids whose records land on `partition` (Kafka's key partitioner)."""
    out, i = [], 0
    while len(out) < n:
        account = f"acct_poison_{i:04d}"
        if partition_for(account.encode(), partitions) == partition:
            out.append(account)
        i += 1
    return out


def event(account: str, i: int) -> bytes:
    return orjson.dumps(dict(orjson.loads(SAMPLE), account_id=account, event_id=f"poison-{account}-{i}",
                             ts=f"2026-11-20T08:{i // 60:02d}:{i % 60:02d}.000Z"))


def corrupt(topic: str, partition: int, marker: bytes) -> None:
    """Flip one byte of `marker` in the partition's log segment, where the broker keeps it."""
    segment_dir = TEST_HOME / "kafka" / "data" / f"{topic}-{partition}"
    for segment in sorted(segment_dir.glob("*.log")):
        data = segment.read_bytes()
        at = data.find(marker)
        if at >= 0:
            with open(segment, "r+b") as f:
                f.seek(at)
                f.write(bytes([data[at] ^ 0x20]))
            return
    raise AssertionError(f"{marker!r} not found under {segment_dir}")


def test_a_corrupt_batch_pauses_its_partition_and_the_worker_goes_on(pipeline):
    if os.environ.get("HYDRAWATCH_TEST_BOOTSTRAP"):
        pytest.skip("corrupts the broker's files: needs the session's own broker")
    before, after = accounts_on(0, 2), accounts_on(1, 1)[0]
    marker = b"poison-batch-marker-0123456789"
    producer = KafkaProducer(bootstrap_servers=pipeline.bootstrap, linger_ms=0)
    try:
        for i in range(10):  # batch by batch: one record each
            producer.send(pipeline.input_topic, key=before[i % 2].encode(), value=event(before[i % 2], i))
            producer.flush()
        producer.send(pipeline.input_topic, key=before[0].encode(),
                      value=orjson.dumps(dict(orjson.loads(event(before[0], 10)), note=marker.decode())))
        producer.flush()
        for i in range(11, 21):  # after the corrupt batch: held back, not lost
            producer.send(pipeline.input_topic, key=before[1].encode(), value=event(before[1], i))
        producer.flush()
    finally:
        producer.close()
    corrupt(pipeline.input_topic, 0, marker)

    worker = pipeline.start_worker()
    wait_for(lambda: worker.metric("hydrawatch_input_paused_partitions") == 1, 60, "the partition paused",
             explain=lambda: worker.log_tail(20))
    assert worker.metric("hydrawatch_input_unreadable_batches_total", reason="crc_mismatch") == 1
    wait_for(lambda: worker.metric("hydrawatch_events_total", outcome="accepted") == 10, 30,
             "the 10 events before it applied")
    lines = [line for line in worker.log_tail(400).splitlines() if "unreadable batch" in line]
    assert len(lines) == 1 and f"{pipeline.input_topic}/0 at offset 10" in lines[0], lines

    producer = KafkaProducer(bootstrap_servers=pipeline.bootstrap)
    try:  # another partition's traffic goes on
        for i in range(5):
            producer.send(pipeline.input_topic, key=after.encode(), value=event(after, 100 + i))
        producer.flush()
    finally:
        producer.close()
    wait_for(lambda: worker.metric("hydrawatch_events_total", outcome="accepted") == 15, 60,
             "the other partition's events applied")
    assert worker.metric("hydrawatch_input_unreadable_batches_total", reason="crc_mismatch") == 1
    assert worker.proc.poll() is None
    # Nothing at or after the corrupt batch was committed: a restart meets it again.
    from kafka.structs import TopicPartition

    group = KafkaConsumer(bootstrap_servers=pipeline.bootstrap, group_id=pipeline.app_id, enable_auto_commit=False)
    try:
        committed = group.committed(TopicPartition(pipeline.input_topic, 0))
    finally:
        group.close()
    assert committed is None or committed <= 10


def test_a_record_too_large_for_the_dead_letter_topic_goes_there_without_its_value(pipeline):
    big = 3 * 1024 * 1024
    kafka_local.create_topics(pipeline.settings(), [topics.TopicSpec(
        pipeline.input_topic + "-big", 8, (("max.message.bytes", str(4 * 1024 * 1024)),))],
        bootstrap=pipeline.bootstrap)
    topic = pipeline.input_topic + "-big"
    account = accounts_on(2, 1)[0]
    producer = KafkaProducer(bootstrap_servers=pipeline.bootstrap, max_request_size=4 * 1024 * 1024)
    try:
        oversize = producer.send(topic, key=account.encode(), value=b"{" + b"x" * big).get(timeout=30)
        for i in range(5):
            producer.send(topic, key=account.encode(), value=event(account, i))
        producer.flush()
    finally:
        producer.close()
    env = pipeline.env(HYDRAWATCH_INPUT_TOPIC=topic)
    pipeline.env = lambda **extra: dict(env, **extra)  # this test's input topic
    worker = pipeline.start_worker()
    wait_for(lambda: worker.metric("hydrawatch_events_total", outcome="accepted") == 5, 90,
             "the events after it applied", explain=lambda: worker.log_tail(20))
    wait_for(lambda: worker.metric("hydrawatch_dead_letters_without_value_total") == 1, 30, "counted")
    consumer = KafkaConsumer(pipeline.dlq_topic, bootstrap_servers=pipeline.bootstrap, auto_offset_reset="earliest",
                             enable_auto_commit=False, consumer_timeout_ms=3000)
    try:
        dead = list(consumer)
    finally:
        consumer.close()
    assert len(dead) == 1
    headers = dict(dead[0].headers)
    assert dead[0].key == account.encode() and dead[0].value == b""
    assert headers["hydrawatch-error-code"] == b"invalid_json"
    assert headers["hydrawatch-source"] == f"{topic}/{oversize.partition}/{oversize.offset}".encode()
    assert headers["hydrawatch-value-omitted"].startswith(f"{big + 1} bytes".encode())
    assert worker.proc.poll() is None
