"""How far a lone scraper's harvest stands above the heaviest benign accounts', over exact
sliding windows of event time: the ceiling on how early *any* volume rule can flag it.

For each window length it prints the benign accounts' largest output-token totals in any window
(top 1, top 10, and the 0.1% mark that is the false-positive budget) against the scraper's total
in its first 15 minutes and in its best window. Ground truth is read to label the scraper: this
is evaluation, not detection.

Run:  .venv/bin/python bench/bench_volume_margin.py [--scenario default] [--seeds scenario 1 2]
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streams.decoder import Rejection, decode  # noqa: E402

WINDOWS_MIN = (15, 60)
EARLY_MIN = 15  # the first-alert target


def best_window(events: list[tuple[float, int]], width_s: float) -> int:
    """Largest output-token total in any window of `width_s` (events sorted by time).

    >>> best_window([(0.0, 5), (10.0, 7), (100.0, 1)], 60.0)
    12
    """
    best = total = start = 0
    for ts, tokens in events:
        total += tokens
        while events[start][0] < ts - width_s:
            total -= events[start][1]
            start += 1
        best = max(best, total)
    return best


def margins(events_path: Path, truth: dict) -> list[dict]:
    labelled = {a for c in truth["campaigns"].values() for a in c["accounts"]}
    scrapers = [c for c in truth["campaigns"].values() if c["kind"] == "scraper"]
    per_account: dict[str, list[tuple[float, int]]] = collections.defaultdict(list)
    with open(events_path, "rb") as stream:
        for line in stream:
            event = decode(line)
            if type(event) is not Rejection:
                per_account[event["account_id"]].append((event["ts_s"], event["output_tokens"]))
    for events in per_account.values():
        events.sort()
    benign = {minutes: sorted((best_window(e, minutes * 60.0) for a, e in per_account.items() if a not in labelled),
                              reverse=True) for minutes in WINDOWS_MIN}
    rows = []
    for campaign in scrapers:
        own = per_account[campaign["accounts"][0]]
        early = sum(tokens for ts, tokens in own if ts <= own[0][0] + EARLY_MIN * 60)
        for minutes, ranked in benign.items():
            rows.append({"window_min": minutes, "benign_top1": ranked[0], "benign_top10": ranked[9],
                         "benign_0.1%": ranked[max(0, len(ranked) // 1000 - 1)], "scraper_first_15min": early,
                         "scraper_best": best_window(own, minutes * 60.0)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="default")
    parser.add_argument("--seeds", nargs="+", default=["scenario", "1", "2"],
                        help="seeds to simulate; 'scenario' = the scenario file's own seed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hw-margin-") as tmp:
        for seed in args.seeds:
            events, truth = Path(tmp) / "events.jsonl", Path(tmp) / "truth.json"
            seed_args = [] if seed == "scenario" else ["--seed", seed]
            subprocess.run([sys.executable, "-m", "streams.cli", "simulate", "--scenario", args.scenario,
                            *seed_args, "--out", str(events), "--truth", str(truth)],
                           cwd=REPO, check=True, capture_output=True)
            for row in margins(events, orjson.loads(truth.read_bytes())):
                top = row["benign_top1"]
                print(f"{args.scenario} seed {seed}, {row['window_min']:>2}-min windows: benign top 1 {top:,}, "
                      f"top 10 {row['benign_top10']:,}, 0.1% mark {row['benign_0.1%']:,} output tokens; "
                      f"scraper's first {EARLY_MIN} min {row['scraper_first_15min']:,} "
                      f"({row['scraper_first_15min'] / top:.2f}x top 1), "
                      f"its best window {row['scraper_best']:,} ({row['scraper_best'] / top:.2f}x)")


if __name__ == "__main__":
    main()
