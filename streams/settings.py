"""Settings, read once from the environment (every variable is documented in the README).

>>> s = Settings.from_env({"HYDRAWATCH_PARTITIONS": "4"})
>>> s.partitions, s.input_topic, s.kafka_bootstrap
(4, 'api-requests', '127.0.0.1:9092')
>>> Settings.from_env({"HYDRAWATCH_ACCOUNT_VOLUME_MARGIN": "4"})
Traceback (most recent call last):
...
ValueError: need 1 <= HYDRAWATCH_ACCOUNT_VOLUME_MARGIN <= HYDRAWATCH_ACCOUNT_CRITICAL_MARGIN, got 4.0 and 3.0
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Mapping

from detectors.population import DEFAULT_CRITICAL_MARGIN, DEFAULT_VOLUME_MARGIN

PREFIX = "HYDRAWATCH_"


@dataclasses.dataclass(frozen=True)
class Settings:
    """Everything configurable; field `x` comes from env `HYDRAWATCH_X`."""

    kafka_bootstrap: str = "127.0.0.1:9092"
    kafka_security_protocol: str = "PLAINTEXT"  # PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL (streams/kafka_security.py)
    kafka_sasl_mechanism: str = "SCRAM-SHA-512"  # or SCRAM-SHA-256, PLAIN
    kafka_sasl_username: str = ""
    kafka_sasl_password: str = dataclasses.field(default="", repr=False)  # never printed
    kafka_ssl_cafile: str = ""  # PEM CA bundle for the brokers' certificates (default: the system's)
    app_id: str = "hydrawatch"
    input_topic: str = "api-requests"
    dlq_topic: str = "api-requests-dlq"
    alerts_topic: str = "anomaly-alerts"
    cluster_topic: str = "hydrawatch-cluster-input"  # internal: account stage -> cluster stage (1 partition)
    cluster_snapshot_topic: str = ""  # internal: the cluster stage's state (compacted); default <cluster topic>-snapshots
    cluster_snapshot_interval_s: float = 60.0  # the cluster stage's owner snapshots its state this often...
    cluster_snapshot_items: int = 500_000  # ... or after this many cluster-stage inputs (a backlog), if sooner
    cluster_snapshot_discard: int = 0  # 1: a snapshot this release cannot read is dropped, not a reason to stop
    batch_size: int = 2000  # most records one fetch hands over (each partition's share is one batch)
    cluster_send_interval_s: float = 0.05  # longest the account stage's items wait to share an internal-topic record
    commit_interval_s: float = 2.0  # account states are written, then input offsets committed, this often
    fetch_max_wait_s: float = 0.1  # longest a fetch waits at the broker for data (Faust fixes 1.5 s)
    state_cache: int = 20000  # decoded account states kept in memory per partition (a write-through cache)
    stop_timeout_s: float = 8.0  # a worker told to stop (SIGTERM, SIGINT) exits within this, broker or not
    session_timeout_s: float = 10.0  # a worker silent this long leaves the group (kill -9, crash): failover time
    commit_check_s: float = 10.0  # how often the group's stored offsets are checked for commits lost in rebalances
    gauge_interval_s: float = 5.0  # how often lag, table and top-K gauges are refreshed
    idle_after_s: float = 2.0  # a caught-up input partition quiet this long stops holding the watermark
    account_ttl_s: float = 604800.0  # event time an idle account is kept (7 days); replay uses the same
    # An event dated more than this after the wall clock (replay: its start) is dead-lettered as
    # event_time_ahead, one more than the TTL before its partition's clock as event_time_behind.
    max_event_lead_s: float = 300.0
    # ... and one more than this before its partition's clock, or before the newest plausible event
    # of its batch (a first batch has no clock yet), as event_time_behind too.
    max_event_age_s: float = 366 * 86400.0
    # A lone account alerts (warning) at this multiple of the population's top 0.1% of hourly
    # harvest, and is critical at the second (detectors.population.AccountCalibration).
    account_volume_margin: float = DEFAULT_VOLUME_MARGIN
    account_critical_margin: float = DEFAULT_CRITICAL_MARGIN
    sweep_keys: int = 500  # stored accounts examined for expiry per partition, once a minute of its event time
    partitions: int = 8  # input topic and every table/changelog
    replication_factor: int = 1  # of the topics the worker creates if missing (3 on a real cluster)
    home: Path = Path(".hydrawatch")  # run directory: Kafka data and logs, worker state
    store: str = "rocksdb://"  # faust table store; "memory://" for tests without state
    web_bind: str = "127.0.0.1"  # address of the worker's web server (/metrics)
    web_port: int = 6066
    kafka_version: str = "3.9.1"
    kafka_heap: str = "1g"
    kafka_port: int = 9092
    kafka_controller_port: int = 9093
    log_level: str = "info"

    def __post_init__(self) -> None:
        if not 1.0 <= self.account_volume_margin <= self.account_critical_margin:
            raise ValueError("need 1 <= HYDRAWATCH_ACCOUNT_VOLUME_MARGIN <= HYDRAWATCH_ACCOUNT_CRITICAL_MARGIN, "
                             f"got {self.account_volume_margin} and {self.account_critical_margin}")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        values = {}
        for field in dataclasses.fields(cls):
            raw = env.get(PREFIX + field.name.upper())
            if raw is None:
                continue
            kind = type(field.default)
            values[field.name] = Path(raw) if kind is Path else kind(raw)
        return cls(**values)

    @property
    def snapshot_topic(self) -> str:
        """The cluster stage's snapshot topic, named after its internal topic unless set."""
        return self.cluster_snapshot_topic or f"{self.cluster_topic}-snapshots"

    @property
    def data_dir(self) -> Path:
        """Faust's data directory (RocksDB tables); one per worker, named by its web port."""
        return self.home / f"worker-{self.web_port}"

    @property
    def kafka_dir(self) -> Path:
        """Local broker's run directory (storage, logs, pid)."""
        return self.home / "kafka"
