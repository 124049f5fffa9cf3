"""Cluster-stage snapshots: a takeover that costs the same after a day or a year.

The cluster stage's state is a function of the internal topic. Its owner writes that state to a
compacted topic now and then, and deletes the internal records the snapshots cover (DeleteRecords,
as Kafka Streams purges its repartition topics). A new owner loads the newest snapshot that reads
and applies only the internal records after it, so a takeover reads one snapshot plus at most one
snapshot interval of records, and the internal topic holds no more than that.

Format (`"v": 1`): two slots, `a` and `b`, written in turn. A slot is its chunks, records keyed
`<slot>/<i>` holding 512 KiB each of zlib(pickle(ClusterRuntime)), then its head `<slot>/head`
(JSON: where the state stands in the internal topic, the chunks' offsets, size, sha256, release,
and the other slot's head). A new owner reads the topic's last head (found from the end) and
then only the chunks it names: a takeover reads one state, however many snapshots compaction
has not removed yet. A crash while a slot is written leaves chunks no head names (the last head
is then the previous one) or, overwritten by compaction later, a head whose checksum fails: the
loader takes the other slot. Internal records are deleted only up to the older slot's offset, so either slot
can be loaded. A complete snapshot this release cannot read (another format version, classes of
another release or build) is passed over the same way; if no slot loads, the worker stops and
says why instead of starting the stage without its state (`Loaded.refusal`).

Pickle can run code when loaded. `SafeUnpickler` builds only classes of the detection core and
River (and a few containers), and the topic takes the changelogs' ACLs (docs/security.md).

>>> from streams.runtimes import ClusterRuntime
>>> payload = dumps(ClusterRuntime(4))
>>> [key for key, _ in chunks_of(payload, "a")]
[b'a/0']
>>> head = head_of(payload, "a", offsets=[0], next_offset=0, watermark=0.0, release="0.1.0", written_at=0.0)
>>> loaded = latest([(0, b"a/0", payload), (1, b"a/head", orjson.dumps(head))])
>>> loaded.head["slot"], loaded.runtime.partitions, loaded.failures
('a', 4, [])
"""

from __future__ import annotations

import hashlib
import io
import pickle
import zlib
from dataclasses import dataclass, field
from typing import Any, Mapping

import orjson

SNAPSHOT_VERSION = 1
SLOTS = ("a", "b")
CHUNK_BYTES = 512 * 1024  # far below the broker's 1 MB record limit

# What a snapshot may build besides the detection core's and River's own classes.
SAFE_GLOBALS = {
    ("builtins", name) for name in ("dict", "list", "set", "frozenset", "tuple", "bytes", "bytearray", "float",
                                    "int", "complex", "str", "bool", "object", "slice", "range")
} | {("collections", name) for name in ("deque", "defaultdict", "OrderedDict", "Counter")} | {
    ("functools", "partial"), ("random", "Random"), ("copyreg", "_reconstructor"),
}
SAFE_PACKAGES = ("detectors.", "river.", "streams.runtimes")


class SnapshotRejected(Exception):
    """A snapshot that cannot be used (another format, a failed checksum, a refused class)."""


class SafeUnpickler(pickle.Unpickler):
    """Builds only what a cluster-stage snapshot holds: classes (and the helpers Cython pickles
    them with) from `detectors`, `river` and `streams.runtimes`, and plain containers.

    >>> import os
    >>> SafeUnpickler(io.BytesIO(pickle.dumps(os.system))).load()
    Traceback (most recent call last):
    ...
    streams.snapshots.SnapshotRejected: refused global posix.system
    """

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in SAFE_GLOBALS:
            return super().find_class(module, name)
        if module.startswith(SAFE_PACKAGES):
            found = super().find_class(module, name)
            if isinstance(found, type) or name.startswith("__pyx_unpickle_"):
                return found
        raise SnapshotRejected(f"refused global {module}.{name}")


def dumps(runtime: Any) -> bytes:
    """The runtime as snapshot bytes; its stage's observer (metrics) stays out."""
    stage = runtime.stage
    observer, stage.observer = stage.observer, None
    try:
        return zlib.compress(pickle.dumps(runtime, protocol=5), 1)
    finally:
        stage.observer = observer


def loads(data: bytes) -> Any:
    return SafeUnpickler(io.BytesIO(zlib.decompress(data))).load()


def chunks_of(payload: bytes, slot: str, stale_chunks: int = 0) -> list[tuple[bytes, bytes | None]]:
    """The chunk records of a snapshot in `slot`, written before its head. Chunks of an earlier,
    larger snapshot in that slot (`stale_chunks` of them) get tombstones, so compaction drops them."""
    chunks = [payload[i:i + CHUNK_BYTES] for i in range(0, len(payload), CHUNK_BYTES)] or [b""]
    return [(f"{slot}/{i}".encode(), c) for i, c in enumerate(chunks)] + \
        [(f"{slot}/{i}".encode(), None) for i in range(len(chunks), stale_chunks)]


def head_of(payload: bytes, slot: str, offsets: list[int], next_offset: int, watermark: float, release: str,
            written_at: float, other: dict | None = None) -> dict:
    """A snapshot's head: where its chunks are (their offsets in the snapshot topic), what state
    it holds (the internal topic applied up to `next_offset`), a checksum, and the other slot's
    head (`other`), so that the newest head alone locates both snapshots."""
    head = {"v": SNAPSHOT_VERSION, "slot": slot, "next_offset": next_offset, "chunks": len(offsets),
            "offsets": offsets, "bytes": len(payload), "sha256": hashlib.sha256(payload).hexdigest(),
            "release": release, "written_at": written_at, "watermark": watermark}
    if other is not None:
        head["other"] = {k: v for k, v in other.items() if k != "other"}
    return head


def is_head(key: bytes | None, value: bytes | None) -> bool:
    return value is not None and key is not None and key.endswith(b"/head")


@dataclass
class Loaded:
    runtime: Any = None  # None: no slot could be loaded
    head: dict = field(default_factory=dict)
    heads: dict = field(default_factory=dict)  # slot -> its latest head (from the newest head)
    failures: list = field(default_factory=list)  # (slot, why) of the slots passed over
    incompatible: list = field(default_factory=list)  # (slot, why): complete, but this release cannot read it

    def refusal(self) -> str | None:
        """Why the stage must not start at all: no slot loads and some was written by a release
        (or build) this one cannot read. Starting from the internal topic would silently drop the
        state those snapshots hold (HYDRAWATCH_CLUSTER_SNAPSHOT_DISCARD=1 does that on purpose)."""
        if self.runtime is not None or not self.incompatible:
            return None
        slot, why = self.incompatible[0]
        return (f"cluster-stage snapshot in slot {slot} (release {self.heads[slot].get('release')}) cannot be read "
                f"by this release: {why}. Run the release that wrote it, or set "
                f"HYDRAWATCH_CLUSTER_SNAPSHOT_DISCARD=1 to start the stage from the internal records still kept")

    def candidates(self) -> list[dict]:
        """The slots' heads to try, newest state first."""
        return sorted(self.heads.values(), key=lambda h: -h.get("next_offset", -1))

    def attempt(self, head: dict, chunks: Mapping[int, bytes | None]) -> bool:
        """Load `head`'s snapshot from its chunks (topic offset -> value); False (the reason
        recorded) if it cannot be used."""
        slot = head.get("slot")
        payload = b"".join(chunks.get(o) or b"" for o in head.get("offsets", ()))
        if hashlib.sha256(payload).hexdigest() != head.get("sha256"):
            self.failures.append((slot, "SnapshotRejected: checksum mismatch (a write cut short, or compacted away)"))
            return False
        try:
            if head.get("v") != SNAPSHOT_VERSION:
                raise SnapshotRejected(f"format v{head.get('v')}, this release reads v{SNAPSHOT_VERSION}")
            self.runtime, self.head = loads(payload), head
            return True
        except Exception as exc:  # noqa: BLE001 - the other slot may still be read
            why = f"{type(exc).__name__}: {exc}"
            self.failures.append((slot, why))
            self.incompatible.append((slot, why))
            return False


def found(newest: dict | None) -> Loaded:
    """What the newest head says about both slots."""
    heads = {}
    if newest is not None:
        heads[newest["slot"]] = newest
        other = newest.get("other")
        if other is not None and other.get("slot") != newest["slot"]:
            heads[other["slot"]] = other
    return Loaded(heads=heads)


def latest(records: list[tuple[int, bytes, bytes | None]]) -> Loaded:
    """The newest loadable snapshot in the snapshot topic's (offset, key, value) records, as a
    new owner finds it (the worker reads the same way from Kafka, fetching only what it needs)."""
    newest = next((orjson.loads(v) for _, k, v in reversed(records) if is_head(k, v)), None)
    loaded = found(newest)
    values = {o: v for o, _, v in records}
    for head in loaded.candidates():
        if loaded.attempt(head, values):
            break
    return loaded


def next_slot(heads: Mapping[str, dict]) -> str:
    """The slot to write next: the one holding the older snapshot (or none).

    >>> next_slot({}), next_slot({"a": {"next_offset": 5}}), next_slot({"a": {"next_offset": 5}, "b": {"next_offset": 9}})
    ('a', 'b', 'a')
    """
    free = [s for s in SLOTS if s not in heads]
    if free:
        return free[0]
    return min(SLOTS, key=lambda s: heads[s].get("next_offset", -1))


def deletable_before(heads: Mapping[str, dict]) -> int:
    """Internal records before this offset are covered by both slots (0 until both exist).

    >>> deletable_before({"a": {"next_offset": 5}}), deletable_before({"a": {"next_offset": 5}, "b": {"next_offset": 9}})
    (0, 5)
    """
    if len(heads) < len(SLOTS):
        return 0
    return min(h.get("next_offset", 0) for h in heads.values())


@dataclass
class SnapshotKeeper:
    """When the owner snapshots, into which slot, and what it may then delete (the worker does the
    Kafka calls: streams.services). A snapshot is due `interval_s` after the last one, or after
    `max_items` more cluster-stage inputs (a backlog), and only if the stage has moved on.

    >>> from types import SimpleNamespace as NS
    >>> keeper = SnapshotKeeper(interval_s=60, max_items=1000)
    >>> keeper.start(now=0.0, items=0)
    >>> keeper.due(NS(next_offset=10, items_applied=50), now=30.0), keeper.due(NS(next_offset=10, items_applied=50), now=61.0)
    (False, True)
    >>> keeper.due(NS(next_offset=10, items_applied=1200), now=1.0)
    True
    """

    interval_s: float
    max_items: int
    heads: dict = field(default_factory=dict)  # slot -> head, as read at takeover and written since
    last_wall: float = 0.0
    last_items: int = 0
    deleted_before: int = 0  # internal records before this offset were deleted
    enabled: bool = True  # False while the snapshot topic is missing

    def start(self, now: float, items: int, heads: Mapping[str, dict] | None = None) -> None:
        """At a takeover: the slots as found; the first snapshot is due one interval later."""
        if heads is not None:
            self.heads = dict(heads)
        self.last_wall, self.last_items = now, items

    def due(self, runtime: Any, now: float) -> bool:
        newest = max((h.get("next_offset", -1) for h in self.heads.values()), default=-1)
        if runtime.next_offset <= newest:
            return False
        return now - self.last_wall >= self.interval_s or runtime.items_applied - self.last_items >= self.max_items

    def slot(self) -> tuple[str, int, dict | None]:
        """The slot to write, how many chunks it holds now (to be tombstoned if unused), and the
        other slot's head (the new head carries it)."""
        slot = next_slot(self.heads)
        other = next((h for s, h in self.heads.items() if s != slot), None)
        return slot, self.heads.get(slot, {}).get("chunks", 0), other

    def written(self, head: dict, now: float, items: int) -> int:
        """Record a snapshot written; returns the offset internal records may be deleted before
        (0: nothing new to delete)."""
        self.heads[head["slot"]] = head
        self.last_wall, self.last_items = now, items
        before = deletable_before(self.heads)
        return before if before > self.deleted_before else 0
