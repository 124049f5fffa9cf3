"""Machinery shared by benign personas and attack campaigns.

A `Behaviour` drives a group of accounts: it decides when each account acts
(`first_time`, then the next time returned by `emit`) and what each request
looks like. Per-account state lives in a compact `Account`; the static profile
(ids, card, address) is filled lazily on the account's first request so a
million idle accounts cost little.
"""

from __future__ import annotations

import math
import random
import statistics

import orjson
from bisect import bisect
from dataclasses import dataclass

from simulator.world import EXISTING_MODELS, SDK_AGENTS, NatGateway, World, hex_id

HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS
QUARTER_MS = 900_000
MAX_AGE_DAYS = 1200  # the API has not existed for longer


def _profile(shape) -> tuple[float, ...]:
    """Activity weight in [0, 1] for each local quarter-hour of the day."""
    return tuple(max(0.0, min(1.0, shape(q / 4.0))) for q in range(96))


def _waking_hours(hour: float) -> float:
    """Quiet 1-7h local, rising through the day, peaking in the afternoon."""
    if 1 <= hour < 7:
        return 0.04
    if hour < 1:
        return 0.35
    return 0.35 + 0.65 * math.sin(math.pi * (hour - 7) / 17) ** 0.5


DIURNAL = {
    "day": _profile(_waking_hours),
    # office hours with a lunch dip and some evening work
    "work": _profile(lambda h: 1.0 if 9 <= h < 12 or 13 <= h < 18 else 0.6 if 12 <= h < 13 else 0.25 if 18 <= h < 23 or 7 <= h < 9 else 0.03),
    "flat": _profile(lambda h: 1.0),
}


def cumulative(weights: dict[str, float]) -> tuple[tuple[str, ...], list[float]]:
    """(keys, normalised cumulative weights) for `pick`."""
    keys = tuple(weights)
    total = float(sum(weights.values()))
    acc, cum = 0.0, []
    for key in keys:
        acc += weights[key] / total
        cum.append(acc)
    cum[-1] = 1.0
    return keys, cum


def between(rng: random.Random, low: int, high: int) -> int:
    """Uniform integer in [low, high] (a faster rng.randint)."""
    return low + int(rng.random() * (high - low + 1))


def choose(rng: random.Random, items):
    """Uniform element of a non-empty sequence (a faster rng.choice)."""
    return items[int(rng.random() * len(items))]


def pick(rng: random.Random, table: tuple[tuple[str, ...], list[float]]) -> str:
    """Weighted choice from a `cumulative` table (faster than rng.choices)."""
    keys, cum = table
    return keys[bisect(cum, rng.random())]


# Fixed tables of standard-normal and beta quantiles: sampling by index is several times
# faster than random.gauss/betavariate, and stays deterministic for a given seed.
_TABLE_BITS = 12
_BETA_BITS = 10
_NORMALS = tuple(statistics.NormalDist().inv_cdf((i + 0.5) / (1 << _TABLE_BITS)) for i in range(1 << _TABLE_BITS))
_BETA_TABLES: dict[tuple[float, float], tuple[float, ...]] = {}


def lognormal_int(rng: random.Random, median: float, sigma: float, low: int = 1, high: int = 1_000_000) -> int:
    value = int(median * math.exp(sigma * _NORMALS[rng.getrandbits(_TABLE_BITS)]))
    return low if value < low else high if value > high else value


def beta(rng: random.Random, ab: tuple[float, float]) -> float:
    """A Beta(a, b) draw rounded to 3 decimals, from a cached table of 1024 draws."""
    key = (float(ab[0]), float(ab[1]))
    table = _BETA_TABLES.get(key)
    if table is None:
        draws = random.Random(f"beta{key}")
        table = tuple(sorted(round(draws.betavariate(*key), 3) for _ in range(1 << _BETA_BITS)))
        _BETA_TABLES[key] = table
    return table[rng.getrandbits(_BETA_BITS)]


def flip_bits(rng: random.Random, base: int, max_flips: int) -> int:
    """`base` with 0..max_flips random bits flipped (a near-duplicate SimHash)."""
    for _ in range(int(rng.random() * (max_flips + 1))):
        base ^= 1 << rng.getrandbits(6)
    return base


class Account:
    """Compact per-account state; profile fields are None until the first request."""

    __slots__ = (
        "account_id", "behaviour", "tz_offset_ms", "org_id", "api_key_id", "created_at", "payment",
        "user_agent", "system_prompt", "ip", "asn", "country", "addresses", "adopt_at",
        "remaining", "turns", "session_hash", "until", "templates", "interval_ms", "mode", "static",
        "opened_ms",
    )

    def __init__(self, account_id: str, behaviour: "Behaviour", tz_offset_ms: int) -> None:
        self.account_id = account_id
        self.behaviour = behaviour
        self.tz_offset_ms = tz_offset_ms
        self.static = None
        self.remaining = 0
        self.turns = 1
        self.session_hash = 0
        self.until = 0
        self.addresses = None
        self.templates = None
        self.country = None
        self.mode = 0


@dataclass
class RunContext:
    """What every behaviour needs to know about the run."""

    world: World
    start_ms: int
    end_ms: int
    release_model: str
    release_ms: int
    format_ts: object  # callable epoch_ms -> RFC 3339 string


_JSON_BOOL = ("false", "true")
ERROR_TABLE = cumulative({"429": 0.55, "529": 0.25, "400": 0.15, "500": 0.05})
MODEL_SPEED_MS_PER_TOKEN = {"claude-haiku-4-5": 6, "claude-sonnet-4-5": 14, "claude-opus-4-1": 30}


class Behaviour:
    """Base class: parameters, profile helpers, and the event builder."""

    kind = "base"
    defaults: dict = {}
    extra_knobs: frozenset = frozenset()  # optional knobs without a default

    def __init__(self, ctx: RunContext, params: dict | None = None) -> None:
        merged = {**self.defaults, **(params or {})}
        unknown = set(merged) - set(self.defaults) - {"count"} - self.extra_knobs
        if unknown:
            raise ValueError(f"{self.kind}: unknown parameters {sorted(unknown)}")
        self.ctx = ctx
        self.p = merged
        self.start_ms, self.end_ms = ctx.start_ms, ctx.end_ms
        self.models = cumulative(merged.get("models", {m: 1 for m in EXISTING_MODELS}))
        self.error_rate = merged.get("error_rate", 0.015)

    # -- timing -------------------------------------------------------------
    def first_time(self, acct: Account, rng: random.Random) -> int | None:
        raise NotImplementedError

    def emit(self, acct: Account, t: int, event_id: str, ts: str, rng: random.Random) -> tuple[str, int | None]:
        """The JSON text of the account's request at `t`, and its next request time (None: no more)."""
        raise NotImplementedError

    def fill_profile(self, acct: Account, t: int, rng: random.Random) -> None:
        raise NotImplementedError

    # -- profile helpers ------------------------------------------------------
    def created_before(self, t: int, rng: random.Random, median_days: float, sigma: float = 1.0) -> str:
        age_days = min(median_days * math.exp(sigma * _NORMALS[rng.getrandbits(_TABLE_BITS)]), MAX_AGE_DAYS)
        return self.ctx.format_ts(t - max(int(age_days * DAY_MS), 60_000) - int(rng.random() * 1000))

    def adoption_time(self, rng: random.Random, early_share: float, mean_days: float, early_hours: float = 3.0) -> int:
        """When this account starts using the newly released model."""
        release = self.ctx.release_ms
        if rng.random() < early_share:
            return release + int(rng.random() * early_hours * HOUR_MS)
        return release + int(rng.expovariate(1.0 / mean_days) * DAY_MS)

    def choose_model(self, acct: Account, t: int, rng: random.Random, new_share: float = 0.7) -> str:
        if t >= acct.adopt_at and rng.random() < new_share:
            return self.ctx.release_model
        return pick(rng, self.models)

    def attach_home_or_nat(self, acct: Account, rng: random.Random, mix: tuple) -> NatGateway | None:
        """Give the account an address: its own home IP, or a shared NAT pool (returned)."""
        world = self.ctx.world
        network = pick(rng, mix)
        gateways = {"corporate": world.corporate_nats, "university": world.university_nats,
                    "carrier": world.carrier_nats}.get(network)
        if gateways:
            gateway = rng.choice(world.gateways_by_country.get((network, acct.country)) or gateways)
            acct.asn, acct.country, acct.addresses = gateway.asn, gateway.country, gateway.addresses
            acct.ip = rng.choice(gateway.addresses)
            return gateway
        country = acct.country or world.pick_country()[0]
        isp = rng.choice(world.isps_by_country[country])
        acct.asn, acct.country, acct.ip = isp.asn, country, isp.home_address(rng)
        return None

    def sdk_agent(self, rng: random.Random) -> str:
        return SDK_AGENTS[min(int(rng.expovariate(0.6)), len(SDK_AGENTS) - 1)]

    # -- event ----------------------------------------------------------------
    def event(self, acct: Account, event_id: str, ts: str, rng: random.Random, model: str, endpoint: str,
              input_tokens: int, output_tokens: int, stream: bool, tool_count: int, thinking: bool,
              task: str, cot: float, simhash: int) -> str:
        """One contract event as compact JSON text; draws status and latency.

        Formatted directly (every value is plain ASCII we control, asn is always an int
        and country a string here): about twice as fast as building a dict for orjson.
        """
        status = 200
        if rng.random() < self.error_rate:
            status = int(pick(rng, ERROR_TABLE))
            output_tokens = 0
            latency = 80 + int(rng.random() * 900)
        else:
            per_token = MODEL_SPEED_MS_PER_TOKEN.get(model, 18)
            latency = 250 + int(output_tokens * per_token * (0.7 + 0.6 * rng.random())) + input_tokens // 200
            if thinking:
                latency += int(rng.random() * 20_000)
        if acct.addresses is not None and acct.remaining <= 1:
            acct.ip = acct.addresses[int(rng.random() * len(acct.addresses))]
        return (
            f'{{"event_id":"{event_id}","ts":"{ts}",{acct.static},"client_ip":"{acct.ip}","asn":{acct.asn},'
            f'"country":"{acct.country}","model":"{model}","endpoint":"{endpoint}","status":{status},'
            f'"input_tokens":{input_tokens},"output_tokens":{output_tokens},"latency_ms":{latency},'
            f'"stream":{_JSON_BOOL[stream]},"tool_count":{tool_count},"turns":{acct.turns},'
            f'"thinking":{_JSON_BOOL[thinking]},"task_category":"{task}","cot_elicitation":{cot},'
            f'"prompt_simhash":"{simhash:016x}"}}'
        )

    def open_account(self, acct: Account, t: int, rng: random.Random) -> None:
        """Fill the profile on the first request and pre-encode its static JSON fields."""
        acct.opened_ms = t
        self.fill_profile(acct, t, rng)
        static = {
            "account_id": acct.account_id, "org_id": acct.org_id, "api_key_id": acct.api_key_id,
            "account_created_at": acct.created_at, "payment_fingerprint": acct.payment,
            "user_agent": acct.user_agent, "system_prompt_hash": acct.system_prompt,
        }
        acct.static = orjson.dumps(static).decode()[1:-1]


class SessionBehaviour(Behaviour):
    """Accounts that work in sessions: diurnal session starts, short gaps inside a session.

    Optional churn, `stay_days: [lo, hi]`: each account stays active for lo..hi days, then never
    returns (long runs with a turning-over population). It arrives at a uniform time in the run or
    up to its stay before it, so the population is under way at the start: as many accounts are
    active on the first day as on any other (a service deployed on a running API).
    """

    extra_knobs = frozenset({"stay_days"})

    def __init__(self, ctx: RunContext, params: dict | None = None) -> None:
        super().__init__(ctx, params)
        p = self.p
        self.stay_days = p.get("stay_days")
        weights = DIURNAL[p["diurnal"]]
        self.weights = weights
        mean_weight = sum(weights) / len(weights)
        # candidate rate per ms for thinning, so accepted sessions average sessions_per_day
        self.candidate_rate = p["sessions_per_day"] / mean_weight / DAY_MS
        self.session_mean = p["session_requests"]
        self.gap_ms = p["gap_seconds"] * 1000

    def next_session(self, acct: Account, after: int, rng: random.Random) -> int | None:
        t, end, weights, off = after, self.end_ms, self.weights, acct.tz_offset_ms
        rate = self.candidate_rate
        if self.stay_days is not None:
            end = min(end, acct.until)
        while True:
            t += int(-math.log(1.0 - rng.random()) / rate) + 1
            if t >= end:
                return None
            if rng.random() < weights[(t + off) // QUARTER_MS % 96]:
                return t

    def first_time(self, acct: Account, rng: random.Random) -> int | None:
        if self.stay_days is None:
            return self.next_session(acct, self.start_ms, rng)
        stay = int(rng.uniform(*self.stay_days) * DAY_MS)
        arrive = self.start_ms - stay + int(rng.random() * (self.end_ms - self.start_ms + stay))
        acct.until = arrive + stay
        return self.next_session(acct, max(arrive, self.start_ms), rng)

    def start_session(self, acct: Account, rng: random.Random) -> None:
        """Called before the first request of each session."""
        acct.remaining = 1 + int(rng.expovariate(1.0 / max(self.session_mean - 1, 0.01)))
        acct.turns = 1
        acct.session_hash = rng.getrandbits(64)

    def advance(self, acct: Account, t: int, rng: random.Random) -> int | None:
        """Bookkeeping after a request: next request of this session or of a later one."""
        acct.remaining -= 1
        if acct.remaining > 0:
            return t + 500 + int(-math.log(1.0 - rng.random()) * self.gap_ms)
        return self.next_session(acct, t + 10 * 60_000, rng)

    def emit(self, acct: Account, t: int, event_id: str, ts: str, rng: random.Random) -> tuple[str, int | None]:
        if acct.remaining <= 0:
            self.start_session(acct, rng)
        event = self.request(acct, t, event_id, ts, rng)
        return event, self.advance(acct, t, rng)

    def request(self, acct: Account, t: int, event_id: str, ts: str, rng: random.Random) -> str:
        raise NotImplementedError


def new_key(rng: random.Random) -> str:
    return hex_id(rng, "key_", 10)


def new_card(rng: random.Random) -> str:
    return hex_id(rng, "pm_", 16)


def new_org(rng: random.Random) -> str:
    return hex_id(rng, "org_", 12)
