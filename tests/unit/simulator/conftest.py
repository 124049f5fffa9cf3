"""Shared smoke-scenario runs (generated once per test session)."""

from __future__ import annotations

import pytest

from simulator import Simulation, load_scenario


@pytest.fixture(scope="session")
def smoke_run():
    """(lines, events, truth) of the full smoke scenario with its default seed."""
    simulation = Simulation(load_scenario("smoke"))
    lines = [line for _, _, line in simulation.records()]
    import orjson

    return lines, [orjson.loads(line) for line in lines], simulation.truth()


def owner_map(truth: dict) -> dict[str, str]:
    return {a: cid for cid, c in truth["campaigns"].items() for a in c["accounts"]}
