"""The `api-requests` input contract: field list, a validator and RFC 3339 helpers.

Kept dependency-free so tests, the simulator and baselines can share it.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

TASK_CATEGORIES = ("chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other")
ERROR_STATUSES = frozenset({400, 429, 500, 529})

_RFC3339_MS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
_SIMHASH = re.compile(r"^[0-9a-f]{16}$")

# field -> (allowed python types, nullable)
FIELDS: dict[str, tuple[tuple[type, ...], bool]] = {
    "event_id": ((str,), False),
    "ts": ((str,), False),
    "account_id": ((str,), False),
    "org_id": ((str,), True),
    "api_key_id": ((str,), False),
    "account_created_at": ((str,), False),
    "payment_fingerprint": ((str,), True),
    "client_ip": ((str,), False),
    "asn": ((int,), True),
    "country": ((str,), True),
    "user_agent": ((str,), False),
    "model": ((str,), False),
    "endpoint": ((str,), False),
    "status": ((int,), False),
    "input_tokens": ((int,), False),
    "output_tokens": ((int,), False),
    "latency_ms": ((int,), False),
    "stream": ((bool,), False),
    "tool_count": ((int,), False),
    "turns": ((int,), False),
    "thinking": ((bool,), False),
    "task_category": ((str,), False),
    "cot_elicitation": ((int, float), False),
    "prompt_simhash": ((str,), False),
    "system_prompt_hash": ((str,), True),
}
_NON_NEGATIVE = ("input_tokens", "output_tokens", "latency_ms", "tool_count")


def validate_event(event: dict) -> list[str]:
    """Return the contract violations of one event (empty list = valid)."""
    errors = []
    for name, (types, nullable) in FIELDS.items():
        if name not in event:
            errors.append(f"missing {name}")
            continue
        value = event[name]
        if value is None:
            if not nullable:
                errors.append(f"{name} is null")
            continue
        bool_ok = bool in types
        if not isinstance(value, types) or (isinstance(value, bool) and not bool_ok):
            errors.append(f"{name} has type {type(value).__name__}")
    if errors:
        return errors
    for name in ("ts", "account_created_at"):
        if not _RFC3339_MS.match(event[name]):
            errors.append(f"{name} not RFC 3339 UTC with ms: {event[name]!r}")
    for name in _NON_NEGATIVE:
        if event[name] < 0:
            errors.append(f"{name} negative")
    if event["turns"] < 1:
        errors.append("turns < 1")
    if not 0.0 <= event["cot_elicitation"] <= 1.0:
        errors.append("cot_elicitation out of [0, 1]")
    if not _SIMHASH.match(event["prompt_simhash"]):
        errors.append(f"prompt_simhash not 16 lowercase hex: {event['prompt_simhash']!r}")
    if event["task_category"] not in TASK_CATEGORIES:
        errors.append(f"task_category {event['task_category']!r}")
    if event["status"] >= 400 and event["output_tokens"] != 0:
        errors.append("output_tokens must be 0 on error status")
    if event["asn"] is not None and event["asn"] < 0:
        errors.append("asn negative")
    return errors


def format_ts(epoch_ms: int) -> str:
    """Epoch milliseconds -> `2026-11-20T08:15:02.123Z`."""
    seconds, millis = divmod(epoch_ms, 1000)
    prefix = datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{prefix}.{millis:03d}Z"


def parse_ts(text: str) -> int:
    """RFC 3339 timestamp (any offset, optional fraction) -> epoch milliseconds."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return round(parsed.timestamp() * 1000)
