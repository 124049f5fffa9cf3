"""The JSON Schemas of the input and alert topics (schemas/) agree with the decoder and with
the alerts the pipeline writes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import orjson
import pytest

from simulator import Simulation, load_scenario
from streams.decoder import Rejection, decode_message
from streams.replay import replay_file
from streams.settings import Settings
from tests.fixtures.hostile import CORPUS

SCHEMAS = Path(__file__).parents[3] / "schemas"


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


INPUT = validator("api-requests.v1.schema.json")
ALERTS = validator("anomaly-alerts.v1.schema.json")


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    lines = [line for _, _, line in Simulation(load_scenario("smoke")).records()]
    path = tmp_path_factory.mktemp("smoke") / "smoke.jsonl"
    path.write_text("\n".join(lines) + "\n")
    out = io.BytesIO()
    replay_file(path, out, settings=Settings())
    return lines, [orjson.loads(line) for line in out.getvalue().splitlines()]


def test_every_event_the_decoder_accepts_is_valid_under_the_input_schema(smoke):
    lines, _ = smoke
    accepted = [(h.name, h.value) for h in CORPUS if type(decode_message(h.key, h.value)) is not Rejection]
    accepted += [(f"smoke {i}", line.encode()) for i, line in enumerate(lines[:5000])]
    assert len(accepted) > 5000
    for name, value in accepted:
        errors = [e.message for e in INPUT.iter_errors(orjson.loads(value))]
        assert errors == [], f"{name}: {errors[:3]}"


# JSON Schema's "integer" is a number with no fraction, so 812.0 passes it; the decoder refuses
# a float where the contract says integer. The schema's description says so.
SCHEMA_CANNOT_SEE = {"type.float_for_int_tokens"}


@pytest.mark.parametrize("code", ["not_an_object", "missing_field", "wrong_type"])
def test_what_the_decoder_rejects_for_its_shape_the_schema_rejects_too(code):
    rejected = [h for h in CORPUS if getattr(decode_message(h.key, h.value), "code", None) == code
                and h.name not in SCHEMA_CANNOT_SEE]
    assert rejected
    for h in rejected:
        assert not INPUT.is_valid(orjson.loads(h.value)), h.name


def test_every_alert_replay_writes_is_valid_under_the_alert_schema(smoke):
    _, alerts = smoke
    assert alerts and {a["scope"] for a in alerts} == {"account", "cluster"}
    for alert in alerts:
        errors = [e.message for e in ALERTS.iter_errors(alert)]
        assert errors == [], f"{alert['alert_id']}: {errors[:3]}"
        if alert["scope"] == "account":
            assert alert["accounts"] == [alert["entity_id"]]


def test_the_alert_schema_refuses_an_account_alert_without_its_account(smoke):
    _, alerts = smoke
    account = next(a for a in alerts if a["scope"] == "account")
    assert not ALERTS.is_valid(dict(account, accounts=[]))
    assert not ALERTS.is_valid(dict(account, severity="high"))
