"""Operations artefacts: Prometheus config and rules, Alertmanager routing, runbooks, Grafana dashboards.

The checks that matter run the real tools (promtool, amtool from the Debian packages `prometheus` and
`prometheus-alertmanager`, installed by scripts/bootstrap.sh); when a tool is missing the test fails,
it does not skip. The rest are static checks in Python: every metric a dashboard or rule reads is in
docs/metrics.md, every panel has a unit, every alert has its annotations and runbook.
"""

from __future__ import annotations

import glob
import io
import importlib.util
import json
import re
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from streams.settings import Settings

REPO = Path(__file__).resolve().parents[3]
PROM = REPO / "deploy/prometheus"
RULE_FILES = [PROM / "rules/recording.yml", PROM / "rules/alerts.yml"]
ALERTMANAGER = REPO / "deploy/alertmanager/alertmanager.yml"
RUNBOOKS = REPO / "deploy/runbooks"
RUNBOOK_BASE = "https://github.com/hydrawatch/hydrawatch/blob/main/deploy/runbooks/"
DASHBOARDS = sorted((REPO / "grafana/dashboards").glob("*.json"))
PROVISIONING = REPO / "grafana/provisioning"

TEAMS = {"detections", "pipeline"}
SEVERITIES = {"page", "ticket"}
RECEIVER = {("detections", "page"): "detections-pager", ("detections", "ticket"): "detections-tickets",
            ("pipeline", "page"): "pipeline-pager", ("pipeline", "ticket"): "pipeline-tickets"}
PANEL_TYPES = {"timeseries", "stat", "table", "heatmap"}
# Grafana variables, replaced by something PromQL accepts so promtool can parse dashboard queries.
GRAFANA_VARS = {"$__rate_interval": "1m", "$__interval": "1m", "$__range": "1h",
                "$instance": ".*", "$cluster": ".*", "$scope": "account"}


# --- helpers -----------------------------------------------------------------------------------------


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"`{name}` is not installed: install the Debian package `{package}` "
                    f"(scripts/bootstrap.sh does: apt-get install {package})", pytrace=False)
    return path


def promtool() -> str:
    return tool("promtool", "prometheus")


def amtool() -> str:
    return tool("amtool", "prometheus-alertmanager")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=REPO, capture_output=True, text=True, timeout=120)


def assert_ok(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, f"{' '.join(result.args)} -> {result.returncode}\n{result.stdout}\n{result.stderr}"


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text())


def alert_rules() -> list[dict]:
    return [rule for group in load_yaml(PROM / "rules/alerts.yml")["groups"] for rule in group["rules"]]


def recording_rules() -> list[dict]:
    return [rule for group in load_yaml(PROM / "rules/recording.yml")["groups"] for rule in group["rules"]]


def catalog() -> dict[str, str]:
    """docs/metrics.md's table: metric name -> type."""
    names = {}
    for line in (REPO / "docs/metrics.md").read_text().splitlines():
        m = re.match(r"\|\s*`(hydrawatch_[a-z_]+)`\s*\|\s*([a-z]+)", line)
        if m:
            names[m.group(1)] = m.group(2)
    assert len(names) >= 15, "could not parse the metric catalog in docs/metrics.md"
    return names


def dashboard(path: Path) -> dict:
    return json.loads(path.read_text())


def panels(dash: dict):
    for panel in dash["panels"]:
        yield panel
        yield from panel.get("panels", [])  # collapsed rows


def dashboard_exprs(dash: dict) -> list[str]:
    exprs = [t["expr"] for p in panels(dash) for t in p.get("targets", []) if t.get("expr")]
    for var in dash.get("templating", {}).get("list", []):
        if var.get("type") == "query":
            query = var["query"]["query"] if isinstance(var["query"], dict) else var["query"]
            m = re.fullmatch(r"label_values\((.*),\s*\w+\)", query)
            exprs.append(m.group(1) if m else query)
    return exprs


def grafana_to_promql(expr: str) -> str:
    for var, value in sorted(GRAFANA_VARS.items(), key=lambda kv: -len(kv[0])):
        expr = expr.replace(var, value)
    assert "$" not in expr, f"unknown Grafana variable in {expr!r}"
    return expr


# --- Prometheus ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("config", ["prometheus.yml", "prometheus.local.yml"])
def test_prometheus_config_is_valid(config):
    assert_ok(run(promtool(), "check", "config", str(PROM / config)))


@pytest.mark.parametrize("config", ["prometheus.yml", "prometheus.local.yml"])
def test_prometheus_config_scrapes_workers_and_loads_rules(config):
    conf = load_yaml(PROM / config)
    assert conf["rule_files"] == ["rules/*.yml"]
    jobs = {job["job_name"]: job for job in conf["scrape_configs"]}
    assert "hydrawatch" in jobs
    assert len(conf["alerting"]["alertmanagers"]) == 1


def test_compose_prometheus_finds_every_worker_replica():
    job = {j["job_name"]: j for j in load_yaml(PROM / "prometheus.yml")["scrape_configs"]}["hydrawatch"]
    assert job["dns_sd_configs"] == [{"names": ["worker"], "type": "A", "port": 6066, "refresh_interval": "30s"}]
    compose = load_yaml(REPO / "docker-compose.yml")
    assert "6066" in [str(p) for p in compose["services"]["worker"]["expose"]]
    targets = load_yaml(PROM / "prometheus.yml")["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"]
    assert targets == ["alertmanager:9093"]


def test_local_prometheus_targets_and_alertmanager_port():
    conf = load_yaml(PROM / "prometheus.local.yml")
    job = {j["job_name"]: j for j in conf["scrape_configs"]}["hydrawatch"]
    assert job["static_configs"][0]["targets"] == ["127.0.0.1:6066", "127.0.0.1:6067"]
    (am,) = conf["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"]
    host, port = am.rsplit(":", 1)
    settings = Settings()
    assert host == "127.0.0.1"
    # Locally 9093 is the KRaft controller of `hydrawatch kafka up`: Alertmanager must not take it.
    assert int(port) not in {settings.kafka_port, settings.kafka_controller_port, 9090, 6066, 6067, 5001}


@pytest.mark.parametrize("rules", RULE_FILES, ids=lambda p: p.name)
def test_rule_files_are_valid(rules):
    assert_ok(run(promtool(), "check", "rules", str(rules)))


def test_rule_unit_tests_pass():
    tests = sorted(glob.glob(str(PROM / "tests/*.yml")))
    assert tests, "no promtool rule tests in deploy/prometheus/tests/"
    assert_ok(run(promtool(), "test", "rules", *tests))


def test_every_alert_has_a_firing_and_a_quiet_unit_test():
    fires, quiet = set(), set()
    for path in (PROM / "tests").glob("*.yml"):
        for case in load_yaml(path)["tests"]:
            for check in case.get("alert_rule_test", []):
                (fires if check.get("exp_alerts") else quiet).add(check["alertname"])
    names = {rule["alert"] for rule in alert_rules()}
    assert names - fires == set(), "alerts never shown to fire in deploy/prometheus/tests/"
    assert names - quiet == set(), "alerts never shown to stay quiet in deploy/prometheus/tests/"
    assert (fires | quiet) - names == set(), "tests of alerts that do not exist"


def test_alerts_have_labels_annotations_and_runbooks():
    rules = alert_rules()
    assert len(rules) >= 8
    for rule in rules:
        name = rule["alert"]
        assert rule["labels"]["team"] in TEAMS, name
        assert rule["labels"]["severity"] in SEVERITIES, name
        annotations = rule["annotations"]
        for key in ("summary", "description", "runbook_url"):
            assert annotations.get(key, "").strip(), f"{name}: missing annotation {key}"
        url = annotations["runbook_url"]
        assert url.startswith(RUNBOOK_BASE), f"{name}: runbook_url {url} not under {RUNBOOK_BASE}"
        page = RUNBOOKS / url[len(RUNBOOK_BASE):].split("#")[0]
        assert page.is_file(), f"{name}: runbook {page} does not exist"
        text = page.read_text()
        assert text.startswith(f"# {name}\n"), f"{page.name} should be titled with the alert name {name}"
        for section in ("## What it means", "## Confirm", "## What to do"):
            assert section in text, f"{page.name}: missing section {section!r}"
    # The README's index lists every runbook, and every runbook belongs to an alert.
    pages = {p.name for p in RUNBOOKS.glob("*.md")} - {"README.md"}
    used = {r["annotations"]["runbook_url"][len(RUNBOOK_BASE):].split("#")[0] for r in rules}
    assert pages == used
    index = (RUNBOOKS / "README.md").read_text()
    assert all(f"]({page})" in index for page in pages)


def test_required_alerts_exist():
    rules = {rule["alert"]: rule for rule in alert_rules()}
    critical = rules["HydrawatchClusterCampaignCritical"]
    assert 'hydrawatch_alerts_firing{scope="cluster", severity="critical"}' in critical["expr"]
    assert critical["labels"] == {"severity": "page", "team": "detections"}
    down = rules["HydrawatchWorkerDown"]
    assert down["expr"].strip() == 'up{job="hydrawatch"} == 0'
    assert down["labels"] == {"severity": "page", "team": "pipeline"}
    assert {"HydrawatchAccountAnomalySurge", "HydrawatchConsumerLagGrowing", "HydrawatchDeadLetterRateHigh",
            "HydrawatchNoEventsReceived", "HydrawatchEventTimeLagHigh"} <= set(rules)


def test_runbook_anchor_used_by_the_campaigns_dashboard_exists():
    text = (RUNBOOKS / "cluster-campaign-critical.md").read_text()
    assert "\n## Pull the evidence\n" in text  # anchor #pull-the-evidence
    assert "kcat -b 127.0.0.1:9092 -C -t anomaly-alerts -o beginning -e -q" in text


# --- Alertmanager --------------------------------------------------------------------------------------


def test_alertmanager_config_is_valid():
    assert_ok(run(amtool(), "check-config", str(ALERTMANAGER)))


def route(*labels: str, expect: str) -> None:
    result = run(amtool(), "config", "routes", "test", f"--config.file={ALERTMANAGER}",
                 f"--verify.receivers={expect}", *labels)
    assert result.returncode == 0, (f"{' '.join(labels)} routed to {result.stdout.strip()!r}, "
                                    f"expected {expect!r}\n{result.stderr}")


@pytest.mark.parametrize("labels, receiver", [
    (["alertname=HydrawatchClusterCampaignCritical", "scope=cluster", "severity=page", "team=detections"],
     "detections-pager"),
    (["alertname=HydrawatchWorkerDown", "job=hydrawatch", "instance=127.0.0.1:6066", "severity=page",
      "team=pipeline"], "pipeline-pager"),
    (["alertname=HydrawatchClusterCampaignWarning", "scope=cluster", "severity=ticket", "team=detections"],
     "detections-tickets"),
    (["alertname=HydrawatchDeadLetterRateHigh", "job=hydrawatch", "severity=ticket", "team=pipeline"],
     "pipeline-tickets"),
    (["alertname=SomethingElse", "severity=page"], "default"),
], ids=["critical-campaign", "worker-down", "warning-cluster", "dlq", "unowned"])
def test_alertmanager_routes(labels, receiver):
    route(*labels, expect=receiver)


@pytest.mark.parametrize("rule", alert_rules(), ids=lambda r: r["alert"])
def test_every_alert_routes_to_its_team_and_severity(rule):
    labels = rule["labels"]
    route(f"alertname={rule['alert']}", *(f"{k}={v}" for k, v in labels.items()),
          expect=RECEIVER[labels["team"], labels["severity"]])


def test_routing_groups_one_page_per_campaign_and_per_job():
    routes = {r["matchers"][0]: r for r in load_yaml(ALERTMANAGER)["route"]["routes"]}
    detections = routes['team="detections"']
    assert {"alertname", "scope", "cluster_id", "entity_id"} <= set(detections["group_by"])
    assert "instance" not in detections["group_by"]   # several workers: still one page
    assert set(routes['team="pipeline"']["group_by"]) == {"alertname", "job"}


def test_inhibitions_cover_worker_down_symptoms_and_their_labels_match():
    conf = load_yaml(ALERTMANAGER)
    names = {rule["alert"] for rule in alert_rules()}
    fired_labels = {}  # alertname -> labels of the alerts the unit tests expect
    for path in (PROM / "tests").glob("*.yml"):
        for case in load_yaml(path)["tests"]:
            for check in case.get("alert_rule_test", []):
                for alert in check.get("exp_alerts") or []:
                    fired_labels.setdefault(check["alertname"], set()).update(alert["exp_labels"])
    inhibited = set()
    for rule in conf["inhibit_rules"]:
        sources = re.findall(r"alertname=~?\"([^\"]+)\"", " ".join(rule["source_matchers"]))
        targets = re.findall(r"alertname=~?\"([^\"]+)\"", " ".join(rule["target_matchers"]))
        sources = {n for s in sources for n in s.split("|")}
        targets = {n for t in targets for n in t.split("|")}
        assert sources and targets and (sources | targets) <= names, rule
        for name in sources | targets:  # `equal` labels must exist on both sides or nothing is inhibited
            assert set(rule["equal"]) <= fired_labels[name], (name, rule["equal"])
        if sources == {"HydrawatchWorkerDown"}:
            inhibited |= targets
    assert inhibited == {"HydrawatchNoEventsReceived", "HydrawatchConsumerLagGrowing", "HydrawatchEventTimeLagHigh"}


def test_webhook_receiver_prints_alerts():
    spec = importlib.util.spec_from_file_location("webhook_receiver", REPO / "deploy/alertmanager/webhook_receiver.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    server = module.Receiver(("127.0.0.1", 0), out=out)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        payload = {"receiver": "detections-pager", "status": "firing", "alerts": [{
            "status": "firing", "startsAt": "2026-11-20T08:15:02Z",
            "labels": {"alertname": "HydrawatchClusterCampaignCritical", "severity": "page",
                       "team": "detections", "scope": "cluster"},
            "annotations": {"summary": "1 critical distillation campaign(s) open"}}]}
        request = urllib.request.Request(url, data=json.dumps(payload).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200
        assert server.notifications == [payload]
        assert out.getvalue() == ("2026-11-20T08:15:02Z detections-pager FIRING HydrawatchClusterCampaignCritical "
                                  "severity=page team=detections scope=cluster | 1 critical distillation campaign(s) open\n")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(urllib.request.Request(url, data=b"not json"), timeout=5)
        assert err.value.code == 400
    finally:
        server.shutdown()
        server.server_close()


# --- metric names ----------------------------------------------------------------------------------------


def referenced_texts() -> dict[str, str]:
    """Every text that names metrics: rule expressions and annotations, dashboard JSON."""
    texts = {path.name: path.read_text() for path in DASHBOARDS}
    for rule in alert_rules() + recording_rules():
        name = rule.get("alert") or rule["record"]
        texts[name] = rule["expr"] + "\n" + "\n".join((rule.get("annotations") or {}).values())
    return texts


def test_every_referenced_metric_is_in_the_catalog():
    known = catalog()
    unknown = set()
    for where, text in referenced_texts().items():
        for name in set(re.findall(r"\bhydrawatch_[a-z_]+", text)):
            base = re.sub(r"_(bucket|sum|count)$", "", name)
            if name in known or (base != name and known.get(base) == "histogram"):
                continue
            unknown.add((where, name))
    assert unknown == set()


def registered_metric_names() -> set[str]:
    """Every series name the worker's PipelineMetrics can export (streams/metrics.py)."""
    from prometheus_client import CollectorRegistry

    from streams.metrics import PipelineMetrics

    registry = CollectorRegistry()
    PipelineMetrics(registry)
    names = set()
    for family in registry.collect():  # prometheus_client names a counter's family without `_total`
        names.add(family.name)
        if family.type == "counter":
            names.add(f"{family.name}_total")
        if family.type == "histogram":
            names.update(f"{family.name}_{suffix}" for suffix in ("bucket", "sum", "count"))
    return names


def test_no_dashboard_or_rule_reads_a_metric_the_worker_does_not_export():
    exported = registered_metric_names()
    unexported = {(where, name) for where, text in referenced_texts().items()
                  for name in re.findall(r"\bhydrawatch_[a-z_]+", text) if name not in exported}
    assert unexported == set()


def test_the_catalogue_lists_exactly_what_the_worker_exports():
    from prometheus_client import CollectorRegistry

    from streams.metrics import PipelineMetrics

    registry = CollectorRegistry()
    PipelineMetrics(registry)
    # The catalogue names a counter with its `_total`, a histogram by its base name.
    families = {f"{f.name}_total" if f.type == "counter" else f.name: f.type for f in registry.collect()}
    assert {name: kind.split()[0] for name, kind in catalog().items()} == families


def test_every_recorded_series_used_is_defined():
    defined = {rule["record"] for rule in recording_rules()}
    assert len(defined) == len(recording_rules()), "a recording rule is defined twice"
    used = set()
    for where, text in referenced_texts().items():
        for name in re.findall(r"\bhydrawatch:[a-z0-9_:]+[a-z0-9_]", text):
            used.add(name)
            assert name in defined, f"{where} uses {name}, not recorded in rules/recording.yml"
    # The dashboards read the recorded series (so they are worth recording).
    dash_text = "".join(path.read_text() for path in DASHBOARDS)
    unused = {name for name in defined if name not in dash_text
              and not any(name in rule["expr"] for rule in recording_rules())}
    assert unused == set(), "recorded series no dashboard reads"


def test_non_hydrawatch_series_are_only_up_of_the_job():
    # Besides hydrawatch_* and hydrawatch:*, only up{job="hydrawatch"} may be read.
    for where, text in referenced_texts().items():
        for m in re.finditer(r"\bup\b(?=\s*[{\[)=]|\s*==)", text):
            assert text[m.end():].lstrip().startswith('{job="hydrawatch"') or \
                text[m.end():].lstrip().startswith("{job=\\\"hydrawatch\\\""), f"{where}: bare `up`"


# --- Grafana -----------------------------------------------------------------------------------------------


def test_provisioning():
    (source,) = load_yaml(PROVISIONING / "datasources/prometheus.yaml")["datasources"]
    assert (source["uid"], source["type"], source["url"]) == ("prometheus", "prometheus", "http://prometheus:9090")
    (provider,) = load_yaml(PROVISIONING / "dashboards/hydrawatch.yaml")["providers"]
    assert provider["type"] == "file"
    assert provider["options"]["path"] == "/var/lib/grafana/dashboards"


def test_the_three_dashboards_exist():
    assert {p.name for p in DASHBOARDS} == {"campaigns.json", "accounts.json", "pipeline.json"}
    uids = [dashboard(p)["uid"] for p in DASHBOARDS]
    assert len(set(uids)) == 3


@pytest.mark.parametrize("path", DASHBOARDS, ids=lambda p: p.name)
def test_dashboard_panels(path):
    dash = dashboard(path)
    assert 36 <= dash["schemaVersion"] <= 41
    ids = [p["id"] for p in panels(dash)]
    assert len(ids) == len(set(ids)), "duplicate panel ids"
    assert len(ids) >= 6
    for panel in panels(dash):
        title = panel.get("title")
        assert panel["type"] in PANEL_TYPES, (title, panel["type"])
        assert panel["fieldConfig"]["defaults"].get("unit"), f"{path.name}: panel {title!r} has no unit"
        assert panel["datasource"] == {"type": "prometheus", "uid": "prometheus"}, title
        assert panel["targets"], f"{title!r} has no query"
        for target in panel["targets"]:
            assert target["datasource"] == {"type": "prometheus", "uid": "prometheus"}, title
            assert target["expr"].strip(), title
        grid = panel["gridPos"]
        assert 0 <= grid["x"] and grid["x"] + grid["w"] <= 24, title


def test_dashboard_contents():
    campaigns, accounts, pipeline = (dashboard(REPO / f"grafana/dashboards/{n}.json")
                                     for n in ("campaigns", "accounts", "pipeline"))
    # campaigns: a top-cluster table whose cluster_id links to how to pull the evidence
    (table,) = [p for p in panels(campaigns) if p["type"] == "table"]
    links = [link for o in table["fieldConfig"]["overrides"] if o["matcher"]["options"] == "cluster_id"
             for prop in o["properties"] if prop["id"] == "links" for link in prop["value"]]
    assert any(link["url"].endswith("cluster-campaign-critical.md#pull-the-evidence") for link in links)
    assert "kcat -b 127.0.0.1:9092 -C -t anomaly-alerts" in table["description"]
    # accounts: a heatmap of the score histogram, quantiles from histogram_quantile (recorded)
    assert any(p["type"] == "heatmap" and "hydrawatch_anomaly_score_bucket" in p["targets"][0]["expr"]
               for p in panels(accounts))
    assert "histogram_quantile" in (PROM / "rules/recording.yml").read_text()
    # pipeline: an $instance variable that the panels use
    assert [v["name"] for v in pipeline["templating"]["list"]] == ["instance"]
    assert sum('instance=~"$instance"' in t["expr"] for p in panels(pipeline) for t in p["targets"]) >= 5


def test_dashboard_queries_parse_as_promql(tmp_path):
    rules = []
    for path in DASHBOARDS:
        for i, expr in enumerate(dashboard_exprs(dashboard(path))):
            rules.append({"record": f"dashboard:{path.stem}:q{i}", "expr": grafana_to_promql(expr)})
    assert len(rules) > 30
    check = tmp_path / "dashboard_queries.yml"
    check.write_text(yaml.safe_dump({"groups": [{"name": "dashboards", "rules": rules}]}))
    assert_ok(run(promtool(), "check", "rules", str(check)))
