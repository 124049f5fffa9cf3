"""Synthetic traffic world "delta" (see README.md)."""
from .world import World

__all__ = ["World"]
