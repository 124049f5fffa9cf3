import argparse

from .world import generate


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m simulator.worlds.cirrus",
                                description="cirrus traffic world: distillation campaigns among benign look-alikes")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--benign", type=int, default=3000, help="number of benign accounts")
    p.add_argument("--hours", type=float, default=8.0, help="simulated hours")
    p.add_argument("--out", default="out/cirrus", help="output folder")
    p.add_argument("--quiet", action="store_true")
    a = p.parse_args(argv)
    if a.benign < 1 or a.hours <= 0:
        p.error("--benign must be >= 1 and --hours > 0")
    generate(a.seed, a.benign, a.hours, a.out, verbose=not a.quiet)


if __name__ == "__main__":
    main()
