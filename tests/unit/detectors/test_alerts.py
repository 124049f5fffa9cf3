"""Alert decisions: hysteresis, one id per incident, cooldown, merges, chunking."""

from __future__ import annotations

from detectors.alerts import MAX_ACCOUNTS_PER_MESSAGE, AlertPolicy, Incidents

POLICY = AlertPolicy(fire=0.8, critical=0.95, resolve=0.6, quiet_s=600, cooldown_s=3600, min_accounts=2)


def statuses(messages):
    return [(m.status, m.severity) for m in messages]


def test_fires_once_then_stays_quiet_while_nothing_changes():
    inc = Incidents("cluster", POLICY)
    first = inc.observe("c", 0.85, 0.0, [], ["a", "b"])
    assert statuses(first) == [("firing", "warning")]
    assert inc.observe("c", 0.9, 10.0, [], ["a", "b"]) == []
    assert inc.observe("c", 0.7, 20.0, [], ["a", "b"]) == []  # between resolve and fire: still open


def test_below_fire_or_too_small_never_opens():
    inc = Incidents("cluster", POLICY)
    assert inc.observe("c", 0.79, 0.0, [], ["a", "b"]) == []
    assert inc.observe("c", 0.99, 0.0, [], ["a"]) == []  # min_accounts


def test_updates_carry_new_accounts_and_escalation_under_the_same_id():
    inc = Incidents("cluster", POLICY)
    [first] = inc.observe("c", 0.85, 0.0, [], ["a", "b"])
    [update] = inc.observe("c", 0.85, 5.0, [], ["a", "b", "c"])
    [escalated] = inc.observe("c", 0.97, 6.0, [], ["a", "b", "c"])
    assert update.accounts == ("c",) and update.alert_id == first.alert_id
    assert escalated.severity == "critical" and escalated.alert_id == first.alert_id


def test_a_caller_may_decide_severity_and_escalate_it_under_the_same_id():
    inc = Incidents("account", POLICY)
    [first] = inc.observe("a", 0.99, 0.0, [], ["a", "b"], critical=False)  # score alone would say critical
    assert first.severity == "warning"
    assert inc.observe("a", 0.99, 5.0, [], ["a", "b"], critical=False) == []
    [escalated] = inc.observe("a", 0.85, 6.0, [], ["a", "b"], critical=True)
    assert (escalated.severity, escalated.alert_id) == ("critical", first.alert_id)


def test_resolves_after_quiet_time_below_the_resolve_threshold():
    inc = Incidents("cluster", POLICY)
    [first] = inc.observe("c", 0.85, 0.0, [], ["a", "b"])
    inc.observe("c", 0.5, 100.0, [], ["a", "b"])
    assert inc.tick(599.0) == []
    [resolved] = inc.tick(600.0)
    assert resolved.status == "resolved" and resolved.alert_id == first.alert_id


def test_refiring_within_the_cooldown_is_the_same_incident_and_after_it_a_new_one():
    inc = Incidents("cluster", POLICY)
    [first] = inc.observe("c", 0.85, 0.0, [], ["a", "b"])
    inc.tick(600.0)
    [again] = inc.observe("c", 0.9, 1000.0, [], ["a", "b"])
    assert again.alert_id == first.alert_id
    inc.tick(1600.0)
    inc.tick(1600.0 + 3601.0)
    [later] = inc.observe("c", 0.9, 9000.0, [], ["a", "b"])
    assert later.alert_id != first.alert_id


def test_merging_two_open_incidents_resolves_the_absorbed_one_with_a_pointer():
    inc = Incidents("cluster", POLICY)
    [small] = inc.observe("s", 0.9, 0.0, [], ["a", "b"])
    [big] = inc.observe("b", 0.9, 0.0, [], ["c", "d", "e"])
    [resolved] = inc.merge("s", "b", 10.0)
    assert resolved.status == "resolved" and resolved.alert_id == small.alert_id
    assert resolved.evidence["merged_into"] == "b"
    assert inc.observe("b", 0.9, 20.0, [], ["a", "b", "c", "d", "e"]) == []  # accounts already known


def test_merging_into_a_quiet_cluster_carries_the_incident_over():
    inc = Incidents("cluster", POLICY)
    [first] = inc.observe("s", 0.9, 0.0, [], ["a", "b"])
    assert inc.merge("s", "b", 10.0) == []
    [update] = inc.observe("b", 0.9, 20.0, [], ["a", "b", "c"])
    assert update.alert_id == first.alert_id and update.accounts == ("c",)


def test_large_account_lists_are_spread_over_messages_with_one_id():
    inc = Incidents("cluster", POLICY)
    accounts = [f"acct{i}" for i in range(2 * MAX_ACCOUNTS_PER_MESSAGE + 1)]
    messages = inc.observe("c", 0.9, 0.0, [], accounts)
    assert len(messages) == 3 and len({m.alert_id for m in messages}) == 1
    assert sorted(a for m in messages for a in m.accounts) == sorted(accounts)


def test_to_dict_follows_the_output_contract():
    inc = Incidents("account", POLICY)
    [m] = inc.observe("acct", 0.9, 1795162502.123, [{"signal": "volume", "detail": "x"}], ["acct", "acct2"])
    d = m.to_dict()
    assert set(d) >= {"alert_id", "ts", "status", "scope", "entity_id", "accounts", "score", "severity", "reasons"}
    assert d["ts"] == "2026-11-20T08:15:02.123Z" and d["scope"] == "account" and 0 <= d["score"] <= 1


def test_every_account_scope_message_lists_its_account():
    """The contract: an account alert's `accounts` is that account, on its escalation and its
    resolution too (an escalation used to carry `accounts: []`)."""
    inc = Incidents("account", AlertPolicy(fire=0.8, critical=0.95, resolve=0.6, quiet_s=600, cooldown_s=3600))
    opened = inc.observe("acct_1", 0.85, 0.0, [], ["acct_1"], critical=False)
    escalated = inc.observe("acct_1", 0.99, 60.0, [], ["acct_1"], critical=True)
    resolved = inc.tick(1000.0)
    assert [m.severity for m in escalated] == ["critical"]
    assert [m.accounts for m in opened + escalated + resolved] == [("acct_1",)] * 3
