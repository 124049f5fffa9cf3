"""atoll: an independent synthetic API-traffic world (benign population plus distillation campaigns)."""

WORLD_NAME = "atoll"
