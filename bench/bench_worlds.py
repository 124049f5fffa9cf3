"""Detection on independently written worlds: worlds x seeds x sizes, min and median per world.

Each world in `simulator/worlds/` was written from the input contract and the threat brief
alone, by someone who never read `detectors/`. A run generates a world
(`python -m simulator.worlds.<name>`), replays it (`hydrawatch replay`, default settings) and
scores the alerts (`hydrawatch evaluate`).

Run:  .venv/bin/python bench/bench_worlds.py [--worlds a,b] [--seeds 1,2,3] [--sizes 3000,10000,30000]
                                             [--hours 8] [--jobs 2] [--json bench/results/worlds-DATE.json]

Metrics per run: recall of every campaign (and its minimum), recall of swarm-type campaigns
(10 accounts or more), the first alert on each swarm after its start, benign accounts named in
any alert (share of the world's benign accounts), and per cluster incident the share of the
accounts it names that belong to its campaign (the lowest). Each world is replayed with the wall
clock at its last event (`replay --wall-clock`), as the workers would have read it live: a world
dated after today is not refused as events from the future. Events refused are counted per run.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORLDS_DIR = REPO / "simulator" / "worlds"
SWARM_MIN_ACCOUNTS = 10  # a campaign of this many accounts or more is swarm-type

METRICS = (  # (key, label, format, worse-is-lower)
    ("recall_min", "every campaign: recall, min", "{:.2f}", True),
    ("swarm_recall_min", "swarm-type recall, min", "{:.2f}", True),
    ("swarm_first_alert_max_min", "swarm first alert, slowest (min)", "{:.1f}", False),
    ("benign_named_pct", "benign accounts named (%)", "{:.3f}", False),
    ("cluster_share_min", "cluster incident: share from its campaign, min", "{:.3f}", True),
    ("cluster_campaign_share_min", "cluster incident: share from any campaign, min", "{:.3f}", True),
    ("campaigns_missed", "campaigns with recall 0", "{:.0f}", False),
)


def worlds() -> list[str]:
    return sorted(p.name for p in WORLDS_DIR.iterdir() if (p / "__main__.py").exists())


def process(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True)


def run(cmd: list[str]) -> str:
    return process(cmd).stdout


def one(world: str, seed: int, size: int, hours: float, tmp: Path) -> dict:
    out = tmp / f"{world}-{seed}-{size}"
    started = time.perf_counter()
    run([sys.executable, "-m", f"simulator.worlds.{world}", "--seed", str(seed), "--benign", str(size),
         "--hours", str(hours), "--out", str(out)])
    generated = time.perf_counter()
    alerts = out / "alerts.jsonl"
    # Replayed as the workers would have read the traffic live: the wall clock at its last event (a
    # world may be dated after today; read now, its events would lead the clock and be refused).
    replay = process([sys.executable, "-m", "streams.cli", "replay", "--input", str(out / "events.jsonl"),
                      "--alerts-out", str(alerts), "--wall-clock", last_ts(out / "events.jsonl")])
    refused = int(replay.stderr.split(" events (")[1].split(" rejected")[0].replace(",", ""))  # its summary line
    replayed = time.perf_counter()
    ev = json.loads(run([sys.executable, "-m", "streams.cli", "evaluate", "--truth", str(out / "truth.json"),
                         "--alerts", str(alerts), "--json"]))
    events = sum(1 for _ in open(out / "events.jsonl", "rb"))
    for name in ("events.jsonl",):
        (out / name).unlink()
    return summarise(world, seed, size, ev) | {
        "events": events, "refused": refused, "generate_s": round(generated - started, 1), "replay_s": round(replayed - generated, 1)}


def last_ts(events: Path) -> str:
    """The `ts` of the file's last event (events are in event-time order)."""
    with open(events, "rb") as f:
        f.seek(max(0, f.seek(0, 2) - 65536))
        return json.loads(f.read().splitlines()[-1])["ts"]


def summarise(world: str, seed: int, size: int, ev: dict) -> dict:
    campaigns = ev["campaigns"]
    swarms = [c for c in campaigns if c["accounts"] >= SWARM_MIN_ACCOUNTS]
    firsts = [c["time_to_first_alert_s"] for c in swarms]
    return {
        "world": world, "seed": seed, "benign": size,
        "recall_min": min(c["recall"] for c in campaigns),
        "swarm_recall_min": min((c["recall"] for c in swarms), default=1.0),
        "swarm_first_alert_max_min": (None if any(f is None for f in firsts) else max(firsts, default=0) / 60),
        "benign_named_pct": 100 * ev["benign_fp_rate"],
        "cluster_share_min": ev.get("cluster_alert_share_min"),
        "cluster_campaign_share_min": ev.get("cluster_alert_campaign_share_min"),
        "campaigns_missed": sum(1 for c in campaigns if c["flagged"] == 0),
        "campaigns": [{k: c[k] for k in ("campaign_id", "kind", "accounts", "recall", "time_to_first_alert_s",
                                         "alert_ids", "precision")} for c in campaigns],
        "benign_flagged": ev["benign_flagged"], "benign_accounts": ev["benign_accounts"],
    }


def table(results: list[dict]) -> str:
    """One row per world and metric: min and median over its runs (None, e.g. a swarm never
    alerted on, counts as the worst value)."""
    lines = ["| world | runs | " + " | ".join(f"{label} (min / median)" if lower else f"{label} (max / median)"
                                            for _, label, _, lower in METRICS) + " |",
             "|---|---|" + "---|" * len(METRICS)]
    for world in sorted({r["world"] for r in results}):
        rows = [r for r in results if r["world"] == world]
        cells = []
        for key, _, fmt, lower in METRICS:
            values = [r[key] for r in rows]
            if any(v is None for v in values):
                worst = "never" if key == "swarm_first_alert_max_min" else "none"
                known = [v for v in values if v is not None]
                cells.append(f"{worst} / " + (fmt.format(statistics.median(known)) if known else "-"))
                continue
            extreme = min(values) if lower else max(values)
            cells.append(f"{fmt.format(extreme)} / {fmt.format(statistics.median(values))}")
        lines.append(f"| {world} | {len(rows)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worlds", default=",".join(worlds()))
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--sizes", default="3000,10000,30000")
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write the runs and the table here")
    args = parser.parse_args()
    grid = [(w, int(seed), int(size)) for w in args.worlds.split(",") for size in args.sizes.split(",")
            for seed in args.seeds.split(",")]
    started = datetime.now(timezone.utc)
    with tempfile.TemporaryDirectory(prefix="hw-worlds-") as tmp:
        with ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda g: one(*g, args.hours, Path(tmp)), grid))
    for r in results:
        missed = [f"{c['campaign_id']} {c['recall']:.2f}" for c in r["campaigns"] if c["recall"] < 0.95]
        print(f"{r['world']} seed {r['seed']} benign {r['benign']}: {r['events']:,} events "
              f"({r['refused']:,} refused by the decoder or the event-time bounds), "
              f"benign named {r['benign_flagged']}/{r['benign_accounts']}, "
              f"cluster share min {r['cluster_share_min']}, below 0.95: {', '.join(missed) or 'none'}",
              file=sys.stderr)
    text = table(results)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({
            "command": "bench/bench_worlds.py " + " ".join(sys.argv[1:]),
            "date": started.isoformat(timespec="seconds"), "machine": f"{platform.node()} ({platform.machine()}, "
            f"{__import__('os').cpu_count()} cores)", "hours": args.hours, "table": text, "runs": results}, indent=1))


if __name__ == "__main__":
    main()
