"""Every Kafka compression codec is readable and writable by both Python clients the project uses."""

import aiokafka.codec
import kafka.codec
import pytest

PAYLOAD = b'{"event_id": "e-1", "ts": "2026-11-20T08:15:02.123Z"}' * 20


@pytest.mark.parametrize("codec", ["gzip", "snappy", "lz4", "zstd"])
def test_aiokafka_round_trips(codec):
    assert getattr(aiokafka.codec, f"has_{codec}")(), f"aiokafka cannot read {codec}: its codec package is missing"
    encode, decode = getattr(aiokafka.codec, f"{codec}_encode"), getattr(aiokafka.codec, f"{codec}_decode")
    assert decode(encode(PAYLOAD)) == PAYLOAD


@pytest.mark.parametrize("codec", ["gzip", "snappy", "lz4", "zstd"])
def test_kafka_python_round_trips(codec):
    assert getattr(kafka.codec, f"has_{codec}")(), f"kafka-python cannot read {codec}: its codec package is missing"
    encode, decode = getattr(kafka.codec, f"{codec}_encode"), getattr(kafka.codec, f"{codec}_decode")
    assert decode(encode(PAYLOAD)) == PAYLOAD
