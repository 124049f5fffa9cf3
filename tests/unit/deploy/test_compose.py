"""docker-compose.yml stays true to what the tests run: same Kafka version and broker settings."""

from __future__ import annotations

from pathlib import Path

import yaml

from streams.settings import Settings

REPO = Path(__file__).resolve().parents[3]
# Differ on purpose: addresses inside the compose network and the data path in the container.
HOST_SPECIFIC = {"controller.quorum.voters", "listeners", "advertised.listeners", "log.dirs"}


def server_properties() -> dict[str, str]:
    props = {}
    for line in (REPO / "deploy/kafka/server.properties").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            props[key.strip()] = value.strip()
    return props


def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_same_kafka_version_as_tests():
    image = compose()["services"]["kafka"]["image"]
    assert image == f"apache/kafka:{Settings().kafka_version}"
    assert f"<kafka.version>{Settings().kafka_version}</kafka.version>" in (REPO / "deploy/kafka/pom.xml").read_text()


def test_broker_settings_match_server_properties():
    env = compose()["services"]["kafka"]["environment"]
    from_compose = {
        k[len("KAFKA_"):].lower().replace("_", "."): str(v)
        for k, v in env.items() if k.startswith("KAFKA_") and k != "KAFKA_HEAP_OPTS"
    }
    expected = {k: v for k, v in server_properties().items() if k not in HOST_SPECIFIC}
    assert {k: v for k, v in from_compose.items() if k not in HOST_SPECIFIC} == expected


def test_partitions_agree():
    env = compose()["x-hydrawatch-env"]
    assert int(env["HYDRAWATCH_PARTITIONS"]) == Settings().partitions
