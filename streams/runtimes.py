"""The two stages as the worker runs them, without Faust or Kafka: plain classes that the agents,
`hydrawatch replay` and the unit tests drive alike.

* `AccountRuntime`: the account stage of the input partitions one worker owns. A fetched batch
  of records goes in; out come the cluster stage's items (stamped with the source partition,
  offset and clock) and the records to dead-letter. Account states stay in memory, marked
  dirty, until `flush` returns the table writes of everything processed since the previous
  flush, each account once (the worker flushes once per commit interval, then acknowledges
  the batches the flush covers: input offsets are committed only over written state). Each
  stored state carries the input offset it has applied, so a redelivered record is a no-op.
* `ClusterRuntime`: the cluster stage, fed the internal topic's records in offset order.
"""

from __future__ import annotations

import struct
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Protocol

import orjson

from detectors.features import AccountState, ModelCatalog
from detectors.population import DEFAULT_CRITICAL_MARGIN, DEFAULT_VOLUME_MARGIN
from detectors.sequencer import Sequencer
from detectors.stages import AccountStage, ClusterStage, from_wire, to_wire
from streams.decoder import EVENT_TIME_AHEAD, EVENT_TIME_BEHIND, PROCESSING_ERROR, Rejection, decode_message

# Stored and wire formats this release writes, and reads (a record without "v" is version 1,
# written before formats carried one). A worker meeting a newer one stops: UnsupportedFormat.
# Internal-topic records (cluster_records, idle_record). Version 2: link messages may carry a link
# kind a version-1 reader does not know (network pairs, "net"); version 1 reads as before.
INTERNAL_RECORD_VERSION = 2
INTERNAL_RECORD_OLDEST = 1
PARTITION_DOC_VERSION = 1  # partition-state table values (AccountPartition.state_doc)
MAX_ITEMS_PER_MESSAGE = 2000  # cluster-input messages stay far below the broker's 1 MB limit
ACCOUNT_SWEEP_INTERVAL_S = 60.0  # event time between two expiry sweeps of a partition's stored accounts
SWEEP_CATCH_UP = 20  # most minutes of event time one sweep makes up for
_OFFSET = struct.Struct("<q")


def pack_account(offset: int, state: AccountState) -> bytes:
    """Table value: the input offset last applied, then the state.

    >>> from detectors.features import EXAMPLE
    >>> s = AccountState.new(0.0, 86400.0); _ = s.update(EXAMPLE)
    >>> offset, back = unpack_account(pack_account(41, s)); offset, back.n_events
    (41, 1)
    """
    return _OFFSET.pack(offset) + state.to_bytes()


def unpack_account(data: bytes) -> tuple[int, AccountState]:
    """`pack_account`'s bytes back; the state's own first byte is its format version."""
    check_version("account state", data[_OFFSET.size], AccountState.FORMAT_VERSION, AccountState.OLDEST_VERSION)
    return _OFFSET.unpack_from(data)[0], AccountState.from_bytes(data[_OFFSET.size:])


def cluster_records(batch: dict[int, list], rewake: Iterable[int] = ()) -> list[bytes]:
    """Cluster-stage items as internal-topic records, at most MAX_ITEMS_PER_MESSAGE items each.
    Every record first marks the batch's partitions (and `rewake`) active, so a partition waking
    from idle is waited for, not overtaken.

    >>> [orjson.loads(r) for r in cluster_records({3: [[7, 0, 1.0, 0, ["x"]]], 5: []}, [1])]
    [{'v': 2, 'active': [1, 3, 5], 'm': [[3, [[7, 0, 1.0, 0, ['x']]]]]}]
    """
    active = sorted({*batch, *rewake})
    records, chunk, size = [], [], 0
    for p in sorted(batch):
        items = batch[p]
        for start in range(0, len(items), MAX_ITEMS_PER_MESSAGE):
            part = items[start:start + MAX_ITEMS_PER_MESSAGE]
            if size + len(part) > MAX_ITEMS_PER_MESSAGE and chunk:
                records.append(orjson.dumps({"v": INTERNAL_RECORD_VERSION, "active": active, "m": chunk}))
                chunk, size = [], 0
            chunk.append([p, part])
            size += len(part)
    records.append(orjson.dumps({"v": INTERNAL_RECORD_VERSION, "active": active, "m": chunk}))
    return records


def idle_record(partitions: list[int]) -> bytes:
    """The internal-topic record announcing caught-up, quiet input partitions."""
    return orjson.dumps({"v": INTERNAL_RECORD_VERSION, "idle": partitions})


class UnsupportedFormat(Exception):
    """Stored or wire data of a format version this release cannot read (a newer release wrote
    it): the worker must stop, not skip it, so that nothing is lost."""


def check_version(what: str, found: Any, supported: int, oldest: int | None = None) -> None:
    """Raise UnsupportedFormat unless `found` (None: written before versions) is one this release
    reads: `oldest` (default `supported`) to `supported`, the older ones migrated on reading."""
    if found is None:
        return
    if found > supported:
        raise UnsupportedFormat(f"{what} format version {found}: this release reads up to {supported}; upgrade the worker")
    low = supported if oldest is None else oldest
    if found < low:
        raise UnsupportedFormat(f"{what} format version {found}: this release reads versions {low} to {supported}")


@dataclass
class Outbox:
    """Cluster-stage items of many input batches, sent together: one internal-topic record per
    `send_interval_s` (or per MAX_ITEMS_PER_MESSAGE items) instead of one per fetched batch.
    Live traffic arrives in small batches (tens of events per partition), and every record costs
    a produce, a fetch and a release at the cluster stage. Items keep their positions (partition,
    offset, index), by which the cluster stage orders and de-duplicates them, so how they are
    grouped changes nothing it decides.

    >>> box = Outbox(0.05)
    >>> box.add(3, [[7, 0, 1.0, 0, ["x"]]], [], now=10.0), box.add(5, [], [1], now=10.01)
    ([], [])
    >>> [orjson.loads(r) for r in box.add(3, [], [], now=10.06)]
    [{'v': 2, 'active': [1, 3, 5], 'm': [[3, [[7, 0, 1.0, 0, ['x']]]]]}]
    """

    send_interval_s: float
    items: dict[int, list] = field(default_factory=dict)
    active: set[int] = field(default_factory=set)
    count: int = 0
    since: float | None = None  # when the oldest waiting batch was added

    def add(self, p: int, items: list, rewake: Iterable[int], now: float) -> list[bytes]:
        """A batch of partition `p`: its items, and partitions to wake; the records due now."""
        if items:
            self.items.setdefault(p, []).extend(items)
            self.count += len(items)
        self.active.add(p)
        self.active.update(rewake)
        if self.since is None:
            self.since = now
        return self.take() if self.due(now) else []

    def due(self, now: float) -> bool:
        return self.count >= MAX_ITEMS_PER_MESSAGE or (self.since is not None and now - self.since >= self.send_interval_s)

    def take(self) -> list[bytes]:
        """Everything waiting, as records (none if nothing waits)."""
        if self.since is None:
            return []
        records = cluster_records(self.items, self.active)
        self.items, self.active, self.count, self.since = {}, set(), 0, None
        return records


class StoredTable(Protocol):
    """Where flushed states live: a changelogged table read partition by partition."""

    def get(self, partition: int, key: bytes) -> bytes | None: ...

    def scan(self, partition: int, from_key: bytes | None = None) -> Iterator[tuple[bytes, bytes]] | None: ...


class MemoryTable:
    """A StoredTable in memory (benchmarks, tests): raw bytes per partition.

    >>> t = MemoryTable(); t.write(0, [(b"b", b"2"), (b"a", b"1")]); t.get(0, b"a"), list(t.scan(0, b"b"))
    (b'1', [(b'b', b'2')])
    """

    def __init__(self) -> None:
        self.data: dict[int, dict[bytes, bytes]] = {}

    def get(self, partition: int, key: bytes) -> bytes | None:
        return self.data.get(partition, {}).get(key)

    def scan(self, partition: int, from_key: bytes | None = None) -> Iterator[tuple[bytes, bytes]]:
        stored = self.data.get(partition, {})
        return iter(sorted((k, v) for k, v in stored.items() if from_key is None or k >= from_key))

    def write(self, partition: int, items: list[tuple[bytes, bytes | None]]) -> None:
        stored = self.data.setdefault(partition, {})
        for key, value in items:
            if value is None:
                stored.pop(key, None)
            else:
                stored[key] = value


class BatchCounts(Protocol):
    """What the runtime reports (streams.metrics.PipelineMetrics)."""

    def accepted(self, n: int = 1) -> None: ...

    def duplicate(self, n: int = 1) -> None: ...


@dataclass
class AccountPartition:
    """One input partition's account stage on this worker: a cache over the tables."""

    stage: AccountStage
    applied: dict[str, int] = field(default_factory=dict)  # account -> offset applied (cached accounts)
    dirty: dict[str, int] = field(default_factory=dict)  # accounts changed since the last flush
    accounts: int = 0  # accounts with state in this partition
    sweep_from: bytes | None = None  # where the expiry sweep resumes in the partition's store
    swept_at: float = float("-inf")  # partition clock at the last sweep
    cycle_from: float = float("-inf")  # partition clock when the current pass over the store began
    expired_through: float = float("-inf")  # start of the last full pass: no state idle a TTL before it
    changed: bool = False  # processed anything since the last flush
    gone: set[str] = field(default_factory=set)  # expired by the last flush: its deletes may not be written yet

    def state_doc(self) -> dict:
        return {"v": PARTITION_DOC_VERSION, "catalog": self.stage.catalog.to_dict(), "clock": self.stage.clock,
                "accounts": self.accounts}

    @classmethod
    def from_doc(cls, doc: dict | None, ttl_s: float) -> "AccountPartition":
        stage = AccountStage(ttl_s)
        part = cls(stage)
        if doc:
            check_version("partition-state", doc.get("v"), PARTITION_DOC_VERSION)
            stage.catalog = ModelCatalog.from_dict(doc["catalog"])
            stage.clock = doc["clock"] if doc["clock"] is not None else float("-inf")
            part.accounts = doc["accounts"]
        return part


def _iso(seconds: float) -> str:
    """Epoch seconds as UTC text, for messages.

    >>> _iso(1795162502.5)
    '2026-11-20T08:15:02Z'
    """
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


@dataclass
class Flush:
    """Table writes of one flush, per input partition: (key, value or None to delete)."""

    accounts: dict[int, list[tuple[bytes, bytes | None]]] = field(default_factory=dict)
    partitions: dict[int, list[tuple[bytes, bytes]]] = field(default_factory=dict)
    expired: int = 0


class AccountRuntime:
    """The account stage of the input partitions one worker owns (see the module docstring)."""

    def __init__(self, ttl_s: float, accounts: StoredTable | None = None, docs: StoredTable | None = None,
                 state_cache: int = 20000, sweep_keys: int = 500, metrics: Any = None, wire: bool = True,
                 max_event_lead_s: float = 300.0, max_event_age_s: float = 366 * 86400.0) -> None:
        """Without `accounts`, states live in memory only (replay); without `wire`, items carry
        the stage messages themselves, for a cluster runtime in the same process (replay).

        Event time is bounded: an event dated more than `max_event_lead_s` after the wall clock
        handed to `apply` is rejected (EVENT_TIME_AHEAD); so is one more than the TTL before its
        partition's clock (it is late: any state it could touch has expired), or more than
        `max_event_age_s` before the partition's clock or the newest plausible event of its batch
        (a partition's first batch has no clock yet: a 2001 event sent before real traffic)
        (EVENT_TIME_BEHIND). Both before it touches any state, so no broken clock moves a
        partition, account or cluster-stage clock, the expiry, or the population's models."""
        self.ttl_s = ttl_s
        self.max_event_lead_s = max_event_lead_s
        self.max_event_age_s = max_event_age_s
        self.encode = to_wire if wire else None
        self.accounts_table, self.docs_table = accounts, docs
        self.state_cache, self.sweep_keys = state_cache, sweep_keys
        self.metrics = metrics
        self.partitions: dict[int, AccountPartition] = {}
        self.newest_event_ts = float("-inf")
        self.rejections: list[tuple[int, Rejection]] = []  # (offset, why) of decoded events not applied

    def partition(self, p: int) -> AccountPartition:
        part = self.partitions.get(p)
        if part is None:
            raw = self.docs_table.get(p, str(p).encode()) if self.docs_table is not None else None
            part = self.partitions[p] = AccountPartition.from_doc(orjson.loads(raw) if raw else None, self.ttl_s)
        return part

    def forget(self, partitions: Iterable[int]) -> None:
        """Revoked partitions: their states live on in the tables (another worker may move them)."""
        for p in partitions:
            self.partitions.pop(p, None)

    def process(self, p: int, records: Iterable[Any], wall: float) -> tuple[list, list]:
        """Decode a partition's records (`.offset`, `.key`, `.value`, `.timestamp` in ms) and fold
        them in: (cluster-stage items, rejected [(record, Rejection)] for the dead-letter topic)."""
        decoded: list = []
        rejected: list = []
        by_offset = {}
        for record in records:
            result = decode_message(record.key, record.value)
            if type(result) is Rejection:
                rejected.append((record, result))
            else:
                decoded.append((record.offset, result, record.timestamp))
                by_offset[record.offset] = record
        items = self.apply(p, decoded, wall)
        for offset, rejection in self.rejections:
            rejected.append((by_offset[offset], rejection))
        self.rejections.clear()
        return items, rejected

    def apply(self, p: int, events: Iterable[tuple[int, dict, int | None]], wall: float) -> list:
        """Fold decoded events (offset, event, produced ms) of partition `p` in, in offset order;
        the cluster-stage items they produce: [offset, index, clock, produced ms, wire message].
        `wall` is the wall clock (replay: when it started); events not applied go to `rejections`."""
        part = self.partition(p)
        part.changed = True
        stage, applied, dirty, gone = part.stage, part.applied, part.dirty, part.gone
        encode = self.encode
        states = stage.states
        table = self.accounts_table
        out: list = []
        wire: list = []
        accepted = duplicates = 0
        newest = float("-inf")
        lags: list[float] = []
        latest = wall + self.max_event_lead_s
        if type(events) is not list:
            events = list(events)
        # What "implausibly old" is measured against: the partition's clock, or the batch's own
        # newest plausible time when that is newer (a partition's first batch has no clock yet).
        reference = stage.clock
        for _, result, _ in events:
            ts = result["ts_s"]
            if reference < ts <= latest:
                reference = ts
        oldest, ttl = reference - self.max_event_age_s, self.ttl_s
        for offset, result, produced_ms in events:
            ts = result["ts_s"]
            if ts > latest or ts < oldest or ts < stage.clock - ttl:
                self.rejections.append((offset, self._out_of_time(ts, wall, reference, stage.clock)))
                continue
            account = result["account_id"]
            if account not in states:
                if account in gone:  # expired: its delete may still be on its way to the store
                    gone.discard(account)
                    raw = None
                else:
                    raw = table.get(p, account.encode()) if table is not None else None
                if raw is not None:
                    applied[account], states[account] = unpack_account(raw)
                else:
                    applied[account] = -1
                    part.accounts += 1
            if offset <= applied[account]:
                duplicates += 1  # redelivered after a restart: this account has applied it
                stage.replayed(result)  # the partition's clock may not have been stored with it
                continue
            applied[account] = offset
            if table is not None:
                dirty[account] = offset
            try:
                fresh = stage.process(result, out)
            except Exception as exc:  # noqa: BLE001 - one record the core cannot fold in, not its whole batch
                self.rejections.append((offset, Rejection(PROCESSING_ERROR, "", f"{type(exc).__name__}: {exc}"[:200])))
                out.clear()
                continue
            if not fresh:
                duplicates += 1  # the same event id again (the gateway re-sent it)
                continue
            accepted += 1
            if ts > newest:
                newest = ts
            lags.append(wall - ts)
            if out:
                produced_ms = produced_ms or int(wall * 1000)
                clock = stage.clock
                for i, message in enumerate(out):
                    wire.append([offset, i, clock, produced_ms, encode(message) if encode else message])
                out.clear()
        if self.metrics is not None:
            self.metrics.event_lags(lags)
            self.metrics.accepted(accepted)
            if duplicates:
                self.metrics.duplicate(duplicates)
        if newest > self.newest_event_ts:
            self.newest_event_ts = newest
        return wire

    def _out_of_time(self, ts: float, wall: float, reference: float, clock: float) -> Rejection:
        """Why an event's time is refused (see __init__)."""
        if ts > wall + self.max_event_lead_s:
            return Rejection(EVENT_TIME_AHEAD, "ts", f"{_iso(ts)} is more than {self.max_event_lead_s:g} s "
                                                     f"after the wall clock ({_iso(wall)})")
        if ts < reference - self.max_event_age_s:
            return Rejection(EVENT_TIME_BEHIND, "ts", f"{_iso(ts)} is more than {self.max_event_age_s:g} s before "
                                                      f"its partition's event time ({_iso(reference)})")
        return Rejection(EVENT_TIME_BEHIND, "ts", f"{_iso(ts)} is more than the account TTL ({self.ttl_s:g} s) "
                                                  f"before its partition's clock ({_iso(clock)})")

    def expire_in_memory(self) -> None:
        """Without tables (replay): drop states idle past the TTL (memory only; an expired
        state is replaced on the account's next event anyway, so results do not change)."""
        for part in self.partitions.values():
            for account in part.stage.expire():
                part.applied.pop(account, None)
                part.dirty.pop(account, None)

    def flush(self) -> Flush:
        """The table writes of everything processed since the last flush: each dirty account
        once, the expiry sweep's deletions, each changed partition's document."""
        result = Flush()
        for p, part in self.partitions.items():
            if not part.changed:
                continue
            states = part.stage.states
            expired = self._sweep(part, p)  # first: it may find changed accounts idle past the TTL by now
            part.gone = set(expired)  # the previous flush's deletes are written by now (one flush at a time)
            writes: list = [(account.encode(), pack_account(offset, states[account]))
                            for account, offset in part.dirty.items()]
            writes.extend((account.encode(), None) for account in expired)
            result.expired += len(expired)
            result.accounts[p] = writes
            result.partitions[p] = [(str(p).encode(), orjson.dumps(part.state_doc()))]
            part.dirty.clear()
            part.changed = False
        return result

    def unflush(self, result: Flush) -> None:
        """A flush whose writes failed: its accounts are changed again (written next time)."""
        for p, writes in result.accounts.items():
            part = self.partitions.get(p)
            if part is None:
                continue  # revoked meanwhile: redone from the committed offsets by its next owner
            for key, value in writes:
                account = key.decode()
                if value is not None and account in part.applied:
                    part.dirty.setdefault(account, part.applied[account])
                elif value is None and account in part.gone:  # still stored: the next pass finds it again
                    part.gone.discard(account)
                    part.accounts += 1
            part.changed = True

    def evict(self) -> None:
        """Drop written states of partitions holding more than `state_cache` (they are read back
        from the table when their accounts come again)."""
        for part in self.partitions.values():
            states = part.stage.states
            if len(states) > self.state_cache and self.accounts_table is not None:
                dirty, applied = part.dirty, part.applied
                for account in [a for a in states if a not in dirty]:
                    del states[account]
                    applied.pop(account, None)

    def _sweep(self, part: AccountPartition, p: int) -> list[str]:
        """At a flush, once ACCOUNT_SWEEP_INTERVAL_S of the partition's event time has passed, the next stored
        accounts, `sweep_keys` per ACCOUNT_SWEEP_INTERVAL_S passed (resuming where the last sweep stopped,
        wrapping around), and the accounts changed since the last flush: those idle past the TTL
        at the partition's clock. Their next event would start afresh anyway
        (AccountStage.process), so dropping them changes nothing but the table's size."""
        stage = part.stage
        elapsed = stage.clock - part.swept_at
        if self.accounts_table is None or self.sweep_keys <= 0 or elapsed < ACCOUNT_SWEEP_INTERVAL_S:
            return []
        items = self.accounts_table.scan(p, part.sweep_from)
        if items is None:
            return []  # a store without a per-partition scan (the memory store of the tests)
        # `sweep_keys` per minute of event time since the last sweep (a flush may cover hours of
        # it while a backlog is read), at most SWEEP_CATCH_UP minutes' worth at once.
        budget = self.sweep_keys * int(min(SWEEP_CATCH_UP, elapsed // ACCOUNT_SWEEP_INTERVAL_S))
        part.swept_at = stage.clock
        if part.sweep_from is None:
            part.cycle_from = stage.clock
        clock, at = stage.clock, _OFFSET.size
        states, dirty = stage.states, part.dirty
        # Changed since the last flush, yet idle past the TTL by now: a flush may span days of
        # event time while a backlog is read. (Those not stored yet are no key for the scan.)
        expired = [a for a in dirty if a in states and stage.expired(clock - states[a].last_ts)]
        for account in expired:
            del dirty[account]
        stale = set(expired)
        examined, resume = 0, None
        for key, value in items:
            if examined == budget:
                resume = key
                break
            examined += 1
            account = key.decode()
            if account not in dirty and account not in stale and stage.expired(clock - AccountState.last_ts_of(value, at)):
                expired.append(account)
        part.sweep_from = resume
        if resume is None:  # a full pass: every state idle a TTL before its start is gone
            part.expired_through = part.cycle_from
        applied = part.applied
        for account in expired:
            states.pop(account, None)
            applied.pop(account, None)
        part.accounts -= len(expired)
        return expired

    @property
    def accounts(self) -> int:
        return sum(part.accounts for part in self.partitions.values())


@dataclass
class ClusterRuntime:
    """The cluster stage on the worker owning the internal topic's one partition."""

    partitions: int
    seed: int = 0
    stage: ClusterStage = field(init=False)
    sequencer: Sequencer = field(init=False)
    next_offset: int = 0  # of the internal topic: everything before it is applied
    items_applied: int = 0  # cluster-stage inputs applied so far (snapshots are due by count, too)
    late_counted: int = 0
    expired_counted: int = 0

    account_ttl_s: float = 604800.0
    account_volume_margin: float = DEFAULT_VOLUME_MARGIN
    account_critical_margin: float = DEFAULT_CRITICAL_MARGIN

    def __post_init__(self) -> None:
        self.stage = ClusterStage(seed=self.seed, account_ttl_s=self.account_ttl_s,
                                  account_volume_margin=self.account_volume_margin,
                                  account_critical_margin=self.account_critical_margin)
        self.sequencer = Sequencer(self.partitions)

    def apply(self, value: bytes, alerts: list, latencies: list | None = None) -> None:
        """One internal-topic record: queue its messages, feed what the watermark releases."""
        self.apply_doc(orjson.loads(value), alerts, latencies)

    def apply_doc(self, doc: dict, alerts: list, latencies: list | None = None) -> None:
        check_version("internal record", doc.get("v"), INTERNAL_RECORD_VERSION, INTERNAL_RECORD_OLDEST)
        sequencer = self.sequencer
        for p in doc.get("idle", ()):
            sequencer.mark_idle(p)
        for p in doc.get("active", ()):
            sequencer.mark_active(p)
        for p, items in doc.get("m", ()):
            self.items_applied += len(items)
            for offset, index, clock, produced_ms, wire in items:
                sequencer.push(p, clock, offset, index, from_wire(wire))
                if latencies is not None and index == 0:
                    latencies.append(produced_ms)
        self.stage.feed(sequencer.release(), alerts)

    def apply_items(self, p: int, items: list, alerts: list) -> None:
        """Items of partition `p` carrying stage messages, not wire lists (AccountRuntime with
        `wire=False`, in the same process): what `apply_doc` does, without the encoding."""
        push = self.sequencer.push
        self.items_applied += len(items)
        for offset, index, clock, _, message in items:
            push(p, clock, offset, index, message)
        self.stage.feed(self.sequencer.release(), alerts)

    def apply_records(self, records: Iterable[Any], alerts: list, latencies: list | None = None,
                      unreadable: list | None = None) -> None:
        """Internal-topic records (`.offset`, `.value`) in offset order; those before
        `next_offset` were applied already (a redelivery). A record that cannot be read is
        skipped (its offset appended to `unreadable`): it must not stop detection."""
        for record in records:
            if record.offset < self.next_offset:
                continue
            try:
                self.apply(record.value, alerts, latencies)
            except UnsupportedFormat:
                raise  # not skipped: a newer release wrote it
            except Exception:  # noqa: BLE001 - reported by the caller
                if unreadable is not None:
                    unreadable.append(record.offset)
            self.next_offset = record.offset + 1
