"""Deterministic helpers shared by every module of the world."""

import bisect
import datetime
import math
import random

_EPOCH_DATE = datetime.date(1970, 1, 1)
_DAY_CACHE = {}

HOUR_MS = 3_600_000
MIN_MS = 60_000
DAY_MS = 86_400_000


def rng_for(seed, *parts):
    """Independent, reproducible generator for one named entity of the world."""
    return random.Random("sound/%s/%s" % (seed, "/".join(str(p) for p in parts)))


def iso_ms(ms):
    """RFC 3339 UTC with milliseconds, fixed width (lexicographic = chronological)."""
    ms = int(ms)
    s, milli = divmod(ms, 1000)
    d, r = divmod(s, 86400)
    ds = _DAY_CACHE.get(d)
    if ds is None:
        ds = (_EPOCH_DATE + datetime.timedelta(days=d)).isoformat()
        _DAY_CACHE[d] = ds
    h, r = divmod(r, 3600)
    m, sec = divmod(r, 60)
    return "%sT%02d:%02d:%02d.%03dZ" % (ds, h, m, sec, milli)


def ms_of(dt):
    return int(dt.replace(tzinfo=datetime.timezone.utc).timestamp() * 1000)


def hexid(rng, n):
    return "%0*x" % (n, rng.getrandbits(4 * n))


def uuid4(rng):
    h = "%032x" % rng.getrandbits(128)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], "89ab"[int(h[16], 16) & 3],
                                  h[17:20], h[20:32])


class Weighted:
    """Weighted choice with precomputed cumulative weights."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, pairs):
        if isinstance(pairs, dict):
            pairs = pairs.items()
        items, cum, s = [], [], 0.0
        for item, w in pairs:
            if w <= 0:
                continue
            s += w
            items.append(item)
            cum.append(s)
        if not items:
            raise ValueError("empty Weighted")
        self.items, self.cum, self.total = items, cum, s

    def pick(self, rng):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


def logn(rng, median, sigma):
    return median * math.exp(rng.gauss(0.0, sigma))


def clampi(x, lo, hi):
    x = int(x)
    return lo if x < lo else hi if x > hi else x


def geom(rng, mean):
    """Integer >= 1 with the given mean (shifted geometric)."""
    if mean <= 1.0:
        return 1
    return 1 + int(rng.expovariate(1.0 / (mean - 1.0)))


def flip(h, k, rng):
    """Flip about k random bits of a 64-bit value (near-duplicate SimHash)."""
    for _ in range(k):
        h ^= 1 << rng.getrandbits(6)
    return h


def hex64(h):
    return "%016x" % h
