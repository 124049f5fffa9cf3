import argparse
import json
import sys
import time

from . import generate


def main(argv=None):
    p = argparse.ArgumentParser(prog='python -m simulator.worlds.fjord',
                                description='Generate the fjord traffic world.')
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--benign', type=int, default=6000)
    p.add_argument('--hours', type=float, default=8)
    p.add_argument('--out', required=True)
    a = p.parse_args(argv)
    t0 = time.time()
    s = generate(a.seed, a.benign, a.hours, a.out)
    s['seconds'] = round(time.time() - t0, 1)
    json.dump(s, sys.stdout, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
