"""Contract and determinism tests for the tundra synthetic traffic world."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.worlds.tundra import generate

ROOT = Path(__file__).resolve().parents[4]
TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
HEX16 = re.compile(r"^[0-9a-f]{16}$")
IPV4 = re.compile(r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")

FIELDS = {
    "event_id": str, "ts": str, "account_id": str, "org_id": (str, type(None)),
    "api_key_id": str, "account_created_at": str, "payment_fingerprint": (str, type(None)),
    "client_ip": str, "asn": (int, type(None)), "country": (str, type(None)),
    "user_agent": str, "model": str, "endpoint": str, "status": int, "input_tokens": int,
    "output_tokens": int, "latency_ms": int, "stream": bool, "tool_count": int, "turns": int,
    "thinking": bool, "task_category": str, "cot_elicitation": (int, float),
    "prompt_simhash": str, "system_prompt_hash": (str, type(None)),
}
CATEGORIES = {"chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other"}


def _run(tmp_path, name, seed):
    out = tmp_path / name
    summary = generate(seed, 300, 2, str(out))
    return out, summary


@pytest.fixture(scope="module")
def world_a(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tundra")
    out, summary = _run(tmp, "a", 7)
    return tmp, out, summary


def _valid_ip(s):
    m = IPV4.match(s)
    if m:
        return all(0 <= int(g) <= 255 for g in m.groups())
    return ":" in s and all(re.fullmatch(r"[0-9a-f]{0,4}", p) for p in s.split(":"))


def _cli(out, seed, benign, hours, hashseed="0"):
    env = dict(os.environ, PYTHONHASHSEED=hashseed)
    return subprocess.run([sys.executable, "-m", "simulator.worlds.tundra", "--seed", str(seed),
                           "--benign", str(benign), "--hours", str(hours), "--out", str(out)],
                          cwd=str(ROOT), capture_output=True, text=True, timeout=120, env=env)


def test_deterministic_and_seed_sensitive(world_a):
    tmp, out_a, _ = world_a
    out_b, _ = _run(tmp, "b", 7)
    out_c, _ = _run(tmp, "c", 8)
    for fn in ("events.jsonl", "truth.json"):
        assert (out_a / fn).read_bytes() == (out_b / fn).read_bytes(), fn
    assert (out_a / "events.jsonl").read_bytes() != (out_c / "events.jsonl").read_bytes()
    # byte-identical across processes, whatever the interpreter's hash randomisation
    out_d = tmp / "d"
    r = _cli(out_d, 7, 300, 2, hashseed="12345")
    assert r.returncode == 0, r.stderr
    for fn in ("events.jsonl", "truth.json"):
        assert (out_a / fn).read_bytes() == (out_d / fn).read_bytes(), fn


def test_events_follow_contract(world_a):
    _tmp, out, summary = world_a
    lines = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == summary["events"] > 1000
    prev = ""
    ids = set()
    for line in lines:
        e = json.loads(line)
        assert set(FIELDS) <= set(e), set(FIELDS) - set(e)
        for k, typ in FIELDS.items():
            assert isinstance(e[k], typ), (k, e[k])
            if typ is int:
                assert not isinstance(e[k], bool), k
        assert TS_RE.match(e["ts"]) and TS_RE.match(e["account_created_at"])
        assert e["ts"] >= prev
        prev = e["ts"]
        assert e["account_created_at"] <= e["ts"]
        assert e["event_id"] not in ids
        ids.add(e["event_id"])
        assert e["input_tokens"] >= 0 and e["output_tokens"] >= 0 and e["latency_ms"] >= 0
        assert e["tool_count"] >= 0 and e["turns"] >= 1
        assert 0.0 <= e["cot_elicitation"] <= 1.0
        assert e["task_category"] in CATEGORIES
        assert HEX16.match(e["prompt_simhash"])
        assert _valid_ip(e["client_ip"]), e["client_ip"]
        assert e["status"] in (200, 400, 429, 529)
        if e["status"] != 200:
            assert e["output_tokens"] == 0
        assert e["endpoint"] in ("messages", "batch")
    assert prev.startswith("2026-11-17T0")


def test_truth_matches_events(world_a):
    _tmp, out, _summary = world_a
    truth = json.loads((out / "truth.json").read_text())
    assert truth["world"] == "tundra" and truth["seed"] == 7
    first = {}
    for line in (out / "events.jsonl").read_text().splitlines():
        e = json.loads(line)
        first.setdefault(e["account_id"], e["ts"])
    camp_accts = set()
    assert len(truth["campaigns"]) >= 4  # a 2 h window already shows at least four campaigns
    kinds = {c["kind"] for c in truth["campaigns"].values()}
    assert len(kinds) == len(truth["campaigns"])
    for cid, c in truth["campaigns"].items():
        assert set(c) >= {"kind", "start", "accounts", "first_seen", "description"}
        assert c["accounts"], cid
        for a in c["accounts"]:
            assert a in first, (cid, a)
            assert c["first_seen"][a] == first[a]
        assert c["start"] == min(c["first_seen"].values())
        assert c["start"] >= "2026-11-17T01:00:00.000Z"
        camp_accts.update(c["accounts"])
    benign = set(first) - camp_accts
    assert truth["benign_accounts"] == len(benign)
    assert sum(g["accounts"] for g in truth["benign_groups"].values()) == len(benign)


def test_cli(tmp_path):
    out = tmp_path / "cli"
    r = _cli(out, 3, 300, 1)
    assert r.returncode == 0, r.stderr
    assert (out / "events.jsonl").stat().st_size > 0
    assert json.loads((out / "truth.json").read_text())["world"] == "tundra"
