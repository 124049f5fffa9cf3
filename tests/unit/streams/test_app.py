"""Pieces of streams/app.py that run without a broker: timers that survive, offset decisions."""

from __future__ import annotations

import asyncio
import logging

import pytest

from streams.app import offsets_to_commit, survive


def test_a_failing_timer_logs_and_returns_instead_of_stopping_the_worker(caplog):
    calls = []

    @survive
    async def check() -> None:
        calls.append(1)
        raise ConnectionError("broker down")

    with caplog.at_level(logging.WARNING, logger="streams.app"):
        asyncio.run(check())
        asyncio.run(check())
    assert len(calls) == 2
    assert "check failed, will retry: ConnectionError('broker down')" in caplog.text


def test_a_cancelled_timer_is_still_cancelled():
    @survive
    async def check() -> None:
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(check())


def test_offsets_are_committed_where_faust_lags_a_whole_check_or_lost_a_commit():
    done = {"healthy": 900, "crawling": 900, "lost": 500, "idle": 300, "new": 100}
    believed = {"healthy": 880, "crawling": 41_520, "lost": 500, "idle": 300}
    stored = {"healthy": 880, "crawling": 41_520, "lost": 200, "idle": 300}
    previous = {"healthy": 850, "crawling": 50_000, "lost": 500, "idle": 300}
    assert offsets_to_commit(done, believed, stored, previous) == {"lost": 500}
    # "crawling": the stored offset has not reached what was done at the previous check.
    done["crawling"], stored["crawling"] = 58_712, 41_522
    assert offsets_to_commit(done, believed, stored, previous) == {"crawling": 58_712, "lost": 500}
    # Nothing for a partition without a previous check, or already caught up.
    assert "new" not in offsets_to_commit(done, believed, stored, previous)


def test_each_app_fetches_with_its_own_bounded_wait(tmp_path):
    """Faust hard-codes a 1.5 s fetch wait; the worker's consumer gets the configured one."""
    from streams.app import create_app
    from streams.settings import Settings

    async def waits() -> list[int]:
        apps = [create_app(Settings(store="memory://", fetch_max_wait_s=wait, home=tmp_path / str(wait)))
                for wait in (0.2, 0.05)]
        consumers = [app.consumer._thread._create_worker_consumer(app.transport) for app in apps]
        try:
            return [c._fetch_max_wait_ms for c in consumers]
        finally:
            for c in consumers:
                await c.stop()

    assert asyncio.run(waits()) == [200, 50]



def test_a_producer_flush_waits_for_every_buffered_message(tmp_path):
    """Faust's flush gave up when one hand-over took over 0.1 s: offsets were committed ahead of
    changelog writes still buffered, and a kill -9 lost them (streams.app.flush_producer_fully)."""
    from types import SimpleNamespace

    from streams.app import create_app
    from streams.settings import Settings

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


def test_a_revoked_input_partition_forgets_its_cached_account_states(tmp_path):
    """Another worker may process a revoked partition before it comes back: the states cached
    here would be stale, so they go when Faust revokes it, not at the next gauge refresh."""
    from faust.types import TP

    from streams.app import create_app
    from streams.settings import Settings

    settings = Settings(store="memory://", home=tmp_path)
    app = create_app(settings)
    runtime = app.hydrawatch_runtime
    runtime.partitions.update({1: "cached", 2: "cached", 3: "cached"})

    async def revoke() -> None:
        await app.on_partitions_revoked.send({TP(settings.input_topic, 1), TP(settings.cluster_topic, 2)})

    asyncio.run(revoke())
    assert sorted(runtime.partitions) == [2, 3]
