"""Talking to a secured Kafka: TLS and SASL options for every client the project opens.

Set `HYDRAWATCH_KAFKA_SECURITY_PROTOCOL` (PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL) and, as
needed, `HYDRAWATCH_KAFKA_SASL_MECHANISM` (SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN),
`HYDRAWATCH_KAFKA_SASL_USERNAME`, `HYDRAWATCH_KAFKA_SASL_PASSWORD` and
`HYDRAWATCH_KAFKA_SSL_CAFILE` (PEM bundle trusted for the brokers' certificates; default: the
system's). The worker (Faust), its own aiokafka clients, the simulator, the evaluator and the
admin calls all read the same settings. Host names are always verified.

>>> aiokafka_options(Settings())
{}
>>> sorted(kafka_python_options(Settings(kafka_security_protocol="SASL_SSL", kafka_sasl_username="u",
...                                      kafka_sasl_password="p")))
['sasl_mechanism', 'sasl_plain_password', 'sasl_plain_username', 'security_protocol', 'ssl_cafile', 'ssl_check_hostname']
"""

from __future__ import annotations

import ssl
from typing import Any

from streams.settings import Settings

PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
MECHANISMS = ("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN")


def check(settings: Settings) -> None:
    """Fail early, with the setting's name, on a configuration no client could use."""
    protocol = settings.kafka_security_protocol
    if protocol not in PROTOCOLS:
        raise ValueError(f"HYDRAWATCH_KAFKA_SECURITY_PROTOCOL={protocol!r}: expected one of {', '.join(PROTOCOLS)}")
    if protocol.startswith("SASL"):
        if settings.kafka_sasl_mechanism not in MECHANISMS:
            raise ValueError(f"HYDRAWATCH_KAFKA_SASL_MECHANISM={settings.kafka_sasl_mechanism!r}: expected one of "
                             f"{', '.join(MECHANISMS)}")
        if not settings.kafka_sasl_username or not settings.kafka_sasl_password:
            raise ValueError(f"{protocol} needs HYDRAWATCH_KAFKA_SASL_USERNAME and HYDRAWATCH_KAFKA_SASL_PASSWORD")


def uses_tls(settings: Settings) -> bool:
    return settings.kafka_security_protocol in ("SSL", "SASL_SSL")


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """A client TLS context verifying the brokers (and their host names) against the CA file."""
    if not uses_tls(settings):
        return None
    context = ssl.create_default_context(cafile=settings.kafka_ssl_cafile or None)
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    return context


def _options(settings: Settings, tls: dict[str, Any]) -> dict[str, Any]:
    check(settings)
    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return {}
    options: dict[str, Any] = {"security_protocol": protocol}
    if uses_tls(settings):
        options.update(tls)
    if protocol.startswith("SASL"):
        options.update(sasl_mechanism=settings.kafka_sasl_mechanism, sasl_plain_username=settings.kafka_sasl_username,
                       sasl_plain_password=settings.kafka_sasl_password)
    return options


def aiokafka_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for AIOKafkaProducer/Consumer/AdminClient."""
    return _options(settings, {"ssl_context": ssl_context(settings)} if uses_tls(settings) else {})


def kafka_python_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for kafka-python's KafkaAdminClient/Consumer/Producer."""
    return _options(settings, {"ssl_cafile": settings.kafka_ssl_cafile or None, "ssl_check_hostname": True})


def faust_credentials(settings: Settings) -> Any:
    """`broker_credentials` for faust.App (None: plaintext)."""
    import faust

    check(settings)
    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return None
    if protocol == "SSL":
        return faust.SSLCredentials(ssl_context(settings))
    return faust.SASLCredentials(username=settings.kafka_sasl_username, password=settings.kafka_sasl_password,
                                 ssl_context=ssl_context(settings), mechanism=settings.kafka_sasl_mechanism)
