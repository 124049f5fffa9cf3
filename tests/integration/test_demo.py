"""The main job: `hydrawatch demo` runs the pipeline on simulated traffic and stops cleanly."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.conftest import REPO
from tests.support import free_port, wait_for


def run_demo(env: dict) -> str:
    demo = subprocess.Popen(
        [sys.executable, "-m", "streams.cli", "demo", "--scenario", "smoke", "--speed", "100000", "--until-done"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        stdout, stderr = demo.communicate(timeout=400)
    finally:
        if demo.poll() is None:  # never leave the demo's worker and simulator behind
            os.killpg(demo.pid, signal.SIGKILL)
            demo.wait()
    assert demo.returncode == 0, stdout[-2000:] + stderr[-2000:]
    return stdout


def test_two_demo_runs_each_process_their_own_traffic_and_leave_nothing_running(pipeline):
    """A second run starts from a clean slate: its own topics, consumer group and state, so its
    status line counts its own traffic (not the first run's on top), and its alerts are its own."""
    port = free_port()
    env = pipeline.env(HYDRAWATCH_WEB_PORT=str(port))
    runs = []
    for _ in range(2):
        stdout = run_demo(env)
        last = [line for line in stdout.splitlines() if line.startswith("events")][-1]
        assert "events     51,691" in last and "traffic sent" in last  # every produced event processed, once
        runs.append(next(line for line in stdout.splitlines() if line.startswith("run ")))
        leftovers = subprocess.run(["pgrep", "-f", f"--web-port {port}"], capture_output=True, text=True)
        assert leftovers.stdout.strip() == "", "the demo's worker is still running"
    assert runs[0] != runs[1] and all("fresh topics" in run for run in runs), runs


def run_processes(app_id: str) -> list[int]:
    """Processes of one demo run: everything it starts inherits the run's HYDRAWATCH_APP_ID."""
    marker = f"HYDRAWATCH_APP_ID={app_id}".encode()  # the run's own processes: {app_id}-{run}
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if any(v.startswith(marker) for v in (proc / "environ").read_bytes().split(b"\0")):
                    pids.append(int(proc.name))
            except OSError:
                continue
    return pids


@pytest.mark.parametrize("sig,moment", [(signal.SIGTERM, "start-up"), (signal.SIGHUP, "mid-stream"),
                                        (signal.SIGTERM, "mid-stream"), (signal.SIGINT, "start-up")])
def test_a_stop_signal_to_the_demo_stops_everything_it_started_within_10_s(pipeline, sig, moment):
    """Supervisors stop with SIGTERM, a closed terminal sends SIGHUP, Ctrl-C is SIGINT: signalled
    at its own pid, the demo stops its worker, simulator and ops processes, and exits."""
    port = free_port()
    env = pipeline.env(HYDRAWATCH_WEB_PORT=str(port))
    demo = subprocess.Popen(
        [sys.executable, "-m", "streams.cli", "demo", "--scenario", "smoke", "--speed", "60"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        if moment == "start-up":
            wait_for(lambda: len(run_processes(pipeline.app_id)) >= 2, 60, "the demo to start its worker")
        else:
            wait_for(lambda: scrape_events(port) > 0, 180, "events to flow through the demo's worker")
        started = run_processes(pipeline.app_id)
        os.kill(demo.pid, sig)
        signalled = time.monotonic()
        demo.wait(30)
        took = time.monotonic() - signalled
        left = wait_for(lambda: not run_processes(pipeline.app_id) or None, 15, "the run's processes to go",
                        explain=lambda: str(run_processes(pipeline.app_id))) is None
    finally:
        for pid in run_processes(pipeline.app_id):  # never leave a run behind
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    print(f"\n{signal.Signals(sig).name} at {moment}: {len(started)} processes, demo exited in {took:.1f} s")
    assert len(started) >= 2 and took < 10 and not left
    assert demo.returncode == 0


def scrape_events(port: int) -> float:
    from streams.demo import scrape

    return scrape(port).get("events_accepted", 0.0)
