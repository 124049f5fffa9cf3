"""Command line entry point: python -m firth --seed 1 --benign 10000 --hours 8 --out DIR"""
import argparse
import calendar
import json
import os
import random
import sys
import time

from . import benign, campaigns
from .net import Net
from .traffic import World


def main(argv=None):
    ap = argparse.ArgumentParser(prog="firth", description="firth traffic world")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--benign", type=int, default=10000)
    ap.add_argument("--hours", type=float, default=8.0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    t_start = time.time()
    os.makedirs(args.out, exist_ok=True)
    r = random.Random("firth:%d:clock" % args.seed)
    day = 21 + r.randrange(8)            # 21..28 November 2026
    hour = r.randrange(24)
    start_epoch = calendar.timegm((2026, 11, day, hour, 0, 0, 0, 0, 0))
    release_frac = r.uniform(0.3, 0.55)
    W = World(args.seed, max(0.05, args.hours), args.out, start_epoch, Net(), release_frac)
    gkinds = benign.build(W, args.seed, max(0, args.benign))
    ckinds = campaigns.build(W, args.seed, args.benign)
    n = W.finish(os.path.join(args.out, "events.jsonl"))

    camps = {}
    for cid in sorted(ckinds):
        accts = W.camp_accounts.get(cid, [])
        if not accts:
            continue
        camps[cid] = {"kind": ckinds[cid], "start": W.iso(start_epoch + W.camp_first[cid]), "accounts": accts}
    groups = {}
    for gid in gkinds:
        c = W.group_accounts.get(gid, 0)
        if c:
            groups[gid] = {"kind": gkinds[gid], "accounts": c}
    truth = {"world": "firth", "seed": args.seed, "campaigns": camps,
             "benign_accounts": sum(g["accounts"] for g in groups.values()), "benign_groups": groups}
    with open(os.path.join(args.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1)
    summary = {
        "world": "firth", "seed": args.seed, "events": n,
        "start": W.iso(start_epoch), "hours": args.hours,
        "benign_accounts": truth["benign_accounts"],
        "benign_events": sum(v for k, v in W.group_events.items() if k in gkinds),
        "campaign_events": sum(v for k, v in W.group_events.items() if k in ckinds),
        "groups": {g: {"kind": v["kind"], "accounts": v["accounts"], "events": W.group_events.get(g, 0)}
                   for g, v in groups.items()},
        "campaigns": {c: {"kind": v["kind"], "accounts": len(v["accounts"]), "events": W.group_events.get(c, 0)}
                      for c, v in camps.items()},
        "seconds": round(time.time() - t_start, 2),
    }
    json.dump(summary, sys.stdout)
    sys.stdout.write("\n")
    return 0
