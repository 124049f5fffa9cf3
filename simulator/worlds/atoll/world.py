"""Build the world and write events.jsonl + truth.json."""
import json
import os
import time

from . import benign, campaigns
from .core import World, iso


def run(seed, n_benign, hours, outdir, verbose=False):
    t_start = time.time()
    W = World(seed, n_benign, hours)
    benign.build(W)
    t_b = time.time()
    campaigns.build(W)
    t_c = time.time()
    rows = W.rows
    rows.sort(key=lambda x: x[0])
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "events.jsonl"), "w", encoding="utf-8") as f:
        step = 20000
        for i in range(0, len(rows), step):
            f.write("\n".join(x[1] for x in rows[i:i + step]))
            f.write("\n")
    truth = {"world": "atoll", "seed": seed}
    truth["benign_accounts"] = sum(1 for a in W.accounts if a.n > 0 and W.owner[a.id][0] == "b")
    groups = {}
    for name, (kind, accts) in W.groups.items():
        k = sum(1 for a in accts if a.n > 0)
        if k:
            groups[name] = {"kind": kind, "accounts": k}
    truth["benign_groups"] = groups
    camps = {}
    for cid, c in W.campaigns.items():
        accts = [a for a in c["accts"] if a.n > 0]
        if not accts:
            continue
        camps[cid] = {"kind": c["kind"], "start": iso(min(a.first for a in accts)),
                      "accounts": [a.id for a in accts], "description": c["description"]}
    truth["campaigns"] = camps
    with open(os.path.join(outdir, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1)
        f.write("\n")
    if verbose:
        import sys
        sys.stderr.write("atoll: %d events, %d accounts; benign %.1fs, campaigns %.1fs, total %.1fs\n" % (
            len(rows), len(W.accounts), t_b - t_start, t_c - t_b, time.time() - t_start))
    return truth
