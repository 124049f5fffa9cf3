"""A real single-node Apache Kafka (KRaft) on this machine, without Docker.

The broker's jars come from Maven Central through `deploy/kafka/pom.xml` and are cached
under ``~/.cache/hydrawatch/kafka-<version>``; storage, logs and the pid file live in
``<home>/kafka``. `up` and `down` are idempotent.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path
from string import Template

from streams import kafka_security
from streams.topics import TopicSpec, project_topics
from streams.settings import Settings

REPO = Path(__file__).resolve().parents[1]
POM = REPO / "deploy" / "kafka" / "pom.xml"
SERVER_TEMPLATE = REPO / "deploy" / "kafka" / "server.properties"
LOG4J = REPO / "deploy" / "kafka" / "log4j.properties"


class KafkaError(RuntimeError):
    """The local broker could not be fetched, started or stopped."""


def lib_dir(settings: Settings) -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "hydrawatch" / f"kafka-{settings.kafka_version}" / "libs"


def ensure_jars(settings: Settings) -> Path:
    """Resolve the broker classpath with Maven (once; cached afterwards)."""
    libs = lib_dir(settings)
    marker = libs / ".complete"
    want = f"{settings.kafka_version} {hashlib.sha256(POM.read_bytes()).hexdigest()[:16]}"
    if marker.exists() and marker.read_text() == want:
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
    marker.write_text(want)  # a changed pom resolves again
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


def broker_ready(bootstrap: str, timeout_s: float = 5.0, settings: Settings | None = None) -> bool:
    """True when the broker answers a metadata request (with `settings`' security options)."""
    from kafka import KafkaAdminClient
    from kafka.errors import KafkaError as ClientError

    try:
        admin = KafkaAdminClient(
            bootstrap_servers=bootstrap, request_timeout_ms=int(timeout_s * 1000),
            client_id="hydrawatch-probe", **kafka_security.kafka_python_options(settings or Settings()),
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


def secured(settings: Settings) -> bool:
    """The local broker is started with a SASL_SSL listener (SCRAM, TLS) instead of PLAINTEXT."""
    return settings.kafka_security_protocol == "SASL_SSL"


def tls_dir(settings: Settings) -> Path:
    return settings.kafka_dir / "tls"


def ensure_tls(settings: Settings) -> Path:
    """A local CA and a broker certificate for 127.0.0.1/localhost (openssl); returns the CA's
    PEM, which clients trust through HYDRAWATCH_KAFKA_SSL_CAFILE."""
    tls = tls_dir(settings)
    ca_pem, keystore = tls / "ca.pem", tls / "broker.p12"
    if ca_pem.exists() and keystore.exists():
        return ca_pem
    tls.mkdir(parents=True, exist_ok=True)
    password = _store_password(settings)

    def openssl(*args: str) -> None:
        done = subprocess.run(["openssl", *args], cwd=tls, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode != 0:
            raise KafkaError(f"openssl {args[0]} failed:\n{done.stdout[-2000:]}")

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650",
            "-subj", "/CN=hydrawatch local CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "broker.key", "-out", "broker.csr",
            "-subj", "/CN=localhost")
    (tls / "broker.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                                    "extendedKeyUsage=serverAuth,clientAuth\n")
    openssl("x509", "-req", "-in", "broker.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "broker.pem", "-days", "3650", "-extfile", "broker.ext")
    openssl("pkcs12", "-export", "-in", "broker.pem", "-inkey", "broker.key", "-certfile", "ca.pem",
            "-name", "broker", "-out", "broker.p12", "-passout", f"pass:{password}")
    for name in ("ca.key", "broker.key", "broker.csr"):
        (tls / name).chmod(0o600)
    return ca_pem


def _store_password(settings: Settings) -> str:
    path = tls_dir(settings) / "store-password"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(uuid.uuid4().hex)
        path.chmod(0o600)
    return path.read_text().strip()


def client_settings(settings: Settings) -> Settings:
    """`settings` for this module's own clients: a secured local broker's CA trusted by default."""
    if secured(settings) and not settings.kafka_ssl_cafile:
        import dataclasses

        return dataclasses.replace(settings, kafka_ssl_cafile=str(tls_dir(settings) / "ca.pem"))
    return settings


def _jaas(settings: Settings) -> str:
    def quoted(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"')

    return ("org.apache.kafka.common.security.scram.ScramLoginModule required "
            f'username="{quoted(settings.kafka_sasl_username)}" password="{quoted(settings.kafka_sasl_password)}";')


def _write_config(settings: Settings) -> Path:
    run = settings.kafka_dir
    (run / "logs").mkdir(parents=True, exist_ok=True)
    text = Template(SERVER_TEMPLATE.read_text()).substitute(
        LOG_DIRS=str((run / "data").resolve()),
        PORT=settings.kafka_port,
        CONTROLLER_PORT=settings.kafka_controller_port,
    )
    if secured(settings):
        kafka_security.check(settings)
        ca = ensure_tls(settings)
        tls = tls_dir(settings).resolve()
        password = _store_password(settings)
        mechanism = settings.kafka_sasl_mechanism
        overrides = {
            "listeners": f"SASL_SSL://127.0.0.1:{settings.kafka_port},CONTROLLER://127.0.0.1:{settings.kafka_controller_port}",
            "advertised.listeners": f"SASL_SSL://127.0.0.1:{settings.kafka_port}",
            "inter.broker.listener.name": "SASL_SSL",
            "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL",
        }
        lines = [line for line in text.splitlines() if line.split("=", 1)[0] not in overrides]
        lines += [f"{key}={value}" for key, value in overrides.items()]
        lines += [
            "# SASL_SSL (HYDRAWATCH_KAFKA_SECURITY_PROTOCOL=SASL_SSL): SCRAM users are created when the",
            "# storage is formatted; TLS material from streams/kafka_local.py:ensure_tls.",
            f"sasl.enabled.mechanisms={mechanism}",
            f"sasl.mechanism.inter.broker.protocol={mechanism}",
            f"listener.name.sasl_ssl.{mechanism.lower()}.sasl.jaas.config={_jaas(settings)}",
            "ssl.keystore.type=PKCS12",
            f"ssl.keystore.location={tls / 'broker.p12'}",
            f"ssl.keystore.password={password}",
            f"ssl.key.password={password}",
            "ssl.truststore.type=PEM",
            f"ssl.truststore.location={ca.resolve()}",
            "ssl.endpoint.identification.algorithm=https",
        ]
        text = "\n".join(lines) + "\n"
    config = run / "server.properties"
    config.write_text(text)
    config.chmod(0o600)
    return config


def _java(settings: Settings, libs: Path, *args: str) -> list[str]:
    logs = (settings.kafka_dir / "logs").resolve()
    return [
        "java", "-Xms256m", f"-Xmx{settings.kafka_heap}", "-XX:+UseG1GC",
        "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true",
        f"-Dkafka.logs.dir={logs}", f"-Dlog4j.configuration=file:{LOG4J}",
        "-cp", f"{libs}/*", *args,
    ]


def up(settings: Settings, timeout_s: float = 90.0) -> str:
    """Start the broker unless it already runs; wait until it answers. Returns a status line."""
    bootstrap = f"127.0.0.1:{settings.kafka_port}"
    pid = _read_pid(settings)
    clients = client_settings(settings)
    if pid is not None and broker_ready(bootstrap, settings=clients):
        create_topics(clients)
        return f"Kafka {settings.kafka_version} already running (pid {pid}) on {bootstrap}"
    if pid is None and port_open("127.0.0.1", settings.kafka_port):
        raise KafkaError(f"port {settings.kafka_port} is taken by another process; not starting")
    libs = ensure_jars(settings)
    config = _write_config(settings)
    if not (settings.kafka_dir / "data" / "meta.properties").exists():
        cluster_id = _cluster_id()
        fmt = subprocess.run(
            _java(settings, libs, "kafka.tools.StorageTool", "format", f"--cluster-id={cluster_id}",
                  "-c", str(config), "--ignore-formatted", *_scram_users(settings)),
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
        if port_open("127.0.0.1", settings.kafka_port) and broker_ready(bootstrap, 2.0, clients):
            create_topics(clients)
            return f"Kafka {settings.kafka_version} up (pid {pid}) on {bootstrap}{_client_hint(settings)}"
        time.sleep(0.25)
    raise KafkaError(f"broker did not answer within {timeout_s:.0f}s; see {settings.kafka_dir / 'logs'}")


def _client_hint(settings: Settings) -> str:
    if not secured(settings):
        return ""
    return (f" (SASL_SSL, {settings.kafka_sasl_mechanism} user {settings.kafka_sasl_username!r}; clients trust "
            f"HYDRAWATCH_KAFKA_SSL_CAFILE={(tls_dir(settings) / 'ca.pem').resolve()})")


def _scram_users(settings: Settings) -> list[str]:
    """StorageTool arguments creating the SCRAM user of a secured local broker."""
    if not secured(settings) or not settings.kafka_sasl_mechanism.startswith("SCRAM"):
        return []
    if any(c in settings.kafka_sasl_username + settings.kafka_sasl_password for c in ',[]"\\='):
        raise KafkaError("the local broker's SCRAM user name and password may not contain , [ ] \" \\ or =")
    return ["--add-scram", f"{settings.kafka_sasl_mechanism}=[name={settings.kafka_sasl_username},"
                           f"password={settings.kafka_sasl_password}]"]


def _cluster_id() -> str:
    """A random KRaft cluster id, never starting with "-" (as Kafka's own Uuid.randomUuid: the
    storage tool's argument parser would read it as an option; one start in 64 failed so).

    >>> all(not _cluster_id().startswith("-") for _ in range(2000))
    True
    """
    import base64

    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


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
    ready = broker_ready(bootstrap, settings=client_settings(settings))
    return ready, f"Kafka {settings.kafka_version} pid {pid} on {bootstrap}: {'ready' if ready else 'not answering'}"


def create_topics(settings: Settings, specs: list[TopicSpec] | None = None, bootstrap: str | None = None) -> list[str]:
    """Create missing topics; existing ones are left alone. Returns the names created."""
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic
    from kafka.errors import TopicAlreadyExistsError

    specs = project_topics(settings) if specs is None else specs
    admin = KafkaAdminClient(bootstrap_servers=bootstrap or settings.kafka_bootstrap, client_id="hydrawatch-admin",
                             **kafka_security.kafka_python_options(settings))
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
            wait_visible(admin, [t.name for t in new])
        return [t.name for t in new]
    finally:
        admin.close()


def wait_visible(admin, names: list[str], timeout_s: float = 30.0) -> None:
    """Wait until the broker's metadata shows every partition of `names` with a leader.

    CreateTopics returns before the broker's metadata cache holds the new topics; a consumer
    group joined in that window is assigned nothing for them and stays idle until its next
    metadata refresh (five minutes by default)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            described = admin.describe_topics(names)
        except Exception:  # noqa: BLE001 - not known yet (UnknownTopicOrPartition): ask again
            described = []
        ready = {d.get("name", d.get("topic")) for d in described
                 if not d.get("error_code") and d.get("partitions")
                 and all(p.get("leader_id", p.get("leader", -1)) >= 0 and not p.get("error_code")
                         for p in d["partitions"])}
        if ready >= set(names):
            return
        if time.monotonic() > deadline:
            raise KafkaError(f"topics not visible in the broker's metadata after {timeout_s:.0f}s: "
                             f"{sorted(set(names) - ready)}")
        time.sleep(0.1)
