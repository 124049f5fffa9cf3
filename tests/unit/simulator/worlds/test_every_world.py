"""Every world in simulator/worlds/, through the command bench/bench_worlds.py runs: events the
project's own decoder accepts, in event-time order, and ground truth that `hydrawatch evaluate`
reads, the same for the same seed. (A world's own tests, where its author wrote them, go further.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from streams.decoder import Rejection, decode

ROOT = Path(__file__).resolve().parents[4]
WORLDS = sorted(p.name for p in (ROOT / "simulator" / "worlds").iterdir() if (p / "__main__.py").exists())


# Small populations first; a world may refuse a size below its own floor (a usage error, exit
# status 2), and then runs at the next. The matrix (bench/bench_worlds.py) starts at 3,000.
SIZES = ("300", "1000", "3000")


def generate(world: str, out: Path) -> tuple[bytes, dict]:
    for size in SIZES:
        run = subprocess.run([sys.executable, "-m", f"simulator.worlds.{world}", "--seed", "3", "--benign", size,
                              "--hours", "8", "--out", str(out)], cwd=ROOT, capture_output=True, timeout=300)
        if run.returncode != 2:
            break
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    return (out / "events.jsonl").read_bytes(), json.loads((out / "truth.json").read_text())


@pytest.mark.parametrize("world", WORLDS)
def test_a_world_writes_contract_events_and_truth_the_evaluator_reads(world, tmp_path):
    events, truth = generate(world, tmp_path / "a")
    decoded = [decode(line) for line in events.splitlines()]
    rejected = [r for r in decoded if type(r) is Rejection]
    assert decoded and not rejected, rejected[:3]
    times = [e["ts_s"] for e in decoded]
    assert times == sorted(times)
    seen = {e["account_id"] for e in decoded}
    campaigns = truth["campaigns"]
    assert campaigns and all({"kind", "start", "accounts"} <= set(c) for c in campaigns.values())
    in_campaigns = {a for c in campaigns.values() for a in c["accounts"]}
    assert in_campaigns & seen and len(seen - in_campaigns) >= 100  # benign accounts are the rest
    assert generate(world, tmp_path / "b") == (events, truth)  # seeded
