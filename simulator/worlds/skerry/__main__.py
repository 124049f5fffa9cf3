import argparse
import sys
import time

from .world import build_world, write_world


def main(argv=None):
    p = argparse.ArgumentParser(prog="skerry", description="seeded API-traffic world")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--benign", type=int, default=3000, help="number of benign accounts")
    p.add_argument("--hours", type=float, default=8.0, help="length of the window in hours")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--quiet", action="store_true")
    a = p.parse_args(argv)
    if a.benign < 1000:
        p.error("--benign must be at least 1000 (the world is designed for 3000 to 30000)")
    if a.hours <= 0:
        p.error("--hours must be positive")
    t0 = time.time()
    world = build_world(a.seed, a.benign, a.hours)
    n = write_world(world, a.out)
    if not a.quiet:
        sys.stderr.write("skerry: wrote %d events, %d campaigns, %d benign accounts to %s in %.1fs\n"
                         % (n, len(world.campaigns), world.benign_count, a.out, time.time() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
