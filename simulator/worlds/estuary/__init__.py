"""estuary: an independent synthetic traffic world for the `api-requests` topic."""

from .world import generate  # noqa: F401
