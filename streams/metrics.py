"""Every Prometheus metric the worker exports, in one place (names, types, meaning).

Labels are bounded: outcome and reason come from fixed sets, partitions from the topic's
partition count, scope/severity/status from enums, and ids only in the top-10 gauges whose
stale series are removed. No IPs or payment fingerprints, ever. Catalog: docs/metrics.md.
"""

from __future__ import annotations

from typing import Iterable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from streams.decoder import REJECTION_CODES, Rejection

LATENCY_BUCKETS = (0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
DECISION_BUCKETS = (0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)
EVENT_LAG_BUCKETS = (0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0, 6 * 3600.0, 86400.0, 7 * 86400.0)
SCORE_BUCKETS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999)
SCOPES = ("account", "cluster")
SEVERITIES = ("warning", "critical")
TOP_K = 10


class TopK:
    """A labelled gauge holding the current top-K; series that leave it are removed."""

    def __init__(self, gauges: Iterable[Gauge]) -> None:
        self.gauges = tuple(gauges)
        self.shown: set[tuple[str, str]] = set()

    def show(self, rows: list[tuple[str, tuple[float, ...]]]) -> None:
        """`rows`: (entity id, one value per gauge), best first; at most K are kept."""
        now = set()
        for rank, (entity, values) in enumerate(rows[:TOP_K], start=1):
            labels = (str(rank), entity)
            now.add(labels)
            for gauge, value in zip(self.gauges, values):
                gauge.labels(*labels).set(value)
        for labels in self.shown - now:
            for gauge in self.gauges:
                try:
                    gauge.remove(*labels)
                except KeyError:
                    pass
        self.shown = now


class PipelineMetrics:
    """The worker's metrics, registered on `registry` (a fresh one per app)."""

    def __init__(self, registry: CollectorRegistry, app_id: str = "hydrawatch", version: str = "0") -> None:
        self.registry = registry
        r = registry
        self.events = Counter("hydrawatch_events", "Input events by outcome (accepted, rejected to the DLQ, "
                              "duplicate: already applied).", ["outcome"], registry=r)
        self.decode_errors = Counter("hydrawatch_decode_errors", "Rejected input events by reason code.",
                                     ["reason"], registry=r)
        self.dead_letters = Counter("hydrawatch_dead_letters", "Messages written to the dead-letter topic.",
                                    registry=r)
        self.processing = Histogram("hydrawatch_event_processing_seconds",
                                    "Worker time per input event (batch time / batch size, one sample per batch).",
                                    buckets=LATENCY_BUCKETS, registry=r)
        self.event_lag = Histogram("hydrawatch_event_lag_seconds",
                                   "Wall-clock now minus event time when an event is processed.",
                                   buckets=EVENT_LAG_BUCKETS, registry=r)
        self.decision_latency = Histogram(
            "hydrawatch_decision_latency_seconds",
            "From an input event's Kafka timestamp to the cluster stage deciding on what it changed.",
            buckets=DECISION_BUCKETS, registry=r)
        self.event_time = Gauge("hydrawatch_event_time_seconds",
                                "Newest event time processed (unix seconds): the watermark.", registry=r)
        self.consumer_lag = Gauge("hydrawatch_consumer_lag_messages",
                                  "Messages not yet processed, per assigned partition of the input and cluster-input topics.",
                                  ["topic", "partition"], registry=r)
        self.accounts_tracked = Gauge("hydrawatch_accounts_tracked", "Accounts with state on this worker.",
                                      registry=r)
        self.clusters_tracked = Gauge("hydrawatch_clusters_tracked",
                                      "Clusters (>= 3 accounts) known to this worker's cluster stage.", registry=r)
        self.cluster_stage_accounts = Gauge("hydrawatch_cluster_stage_accounts",
                                            "Accounts whose summaries this worker's cluster stage holds.", registry=r)
        self.accounts_expired = Counter("hydrawatch_accounts_expired",
                                        "Accounts dropped after the idle TTL (event time), by stage.", ["stage"],
                                        registry=r)
        self.expiry_event_time = Gauge(
            "hydrawatch_expiry_event_time_seconds",
            "Event time (unix seconds) through which each stage has forgotten idle accounts: none idle a TTL "
            "(cluster stage: 1.5 TTL) before it is still held. Account stage: its slowest partition; 0 until a full pass.",
            ["stage"], registry=r)
        self.table_keys = Gauge("hydrawatch_table_keys", "Keys held by each Faust table on this worker.",
                                ["table"], registry=r)
        self.anomaly_score = Histogram("hydrawatch_anomaly_score", "Calibrated anomaly scores in [0, 1].",
                                       ["scope"], buckets=SCORE_BUCKETS, registry=r)
        self.alerts = Counter("hydrawatch_alerts", "Alert messages sent to the alerts topic.",
                              ["scope", "severity", "status"], registry=r)
        self.alerts_firing = Gauge("hydrawatch_alerts_firing", "Incidents open now.", ["scope", "severity"],
                                   registry=r)
        self.harvested = Counter("hydrawatch_harvested_output_tokens",
                                 "Output tokens of requests from accounts with an open incident.", ["scope"],
                                 registry=r)
        self.rebalances = Counter("hydrawatch_rebalances", "Partition assignments received.", registry=r)
        self.recommits = Counter("hydrawatch_offset_recommits",
                                 "Input partition offsets the worker committed itself because Faust lost or stalled the commit.",
                                 registry=r)
        self.reordered = Counter("hydrawatch_input_reordered_messages",
                                 "Messages (input, internal topic) Faust delivered ahead of a predecessor, held until the gap filled.",
                                 registry=r)
        self.sequencer_late = Counter("hydrawatch_sequencer_late_messages",
                                      "Cluster-stage inputs that arrived behind the watermark (idle partition woke).",
                                      registry=r)
        self.sequencer_pending = Gauge("hydrawatch_sequencer_pending_messages",
                                       "Cluster-stage inputs held until every input partition's clock passes them.",
                                       registry=r)
        self.info = Gauge("hydrawatch_worker_info", "Build info.", ["version", "app_id"], registry=r)
        self.info.labels(version, app_id).set(1)
        top_cluster = [
            Gauge("hydrawatch_top_cluster_score", "Top-10 clusters by score.", ["rank", "cluster_id"], registry=r),
            Gauge("hydrawatch_top_cluster_accounts", "Member accounts of the top-10 clusters.",
                  ["rank", "cluster_id"], registry=r),
            Gauge("hydrawatch_top_cluster_output_tokens",
                  "Output tokens per day (decayed) harvested by the top-10 clusters' members.",
                  ["rank", "cluster_id"], registry=r),
            Gauge("hydrawatch_top_cluster_new_accounts_ratio",
                  "Share of the top-10 clusters' accounts first seen in the last 24 h.", ["rank", "cluster_id"],
                  registry=r),
        ]
        self.top_clusters = TopK(top_cluster)
        self.top_accounts = TopK([Gauge("hydrawatch_top_account_score", "Top-10 accounts by score.",
                                        ["rank", "account_id"], registry=r)])
        # Pre-create the fixed label values so they read 0 rather than being absent.
        for outcome in ("accepted", "rejected", "duplicate"):
            self.events.labels(outcome)
        for code in REJECTION_CODES:
            self.decode_errors.labels(code)
        for scope in SCOPES:
            self.anomaly_score.labels(scope)
            self.harvested.labels(scope)
            for severity in SEVERITIES:
                self.alerts_firing.labels(scope, severity)
                for status in ("firing", "resolved"):
                    self.alerts.labels(scope, severity, status)
        self.clusters_tracked.set(0)
        for stage in ("account-stage", "cluster-stage"):
            self.accounts_expired.labels(stage)
        self._accepted = self.events.labels("accepted")
        self._rejected = self.events.labels("rejected")
        self._duplicate = self.events.labels("duplicate")
        self.account_score = self.anomaly_score.labels("account")
        self.cluster_score = self.anomaly_score.labels("cluster")

    def accepted(self, n: int = 1) -> None:
        self._accepted.inc(n)

    def duplicate(self, n: int = 1) -> None:
        self._duplicate.inc(n)

    def rejected(self, rejection: Rejection) -> None:
        self._rejected.inc()
        self.decode_errors.labels(rejection.code).inc()
        self.dead_letters.inc()
