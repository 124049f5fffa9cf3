"""Tests for the harbor synthetic traffic world (stdlib + pytest only)."""
import json
import os
import re
import subprocess
import sys

import pytest

from simulator.worlds.harbor import generate

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
HEX16 = re.compile(r"^[0-9a-f]{16}$")
CATEGORIES = {"chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other"}
FIELDS = {
    "event_id", "ts", "account_id", "org_id", "api_key_id", "account_created_at", "payment_fingerprint",
    "client_ip", "asn", "country", "user_agent", "model", "endpoint", "status", "input_tokens",
    "output_tokens", "latency_ms", "stream", "tool_count", "turns", "thinking", "task_category",
    "cot_elicitation", "prompt_simhash", "system_prompt_hash",
}
BENIGN, HOURS = 300, 2


def _read(d):
    with open(os.path.join(d, "events.jsonl"), "rb") as f:
        ev = f.read()
    with open(os.path.join(d, "truth.json"), "rb") as f:
        tr = f.read()
    return ev, tr


@pytest.fixture(scope="module")
def worlds(tmp_path_factory):
    a = str(tmp_path_factory.mktemp("harbor_a"))
    b = str(tmp_path_factory.mktemp("harbor_b"))
    c = str(tmp_path_factory.mktemp("harbor_c"))
    summary = generate(7, BENIGN, HOURS, a)
    # the second copy goes through the command line interface
    subprocess.run([sys.executable, "-m", "simulator.worlds.harbor", "--seed", "7", "--benign", str(BENIGN),
                    "--hours", str(HOURS), "--out", b], cwd=ROOT, check=True, capture_output=True)
    generate(8, BENIGN, HOURS, c)
    return {"a": a, "b": b, "c": c, "summary": summary}


def test_deterministic_same_seed(worlds):
    assert _read(worlds["a"]) == _read(worlds["b"])


def test_different_seed_differs(worlds):
    ea, ta = _read(worlds["a"])
    ec, tc = _read(worlds["c"])
    assert ea != ec
    assert ta != tc


def test_summary(worlds):
    s = worlds["summary"]
    assert s["events"] > 0
    assert s["benign_accounts"] > 0
    assert s["campaigns"]


def _events(d):
    with open(os.path.join(d, "events.jsonl"), encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def test_events_follow_contract(worlds):
    prev = ""
    ids = set()
    n = 0
    for e in _events(worlds["a"]):
        n += 1
        assert set(e) == FIELDS
        assert isinstance(e["event_id"], str) and e["event_id"] not in ids
        ids.add(e["event_id"])
        assert isinstance(e["ts"], str) and TS_RE.match(e["ts"])
        assert e["ts"] >= prev, "ts must be non-decreasing"
        prev = e["ts"]
        assert isinstance(e["account_id"], str) and e["account_id"]
        assert e["org_id"] is None or isinstance(e["org_id"], str)
        assert isinstance(e["api_key_id"], str) and e["api_key_id"]
        assert isinstance(e["account_created_at"], str) and TS_RE.match(e["account_created_at"])
        assert e["account_created_at"] <= e["ts"]
        assert e["payment_fingerprint"] is None or isinstance(e["payment_fingerprint"], str)
        assert isinstance(e["client_ip"], str) and e["client_ip"]
        assert e["asn"] is None or (isinstance(e["asn"], int) and not isinstance(e["asn"], bool))
        assert e["country"] is None or (isinstance(e["country"], str) and len(e["country"]) == 2)
        for k in ("user_agent", "model", "endpoint"):
            assert isinstance(e[k], str) and e[k]
        for k in ("status", "input_tokens", "output_tokens", "latency_ms", "tool_count", "turns"):
            assert isinstance(e[k], int) and not isinstance(e[k], bool), k
        assert e["input_tokens"] >= 0 and e["output_tokens"] >= 0 and e["latency_ms"] >= 0
        assert e["tool_count"] >= 0 and e["turns"] >= 1
        if e["status"] != 200:
            assert e["output_tokens"] == 0
        assert isinstance(e["stream"], bool) and isinstance(e["thinking"], bool)
        assert e["task_category"] in CATEGORIES
        assert isinstance(e["cot_elicitation"], (int, float)) and 0.0 <= e["cot_elicitation"] <= 1.0
        assert isinstance(e["prompt_simhash"], str) and HEX16.match(e["prompt_simhash"])
        assert e["system_prompt_hash"] is None or isinstance(e["system_prompt_hash"], str)
    assert n == worlds["summary"]["events"]


def test_truth_matches_events(worlds):
    with open(os.path.join(worlds["a"], "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    assert truth["world"] == "harbor" and truth["seed"] == 7
    first = {}
    for e in _events(worlds["a"]):
        first.setdefault(e["account_id"], e["ts"])
    camp_accounts = set()
    for cid, c in truth["campaigns"].items():
        assert set(c) == {"kind", "start", "accounts", "first_seen", "description"}
        assert c["accounts"], cid
        for a in c["accounts"]:
            assert a in first, (cid, a)
            assert c["first_seen"][a] == first[a]
            assert a not in camp_accounts
            camp_accounts.add(a)
        assert c["start"] == min(c["first_seen"].values())
    benign_seen = set(first) - camp_accounts
    assert truth["benign_accounts"] == len(benign_seen)
    assert sum(g["accounts"] for g in truth["benign_groups"].values()) == len(benign_seen)
    assert len(truth["campaigns"]) >= 4
