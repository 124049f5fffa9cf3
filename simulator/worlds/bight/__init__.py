"""bight: an independent synthetic API-traffic world (benign population plus distillation operations).

Run with ``python -m bight --seed 1 --benign 3000 --hours 8 --out DIR``.
"""
__version__ = "1.0.0"
