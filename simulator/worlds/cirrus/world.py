"""Assemble the cirrus world and write events.jsonl and truth.json."""
from __future__ import annotations

import json
import os
import time

from . import benign, campaigns
from .core import MINUTE, World, iso, mix_cot
from .net import NetPlan


def generate(seed: int = 1, n_benign: int = 3000, hours: float = 8.0, out: str = "out", verbose: bool = False) -> dict:
    t_start = time.time()
    w = World(seed, n_benign, hours, out)
    plan = NetPlan(w.sub("net"), w.scale)
    benign.build(w, plan)
    campaigns.build(w, plan)
    # every account shows up at least once in the window
    rng = w.sub("fallback")
    for a in w.accounts:
        tries = 0
        while a.n == 0 and tries < 20:
            lo = max(w.t0, a.created_ms + MINUTE)
            t = lo + rng.randrange(max(1, w.t1 - 5 * MINUTE - lo))
            w.session(a, rng)
            w.req(a, t, rng, w.model(a, t, rng), "chat", mix_cot(0.05)(rng), rng.randint(20, 400),
                  rng.randint(20, 500), rng.getrandbits(64), stream=True)
            tries += 1
    w.finish()
    n_ben = sum(1 for a in w.accounts if a.camp is None)
    assert n_ben == n_benign, (n_ben, n_benign)
    assert sum(g["accounts"] for g in w.groups.values()) == n_benign
    truth = {
        "world": "cirrus",
        "seed": seed,
        "campaigns": {cid: {"kind": c["kind"], "start": iso(c["start_ms"]), "accounts": c["accounts"]}
                      for cid, c in w.campaigns.items()},
        "benign_accounts": n_ben,
        "benign_groups": w.groups,
    }
    with open(os.path.join(out, "truth.json"), "w") as fh:
        json.dump(truth, fh, indent=1)
    info = {"events": w.writer.count, "accounts": len(w.accounts), "benign": n_ben,
            "campaign_accounts": len(w.accounts) - n_ben, "missing": sum(1 for a in w.accounts if a.n == 0),
            "window": [iso(w.t0), iso(w.t1)], "release": iso(w.release), "seconds": round(time.time() - t_start, 1)}
    if verbose:
        print(json.dumps(info))
    return info
