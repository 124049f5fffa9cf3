"""sound: an independent traffic world for distillation-campaign detection tests.

Run as ``python -m sound --seed 1 --benign 10000 --hours 8 --out DIR``.
"""

WORLD_NAME = "sound"
