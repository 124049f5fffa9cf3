"""The worker against a Kafka secured with SASL_SSL (SCRAM-SHA-512 over TLS, a local CA).

A second broker is started for this module by `hydrawatch kafka up`'s own code with
HYDRAWATCH_KAFKA_SECURITY_PROTOCOL=SASL_SSL: its only client listener is SASL_SSL, its SCRAM
user is created when its storage is formatted, and its certificate is signed by a CA made here.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import urllib.request
import uuid

import orjson
import pytest

from streams import kafka_local
from streams.settings import Settings
from tests.integration.conftest import TEST_HOME, Pipeline
from tests.integration.test_detection_live import canonical, produce, reference, settled
from tests.support import wait_for

SECURE_PORT, SECURE_CONTROLLER_PORT = 19096, 19097


@pytest.fixture(scope="module")
def secure_broker(kafka_bootstrap) -> Settings:  # kafka_bootstrap: this session holds the test lock
    settings = Settings(home=TEST_HOME / "secure", kafka_port=SECURE_PORT, kafka_controller_port=SECURE_CONTROLLER_PORT,
                        kafka_bootstrap=f"127.0.0.1:{SECURE_PORT}", kafka_security_protocol="SASL_SSL",
                        kafka_sasl_username="hydrawatch", kafka_sasl_password=uuid.uuid4().hex)
    kafka_local.down(settings)
    shutil.rmtree(settings.kafka_dir, ignore_errors=True)
    kafka_local.up(settings)
    settings = kafka_local.client_settings(settings)  # trusts the broker's local CA
    try:
        yield settings
    finally:
        kafka_local.down(settings)


@pytest.fixture
def secure_pipeline(secure_broker: Settings, monkeypatch, request) -> Pipeline:
    for name in ("kafka_security_protocol", "kafka_sasl_mechanism", "kafka_sasl_username", "kafka_sasl_password",
                 "kafka_ssl_cafile"):
        monkeypatch.setenv(f"HYDRAWATCH_{name.upper()}", str(getattr(secure_broker, name)))  # workers, CLI, this test
    monkeypatch.setenv("HYDRAWATCH_KAFKA_BOOTSTRAP", secure_broker.kafka_bootstrap)
    tag = f"secure-{uuid.uuid4().hex[:8]}"
    home = TEST_HOME / "runs" / tag
    home.mkdir(parents=True, exist_ok=True)
    pipe = Pipeline(bootstrap=secure_broker.kafka_bootstrap, app_id=f"hw-{tag}", input_topic=f"api-requests-{tag}",
                    dlq_topic=f"api-requests-dlq-{tag}", alerts_topic=f"anomaly-alerts-{tag}",
                    cluster_topic=f"hydrawatch-cluster-input-{tag}", home=home)
    kafka_local.create_topics(pipe.settings())
    yield pipe
    for worker in pipe.workers:
        worker.stop()


def test_the_broker_refuses_plaintext_a_wrong_password_and_an_unknown_ca(secure_broker: Settings):
    bootstrap = secure_broker.kafka_bootstrap
    assert kafka_local.broker_ready(bootstrap, 10.0, secure_broker)
    plaintext = Settings(kafka_bootstrap=bootstrap)
    wrong_password = dataclasses.replace(secure_broker, kafka_sasl_password="not-the-password")
    system_cas = dataclasses.replace(secure_broker, kafka_ssl_cafile="")  # the local CA is not among them
    for settings in (plaintext, wrong_password, system_cas):
        assert not kafka_local.broker_ready(bootstrap, 5.0, settings)


def test_a_worker_over_sasl_ssl_detects_like_replay_and_leaks_no_secret_ip_or_card(secure_pipeline, tmp_path):
    """Also: /metrics on a configured bind address only, and neither the worker's log nor its
    metrics contain a client IP or payment fingerprint of the traffic, or the SASL password."""
    from streams.simulate_cli import read_topic

    pipeline = secure_pipeline
    ref = reference(pipeline, tmp_path)
    produce(pipeline, tmp_path)  # the simulator's producer over SASL_SSL
    worker = pipeline.start_worker(web_bind="127.0.0.2")  # loopback, but not 127.0.0.1
    wait_for(lambda: settled([worker], pipeline, ref.n_events), 300, "the worker to process smoke over SASL_SSL")
    live = list(read_topic(pipeline.alerts_topic, pipeline.bootstrap))
    assert canonical(live) == canonical(ref.expected)
    assert len(live) > 50

    with pytest.raises(OSError):  # nothing listens on 127.0.0.1 at that port
        urllib.request.urlopen(f"http://127.0.0.1:{worker.web_port}/metrics", timeout=5)
    exposed = worker.metrics_text() + worker.log_path.read_text(errors="replace")
    password = pipeline.settings().kafka_sasl_password
    assert password and password not in exposed
    ips, cards = set(), set()
    for line in ref.events.open("rb"):
        event = orjson.loads(line)
        ips.add(event["client_ip"])
        if event["payment_fingerprint"]:
            cards.add(event["payment_fingerprint"])
    assert len(ips) > 1000 and len(cards) > 500
    for text in (exposed, orjson.dumps(live).decode()):  # the alerts carry account ids, not keys
        tokens = set(re.findall(r"[0-9a-f:.]+|pm_[0-9a-f]+", text))
        assert not tokens & ips and not tokens & cards
