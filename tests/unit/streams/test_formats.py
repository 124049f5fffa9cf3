"""Stored and wire formats carry a version; what an earlier release wrote is still read."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from detectors.features import AccountState
from streams import snapshots
from streams.runtimes import (INTERNAL_RECORD_VERSION, AccountPartition, ClusterRuntime, UnsupportedFormat,
                              cluster_records, idle_record, unpack_account)

RELEASES = sorted((Path(__file__).parents[2] / "fixtures" / "formats").glob("*/"))


def test_there_is_a_fixture_of_every_format_from_a_release():
    assert RELEASES and all((d / name).is_file() for d in RELEASES for name in (
        "account-state.bin", "account-state.key", "partition-state.json", "internal-record.json",
        "cluster-snapshot.bin", "cluster-snapshot-head.json"))


def snapshot_records(release: Path, **head_changes) -> list:
    """The release's cluster-stage snapshot as the snapshot topic holds it: (offset, key, value)."""
    head = dict(orjson.loads((release / "cluster-snapshot-head.json").read_bytes()), **head_changes)
    payload = (release / "cluster-snapshot.bin").read_bytes()
    size = snapshots.CHUNK_BYTES
    return [*((o, f"{head['slot']}/{i}".encode(), payload[i * size:(i + 1) * size])
              for i, o in enumerate(head["offsets"])),
            (head["offsets"][-1] + 1, f"{head['slot']}/head".encode(), orjson.dumps(head))]


@pytest.mark.parametrize("release", RELEASES, ids=lambda d: d.name)
def test_what_a_release_stored_is_read_by_this_one(release):
    offset, state = unpack_account((release / "account-state.bin").read_bytes())
    assert offset >= 0 and state.n_events >= 1 and state.last_ts >= state.first_ts > 1.7e9
    if release.name == "0.1.0":  # account state version 2, summaries of 26 slots: no client yet
        assert state.client == "" and state.summary("a").client == ""
    part = AccountPartition.from_doc(orjson.loads((release / "partition-state.json").read_bytes()), 604800.0)
    assert part.accounts > 0 and part.stage.clock > 1.7e9 and part.stage.catalog.to_dict()["first_seen"]
    cluster, alerts = ClusterRuntime(8), []
    cluster.apply((release / "internal-record.json").read_bytes(), alerts)
    assert cluster.sequencer.pending + cluster.sequencer.duplicates > 0 or cluster.stage.summaries
    loaded = snapshots.latest(snapshot_records(release))
    assert loaded.failures == [] and loaded.runtime.next_offset == loaded.head["next_offset"] > 0
    assert len(loaded.runtime.stage.members) > 10
    if release.name == "0.1.0":
        assert {s.client for s in loaded.runtime.stage.members.values()} == {""}  # the appended default
    loaded.runtime.apply((release / "internal-record.json").read_bytes(), alerts)  # and it goes on


def test_this_release_writes_the_versions_it_reads():
    assert orjson.loads(cluster_records({0: []})[0])["v"] == 2 == orjson.loads(idle_record([1]))["v"]  # network pairs
    assert AccountPartition.from_doc(None, 1.0).state_doc()["v"] == 1


def test_a_newer_format_stops_the_reader_instead_of_being_skipped():
    release = RELEASES[-1]
    value = bytearray((release / "account-state.bin").read_bytes())
    value[8] = AccountState.FORMAT_VERSION + 1  # the state's version byte, after the 8-byte offset
    with pytest.raises(UnsupportedFormat, match="account state format version"):
        unpack_account(bytes(value))
    doc = dict(orjson.loads((release / "partition-state.json").read_bytes()), v=2)
    with pytest.raises(UnsupportedFormat, match="partition-state format version 2"):
        AccountPartition.from_doc(doc, 604800.0)
    record = dict(orjson.loads((release / "internal-record.json").read_bytes()), v=INTERNAL_RECORD_VERSION + 1)
    with pytest.raises(UnsupportedFormat, match=f"internal record format version {INTERNAL_RECORD_VERSION + 1}"):
        ClusterRuntime(8).apply_records([type("R", (), {"offset": 0, "value": orjson.dumps(record)})()], [])
    loaded = snapshots.latest(snapshot_records(release, v=snapshots.SNAPSHOT_VERSION + 1))
    assert loaded.runtime is None and "cannot be read by this release: SnapshotRejected: format v2" in loaded.refusal()
