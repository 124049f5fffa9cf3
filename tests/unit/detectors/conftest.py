"""Event factories for detector tests (plain dicts shaped like decoded events: every field of the
contract, with the decoder's derived `ts_s`, `account_created_s` and `prompt_simhash_int`)."""

from __future__ import annotations

import itertools

import pytest

DAY = 86400.0
_ids = itertools.count()


def make_event(account: str = "a1", ts: float = 10 * DAY, **fields) -> dict:
    event = {
        "event_id": f"e{next(_ids)}", "account_id": account, "ts_s": ts, "account_created_s": 0.0,
        "org_id": None, "payment_fingerprint": None, "system_prompt_hash": None, "client_ip": "198.51.100.7",
        "asn": 64500, "model": "m-old", "status": 200, "input_tokens": 500, "output_tokens": 400,
        "cot_elicitation": 0.1, "thinking": False, "tool_count": 0, "turns": 1, "task_category": "chat",
        "prompt_simhash_int": next(_ids) * 0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF,
        "api_key_id": f"key_{account}", "country": "US", "user_agent": "anthropic-python/0.74.1",
        "endpoint": "messages", "latency_ms": 1000, "stream": False,
    }
    event.update(fields)
    return event


@pytest.fixture
def event():
    return make_event
