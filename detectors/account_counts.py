"""Running per-account counts: the simplest per-account state, kept in a Faust table.

>>> c = update_counts(None, {"ts_s": 10.0, "status": 200, "input_tokens": 5, "output_tokens": 7})
>>> c = update_counts(c, {"ts_s": 12.5, "status": 429, "input_tokens": 3, "output_tokens": 0})
>>> c
{'events': 2, 'errors': 1, 'input_tokens': 8, 'output_tokens': 7, 'first_ts': 10.0, 'last_ts': 12.5}
"""

from __future__ import annotations

from typing import Any, Mapping


def update_counts(counts: Mapping[str, Any] | None, event: Mapping[str, Any]) -> dict[str, Any]:
    """Return new counts with `event` added; event time only (`ts_s`)."""
    ts = event["ts_s"]
    if counts is None:
        return {
            "events": 1,
            "errors": int(event["status"] >= 400),
            "input_tokens": event["input_tokens"],
            "output_tokens": event["output_tokens"],
            "first_ts": ts,
            "last_ts": ts,
        }
    return {
        "events": counts["events"] + 1,
        "errors": counts["errors"] + (event["status"] >= 400),
        "input_tokens": counts["input_tokens"] + event["input_tokens"],
        "output_tokens": counts["output_tokens"] + event["output_tokens"],
        "first_ts": min(counts["first_ts"], ts),
        "last_ts": max(counts["last_ts"], ts),
    }
