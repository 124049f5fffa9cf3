"""`hydrawatch replay` end to end on a small simulated file (no Kafka)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from simulator import Simulation, load_scenario
from simulator.contract import parse_ts
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


def test_replay_is_identical_across_processes_with_different_hash_seeds(tmp_path):
    """Backtests must give the stream's answers: nothing may depend on str hash order."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[3]
    events = tmp_path / "events.jsonl"
    with open(events, "w") as f:
        for _, _, line in Simulation(load_scenario("smoke")).records():
            f.write(line + "\n")
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"alerts-{hash_seed}.jsonl"
        subprocess.run([sys.executable, "-m", "streams.cli", "replay", "--input", str(events), "--alerts-out", str(out)],
                       cwd=repo, env=dict(os.environ, PYTHONHASHSEED=hash_seed), check=True, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] and outputs[0] == outputs[1]


def test_replay_gc_setting_changes_no_alert_and_is_restored():
    """Replay makes cyclic collections rarer for speed: results must not depend on them."""
    import gc

    from detectors.stages import run
    from streams.decoder import decode
    from streams.replay import REPLAY_GC_THRESHOLD, replay_gc

    lines = [line.encode() for _, _, line in Simulation(load_scenario("smoke")).records()]
    before = gc.get_threshold()
    expected = [a.to_dict() for a in run(decode(line) for line in lines)]
    with replay_gc():
        assert gc.get_threshold() == REPLAY_GC_THRESHOLD
        tuned = [a.to_dict() for a in run(decode(line) for line in lines)]
    assert gc.get_threshold() == before
    assert tuned == expected and expected


def test_account_margins_set_when_a_lone_account_alerts_and_how_severe(tmp_path):
    simulation = Simulation(load_scenario("smoke"))
    events = tmp_path / "events.jsonl"
    events.write_text("".join(line + "\n" for _, _, line in simulation.records()))

    def account_alerts(*options: str, out: Path = tmp_path / "alerts.jsonl") -> list[dict]:
        result = CliRunner().invoke(cli, ["replay", "--input", str(events), "--alerts-out", str(out), *options])
        assert result.exit_code == 0, result.output
        return [m for m in map(orjson.loads, out.read_bytes().splitlines()) if m["scope"] == "account"]

    # A warning at 1x the population's top 0.1% (of accounts' peaks), critical at 1.5x: smoke's
    # scraper reaches about 1.5-2x the heaviest benign peaks within the scenario.
    tiers = account_alerts("--account-critical-margin", "1.5", out=tmp_path / "tiers.jsonl")
    assert [m["severity"] for m in tiers] == ["warning", "critical"]
    assert len({m["alert_id"] for m in tiers}) == 1  # the escalation updates the same incident
    assert any(r["signal"] == "harvest_volume" for r in tiers[0]["reasons"])
    assert [m["severity"] for m in account_alerts(out=tmp_path / "default.jsonl")] == ["warning"]  # 3x: not reached
    late = account_alerts("--account-volume-margin", "1.5", "--account-critical-margin", "1.5")
    assert [m["severity"] for m in late] == ["critical"]
    assert late[0]["ts"] == tiers[1]["ts"] > tiers[0]["ts"]
    refused = CliRunner().invoke(cli, ["replay", "--input", str(events), "--alerts-out", str(tmp_path / "x"),
                                       "--account-volume-margin", "4"])
    assert refused.exit_code == 2 and "--account-critical-margin" in refused.output
    # `evaluate --min-severity critical` counts the lone account from its escalation.
    truth = tmp_path / "truth.json"
    truth.write_bytes(orjson.dumps(simulation.truth()))

    def scraper_first_alert_s(severity: str) -> float:
        result = CliRunner().invoke(cli, ["evaluate", "--truth", str(truth), "--alerts", str(tmp_path / "tiers.jsonl"),
                                          "--json", "--min-severity", severity])
        assert result.exit_code == 0, result.output
        [scraper] = [c for c in orjson.loads(result.output)["campaigns"] if c["kind"] == "scraper"]
        return scraper["time_to_first_alert_s"]

    warned, critical = scraper_first_alert_s("warning"), scraper_first_alert_s("critical")
    assert parse_ts(tiers[0]["ts"]) < parse_ts(tiers[1]["ts"])
    assert critical - warned == pytest.approx((parse_ts(tiers[1]["ts"]) - parse_ts(tiers[0]["ts"])) / 1000)


def test_a_period_dated_after_today_replays_with_its_own_wall_clock(tmp_path):
    """Read now, traffic dated next year leads the wall clock and is refused, as a live worker
    refuses it, and the command says why; with `--wall-clock` at the period's end it is replayed
    as the workers read it live."""
    scenario = load_scenario("smoke", hours=1, start="2027-06-01T00:00:00Z")
    events = tmp_path / "events.jsonl"
    events.write_text("".join(line + "\n" for _, _, line in Simulation(scenario).records()))
    n = len(events.read_text().splitlines())
    runner = CliRunner()
    now = runner.invoke(cli, ["replay", "--input", str(events), "--alerts-out", str(tmp_path / "a.jsonl")])
    assert now.exit_code == 0, now.output
    assert f"({n:,} rejected)" in now.output and "see --wall-clock" in now.output
    then = runner.invoke(cli, ["replay", "--input", str(events), "--alerts-out", str(tmp_path / "b.jsonl"),
                               "--wall-clock", "2027-06-01T01:00:00Z"])
    assert then.exit_code == 0, then.output
    assert "(0 rejected)" in then.output and "--wall-clock" not in then.output
    bad = runner.invoke(cli, ["replay", "--input", str(events), "--alerts-out", "-", "--wall-clock", "soon"])
    assert bad.exit_code == 2 and "not an ISO-8601 time" in bad.output
