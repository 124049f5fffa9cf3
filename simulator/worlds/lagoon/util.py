"""Small deterministic helpers: seeded sub-streams, Poisson draws, time formatting."""
import hashlib
import math
import random
import time
from bisect import bisect_right

SEC = 1000
MIN = 60 * SEC
HOUR = 60 * MIN
DAY = 24 * HOUR


def derive(*labels):
    """A random.Random seeded from a stable hash of the labels (never Python's hash())."""
    h = hashlib.sha256(repr(labels).encode("utf-8")).digest()
    return random.Random(int.from_bytes(h[:16], "big"))


def poisson(rng, lam):
    if lam <= 0.0:
        return 0
    if lam > 40.0:
        v = int(round(rng.gauss(lam, math.sqrt(lam))))
        return v if v > 0 else 0
    lim = math.exp(-lam)
    k = 0
    p = rng.random()
    while p > lim:
        k += 1
        p *= rng.random()
    return k


def flip(rng, h, k):
    """Flip k random bits of a 64-bit value (near-duplicate SimHash)."""
    rr = rng.randrange
    for _ in range(k):
        h ^= 1 << rr(64)
    return h


def cum(weights):
    out = []
    s = 0.0
    for w in weights:
        s += w
        out.append(s)
    return out


def pick_cum(rng, table):
    """table = (items, cumulative weights)."""
    items, c = table
    return items[bisect_right(c, rng.random() * c[-1])]


def table(pairs):
    return ([p[0] for p in pairs], cum([p[1] for p in pairs]))


def clamp01(x):
    return 0.0 if x < 0.0 else (1.0 if x > 1.0 else x)


_ISO = {}


def iso(ms):
    s, r = divmod(ms, 1000)
    p = _ISO.get(s)
    if p is None:
        p = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s))
        _ISO[s] = p
    return "%s.%03dZ" % (p, r)


class Ids:
    """Unique opaque identifiers from one seeded stream."""

    def __init__(self, rng):
        self.r = rng
        self.seen = set()

    def _u(self, fmt, bits):
        while True:
            s = fmt % self.r.getrandbits(bits)
            if s not in self.seen:
                self.seen.add(s)
                return s

    def acct(self):
        return self._u("acct_%012x", 48)

    def org(self):
        return self._u("org_%012x", 48)

    def key(self):
        return self._u("key_%010x", 40)

    def pay(self):
        return self._u("pm_%016x", 64)

    def sp(self):
        return self._u("%016x", 64)

    def h64(self):
        return self.r.getrandbits(64)
