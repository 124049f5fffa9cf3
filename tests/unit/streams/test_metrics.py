"""The worker's metrics: Prometheus naming conventions, and a series count that does not grow
with the number of accounts or clusters (top-K gauges drop the series that leave the top)."""

from __future__ import annotations

import re

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from detectors.clusters import ClusterVerdict
from detectors.features import AccountSummary
from streams.metrics import TOP_K, MetricsObserver, PipelineMetrics, publish_cluster_gauges
from streams.runtimes import ClusterRuntime

# Prometheus base units (https://prometheus.io/docs/practices/naming/#base-units) this exporter
# measures in, `score` for calibrated anomaly scores (a rank in [0, 1]), and counts: a gauge that
# counts things ends in the plural of what it counts, maybe followed by their state.
BASE_UNITS = ("seconds", "bytes", "ratio", "score")
COUNT = re.compile(r".*_[a-z]+s(_(tracked|firing))?$")
ALLOWED_LABELS = {"outcome", "reason", "topic", "partition", "scope", "severity", "status", "table", "rank",
                  "cluster_id", "account_id", "version", "app_id", "le", "stage", "start"}


def summary(account: str, score_ts: float = 1.8e9) -> AccountSummary:
    return AccountSummary(account, score_ts, score_ts - 100, 3.0, 40, 2.0, 20.0, 900.0, 2.0, 0.6, 0.1, 0.2, 0.1,
                          0.0, 0.0, 0.0, 0.5, 0.5, 0.3, 0.7, 0.2, 0.0, "pm", None, None, "10.0.0/1")


def series(registry: CollectorRegistry) -> list[tuple[str, dict]]:
    text = generate_latest(registry).decode()
    return [(s.name, s.labels) for f in text_string_to_metric_families(text) for s in f.samples]


def test_names_follow_prometheus_conventions():
    registry = CollectorRegistry()
    PipelineMetrics(registry)
    # (`*_created` series: the worker process turns them off, see streams.cli.worker.)
    families = [f for f in text_string_to_metric_families(generate_latest(registry).decode())
                if not f.name.endswith("_created")]
    assert len(families) >= 20
    for family in families:
        assert family.name.startswith("hydrawatch_"), family.name
        assert re.fullmatch(r"[a-z_]+", family.name), family.name
        if family.type == "histogram" and "score" not in family.name:
            assert family.name.endswith("_seconds"), family.name  # base unit
        if family.type == "gauge":
            assert family.name.endswith(tuple("_" + u for u in BASE_UNITS)) or family.name.endswith("_info") \
                or COUNT.fullmatch(family.name), family.name  # says what it measures, or counts
        for s in family.samples:
            assert set(s.labels) <= ALLOWED_LABELS, (family.name, s.labels)


def feed(n_accounts: int, n_clusters: int) -> CollectorRegistry:
    """A cluster stage that has seen `n_accounts` accounts in `n_clusters` scored clusters."""
    registry = CollectorRegistry()
    metrics = PipelineMetrics(registry)
    observer = MetricsObserver(metrics)
    cluster = ClusterRuntime(partitions=8)
    stage = cluster.stage
    for i in range(n_accounts):
        s = summary(f"acct_{i:08d}")
        observer.account_scored(None, s, (i % 1000) / 999, flagged=i % 7 == 0)
        stage.members[s.account_id] = s
    per = max(3, n_accounts // max(1, n_clusters))
    for c in range(n_clusters):
        accounts = [f"acct_{(c * per + j) % n_accounts:08d}" for j in range(per)]
        for a in accounts:
            stage.graph.observe(a, "pay", f"pm_{c}", 1.8e9)
        cid = stage.graph.cluster_of(accounts[0]).cluster_id
        stage.verdicts[cid] = ClusterVerdict((c % 100) / 100, 0.5, 0.5, ())
        observer.cluster_scored(cid, stage.verdicts[cid], [], 1.8e9)
    publish_cluster_gauges(metrics, observer, cluster)
    return registry


def test_values_are_in_the_unit_their_names_say():
    """A ratio or a score lies in [0, 1], a count is a whole number, nothing measured is negative:
    a percentage, a millisecond or a fraction of a count exported under these names fails."""
    text = generate_latest(feed(5_000, 300)).decode()
    checked = 0
    for family in text_string_to_metric_families(text):
        if family.type != "gauge" or family.name.endswith("_info"):
            continue
        for sample in family.samples:
            value = sample.value
            assert value >= 0.0, (sample.name, value)
            if family.name.endswith(("_ratio", "_score")):
                assert value <= 1.0, (sample.name, value)
            elif COUNT.fullmatch(family.name) or family.name.endswith("_bytes"):
                assert value == int(value), (sample.name, value)
            checked += 1
    assert checked >= 40  # the top-K gauges are filled


def test_series_count_is_bounded_whatever_the_number_of_accounts():
    small, large = series(feed(1_000, 50)), series(feed(200_000, 5_000))
    assert len(small) == len(large) < 3000
    ids = [labels.get("account_id") or labels.get("cluster_id") for _, labels in large]
    assert len({i for i in ids if i}) <= 2 * TOP_K  # only the top-10 accounts and clusters carry ids


def test_top_k_removes_series_that_leave_it():
    registry = CollectorRegistry()
    metrics = PipelineMetrics(registry)
    metrics.top_clusters.show([(f"cl-{i}", (1.0 - i / 100, 5, 10.0, 0.5)) for i in range(20)])
    shown = {labels["cluster_id"] for name, labels in series(registry) if name == "hydrawatch_top_cluster_score"}
    assert shown == {f"cl-{i}" for i in range(10)}
    metrics.top_clusters.show([("cl-new", (0.99, 3, 1.0, 1.0))])
    after = [labels for name, labels in series(registry) if name.startswith("hydrawatch_top_cluster_")]
    assert {labels["cluster_id"] for labels in after} == {"cl-new"}
    assert all(labels["rank"] == "1" for labels in after)


def test_observe_many_equals_one_observe_per_value():
    from streams.metrics import DECISION_BUCKETS, observe_many

    values = [0.0, 0.01, 0.0100001, 0.3, 2.5, 7.0, 1e9, 0.049999]
    one, many = (PipelineMetrics(CollectorRegistry()) for _ in range(2))
    for v in values:
        one.decision_latency.observe(v)
    observe_many(many.decision_latency, values)
    assert len(DECISION_BUCKETS) > 10

    def samples(metrics: PipelineMetrics) -> list:
        return [(s.name, s.labels, s.value) for s in metrics.decision_latency.collect()[0].samples
                if not s.name.endswith("_created")]

    assert samples(one) == samples(many) and samples(one)[-2][2] == len(values)  # _count
