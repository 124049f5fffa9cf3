"""tundra: a session-driven synthetic traffic world with heavy-tailed personas
and adversarial, threshold-aware distillation campaigns.

    python -m simulator.worlds.tundra --seed N --benign 6000 --hours 8 --out DIR
"""
from .world import generate

__all__ = ["generate"]
