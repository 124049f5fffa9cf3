"""`hydrawatch replay` end to end on a small simulated file (no Kafka)."""

from __future__ import annotations

import orjson
from click.testing import CliRunner

from simulator import Simulation, load_scenario
from streams.cli import cli


def test_replay_writes_contract_alerts_and_counts_rejects(tmp_path):
    simulation = Simulation(load_scenario("smoke"))
    events = tmp_path / "events.jsonl"
    with open(events, "w") as f:
        for _, _, line in simulation.records():
            f.write(line + "\n")
        f.write("{not json}\n")
    alerts = tmp_path / "alerts.jsonl"
    result = CliRunner().invoke(cli, ["replay", "--input", str(events), "--alerts-out", str(alerts)])
    assert result.exit_code == 0, result.output
    assert "(1 rejected)" in result.output
    messages = [orjson.loads(line) for line in alerts.read_bytes().splitlines()]
    assert messages, "the smoke campaigns raise alerts"
    for m in messages:
        assert m["status"] in ("firing", "resolved") and m["scope"] in ("account", "cluster")
        assert 0.0 <= m["score"] <= 1.0 and m["severity"] in ("warning", "critical")
        assert all({"signal", "detail"} <= set(r) for r in m["reasons"])
