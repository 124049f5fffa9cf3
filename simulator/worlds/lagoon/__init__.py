"""lagoon: an independent synthetic LLM-API traffic world (benign population plus distillation campaigns)."""
from .world import build

__all__ = ["build"]
