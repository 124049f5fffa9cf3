"""The Faust application: topics, tables and two thin agents. Built by `create_app(settings)`.

    api-requests --account-stage--> hydrawatch-cluster-input --cluster-stage--> anomaly-alerts
         \\--> api-requests-dlq (undecodable input, unchanged, reason in headers)

* `account-stage` (one per input partition): receives each fetched partition batch as one event
  (streams/faust_patches.py); `AccountRuntime` folds it into per-account state kept in memory and
  flushed to the `account-state` table (changelogged) once per commit interval, with each
  partition's model catalog and event-time clock in `partition-state`. It sends what the cluster
  stage needs (link keys, account summaries) to the one-partition internal topic, stamped with
  the source partition, offset and clock. A batch is acknowledged (and its offsets committed)
  only once the state it produced is written (streams/services.py, "State flush").
* `cluster-stage` (whichever worker owns that one partition): `Sequencer` merges the partitions
  in event-time order (so 1 or N workers and `hydrawatch replay` feed it the same sequence),
  `ClusterStage` decides alerts. Its state is a pure function of the internal topic. The owner
  snapshots it every minute to a compacted topic and deletes the internal records the snapshots
  cover; a new owner loads the newest snapshot and applies the records after it up to where it
  takes over, with sends suppressed (they were made by the previous owner; alert ids are
  deterministic anyway): streams/snapshots.py.

Exactly-once effects where it matters: each account's state records the offset it has applied
(a redelivered event is a no-op, counted as `duplicate`), and the sequencer drops re-sent
cluster messages by position.
"""

from __future__ import annotations

import logging
import time

import faust
import orjson
from prometheus_client import CollectorRegistry

from streams import faust_patches, kafka_security, topics
from streams.metrics import PipelineMetrics
from streams.runtimes import ClusterRuntime  # noqa: F401 - re-exported for tests/integration/internal_topic.py
from streams.services import VERSION, Worker, quiet_libraries
from streams.settings import Settings

log = logging.getLogger(__name__)

CLUSTER_FETCH_BYTES = 16 * 1024 * 1024  # per fetch of the internal topic (its records are large)


def create_app(settings: Settings, registry: CollectorRegistry | None = None) -> faust.App:
    """Build the worker's app from `settings` (no module-level state)."""
    quiet_libraries(settings.log_level)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app = faust.App(
        settings.app_id,
        broker=[f"kafka://{host}" for host in settings.kafka_bootstrap.split(",")],
        broker_credentials=kafka_security.faust_credentials(settings),
        store=settings.store,
        datadir=str(settings.data_dir),
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        web_bind=settings.web_bind,
        web_port=settings.web_port,
        consumer_auto_offset_reset="earliest",
        autodiscover=False,
        web_enabled=True,
        producer_max_request_size=4 * 1024 * 1024,
        producer_max_batch_size=1024 * 1024,  # a backlog's sends share produce requests
        stream_buffer_maxsize=16,  # fetched batches, not records
        broker_max_poll_records=settings.batch_size,
        broker_commit_interval=settings.commit_interval_s,
        broker_session_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=min(3.0, settings.session_timeout_s / 3),
    )
    faust_patches.install(app, batch_topics=(settings.input_topic, settings.cluster_topic),
                          fetch_wait_s=settings.fetch_max_wait_s,
                          fetch_bytes_by_topic={settings.cluster_topic: CLUSTER_FETCH_BYTES})
    faust_patches.stop_deadline(settings.stop_timeout_s)
    metrics = PipelineMetrics(registry or CollectorRegistry(), settings.app_id, VERSION)

    def raw_topic(name: str, **options: object) -> faust.TopicT:
        return app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw",
                         **options)

    def project_topic(role: str, **options: object) -> faust.TopicT:
        spec = topics.spec(settings, role)
        return raw_topic(spec.name, partitions=spec.partitions, **options)

    # The batch topics: acknowledged by the agents, not by Faust's streams (streams/faust_patches.py).
    requests = project_topic("input", acks=False)
    dead_letters = project_topic("dead-letters")
    cluster_input = project_topic("cluster-input", internal=False, acks=False)
    alerts_topic = project_topic("alerts")
    tables = {
        "account-state": "Per-account feature state: input offset applied, then AccountState.to_bytes.",
        "partition-state": "Per input partition (JSON): model catalog, event-time clock, accounts.",
    }
    stores = {}
    for name, help_text in tables.items():
        table = app.Table(name, partitions=settings.partitions, help=help_text,
                          schema=faust.Schema(key_type=bytes, key_serializer="raw", value_type=bytes,
                                              value_serializer="raw"))
        faust_patches.use_codecs(table, key="raw", value="raw")
        stores[name] = faust_patches.TableStore(app, table)
    worker = Worker(app, settings, metrics, stores)
    app.hydrawatch = worker  # type: ignore[attr-defined]

    @app.agent(requests, name="account-stage")
    async def account_stage(stream: faust.StreamT) -> None:
        async for event in stream.events():  # one fetched partition batch
            batch = event.message
            started = time.perf_counter()
            async with worker.stop_on_unsupported_format(), worker.lock:
                out = worker.account_batch(batch.tp, batch.records, batch.offset)
                for record, rejection in out.rejected:
                    worker.pending.append(worker.dead_letter(dead_letters, record, rejection))
                for value in out.records:
                    worker.pending.append(await cluster_input.send(value=value))
                app.consumer.acknowledge(batch)  # committable once the state it changed is written
            if batch.records:
                metrics.processing.observe((time.perf_counter() - started) / len(batch.records))

    @app.agent(cluster_input, name="cluster-stage")
    async def cluster_stage(stream: faust.StreamT) -> None:
        async for event in stream.events():  # one fetched batch of internal records
            batch = event.message
            async with worker.stop_on_unsupported_format(), worker.cluster_lock:
                cluster = await worker.cluster_from(batch.first)
                for alert in worker.cluster_batch(cluster, batch.records):
                    await alerts_topic.send(key=alert.entity_id.encode(), value=orjson.dumps(alert.to_dict()))
            app.consumer.acknowledge(batch)

    worker.register(cluster_input)
    return app
