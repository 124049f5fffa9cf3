import argparse
import json
import os
import sys
import time

from .build import run
from .world import World


def main(argv=None):
    ap = argparse.ArgumentParser(prog="bight", description="Synthetic API traffic world (bight).")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--benign", type=int, default=3000)
    ap.add_argument("--hours", type=float, default=8.0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    if args.benign < 1 or args.hours <= 0:
        ap.error("--benign must be >= 1 and --hours > 0")
    os.makedirs(args.out, exist_ok=True)
    t0 = time.time()
    W = World(args.seed, args.benign, args.hours, args.out)
    run(W)
    W.sink.finish(os.path.join(args.out, "events.jsonl"))
    truth = W.truth()
    with open(os.path.join(args.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1)
    n_acc = sum(1 for a in W.accounts if a.n > 0)
    n_camp = sum(len(c["accounts"]) for c in truth["campaigns"].values())
    print("bight seed=%d: %d events, %d accounts (%d benign, %d campaign) in %.1fs"
          % (args.seed, W.sink.count, n_acc, truth["benign_accounts"], n_camp, time.time() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
