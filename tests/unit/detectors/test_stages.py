"""The chained stages in one process (replay): deterministic, and it finds the smoke campaigns."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import orjson
import pytest

from detectors.features import AccountSummary
from detectors.stages import AccountStage, ClusterStage, LinkMessage, from_wire, run, to_wire
from simulator import Simulation, load_scenario
from simulator.evaluate import evaluate
from streams.decoder import decode
from tests.unit.detectors.conftest import make_event

FORMATS = Path(__file__).parents[2] / "fixtures" / "formats" / "0.1.0" / "internal-record.json"


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
    alerts = [a.to_dict() for a in run(iter(events))]
    result = evaluate(alerts, truth)
    # Fragments of a swarm that fired before they linked end merged into its incident.
    merged = {a["alert_id"] for a in alerts if (a.get("evidence") or {}).get("merged_into")}
    for campaign in result.campaigns:
        assert campaign.recall >= 0.95, campaign
        accounts = set(truth["campaigns"][campaign.campaign_id]["accounts"])
        incidents = {a["alert_id"] for a in alerts if a["status"] == "firing" and accounts & set(a["accounts"])}
        assert len(incidents - merged) <= 2, campaign
    assert result.benign_fp_rate <= 0.001
    assert result.cluster_alert_share_min == 1.0  # no cluster incident names a benign account


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


# -- state TTL ----------------------------------------------------------------------------------

def test_an_account_idle_past_the_ttl_starts_afresh_and_reports_its_keys_again():
    stage, out = AccountStage(ttl_s=1000.0), []
    card = dict(payment_fingerprint="card", system_prompt_hash=None)
    stage.process(make_event("a", ts=1e6, **card), out)
    stage.process(make_event("a", ts=1e6 + 1000.0, **card), out)  # exactly the TTL: kept
    assert stage.states["a"].n_events == 2
    out.clear()
    stage.process(make_event("a", ts=1e6 + 2000.5, **card), out)  # idle 1000.5 s: fresh
    assert stage.states["a"].n_events == 1
    assert [(m.kind, m.value) for m in out if type(m) is LinkMessage and m.kind == "pay"] == [("pay", "card")]


def test_the_cluster_stage_reports_when_it_last_forgot_idle_accounts():
    stage, out = ClusterStage(account_ttl_s=1000.0), []
    assert stage.expired_through == float("-inf")  # nothing seen yet
    stage.process(LinkMessage("a", "pay", "card", 1e6), out)
    stage.process(LinkMessage("b", "pay", "card", 1e6 + 1800.0), out)
    assert stage.expired_through == 1e6  # the first message opens the hourly schedule
    stage.process(LinkMessage("c", "pay", "card", 1e6 + 3600.0 + 5.0), out)  # the first forgetting
    assert stage.expired_through == 1e6 + 3605.0


def test_dropping_expired_states_never_changes_what_the_stage_sends(smoke):
    events, _ = smoke
    kept, swept = AccountStage(ttl_s=1800.0), AccountStage(ttl_s=1800.0)
    out_kept, out_swept, dropped = [], [], 0
    for n, event in enumerate(events):
        kept.process(event, out_kept)
        swept.process(event, out_swept)
        if n % 500 == 0:
            dropped += len(swept.expire())
    assert dropped > 1000  # the sweep did drop states...
    assert out_swept == out_kept  # ...and the messages are the same
    assert len(swept.states) < len(kept.states)


def soak_sizes(ttl_s: float) -> tuple[list[dict], list]:
    """Replay a quarter of the `soak` scenario (ten days, a turning-over population), recording
    state sizes next to the number of accounts active within the TTL (from the events)."""
    simulation = Simulation(load_scenario("soak", accounts_scale=0.25))
    last_seen: dict[str, float] = {}
    samples: list[dict] = []

    def events():
        for _, _, line in simulation.records():
            event = decode(line.encode())
            last_seen[event["account_id"]] = event["ts_s"]
            yield event

    def probe(account_stages, cluster_stage) -> None:
        now = max(stage.clock for stage in account_stages)
        for stage in account_stages:
            stage.expire()
        samples.append({
            "day": (now - simulation.scenario.start_ms / 1000) / 86400,
            "states": sum(len(stage.states) for stage in account_stages),
            "members": len(cluster_stage.members),
            "graph_nodes": len(cluster_stage.graph.parent),
            "keys": len(cluster_stage.graph.keys),
            "active_ttl": sum(1 for t in last_seen.values() if t >= now - ttl_s - 3600),
            # the cluster stage sweeps hourly, at its own watermark (behind: the sequencer waits)
            "active_1.5ttl": sum(1 for t in last_seen.values() if t >= cluster_stage.watermark - 1.5 * ttl_s - 3600),
        })

    alerts = run(events(), ttl_s=ttl_s, probe=probe, probe_every=2000)
    return samples, alerts


def test_soak_state_stays_within_the_accounts_active_in_the_ttl_while_without_it_grows():
    bounded, alerts = soak_sizes(86400.0)
    unbounded, alerts_unbounded = soak_sizes(1e12)
    assert bounded[-1]["day"] > 9.5
    for s in bounded:
        assert s["states"] <= s["active_ttl"], s
        assert s["graph_nodes"] <= s["members"] <= s["active_1.5ttl"], s
    late = [s for s in bounded if s["day"] >= 5]
    assert max(s["states"] for s in late) <= 0.35 * unbounded[-1]["states"]
    assert max(s["members"] for s in late) <= 0.4 * unbounded[-1]["members"]
    assert max(s["keys"] for s in late) <= 0.5 * unbounded[-1]["keys"]
    # Without the TTL, state is every account ever seen: it keeps growing through the run.
    assert unbounded[-1]["states"] >= 2 * max(s["states"] for s in unbounded if s["day"] <= 4)
    # Detection still works on day 9 after days of churn and eviction: every campaign account the
    # unbounded state flags, and no account it does not flag (eviction adds no false positive).
    truth = simulation_truth("soak", 0.25)
    result, reference = (evaluate([a.to_dict() for a in found], truth) for found in (alerts, alerts_unbounded))
    assert [c.recall for c in result.campaigns] == [c.recall for c in reference.campaigns] == [1.0, 1.0]
    assert flagged(alerts) <= flagged(alerts_unbounded)
    assert result.benign_flagged <= reference.benign_flagged


def flagged(alerts) -> set[str]:
    return {account for a in alerts if a.status == "firing" for account in a.accounts}


def simulation_truth(name: str, scale: float) -> dict:
    simulation = Simulation(load_scenario(name, accounts_scale=scale))
    for _ in simulation.records():
        pass
    return simulation.truth()


def test_a_redelivered_event_moves_the_clock_and_catalog_as_its_first_application_did(smoke):
    events, _ = smoke
    whole, crashed = AccountStage(), AccountStage()
    out: list = []
    for event in events[:3000]:
        whole.process(event, out)
        crashed.process(event, out)
    # The crash lost the partition's clock and catalog but not the accounts (stored per account).
    crashed.clock, crashed.catalog = float("-inf"), type(crashed.catalog)()
    for event in events[:3000]:
        crashed.replayed(event)
    assert crashed.clock == whole.clock
    assert crashed.catalog.to_dict() == whole.catalog.to_dict()


# The summary's wire slots as release 0.1.0 wrote them (tests/fixtures/formats/0.1.0/internal-record.json).
SUMMARY_SLOTS_0_1_0 = (
    "account_id", "ts", "first_ts", "age_days", "n_events", "rate_1h", "rate_1d", "output_per_request",
    "output_input_ratio", "cot_mean", "thinking_share", "tool_share", "multi_turn_share", "error_share",
    "throttled_share", "new_model_share", "narrow_task_share", "task_concentration", "template_repetition",
    "hour_entropy", "gap_regularity", "baseline_shift", "payment", "org", "system_prompt", "network")


def test_summary_features_are_only_appended_and_with_a_default():
    """A feature inserted, moved or appended without a default would misread every summary an
    earlier release wrote (the wire slots are the fields' order)."""
    fields = dataclasses.fields(AccountSummary)
    assert tuple(f.name for f in fields[:len(SUMMARY_SLOTS_0_1_0)]) == SUMMARY_SLOTS_0_1_0
    assert all(f.default is not dataclasses.MISSING for f in fields[len(SUMMARY_SLOTS_0_1_0):])
    record = [m for _, _, _, _, m in orjson.loads(FORMATS.read_bytes())["m"][0][1] if m[0] == "S"][0]
    appended = [f.default for f in fields[len(SUMMARY_SLOTS_0_1_0):]]
    assert to_wire(from_wire(record)) == record + appended  # decoded with the appended features' defaults


def test_a_summary_names_the_client_product_of_the_account_s_latest_requests():
    stage, out = AccountStage(), []
    for i, agent in enumerate(("anthropic-python/0.74.1", "LangChain/0.3.1 (linux)")):
        stage.process(make_event("a", ts=1e6 + i, user_agent=agent), out)
    assert [m.client for m in out if type(m) is AccountSummary] == ["anthropic-python", "langchain"]


def test_an_established_account_reports_more_first_prompts_in_passing_than_a_young_one():
    """Pools are found among established accounts: an aged fleet's accounts each draw a dozen tasks,
    so an established account's first 16 prompts reach the graph; a young account's first 4 (its
    greetings), so a swarm's run templates are not buried under in-passing holders."""
    from detectors.stages import WEAK_TEMPLATE_EVENTS, YOUNG_TEMPLATE_EVENTS

    def templates_sent(created_s: float) -> int:
        stage, out = AccountStage(), []
        for i in range(30):  # distinct prompts, none repeated
            stage.process(make_event("a1", ts=400 * 86400.0 + 60.0 * i, account_created_s=created_s,
                                     prompt_simhash_int=(i + 1) * 0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF), out)
        return sum(1 for m in out if type(m) is LinkMessage and m.kind == "tpl")

    assert (templates_sent(0.0), templates_sent(400 * 86400.0 - 3600.0)) == (WEAK_TEMPLATE_EVENTS, YOUNG_TEMPLATE_EVENTS)
    assert WEAK_TEMPLATE_EVENTS > YOUNG_TEMPLATE_EVENTS


def test_a_greeting_too_short_to_say_one_author_links_no_one():
    """New users' first "hi" and a swarm's warm-up ping share a near-duplicate by chance: a prompt
    under TEMPLATE_MIN_TOKENS reports no template, a longer one (a template with slots) does."""
    from detectors.stages import TEMPLATE_MIN_TOKENS

    def templates_sent(input_tokens: int) -> int:
        stage, out = AccountStage(), []
        for account in ("new-user", "swarm-account"):
            stage.process(make_event(account, ts=1e6, account_created_s=1e6 - 60.0, input_tokens=input_tokens,
                                     prompt_simhash_int=0x6FEB099660ED775A), out)
        return sum(1 for m in out if type(m) is LinkMessage and m.kind == "tpl")

    assert templates_sent(6) == 0
    assert templates_sent(TEMPLATE_MIN_TOKENS) == 2


def test_an_account_rotating_through_networks_reports_the_pairs_it_moves_between():
    """From its 4th request (when rotation shows) to its NETWORK_PAIR_EVENTS-th, an account whose
    requests mostly come from another autonomous system than the one before reports each pair
    of networks it moves between; one that stays, or moves between home and office, none."""
    from detectors.stages import NETWORK_PAIR_EVENTS

    def pairs_sent(asns: list[int]) -> list[str]:
        stage, out = AccountStage(), []
        for i, asn in enumerate(asns):
            stage.process(make_event("a", ts=1e6 + 60.0 * i, asn=asn), out)
        return [m.value for m in out if type(m) is LinkMessage and m.kind == "net"]

    rotating = [7018, 7922, 20115, 7018, 22773, 209, 701, 7922, 6805, 209, 28573, 701, 7018, 20115, 22773]
    moves = zip(rotating[2:NETWORK_PAIR_EVENTS - 1], rotating[3:NETWORK_PAIR_EVENTS])  # requests 4 to 12
    expected = [f"{min(a, b)}-{max(a, b)}" for a, b in moves]
    assert pairs_sent(rotating) == expected
    assert pairs_sent([7018] * 15) == []
    assert pairs_sent([7922] * 5 + [16509] * 5 + [7922] * 5) == []  # home, office, home
    assert pairs_sent([7018, None, 7922, None, 209, None, 701, None]) == []  # no ASN known: no pair
