"""The topics the project owns, in one registry: name, partitions, broker settings, key, content.

`streams.app` declares its Faust topics from it and `hydrawatch kafka topics` creates them with it,
so both agree on partitions and settings. Adding a topic is one `Topic` entry here, its setting in
`streams.settings` (for its name) and a row in the README's topic table (tests/unit/streams/test_topics.py
checks the table).

>>> [t.role for t in TOPICS]
['input', 'dead-letters', 'alerts', 'cluster-input', 'cluster-snapshots']
>>> from streams.settings import Settings
>>> spec(Settings(), "alerts")
TopicSpec(name='anomaly-alerts', partitions=4, config=(('retention.ms', '2592000000'),))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from streams.settings import Settings

DAY_MS = 24 * 3600 * 1000
# Compaction only cleans closed segments: with Kafka's default (a segment a week), a restore
# reads up to a week of every write; hourly segments bound that to an hour's writes.
CHANGELOG_CONFIG = (("cleanup.policy", "compact"), ("segment.ms", str(3600 * 1000)))
CHANGELOG_TABLES = ("account-state", "partition-state")  # the Faust tables of streams.app


@dataclass(frozen=True)
class TopicSpec:
    """What the broker is asked to create."""

    name: str
    partitions: int
    config: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Topic:
    role: str
    name: Callable[[Settings], str]
    partitions: Callable[[Settings], int]
    config: Callable[[Settings], tuple[tuple[str, str], ...]]
    key: str
    content: str


def _retention(days: float) -> Callable[[Settings], tuple[tuple[str, str], ...]]:
    return lambda s: (("retention.ms", str(int(days * DAY_MS))),)


def _cluster_input_config(s: Settings) -> tuple[tuple[str, str], ...]:
    # Records the newest snapshots cover are deleted by the cluster stage (streams.snapshots);
    # time retention is the backstop if snapshots fail (an alert pages first), at the account TTL:
    # the stage has forgotten what is older. Hourly segments let either take effect.
    return (("retention.ms", str(int(s.account_ttl_s * 1000))), ("segment.ms", str(3600 * 1000)))


TOPICS = (
    Topic("input", lambda s: s.input_topic, lambda s: s.partitions, _retention(7), "account id",
          "input events ([contract](docs/contracts.md))"),
    Topic("dead-letters", lambda s: s.dlq_topic, lambda s: 1, _retention(30), "original key",
          "rejected input, unchanged, with reason headers and `hydrawatch-source` (`topic/partition/offset`)"),
    Topic("alerts", lambda s: s.alerts_topic, lambda s: 4, _retention(30), "entity id", "alert events"),
    Topic("cluster-input", lambda s: s.cluster_topic, lambda s: 1, _cluster_input_config, "none",
          "internal: the account stage's messages to the cluster stage; kept only since the older of the "
          "two newest snapshots"),
    Topic("cluster-snapshots", lambda s: s.snapshot_topic, lambda s: 1,
          lambda s: (("cleanup.policy", "compact"), ("segment.ms", str(3600 * 1000))), "slot/chunk",
          "internal: the cluster stage's state, two slots written in turn (compacted; streams/snapshots.py)"),
)
BY_ROLE = {t.role: t for t in TOPICS}


def spec(settings: Settings, role: str) -> TopicSpec:
    t = BY_ROLE[role]
    return TopicSpec(t.name(settings), t.partitions(settings), t.config(settings))


def project_topics(settings: Settings) -> list[TopicSpec]:
    """Every topic the project owns, the Faust table changelogs included: created up front, since a
    worker that subscribes before they exist crashes its agent on the first write
    (PartitionsMismatch, "0 partitions")."""
    return [*(spec(settings, t.role) for t in TOPICS),
            *(TopicSpec(f"{settings.app_id}-{table}-changelog", settings.partitions, CHANGELOG_CONFIG)
              for table in CHANGELOG_TABLES)]
