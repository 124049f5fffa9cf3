"""Detection quality and robustness: simulate scenarios (several seeds and shapes), replay them
through the detection core, evaluate against ground truth; baselines side by side.

Run:  .venv/bin/python bench/bench_detection.py [--quick] [--jobs 2] [--json out.json]

Each run is `hydrawatch simulate` -> `hydrawatch replay` -> `hydrawatch evaluate`, the same
commands a user runs. `bench/scenarios/variant-*.yaml` are shapes the detectors were not tuned on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
HW = [sys.executable, "-m", "streams.cli"]

RUNS = [  # (label, scenario, seed or None)
    ("default", "default", None),
    ("default seed 1", "default", 1),
    ("default seed 2", "default", 2),
    ("variant-blend", str(REPO / "bench/scenarios/variant-blend.yaml"), None),
    ("variant-two-swarms", str(REPO / "bench/scenarios/variant-two-swarms.yaml"), None),
    ("smoke", "smoke", None),
    ("variant-heavy-benign", str(REPO / "bench/scenarios/variant-heavy-benign.yaml"), None),
]
QUICK = [RUNS[5], RUNS[4]]


def sh(*args: str) -> str:
    return subprocess.run([*HW, *args], cwd=REPO, check=True, capture_output=True, text=True).stderr


def one(label: str, scenario: str, seed: int | None, tmp: Path, baselines: bool) -> dict:
    tag = label.replace(" ", "-")
    events, truth, alerts = tmp / f"{tag}.jsonl", tmp / f"{tag}.truth.json", tmp / f"{tag}.alerts.jsonl"
    sh("simulate", "--scenario", scenario, "--out", str(events), "--truth", str(truth),
       *(["--seed", str(seed)] if seed is not None else []))
    started = time.perf_counter()
    sh("replay", "--input", str(events), "--alerts-out", str(alerts))
    seconds = time.perf_counter() - started
    lines = sum(1 for _ in open(events, "rb"))
    result = {"label": label, "events": lines, "replay_seconds": round(seconds, 1),
              "detectors": evaluate(truth, alerts)}
    if baselines:
        for kind in ("rate", "cot"):
            out = tmp / f"{tag}.{kind}.jsonl"
            sh("baseline", "--kind", kind, "--input", str(events), "--alerts-out", str(out))
            result[f"baseline_{kind}"] = evaluate(truth, out)
    events.unlink()
    return result


def evaluate(truth: Path, alerts: Path) -> dict:
    out = subprocess.run([*HW, "evaluate", "--truth", str(truth), "--alerts", str(alerts), "--json"],
                         cwd=REPO, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def fmt_minutes(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds / 60:.1f}m"


def report(results: list[dict]) -> str:
    lines = ["| run | detector | campaign | kind | recall | first alert | 90% of accounts, per-account lag | alert ids | benign FP accounts (rate) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        for name in ("detectors", "baseline_rate", "baseline_cot"):
            ev = r.get(name)
            if not ev:
                continue
            fp = f"{ev['benign_flagged']} ({ev['benign_fp_rate']:.3%})"
            for c in ev["campaigns"]:
                lines.append(f"| {r['label']} | {name} | {c['campaign_id']} | {c['kind']} | {c['recall']:.1%} | "
                             f"{fmt_minutes(c['time_to_first_alert_s'])} | {fmt_minutes(c['account_lag_p90_s'])} | "
                             f"{c['alert_ids']} | {fp} |")
    recalls = [c["recall"] for r in results for c in r["detectors"]["campaigns"] if c["kind"] in ("hydra", "sync_fleet")]
    fps = [r["detectors"]["benign_fp_rate"] for r in results]
    firsts = [c["time_to_first_alert_s"] for r in results for c in r["detectors"]["campaigns"] if c["time_to_first_alert_s"] is not None]
    lines.append("")
    lines.append(f"swarm-type recall: min {min(recalls):.1%}, median {statistics.median(recalls):.1%}; "
                 f"benign FP rate: max {max(fps):.3%}, median {statistics.median(fps):.3%}; "
                 f"first alert: median {statistics.median(firsts) / 60:.1f}m, max {max(firsts) / 60:.1f}m")
    for r in results:
        lines.append(f"- {r['label']}: {r['events']:,} events replayed in {r['replay_seconds']}s "
                     f"({r['events'] / r['replay_seconds']:,.0f} events/s)")
    return "\n".join(lines)


def run_parallel(runs: list[tuple], jobs: int, task: Callable[[str, str, int | None, Path], dict]) -> list[dict]:
    """`task(label, scenario, seed, tmp)` for each run, `jobs` at a time, sharing a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="hw-bench-") as tmp:
        with ThreadPoolExecutor(jobs) as pool:
            futures = [pool.submit(task, label, scenario, seed, Path(tmp)) for label, scenario, seed in runs]
            return [f.result() for f in futures]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="two small runs only")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()
    runs = QUICK if args.quick else RUNS
    started = datetime.now(timezone.utc)
    results = run_parallel(runs, args.jobs, lambda label, scenario, seed, tmp: one(label, scenario, seed, tmp,
                                                                                  label == "default"))
    text = report(results)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({
            "command": "bench/bench_detection.py " + " ".join(sys.argv[1:]), "date": started.isoformat(timespec="seconds"),
            "machine": f"{platform.node()} ({platform.machine()}, {os.cpu_count()} cores)", "table": text,
            "runs": results}, indent=1))


if __name__ == "__main__":
    main()
