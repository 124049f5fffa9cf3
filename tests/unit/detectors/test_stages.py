"""The chained stages in one process (replay): deterministic, and it finds the smoke campaigns."""

from __future__ import annotations

import orjson
import pytest

from detectors.stages import AccountStage, ClusterStage, LinkMessage, run
from simulator import Simulation, load_scenario
from simulator.evaluate import evaluate
from streams.decoder import decode
from tests.unit.detectors.conftest import make_event


@pytest.fixture(scope="module")
def smoke():
    simulation = Simulation(load_scenario("smoke"))
    events = [decode(line.encode()) for _, _, line in simulation.records()]
    return events, simulation.truth()


def test_replaying_the_same_input_twice_gives_identical_alerts(smoke):
    events, _ = smoke
    first = [orjson.dumps(a.to_dict()) for a in run(iter(events))]
    second = [orjson.dumps(a.to_dict()) for a in run(iter(events))]
    assert first and first == second


def test_smoke_campaigns_are_found_without_false_positives(smoke):
    events, truth = smoke
    result = evaluate([a.to_dict() for a in run(iter(events))], truth)
    for campaign in result.campaigns:
        assert campaign.recall >= 0.95, campaign
        assert campaign.alert_ids <= 2, campaign
    assert result.benign_fp_rate <= 0.001


def test_account_stage_sends_each_key_once_and_summaries_on_cadence():
    stage, out = AccountStage(), []
    for i in range(4):
        stage.process(make_event("a", ts=1e6 + i, payment_fingerprint="card", system_prompt_hash="sp"), out)
    links = [m for m in out if type(m) is LinkMessage]
    assert [(m.kind, m.value) for m in links if m.kind != "tpl"] == [("pay", "card"), ("sys", "sp")]
    assert [m.n_events for m in out if type(m) is not LinkMessage] == [1, 2, 4]


def test_cluster_stage_scores_on_event_time_not_message_count():
    stage, out = ClusterStage(score_interval_s=60.0), []
    stage.process(LinkMessage("a", "pay", "card", 1000.0), out)
    assert stage.next_scoring == 1060.0
    stage.process(LinkMessage("b", "pay", "card", 1030.0), out)
    assert stage.next_scoring == 1060.0
    stage.process(LinkMessage("c", "pay", "card", 1061.0), out)
    assert stage.next_scoring == 1121.0
