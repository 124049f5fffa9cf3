"""harbor: an independent synthetic traffic world for the distillation-campaign
detectors (benign population with look-alikes plus seven campaigns).

    python -m simulator.worlds.harbor --seed N --benign N_BENIGN --hours H --out DIR
"""
from __future__ import annotations

import os

from .benign import build_benign
from .campaigns import build_campaigns
from .world import World

__all__ = ["generate"]


def generate(seed: int, benign: int = 6000, hours: float = 8.0, out_dir: str = "out/harbor") -> dict:
    """Write ``out_dir/events.jsonl`` and ``out_dir/truth.json``; return a summary."""
    W = World(seed, benign, hours)
    shared = build_benign(W)
    build_campaigns(W, shared["common"], shared["helpful"], shared["early_p"])
    os.makedirs(out_dir, exist_ok=True)
    n = W.run(out_dir)
    truth = W.write_truth(out_dir)
    return {
        "world": "harbor",
        "seed": W.seed,
        "events": n,
        "benign_accounts": truth["benign_accounts"],
        "benign_groups": {g: v["accounts"] for g, v in truth["benign_groups"].items()},
        "campaigns": {c: len(v["accounts"]) for c, v in truth["campaigns"].items()},
        "campaign_events": sum(a.n for a in W.accounts if a.campaign is not None),
    }
