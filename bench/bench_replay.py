"""Replay speed on one core: `hydrawatch replay` (`streams.replay.replay_file`: reading the file,
decode, the detection core, with its garbage-collector setting) over a scenario file, for the
compiled build and plain Python side by side (runs interleaved, each in a fresh process), median
of several runs. Each run is also timed in CPU seconds of its process (user + system): time
spent waiting for a CPU taken by other load is left out (shared caches and memory bandwidth
are not). Both builds must decide the same alerts: each run reports the alerts' count and
digest. `--breakdown` adds, per run, the core with CPython's default collector thresholds, decode
alone and the core alone (events held in memory).

Run:  .venv/bin/python bench/bench_replay.py [--scenario default] [--runs 3] [--builds compiled,pure]
      .venv/bin/python bench/bench_replay.py --against REV [--events FILE]   (this tree vs commit REV,
      both compiled, interleaved: a change's cost in speed, same file, same run)
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

BUILDS = {"compiled": "0", "pure": "1"}  # build -> HYDRAWATCH_PURE_PYTHON


def measure(path: Path, breakdown: bool) -> dict:
    """One run in this process: events/s of each measured path, and the alerts decided."""
    import importlib
    import io

    from detectors import _compiled
    from detectors.stages import run
    from streams.decoder import decode
    from streams.replay import replay_file, replay_gc

    built = [importlib.import_module(name) for name in _compiled.MODULES]
    gc.collect()
    out = io.BytesIO()
    cpu = time.process_time()
    stats = replay_file(path, out)  # `hydrawatch replay --input path`, file reading included
    cpu = time.process_time() - cpu
    result = {"events": stats.lines, "compiled": all(_compiled.compiled(m) for m in built),
              "replay": stats.lines / stats.seconds, "replay_cpu": stats.lines / cpu, "alerts": stats.alerts,
              "digest": hashlib.sha256(out.getvalue()).hexdigest()[:16]}
    del out
    if breakdown:
        lines = path.read_bytes().splitlines()
        n = len(lines)
        gc.collect()
        t = time.perf_counter()
        run(decode(line) for line in lines)
        result["default_gc"] = n / (time.perf_counter() - t)
        with replay_gc():
            t = time.perf_counter()
            events = [decode(line) for line in lines]
            result["decode"] = n / (time.perf_counter() - t)
            t = time.perf_counter()
            run(iter(events))
            result["core"] = n / (time.perf_counter() - t)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="default")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--events", type=Path, help="an existing events file (skips simulating)")
    parser.add_argument("--builds", default="compiled,pure", help="comma-separated: compiled, pure")
    parser.add_argument("--breakdown", action="store_true", help="also default gc, decode alone, core alone")
    parser.add_argument("--against", help="a git revision: compare this tree's compiled build with it")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)  # one run, JSON out
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.events, args.breakdown)))
        return
    builds = [b.strip() for b in args.builds.split(",") if b.strip()]
    unknown = [b for b in builds if b not in BUILDS]
    if unknown or not builds:
        parser.error(f"--builds: expected compiled and/or pure, got {args.builds!r}")
    with tempfile.TemporaryDirectory(prefix="hw-replay-") as tmp:
        path = args.events
        if path is None:
            path = Path(tmp) / "events.jsonl"
            subprocess.run([sys.executable, "-m", "streams.cli", "simulate", "--scenario", args.scenario,
                            "--out", str(path), "--truth", str(Path(tmp) / "truth.json")], cwd=REPO, check=True,
                           capture_output=True)
        trees = {b: (REPO, BUILDS[b]) for b in builds}
        if args.against:
            trees = {"this tree": (REPO, "0"), args.against: (checkout(args.against, Path(tmp)), "0")}
        results: dict[str, list[dict]] = {b: [] for b in trees}
        for _ in range(args.runs):
            for build, (tree, pure) in trees.items():  # interleaved, so all see the machine in the same state
                command = [sys.executable, str(tree / "bench" / "bench_replay.py"), "--child", "--events", str(path)]
                if args.breakdown:
                    command.append("--breakdown")
                env = dict(os.environ, HYDRAWATCH_PURE_PYTHON=pure, PYTHONPATH=str(tree))
                out = subprocess.run(command, cwd=tree, env=env, check=True, capture_output=True, text=True)
                results[build].append(json.loads(out.stdout.splitlines()[-1]))
    if args.against:
        subprocess.run(["git", "worktree", "prune"], cwd=REPO, check=True)  # its directory is gone now
    report(args, results)


def checkout(rev: str, tmp: Path) -> Path:
    """A detached worktree of `rev` with its compiled build, in `tmp` (pruned once that is gone)."""
    tree = tmp / "against"
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), rev], cwd=REPO, check=True, capture_output=True)
    subprocess.run([sys.executable, "setup.py", "-q", "build_ext", "--inplace"], cwd=tree, check=True,
                   capture_output=True, env=dict(os.environ, HYDRAWATCH_COMPILE="1", CFLAGS="-O2 -g0"))
    return tree


def report(args: argparse.Namespace, results: dict[str, list[dict]]) -> None:
    med = statistics.median
    n = next(iter(results.values()))[0]["events"]
    label = args.events.name if args.events else args.scenario
    print(f"{label}: {n:,} events, median of {args.runs} runs on one core, builds interleaved")
    for build, runs in results.items():
        if build == "compiled" and not all(r["compiled"] for r in runs):
            print("  compiled: NOT (all) COMPILED or stale (rerun scripts/bootstrap.sh): source ran instead")
        rates = [r["replay"] for r in runs]
        decided = sorted({(r["alerts"], r["digest"]) for r in runs})
        print(f"  {build + ':':<10} hydrawatch replay                {med(rates):>9,.0f} events/s  "
              f"(runs: {', '.join(f'{x:,.0f}' for x in rates)}); alerts {', '.join(f'{a} ({d})' for a, d in decided)}")
        cpu_rates = [r["replay_cpu"] for r in runs]
        print(f"  {'':<10} per CPU-second of the process     {med(cpu_rates):>9,.0f} events/s  "
              f"(runs: {', '.join(f'{x:,.0f}' for x in cpu_rates)}; wall/CPU shows time lost to other load)")
        if args.breakdown:
            for name, what in (("default_gc", "default gc thresholds"), ("decode", "decode alone"),
                               ("core", "detection core alone")):
                print(f"  {'':<10} {what + ':':<33}{med(r[name] for r in runs):>9,.0f} events/s")
    if len(results) == 2 and set(results) != set(BUILDS):
        (a, ra), (b, rb) = results.items()
        pairs = [x["replay"] / y["replay"] for x, y in zip(ra, rb)]
        print(f"  {a} / {b}, paired by run: {', '.join(f'{x:.2f}' for x in pairs)} (median {med(pairs):.2f})")
    if set(results) == set(BUILDS):
        pairs = [c["replay"] / p["replay"] for c, p in zip(results["compiled"], results["pure"])]
        same = {(r["alerts"], r["digest"]) for rs in results.values() for r in rs}
        print(f"  compiled / pure, paired by run: {', '.join(f'{x:.2f}' for x in pairs)} (median {med(pairs):.2f}); "
              f"same alerts in every run: {'yes' if len(same) == 1 else 'NO'}")


if __name__ == "__main__":
    main()
