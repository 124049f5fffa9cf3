"""Operations live: a real Prometheus scrapes a real worker fed the smoke scenario.

Every Grafana panel query (grafana/dashboards/*.json, Grafana variables substituted, template-variable
queries resolved to their selector) and every recording rule (deploy/prometheus/rules/recording.yml)
must return data: a non-empty result, not all NaN. The rule files must load: every group of
rules/*.yml in /api/v1/rules, every rule evaluated with health "ok" and no error. The static checks
of the same files (promtool, the metric catalogue) are in tests/unit/deploy/test_ops_config.py.

Needs the `prometheus` binary (Debian package `prometheus`, installed by scripts/bootstrap.sh).
"""

from __future__ import annotations

import itertools
import json
import math
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
import yaml
from kafka import KafkaProducer

from streams.decoder import SAMPLE
from tests.integration.conftest import REPO, Pipeline, Worker
from tests.support import free_port, wait_for

pytestmark = pytest.mark.timeout(600)

DASHBOARDS = sorted((REPO / "grafana/dashboards").glob("*.json"))
RULE_FILES = sorted((REPO / "deploy/prometheus/rules").glob("*.yml"))
RECORDING = REPO / "deploy/prometheus/rules/recording.yml"
JOB = "hydrawatch"  # the job name the rules and dashboards select on
DATA_TIMEOUT_S = 150  # the recording groups evaluate every 30 s; rate() needs two samples in its window
# Grafana's built-in variables, as a dashboard over the last hour would send them.
GRAFANA_BUILTINS = {"__rate_interval": "1m", "__interval": "15s", "__interval_ms": "15000",
                    "__range": "1h", "__range_s": "3600", "__range_ms": "3600000"}
VARIABLE = re.compile(r"\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)")


# --- what to check ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    where: str  # dashboard / panel / target, or recording rule
    expr: str  # PromQL, Grafana variables substituted
    label: str | None = None  # label_values(...): this label must be on some series


def panels(dash: dict):
    for panel in dash.get("panels", []):
        yield panel
        yield from panel.get("panels", [])  # collapsed rows


def variable_values(var: dict) -> list[str]:
    """What Grafana substitutes for a dashboard variable: every value of a custom list, the
    "All" value of a query variable (they are used with =~)."""
    query = var.get("query", "")
    if isinstance(query, dict):
        query = query.get("query", "")
    kind = var.get("type")
    if kind == "custom":
        # "a,b" or "label : value,..."
        return [item.split(" : ")[-1].strip() for item in query.split(",") if item.strip()]
    if kind == "constant":
        return [query]
    if kind == "interval":
        return ["1m"]
    return [var.get("allValue") or ".*"]


def substitute(expr: str, variables: dict[str, list[str]]) -> list[str]:
    """`expr` with every Grafana variable replaced: one query per combination of values used."""
    names = sorted({next(g for g in m.groups() if g) for m in VARIABLE.finditer(expr)})
    unknown = [n for n in names if n not in variables and n not in GRAFANA_BUILTINS]
    assert not unknown, f"unknown Grafana variable(s) {unknown} in {expr!r}"
    used = [n for n in names if n in variables]
    out = []
    for combo in itertools.product(*(variables[n] for n in used)):
        values = dict(GRAFANA_BUILTINS, **dict(zip(used, combo)))
        out.append(VARIABLE.sub(lambda m: values[next(g for g in m.groups() if g)], expr))
    return out


def dashboard_checks() -> tuple[list[Check], list[Check], int]:
    """(panel checks, template-variable checks, number of panel targets before expansion)."""
    panel_checks, variable_checks, targets = [], [], 0
    for path in DASHBOARDS:
        dash = json.loads(path.read_text())
        templating = dash.get("templating", {}).get("list", [])
        variables = {var["name"]: variable_values(var) for var in templating}
        for panel in panels(dash):
            for target in panel.get("targets", []):
                if not target.get("expr", "").strip():
                    continue
                targets += 1
                for expr in substitute(target["expr"], variables):
                    where = f"{path.name} / {panel.get('title')!r} / {target.get('refId', '?')}"
                    panel_checks.append(Check(where, expr))
        for var in templating:
            if var.get("type") != "query":
                continue
            query = var["query"]["query"] if isinstance(var["query"], dict) else var["query"]
            where = f"{path.name} / variable ${var['name']}"
            if m := re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\s*\)\s*", query, re.S):
                for expr in substitute(m.group(1), variables):
                    variable_checks.append(Check(where, expr, label=m.group(2)))
            elif m := re.fullmatch(r"\s*label_values\(\s*(\w+)\s*\)\s*", query):
                variable_checks.append(Check(where, f'{{{m.group(1)}!=""}}', label=m.group(1)))
            elif m := re.fullmatch(r"\s*query_result\((.*)\)\s*", query, re.S):
                variable_checks.extend(Check(where, e) for e in substitute(m.group(1), variables))
            else:
                raise AssertionError(f"{where}: cannot resolve the variable query {query!r}")
    return panel_checks, variable_checks, targets


def recording_checks() -> list[Check]:
    rules = [r for g in yaml.safe_load(RECORDING.read_text())["groups"] for r in g["rules"] if "record" in r]
    return [Check(f"recording rule {r['record']}", r["record"]) for r in rules]


def rule_groups_in_files() -> dict[str, int]:
    """Group name -> number of rules, over every rule file Prometheus loads."""
    groups = {}
    for path in RULE_FILES:
        for group in yaml.safe_load(path.read_text())["groups"]:
            groups[group["name"]] = len(group["rules"])
    return groups


def referenced_metrics() -> set[str]:
    texts = [p.read_text() for p in DASHBOARDS] + [p.read_text() for p in RULE_FILES]
    return {name for text in texts for name in re.findall(r"\bhydrawatch_[a-z_]+", text)}


def exported_series(metrics_text: str) -> set[str]:
    """Metric names with at least one sample in a /metrics page."""
    return {m.group(1) for m in re.finditer(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", metrics_text, re.M)}


# --- Prometheus ------------------------------------------------------------------------------------------


class Prometheus:
    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"

    def get(self, path: str, **params: str):
        url = f"{self.base}{path}" + (f"?{urllib.parse.urlencode(params)}" if params else "")
        with urllib.request.urlopen(url, timeout=10) as resp:
            body = json.loads(resp.read())
        assert body["status"] == "success", body
        return body["data"]

    def query(self, expr: str) -> list[tuple[dict, float]]:
        """Instant query: (labels, value) per series (a scalar is one unlabelled value)."""
        data = self.get("/api/v1/query", query=expr)
        if data["resultType"] in ("scalar", "string"):
            return [({}, float(data["result"][1]))]
        return [(r["metric"], float(r["value"][1])) for r in data["result"]]

    def targets_up(self) -> bool:
        active = self.get("/api/v1/targets", state="active")["activeTargets"]
        return bool(active) and all(t["health"] == "up" for t in active)


def prometheus_binary() -> str:
    binary = shutil.which("prometheus")
    if binary is None:
        pytest.skip("`prometheus` is not installed: install the Debian package `prometheus` "
                    "(scripts/bootstrap.sh does: apt-get install prometheus)")
    return binary


@contextmanager
def running_prometheus(binary: str, tmp_path: Path, scrape_target: str):
    port = free_port()
    config = tmp_path / "prometheus.yml"
    config.write_text(yaml.safe_dump({
        "global": {"scrape_interval": "1s", "scrape_timeout": "1s", "evaluation_interval": "1s"},
        "rule_files": [str(p) for p in RULE_FILES],
        "scrape_configs": [{"job_name": JOB, "metrics_path": "/metrics",
                            "static_configs": [{"targets": [scrape_target]}]}],
    }))
    log_path = tmp_path / "prometheus.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [binary, f"--config.file={config}", f"--storage.tsdb.path={tmp_path / 'tsdb'}",
             f"--web.listen-address=127.0.0.1:{port}"],
            cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    prom = Prometheus(port)

    def ready() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(f"prometheus exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        with urllib.request.urlopen(f"{prom.base}/-/ready", timeout=2) as resp:
            return resp.status == 200

    try:
        wait_for(ready, 60, "prometheus to be ready")
        yield prom
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


# --- traffic ---------------------------------------------------------------------------------------------


def malformed_messages(batch: int) -> list[tuple[bytes, bytes]]:
    """(key, value) pairs the decoder rejects, a few reasons each batch."""
    sample = orjson.loads(SAMPLE)
    key = sample["account_id"].encode()
    return [
        (b"acct_bad", b"not json %d" % batch),  # invalid_json
        (b"acct_bad", b"[1, 2, 3]"),  # not_an_object
        (b"acct_bad", orjson.dumps({"event_id": f"bad-{batch}"})),  # missing_field
        (key, orjson.dumps(dict(sample, event_id=f"bad-type-{batch}", status="200"))),  # wrong_type
        (b"acct_bad", b'{"event_id": "x", "ts": 5}'),  # wrong_type (ts)
    ]


def send_malformed(pipeline: Pipeline, batch: int) -> int:
    producer = KafkaProducer(bootstrap_servers=pipeline.bootstrap)
    try:
        messages = malformed_messages(batch)
        for key, value in messages:
            producer.send(pipeline.input_topic, key=key, value=value)
        producer.flush()
    finally:
        producer.close()
    return len(messages)


# --- the test --------------------------------------------------------------------------------------------


def satisfied(result: list[tuple[dict, float]], label: str | None) -> bool:
    if not result or all(math.isnan(value) for _, value in result):
        return False
    return label is None or any(metric.get(label) for metric, _ in result)


def rules_loaded(prom: Prometheus, expected: dict[str, int]) -> str | None:
    """None when every expected group is loaded and each rule evaluated fine, else what is not."""
    groups = {g["name"]: g for g in prom.get("/api/v1/rules")["groups"]}
    problems = []
    for name, n_rules in expected.items():
        group = groups.get(name)
        if group is None:
            problems.append(f"group {name} not loaded")
            continue
        if len(group["rules"]) != n_rules:
            problems.append(f"group {name}: {len(group['rules'])} rules loaded, {n_rules} in the file")
        for rule in group["rules"]:
            if rule.get("health") != "ok" or rule.get("lastError"):
                problems.append(f"{name}/{rule['name']}: health {rule.get('health')!r} {rule.get('lastError', '')}")
    extra = set(groups) - set(expected)
    if extra:
        problems.append(f"unexpected groups {sorted(extra)}")
    return "; ".join(problems) or None


def test_every_dashboard_query_and_recording_rule_returns_data(pipeline: Pipeline, tmp_path):
    binary = prometheus_binary()
    panel_checks, variable_checks, n_targets = dashboard_checks()
    record_checks = recording_checks()
    expected_groups = rule_groups_in_files()
    assert len(panel_checks) > 30 and record_checks and expected_groups

    worker: Worker = pipeline.start_worker()
    started = time.monotonic()
    with running_prometheus(binary, tmp_path, f"127.0.0.1:{worker.web_port}") as prom:
        # A first scrape before any traffic: the counters start at 0 in the TSDB, so the
        # rejected messages below show as an increase (rate > 0), not as the first sample.
        wait_for(prom.targets_up, 60, "prometheus to scrape the worker")
        # The smoke scenario's 6 simulated hours in ~30 s, so traffic flows while Prometheus scrapes.
        with open(tmp_path / "simulate.log", "wb") as simulate_log:
            feeder = subprocess.Popen(
                [sys.executable, "-m", "streams.cli", "simulate", "--scenario", "smoke", "--out", "kafka",
                 "--topic", pipeline.input_topic, "--truth", str(tmp_path / "truth.json"), "--speed", "720"],
                cwd=REPO, env=pipeline.env(), stdout=subprocess.DEVNULL, stderr=simulate_log)
        try:
            malformed = send_malformed(pipeline, 1)
            second_batch_at = time.monotonic() + 15
            pending = dict.fromkeys(panel_checks + variable_checks + record_checks)  # ordered set
            last: dict[Check, object] = {}
            rules_problem: str | None = "not checked yet"
            deadline = time.monotonic() + DATA_TIMEOUT_S
            while (pending or rules_problem) and time.monotonic() < deadline:
                if second_batch_at and time.monotonic() >= second_batch_at:
                    malformed += send_malformed(pipeline, 2)
                    second_batch_at = 0.0
                for check in list(pending):
                    try:
                        result = prom.query(check.expr)
                    except Exception as exc:  # noqa: BLE001 - a query error is reported as such
                        last[check] = exc
                        continue
                    last[check] = result
                    if satisfied(result, check.label):
                        del pending[check]
                if rules_problem:
                    rules_problem = rules_loaded(prom, expected_groups)
                if pending or rules_problem:
                    time.sleep(2)
            metrics_text = worker.metrics_text()
        finally:
            if feeder.poll() is None:
                feeder.kill()
            feeder.wait(30)

    exported = exported_series(metrics_text)
    missing = sorted(name for name in referenced_metrics()  # a histogram may be named by its base name
                     if not {name, f"{name}_total", f"{name}_bucket"} & exported)
    print(f"\nops live: {len(panel_checks)} panel queries ({n_targets} dashboard targets in {len(DASHBOARDS)} "
          f"dashboards, variables expanded), {len(variable_checks)} template-variable queries, "
          f"{len(record_checks)} recording rules, {len(expected_groups)} rule groups "
          f"({sum(expected_groups.values())} rules) checked in {time.monotonic() - started:.0f}s; "
          f"{malformed} malformed messages sent; {len(pending)} without data")

    problems = [f"no data (or only NaN) after {DATA_TIMEOUT_S}s: {c.where}: {c.expr}"
                + (f" (label {c.label!r})" if c.label else "") + f"\n    last result: {str(last.get(c))[:300]}"
                for c in pending]
    if missing:
        problems.append(f"read by the dashboards/rules, no series on the worker's /metrics: {missing}")
    if rules_problem:
        problems.append(f"rule files did not load cleanly: {rules_problem}")
    assert not problems, "\n".join(problems) + f"\nworker log:\n{worker.log_tail(30)}"
