"""Local clocks and activity curves: when people, offices and machines send requests."""

import math

from .util import HOUR_MS

# relative intensity by local hour (0..23), linearly interpolated between hours
CURVES = {
    "personal": [.12, .07, .04, .03, .03, .04, .08, .16, .25, .32, .38, .42, .45, .45, .45, .47,
                 .52, .60, .72, .85, .95, 1.0, .85, .45],
    "office": [.03, .02, .02, .02, .02, .04, .10, .30, .65, .92, 1.0, 1.0, .80, .92, 1.0, .98,
               .90, .70, .42, .28, .24, .20, .14, .07],
    "dev": [.12, .07, .04, .03, .03, .04, .08, .22, .50, .80, .95, 1.0, .85, .95, 1.0, 1.0,
            .95, .80, .62, .52, .52, .50, .40, .24],
    "student": [.55, .35, .16, .06, .03, .03, .05, .10, .25, .45, .60, .65, .60, .70, .75, .80,
                .80, .75, .70, .75, .85, .95, 1.0, .85],
    "business": [.22, .15, .12, .10, .10, .13, .22, .40, .62, .80, .90, .95, .93, .95, .97, .95,
                 .90, .82, .75, .72, .70, .62, .48, .33],
    "flat": [.92, .90, .88, .88, .90, .92, .95, .97, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
             1.0, 1.0, .98, .97, .96, .95, .94, .93],
}
WEEKEND = {"personal": 1.1, "office": 0.15, "dev": 0.45, "student": 0.9, "business": 0.6, "flat": 1.0}


def local_hour(t_ms, tz):
    return (t_ms / HOUR_MS + tz) % 24.0


def is_weekend(t_ms, tz):
    # 1970-01-01 was a Thursday: weekday index 3 with Monday = 0
    day = int((t_ms / HOUR_MS + tz) // 24)
    return (day + 3) % 7 >= 5


def curve_value(name, t_ms, tz, floor=0.0):
    c = CURVES[name]
    h = local_hour(t_ms, tz)
    i = int(h)
    f = h - i
    v = c[i] * (1.0 - f) + c[(i + 1) % 24] * f
    if is_weekend(t_ms, tz):
        v *= WEEKEND[name]
    if floor:
        v = floor + (1.0 - floor) * v
    return v


def poisson_times(rng, start, end, peak_per_hour, curve, tz, floor=0.0, mult=None):
    """Non-homogeneous Poisson arrivals by thinning; mult(t) may add bursts (<= its own max)."""
    out = []
    if peak_per_hour <= 0 or end <= start:
        return out
    peak = peak_per_hour
    mmax = 1.0
    if mult is not None:
        mmax = mult.peak
        peak *= mmax
    rate = peak / HOUR_MS
    t = start
    wmax = 1.1  # weekend factor may exceed 1
    rate *= wmax
    while True:
        t += rng.expovariate(rate)
        if t >= end:
            break
        v = curve_value(curve, t, tz, floor) if curve != "none" else 1.0
        if mult is not None:
            v *= mult(t)
        if rng.random() * wmax * mmax < v:
            out.append(int(t))
    return out


class Burst:
    """Multiplier that ramps up exponentially before a deadline and collapses after it."""

    def __init__(self, deadline, tau_ms, height, after=0.15):
        self.deadline, self.tau, self.height, self.after = deadline, tau_ms, height, after
        self.peak = 1.0 + height

    def __call__(self, t):
        if t >= self.deadline:
            return self.after
        return 1.0 + self.height * math.exp(-(self.deadline - t) / self.tau)


class Window:
    """Multiplier that is `high` inside [a, b) and 1 elsewhere (a class meeting, an on-call shift)."""

    def __init__(self, a, b, high):
        self.a, self.b, self.high = a, b, high
        self.peak = max(1.0, high)

    def __call__(self, t):
        return self.high if self.a <= t < self.b else 1.0


class Product:
    def __init__(self, *parts):
        self.parts = parts
        self.peak = 1.0
        for p in parts:
            self.peak *= p.peak

    def __call__(self, t):
        v = 1.0
        for p in self.parts:
            v *= p(t)
        return v
