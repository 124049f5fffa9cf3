"""The main job: `hydrawatch demo` runs the pipeline on simulated traffic and stops cleanly."""

from __future__ import annotations

import subprocess
import sys

from tests.integration.conftest import REPO
from tests.support import free_port


def test_demo_processes_the_traffic_and_leaves_nothing_running(pipeline):
    port = free_port()
    env = pipeline.env(HYDRAWATCH_WEB_PORT=str(port))
    done = subprocess.run(
        [sys.executable, "-m", "streams.cli", "demo", "--scenario", "smoke", "--speed", "100000", "--until-done"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=400,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    last = [line for line in done.stdout.splitlines() if line.startswith("events")][-1]
    assert "events     51,691" in last and "traffic sent" in last  # every produced event processed
    leftovers = subprocess.run(["pgrep", "-f", f"--web-port {port}"], capture_output=True, text=True)
    assert leftovers.stdout.strip() == "", "the demo's worker is still running"
