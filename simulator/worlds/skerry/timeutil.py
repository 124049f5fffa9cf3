"""Time helpers: ms epoch arithmetic, RFC 3339 formatting, diurnal curves, Poisson draws."""
import calendar
import math
import time

SEC = 1000
MIN = 60 * SEC
HOUR = 60 * MIN
DAY = 24 * HOUR

_prefix_cache = {}


def epoch_ms(y, mo, d, h=0, mi=0, s=0):
    return calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0)) * 1000


def iso(ms):
    """RFC 3339 UTC with millisecond precision, e.g. 2026-11-20T08:15:02.123Z."""
    s = ms // 1000
    mk = s // 60
    p = _prefix_cache.get(mk)
    if p is None:
        t = time.gmtime(mk * 60)
        p = "%04d-%02d-%02dT%02d:%02d:" % (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min)
        _prefix_cache[mk] = p
    return "%s%02d.%03dZ" % (p, s % 60, ms % 1000)


def local_hour(ms, tz):
    return int((ms / HOUR + tz) % 24)


def local_weekday(ms, tz):
    """0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday)."""
    return int(((ms / HOUR + tz) // 24 + 3) % 7)


# Relative activity by local hour (0..23).
CURVES = {
    "flat": [1.0] * 24,
    "human": [0.16, 0.09, 0.05, 0.04, 0.04, 0.06, 0.14, 0.32, 0.58, 0.82, 0.95, 1.0,
              0.92, 0.95, 1.0, 1.0, 0.95, 0.86, 0.76, 0.76, 0.82, 0.78, 0.56, 0.32],
    "dev": [0.10, 0.06, 0.04, 0.03, 0.03, 0.04, 0.08, 0.22, 0.55, 0.9, 1.0, 1.0,
            0.75, 0.9, 1.0, 1.0, 0.95, 0.8, 0.55, 0.42, 0.45, 0.45, 0.35, 0.2],
    "office": [0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.04, 0.15, 0.6, 0.95, 1.0, 1.0,
               0.55, 0.85, 1.0, 1.0, 0.9, 0.6, 0.22, 0.08, 0.05, 0.04, 0.02, 0.01],
    "student": [0.55, 0.4, 0.22, 0.1, 0.05, 0.03, 0.03, 0.07, 0.2, 0.4, 0.58, 0.68,
                0.7, 0.78, 0.84, 0.88, 0.88, 0.84, 0.85, 0.92, 1.0, 1.0, 0.92, 0.75],
    "service": [0.3, 0.2, 0.14, 0.11, 0.1, 0.13, 0.22, 0.4, 0.62, 0.8, 0.92, 1.0,
                0.98, 0.98, 1.0, 0.98, 0.94, 0.88, 0.82, 0.82, 0.84, 0.78, 0.6, 0.42],
    "night": [1.0, 1.0, 0.95, 0.9, 0.85, 0.7, 0.4, 0.2, 0.1, 0.08, 0.08, 0.08,
              0.08, 0.08, 0.08, 0.08, 0.08, 0.1, 0.15, 0.3, 0.5, 0.7, 0.85, 0.95],
}


def poisson(lam, rng):
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
    return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))


def session_starts(rng, rate_h, curve, tz, t0, t1, weekend=1.0, mod=None):
    """Inhomogeneous Poisson start times in [t0, t1): rate_h per hour at curve peak.

    mod: optional callable(ms) -> multiplier (e.g. a deadline ramp)."""
    out = []
    if t1 <= t0 or rate_h <= 0:
        return out
    c = CURVES[curve] if isinstance(curve, str) else curve
    t = t0
    while t < t1:
        te = min(t1, t + HOUR)
        mid = (t + te) // 2
        f = c[local_hour(mid, tz)]
        if weekend != 1.0 and local_weekday(mid, tz) >= 5:
            f *= weekend
        if mod is not None:
            f *= mod(mid)
        lam = rate_h * f * (te - t) / HOUR
        k = poisson(lam, rng)
        span = te - t
        for _ in range(k):
            out.append(t + int(rng.random() * span))
        t = te
    out.sort()
    return out


def geometric(mean, rng, cap=10 ** 6):
    """Geometric count >= 1 with the given mean."""
    if mean <= 1:
        return 1
    p = 1.0 / mean
    n = 1 + int(math.log(1.0 - rng.random()) / math.log(1.0 - p))
    return n if n < cap else cap
