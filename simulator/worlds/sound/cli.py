"""Command line: python -m sound --seed N --benign N --hours H --out DIR  |  --selfcheck [DIR]"""

import argparse
import os
import sys
import tempfile
import time

USAGE = ("usage: python -m sound --seed INT --benign INT --hours FLOAT --out DIR\n"
         "       python -m sound --selfcheck [--out DIR] [--seed INT] [--benign INT] [--hours FLOAT]\n"
         "  --benign from 500 to 60000, --hours from 0.5 to 168, benign*hours at most 480000")


def _fail(msg):
    sys.stderr.write("error: %s\n%s\n" % (msg, USAGE))
    return 2


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m sound", add_help=True, usage=USAGE[len("usage: "):])
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--benign", type=int, default=None)
    ap.add_argument("--hours", type=float, default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("--selfcheck", action="store_true",
                    help="validate DIR (or generate a 3000-benign 8-hour world and validate it)")
    ap.add_argument("--quiet", action="store_true")
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    log = None if args.quiet else (lambda s: sys.stderr.write("[sound] %s\n" % s))

    from .selfcheck import check
    if args.selfcheck:
        out = args.out
        if out is None or not os.path.exists(os.path.join(out, "events.jsonl")):
            out = out or tempfile.mkdtemp(prefix="sound-selfcheck-")
            seed = 1 if args.seed is None else args.seed
            benign = 3000 if args.benign is None else args.benign
            hours = 8.0 if args.hours is None else args.hours
            rc = _generate(seed, benign, hours, out, log)
            if rc:
                return rc
        ok = check(out, log=lambda s: sys.stdout.write(s + "\n"))
        return 0 if ok else 1

    if args.seed is None or args.benign is None or args.hours is None or args.out is None:
        return _fail("--seed, --benign, --hours and --out are required")
    return _generate(args.seed, args.benign, args.hours, args.out, log)


def _generate(seed, benign, hours, out, log):
    if not 500 <= benign <= 60000:
        return _fail("--benign must be between 500 and 60000")
    if not (0.5 <= hours <= 168):
        return _fail("--hours must be between 0.5 and 168")
    if benign * hours > 480000:
        return _fail("benign*hours too large for this world (max 480000)")
    from .world import generate
    t = time.time()
    truth, n = generate(seed, benign, hours, out, log)
    if log:
        log("done: %d events, %d campaigns, %d benign accounts, %.1fs -> %s" % (
            n, len(truth["campaigns"]), truth["benign_accounts"], time.time() - t, out))
    return 0
