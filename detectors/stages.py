"""The detection core as a chain of stages exchanging plain messages.

    AccountStage (keyed by account) --LinkMessage, AccountSummary--> ClusterStage
    ClusterStage --AlertEvent (account and cluster scope)--> anomaly-alerts

Each stage owns its state; stages never call each other. `run` below wires them in one
process (`hydrawatch replay`); the streaming topology distributes them over Kafka partitions
without changing this code.
"""

from __future__ import annotations

import zlib
from array import array
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from detectors.alerts import AlertEvent, AlertPolicy, Incidents
from detectors.clusters import ClusterScorer, ClusterVerdict
from detectors.features import (
    ACCOUNT_TTL_S, DAY_S, HOUR_S, ROTATING_FROM, ROTATION_SHOWS_EVENTS, YOUNG_ACCOUNT_S, AccountState, AccountSummary,
    ModelCatalog, client_of, network_key,
)
from detectors.link_kinds import EXACT_KINDS, NETWORK_PAIR, TEMPLATE, LinkKind
from detectors.linking import LinkGraph
from detectors.population import (
    NOT_ASSESSED, DEFAULT_CRITICAL_MARGIN, DEFAULT_VOLUME_MARGIN, AccountAssessment, AccountCalibration,
    PopulationModel,
)
from detectors.reasons import reason
from detectors.sequencer import Sequencer

MAX_SENT_KEYS = 24  # link observations an account may send in its whole life
EXPIRE_EVERY_EVENTS = 200_000  # replay's account-state sweep
SWEEP_INTERVAL_S = HOUR_S  # the cluster stage looks for idle accounts once per hour of event time
# An account's first prompts may join (or found, with another account) a template without repeating
# it: for an established account, enough of them that a fleet's accounts drawing tasks from one pool
# hold some of it in common (pools are found among established accounts only); a young account's
# first few, its greetings and first tries (more would bury a swarm's run templates under in-passing
# holders, making them look like phrases nobody runs).
WEAK_TEMPLATE_EVENTS = 16
YOUNG_TEMPLATE_EVENTS = 4
# A prompt shorter than this many tokens (a greeting, a test ping) carries too little text for its
# near-duplicates to say one author: strangers type the same "hi", and new users' first prompts and a
# swarm's warm-up pings collide by chance. Its template links no one; longer prompts do.
TEMPLATE_MIN_TOKENS = 16
# An account rotating through networks reports the pairs of autonomous systems its requests move
# between, from its 4th request (when rotation shows) to this one: a proxy pool's accounts move
# among the pool's networks, so they share pairs; a dozen requests tell the pool.
NETWORK_PAIR_EVENTS = 12
_TPL = TEMPLATE.prefix
_NET = NETWORK_PAIR.prefix


def exact_fields(kinds: Iterable[LinkKind]) -> tuple:
    """(event field, state slot, kind) of each exact link kind: `_links` reads these per event."""
    return tuple((kind.field, kind.state, kind) for kind in kinds)


_EXACT = exact_fields(EXACT_KINDS)
_TEMPLATE_SENT = _TPL.encode() + b":%x:%d"  # see AccountStage._links


@dataclass(frozen=True, slots=True)
class LinkMessage:
    """`account` uses `value` of link kind `kind` (a prefix in `detectors.link_kinds`); a `strong`
    template was repeated by the account."""

    account: str
    kind: str
    value: str | int
    ts: float
    strong: bool = True
    young: bool = False  # the account was created recently (see features.YOUNG_ACCOUNT_S)


class AccountStage:
    """Per-account features; emits link messages and account summaries.

    State TTL: an account idle for more than `ttl_s` of event time (its last event against the
    partition's clock) starts afresh on its next event. That decision does not depend on when,
    or whether, `expire` has physically dropped the old state, so eviction never changes results.
    """

    def __init__(self, ttl_s: float = ACCOUNT_TTL_S) -> None:
        self.states: dict[str, AccountState] = {}
        self.catalog = ModelCatalog()  # per partition, like the state
        self.clock = float("-inf")  # newest event time seen (see detectors.sequencer)
        self.ttl_s = ttl_s
        self.heartbeat_s = ttl_s / 2  # summaries refresh the cluster stage's view this often

    def process(self, event: Mapping[str, Any], out: list) -> bool:
        """Fold `event` in, appending messages for the cluster stage to `out`; False if the
        event repeats one of the account's recent event ids (a re-sent request: ignored)."""
        account = event["account_id"]
        ts = event["ts_s"]
        state = self.states.get(account)
        if state is None or (ts if ts > self.clock else self.clock) - state.last_ts > self.ttl_s:  # see expired
            state = self.states[account] = AccountState.new(event["account_created_s"], ts)
        if state.seen(event["event_id"]):
            return False
        if ts > self.clock:
            self.clock = ts
        before_dup = state.dup
        moved_from = state.last_asn
        due = state.update(event, self.catalog.observe_is_new(event["model"], ts), self.heartbeat_s)
        self._links(account, state, event, ts, state.dup > before_dup, moved_from, out)
        if due:
            state.client = client_of(event["user_agent"])
            out.append(state.summary(account))
        return True

    def replayed(self, event: Mapping[str, Any]) -> None:
        """An event the account's stored state already holds (a Kafka redelivery after a crash):
        advance the partition's clock and model catalog as its first application did, so later
        events' messages carry the clocks of an uninterrupted run (the stream stamps them)."""
        ts = event["ts_s"]
        if ts > self.clock:
            self.clock = ts
        self.catalog.observe_is_new(event["model"], ts)

    def expired(self, idle_s: float) -> bool:
        return idle_s > self.ttl_s

    def expire(self) -> list[str]:
        """Drop the states of accounts idle past the TTL at this partition's clock; returns their
        ids. (Optional: an expired state is replaced on the account's next event anyway.)"""
        clock = self.clock
        gone = [a for a, s in self.states.items() if self.expired(clock - s.last_ts)]
        for account in gone:
            del self.states[account]
        return gone

    def _links(self, account: str, state: AccountState, event: Mapping[str, Any], ts: float,
               repeated: bool, moved_from: int, out: list) -> None:
        """Tell the cluster stage about keys this account uses for the first time. `moved_from`:
        the autonomous system of the account's request before this one (negative: none known)."""
        young = ts - state.created_s < YOUNG_ACCOUNT_S
        if ROTATION_SHOWS_EVENTS <= state.n_events <= NETWORK_PAIR_EVENTS and moved_from >= 0 \
                and state.moves >= ROTATING_FROM * state.rate_1d:
            asn = event["asn"]
            if asn is not None and asn != moved_from:
                # (Not kept in `sent`: a few per rotating account, and the link graph ignores a repeat.)
                pair = f"{asn}-{moved_from}" if asn < moved_from else f"{moved_from}-{asn}"
                out.append(LinkMessage(account, _NET, pair, ts, young=young))
        ip = event["client_ip"]
        if ip != state.ip:
            state.ip = ip
            state.network = network_key(event)
        state.org = event["org_id"]
        fresh = None  # (kind, value) of the exact link kinds whose value changed
        for field, slot, kind in _EXACT:
            value = event[field]
            if slot is not None:
                if value == getattr(state, slot):
                    continue
                setattr(state, slot, value)
            if value is not None:
                if fresh is None:
                    fresh = []
                fresh.append((kind, value))
        sent = state.sent
        if len(sent) >= MAX_SENT_KEYS:
            return
        if fresh is not None:
            for kind, value in fresh:
                if _first(sent, kind.key(value).encode()):
                    out.append(LinkMessage(account, kind.prefix, value, ts, young=young))
        if (repeated or state.n_events <= (YOUNG_TEMPLATE_EVENTS if young else WEAK_TEMPLATE_EVENTS)) \
                and event["input_tokens"] >= TEMPLATE_MIN_TOKENS:
            simhash = event["prompt_simhash_int"]
            # One message per template family (top 24 bits) and strength, per account (the key as
            # b"tpl:<family hex>:<0|1>", formatted as bytes: this runs for most templated requests).
            if _first(sent, _TEMPLATE_SENT % (simhash >> 40, repeated)):
                out.append(LinkMessage(account, _TPL, simhash, ts, strong=repeated, young=young))


def _first(sent: array, key: bytes) -> bool:
    """Record `key` in `sent` (CRC-32s); True if it was not there yet."""
    digest = zlib.crc32(key)
    if digest in sent:
        return False
    sent.append(digest)
    return True


_SUMMARY_FIELDS = tuple(AccountSummary.__dataclass_fields__)  # the wire slots, in order
_SUMMARY_SLOTS = len(_SUMMARY_FIELDS)


def to_wire(message: LinkMessage | AccountSummary) -> list:
    """A stage message as plain JSON-able data (see `from_wire`).

    >>> m = LinkMessage("acct_1", "tpl", 2**63 + 5, 60.0, strong=False)
    >>> from_wire(to_wire(m)) == m
    True
    """
    if type(message) is LinkMessage:
        return ["L", message.account, message.kind, message.value, message.ts, message.strong, message.young]
    return ["S", *[getattr(message, name) for name in _SUMMARY_FIELDS]]


def from_wire(data: list) -> LinkMessage | AccountSummary:
    """A stage message from its wire form. A summary's slots are `AccountSummary`'s fields in
    order: one written before a feature was appended lacks its slot and gets its default; one
    written by a newer release has slots this one does not know, and they are left out (a rolling
    upgrade's new account stage may reach an old cluster stage).

    >>> from detectors.features import EXAMPLE, AccountState
    >>> state = AccountState.new(0.0, 86400.0); _ = state.update(EXAMPLE); s = state.summary("acct_1")
    >>> from_wire(to_wire(s) + ["a newer release's feature"]) == s
    True
    """
    if data[0] == "L":
        return LinkMessage(*data[1:])
    if data[0] == "S":
        return AccountSummary(*data[1:_SUMMARY_SLOTS + 1])
    raise ValueError(f"not a stage message: {data[:1]!r}")


class ClusterStage:
    """Link graph, member summaries, the population and per-cluster models; decides every alert.

    Account-scope alerts are decided here too, so an account inside a cluster that already
    has an open incident is reported as part of that incident, not as one more alert id.
    """

    def __init__(self, seed: int = 0, score_interval_s: float = 60.0, account_ttl_s: float = ACCOUNT_TTL_S,
                 account_volume_margin: float = DEFAULT_VOLUME_MARGIN,
                 account_critical_margin: float = DEFAULT_CRITICAL_MARGIN) -> None:
        self.graph = LinkGraph()
        self.members: dict[str, AccountSummary] = {}
        self.scorer = ClusterScorer(seed=seed)
        self.incidents = Incidents("cluster", AlertPolicy.for_clusters())
        self.account_incidents = Incidents("account", AlertPolicy.for_accounts())
        self.population = PopulationModel(seed=seed)
        self.account_calibration = AccountCalibration(volume_margin=account_volume_margin,
                                                      critical_margin=account_critical_margin)
        self.score_interval_s = score_interval_s
        self.watermark = float("-inf")
        self.next_scoring: float | None = None
        # Accounts whose cluster changed, in arrival order (a dict, not a set: set order follows
        # string hashes, which differ between processes, and scoring order feeds the models).
        self.dirty: dict[str, None] = {}
        self.verdicts: dict[str, ClusterVerdict] = {}
        self.last_scored: dict[str, float] = {}
        # An active account sends a summary at least every ttl/2 (AccountState.update's heartbeat),
        # so one not heard of for 1.5 ttl has been idle past the account stage's TTL; whatever it
        # sent the cluster stage is then older than 1 ttl.
        self.account_ttl_s = account_ttl_s
        self.next_sweep: float | None = None
        self.expired_accounts = 0
        # Optional observer of scores (`account_scored`, `cluster_scored`: the stream's metrics,
        # streams.metrics.MetricsObserver); it sees scores, it never changes them.
        self.observer: Any = None

    def feed(self, messages: Iterable[LinkMessage | AccountSummary], out: list) -> None:
        for message in messages:
            self.process(message, out)

    def process(self, message: LinkMessage | AccountSummary, out: list) -> None:
        if type(message) is LinkMessage:
            graph = self.graph
            if message.kind == _TPL:
                graph.observe_template(message.account, message.value, message.ts, create=message.strong,
                                       young=message.young)
            else:
                graph.observe(message.account, message.kind, message.value, message.ts, message.young)
            account = message.account
        else:
            account = message.account_id
            previous = self.members.get(account)
            if previous is None:
                self.graph.n_accounts += 1
                self.graph.arrive(account, message.first_ts - message.age_days * DAY_S, message.first_ts, message.network)
            self.members[account] = message
        comp = self.graph.cluster_of(account)
        if comp is not None:
            self.dirty[account] = None
        if type(message) is not LinkMessage:
            if not (comp is not None and self.incidents.is_open(comp.cluster_id)):
                self.scorer.observe_account(message)  # flagged clusters don't shape the reference
            verdict = self.population.score(message)
            if verdict.raw or verdict.volume:  # an established account, scored
                harvest = self.scorer.account_harvest(message)
                assessment = self.account_calibration.assess(verdict, message.n_events, harvest)
            else:
                assessment = NOT_ASSESSED
            score = assessment.score
            if score >= self.account_incidents.policy.resolve:
                self._account_alert(message, assessment, verdict.reasons, comp, out)
            if self.observer is not None:
                flagged = (comp is not None and self.incidents.is_open(comp.cluster_id)) \
                    or self.account_incidents.is_open(account)
                self.observer.account_scored(previous, message, score, flagged)
        self.advance(message.ts, out)

    def _account_alert(self, s: AccountSummary, assessment: AccountAssessment, reasons: tuple, comp,
                       out: list) -> None:
        if comp is not None and self.incidents.is_open(comp.cluster_id):
            return  # already part of its cluster's incident
        if assessment.times_top:
            cal = self.account_calibration
            reasons = (*reasons, reason("account", "harvest_volume", times_top=assessment.times_top,
                                        volume_margin=cal.volume_margin, critical_margin=cal.critical_margin))
        out.extend(self.account_incidents.observe(s.account_id, assessment.score, s.ts, reasons, [s.account_id],
                                                  critical=assessment.critical))

    def advance(self, ts: float, out: list) -> None:
        """Move the watermark; score clusters every `score_interval_s` of event time."""
        if ts <= self.watermark:
            return
        self.watermark = ts
        if self.next_scoring is None:
            self.next_scoring = ts + self.score_interval_s
            self.next_sweep = ts + SWEEP_INTERVAL_S
        if ts >= self.next_scoring:
            self.next_scoring = ts + self.score_interval_s
            self.score_all(ts, out)
        if ts >= self.next_sweep:
            self.next_sweep = ts + SWEEP_INTERVAL_S
            self.expire(ts)

    @property
    def expired_through(self) -> float:
        """Event time of the last forgetting: no summary older than 1.5 TTL before it is held."""
        return float("-inf") if self.next_sweep is None else self.next_sweep - SWEEP_INTERVAL_S

    def expire(self, now: float) -> list[str]:
        """Forget accounts idle past the TTL at event time `now`: their summaries, their place in
        the link graph, keys nobody else holds, and clusters left without members."""
        members = self.members
        cutoff = now - 1.5 * self.account_ttl_s
        gone = [a for a, s in members.items() if s.ts < cutoff]
        for account in gone:
            del members[account]
            self.dirty.pop(account, None)
        self.graph.expire(gone, now - self.account_ttl_s)
        self.graph.n_accounts -= len(gone)
        self.expired_accounts += len(gone)
        live = {c.cluster_id for c in self.graph.components.values()}
        for table in (self.verdicts, self.last_scored, self.scorer.history, self.scorer.org_harvest):
            for cid in [cid for cid in table if cid not in live]:
                del table[cid]
        return gone

    @staticmethod
    def _membership(members: list[str], core: list[str], kinds: dict[str, int]) -> dict:
        """Evidence for an analyst: how much of the linked group carries the evidence (the core,
        which the alert names) and which link kinds tie the core together."""
        return {"linked_accounts": len(members), "core_accounts": len(core),
                "core_share": round(len(core) / len(members), 3) if members else 0.0,
                "periphery_accounts": len(members) - len(core),
                "core_accounts_by_link_kind": dict(sorted(kinds.items()))}

    def score_all(self, ts: float, out: list) -> None:
        """Re-score clusters that changed. Large clusters are re-scored less often (every
        `score_interval_s * size / 200`); in between, new members still join their open incident."""
        for absorbed, into in self.graph.merges:
            out.extend(self.incidents.merge(absorbed, into, ts))
        self.graph.merges.clear()
        dirty, self.dirty = self.dirty, {}
        seen: set[str] = set()
        for account in dirty:
            comp = self.graph.cluster_of(account)
            if comp is None or comp.cluster_id in seen or len(comp.members) < self.scorer.min_size:
                continue
            seen.add(comp.cluster_id)
            cid = comp.cluster_id
            interval = self.score_interval_s * max(1.0, len(comp.members) / 200.0)
            verdict = self.verdicts.get(cid)
            if verdict is None or ts - self.last_scored.get(cid, -1e18) >= interval:
                core, kinds = self.graph.membership(comp.members)
                members = [self.members[a] for a in core if a in self.members]
                passing = {a: self.graph.in_passing(a) for a in core}
                drawn = {a: self.graph.drawn_from_pools(a, passing[a]) for a in core}
                in_core = set(core)
                periphery = [self.members[a] for a in comp.members if a not in in_core and a in self.members]
                verdict = self.scorer.score(cid, members, comp.keys, ts, self.graph.account_keys, drawn, passing,
                                            self.graph.arrivals, periphery)
                verdict.evidence.update(self._membership(comp.members, core, kinds))
                self.verdicts[cid] = verdict
                self.last_scored[cid] = ts
                if self.observer is not None:
                    self.observer.cluster_scored(cid, verdict, members, ts)
            elif not self.incidents.is_open(cid):
                self.dirty[account] = None  # not due yet: look again next round
                continue
            out.extend(self.incidents.observe(cid, verdict.score, ts, verdict.reasons, verdict.accounts,
                                              evidence=verdict.evidence,
                                              critical=verdict.critical(self.incidents.policy.critical)))
        out.extend(self.incidents.tick(ts))
        out.extend(self.account_incidents.tick(ts))


def run(events: Iterable[Mapping[str, Any]], partitions: int = 8, seed: int = 0,
        ttl_s: float = ACCOUNT_TTL_S, probe: Callable[[list, "ClusterStage"], None] | None = None,
        probe_every: int = 10_000, account_volume_margin: float = DEFAULT_VOLUME_MARGIN,
        account_critical_margin: float = DEFAULT_CRITICAL_MARGIN) -> list[AlertEvent]:
    """Replay: all stages in one process, partitioned as Kafka would and merged by `Sequencer`
    exactly as the stream merges them, so both feed the cluster stage the same sequence.
    `probe(account_stages, cluster_stage)` is called every `probe_every` events (state sizes)."""
    from detectors.partitioning import partition_for

    account_stages = [AccountStage(ttl_s) for _ in range(partitions)]
    cluster_stage = ClusterStage(seed=seed, account_ttl_s=ttl_s, account_volume_margin=account_volume_margin,
                                 account_critical_margin=account_critical_margin)
    sequencer = Sequencer(partitions)
    offsets = [0] * partitions
    alerts: list[AlertEvent] = []
    out: list = []
    cache: dict[str, int] = {}
    for n, event in enumerate(events):
        account = event["account_id"]
        p = cache.get(account)
        if p is None:
            p = cache[account] = partition_for(account.encode(), partitions)
        stage = account_stages[p]
        stage.process(event, out)
        if out:
            for i, message in enumerate(out):
                sequencer.push(p, stage.clock, offsets[p], i, message)
            out.clear()
        offsets[p] += 1
        if n & 63 == 0 and sequencer.pending > 256:
            cluster_stage.feed(sequencer.release(), alerts)
        if n % EXPIRE_EVERY_EVENTS == EXPIRE_EVERY_EVENTS - 1:
            for stage in account_stages:
                stage.expire()  # memory only: results do not depend on it
            if len(cache) > 1_000_000:
                cache.clear()
        if probe is not None and n % probe_every == probe_every - 1:
            probe(account_stages, cluster_stage)
    cluster_stage.feed(sequencer.flush(), alerts)
    return alerts
