"""Per-account streaming features: decay in event time, each feature's meaning, size."""

from __future__ import annotations

import math
import pickle

import pytest

from detectors.features import (
    DAY_S, EXAMPLE, HOUR_S, NEW_MODEL_WINDOW_S, AccountState, ModelCatalog, network_key,
)
from tests.unit.detectors.conftest import make_event

T0 = 10 * DAY_S


def feed(events, state=None, new_model=lambda e: False):
    state = state or AccountState.new(events[0]["account_created_s"], events[0]["ts_s"])
    for e in events:
        state.update(e, new_model(e))
    return state


def test_hourly_rate_halves_after_an_idle_hour():
    s = feed([make_event(ts=T0), make_event(ts=T0 + HOUR_S)])
    assert s.summary().rate_1h == pytest.approx(1.5)
    assert s.summary().rate_1d == pytest.approx(1 + 2 ** (-1 / 24))


def test_decay_survives_rebasing_over_long_lives():
    # One event an hour for 20 days crosses several anchor moves; the steady state is known.
    s = feed([make_event(ts=T0 + i * HOUR_S) for i in range(480)])
    steady_day = 1 / (1 - 2 ** (-1 / 24))
    assert s.summary().rate_1d == pytest.approx(steady_day, rel=1e-6)
    assert s.summary().rate_1h == pytest.approx(2.0, rel=1e-6)


def test_means_are_per_request():
    s = feed([make_event(ts=T0 + i, output_tokens=1000, input_tokens=250, cot_elicitation=0.8) for i in range(5)])
    summary = s.summary()
    assert summary.output_per_request == pytest.approx(1000, rel=1e-3)
    assert summary.output_input_ratio == pytest.approx(4.0, rel=1e-2)
    assert summary.cot_mean == pytest.approx(0.8, rel=1e-3)


def test_shares_of_tools_turns_errors_and_throttling():
    events = [
        make_event(ts=T0, tool_count=3, turns=4),
        make_event(ts=T0 + 1, status=429, output_tokens=0),
        make_event(ts=T0 + 2, status=500, output_tokens=0),
        make_event(ts=T0 + 3, thinking=True),
    ]
    summary = feed(events).summary()
    assert summary.tool_share == pytest.approx(0.25, rel=1e-3)
    assert summary.multi_turn_share == pytest.approx(0.25, rel=1e-3)
    assert summary.error_share == pytest.approx(0.5, rel=1e-3)
    assert summary.throttled_share == pytest.approx(0.25, rel=1e-3)
    assert summary.thinking_share == pytest.approx(0.25, rel=1e-3)


def test_task_concentration_and_narrow_focus():
    focused = feed([make_event(ts=T0 + i, task_category="coding") for i in range(10)]).summary()
    mixed = feed([make_event(ts=T0 + i, task_category=c) for i, c in enumerate(
        ["chat", "writing", "vision", "analysis", "other"] * 2)]).summary()
    assert focused.task_concentration == pytest.approx(1.0) and focused.narrow_task_share == pytest.approx(1.0)
    assert mixed.task_concentration == pytest.approx(0.2, rel=1e-3) and mixed.narrow_task_share == 0.0


def test_template_repetition_counts_near_duplicates_only():
    base = 0x0123456789ABCDEF
    templated = feed([make_event(ts=T0 + i, prompt_simhash_int=base ^ (1 << (i % 60))) for i in range(10)])
    random_prompts = feed([make_event(ts=T0 + i) for i in range(10)])
    assert templated.summary().template_repetition == pytest.approx(0.9, rel=1e-3)
    assert random_prompts.summary().template_repetition == 0.0


def test_hour_entropy_separates_a_daily_rhythm_from_round_the_clock():
    office = feed([make_event(ts=T0 + d * DAY_S + 9 * HOUR_S + i * 60) for d in range(5) for i in range(10)])
    clock = feed([make_event(ts=T0 + h * HOUR_S) for h in range(48)])
    assert office.summary().hour_entropy < 0.2
    assert clock.summary().hour_entropy > 0.8


def test_gap_regularity_separates_scripts_from_people():
    script = feed([make_event(ts=T0 + 60 * i) for i in range(30)])
    people = feed([make_event(ts=T0 + t) for t in (0, 5, 400, 410, 3000, 9000, 9005, 20000, 20100, 50000)])
    assert script.summary().gap_regularity > 0.9
    assert people.summary().gap_regularity < 0.4


def test_account_age_at_first_event():
    s = feed([make_event(ts=T0, account_created_s=T0 - 3 * DAY_S)])
    assert s.summary().age_days == pytest.approx(3.0)


def test_new_model_share():
    catalog = ModelCatalog()
    catalog.observe("m-old", T0)
    release = T0 + 2 * DAY_S
    events = [make_event(ts=release + i, model="m-next") for i in range(3)] + [make_event(ts=release + 10, model="m-old")]
    s = feed(events, new_model=lambda e: catalog.observe_is_new(e["model"], e["ts_s"]))
    assert s.summary().new_model_share == pytest.approx(0.75, rel=1e-3)
    assert not catalog.observe_is_new("m-next", release + NEW_MODEL_WINDOW_S + 1)


def test_baseline_shift_reacts_to_a_sudden_change():
    calm = feed([make_event(ts=T0 + i, output_tokens=300, cot_elicitation=0.1) for i in range(30)])
    before = calm.shift
    calm.update(make_event(ts=T0 + 31, output_tokens=8000, cot_elicitation=0.95))
    assert before < 1.0 and calm.shift > 3.0


def test_summaries_are_due_on_a_doubling_then_fixed_cadence():
    s = AccountState.new(0.0, T0)
    due = [n for n in range(1, 300) if s.update(make_event(ts=T0 + n))]
    assert due == [1, 2, 4, 8, 16, 32, 64, 128, 192, 256]


def test_state_is_small():
    s = feed([make_event(ts=T0 + i, task_category="coding") for i in range(100)])
    assert len(pickle.dumps(s, protocol=5)) < 2048


def test_network_key_is_a_neighbourhood_not_an_address():
    assert network_key({"client_ip": "203.0.113.9", "asn": 1}) == network_key({"client_ip": "203.0.113.200", "asn": 1})
    assert network_key({"client_ip": "203.0.114.9", "asn": 1}) != network_key({"client_ip": "203.0.113.9", "asn": 1})


def test_late_events_are_counted_without_decay():
    s = feed([make_event(ts=T0 + 100), make_event(ts=T0 + 50)])
    assert s.n_events == 2 and s.first_ts == T0 + 50 and s.last_ts == T0 + 100
    assert math.isfinite(s.summary().rate_1d)


def test_network_moves_are_the_share_of_requests_from_another_autonomous_system_than_the_one_before():
    """A proxy pool rotating per request moves on almost every request; a person stays put
    (and a request without an ASN is a network of its own, not a missing value)."""
    rotating, sticky = AccountState.new(0.0, 86400.0), AccountState.new(0.0, 86400.0)
    for i in range(10):
        event = dict(EXAMPLE, ts_s=86400.0 + 60 * i, asn=64500 + i)
        rotating.update(event)
        sticky.update(dict(event, asn=64500 if i != 5 else None))
    assert rotating.summary().network_moves == pytest.approx(0.9, abs=0.01)
    assert sticky.summary().network_moves == pytest.approx(0.2, abs=0.01)  # away once and back
    assert AccountState.from_bytes(rotating.to_bytes()).summary() == rotating.summary()


def test_a_state_written_before_network_moves_were_kept_reads_with_none():
    """Format version 3 (no moves, no last ASN) reads as an account that has not moved yet."""
    s = AccountState.new(0.0, 86400.0)
    for i in range(3):
        s.update(dict(EXAMPLE, ts_s=86400.0 + 60 * i, asn=64500 + i))
    v3 = bytes([3]) + s.to_bytes()[1:-AccountState._TAIL.size]
    old = AccountState.from_bytes(v3)
    assert old.summary().network_moves == 0.0 and old.n_events == 3
    old.update(dict(EXAMPLE, ts_s=86400.0 + 600, asn=64500))
    old.update(dict(EXAMPLE, ts_s=86400.0 + 660, asn=64501))
    assert old.summary().network_moves > 0.0
