import argparse
import sys

from .world import generate


def main(argv=None):
    ap = argparse.ArgumentParser(prog="inlet",
                                 description="synthetic LLM-API traffic world")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--benign", type=int, default=10000)
    ap.add_argument("--hours", type=float, default=8.0)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    n, c = generate(a.seed, a.benign, a.hours, a.out)
    sys.stderr.write("inlet: wrote %d events, %d campaigns to %s\n"
                     % (n, c, a.out))
    return 0
