"""`hydrawatch kafka up|down|status`: idempotent, and `down` leaves no Java process behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.integration.conftest import REPO, TEST_HOME
from tests.support import free_port


def hydrawatch(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "streams.cli", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=180)


def kafka_java_pids(home: Path) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if b"kafka.Kafka" in cmdline and str(home.resolve()).encode() in cmdline:
                pids.append(int(proc.name))
    return pids


def test_up_twice_is_harmless_and_down_stops_java():
    home = TEST_HOME / "cli-broker"
    port, controller = free_port(), free_port()  # not fixed: a benchmark's broker may hold one
    env = dict(os.environ, HYDRAWATCH_HOME=str(home), HYDRAWATCH_KAFKA_PORT=str(port),
               HYDRAWATCH_KAFKA_CONTROLLER_PORT=str(controller), HYDRAWATCH_KAFKA_BOOTSTRAP=f"127.0.0.1:{port}")
    hydrawatch("kafka", "down", env=env)
    shutil.rmtree(home, ignore_errors=True)  # storage formatted by an earlier run, maybe other ports
    try:
        first = hydrawatch("kafka", "up", env=env)
        assert first.returncode == 0, first.stderr
        assert "up (pid" in first.stdout
        [pid] = kafka_java_pids(home)

        second = hydrawatch("kafka", "up", env=env)
        assert second.returncode == 0, second.stderr
        assert f"already running (pid {pid})" in second.stdout
        assert kafka_java_pids(home) == [pid]

        status = hydrawatch("kafka", "status", env=env)
        assert status.returncode == 0 and "ready" in status.stdout
    finally:
        down = hydrawatch("kafka", "down", env=env)
    assert down.returncode == 0, down.stderr
    assert kafka_java_pids(home) == []
    again = hydrawatch("kafka", "down", env=env)
    assert again.returncode == 0 and "not running" in again.stdout
    stopped = hydrawatch("kafka", "status", env=env)
    assert stopped.returncode == 1 and "not running" in stopped.stdout


def test_created_topics_are_in_the_brokers_metadata_when_create_topics_returns(kafka_bootstrap):
    """A worker started right after `create_topics` must be assigned the new topics: a group that
    joined while the broker's metadata lacked them would sit idle until its next refresh (5 min)."""
    import uuid

    from kafka import KafkaConsumer

    from streams import kafka_local
    from streams.settings import Settings
    from streams.topics import project_topics

    tag = uuid.uuid4().hex[:8]
    settings = Settings.from_env(dict(HYDRAWATCH_KAFKA_BOOTSTRAP=kafka_bootstrap, HYDRAWATCH_APP_ID=f"meta-{tag}",
                                      HYDRAWATCH_INPUT_TOPIC=f"in-{tag}", HYDRAWATCH_DLQ_TOPIC=f"dlq-{tag}",
                                      HYDRAWATCH_ALERTS_TOPIC=f"alerts-{tag}",
                                      HYDRAWATCH_CLUSTER_TOPIC=f"cluster-{tag}"))
    created = kafka_local.create_topics(settings)
    specs = {s.name: s.partitions for s in project_topics(settings)}
    assert sorted(created) == sorted(specs) and len(specs) >= 5
    consumer = KafkaConsumer(bootstrap_servers=kafka_bootstrap)  # a fresh client: metadata asked now, once
    try:
        seen = consumer.topics()
        assert {name: len(consumer.partitions_for_topic(name) or ()) for name in specs if name in seen} == specs
    finally:
        consumer.close()
