"""streams/faust_patches.py: each piece of Faust it changes, held to its behaviour on the pinned
faust-streaming (no broker: the consumer is built but never started)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import faust
import pytest
from faust.types import TP

from streams import faust_patches
from streams.app import create_app
from streams.faust_patches import BatchMessage
from streams.settings import Settings

TOPIC = "api-requests"
TP0, TP1 = TP(TOPIC, 0), TP(TOPIC, 1)


def records(*offsets: int, partition: int = 0) -> list:
    return [SimpleNamespace(topic=TOPIC, partition=partition, offset=o, timestamp=1_000 * o, timestamp_type=0,
                            key=b"k", value=b"v", headers=[], checksum=None, serialized_key_size=1,
                            serialized_value_size=1) for o in offsets]


def with_consumer(tmp_path, test) -> None:
    """Run `test(consumer)` in a loop, on a fresh app's (unstarted) consumer."""

    async def run() -> None:
        app = create_app(Settings(store="memory://", home=tmp_path))
        consumer = app.consumer
        consumer.assignment = lambda: {TP0, TP1}  # as the group assigned them
        await test(consumer) if asyncio.iscoroutinefunction(test) else test(consumer)

    asyncio.run(run())


def test_the_app_runs_on_the_patched_transport(tmp_path):
    app = create_app(Settings(store="memory://", home=tmp_path))
    assert type(app.transport) is faust_patches.Transport
    assert app.transport.batch_topics == {"api-requests", "hydrawatch-cluster-input"}


def test_installing_on_another_faust_version_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(faust, "__version__", "0.16.0")
    with pytest.raises(RuntimeError, match="written and tested against faust-streaming 0.15.3, found 0.16.0"):
        create_app(Settings(store="memory://", home=tmp_path))


def test_batches_chain_their_offset_ranges_from_the_committed_offset(tmp_path):
    def test(consumer) -> None:
        consumer._committed_offset[TP0] = 100
        first = consumer.batch_message(TP0, records(102, 103), generation=1)
        assert (first.first, first.offset, len(first.records)) == (100, 103, 2)  # 100-101: markers
        second = consumer.batch_message(TP0, records(106), generation=1)
        assert (second.first, second.offset) == (104, 106)
        again = consumer.batch_message(TP0, records(90, 91), generation=1)  # the client went back
        assert (again.first, again.offset) == (90, 91)
        consumer.forget_batches([TP0])  # an assignment or a seek: from the committed offset again
        assert consumer.batch_message(TP0, records(100), generation=1).first == 100
        # No committed offset (a new group): from the first record.
        assert consumer.batch_message(TP1, records(7, 8, partition=1), generation=1).first == 7

    with_consumer(tmp_path, test)


def test_a_batch_is_committable_only_when_the_agent_acknowledged_it_and_it_was_released(tmp_path):
    def test(consumer) -> None:
        consumer.app.consumer_generation_id = 3
        consumer._committed_offset[TP0] = 10
        batch = BatchMessage(TP0, records(11, 14), 10, 3)
        assert consumer.ack(batch) is False  # Faust's own acknowledgement records nothing
        assert consumer._acked[TP0] == []
        stale = BatchMessage(TP0, records(10, 11), 10, 2)  # read before a rebalance
        assert consumer.acknowledge(stale) is False
        assert consumer.acknowledge(batch) is True
        assert consumer._new_offset(TP0) is None  # acknowledged, but not committable yet
        ranges = consumer.take_acknowledged()
        assert ranges == [(TP0, 10, 14, 3)] and consumer.take_acknowledged() == []
        assert consumer.release(ranges) == {TP0: 15}
        assert consumer._new_offset(TP0) == 15  # the whole range 10-14, offsets without records too

    with_consumer(tmp_path, test)


def test_the_batch_topics_are_not_acknowledged_by_fausts_streams(tmp_path):
    """The compiled stream iterator records a message's own offset in Faust's acknowledgement
    list: for a batch, only its last. With acks off for the batch topics it records nothing."""
    app = create_app(Settings(store="memory://", home=tmp_path))
    topics = {agent.channel.get_topic_name(): agent.channel.acks for agent in app.agents.values()}
    assert topics == {"api-requests": False, "hydrawatch-cluster-input": False}
    assert set(topics) == app.transport.batch_topics


def test_released_ranges_of_an_older_generation_or_a_lost_partition_are_dropped(tmp_path):
    def test(consumer) -> None:
        consumer.app.consumer_generation_id = 5
        consumer.assignment = lambda: {TP1}
        assert consumer.release([(TP0, 0, 9, 5), (TP1, 0, 9, 4)]) == {}
        assert consumer._new_offset(TP0) is None and consumer._new_offset(TP1) is None
        consumer._committed_offset[TP1] = 6  # already committed further than the range starts
        assert consumer.release([(TP1, 0, 9, 5)]) == {TP1: 10}
        assert sorted(consumer._acked[TP1]) == [6, 7, 8, 9]

    with_consumer(tmp_path, test)


def test_a_fetch_is_delivered_as_one_batch_per_partition_of_a_batch_topic(tmp_path):
    async def test(consumer) -> None:
        delivered = []

        async def callback(message) -> None:
            delivered.append(message)

        consumer.callback = callback
        consumer.highwater = lambda tp: 0
        changelog = TP("hydrawatch-account-state-changelog", 0)
        await consumer.deliver({TP0: records(0, 1, 2), TP1: records(5, partition=1),
                                changelog: records(0, 1)}, active=None)
        batches = [m for m in delivered if type(m) is BatchMessage]
        assert [(m.tp, m.first, m.offset, len(m.records)) for m in batches] == [(TP0, 0, 2, 3), (TP1, 5, 5, 1)]
        assert [m.offset for m in delivered if type(m) is not BatchMessage] == [0, 1]  # per message

    with_consumer(tmp_path, test)


def test_each_app_fetches_with_its_own_bounded_wait_and_reads_committed(tmp_path):
    """Faust hard-codes a 1.5 s fetch wait and read_uncommitted; the worker's consumer gets the
    configured wait, and never sees records of aborted transactions."""

    async def waits() -> list:
        apps = [create_app(Settings(store="memory://", fetch_max_wait_s=wait, home=tmp_path / str(wait)))
                for wait in (0.2, 0.05)]
        consumers = [app.consumer._thread._create_worker_consumer(app.transport) for app in apps]
        try:
            return [(c._fetch_max_wait_ms, c._isolation_level) for c in consumers]
        finally:
            for c in consumers:
                await c.stop()

    assert asyncio.run(waits()) == [(200, "read_committed"), (50, "read_committed")]


def test_a_producer_flush_waits_for_every_buffered_message(tmp_path):
    """Faust's flush gave up when one hand-over took over 0.1 s: offsets were committed ahead of
    changelog writes still buffered, and a kill -9 lost them."""
    published = []

    class SlowChannel:  # aiokafka's send buffer is full: every hand-over waits
        async def publish_message(self, fut, wait=False):
            await asyncio.sleep(0.25)
            published.append(fut)

    async def flushed() -> int:
        buffer = create_app(Settings(store="memory://", home=tmp_path)).producer.buffer
        await buffer.start()
        try:
            for _ in range(3):
                buffer.put(SimpleNamespace(message=SimpleNamespace(channel=SlowChannel())))
            await buffer.flush()
            return len(published)
        finally:
            await buffer.stop()

    assert asyncio.run(flushed()) == 3


def test_the_memory_store_is_read_raw_and_has_no_partition_scan(tmp_path):
    app = create_app(Settings(store="memory://", home=tmp_path))
    store = app.hydrawatch.stores["account-state"]
    store.table.data.data[b"acct_1"] = b"state"
    assert store.get(3, b"acct_1") == b"state" and store.get(3, b"acct_2") is None
    assert store.scan(3) is None


def test_the_internal_topic_is_fetched_in_larger_pieces_than_the_input():
    """aiokafka asks every partition for the same 1 MiB: one or two of the internal topic's
    records, while the account stage sends it hundreds (the cluster stage fell behind)."""
    from aiokafka.protocol.fetch import FetchRequest

    class Fetcher:
        def _get_actions_per_node(self, assignment):
            request = FetchRequest(100, 1, 50 << 20, 1, [("api-requests", [(0, 10, 1 << 20), (1, 5, 1 << 20)]),
                                                        ("hydrawatch-cluster-input", [(0, 7, 1 << 20)])])
            return [(1, request)], {}, 0.1, False, []

    fetcher = Fetcher()
    faust_patches.fetch_sizes_by_topic(fetcher, {"hydrawatch-cluster-input": 16 << 20})
    (node, request), *_ = fetcher._get_actions_per_node(None)[0]
    assert dict(request.topics) == {"api-requests": [(0, 10, 1 << 20), (1, 5, 1 << 20)],
                                    "hydrawatch-cluster-input": [(0, 7, 16 << 20)]}


def test_the_worker_consumer_gets_the_fetch_sizes_when_it_starts(tmp_path):
    async def sizes() -> tuple:
        app = create_app(Settings(store="memory://", home=tmp_path))
        consumer = app.consumer._thread._create_worker_consumer(app.transport)
        try:
            return app.transport.fetch_bytes_by_topic, consumer.start.__name__
        finally:
            await consumer.stop()

    by_topic, start = asyncio.run(sizes())
    assert by_topic == {"hydrawatch-cluster-input": 16 << 20} and start == "start_with_fetch_sizes"


def _batch(base: int, values: list[bytes]) -> bytes:
    from aiokafka.record.default_records import DefaultRecordBatchBuilder

    builder = DefaultRecordBatchBuilder(magic=2, compression_type=0, is_transactional=0, producer_id=-1,
                                        producer_epoch=-1, base_sequence=-1, batch_size=1 << 20)
    for i, value in enumerate(values):
        builder.append(i, timestamp=None, key=b"k", value=value, headers=[])
    data = bytearray(builder.build())
    data[0:8] = base.to_bytes(8, "big")  # the batch's base offset (not covered by the CRC)
    return bytes(data)


def test_a_batch_that_cannot_be_read_ends_the_partitions_records_where_it_begins():
    """aiokafka raises on a CRC mismatch and loses the records before it in the same fetch; the
    guarded records hand those over, stop at the bad batch, and report where it begins."""
    from aiokafka.consumer.fetcher import READ_COMMITTED
    from aiokafka.record.memory_records import MemoryRecords
    from aiokafka.structs import TopicPartition

    good, bad, after = _batch(0, [b"a", b"b"]), bytearray(_batch(2, [b"poison"])), _batch(3, [b"c"])
    bad[-3] ^= 0x20  # a byte of the record's value: the CRC no longer matches
    records = faust_patches.GuardedPartitionRecords(
        TopicPartition("in", 4), MemoryRecords(good + bytes(bad) + after), [], 0, None, None, True, READ_COMMITTED)
    faust_patches.GuardedPartitionRecords.found.clear()
    assert [r.value for r in records] == [b"a", b"b"]
    assert records.next_fetch_offset == 2  # the next fetch starts at the bad batch, not after it
    [found] = faust_patches.GuardedPartitionRecords.found
    assert (found.tp, found.offset, found.reason) == (TP("in", 4), 2, "crc_mismatch")
    assert "CRC" in found.detail
    faust_patches.GuardedPartitionRecords.found.clear()


def test_the_fetcher_builds_guarded_records_once_installed(tmp_path):
    from aiokafka.consumer import fetcher

    create_app(Settings(store="memory://", home=tmp_path))
    assert fetcher.PartitionRecords is faust_patches.GuardedPartitionRecords


def test_a_stop_signal_starts_a_deadline_that_ends_the_process(monkeypatch, tmp_path):
    """With the broker gone, a worker's orderly stop waits on it: the deadline ends it."""
    import mode

    exits = []
    monkeypatch.setattr(faust_patches.os, "_exit", exits.append)
    monkeypatch.setattr(mode.Worker, "_schedule_shutdown", lambda self, signum: None)  # the stop hangs
    faust_patches.stop_deadline(0.05)
    worker = SimpleNamespace(_signal_stop_time=None)
    import signal

    from tests.support import wait_for

    mode.Worker._schedule_shutdown(worker, signal.SIGTERM)
    wait_for(lambda: exits, 5, "the deadline to end the process")
    assert exits == [1]
