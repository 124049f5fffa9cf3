"""The compiled build (setup.py, detectors/_compiled.py): loaded when fresh, never when stale,
and it decides exactly what the plain-Python source decides."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

from detectors import _compiled

REPO = Path(__file__).resolve().parents[3]

# Alerts of the smoke scenario, one JSON line each, from whichever build the environment selects.
_REPLAY_SMOKE = """
import sys, orjson
import detectors.features
from detectors import _compiled
from detectors.stages import run
from simulator import Simulation, load_scenario
from streams.decoder import decode
events = [decode(line.encode()) for _, _, line in Simulation(load_scenario("smoke")).records()]
sys.stdout.write("compiled=%s\\n" % _compiled.compiled(detectors.features))
sys.stdout.buffer.write(b"".join(orjson.dumps(a.to_dict()) + b"\\n" for a in run(iter(events))))
"""


def test_is_fresh_needs_an_extension_newer_than_every_source(tmp_path):
    ext, py, pxd = tmp_path / "m.so", tmp_path / "m.py", tmp_path / "m.pxd"
    assert not _compiled.is_fresh(str(ext), [str(py)])  # nothing built
    for f, t in ((py, 100), (pxd, 100), (ext, 200)):
        f.write_text("")
        os.utime(f, ns=(t, t))
    assert _compiled.is_fresh(str(ext), [str(py), str(pxd), str(tmp_path / "absent.pxd")])
    os.utime(pxd, ns=(300, 300))  # a source edited after the build
    assert not _compiled.is_fresh(str(ext), [str(py), str(pxd)])


def test_the_bootstrapped_environment_runs_the_compiled_core():
    # scripts/bootstrap.sh builds every module setup.py lists; this fails if one is missing or stale.
    for name in _compiled.MODULES:
        module = importlib.import_module(name)
        assert _compiled.compiled(module), module.__file__


def _replay_smoke(pure: bool) -> list[bytes]:
    env = dict(os.environ, HYDRAWATCH_PURE_PYTHON="1" if pure else "0")
    out = subprocess.run([sys.executable, "-c", _REPLAY_SMOKE], cwd=REPO, env=env, check=True,
                         capture_output=True, timeout=300).stdout.splitlines()
    assert out[0] == (b"compiled=False" if pure else b"compiled=True")
    return out[1:]


def test_compiled_and_pure_python_give_byte_identical_alerts():
    pure, fast = _replay_smoke(pure=True), _replay_smoke(pure=False)
    assert len(pure) > 10 and fast == pure
