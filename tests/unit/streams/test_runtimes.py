"""streams/runtimes.py: the stages as the worker runs them, driven here without Faust or Kafka."""

from __future__ import annotations

import random
from types import SimpleNamespace

import orjson
import pytest

from detectors.partitioning import partition_for
from detectors.stages import run
from simulator import Simulation, load_scenario
from streams.decoder import decode
from streams.runtimes import AccountRuntime, ClusterRuntime, MemoryTable, cluster_records, unpack_account

PARTITIONS = 4


@pytest.fixture(scope="module")
def smoke():
    """The smoke scenario as Kafka would hold it: records per partition, with offsets."""
    simulation = Simulation(load_scenario("smoke"))
    partitions: dict[int, list] = {p: [] for p in range(PARTITIONS)}
    lines = []
    for ts_ms, account, line in simulation.records():
        key = account.encode()
        p = partition_for(key, PARTITIONS)
        partitions[p].append(SimpleNamespace(topic="in", partition=p, offset=len(partitions[p]), key=key,
                                             value=line.encode(), timestamp=ts_ms))
        lines.append(line)
    return partitions, lines


def write(flush, accounts: MemoryTable, docs: MemoryTable) -> None:
    for p, items in flush.accounts.items():
        accounts.write(p, items)
    for p, items in flush.partitions.items():
        docs.write(p, items)


def test_batches_of_any_size_with_flushes_and_evictions_give_replays_alerts(smoke):
    """The worker's path (random batch sizes, partitions interleaved, states flushed, evicted and
    read back as bytes, items through internal-topic records) decides what replay decides."""
    partitions, lines = smoke
    expected = [orjson.dumps(a.to_dict()) for a in run(decode(line.encode()) for line in lines)]
    rng = random.Random(7)
    accounts, docs = MemoryTable(), MemoryTable()
    runtime = AccountRuntime(604800.0, accounts, docs, state_cache=50, sweep_keys=100)
    cluster = ClusterRuntime(PARTITIONS)
    alerts: list = []
    cursor = {p: 0 for p in partitions}
    batches = 0
    while any(cursor[p] < len(partitions[p]) for p in partitions):
        p = rng.choice([p for p in partitions if cursor[p] < len(partitions[p])])
        n = rng.choice([1, 7, 64, 500])
        batch = partitions[p][cursor[p]:cursor[p] + n]
        cursor[p] += len(batch)
        items, rejected = runtime.process(p, batch, wall=0.0)
        assert rejected == []
        for record in cluster_records({p: items}):
            cluster.apply(record, alerts)
        batches += 1
        if batches % 5 == 0:
            write(runtime.flush(), accounts, docs)
            runtime.evict()
    cluster.stage.feed(cluster.sequencer.flush(), alerts)
    assert batches > 50 and expected
    assert [orjson.dumps(a.to_dict()) for a in alerts] == expected


def test_a_redelivered_batch_changes_nothing_and_sends_nothing(smoke):
    partitions, _ = smoke
    accounts, docs = MemoryTable(), MemoryTable()
    runtime = AccountRuntime(604800.0, accounts, docs)
    batch = partitions[0][:300]
    first, _ = runtime.process(0, batch, wall=0.0)
    write(runtime.flush(), accounts, docs)
    stored = dict(accounts.data[0])
    assert first and stored
    # A restart: a new runtime over the written tables, the same records read again.
    again = AccountRuntime(604800.0, accounts, docs)
    items, _ = again.process(0, batch, wall=0.0)
    assert items == []
    write(again.flush(), accounts, docs)
    assert accounts.data[0] == stored


def test_a_flush_writes_each_changed_account_once_with_the_offset_it_applied(smoke):
    partitions, _ = smoke
    accounts, docs = MemoryTable(), MemoryTable()
    runtime = AccountRuntime(604800.0, accounts, docs)
    batch = partitions[1][:400]
    runtime.process(1, batch[:200], wall=0.0)
    runtime.process(1, batch[200:], wall=0.0)
    flush = runtime.flush()
    keys = [key for key, _ in flush.accounts[1]]
    assert len(keys) == len(set(keys)) == len({r.key for r in batch})
    last = {r.key: r.offset for r in batch}
    assert all(unpack_account(value)[0] == last[key] for key, value in flush.accounts[1])
    assert orjson.loads(flush.partitions[1][0][1])["accounts"] == len(keys)
    assert runtime.flush().accounts == {}  # nothing changed since


def test_a_failed_flush_is_written_by_the_next_one(smoke):
    partitions, _ = smoke
    runtime = AccountRuntime(604800.0, MemoryTable(), MemoryTable())
    runtime.process(2, partitions[2][:50], wall=0.0)
    failed = runtime.flush()
    runtime.unflush(failed)
    retried = runtime.flush()
    assert sorted(retried.accounts[2]) == sorted(failed.accounts[2])


def test_undecodable_records_are_handed_back_for_the_dead_letter_topic():
    runtime = AccountRuntime(604800.0)
    bad = SimpleNamespace(topic="in", partition=0, offset=5, key=b"k", value=b"{not json", timestamp=0)
    items, rejected = runtime.process(0, [bad], wall=0.0)
    assert items == [] and [(r.offset, rej.code) for r, rej in rejected] == [(5, "invalid_json")]


def test_the_cluster_runtime_skips_applied_and_unreadable_records():
    cluster = ClusterRuntime(2)
    good = cluster_records({0: [[0, 0, 10.0, 0, ["S"]]]})[0]
    records = [SimpleNamespace(offset=0, value=b"garbage"), SimpleNamespace(offset=1, value=good)]
    unreadable: list = []
    cluster.apply_records(records, [], unreadable=unreadable)
    assert unreadable == [0, 1] and cluster.next_offset == 2  # ["S"] is no summary either
    cluster.apply_records([SimpleNamespace(offset=1, value=b"garbage")], [], unreadable=unreadable)
    assert unreadable == [0, 1]  # below next_offset: applied already


def test_an_account_expired_by_a_flush_and_seen_again_before_its_delete_is_written_counts_once():
    """The sweep deletes an idle account at a flush; the delete reaches the store only when the
    flush's writes are done, so a new event meanwhile must not read the old state back."""
    from detectors.features import DAY_S

    accounts, docs = MemoryTable(), MemoryTable()
    runtime = AccountRuntime(DAY_S, accounts, docs, sweep_keys=10)

    def record(offset: int, account: str, day: float) -> SimpleNamespace:
        event = {"event_id": f"e{offset}", "ts": f"2026-11-{1 + int(day):02d}T00:00:00Z", "account_id": account,
                 "org_id": None, "api_key_id": "k", "account_created_at": "2026-10-01T00:00:00Z",
                 "payment_fingerprint": None, "client_ip": "203.0.113.5", "asn": 64500, "country": "SG",
                 "user_agent": "ua", "model": "m", "endpoint": "messages", "status": 200, "input_tokens": 10,
                 "output_tokens": 10, "latency_ms": 100, "stream": False, "tool_count": 0, "turns": 1,
                 "thinking": False, "task_category": "chat", "cot_elicitation": 0.1,
                 "prompt_simhash": "9f3a0c5d1e2b4a67", "system_prompt_hash": None}
        return SimpleNamespace(topic="in", partition=0, offset=offset, key=account.encode(),
                               value=orjson.dumps(event), timestamp=0)

    runtime.process(0, [record(0, "old", 0), record(1, "other", 0)], wall=0.0)
    write(runtime.flush(), accounts, docs)
    runtime.evict()
    runtime.partitions[0].stage.states.clear()  # evicted: read back from the table when needed
    runtime.partitions[0].applied.clear()
    runtime.process(0, [record(2, "other", 5)], wall=0.0)  # five days on: "old" is idle past the TTL
    flush = runtime.flush()
    assert (b"old", None) in flush.accounts[0] and runtime.accounts == 1
    runtime.process(0, [record(3, "old", 5)], wall=0.0)  # back before the delete is written
    assert runtime.accounts == 2
    write(flush, accounts, docs)
    write(runtime.flush(), accounts, docs)
    assert sorted(accounts.data[0]) == [b"old", b"other"]
    assert unpack_account(accounts.data[0][b"old"])[1].n_events == 1  # a fresh state, not the old one


def test_a_record_the_stage_raises_on_is_dead_lettered_and_its_batch_goes_on(smoke):
    """A batch is the unit of delivery, not of failure: one event the core cannot fold in (a bug)
    must not stop the others, nor the worker."""
    from detectors.stages import AccountStage

    partitions, _ = smoke
    batch = partitions[3][:100]
    poison = orjson.loads(batch[40].value)["event_id"]

    class FailingStage(AccountStage):
        def process(self, event, out):
            if event["event_id"] == poison:
                raise ZeroDivisionError("division by zero")
            return super().process(event, out)

    runtime = AccountRuntime(604800.0, MemoryTable(), MemoryTable())
    runtime.partition(3).stage = FailingStage(604800.0)
    items, rejected = runtime.process(3, batch, wall=0.0)
    assert [(r.offset, rej.code, rej.detail) for r, rej in rejected] == [
        (batch[40].offset, "processing_error", "ZeroDivisionError: division by zero")]
    assert items and max(item[0] for item in items) > batch[40].offset  # the rest went on
