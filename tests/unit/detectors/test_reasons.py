"""The reason registry: every signal renders from what its detector has, reports a part the score
has, and is documented for the alerts' consumers. These run over `SIGNALS`: a new entry is tested
by them as it is added."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detectors.clusters import COORDINATION_WEIGHTS, YOUNG_DAYS, cluster_features
from detectors.population import FEATURES, account_vector
from detectors.reasons import CLUSTER_FLAGS, SIGNALS, reason
from tests.unit.detectors.test_clusters import summary

CONTRACTS = Path(__file__).parents[3] / "docs" / "contracts.md"


@pytest.mark.parametrize("signal", CLUSTER_FLAGS, ids=lambda s: s.code)
def test_a_cluster_flag_renders_from_the_cluster_features(signal):
    f = cluster_features([summary(f"a{i}") for i in range(4)], 1.8e9)
    detail = signal.reason(**dict(f, young_days=YOUNG_DAYS))["detail"]
    assert "{" not in detail and detail


@pytest.mark.parametrize("signal", CLUSTER_FLAGS, ids=lambda s: s.code)
def test_a_cluster_flag_reports_a_trait_the_scorer_weighs(signal):
    trait = signal.part.split(".", 1)[1]
    assert trait in COORDINATION_WEIGHTS
    assert (signal.when is None) == (signal.trait is not None)  # a shape flag says when it shows


def test_a_trait_flag_shows_from_its_threshold_only():
    pool = SIGNALS[("cluster", "template_pool")]
    assert not pool.shown({}, {"pool": pool.shown_from}) and pool.shown({}, {"pool": pool.shown_from + 0.01})
    assert not pool.shown({}, {"tooling": 1.0})


def test_every_population_feature_has_its_deviation_signal():
    assert list(account_vector(summary("a"))) == list(FEATURES)
    for name in FEATURES:
        detail = reason("account", name, direction="high", value=0.9, mean=0.2)["detail"]
        assert detail.endswith("unusually high (0.90 vs population 0.20)")


def test_an_unregistered_signal_is_an_error_not_a_free_form_reason():
    with pytest.raises(KeyError):
        reason("cluster", "made_up", detail="x")


def test_the_contract_lists_every_signal_and_only_those():
    """docs/contracts.md's signal table: | `code` | scope | ... for each registered signal."""
    text = CONTRACTS.read_text()
    table = text[text.index("### Reason signals"):]
    rows = re.findall(r"^\| `([a-z_]+)` \| (cluster|account|incident) \|", table, re.M)
    assert sorted((scope, code) for code, scope in rows) == sorted(SIGNALS)
