"""Baselines on hand-made events."""

from __future__ import annotations

from simulator.baselines import cot_baseline, event_time_ms, rate_baseline
from simulator.contract import format_ts, parse_ts

T0 = parse_ts("2026-11-20T00:00:00Z")


def ev(account, seconds, cot=0.1):
    return {"account_id": account, "ts": format_ts(T0 + int(seconds * 1000)), "cot_elicitation": cot}


def test_event_time_fast_path_matches_parser():
    for ts in ("2026-11-20T08:15:02.123Z", "2026-12-31T23:59:59.999Z", "2026-11-20T08:15:02Z"):
        assert event_time_ms(ts) == parse_ts(ts)


def test_rate_fires_once_when_window_exceeded():
    events = [ev("busy", i * 10) for i in range(8)] + [ev("slow", i * 1000) for i in range(8)]
    events.sort(key=lambda e: e["ts"])
    alerts = list(rate_baseline(events, threshold=5, window_seconds=60))
    assert [a["entity_id"] for a in alerts] == ["busy"]
    assert alerts[0]["ts"] == format_ts(T0 + 50_000)  # the 6th request within a minute
    assert alerts[0]["accounts"] == ["busy"] and alerts[0]["scope"] == "account"
    assert 0 <= alerts[0]["score"] <= 1 and alerts[0]["reasons"][0]["signal"] == "request_rate"


def test_rate_window_slides():
    events = [ev("a", i * 30) for i in range(20)]  # 2 per minute, never 5 in 60s
    assert list(rate_baseline(events, threshold=4, window_seconds=60)) == []


def test_cot_uses_mean_of_last_k():
    events = [ev("a", i, 0.9 if i % 2 else 0.2) for i in range(10)]  # windows of 3 alternate 0.43 / 0.67
    events += [ev("b", i, 0.8) for i in range(2)]  # too few requests
    events += [ev("c", 100 + i, 0.1) for i in range(3)] + [ev("c", 200 + i, 0.95) for i in range(3)]
    alerts = list(cot_baseline(events, threshold=0.6, last_k=3))
    assert [a["entity_id"] for a in alerts] == ["a", "c"]
    c_alert = alerts[1]
    assert c_alert["ts"] == format_ts(T0 + 201_000)  # last 3: 0.1, 0.95, 0.95
    assert c_alert["severity"] == "warning" and c_alert["alert_id"] == "baseline-cot-c"
    assert list(cot_baseline(events[:10], threshold=0.6, last_k=10)) == []
