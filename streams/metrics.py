"""Every Prometheus metric the worker exports, in one place (names, types, meaning).

Labels are bounded: outcome and reason come from fixed sets, partitions from the
topic's partition count. No account ids, IPs or payment fingerprints, ever.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, disable_created_metrics

from streams.decoder import REJECTION_CODES, Rejection

LATENCY_BUCKETS = (0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


# `*_created` series double the count and nothing here reads them.
disable_created_metrics()


class PipelineMetrics:
    """The worker's metrics, registered on `registry` (a fresh one per app)."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.events = Counter(
            "hydrawatch_events", "Input events by outcome (accepted, rejected to the DLQ).",
            ["outcome"], registry=registry,
        )
        self.decode_errors = Counter(
            "hydrawatch_decode_errors", "Rejected input events by reason code.",
            ["reason"], registry=registry,
        )
        self.processing = Histogram(
            "hydrawatch_event_processing_seconds", "Worker time spent on one input event.",
            buckets=LATENCY_BUCKETS, registry=registry,
        )
        self.consumer_lag = Gauge(
            "hydrawatch_consumer_lag_messages", "Messages not yet processed, per input partition.",
            ["topic", "partition"], registry=registry,
        )
        self.accounts_tracked = Gauge(
            "hydrawatch_accounts_tracked", "Accounts with state on this worker.", registry=registry,
        )
        # Pre-create the fixed label values so they read 0 rather than being absent.
        for outcome in ("accepted", "rejected"):
            self.events.labels(outcome)
        for code in REJECTION_CODES:
            self.decode_errors.labels(code)
        self._accepted = self.events.labels("accepted")
        self._rejected = self.events.labels("rejected")

    def accepted(self) -> None:
        self._accepted.inc()

    def rejected(self, rejection: Rejection) -> None:
        self._rejected.inc()
        self.decode_errors.labels(rejection.code).inc()
