"""Assembles the world: window, model release, incidents, benign population, campaigns; writes output."""
import json
import os
import random

from . import benign, campaigns
from .content import OLD_MODELS
from .engine import World
from .net import Internet
from .timeutil import HOUR, MIN, epoch_ms, iso

_INTERNET = None


def build_world(seed, n_benign, hours):
    global _INTERNET
    r = random.Random("skerry/%d" % seed)
    ws = epoch_ms(2026, 11, 16) + r.randrange(0, 7 * 24) * HOUR + r.randrange(0, 3600) * 1000 + r.randrange(1000)
    w = World(seed, n_benign, hours, ws)
    if _INTERNET is None:
        _INTERNET = Internet()
    w.inet = _INTERNET
    w.households = {}
    if os.environ.get("SKERRY_DEBUG_LABELS"):
        w.labels = {}
    span = w.we - w.ws
    w.release = ws + int((0.3 + 0.2 * r.random()) * span)
    w.release_ramp = int((1.0 + 1.5 * r.random()) * HOUR)
    for _ in range(1 + (r.random() < 0.6)):
        t0 = ws + int(r.random() * max(MIN, span - 30 * MIN))
        w.incidents.append((t0, t0 + int((10 + 30 * r.random()) * MIN),
                            r.choice([None, OLD_MODELS[0], OLD_MODELS[2]]), 0.03 + 0.12 * r.random()))
    benign.populate(w)
    campaigns.populate(w)
    w.events.sort()
    return w


def truth(w):
    out = {}
    for cid, c in w.campaigns.items():
        accts = c["accounts"]
        firsts = [a.first_ts for a in accts if a.first_ts is not None]
        out[cid] = {"kind": c["kind"], "start": iso(min(firsts)) if firsts else iso(w.ws),
                    "accounts": sorted(a.id for a in accts), "description": c["description"]}
    return {"campaigns": out, "benign_accounts": w.benign_count, "benign_groups": w.groups}


def write_world(w, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    ev = w.events
    with open(os.path.join(out_dir, "events.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        step = 50000
        for i in range(0, len(ev), step):
            f.write("\n".join([x[1] for x in ev[i:i + step]]))
            f.write("\n")
    with open(os.path.join(out_dir, "truth.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(truth(w), f, indent=1)
        f.write("\n")
    if w.labels is not None:
        with open(os.environ["SKERRY_DEBUG_LABELS"], "w", encoding="utf-8") as f:
            json.dump(w.labels, f)
    return len(ev)
