import argparse
import sys
import time

from .world import build


def main(argv=None):
    ap = argparse.ArgumentParser(prog="lagoon", description="lagoon: a synthetic LLM-API traffic world")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--benign", type=int, default=10000)
    ap.add_argument("--hours", type=float, default=8)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    hours = int(args.hours) if float(args.hours).is_integer() else args.hours
    t = time.time()
    n = build(args.seed, args.benign, hours, args.out)
    print("lagoon: %d events in %.1fs -> %s" % (n, time.time() - t, args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
