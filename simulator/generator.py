"""The event generator: a heap of (next event time, account) over compact account states.

Events come out in event-time order, one at a time, so memory is bounded by the
number of accounts, not the number of events. One `random.Random(seed)` drives
everything in a fixed order, so the same scenario and seed give the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from heapq import heapify, heappop, heapreplace

import orjson

from simulator.behaviour import Account, Behaviour, RunContext
from simulator.campaigns import CAMPAIGNS, Campaign
from simulator.contract import format_ts
from simulator.personas import PERSONAS
from simulator.scenario import Scenario
from simulator.world import COUNTRIES, World

INDEX_BITS = 24  # up to 16M accounts per run
INDEX_MASK = (1 << INDEX_BITS) - 1
NEVER = 1 << 62  # release time when the scenario releases no model
_MASK64 = (1 << 64) - 1
_MASK48 = (1 << 48) - 1


class Simulation:
    """One run of a scenario: iterate `events()`, then read `truth()`."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.rng = rng = random.Random(scenario.seed)
        world_knobs = scenario.world
        world = World.build(rng, int(world_knobs.get("corporate_nats", 40)),
                            int(world_knobs.get("university_nats", 10)), int(world_knobs.get("carriers", 4)))
        self.ctx = RunContext(world, scenario.start_ms, scenario.end_ms, scenario.release_model,
                              NEVER if scenario.release_ms is None else scenario.release_ms, format_ts)
        self.personas: dict[str, Behaviour] = {}
        self.campaigns: dict[str, Campaign] = {}
        self.accounts: list[Account] = []
        self._ids: set[str] = set()
        self._group_ranges: list[tuple[Behaviour, int, int]] = []
        for kind, spec in scenario.personas.items():
            if kind not in PERSONAS:
                raise ValueError(f"unknown persona {kind!r} (known: {sorted(PERSONAS)})")
            behaviour = PERSONAS[kind](self.ctx, spec)
            self.personas[kind] = behaviour
            self._add_accounts(behaviour, int(spec["count"]))
        for spec in scenario.campaigns:
            if spec["kind"] not in CAMPAIGNS:
                raise ValueError(f"unknown campaign kind {spec['kind']!r} (known: {sorted(CAMPAIGNS)})")
            campaign = CAMPAIGNS[spec["kind"]](self.ctx, spec, rng, spec["id"])
            self.campaigns[spec["id"]] = campaign
            self._add_accounts(campaign, campaign.size)
        if len(self.accounts) > INDEX_MASK:
            raise ValueError(f"at most {INDEX_MASK:,} accounts per run")
        self._ids.clear()
        self.events_emitted = 0

    def _add_accounts(self, behaviour: Behaviour, count: int) -> None:
        rng, first = self.rng, len(self.accounts)
        offsets = [int(offset * 3_600_000) for _, offset, _ in COUNTRIES]
        countries = [country for country, _, _ in COUNTRIES]
        weights = self.ctx.world.country_weights
        for index in rng.choices(range(len(COUNTRIES)), weights, k=count):
            account = Account(self._new_account_id(), behaviour, offsets[index])
            account.country = countries[index]
            self.accounts.append(account)
        self._group_ranges.append((behaviour, first, len(self.accounts)))

    def _new_account_id(self) -> str:
        while True:
            account_id = f"acct_{self.rng.getrandbits(48):012x}"
            if account_id not in self._ids:
                self._ids.add(account_id)
                return account_id

    def records(self) -> Iterator[tuple[int, str, str]]:
        """Yield (event time ms, account_id, event JSON text) in event-time order.

        Ties are broken by account index, so the order is deterministic.
        """
        rng, accounts, end = self.rng, self.accounts, self.ctx.end_ms
        # heap entries are single ints, time << INDEX_BITS | account index: much faster than tuples
        heap = []
        for index, account in enumerate(accounts):
            first = account.behaviour.first_time(account, rng)
            if first is not None and first < end:
                heap.append(first << INDEX_BITS | index)
        heapify(heap)
        # event ids: a per-run random prefix + a bijective scramble of the event counter,
        # unique by construction and uuid-shaped
        id_prefix = f"{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}-{rng.getrandbits(16):04x}-"
        id_salt, id_mult = rng.getrandbits(64), rng.getrandbits(64) | 1
        minute, ts_prefix = -1, ""
        emitted = 0
        try:
            while heap:
                entry = heap[0]
                t, index = entry >> INDEX_BITS, entry & INDEX_MASK
                account = accounts[index]
                behaviour = account.behaviour
                if account.static is None:
                    behaviour.open_account(account, t, rng)
                if t // 60_000 != minute:
                    minute = t // 60_000
                    ts_prefix = format_ts(minute * 60_000)[:17]
                scrambled = (emitted * id_mult + id_salt) & _MASK64
                line, nxt = behaviour.emit(
                    account, t, f"{id_prefix}{scrambled >> 48:04x}-{scrambled & _MASK48:012x}",
                    f"{ts_prefix}{t // 1000 % 60:02d}.{t % 1000:03d}Z", rng)
                if nxt is None or nxt >= end:
                    heappop(heap)
                else:
                    heapreplace(heap, (nxt if nxt > t else t) << INDEX_BITS | index)
                emitted += 1
                yield t, account.account_id, line
        finally:
            self.events_emitted = emitted

    def events(self) -> Iterator[dict]:
        """Yield events as dicts (parsed from `records`; slower, for tests and in-process use)."""
        loads = orjson.loads
        for _, _, line in self.records():
            yield loads(line)

    def _members(self, behaviour) -> list:
        for b, first, last in self._group_ranges:
            if b is behaviour:
                return self.accounts[first:last]
        return []

    def truth(self) -> dict:
        """Ground truth for the evaluator; call after `events()` is exhausted.

        Only accounts that sent at least one request are counted.
        """
        scenario = self.scenario
        active = {id(b): [] for b, _, _ in self._group_ranges}
        for behaviour, first, last in self._group_ranges:
            active[id(behaviour)].extend(a.account_id for a in self.accounts[first:last] if a.static is not None)
        personas = {kind: len(active[id(b)]) for kind, b in self.personas.items()}
        campaigns = {
            cid: {"kind": c.kind, "start": format_ts(c.start_ms), "end": format_ts(c.end_ms),
                  "accounts": active[id(c)], "configured_accounts": c.size,
                  "first_seen": {a.account_id: format_ts(a.opened_ms) for a in self._members(c) if a.static is not None},
                  "params": {k: v for k, v in c.p.items() if k != "models"}}
            for cid, c in self.campaigns.items()
        }
        return {
            "scenario": scenario.name, "seed": scenario.seed,
            "start": format_ts(scenario.start_ms), "end": format_ts(scenario.end_ms),
            "model_release": None if scenario.release_ms is None else {
                "model": scenario.release_model, "ts": format_ts(scenario.release_ms)},
            "campaigns": campaigns,
            "benign_accounts": sum(personas.values()),
            "personas": personas,
            "events": self.events_emitted,
        }
