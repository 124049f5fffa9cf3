"""Attack campaigns shaped after public reports of distillation operations.

hydra       proxy-run swarm of thousands of light, mostly young accounts sharing cards,
            proxy prefixes and prompt templates; pivots to a new model within hours
sync_fleet  a small scripted fleet firing in synchronised rounds
aged_fleet  aged accounts with distinct cards and homes, linked only by shared agent
            system prompts and prompt templates; tool-heavy multi-turn traffic
scraper     one account at high volume

Nothing in an event names the campaign: the ground truth is kept apart.
"""

from __future__ import annotations

import math
import random

from simulator.behaviour import (
    between, choose,
    DAY_MS, HOUR_MS, Account, Behaviour, RunContext, SessionBehaviour, beta, cumulative, flip_bits,
    lognormal_int, new_card, new_key, pick,
)
from simulator.personas import CHAT_TASKS
from simulator.world import hex_id, ipv4

BLEND_TASKS = cumulative(CHAT_TASKS)


class Campaign(Behaviour):
    """A behaviour bound to a time window [start_hour, start_hour + duration_hours)."""

    common_defaults = {"accounts": 1, "start_hour": 1.0, "duration_hours": None}

    def __init__(self, ctx: RunContext, params: dict, rng: random.Random, campaign_id: str) -> None:
        self.defaults = {**self.common_defaults, **self.defaults}
        params = {k: v for k, v in params.items() if k not in ("id", "kind")}
        super().__init__(ctx, {k: v for k, v in params.items() if v is not None})
        self.campaign_id = campaign_id
        self.rng = rng
        self.start_ms = ctx.start_ms + int(self.p["start_hour"] * HOUR_MS)
        if self.p["duration_hours"] is not None:
            self.end_ms = min(ctx.end_ms, self.start_ms + int(self.p["duration_hours"] * HOUR_MS))

    @property
    def size(self) -> int:
        return int(self.p["accounts"])

    def pivot_time(self, rng: random.Random) -> int:
        """Campaign accounts switch to the new model within `pivot_hours` of release."""
        return self.ctx.release_ms + int(rng.random() * self.p["pivot_hours"] * HOUR_MS)

    def choose_model(self, acct: Account, t: int, rng: random.Random, new_share: float | None = None) -> str:
        return super().choose_model(acct, t, rng, self.p["pivot_share"] if new_share is None else new_share)

    def fill_cloud_account(self, acct: Account, t: int, rng: random.Random, age_median_days: float,
                           payment) -> None:
        """Profile of a scripted account on this campaign's cloud VMs (`payment()` draws its card)."""
        acct.api_key_id = new_key(rng)
        acct.org_id = None
        acct.created_at = self.created_before(t, rng, age_median_days)
        acct.payment = payment()
        acct.user_agent = self.sdk_agent(rng)
        acct.system_prompt = None
        self.set_cloud_profile(acct, t, rng, self.cloud)
        acct.adopt_at = self.pivot_time(rng)

    def set_cloud_profile(self, acct: Account, t: int, rng: random.Random, addresses: tuple) -> None:
        acct.asn, acct.country, pool = addresses
        acct.ip = choose(rng, pool)


def _campaign_models() -> dict:
    return {"claude-sonnet-4-5": 6, "claude-opus-4-1": 4}


class HydraCampaign(Campaign):
    """Thousands of light accounts behind residential proxies, harvesting reasoning traces."""

    kind = "hydra"
    defaults = {
        "accounts": 2000, "ramp_hours": 6.0, "lifetime_hours": (4.0, 12.0), "requests_per_account": (4, 30),
        "blend_share": 0.15, "accounts_per_card": (20, 50), "credit_share": 0.2, "templates": 8,
        "max_flips": 3, "proxy_asns": 3, "proxy_prefixes": 6, "young_share": 0.85, "young_max_days": 14,
        "pivot_hours": 3.0, "pivot_share": 0.9, "cot": (8.0, 2.0), "output_median": 3000,
        "tasks": {"coding": 40, "reasoning": 40, "tool_use": 20}, "system_prompt_share": 0.3,
        "models": _campaign_models(),
    }

    def __init__(self, ctx: RunContext, params: dict, rng: random.Random, campaign_id: str) -> None:
        super().__init__(ctx, params, rng, campaign_id)
        p, world = self.p, ctx.world
        self.tasks = cumulative(p["tasks"])
        mean_per_card = sum(p["accounts_per_card"]) / 2
        self.cards = [new_card(rng) for _ in range(max(1, math.ceil(self.size / mean_per_card)))]
        self.templates = [rng.getrandbits(64) for _ in range(p["templates"])]
        self.prompts = [world.chat_ui_prompt, hex_id(rng, "sp_", 16), hex_id(rng, "sp_", 16)]
        # residential-proxy exits: a few prefixes inside ordinary residential ISPs
        countries = sorted(world.isps_by_country)
        isps = [choose(rng, world.isps_by_country[choose(rng, countries)]) for _ in range(p["proxy_asns"])]
        self.proxy_pool = [(isp.asn, isp.country, choose(rng, isp.prefixes))
                           for isp in (choose(rng, isps) for _ in range(p["proxy_prefixes"]))]

    def first_time(self, acct: Account, rng: random.Random) -> int | None:
        p = self.p
        activation = self.start_ms + int(rng.random() * p["ramp_hours"] * HOUR_MS)
        acct.until = activation + int(rng.uniform(*p["lifetime_hours"]) * HOUR_MS)
        acct.remaining = between(rng, *p["requests_per_account"])
        return self._next_uniform(acct, activation, rng)

    def _next_uniform(self, acct: Account, t: int, rng: random.Random) -> int | None:
        """Earliest of `remaining` uniform times in (t, until): requests spread evenly, no rhythm."""
        if acct.remaining <= 0:
            return None
        nxt = t + 1 + int((acct.until - t) * (1.0 - rng.random() ** (1.0 / acct.remaining)))
        return nxt if nxt < self.end_ms else None

    def fill_profile(self, acct: Account, t: int, rng: random.Random) -> None:
        p = self.p
        acct.api_key_id = new_key(rng)
        acct.org_id = None
        if rng.random() < p["young_share"]:
            acct.created_at = self.ctx.format_ts(t - 60_000 - int(rng.random() * p["young_max_days"] * DAY_MS))
        else:
            acct.created_at = self.created_before(t, rng, 200)
        acct.payment = None if rng.random() < p["credit_share"] else choose(rng, self.cards)
        acct.user_agent = self.sdk_agent(rng)
        acct.system_prompt = choose(rng, self.prompts) if rng.random() < p["system_prompt_share"] else None
        acct.adopt_at = self.pivot_time(rng)

    def emit(self, acct: Account, t: int, event_id: str, ts: str, rng: random.Random) -> tuple[str, int | None]:
        p = self.p
        acct.asn, acct.country, prefix = self.proxy_pool[int(rng.random() * len(self.proxy_pool))]
        acct.ip = ipv4(prefix | (1 + int(rng.random() * 254)))
        acct.turns = 1 if rng.random() < 0.8 else 2
        if rng.random() < p["blend_share"]:
            event = self.event(
                acct, event_id, ts, rng, self.choose_model(acct, t, rng, 0.5), "messages",
                lognormal_int(rng, 500, 1.0), lognormal_int(rng, 450, 0.8), rng.random() < 0.7, 0, False,
                pick(rng, BLEND_TASKS), beta(rng, (1.2, 8.0)), rng.getrandbits(64),
            )
        else:
            task = pick(rng, self.tasks)
            event = self.event(
                acct, event_id, ts, rng, self.choose_model(acct, t, rng), "messages",
                lognormal_int(rng, 900, 0.6), lognormal_int(rng, p["output_median"], 0.5), rng.random() < 0.3,
                between(rng, 3, 10) if task == "tool_use" else 0, rng.random() < 0.5, task,
                beta(rng, p["cot"]), flip_bits(rng, self.templates[int(rng.random() * len(self.templates))],
                                               p["max_flips"]),
            )
        acct.remaining -= 1
        return event, self._next_uniform(acct, t, rng)


class SyncFleetCampaign(Campaign):
    """A scripted fleet: every account fires within `jitter_seconds` of each round."""

    kind = "sync_fleet"
    defaults = {
        "accounts": 30, "period_minutes": 10.0, "jitter_seconds": 2.0, "participation": 0.95,
        "templates": 4, "cot": (5.0, 3.0), "accounts_per_card": 5, "vms": 6, "age_median_days": 60,
        "pivot_hours": 6.0, "pivot_share": 0.8, "tasks": {"reasoning": 60, "coding": 40},
        "models": _campaign_models(),
    }

    def __init__(self, ctx: RunContext, params: dict, rng: random.Random, campaign_id: str) -> None:
        super().__init__(ctx, params, rng, campaign_id)
        self.tasks = cumulative(self.p["tasks"])
        self.period_ms = int(self.p["period_minutes"] * 60_000)
        self.templates = [rng.getrandbits(64) for _ in range(self.p["templates"])]
        self.cards = [new_card(rng) for _ in range(max(1, self.size // self.p["accounts_per_card"]))]
        self.cloud = ctx.world.cloud_addresses(self.p["vms"])

    def _next_round(self, acct: Account, rng: random.Random) -> int | None:
        jitter = self.p["jitter_seconds"] * 1000
        while True:
            acct.until += self.period_ms  # the round's nominal start
            if acct.until >= self.end_ms:
                return None
            if rng.random() < self.p["participation"]:
                return min(acct.until + int(rng.random() * jitter), self.end_ms - 1)

    def first_time(self, acct: Account, rng: random.Random) -> int | None:
        acct.until = self.start_ms - self.period_ms
        return self._next_round(acct, rng)

    def fill_profile(self, acct: Account, t: int, rng: random.Random) -> None:
        self.fill_cloud_account(acct, t, rng, self.p["age_median_days"], lambda: choose(rng, self.cards))

    def emit(self, acct: Account, t: int, event_id: str, ts: str, rng: random.Random) -> tuple[str, int | None]:
        event = self.event(
            acct, event_id, ts, rng, self.choose_model(acct, t, rng), "messages",
            lognormal_int(rng, 700, 0.5), lognormal_int(rng, 1800, 0.5), False, 0, rng.random() < 0.4,
            pick(rng, self.tasks), beta(rng, self.p["cot"]), flip_bits(rng, choose(rng, self.templates), 3),
        )
        return event, self._next_round(acct, rng)


class AgedFleetCampaign(Campaign, SessionBehaviour):
    """Aged, unlinked-looking accounts whose only link is shared agent prompts and templates."""

    kind = "aged_fleet"
    defaults = {
        "accounts": 60, "sessions_per_day": 8.0, "session_requests": 15, "gap_seconds": 10, "diurnal": "flat",
        "system_prompts": 3, "templates": 10, "max_flips": 3, "tools": (12, 40), "cot": (4.0, 3.0),
        "age_days": (300, 1200), "pivot_hours": 12.0, "pivot_share": 0.6,
        "tasks": {"tool_use": 50, "coding": 30, "reasoning": 20}, "models": _campaign_models(),
    }
    HOME_ONLY = cumulative({"home": 1})

    def __init__(self, ctx: RunContext, params: dict, rng: random.Random, campaign_id: str) -> None:
        super().__init__(ctx, params, rng, campaign_id)  # Campaign, then SessionBehaviour via the MRO
        self.tasks = cumulative(self.p["tasks"])
        self.prompts = [hex_id(rng, "sp_", 16) for _ in range(self.p["system_prompts"])]
        self.templates = [rng.getrandbits(64) for _ in range(self.p["templates"])]

    def fill_profile(self, acct: Account, t: int, rng: random.Random) -> None:
        acct.api_key_id = new_key(rng)
        acct.org_id = None
        acct.created_at = self.ctx.format_ts(t - int(rng.uniform(*self.p["age_days"]) * DAY_MS))
        acct.payment = new_card(rng)
        acct.user_agent = self.sdk_agent(rng)
        acct.system_prompt = choose(rng, self.prompts)
        self.attach_home_or_nat(acct, rng, self.HOME_ONLY)
        acct.adopt_at = self.pivot_time(rng)

    def request(self, acct: Account, t: int, event_id: str, ts: str, rng: random.Random) -> str:
        event = self.event(
            acct, event_id, ts, rng, self.choose_model(acct, t, rng), "messages",
            lognormal_int(rng, 4000, 0.6) + 900 * acct.turns, lognormal_int(rng, 1500, 0.6), rng.random() < 0.5,
            between(rng, *self.p["tools"]), rng.random() < 0.3, pick(rng, self.tasks), beta(rng, self.p["cot"]),
            flip_bits(rng, choose(rng, self.templates), self.p["max_flips"]),
        )
        acct.turns += between(rng, 2, 4)
        return event


class ScraperCampaign(Campaign):
    """One account pulling completions as fast as its rate limit allows."""

    kind = "scraper"
    defaults = {
        "interval_seconds": 2.5, "cot": (4.0, 3.0), "pivot_hours": 1.0, "pivot_share": 0.9,
        "tasks": {"reasoning": 40, "coding": 40, "analysis": 20}, "models": _campaign_models(),
    }

    def __init__(self, ctx: RunContext, params: dict, rng: random.Random, campaign_id: str) -> None:
        super().__init__(ctx, params, rng, campaign_id)
        self.tasks = cumulative(self.p["tasks"])
        self.cloud = ctx.world.cloud_addresses(1)
        self.interval_ms = self.p["interval_seconds"] * 1000

    def _after(self, t: int, rng: random.Random) -> int | None:
        nxt = t + 1 + int(rng.expovariate(1.0) * self.interval_ms)
        return nxt if nxt < self.end_ms else None

    def first_time(self, acct: Account, rng: random.Random) -> int | None:
        return self._after(self.start_ms, rng)

    def fill_profile(self, acct: Account, t: int, rng: random.Random) -> None:
        self.fill_cloud_account(acct, t, rng, 30, lambda: new_card(rng))

    def emit(self, acct: Account, t: int, event_id: str, ts: str, rng: random.Random) -> tuple[str, int | None]:
        event = self.event(
            acct, event_id, ts, rng, self.choose_model(acct, t, rng), "messages",
            lognormal_int(rng, 800, 0.7), lognormal_int(rng, 2000, 0.6), False, 0, rng.random() < 0.5,
            pick(rng, self.tasks), beta(rng, self.p["cot"]), rng.getrandbits(64),
        )
        return event, self._after(t, rng)


CAMPAIGNS = {cls.kind: cls for cls in (HydraCampaign, SyncFleetCampaign, AgedFleetCampaign, ScraperCampaign)}
