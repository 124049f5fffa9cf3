import argparse
import sys
import time

from .world import generate


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m simulator.worlds.estuary")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--benign", type=int, default=3000, help="number of benign accounts")
    p.add_argument("--hours", type=float, default=8.0)
    p.add_argument("--out", required=True)
    a = p.parse_args(argv)
    t = time.time()
    n = generate(a.seed, a.benign, a.hours, a.out)
    print(f"estuary: wrote {n} events to {a.out} in {time.time() - t:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
