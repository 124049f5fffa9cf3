"""Every hostile message of tests/fixtures/hostile.py through the decoder: the documented
outcome, never an exception, and a reason a person can read."""

from __future__ import annotations

import math

import pytest

from streams.decoder import REJECTION_CODES, Rejection, decode_message
from tests.fixtures.hostile import ACCEPTED, BY_NAME, CORPUS, DUPLICATE, FIELD, OUTCOMES, Hostile


def test_the_corpus_is_broad():
    names = [h.name for h in CORPUS]
    assert len(set(names)) == len(names) >= 30
    assert {h.expected for h in CORPUS} == set(OUTCOMES), "every rejection code and outcome is exercised"
    kinds = {name.split(".")[0] for name in names}
    assert len(kinds) >= 10


@pytest.mark.parametrize("item", CORPUS, ids=[h.name for h in CORPUS])
def test_hostile_message_gets_its_documented_outcome(item: Hostile):
    try:
        result = decode_message(item.key, item.value)
    except Exception as exc:  # noqa: BLE001 - the point of the test
        pytest.fail(f"decode_message raised {type(exc).__name__}: {exc}")
    if item.expected in (ACCEPTED, DUPLICATE):  # a duplicate is a valid event: the account stage drops it
        assert type(result) is dict, f"expected an event, got {result}"
        assert result["account_id"].encode() == item.key
        assert math.isfinite(result["ts_s"]) and math.isfinite(result["account_created_s"])
        assert type(result["prompt_simhash_int"]) is int
    else:
        assert type(result) is Rejection, f"expected {item.expected}, got an event"
        assert result.code in REJECTION_CODES
        assert (result.code, result.field) == (item.expected, FIELD[item.name]), result
        detail = result.detail.strip()
        assert detail and detail.isprintable() and len(detail) <= 200, result
        header = result.header()
        assert header.decode() and len(header) <= 300  # fits a Kafka header comfortably


def test_duplicate_pair_repeats_one_event_id():
    first, second = BY_NAME["duplicate_event_id.first"], BY_NAME["duplicate_event_id.second"]
    assert first.key == second.key and first.value == second.value
    assert decode_message(first.key, first.value) == decode_message(second.key, second.value)
    others = [decode_message(h.key, h.value) for h in CORPUS if h.expected == ACCEPTED and h is not first]
    assert first.value and all(e["event_id"] != "hostile-duplicate_event_id" for e in others)


def test_accepted_events_are_normalised():
    def decoded(name: str) -> dict:
        h = BY_NAME[name]
        return decode_message(h.key, h.value)

    assert decoded("accept.unknown_task_category")["task_category"] == "other"
    assert decoded("accept.duplicate_key_last_valid")["status"] == 201  # orjson: the last value wins
    injected = decoded("accept.derived_fields_injected")
    assert injected["ts_s"] == pytest.approx(1795162502.123)
    assert injected["account_created_s"] == pytest.approx(1795035851.0)
    assert injected["prompt_simhash_int"] == 0x9F3A0C5D1E2B4A67
    assert decoded("accept.ts_with_utc_offset")["ts_s"] == pytest.approx(1795162502.123)


def test_tombstone_and_empty_value_say_so():
    for name in ("empty.tombstone", "empty.value"):
        h = BY_NAME[name]
        assert decode_message(h.key, h.value).detail == "empty message value"


def test_decoding_does_not_change_the_corpus():
    """The worker forwards the original bytes to the DLQ: decoding must not touch them."""
    before = [(h.key, h.value) for h in CORPUS]
    for h in CORPUS:
        decode_message(h.key, h.value)
    assert [(h.key, h.value) for h in CORPUS] == before
