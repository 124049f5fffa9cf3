"""A real single-node Apache Kafka (KRaft) on this machine, without Docker.

The broker's jars come from Maven Central through `deploy/kafka/pom.xml` and are cached
under ``~/.cache/hydrawatch/kafka-<version>``; storage, logs and the pid file live in
``<home>/kafka``. `up` and `down` are idempotent.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from string import Template

from streams.settings import Settings

REPO = Path(__file__).resolve().parents[1]
POM = REPO / "deploy" / "kafka" / "pom.xml"
SERVER_TEMPLATE = REPO / "deploy" / "kafka" / "server.properties"
LOG4J = REPO / "deploy" / "kafka" / "log4j.properties"


class KafkaError(RuntimeError):
    """The local broker could not be fetched, started or stopped."""


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    config: tuple[tuple[str, str], ...] = ()


CHANGELOG_TABLES = ("account-state", "partition-state")  # the Faust tables of streams.app


def project_topics(settings: Settings) -> list[TopicSpec]:
    """The topics the project owns, with explicit partition counts."""
    week_ms = str(7 * 24 * 3600 * 1000)
    return [
        TopicSpec(settings.input_topic, settings.partitions, (("retention.ms", week_ms),)),
        TopicSpec(settings.dlq_topic, 1, (("retention.ms", str(30 * 24 * 3600 * 1000)),)),
        TopicSpec(settings.alerts_topic, 4, (("retention.ms", str(30 * 24 * 3600 * 1000)),)),
        # The cluster stage's input log, kept whole: a new owner rebuilds the stage from it.
        TopicSpec(settings.cluster_topic, 1, (("retention.ms", "-1"),)),
        # Faust's table changelogs, created up front: a worker that subscribes before they
        # exist crashes its agent on the first write (PartitionsMismatch, "0 partitions").
        *(TopicSpec(f"{settings.app_id}-{table}-changelog", settings.partitions, (("cleanup.policy", "compact"),))
          for table in CHANGELOG_TABLES),
    ]


def lib_dir(settings: Settings) -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "hydrawatch" / f"kafka-{settings.kafka_version}" / "libs"


def ensure_jars(settings: Settings) -> Path:
    """Resolve the broker classpath with Maven (once; cached afterwards)."""
    libs = lib_dir(settings)
    marker = libs / ".complete"
    if marker.exists():
        return libs
    libs.mkdir(parents=True, exist_ok=True)
    cmd = [
        "mvn", "-q", "-B", "-f", str(POM),
        f"-Dkafka.version={settings.kafka_version}",
        "dependency:copy-dependencies", "-DincludeScope=runtime", f"-DoutputDirectory={libs}",
    ]
    try:
        subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    except FileNotFoundError:
        raise KafkaError("Maven (mvn) is not installed; it fetches the Kafka jars") from None
    except subprocess.CalledProcessError as exc:
        raise KafkaError(f"Maven could not fetch Kafka {settings.kafka_version}:\n{exc.stdout[-3000:]}") from None
    marker.write_text(settings.kafka_version)
    return libs


def _pid_file(settings: Settings) -> Path:
    return settings.kafka_dir / "broker.pid"


def _read_pid(settings: Settings) -> int | None:
    try:
        pid = int(_pid_file(settings).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    # A recycled pid belongs to something else: check it is our java.
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return pid if b"kafka.Kafka" in cmdline else None


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=timeout):
        return True
    return False


def broker_ready(bootstrap: str, timeout_s: float = 5.0) -> bool:
    """True when the broker answers a metadata request."""
    from kafka import KafkaAdminClient
    from kafka.errors import KafkaError as ClientError

    try:
        admin = KafkaAdminClient(
            bootstrap_servers=bootstrap, request_timeout_ms=int(timeout_s * 1000),
            client_id="hydrawatch-probe",
        )
    except (ClientError, OSError):
        return False
    try:
        admin.list_topics()
        return True
    except (ClientError, OSError):
        return False
    finally:
        admin.close()


def _write_config(settings: Settings) -> Path:
    run = settings.kafka_dir
    (run / "logs").mkdir(parents=True, exist_ok=True)
    text = Template(SERVER_TEMPLATE.read_text()).substitute(
        LOG_DIRS=str((run / "data").resolve()),
        PORT=settings.kafka_port,
        CONTROLLER_PORT=settings.kafka_controller_port,
    )
    config = run / "server.properties"
    config.write_text(text)
    return config


def _java(settings: Settings, libs: Path, *args: str) -> list[str]:
    logs = (settings.kafka_dir / "logs").resolve()
    return [
        "java", f"-Xms256m", f"-Xmx{settings.kafka_heap}", "-XX:+UseG1GC",
        "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true",
        f"-Dkafka.logs.dir={logs}", f"-Dlog4j.configuration=file:{LOG4J}",
        "-cp", f"{libs}/*", *args,
    ]


def up(settings: Settings, timeout_s: float = 90.0) -> str:
    """Start the broker unless it already runs; wait until it answers. Returns a status line."""
    bootstrap = f"127.0.0.1:{settings.kafka_port}"
    pid = _read_pid(settings)
    if pid is not None and broker_ready(bootstrap):
        create_topics(settings)
        return f"Kafka {settings.kafka_version} already running (pid {pid}) on {bootstrap}"
    if pid is None and port_open("127.0.0.1", settings.kafka_port):
        raise KafkaError(f"port {settings.kafka_port} is taken by another process; not starting")
    libs = ensure_jars(settings)
    config = _write_config(settings)
    if not (settings.kafka_dir / "data" / "meta.properties").exists():
        cluster_id = _cluster_id()
        fmt = subprocess.run(
            _java(settings, libs, "kafka.tools.StorageTool", "format", "-t", cluster_id,
                  "-c", str(config), "--ignore-formatted"),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        if fmt.returncode != 0:
            raise KafkaError(f"formatting storage failed:\n{fmt.stdout[-3000:]}")
    proc = None
    if pid is None:
        out = open(settings.kafka_dir / "logs" / "stdout.log", "ab")
        proc = subprocess.Popen(
            _java(settings, libs, "kafka.Kafka", str(config)),
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        pid = proc.pid
        _pid_file(settings).write_text(str(pid))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise KafkaError(f"broker exited during start; see {settings.kafka_dir / 'logs'}")
        if port_open("127.0.0.1", settings.kafka_port) and broker_ready(bootstrap, 2.0):
            create_topics(settings)
            return f"Kafka {settings.kafka_version} up (pid {pid}) on {bootstrap}"
        time.sleep(0.25)
    raise KafkaError(f"broker did not answer within {timeout_s:.0f}s; see {settings.kafka_dir / 'logs'}")


def _cluster_id() -> str:
    import base64

    return base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")


def down(settings: Settings, timeout_s: float = 60.0) -> str:
    """Stop the broker cleanly (SIGTERM, then SIGKILL after `timeout_s`)."""
    pid = _read_pid(settings)
    if pid is None:
        _pid_file(settings).unlink(missing_ok=True)
        return "Kafka is not running"
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.1)
    forced = _alive(pid)
    if forced:
        os.kill(pid, signal.SIGKILL)
        while _alive(pid):
            time.sleep(0.05)
    _pid_file(settings).unlink(missing_ok=True)
    return f"Kafka stopped (pid {pid}{', killed after timeout' if forced else ''})"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):
        # A zombie child (when we started it in this process) counts as gone.
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        if state == "Z":
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            return False
    return True


def status(settings: Settings) -> tuple[bool, str]:
    pid = _read_pid(settings)
    bootstrap = f"127.0.0.1:{settings.kafka_port}"
    if pid is None:
        return False, "Kafka is not running"
    ready = broker_ready(bootstrap)
    return ready, f"Kafka {settings.kafka_version} pid {pid} on {bootstrap}: {'ready' if ready else 'not answering'}"


def create_topics(settings: Settings, specs: list[TopicSpec] | None = None, bootstrap: str | None = None) -> list[str]:
    """Create missing topics; existing ones are left alone. Returns the names created."""
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic
    from kafka.errors import TopicAlreadyExistsError

    specs = project_topics(settings) if specs is None else specs
    admin = KafkaAdminClient(bootstrap_servers=bootstrap or settings.kafka_bootstrap, client_id="hydrawatch-admin")
    try:
        existing = set(admin.list_topics())
        new = [
            NewTopic(s.name, s.partitions, settings.replication_factor, topic_configs=dict(s.config))
            for s in specs if s.name not in existing
        ]
        if new:
            try:
                admin.create_topics(new)
            except TopicAlreadyExistsError:
                pass
        return [t.name for t in new]
    finally:
        admin.close()
