"""Every registered link kind links, counts against its own cap, and is named in alerts: these run
over `LINK_KINDS`, so a new entry is tested by them as it is added."""

from __future__ import annotations

import pytest

from detectors.clusters import ClusterScorer
from detectors.link_kinds import EXACT_KINDS, LINK_KINDS, NETWORK_PAIR, TEMPLATE, KeyPolicy, LinkKind
from detectors.linking import DEFAULT_POLICIES, LinkGraph
from detectors.stages import AccountStage, ClusterStage, LinkMessage
from tests.unit.detectors.conftest import DAY, make_event
from tests.unit.detectors.test_clusters import summary


def test_prefixes_are_unique_and_every_kind_has_its_policy():
    assert len({k.prefix for k in LINK_KINDS}) == len(LINK_KINDS)
    assert DEFAULT_POLICIES == {k.prefix: k.policy for k in LINK_KINDS}
    # near-duplicates (one kind) and network pairs, derived from consecutive requests
    assert [k for k in LINK_KINDS if k.field is None] == [TEMPLATE, NETWORK_PAIR]


@pytest.mark.parametrize("kind", EXACT_KINDS, ids=lambda k: k.prefix)
def test_an_exact_kind_links_the_accounts_sharing_a_value_through_both_stages(kind):
    accounts, out = AccountStage(), []
    for i, account in enumerate(("a", "b", "c", "lone")):
        value = "shared-value" if account != "lone" else "own-value"
        accounts.process(make_event(account, ts=10 * DAY + i, **{kind.field: value}), out)
    sent = [(m.account, m.value) for m in out if type(m) is LinkMessage and m.kind == kind.prefix]
    assert sent == [("a", "shared-value"), ("b", "shared-value"), ("c", "shared-value"), ("lone", "own-value")]
    clusters = ClusterStage()
    clusters.graph.n_accounts = 1000
    clusters.feed(out, [])
    component = clusters.graph.cluster_of("a")
    assert component is not None and sorted(component.members) == ["a", "b", "c"]
    assert kind.key("shared-value") in component.keys


@pytest.mark.parametrize("kind", EXACT_KINDS, ids=lambda k: k.prefix)
def test_an_exact_kind_is_reported_again_only_when_its_value_changes(kind):
    accounts, out = AccountStage(), []
    for i, value in enumerate(("v1", "v1", "v1", "v2", "v1")):
        accounts.process(make_event("a", ts=10 * DAY + i, **{kind.field: value}), out)
    assert [m.value for m in out if type(m) is LinkMessage and m.kind == kind.prefix] == ["v1", "v2"]


@pytest.mark.parametrize("kind", EXACT_KINDS, ids=lambda k: k.prefix)
def test_a_key_held_beyond_its_kind_cap_links_nobody(kind):
    graph = LinkGraph(policies={**DEFAULT_POLICIES, kind.prefix: KeyPolicy(floor=3, share=0.0)})
    for account in "abcd":
        graph.observe(account, kind.prefix, "common", 0.0)
    assert graph.cluster_of("a") is None or len(graph.cluster_of("a").members) == 1


def test_alerts_name_every_kind_by_its_label():
    scorer = ClusterScorer()
    members = [summary(f"a{i}") for i in range(3)]
    keys = {k.key(f"v{i}") for i, k in enumerate(LINK_KINDS)}
    reasons = scorer._reasons({"size": 3.0, "hour_flatness": 0.0, "load_cv": 1.0, "mean_events": 1.0},
                              {}, {}, keys, members)
    assert reasons[0]["signal"] == "linked"
    assert all(f"1 {k.label}" in reasons[0]["detail"] for k in LINK_KINDS), reasons[0]["detail"]


def test_a_kind_without_a_state_slot_is_looked_up_on_every_event_and_still_sent_once(monkeypatch):
    import detectors.stages as stages

    extra = LinkKind("key", "API keys", KeyPolicy(floor=50, share=0.005), "api_key_id")
    monkeypatch.setattr(stages, "_EXACT", stages.exact_fields((*EXACT_KINDS, extra)))
    accounts, out = AccountStage(), []
    for i in range(3):
        accounts.process(make_event("a", ts=10 * DAY + i, api_key_id="k1"), out)
    assert [(m.kind, m.value) for m in out if type(m) is LinkMessage and m.kind == "key"] == [("key", "k1")]
