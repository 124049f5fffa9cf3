"""The generator: determinism, contract validity, ordering, knobs, and no label leakage."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

import pytest

from simulator import Simulation, load_scenario, parse_scenario
from simulator.contract import parse_ts, validate_event
from simulator.output import write_jsonl
from tests.unit.simulator.conftest import owner_map


def digest(**overrides) -> str:
    simulation = Simulation(load_scenario("smoke", **overrides))
    sha = hashlib.sha256()
    for _, _, line in simulation.records():
        sha.update(line.encode())
    return sha.hexdigest()


def test_same_seed_same_bytes_different_seed_different():
    assert digest(hours=1) == digest(hours=1)
    assert digest(hours=1, seed=8) != digest(hours=1)


def test_jsonl_output_is_byte_identical(tmp_path):
    paths = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    for path in paths:
        with open(path, "wb") as out:
            write_jsonl(Simulation(load_scenario("smoke", hours=1)).records(), out)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes().endswith(b"}\n")


def test_every_smoke_event_is_valid(smoke_run):
    _, events, truth = smoke_run
    assert 40_000 <= len(events) <= 150_000
    problems = [(e["event_id"], validate_event(e)) for e in events if validate_event(e)]
    assert problems == []
    assert len({e["event_id"] for e in events}) == len(events)
    assert truth["events"] == len(events)


def test_events_in_event_time_order_within_run(smoke_run):
    _, events, truth = smoke_run
    times = [parse_ts(e["ts"]) for e in events]
    assert times == sorted(times)
    assert times[0] >= parse_ts(truth["start"]) and times[-1] < parse_ts(truth["end"])
    for event in events[:2000]:
        assert parse_ts(event["account_created_at"]) <= parse_ts(event["ts"])


def test_error_statuses_have_no_output(smoke_run):
    _, events, _ = smoke_run
    errors = [e for e in events if e["status"] != 200]
    assert errors and all(e["output_tokens"] == 0 for e in errors)


def test_truth_maps_every_account(smoke_run):
    _, events, truth = smoke_run
    owners = owner_map(truth)
    active = {e["account_id"] for e in events}
    assert set(owners) <= active
    assert len(active) - len(owners) == truth["benign_accounts"] == sum(truth["personas"].values())
    assert set(truth["campaigns"]) == {"hydra-1", "sync-1", "aged-1", "scraper-1"}
    assert truth["model_release"]["model"] == "claude-next-5"


def test_no_label_leaks(smoke_run):
    lines, events, truth = smoke_run
    blob = "\n".join(lines[:: max(1, len(lines) // 5000)])
    for campaign_id, campaign in truth["campaigns"].items():
        assert campaign_id not in blob and campaign["kind"] not in blob
    pattern = re.compile(r"^acct_[0-9a-f]{12}$")
    assert all(pattern.match(e["account_id"]) for e in events)
    assert set(events[0]) == set(validate_fields())


def validate_fields():
    from simulator.contract import FIELDS

    return FIELDS


def test_campaigns_respect_start(smoke_run):
    _, events, truth = smoke_run
    owners = owner_map(truth)
    first = {}
    for event in events:
        campaign = owners.get(event["account_id"])
        if campaign and campaign not in first:
            first[campaign] = parse_ts(event["ts"])
    for campaign_id, campaign in truth["campaigns"].items():
        assert first[campaign_id] >= parse_ts(campaign["start"]), campaign_id


def test_hydra_counts_inside_benign_light_user_range(smoke_run):
    _, events, truth = smoke_run
    owners = owner_map(truth)
    per_account = Counter(e["account_id"] for e in events)
    hydra = [per_account[a] for a in truth["campaigns"]["hydra-1"]["accounts"]]
    low, high = truth["campaigns"]["hydra-1"]["params"]["requests_per_account"]
    assert all(n <= high for n in hydra) and sorted(hydra)[len(hydra) // 2] >= low
    benign = sorted(n for a, n in per_account.items() if a not in owners)
    assert max(hydra) <= benign[int(0.9 * len(benign))], "hydra accounts must look light"


def test_size_knob_and_accounts_scale():
    raw = {"hours": 2, "personas": {"casual": 50},
           "campaigns": [{"kind": "hydra", "id": "h", "accounts": 77, "start_hour": 0.5, "ramp_hours": 0.5,
                          "lifetime_hours": [0.5, 1.0], "requests_per_account": [2, 4]}]}
    simulation = Simulation(parse_scenario(raw))
    for _ in simulation.records():
        pass
    assert len(simulation.truth()["campaigns"]["h"]["accounts"]) == 77
    scaled = parse_scenario(raw, accounts_scale=2.0)
    assert scaled.campaigns[0]["accounts"] == 154 and scaled.personas["casual"]["count"] == 100


def test_start_knob_no_campaign_events_before_start():
    raw = {"hours": 3, "personas": {"casual": 20},
           "campaigns": [{"kind": "sync_fleet", "id": "s", "accounts": 10, "start_hour": 1.25, "period_minutes": 5,
                          "jitter_seconds": 2},
                         {"kind": "scraper", "id": "x", "start_hour": 2.0, "duration_hours": 0.5}]}
    simulation = Simulation(parse_scenario(raw))
    events = list(simulation.events())
    truth = simulation.truth()
    owners = owner_map(truth)
    start = parse_ts(truth["start"])
    sync_times = [parse_ts(e["ts"]) - start for e in events if owners.get(e["account_id"]) == "s"]
    assert min(sync_times) >= 1.25 * 3_600_000
    # synchronised rounds: every request lands within jitter_seconds of a 5-minute round
    assert all((t - 4_500_000) % 300_000 <= 2000 for t in sync_times)
    scraper = [parse_ts(e["ts"]) - start for e in events if owners.get(e["account_id"]) == "x"]
    assert 2 * 3_600_000 <= min(scraper) and max(scraper) < 2.5 * 3_600_000


def test_unknown_knob_is_rejected():
    raw = {"hours": 1, "campaigns": [{"kind": "hydra", "accounts": 5, "acounts_per_card": [2, 3]}]}
    with pytest.raises(ValueError, match="unknown parameters"):
        Simulation(parse_scenario(raw))


def test_benign_population_overlaps_campaign_features(smoke_run):
    """Single features must not separate campaigns from benign users."""
    _, events, truth = smoke_run
    owners = owner_map(truth)
    benign = [e for e in events if e["account_id"] not in owners]
    accounts_by = defaultdict(set)
    for e in benign:
        accounts_by["sp", e["system_prompt_hash"]].add(e["account_id"])
        accounts_by["ip", e["client_ip"]].add(e["account_id"])
    shared_prompt = max(len(v) for k, v in accounts_by.items() if k[0] == "sp" and k[1])
    shared_ip = max(len(v) for k, v in accounts_by.items() if k[0] == "ip")
    assert shared_prompt >= 100  # the IDE agent's system prompt
    assert shared_ip >= 10  # NAT gateways
    high_cot = {e["account_id"] for e in benign if e["cot_elicitation"] > 0.7}
    assert len(high_cot) >= 20  # researchers and curious users
    assert any(e["endpoint"] == "batch" for e in benign)
    assert any(e["payment_fingerprint"] is None for e in benign)
    young = {e["account_id"] for e in benign
             if parse_ts(e["ts"]) - parse_ts(e["account_created_at"]) < 3 * 86_400_000}
    assert len(young) >= 20  # free tier sign-ups


def test_new_model_adoption(smoke_run):
    _, events, truth = smoke_run
    owners = owner_map(truth)
    release = parse_ts(truth["model_release"]["ts"])
    new_model = truth["model_release"]["model"]
    assert all(e["model"] != new_model for e in events if parse_ts(e["ts"]) < release)
    after = [e for e in events if parse_ts(e["ts"]) >= release + 3_600_000]
    hydra = [e for e in after if owners.get(e["account_id"]) == "hydra-1"]
    benign = [e for e in after if e["account_id"] not in owners]
    hydra_share = sum(e["model"] == new_model for e in hydra) / len(hydra)
    benign_share = sum(e["model"] == new_model for e in benign) / len(benign)
    assert hydra_share > 0.5 and 0.0 < benign_share < hydra_share


def test_hydra_shares_cards_and_templates(smoke_run):
    _, events, truth = smoke_run
    members = set(truth["campaigns"]["hydra-1"]["accounts"])
    cards = defaultdict(set)
    for e in events:
        if e["account_id"] in members and e["payment_fingerprint"]:
            cards[e["payment_fingerprint"]].add(e["account_id"])
    assert len(cards) <= len(members) // 10
