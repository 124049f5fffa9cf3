import argparse
import sys
import time

from .world import World


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m simulator.worlds.delta",
                                 description="World delta: LLM-API traffic with distillation campaigns.")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--benign", type=int, required=True, help="number of benign accounts")
    ap.add_argument("--hours", type=float, required=True, help="length of the window")
    ap.add_argument("--out", required=True, help="output directory")
    args = ap.parse_args(argv)
    t = time.time()
    w = World(args.seed, args.benign, args.hours)
    n = w.run(args.out)
    print(f"delta: {n} events, {len(w.accounts)} accounts, {len(w.campaigns)} campaigns "
          f"in {time.time() - t:.1f}s -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
