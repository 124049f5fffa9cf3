"""Creating topics waits until the broker's metadata serves them (the broker itself: tests/integration)."""

from __future__ import annotations

import pytest

from streams import kafka_local


class Admin:
    """Answers describe_topics as a broker whose metadata catches up after `lag` calls."""

    def __init__(self, lag: int) -> None:
        self.calls, self.lag = 0, lag

    def describe_topics(self, names):
        self.calls += 1
        if self.calls <= self.lag // 2:
            raise RuntimeError("UnknownTopicOrPartitionError")
        leader = 1 if self.calls > self.lag else -1
        return [{"error_code": 0, "name": n, "partitions": [{"error_code": 0, "partition_index": 0, "leader_id": leader}]}
                for n in names]


def test_returns_once_every_partition_has_a_leader():
    admin = Admin(lag=4)
    kafka_local.wait_visible(admin, ["a", "b"], timeout_s=10)
    assert admin.calls == 5


def test_says_which_topics_never_showed():
    with pytest.raises(kafka_local.KafkaError, match=r"\['a', 'b'\]"):
        kafka_local.wait_visible(Admin(lag=10**9), ["a", "b"], timeout_s=0.3)
