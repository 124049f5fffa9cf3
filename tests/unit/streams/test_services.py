"""streams/services.py and streams/offsets.py without a broker: timers that survive, offset
decisions, what a revoked partition leaves behind."""

from __future__ import annotations

import asyncio
import logging

import pytest

from streams.offsets import CommitCheck, offsets_to_commit
from streams.services import survive


def test_a_failing_timer_logs_and_returns_instead_of_stopping_the_worker(caplog):
    calls = []

    @survive
    async def check() -> None:
        calls.append(1)
        raise ConnectionError("broker down")

    with caplog.at_level(logging.WARNING, logger="streams.services"):
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


def test_the_commit_check_remembers_what_was_done_at_the_previous_check():
    check = CommitCheck(done={"a": 100})
    assert check.due(["a"], {"a": 100}, {"a": 40}) == {"a": 100}  # stored below what Faust believes
    check.done["a"] = 150
    assert check.due(["a"], {"a": 150}, {"a": 150}) == {}
    assert check.previous == {"a": 150}


def test_a_revoked_input_partition_forgets_its_cached_account_states(tmp_path):
    """Another worker may process a revoked partition before it comes back: the states cached
    here would be stale, so they go when Faust revokes it, not at the next gauge refresh."""
    from faust.types import TP

    from streams.app import create_app
    from streams.settings import Settings

    settings = Settings(store="memory://", home=tmp_path)
    app = create_app(settings)
    accounts = app.hydrawatch.accounts
    for p in (1, 2, 3):
        accounts.partition(p)

    async def revoke() -> None:
        await app.on_partitions_revoked.send({TP(settings.input_topic, 1), TP(settings.cluster_topic, 2)})

    asyncio.run(revoke())
    assert sorted(accounts.partitions) == [2, 3]
