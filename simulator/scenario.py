"""Scenario files: YAML describing the population, the new-model release and the campaigns."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from simulator.contract import format_ts, parse_ts

SCENARIO_DIR = Path(__file__).parent / "scenarios"


@dataclass
class Scenario:
    """A parsed scenario; `personas` maps persona kind -> parameter dict (with `count`)."""

    name: str
    seed: int
    start_ms: int
    hours: float
    release_model: str
    release_hour: float | None  # None: no model released during the run
    world: dict = field(default_factory=dict)
    personas: dict[str, dict] = field(default_factory=dict)
    campaigns: list[dict] = field(default_factory=list)

    @property
    def end_ms(self) -> int:
        return self.start_ms + int(self.hours * 3_600_000)

    @property
    def release_ms(self) -> int | None:
        if self.release_hour is None:
            return None
        return self.start_ms + int(self.release_hour * 3_600_000)

    @property
    def start(self) -> str:
        return format_ts(self.start_ms)


def scenario_names() -> list[str]:
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml"))


def load_scenario(name_or_path: str, *, seed: int | None = None, hours: float | None = None,
                  start: str | None = None, accounts_scale: float = 1.0) -> Scenario:
    """Load a named scenario (`smoke`, `default`, `large`) or a YAML path, applying CLI overrides."""
    path = Path(name_or_path)
    if not path.suffix and not path.exists():
        path = SCENARIO_DIR / f"{name_or_path}.yaml"
    if not path.exists():
        raise FileNotFoundError(f"no scenario {name_or_path!r} (named ones: {', '.join(scenario_names())})")
    return parse_scenario(yaml.safe_load(path.read_text()), seed=seed, hours=hours, start=start,
                          accounts_scale=accounts_scale)


def parse_scenario(raw: dict, *, seed: int | None = None, hours: float | None = None, start: str | None = None,
                   accounts_scale: float = 1.0) -> Scenario:
    """Build a Scenario from its YAML mapping."""
    raw = copy.deepcopy(raw)
    personas = {}
    for kind, spec in (raw.get("personas") or {}).items():
        spec = {"count": spec} if isinstance(spec, (int, float)) else dict(spec)
        spec["count"] = _scaled(spec.get("count", 0), accounts_scale)
        personas[kind] = spec
    campaigns = []
    for index, spec in enumerate(raw.get("campaigns") or []):
        spec = dict(spec)
        if "kind" not in spec:
            raise ValueError(f"campaign #{index} has no kind")
        spec.setdefault("id", f"{spec['kind']}-{index + 1}")
        if "accounts" in spec:
            spec["accounts"] = max(1, _scaled(spec["accounts"], accounts_scale))
        campaigns.append(spec)
    ids = [c["id"] for c in campaigns]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate campaign ids: {ids}")
    release = raw.get("release") or {}
    return Scenario(
        name=str(raw.get("name", "custom")),
        seed=int(seed if seed is not None else raw.get("seed", 1)),
        start_ms=parse_ts(start or str(raw.get("start", "2026-11-20T00:00:00Z"))),
        hours=float(hours if hours is not None else raw.get("hours", 24)),
        release_model=str(release.get("model", "claude-next-5")),
        release_hour=float(release["at_hour"]) if "at_hour" in release else None,
        world=dict(raw.get("world") or {}),
        personas=personas,
        campaigns=campaigns,
    )


def _scaled(count: float, scale: float) -> int:
    return int(round(float(count) * scale))
