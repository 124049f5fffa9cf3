import argparse
import sys

from .world import run


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m atoll", description="atoll synthetic API traffic world")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--benign", type=int, default=10000, help="number of benign accounts (3000-30000)")
    p.add_argument("--hours", type=float, default=8.0)
    p.add_argument("--out", required=True)
    p.add_argument("--verbose", action="store_true")
    a = p.parse_args(argv)
    if a.benign < 1 or a.hours <= 0:
        p.error("--benign and --hours must be positive")
    run(a.seed, a.benign, a.hours, a.out, a.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
