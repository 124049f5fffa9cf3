"""`simulate --out kafka` against a real broker: every event arrives, keyed by account."""

from __future__ import annotations

import uuid
from collections import Counter

import orjson
import pytest
from click.testing import CliRunner
from kafka import KafkaAdminClient, KafkaProducer
from kafka.admin import NewTopic

from simulator.contract import validate_event
from streams.simulate_cli import evaluate, read_topic, simulate


@pytest.fixture
def make_topic(kafka_bootstrap):
    """Create uniquely named topics for one test; delete them afterwards."""
    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    created: list[str] = []

    def create(prefix: str, partitions: int = 4) -> str:
        name = f"{prefix}-{uuid.uuid4().hex[:10]}"
        admin.create_topics([NewTopic(name, partitions, 1)])
        created.append(name)
        return name

    yield create
    try:
        admin.delete_topics(created)
    finally:
        admin.close()


def test_smoke_scenario_to_kafka_reads_back_same_count(kafka_bootstrap, make_topic, tmp_path, monkeypatch):
    monkeypatch.setenv("HYDRAWATCH_KAFKA_BOOTSTRAP", kafka_bootstrap)
    topic = make_topic("sim-smoke")
    truth_path = tmp_path / "truth.json"
    result = CliRunner().invoke(simulate, ["--scenario", "smoke", "--out", "kafka", "--topic", topic,
                                           "--truth", str(truth_path)])
    assert result.exit_code == 0, result.output
    truth = orjson.loads(truth_path.read_bytes())

    events = list(read_topic(topic, kafka_bootstrap))
    assert len(events) == truth["events"] > 40_000
    assert len({e["event_id"] for e in events}) == len(events)
    assert all(validate_event(e) == [] for e in events[::97])
    owners = {a for c in truth["campaigns"].values() for a in c["accounts"]}
    per_account = Counter(e["account_id"] for e in events)
    assert len(per_account) == truth["benign_accounts"] + len(owners)


def test_evaluate_reads_alerts_from_kafka(kafka_bootstrap, make_topic, tmp_path, monkeypatch):
    monkeypatch.setenv("HYDRAWATCH_KAFKA_BOOTSTRAP", kafka_bootstrap)
    topic = make_topic("sim-alerts", partitions=2)
    truth = {"campaigns": {"c": {"kind": "hydra", "start": "2026-11-20T00:00:00.000Z",
                                 "accounts": ["acct_000000000001", "acct_000000000002"]}},
             "benign_accounts": 10}
    (tmp_path / "truth.json").write_bytes(orjson.dumps(truth))
    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap)
    for account, minute in (("acct_000000000001", 5), ("acct_000000000009", 7)):
        alert = {"alert_id": f"a-{account}", "ts": f"2026-11-20T00:{minute:02d}:00.000Z", "status": "firing",
                 "scope": "account", "entity_id": account, "accounts": [account], "score": 0.9,
                 "severity": "critical", "reasons": [{"signal": "test", "detail": "test"}]}
        producer.send(topic, key=account.encode(), value=orjson.dumps(alert))
    producer.flush()
    producer.close()
    result = CliRunner().invoke(evaluate, ["--truth", str(tmp_path / "truth.json"), "--alerts", f"kafka:{topic}",
                                           "--json"])
    assert result.exit_code == 0, result.output
    report = orjson.loads(result.output)
    assert report["campaigns"][0]["recall"] == 0.5 and report["campaigns"][0]["time_to_first_alert_s"] == 300
    assert report["benign_flagged"] == 1 and report["messages"] == 2
