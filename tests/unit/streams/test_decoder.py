"""The input contract: every field's type and range rule, and decode never raising."""

from __future__ import annotations

import math

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.decoder import (
    CONTRACT_FIELDS,
    MAX_ID_LEN,
    MAX_TEXT_LEN,
    MAX_TOKENS,
    SAMPLE,
    Rejection,
    _diagnose,
    decode,
    decode_message,
)

BASE = orjson.loads(SAMPLE)


def with_(**changes) -> bytes:
    doc = dict(BASE)
    doc.update(changes)
    return orjson.dumps(doc)


def without(field: str) -> bytes:
    doc = dict(BASE)
    del doc[field]
    return orjson.dumps(doc)


def rejected(value: bytes) -> Rejection:
    result = decode(value)
    assert type(result) is Rejection, f"expected a rejection, got an event: {result}"
    return result


def test_sample_decodes_with_derived_fields():
    event = decode(SAMPLE)
    assert type(event) is dict
    assert event["ts_s"] == pytest.approx(1795162502.123)
    assert event["account_created_s"] == pytest.approx(1795035851.0)
    assert event["prompt_simhash_int"] == 0x9F3A0C5D1E2B4A67
    assert event["cot_elicitation"] == 0.71


@pytest.mark.parametrize("field", CONTRACT_FIELDS)
def test_every_field_is_required(field):
    r = rejected(without(field))
    assert (r.code, r.field) == ("missing_field", field)


STRING_FIELDS = ["event_id", "account_id", "api_key_id", "model", "endpoint", "user_agent"]
NULLABLE_STRING_FIELDS = ["org_id", "payment_fingerprint", "system_prompt_hash"]
INT_FIELDS = ["status", "input_tokens", "output_tokens", "latency_ms", "tool_count", "turns"]
BOOL_FIELDS = ["stream", "thinking"]


@pytest.mark.parametrize("field", STRING_FIELDS + NULLABLE_STRING_FIELDS + ["client_ip", "prompt_simhash", "task_category", "country"])
@pytest.mark.parametrize("bad", [1, 1.5, True, [], {}])
def test_string_fields_reject_other_types(field, bad):
    r = rejected(with_(**{field: bad}))
    assert (r.code, r.field) == ("wrong_type", field)


@pytest.mark.parametrize("field", STRING_FIELDS + ["client_ip", "prompt_simhash", "task_category"])
def test_non_nullable_strings_reject_null(field):
    assert rejected(with_(**{field: None})).code == "wrong_type"


@pytest.mark.parametrize("field", NULLABLE_STRING_FIELDS + ["asn", "country"])
def test_nullable_fields_accept_null(field):
    event = decode(with_(**{field: None}))
    assert type(event) is dict and event[field] is None


@pytest.mark.parametrize("field", ["event_id", "account_id", "api_key_id", "model", "endpoint"] + NULLABLE_STRING_FIELDS)
def test_id_strings_have_length_bounds(field):
    assert type(decode(with_(**{field: "x" * MAX_ID_LEN}))) is dict
    r = rejected(with_(**{field: "x" * (MAX_ID_LEN + 1)}))
    assert (r.code, r.field) == ("too_long", field)
    assert rejected(with_(**{field: ""})).code == "out_of_range"


def test_user_agent_may_be_empty_but_bounded():
    assert type(decode(with_(user_agent=""))) is dict
    assert rejected(with_(user_agent="u" * (MAX_TEXT_LEN + 1))).code == "too_long"


def test_account_id_of_10_kb_is_rejected():
    r = rejected(with_(account_id="a" * 10_240))
    assert (r.code, r.field) == ("too_long", "account_id")


@pytest.mark.parametrize("field", INT_FIELDS + ["asn"])
@pytest.mark.parametrize("bad", ["1", 1.0, True, [1]])
def test_integer_fields_reject_other_types(field, bad):
    r = rejected(with_(**{field: bad}))
    assert (r.code, r.field) == ("wrong_type", field)


@pytest.mark.parametrize(
    "field, lo, hi",
    [
        ("status", 100, 599),
        ("input_tokens", 0, MAX_TOKENS),
        ("output_tokens", 0, MAX_TOKENS),
        ("latency_ms", 0, 86_400_000),
        ("tool_count", 0, 10_000),
        ("turns", 1, 1_000_000),
        ("asn", 0, 4_294_967_295),
    ],
)
def test_integer_ranges(field, lo, hi):
    assert type(decode(with_(**{field: lo}))) is dict
    assert type(decode(with_(**{field: hi}))) is dict
    for bad in (lo - 1, hi + 1):
        r = rejected(with_(**{field: bad}))
        assert (r.code, r.field) == ("out_of_range", field)


@pytest.mark.parametrize("field", BOOL_FIELDS)
@pytest.mark.parametrize("bad", [0, 1, "true", None])
def test_boolean_fields(field, bad):
    assert decode(with_(**{field: True}))[field] is True
    r = rejected(with_(**{field: bad}))
    assert (r.code, r.field) == ("wrong_type", field)


@pytest.mark.parametrize("good", [0, 1, 0.0, 1.0, 0.5])
def test_cot_elicitation_accepts_unit_interval(good):
    event = decode(with_(cot_elicitation=good))
    assert event["cot_elicitation"] == float(good) and type(event["cot_elicitation"]) is float


@pytest.mark.parametrize("bad, code", [(-0.01, "out_of_range"), (1.01, "out_of_range"), ("0.5", "wrong_type"), (None, "wrong_type"), (True, "wrong_type")])
def test_cot_elicitation_rejects(bad, code):
    assert rejected(with_(cot_elicitation=bad)).code == code


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity", b"1e999"])
def test_non_finite_numbers_are_rejected(literal):
    raw = SAMPLE.replace(b'"cot_elicitation":0.71', b'"cot_elicitation":' + literal)
    assert rejected(raw).code in ("invalid_json", "out_of_range")


@pytest.mark.parametrize("field", ["ts", "account_created_at"])
@pytest.mark.parametrize(
    "bad, code",
    [
        ("2026-11-20 08:15:02", "invalid_format"),
        ("2026-11-20T08:15:02.123", "invalid_format"),  # no offset
        ("20261120T081502Z", "invalid_format"),
        ("2026-13-20T08:15:02.123Z", "invalid_format"),
        ("yesterday", "invalid_format"),
        ("1999-12-31T23:59:59.000Z", "out_of_range"),
        ("2100-01-01T00:00:00.000Z", "out_of_range"),
        (1795162502, "wrong_type"),
    ],
)
def test_timestamps(field, bad, code):
    doc = dict(BASE, **{field: bad})
    if field == "ts" and code == "out_of_range" and bad.startswith("1999"):
        doc["account_created_at"] = "1999-01-01T00:00:00.000Z"
    r = rejected(orjson.dumps(doc))
    assert (r.code, r.field) == (code, field)


def test_timestamp_offsets_are_converted_to_utc():
    event = decode(with_(ts="2026-11-20T09:15:02.123+01:00"))
    assert event["ts_s"] == pytest.approx(1795162502.123)


def test_account_created_after_request_is_rejected():
    r = rejected(with_(account_created_at="2026-11-21T08:15:02.123Z"))
    assert (r.code, r.field) == ("out_of_range", "account_created_at")


@pytest.mark.parametrize("good", ["10.0.0.1", "255.255.255.255", "2001:db8::1", "::1"])
def test_client_ip_accepts_v4_and_v6(good):
    assert type(decode(with_(client_ip=good))) is dict


@pytest.mark.parametrize("bad", ["256.1.1.1", "1.2.3", "01.2.3.4x", "example.com", "", "1.2.3.4.5", "2001:db8:::1"])
def test_client_ip_rejects_non_addresses(bad):
    r = rejected(with_(client_ip=bad))
    assert (r.code, r.field) == ("invalid_format", "client_ip")


@pytest.mark.parametrize("bad", ["SGP", "S", "1A", ""])
def test_country_is_alpha2(bad):
    assert rejected(with_(country=bad)).code == "invalid_format"


@pytest.mark.parametrize("bad", ["9f3a0c5d1e2b4a6", "9f3a0c5d1e2b4a677", "9f3a0c5d1e2b4a6g", ""])
def test_prompt_simhash_is_16_hex_digits(bad):
    r = rejected(with_(prompt_simhash=bad))
    assert (r.code, r.field) == ("invalid_format", "prompt_simhash")


def test_unknown_task_category_becomes_other():
    assert decode(with_(task_category="poetry"))["task_category"] == "other"
    assert decode(with_(task_category="coding"))["task_category"] == "coding"


def test_unknown_extra_fields_are_accepted():
    event = decode(with_(gateway_region="eu-west", nested={"a": [1, 2]}))
    assert type(event) is dict and event["account_id"] == BASE["account_id"]


@pytest.mark.parametrize(
    "raw, code",
    [
        (b"", "invalid_json"),
        (None, "invalid_json"),
        (b"{", "invalid_json"),
        (b"\xff\xfe{}", "invalid_json"),
        (b"[1, 2]", "not_an_object"),
        (b'"text"', "not_an_object"),
        (b"null", "not_an_object"),
        (b"[" * 5000 + b"]" * 5000, "invalid_json"),
    ],
)
def test_not_an_event(raw, code):
    assert rejected(raw).code == code


def test_key_must_equal_account_id():
    assert type(decode_message(b"acct_3f9a1c2b7d10", SAMPLE)) is dict
    assert decode_message(b"other", SAMPLE).code == "key_mismatch"
    assert decode_message(None, SAMPLE).code == "key_mismatch"


def test_rejection_header_names_code_and_field():
    assert rejected(with_(status=700)).header() == b"out_of_range status: 700 not in [100, 599]"


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_never_raise(raw):
    result = decode(raw)
    assert type(result) in (dict, Rejection)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64) | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=10,
)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(CONTRACT_FIELDS), json_values, max_size=6))
def test_arbitrary_field_values_never_raise_and_paths_agree(changes):
    """The fast path and the diagnosing path must agree on what is valid."""
    doc = dict(BASE, **changes)
    try:
        raw = orjson.dumps(doc)
    except orjson.JSONEncodeError:
        return  # integers beyond 64 bits cannot even be produced
    result = decode(raw)
    # The slow path's verdict on the same document, rule by rule: a field it names is broken; none
    # named means every rule holds.
    slow = _diagnose(orjson.loads(raw))
    if type(result) is dict:
        for field in CONTRACT_FIELDS:
            assert field in result
        assert math.isfinite(result["ts_s"])
        assert slow.field == "", f"the fast path accepted what the rules reject: {slow}"
    else:
        assert result.code and result.detail
        assert result.field, "a rejected event must name the field at fault"
        if result.field != "account_created_at":  # (checked across fields, after both paths)
            assert slow.field, "the fast path rejected what every rule accepts"


def test_timestamp_fast_path_matches_the_full_parse():
    from streams import decoder

    decoder._MINUTE_CACHE.clear()
    first = decode(with_(ts="2026-11-20T08:15:59.999Z"))["ts_s"]  # full parse, fills the memo
    again = decode(with_(ts="2026-11-20T08:15:59.999Z"))["ts_s"]  # fast path
    other = decode(with_(ts="2026-11-20T08:15:07.004Z"))["ts_s"]
    assert first == again == pytest.approx(1795162559.999)
    assert other == pytest.approx(1795162507.004)
    assert rejected(with_(ts="2026-11-20T08:15:6x.004Z")).code == "invalid_format"
    assert rejected(with_(ts="2026-11-20T08:15:61.004Z")).code == "invalid_format"


def test_validation_memos_hold_only_valid_values_and_stay_bounded(monkeypatch):
    from datetime import datetime

    from streams import decoder

    decoder._VALID_IPS.clear()
    decoder._CREATED_S.clear()
    assert rejected(with_(client_ip="999.1.1.1")).field == "client_ip"
    assert "999.1.1.1" not in decoder._VALID_IPS
    assert rejected(with_(client_ip="999.1.1.1")).field == "client_ip"  # still checked, not remembered
    created = "2026-11-18T21:04:11.250Z"
    first = decode(with_(account_created_at=created))["account_created_s"]  # parsed, then memoised
    again = decode(with_(account_created_at=created))["account_created_s"]
    assert first == again == datetime.fromisoformat(created).timestamp()
    assert rejected(with_(account_created_at="2026-11-18T21:04:61.000Z")).field == "account_created_at"
    monkeypatch.setattr(decoder, "_MEMO_MAX", 3)
    for i in range(10):
        assert type(decode(with_(client_ip=f"10.0.0.{i}"))) is dict
    assert 1 <= len(decoder._VALID_IPS) <= 3
