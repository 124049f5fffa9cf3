"""Input order and offsets: what the worker has done, what the group has stored, the commits
Faust loses, and reading the internal topic directly (a new cluster-stage owner's rebuild).

Order needs nothing here any more: batches arrive per partition in fetch order, each standing
for a contiguous offset range (streams.faust_patches). What stays:

* `offsets_to_commit` and `CommitCheck`: Faust records a commit as done even when it failed
  (a rebalance), and after that commits nothing for the partition until new input is
  acknowledged; a quiet partition kept its old stored offset, and a restart redid everything
  since. The check compares the group's stored offsets with what this worker has processed.
* `read_internal`, `read_newest_head`, `read_offsets`: a new owner of the cluster stage loads its newest snapshot
  and applies the internal topic from there up to where it takes over, without sending
  (streams/snapshots.py); `GroupOffsets.delete_before` deletes what the snapshots cover.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any, AsyncIterator

import orjson

from streams import kafka_security
from streams.settings import Settings

log = logging.getLogger(__name__)


def offsets_to_commit(done: dict, believed: dict, stored: dict, previous: dict) -> dict:
    """Input offsets the worker commits itself: where the broker's stored offset has not caught up
    with what was already processed at the previous check (`previous`: `done` then), or is below
    what Faust believes it committed. A healthy Faust commits every few seconds, so neither
    happens; a commit Faust lost in a rebalance does.

    >>> offsets_to_commit({"a": 50, "b": 90, "c": 70}, {"a": 30, "b": 80, "c": 60},
    ...                   {"a": 30, "b": 80, "c": 55}, {"a": 40, "b": 80, "c": 50})
    {'a': 50, 'c': 70}
    """
    commits = {}
    for tp, processed in done.items():
        held = stored.get(tp)
        held = -1 if held is None else held
        if held >= processed:
            continue
        if held < previous.get(tp, -1) or held < (believed.get(tp) or -1):
            commits[tp] = processed
    return commits


async def direct_consumer(settings: Settings, **options: Any) -> Any:
    """A started aiokafka consumer outside the group (assign and seek it yourself)."""
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, enable_auto_commit=False,
                                auto_offset_reset="earliest", **options, **kafka_security.aiokafka_options(settings))
    await consumer.start()
    return consumer


async def read_internal(settings: Settings, start: int, until: int) -> AsyncIterator[list]:
    """The internal topic's records [start, until), in fetched batches; from its first retained
    record if those before it were deleted (said in a log line: the stage goes on without them)."""
    from aiokafka import TopicPartition

    tp = TopicPartition(settings.cluster_topic, 0)
    consumer = await direct_consumer(settings, max_partition_fetch_bytes=8 * 1024 * 1024)
    try:
        consumer.assign([tp])
        first = (await consumer.beginning_offsets([tp]))[tp]
        if first > start:
            log.error("internal records %d-%d are deleted and no snapshot covers them: the cluster stage goes on "
                      "without them (runbook deploy/runbooks/cluster-snapshot-stale.md)", start, first - 1)
            start = first
        consumer.seek(tp, start)
        while True:
            batch = [r for r in (await consumer.getmany(tp, timeout_ms=1000, max_records=2000)).get(tp, ())
                     if start <= r.offset < until]
            if batch:
                yield batch
            if await consumer.position(tp) >= until:
                return
    finally:
        await consumer.stop()


async def read_newest_head(settings: Settings) -> tuple[bool, dict | None]:
    """(whether the snapshot topic exists, its newest snapshot head). Heads are written last, so
    the newest is near the end: read backwards in growing windows until one is found."""
    from aiokafka import TopicPartition

    from streams.snapshots import is_head

    tp = TopicPartition(settings.snapshot_topic, 0)
    consumer = await direct_consumer(settings, max_partition_fetch_bytes=4 * 1024 * 1024)
    try:
        if settings.snapshot_topic not in await consumer.topics():
            return False, None
        consumer.assign([tp])
        begin = (await consumer.beginning_offsets([tp]))[tp]
        end = (await consumer.end_offsets([tp]))[tp]
        window = 4
        while end > begin:
            start = max(begin, end - window)
            heads = [r.value for r in await _read_range(consumer, tp, start, end) if is_head(r.key, r.value)]
            if heads:
                return True, orjson.loads(heads[-1])
            if start == begin:
                break
            end, window = start, window * 4
        return True, None
    finally:
        await consumer.stop()


async def read_offsets(settings: Settings, topic: str, offsets: list[int]) -> dict[int, bytes | None]:
    """The values at `offsets` of partition 0 of `topic` (missing where compaction removed them)."""
    from aiokafka import TopicPartition

    if not offsets:
        return {}
    tp = TopicPartition(topic, 0)
    consumer = await direct_consumer(settings, max_partition_fetch_bytes=4 * 1024 * 1024)
    try:
        consumer.assign([tp])
        wanted = set(offsets)
        return {r.offset: r.value for r in await _read_range(consumer, tp, min(offsets), max(offsets) + 1)
                if r.offset in wanted}
    finally:
        await consumer.stop()


async def _read_range(consumer: Any, tp: Any, start: int, until: int) -> list:
    consumer.seek(tp, start)
    out = []
    while await consumer.position(tp) < until:
        out += [r for r in (await consumer.getmany(tp, timeout_ms=1000, max_records=500)).get(tp, ())
                if start <= r.offset < until]
    return out


@dataclass
class GroupOffsets:
    """The worker's admin client: the consumer group's committed offsets as the broker stores
    them, and deleting internal records the cluster stage's snapshots cover."""

    settings: Settings
    admin: Any = None

    async def stored(self, tps: list) -> dict:
        """tp -> stored offset (None where there is none)."""
        from aiokafka.structs import TopicPartition

        try:
            held = await (await self._admin()).list_consumer_group_offsets(
                self.settings.app_id, partitions=[TopicPartition(tp.topic, tp.partition) for tp in tps])
        except Exception:
            await self.close()  # a fresh client next time (broker outage)
            raise
        stored = {}
        for tp in tps:
            meta = held.get(TopicPartition(tp.topic, tp.partition))
            stored[tp] = meta.offset if meta is not None and meta.offset >= 0 else None
        return stored

    async def _admin(self) -> Any:
        if self.admin is None:
            from aiokafka.admin import AIOKafkaAdminClient

            self.admin = AIOKafkaAdminClient(bootstrap_servers=self.settings.kafka_bootstrap,
                                             **kafka_security.aiokafka_options(self.settings))
            await self.admin.start()
        return self.admin

    async def delete_before(self, topic: str, offset: int) -> int:
        """Delete partition 0 of `topic` before `offset`; returns its new first offset."""
        from aiokafka.admin import RecordsToDelete
        from aiokafka.structs import TopicPartition

        tp = TopicPartition(topic, 0)
        try:
            done = await (await self._admin()).delete_records({tp: RecordsToDelete(before_offset=offset)})
        except Exception:
            await self.close()
            raise
        return done[tp]

    async def close(self) -> None:
        admin, self.admin = self.admin, None
        if admin is not None:
            with contextlib.suppress(Exception):
                await admin.close()


@dataclass
class CommitCheck:
    """Per input partition: processed and written (`done`), and its value at the previous check."""

    done: dict = field(default_factory=dict)  # tp -> everything before it is processed and written
    previous: dict = field(default_factory=dict)

    def due(self, tps: list, believed: dict, stored: dict) -> dict:
        done = {tp: self.done[tp] for tp in tps if tp in self.done}
        commits = offsets_to_commit(done, believed, stored, self.previous)
        self.previous = done
        return commits
