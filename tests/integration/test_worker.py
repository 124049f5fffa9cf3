"""The full path against the real broker: Kafka -> account stage -> table, DLQ, /metrics."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import orjson
import pytest
from kafka import KafkaConsumer, KafkaProducer

from streams.decoder import SAMPLE
from streams.runtimes import INTERNAL_RECORD_VERSION
from tests.support import wait_for


def account_view(worker, account_id: str) -> dict | None:
    try:
        with urllib.request.urlopen(worker.url(f"/accounts/{account_id}"), timeout=5) as resp:
            return json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise


def read_all(bootstrap: str, topic: str, expected: int, timeout_s: float = 60) -> list:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             enable_auto_commit=False, consumer_timeout_ms=1000)
    records: list = []
    try:
        wait_for(lambda: records.extend(consumer) or len(records) >= expected, timeout_s,
                 f"{expected} records on {topic}")
    finally:
        consumer.close()
    return records


def test_valid_events_update_account_state_and_malformed_goes_to_dlq(pipeline):
    worker = pipeline.start_worker()
    second = dict(orjson.loads(SAMPLE), event_id="e-2", output_tokens=90, status=429)
    producer = KafkaProducer(bootstrap_servers=pipeline.bootstrap)
    producer.send(pipeline.input_topic, key=b"acct_3f9a1c2b7d10", value=SAMPLE)
    producer.send(pipeline.input_topic, key=b"acct_3f9a1c2b7d10", value=orjson.dumps(second))
    producer.send(pipeline.input_topic, key=b"acct_bad", value=b'{"event_id": "x", "ts": 5}')
    producer.flush()
    producer.close()

    view = wait_for(lambda: (v := account_view(worker, "acct_3f9a1c2b7d10")) and v["n_events"] == 2 and v,
                    60, "the account's state in the table")
    assert view["offset"] == 1  # the input offset it last applied
    summary = view["summary"]
    assert summary["output_per_request"] == pytest.approx((2210 + 90) / 2, rel=1e-3)
    assert summary["error_share"] == pytest.approx(0.5, rel=1e-3) and summary["throttled_share"] > 0

    [dead] = read_all(pipeline.bootstrap, pipeline.dlq_topic, 1)
    assert dead.value == b'{"event_id": "x", "ts": 5}' and dead.key == b"acct_bad"
    headers = dict(dead.headers)
    assert headers["hydrawatch-error-code"] == b"wrong_type"
    assert headers["hydrawatch-error"] == b"wrong_type ts: expected RFC 3339 string, got int"

    wait_for(lambda: worker.metric("hydrawatch_events_total", outcome="accepted") == 2, 30, "accepted count")
    assert worker.metric("hydrawatch_events_total", outcome="rejected") == 1
    assert worker.metric("hydrawatch_decode_errors_total", reason="wrong_type") == 1
    assert worker.metric("hydrawatch_dead_letters_total") == 1
    assert worker.metric("hydrawatch_event_processing_seconds_count") >= 1  # one sample per micro-batch
    wait_for(lambda: "hydrawatch_consumer_lag_messages{" in worker.metrics_text(), 30, "consumer lag gauge")
    assert worker.metric("hydrawatch_consumer_lag_messages", topic=pipeline.input_topic, partition="0") == 0


def test_a_worker_meeting_a_newer_format_says_so_and_stops_without_committing_past_it(pipeline):
    """An internal-topic record of a format this release cannot read (a newer release wrote it):
    the worker logs why and exits, instead of skipping it; its offset is not committed."""
    producer = KafkaProducer(bootstrap_servers=pipeline.bootstrap)
    try:
        newer = INTERNAL_RECORD_VERSION + 1
        producer.send(pipeline.cluster_topic, value=orjson.dumps({"v": newer, "m": [], "active": []})).get(timeout=30)
    finally:
        producer.close()
    worker = pipeline.start_worker()
    wait_for(lambda: worker.proc.poll() is not None, 90, "the worker to stop", explain=lambda: worker.log_tail(20))
    assert worker.proc.returncode != 0
    assert f"internal record format version {newer}: this release reads up to {INTERNAL_RECORD_VERSION}" \
        in worker.log_tail(400)
    from kafka.structs import TopicPartition

    group = KafkaConsumer(bootstrap_servers=pipeline.bootstrap, group_id=pipeline.app_id, enable_auto_commit=False)
    try:
        assert (group.committed(TopicPartition(pipeline.cluster_topic, 0)) or 0) == 0
    finally:
        group.close()
