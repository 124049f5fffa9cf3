"""The simulate command's forked generator: its child never outlives the parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.support import wait_for

REPO = Path(__file__).resolve().parents[3]

PARENT = """
import itertools, sys
from streams.simulate_cli import ForkedGenerator

def endless():
    return ((0, "acct", "{}") for _ in itertools.count()), dict

generator = ForkedGenerator(endless, chunk_size=1)
pairs = generator.pairs()
next(pairs)
print(generator._process.pid, flush=True)
sys.stdin.read()  # keeps reading nothing: the pipe fills, the child blocks writing
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_the_generator_child_exits_when_its_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=REPO, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        child = int(parent.stdout.readline())
        assert alive(child)
        os.kill(parent.pid, signal.SIGKILL)  # no cleanup runs in the parent
        parent.wait(10)
        wait_for(lambda: not alive(child), 10, f"the generator child {child} to exit after its parent was killed")
    finally:
        if parent.poll() is None:
            parent.kill()
        try:
            os.killpg(parent.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
