"""The worker's services around its two agents: state flushes, idle announcements, the commit
check, gauges and web pages. `Worker` holds the per-process working set (caches over the
tables, bookkeeping; safe to lose) and is what the agents in streams/app.py call.

State flush (`Worker.flush`, once per commit interval): the account agent processes each batch,
hands its internal-topic records (and dead letters) to the producer, and holds the batch
unacknowledged. A flush then, in this order: waits until those records are delivered; writes
every account changed since the previous flush once, to its store and changelog; and only then
acknowledges the batches, so Faust's next commit covers them. After a crash the worker starts
from the committed offsets over state written at least that far (each state knows the offset
it applied: nothing is applied twice), and the internal topic already holds the messages of
anything redone (re-sent ones are dropped by position).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib.metadata
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

import faust
import orjson
from aiohttp.web import Response
from faust.web import Request, View
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from detectors.features import AccountSummary
from detectors.partitioning import partition_for
from aiokafka.errors import MessageSizeTooLargeError

from streams import faust_patches, snapshots
from streams.decoder import Rejection
from streams.metrics import MetricsObserver, PipelineMetrics, publish_cluster_gauges
from streams.offsets import CommitCheck, GroupOffsets, read_internal, read_newest_head, read_offsets
from streams.runtimes import (AccountRuntime, ClusterRuntime, Flush, Outbox, UnsupportedFormat, idle_record,
                              unpack_account)
from streams.settings import Settings

log = logging.getLogger(__name__)

DLQ_REASON_HEADER = "hydrawatch-error"
VERSION = importlib.metadata.version("hydrawatch")  # the installed package (pyproject.toml)


def dead_letter_headers(rejection: Rejection, topic: str, partition: int, offset: int) -> list[tuple[str, bytes]]:
    """Headers carried by a DLQ record: the reason and where the original came from."""
    return [
        (DLQ_REASON_HEADER, rejection.header()),
        ("hydrawatch-error-code", rejection.code.encode()),
        ("hydrawatch-source", f"{topic}/{partition}/{offset}".encode()),
    ]


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
    every debug call in aiokafka's and Faust's hot paths builds a LogRecord; give their loggers
    the configured level, unless that is debug."""
    number = logging.getLevelName({"WARN": "WARNING", "CRIT": "CRITICAL"}.get(level.upper(), level.upper()))
    if not isinstance(number, int) or number <= logging.DEBUG:
        return
    for name in ("aiokafka", "faust", "mode", "kafka"):
        logging.getLogger(name).setLevel(number)


@dataclass
class AccountBatch:
    """What one input batch sends: the internal-topic records due now (streams.runtimes.Outbox) and
    dead letters [(record, Rejection)]."""

    records: list[bytes]
    rejected: list


@dataclass
class Worker:
    """Per-process working set and services (see the module docstring)."""

    app: faust.App
    settings: Settings
    metrics: PipelineMetrics
    stores: dict[str, faust_patches.TableStore]
    accounts: AccountRuntime = field(init=False)
    cluster: ClusterRuntime | None = None
    observer: MetricsObserver = field(init=False)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # batch processing against flush snapshots
    cluster_lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # a cluster batch and its sends, against snapshots
    flush_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    held: list = field(default_factory=list)  # processed batches (events) awaiting their state's flush
    pending: list = field(default_factory=list)  # producer futures of their records
    next_offsets: dict = field(default_factory=dict)  # input tp -> after the last processed batch
    last_event_wall: dict[int, float] = field(default_factory=dict)  # input partition -> wall time
    idle_sent: set[int] = field(default_factory=set)  # input partitions announced idle
    commits: CommitCheck = field(default_factory=CommitCheck)
    paused: dict = field(default_factory=dict)  # input tp -> Unreadable: paused at a batch it cannot read
    outbox: Outbox = field(init=False)  # cluster-stage items waiting to share an internal-topic record
    cluster_input: Any = None  # the internal topic (set by `register`)
    group: GroupOffsets = field(init=False)
    snapshots: snapshots.SnapshotKeeper = field(init=False)
    lag_series: set = field(default_factory=set)

    def __post_init__(self) -> None:
        s = self.settings
        self.accounts = AccountRuntime(s.account_ttl_s, self.stores["account-state"], self.stores["partition-state"],
                                       state_cache=s.state_cache, sweep_keys=s.sweep_keys, metrics=self.metrics,
                                       max_event_lead_s=s.max_event_lead_s, max_event_age_s=s.max_event_age_s)
        self.observer = MetricsObserver(self.metrics)
        self.group = GroupOffsets(s)
        self.outbox = Outbox(s.cluster_send_interval_s)
        self.snapshots = snapshots.SnapshotKeeper(s.cluster_snapshot_interval_s, s.cluster_snapshot_items)

    # -- the account stage -------------------------------------------------------------------

    def account_batch(self, tp: Any, records: list, last: int) -> AccountBatch:
        """Run one input partition batch through the account stage."""
        if not records:  # offsets without a record (transaction markers): nothing to apply or wake
            self.next_offsets[tp] = last + 1
            return AccountBatch([], [])
        p, wall = tp.partition, time.time()
        items, rejected = self.accounts.process(p, records, wall)
        for record, rejection in rejected:
            self.metrics.rejected(rejection)
            log.warning("dead-lettered %s/%s/%s: %s", record.topic, record.partition, record.offset, rejection.code)
        self.next_offsets[tp] = last + 1
        self.last_event_wall[p] = wall
        # A partition waking from idle may be the first of many (traffic resuming after a quiet
        # spell): the others are waited for again until they prove quiet anew, or they would be
        # overtaken and their messages arrive late.
        rewake: list[int] = []
        if p in self.idle_sent:
            rewake = sorted(self.idle_sent - {p})
            for q in rewake:
                self.last_event_wall[q] = wall
            self.idle_sent.clear()
        if self.accounts.newest_event_ts > -float("inf"):
            self.metrics.event_time.set(self.accounts.newest_event_ts)
        return AccountBatch(self.outbox.add(p, items, rewake, time.monotonic()), rejected)

    async def send_waiting(self, everything: bool = True) -> None:
        """Hand the outbox's records to the producer: all of them, or only if they are due.
        Under `lock`, so that they keep their place among the batch and idle records."""
        if everything or self.outbox.due(time.monotonic()):
            for value in self.outbox.take():
                self.pending.append(await self.cluster_input.send(value=value))

    async def send_aged(self) -> None:
        """Timer: items no later batch has taken along leave after `cluster_send_interval_s`."""
        if self.outbox.since is not None:
            async with self.lock:
                await self.send_waiting(everything=False)

    @contextlib.asynccontextmanager
    async def stop_on_unsupported_format(self) -> Any:
        """Around an agent's batch: data in a format this release cannot read stops the worker
        (uncommitted, so nothing is lost), where Faust would restart the agent past it."""
        try:
            yield
        except UnsupportedFormat as exc:
            log.critical("%s; stopping (nothing after the last commit is lost: it is read again)", exc)
            await self.app.crash(exc)
            raise

    def dead_letter(self, topic: Any, record: Any, rejection: Rejection) -> "asyncio.Future[None]":
        """Send `record` to the dead-letter topic, unchanged, with its reason (`flush` waits for it).
        A record larger than that topic takes goes without its value, saying where it is: the
        input topic may allow larger records than the dead-letter topic, and a send that can
        never succeed would otherwise stop the worker at every restart."""
        headers = dead_letter_headers(rejection, record.topic, record.partition, record.offset)

        async def send() -> None:
            try:
                await (await topic.send(key=record.key, value=record.value, headers=headers))
            except MessageSizeTooLargeError:
                size = len(record.value or b"")
                self.metrics.dead_letters_without_value.inc()
                log.error("dead letter %s/%s/%s too large for %s (%d bytes): sent without its value",
                          record.topic, record.partition, record.offset, self.settings.dlq_topic, size)
                omitted = f"{size} bytes, too large for this topic: read it at hydrawatch-source".encode()
                await (await topic.send(key=record.key, value=b"",
                                        headers=[*headers, ("hydrawatch-value-omitted", omitted)]))

        return asyncio.ensure_future(send())

    async def flush(self) -> None:
        """Write what the batches processed since the last flush changed, then make them
        committable (see the module docstring)."""
        consumer = self.app.consumer
        async with self.flush_lock:
            async with self.lock:  # no batch half-processed: every batch acknowledged so far is in `result`
                await self.send_waiting()  # their items too
                result = self.accounts.flush()
                ranges = consumer.take_acknowledged()
                pending, self.pending = self.pending, []
            try:
                for future in pending:  # the internal topic's records first, then the state they came from
                    await future
            except Exception as exc:  # records lost: only a restart from the committed offsets redoes them
                log.error("a send failed; stopping to redo from the committed offsets: %r", exc)
                await self.app.crash(exc)
                raise
            try:
                await self.write(result)
            except Exception:
                async with self.lock:
                    self.accounts.unflush(result)
                    consumer.unrelease(ranges)
                raise
            self.accounts.evict()
            for tp, offset in consumer.release(ranges).items():
                self.commits.done[tp] = max(self.commits.done.get(tp, 0), offset)

    async def write(self, result: Flush) -> None:
        for table, writes in (("account-state", result.accounts), ("partition-state", result.partitions)):
            store = self.stores[table]
            for p, items in writes.items():
                written = await store.write(p, items)
                self.metrics.state_writes.labels(table).inc(len(items))
                self.metrics.state_written_bytes.labels(table).inc(written)
        self.metrics.accounts_expired.labels("account-stage").inc(result.expired)

    # -- the cluster stage -------------------------------------------------------------------

    async def cluster_from(self, first: int) -> ClusterRuntime:
        """The cluster stage, taken over if this worker does not hold it up to `first` yet."""
        if self.cluster is None or self.cluster.next_offset < first:
            await self.take_over_cluster(first)
        return self.cluster

    async def take_over_cluster(self, first: int) -> None:
        """Load the newest usable snapshot (if it is ahead of what this worker holds), then apply
        the internal records after it up to `first` without sending (the previous owner sent
        their alerts; alert ids are deterministic anyway)."""
        s, started = self.settings, time.monotonic()
        found = snapshots.found(None)
        try:
            exists, newest = await read_newest_head(s)
            found = snapshots.found(newest)
            for head in found.candidates():  # newest first; only the chunks it names are read
                if found.attempt(head, await read_offsets(s, s.snapshot_topic, head["offsets"])):
                    break
        except (asyncio.CancelledError, UnsupportedFormat):
            raise
        except Exception as exc:  # noqa: BLE001 - the internal topic alone still rebuilds the stage
            log.error("cluster-stage snapshots could not be read (%r): rebuilding from the internal topic", exc)
            self.metrics.cluster_snapshots.labels("rejected").inc()
            exists = True
        if not exists:
            log.error("snapshot topic %s does not exist (create it: hydrawatch kafka topics): no snapshots are "
                      "written, the internal topic is not trimmed", s.snapshot_topic)
        self.snapshots.enabled = exists  # never written to a topic created by chance (not compacted)
        for slot, why in found.failures:
            self.metrics.cluster_snapshots.labels("rejected").inc()
            log.error("cluster-stage snapshot in slot %s not used: %s", slot, why)
        refusal = found.refusal()
        if refusal and not s.cluster_snapshot_discard:
            raise UnsupportedFormat(refusal)
        held = self.cluster.next_offset if self.cluster is not None else -1
        if found.runtime is not None and found.runtime.partitions == s.partitions and found.runtime.next_offset > held:
            self.cluster, start = found.runtime, "snapshot"
        elif self.cluster is None:
            self.cluster, start = ClusterRuntime(s.partitions, account_ttl_s=s.account_ttl_s,
                                                 account_volume_margin=s.account_volume_margin,
                                                 account_critical_margin=s.account_critical_margin), "internal_topic"
        else:
            start = "internal_topic"
        cluster, loaded = self.cluster, time.monotonic()
        before = cluster.next_offset
        if before < first:
            discard: list = []
            async for records in read_internal(s, before, first):
                cluster.apply_records(records, discard, unreadable=discard)
                discard.clear()
            cluster.next_offset = max(cluster.next_offset, first)
        cluster.late_counted = cluster.sequencer.late_total  # counted by the previous owner
        cluster.expired_counted = cluster.stage.expired_accounts
        cluster.stage.observer = self.observer
        self.snapshots.start(time.monotonic(), cluster.items_applied, found.heads)  # the next one an interval on
        took = time.monotonic() - started
        self.metrics.cluster_takeovers.labels(start).inc()
        self.metrics.cluster_takeover_seconds.set(took)
        origin = (f"snapshot {found.head['slot']} at offset {found.head['next_offset']} ({found.head['bytes']:,} "
                  f"bytes) loaded in {loaded - started:.2f}s" if start == "snapshot" else "no snapshot")
        applied = (f"records {before}-{first - 1} applied in {time.monotonic() - loaded:.2f}s" if before < first
                   else "nothing to apply after it")
        log.info("cluster stage taken over at internal offset %d in %.2fs: %s, %s", first, took, origin, applied)

    def owns_cluster_stage(self) -> bool:
        return not self.app.rebalancing and any(tp.topic == self.settings.cluster_topic
                                                for tp in self.app.consumer.assignment())

    async def snapshot_cluster(self) -> None:
        """Timer: the owner writes the cluster stage's state when a snapshot is due, then deletes
        the internal records both slots cover (streams/snapshots.py)."""
        app, cluster, keeper = self.app, self.cluster, self.snapshots
        if cluster is None or not keeper.enabled or not keeper.due(cluster, time.monotonic()) \
                or not self.owns_cluster_stage():
            return
        try:
            started = time.perf_counter()
            async with self.cluster_lock:  # between batches: the state and the alerts it sent agree
                payload = snapshots.dumps(cluster)
                at, watermark, items = cluster.next_offset, cluster.stage.watermark, cluster.items_applied
            pause = time.perf_counter() - started
            self.metrics.cluster_snapshot_pause_seconds.set(pause)
            await app.producer.flush()  # the alerts this state decided reach the broker before it does
            slot, stale, other = keeper.slot()
            topic = self.settings.snapshot_topic
            records = snapshots.chunks_of(payload, slot, stale)
            sent = [await app.producer.send(topic, key, value, 0, None, None) for key, value in records]
            delivered = [await future for future in sent]
            offsets = [meta.offset for (_, value), meta in zip(records, delivered) if value is not None]
            if not self.owns_cluster_stage():
                return  # taken over meanwhile: its head would name an older state than the new owner's
            head = snapshots.head_of(payload, slot, offsets, at, watermark, VERSION, time.time(), other)
            await (await app.producer.send(topic, f"{slot}/head".encode(), orjson.dumps(head), 0, None, None))
        except Exception:
            self.metrics.cluster_snapshots.labels("failed").inc()
            raise
        self.metrics.cluster_snapshots.labels("written").inc()
        self.metrics.cluster_snapshot_bytes.set(len(payload))
        self.metrics.cluster_snapshot_time.set(time.time())
        delete_before = keeper.written(head, time.monotonic(), items)
        if delete_before:
            await self.group.delete_before(self.settings.cluster_topic, delete_before)
            keeper.deleted_before = delete_before
        log.info("cluster-stage snapshot written at internal offset %d: slot %s, %d bytes, stage held %.3fs; "
                 "internal records before %d deleted", at, slot, len(payload), pause, keeper.deleted_before)

    def cluster_batch(self, cluster: ClusterRuntime, records: list) -> list:
        """Apply internal-topic records; the alerts to send."""
        alerts: list = []
        produced: list[int] = []
        unreadable: list[int] = []
        cluster.apply_records(records, alerts, produced, unreadable)
        for offset in unreadable:  # an internal message we cannot read must not stop detection
            log.error("skipped unreadable %s offset %s", self.settings.cluster_topic, offset)
        now_ms = time.time() * 1000
        self.metrics.decision_latencies([max(0.0, now_ms - produced_ms) / 1000 for produced_ms in produced])
        late = cluster.sequencer.late_total
        self.metrics.sequencer_late.inc(late - cluster.late_counted)
        cluster.late_counted = late
        for alert in alerts:
            self.metrics.alerts.labels(alert.scope, alert.severity, alert.status).inc()
        return alerts

    # -- timers and pages --------------------------------------------------------------------

    def register(self, cluster_input: Any) -> None:
        """Timers and web pages on the app."""
        app, s = self.app, self.settings
        self.cluster_input = cluster_input
        app.timer(interval=s.commit_interval_s)(survive(self.flush))
        app.timer(interval=s.cluster_send_interval_s)(survive(self.send_aged))
        app.timer(interval=s.idle_after_s / 2)(survive(functools.partial(self.announce_idle, cluster_input)))
        app.timer(interval=s.commit_check_s)(survive(self.check_committed_offsets))
        app.timer(interval=min(1.0, s.cluster_snapshot_interval_s))(survive(self.snapshot_cluster))
        app.timer(interval=s.gauge_interval_s)(survive(self.refresh_gauges))
        app.on_partitions_revoked.connect(self.forget_revoked)
        app.on_partitions_assigned.connect(self.count_rebalance)
        app.on_before_shutdown.connect(self.close)
        app.transport.on_drained = self.flush  # before the final commit (stopping, partitions revoked)
        app.transport.on_unreadable = self.unreadable
        worker = self

        @app.page("/metrics")
        async def prometheus_metrics(self: View, request: Request) -> Response:
            return Response(body=generate_latest(worker.metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST})

        @app.page("/offsets")
        async def offsets_view(self: View, request: Request) -> Any:
            """Per assigned input partition: processed and written (`done`), Faust's view, the
            stored offset's value at the last check."""
            consumer = app.consumer
            rows = {str(tp.partition): {"done": worker.commits.done.get(tp), "highwater": consumer.highwater(tp),
                                        "done_at_last_check": worker.commits.previous.get(tp),
                                        **faust_patches.ack_state(consumer, tp)}
                    for tp in sorted(consumer.assignment()) if tp.topic == s.input_topic}
            return self.json({"topic": s.input_topic, "rebalancing": bool(app.rebalancing), "partitions": rows})

        @app.page("/accounts/{account_id}")
        @app.table_route(table=self.stores["account-state"].table, match_info="account_id")
        async def account_view(self: View, request: Request, account_id: str) -> Any:
            found = worker.account_state(account_id)
            if found is None:
                return self.json({"account_id": account_id, "found": False}, status=404)
            offset, state = found
            summary = state.summary(account_id)
            return self.json({"account_id": account_id, "found": True, "offset": offset, "n_events": state.n_events,
                              "summary": {name: getattr(summary, name) for name in AccountSummary.__dataclass_fields__}})

    def account_state(self, account_id: str) -> tuple[int, Any] | None:
        """(offset applied, state) of an account of this worker: in memory, else as stored."""
        p = partition_for(account_id.encode(), self.settings.partitions)
        part = self.accounts.partitions.get(p)
        if part is not None and account_id in part.stage.states:
            return part.applied.get(account_id, -1), part.stage.states[account_id]
        raw = self.stores["account-state"].get(p, account_id.encode())
        return unpack_account(raw) if raw is not None else None

    async def forget_revoked(self, sender: Any, revoked: Any, **kwargs: Any) -> None:
        """A revoked partition may be processed by another worker before it comes back here:
        its cached account states would then be stale (Faust waited for every batch to be
        acknowledged, so they are written)."""
        self.accounts.forget(tp.partition for tp in revoked if tp.topic == self.settings.input_topic)
        for tp in revoked:  # its next owner meets the unreadable batch, and pauses, itself
            self.paused.pop(tp, None)
        self.metrics.input_partitions_paused.set(len(self.paused))

    def unreadable(self, found: faust_patches.Unreadable) -> None:
        """A batch the client cannot read: its partition is paused there (faust_patches); say so
        once per batch, and keep the paused gauge (it pages) and the idle announcements right."""
        if self.paused.get(found.tp) != found:
            self.metrics.input_unreadable_batches.labels(found.reason).inc()
            log.error("unreadable batch in %s/%d at offset %d (%s: %s): partition paused there, nothing at or "
                      "after it applied or committed; runbook deploy/runbooks/input-partition-paused.md",
                      found.tp.topic, found.tp.partition, found.offset, found.reason, found.detail)
        self.paused[found.tp] = found
        self.metrics.input_partitions_paused.set(len(self.paused))

    async def count_rebalance(self, sender: Any, assigned: Any, **kwargs: Any) -> None:
        self.metrics.rebalances.inc()

    async def close(self, sender: Any, **kwargs: Any) -> None:
        await self.group.close()

    async def announce_idle(self, cluster_input: Any) -> None:
        """Caught-up, quiet input partitions stop holding the cluster stage's watermark."""
        app, s = self.app, self.settings
        assigned = [tp for tp in app.consumer.assignment() if tp.topic == s.input_topic]
        now = time.time()
        quiet = [tp for tp in assigned if tp.partition not in self.idle_sent
                 and now - self.last_event_wall.setdefault(tp.partition, now) >= s.idle_after_s]
        if not quiet:
            return
        # Ask the broker: the last fetch's highwater can be long stale when the worker is behind,
        # and a partition wrongly announced idle is overtaken: its next messages arrive late.
        ends = await app.consumer.highwaters(*quiet)
        # Decided and handed to the producer under the agent's lock, so that no batch of these
        # partitions is between its processing and its record's hand-over: its record would
        # then reach the internal topic after the announcement (a send blocked by a broker
        # outage did that), mark the partition active again there, and hold the watermark for good.
        async with self.lock:
            now = time.time()
            committed = faust_patches.committed_offsets(app.consumer)
            idle = sorted(tp.partition for tp in quiet if tp.partition not in self.idle_sent
                          and now - self.last_event_wall.get(tp.partition, now) >= s.idle_after_s
                          and (tp in self.paused or ends.get(tp) is not None
                               and max(self.next_offsets.get(tp, 0), committed.get(tp) or 0) >= ends[tp]))
            if idle:
                await self.send_waiting()  # items of these partitions go first
                self.pending.append(await cluster_input.send(value=idle_record(idle)))  # one record
                self.idle_sent.update(idle)

    async def check_committed_offsets(self) -> None:
        """Keep the group's stored input offsets up with what this worker has processed and
        written, where Faust's own commits fall behind by more than a check (streams.offsets)."""
        app = self.app
        if app.rebalancing:
            return
        tps = [tp for tp in app.consumer.assignment() if tp.topic == self.settings.input_topic]
        if not tps:
            return
        stored = await self.group.stored(tps)
        if app.rebalancing:
            return
        believed = faust_patches.committed_offsets(app.consumer)
        commits = self.commits.due(tps, {tp: believed.get(tp) for tp in tps}, stored)
        if not commits:
            return
        await app.producer.flush()
        log.warning("committing input offsets Faust did not: %s", {
            f"{tp.topic}/{tp.partition}": {"commit": o, "faust": believed.get(tp), "stored": stored.get(tp)}
            for tp, o in commits.items()})
        if await faust_patches.commit_offsets(app.consumer, commits):
            self.metrics.recommits.inc(len(commits))

    async def refresh_gauges(self) -> None:
        """Consumer lag per assigned partition, table sizes, cluster-stage gauges."""
        app, s, metrics = self.app, self.settings, self.metrics
        sources = {s.input_topic, s.cluster_topic}
        assigned = [tp for tp in app.consumer.assignment() if tp.topic in sources]
        owned = {tp.partition for tp in assigned if tp.topic == s.input_topic}
        # Partitions gone without a revocation seen here; never one holding unwritten changes
        # (the assignment reads empty for a moment in a rebalance).
        self.accounts.forget([p for p, part in self.accounts.partitions.items()
                              if p not in owned and not part.changed])
        self.idle_sent &= owned
        recovery = app.tables.recovery
        if recovery.completed.is_set() and not recovery.in_recovery and not app.rebalancing:
            for p in owned - set(self.accounts.partitions):
                self.accounts.partition(p)  # restored state, before this worker's first event there
        labels_now = {(tp.topic, str(tp.partition)) for tp in assigned}
        for labels in list(self.lag_series - labels_now):
            metrics.consumer_lag.remove(*labels)  # a partition moved to another worker
            self.lag_series.discard(labels)
        if assigned:
            highwaters = await app.consumer.highwaters(*assigned)
            committed = faust_patches.committed_offsets(app.consumer)
            for tp in assigned:
                if tp.topic == s.cluster_topic:
                    done = self.cluster.next_offset if self.cluster else 0
                else:
                    done = self.next_offsets.get(tp, 0)
                lag = max(0, (highwaters.get(tp) or 0) - max(done, committed.get(tp) or 0))
                metrics.consumer_lag.labels(tp.topic, str(tp.partition)).set(lag)
                self.lag_series.add((tp.topic, str(tp.partition)))
        accounts = self.accounts.accounts
        metrics.accounts_tracked.set(accounts)
        parts = self.accounts.partitions.values()
        if parts:  # read with the sizes above, so the pair is consistent
            metrics.expiry_event_time.labels("account-stage").set(max(0.0, min(p.expired_through for p in parts)))
        metrics.table_keys.labels("account-state").set(accounts)
        metrics.table_keys.labels("partition-state").set(len(self.accounts.partitions))
        if self.cluster is not None:
            publish_cluster_gauges(metrics, self.observer, self.cluster)

