import argparse
import json
import sys
import time

from . import generate


def main(argv=None):
    p = argparse.ArgumentParser(prog='python -m simulator.worlds.meridian',
                                description='Generate the meridian synthetic traffic world.')
    p.add_argument('--seed', type=int, required=True)
    p.add_argument('--benign', type=int, default=6000, help='number of benign accounts (3000-30000)')
    p.add_argument('--hours', type=float, default=8.0, help='simulated hours (6-48)')
    p.add_argument('--out', required=True, help='output directory')
    a = p.parse_args(argv)
    t = time.time()
    summary = generate(a.seed, a.benign, a.hours, a.out)
    summary['seconds'] = round(time.time() - t, 2)
    json.dump(summary, sys.stderr, indent=1)
    sys.stderr.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
