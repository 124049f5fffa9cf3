"""skerry: an independent, seeded traffic world for distillation-abuse detection tests.

Run as ``python -m <package> --seed S --benign N --hours H --out DIR``.
"""

from .world import build_world, write_world  # noqa: F401
