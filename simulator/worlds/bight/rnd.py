"""Small random helpers (stdlib only, deterministic given a seeded Random)."""
import hashlib
import math
from bisect import bisect

MASK64 = (1 << 64) - 1


def lognorm(rng, med, sig):
    return med * math.exp(rng.gauss(0.0, sig))


def poisson(rng, lam):
    if lam <= 0.0:
        return 0
    if lam < 30.0:
        lim = math.exp(-lam)
        k = 0
        p = rng.random()
        while p > lim:
            k += 1
            p *= rng.random()
        return k
    return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))


def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


class WT:
    """Weighted table: pick(rng) -> item."""
    __slots__ = ("items", "cum", "tot")

    def __init__(self, pairs):
        self.items = []
        self.cum = []
        c = 0.0
        for item, w in pairs:
            if w <= 0:
                continue
            c += w
            self.items.append(item)
            self.cum.append(c)
        self.tot = c

    def pick(self, rng):
        return self.items[bisect(self.cum, rng.random() * self.tot)]


def stable64(s):
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big")


def flip(rng, h, k):
    for _ in range(k):
        h ^= 1 << rng.randrange(64)
    return h


def hexid(rng, n):
    return "%0*x" % (n, rng.getrandbits(4 * n))


class Tmpl:
    """A prompt template with variable slots: instances are near-duplicates
    of a base SimHash (spread = typical number of differing bits)."""
    __slots__ = ("base", "spread", "cat", "inp", "out", "cot")

    def __init__(self, rng, spread, cat="other", inp=(300, 0.5), out=(500, 0.6), cot=None):
        self.base = rng.getrandbits(64)
        self.spread = spread
        self.cat = cat
        self.inp = inp
        self.out = out
        self.cot = cot

    def inst(self, rng):
        k = int(rng.gauss(self.spread, self.spread * 0.35 + 0.5) + 0.5)
        if k <= 0:
            return self.base
        return flip(rng, self.base, k)

    def inp_tokens(self, rng):
        return int(lognorm(rng, self.inp[0], self.inp[1])) + 8

    def out_tokens(self, rng):
        return int(lognorm(rng, self.out[0], self.out[1])) + 1
