"""streams/snapshots.py: the cluster stage's snapshots, written and loaded without Kafka."""

from __future__ import annotations

import pickle
import zlib
from types import SimpleNamespace

import orjson
import pytest

from detectors.stages import run
from streams import snapshots
from streams.decoder import decode
from streams.runtimes import AccountRuntime, ClusterRuntime, cluster_records
from tests.unit.streams.test_runtimes import NOW, PARTITIONS, smoke_lines


@pytest.fixture(scope="module")
def internal_records():
    """The smoke scenario as internal-topic records (offset, value), and replay's alerts."""
    partitions, lines = smoke_lines()
    expected = [orjson.dumps(a.to_dict()) for a in run(decode(line.encode()) for line in lines)]
    runtime = AccountRuntime(604800.0)
    values: list[bytes] = []
    cursor = {p: 0 for p in partitions}
    while any(cursor[p] < len(partitions[p]) for p in partitions):
        for p in partitions:
            batch = partitions[p][cursor[p]:cursor[p] + 97]
            cursor[p] += len(batch)
            if batch:
                items, _ = runtime.process(p, batch, wall=NOW)
                values += cluster_records({p: items})
    return [SimpleNamespace(offset=i, value=v) for i, v in enumerate(values)], expected


class Topic:
    """A snapshot topic as a log of (offset, key, value), written the way the worker writes it."""

    def __init__(self) -> None:
        self.log: list = []
        self.keeper = snapshots.SnapshotKeeper(interval_s=0, max_items=0)

    def append(self, key: bytes, value: bytes | None) -> int:
        self.log.append((len(self.log), key, value))
        return len(self.log) - 1

    def write(self, runtime: ClusterRuntime, payload: bytes | None = None, head_changes: dict | None = None) -> dict:
        payload = snapshots.dumps(runtime) if payload is None else payload
        slot, stale, other = self.keeper.slot()
        records = snapshots.chunks_of(payload, slot, stale)
        offsets = [self.append(k, v) for k, v in records]
        offsets = [o for o, (_, v) in zip(offsets, records) if v is not None]
        head = snapshots.head_of(payload, slot, offsets, runtime.next_offset, runtime.stage.watermark, "test", 0.0,
                                 other)
        head.update(head_changes or {})
        self.append(f"{slot}/head".encode(), orjson.dumps(head))
        self.keeper.written(head, 0.0, 0)
        return head

    def overwrite(self, offset: int, value: bytes) -> None:
        """What compaction shows when a later record of the same key replaced this one."""
        o, key, _ = self.log[offset]
        self.log[offset] = (o, key, value)


def finish(runtime: ClusterRuntime, records: list, alerts: list) -> list[bytes]:
    runtime.apply_records(records, alerts)
    runtime.stage.feed(runtime.sequencer.flush(), alerts)
    return [orjson.dumps(a.to_dict()) for a in alerts]


def test_a_stage_loaded_from_a_snapshot_mid_stream_decides_what_the_uninterrupted_stage_decides(internal_records):
    records, expected = internal_records
    for cut in (1, len(records) // 3, len(records) - 2):
        before = ClusterRuntime(PARTITIONS)
        alerts: list = []
        before.apply_records(records[:cut], alerts)
        topic = Topic()
        topic.write(before)
        loaded = snapshots.latest(topic.log)
        assert loaded.failures == [] and loaded.runtime.next_offset == cut
        # The loaded stage gets the whole topic again: what it holds already is skipped by offset.
        assert finish(loaded.runtime, records, list(alerts)) == expected
        assert finish(before, records, alerts) == expected


def test_a_large_state_is_chunked_its_head_names_its_chunks_and_stale_chunks_get_tombstones():
    payload = bytes(range(256)) * (snapshots.CHUNK_BYTES // 128 + 1)  # > 2 chunks
    records = snapshots.chunks_of(payload, "b", stale_chunks=5)
    assert [k for k, v in records if v is not None] == [b"b/0", b"b/1", b"b/2"]
    assert [(k, v) for k, v in records if v is None] == [(b"b/3", None), (b"b/4", None)]
    assert max(len(v) for _, v in records if v) <= snapshots.CHUNK_BYTES
    head = snapshots.head_of(payload, "b", [10, 11, 12], 7, 0.0, "test", 0.0, other={"slot": "a", "other": {}})
    assert head["chunks"] == 3 and head["offsets"] == [10, 11, 12] and head["other"] == {"slot": "a"}
    assert b"".join(v for _, v in records[:3]) == payload


def test_the_newest_head_locates_both_slots_and_the_older_is_the_fallback(internal_records):
    records, _ = internal_records
    runtime = ClusterRuntime(PARTITIONS)
    topic = Topic()
    runtime.apply_records(records[:5], [])
    topic.write(runtime)  # slot a at 5
    runtime.apply_records(records[5:10], [])
    head_b = topic.write(runtime)  # slot b at 10
    loaded = snapshots.latest(topic.log)
    assert loaded.head["slot"] == "b" and set(loaded.heads) == {"a", "b"} and loaded.runtime.next_offset == 10
    # A later write into "a" died after its chunks: the newest head is still b's, and b loads.
    runtime.apply_records(records[10:15], [])
    topic.append(b"a/0", b"half of something else")
    assert snapshots.latest(topic.log).head == head_b
    # b's chunk replaced (compaction keeps a later write of its key): a, the other slot, is loaded.
    topic.overwrite(head_b["offsets"][0], b"garbage")
    loaded = snapshots.latest(topic.log)
    assert loaded.head["slot"] == "a" and loaded.runtime.next_offset == 5
    assert [(slot, why.split(":")[0]) for slot, why in loaded.failures] == [("b", "SnapshotRejected")]


def test_another_format_version_is_not_loaded():
    topic = Topic()
    topic.write(ClusterRuntime(2), head_changes={"v": snapshots.SNAPSHOT_VERSION + 1})
    loaded = snapshots.latest(topic.log)
    assert loaded.runtime is None and "format v2" in loaded.failures[0][1]


def test_the_unpickler_builds_only_classes_of_the_detection_core_and_river():
    from detectors.partitioning import partition_for

    for refused in (partition_for, eval, pickle.loads):  # functions: callable with any argument on load
        with pytest.raises(snapshots.SnapshotRejected):
            snapshots.loads(zlib.compress(pickle.dumps(refused)))
    assert isinstance(snapshots.loads(snapshots.dumps(ClusterRuntime(3))), ClusterRuntime)


def test_the_keeper_deletes_only_what_both_slots_cover():
    keeper = snapshots.SnapshotKeeper(interval_s=60, max_items=10**9)
    keeper.start(now=0.0, items=0, heads={})
    stage = SimpleNamespace(next_offset=100, items_applied=0)
    assert keeper.due(stage, 61.0)
    assert keeper.slot() == ("a", 0, None)
    assert keeper.written({"slot": "a", "next_offset": 100, "chunks": 3}, 61.0, 0) == 0  # one slot only
    assert not keeper.due(stage, 200.0)  # nothing new since
    stage.next_offset = 250
    assert keeper.slot() == ("b", 0, {"slot": "a", "next_offset": 100, "chunks": 3})
    assert keeper.written({"slot": "b", "next_offset": 250, "chunks": 1}, 130.0, 0) == 100
    keeper.deleted_before = 100
    assert keeper.slot()[:2] == ("a", 3)  # the older slot next, its 3 chunks to overwrite or tombstone
    assert keeper.written({"slot": "a", "next_offset": 400, "chunks": 1}, 200.0, 0) == 250


def test_a_snapshot_this_release_cannot_read_stops_the_stage_unless_an_older_slot_loads(internal_records):
    records, _ = internal_records
    runtime = ClusterRuntime(PARTITIONS)
    topic = Topic()
    runtime.apply_records(records[:5], [])
    topic.write(runtime)
    runtime.apply_records(records[5:10], [])
    # "b" holds classes this build cannot rebuild (another release's or build's): "a" is loaded,
    # and the records after it are still kept (deleted only before the older slot's offset).
    topic.write(runtime, payload=zlib.compress(pickle.dumps(["detectors.stages", eval])))
    loaded = snapshots.latest(topic.log)
    assert loaded.head["slot"] == "a" and loaded.refusal() is None and [s for s, _ in loaded.incompatible] == ["b"]
    # With "a" unreadable too (a next "a" of another format), the stage must not start without
    # its state: the worker stops and says why.
    runtime.apply_records(records[10:15], [])
    topic.write(runtime, head_changes={"v": 9})
    refusal = snapshots.latest(topic.log).refusal()
    assert refusal.startswith("cluster-stage snapshot in slot a (release test) cannot be read by this release")
    assert "HYDRAWATCH_CLUSTER_SNAPSHOT_DISCARD=1" in refusal
    # Chunks compacted away or a write cut short are no such reason: nothing complete was refused.
    cut = Topic()
    head = cut.write(runtime)
    cut.overwrite(head["offsets"][0], b"x")
    assert snapshots.latest(cut.log).runtime is None and snapshots.latest(cut.log).refusal() is None
