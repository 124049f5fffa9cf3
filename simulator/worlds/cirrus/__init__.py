"""cirrus: an independent traffic world of LLM API requests with distillation campaigns hidden among
benign look-alikes. Run ``python -m simulator.worlds.cirrus --help``."""

from .world import generate  # noqa: F401

WORLD = "cirrus"
