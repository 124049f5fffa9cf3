"""Command line entry point."""
import argparse
import sys
import time

from .world import generate


def main(argv=None):
    p = argparse.ArgumentParser(prog='shoal', description='Synthetic API traffic world with '
                                'distillation campaigns and benign look-alikes.')
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--benign', type=int, default=10000, help='number of benign accounts (300..30000)')
    p.add_argument('--hours', type=float, default=8.0)
    p.add_argument('--out', required=True)
    p.add_argument('--quiet', action='store_true')
    a = p.parse_args(argv)
    if a.benign < 300:
        p.error('--benign must be at least 300')
    if a.hours <= 0:
        p.error('--hours must be positive')
    t0 = time.time()
    log = None if a.quiet else (lambda m: print('[shoal] ' + m, file=sys.stderr))
    n = generate(a.seed, a.benign, a.hours, a.out, log=log)
    if log:
        log('wrote %d events to %s in %.1fs' % (n, a.out, time.time() - t0))
    return 0
