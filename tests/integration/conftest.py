"""Integration fixtures: a real Kafka broker for the session, and workers as subprocesses.

The broker is the project's own (`streams.kafka_local`) on ports 19092/19093 with its own
run directory, so it never touches a broker a developer runs on 9092. Set
HYDRAWATCH_TEST_BOOTSTRAP to use an already running broker instead.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from streams import kafka_local
from streams.settings import Settings
from tests.integration.internal_topic import InternalTopicTap
from tests.support import free_port, wait_for

REPO = Path(__file__).resolve().parents[2]
TEST_HOME = REPO / ".hydrawatch" / "test"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/integration" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    """Bootstrap address of a real broker, started for the session and stopped after it."""
    existing = os.environ.get("HYDRAWATCH_TEST_BOOTSTRAP")
    if existing:
        yield existing
        return
    settings = Settings(home=TEST_HOME, kafka_port=19092, kafka_controller_port=19093,
                        kafka_bootstrap="127.0.0.1:19092")
    # One integration session at a time on this machine: a second one waits here instead of
    # stopping the broker under the first.
    TEST_HOME.mkdir(parents=True, exist_ok=True)
    lock = open(TEST_HOME / "session.lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    kafka_local.down(settings)
    shutil.rmtree(settings.kafka_dir, ignore_errors=True)  # fresh storage every session
    kafka_local.up(settings)
    try:
        yield settings.kafka_bootstrap
    finally:
        kafka_local.down(settings)
        lock.close()


@dataclass
class Pipeline:
    """Names isolating one test's topics, consumer group and state from the others'."""

    bootstrap: str
    app_id: str
    input_topic: str
    dlq_topic: str
    alerts_topic: str
    cluster_topic: str
    home: Path
    partitions: int = 8
    workers: list["Worker"] = field(default_factory=list)
    tap: Any = None  # InternalTopicTap: the internal topic as written (the cluster stage deletes its start)

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            HYDRAWATCH_KAFKA_BOOTSTRAP=self.bootstrap,
            HYDRAWATCH_APP_ID=self.app_id,
            HYDRAWATCH_INPUT_TOPIC=self.input_topic,
            HYDRAWATCH_DLQ_TOPIC=self.dlq_topic,
            HYDRAWATCH_ALERTS_TOPIC=self.alerts_topic,
            HYDRAWATCH_CLUSTER_TOPIC=self.cluster_topic,
            HYDRAWATCH_GAUGE_INTERVAL_S="0.5",  # fresh lag gauges: tests wait on them
            # Snapshots (and deletions of the internal topic's start) within every test's span.
            HYDRAWATCH_CLUSTER_SNAPSHOT_INTERVAL_S="3",
            HYDRAWATCH_PARTITIONS=str(self.partitions),
            HYDRAWATCH_HOME=str(self.home),
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    def settings(self) -> Settings:
        return Settings.from_env(self.env())

    def start_worker(self, web_port: int | None = None, web_bind: str = "127.0.0.1") -> "Worker":
        port = web_port or free_port()
        log = open(self.home / f"worker-{port}.log", "ab")
        proc = subprocess.Popen(
            [sys.executable, "-m", "streams.cli", "worker", "--web-port", str(port), "--web-bind", web_bind,
             "--loglevel", "info"],
            cwd=REPO, env=self.env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        worker = Worker(proc, port, self.home / f"worker-{port}.log", web_bind)
        self.workers.append(worker)
        wait_for(worker.metrics_text, 90, f"worker on port {port} to serve /metrics")
        return worker


@dataclass
class Worker:
    proc: subprocess.Popen
    web_port: int
    log_path: Path
    host: str = "127.0.0.1"

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.web_port}{path}"

    def metrics_text(self) -> str:
        if self.proc.poll() is not None:
            raise RuntimeError(f"worker exited with {self.proc.returncode}; log:\n{self.log_tail()}")
        with urllib.request.urlopen(self.url("/metrics"), timeout=5) as resp:
            return resp.read().decode()

    def metric(self, name: str, **labels: str) -> float:
        """Value of one sample from /metrics (0.0 when absent)."""
        from prometheus_client.parser import text_string_to_metric_families

        for family in text_string_to_metric_families(self.metrics_text()):
            for sample in family.samples:
                if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                    return sample.value
        return 0.0

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, sig: int = signal.SIGTERM, timeout_s: float = 60) -> int:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout_s)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        return self.proc.returncode


@pytest.fixture
def pipeline(kafka_bootstrap: str, request) -> Pipeline:
    """Unique topics, consumer group and run directory for one test; workers stopped after it."""
    tag = f"{request.node.name[:40]}-{uuid.uuid4().hex[:8]}".replace("[", "-").replace("]", "")
    tag = "".join(c if c.isalnum() or c in "-_" else "-" for c in tag)
    home = TEST_HOME / "runs" / tag
    home.mkdir(parents=True, exist_ok=True)
    pipe = Pipeline(
        bootstrap=kafka_bootstrap, app_id=f"hw-{tag}", input_topic=f"api-requests-{tag}",
        dlq_topic=f"api-requests-dlq-{tag}", alerts_topic=f"anomaly-alerts-{tag}",
        cluster_topic=f"hydrawatch-cluster-input-{tag}", home=home,
    )
    kafka_local.create_topics(pipe.settings(), bootstrap=kafka_bootstrap)
    pipe.tap = InternalTopicTap(kafka_bootstrap, pipe.cluster_topic)
    pipe.tap.start()
    yield pipe
    for worker in pipe.workers:
        worker.stop()
    pipe.tap.stopping.set()
