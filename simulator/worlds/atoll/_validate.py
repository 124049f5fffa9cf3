"""Self-check: validate events.jsonl against the input contract and truth.json consistency.
Usage: python -m atoll._validate DIR"""
import json
import re
import sys
import ipaddress
from collections import Counter, defaultdict

TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
HEX16 = re.compile(r"^[0-9a-f]{16}$")
FIELDS = {"event_id": str, "ts": str, "account_id": str, "org_id": (str, type(None)), "api_key_id": str,
          "account_created_at": str, "payment_fingerprint": (str, type(None)), "client_ip": str,
          "asn": (int, type(None)), "country": (str, type(None)), "user_agent": str, "model": str, "endpoint": str,
          "status": int, "input_tokens": int, "output_tokens": int, "latency_ms": int, "stream": bool,
          "tool_count": int, "turns": int, "thinking": bool, "task_category": str, "cot_elicitation": (int, float),
          "prompt_simhash": str, "system_prompt_hash": (str, type(None))}
CATS = {"chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other"}


def main(d):
    errs = Counter()
    prev = ""
    ids = set()
    n = 0
    acc = defaultdict(int)
    first = {}
    created = {}
    for line in open(d + "/events.jsonl", encoding="utf-8"):
        n += 1
        e = json.loads(line)
        for k, t in FIELDS.items():
            if k not in e:
                errs["missing " + k] += 1
            elif not isinstance(e[k], t) or (t is int and isinstance(e[k], bool)):
                errs["type " + k] += 1
        if set(e) - set(FIELDS):
            errs["extra"] += 1
        if not TS.match(e["ts"]) or not TS.match(e["account_created_at"]):
            errs["ts format"] += 1
        if e["ts"] < prev:
            errs["order"] += 1
        prev = e["ts"]
        if e["account_created_at"] > e["ts"]:
            errs["created after ts"] += 1
        if e["event_id"] in ids:
            errs["dup id"] += 1
        ids.add(e["event_id"])
        for k in ("input_tokens", "output_tokens", "latency_ms", "tool_count"):
            if e[k] < 0:
                errs["neg " + k] += 1
        if e["turns"] < 1:
            errs["turns"] += 1
        if not 0 <= e["cot_elicitation"] <= 1:
            errs["cot"] += 1
        if e["status"] != 200 and e["output_tokens"] != 0:
            errs["err out"] += 1
        if e["task_category"] not in CATS:
            errs["cat"] += 1
        if not HEX16.match(e["prompt_simhash"]):
            errs["simhash"] += 1
        if e["system_prompt_hash"] is not None and not HEX16.match(e["system_prompt_hash"]):
            errs["sph"] += 1
        try:
            ipaddress.ip_address(e["client_ip"])
        except ValueError:
            errs["ip"] += 1
        if e["country"] is not None and not re.match(r"^[A-Z]{2}$", e["country"]):
            errs["country"] += 1
        a = e["account_id"]
        acc[a] += 1
        if a not in first:
            first[a] = e["ts"]
        if created.setdefault(a, e["account_created_at"]) != e["account_created_at"]:
            errs["created changes"] += 1
    truth = json.load(open(d + "/truth.json"))
    assert set(truth) == {"world", "seed", "benign_accounts", "benign_groups", "campaigns"}, truth.keys()
    camp_accts = set()
    for cid, c in truth["campaigns"].items():
        assert set(c) == {"kind", "start", "accounts", "description"}
        for a in c["accounts"]:
            if a not in acc:
                errs["campaign acct without events"] += 1
            if a in camp_accts:
                errs["acct in 2 campaigns"] += 1
            camp_accts.add(a)
        st = min(first[a] for a in c["accounts"])
        if st != c["start"]:
            errs["campaign start mismatch " + cid] += 1
    benign = set(acc) - camp_accts
    if len(benign) != truth["benign_accounts"]:
        errs["benign count %d vs %d" % (len(benign), truth["benign_accounts"])] += 1
    print("events", n, "accounts", len(acc), "benign", len(benign), "campaign accts", len(camp_accts))
    print("errors", dict(errs) or "none")


if __name__ == "__main__":
    main(sys.argv[1])
