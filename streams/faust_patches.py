"""Everything hydrawatch does inside Faust's private parts, in one module, read on one version.

No other module of `streams/` touches a Faust attribute whose name starts with `_`; this one
does, on faust-streaming FAUST_VERSION exactly (pinned in pyproject.toml, checked by `install`),
and tests/unit/streams/test_faust_patches.py holds each piece to its behaviour.

* **Batch delivery.** Faust hands agents one message at a time: per message a queue put and get,
  a `wait_first`, sensors and task wake-ups, about 0.04x of a bare aiokafka loop. `BatchConsumer`
  delivers, for the topics in `Transport.batch_topics`, one `BatchMessage` per fetched partition
  batch instead. Faust still owns group membership, assignment, generations, offset commits,
  changelogs and table recovery; other topics (the tables' changelogs) keep the per-message
  path. A batch stands for an offset range `[first, offset]`: `first` chains on from where the
  partition's previous batch ended (or the committed offset), so offsets without records
  (transaction markers, compaction, retention) inside or before a batch are covered too.
  The batch topics are declared with acks off: Faust's streams never acknowledge a batch (its
  compiled stream iterator would record only the last offset). The agent `acknowledge`s a batch
  once its effects are made, and the range becomes committable, whole, only once `release`d: the
  worker releases batches after writing the state they changed. A batch of an older consumer
  generation is never counted (its partition may have moved: redone from the committed offset).
* **Fetch settings** Faust fixes (`ConsumerThread`): the fetch wait (1.5 s) and the isolation
  level (`read_uncommitted`: records of aborted transactions would be applied); and aiokafka's
  one fetch size for every partition (`fetch_sizes_by_topic`: the internal topic's large
  records need more).
* **A producer flush that waits for everything** (`FullFlushBuffer`).
* **Raw table access** (`TableStore`): reads from one partition's store, and bulk writes, the
  store and the changelog at once, in place of one `Table.__setitem__` per key (~170 us each).
* **A batch the client cannot read** (a CRC that does not match, a codec it lacks, bytes it
  cannot parse) makes aiokafka raise from every `getmany` after it, and drop the records fetched
  before it with the exception: Faust crashes, and a restart meets the same batch (a crash loop).
  `GuardedPartitionRecords` ends the partition's records where that batch begins instead and
  reports it (`Unreadable`); `BatchConsumer` pauses the partition there and hands the report to
  `Transport.on_unreadable`. Nothing at or after the batch is delivered or committed.
* **A deadline on stopping** (`stop_deadline`): mode's worker, on SIGTERM or SIGINT, stops its
  services in order, and with the broker gone the consumer's and producer's stops wait on it
  (more than 25 s measured). A stop still running after the deadline ends the process: what it
  had not committed is redone from the committed offsets, as after kill -9.
* **Offset bookkeeping** for the worker's commit check and its /offsets page.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import os
import threading
from typing import Any, Awaitable, Callable, Iterable, Iterator, Mapping, NamedTuple

import aiokafka
import faust
import mode
from aiokafka import errors as aiokafka_errors
from aiokafka.consumer import fetcher as aiokafka_fetcher
from faust.transport.consumer import CONSUMER_FETCHING
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.transport.producer import ProducerBuffer
from faust.types import TP, ConsumerMessage
from faust.types.tuples import ack_lock
from mode.utils.futures import notify

log = logging.getLogger(__name__)

FAUST_VERSION = "0.15.3"
AIOKAFKA_SERIES = "0.14."  # pyproject.toml pins >=0.14,<0.15

UNREADABLE_REASONS = ("crc_mismatch", "unsupported_codec", "unreadable")


class Unreadable(NamedTuple):
    """A fetched record batch the client could not read: where it begins, and why."""

    tp: TP
    offset: int
    reason: str  # one of UNREADABLE_REASONS
    detail: str


def unreadable_reason(exc: BaseException) -> str:
    """The bounded label for why a batch could not be read.

    >>> unreadable_reason(aiokafka_errors.CorruptRecordException("Invalid CRC"))
    'crc_mismatch'
    """
    if isinstance(exc, aiokafka_errors.CorruptRecordException):
        return "crc_mismatch"
    if isinstance(exc, aiokafka_errors.UnsupportedCodecError):
        return "unsupported_codec"
    return "unreadable"


class GuardedPartitionRecords(aiokafka_fetcher.PartitionRecords):
    """aiokafka's records of one fetched partition that end before a batch they cannot read
    (see the module docstring). `found` is read by the consumer's fetch loop (another thread
    appends to it; deque appends and pops are atomic)."""

    found: collections.deque = collections.deque(maxlen=1024)

    def _unpack_records(self) -> Iterator[Any]:
        try:
            yield from super()._unpack_records()
        except Exception as exc:  # noqa: BLE001 - whatever the batch is, it must not stop the worker
            # next_fetch_offset: past the last record delivered, i.e. where the bad batch begins
            self.found.append(Unreadable(TP(self._tp.topic, self._tp.partition), self.next_fetch_offset,
                                         unreadable_reason(exc), f"{type(exc).__name__}: {exc}"[:300]))


class BatchMessage(ConsumerMessage):
    """One fetched batch of one partition. `records`: aiokafka records in offset order;
    `first`..`offset`: the offset range it stands for (`offset` is the last record's, or, for a
    range that holds no record, such as a transaction's commit marker, its last offset)."""

    __slots__ = ("records", "first")

    def __init__(self, tp: TP, records: list, first: int, generation_id: int | None, last: int | None = None) -> None:
        end = records[-1] if records else None
        super().__init__(tp.topic, tp.partition, end.offset if end else last, (end.timestamp or 0) / 1000.0 if end else 0.0,
                         end.timestamp_type if end else 0, None, None, b"", None, 0,
                         sum(r.serialized_value_size for r in records), tp, generation_id=generation_id)
        self.records = records
        self.first = first


class BatchConsumer(faust_aiokafka.Consumer):
    """Faust's aiokafka consumer, delivering batch topics one fetched partition batch at a time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._batch_next: dict[TP, int] = {}  # partition -> first offset of its next batch
        self.acknowledged: list = []  # processed batches not yet released (see `acknowledge`)

    def _new_consumer_thread(self) -> "ConsumerThread":
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)

    async def _drain_messages(self, fetcher: Any) -> None:  # pragma: no cover - run by the integration tests
        """Faust's fetch loop (Consumer._drain_messages), delivering batches."""
        consumer_stopped, fetcher_stopped = self._stopped.is_set, fetcher._stopped.is_set
        try:
            while not (consumer_stopped() or fetcher_stopped()):
                self.diag.set_flag(CONSUMER_FETCHING)
                try:
                    records, active = await self._wait_next_records(1.0)
                    await self.sleep(0)
                    if records is None or self.should_stop:
                        continue
                    if not self.flow_active:  # as Faust's getmany: read again from the committed offsets
                        with contextlib.suppress(Exception):
                            await self.perform_seek()
                        continue
                    if records:
                        await self.deliver(records, active)
                    await self.deliver_recordless(active)
                    if GuardedPartitionRecords.found:  # after delivering the records before the batch
                        self.pause_unreadable()
                finally:
                    self.diag.unset_flag(CONSUMER_FETCHING)
        except self.consumer_stopped_errors:
            if self.transport.app.should_stop:
                return
            raise
        except asyncio.CancelledError:
            if self.transport.app.should_stop:
                return
            raise

    def pause_unreadable(self) -> None:
        """Pause each partition where an unreadable batch begins, and report it."""
        found = GuardedPartitionRecords.found
        while found:
            unreadable = found.popleft()
            if unreadable.tp in self.assignment():
                self.pause_partitions([unreadable.tp])
                if self.transport.on_unreadable is not None:
                    self.transport.on_unreadable(unreadable)

    async def deliver(self, records: Mapping[TP, list], active: set | None) -> None:
        """Hand fetched records to the conductor: a `BatchMessage` per partition of a batch
        topic, one message per record (with Faust's gap bookkeeping) otherwise."""
        generation = self.app.consumer_generation_id
        batch_topics = self.transport.batch_topics
        for tp, fetched in records.items():
            if not self.flow_active or self.app.consumer_generation_id != generation:
                break  # a rebalance: the rest is read again from the committed offsets
            if active is not None and tp not in active and tp not in self._buffered_partitions:
                continue
            self.app.monitor.track_tp_end_offset(tp, self.highwater(tp))
            if tp.topic in batch_topics:
                message = self.batch_message(tp, fetched, generation)
                if message is not None:
                    await self._hand_over(message)
                continue
            for record in fetched:
                offset, read = record.offset, self._read_offset[tp]
                if read is not None and offset < read:
                    continue
                if read and offset - read > 1 and self.app.topics.acks_enabled_for(tp.topic):
                    await self._add_gap(tp, read + 1, offset)
                await self._hand_over(self._to_message(tp, record))

    async def deliver_recordless(self, active: set | None) -> None:
        """Offsets the client read past without a record (a transaction's commit or abort marker
        after the last record, aborted records) become an empty batch: committed like the rest,
        so lag reaches 0 and a quiet partition can be announced idle."""
        batch_topics = self.transport.batch_topics
        generation = self.app.consumer_generation_id
        for tp in self.assignment():
            if tp.topic not in batch_topics or (active is not None and tp not in active):
                continue
            start = self._batch_next.get(tp, self._committed_offset.get(tp))
            if start is None:
                continue
            position = self.fetch_position(tp)
            if position is not None and position > start and self.flow_active:
                self._batch_next[tp] = position
                await self._hand_over(BatchMessage(tp, [], start, generation, last=position - 1))

    def fetch_position(self, tp: TP) -> int | None:
        """Where the client reads `tp` next (past records and markers it has handed over)."""
        consumer = self._thread._consumer
        if consumer is None:
            return None
        assignment = consumer._subscription.subscription.assignment if consumer._subscription.subscription else None
        if assignment is None or tp not in assignment.tps:
            return None
        state = assignment.state_value(tp)
        return state.position if state.has_valid_position else None

    def batch_message(self, tp: TP, fetched: list, generation: int | None) -> BatchMessage | None:
        """The batch of `fetched` records, its range chained on from the previous batch."""
        first_record = fetched[0].offset
        start = self._batch_next.get(tp)
        if start is None:  # after an assignment or seek: from the committed offset
            committed = self._committed_offset.get(tp)
            start = committed if committed is not None and committed <= first_record else first_record
        elif first_record < start:  # read again from further back (the client reset its position)
            start = first_record
        self._batch_next[tp] = fetched[-1].offset + 1
        return BatchMessage(tp, fetched, start, generation)

    async def _hand_over(self, message: Any) -> None:
        if self._commit_every is not None and self._n_acked >= self._commit_every:
            self._n_acked = 0
            await self.commit()
        await self.wait_first(self.callback(message), self.suspend_flow.wait())
        self._read_offset[message.tp] = message.offset

    def ack(self, message: Any) -> bool:
        """Faust's acknowledgement never records a batch (its topics are declared with acks off,
        and the compiled stream iterator would record only its last offset); see `acknowledge`."""
        if type(message) is BatchMessage:
            return False
        return super().ack(message)

    def acknowledge(self, message: BatchMessage) -> bool:
        """The agent has made the batch's effects. Its range becomes committable only once
        `release`d (after the state it changed is written): until then it waits in
        `acknowledged`, out of Faust's sight. A batch of an older generation is not counted."""
        with ack_lock:
            if message.generation_id != self.app.consumer_generation_id:
                return False
            self.acknowledged.append((message.tp, message.first, message.offset, message.generation_id))
            return True

    def take_acknowledged(self) -> list:
        """The batches acknowledged since the last call: [(tp, first, last, generation)]."""
        with ack_lock:
            taken, self.acknowledged = self.acknowledged, []
            return taken

    def unrelease(self, ranges: list) -> None:
        """`ranges` taken by `take_acknowledged` whose state could not be written: back in front."""
        with ack_lock:
            self.acknowledged[:0] = ranges

    def release(self, ranges: list) -> dict[TP, int]:
        """Make `ranges` (from `take_acknowledged`) committable; those of an older generation
        are dropped (their partitions were reassigned since: redone from the committed offset).
        Returns, per partition, the offset after the last range released."""
        done: dict[TP, int] = {}
        with ack_lock:
            generation = self.app.consumer_generation_id
            assigned = self.assignment()
            for tp, first, last, batch_generation in ranges:
                if batch_generation != generation or tp not in assigned:
                    continue
                committed = self._committed_offset.get(tp)
                start = first if committed is None else max(first, committed)
                index = self._acked_index[tp]
                offsets = range(start, last + 1)
                if not index.isdisjoint(offsets):
                    offsets = [o for o in offsets if o not in index]
                if offsets:
                    index.update(offsets)
                    self._acked[tp].extend(offsets)
                    self._n_acked += 1
                done[tp] = max(done.get(tp, 0), last + 1)
            notify(self._waiting_for_ack)
        return done

    async def wait_empty(self) -> None:
        """Faust waits here for its streams before a final commit (stopping, or partitions
        revoked); `Transport.on_drained` then writes what they processed, and it is committed."""
        await super().wait_empty()
        drained = self.transport.on_drained
        if drained is not None and not self.app.client_only:
            try:
                await drained()
            except Exception as exc:  # noqa: BLE001 - redone from the committed offsets by the next owner
                self.log.warning("writing processed state before the final commit failed: %r", exc)
            else:
                await self.commit()

    def forget_batches(self, tps: Iterable[TP] | None = None) -> None:
        """The next batch of `tps` (all when None) starts from the committed offset again."""
        if tps is None:
            self._batch_next.clear()
        for tp in tps or ():
            self._batch_next.pop(tp, None)

    async def on_partitions_revoked(self, revoked: set) -> None:
        self.forget_batches(revoked)
        with ack_lock:  # their state was not written: the next owner redoes them
            self.acknowledged = [a for a in self.acknowledged if a[0] not in revoked]
        await super().on_partitions_revoked(revoked)

    async def on_partitions_assigned(self, assigned: set, generation_id: int = 0) -> None:
        self.forget_batches()
        await super().on_partitions_assigned(assigned, generation_id)

    async def perform_seek(self) -> None:
        self.forget_batches()
        await super().perform_seek()

    async def seek(self, partition: TP, offset: int) -> None:
        self.forget_batches([partition])
        await super().seek(partition, offset)


class ConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    """Two settings Faust fixes when it builds its worker consumer.

    * Fetch wait: Faust uses `fetch_max_wait_ms=1500`. aiokafka keeps one fetch in flight per
      broker and leaves out partitions that still hold fetched records, so under a backlog the
      request in flight often covers only quiet partitions and the broker holds it the full
      wait: every partition stalls up to 1.5 s, again and again. Set to the transport's.
    * Isolation: `read_committed`, so records of a gateway's aborted transactions are never
      delivered (Faust reads `read_uncommitted` unless it runs transactions itself)."""

    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = transport.fetch_max_wait_ms  # read when the consumer starts
        consumer._isolation_level = "read_committed"
        sizes = dict(transport.fetch_bytes_by_topic)
        if sizes:
            start = consumer.start

            async def start_with_fetch_sizes() -> None:
                await start()  # the fetcher exists from here on
                fetch_sizes_by_topic(consumer._fetcher, sizes)

            consumer.start = start_with_fetch_sizes
        return consumer


def fetch_sizes_by_topic(fetcher: Any, sizes: Mapping[str, int]) -> None:
    """Let aiokafka's `fetcher` fetch up to `sizes[topic]` bytes per partition of those topics.

    aiokafka asks for the same bytes (1 MiB) from every partition, and under a backlog fetches
    only partitions whose fetched records are used up. The internal topic's records are large
    (up to 2,000 cluster-stage items each, ~300 KB): 1 MiB brought the cluster stage one to three
    records per fetch, while the account stage sent it hundreds, and the cluster stage fell
    minutes behind while a worker read a backlog."""
    actions = fetcher._get_actions_per_node

    def get_actions_per_node(assignment: Any) -> Any:
        result = actions(assignment)
        for _, request in result[0]:
            for topic, partitions in request.topics:
                size = sizes.get(topic)
                if size:
                    partitions[:] = [(partition, position, size) for partition, position, _ in partitions]
        return result

    fetcher._get_actions_per_node = get_actions_per_node


class FullFlushBuffer(ProducerBuffer):
    """A producer flush that waits for every buffered message.

    Faust flushes the producer before it commits input offsets, but `ProducerBuffer.flush`
    gives up as soon as one hand-over to aiokafka takes more than 0.1 s (a full send buffer,
    under a backlog), and does not count the message being handed over. Offsets were then
    committed ahead of changelog writes still in the buffer, and a kill -9 lost them."""

    sending = 0

    async def _send_pending(self, fut: Any) -> None:
        self.sending += 1
        try:
            await super()._send_pending(fut)
        finally:
            self.sending -= 1

    async def flush(self) -> None:
        while self.size or self.sending:
            if self.state != "running":
                raise RuntimeError("Cannot flush: Producer not Running")
            self.message_sent.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.message_sent.wait(), timeout=0.1)


class Producer(faust_aiokafka.Producer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        buffer = FullFlushBuffer(loop=self.loop, beacon=self.beacon)
        buffer.app = self.app
        self.buffer = buffer


class Transport(faust_aiokafka.Transport):
    Consumer = BatchConsumer
    Producer = Producer
    batch_topics: frozenset[str] = frozenset()
    fetch_max_wait_ms = 1500
    fetch_bytes_by_topic: Mapping[str, int] = {}  # per-partition fetch size where not aiokafka's 1 MiB
    on_drained: Callable[[], Awaitable[None]] | None = None  # see BatchConsumer.wait_empty
    on_unreadable: Callable[[Unreadable], None] | None = None  # see BatchConsumer.pause_unreadable


def install(app: faust.App, batch_topics: Iterable[str], fetch_wait_s: float,
            fetch_bytes_by_topic: Mapping[str, int] | None = None) -> None:
    """Give `app` the transport above; call right after creating the app."""
    if faust.__version__ != FAUST_VERSION:
        raise RuntimeError(f"streams/faust_patches.py was written and tested against faust-streaming "
                           f"{FAUST_VERSION}, found {faust.__version__}: install the pinned version")
    if not aiokafka.__version__.startswith(AIOKAFKA_SERIES):
        raise RuntimeError(f"streams/faust_patches.py was written and tested against aiokafka "
                           f"{AIOKAFKA_SERIES}x, found {aiokafka.__version__}: install the pinned version")
    aiokafka_fetcher.PartitionRecords = GuardedPartitionRecords  # the fetcher builds them by this name
    transport = Transport(app.conf.broker_consumer, app)
    transport.batch_topics = frozenset(batch_topics)
    transport.fetch_max_wait_ms = max(1, int(fetch_wait_s * 1000))
    transport.fetch_bytes_by_topic = dict(fetch_bytes_by_topic or {})
    app.transport = transport


def stop_deadline(seconds: float) -> None:
    """Make every mode worker of this process exit at most `seconds` after a stop signal."""
    schedule = mode.Worker._schedule_shutdown
    if getattr(schedule, "deadline", None) is not None:
        schedule = schedule.wrapped  # installed before: replace the deadline

    def schedule_with_deadline(self: Any, signum: Any) -> None:
        if not self._signal_stop_time:  # the first stop signal
            timer = threading.Timer(seconds, _exit_after_deadline, args=(signum, seconds))
            timer.daemon = True
            timer.start()
        schedule(self, signum)

    schedule_with_deadline.deadline = seconds  # type: ignore[attr-defined]
    schedule_with_deadline.wrapped = schedule  # type: ignore[attr-defined]
    mode.Worker._schedule_shutdown = schedule_with_deadline


def _exit_after_deadline(signum: Any, seconds: float) -> None:
    log.error("still stopping %.0f s after %s (is the broker down?): exiting now; anything not committed is "
              "redone from the committed offsets by the next worker", seconds, getattr(signum, "name", signum))
    logging.shutdown()
    os._exit(1)


def use_codecs(table: faust.Table, key: str, value: str) -> None:
    """Faust derives a table's codecs from its key/value types, for the store and the changelog
    alike, ignoring the schema's; set them, and rebuild the changelog topic with them."""
    table.key_serializer, table.value_serializer = key, value
    table.changelog_topic = table._new_changelog_topic()


class TableStore:
    """Raw bytes of one changelogged table, partition by partition, outside Faust's per-key path.

    Faust's `Table.__setitem__` stores one key and sends one changelog record, each with its own
    future and callback (~170 us). `write` does a batch: one RocksDB WriteBatch and the changelog
    records sent together, awaited, then the store's persisted changelog offset (where recovery
    resumes). The changelog stays the truth: Faust recovers and replicates the table from it."""

    def __init__(self, app: faust.App, table: faust.Table) -> None:
        self.app, self.table = app, table

    @property
    def rocksdb(self) -> bool:
        return hasattr(self.table.data, "_db_for_partition")

    def get(self, partition: int, key: bytes) -> bytes | None:
        store = self.table.data
        if self.rocksdb:
            return store._db_for_partition(partition).get(key)
        return store.data.get(key)  # the memory store (tests): one dict for all partitions

    async def write(self, partition: int, items: list[tuple[bytes, bytes | None]]) -> int:
        """Store and changelog `items` (value None: delete); bytes sent to the changelog. The
        records go in as whole record batches (aiokafka's batch API): one produce request per
        batch, not one send per key."""
        if not items:
            return 0
        producer, topic = self.app.producer._ensure_producer(), self.table.changelog_topic.get_topic_name()
        sent, batch, count = [], producer.create_batch(), 0
        for key, value in items:
            if batch.append(key=key, value=value, timestamp=None) is None:  # full
                sent.append((await producer.send_batch(batch, topic, partition=partition), count))
                batch, count = producer.create_batch(), 0
                batch.append(key=key, value=value, timestamp=None)
            count += 1
        sent.append((await producer.send_batch(batch, topic, partition=partition), count))
        last = -1
        for future, n in sent:
            last = max(last, (await future).offset + n - 1)
        store = self.table.data
        if self.rocksdb:
            from rocksdict import WriteBatch

            writes = WriteBatch(raw_mode=True)
            for key, value in items:
                if value is None:
                    writes.delete(key)
                else:
                    writes.put(key, value)
            store._db_for_partition(partition).write(writes)
            store.set_persisted_offset(TP(topic, partition), last)
        else:
            for key, value in items:
                if value is None:
                    store.data.pop(key, None)
                else:
                    store.data[key] = value
        return sum(len(key) + (len(value) if value is not None else 0) for key, value in items)

    def scan(self, partition: int, from_key: bytes | None = None) -> Iterator[tuple[bytes, bytes]] | None:
        """The partition's stored (key, value) pairs in key order from `from_key`; None for the
        memory store (no per-partition scan)."""
        if not self.rocksdb:
            return None
        store = self.table.data
        offset_key = store.offset_key
        db = store._db_for_partition(partition)
        items = db.items(from_key=from_key) if from_key is not None else db.items()
        return ((key, value) for key, value in items if key != offset_key)


def committed_offsets(consumer: Any) -> dict[TP, int | None]:
    """The input offsets Faust believes it has committed."""
    return dict(consumer._committed_offset)


async def commit_offsets(consumer: Any, offsets: Mapping[TP, int]) -> bool:
    """Commit `offsets` directly, and make Faust go on from them, never below."""
    if not await consumer._commit(offsets):
        return False
    for tp, offset in offsets.items():
        consumer._committed_offset[tp] = offset
        acked = consumer._acked.get(tp)
        if acked:
            stale = [o for o in acked if o < offset]
            acked[:] = sorted(set(o for o in acked if o >= offset))
            consumer._acked_index[tp].difference_update(stale)
    return True


def ack_state(consumer: Any, tp: TP) -> dict:
    """Faust's acknowledgement bookkeeping of `tp` (the /offsets page)."""
    acked = consumer._acked.get(tp, ())
    return {"faust_committed": consumer._committed_offset.get(tp), "acked": len(acked),
            "acked_head": sorted(acked)[:3]}
