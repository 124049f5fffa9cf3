"""The Faust application: topics, tables, agents, web pages. Built by `create_app(settings)`.

    api-requests --account-stage--> hydrawatch-cluster-input --cluster-stage--> anomaly-alerts
         \\--> api-requests-dlq (undecodable input, unchanged, reason in headers)

* `account-stage` (one per input partition): micro-batches of events; per-account state in the
  `account-state` RocksDB table (changelogged), read once and written back once per batch; the
  partition's model catalog and event-time clock in `partition-state`. It sends what the cluster
  stage needs (link keys, account summaries) to the one-partition internal topic, stamped with
  the source partition, offset and clock.
* `cluster-stage` (whichever worker owns that one partition): `Sequencer` merges the partitions
  in event-time order (so 1 or N workers and `hydrawatch replay` feed it the same sequence),
  `ClusterStage` decides alerts. Its state is a pure function of the internal topic, which is
  kept whole: a new owner rebuilds it by reading the topic up to where it takes over, with sends
  suppressed (they were made by the previous owner; alert ids are deterministic anyway).

Agents are thin: decode, call `detectors/`, send. Exactly-once effects where it matters:
each account's state records the offset it has applied (a redelivered event is a no-op,
counted as `duplicate`), and the sequencer drops re-sent cluster messages by position.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib.metadata
import logging
import struct
import time
import weakref
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Iterable, Iterator

import faust
import faust.streams as faust_streams
import orjson
from aiohttp.web import Response
from faust.types import TP
from faust.web import Request, View
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from detectors.alerts import AlertEvent
from detectors.features import DAY_S, AccountState, AccountSummary, ModelCatalog
from detectors.population import DEFAULT_CRITICAL_MARGIN, DEFAULT_VOLUME_MARGIN
from detectors.sequencer import Sequencer
from detectors.stages import AccountStage, ClusterStage, from_wire, to_wire
from streams import kafka_security
from streams.decoder import Rejection, decode_message
from streams.metrics import PipelineMetrics
from streams.settings import Settings

log = logging.getLogger(__name__)

DLQ_REASON_HEADER = "hydrawatch-error"
MAX_ITEMS_PER_MESSAGE = 2000  # cluster-input messages stay far below the broker's 1 MB limit
_OFFSET = struct.Struct("<q")
GAP_REFETCH_S = 2.0  # an input gap open this long is read again (see refetch_gaps)
SWEEP_EVERY_S = 60.0  # event time between two expiry sweeps of a partition's stored accounts
VERSION = importlib.metadata.version("hydrawatch")  # the installed package (pyproject.toml)


def dead_letter_headers(rejection: Rejection, topic: str, partition: int, offset: int) -> list[tuple[str, bytes]]:
    """Headers carried by a DLQ record: the reason and where the original came from."""
    return [
        (DLQ_REASON_HEADER, rejection.header()),
        ("hydrawatch-error-code", rejection.code.encode()),
        ("hydrawatch-source", f"{topic}/{partition}/{offset}".encode()),
    ]


@contextlib.contextmanager
def table_partition_of(event: faust.types.EventT) -> Iterator[None]:
    """Faust's RocksDB tables read and write the partition of the task's "current event";
    in a micro-batch, point it at an event of the partition being written. Only the context
    variable is set: `Stream.current_event` belongs to take_events' background buffering
    (setting it there swaps events in the next batch)."""
    token = faust_streams._current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        faust_streams._current_event.reset(token)


def cluster_records(batch: dict[int, tuple[list, Any, Any]], rewake: Iterable[int] = ()) -> list[bytes]:
    """A micro-batch's cluster-stage items as internal-topic records, at most
    MAX_ITEMS_PER_MESSAGE items each. Every record first marks the batch's partitions (and
    `rewake`) active, so a partition waking from idle is waited for, not overtaken.

    >>> [orjson.loads(r) for r in cluster_records({3: ([[7, 0, 1.0, 0, ["x"]]], None, None), 5: ([], None, None)}, [1])]
    [{'active': [1, 3, 5], 'm': [[3, [[7, 0, 1.0, 0, ['x']]]]]}]
    """
    active = sorted({*batch, *rewake})
    records, chunk, size = [], [], 0
    for p in sorted(batch):
        items = batch[p][0]
        for start in range(0, len(items), MAX_ITEMS_PER_MESSAGE):
            part = items[start:start + MAX_ITEMS_PER_MESSAGE]
            if size + len(part) > MAX_ITEMS_PER_MESSAGE and chunk:
                records.append(orjson.dumps({"active": active, "m": chunk}))
                chunk, size = [], 0
            chunk.append([p, part])
            size += len(part)
    records.append(orjson.dumps({"active": active, "m": chunk}))
    return records


class InOrder:
    """Releases each input partition's messages in offset order, without gaps.

    Faust can hand a stream a message ahead of its predecessors: a message waiting for room in
    a full stream buffer when flow control clears the queues (worker start, rebalance) jumps
    the line (faust-streaming issues #221, #236). Applied as it came, an account's earlier event
    then looked like a redelivery (its state had moved past that offset) and was dropped, and
    its messages arrived behind the partition's newer ones: the kill -9 test lost events that
    way at restarts. So a message ahead of the next expected offset is held until the gap
    fills; one below it was processed already (a redelivery) and is skipped.

    >>> o = InOrder(); o.start("p", 10)
    >>> o.admit("p", 11, "b"), o.admit("p", 10, "a"), o.admit("p", 10, "a again"), o.next["p"]
    ([], ['a', 'b'], [], 12)
    >>> o.admit("p", 14, "e"), o.gaps()
    ([], {'p': (12, 1)})
    >>> o.skip_to("p", 14); o.admit("p", 14, "e, read again"), o.gaps()  # 12 and 13 hold no records
    (['e, read again'], {})
    """

    def __init__(self) -> None:
        self.next: dict[Any, int] = {}  # partition -> next offset to release
        self.held: dict[Any, dict[int, Any]] = {}  # partition -> offset -> item, ahead of a gap
        self.skipped = 0  # redeliveries of offsets already released
        self.reordered = 0  # messages that arrived ahead of a predecessor

    def started(self, tp: Any) -> bool:
        return tp in self.next

    def start(self, tp: Any, offset: int) -> None:
        """The next offset to release for `tp` (where the consumer was positioned)."""
        self.next[tp] = offset
        self.held.pop(tp, None)

    def forget(self, tps: Iterable[Any]) -> None:
        """After a rebalance the consumer starts again from the committed offsets."""
        for tp in tps:
            self.next.pop(tp, None)
            self.held.pop(tp, None)

    def admit(self, tp: Any, offset: int, item: Any) -> list:
        """Items now releasable for `tp`, in offset order."""
        expected = self.next[tp]
        if offset < expected:
            self.skipped += 1
            return []
        if offset > expected:
            held = self.held.setdefault(tp, {})
            if offset not in held:
                held[offset] = item
                self.reordered += 1
            return []
        out = [item]
        expected += 1
        held = self.held.get(tp)
        if held:
            held.pop(offset, None)  # an older copy, read before the partition was read again
        while held and expected in held:
            out.append(held.pop(expected))
            expected += 1
        self.next[tp] = expected
        return out

    def skip_to(self, tp: Any, offset: int) -> None:
        """Offsets before `offset` hold no records (transaction markers, or deleted by retention)."""
        if offset > self.next[tp]:
            self.next[tp] = offset

    def gaps(self) -> dict:
        """Partitions holding messages ahead of a gap: (next offset, messages held)."""
        return {tp: (self.next[tp], len(held)) for tp, held in self.held.items() if held}


def use_codecs(table: faust.Table, key: str, value: str) -> None:
    """Faust derives a table's codecs from its key/value types (json unless a Model), for the
    store and the changelog alike, ignoring the schema's; set them, and rebuild the changelog
    topic with them (recovery decodes through it and drops what it cannot decode)."""
    table.key_serializer, table.value_serializer = key, value
    table.changelog_topic = table._new_changelog_topic()


def pack_account(offset: int, state: AccountState) -> bytes:
    """Table value: the input offset last applied, then the state.

    >>> from detectors.features import EXAMPLE
    >>> s = AccountState.new(0.0, 86400.0); _ = s.update(EXAMPLE)
    >>> offset, back = unpack_account(pack_account(41, s)); offset, back.n_events
    (41, 1)
    """
    return _OFFSET.pack(offset) + state.to_bytes()


def unpack_account(data: bytes) -> tuple[int, AccountState]:
    return _OFFSET.unpack_from(data)[0], AccountState.from_bytes(data[_OFFSET.size:])


@dataclass
class AccountPartition:
    """One input partition's account stage on this worker: a cache over the tables."""

    stage: AccountStage
    applied: dict[str, int] = field(default_factory=dict)  # account -> offset applied (cached accounts)
    accounts: int = 0  # accounts with state in this partition
    sweep_from: bytes | None = None  # where the expiry sweep resumes in the partition's store
    swept_at: float = float("-inf")  # partition clock at the last sweep
    cycle_from: float = float("-inf")  # partition clock when the current pass over the store began
    expired_through: float = float("-inf")  # start of the last full pass: no state idle a TTL before it

    def state_doc(self) -> dict:
        return {"catalog": self.stage.catalog.to_dict(), "clock": self.stage.clock, "accounts": self.accounts}

    @classmethod
    def from_doc(cls, doc: dict | None, ttl_s: float) -> "AccountPartition":
        stage = AccountStage(ttl_s)
        part = cls(stage)
        if doc:
            stage.catalog = ModelCatalog.from_dict(doc["catalog"])
            stage.clock = doc["clock"] if doc["clock"] is not None else float("-inf")
            part.accounts = doc["accounts"]
        return part


class MetricsObserver:
    """Feeds scores from the cluster stage into Prometheus (see `ClusterStage.observer`)."""

    def __init__(self, metrics: PipelineMetrics) -> None:
        self.metrics = metrics
        self.top_accounts: dict[str, float] = {}

    def account_scored(self, previous: AccountSummary | None, s: AccountSummary, score: float,
                       flagged: bool) -> None:
        self.metrics.account_score.observe(score)
        if flagged:
            before = previous.n_events if previous is not None else 0
            tokens = max(0, s.n_events - before) * s.output_per_request
            self.metrics.harvested.labels("account").inc(tokens)
        top = self.top_accounts
        if score > 0.99 or len(top) < 10:
            top[s.account_id] = score
            if len(top) > 100:
                for account, _ in sorted(top.items(), key=lambda kv: kv[1])[:50]:
                    del top[account]

    def cluster_scored(self, cid: str, verdict: Any, members: list[AccountSummary], ts: float) -> None:
        self.metrics.cluster_score.observe(verdict.score)


@dataclass
class ClusterRuntime:
    """The cluster stage on the worker owning the internal topic's one partition."""

    partitions: int
    seed: int = 0
    stage: ClusterStage = field(init=False)
    sequencer: Sequencer = field(init=False)
    next_offset: int = 0  # of the internal topic: everything before it is applied
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
        doc = orjson.loads(value)
        sequencer = self.sequencer
        for p in doc.get("idle", ()):
            sequencer.mark_idle(p)
        for p in doc.get("active", ()):
            sequencer.mark_active(p)
        for p, items in doc.get("m", ()):
            for offset, index, clock, produced_ms, wire in items:
                sequencer.push(p, clock, offset, index, from_wire(wire))
                if latencies is not None and index == 0:
                    latencies.append(produced_ms)
        self.stage.feed(sequencer.release(), alerts)


@dataclass
class Runtime:
    """Per-process working set: caches over tables, metrics bookkeeping. Safe to lose."""

    settings: Settings
    metrics: PipelineMetrics
    partitions: dict[int, AccountPartition] = field(default_factory=dict)
    cluster: ClusterRuntime | None = None
    next_offsets: dict[TP, int] = field(default_factory=dict)
    last_event_wall: dict[int, float] = field(default_factory=dict)  # input partition -> wall time
    idle_sent: set[int] = field(default_factory=set)  # input partitions announced idle
    newest_event_ts: float = float("-inf")  # the watermark gauge's value
    done_offsets: dict[TP, int] = field(default_factory=dict)  # input: everything before is processed and written
    order: InOrder = field(default_factory=InOrder)  # input messages in offset order, per partition
    gap_seen: dict = field(default_factory=dict)  # input partition -> (next offset, wall time) of a held gap
    offset_checks: dict = field(default_factory=dict)  # done_offsets at the previous offset check
    admin: Any = None  # aiokafka admin client of check_committed_offsets


def offsets_to_commit(done: dict, believed: dict, stored: dict, previous: dict) -> dict:
    """Input offsets the worker commits itself: where the broker's stored offset has not caught up
    with what was already processed at the previous check (`previous`: `done` then), or is below
    what Faust believes it committed. A healthy Faust commits every few seconds, so neither
    happens; with Faust, both did (a commit failed in a rebalance and recorded anyway; after a
    restart, commits advancing an offset or two per cycle over duplicated acknowledgements).

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


def survive(timer: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
    """A Faust timer that raises stops the whole worker; log instead and try again next tick
    (a broker outage makes every Kafka call in a timer fail for a while)."""

    @functools.wraps(timer)
    async def run() -> None:
        try:
            await timer()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - next tick retries
            log.warning("%s failed, will retry: %r", timer.__name__, exc)

    return run


def quiet_libraries(level: str) -> None:
    """The worker's logging leaves the root logger at DEBUG and filters in the handlers, so
    every debug call in aiokafka's and Faust's per-message paths builds a LogRecord (about 10%
    of a worker's time); give their loggers the configured level, unless that is debug."""
    number = logging.getLevelName({"WARN": "WARNING", "CRIT": "CRITICAL"}.get(level.upper(), level.upper()))
    if not isinstance(number, int) or number <= logging.DEBUG:
        return
    for name in ("aiokafka", "faust", "mode", "kafka"):
        logging.getLogger(name).setLevel(number)


def tune_worker_consumer(app: faust.App, fetch_wait_s: float) -> None:
    """Two settings Faust fixes when it builds its worker consumer, set before it starts.

    * Fetch wait: Faust uses `fetch_max_wait_ms=1500`, not configurable. aiokafka keeps one fetch
      in flight per broker and leaves out partitions that still hold fetched records, so under a
      backlog the request in flight often covers only quiet partitions and the broker holds it
      the full wait: every partition stalls up to 1.5 s, again and again (decision latency p50
      ~3 s at 2,000 events/s in about half the benchmark runs). Set to `fetch_wait_s`.
    * Isolation: Faust reads `read_uncommitted` unless it runs its own transactions, so records of
      a gateway's aborted transactions would be applied. Set to `read_committed`: aborted records
      are never delivered, and only commit markers (offsets without a record) remain.

    The class is wrapped once; each app keeps its own values."""
    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

    app.hydrawatch_fetch_max_wait_ms = max(1, int(fetch_wait_s * 1000))  # type: ignore[attr-defined]
    create = AIOKafkaConsumerThread._create_worker_consumer
    if getattr(create, "__wrapped__", None) is not None:
        return

    @functools.wraps(create)
    def create_worker_consumer(self: Any, transport: Any) -> Any:
        consumer = create(self, transport)
        wait_ms = getattr(self.app, "hydrawatch_fetch_max_wait_ms", None)
        if wait_ms is not None:  # both read when the consumer starts
            consumer._fetch_max_wait_ms = wait_ms
            consumer._isolation_level = "read_committed"
        return consumer

    AIOKafkaConsumerThread._create_worker_consumer = create_worker_consumer


def flush_producer_fully() -> None:
    """Make Faust's producer flush wait for every buffered message.

    Table writes reach their changelog through Faust's producer buffer, and Faust flushes the
    producer before it commits input offsets: what a commit covers must be durable first. But
    `ProducerBuffer.flush` gives up as soon as one hand-over to aiokafka takes more than 0.1 s
    (a full send buffer, under a backlog), and it does not count the message being handed over.
    Offsets were then committed ahead of state still in the buffer, and a kill -9 lost those
    events' state for good (the restart begins after them; found by the kill -9 test). After
    this, a flush returns only when the buffer is empty and nothing is being handed over
    (patched once, on the class; the commit's aiokafka flush then covers the rest)."""
    from faust.transport.producer import ProducerBuffer

    if getattr(ProducerBuffer, "hydrawatch_full_flush", False):
        return
    hand_over = ProducerBuffer._send_pending

    async def send_pending(self: Any, fut: Any) -> None:
        self.hydrawatch_sending = getattr(self, "hydrawatch_sending", 0) + 1
        try:
            await hand_over(self, fut)
        finally:
            self.hydrawatch_sending -= 1

    async def flush(self: Any) -> None:
        while self.size or getattr(self, "hydrawatch_sending", 0):
            if self.state != "running":
                raise RuntimeError("Cannot flush: Producer not Running")
            self.message_sent.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.message_sent.wait(), timeout=0.1)

    ProducerBuffer._send_pending = send_pending
    ProducerBuffer.flush = flush
    ProducerBuffer.hydrawatch_full_flush = True


def create_app(settings: Settings, registry: CollectorRegistry | None = None) -> faust.App:
    """Build the worker's app from `settings` (no module-level state)."""
    quiet_libraries(settings.log_level)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app = faust.App(
        settings.app_id,
        broker=[f"kafka://{host}" for host in settings.kafka_bootstrap.split(",")],
        broker_credentials=kafka_security.faust_credentials(settings),
        store=settings.store,
        datadir=str(settings.data_dir),
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        web_bind=settings.web_bind,
        web_port=settings.web_port,
        consumer_auto_offset_reset="earliest",
        autodiscover=False,
        web_enabled=True,
        producer_max_request_size=4 * 1024 * 1024,
        stream_buffer_maxsize=max(4096, 2 * settings.batch_size),
        broker_max_poll_records=settings.batch_size,
        broker_session_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=min(3.0, settings.session_timeout_s / 3),
    )
    tune_worker_consumer(app, settings.fetch_max_wait_s)
    flush_producer_fully()
    metrics = PipelineMetrics(registry or CollectorRegistry(), settings.app_id, VERSION)
    runtime = Runtime(settings, metrics)
    app.hydrawatch_runtime = runtime  # type: ignore[attr-defined]
    observer = MetricsObserver(metrics)

    requests = app.topic(settings.input_topic, key_type=bytes, value_type=bytes, key_serializer="raw",
                         value_serializer="raw", partitions=settings.partitions)
    dead_letters = app.topic(settings.dlq_topic, key_type=bytes, value_type=bytes, key_serializer="raw",
                             value_serializer="raw", partitions=1)
    cluster_input = app.topic(settings.cluster_topic, key_type=bytes, value_type=bytes, key_serializer="raw",
                              value_serializer="raw", partitions=1, internal=False)
    alerts_topic = app.topic(settings.alerts_topic, key_type=bytes, value_type=bytes, key_serializer="raw",
                             value_serializer="raw")
    account_table = app.Table(
        "account-state", schema=faust.Schema(key_type=str, key_serializer="raw", value_type=bytes,
                                             value_serializer="raw"),
        partitions=settings.partitions, help="Per-account feature state (AccountState.to_bytes).",
    )
    partition_table = app.Table(
        "partition-state", schema=faust.Schema(key_type=str, key_serializer="raw", value_serializer="json"),
        partitions=settings.partitions, help="Per input partition: model catalog, event-time clock, accounts.",
    )
    use_codecs(account_table, key="raw", value="raw")
    use_codecs(partition_table, key="raw", value="json")
    app.hydrawatch_accounts = account_table  # type: ignore[attr-defined]

    def account_partition(p: int) -> AccountPartition:
        part = runtime.partitions.get(p)
        if part is None:
            part = runtime.partitions[p] = AccountPartition.from_doc(partition_table.get(str(p)),
                                                                         settings.account_ttl_s)
        return part

    @app.agent(requests, name="account-stage")
    async def account_stage(stream: faust.StreamT) -> None:
        async for events in stream.take_events(settings.batch_size, within=settings.batch_wait_s):
            started = time.perf_counter()
            wall = time.time()
            by_partition: dict[int, list] = {}
            events, held = await in_order(events)
            for event in events:
                message = event.message
                result = decode_message(message.key, message.value)
                if type(result) is Rejection:
                    await dead_letters.send(
                        key=message.key, value=message.value,
                        headers=dead_letter_headers(result, message.topic, message.partition, message.offset),
                    )
                    metrics.rejected(result)
                    log.warning("dead-lettered %s/%s/%s: %s", message.topic, message.partition, message.offset,
                                result.code)
                else:
                    by_partition.setdefault(message.partition, []).append((event, result))
                runtime.next_offsets[message.tp] = message.offset + 1
            # A partition waking from idle may be the first of many (traffic resuming after a
            # quiet spell): the others are waited for again until they prove quiet anew, or they
            # would be overtaken and their messages arrive late.
            rewake = ()
            if runtime.idle_sent and not runtime.idle_sent.isdisjoint(by_partition):
                rewake = sorted(runtime.idle_sent - by_partition.keys())
                for q in rewake:
                    runtime.last_event_wall[q] = wall
                runtime.idle_sent.clear()
            batch = {}
            for p, items in by_partition.items():
                with table_partition_of(items[-1][0]):
                    batch[p] = _account_batch(p, items, wall)
            # The cluster stage's input is delivered before the state that produced it is
            # written: after a crash, either both are there, or the events are redone and their
            # (identical, re-sent) messages are dropped by position. Never state without messages.
            for future in [await cluster_input.send(value=record) for record in cluster_records(batch, rewake)]:
                await future
            for p, (_, writes, doc) in batch.items():
                with table_partition_of(by_partition[p][-1][0]):
                    for account, value in writes:
                        account_table[account] = value
                    expired = _sweep(p)
                    for account in expired:
                        del account_table[account]  # a tombstone in the changelog too
                    if expired:
                        doc = runtime.partitions[p].state_doc()
                    partition_table[str(p)] = doc
            # Processed and written (the changelog is flushed before the offset check commits).
            runtime.done_offsets.update(runtime.next_offsets)
            for event in held:  # held back, now processed and written
                await stream.ack(event)
            if events:
                metrics.processing.observe((time.perf_counter() - started) / len(events))

    async def in_order(events: list, inputs: bool = True) -> tuple[list, list]:
        """`events` in offset order per partition, without gaps (see `InOrder`), and those of
        them that were held back (to acknowledge once processed); `inputs`: they are input
        events (redeliveries count as duplicate events)."""
        order = runtime.order
        skipped, reordered = order.skipped, order.reordered
        out: list = []
        held: list = []
        for event in events:
            message = event.message
            tp = message.tp
            if not order.started(tp):
                order.start(tp, await start_offset(tp, message.offset))
            before = order.reordered
            released = order.admit(tp, message.offset, event)
            if released:
                out.append(released[0])
                held.extend(released[1:])  # admit releases the arrival first, then what was held
                out.extend(released[1:])
            elif order.reordered > before:
                # Held: take_events acks its batch when the body returns, and Faust would then
                # commit past the missing offset (it reads a gap of one as none). One more
                # reference keeps it unacknowledged until it is processed.
                message.incref()
        if order.skipped > skipped and inputs:
            metrics.duplicate(order.skipped - skipped)  # redelivered (rebalance): processed already
        if order.reordered > reordered:
            metrics.reordered.inc(order.reordered - reordered)
        return out, held

    async def start_offset(tp: TP, first: int) -> int:
        """Where the consumer was positioned: the committed offset (Faust seeks there on each
        assignment), else the partition's first offset (a new group reads from the earliest)."""
        committed = app.consumer._committed_offset.get(tp)
        if committed is None:
            try:
                committed = (await group_offsets([tp])).get(tp)
            except Exception:  # the broker is away: the consumer starts where Faust says, or at `first`
                log.warning("input %s/%s: no committed offset known; starting at %d", tp.topic, tp.partition,
                            first, exc_info=True)
                return first
        if committed is not None:
            return committed
        with contextlib.suppress(Exception):
            earliest = (await app.consumer.earliest_offsets(tp)).get(tp)
            if earliest is not None and earliest <= first:
                return earliest
        return first

    def _account_batch(p: int, items: list, wall: float) -> tuple[list, list, dict]:
        """Run one partition's events through its account stage: (cluster-stage items, table
        writes, partition document); nothing is written here."""
        part = account_partition(p)
        stage, applied = part.stage, part.applied
        states = stage.states
        out: list = []
        wire: list = []
        dirty: dict[str, int] = {}
        accepted = duplicates = 0
        newest = float("-inf")
        lag = metrics.event_lag
        for event, result in items:
            account = result["account_id"]
            offset = event.message.offset
            if account not in states:
                raw = account_table.get(account)
                if raw is not None:
                    applied[account], states[account] = unpack_account(raw)
                else:
                    applied[account] = -1
                    part.accounts += 1
            if offset <= applied[account]:
                duplicates += 1  # redelivered after a restart: this account has applied it
                stage.replayed(result)  # the partition's clock may not have been stored with it
                continue
            if not stage.process(result, out):
                duplicates += 1  # the same event id again (the gateway re-sent it)
                applied[account] = offset
                dirty[account] = offset
                continue
            accepted += 1
            ts = result["ts_s"]
            newest = ts if ts > newest else newest
            lag.observe(wall - ts)
            applied[account] = offset
            dirty[account] = offset
            if out:
                produced_ms = event.message.timestamp
                produced_ms = int(produced_ms * 1000) if produced_ms else int(wall * 1000)
                clock = stage.clock
                for i, message in enumerate(out):
                    wire.append([offset, i, clock, produced_ms, to_wire(message)])
                out.clear()
        writes = [(account, pack_account(offset, states[account])) for account, offset in dirty.items()]
        doc = part.state_doc()
        if len(states) > settings.state_cache:  # everything is written through: safe to drop
            states.clear()
            applied.clear()
        runtime.last_event_wall[p] = wall
        metrics.accepted(accepted)
        if duplicates:
            metrics.duplicate(duplicates)
        if newest > runtime.newest_event_ts:
            runtime.newest_event_ts = newest
            metrics.event_time.set(newest)
        return wire, writes, doc

    def _sweep(p: int) -> list[str]:
        """Once per SWEEP_EVERY_S of the partition's event time, the next `sweep_keys` stored
        accounts of partition `p` (resuming where the last sweep stopped, wrapping around): those
        idle past the TTL at the partition's clock. Their next
        event would start afresh anyway (AccountStage.process), so dropping them changes nothing
        but the table's size. Reads the RocksDB store directly (Faust has no per-partition scan)."""
        part = runtime.partitions[p]
        stage = part.stage
        store = account_table.data
        if not hasattr(store, "_db_for_partition") or settings.sweep_keys <= 0:
            return []  # the memory store (tests): nothing to sweep
        if stage.clock - part.swept_at < SWEEP_EVERY_S:
            return []  # at most once a minute of event time: a few keys per event, not per batch
        part.swept_at = stage.clock
        if part.sweep_from is None:
            part.cycle_from = stage.clock
        db = store._db_for_partition(p)
        clock, offset_key, at = stage.clock, store.offset_key, _OFFSET.size
        expired: list[str] = []
        examined, resume = 0, None
        for key, value in db.items(from_key=part.sweep_from) if part.sweep_from else db.items():
            if examined == settings.sweep_keys:
                resume = key
                break
            examined += 1
            if key != offset_key and stage.expired(clock - AccountState.last_ts_of(value, at)):
                expired.append(key.decode())
        part.sweep_from = resume
        if resume is None:  # a full pass: every state idle a TTL before its start is gone
            part.expired_through = part.cycle_from
        if expired:
            states, applied = stage.states, part.applied
            for account in expired:
                states.pop(account, None)
                applied.pop(account, None)
            part.accounts -= len(expired)
            metrics.accounts_expired.labels("account-stage").inc(len(expired))
        return expired

    @app.agent(cluster_input, name="cluster-stage")
    async def cluster_stage(stream: faust.StreamT) -> None:
        async for events in stream.take_events(500, within=0.02):
            # In offset order too: a record overtaken inside a batch would otherwise be skipped
            # as applied (a kill -9 test run: the topic equal to replay's, the alerts not).
            events, held = await in_order(events, inputs=False)
            if not events:
                continue
            cluster = runtime.cluster
            if cluster is None:
                cluster = runtime.cluster = ClusterRuntime(
                    settings.partitions, account_ttl_s=settings.account_ttl_s,
                    account_volume_margin=settings.account_volume_margin,
                    account_critical_margin=settings.account_critical_margin)
            first = events[0].message.offset
            if cluster.next_offset < first:
                await _catch_up(cluster, first)
            cluster.stage.observer = observer
            alerts: list[AlertEvent] = []
            produced: list[int] = []
            for event in events:
                offset = event.message.offset
                if offset < cluster.next_offset:
                    continue  # redelivered after a rebalance: applied already
                try:
                    cluster.apply(event.message.value, alerts, latencies=produced)
                except Exception:  # an internal message we cannot read must not stop detection
                    log.exception("skipping unreadable %s offset %s", settings.cluster_topic, offset)
                cluster.next_offset = offset + 1
            now_ms = time.time() * 1000
            for produced_ms in produced:
                metrics.decision_latency.observe(max(0.0, now_ms - produced_ms) / 1000)
            late = cluster.sequencer.late_total
            metrics.sequencer_late.inc(late - cluster.late_counted)
            cluster.late_counted = late
            for alert in alerts:
                await alerts_topic.send(key=alert.entity_id.encode(), value=orjson.dumps(alert.to_dict()))
                metrics.alerts.labels(alert.scope, alert.severity, alert.status).inc()
            for event in held:
                await stream.ack(event)

    async def direct_consumer(**options: Any) -> Any:
        """A started aiokafka consumer outside the group (assign and seek it yourself)."""
        from aiokafka import AIOKafkaConsumer

        consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, enable_auto_commit=False,
                                    auto_offset_reset="earliest", **options, **kafka_security.aiokafka_options(settings))
        await consumer.start()
        return consumer

    async def _catch_up(cluster: ClusterRuntime, until: int) -> None:
        """Apply internal-topic records [next_offset, until) without sending: a new owner's rebuild."""
        from aiokafka import TopicPartition

        started = time.monotonic()
        tp = TopicPartition(settings.cluster_topic, 0)
        consumer = await direct_consumer(max_partition_fetch_bytes=8 * 1024 * 1024)
        applied = 0
        try:
            consumer.assign([tp])
            consumer.seek(tp, cluster.next_offset)
            discard: list = []
            while cluster.next_offset < until:
                batch = await consumer.getmany(tp, timeout_ms=1000, max_records=2000)
                for record in batch.get(tp, ()):
                    if record.offset >= until:
                        break
                    if record.offset >= cluster.next_offset:
                        try:
                            cluster.apply(record.value, discard)
                        except Exception:
                            log.exception("skipping unreadable %s offset %s", settings.cluster_topic, record.offset)
                        cluster.next_offset = record.offset + 1
                        applied += 1
                discard.clear()
                if not batch and await consumer.position(tp) >= until:
                    break
                await asyncio.sleep(0)
        finally:
            await consumer.stop()
        cluster.next_offset = max(cluster.next_offset, until)
        cluster.late_counted = cluster.sequencer.late_total  # counted by the previous owner
        cluster.expired_counted = cluster.stage.expired_accounts
        log.info("cluster stage rebuilt from %d internal records in %.1fs", applied, time.monotonic() - started)

    @app.timer(interval=settings.idle_after_s / 2)
    @survive
    async def announce_idle() -> None:
        """Caught-up, quiet input partitions stop holding the cluster stage's watermark."""
        assigned = [tp for tp in app.consumer.assignment() if tp.topic == settings.input_topic]
        if not assigned:
            return
        committed = getattr(app.consumer, "_committed_offset", {})
        now = time.time()
        quiet = [tp for tp in assigned if tp.partition not in runtime.idle_sent
                 and now - runtime.last_event_wall.setdefault(tp.partition, now) >= settings.idle_after_s]
        if not quiet:
            return
        # Ask the broker: the last fetch's highwater can be long stale when the worker is behind
        # (partitions with buffered records are not fetched), and a partition wrongly announced
        # idle is overtaken by the others: its next messages arrive late.
        ends = await app.consumer.highwaters(*quiet)
        idle = sorted(tp.partition for tp in quiet if tp.partition not in runtime.idle_sent
                      and ends.get(tp) is not None
                      and max(runtime.next_offsets.get(tp, 0), committed.get(tp) or 0) >= ends[tp])
        if idle:
            await cluster_input.send(value=orjson.dumps({"idle": idle}))  # one record for all
            runtime.idle_sent.update(idle)
            log.debug("input partitions %s idle", idle)

    @app.timer(interval=settings.commit_check_s)
    @survive
    async def check_committed_offsets() -> None:
        """Keep the group's stored input offsets up with what this worker has processed, when
        Faust's own commits fall behind by more than a check (see `offsets_to_commit`,
        docs/design.md "Offsets"); otherwise a restart would redo everything since, and anything
        reading group offsets would report lag that is not there."""
        consumer = app.consumer
        if app.rebalancing:
            return
        tps = [tp for tp in consumer.assignment() if tp.topic == settings.input_topic]
        if not tps:
            return
        stored = await group_offsets(tps)
        if app.rebalancing:
            return
        done = {tp: runtime.done_offsets[tp] for tp in tps if tp in runtime.done_offsets}
        believed = {tp: consumer._committed_offset.get(tp) for tp in tps}
        commits = offsets_to_commit(done, believed, stored, runtime.offset_checks)
        runtime.offset_checks = done
        if not commits:
            return
        await app.producer.flush()  # the changelog writes of what is committed go first
        log.warning("committing input offsets Faust did not: %s", {
            f"{tp.topic}/{tp.partition}": {"commit": offset, "faust": believed.get(tp), "stored": stored.get(tp),
                                           "acked_head": sorted(consumer._acked.get(tp, ()))[:3],
                                           "acked": len(consumer._acked.get(tp, ()))}
            for tp, offset in commits.items()})
        if await consumer._commit(commits):
            metrics.recommits.inc(len(commits))
            for tp, offset in commits.items():  # Faust goes on from here, never below it
                consumer._committed_offset[tp] = offset
                acked = consumer._acked.get(tp)
                if acked:
                    stale = [o for o in acked if o < offset]
                    acked[:] = sorted(set(o for o in acked if o >= offset))
                    consumer._acked_index[tp].difference_update(stale)

    async def group_offsets(tps: list) -> dict:
        """The group's committed offsets as the broker stores them (None where there is none)."""
        from aiokafka.structs import TopicPartition

        try:
            if runtime.admin is None:
                from aiokafka.admin import AIOKafkaAdminClient

                runtime.admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap,
                                                    **kafka_security.aiokafka_options(settings))
                await runtime.admin.start()
            held = await runtime.admin.list_consumer_group_offsets(
                settings.app_id, partitions=[TopicPartition(tp.topic, tp.partition) for tp in tps])
        except Exception:
            admin, runtime.admin = runtime.admin, None  # a fresh client next time (broker outage)
            if admin is not None:
                with contextlib.suppress(Exception):
                    await admin.close()
            raise
        stored = {}
        for tp in tps:
            meta = held.get(TopicPartition(tp.topic, tp.partition))
            stored[tp] = meta.offset if meta is not None and meta.offset >= 0 else None
        return stored

    @app.on_before_shutdown.connect
    async def close_admin(sender: Any, **kwargs: Any) -> None:
        if runtime.admin is not None:
            await runtime.admin.close()
            runtime.admin = None

    lag_series: set[tuple[str, str]] = set()

    @app.timer(interval=settings.gauge_interval_s)
    @survive
    async def refresh_gauges() -> None:
        """Consumer lag per assigned input partition, table sizes, cluster-stage gauges."""
        sources = {settings.input_topic, settings.cluster_topic}
        assigned = [tp for tp in app.consumer.assignment() if tp.topic in sources]
        owned = {tp.partition for tp in assigned if tp.topic == settings.input_topic}
        for p in [p for p in runtime.partitions if p not in owned]:
            del runtime.partitions[p]  # revoked: its state lives on in the tables
        runtime.idle_sent &= owned
        recovery = app.tables.recovery
        if recovery.completed.is_set() and not recovery.in_recovery and not app.rebalancing:
            for p in owned - set(runtime.partitions):
                account_partition(p)  # restored state, before this worker's first event there
        for labels in list(lag_series):
            if labels not in {(tp.topic, str(tp.partition)) for tp in assigned}:
                metrics.consumer_lag.remove(*labels)  # a partition moved to another worker
                lag_series.discard(labels)
        if assigned:
            highwaters = await app.consumer.highwaters(*assigned)
            committed = getattr(app.consumer, "_committed_offset", {})
            for tp in assigned:
                if tp.topic == settings.cluster_topic:
                    done = runtime.cluster.next_offset if runtime.cluster else 0
                else:
                    done = runtime.next_offsets.get(tp, 0)
                position = max(done, committed.get(tp) or 0)
                lag = max(0, (highwaters.get(tp) or 0) - position)
                metrics.consumer_lag.labels(tp.topic, str(tp.partition)).set(lag)
                lag_series.add((tp.topic, str(tp.partition)))
        accounts = sum(part.accounts for part in runtime.partitions.values())
        metrics.accounts_tracked.set(accounts)
        if runtime.partitions:  # read with the sizes above, so the pair is consistent
            metrics.expiry_event_time.labels("account-stage").set(
                max(0.0, min(part.expired_through for part in runtime.partitions.values())))
        metrics.table_keys.labels("account-state").set(accounts)
        metrics.table_keys.labels("partition-state").set(len(runtime.partitions))
        cluster = runtime.cluster
        if cluster is not None:
            publish_cluster_gauges(metrics, observer, cluster)

    @app.on_partitions_revoked.connect
    async def forget_revoked_state(sender: Any, revoked: Iterable[TP], **kwargs: Any) -> None:
        """A revoked partition may be processed by another worker before it comes back here:
        its cached account states would then be stale. Dropped at once (Faust has flushed the
        changelog by now), not at the next gauge refresh; re-read from the restored tables."""
        for tp in revoked:
            if tp.topic == settings.input_topic:
                runtime.partitions.pop(tp.partition, None)

    @app.on_partitions_assigned.connect
    async def count_rebalance(sender: Any, assigned: Iterable[TP], **kwargs: Any) -> None:
        metrics.rebalances.inc()
        # Faust positions every assigned partition at its committed offset again.
        runtime.order.forget(list(runtime.order.next))
        runtime.gap_seen.clear()

    @app.timer(interval=1.0)
    @survive
    async def refetch_gaps() -> None:
        """A gap that stays open means Faust will not deliver the missing messages by itself
        (they were dropped, not just overtaken): read the partition again from the gap."""
        now = time.time()
        gaps = runtime.order.gaps()
        for tp in [tp for tp in runtime.gap_seen if tp not in gaps]:
            del runtime.gap_seen[tp]
        for tp, (offset, held) in gaps.items():
            seen = runtime.gap_seen.get(tp)
            if seen is None or seen[0] != offset:
                runtime.gap_seen[tp] = (offset, now)
            elif now - seen[1] >= GAP_REFETCH_S and not app.rebalancing:
                existing = await first_record_at(tp, offset)
                if existing is not None and existing > offset:
                    # No record there (transaction markers, or deleted by retention): go on from
                    # the first one that exists, read again so that it is delivered in order.
                    log.warning("input %s/%s: offsets %d-%d hold no records; going on from %d", tp.topic,
                                tp.partition, offset, existing - 1, existing)
                    runtime.order.skip_to(tp, existing)
                    offset = existing
                else:
                    log.warning("input %s/%s: offset %d missing for %.0fs with %d later messages held; "
                                "reading the partition again from it", tp.topic, tp.partition, offset,
                                now - seen[1], held)
                await app.consumer.seek(tp, offset)
                runtime.gap_seen[tp] = (offset, now)

    async def first_record_at(tp: TP, offset: int) -> int | None:
        """The offset of the first record at or after `offset` in `tp`, read from the broker."""
        from aiokafka import TopicPartition

        consumer = await direct_consumer()
        try:
            part = TopicPartition(tp.topic, tp.partition)
            consumer.assign([part])
            consumer.seek(part, offset)
            records = (await consumer.getmany(part, timeout_ms=2000, max_records=1)).get(part)
            return records[0].offset if records else None
        finally:
            await consumer.stop()

    @app.page("/metrics")
    async def prometheus_metrics(self: View, request: Request) -> Response:
        return Response(body=generate_latest(metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST})

    @app.page("/offsets")
    async def offsets_view(self: View, request: Request) -> Any:
        """Per assigned input partition: processed (`done`), Faust's committed belief and
        acknowledgement state, the last stored offset seen by the offset check."""
        consumer = app.consumer
        rows = {}
        for tp in sorted(consumer.assignment()):
            if tp.topic != settings.input_topic:
                continue
            acked = consumer._acked.get(tp, ())
            rows[str(tp.partition)] = {
                "done": runtime.done_offsets.get(tp), "faust_committed": consumer._committed_offset.get(tp),
                "acked": len(acked), "acked_head": sorted(acked)[:3], "highwater": consumer.highwater(tp),
                "done_at_last_check": runtime.offset_checks.get(tp)}
        return self.json({"topic": settings.input_topic, "rebalancing": bool(app.rebalancing), "partitions": rows})

    @app.page("/accounts/{account_id}")
    @app.table_route(table=account_table, match_info="account_id")
    async def account_view(self: View, request: Request, account_id: str) -> Any:
        raw = account_table.get(account_id)
        if raw is None:
            return self.json({"account_id": account_id, "found": False}, status=404)
        offset, state = unpack_account(raw)
        summary = state.summary(account_id)
        return self.json({"account_id": account_id, "found": True, "offset": offset,
                          "n_events": state.n_events, "summary": _plain(summary)})

    return app


def _plain(summary: AccountSummary) -> dict:
    return {name: getattr(summary, name) for name in AccountSummary.__dataclass_fields__}


def publish_cluster_gauges(metrics: PipelineMetrics, observer: MetricsObserver, cluster: ClusterRuntime) -> None:
    """Clusters tracked, open incidents, the top-10 clusters and accounts (stale series removed)."""
    stage = cluster.stage
    graph = stage.graph
    now = stage.watermark
    live = {c.cluster_id: c for c in graph.clusters(stage.scorer.min_size)}
    metrics.clusters_tracked.set(len(live))
    metrics.cluster_stage_accounts.set(len(stage.members))
    metrics.expiry_event_time.labels("cluster-stage").set(max(0.0, stage.expired_through))
    metrics.accounts_expired.labels("cluster-stage").inc(stage.expired_accounts - cluster.expired_counted)
    cluster.expired_counted = stage.expired_accounts
    metrics.sequencer_pending.set(cluster.sequencer.pending)
    for scope, incidents in (("cluster", stage.incidents), ("account", stage.account_incidents)):
        counts = {"warning": 0, "critical": 0}
        for inc in incidents.incidents.values():
            if inc.open:
                counts[inc.severity] += 1
        for severity, n in counts.items():
            metrics.alerts_firing.labels(scope, severity).set(n)
    rows = []
    scored = [(cid, v) for cid, v in stage.verdicts.items() if cid in live]
    for cid, verdict in sorted(scored, key=lambda kv: (-kv[1].score, kv[0]))[:10]:
        members = [stage.members[a] for a in live[cid].members if a in stage.members]
        tokens = sum(m.output_per_request * m.rate_1d for m in members)
        new = sum(1 for m in members if now - m.first_ts < DAY_S)
        rows.append((cid, (verdict.score, len(members), tokens, new / len(members) if members else 0.0)))
    metrics.top_clusters.show(rows)
    top = sorted(observer.top_accounts.items(), key=lambda kv: -kv[1])[:10]
    metrics.top_accounts.show([(account, (score,)) for account, score in top])
