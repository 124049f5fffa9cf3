"""The main job: `hydrawatch demo` runs the pipeline on simulated traffic and stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from tests.integration.conftest import REPO
from tests.support import free_port


def test_demo_processes_the_traffic_and_leaves_nothing_running(pipeline):
    port = free_port()
    env = pipeline.env(HYDRAWATCH_WEB_PORT=str(port))
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
    last = [line for line in stdout.splitlines() if line.startswith("events")][-1]
    assert "events     51,691" in last and "traffic sent" in last  # every produced event processed
    leftovers = subprocess.run(["pgrep", "-f", f"--web-port {port}"], capture_output=True, text=True)
    assert leftovers.stdout.strip() == "", "the demo's worker is still running"
