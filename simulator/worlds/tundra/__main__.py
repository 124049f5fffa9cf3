import argparse
import json
import sys

from .world import generate


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m simulator.worlds.tundra",
                                description="Generate the tundra synthetic traffic world.")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--benign", type=int, default=6000, help="benign accounts (3000..30000)")
    p.add_argument("--hours", type=float, default=8.0, help="window length in hours (6..48)")
    p.add_argument("--out", required=True, help="output directory")
    args = p.parse_args(argv)
    summary = generate(args.seed, args.benign, args.hours, args.out)
    json.dump(summary, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
