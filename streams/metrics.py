"""Every Prometheus metric the worker exports, in one place (names, types, meaning).

Labels are bounded: outcome and reason come from fixed sets, partitions from the topic's
partition count, scope/severity/status from enums, and ids only in the top-10 gauges whose
stale series are removed. No IPs or payment fingerprints, ever. Catalog: docs/metrics.md.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from detectors.features import DAY_S, AccountSummary
from streams.decoder import REJECTION_CODES, STAGE_REJECTION_CODES, Rejection
from streams.faust_patches import UNREADABLE_REASONS
from streams.topics import CHANGELOG_TABLES

if TYPE_CHECKING:
    from streams.runtimes import ClusterRuntime

LATENCY_BUCKETS = (0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
DECISION_BUCKETS = (0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)
EVENT_LAG_BUCKETS = (0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0, 6 * 3600.0, 86400.0, 7 * 86400.0)
SCORE_BUCKETS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999)
SCOPES = ("account", "cluster")
SEVERITIES = ("warning", "critical")
TOP_K = 10
TAKEOVER_STARTS = ("snapshot", "internal_topic")
SNAPSHOT_OUTCOMES = ("written", "failed", "rejected")  # rejected: found at takeover but unusable


def observe_many(histogram: Histogram, values: Sequence[float]) -> None:
    """`histogram.observe(v)` for every v in `values`, with one update per bucket.

    prometheus-client has no bulk observe, and a call per input event (its lock, its linear
    bucket search) took ~8% of a worker (py-spy). The one workaround for prometheus-client: it
    writes the histogram's own bucket and sum counters (`_upper_bounds`, `_buckets`, `_sum`),
    exactly as `observe` does (tests/unit/streams/test_metrics.py compares the two).

    >>> from prometheus_client import CollectorRegistry
    >>> h = Histogram("x_seconds", "x", buckets=(1.0, 5.0), registry=CollectorRegistry())
    >>> observe_many(h, [0.5, 1.0, 3.0, 9.0])
    >>> [(s.labels.get("le"), s.value) for s in h.collect()[0].samples if s.name == "x_seconds_bucket"]
    [('1.0', 2.0), ('5.0', 3.0), ('+Inf', 4.0)]
    """
    if not values:
        return
    bounds = histogram._upper_bounds
    counts = [0] * len(bounds)
    for value in values:
        counts[bisect_left(bounds, value)] += 1
    buckets = histogram._buckets
    for i, n in enumerate(counts):
        if n:
            buckets[i].inc(n)
    histogram._sum.inc(sum(values))


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
        self.dead_letters_without_value = Counter(
            "hydrawatch_dead_letters_without_value",
            "Dead letters too large for the dead-letter topic, sent without their value (header "
            "hydrawatch-value-omitted; the original stays at hydrawatch-source).", registry=r)
        self.input_unreadable_batches = Counter(
            "hydrawatch_input_unreadable_batches", "Fetched record batches the client could not read, by reason; "
            "each pauses its partition where it begins.", ["reason"], registry=r)
        self.input_partitions_paused = Gauge(
            "hydrawatch_input_paused_partitions", "Partitions this worker holds paused at a batch it cannot read.",
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
        self.state_writes = Counter("hydrawatch_state_writes",
                                    "Keys written (or deleted) to each table's store and changelog, by table.",
                                    ["table"], registry=r)
        self.state_written_bytes = Counter("hydrawatch_state_written_bytes",
                                           "Key and value bytes sent to each table's changelog, by table.",
                                           ["table"], registry=r)
        self.sequencer_late = Counter("hydrawatch_sequencer_late_messages",
                                      "Cluster-stage inputs that arrived behind the watermark (idle partition woke).",
                                      registry=r)
        self.sequencer_pending = Gauge("hydrawatch_sequencer_pending_messages",
                                       "Cluster-stage inputs held until every input partition's clock passes them.",
                                       registry=r)
        self.cluster_takeovers = Counter(
            "hydrawatch_cluster_takeovers", "Times this worker took over the cluster stage, by where it started: "
            "a snapshot, or the internal topic alone (no snapshot could be loaded).", ["start"], registry=r)
        self.cluster_takeover_seconds = Gauge(
            "hydrawatch_cluster_takeover_seconds",
            "The last takeover of the cluster stage: snapshot read and loaded, internal records after it applied.",
            registry=r)
        self.cluster_snapshots = Counter("hydrawatch_cluster_snapshots", "Cluster-stage snapshots, by outcome.",
                                         ["outcome"], registry=r)
        self.cluster_snapshot_bytes = Gauge("hydrawatch_cluster_snapshot_bytes",
                                            "Size of the last cluster-stage snapshot written (compressed).", registry=r)
        self.cluster_snapshot_pause_seconds = Gauge(
            "hydrawatch_cluster_snapshot_pause_seconds",
            "How long the last snapshot held the cluster stage (taking its state), in seconds.", registry=r)
        self.cluster_snapshot_time = Gauge(
            "hydrawatch_cluster_snapshot_timestamp_seconds",
            "When the cluster stage's owner last wrote a snapshot (unix seconds; 0 on other workers).", registry=r)
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
        for code in (*REJECTION_CODES, *STAGE_REJECTION_CODES):
            self.decode_errors.labels(code)
        for reason in UNREADABLE_REASONS:
            self.input_unreadable_batches.labels(reason)
        for start in TAKEOVER_STARTS:
            self.cluster_takeovers.labels(start)
        for outcome in SNAPSHOT_OUTCOMES:
            self.cluster_snapshots.labels(outcome)
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
        for table in CHANGELOG_TABLES:
            self.state_writes.labels(table)
            self.state_written_bytes.labels(table)
        self._accepted = self.events.labels("accepted")
        self._rejected = self.events.labels("rejected")
        self._duplicate = self.events.labels("duplicate")
        self.account_score = self.anomaly_score.labels("account")
        self.cluster_score = self.anomaly_score.labels("cluster")

    def event_lags(self, seconds: Sequence[float]) -> None:
        """One `event_lag` observation per event of a batch."""
        observe_many(self.event_lag, seconds)

    def decision_latencies(self, seconds: Sequence[float]) -> None:
        observe_many(self.decision_latency, seconds)

    def accepted(self, n: int = 1) -> None:
        self._accepted.inc(n)

    def duplicate(self, n: int = 1) -> None:
        self._duplicate.inc(n)

    def rejected(self, rejection: Rejection) -> None:
        self._rejected.inc()
        self.decode_errors.labels(rejection.code).inc()
        self.dead_letters.inc()


class MetricsObserver:
    """Feeds scores from the cluster stage into Prometheus (see `ClusterStage.observer`)."""

    def __init__(self, metrics: PipelineMetrics) -> None:
        self.metrics = metrics
        self.top_accounts: dict[str, float] = {}

    def account_scored(self, previous: AccountSummary | None, s: AccountSummary, score: float,
                       flagged: bool) -> None:
        self.metrics.account_score.observe(score)
        if flagged:
            before = previous.n_events if previous is not None else 0
            tokens = max(0, s.n_events - before) * s.output_per_request
            self.metrics.harvested.labels("account").inc(tokens)
        top = self.top_accounts
        if score > 0.99 or len(top) < 10:
            top[s.account_id] = score
            if len(top) > 100:
                for account, _ in sorted(top.items(), key=lambda kv: kv[1])[:50]:
                    del top[account]

    def cluster_scored(self, cid: str, verdict: Any, members: list[AccountSummary], ts: float) -> None:
        self.metrics.cluster_score.observe(verdict.score)


def publish_cluster_gauges(metrics: PipelineMetrics, observer: MetricsObserver, cluster: "ClusterRuntime") -> None:
    """Clusters tracked, open incidents, the top-10 clusters and accounts (stale series removed)."""
    stage = cluster.stage
    graph = stage.graph
    now = stage.watermark
    live = {c.cluster_id: c for c in graph.clusters(stage.scorer.min_size)}
    metrics.clusters_tracked.set(len(live))
    metrics.cluster_stage_accounts.set(len(stage.members))
    metrics.expiry_event_time.labels("cluster-stage").set(max(0.0, stage.expired_through))
    metrics.accounts_expired.labels("cluster-stage").inc(stage.expired_accounts - cluster.expired_counted)
    cluster.expired_counted = stage.expired_accounts
    metrics.sequencer_pending.set(cluster.sequencer.pending)
    for scope, incidents in (("cluster", stage.incidents), ("account", stage.account_incidents)):
        counts = {"warning": 0, "critical": 0}
        for inc in incidents.incidents.values():
            if inc.open:
                counts[inc.severity] += 1
        for severity, n in counts.items():
            metrics.alerts_firing.labels(scope, severity).set(n)
    rows = []
    scored = [(cid, v) for cid, v in stage.verdicts.items() if cid in live]
    for cid, verdict in sorted(scored, key=lambda kv: (-kv[1].score, kv[0]))[:10]:
        members = [stage.members[a] for a in live[cid].members if a in stage.members]
        tokens = sum(m.output_per_request * m.rate_1d for m in members)
        new = sum(1 for m in members if now - m.first_ts < DAY_S)
        rows.append((cid, (verdict.score, len(members), tokens, new / len(members) if members else 0.0)))
    metrics.top_clusters.show(rows)
    top = sorted(observer.top_accounts.items(), key=lambda kv: -kv[1])[:10]
    metrics.top_accounts.show([(account, (score,)) for account, score in top])
