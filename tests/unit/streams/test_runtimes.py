"""streams/runtimes.py: the stages as the worker runs them, driven here without Faust or Kafka."""

from __future__ import annotations

import random
from types import SimpleNamespace

import orjson
import pytest

from detectors.partitioning import partition_for
from detectors.stages import run
from simulator import Simulation, load_scenario
from streams.decoder import SAMPLE, decode
from streams.runtimes import AccountRuntime, ClusterRuntime, MemoryTable, cluster_records, unpack_account

PARTITIONS = 4
NOW = 1_796_000_000.0  # 2026-11-30T00:53:20Z: the wall clock the runtimes are given, after every event here


def smoke_lines() -> tuple[dict[int, list], list[str]]:
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


@pytest.fixture(scope="module")
def smoke():
    return smoke_lines()


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
        items, rejected = runtime.process(p, batch, wall=NOW)
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
    first, _ = runtime.process(0, batch, wall=NOW)
    write(runtime.flush(), accounts, docs)
    stored = dict(accounts.data[0])
    assert first and stored
    # A restart: a new runtime over the written tables, the same records read again.
    again = AccountRuntime(604800.0, accounts, docs)
    items, _ = again.process(0, batch, wall=NOW)
    assert items == []
    write(again.flush(), accounts, docs)
    assert accounts.data[0] == stored


def test_a_flush_writes_each_changed_account_once_with_the_offset_it_applied(smoke):
    partitions, _ = smoke
    accounts, docs = MemoryTable(), MemoryTable()
    runtime = AccountRuntime(604800.0, accounts, docs)
    batch = partitions[1][:400]
    runtime.process(1, batch[:200], wall=NOW)
    runtime.process(1, batch[200:], wall=NOW)
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
    runtime.process(2, partitions[2][:50], wall=NOW)
    failed = runtime.flush()
    runtime.unflush(failed)
    retried = runtime.flush()
    assert sorted(retried.accounts[2]) == sorted(failed.accounts[2])


def test_undecodable_records_are_handed_back_for_the_dead_letter_topic():
    runtime = AccountRuntime(604800.0)
    bad = SimpleNamespace(topic="in", partition=0, offset=5, key=b"k", value=b"{not json", timestamp=0)
    items, rejected = runtime.process(0, [bad], wall=NOW)
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

    runtime.process(0, [record(0, "old", 0), record(1, "other", 0)], wall=NOW)
    write(runtime.flush(), accounts, docs)
    runtime.evict()
    runtime.partitions[0].stage.states.clear()  # evicted: read back from the table when needed
    runtime.partitions[0].applied.clear()
    runtime.process(0, [record(2, "other", 5)], wall=NOW)  # five days on: "old" is idle past the TTL
    flush = runtime.flush()
    assert (b"old", None) in flush.accounts[0] and runtime.accounts == 1
    runtime.process(0, [record(3, "old", 5)], wall=NOW)  # back before the delete is written
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
    items, rejected = runtime.process(3, batch, wall=NOW)
    assert [(r.offset, rej.code, rej.detail) for r, rej in rejected] == [
        (batch[40].offset, "processing_error", "ZeroDivisionError: division by zero")]
    assert items and max(item[0] for item in items) > batch[40].offset  # the rest went on


def clock_event(offset: int, account: str, ts: str) -> SimpleNamespace:
    event = dict(orjson.loads(SAMPLE), event_id=f"clock-{offset}", account_id=account, ts=ts,
                 account_created_at="2000-06-01T00:00:00Z")
    return SimpleNamespace(topic="in", partition=0, offset=offset, key=account.encode(),
                           value=orjson.dumps(event), timestamp=0)


def test_a_partitions_first_batch_is_measured_against_its_own_newest_plausible_event():
    """No clock yet: an event years behind the rest of its batch is refused all the same."""
    runtime = AccountRuntime(604800.0)
    batch = [clock_event(0, "acct_old", "2001-01-01T00:00:00Z"), clock_event(1, "acct_new", "2026-11-24T08:00:00Z"),
             clock_event(2, "acct_ahead", "2099-01-01T00:00:00Z")]
    _, rejected = runtime.process(0, batch, wall=NOW)
    assert [(r.offset, why.code) for r, why in rejected] == [(0, "event_time_behind"), (2, "event_time_ahead")]
    assert set(runtime.partition(0).stage.states) == {"acct_new"}


def test_a_batch_spanning_more_than_the_ttl_in_order_is_applied_whole():
    """Traffic fast-forwarded (a soak at 14,400x) or a backlog after a long quiet spell: events in
    order are never late, however far the batch reaches."""
    runtime = AccountRuntime(86400.0)
    batch = [clock_event(i, f"acct_{i}", f"2026-11-{20 + i}T00:00:00Z") for i in range(8)]  # a day apart
    _, rejected = runtime.process(0, batch, wall=NOW)
    assert rejected == [] and len(runtime.partition(0).stage.states) == 8


def test_events_from_broken_clocks_are_refused_before_they_move_any_clock():
    """A year ahead of the wall clock, or older than the TTL behind the partition's clock: refused
    with its own reason; the partition's clock, the account's state and the expiry stay put."""
    runtime = AccountRuntime(604800.0, max_event_lead_s=300.0)
    first = [clock_event(0, "acct_ahead", "2099-01-01T00:00:00Z"),  # on its own, before real traffic
             clock_event(1, "acct_real", "2026-11-24T08:00:00Z"),
             clock_event(2, "acct_real", "2001-01-01T00:00:00Z"),  # 26 years behind the clock
             clock_event(3, "acct_real", "2026-11-25T22:00:00Z"),  # days on, before NOW: real
             clock_event(4, "acct_soon", "2026-11-30T00:55:20Z"),  # 120 s after NOW: client skew
             clock_event(5, "acct_late", "2026-11-25T00:00:00Z")]  # 5 days behind, within the TTL
    items, rejected = runtime.process(0, first, wall=NOW)
    assert [(r.offset, why.code, why.field) for r, why in rejected] == [
        (0, "event_time_ahead", "ts"), (2, "event_time_behind", "ts")]
    assert "2099-01-01T00:00:00Z" in rejected[0][1].detail and "300 s" in rejected[0][1].detail
    stage = runtime.partition(0).stage
    assert set(stage.states) == {"acct_real", "acct_soon", "acct_late"}
    assert stage.clock == decode(first[4].value)["ts_s"]
    assert stage.states["acct_real"].n_events == 2


def test_replay_refuses_what_the_stream_refuses(tmp_path):
    """Events from broken clocks ahead of real traffic: replay gives the alerts of the clean file."""
    from streams.replay import replay_file
    from streams.settings import Settings

    _, lines = smoke_lines()
    hostile = [clock_event(i, account, ts).value.decode() for i, (account, ts) in enumerate([
        ("acct_future", "2099-01-01T00:00:00Z"), ("acct_past", "2001-01-01T00:00:00Z"),
        (orjson.loads(lines[0])["account_id"], "2098-06-01T00:00:00Z")])]
    clean, dirty = tmp_path / "clean.jsonl", tmp_path / "dirty.jsonl"
    clean.write_text("\n".join(lines) + "\n")
    dirty.write_text("\n".join(hostile[:1] + lines[:50] + hostile[1:] + lines[50:]) + "\n")
    outputs = []
    for path in (clean, dirty):
        out = tmp_path / (path.stem + ".alerts")
        with open(out, "wb") as f:
            stats = replay_file(path, f, settings=Settings())
        outputs.append((out.read_bytes(), stats.rejected))
    assert outputs[0][0] and outputs[0][0] == outputs[1][0]
    assert (outputs[0][1], outputs[1][1]) == (0, 3)


def test_the_outbox_sends_many_batches_in_one_record_yet_never_holds_items_long():
    from streams.runtimes import MAX_ITEMS_PER_MESSAGE, Outbox

    box = Outbox(send_interval_s=0.05)
    item = [0, 0, 1.0, 0, ["x"]]
    for i in range(20):  # 20 small batches of two partitions within the interval: nothing sent yet
        assert box.add(i % 2, [item] * 3, [], now=100.0 + i * 0.002) == []
    [record] = box.add(1, [], [5], now=100.051)  # the oldest has waited the interval
    doc = orjson.loads(record)
    assert doc["active"] == [0, 1, 5] and [len(items) for _, items in doc["m"]] == [30, 30]
    assert box.take() == [] and not box.due(1e9)
    records = box.add(2, [item] * MAX_ITEMS_PER_MESSAGE, [], now=200.0)  # a full record: at once
    assert len(records) == 1 and box.since is None
