import argparse
import json
import sys
import time

from . import generate


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m simulator.worlds.harbor",
                                 description="Generate the harbor synthetic traffic world.")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--benign", type=int, default=6000, help="number of benign accounts")
    ap.add_argument("--hours", type=float, default=8.0, help="length of the window in hours")
    ap.add_argument("--out", required=True, help="output directory")
    a = ap.parse_args(argv)
    t = time.time()
    summary = generate(a.seed, a.benign, a.hours, a.out)
    summary["seconds"] = round(time.time() - t, 2)
    json.dump(summary, sys.stderr, indent=1)
    sys.stderr.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
