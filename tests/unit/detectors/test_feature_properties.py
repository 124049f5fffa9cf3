"""Properties of the per-account state for any sequence of events the decoder can produce:
out of order, equal or years-apart timestamps, zero and maximal token counts."""

from __future__ import annotations

import dataclasses
import math
import zlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detectors.features import ACCOUNT_TTL_S, TASKS, AccountState, AccountSummary, network_key
from streams.decoder import MAX_ID_LEN, MAX_TOKENS, MAX_TOOLS, MAX_TURNS, MAX_TS_S, MIN_TS_S

YEAR_S = 365.25 * 86400.0
U64 = 2**64 - 1

# Bounded in [0, 1] by construction (shares, means of values in [0, 1], normalised measures).
UNIT_FIELDS = (
    "cot_mean", "thinking_share", "tool_share", "multi_turn_share", "error_share", "throttled_share",
    "new_model_share", "narrow_task_share", "task_concentration", "template_repetition", "hour_entropy",
    "gap_regularity",
)
NON_NEGATIVE_FIELDS = ("age_days", "rate_1h", "rate_1d", "output_per_request", "output_input_ratio", "baseline_shift")


def clamp_ts(ts: float) -> float:
    return min(max(ts, MIN_TS_S), MAX_TS_S - 1.0)


# Steps between consecutive events: equal, seconds, hours, years; forwards and backwards (late).
steps = st.one_of(
    st.just(0.0),
    st.floats(-60.0, 60.0, allow_nan=False),
    st.floats(-3 * 86400.0, 3 * 86400.0, allow_nan=False),
    st.floats(-30 * YEAR_S, 30 * YEAR_S, allow_nan=False),
    st.sampled_from([1e-3, 200 * 3600.0, 200 * 3600.0 + 1e-3, 99 * YEAR_S, -99 * YEAR_S]),
)
tokens = st.one_of(st.sampled_from([0, 1, MAX_TOKENS]), st.integers(0, MAX_TOKENS))
texts = st.one_of(st.none(), st.text(min_size=1, max_size=MAX_ID_LEN))  # the decoder's bound for ids
simhashes = st.one_of(
    st.integers(0, U64),
    # near-duplicates of a few templates, so template repetition is exercised
    st.tuples(st.sampled_from([0, U64, 0x9F3A0C5D1E2B4A67]), st.integers(0, 63), st.integers(0, 63)).map(
        lambda t: t[0] ^ (1 << t[1]) ^ (1 << t[2])),
)
ips = st.one_of(
    st.tuples(*[st.integers(0, 255)] * 4).map(lambda t: ".".join(map(str, t))),
    st.sampled_from(["2001:db8:1:2::1", "::1", "fe80::1", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"]),
)


def event_fields():
    """Everything but the timestamps, as the decoder produces them (see streams.decoder)."""
    return st.fixed_dictionaries({
        "input_tokens": tokens,
        "output_tokens": tokens,
        "cot_elicitation": st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0.0, 1.0)),
        "thinking": st.booleans(),
        "tool_count": st.one_of(st.just(0), st.integers(0, MAX_TOOLS)),
        "turns": st.one_of(st.just(1), st.integers(1, MAX_TURNS)),
        "status": st.sampled_from([200, 201, 400, 429, 500, 599, 100]),
        "task_category": st.sampled_from(TASKS),  # the decoder maps unknown values to "other"
        "prompt_simhash_int": simhashes,
        "model": st.sampled_from(["m-old", "m-new"]),
        "payment_fingerprint": texts,
        "org_id": texts,
        "system_prompt_hash": texts,
        "client_ip": ips,
        "asn": st.one_of(st.none(), st.integers(0, 4_294_967_295)),
        "new_model": st.booleans(),  # passed to update() as its second argument
    })


@st.composite
def event_sequences(draw, max_size: int = 40):
    first = draw(st.floats(MIN_TS_S, MAX_TS_S - 1.0))
    created = clamp_ts(first - draw(st.one_of(st.just(0.0), st.floats(-3600.0, 30 * YEAR_S))))
    fields = draw(st.lists(event_fields(), min_size=1, max_size=max_size))
    ts = first
    events = []
    for i, f in enumerate(fields):
        if i:
            ts = clamp_ts(ts + draw(steps))
        events.append(dict(f, event_id=f"e{i}", account_id="acct_prop", ts_s=ts, account_created_s=created))
    return events


def replay(events: list[dict]) -> AccountState:
    state = AccountState.new(events[0]["account_created_s"], events[0]["ts_s"])
    for e in events:
        apply(state, e)
    return state


def apply(state: AccountState, e: dict) -> bool:
    seen = getattr(state, "seen", None)  # the account stage's duplicate check, where the state has one
    if seen is not None:
        assert not seen(e["event_id"])  # every generated event has its own id
    due = state.update(e, e["new_model"])
    # What the account stage keeps beside the features (detectors.stages.AccountStage._links).
    state.payment, state.org, state.system_prompt = e["payment_fingerprint"], e["org_id"], e["system_prompt_hash"]
    state.ip, state.network = e["client_ip"], network_key(e)
    if e["payment_fingerprint"] is not None and len(state.sent) < 24:
        digest = zlib.crc32(("pay:" + e["payment_fingerprint"]).encode())
        if digest not in state.sent:
            state.sent.append(digest)
    return due


def assert_summary_sane(s: AccountSummary, n: int) -> None:
    assert s.n_events == n
    for f in dataclasses.fields(AccountSummary):
        v = getattr(s, f.name)
        if type(v) is float:
            assert math.isfinite(v), f"{f.name} = {v}"
    for name in UNIT_FIELDS:
        assert 0.0 <= getattr(s, name) <= 1.0, f"{name} = {getattr(s, name)}"
    for name in NON_NEGATIVE_FIELDS:
        assert getattr(s, name) >= 0.0, f"{name} = {getattr(s, name)}"
    assert s.first_ts <= s.ts


def assert_same_state(a: AccountState, b: AccountState) -> None:
    for name in AccountState.__slots__:
        assert getattr(a, name) == getattr(b, name), name


HEARTBEAT_S = ACCOUNT_TTL_S / 2  # AccountState.update's default
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(event_sequences())
def test_update_never_fails_and_summaries_stay_finite_and_bounded(events):
    state = AccountState.new(events[0]["account_created_s"], events[0]["ts_s"])
    due_at, heartbeats = [], []
    for n, e in enumerate(events, start=1):
        before = state.last_ts
        if n > 1 and e["ts_s"] > before and e["ts_s"] // HEARTBEAT_S != before // HEARTBEAT_S:
            heartbeats.append(n)  # the first event of a new heartbeat period
        if apply(state, e):
            due_at.append(n)
        assert_summary_sane(state.summary("acct_prop"), n)
    assert state.n_events == len(events)
    assert sum(state.hours) == len(events)
    assert state.first_ts == min(e["ts_s"] for e in events)
    assert state.last_ts == max(e["ts_s"] for e in events)
    powers = [n for n in (1, 2, 4, 8, 16, 32, 64) if n <= len(events)]  # max_size < 128
    assert due_at == sorted(set(powers) | set(heartbeats))


@PROPERTY
@given(event_sequences(), st.data())
def test_to_bytes_round_trips_every_slot_and_the_restored_state_behaves_the_same(events, data):
    cut = data.draw(st.integers(1, len(events)), "cut")
    state = replay(events[:cut])
    raw = state.to_bytes()
    back = AccountState.from_bytes(raw)
    assert_same_state(back, state)
    assert back.to_bytes() == raw
    assert back.summary("a") == state.summary("a")
    for e in events[cut:]:  # restored from the table, it continues exactly like the original
        assert apply(back, e) == apply(state, e)
    assert_same_state(back, state)
    assert AccountState.from_bytes(state.to_bytes()).summary("a") == state.summary("a")


def test_extremes_one_by_one():
    """The corners a strategy may take long to hit, spelled out."""
    base = dict(event_id="e", account_id="a", input_tokens=0, output_tokens=0, cot_elicitation=0.0, thinking=False,
                tool_count=0, turns=1, status=200, task_category="chat", prompt_simhash_int=0, model="m",
                payment_fingerprint=None, org_id=None, system_prompt_hash=None, client_ip="10.0.0.1", asn=None,
                new_model=False, account_created_s=MIN_TS_S)
    sequences = [
        [MIN_TS_S] * 50,  # all at one instant
        [MAX_TS_S - 1.0, MIN_TS_S, MAX_TS_S - 1.0, MIN_TS_S],  # a century apart, back and forth
        [MIN_TS_S + i * 201 * 3600.0 for i in range(30)],  # a rebase at every event
        [MAX_TS_S - 1.0 - i for i in range(30)],  # every event late
    ]
    for stamps in sequences:
        for out in (0, MAX_TOKENS):
            events = [dict(base, event_id=f"e{i}", ts_s=t, output_tokens=out, input_tokens=out, prompt_simhash_int=i)
                      for i, t in enumerate(stamps)]
            state = replay(events)
            assert_summary_sane(state.summary(), len(events))
            assert_same_state(AccountState.from_bytes(state.to_bytes()), state)
