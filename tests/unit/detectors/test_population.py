"""Accounts against the population: the HST model's scope and protection, and the account gate."""

from __future__ import annotations

import math
import random

import pytest

from detectors.population import AccountCalibration, AccountVerdict, PopulationModel, _UNSCORED
from tests.unit.detectors.test_clusters import summary


def test_accounts_with_few_events_are_neither_scored_nor_learned_from():
    model = PopulationModel(seed=1, min_events=32)
    assert model.score(summary("a", n_events=31)) is _UNSCORED
    assert model.seen == 0


def test_population_learns_only_at_reference_points_and_not_from_what_stands_out():
    rng = random.Random(3)
    model = PopulationModel(seed=1)
    for i in range(600):
        model.score(summary(f"p{i}", n_events=32, cot_mean=rng.uniform(0.05, 0.25),
                            output_per_request=rng.uniform(300, 700), rate_1d=rng.uniform(5, 20)))
    learned = model.seen
    assert 450 < learned <= 600  # a few ordinary accounts stand out too (the top 1%)
    model.score(summary("between", n_events=33))  # not a reference point
    assert model.seen == learned
    odd = summary("odd", n_events=64, cot_mean=0.95, output_per_request=20_000.0, rate_1d=5000.0,
                  narrow_task_share=1.0, template_repetition=1.0, hour_entropy=1.0, gap_regularity=1.0)
    verdict = model.score(odd)
    assert model.seen == learned  # protected: the model does not learn from it
    assert verdict.raw > 0.5
    signals = [r["signal"] for r in verdict.reasons]
    assert signals[-1] == "volume" and "cot" in signals[:3]


def ready_calibration(margin: float) -> AccountCalibration:
    """A gate whose references have seen 2,000 ordinary accounts (log volume about 10-12)."""
    rng = random.Random(5)
    cal = AccountCalibration(volume_margin=margin)
    for _ in range(2000):
        cal.assess(AccountVerdict(rng.uniform(0.0, 0.5), rng.uniform(10.0, 12.0), ()), 32, 0.1).score
    return cal


def verdict_at(cal: AccountCalibration, times_top: float, raw: float = 0.99) -> AccountVerdict:
    """A verdict whose volume is `times_top` times the population's 99.9th percentile."""
    return AccountVerdict(raw, cal.heavy.quantile(0.999) + math.log(times_top), ())


@pytest.mark.parametrize("margin", [1.0, 1.5, 3.0])
def test_an_account_alerts_only_past_the_volume_margin(margin):
    cal = ready_calibration(margin)
    below, above = verdict_at(cal, margin * 0.95), verdict_at(cal, margin * 1.05)
    assert cal.assess(below, 1000, 0.9).score <= cal.cap
    assert cal.assess(above, 1000, 0.9).score > 0.9999  # in the alerting range (AlertPolicy.for_accounts)


def test_heavy_accounts_that_do_not_look_like_harvesting_stay_below_the_alerting_range():
    cal = ready_calibration(1.0)
    heavy = verdict_at(cal, 10.0)
    assert cal.assess(heavy, 1000, 0.9).score > 0.9999
    assert cal.assess(heavy, 1000, 0.2).score <= cal.cap  # a batch job: heavy, not harvesting
    # Beyond every benign peak is unusual by itself, whatever the population model scores.
    assert cal.assess(verdict_at(cal, 10.0, raw=0.1), 1000, 0.9).score > 0.9999


def test_the_reference_holds_accounts_peaks_but_one_account_only_at_its_reference_points():
    """The 99.9th percentile is of accounts' volumes at 32, 64, 128, ... events, peaks included
    (a reference of early volumes let heavy benign users cross it later), and one account adds
    one point per doubling: 4,743 later summaries of one account add 4 points (512 ... 4,096)."""
    cal = ready_calibration(3.0)
    before, top = cal.heavy.total, cal.heavy.quantile(0.999)
    for n in range(257, 5000):
        cal.assess(verdict_at(cal, 2.0), n, 0.9)
    added = (cal.heavy.total - before) / cal.heavy.weight * cal.heavy.growth  # in units of the newest weight
    assert 3.9 < added < 4.1
    assert cal.heavy.quantile(0.999) > top  # its peaks, at twice the old top, moved the percentile up


def test_the_margins_are_ordered_multiples_of_the_percentile():
    with pytest.raises(ValueError, match="volume_margin"):
        AccountCalibration(volume_margin=0.99)
    with pytest.raises(ValueError, match="critical_margin"):
        AccountCalibration(volume_margin=2.0, critical_margin=1.5)


def test_between_the_margins_an_account_is_a_warning_and_past_the_critical_margin_critical():
    cal = ready_calibration(1.0)
    warning = cal.assess(verdict_at(cal, 1.5), 1000, 0.9)
    critical = cal.assess(verdict_at(cal, 3.5), 1000, 0.9)
    assert warning.score > 0.9999 and not warning.critical and warning.times_top == pytest.approx(1.5, rel=0.01)
    assert critical.score > 0.9999 and critical.critical
    # Not looking the part: neither tier, whatever the volume.
    assert not cal.assess(verdict_at(cal, 10.0), 1000, 0.2).critical
