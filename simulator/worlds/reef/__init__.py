"""reef: an independent synthetic API-traffic world (benign population plus distillation campaigns)."""

__all__ = ["world"]
