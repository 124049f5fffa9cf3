"""inlet: an independent synthetic traffic world (benign API population and
distillation campaigns) emitting the gateway's api-requests events."""

from .world import World, generate

__all__ = ["World", "generate"]
