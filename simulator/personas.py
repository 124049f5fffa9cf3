"""Benign personas: a hard population that overlaps every campaign on single features.

casual          chat users with diurnal rhythm in many time zones, homes and NATs
free_tier       brand-new accounts without a payment instrument
developer       bursty coding sessions, long contexts, tools; most share an IDE agent's system prompt
enterprise_batch  templated batch jobs around the clock from cloud addresses
researcher      benchmark suites: bursts of shared templates with high cot_elicitation
agent_startup   tool-heavy agents on cloud addresses, shared per-org system prompts
"""

from __future__ import annotations

import random

from simulator.behaviour import (
    between, choose,
    DAY_MS, Account, Behaviour, RunContext, SessionBehaviour, beta, cumulative, flip_bits,
    lognormal_int, new_card, new_key, new_org, pick,
)
from simulator.world import IDE_AGENT_UA, WEB_CHAT_UA, hex_id

CHAT_TASKS = {"chat": 45, "writing": 20, "analysis": 10, "vision": 8, "coding": 7, "reasoning": 5, "other": 5}
HOME_MIX = {"home": 70, "carrier": 20, "corporate": 5, "university": 5}


class CasualPersona(SessionBehaviour):
    """Light chat users: a session or two a day in waking hours, short conversations."""

    kind = "casual"
    defaults = {
        "sessions_per_day": 3.0, "session_requests": 6, "gap_seconds": 60, "diurnal": "day",
        "tasks": CHAT_TASKS, "networks": HOME_MIX, "cot": (1.2, 8.0), "cot_reasoning": (2.5, 3.0),
        "input_median": 500, "output_median": 450, "thinking_share": 0.05, "web_ui_share": 0.3,
        "credit_share": 0.15, "age_median_days": 250, "early_adopter_share": 0.02, "adoption_days": 5.0,
        "models": {"claude-sonnet-4-5": 6, "claude-haiku-4-5": 3, "claude-opus-4-1": 1},
    }

    def __init__(self, ctx: RunContext, params: dict | None = None) -> None:
        super().__init__(ctx, params)
        self.tasks = cumulative(self.p["tasks"])
        self.networks = cumulative(self.p["networks"])

    def fill_profile(self, acct: Account, t: int, rng: random.Random) -> None:
        p = self.p
        acct.api_key_id = new_key(rng)
        acct.org_id = None
        acct.created_at = self.created_before(t, rng, p["age_median_days"])
        acct.payment = None if rng.random() < p["credit_share"] else new_card(rng)
        web = rng.random() < p["web_ui_share"]
        acct.user_agent = WEB_CHAT_UA if web else self.sdk_agent(rng)
        acct.system_prompt = self.ctx.world.chat_ui_prompt if web else None
        self.attach_home_or_nat(acct, rng, self.networks)
        acct.adopt_at = self.adoption_time(rng, p["early_adopter_share"], p["adoption_days"])

    def request(self, acct: Account, t: int, event_id: str, ts: str, rng: random.Random) -> str:
        p = self.p
        task = pick(rng, self.tasks)
        cot = beta(rng, p["cot_reasoning"] if task == "reasoning" else p["cot"])
        event = self.event(
            acct, event_id, ts, rng, self.choose_model(acct, t, rng, 0.5), "messages",
            lognormal_int(rng, p["input_median"], 1.0) + 180 * acct.turns,
            lognormal_int(rng, p["output_median"], 0.8), rng.random() < 0.7,
            0 if rng.random() < 0.9 else between(rng, 1, 3), rng.random() < p["thinking_share"],
            task, cot, rng.getrandbits(64),
        )
        acct.turns += 1
        return event


class FreeTierPersona(CasualPersona):
    """Brand-new accounts on free credits: no payment instrument, created days or minutes ago."""

    kind = "free_tier"
    defaults = {
        **CasualPersona.defaults,
        "sessions_per_day": 2.0, "session_requests": 5, "credit_share": 1.0, "new_within_days": 10.0,
        "tasks": {**CHAT_TASKS, "reasoning": 12, "coding": 12},
        "networks": {"home": 55, "carrier": 30, "university": 15}, "web_ui_share": 0.2,
        "models": {"claude-haiku-4-5": 5, "claude-sonnet-4-5": 5},
    }

    def fill_profile(self, acct: Account, t: int, rng: random.Random) -> None:
        super().fill_profile(acct, t, rng)
        # most signed up shortly before their first request
        window = DAY_MS * self.p["new_within_days"]
        age = int(rng.random() ** 3 * window) + 60_000
        acct.created_at = self.ctx.format_ts(t - age)


class DeveloperPersona(SessionBehaviour):
    """Developers in bursty coding sessions through an IDE agent or the SDK, long growing contexts."""

    kind = "developer"
    defaults = {
        "sessions_per_day": 4.0, "session_requests": 40, "gap_seconds": 25, "diurnal": "work",
        "tasks": {"coding": 60, "tool_use": 30, "reasoning": 5, "analysis": 5},
        "networks": {"corporate": 50, "home": 40, "carrier": 5, "university": 5},
        "ide_agent_share": 0.65, "org_share_at_work": 0.6, "cot": (1.5, 6.0),
        "context_median": 8000, "output_median": 900, "age_median_days": 300,
        "early_adopter_share": 0.15, "adoption_days": 2.0,
        "models": {"claude-sonnet-4-5": 75, "claude-opus-4-1": 15, "claude-haiku-4-5": 10},
    }

    def __init__(self, ctx: RunContext, params: dict | None = None) -> None:
        super().__init__(ctx, params)
        self.tasks = cumulative(self.p["tasks"])
        self.networks = cumulative(self.p["networks"])
        self.org_of_gateway: dict[int, tuple[str, str]] = {}

    def fill_profile(self, acct: Account, t: int, rng: random.Random) -> None:
        p, world = self.p, self.ctx.world
        acct.api_key_id = new_key(rng)
        acct.created_at = self.created_before(t, rng, p["age_median_days"])
        gateway = self.attach_home_or_nat(acct, rng, self.networks)
        acct.org_id, acct.payment = None, new_card(rng)
        if gateway is not None and gateway.kind == "corporate" and rng.random() < p["org_share_at_work"]:
            key = id(gateway)
            if key not in self.org_of_gateway:
                self.org_of_gateway[key] = (new_org(rng), new_card(rng))
            acct.org_id, acct.payment = self.org_of_gateway[key]
        if rng.random() < p["ide_agent_share"]:
            acct.user_agent = IDE_AGENT_UA
            acct.system_prompt = world.ide_agent_prompts[0 if rng.random() < 0.85 else 1]
        else:
            acct.user_agent = self.sdk_agent(rng)
            acct.system_prompt = world.ide_agent_prompts[2] if rng.random() < 0.3 else (
                hex_id(rng, "sp_", 16) if rng.random() < 0.5 else None)
        acct.adopt_at = self.adoption_time(rng, p["early_adopter_share"], p["adoption_days"])

    def request(self, acct: Account, t: int, event_id: str, ts: str, rng: random.Random) -> str:
        p = self.p
        ide = acct.user_agent == IDE_AGENT_UA
        context = lognormal_int(rng, p["context_median"], 0.9) + 2500 * acct.turns
        event = self.event(
            acct, event_id, ts, rng, self.choose_model(acct, t, rng, 0.8), "messages",
            min(context, 200_000), lognormal_int(rng, p["output_median"], 1.0), ide or rng.random() < 0.5,
            between(rng, 8, 24) if ide else between(rng, 0, 6), rng.random() < 0.2,
            pick(rng, self.tasks), beta(rng, p["cot"]), flip_bits(rng, acct.session_hash, 6),
        )
        acct.turns += between(rng, 1, 3)
        return event


class ResearcherPersona(SessionBehaviour):
    """Researchers: ordinary sessions plus benchmark suites of shared templates with high cot."""

    kind = "researcher"
    defaults = {
        "sessions_per_day": 3.0, "session_requests": 6, "gap_seconds": 90, "diurnal": "day",
        "suite_share": 0.3, "suite_requests": (80, 300), "suite_gap_seconds": 6,
        "suite_cot": (8.0, 2.0), "cot": (3.0, 3.0), "thinking_share": 0.6,
        "networks": {"university": 70, "home": 30}, "org_share": 0.5, "age_median_days": 400,
        "early_adopter_share": 0.4, "adoption_days": 1.0,
        "models": {"claude-sonnet-4-5": 5, "claude-opus-4-1": 4, "claude-haiku-4-5": 1},
    }
    SUITE_TASKS = cumulative({"reasoning": 60, "coding": 30, "analysis": 10})
    CHAT_TASKS = cumulative({"reasoning": 30, "analysis": 30, "writing": 20, "chat": 20})

    def __init__(self, ctx: RunContext, params: dict | None = None) -> None:
        super().__init__(ctx, params)
        self.networks = cumulative(self.p["networks"])

    def fill_profile(self, acct: Account, t: int, rng: random.Random) -> None:
        p = self.p
        acct.api_key_id = new_key(rng)
        acct.created_at = self.created_before(t, rng, p["age_median_days"])
        gateway = self.attach_home_or_nat(acct, rng, self.networks)
        acct.org_id = new_org(rng) if gateway is not None and rng.random() < p["org_share"] else None
        acct.payment = new_card(rng) if rng.random() < 0.8 else None
        acct.user_agent = self.sdk_agent(rng)
        acct.system_prompt = None
        acct.adopt_at = self.adoption_time(rng, p["early_adopter_share"], p["adoption_days"])

    def start_session(self, acct: Account, rng: random.Random) -> None:
        super().start_session(acct, rng)
        acct.mode = rng.random() < self.p["suite_share"]
        if acct.mode:
            acct.remaining = between(rng, *self.p["suite_requests"])
            acct.session_hash = choose(rng, self.ctx.world.benchmark_templates)

    def advance(self, acct: Account, t: int, rng: random.Random) -> int | None:
        if acct.mode and acct.remaining > 1:
            acct.remaining -= 1
            return t + 300 + int(rng.expovariate(1.0) * self.p["suite_gap_seconds"] * 1000)
        return super().advance(acct, t, rng)

    def request(self, acct: Account, t: int, event_id: str, ts: str, rng: random.Random) -> str:
        p = self.p
        if acct.mode:
            task, cot = pick(rng, self.SUITE_TASKS), beta(rng, p["suite_cot"])
            simhash, output = flip_bits(rng, acct.session_hash, 3), lognormal_int(rng, 2500, 0.7)
        else:
            task, cot = pick(rng, self.CHAT_TASKS), beta(rng, p["cot"])
            simhash, output = rng.getrandbits(64), lognormal_int(rng, 900, 0.8)
            acct.turns += 1
        return self.event(
            acct, event_id, ts, rng, self.choose_model(acct, t, rng, 0.6), "messages",
            lognormal_int(rng, 1200, 0.8), output, False, 0, rng.random() < p["thinking_share"],
            task, cot, simhash,
        )


class OrgMember:
    """Shared resources of one organisation (card, cloud egress, system prompts, templates)."""

    def __init__(self, behaviour: Behaviour, rng: random.Random, prompts: int, templates: int, vms: int) -> None:
        self.org_id = new_org(rng)
        self.card = new_card(rng)
        self.asn, self.country, self.addresses = behaviour.ctx.world.cloud_addresses(vms)
        self.prompts = [hex_id(rng, "sp_", 16) for _ in range(prompts)]
        self.templates = [rng.getrandbits(64) for _ in range(templates)]
        self.user_agent = behaviour.sdk_agent(rng)


class OrgPersona(SessionBehaviour):
    """Accounts grouped into organisations that share card, cloud egress and prompts."""

    def __init__(self, ctx: RunContext, params: dict | None = None) -> None:
        super().__init__(ctx, params)
        self.tasks = cumulative(self.p["tasks"])
        self.orgs: list[OrgMember] = []

    def fill_profile(self, acct: Account, t: int, rng: random.Random) -> None:
        p = self.p
        if not self.orgs or rng.random() > p["join_existing_org"]:
            self.orgs.append(OrgMember(self, rng, p["prompts_per_org"], p["templates_per_org"], p["vms_per_org"]))
        org = self.orgs[-1] if rng.random() < 0.5 else choose(rng, self.orgs)
        acct.api_key_id = new_key(rng)
        acct.created_at = self.created_before(t, rng, p["age_median_days"])
        acct.org_id, acct.payment, acct.user_agent = org.org_id, org.card, org.user_agent
        acct.asn, acct.country, acct.addresses = org.asn, org.country, org.addresses
        acct.ip = org.addresses[0]
        acct.system_prompt = choose(rng, org.prompts)
        acct.templates = org.templates
        acct.adopt_at = self.adoption_time(rng, p["early_adopter_share"], p["adoption_days"])


class AgentStartupPersona(OrgPersona):
    """Agent start-ups: tool-heavy multi-step loops from cloud VMs, much of the day."""

    kind = "agent_startup"
    defaults = {
        "sessions_per_day": 24, "session_requests": 12, "gap_seconds": 3, "diurnal": "flat",
        "tasks": {"tool_use": 70, "coding": 20, "analysis": 10}, "cot": (1.5, 5.0),
        "join_existing_org": 0.6, "prompts_per_org": 2, "templates_per_org": 0, "vms_per_org": 3,
        "age_median_days": 120, "early_adopter_share": 0.2, "adoption_days": 2.0,
        "models": {"claude-sonnet-4-5": 8, "claude-haiku-4-5": 2},
    }

    def request(self, acct: Account, t: int, event_id: str, ts: str, rng: random.Random) -> str:
        event = self.event(
            acct, event_id, ts, rng, self.choose_model(acct, t, rng, 0.7), "messages",
            lognormal_int(rng, 3000, 0.7) + 800 * acct.turns, lognormal_int(rng, 600, 0.9),
            rng.random() < 0.3, between(rng, 10, 40), False, pick(rng, self.tasks), beta(rng, self.p["cot"]),
            flip_bits(rng, acct.session_hash, 8),
        )
        acct.turns += 2
        return event


class EnterpriseBatchPersona(OrgPersona):
    """Enterprise batch jobs: templated prompts at a steady high rate, day and night, endpoint `batch`."""

    kind = "enterprise_batch"
    defaults = {
        "sessions_per_day": 1, "session_requests": 1, "gap_seconds": 1, "diurnal": "flat",
        "interval_seconds": 20, "tasks": {"analysis": 50, "writing": 20, "other": 20, "chat": 10},
        "cot": (1.0, 12.0), "join_existing_org": 0.3, "prompts_per_org": 2, "templates_per_org": 6,
        "vms_per_org": 2, "age_median_days": 500, "early_adopter_share": 0.0, "adoption_days": 10.0,
        "models": {"claude-haiku-4-5": 6, "claude-sonnet-4-5": 4},
    }

    def first_time(self, acct: Account, rng: random.Random) -> int | None:
        acct.interval_ms = lognormal_int(rng, self.p["interval_seconds"] * 1000, 0.5, 1000)
        return self.ctx.start_ms + int(rng.random() * acct.interval_ms)

    def emit(self, acct: Account, t: int, event_id: str, ts: str, rng: random.Random) -> tuple[str, int | None]:
        event = self.event(
            acct, event_id, ts, rng, self.choose_model(acct, t, rng, 0.3), "batch",
            lognormal_int(rng, 1500, 0.4), lognormal_int(rng, 300, 0.5), False, 0, False,
            pick(rng, self.tasks), beta(rng, self.p["cot"]), flip_bits(rng, choose(rng, acct.templates), 4),
        )
        return event, t + int(acct.interval_ms * (0.6 + 0.8 * rng.random()))


PERSONAS = {cls.kind: cls for cls in (
    CasualPersona, FreeTierPersona, DeveloperPersona, ResearcherPersona, AgentStartupPersona, EnterpriseBatchPersona,
)}
