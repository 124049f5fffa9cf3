"""`hydrawatch demo`: the main job on one machine. Local Kafka, worker(s), simulated traffic at a
visible pace, and a live status line read from the workers' /metrics. Ctrl-C stops everything."""

from __future__ import annotations

import os
import signal
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


def scrape(port: int) -> dict[str, float]:
    """Sum of each `hydrawatch_*` sample family on one worker (labels folded), {} if down."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as resp:
            text = resp.read().decode()
    except OSError:
        return {}
    totals: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            key = sample.name if sample.name != "hydrawatch_events_total" else f"events_{sample.labels.get('outcome')}"
            totals[key] = totals.get(key, 0.0) + sample.value
    return totals


@dataclass
class Demo:
    settings: Settings
    run_dir: Path
    procs: list[subprocess.Popen] = field(default_factory=list)
    started_kafka: bool = False

    def spawn(self, name: str, *args: str, env: dict | None = None) -> subprocess.Popen:
        log = open(self.run_dir / f"{name}.log", "ab")
        proc = subprocess.Popen([sys.executable, "-m", "streams.cli", *args], stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True, env=env or os.environ.copy())
        self.procs.append(proc)
        return proc

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        if self.started_kafka:
            click.echo(kafka_local.down(self.settings))


@click.command()
@click.option("--scenario", default="default", show_default=True, help="Simulator scenario (name or YAML path).")
@click.option("--speed", default=60.0, show_default=True, help="Simulated seconds per wall second.")
@click.option("--workers", default=1, show_default=True, help="Worker processes (ports 6066, 6067, ...).")
@click.option("--until-done", is_flag=True, help="Exit once the traffic is sent and processed (for scripts).")
def demo(scenario: str, speed: float, workers: int, until_done: bool) -> None:
    """Run the live pipeline on simulated traffic with a status line; Ctrl-C stops it all."""
    settings = Settings.from_env()
    run_dir = settings.home / "demo"
    run_dir.mkdir(parents=True, exist_ok=True)
    d = Demo(settings, run_dir)
    if kafka_local.broker_ready(settings.kafka_bootstrap):
        click.echo(f"using the Kafka broker at {settings.kafka_bootstrap}")
        kafka_local.create_topics(settings)
    else:
        click.echo(kafka_local.up(settings))
        d.started_kafka = True
    ports = [settings.web_port + i for i in range(workers)]
    try:
        for port in ports:
            d.spawn(f"worker-{port}", "worker", "--web-port", str(port))
        deadline = time.monotonic() + 120
        while not all(scrape(p) for p in ports):
            if time.monotonic() > deadline or any(p.poll() is not None for p in d.procs):
                raise click.ClickException(f"a worker did not start; see {run_dir}/worker-*.log")
            time.sleep(0.5)
        simulator = d.spawn("simulator", "simulate", "--scenario", scenario, "--out", "kafka",
                            "--truth", str(run_dir / "truth.json"), "--speed", str(speed),
                            "--topic", settings.input_topic)
        click.echo(f"metrics: {', '.join(f'http://127.0.0.1:{p}/metrics' for p in ports)}  "
                   f"logs: {run_dir}/  ground truth: {run_dir / 'truth.json'}  (Ctrl-C to stop)")
        status_loop(ports, simulator, run_dir / "truth.json", until_done, sys.stdout.isatty())
    except KeyboardInterrupt:
        click.echo("\nstopping ...")
    finally:
        d.stop()


def status_loop(ports: list[int], simulator: subprocess.Popen, truth: Path, until_done: bool, tty: bool) -> None:
    last, last_t, printed = 0.0, time.monotonic(), 0.0
    produced: int | None = None  # known once the simulator has finished and written its truth
    while True:
        time.sleep(1.0)
        merged: dict[str, float] = {}
        for port in ports:
            for k, v in scrape(port).items():
                merged[k] = merged.get(k, 0.0) + v
        now = time.monotonic()
        done = merged.get("events_accepted", 0.0) + merged.get("events_rejected", 0.0)
        rate = (done - last) / (now - last_t)
        last, last_t = done, now
        lag = merged.get("hydrawatch_consumer_lag_messages", 0.0)
        line = (f"events {done:>10,.0f}  {rate:>8,.0f}/s  lag {lag:>8,.0f}  dlq {merged.get('events_rejected', 0):>6,.0f}  "
                f"accounts {merged.get('hydrawatch_accounts_tracked', 0):>8,.0f}  "
                f"clusters {merged.get('hydrawatch_clusters_tracked', 0):>5,.0f}  "
                f"firing {merged.get('hydrawatch_alerts_firing', 0):>3,.0f}  "
                f"traffic {'running' if simulator.poll() is None else 'sent'}")
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
