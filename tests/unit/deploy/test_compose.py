"""docker-compose.yml stays true to what the tests run and agrees with the ops configs it mounts.

There is no Docker on the dev machine, so these static checks are what stands behind the compose file:
same Kafka version and broker settings as the tests; Prometheus, Alertmanager, the webhook receiver and
Grafana wired to each other through the ports, names and paths their configs (deploy/, grafana/) use;
images pinned; a healthcheck on every long-running service; workers scalable with --scale.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import yaml

from streams.settings import Settings
from tests.unit.deploy.test_ops_config import ALERTMANAGER, PROM, amtool, load_yaml, promtool, run

REPO = Path(__file__).resolve().parents[3]
GRAFANA = REPO / "grafana"
# Run to completion instead of serving: topics creates the topics and exits (the worker waits for
# service_completed_successfully); the demo simulator plays its scenario and exits.
ONE_SHOT = {"topics", "simulator"}
PINNED_IMAGE = re.compile(r"[a-z0-9][a-z0-9./_-]*:(?!latest$)[A-Za-z0-9_.-]*[0-9][A-Za-z0-9_.-]*")
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


def services() -> dict[str, dict]:
    return compose()["services"]


def flag(service: dict, name: str) -> str:
    """The value of `--name value` or `--name=value` in a service's command."""
    command = [str(arg) for arg in service["command"]]
    for i, arg in enumerate(command):
        if arg == name:
            return command[i + 1]
        if arg.startswith(name + "="):
            return arg[len(name) + 1:]
    raise AssertionError(f"{name} not in {command}")


def bind_mounts(service: dict) -> dict[str, str]:
    """Container path -> repo path of the service's ./ bind mounts (all read-only)."""
    mounts = {}
    for volume in service.get("volumes", []):
        source, target, *mode = volume.split(":")
        if source.startswith("./"):
            assert mode == ["ro"], f"{volume}: mount the repo's files read-only"
            mounts[target] = source
    return mounts


def mount_target(service: dict, source: str) -> str:
    """Where the repo path `source` is mounted in the service's container."""
    (target,) = [t for t, s in bind_mounts(service).items() if s == f"./{source}"]
    return target


def repo_path(service: dict, container_path: str) -> Path:
    """Where a path inside the container comes from in the repo (through the bind mounts)."""
    path = PurePosixPath(container_path)
    for target, source in sorted(bind_mounts(service).items(), key=lambda kv: -len(kv[0])):
        if path == PurePosixPath(target) or PurePosixPath(target) in path.parents:
            return REPO / source / path.relative_to(target)
    raise AssertionError(f"{container_path} is not mounted from the repo")


def published(service: dict) -> dict[int, tuple[str, int]]:
    """Container port -> (host address, host port) of the service's `ports`."""
    out = {}
    for spec in service.get("ports", []):
        host, host_port, container_port = str(spec).split(":")
        out[int(container_port)] = (host, int(host_port))
    return out


def serves(name: str) -> int:
    """The one port a compose service listens on inside the network, read from its own settings."""
    service = services()[name]
    if name == "kafka":
        return int(service["environment"]["KAFKA_LISTENERS"].split("PLAINTEXT://:")[1].split(",")[0])
    if name == "worker":
        return int(flag(service, "--web-port"))
    if name == "webhook":
        return int(flag(service, "--port"))
    (port,) = published(service)
    return port


def tool_version(tool: str) -> tuple[int, ...]:
    result = run(tool, "--version")
    m = re.search(r"version (\d+)\.(\d+)\.(\d+)", result.stdout + result.stderr)
    assert m, f"no version in `{tool} --version`: {result.stdout}{result.stderr}"
    return tuple(int(g) for g in m.groups())


def image_version(image: str) -> tuple[int, ...]:
    return tuple(int(n) for n in image.split(":")[1].lstrip("v").split("."))


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


# --- images and healthchecks ---------------------------------------------------------------------------


def test_every_image_is_pinned():
    images = {name: s["image"] for name, s in services().items() if "image" in s}
    assert {"kafka", "prometheus", "alertmanager", "webhook", "grafana"} <= set(images)
    for name, image in images.items():
        assert PINNED_IMAGE.fullmatch(image), f"{name}: image {image!r} is not pinned to a version tag"
    built = [name for name, s in services().items() if "build" in s]
    assert set(built) == {"topics", "worker", "simulator"} and set(built).isdisjoint(images)
    bases = re.findall(r"^FROM\s+(\S+)", (REPO / "Dockerfile").read_text(), re.MULTILINE)
    assert bases and all(PINNED_IMAGE.fullmatch(base) for base in bases), bases


def test_webhook_runs_on_the_worker_image_python():
    (base,) = re.findall(r"^FROM\s+(\S+)", (REPO / "Dockerfile").read_text(), re.MULTILINE)
    assert services()["webhook"]["image"] == base


def test_prometheus_and_alertmanager_images_match_the_tools_that_check_their_configs():
    # promtool and amtool validate deploy/ here; compose runs the same release line, not a later
    # one with other config rules (Prometheus 3 changed scraping and config defaults).
    prometheus = image_version(services()["prometheus"]["image"])
    alertmanager = image_version(services()["alertmanager"]["image"])
    assert services()["prometheus"]["image"].startswith("prom/prometheus:v")
    assert services()["alertmanager"]["image"].startswith("prom/alertmanager:v")
    assert prometheus[:1] == tool_version(promtool())[:1]
    assert alertmanager[:2] == tool_version(amtool())[:2]  # 0.x: the minor is the major


def test_every_long_running_service_has_a_healthcheck():
    all_services = services()
    assert ONE_SHOT <= set(all_services)
    assert all_services["worker"]["depends_on"]["topics"]["condition"] == "service_completed_successfully"
    assert all_services["simulator"]["profiles"] == ["demo"]
    for name, service in all_services.items():
        if name in ONE_SHOT:
            assert "healthcheck" not in service, f"{name} exits when done: a healthcheck would mark it unhealthy"
            continue
        check = service.get("healthcheck")
        assert check, f"{name} has no healthcheck"
        assert check["test"][0] in {"CMD", "CMD-SHELL"} and len(check["test"]) > 1, name
        assert {"interval", "timeout", "retries"} <= set(check), name


def test_healthchecks_probe_the_port_the_service_serves():
    for name, service in services().items():
        if name in ONE_SHOT:
            continue
        probe = " ".join(service["healthcheck"]["test"][1:])
        ports = {int(p) for p in re.findall(r"(?:127\.0\.0\.1|localhost):(\d+)", probe)}
        assert ports == {serves(name)}, f"{name}: healthcheck {probe!r} does not probe port {serves(name)}"


def test_depends_on_only_known_services_and_healthy_means_a_healthcheck():
    all_services = services()
    for name, service in all_services.items():
        for dep, cond in (service.get("depends_on") or {}).items():
            assert dep in all_services, f"{name} depends on unknown service {dep}"
            if cond["condition"] == "service_healthy":
                assert "healthcheck" in all_services[dep], f"{name} waits for {dep} to be healthy"


# --- scaling and ports ---------------------------------------------------------------------------------


def test_worker_scales_and_prometheus_discovers_every_replica():
    all_services = services()
    assert all("container_name" not in s for s in all_services.values()), "container_name blocks --scale"
    worker = all_services["worker"]
    assert "ports" not in worker and "hostname" not in worker  # replicas would collide on them
    port = serves("worker")
    assert port == Settings().web_port == 6066
    assert [str(p) for p in worker["expose"]] == [str(port)]
    assert flag(worker, "--web-bind") == "0.0.0.0"  # reachable from Prometheus' container
    conf = load_yaml(PROM / "prometheus.yml")
    (job,) = [j for j in conf["scrape_configs"] if j["job_name"] == "hydrawatch"]
    (sd,) = job["dns_sd_configs"]
    assert sd["names"] == ["worker"] and sd["type"] == "A" and sd["port"] == port
    assert "static_configs" not in job  # one static target would hit a different replica each scrape


def test_job_name_is_the_one_rules_and_dashboards_read():
    readers = [PROM / "rules/alerts.yml", *sorted((GRAFANA / "dashboards").glob("*.json"))]
    jobs = set()
    for path in readers:
        jobs |= set(re.findall(r'up\{job=\\?"([^"\\]+)\\?"', path.read_text()))
    assert jobs == {"hydrawatch"}
    for config in ("prometheus.yml", "prometheus.local.yml"):
        names = [j["job_name"] for j in load_yaml(PROM / config)["scrape_configs"]]
        assert names == ["hydrawatch"], config


def test_published_ports_are_local_and_do_not_collide():
    settings = Settings()
    seen = {}
    for name, service in services().items():
        for container_port, (host, host_port) in published(service).items():
            assert host == "127.0.0.1", f"{name} publishes {host_port} beyond this machine"
            assert host_port not in seen, f"{name} and {seen.get(host_port)} both publish {host_port}"
            seen[host_port] = name
    assert seen == {9090: "prometheus", 9095: "alertmanager", 3000: "grafana"}
    # The local set-up may run beside compose: Kafka, workers and the webhook keep their ports.
    assert set(seen).isdisjoint({settings.kafka_port, settings.kafka_controller_port, 6066, 6067, 5001})
    # Same host address for Alertmanager as the local set-up (deploy/prometheus/prometheus.local.yml).
    local = load_yaml(PROM / "prometheus.local.yml")["alerting"]["alertmanagers"][0]["static_configs"][0]
    (local_am,) = local["targets"]
    host_side = published(services()["alertmanager"])[serves("alertmanager")]
    assert host_side == ("127.0.0.1", int(local_am.rsplit(":", 1)[1]))


# --- mounted configs -----------------------------------------------------------------------------------


def test_bind_mounts_exist_and_named_volumes_are_declared():
    declared = set(compose().get("volumes") or {})
    mounted = 0
    for name, service in services().items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (REPO / source).exists(), f"{name} mounts {source}, not in the repo"
                mounted += 1
            else:
                assert source in declared, f"{name} uses undeclared volume {source}"
    assert mounted >= 7


def test_prometheus_loads_the_repo_config_and_rules():
    prometheus = services()["prometheus"]
    config = flag(prometheus, "--config.file")
    assert repo_path(prometheus, config) == PROM / "prometheus.yml"
    assert mount_target(prometheus, "deploy/prometheus/prometheus.yml") == config
    # rule_files are relative to the config file: inside the container they must reach the repo rules.
    config_dir = PurePosixPath(config).parent
    loaded = set()
    for pattern in load_yaml(PROM / "prometheus.yml")["rule_files"]:
        host = repo_path(prometheus, str(config_dir / pattern))
        loaded |= set(host.parent.glob(host.name))
    assert loaded == set((PROM / "rules").glob("*.yml")) and loaded
    assert PurePosixPath(flag(prometheus, "--storage.tsdb.path")) in {
        PurePosixPath(v.split(":")[1]) for v in prometheus["volumes"] if not v.startswith("./")}


def test_prometheus_alerts_reach_the_compose_alertmanager():
    (target,) = load_yaml(PROM / "prometheus.yml")["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"]
    host, port = target.rsplit(":", 1)
    assert host in services() and int(port) == serves(host) == 9093
    alertmanager = services()[host]
    config = flag(alertmanager, "--config.file")
    assert repo_path(alertmanager, config) == ALERTMANAGER
    assert flag(alertmanager, "--cluster.listen-address") == ""  # one node: no gossip port


def test_alertmanager_receivers_resolve_in_compose():
    # alertmanager.yml posts to 127.0.0.1:5001 (as locally); in compose that address is the webhook
    # service, which runs deploy/alertmanager/webhook_receiver.py in Alertmanager's network namespace.
    urls = {c["url"] for r in load_yaml(ALERTMANAGER)["receivers"] for c in r.get("webhook_configs", [])}
    assert urls, "no webhook receivers in alertmanager.yml"
    (url,) = urls
    parts = urlsplit(url)
    webhook = services()["webhook"]
    assert parts.hostname == flag(webhook, "--bind") == "127.0.0.1"
    assert parts.port == serves("webhook")
    assert webhook["network_mode"] == "service:alertmanager"
    script = webhook["command"][1]
    assert webhook["command"][0] == "python"
    assert repo_path(webhook, script) == REPO / "deploy/alertmanager/webhook_receiver.py"
    assert "alertmanager" in webhook["depends_on"]


def test_grafana_provisioning_agrees_with_compose():
    grafana = services()["grafana"]
    # every provisioning file of the repo is where Grafana looks (GF_PATHS_PROVISIONING default)
    files = sorted((GRAFANA / "provisioning").glob("*/*.yaml"))
    assert {f.parent.name for f in files} == {"datasources", "dashboards"}
    for path in files:
        inside = f"/etc/grafana/provisioning/{path.parent.name}/{path.name}"
        assert repo_path(grafana, inside) == path
    # the datasource is the compose Prometheus
    (source,) = load_yaml(GRAFANA / "provisioning/datasources/prometheus.yaml")["datasources"]
    url = urlsplit(source["url"])
    assert url.hostname in services() and services()[url.hostname]["image"].startswith("prom/prometheus:")
    assert url.port == serves(url.hostname)
    assert grafana["depends_on"][url.hostname]["condition"] == "service_healthy"
    # the dashboards provider reads the directory the repo's dashboards are mounted at
    (provider,) = load_yaml(GRAFANA / "provisioning/dashboards/hydrawatch.yaml")["providers"]
    path = provider["options"]["path"]
    assert repo_path(grafana, path) == GRAFANA / "dashboards"
    assert mount_target(grafana, "grafana/dashboards") == path
    assert sorted(repo_path(grafana, path).glob("*.json")) == sorted((GRAFANA / "dashboards").glob("*.json"))
    assert serves("grafana") == 3000
