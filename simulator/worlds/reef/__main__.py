import argparse
import sys
import time

from .world import run


def main(argv=None):
    p = argparse.ArgumentParser(prog='python -m reef', description='reef synthetic API traffic world')
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--benign', type=int, default=10000, help='benign accounts (3000-30000)')
    p.add_argument('--hours', type=float, default=8.0)
    p.add_argument('--out', required=True)
    a = p.parse_args(argv)
    if a.benign < 1:
        p.error('--benign must be positive')
    if a.hours <= 0:
        p.error('--hours must be positive')
    t = time.perf_counter()
    n, truth = run(a.seed, a.benign, a.hours, a.out)
    ca = sum(len(c['accounts']) for c in truth['campaigns'].values())
    print('reef: %d events, %d benign accounts, %d campaign accounts in %d campaigns, %.1fs' %
          (n, truth['benign_accounts'], ca, len(truth['campaigns']), time.perf_counter() - t), file=sys.stderr)


if __name__ == '__main__':
    main()
