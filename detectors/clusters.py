"""Per-cluster features and scores: is this group of linked accounts harvesting, together?

A cluster is scored on two kinds of evidence, each measured against the population of
accounts (running means and spreads, so the reference follows benign drift):

* *harvest* — what its members ask for: reasoning elicitation, long outputs, narrow
  coding/reasoning/tool-use focus, templated prompts, adoption of a newly released model
  ahead of the population;
* *coordination* — how its members behave as a group: born recently and together, sharing
  payment instruments, evenly loaded (round robin), firing in synchrony, without the daily
  rhythm of people.

A benign group (an organisation's accounts, a benchmark community, a NAT) shows one kind
but rarely both, so the cluster score is their geometric mean. River Half-Space Trees over
cluster vectors add "unusual among all clusters", and each cluster's own history adds growth.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Mapping

from river import anomaly

from detectors.alerts import AlertPolicy
from detectors.calibration import QuantileCalibrator
from detectors.features import (
    DAY_S, HOUR_S, PLACE_SHARE_FROM, ROTATING_FROM, ROTATION_SHOWS_EVENTS, YOUNG_ACCOUNT_S, AccountSummary, Arrivals,
    cohort_share, ew_step,
)
from detectors.link_kinds import LINK_KINDS, SYSTEM_PROMPT, TEMPLATE
from detectors.reasons import CLUSTER_FLAGS, reason

YOUNG_DAYS = YOUNG_ACCOUNT_S / DAY_S  # a young account: created less than this many days before its first event
_TEMPLATE_KEY = TEMPLATE.key("")  # the prefix of template keys


class RunningStat:
    """Exponentially weighted mean and variance (`ew_step`) with a warm-up: the plain mean and
    variance of the first 1/alpha values, then weight alpha. River's stats.EWVar has no warm-up
    (it starts from 0): a population reference at alpha 0.001 would take thousands of accounts
    to forget that start."""

    __slots__ = ("mean", "var", "n", "alpha")

    def __init__(self, alpha: float = 0.001, mean: float = 0.0) -> None:
        self.mean, self.var, self.n, self.alpha = mean, 0.0, 0, alpha

    def update(self, x: float) -> None:
        self.n += 1
        self.mean, self.var = ew_step(self.mean, self.var, x, max(self.alpha, 1.0 / self.n))

    @property
    def sd(self) -> float:
        return math.sqrt(self.var)


def _coincidence_share(stamps: list[float], window: float = 2.0, control_lag: float = 37.0) -> float:
    """Share of members acting within `window` s of another, minus the share that does so at
    a `control_lag` offset (chance coincidences of busy groups), from sorted timestamps.

    >>> round(_coincidence_share([0.0, 0.5, 1.0, 100.0, 100.4, 100.9]), 2)
    1.0
    >>> _coincidence_share([float(t) for t in range(0, 600, 3)])  # steady, not synchronised
    0.0
    """
    n = len(stamps)
    if n < 2:
        return 0.0
    hits = _has_neighbour(stamps, 0.0, window)
    later, earlier = _has_neighbour(stamps, control_lag, window), _has_neighbour(stamps, -control_lag, window)
    chance = 0
    for a, b in zip(later, earlier):
        if a or b:
            chance += 1
    return max(0.0, (hits.count(True) - chance) / n)


def _has_neighbour(stamps: list[float], offset: float, window: float) -> list[bool]:
    """For each stamp t (sorted), whether another stamp lies within `window` of t + `offset`:
    two pointers sliding up the sorted list (both window ends only move forward).

    >>> _has_neighbour([0.0, 1.0, 5.0], 0.0, 2.0), _has_neighbour([0.0, 1.0, 5.0], 4.5, 1.0)
    ([True, True, False], [True, True, False])
    """
    n = len(stamps)
    lo = hi = 0
    out = []
    for i, t in enumerate(stamps):
        start, end = t + offset - window, t + offset + window
        while lo < n and stamps[lo] < start:
            lo += 1
        while hi < n and stamps[hi] <= end:
            hi += 1
        out.append(hi - lo - (1 if lo <= i < hi else 0) > 0)
    return out


def _clip01(x: float) -> float:
    return 0.0 if x < 0.0 else (1.0 if x > 1.0 else x)


@dataclass(frozen=True)
class ClusterVerdict:
    score: float
    harvest: float
    coordination: float
    reasons: tuple[dict, ...]
    evidence: dict = field(default_factory=dict)
    accounts: tuple[str, ...] = ()  # the scored members (the core): what an alert names
    volume: float = 0.0  # what the group harvests, against one typical account (ClusterScorer.volume)

    def critical(self, critical_score: float) -> bool:
        """Severity follows the harvested value: critical takes a score of `critical_score` and
        a group taking at least CRITICAL_VOLUME (about ten typical accounts' daily output).

        >>> ClusterVerdict(0.9, 0.9, 0.9, (), volume=0.8).critical(0.75), ClusterVerdict(0.9, 0.9, 0.9, (), volume=0.2).critical(0.75)
        (True, False)
        """
        return self.score >= critical_score and self.volume >= CRITICAL_VOLUME


# A card paying for this many unrelated owners is shared in full, and a ring is several of those.
# One two people share counts half: a household does that (a couple, a parent and a child), and a
# large linked component of ordinary users holds many households.
CARD_RING_OWNERS = 3
# Shared content is chance among a handful of unrelated newcomers (a popular first prompt on a
# launch day); held by this many accounts at once it is not.
CONTENT_GROUP_FULL = 100
GROUP_CAP = 16  # members beyond which a group's mean counts as no surer (see ClusterScorer._effect)
VOLUME_FULL = 100.0  # a group harvesting this many typical accounts' daily output counts in full
CRITICAL_VOLUME = 0.5  # log scale of VOLUME_FULL: ten typical accounts' daily output
# Repetition is measured against an account's last 8 prompts: before 8 events it is not yet
# defined, and the population's reference for it takes accounts from then on.
REPETITION_DEFINED = 8
PRIMARY_HARVEST = ("cot", "agentic", "output")
# What a group harvests, each as the "harvesting" reason names it (values: `_member_values`, in this order).
HARVEST_FEATURES = {"cot": "reasoning elicitation", "output": "output per request",
                    "narrow": "coding/reasoning/tool-use focus", "repetition": "template repetition",
                    "new_model": "use of the newly released model", "agentic": "tool-use trajectories"}
# How much one coordination trait alone counts (noisy-OR). Ownership traits (cross-owner
# cards and private prompts, synchrony) weigh more than rhythm and load shape, which benign
# global groups can show by chance.
COORDINATION_WEIGHTS = {"young": 0.5, "sharing": 0.7, "rings": 0.7, "tooling": 0.7, "content": 0.25, "pool": 0.7,
                        "coheld": 0.7, "front": 0.7, "shape": 0.35, "sync": 0.7, "woken": 0.5, "growth": 0.4,
                        "rotating": 0.5}
# A cluster whose core rotates this far beyond the population (its "rotating" trait) names the
# members of its periphery that rotate too: their own evidence of the same hand.
ROTATING_NAMES = 0.5
# An organisation is measured against its peers: the other organisations' groups (their latest
# harvest), once this many are known.
ORG_PEERS_MIN = 5
# One client product explains a group's shared content when the group uses it far more than the
# population does (see ClusterScorer.product_explained).
PRODUCT_GROUP_SHARE = 0.75
PRODUCT_LIFT = 3.0
CLIENTS_KEPT = 1024  # distinct client products counted (user agents are free text)
ORG_GROUP_SHARE = 0.8  # a group is one organisation's when this share of it declares the org
FRONT_MIN_ACCOUNTS = 10


# Accounts born together is what new sign-ups, a course's students and release-day adopters
# show too: birth traits strengthen evidence of working together, they are none on their own.
BIRTH_TRAITS = ("young", "growth")
SHAPE_TRAITS = ("shape",)
BIRTH_UNLOCK = 0.35  # structural evidence at which the birth traits count in full (one trait at half strength)


def coordination_of(parts: Mapping[str, float]) -> float:
    """Noisy-OR of the coordination traits (each at its weight), where the birth traits only
    amplify the others.

    >>> round(coordination_of({"young": 1.0, "growth": 1.0, "sharing": 0.0}), 3)
    0.0
    >>> round(coordination_of({"young": 0.0, "sharing": 1.0}), 3), round(coordination_of({"young": 1.0, "sharing": 1.0}), 3)
    (0.7, 0.85)
    >>> round(coordination_of({"young": 1.0, "sharing": 0.1}), 3)  # weak structure unlocks little
    0.163
    """
    def noisy_or(names) -> float:
        return 1.0 - math.prod([1.0 - COORDINATION_WEIGHTS[k] * parts[k] for k in names])

    structural = noisy_or([k for k in parts if k not in BIRTH_TRAITS])
    # What unlocks them is evidence of one hand (shared cards, tooling, pools, synchrony), not
    # the shape of load and rhythm, which any group of similar users shows (a class's homework).
    owned = noisy_or([k for k in parts if k not in BIRTH_TRAITS and k not in SHAPE_TRAITS])
    birth = noisy_or([k for k in BIRTH_TRAITS if k in parts])
    return 1.0 - (1.0 - structural) * (1.0 - birth * _clip01(owned / BIRTH_UNLOCK))


# A verdict from the score at which an open cluster alert stays open gives its reasons; an alert
# fires from FIRES_AT.
REASONS_FROM = AlertPolicy.for_clusters().resolve
FIRES_AT = AlertPolicy.for_clusters().fire

# Coordination traits that do not say one owner on their own: birth (new sign-ups, a course's
# students), rhythm and load shape (any group of similar users), shared content alone (a plugin's
# users, researchers running a public benchmark), and shared templates or prompts however dealt
# out (a product's users draw on its built-in template pool and prompts, and a popular product's
# users are many: their number is no one's fleet).
NOT_ONE_OWNER = (*BIRTH_TRAITS, *SHAPE_TRAITS, "content", "pool", "tooling")


def owner_marked(members: list[AccountSummary], passing: Mapping[str, list[str]], rotating: bool) -> list[str]:
    """The `members` carrying a mark of one owner of their own: a payment card unrelated owners
    share, a template of a pool no benign cause explains (`uncaused_pool_holders`), or, where the
    group rotates through networks (`rotating`), rotating themselves. What a group harvests by its
    number (`collective_harvest`) names these alone: an account glued to such a fleet by shared
    content (a hackathon's prompt) carries none of them."""
    owners: defaultdict[str, set] = defaultdict(set)
    for s in members:
        if s.payment is not None:
            owners[s.payment].add(s.org or s.account_id)
    pooled = uncaused_pool_holders(members, passing)
    return [s.account_id for s in members
            if (s.payment is not None and len(owners[s.payment]) > 1) or s.account_id in pooled
            or (rotating and s.network_moves >= ROTATING_FROM)]


def _evidence_score(harvest: float, coordination: float, shrink: float, unusual: float) -> float:
    """A cluster's score from its two kinds of evidence (`sqrt(harvest x coordination)`, shrunk for
    small groups), nudged by how unusual it is among all clusters (x 0.85 to 1.0)."""
    return _clip01(math.sqrt(harvest * coordination) * shrink * (0.85 + 0.15 * unusual))


def collective_harvest(volume: float, parts: Mapping[str, float]) -> float:
    """What a group harvests by its number, in [0, 1]: its take beyond CRITICAL_VOLUME (ten
    typical accounts' daily output) up to VOLUME_FULL, times the evidence that one owner holds
    it (the noisy-OR of its coordination traits but NOT_ONE_OWNER). A fleet of light accounts,
    each asking what ordinary users ask, harvests by its number; a class or a plugin's users,
    however many, show no owner.

    >>> round(collective_harvest(1.0, {"coheld": 1.0, "young": 1.0}), 3), collective_harvest(1.0, {"content": 1.0})
    (0.7, 0.0)
    >>> collective_harvest(CRITICAL_VOLUME, {"coheld": 1.0})
    0.0
    """
    owned = 1.0 - math.prod([1.0 - COORDINATION_WEIGHTS[k] * v for k, v in parts.items() if k not in NOT_ONE_OWNER])
    return owned * _clip01((volume - CRITICAL_VOLUME) / (1.0 - CRITICAL_VOLUME))


# A template pool with no common cause (see `uncaused_pool_share`): a rare template whose holders in
# the cluster are unrelated owners, on no one client product, not born together, and who co-hold
# other rare templates with each other. Each threshold names the benign cause it rules out.
UNCAUSED_POOL_MIN_HOLDERS = 5
UNCAUSED_POOL_OWNERS = 0.9  # distinct owners per holder: not one organisation's or one card's accounts
UNCAUSED_POOL_TOP_CLIENT = 0.75  # the most common client product's share: above it, one product's users
UNCAUSED_POOL_COHORT = 0.5  # holders created within a week of each other (features.cohort_share): a class, a launch day
UNCAUSED_POOL_COHESION = 0.4  # holders co-holding another rare template with another holder


# A class or a team signed up together at one place: a birth cohort with a network of its own.
PLACE_SHARE_FULL = 0.5  # the top network's share where one place (from features.PLACE_SHARE_FROM) is certain
# (students also work from home)


def born_together(birth_cohort_share: float) -> float:
    """How far a group is one birth cohort: its share created within a week of each other
    (`features.cohort_share`) beyond UNCAUSED_POOL_COHORT, in [0, 1] (a class, a launch day, a wave).

    >>> born_together(0.5), born_together(0.75), born_together(1.0)
    (0.0, 0.5, 1.0)
    """
    return _clip01((birth_cohort_share - UNCAUSED_POOL_COHORT) / (1.0 - UNCAUSED_POOL_COHORT))


def one_place_cohort(birth_cohort_share: float, top_network_share: float) -> float:
    """How far a group is one cohort at one place (a course on a campus NAT, a team's
    onboarding at an office): accounts born within a week of each other, many on one network.
    Being young, new and sharing the same prompts is then what a class does, not a swarm, whose
    accounts come in through many networks (proxy pools rotate).

    >>> one_place_cohort(1.0, 0.5), one_place_cohort(1.0, 0.02), one_place_cohort(0.2, 0.9)
    (1.0, 0.0, 0.0)
    """
    at_one_place = _clip01((top_network_share - PLACE_SHARE_FROM) / (PLACE_SHARE_FULL - PLACE_SHARE_FROM))
    return born_together(birth_cohort_share) * at_one_place


def uncaused_pool_share(members: list[AccountSummary], passing: Mapping[str, list[str]]) -> float:
    """Share of `members` holding a template of a pool that no benign common cause explains
    (`uncaused_pool_holders`)."""
    return len(uncaused_pool_holders(members, passing)) / len(members) if members else 0.0


def uncaused_pool_holders(members: list[AccountSummary], passing: Mapping[str, list[str]]) -> set[str]:
    """The `members` holding a template of a pool that no benign common cause explains.
    `passing`: each member's templates held without repeating them: work items drawn from a pool
    are taken once each, while researchers run one benchmark suite again and again.

    Teams, a product's users, a course and release-day adopters share templates too; what none of
    them shows at once is unrelated owners on mixed clients, born apart, co-using a set of rare
    templates (FRAUDAR's dense block, with the block's common causes ruled out).
    """
    holders: dict[str, list[AccountSummary]] = {}
    for s in members:
        for k in passing.get(s.account_id, ()):
            if k.startswith(_TEMPLATE_KEY):
                holders.setdefault(k, []).append(s)
    counted: set[str] = set()
    for k, group in holders.items():
        n = len(group)
        if n < UNCAUSED_POOL_MIN_HOLDERS:
            continue
        if len({s.org or s.payment or s.account_id for s in group}) < UNCAUSED_POOL_OWNERS * n:
            continue
        clients = Counter([s.client for s in group])
        if max(clients.values()) > UNCAUSED_POOL_TOP_CLIENT * n:
            continue
        if cohort_share([s.first_ts - s.age_days * DAY_S for s in group]) >= UNCAUSED_POOL_COHORT:
            continue
        others = Counter([o for s in group for o in passing.get(s.account_id, ())
                          if o != k and o.startswith(_TEMPLATE_KEY)])
        cohesive = 0
        for s in group:
            for o in passing.get(s.account_id, ()):
                if o != k and others.get(o, 0) >= 2:
                    cohesive += 1
                    break
        if cohesive >= UNCAUSED_POOL_COHESION * n:
            counted.update([s.account_id for s in group])
    return counted


def _member_values(s: AccountSummary) -> tuple[float, float, float, float, float, float]:
    """A member's HARVEST_FEATURES values, in that order. `agentic`: tool-use trajectories
    (requests with tools that continue a conversation), what agent-model distillation harvests."""
    return (s.cot_mean, math.log1p(s.output_per_request), s.narrow_task_share, min(1.0, s.template_repetition),
            min(1.0, s.new_model_share), min(s.tool_share, s.multi_turn_share))


def cluster_features(members: list[AccountSummary], ts: float, keys: set[str] = frozenset(),
                     member_keys: Mapping[str, list[str]] | None = None,
                     drawn: Mapping[str, list[str]] | None = None,
                     passing: Mapping[str, list[str]] | None = None,
                     arrivals: Arrivals | None = None) -> dict[str, float]:
    """A cluster's feature vector, in one pass over its members (re-scoring runs often).
    `keys`: the cluster's link keys; `member_keys`: each account's keys; `drawn`: each
    account's templates held through a pool, in passing (LinkGraph.drawn_from_pools); `passing`:
    each account's templates held without repeating them (LinkGraph.in_passing); `arrivals`:
    the population's (LinkGraph.arrivals)."""
    n = len(members)
    member_keys = member_keys or {}
    drawn = drawn or {}
    cot = output = narrow = repetition = new_model = agentic = daily_output = 0.0
    young = new_24h = rotating = 0
    day_ago = ts - DAY_S
    cards: list[str] = []
    networks = set()
    network_counts: dict[str, int] = {}
    hours: dict[int, int] = {}  # hour of day -> count, in order of first appearance
    counts, stamps = [], []
    orgs: dict[str, int] = {}
    clients: dict[str, int] = {}  # client product -> members
    # Sharing a card across owners: an organisation's accounts sharing its card is expected.
    card_owners: defaultdict[str, set] = defaultdict(set)
    # A private system prompt, or prompt template, deployed across owners: one operator's
    # tooling. (Only rare ones, the keys that link: a popular IDE's prompt says nothing.)
    tooling_owners: defaultdict[str, set] = defaultdict(set)  # "sys:..." and "tpl:..." keys -> owners
    held_prompts, held_templates = [], []
    for s in members:
        values = _member_values(s)
        cot += values[0]
        output += values[1]
        narrow += values[2]
        repetition += values[3]
        new_model += values[4]
        agentic += values[5]
        daily_output += s.rate_1d * s.output_per_request
        if s.age_days < YOUNG_DAYS:
            young += 1
        if s.network_moves >= ROTATING_FROM:
            rotating += 1
        if s.first_ts >= day_ago:
            new_24h += 1
        org = s.org
        payment = s.payment
        if payment is not None:
            cards.append(payment)
            card_owners[payment].add(org or s.account_id)
        owner = org or payment or s.account_id
        prompt = None if s.system_prompt is None else SYSTEM_PROMPT.key(s.system_prompt)
        if prompt is not None and prompt in keys:
            tooling_owners[prompt].add(owner)
            held_prompts.append(prompt)
        else:
            held_prompts.append(None)
        templates = []
        for k in member_keys.get(s.account_id, ()):
            if k.startswith(_TEMPLATE_KEY):
                templates.append(k)
                tooling_owners[k].add(owner)
        held_templates.append(templates)
        clients[s.client] = clients.get(s.client, 0) + 1
        networks.add(s.network)
        network_counts[s.network] = network_counts.get(s.network, 0) + 1
        h = int(s.first_ts // HOUR_S) % 24
        hours[h] = hours.get(h, 0) + 1
        h = int(s.ts // HOUR_S) % 24
        hours[h] = hours.get(h, 0) + 1
        counts.append(s.n_events)
        stamps.append(s.ts)
        if org is not None:
            orgs[org] = orgs.get(org, 0) + 1
    f: dict[str, float] = {"size": float(n), "cot": cot / n, "output": output / n, "narrow": narrow / n,
                           "repetition": repetition / n, "new_model": new_model / n,
                           "agentic": agentic / n}
    f["young_share"] = young / n
    f["rotating_share"] = rotating / n
    f["new_24h_share"] = new_24h / n
    f["card_share"] = len(cards) / n
    f["accounts_per_card"] = len(cards) / len(set(cards)) if cards else 0.0
    shared_card = 0.0
    shared_prompt = shared_template = pooled = ringed = 0
    for s, prompt, held in zip(members, held_prompts, held_templates):
        if s.payment is not None:
            n_owners = len(card_owners[s.payment])
            if n_owners > 1:
                shared_card += min(1.0, (n_owners - 1.0) / (CARD_RING_OWNERS - 1.0))
                if n_owners >= CARD_RING_OWNERS:
                    ringed += 1
        if prompt is not None and len(tooling_owners[prompt]) > 2:
            shared_prompt += 1
        cross = 0
        for k in held:
            if len(tooling_owners[k]) > 2:
                cross += 1
        if cross:
            shared_template += 1
        cross = 0
        for k in drawn.get(s.account_id, ()):
            if len(tooling_owners[k]) > 2:
                cross += 1
        if cross >= 2:
            pooled += 1
    # Density of the accounts x templates block (FRAUDAR's measure), reported in evidence for
    # analysts; not scored (on the independent worlds it did not tell fleets from plugins' users).
    f["templates_per_account"] = sum([len(held) for held in held_templates]) / n
    f["cross_owner_card_share"] = shared_card / n
    # Distinct cards each paying for three or more unrelated owners: one is a family's or a
    # shared office card; several are a ring of cards run for a fleet.
    f["card_rings"] = float(sum([1 for owners in card_owners.values() if len(owners) >= CARD_RING_OWNERS]))
    f["card_ring_share"] = ringed / n  # members paying with a card CARD_RING_OWNERS or more unrelated owners share
    f["cross_owner_prompt_share"] = shared_prompt / n
    f["cross_owner_template_share"] = shared_template / n
    f["cross_owner_content_share"] = max(f["cross_owner_prompt_share"], f["cross_owner_template_share"])
    # Members drawing, in passing, on two or more templates of a pool that unrelated owners share:
    # work items one hand deals out. A benchmark suite or a tool is run again and again by each of
    # its users (strong links by repetition, not a pool); a course's assignments are handed out
    # too (see "pool" in ClusterScorer.score).
    f["cross_owner_pool_share"] = pooled / n
    f["uncaused_pool_share"] = uncaused_pool_share(members, passing or {})
    f["accounts_per_network"] = n / len(networks)
    f["top_network_share"] = max(network_counts.values()) / n
    # The largest share of members created within a week of each other: a class, a launch day, a wave.
    f["birth_cohort_share"] = cohort_share([s.first_ts - s.age_days * DAY_S for s in members])
    # One product's users share its built-in prompts; an operator's accounts rotate clients.
    # Evidence for analysts (not scored yet).
    f["top_client_share"] = max(clients.values()) / n
    f["system_prompts"] = float(len({s.system_prompt for s in members if s.system_prompt is not None}))
    # Daily rhythm of the group: entropy of the hours of its members' activity.
    total = 2 * n
    # (Lists, not generators, in the two sums: the compiled build types this function, and a typed
    # function cannot hold a generator's closure. The sums are the same.)
    entropy = -sum([c / total * math.log(c / total) for c in hours.values()])
    max_entropy = math.log(min(24, total))
    f["hour_flatness"] = entropy / max_entropy if max_entropy > 0 else 0.0
    mean = sum(counts) / n
    sd = math.sqrt(sum([(c - mean) ** 2 for c in counts]) / n)
    f["load_cv"] = sd / mean if mean else 0.0
    f["mean_events"] = mean
    f["daily_output"] = daily_output
    stamps.sort()
    f["sync_share"] = _coincidence_share(stamps)
    f["single_org_share"] = max(orgs.values()) / n if orgs else 0.0
    # Established members first seen together, against the population's arrivals.
    established = [s.first_ts for s in members if s.age_days >= YOUNG_DAYS]
    f["woken_share"] = arrivals.together(established) * len(established) / n if arrivals and established else 0.0
    return f


class ClusterScorer:
    """Scores clusters from their members' summaries; keeps the population reference."""

    def __init__(self, seed: int = 0, min_size: int = 3, warmup_summaries: int = 500) -> None:
        self.min_size = min_size
        self.warmup_summaries = warmup_summaries
        self.reference = {name: RunningStat() for name in HARVEST_FEATURES}
        self.young = RunningStat()
        self.rotating = RunningStat()  # accounts rotating through networks, from their 4th request
        self.daily_output = RunningStat()  # an account's output tokens in its last ~day
        self.hst = anomaly.HalfSpaceTrees(n_trees=10, height=6, window_size=128, seed=seed,
                                          limits={k: (0.0, 1.0) for k in ("harvest", "coordination", *COORDINATION_WEIGHTS)})
        self.hst_calibrator = QuantileCalibrator(0.0, 1.0, bins=100, half_life=20_000.0, min_count=50)
        self.history: dict[str, RunningStat] = {}
        self.first_ts: float | None = None
        self.org_harvest: dict[str, float] = {}  # one organisation's cluster -> its latest harvest
        self.clients: dict[str, int] = {}  # client product -> accounts seen using it first (CLIENTS_KEPT kept)
        self.clients_seen = 0

    def __setstate__(self, state: dict) -> None:
        """Unpickle (cluster-stage snapshots); one taken before client counts were kept starts them afresh."""
        self.__dict__.update(state)
        self.__dict__.setdefault("clients", {})
        self.__dict__.setdefault("clients_seen", 0)
        self.__dict__.setdefault("rotating", RunningStat())

    def product_explained(self, clients: Mapping[str, int], n: int) -> float:
        """How far one client product explains what a group of `n` accounts shares (its built-in
        prompts and templates): its share of the group beyond PRODUCT_GROUP_SHARE, if the group
        uses it PRODUCT_LIFT times as often as the population does. An official SDK that most of
        the population uses explains nothing; a plugin's users share its prompts.

        >>> s = ClusterScorer()
        >>> for i in range(1000): s.observe_client("sdk" if i % 2 else f"app{i % 10}")
        >>> s.product_explained({"sdk": 10}, 10), s.product_explained({"app2": 10}, 10), s.product_explained({"app2": 5, "sdk": 5}, 10)
        (0.0, 1.0, 0.0)
        """
        if not clients or self.clients_seen < 100:
            return 0.0
        top, count = max(clients.items(), key=lambda kv: (kv[1], kv[0]))
        share = count / n
        population = self.clients.get(top, 0) / self.clients_seen
        if share < PRODUCT_LIFT * population:
            return 0.0
        return _clip01((share - PRODUCT_GROUP_SHARE) / (1.0 - PRODUCT_GROUP_SHARE))

    def observe_client(self, client: str) -> None:
        """One more account first seen using `client` (the population's client mix)."""
        self.clients_seen += 1
        if client in self.clients or len(self.clients) < CLIENTS_KEPT:
            self.clients[client] = self.clients.get(client, 0) + 1

    def observe_account(self, s: AccountSummary) -> None:
        """Account summaries at 1, 2, 4, 8, ... events refine the population reference (the
        first one alone for the birth-related traits)."""
        if s.n_events & (s.n_events - 1):
            return
        for name, value in zip(HARVEST_FEATURES, _member_values(s)):
            if name != "repetition" or s.n_events >= REPETITION_DEFINED:
                self.reference[name].update(value)
        self.daily_output.update(s.rate_1d * s.output_per_request)
        if s.n_events == ROTATION_SHOWS_EVENTS:
            self.rotating.update(float(s.network_moves >= ROTATING_FROM))
        if s.n_events == 1:
            self.young.update(float(s.age_days < YOUNG_DAYS))
            self.observe_client(s.client)

    @property
    def readiness(self) -> float:
        """0 until the population reference has seen `warmup_summaries` accounts' summaries, then 1
        (a grace period, as River's detectors have: relative evidence needs a reference)."""
        return 1.0 if self.reference["cot"].n >= self.warmup_summaries else 0.0

    def _effect(self, name: str, value: float, n: int = 1) -> float:
        """How far `value`, the mean of `n` accounts, stands above the population's mean, in its
        spreads. A group's mean is surer than one account's: from 4 members on, the effect grows
        as sqrt(n / 4) (a standard error), up to 2x at 16, so a trait 1 sd above the population
        in 16 accounts is as strong as 2 sd in one (members of one group are not independent:
        hence the cap). `harvest` applies it to the primary tells only: templates, narrow focus
        and early adoption are common to benign groups (plugins, courses), and a group showing
        them a little more than the population is no harvest."""
        ref = self.reference[name]
        if ref.n <= 100:
            return 0.0
        return (value - ref.mean) / (ref.sd + 1e-3) * (math.sqrt(min(n, GROUP_CAP) / 4.0) if n > 4 else 1.0)

    def harvest(self, values: Mapping[str, float], n: int = 1) -> tuple[float, dict[str, float]]:
        """How much `values` (means of HARVEST_FEATURES) look like output harvesting, in [0, 1].

        Each trait counts by its effect size against the population (2 sd = full strength).
        The primary tell is the strongest of what makes output worth distilling: reasoning
        elicitation, tool-use trajectories, long outputs. Then the best two of the other traits,
        including how it is collected, which benign automation and coding teams show too:
        templated prompts, narrow focus, early model adoption. Templates alone (a plugin) reach
        at most 0.5.
        """
        parts = {name: _clip01(self._effect(name, values[name], n if name in PRIMARY_HARVEST else 1) / 2.0)
                 for name in HARVEST_FEATURES}
        best = max(PRIMARY_HARVEST, key=lambda name: parts[name])
        primary = parts[best]
        supporting = sorted([v for name, v in parts.items() if name != best])[-2:]
        return 0.5 * primary + 0.25 * sum(supporting), parts

    def volume(self, daily_output: float) -> float:
        """How much a group harvests, against one typical account: 0 at one account's daily
        output tokens, 1 at VOLUME_FULL times that (log scale). A handful of plugin users is not
        a campaign, however alike they look; what a fleet takes is its worth to the operator.

        >>> scorer = ClusterScorer()
        >>> for _ in range(200): scorer.daily_output.update(10_000.0)
        >>> [round(scorer.volume(x), 2) for x in (5_000.0, 10_000.0, 100_000.0, 1_000_000.0, 1e8)]
        [0.0, 0.0, 0.5, 1.0, 1.0]
        """
        typical = self.daily_output.mean
        if self.daily_output.n < 100 or typical <= 0.0:
            return 0.0
        return _clip01(math.log(max(daily_output, 1.0) / typical) / math.log(VOLUME_FULL))

    def account_harvest(self, s: AccountSummary) -> float:
        return self.harvest(dict(zip(HARVEST_FEATURES, _member_values(s))))[0]

    def score(self, cluster_id: str, members: list[AccountSummary], keys: set[str], ts: float,
              member_keys: Mapping[str, list[str]] | None = None,
              drawn: Mapping[str, list[str]] | None = None,
              passing: Mapping[str, list[str]] | None = None, arrivals: Arrivals | None = None,
              periphery: list[AccountSummary] = ()) -> ClusterVerdict:
        """Score a cluster from its core `members`; `periphery`: the rest of the linked group, of
        which the verdict names (in `accounts`) those carrying the core's own mark: rotating
        through networks as the core does (ROTATING_NAMES)."""
        n = len(members)
        if n < self.min_size:
            return ClusterVerdict(0.0, 0.0, 0.0, ())
        f = cluster_features(members, ts, keys, member_keys, drawn, passing, arrivals)
        if self.first_ts is None:
            self.first_ts = ts
        # "New in the last 24 h" means nothing until a day has been observed.
        warm = _clip01((ts - self.first_ts) / DAY_S)
        # Harvest: each trait's effect size against the population, 2 sd = full strength.
        harvest, harvest_parts = self.harvest(f, n)
        # Coordination: group traits a random set of accounts would not show.
        young_base = self.young.mean if self.young.n > 100 else 0.2
        rotating_base = self.rotating.mean if self.rotating.n > 100 else 0.05
        # Shared content that one product explains (its users share its prompts) is no one's tooling.
        unexplained = 1.0 - self.product_explained(Counter([s.client for s in members]), n)
        # A product's users sign up over months; accounts made in one wave (born within a week) and
        # spread over networks are not its user base, whatever client they run (see "content").
        wave = born_together(f["birth_cohort_share"]) * (1.0 - f["top_network_share"])
        front = 0.0
        if f["single_org_share"] >= ORG_GROUP_SHARE and n >= 5:
            outlier = self._org_outlier(cluster_id, harvest)
            # A front sells on: a fleet (FRONT_MIN_ACCOUNTS) running several products (system
            # prompts) under one invoice. A lab's or a batch job's few accounts harvest heavily too.
            if n >= FRONT_MIN_ACCOUNTS and f["system_prompts"] >= 2:
                front = outlier
        # A class signs up together on its campus network and shares the course's prompts.
        f["one_place_cohort"] = one_place_cohort(f["birth_cohort_share"], f["top_network_share"])
        unplaced = 1.0 - f["one_place_cohort"]
        coordination_parts = {
            "young": _clip01((f["young_share"] - young_base) / max(1e-3, 1.0 - young_base)) * unplaced,
            "sharing": f["cross_owner_card_share"],
            "rings": f["card_ring_share"] * _clip01((f["card_rings"] - 1.0) / 2.0),
            # One operator's tooling: private prompts *and* templates shared by unrelated owners
            # (a niche IDE's prompt is shared too, but its users' prompts are their own; templates
            # alone are shared by a plugin's users and a course's students).
            "tooling": min(f["cross_owner_prompt_share"], f["cross_owner_template_share"]) * (1.0 - f["top_network_share"])
            * unexplained * unplaced,
            # Content alone (a private system prompt or templates) shared by unrelated owners, with
            # the benign common causes ruled out: no one product (a plugin's or an IDE's users),
            # place (a class, an office) or organisation (a team). Weak on its own (researchers run
            # public benchmarks), it is evidence of one hand enough to let the birth traits count:
            # a wave of accounts born together running the same prompts through many networks is
            # how a swarm looks, and nobody else.
            "content": f["cross_owner_content_share"] * (1.0 - f["top_network_share"])
            * (1.0 - f["single_org_share"]) * max(unexplained, wave) * unplaced * min(1.0, n / CONTENT_GROUP_FULL),
            # A pool of templates across unrelated owners, unless the group is one place: a
            # class or an office hands out its templates too (a campus NAT, an office network), or
            # one birth cohort: a course's students signed up together.
            "pool": f["cross_owner_pool_share"] * (1.0 - f["top_network_share"]) * (1.0 - f["single_org_share"])
            * (1.0 - born_together(f["birth_cohort_share"]))
            * unexplained,
            # Rare templates co-used by unrelated owners with no product, cohort or place in common.
            "coheld": f["uncaused_pool_share"] * (1.0 - f["top_network_share"]) * (1.0 - f["single_org_share"]),
            # One organisation harvesting far beyond every other organisation: a front. Teams,
            # batch jobs and platforms are organisations too, and harvest like their peers.
            "front": front,
            # Rhythm and load shape are weak alone (benign global groups show them): one counts.
            # Behaviour in concert is expected of one declared organisation's accounts (batch jobs
            # spread over keys, cron schedules): discounted by the share of its largest org.
            "shape": max(_clip01((f["hour_flatness"] - 0.9) / 0.1) if n >= 8 else 0.0,
                         _clip01((0.8 - f["load_cv"]) / 0.6) if n >= 5 and f["mean_events"] >= 5 else 0.0)
            * (1.0 - f["single_org_share"]),
            "sync": _clip01((f["sync_share"] - 0.2) / 0.6) * (1.0 - f["single_org_share"]),
            # Aged accounts, born apart, first seen within one hour far beyond chance: woken by one
            # hand (bought, then brought online at once). A team coming online at its office, or
            # one organisation's accounts, arrive together for a cause of their own.
            "woken": f["woken_share"] * (1.0 - f["single_org_share"])
            * (1.0 - one_place_cohort(f["woken_share"], f["top_network_share"])),
            "growth": warm * f["new_24h_share"] * _clip01(f["young_share"]) * unplaced,
            # Members rotating through networks request by request, beyond the population's share:
            # one hand's proxy pool. One organisation's jobs may run from many clouds.
            "rotating": _clip01((f["rotating_share"] - rotating_base) / max(1e-3, 1.0 - rotating_base))
            * (1.0 - f["single_org_share"]),
        }
        # Shared content is tooling's evidence at a lower strength (either a private prompt or
        # templates, not both): a group is credited with the stronger of the two, not both.
        if COORDINATION_WEIGHTS["content"] * coordination_parts["content"] \
                >= COORDINATION_WEIGHTS["tooling"] * coordination_parts["tooling"]:
            coordination_parts["tooling"] = 0.0
        else:
            coordination_parts["content"] = 0.0
        coordination = coordination_of(coordination_parts)
        shrink = n / (n + 1.0)
        volume = self.volume(f["daily_output"])
        # Each member may ask what ordinary users ask: one owner's fleet harvests by its number.
        collective = collective_harvest(volume, coordination_parts)
        own_harvest = harvest  # what the members' requests show
        harvest = max(harvest, collective)
        # Both kinds of evidence are needed (a benign group shows one, rarely both). What the group
        # takes (`volume`) sets the severity (see `critical`), not whether it is suspicious.
        vector = {"harvest": harvest, "coordination": coordination, **coordination_parts}
        raw = self.hst.score_one(vector)
        unusual = self.hst_calibrator.score(raw) if self.hst_calibrator.ready else 0.5
        if unusual < 0.99:  # protect the model from what stands out
            self.hst.learn_one(vector)
        self.hst_calibrator.learn(raw)
        history = self.history.setdefault(cluster_id, RunningStat(alpha=0.2))
        growth_z = (n - history.mean) / (history.sd + 1.0) if history.n else 0.0
        history.update(float(n))
        score = _evidence_score(harvest, coordination, shrink, unusual) * self.readiness
        # Suspicious by its number alone: the members' own harvest would not fire an alert.
        by_number = collective > own_harvest and score >= REASONS_FROM \
            and _evidence_score(own_harvest, coordination, shrink, unusual) * self.readiness < FIRES_AT
        evidence = {k: round(v, 3) for k, v in f.items()}
        evidence.update(harvest=round(harvest, 3), coordination=round(coordination, 3), volume=round(volume, 3),
                        collective_harvest=round(collective, 3),
                        unusual=round(unusual, 3),
                        growth_z=round(growth_z, 2), link_kinds=sorted({k.split(":", 1)[0] for k in keys}))
        reasons = self._reasons(f, harvest_parts, coordination_parts, keys, members, collective, volume) \
            if score >= REASONS_FROM else ()
        named = [s.account_id for s in members]
        if by_number:
            named = owner_marked(members, passing or {}, coordination_parts["rotating"] > 0.0)
            evidence["named_by_owner_mark"] = len(named)
        if periphery and coordination_parts["rotating"] >= ROTATING_NAMES:
            rotating = [s.account_id for s in periphery if s.network_moves >= ROTATING_FROM]
            named.extend(rotating)
            evidence["periphery_named_rotating"] = len(rotating)
        return ClusterVerdict(score, harvest, coordination, reasons, evidence, tuple(named), volume)

    def _org_outlier(self, cluster_id: str, harvest: float) -> float:
        """How far an organisation's harvest stands above its peers' (the 95th percentile of the
        other organisations' groups), 0.15 above = in full; 0 until ORG_PEERS_MIN peers are known.

        >>> s = ClusterScorer()
        >>> for i in range(10): _ = s._org_outlier(f"org{i}", 0.2 + 0.01 * i)
        >>> round(s._org_outlier("front", 0.9), 2), round(s._org_outlier("org9", 0.29), 2)
        (1.0, 0.0)
        """
        peers = sorted([h for cid, h in self.org_harvest.items() if cid != cluster_id])
        self.org_harvest[cluster_id] = harvest
        if len(peers) < ORG_PEERS_MIN:
            return 0.0
        p95 = peers[min(len(peers) - 1, int(0.95 * len(peers)))]
        return _clip01((harvest - p95) / 0.15)

    def _reasons(self, f: dict, harvest_parts: dict, coordination_parts: dict, keys: set[str],
                 members: list[AccountSummary], collective: float = 0.0, volume: float = 0.0) -> tuple[dict, ...]:
        n = len(members)
        kinds = Counter(k.split(":", 1)[0] for k in keys)
        cards = len({s.payment for s in members if s.payment})
        shared = ", ".join([f"{kinds[kind.prefix]} {kind.label}" for kind in LINK_KINDS if kinds[kind.prefix]])
        reasons = [reason("cluster", "linked", n=n, shared=shared or "links", cards=cards)]
        values = dict(f, young_days=YOUNG_DAYS)
        for signal in CLUSTER_FLAGS:
            if signal.shown(f, coordination_parts):
                reasons.append(signal.reason(**values))
        strong = [name for name, v in sorted(harvest_parts.items(), key=lambda kv: -kv[1]) if v > 0.3]
        if strong:
            def shown(name: str, value: float) -> str:
                return f"{math.expm1(value):,.0f} tokens" if name == "output" else f"{value:.2f}"

            detail = "; ".join(f"{HARVEST_FEATURES[name]} {shown(name, f[name])} vs population {shown(name, self.reference[name].mean)}"
                               for name in strong[:3])
            reasons.append(reason("cluster", "harvesting", detail=detail))
        if collective > 0.3:
            reasons.append(reason("cluster", "collective_harvest", n=n, times_typical=VOLUME_FULL ** volume))
        return tuple(reasons)
