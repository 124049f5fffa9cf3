"""Calibration: raw scores -> share of the reference scoring lower; follows drift."""

from __future__ import annotations

import random

import pytest

from detectors.calibration import QuantileCalibrator


def test_uniform_scores_calibrate_to_their_quantile():
    rng, cal = random.Random(1), QuantileCalibrator(0.0, 1.0, bins=200, half_life=1e9)
    for _ in range(50_000):
        cal.learn(rng.random())
    for q in (0.1, 0.5, 0.9, 0.99):
        assert cal.score(q) == pytest.approx(q, abs=0.01)
        assert cal.quantile(q) == pytest.approx(q, abs=0.01)


def test_not_ready_until_min_count_and_neutral_when_empty():
    cal = QuantileCalibrator(0.0, 1.0, min_count=10)
    assert cal.score(0.3) == 0.5 and not cal.ready
    for i in range(9):
        cal.learn(i / 10)
    assert not cal.ready
    cal.learn(0.95)
    cal.learn(0.96)  # (decay makes ten values worth a hair under ten)
    assert cal.ready


def test_out_of_range_values_clamp():
    cal = QuantileCalibrator(0.0, 1.0)
    for i in range(100):
        cal.learn(i / 100)
    assert cal.score(-5.0) == 0.0 and cal.score(5.0) == 1.0


def test_decay_follows_a_drifting_reference():
    rng, cal = random.Random(2), QuantileCalibrator(0.0, 10.0, bins=100, half_life=1000)
    for _ in range(20_000):
        cal.learn(rng.uniform(0, 1))
    assert cal.score(1.5) == pytest.approx(1.0)
    for _ in range(20_000):
        cal.learn(rng.uniform(5, 6))  # benign drift: the population moved
    assert cal.score(1.5) < 0.01
    assert cal.effective_count < 2000


def test_weights_rescale_without_losing_the_distribution():
    cal = QuantileCalibrator(0.0, 1.0, bins=10, half_life=1.0)  # weight doubles every value
    for i in range(500):
        cal.learn(0.25 if i % 2 else 0.75)
    assert cal.weight < 1e100
    assert 0.0 < cal.score(0.5) < 1.0
