"""Decode `api-requests` messages (the gateway's input contract) into typed events.

`decode` never raises: it returns either an :class:`ApiRequest` (the parsed dict,
validated, plus a few derived fields) or a :class:`Rejection` naming the rule broken.

>>> ok = decode(SAMPLE)
>>> ok["account_id"], ok["ts_s"], ok["prompt_simhash_int"] == 0x9F3A0C5D1E2B4A67
('acct_3f9a1c2b7d10', 1795162502.123, True)
>>> decode(SAMPLE.replace(b'"status":200', b'"status":"200"'))
Rejection(code='wrong_type', field='status', detail='expected integer, got str')
>>> decode(b'nope').code
'invalid_json'
"""

from __future__ import annotations

import ipaddress
import re
from datetime import datetime
from typing import Any, Callable, NamedTuple, TypedDict

import orjson

# Sanity bounds: values outside are corrupt, not just unusual.
MIN_TS_S = 946_684_800.0  # 2000-01-01T00:00:00Z
MAX_TS_S = 4_102_444_800.0  # 2100-01-01T00:00:00Z
MAX_ID_LEN = 256
MAX_TEXT_LEN = 1024
MAX_TOKENS = 10_000_000
MAX_LATENCY_MS = 86_400_000
MAX_TOOLS = 10_000
MAX_TURNS = 1_000_000
MAX_ACCOUNT_SKEW_S = 3600.0  # account_created_at may lead ts by clock skew, not more

TASK_CATEGORIES = frozenset(
    {"chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other"}
)
_SIMHASH = re.compile(r"[0-9a-fA-F]{16}")


class Rejection(NamedTuple):
    """Why a message was rejected: a bounded `code`, the `field` at fault ('' if none)."""

    code: str
    field: str
    detail: str

    def header(self) -> bytes:
        """The reason as carried in the dead-letter header."""
        where = f" {self.field}" if self.field else ""
        return f"{self.code}{where}: {self.detail}".encode()


REJECTION_CODES = (
    "invalid_json",
    "not_an_object",
    "missing_field",
    "wrong_type",
    "out_of_range",
    "invalid_format",
    "too_long",
    "key_mismatch",
)
# Rejections of decoded events, made by the account runtime (streams.runtimes), not the decoder:
EVENT_TIME_AHEAD = "event_time_ahead"  # ts leads the wall clock by more than HYDRAWATCH_MAX_EVENT_LEAD_S
EVENT_TIME_BEHIND = "event_time_behind"  # ts trails its partition's clock by more than the account TTL
PROCESSING_ERROR = "processing_error"  # the account stage raised on it
STAGE_REJECTION_CODES = (EVENT_TIME_AHEAD, EVENT_TIME_BEHIND, PROCESSING_ERROR)


class ApiRequest(TypedDict):
    """A validated request event: the contract's fields plus derived ones."""

    event_id: str
    ts: str
    account_id: str
    org_id: str | None
    api_key_id: str
    account_created_at: str
    payment_fingerprint: str | None
    client_ip: str
    asn: int | None
    country: str | None
    user_agent: str
    model: str
    endpoint: str
    status: int
    input_tokens: int
    output_tokens: int
    latency_ms: int
    stream: bool
    tool_count: int
    turns: int
    thinking: bool
    task_category: str  # normalised: unknown values become "other"
    cot_elicitation: float
    prompt_simhash: str
    system_prompt_hash: str | None
    # derived
    ts_s: float  # event time, epoch seconds
    account_created_s: float  # epoch seconds
    prompt_simhash_int: int


class _Invalid(Exception):
    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        self.detail = detail


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _str(value: Any, max_len: int = MAX_ID_LEN, *, nullable: bool = False, empty: bool = False) -> Any:
    if value is None and nullable:
        return None
    if type(value) is not str:
        raise _Invalid("wrong_type", f"expected string, got {_type_name(value)}")
    if len(value) > max_len:
        raise _Invalid("too_long", f"{len(value)} characters > {max_len}")
    if not value and not empty:
        raise _Invalid("out_of_range", "empty string")
    return value


def _int(value: Any, lo: int, hi: int, *, nullable: bool = False) -> Any:
    if value is None and nullable:
        return None
    if type(value) is not int:  # bool is a subclass of int: excluded on purpose
        raise _Invalid("wrong_type", f"expected integer, got {_type_name(value)}")
    if not lo <= value <= hi:
        raise _Invalid("out_of_range", f"{value} not in [{lo}, {hi}]")
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _Invalid("wrong_type", f"expected boolean, got {_type_name(value)}")
    return value


# Bounded memos (cleared when full): an account repeats its IP and creation time, and events of
# one minute share its parse.
_MINUTE_CACHE: dict[str, float] = {}  # 'YYYY-MM-DDTHH:MM' -> epoch seconds
_MINUTE_CACHE_MAX = 100_000
_VALID_IPS: dict[str, None] = {}  # client IPs that passed validation
_CREATED_S: dict[str, float] = {}  # account_created_at text -> epoch seconds
_MEMO_MAX = 65_536  # per memo: ~15 MB at most


def _memo(memo: dict, key: str, value: Any, limit: int) -> Any:
    """Remember `key` -> `value` in `memo`, emptied first if it holds `limit` entries."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value


def _timestamp(value: Any) -> float:
    """RFC 3339 with a UTC offset ('Z' or '+00:00'; other offsets converted) -> epoch s.

    The gateway's canonical form (`2026-11-20T08:15:02.123Z`) takes a fast path: its minute is
    parsed once and memoised; both paths compute the same float for the same text.
    """
    if type(value) is str and len(value) == 24 and value[23] == "Z" and value[19] == "." and value[16] == ":":
        base = _MINUTE_CACHE.get(value[:16])
        if base is not None:
            sec, ms = value[17:19], value[20:23]
            if sec.isascii() and sec.isdigit() and ms.isascii() and ms.isdigit() and sec < "60":
                return base + int(sec) + int(ms) / 1000
    if type(value) is not str:
        raise _Invalid("wrong_type", f"expected RFC 3339 string, got {_type_name(value)}")
    if not 20 <= len(value) <= 35 or value[10] not in "Tt" or value[4] != "-":
        raise _Invalid("invalid_format", f"not an RFC 3339 timestamp: {value[:40]!r}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _Invalid("invalid_format", f"not an RFC 3339 timestamp: {value[:40]!r}") from None
    if parsed.tzinfo is None:
        raise _Invalid("invalid_format", "timestamp has no UTC offset")
    seconds = parsed.timestamp()
    if not MIN_TS_S <= seconds < MAX_TS_S:
        raise _Invalid("out_of_range", f"{value} outside 2000..2100")
    if len(value) == 24 and value[23] == "Z" and value[19] == ".":
        base = _memo(_MINUTE_CACHE, value[:16], parsed.replace(second=0, microsecond=0).timestamp(),
                     _MINUTE_CACHE_MAX)
        return base + parsed.second + int(value[20:23]) / 1000
    return seconds


def _cot(value: Any) -> float:
    if type(value) is not float and type(value) is not int:
        raise _Invalid("wrong_type", f"expected number, got {_type_name(value)}")
    if not 0.0 <= value <= 1.0:  # also rejects NaN
        raise _Invalid("out_of_range", f"{value} not in [0, 1]")
    return float(value)


def _simhash(value: Any) -> str:
    if type(value) is not str:
        raise _Invalid("wrong_type", f"expected string, got {_type_name(value)}")
    if not _SIMHASH.fullmatch(value):
        raise _Invalid("invalid_format", f"expected 16 hex digits, got {value[:40]!r}")
    return value


_IPV4 = re.compile(r"(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)")


def _ip(value: Any) -> str:
    """IPv4 dotted quad or IPv6 text; checked by shape, never resolved."""
    if type(value) is not str:
        raise _Invalid("wrong_type", f"expected string, got {_type_name(value)}")
    if _IPV4.fullmatch(value) or _is_ipv6(value):
        return value
    raise _Invalid("invalid_format", f"not an IP address: {value[:50]!r}")


def _country(value: Any) -> Any:
    if value is None:
        return None
    if type(value) is not str:
        raise _Invalid("wrong_type", f"expected string, got {_type_name(value)}")
    if len(value) != 2 or not value.isascii() or not value.isalpha():
        raise _Invalid("invalid_format", f"expected ISO 3166-1 alpha-2, got {value[:20]!r}")
    return value


def _category(value: Any) -> str:
    if type(value) is not str:
        raise _Invalid("wrong_type", f"expected string, got {_type_name(value)}")
    return value if value in TASK_CATEGORIES else "other"


# field -> validator returning the (possibly normalised) value.
_RULES: dict[str, Callable[[Any], Any]] = {
    "event_id": _str,
    "account_id": _str,
    "org_id": lambda v: _str(v, nullable=True),
    "api_key_id": _str,
    "payment_fingerprint": lambda v: _str(v, nullable=True),
    "client_ip": _ip,
    "asn": lambda v: _int(v, 0, 4_294_967_295, nullable=True),
    "country": _country,
    "user_agent": lambda v: _str(v, MAX_TEXT_LEN, empty=True),
    "model": _str,
    "endpoint": _str,
    "status": lambda v: _int(v, 100, 599),
    "input_tokens": lambda v: _int(v, 0, MAX_TOKENS),
    "output_tokens": lambda v: _int(v, 0, MAX_TOKENS),
    "latency_ms": lambda v: _int(v, 0, MAX_LATENCY_MS),
    "stream": _bool,
    "tool_count": lambda v: _int(v, 0, MAX_TOOLS),
    "turns": lambda v: _int(v, 1, MAX_TURNS),
    "thinking": _bool,
    "task_category": _category,
    "cot_elicitation": _cot,
    "prompt_simhash": _simhash,
    "system_prompt_hash": lambda v: _str(v, nullable=True),
}
_TIMESTAMPS = ("ts", "account_created_at")
CONTRACT_FIELDS = ("ts", "account_created_at", *_RULES)


def decode(value: bytes | bytearray | memoryview | str | None) -> ApiRequest | Rejection:
    """Parse and validate one message value; never raises."""
    if not value:
        return Rejection("invalid_json", "", "empty message value")
    try:
        doc = orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        return Rejection("invalid_json", "", str(exc)[:200])
    except Exception as exc:  # e.g. a non-bytes object from a misconfigured serializer
        return Rejection("invalid_json", "", f"{type(exc).__name__}: {exc}"[:200])
    if type(doc) is not dict:
        return Rejection("not_an_object", "", f"top level is {_type_name(doc)}")
    ts_s = _fast_path(doc)
    if ts_s is None:
        return _diagnose(doc)
    created_s = doc["account_created_s"]
    if created_s > ts_s + MAX_ACCOUNT_SKEW_S:
        return Rejection("out_of_range", "account_created_at", "account created after the request")
    category = doc["task_category"]
    if category not in TASK_CATEGORIES:
        doc["task_category"] = "other"
    doc["cot_elicitation"] = float(doc["cot_elicitation"])
    doc["ts_s"] = ts_s
    doc["prompt_simhash_int"] = int(doc["prompt_simhash"], 16)
    return doc  # type: ignore[return-value]


_REQUIRED_STR = ("event_id", "account_id", "api_key_id", "model", "endpoint")
_NULLABLE_STR = ("org_id", "payment_fingerprint", "system_prompt_hash")
_BOUNDED_INT = (
    ("input_tokens", 0, MAX_TOKENS),
    ("output_tokens", 0, MAX_TOKENS),
    ("latency_ms", 0, MAX_LATENCY_MS),
    ("tool_count", 0, MAX_TOOLS),
    ("turns", 1, MAX_TURNS),
    ("status", 100, 599),
)


def _fast_path(doc: dict) -> float | None:
    """Every rule checked with no diagnosis; returns ts seconds, or None if any fails."""
    try:
        for f in _REQUIRED_STR:
            v = doc[f]
            if type(v) is not str or not v or len(v) > MAX_ID_LEN:
                return None
        for f in _NULLABLE_STR:
            v = doc[f]
            if v is not None and (type(v) is not str or not v or len(v) > MAX_ID_LEN):
                return None
        for f, lo, hi in _BOUNDED_INT:
            v = doc[f]
            if type(v) is not int or not lo <= v <= hi:
                return None
        v = doc["asn"]
        if v is not None and (type(v) is not int or not 0 <= v <= 4_294_967_295):
            return None
        v = doc["cot_elicitation"]
        if (type(v) is not float and type(v) is not int) or not 0.0 <= v <= 1.0:
            return None
        if type(doc["stream"]) is not bool or type(doc["thinking"]) is not bool:
            return None
        v = doc["user_agent"]
        if type(v) is not str or len(v) > MAX_TEXT_LEN or type(doc["task_category"]) is not str:
            return None
        v = doc["prompt_simhash"]
        if type(v) is not str or not _SIMHASH.fullmatch(v):
            return None
        v = doc["client_ip"]
        if type(v) is not str:
            return None
        if v not in _VALID_IPS:
            if not _IPV4.fullmatch(v) and not _is_ipv6(v):
                return None
            _memo(_VALID_IPS, v, None, _MEMO_MAX)
        _country(doc["country"])
        ts_s = _timestamp(doc["ts"])
        v = doc["account_created_at"]
        created_s = _CREATED_S.get(v) if type(v) is str else None
        if created_s is None:
            created_s = _memo(_CREATED_S, v, _timestamp(v), _MEMO_MAX)
        doc["account_created_s"] = created_s
        return ts_s
    except (KeyError, _Invalid):
        return None


def _is_ipv6(value: str) -> bool:
    if ":" not in value or len(value) > 45:
        return False
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


def _diagnose(doc: dict) -> Rejection:
    """Slow path: find the first broken rule, in contract order."""
    for field in CONTRACT_FIELDS:
        if field not in doc:
            return Rejection("missing_field", field, "required by the contract")
        try:
            (_timestamp if field in _TIMESTAMPS else _RULES[field])(doc[field])
        except _Invalid as bad:
            return Rejection(bad.code, field, bad.detail)
        except Exception as exc:  # a validator bug must not crash the worker
            return Rejection("invalid_format", field, f"{type(exc).__name__}: {exc}"[:200])
    return Rejection("invalid_format", "", "rejected by the fast path but no rule names it")


def decode_message(key: bytes | None, value: bytes | None) -> ApiRequest | Rejection:
    """Decode a Kafka record: the value, then the key must equal `account_id`."""
    event = decode(value)
    if type(event) is Rejection:
        return event
    if key is None:
        return Rejection("key_mismatch", "account_id", "message has no key (expected account_id)")
    if key != event["account_id"].encode():
        return Rejection("key_mismatch", "account_id", "message key differs from account_id")
    return event


SAMPLE = (
    b'{"event_id":"0b9c2f4e-6a1d-4c1e-9f0a-2d4b8e7c1a55","ts":"2026-11-20T08:15:02.123Z",'
    b'"account_id":"acct_3f9a1c2b7d10","org_id":null,"api_key_id":"key_8e21c0d4aa",'
    b'"account_created_at":"2026-11-18T21:04:11.000Z","payment_fingerprint":"pm_5e0c1d2f3a4b5c6d",'
    b'"client_ip":"203.0.113.57","asn":64500,"country":"SG","user_agent":"anthropic-python/0.74.1",'
    b'"model":"claude-sonnet-4-5","endpoint":"messages","status":200,"input_tokens":812,'
    b'"output_tokens":2210,"latency_ms":31250,"stream":false,"tool_count":2,"turns":1,'
    b'"thinking":false,"task_category":"coding","cot_elicitation":0.71,'
    b'"prompt_simhash":"9f3a0c5d1e2b4a67","system_prompt_hash":null}'
)
