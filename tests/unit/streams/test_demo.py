"""streams/demo.py: the status line says what the workers' /metrics say, and runs stay apart."""

from __future__ import annotations

import re

from prometheus_client import CollectorRegistry, generate_latest

from streams.demo import fold, run_env, run_settings, status_line, totals_of
from streams.metrics import PipelineMetrics
from streams.settings import Settings


def worker_text(accepted: int, rejected: int, lag: dict, accounts: int, clusters: int, firing: dict) -> str:
    metrics = PipelineMetrics(CollectorRegistry())
    metrics.accepted(accepted)
    for _ in range(rejected):
        from streams.decoder import Rejection

        metrics.rejected(Rejection("invalid_json", "", "x"))
    for (topic, partition), value in lag.items():
        metrics.consumer_lag.labels(topic, str(partition)).set(value)
    metrics.accounts_tracked.set(accounts)
    metrics.clusters_tracked.set(clusters)
    for (scope, severity), value in firing.items():
        metrics.alerts_firing.labels(scope, severity).set(value)
    metrics.event_time.set(1_795_162_502)
    return generate_latest(metrics.registry).decode()


def test_the_status_line_shows_the_sums_of_the_workers_metrics_at_that_moment():
    texts = [worker_text(12_345, 7, {("in", 0): 100, ("in", 1): 20}, 900, 4, {("cluster", "critical"): 2}),
             worker_text(1_000, 0, {("in", 2): 3}, 100, 0, {("account", "warning"): 5})]
    merged: dict[str, float] = {}
    for text in texts:
        for key, value in totals_of(text).items():
            merged[key] = fold(key, merged.get(key), value)
    line = status_line(merged, 250.0, True)
    numbers = {k: int(v.replace(",", "")) for k, v in re.findall(r"(events|lag|dlq|accounts|clusters|firing) +([\d,]+)", line)}
    assert numbers == {"events": 13_352, "lag": 123, "dlq": 7, "accounts": 1_000, "clusters": 4, "firing": 7}
    assert "250/s" in line and "event time 11-20 08:15" in line and line.endswith("traffic running")


def test_each_demo_run_has_its_own_group_topics_and_state():
    base = Settings()
    one, two = run_settings(base, "a"), run_settings(base, "b")
    for name in ("app_id", "input_topic", "dlq_topic", "alerts_topic", "cluster_topic", "home"):
        assert getattr(one, name) != getattr(two, name) != getattr(base, name), name
    assert one.kafka_bootstrap == base.kafka_bootstrap  # the same broker
    env = run_env(one)
    assert env["HYDRAWATCH_APP_ID"] == "hydrawatch-a" and env["HYDRAWATCH_INPUT_TOPIC"] == "api-requests-a"
