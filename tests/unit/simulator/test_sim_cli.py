"""The click commands end to end on files (no Kafka)."""

from __future__ import annotations

import orjson
from click.testing import CliRunner

from streams.simulate_cli import baseline, evaluate, simulate


def test_simulate_baseline_evaluate_roundtrip(tmp_path):
    runner = CliRunner()
    events, truth = tmp_path / "events.jsonl", tmp_path / "truth.json"
    result = runner.invoke(simulate, ["--scenario", "smoke", "--hours", "2", "--seed", "3",
                                      "--out", str(events), "--truth", str(truth)])
    assert result.exit_code == 0, result.output
    truth_doc = orjson.loads(truth.read_bytes())
    lines = events.read_bytes().splitlines()
    assert len(lines) == truth_doc["events"] > 1000
    assert truth_doc["seed"] == 3 and truth_doc["end"] == "2026-11-20T02:00:00.000Z"

    alerts = tmp_path / "alerts.jsonl"
    result = runner.invoke(baseline, ["--kind", "cot", "--input", str(events), "--alerts-out", str(alerts),
                                      "--threshold", "0.6"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(evaluate, ["--truth", str(truth), "--alerts", str(alerts), "--json"])
    assert result.exit_code == 0, result.output
    report = orjson.loads(result.output)
    assert {c["campaign_id"] for c in report["campaigns"]} == set(truth_doc["campaigns"])
    assert report["alert_ids"] == len(alerts.read_bytes().splitlines())
    table = runner.invoke(evaluate, ["--truth", str(truth), "--alerts", str(alerts)])
    assert "recall" in table.output


def test_simulate_paced_to_stdout(tmp_path):
    truth = tmp_path / "truth.json"
    result = CliRunner().invoke(simulate, ["--scenario", "smoke", "--hours", "0.05", "--speed", "3600",
                                           "--out", "-", "--truth", str(truth)])
    assert result.exit_code == 0
    assert len([line for line in result.stdout.splitlines() if line.startswith("{")]) == \
        orjson.loads(truth.read_bytes())["events"]
