"""Validate a world's output against the input contract and the truth format.

Usage: python -m <package>.selfcheck DIR     (or: python selfcheck.py DIR)
Exit status 0 when every event and the truth file pass.
"""
import ipaddress
import json
import os
import re
import sys
from datetime import datetime, timezone

FIELDS = {
    "event_id": (str,), "ts": (str,), "account_id": (str,), "org_id": (str, type(None)), "api_key_id": (str,),
    "account_created_at": (str,), "payment_fingerprint": (str, type(None)), "client_ip": (str,),
    "asn": (int, type(None)), "country": (str, type(None)), "user_agent": (str,), "model": (str,),
    "endpoint": (str,), "status": (int,), "input_tokens": (int,), "output_tokens": (int,), "latency_ms": (int,),
    "stream": (bool,), "tool_count": (int,), "turns": (int,), "thinking": (bool,), "task_category": (str,),
    "cot_elicitation": (int, float), "prompt_simhash": (str,), "system_prompt_hash": (str, type(None)),
}
TASKS = {"chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other"}
TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
HEX16 = re.compile(r"^[0-9a-f]{16}$")
CC_RE = re.compile(r"^[A-Z]{2}$")


def parse_ts(s):
    if not TS_RE.match(s):
        raise ValueError("bad timestamp %r" % s)
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


def check_event(e):
    errs = []
    if not isinstance(e, dict):
        return ["not an object"]
    for k, types in FIELDS.items():
        if k not in e:
            errs.append("missing " + k)
            continue
        v = e[k]
        if isinstance(v, bool) and bool not in types:
            errs.append("%s: bool not allowed" % k)
        elif not isinstance(v, types):
            errs.append("%s: wrong type %s" % (k, type(v).__name__))
    if errs:
        return errs
    try:
        ts = parse_ts(e["ts"])
        cr = parse_ts(e["account_created_at"])
        if cr > ts:
            errs.append("account created after event")
    except ValueError as x:
        errs.append(str(x))
    try:
        ipaddress.ip_address(e["client_ip"])
    except ValueError:
        errs.append("bad client_ip %r" % e["client_ip"])
    if e["asn"] is not None and not (0 < e["asn"] < 2 ** 32):
        errs.append("asn out of range")
    if e["country"] is not None and not CC_RE.match(e["country"]):
        errs.append("bad country")
    for k in ("input_tokens", "output_tokens", "latency_ms", "tool_count"):
        if e[k] < 0:
            errs.append("%s negative" % k)
    if e["turns"] < 1:
        errs.append("turns < 1")
    if not (100 <= e["status"] <= 599):
        errs.append("status out of range")
    if e["status"] != 200 and e["output_tokens"] != 0:
        errs.append("output tokens on error")
    if e["task_category"] not in TASKS:
        errs.append("unknown task_category")
    c = e["cot_elicitation"]
    if not (0.0 <= c <= 1.0):
        errs.append("cot_elicitation out of [0,1]")
    if not HEX16.match(e["prompt_simhash"]):
        errs.append("bad prompt_simhash")
    for k in ("event_id", "account_id", "api_key_id", "user_agent", "model", "endpoint"):
        if not e[k]:
            errs.append("empty " + k)
    if e["system_prompt_hash"] is not None and not e["system_prompt_hash"]:
        errs.append("empty system_prompt_hash")
    return errs


def main(argv):
    if len(argv) != 1:
        print(__doc__)
        return 2
    d = argv[0]
    n = 0
    bad = 0
    ids = set()
    accounts = set()
    last = None
    acct_static = {}
    with open(os.path.join(d, "events.jsonl"), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            n += 1
            try:
                e = json.loads(line)
            except ValueError:
                bad += 1
                print("line %d: invalid JSON" % ln)
                continue
            errs = check_event(e)
            if not errs:
                if e["event_id"] in ids:
                    errs.append("duplicate event_id")
                ids.add(e["event_id"])
                if last is not None and e["ts"] < last:
                    errs.append("not sorted by ts")
                last = e["ts"]
                st = (e["account_created_at"], e["org_id"], e["payment_fingerprint"])
                prev = acct_static.setdefault(e["account_id"], st)
                if prev != st:
                    errs.append("account attributes changed")
                accounts.add(e["account_id"])
            if errs:
                bad += 1
                if bad <= 20:
                    print("line %d: %s" % (ln, "; ".join(errs)))
    with open(os.path.join(d, "truth.json"), encoding="utf-8") as f:
        t = json.load(f)
    terr = []
    camp_accts = set()
    for cid, c in t.get("campaigns", {}).items():
        for k in ("kind", "start", "accounts", "description"):
            if k not in c:
                terr.append("%s: missing %s" % (cid, k))
        try:
            parse_ts(c["start"])
        except (ValueError, KeyError):
            terr.append("%s: bad start" % cid)
        for a in c.get("accounts", []):
            if a in camp_accts:
                terr.append("%s: account %s in two campaigns" % (cid, a))
            camp_accts.add(a)
            if a not in accounts:
                terr.append("%s: account %s has no events" % (cid, a))
    benign = len(accounts - camp_accts)
    if not isinstance(t.get("benign_accounts"), int):
        terr.append("benign_accounts not an int")
    elif t["benign_accounts"] != benign:
        terr.append("benign_accounts %d but %d benign accounts seen" % (t["benign_accounts"], benign))
    for g, v in t.get("benign_groups", {}).items():
        if not isinstance(v.get("kind"), str) or not isinstance(v.get("accounts"), int):
            terr.append("benign group %s malformed" % g)
    for x in terr[:20]:
        print("truth: " + x)
    ok = bad == 0 and not terr
    print("%s: %d events, %d bad, %d accounts (%d campaign, %d benign), %d campaigns, truth %s"
          % ("PASS" if ok else "FAIL", n, bad, len(accounts), len(camp_accts), benign, len(t.get("campaigns", {})),
             "ok" if not terr else "%d problems" % len(terr)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
