"""Validate a generated world against the input contract and the truth format."""

import json
import os
import re
from collections import Counter

TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")
HEX16 = re.compile(r"^[0-9a-f]{16}$")
IPV4 = re.compile(r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")
CATS = {"chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other"}

SPEC = {
    "event_id": (str,), "ts": (str,), "account_id": (str,), "org_id": (str, type(None)),
    "api_key_id": (str,), "account_created_at": (str,), "payment_fingerprint": (str, type(None)),
    "client_ip": (str,), "asn": (int, type(None)), "country": (str, type(None)), "user_agent": (str,),
    "model": (str,), "endpoint": (str,), "status": (int,), "input_tokens": (int,),
    "output_tokens": (int,), "latency_ms": (int,), "stream": (bool,), "tool_count": (int,),
    "turns": (int,), "thinking": (bool,), "task_category": (str,), "cot_elicitation": (int, float),
    "prompt_simhash": (str,), "system_prompt_hash": (str, type(None)),
}


def _ip_ok(s):
    m = IPV4.match(s)
    if m:
        return all(0 <= int(g) <= 255 for g in m.groups())
    parts = s.split(":")
    return len(parts) == 8 and all(1 <= len(p) <= 4 and all(c in "0123456789abcdef" for c in p) for p in parts)


def check(out_dir, log=print, max_errors=20):
    errors = []

    def err(msg):
        if len(errors) < max_errors:
            errors.append(msg)
        else:
            errors.append(None)

    path = os.path.join(out_dir, "events.jsonl")
    seen_ids = set()
    accounts = Counter()
    first_by_acct = {}
    created_by_acct = {}
    statuses, cats, models, eps = Counter(), Counter(), Counter(), Counter()
    prev_ts = ""
    n = 0
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            n += 1
            try:
                e = json.loads(line)
            except ValueError as x:
                err("line %d: not JSON (%s)" % (ln, x))
                continue
            if not isinstance(e, dict):
                err("line %d: not an object" % ln)
                continue
            for k, types in SPEC.items():
                if k not in e:
                    err("line %d: missing %s" % (ln, k))
                    continue
                v = e[k]
                if bool in types:
                    if not isinstance(v, bool):
                        err("line %d: %s not boolean" % (ln, k))
                elif isinstance(v, bool) or not isinstance(v, types):
                    err("line %d: %s has type %s" % (ln, k, type(v).__name__))
            ts = e.get("ts", "")
            if not isinstance(ts, str) or not TS_RE.match(ts):
                err("line %d: bad ts %r" % (ln, ts))
                continue
            if ts < prev_ts:
                err("line %d: not sorted by ts" % ln)
            prev_ts = ts
            ca = e.get("account_created_at")
            if not isinstance(ca, str) or not TS_RE.match(ca):
                err("line %d: bad account_created_at" % ln)
            elif ca > ts:
                err("line %d: account created after the event" % ln)
            if e["event_id"] in seen_ids:
                err("line %d: duplicate event_id" % ln)
            seen_ids.add(e["event_id"])
            for k in ("input_tokens", "output_tokens", "latency_ms", "tool_count"):
                if isinstance(e[k], int) and e[k] < 0:
                    err("line %d: %s negative" % (ln, k))
            if isinstance(e["turns"], int) and e["turns"] < 1:
                err("line %d: turns < 1" % ln)
            c = e["cot_elicitation"]
            if isinstance(c, (int, float)) and not 0.0 <= c <= 1.0:
                err("line %d: cot_elicitation out of range" % ln)
            if not HEX16.match(str(e["prompt_simhash"])):
                err("line %d: prompt_simhash not 16 hex digits" % ln)
            if e["status"] != 200 and e["output_tokens"] != 0:
                err("line %d: output tokens on an error" % ln)
            if e["task_category"] not in CATS:
                err("line %d: unknown task_category" % ln)
            if not _ip_ok(e["client_ip"]):
                err("line %d: bad client_ip %r" % (ln, e["client_ip"]))
            cc = e["country"]
            if cc is not None and not (len(cc) == 2 and cc.isupper()):
                err("line %d: bad country" % ln)
            a = e["account_id"]
            accounts[a] += 1
            if a not in first_by_acct:
                first_by_acct[a] = ts
            if created_by_acct.setdefault(a, ca) != ca:
                err("line %d: account_created_at changes for %s" % (ln, a))
            statuses[e["status"]] += 1
            cats[e["task_category"]] += 1
            models[e["model"]] += 1
            eps[e["endpoint"]] += 1

    # ---------------------------------------------------------------- truth
    with open(os.path.join(out_dir, "truth.json")) as f:
        truth = json.load(f)
    for k in ("world", "seed", "campaigns", "benign_accounts", "benign_groups"):
        if k not in truth:
            err("truth: missing %s" % k)
    in_camp = {}
    for cid, c in truth.get("campaigns", {}).items():
        if not isinstance(c.get("kind"), str) or not TS_RE.match(str(c.get("start"))):
            err("truth: campaign %s lacks kind/start" % cid)
        for a in c.get("accounts", []):
            if a in in_camp:
                err("truth: %s in two campaigns" % a)
            in_camp[a] = cid
            if a not in accounts:
                err("truth: campaign account %s sent no events" % a)
        firsts = [first_by_acct[a] for a in c.get("accounts", []) if a in first_by_acct]
        if firsts and c.get("start") < min(firsts):
            err("truth: campaign %s starts before its accounts' first event" % cid)
    benign = [a for a in accounts if a not in in_camp]
    if len(benign) != truth.get("benign_accounts"):
        err("truth: benign_accounts %s but %d benign accounts sent events"
            % (truth.get("benign_accounts"), len(benign)))
    for gid, g in truth.get("benign_groups", {}).items():
        if not isinstance(g.get("kind"), str) or not isinstance(g.get("accounts"), int):
            err("truth: group %s malformed" % gid)

    real = [e for e in errors if e is not None]
    log("events: %d  accounts: %d (benign %d, campaign %d)  campaigns: %d  groups: %d"
        % (n, len(accounts), len(benign), len(in_camp), len(truth.get("campaigns", {})),
           len(truth.get("benign_groups", {}))))
    log("status: %s" % dict(sorted(statuses.items())))
    log("endpoints: %s" % dict(eps.most_common()))
    log("categories: %s" % dict(cats.most_common()))
    log("models: %s" % dict(models.most_common()))
    for cid, c in truth.get("campaigns", {}).items():
        ev = sum(accounts[a] for a in c["accounts"])
        log("  %-28s %-20s accounts %5d  events %7d  start %s" % (cid, c["kind"], len(c["accounts"]), ev,
                                                                   c["start"]))
    if errors:
        log("FAILED: %d problem(s)%s" % (len(errors), "" if len(errors) < max_errors else " (first shown)"))
        for e in real:
            log("  " + e)
        return False
    log("OK")
    return True
