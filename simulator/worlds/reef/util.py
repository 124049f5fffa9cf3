"""Small deterministic helpers: time formatting, sampling, ids."""
import bisect
import datetime
import math

START_DT = datetime.datetime(2026, 11, 18, 12, 0, 0, tzinfo=datetime.timezone.utc)
START_MS = int(START_DT.timestamp()) * 1000
SEC = 1000
MIN = 60 * SEC
HOUR = 60 * MIN
DAY = 24 * HOUR

_MIN_CACHE = {}


def fmt_ts(ms):
    """RFC 3339 UTC with milliseconds and trailing Z."""
    ms = int(ms)
    m = ms // MIN
    p = _MIN_CACHE.get(m)
    if p is None:
        p = datetime.datetime.fromtimestamp(m * 60, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:')
        if len(_MIN_CACHE) < 500000:
            _MIN_CACHE[m] = p
    r = ms - m * MIN
    return '%s%02d.%03dZ' % (p, r // 1000, r % 1000)


def clamp(x, lo, hi):
    return lo if x < lo else (hi if x > hi else x)


def lognorm(rng, median, sigma):
    return median * math.exp(sigma * rng.gauss(0.0, 1.0))


def ilog(rng, median, sigma, lo=0, hi=10 ** 9):
    v = int(median * math.exp(sigma * rng.gauss(0.0, 1.0)))
    return lo if v < lo else (hi if v > hi else v)


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam < 30:
        L = math.exp(-lam)
        k = 0
        p = rng.random()
        while p > L:
            k += 1
            p *= rng.random()
        return k
    return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))


def geom(rng, mean, cap=10 ** 6):
    """Geometric on {1,2,...} with the given mean."""
    if mean <= 1.0:
        return 1
    p = 1.0 / mean
    k = 1 + int(math.log(1.0 - rng.random()) / math.log(1.0 - p))
    return k if k < cap else cap


class WChoice:
    """Weighted choice with precomputed cumulative weights."""
    __slots__ = ('items', 'cum', 'tot')

    def __init__(self, pairs):
        self.items = [p[0] for p in pairs]
        c = 0.0
        self.cum = []
        for p in pairs:
            c += p[1]
            self.cum.append(c)
        self.tot = c

    def pick(self, rng):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.tot)]


def wpick(rng, pairs):
    tot = 0.0
    for _, w in pairs:
        tot += w
    x = rng.random() * tot
    for it, w in pairs:
        x -= w
        if x < 0:
            return it
    return pairs[-1][0]


class Ids:
    """Unique random hex ids."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def make(self, prefix, nhex):
        while True:
            s = '%s%0*x' % (prefix, nhex, self.rng.getrandbits(4 * nhex))
            if s not in self.used:
                self.used.add(s)
                return s

    def uuid(self):
        x = self.rng.getrandbits(128)
        x = (x & ~(0xF << 76)) | (4 << 76)
        x = (x & ~(0x3 << 62)) | (0x2 << 62)
        h = '%032x' % x
        return '%s-%s-%s-%s-%s' % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


# ---------------------------------------------------------------- diurnal shapes
# Relative activity by local hour.
HUMAN = [0.22, 0.14, 0.09, 0.07, 0.06, 0.08, 0.16, 0.33, 0.62, 0.85, 0.97, 1.0,
         0.9, 0.93, 1.0, 0.98, 0.93, 0.82, 0.7, 0.68, 0.7, 0.64, 0.5, 0.35]
OFFICE = [0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.2, 0.7, 1.0, 1.0, 1.0,
          0.65, 0.9, 1.0, 1.0, 0.95, 0.7, 0.3, 0.12, 0.08, 0.06, 0.04, 0.03]
EVENING = [0.45, 0.3, 0.18, 0.1, 0.06, 0.05, 0.08, 0.15, 0.3, 0.4, 0.45, 0.5,
           0.55, 0.5, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 0.9, 0.7]
FLAT = [1.0] * 24
# A mildly diurnal "product" curve: users of an app across a market.
PRODUCT = [0.45, 0.38, 0.33, 0.3, 0.3, 0.33, 0.42, 0.55, 0.72, 0.85, 0.93, 1.0,
           0.97, 0.97, 1.0, 0.98, 0.95, 0.9, 0.85, 0.82, 0.8, 0.74, 0.64, 0.53]
SHAPES = {'human': HUMAN, 'office': OFFICE, 'evening': EVENING, 'flat': FLAT, 'product': PRODUCT}
WEEKEND = {'human': 0.8, 'office': 0.08, 'evening': 1.1, 'flat': 1.0, 'product': 0.9}


def weight(shape, t_ms, tz):
    lt = t_ms / HOUR + tz
    day = int(lt // 24)
    h = int(lt - day * 24)
    dow = (day + 3) % 7  # 1970-01-01 was a Thursday; 0 = Monday
    w = SHAPES[shape][h]
    if dow >= 5:
        w *= WEEKEND[shape]
    return w if w < 1.0 else 1.0


_INT_CACHE = {}


def shape_integral(shape, tz, lo, hi):
    """Integral of the weight (in hours) over [lo, hi)."""
    key = (shape, tz, lo, hi)
    v = _INT_CACHE.get(key)
    if v is None:
        step = 5 * MIN
        s = 0.0
        t = lo + step // 2
        while t < hi:
            s += weight(shape, t, tz)
            t += step
        v = s * step / HOUR
        _INT_CACHE[key] = v
    return v


def sample_time(rng, shape, tz, lo, hi, extra=None):
    """One time in [lo, hi) drawn with density proportional to the shape weight."""
    span = hi - lo
    for _ in range(200):
        t = lo + int(rng.random() * span)
        w = weight(shape, t, tz)
        if extra is not None:
            w *= extra(t)
        if rng.random() < w:
            return t
    return lo + int(rng.random() * span)
