"""Score accounts against the whole population: River Half-Space Trees, calibrated.

One model for the population (~300 KB, in the decision stage where every partition's
accounts meet), fed account summaries of established accounts (not every event); it does not
learn from accounts that stand out. Raw scores are calibrated to the share of accounts
scoring lower. Reasons name the features furthest from the population.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from river import anomaly

from detectors.calibration import QuantileCalibrator
from detectors.features import AccountSummary
from detectors.reasons import ACCOUNT_DEVIATIONS, reason

# Scales of the account vector's log features (`account_vector`: each feature maps to [0, 1]).
_LOG_RATE = math.log1p(20_000.0)
_LOG_OUT = math.log1p(64_000.0)
# An account alone alerts (warning) at this multiple of the population's 99.9th percentile of
# hourly harvest, and is critical at the second (see AccountCalibration; settings:
# HYDRAWATCH_ACCOUNT_VOLUME_MARGIN, HYDRAWATCH_ACCOUNT_CRITICAL_MARGIN).
DEFAULT_VOLUME_MARGIN = 1.0
DEFAULT_CRITICAL_MARGIN = 3.0


def account_vector(s: AccountSummary) -> dict[str, float]:
    return {
        "rate": min(1.0, math.log1p(s.rate_1d) / _LOG_RATE),
        "output": min(1.0, math.log1p(s.output_per_request) / _LOG_OUT),
        "cot": s.cot_mean,
        "narrow": s.narrow_task_share,
        "repetition": min(1.0, s.template_repetition),
        "hours": s.hour_entropy,
        "regularity": s.gap_regularity,
        "new_model": min(1.0, s.new_model_share),
        "tools": min(1.0, s.tool_share),
        "young": 1.0 - min(1.0, math.log1p(s.age_days) / math.log1p(365.0)),
        "shift": min(1.0, s.baseline_shift / 10.0),
    }


# The account vector's features, in order: each is reported by its own reason signal.
FEATURES = ACCOUNT_DEVIATIONS


@dataclass(frozen=True)
class AccountVerdict:
    raw: float  # HST score, [0, 1], higher = more unusual (this partition's model)
    volume: float  # log output tokens in the last hour
    reasons: tuple[dict, ...]


_UNSCORED = AccountVerdict(0.0, 0.0, ())


def is_reference_point(n_events: int) -> bool:
    """Accounts are learned from at 1, 2, 4, 8, ... events only (each doubling), so that the
    reference is the population of accounts, not of summaries (a heavy account must not fill it).

    >>> [n for n in range(1, 300) if is_reference_point(n)]
    [1, 2, 4, 8, 16, 32, 64, 128, 256]
    """
    return n_events & (n_events - 1) == 0


class PopulationModel:
    """HST over account vectors + running means for reasons."""

    def __init__(self, seed: int = 0, n_trees: int = 10, height: int = 8, window_size: int = 256,
                 min_events: int = 32) -> None:
        limits = {name: (0.0, 1.0) for name in FEATURES}
        self.model = anomaly.HalfSpaceTrees(n_trees=n_trees, height=height, window_size=window_size,
                                            limits=limits, seed=seed)
        # Local view of the raw scores, only to protect the model from what stands out.
        self.local = QuantileCalibrator(0.0, 1.0, bins=200, half_life=50_000.0, min_count=50)
        self.protect = 0.99
        self.means = {name: 0.5 for name in FEATURES}
        self.seen = 0
        self.min_events = min_events

    def score(self, summary: AccountSummary) -> AccountVerdict:
        """Score an account (and learn from it unless it stands out).

        Accounts with fewer than `min_events` events are neither scored nor learned from:
        too little behaviour to judge, and they are most accounts (the clusters judge them).
        """
        n = summary.n_events
        if n < self.min_events:
            return _UNSCORED
        x = account_vector(summary)
        raw = self.model.score_one(x)
        volume = math.log1p(summary.rate_1h * summary.output_per_request)
        local = self.local.score(raw) if self.local.ready else 0.0
        if is_reference_point(n):
            if local < self.protect:
                self.model.learn_one(x)
                self.seen += 1
                rate = 1.0 / min(self.seen, 5000)
                for name, value in x.items():
                    self.means[name] += (value - self.means[name]) * rate
            self.local.learn(raw)
        return AccountVerdict(raw, volume, self._reasons(x, summary) if local >= 0.95 else ())

    def _reasons(self, x: dict[str, float], s: AccountSummary) -> tuple[dict, ...]:
        deviations = sorted(((abs(v - self.means[k]), k) for k, v in x.items()), reverse=True)[:3]
        reasons = []
        for _, name in deviations:
            direction = "high" if x[name] > self.means[name] else "low"
            reasons.append(reason("account", name, direction=direction, value=x[name], mean=self.means[name]))
        reasons.append(reason("account", "volume", requests=s.rate_1h,
                              output_mtokens=s.output_per_request * s.rate_1h / 1e6))
        return tuple(reasons)


@dataclass(frozen=True, slots=True)
class AccountAssessment:
    score: float  # calibrated, [0, 1]; capped below the alerting range unless every gate holds
    times_top: float  # hourly harvest / the population's 99.9th percentile (0 unless the other gates hold)
    critical: bool  # at least `critical_margin` times that percentile (with every other gate)


NOT_ASSESSED = AccountAssessment(0.0, 0.0, False)


class AccountCalibration:
    """Calibrated account score: the share of accounts harvesting fewer output tokens per hour,
    for an account whose traffic looks like harvesting (`harvest` >= `harvest_gate`, the cluster
    scorer's measure) and whose volume is at least `volume_margin` times the population's
    99.9th percentile of hourly harvest. Others are capped below the alerting range.

    The reference holds accounts' volumes at 32, 64, 128, ... events, so their peaks: one
    account adds a point per doubling of its events, never enough to make the top its own.
    (There is no separate "unusual to the population model" gate: an account beyond every
    benign peak is unusual by that fact, and the model's score had put scrapers of 700 requests
    an hour at its 85-93rd percentile, hiding them.)

    An account alone is alarming only when it is among the heaviest harvesters *and* looks the
    part: a busy enterprise batch job is heavy but not harvesting. Two tiers: at `volume_margin`
    (default 1x: the 0.1% false-positive budget's own percentile) an alert is a *warning*, early;
    at `critical_margin` (default 3x, clear of the heaviest benign users, researchers' benchmark
    suites) it is *critical*. `bench/bench_account_margin.py` measures both sides of the choice.

    >>> AccountCalibration(volume_margin=0.5)
    Traceback (most recent call last):
    ...
    ValueError: need 1 <= volume_margin <= critical_margin (multiples of the 99.9th percentile), got 0.5 and 3.0
    """

    harvest_gate = 0.5
    cap = 0.999  # below the alerting range

    def __init__(self, min_count: int = 200, volume_margin: float = DEFAULT_VOLUME_MARGIN,
                 critical_margin: float = DEFAULT_CRITICAL_MARGIN) -> None:
        if not 1.0 <= volume_margin <= critical_margin:
            raise ValueError("need 1 <= volume_margin <= critical_margin (multiples of the 99.9th percentile), "
                             f"got {volume_margin} and {critical_margin}")
        self.volume_margin = volume_margin
        self.critical_margin = critical_margin
        self.heavy = QuantileCalibrator(0.0, math.log1p(1e9), bins=1000, half_life=100_000.0, min_count=min_count)

    def assess(self, verdict: AccountVerdict, n_events: int, harvest: float) -> AccountAssessment:
        """Score, multiple of the top and tier of one account summary's verdict (and learn from
        it at the account's reference points)."""
        if verdict is _UNSCORED:
            return NOT_ASSESSED
        result = NOT_ASSESSED
        if self.heavy.ready:
            score = self.heavy.score(verdict.volume)
            times_top = 0.0
            if harvest >= self.harvest_gate:
                times_top = math.exp(verdict.volume - self.heavy.quantile(0.999))  # O(bins): only here
            if times_top < self.volume_margin:
                score = min(score, self.cap)
            result = AccountAssessment(score, times_top, times_top >= self.critical_margin)
        if is_reference_point(n_events):
            self.heavy.learn(verdict.volume)
        return result
