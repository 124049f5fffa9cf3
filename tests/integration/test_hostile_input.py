"""Hostile input against a live worker: the whole corpus of tests/fixtures/hostile.py among good
events. The worker must keep running, dead-letter every rejected record unchanged with its
reason, apply the rest, and count each outcome in /metrics.

Every corpus entry fits the broker's message.max.bytes (2 MiB, deploy/kafka/server.properties),
so all of them are sent; the producer's max_request_size is raised above the 1 MiB default for
the ~1 MiB entries.
"""

from __future__ import annotations

from collections import Counter

import orjson
from kafka import KafkaConsumer, KafkaProducer

from streams.decoder import REJECTION_CODES, SAMPLE, decode_message
from tests.fixtures.hostile import ACCEPTED, CORPUS, DUPLICATE, REJECTED
from tests.support import wait_for

MAX_BYTES = 4 * 1024 * 1024
GOOD_EVENTS = 40


def good_events(n: int) -> list[tuple[bytes, bytes]]:
    """SAMPLE varied by account, event_id and ts: (key, value)."""
    base = orjson.loads(SAMPLE)
    out = []
    for i in range(n):
        account = f"acct_good_{i % 8:03d}"
        doc = dict(base, account_id=account, event_id=f"good-{i}", ts=f"2026-11-20T08:{i // 60:02d}:{i % 60:02d}.000Z",
                   output_tokens=100 + i)
        out.append((account.encode(), orjson.dumps(doc)))
    return out


def read_topic(bootstrap: str, topic: str, expected: int, timeout_s: float = 60) -> list:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             enable_auto_commit=False, consumer_timeout_ms=1000,
                             max_partition_fetch_bytes=MAX_BYTES, fetch_max_bytes=2 * MAX_BYTES)
    records: list = []
    try:
        wait_for(lambda: records.extend(consumer) or len(records) >= expected, timeout_s,
                 f"{expected} records on {topic} (have {len(records)})")
        records.extend(consumer)  # anything beyond the expected count is a failure below
    finally:
        consumer.close()
    return records


def test_hostile_corpus_is_dead_lettered_or_applied_and_the_worker_survives(pipeline):
    worker = pipeline.start_worker()
    producer = KafkaProducer(bootstrap_servers=pipeline.bootstrap, max_request_size=MAX_BYTES,
                             max_in_flight_requests_per_connection=1)  # the duplicate pair stays in order
    try:
        sent = [(item, producer.send(pipeline.input_topic, key=item.key, value=item.value)) for item in CORPUS]
        for key, value in good_events(GOOD_EVENTS):
            producer.send(pipeline.input_topic, key=key, value=value)
        producer.flush()
        where = {item.name: f.get(timeout=30) for item, f in sent}  # a produce error fails here
    finally:
        producer.close()

    outcomes = Counter(item.expected for item in CORPUS)
    total = len(CORPUS) + GOOD_EVENTS

    def all_counted() -> bool:
        seen = sum(worker.metric("hydrawatch_events_total", outcome=o) for o in ("accepted", "rejected", "duplicate"))
        assert seen <= total, f"{seen} events counted, only {total} sent"
        return seen == total

    wait_for(all_counted, 120, f"all {total} input records counted by outcome")
    assert worker.proc.poll() is None, f"worker exited; log:\n{worker.log_tail()}"

    # Every rejected record is in the DLQ, byte for byte, with its reason and origin.
    dead = read_topic(pipeline.bootstrap, pipeline.dlq_topic, len(REJECTED))
    assert len(dead) == len(REJECTED), "no more and no fewer dead letters than rejected records"
    by_source = {dict(r.headers)["hydrawatch-source"].decode(): r for r in dead}
    for item in REJECTED:
        md = where[item.name]
        source = f"{pipeline.input_topic}/{md.partition}/{md.offset}"
        assert source in by_source, f"{item.name} ({source}) missing from the DLQ"
        record = by_source[source]
        assert (record.key, record.value) == (item.key, item.value), f"{item.name} changed on its way to the DLQ"
        headers = dict(record.headers)
        assert headers["hydrawatch-error-code"] == item.expected.encode(), item.name
        reason = headers["hydrawatch-error"]
        assert reason.strip() and reason == decode_message(item.key, item.value).header(), item.name
        assert headers["hydrawatch-source"] == source.encode()

    # Counters, by outcome and by reason.
    assert worker.metric("hydrawatch_events_total", outcome="rejected") == len(REJECTED)
    assert worker.metric("hydrawatch_dead_letters_total") == len(REJECTED)
    for code in REJECTION_CODES:
        assert worker.metric("hydrawatch_decode_errors_total", reason=code) == outcomes[code], code
    applied_or_duplicate = (worker.metric("hydrawatch_events_total", outcome="accepted")
                            + worker.metric("hydrawatch_events_total", outcome="duplicate"))
    assert applied_or_duplicate == GOOD_EVENTS + outcomes[ACCEPTED] + outcomes[DUPLICATE]
    assert worker.proc.poll() is None, f"worker exited; log:\n{worker.log_tail()}"

    # A valid event sent twice (same event_id): the second is a duplicate, not applied again.
    assert worker.metric("hydrawatch_events_total", outcome="duplicate") == outcomes[DUPLICATE] == 1
    assert worker.metric("hydrawatch_events_total", outcome="accepted") == GOOD_EVENTS + outcomes[ACCEPTED]


def test_events_from_broken_clocks_ahead_of_real_traffic_leave_replays_alerts(pipeline, tmp_path):
    """Events dated decades ahead and behind, on accounts of their own and on accounts of the
    traffic that follows, sent before it: the stream's alerts equal a replay of the clean traffic.
    Those ahead of the wall clock are dead-lettered as event_time_ahead; one behind is
    event_time_behind once its partition's clock is set, else applied to a state that expires."""
    from tests.integration.test_detection_live import canonical, produce, read_alerts, reference, settled

    ref = reference(pipeline, tmp_path)
    real = next(iter(ref.per_account))
    base = dict(orjson.loads(SAMPLE), account_created_at="2000-06-01T00:00:00Z")
    broken = [("acct_clock_ahead", "2099-01-01T00:00:00Z"), (real, "2099-06-01T00:00:00Z"),
              ("acct_clock_behind", "2001-01-01T00:00:00Z"), (real, "2001-06-01T00:00:00Z")]
    producer = KafkaProducer(bootstrap_servers=pipeline.bootstrap)
    try:
        for i, (account, ts) in enumerate(broken):
            producer.send(pipeline.input_topic, key=account.encode(),
                          value=orjson.dumps(dict(base, account_id=account, event_id=f"clock-{i}", ts=ts)))
        producer.flush()
    finally:
        producer.close()
    produce(pipeline, tmp_path)
    worker = pipeline.start_worker()
    total = ref.n_events + len(broken)

    def counted() -> bool:
        return sum(worker.metric("hydrawatch_events_total", outcome=o) for o in ("accepted", "rejected")) >= total

    wait_for(counted, 300, f"all {total} input records counted", explain=lambda: worker.log_tail(20))
    wait_for(lambda: settled([worker], pipeline), 300, "the worker to settle")
    assert worker.metric("hydrawatch_decode_errors_total", reason="event_time_ahead") == 2
    assert worker.metric("hydrawatch_events_total", outcome="accepted") >= ref.n_events
    assert canonical(read_alerts(pipeline)) == canonical(ref.expected)
