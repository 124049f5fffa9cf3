"""The account volume margin's trade-off: a lone scraper's time to first alert against benign
accounts flagged, for several margins (HYDRAWATCH_ACCOUNT_VOLUME_MARGIN, where an account alert
fires as a warning), on the detection bench's runs (`bench/bench_detection.py`: three seeds of
`default`, three variant shapes, `smoke`). The 3x row is also what the critical tier alone
(HYDRAWATCH_ACCOUNT_CRITICAL_MARGIN, 3) flags, and when.

One replay per run is enough. The margin feeds nothing back: no model, reference or cluster
learns from account alerts, so every other condition of the account gate comes out the same at
any margin. The replay records, at each account summary that passes those conditions and scores
in the alerting range, how many times the population's 99.9th percentile its volume is; at
margin m an account alerts at its first such summary at >= m. Each run checks the method: at
the replay's own margin the recorded first alerts must equal the account alerts it emitted.
The flagged accounts are evaluated by `hydrawatch evaluate`'s code, with the replay's cluster
alerts. Ground truth labels accounts for evaluation only.

Run:  .venv/bin/python bench/bench_account_margin.py [--jobs 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from detectors import stages  # noqa: E402
from detectors.alerts import format_ts  # noqa: E402
from detectors.population import DEFAULT_VOLUME_MARGIN, AccountCalibration  # noqa: E402

sys.path.insert(0, str(REPO / "bench"))
from bench_detection import RUNS, run_parallel, sh  # noqa: E402

MARGINS = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0)


class RecordingCalibration(AccountCalibration):
    """Records (account, ts, volume / 99.9th percentile) where the gate's other conditions hold
    and the score is in the alerting range."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.current: tuple[str, float, bool] | None = None  # account, ts, part of an open cluster incident
        self.fire = 1.0
        self.records: list[tuple[str, float, float]] = []

    def assess(self, verdict, n_events: int, harvest: float):
        in_range = self.heavy.score(verdict.volume) >= self.fire  # before `assess` learns from it
        result = super().assess(verdict, n_events, harvest)
        # `times_top` is 0 unless the other conditions hold.
        if result.times_top and in_range and self.current is not None and not self.current[2]:
            self.records.append((self.current[0], self.current[1], result.times_top))
        return result


class RecordingClusterStage(stages.ClusterStage):
    made: list["RecordingClusterStage"] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.made.append(self)
        cal = self.account_calibration
        self.account_calibration = RecordingCalibration(volume_margin=cal.volume_margin,
                                                        critical_margin=cal.critical_margin)
        self.account_calibration.fire = self.account_incidents.policy.fire

    def process(self, message, out: list) -> None:
        if type(message) is not stages.LinkMessage:
            comp = self.graph.cluster_of(message.account_id)
            flagged = comp is not None and self.incidents.is_open(comp.cluster_id)
            self.account_calibration.current = (message.account_id, message.ts, flagged)
        super().process(message, out)


def record(events: Path, out: Path) -> None:
    """In a child process: replay `events` recording the gate; write alerts and records."""
    from streams.replay import decoded_events, replay_gc, ReplayStats

    stages.ClusterStage = RecordingClusterStage  # `run` builds its cluster stage from this name
    with open(events, "rb") as stream, replay_gc():
        alerts = stages.run(decoded_events(stream, ReplayStats()))
    (stage,) = RecordingClusterStage.made
    records = stage.account_calibration.records
    out.write_text(json.dumps({"alerts": [a.to_dict() for a in alerts], "records": records}))


def first_alerts(records: list, margin: float) -> dict[str, float]:
    """Account -> event time of its first alert at `margin`."""
    first: dict[str, float] = {}
    for account, ts, ratio in records:
        if ratio >= margin and account not in first:
            first[account] = ts
    return first


def one(label: str, scenario: str, seed: int | None, tmp: Path) -> dict:
    from simulator.evaluate import evaluate

    tag = label.replace(" ", "-")
    events, truth_path, rec = tmp / f"{tag}.jsonl", tmp / f"{tag}.truth.json", tmp / f"{tag}.rec.json"
    sh("simulate", "--scenario", scenario, "--out", str(events), "--truth", str(truth_path),
       *(["--seed", str(seed)] if seed is not None else []))
    subprocess.run([sys.executable, __file__, "--record", str(events), str(rec)], cwd=REPO, check=True)
    events.unlink()
    data, truth = json.loads(rec.read_text()), json.loads(truth_path.read_text())
    alerts, records = data["alerts"], data["records"]
    # The method's check: the replay's own account alerts are the recorded ones at its margin.
    emitted = {}
    for a in alerts:
        if a["scope"] == "account" and a["status"] == "firing":
            emitted.setdefault(a["entity_id"], a["ts"])
    predicted = {a: format_ts(ts) for a, ts in first_alerts(records, DEFAULT_VOLUME_MARGIN).items()}
    if emitted != predicted:
        raise SystemExit(f"{label}: recorded gate does not reproduce the replay's account alerts "
                         f"({len(emitted)} emitted, {len(predicted)} predicted)")
    cluster_alerts = [a for a in alerts if a["scope"] != "account"]
    labelled = {a for c in truth["campaigns"].values() for a in c["accounts"]}
    rows = []
    for margin in MARGINS:
        synthetic = [{"alert_id": f"account:{a}", "ts": format_ts(ts), "status": "firing", "scope": "account",
                      "entity_id": a} for a, ts in first_alerts(records, margin).items()]
        ev = evaluate(cluster_alerts + synthetic, truth)
        scrapers = [c for c in ev.campaigns if c.kind == "scraper"]
        rows.append({
            "margin": margin,
            "benign_flagged": ev.benign_flagged,
            "benign_fp_rate": ev.benign_fp_rate,
            "benign_account_alerts": sum(1 for a in synthetic if a["entity_id"] not in labelled),
            "scraper_first_alert_s": [c.time_to_first_alert_s for c in scrapers],
            "campaigns_found": sum(1 for c in ev.campaigns if c.flagged),
            "campaigns": len(ev.campaigns),
        })
    return {"label": label, "benign_accounts": ev.benign_accounts, "rows": rows,
            "checked_account_alerts": len(emitted)}


def report(results: list[dict]) -> str:
    lines = ["| run | margin | scraper first alert | benign accounts flagged (rate) | of which by the account gate | campaigns found |",
             "|---|---|---|---|---|---|"]
    for r in results:
        for row in r["rows"]:
            firsts = ", ".join("-" if s is None else f"{s / 60:.1f} min" for s in row["scraper_first_alert_s"]) or "(none)"
            lines.append(f"| {r['label']} | {row['margin']:g}x | {firsts} | {row['benign_flagged']} "
                         f"({row['benign_fp_rate']:.3%}) | {row['benign_account_alerts']} | "
                         f"{row['campaigns_found']}/{row['campaigns']} |")
    lines.append("")
    lines.append("checked: at the default margin the recorded gate reproduced each replay's account alerts "
                 f"({', '.join(str(r['checked_account_alerts']) for r in results)} accounts)")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--record":
        record(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()
    results = run_parallel(RUNS, args.jobs, one)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
