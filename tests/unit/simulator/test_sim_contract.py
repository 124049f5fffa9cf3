"""The contract validator and timestamp helpers."""

from __future__ import annotations

from simulator.contract import format_ts, parse_ts, validate_event

GOOD = {"event_id": "0b9c2f4e-6a1d-4c1e-9f0a-2d4b8e7c1a55", "ts": "2026-11-20T08:15:02.123Z",
        "account_id": "acct_3f9a1c2b7d10", "org_id": None, "api_key_id": "key_8e21c0d4aa",
        "account_created_at": "2026-11-18T21:04:11.000Z", "payment_fingerprint": "pm_5e0c1d2f3a4b5c6d",
        "client_ip": "203.0.113.57", "asn": 64500, "country": "SG", "user_agent": "anthropic-python/0.74.1",
        "model": "claude-sonnet-4-5", "endpoint": "messages", "status": 200, "input_tokens": 812,
        "output_tokens": 2210, "latency_ms": 31250, "stream": False, "tool_count": 2, "turns": 1,
        "thinking": False, "task_category": "coding", "cot_elicitation": 0.71,
        "prompt_simhash": "9f3a0c5d1e2b4a67", "system_prompt_hash": None}


def test_contract_example_is_valid():
    assert validate_event(GOOD) == []


def test_violations_are_reported():
    cases = {
        "ts": "2026-11-20 08:15:02", "prompt_simhash": "9F3A0C5D1E2B4A67", "cot_elicitation": 1.2,
        "turns": 0, "task_category": "poetry", "input_tokens": -1, "stream": "no", "status": True,
    }
    for field, value in cases.items():
        assert validate_event({**GOOD, field: value}), field
    assert validate_event({**GOOD, "status": 429}) == ["output_tokens must be 0 on error status"]
    missing = dict(GOOD)
    del missing["asn"]
    assert validate_event(missing) == ["missing asn"]


def test_timestamps_round_trip():
    for ms in (0, 1_795_132_800_123, 1_795_132_859_999, 1_795_132_860_000):
        assert parse_ts(format_ts(ms)) == ms
    assert format_ts(1_795_132_800_123) == "2026-11-20T00:00:00.123Z"
