"""Evaluator arithmetic on small hand-made cases."""

from __future__ import annotations

import pytest

from simulator.evaluate import evaluate, format_table

TRUTH = {
    "campaigns": {
        "hydra-1": {"kind": "hydra", "start": "2026-11-20T01:00:00.000Z",
                    "accounts": [f"acct_h{i:02d}" for i in range(10)]},
        "scraper-1": {"kind": "scraper", "start": "2026-11-20T02:00:00.000Z", "accounts": ["acct_s"]},
    },
    "benign_accounts": 1000,
}


def alert(alert_id, ts, accounts, status="firing", scope="cluster", severity="critical"):
    return {"alert_id": alert_id, "ts": ts, "status": status, "scope": scope, "entity_id": alert_id,
            "accounts": accounts, "score": 0.9, "severity": severity, "reasons": []}


def test_recall_precision_latency_and_fp_rate():
    alerts = [
        # a cluster alert spread over two messages; the union counts, each account from its first listing
        alert("c1", "2026-11-20T01:10:00.000Z", [f"acct_h{i:02d}" for i in range(5)] + ["acct_b1"]),
        alert("c1", "2026-11-20T01:30:00.000Z", [f"acct_h{i:02d}" for i in range(3, 9)]),
        # re-listing an account later does not move its flag time
        alert("c1", "2026-11-20T03:00:00.000Z", ["acct_h00"]),
        alert("c1", "2026-11-20T04:00:00.000Z", ["acct_h09"], status="resolved"),  # resolved: not a flag
        alert("a1", "2026-11-20T02:00:30.000Z", ["acct_s"], scope="account"),
        alert("a2", "2026-11-20T02:05:00.000Z", ["acct_b2"], scope="account"),
    ]
    result = evaluate(alerts, TRUTH)
    hydra, scraper = result.campaigns
    assert hydra.flagged == 9 and hydra.recall == pytest.approx(0.9)
    assert hydra.time_to_first_alert_s == 600
    assert hydra.time_to_90pct_s == 1800  # 9 of 10 flagged at 01:30
    assert hydra.alert_ids == 1 and hydra.messages == 4
    assert hydra.precision == pytest.approx(9 / 10)  # acct_b1 rode along in c1
    assert scraper.recall == 1.0 and scraper.time_to_first_alert_s == 30 and scraper.time_to_90pct_s == 30
    assert result.flagged_accounts == 12 and result.true_positive_accounts == 10
    assert result.benign_flagged == 2 and result.benign_fp_rate == pytest.approx(0.002)
    assert result.precision == pytest.approx(10 / 12)
    assert result.recall == pytest.approx(10 / 11)
    assert result.alert_ids == 3 and result.messages == 6
    table = format_table(result)
    assert "hydra-1" in table and "90.0%" in table


def test_counting_only_critical_incidents_flags_them_from_their_escalation():
    alerts = [
        alert("c1", "2026-11-20T01:10:00.000Z", [f"acct_h{i:02d}" for i in range(5)], severity="warning"),
        alert("c1", "2026-11-20T01:20:00.000Z", ["acct_h05"], severity="warning"),
        alert("c1", "2026-11-20T01:40:00.000Z", [], severity="critical"),  # escalation, no new accounts
        alert("c1", "2026-11-20T01:50:00.000Z", ["acct_h06"], severity="critical"),
        alert("a1", "2026-11-20T02:01:00.000Z", [], scope="account", severity="warning"),  # entity acct: see below
        alert("b1", "2026-11-20T02:02:00.000Z", ["acct_b1"], scope="account", severity="warning"),
        alert("b1", "2026-11-20T03:00:00.000Z", [], status="resolved", severity="warning"),
    ]
    alerts[4]["entity_id"] = "acct_s"
    everything = evaluate(alerts, TRUTH)
    assert everything.campaigns[0].flagged == 7 and everything.campaigns[0].time_to_first_alert_s == 600
    assert everything.benign_flagged == 1 and everything.campaigns[1].recall == 1.0
    critical = evaluate(alerts, TRUTH, min_severity="critical")
    hydra, scraper = critical.campaigns
    assert hydra.flagged == 7 and hydra.time_to_first_alert_s == 2400  # all six from the escalation
    assert hydra.time_to_90pct_s is None and hydra.messages == 2
    assert scraper.recall == 0.0 and critical.benign_flagged == 0
    assert critical.alert_ids == 1 and critical.messages == 2
    with pytest.raises(ValueError, match="min_severity"):
        evaluate(alerts, TRUTH, min_severity="info")


def test_nothing_flagged_and_out_of_order_alerts():
    empty = evaluate([], TRUTH)
    assert empty.precision is None and empty.recall == 0
    assert all(c.time_to_first_alert_s is None and c.time_to_90pct_s is None for c in empty.campaigns)
    alerts = [alert("x", "2026-11-20T02:10:00Z", ["acct_s"]), alert("x", "2026-11-20T02:01:00+00:00", ["acct_s"])]
    assert evaluate(alerts, TRUTH).campaigns[1].time_to_first_alert_s == 60


def test_invalid_messages_are_counted_not_fatal():
    result = evaluate([{}, {"alert_id": "a", "ts": "not a time"},
                       {"alert_id": "b", "ts": "2026-11-20T01:00:01.000Z", "scope": "account",
                        "entity_id": "acct_h01", "status": "firing"}], TRUTH)
    assert result.invalid_messages == 2
    assert result.campaigns[0].flagged == 1  # account scope falls back to entity_id
    assert result.to_dict()["campaigns"][0]["campaign_id"] == "hydra-1"


def test_each_cluster_incident_gets_the_share_of_its_accounts_from_its_campaign_and_from_any():
    alerts = [
        alert("c1", "2026-11-20T01:10:00.000Z", [f"acct_h{i:02d}" for i in range(9)] + ["acct_b1"]),
        alert("c2", "2026-11-20T02:10:00.000Z", ["acct_h09", "acct_s"]),  # two campaigns, no benign
        alert("a1", "2026-11-20T02:20:00.000Z", ["acct_b2"], scope="account"),  # account scope: not counted
    ]
    result = evaluate(alerts, TRUTH)
    assert result.cluster_alert_shares == {"c1": 0.9, "c2": 0.5}
    assert result.cluster_alert_share_min == 0.5 and result.cluster_alert_campaign_share_min == 0.9
    assert "lowest share of accounts from their campaign 50.0%, from any campaign 90.0%" in format_table(result)
