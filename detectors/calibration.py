"""Map raw detector outputs to a common [0, 1] score: the share of the (benign-dominated)
reference population that scores lower, from a decayed streaming histogram.

Every score is learned: excluding the top would truncate the reference and push its upper
tail ever outward. (The *models* are protected instead: they do not learn from what they
flag.) Decay lets the reference follow benign drift.

>>> import random
>>> rng, cal = random.Random(7), QuantileCalibrator(lo=0.0, hi=1.0, bins=100)
>>> for _ in range(20_000):
...     cal.learn(rng.random())
>>> round(cal.score(0.5), 1), round(cal.score(0.99), 2), cal.score(2.0)
(0.5, 0.99, 1.0)
>>> round(cal.quantile(0.9), 2)
0.9
"""

from __future__ import annotations


class QuantileCalibrator:
    """Decayed histogram over [lo, hi] with `bins` equal bins; `score(x)` = CDF at `x`."""

    __slots__ = ("lo", "hi", "bins", "counts", "tree", "total", "weight", "growth", "min_count", "_width")

    def __init__(self, lo: float, hi: float, bins: int = 200, half_life: float = 200_000.0,
                 min_count: int = 200) -> None:
        self.lo, self.hi, self.bins = lo, hi, bins
        self.counts = [0.0] * bins
        self.tree = [0.0] * (bins + 1)  # Fenwick tree over `counts`: prefix sums in O(log bins)
        self.total = 0.0
        self.weight = 1.0  # weight of the next value: grows, so older values fade relatively
        self.growth = 2.0 ** (1.0 / half_life)
        self.min_count = min_count
        self._width = (hi - lo) / bins

    @property
    def effective_count(self) -> float:
        """How many recent values the reference is worth (decayed)."""
        return self.total * self.growth / self.weight  # the newest value counts 1

    @property
    def ready(self) -> bool:
        return self.effective_count >= self.min_count

    def _bin(self, x: float) -> int:
        i = int((x - self.lo) / self._width)
        return 0 if i < 0 else (self.bins - 1 if i >= self.bins else i)

    def learn(self, x: float) -> None:
        i = self._bin(x)
        w = self.weight
        self.counts[i] += w
        self.total += w
        tree, j = self.tree, i + 1
        while j <= self.bins:
            tree[j] += w
            j += j & -j
        self.weight = w * self.growth
        if self.weight > 1e100:
            scale = 1.0 / self.weight
            self.counts = [c * scale for c in self.counts]
            self.tree = [t * scale for t in self.tree]
            self.total *= scale
            self.weight = 1.0

    def _below(self, i: int) -> float:
        """Sum of counts[:i]."""
        total, tree = 0.0, self.tree
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    def quantile(self, q: float) -> float:
        """Inverse of `score`: the value below which a share `q` of the reference lies."""
        if self.total <= 0.0:
            return self.hi
        target, acc = q * self.total, 0.0
        for i, c in enumerate(self.counts):
            if acc + c >= target and c > 0:
                return self.lo + (i + (target - acc) / c) * self._width
            acc += c
        return self.hi

    def score(self, x: float) -> float:
        """Fraction of the reference below `x` (linear inside a bin); 0.5 while empty."""
        if self.total <= 0.0:
            return 0.5
        if x >= self.hi:
            return 1.0
        if x < self.lo:
            return 0.0
        i = self._bin(x)
        frac = (x - (self.lo + i * self._width)) / self._width
        return min(1.0, (self._below(i) + frac * self.counts[i]) / self.total)
