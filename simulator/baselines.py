"""Per-account baselines an operator would try first, for comparison through `evaluate`.

Both read only contract fields of time-ordered events (never ground truth) and emit
one `firing` account-scope alert (output contract) the first time an account
crosses the threshold.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from functools import lru_cache

from simulator.contract import parse_ts


@lru_cache(maxsize=4096)
def _minute_ms(prefix: str) -> int:
    return parse_ts(prefix + ":00Z")


def event_time_ms(ts: str) -> int:
    """Fast path for `YYYY-MM-DDTHH:MM:SS.mmmZ`, general RFC 3339 otherwise."""
    if len(ts) == 24 and ts[19] == "." and ts[23] == "Z":
        return _minute_ms(ts[:16]) + int(ts[17:19]) * 1000 + int(ts[20:23])
    return parse_ts(ts)


def _alert(kind: str, account: str, ts: str, score: float, signal: str, detail: str) -> dict:
    return {
        "alert_id": f"baseline-{kind}-{account}",
        "ts": ts,
        "status": "firing",
        "scope": "account",
        "entity_id": account,
        "accounts": [account],
        "score": round(min(1.0, max(0.0, score)), 4),
        "severity": "critical" if score >= 0.9 else "warning",
        "reasons": [{"signal": signal, "detail": detail}],
        "detector": f"baseline-{kind}",
    }


def rate_baseline(events: Iterable[dict], threshold: int = 120, window_seconds: float = 3600) -> Iterator[dict]:
    """Alert when an account sends more than `threshold` requests within a sliding window."""
    window_ms = int(window_seconds * 1000)
    recent: dict[str, deque] = defaultdict(deque)
    fired: set[str] = set()
    for event in events:
        account = event["account_id"]
        if account in fired:
            continue
        now = event_time_ms(event["ts"])
        times = recent[account]
        times.append(now)
        while times[0] <= now - window_ms:
            times.popleft()
        if len(times) > threshold:
            fired.add(account)
            del recent[account]
            yield _alert("rate", account, event["ts"], 0.5 + 0.5 * min(1.0, len(times) / (2 * threshold)),
                         "request_rate", f"{len(times)} requests in {window_seconds:g}s (> {threshold})")


def cot_baseline(events: Iterable[dict], threshold: float = 0.6, last_k: int = 10) -> Iterator[dict]:
    """Alert when the mean cot_elicitation over an account's last `last_k` requests exceeds `threshold`."""
    recent: dict[str, deque] = {}
    sums: dict[str, float] = defaultdict(float)
    fired: set[str] = set()
    for event in events:
        account = event["account_id"]
        if account in fired:
            continue
        values = recent.get(account)
        if values is None:
            values = recent[account] = deque(maxlen=last_k)
        if len(values) == last_k:
            sums[account] -= values[0]
        cot = float(event["cot_elicitation"])
        values.append(cot)
        sums[account] += cot
        mean = sums[account] / len(values)
        if len(values) == last_k and mean > threshold:
            fired.add(account)
            del recent[account], sums[account]
            yield _alert("cot", account, event["ts"], mean, "cot_elicitation",
                         f"mean cot_elicitation {mean:.2f} over last {last_k} requests (> {threshold:g})")


BASELINES = {"rate": rate_baseline, "cot": cot_baseline}
