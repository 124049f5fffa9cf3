"""The Faust application: topics, tables, agents, web pages. Built by `create_app(settings)`.

Agents are thin: decode, call the pure code in `detectors/`, send. State lives in
changelogged tables; `Runtime` holds only what is rebuilt on restart (metrics bookkeeping).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import faust
from faust.types import TP
from aiohttp.web import Response
from faust.web import Request, View
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from detectors.account_counts import update_counts
from streams.decoder import Rejection, decode_message
from streams.metrics import PipelineMetrics
from streams.settings import Settings

DLQ_REASON_HEADER = "hydrawatch-error"


@dataclass
class Runtime:
    """Per-process bookkeeping for metrics; safe to lose on restart."""

    metrics: PipelineMetrics
    next_offsets: dict[TP, int] = field(default_factory=dict)


def dead_letter_headers(rejection: Rejection, topic: str, partition: int, offset: int) -> list[tuple[str, bytes]]:
    """Headers carried by a DLQ record: the reason and where the original came from."""
    return [
        (DLQ_REASON_HEADER, rejection.header()),
        ("hydrawatch-error-code", rejection.code.encode()),
        ("hydrawatch-source", f"{topic}/{partition}/{offset}".encode()),
    ]


def create_app(settings: Settings, registry: CollectorRegistry | None = None) -> faust.App:
    """Build the worker's app from `settings` (no module-level state)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app = faust.App(
        settings.app_id,
        broker=[f"kafka://{host}" for host in settings.kafka_bootstrap.split(",")],
        store=settings.store,
        datadir=str(settings.data_dir),
        topic_partitions=settings.partitions,
        topic_replication_factor=1,
        web_bind=settings.web_bind,
        web_port=settings.web_port,
        consumer_auto_offset_reset="earliest",
        autodiscover=False,
        web_enabled=True,
        producer_max_request_size=4 * 1024 * 1024,
    )
    runtime = Runtime(PipelineMetrics(registry or CollectorRegistry()))
    app.hydrawatch_runtime = runtime  # type: ignore[attr-defined]
    metrics = runtime.metrics

    requests = app.topic(
        settings.input_topic, key_type=bytes, value_type=bytes,
        key_serializer="raw", value_serializer="raw", partitions=settings.partitions,
    )
    dead_letters = app.topic(
        settings.dlq_topic, key_type=bytes, value_type=bytes,
        key_serializer="raw", value_serializer="raw", partitions=1,
    )
    accounts = app.Table(
        "account-counts",
        schema=faust.Schema(key_type=str, key_serializer="raw", value_serializer="json"),
        partitions=settings.partitions, help="Running counts per account.",
    )
    app.hydrawatch_accounts = accounts  # type: ignore[attr-defined]

    @app.agent(requests, name="process-requests")
    async def process_requests(stream: faust.StreamT) -> None:
        async for event in stream.events():
            started = time.perf_counter()
            message = event.message
            result = decode_message(message.key, message.value)
            if type(result) is Rejection:
                await dead_letters.send(
                    key=message.key, value=message.value,
                    headers=dead_letter_headers(result, message.topic, message.partition, message.offset),
                )
                metrics.rejected(result)
            else:
                account = result["account_id"]
                accounts[account] = update_counts(accounts.get(account), result)
                metrics.accepted()
            runtime.next_offsets[message.tp] = message.offset + 1
            metrics.processing.observe(time.perf_counter() - started)

    @app.timer(interval=5.0)
    async def refresh_gauges() -> None:
        """Consumer lag per assigned input partition, and table size."""
        assigned = [tp for tp in app.consumer.assignment() if tp.topic == settings.input_topic]
        if assigned:
            highwaters = await app.consumer.highwaters(*assigned)
            committed = getattr(app.consumer, "_committed_offset", {})
            for tp in assigned:
                position = max(runtime.next_offsets.get(tp, 0), committed.get(tp) or 0)
                lag = max(0, (highwaters.get(tp) or 0) - position)
                metrics.consumer_lag.labels(tp.topic, str(tp.partition)).set(lag)
        metrics.accounts_tracked.set(len(accounts))

    @app.page("/metrics")
    async def prometheus_metrics(self: View, request: Request) -> Response:
        return Response(
            body=generate_latest(metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    @app.page("/accounts/{account_id}")
    @app.table_route(table=accounts, match_info="account_id")
    async def account_view(self: View, request: Request, account_id: str) -> Any:
        counts = accounts.get(account_id)
        if counts is None:
            return self.json({"account_id": account_id, "found": False}, status=404)
        return self.json({"account_id": account_id, "found": True, "counts": counts})

    return app
