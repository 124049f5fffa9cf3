"""`hydrawatch demo`: the main job on one machine. Local Kafka, worker(s), simulated traffic at a
visible pace, and a live status line read from the workers' /metrics. Ctrl-C stops everything."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import click
import orjson
from prometheus_client.parser import text_string_to_metric_families

from streams import kafka_local
from streams.settings import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
PROMETHEUS_PORT, ALERTMANAGER_PORT = 9090, 9095  # 9093 is the local broker's controller


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)  # SIGINT arrives as KeyboardInterrupt
STOP_GRACE_S = 5.0  # the run's processes get this long after SIGTERM, then SIGKILL
BROKER_GRACE_S = 4.0  # a broker the run started gets this long to stop cleanly


def port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def scrape(port: int) -> dict[str, float]:
    """Sum of each `hydrawatch_*` sample family on one worker (labels folded), {} if down."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as resp:
            text = resp.read().decode()
    except OSError:
        return {}
    return totals_of(text)


def totals_of(text: str) -> dict[str, float]:
    """`scrape`'s sums from a /metrics text."""
    totals: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            key = sample.name if sample.name != "hydrawatch_events_total" else f"events_{sample.labels.get('outcome')}"
            totals[key] = fold(key, totals.get(key), sample.value)
    return totals


def fold(key: str, total: float | None, value: float) -> float:
    """Samples of one family add up, except the watermark, which is the newest."""
    if total is None:
        return value
    return max(total, value) if key == "hydrawatch_event_time_seconds" else total + value


RUN_SCOPED = ("app_id", "input_topic", "dlq_topic", "alerts_topic", "cluster_topic")


def run_settings(settings: Settings, run: str) -> Settings:
    """One demo run's own consumer group, topics and state directory, so that a second run does
    not read, detect or alert on top of the first.

    >>> s = run_settings(Settings(), "20261206-0900")
    >>> s.app_id, s.input_topic, s.alerts_topic, str(s.home)
    ('hydrawatch-20261206-0900', 'api-requests-20261206-0900', 'anomaly-alerts-20261206-0900', '.hydrawatch/demo/20261206-0900')
    """
    scoped = {name: f"{getattr(settings, name)}-{run}" for name in RUN_SCOPED}
    return dataclasses.replace(settings, home=settings.home / "demo" / run, **scoped)


def run_env(settings: Settings) -> dict[str, str]:
    """The environment of the run's processes: this one's, with the run's names."""
    env = os.environ.copy()
    for name in (*RUN_SCOPED, "home"):
        env[f"HYDRAWATCH_{name.upper()}"] = str(getattr(settings, name))
    return env


@dataclass
class Demo:
    settings: Settings
    run_dir: Path
    procs: list[subprocess.Popen] = field(default_factory=list)
    started_kafka: bool = False
    env: dict[str, str] = field(default_factory=lambda: os.environ.copy())

    def spawn(self, name: str, *args: str, env: dict | None = None, program: list[str] | None = None
              ) -> subprocess.Popen:
        log = open(self.run_dir / f"{name}.log", "ab")
        command = program if program is not None else [sys.executable, "-m", "streams.cli"]
        proc = subprocess.Popen([*command, *args], stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True, env=env or self.env)
        self.procs.append(proc)
        return proc

    def start_ops(self, ports: list[int]) -> list[str]:
        """Prometheus (rules of deploy/prometheus), Alertmanager and the example webhook receiver,
        when installed; returns what to tell the user."""
        prometheus, alertmanager = shutil.which("prometheus"), shutil.which("alertmanager") or shutil.which(
            "prometheus-alertmanager")
        if not prometheus:
            return ["(install prometheus to get alert rules evaluated here: scripts/bootstrap.sh does)"]
        config = self.run_dir / "prometheus.yml"
        text = (DEPLOY / "prometheus" / "prometheus.local.yml").read_text()
        text = text.replace("rules/*.yml", str(DEPLOY / "prometheus" / "rules" / "*.yml"))
        text = text.replace('["127.0.0.1:6066", "127.0.0.1:6067"]', json.dumps([f"127.0.0.1:{p}" for p in ports]))
        config.write_text(text)
        shown = []
        if port_free(PROMETHEUS_PORT):
            self.spawn("prometheus", f"--config.file={config}", f"--web.listen-address=127.0.0.1:{PROMETHEUS_PORT}",
                       f"--storage.tsdb.path={self.run_dir / 'prometheus'}", program=[prometheus])
            shown.append(f"Prometheus http://127.0.0.1:{PROMETHEUS_PORT} (alerts: /alerts)")
        if alertmanager and port_free(ALERTMANAGER_PORT):
            self.spawn("alertmanager", f"--config.file={DEPLOY / 'alertmanager' / 'alertmanager.yml'}",
                       f"--web.listen-address=127.0.0.1:{ALERTMANAGER_PORT}", "--cluster.listen-address=",
                       f"--storage.path={self.run_dir / 'alertmanager'}", program=[alertmanager])
            self.spawn("pages", program=[sys.executable, str(DEPLOY / "alertmanager" / "webhook_receiver.py")])
            shown.append(f"Alertmanager http://127.0.0.1:{ALERTMANAGER_PORT}, pages in {self.run_dir / 'pages.log'}")
        return shown

    def stop(self) -> None:
        """Stop everything this run started, within STOP_GRACE_S for the processes (SIGTERM, then
        SIGKILL) and BROKER_GRACE_S for a broker it started; further signals cannot interrupt it."""
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        for proc in reversed(self.procs):
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        for proc in self.procs:
            try:
                proc.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if self.started_kafka:
            click.echo(kafka_local.down(self.settings, timeout_s=BROKER_GRACE_S))


class Stopped(BaseException):
    """A stop signal (SIGTERM from a supervisor, SIGHUP from a closed terminal) as an exception,
    so that the run unwinds through its clean-up like Ctrl-C does."""


def _raise_stopped(signum: int, _frame: object) -> None:
    raise Stopped(signal.Signals(signum).name)


@click.command()
@click.option("--scenario", default="default", show_default=True, help="Simulator scenario (name or YAML path).")
@click.option("--speed", default=60.0, show_default=True, help="Simulated seconds per wall second.")
@click.option("--workers", default=1, show_default=True, help="Worker processes (ports 6066, 6067, ...).")
@click.option("--until-done", is_flag=True, help="Exit once the traffic is sent and processed (for scripts).")
@click.option("--ops/--no-ops", default=True, show_default=True,
              help="Also run Prometheus (alert rules) and Alertmanager with a webhook receiver, if installed.")
@click.option("--resume", "resume_run", default=None, metavar="RUN",
              help="Continue run RUN (its topics, consumer group and state) instead of starting a fresh one.")
def demo(scenario: str, speed: float, workers: int, until_done: bool, ops: bool, resume_run: str | None) -> None:
    """Run the live pipeline on simulated traffic with a status line; Ctrl-C stops it all.
    Each run has its own topics, consumer group and state (a run id), unless --resume."""
    for sig in STOP_SIGNALS:
        signal.signal(sig, _raise_stopped)
    # Python leaves SIGINT ignored when it starts ignored (a shell's background job, nohup):
    # Ctrl-C or `kill -INT` at the demo must still stop it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    settings = Settings.from_env()
    started = resume_run or time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    run, n = started, 1
    while not resume_run and run_settings(settings, run).home.exists():  # two runs started within a second
        n += 1
        run = f"{started}-{n}"
    scoped = run_settings(settings, run)
    run_dir = scoped.home
    if resume_run and not run_dir.is_dir():
        raise click.ClickException(f"no demo run {resume_run!r} under {settings.home / 'demo'}")
    run_dir.mkdir(parents=True, exist_ok=True)
    d = Demo(settings, run_dir, env=run_env(scoped))
    ports = [settings.web_port + i for i in range(workers)]
    if resume_run:
        click.echo(f"resuming run {run}: topics {scoped.input_topic}, {scoped.alerts_topic} and consumer group "
                   f"{scoped.app_id} keep what the run read and sent before; the simulator starts its traffic over")
    else:
        click.echo(f"run {run}: fresh topics {scoped.input_topic}, {scoped.alerts_topic}, consumer group "
                   f"{scoped.app_id} (continue it later with --resume {run})")
    try:
        if kafka_local.broker_ready(settings.kafka_bootstrap, settings=settings):
            click.echo(f"using the Kafka broker at {settings.kafka_bootstrap}")
        else:
            d.started_kafka = True  # before it starts: a signal during start-up must stop it too
            click.echo(kafka_local.up(settings))
        kafka_local.create_topics(scoped)
        for port in ports:
            d.spawn(f"worker-{port}", "worker", "--web-port", str(port))
        deadline = time.monotonic() + 120
        while not all(scrape(p) for p in ports):
            if time.monotonic() > deadline or any(p.poll() is not None for p in d.procs):
                raise click.ClickException(f"a worker did not start; see {run_dir}/worker-*.log")
            time.sleep(0.5)
        simulator = d.spawn("simulator", "simulate", "--scenario", scenario, "--out", "kafka",
                            "--truth", str(run_dir / "truth.json"), "--speed", str(speed),
                            "--topic", scoped.input_topic)
        click.echo(f"metrics: {', '.join(f'http://127.0.0.1:{p}/metrics' for p in ports)}  "
                   f"logs: {run_dir}/  ground truth: {run_dir / 'truth.json'}  (Ctrl-C to stop)")
        for line in d.start_ops(ports) if ops else []:
            click.echo(line)
        click.echo(f"alerts: kcat -b {settings.kafka_bootstrap} -C -t {scoped.alerts_topic} -f '%k %s\\n'")
        status_loop(ports, simulator, run_dir / "truth.json", until_done, sys.stdout.isatty())
    except (KeyboardInterrupt, Stopped) as stop:
        click.echo(f"\nstopping ({stop or 'SIGINT'}) ...")
    finally:
        d.stop()


def processed(merged: dict[str, float]) -> float:
    return sum(merged.get(f"events_{o}", 0.0) for o in ("accepted", "rejected", "duplicate"))


def status_line(merged: dict[str, float], rate: float, traffic_running: bool) -> str:
    """The status line from the workers' summed /metrics (`scrape`, `fold`)."""
    watermark = merged.get("hydrawatch_event_time_seconds", 0.0)
    event_time = time.strftime("%m-%d %H:%M", time.gmtime(watermark)) if watermark else "-"
    return (f"events {processed(merged):>10,.0f}  {rate:>8,.0f}/s  "
            f"lag {merged.get('hydrawatch_consumer_lag_messages', 0.0):>8,.0f}  "
            f"dlq {merged.get('events_rejected', 0):>6,.0f}  "
            f"accounts {merged.get('hydrawatch_accounts_tracked', 0):>8,.0f}  "
            f"clusters {merged.get('hydrawatch_clusters_tracked', 0):>5,.0f}  "
            f"firing {merged.get('hydrawatch_alerts_firing', 0):>3,.0f}  event time {event_time}  "
            f"traffic {'running' if traffic_running else 'sent'}")


def status_loop(ports: list[int], simulator: subprocess.Popen, truth: Path, until_done: bool, tty: bool) -> None:
    last, last_t, printed = 0.0, time.monotonic(), 0.0
    produced: int | None = None  # known once the simulator has finished and written its truth
    while True:
        time.sleep(1.0)
        merged: dict[str, float] = {}
        for port in ports:
            for k, v in scrape(port).items():
                merged[k] = fold(k, merged.get(k), v)
        now = time.monotonic()
        done = processed(merged)
        rate = (done - last) / (now - last_t)
        last, last_t = done, now
        line = status_line(merged, rate, simulator.poll() is None)
        if tty:
            print("\r" + line, end="", flush=True)
        elif now - printed >= 5:
            print(line, flush=True)
            printed = now
        if produced is None and simulator.poll() is not None:
            if simulator.returncode != 0:
                raise click.ClickException(f"the simulator failed; see {truth.parent}/simulator.log")
            produced = orjson.loads(truth.read_bytes())["events"]
        if until_done and produced is not None and done >= produced:
            print("\n" + line if tty else line, flush=True)
            return
