"""Small helpers: time formatting, ids, distributions, activity profiles."""
import bisect
import calendar
import math
import time

HOUR = 3_600_000
MINUTE = 60_000
DAY = 24 * HOUR


def utc_ms(y, mo, d, h=0, mi=0, s=0):
    return calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0)) * 1000


def fmt_ts(ms):
    s, r = divmod(int(ms), 1000)
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(s)) + '.%03dZ' % r


def uuid4(rng):
    x = rng.getrandbits(128)
    x = (x & ~(0xF << 76)) | (0x4 << 76)
    x = (x & ~(0x3 << 62)) | (0x2 << 62)
    h = '%032x' % x
    return '%s-%s-%s-%s-%s' % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def hexs(rng, n):
    return '%0*x' % (n, rng.getrandbits(4 * n))


def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam < 40:
        L = math.exp(-lam)
        k = 0
        p = rng.random()
        while p > L:
            k += 1
            p *= rng.random()
        return k
    return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))


def lognorm(rng, median, sigma):
    return median * math.exp(sigma * rng.gauss(0.0, 1.0))


def geometric(rng, mean):
    """Number >= 1 with the given mean."""
    if mean <= 1:
        return 1
    p = 1.0 / mean
    u = rng.random()
    return 1 + int(math.log(1.0 - u) / math.log(1.0 - p))


def wchoice(rng, items, cum):
    return items[bisect.bisect_right(cum, rng.random() * cum[-1])]


def cumw(weights):
    out = []
    acc = 0.0
    for w in weights:
        acc += w
        out.append(acc)
    return out


# ---------------------------------------------------------------- profiles
# Hour-of-day activity tables (local time), weight in [0, 1].
HUMAN = [0.10, 0.06, 0.04, 0.03, 0.03, 0.05, 0.12, 0.30, 0.55, 0.80, 0.95, 1.00,
         0.90, 0.95, 1.00, 0.98, 0.92, 0.85, 0.80, 0.85, 0.82, 0.70, 0.48, 0.25]
OFFICE = [0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.04, 0.15, 0.60, 1.00, 1.00, 0.95,
          0.45, 0.80, 1.00, 1.00, 0.90, 0.65, 0.30, 0.12, 0.07, 0.05, 0.03, 0.02]
EVENING = [0.70, 0.45, 0.22, 0.10, 0.05, 0.04, 0.06, 0.15, 0.30, 0.45, 0.50, 0.55,
           0.55, 0.60, 0.60, 0.62, 0.65, 0.70, 0.80, 0.90, 1.00, 1.00, 0.95, 0.85]
NIGHTOWL = [0.90, 1.00, 0.95, 0.80, 0.55, 0.30, 0.12, 0.08, 0.10, 0.20, 0.35, 0.45,
            0.50, 0.55, 0.55, 0.60, 0.60, 0.62, 0.65, 0.70, 0.75, 0.80, 0.85, 0.88]
FLAT = [1.0] * 24
TABLES = {'human': HUMAN, 'office': OFFICE, 'evening': EVENING,
          'nightowl': NIGHTOWL, 'flat': FLAT}

BIN = 5 * MINUTE


def table_weight(table, tz_hours, t_ms, weekend_factor=1.0):
    local = t_ms / 1000.0 + tz_hours * 3600.0
    h = (local % 86400.0) / 3600.0
    i = int(h)
    f = h - i
    w = table[i] + (table[(i + 1) % 24] - table[i]) * f
    if weekend_factor != 1.0:
        wd = int(local // 86400 + 3) % 7  # 0 = Monday (1970-01-01 was a Thursday)
        if wd >= 5:
            w *= weekend_factor
    return w


class Profile:
    """Piecewise-constant (5 minute bins) intensity over [w0, w1).

    mass() is in 'peak hours' (integral of weight over hours);
    sample() draws times from the normalised intensity restricted to a range.
    """
    __slots__ = ('w0', 'w1', 'cum', 'nb')

    def __init__(self, fn, w0, w1):
        self.w0 = w0
        self.w1 = w1
        nb = max(1, -(-(w1 - w0) // BIN))
        self.nb = nb
        cum = []
        acc = 0.0
        for i in range(nb):
            a = w0 + i * BIN
            b = min(w1, a + BIN)
            w = max(1e-4, fn((a + b) / 2.0))
            acc += w * (b - a) / HOUR
            cum.append(acc)
        self.cum = cum

    def _cum_at(self, t):
        if t <= self.w0:
            return 0.0
        if t >= self.w1:
            return self.cum[-1]
        i = int((t - self.w0) // BIN)
        prev = self.cum[i - 1] if i else 0.0
        a = self.w0 + i * BIN
        b = min(self.w1, a + BIN)
        return prev + (self.cum[i] - prev) * (t - a) / (b - a)

    def mass(self, t0, t1):
        return max(0.0, self._cum_at(t1) - self._cum_at(t0))

    def sample(self, rng, t0, t1, n):
        t0 = max(t0, self.w0)
        t1 = min(t1, self.w1)
        if n <= 0 or t1 <= t0:
            return []
        c0 = self._cum_at(t0)
        c1 = self._cum_at(t1)
        cum = self.cum
        out = []
        for _ in range(n):
            u = c0 + rng.random() * (c1 - c0)
            i = bisect.bisect_left(cum, u)
            if i >= self.nb:
                i = self.nb - 1
            prev = cum[i - 1] if i else 0.0
            a = self.w0 + i * BIN
            b = min(self.w1, a + BIN)
            span = cum[i] - prev
            frac = (u - prev) / span if span > 0 else rng.random()
            t = a + frac * (b - a)
            if t < t0:
                t = t0
            if t >= t1:
                t = t1 - 1
            out.append(int(t))
        out.sort()
        return out


_PCACHE = {}


def tz_profile(name, tz_hours, w0, w1, weekend_factor=None):
    if weekend_factor is None:
        weekend_factor = 0.15 if name == 'office' else 0.85
    key = (name, tz_hours, w0, w1, weekend_factor)
    p = _PCACHE.get(key)
    if p is None:
        table = TABLES[name]
        p = Profile(lambda t: table_weight(table, tz_hours, t, weekend_factor), w0, w1)
        _PCACHE[key] = p
    return p
