"""Replay speed on one core: `hydrawatch replay`'s code path (decode + detection core, with its
garbage-collector setting) over a scenario file, median of several runs in one process; also the
same with CPython's default collector thresholds, decode alone and the core alone.

Run:  .venv/bin/python bench/bench_replay.py [--scenario default] [--runs 3]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from detectors.stages import run  # noqa: E402
from streams.decoder import decode  # noqa: E402
from streams.replay import replay_gc  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="default")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--events", type=Path, help="an existing events file (skips simulating)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hw-replay-") as tmp:
        path = args.events
        if path is None:
            path = Path(tmp) / "events.jsonl"
            subprocess.run([sys.executable, "-m", "streams.cli", "simulate", "--scenario", args.scenario,
                            "--out", str(path), "--truth", str(Path(tmp) / "truth.json")], cwd=REPO, check=True,
                           capture_output=True)
        lines = path.read_bytes().splitlines()
        n = len(lines)
        full, default_gc, decode_only, core_only = [], [], [], []
        for _ in range(args.runs):
            with replay_gc():
                t = time.perf_counter()
                events = [decode(line) for line in lines]
                decode_only.append(time.perf_counter() - t)
                t = time.perf_counter()
                run(iter(events))
                core_only.append(time.perf_counter() - t)
                del events
                gc.collect()
                t = time.perf_counter()
                run(decode(line) for line in lines)
                full.append(time.perf_counter() - t)
            gc.collect()
            t = time.perf_counter()
            run(decode(line) for line in lines)
            default_gc.append(time.perf_counter() - t)
    med = statistics.median
    print(f"{args.scenario}: {n:,} events, median of {args.runs} runs on one core")
    print(f"  replay (decode + detection core): {n / med(full):>9,.0f} events/s  (runs: {', '.join(f'{n / s:,.0f}' for s in full)})")
    print(f"  the same, default gc thresholds:  {n / med(default_gc):>9,.0f} events/s  (runs: {', '.join(f'{n / s:,.0f}' for s in default_gc)})")
    print(f"  decode alone:                     {n / med(decode_only):>9,.0f} events/s")
    print(f"  detection core alone:             {n / med(core_only):>9,.0f} events/s")


if __name__ == "__main__":
    main()
