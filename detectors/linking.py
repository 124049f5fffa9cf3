"""Online cluster discovery: accounts linked by what they share, weighted by rarity.

Accounts are joined through *link keys* of the kinds in `detectors.link_kinds`: exact values
(a payment fingerprint, a system prompt) and prompt templates (SimHash near-duplicates found by
LSH over four 16-bit bands and verified by Hamming distance). Network neighbourhoods are too weak
to link on their own (households of one ISP share a /24; NATs share addresses): they are a
cluster *feature*. A key links its members only while it is *rare*: once more accounts share it
than its kind's `KeyPolicy.cap(n_accounts)`, it is marked popular for good and its links are undone
(a popular SDK, a big NAT or an IDE's system prompt glues nothing). `expire` forgets accounts
evicted for idleness, with the keys and clusters nobody holds any more. Components are kept with
union-find (star edges to each key's first member), merged smaller-into-larger, and rebuilt
locally when a key turns popular. Cluster ids are stable: a merged cluster keeps the id of the
larger side, a split keeps it on its largest piece. See docs/design.md for complexity and limits.
"""

from __future__ import annotations

import hashlib
import math
from collections import deque
from dataclasses import dataclass, field

from detectors.features import PLACE_SHARE_FROM, Arrivals, cohort_share
from detectors.link_kinds import BY_PREFIX, IN_BLOCK, LINK_KINDS, NOT_ALONE, PRIVATE, TEMPLATE, KeyPolicy  # noqa: F401 (KeyPolicy: part of this API)

TEMPLATE_MATCH_BITS = 6  # two variants of one template, each <= 3 bits from it
BANDS = 4


DEFAULT_POLICIES = {kind.prefix: kind.policy for kind in LINK_KINDS}
_TPL = TEMPLATE.prefix


# A prompt that many accounts send only in passing (a greeting, a default prompt) is a generic
# phrase, not a template anyone runs: once GENERIC_MIN_MEMBERS accounts share it and fewer than
# GENERIC_STRONG_SHARE of them ever repeat it, it stops linking, fresh accounts counted too.
GENERIC_MIN_MEMBERS = 50
GENERIC_STRONG_SHARE = 0.1
_NO_WEAK: frozenset = frozenset()

# Two templates co-held by the same accounts far beyond chance are one pool, run by one hand
# (CopyCatch's lockstep, FRAUDAR's dense block): holding both is a strong link, sent in passing
# or not. Chance: |T| * |U| / N accounts would hold both if prompts were picked independently.
POOL_MIN_COHOLDERS = 3
POOL_OVER_CHANCE = 4.0
POOL_RECENT_TEMPLATES = 6  # an account's latest templates a new one is paired with
POOL_PAIRS_PER_KEY = 16  # co-holding counts a template keeps (the largest)

# A key that more established accounts share than its cap is popular when they were born apart (an
# IDE's users signed up over years). When most of its holders were born within a week and came in
# through many networks, it is a wave of accounts an operator bought or aged together: the
# population does not share one private prompt among hundreds of accounts born together and
# spread over unrelated networks. It keeps linking, and the cluster is judged on its evidence. A
# cohort at one place (a class on its campus network, a team at its office) is popular as before.
POPULAR_COHORT_SHARE = 0.5  # holders born within a week of each other (features.cohort_share), at most
POPULAR_RECHECK = 16  # a cohort's key is looked at again every this many established joins

# Holders born apart who arrived together (aged accounts woken at once: features.Arrivals) are a
# wave too: half or more of them, beyond chance.
WAKE_SHARE = 0.5
# A key of a kind that is no evidence alone (`LinkKind.alone`: network pairs) links an account only
# once the account holds this many keys of the kind that others hold too.
NOT_ALONE_TO_LINK = 2


@dataclass(slots=True)
class _Key:
    kind: str
    members: list[str] | None  # None once popular
    count: int = 0
    established: int = 0  # members that were not young accounts when they joined
    last_ts: float = 0.0  # the latest join (event time)
    # Members that only sent it in passing (templates); a shared empty frozenset until the first,
    # since most keys are never shared (a set each would cost ~200 bytes per key).
    weak: set[str] | frozenset = _NO_WEAK
    anchor: str | None = None  # the first member holding it strongly: every link is a star edge to it
    weak_linked: bool = False  # its in-passing members are linked too (enough members run it)
    # Other templates -> accounts seen holding both (None until shared); and those found pooled
    # with it: holding one of these too makes holding this one strong.
    coheld: dict | None = None
    pooled: list | None = None
    by_pool: set | None = None  # holders strong through a pool, not by repeating it (see `_runs`)


@dataclass(slots=True)
class _Component:
    cluster_id: str
    members: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    born_ts: float = 0.0


def _reanchor(key: _Key, gone: set[str]) -> None:
    """A key whose anchor is gone takes its first remaining strong holder (or none) instead; a key
    of a kind that is no evidence alone, none (its next holder that links becomes its anchor)."""
    if key.anchor in gone:
        if key.kind in NOT_ALONE:
            key.anchor = None
        else:
            key.anchor = next((m for m in key.members if m not in key.weak and m not in gone), None)


def _bands(simhash: int) -> list[tuple[int, int]]:
    """The LSH keys of a SimHash: (band index, 16-bit band value) for each of the four bands."""
    return [(i, (simhash >> (16 * i)) & 0xFFFF) for i in range(BANDS)]


def _cluster_id(seed: str) -> str:
    return "cl-" + hashlib.sha1(seed.encode()).hexdigest()[:12]


BLOCK_ROUNDS = 8  # key-joining rounds of `_block` (each over the cluster's holdings)


def _block(shared: list[list[_Key]]) -> set[int] | None:
    """The ids of the keys in a cluster's dense block, from each member's shared keys; None if no
    member holds two (every key counts). The block grows from its centre, the most held of the
    keys that some member holds together with another, by every key whose holders in the
    cluster mostly (half or more) hold a key of the block too, and every private key
    (`LinkKind.private`: a system prompt, which ordinary users cannot borrow as camouflage) two
    of whose holders do: a class whose own prompt is tied to the block by one member stays out.

    >>> k = [_Key("tpl", []) for _ in range(4)]
    >>> for i, key in enumerate(k): key.anchor = f"{i}"
    >>> swarm = [[k[0], k[1]]] * 5 + [[k[1]]] * 3
    >>> others = [[k[2], k[3]]] * 4 + [[k[2], k[0]]]  # a second group, tied in by one member
    >>> sorted(k.index(x) for x in k if id(x) in _block(swarm + others)), _block([[k[0]], [k[1]]])
    ([0, 1], None)
    """
    holders: dict[int, int] = {}
    together: dict[int, int] = {}  # members holding the key and another
    private: set[int] = set()
    for held in shared:
        for key in held:
            k = id(key)
            holders[k] = holders.get(k, 0) + 1
            if key.kind in PRIVATE:
                private.add(k)
            if len(held) > 1:
                together[k] = together.get(k, 0) + 1
    if not together:
        return None
    # (ties: the most held with another, then the first seen, in member order)
    block = {max(together, key=lambda k: (holders[k], together[k]))}
    for _ in range(BLOCK_ROUNDS):
        joined: dict[int, int] = {}
        for held in shared:
            if len(held) > 1 and any(id(key) in block for key in held):
                for key in held:
                    k = id(key)
                    if k not in block:
                        joined[k] = joined.get(k, 0) + 1
        grown = {k for k, n in joined.items() if 2 * n >= holders[k] or (n >= 2 and k in private)}
        if not grown:
            break
        block |= grown
    return block


class LinkGraph:
    """Accounts, their link keys and the clusters (connected components) they form."""

    def __init__(self, policies: dict[str, KeyPolicy] | None = None, max_cluster_share: float = 0.25,
                 max_cluster_floor: int = 5000, max_candidates: int = 50_000) -> None:
        self.policies = dict(DEFAULT_POLICIES if policies is None else policies)
        self.max_cluster_share = max_cluster_share
        self.max_cluster_floor = max_cluster_floor
        self.keys: dict[str, _Key] = {}
        self.account_keys: dict[str, list[str]] = {}
        self.parent: dict[str, str] = {}
        self.components: dict[str, _Component] = {}  # by union-find root
        self.template_bands: dict[tuple[int, int], list[int]] = {}
        # Recent prompts not (yet) matching a template, so that two accounts sending the same
        # template can found it between them; FIFO-bounded.
        self.candidate_bands: dict[tuple[int, int], list[tuple[int, str, float, bool]]] = {}
        self.candidates: deque[tuple[int, str, float, bool]] = deque()  # (simhash, account, ts, young), oldest first
        self.max_candidates = max_candidates
        self.n_accounts = 0  # population size, set by the caller (for the rarity caps)
        self.account_templates: dict[str, list[str]] = {}  # account -> its latest templates (pool test)
        self.pools_found = 0
        self.merges: list[tuple[str, str]] = []  # (absorbed cluster id, surviving id), drained by the caller
        self.refused_unions = 0
        # account -> (creation time, network, first seen) from its first summary (see `_popular`)
        self.born: dict[str, tuple[float, str, float | None]] = {}
        self.arrivals = Arrivals()  # the population's arrivals (see `_popular`)
        self.held_not_alone: dict[str, list[str]] = {}  # account -> its keys of kinds not alone (`_join_not_alone`)

    def __setstate__(self, state: dict) -> None:
        """Unpickle (cluster-stage snapshots); one taken before births, or arrivals, were kept
        starts them afresh."""
        self.__dict__.update(state)
        born = self.__dict__.setdefault("born", {})
        for account, value in born.items():
            if len(value) == 2:
                born[account] = (*value, None)
        self.__dict__.setdefault("arrivals", Arrivals())
        self.__dict__.setdefault("held_not_alone", {})

    def arrive(self, account: str, created_s: float, first_ts: float, network: str) -> None:
        """`account`, created at `created_s`, is first seen at `first_ts` on `network`."""
        self.born[account] = (created_s, network, first_ts)
        self.arrivals.arrive(created_s, first_ts)

    # -- observations ---------------------------------------------------------------
    def observe(self, account: str, kind: str, value: str, ts: float, young: bool = False) -> None:
        """`account` uses `value` of the exact link kind `kind` (a prefix in `link_kinds`);
        `young`: a recently created account."""
        if kind in NOT_ALONE:
            self._join_not_alone(account, BY_PREFIX[kind].key(value), kind, ts, young)
        else:
            self._join(account, BY_PREFIX[kind].key(value), kind, ts, young)

    def _join_not_alone(self, account: str, key_name: str, kind: str, ts: float, young: bool) -> None:
        """`account` holds `key_name`, of a kind that is no evidence alone (a network pair: an
        ordinary account rotating through a VPN's servers may share one with a proxy pool by
        chance). It links the account only once the account holds NOT_ALONE_TO_LINK such keys
        that others hold too, and then only to holders that do as well (a key's anchor is its
        first such holder): one chance pair does not tie an account, and its own group, to a pool.

        >>> g = LinkGraph()
        >>> for who, pairs in (("a", "12 23 34"), ("b", "12 23"), ("c", "34 45"), ("v", "45")):
        ...     for pair in pairs.split(): g.observe(who, "net", pair, 0.0)
        >>> sorted(g.cluster_of("a").members), g.cluster_of("v") is None
        (['a', 'b', 'c'], True)
        """
        held = self.held_not_alone.setdefault(account, [])
        if key_name in held:
            return
        held.append(key_name)
        key = self.keys.get(key_name)
        if key is None:
            key = self.keys[key_name] = _Key(kind, [])
        key.last_ts = ts if ts > key.last_ts else key.last_ts
        key.count += 1
        if key.members is None:
            return  # popular
        key.members.append(account)
        key.established += not young
        if self._popular(key, kind) or key.count > self.max_cluster_size():
            self._make_popular(key_name, key)
            return
        # Who may hold enough shared keys now: the account, and the first holder once it is shared.
        for holder in (key.members if len(key.members) == 2 else (account,)):
            self._link_not_alone(holder, ts)

    def _link_not_alone(self, account: str, ts: float) -> None:
        shared = self._shared_not_alone(account)
        if len(shared) < NOT_ALONE_TO_LINK:
            return
        for key_name in shared:
            key = self.keys[key_name]
            if key.anchor is None:
                key.anchor = account  # its first holder that links: the others that do link to it
                for member in key.members:
                    if member != account and len(self._shared_not_alone(member)) >= NOT_ALONE_TO_LINK:
                        self._link(member, key_name, key, ts)
            elif key.anchor != account:
                self._link(account, key_name, key, ts)

    def _shared_not_alone(self, account: str) -> list[str]:
        """The account's keys of kinds not alone that others hold too (and still link)."""
        return [k for k in self.held_not_alone.get(account, ()) if self._shared(k) is not None]

    def observe_template(self, account: str, simhash: int, ts: float, *, create: bool, young: bool = False) -> None:
        """`account` sent prompt `simhash`. A template is founded when the account itself
        repeats the prompt (`create`), or when another account sent a near-duplicate recently."""
        bands = _bands(simhash)
        rep = self._match(self.template_bands, bands, simhash)
        founder = None
        founder_young = False
        if rep is None:
            found = self._match_candidate(bands, simhash, account)
            if found is not None:
                rep, founder, founder_young = found
            elif create:
                rep = simhash
            else:
                self._remember_candidate(bands, simhash, account, ts, young)
                return
            for band in bands:
                self.template_bands.setdefault(band, []).append(rep)
        key_name = f"{_TPL}:{rep:016x}"
        for holder, strong, fresh in ((founder, False, founder_young), (account, create, young)):
            if holder is None:
                continue
            self._join(holder, key_name, _TPL, ts, fresh, strong=strong)
            key = self.keys[key_name]
            if fresh:  # fresh accounts share first prompts by nature: pools are counted among established ones
                continue
            if self._hold_template(holder, key_name) and key.members is not None and holder in key.weak:
                self._strengthen(holder, key_name, key)  # it holds one pooled with it

    def _hold_template(self, account: str, key_name: str) -> bool:
        """Remember that `account` holds template `key_name`, count it as co-held with the
        account's latest other templates, and say whether it holds one found pooled with it (its
        holding is then a strong link). A pair found co-held far beyond chance makes the two a
        pool, and every account holding both a strong holder of each."""
        held = self.account_templates.setdefault(account, [])
        if key_name in held:
            return False
        key = self.keys.get(key_name)
        pooled = False
        for other in held[-POOL_RECENT_TEMPLATES:]:
            other_key = self.keys.get(other)
            if key is None or other_key is None or key.members is None or other_key.members is None:
                continue
            if key.pooled is not None and other in key.pooled:
                pooled = True
                continue
            coheld = key.coheld
            if coheld is None:
                coheld = key.coheld = {}
            coheld[other] = coheld.get(other, 0) + 1
            if len(coheld) > POOL_PAIRS_PER_KEY:
                del coheld[min(coheld, key=lambda k: (coheld[k], k))]
            # Counted on whichever of the two an account took second: both counts together.
            n = coheld.get(other, 0) + (other_key.coheld.get(key_name, 0) if other_key.coheld else 0)
            if n >= POOL_MIN_COHOLDERS and self._beyond_chance(n, key, other_key):
                self._pool(key_name, key, other, other_key)
                pooled = True
        held.append(key_name)
        if len(held) > 2 * POOL_RECENT_TEMPLATES:
            del held[:POOL_RECENT_TEMPLATES]
        return pooled

    def _beyond_chance(self, coholders: int, a: _Key, b: _Key) -> bool:
        """`coholders` accounts hold both: POOL_OVER_CHANCE times what independent choices give.

        >>> g = LinkGraph(); g.n_accounts = 3000
        >>> g._beyond_chance(5, _Key("tpl", ["x"] * 40), _Key("tpl", ["y"] * 40))  # 0.5 expected
        True
        >>> g._beyond_chance(5, _Key("tpl", ["x"] * 300), _Key("tpl", ["y"] * 200))  # 20 expected
        False
        """
        expected = len(a.members) * len(b.members) / max(1, self.n_accounts)
        return coholders >= POOL_OVER_CHANCE * expected

    def _pool(self, key_name: str, key: _Key, other: str, other_key: _Key) -> None:
        """Templates `key_name` and `other` are one pool: their common holders hold both strongly."""
        for name, k, partner in ((key_name, key, other), (other, other_key, key_name)):
            if k.pooled is None:
                k.pooled = []
            if partner not in k.pooled:
                k.pooled.append(partner)
        self.pools_found += 1
        both = set(other_key.members or ()).intersection(key.members or ())
        held = self.account_templates
        for account in sorted(both):  # sorted: deterministic
            if account not in held:
                continue  # a young holder (never recorded): not strengthened
            for name, k in ((key_name, key), (other, other_key)):
                if k.members is not None and account in k.weak:
                    self._strengthen(account, name, k)

    def _strengthen(self, account: str, key_name: str, key: _Key) -> None:
        """An in-passing holder of a pooled template: a strong link for it, but no repetition
        (others who sent the template in passing are not linked by it: see `_runs`)."""
        if key.by_pool is None:
            key.by_pool = set()
        key.by_pool.add(account)
        self._join(account, key_name, _TPL, key.last_ts, False, strong=True)

    @staticmethod
    def _match(index: dict, bands: list, simhash: int) -> int | None:
        for band in bands:
            for rep in index.get(band, ()):
                if (rep ^ simhash).bit_count() <= TEMPLATE_MATCH_BITS:
                    return rep
        return None

    def _match_candidate(self, bands: list, simhash: int, account: str) -> tuple[int, str, bool] | None:
        for band in bands:
            for other, owner, _, young in self.candidate_bands.get(band, ()):
                if owner != account and (other ^ simhash).bit_count() <= TEMPLATE_MATCH_BITS:
                    return other, owner, young
        return None

    def _remember_candidate(self, bands: list, simhash: int, account: str, ts: float, young: bool = False) -> None:
        entry = (simhash, account, ts, young)
        self.candidates.append(entry)
        for band in bands:
            self.candidate_bands.setdefault(band, []).append(entry)
        if len(self.candidates) > self.max_candidates:
            self._drop_oldest_candidate()

    def _drop_oldest_candidate(self) -> None:
        old = self.candidates.popleft()
        for band in _bands(old[0]):
            bucket = self.candidate_bands[band]
            bucket.remove(old)
            if not bucket:
                del self.candidate_bands[band]

    def _join(self, account: str, key_name: str, kind: str, ts: float, young: bool, strong: bool = True) -> None:
        """`account` holds `key_name`; `strong` unless it only sent the template in passing.

        Strong holders link to the key's anchor (its first strong holder). In-passing holders
        link only once the key is run by enough of its holders (`_runs`): a prompt many accounts
        send once and nobody repeats (a greeting) joins nobody, however many send it."""
        key = self.keys.get(key_name)
        if key is None:
            key = self.keys[key_name] = _Key(kind, [])
        key.last_ts = ts if ts > key.last_ts else key.last_ts
        if key.members is None:
            key.count += 1  # popular: counted, never linking (may count an account twice)
            return
        if account in key.members:
            if not (strong and account in key.weak):
                return
            key.weak.discard(account)  # it repeats the template now: a strong link
            was_linked = key.weak_linked
        else:
            key.members.append(account)
            key.count += 1
            key.established += not young
            if not strong:
                if key.weak:
                    key.weak.add(account)
                else:
                    key.weak = {account}
            if self._popular(key, kind) or key.count > self.max_cluster_size() or self._generic(key):
                self._make_popular(key_name, key)
                return
            was_linked = None
        runs = key.anchor is not None and self._runs(key)
        if strong:
            if key.anchor is None:
                key.anchor = account
                runs = self._runs(key)
            elif was_linked is not True:  # (a weak holder already linked needs no second edge)
                self._link(account, key_name, key, ts)
        elif runs:
            self._link(account, key_name, key, ts)
        if runs and not key.weak_linked:
            key.weak_linked = True  # it is run: those who sent it in passing before are linked now
            for member in [m for m in key.members if m in key.weak]:  # in join order (deterministic)
                self._link(member, key_name, key, ts)

    def _link(self, account: str, key_name: str, key: _Key, ts: float) -> None:
        """A star edge from `account` to the key's anchor."""
        anchor = key.anchor
        if anchor is None or anchor == account:
            return
        for member in (anchor, account):
            keys = self.account_keys.setdefault(member, [])
            if key_name not in keys:
                keys.append(key_name)
            if member not in self.parent:
                self._add(member, ts)
        self._union(account, anchor, key_name)

    def _popular(self, key: _Key, kind: str) -> bool:
        """More established holders than the kind's cap, born apart or at one place: what the
        population shares (an IDE's prompt, a public benchmark, a course's). Holders born within a
        week, or first seen together (`features.Arrivals`), and spread over networks are a wave,
        not the population (see POPULAR_COHORT_SHARE, WAKE_SHARE); a key's holders are checked
        when it crosses its cap and every POPULAR_RECHECK established joins after.

        >>> g = LinkGraph({"sys": KeyPolicy(floor=5, share=0.0)})
        >>> for i in range(12):
        ...     g.arrive(f"w{i}", 1000.0 * i, 0.0, f"proxy-{i}")  # a wave through a proxy pool
        ...     g.arrive(f"c{i}", 1000.0 * i, 0.0, "campus" if i % 3 else f"home-{i}")  # a class
        ...     g.arrive(f"y{i}", 86400.0 * 30 * i, 0.0, f"home-{i}")  # an IDE's users
        >>> for i in range(12):
        ...     for who, value in (("w", "wave"), ("c", "course"), ("y", "ide")): g.observe(f"{who}{i}", "sys", value, 0.0)
        >>> [g.keys[f"sys:{v}"].members is None for v in ("wave", "course", "ide")]
        [False, True, True]
        """
        cap = self.policies[kind].cap(self.n_accounts)
        if key.established <= cap or (key.established != cap + 1 and key.established % POPULAR_RECHECK):
            return False
        born = self.born
        known = [born[a] for a in key.members if a in born]
        if len(known) < key.established // 2:
            return True
        if cohort_share([t for t, _, _ in known]) < POPULAR_COHORT_SHARE \
                and self.arrivals.together([-math.inf if t is None else t for _, _, t in known]) < WAKE_SHARE:
            return True
        places: dict[str, int] = {}
        for _, network, _ in known:
            places[network] = places.get(network, 0) + 1
        return max(places.values()) >= PLACE_SHARE_FROM * len(known)

    @staticmethod
    def _runs(key: _Key) -> bool:
        """Whether enough holders repeat the template for those who send it in passing to count:
        a tenth of its holders (a greeting that one in a hundred repeats does not)."""
        pooled = len(key.by_pool) if key.by_pool else 0
        return len(key.members) - len(key.weak) - pooled >= GENERIC_STRONG_SHARE * len(key.members)

    @staticmethod
    def _generic(key: _Key) -> bool:
        """A shared prompt that its members send only in passing: a greeting, not a template.

        >>> k = _Key("tpl", [f"a{i}" for i in range(60)], count=60, weak={f"a{i}" for i in range(58)})
        >>> LinkGraph._generic(k), LinkGraph._generic(_Key("tpl", k.members, count=60, weak=set(k.members[:30])))
        (True, False)
        """
        return len(key.members) >= GENERIC_MIN_MEMBERS and not LinkGraph._runs(key)

    def _shared(self, key_name: str) -> _Key | None:
        """The key, while it still joins its holders (not popular, two members or more)."""
        key = self.keys.get(key_name)
        return key if key is not None and key.members is not None and len(key.members) > 1 else None

    def membership(self, members: list[str]) -> tuple[list[str], dict[str, int]]:
        """The members that carry a cluster's evidence (its core), and how many of them each link
        kind ties in. A link is strong when the account pays with the card, runs the system
        prompt, repeats the template, or sent in passing a template most of its holders run (a
        tool, not a phrase); weak when most holders only sent it in passing. The core is the
        members with a strong link or two weak ones; the rest (tied in by a single prompt sent in
        passing) are its periphery.

        Templates, system prompts and network pairs count only in the group's dense block
        (FRAUDAR's block, peeled of what hangs off it; see `_block`, and `LinkKind.in_block`).
        A common template that a few of a swarm's accounts send as camouflage, and hundreds of
        ordinary users run, ties those users in by that key alone: they are its periphery; so
        is a second group of ordinary users tied to the block by one member, such as a class on
        its own course prompt. Cards always count: what ordinary users hold of those is popular
        (the caps), and a card paying for twenty accounts is evidence on its own.
        """
        shared: list[list[_Key]] = []
        for account in members:
            shared.append([key for key in map(self._shared, self.account_keys.get(account, ())) if key is not None])
        block = _block(shared)
        core: list[str] = []
        kinds: dict[str, int] = {}
        for account, held in zip(members, shared):
            strong = weak = 0
            held_kinds: set[str] = set()
            for key in held:
                if block is not None and key.kind in IN_BLOCK and id(key) not in block:
                    continue
                held_kinds.add(key.kind)
                if account in key.weak and 2 * len(key.weak) > len(key.members):
                    weak += 1
                else:
                    strong += 1
            if strong or weak >= 2:
                core.append(account)
                for kind in held_kinds:
                    kinds[kind] = kinds.get(kind, 0) + 1
        return core, kinds

    def core(self, members: list[str]) -> list[str]:
        """The core alone (see `membership`)."""
        return self.membership(members)[0]

    def drawn_from_pools(self, account: str, held: list[str] | None = None) -> list[str]:
        """The templates `account` holds through a pool: sent in passing, not repeated (see `_pool`).
        `held`: the account's keys to look at (its `in_passing` list, a superset, saves a pass)."""
        keys = self.keys
        candidates = self.account_keys.get(account, ()) if held is None else held
        return [k for k in candidates if keys[k].by_pool and account in keys[k].by_pool]

    def in_passing(self, account: str) -> list[str]:
        """The templates `account` holds without repeating them: sent in passing, or through a pool.
        A task drawn from a pool is taken once; a benchmark suite or a tool is run again and again."""
        keys = self.keys
        held = []
        for k in self.account_keys.get(account, ()):
            key = keys[k]
            if key.kind == _TPL and (account in key.weak or (key.by_pool is not None and account in key.by_pool)):
                held.append(k)
        return held

    def link_strength(self, account: str) -> tuple[int, int]:
        """(strong, weak) links of `account` that join it to another account (see `membership`)."""
        strong = weak = 0
        for key_name in self.account_keys.get(account, ()):
            key = self._shared(key_name)
            if key is not None:
                if account in key.weak and 2 * len(key.weak) > len(key.members):
                    weak += 1
                else:
                    strong += 1
        return strong, weak

    # -- union-find -----------------------------------------------------------------
    def _add(self, account: str, ts: float) -> None:
        self.parent[account] = account
        self.components[account] = _Component(_cluster_id(f"{account}@{ts:.3f}"), [account], set(), ts)

    def _find(self, account: str) -> str:
        parent = self.parent
        root = account
        while parent[root] != root:
            root = parent[root]
        while parent[account] != root:  # path compression
            parent[account], account = root, parent[account]
        return root

    def max_cluster_size(self) -> int:
        return max(self.max_cluster_floor, int(self.max_cluster_share * self.n_accounts))

    def _union(self, a: str, b: str, key_name: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            self.components[ra].keys.add(key_name)
            return
        ca, cb = self.components[ra], self.components[rb]
        if len(ca.members) + len(cb.members) > self.max_cluster_size():
            self.refused_unions += 1  # giant-component guard
            return
        if (len(ca.members), cb.cluster_id) > (len(cb.members), ca.cluster_id):
            ra, rb, ca, cb = rb, ra, cb, ca
        # ca is the smaller (or, on a tie, has the larger id): cb survives.
        self.parent[ra] = rb
        cb.members.extend(ca.members)
        cb.keys |= ca.keys
        cb.keys.add(key_name)
        cb.born_ts = min(cb.born_ts, ca.born_ts)
        del self.components[ra]
        if len(ca.members) > 1:
            self.merges.append((ca.cluster_id, cb.cluster_id))

    def _make_popular(self, key_name: str, key: _Key) -> None:
        members = key.members or []
        key.members = None
        key.weak = _NO_WEAK
        key.by_pool = key.coheld = None
        for account in members:
            keys = self.account_keys.get(account)
            if keys and key_name in keys:
                keys.remove(key_name)
        roots = dict.fromkeys(self._find(a) for a in members if a in self.parent)  # ordered, unique
        for root in roots:
            self._rebuild(root)

    def _rebuild(self, root: str) -> None:
        """Recompute one component's pieces after a key stopped linking."""
        old = self.components.pop(root)
        for account in old.members:
            self.parent[account] = account
            self.components[account] = _Component("", [account], set(), old.born_ts)
        for account in old.members:
            for key_name in self.account_keys.get(account, ()):
                key = self.keys[key_name]
                if key.members and key.anchor is not None and key.anchor != account:
                    self._union(account, key.anchor, key_name)
        pieces = sorted(
            {self._find(a) for a in old.members},
            key=lambda r: (-len(self.components[r].members), min(self.components[r].members)),
        )
        for i, r in enumerate(pieces):
            comp = self.components[r]
            comp.cluster_id = old.cluster_id if i == 0 else _cluster_id(f"{old.cluster_id}/{min(comp.members)}")
        self.merges = [m for m in self.merges if m[0] and m[1]]

    # -- queries --------------------------------------------------------------------
    def cluster_of(self, account: str) -> _Component | None:
        if account not in self.parent:
            return None
        return self.components[self._find(account)]

    def clusters(self, min_size: int = 2) -> list[_Component]:
        return [c for c in self.components.values() if len(c.members) >= min_size]

    def expire(self, gone: list[str], cutoff: float) -> None:
        """Forget the accounts in `gone` (evicted for idleness): their clusters shrink (the largest
        piece keeps the id) or vanish; keys left without members go, and so do popular keys
        nobody joined since `cutoff` and template candidates older than it. Costs one pass over
        the keys: call it rarely."""
        gone_set = set(gone)
        for account in gone:
            self.account_templates.pop(account, None)
            self.born.pop(account, None)
            self.held_not_alone.pop(account, None)
        self.arrivals.forget_before(cutoff)
        roots = dict.fromkeys(self._find(a) for a in gone if a in self.parent)  # ordered, unique
        for account in gone:
            for key_name in self.account_keys.pop(account, ()):
                key = self.keys.get(key_name)
                if key is not None and key.members is not None and account in key.members:
                    key.members.remove(account)
                    if account in key.weak:
                        key.weak.discard(account)
                    if key.by_pool:
                        key.by_pool.discard(account)
                    _reanchor(key, gone_set)
        for root in roots:
            old = self.components[root]
            for account in old.members:
                if account in gone_set:
                    del self.parent[account]
            old.members = [a for a in old.members if a not in gone_set]
            if old.members:
                self._rebuild(root)
            else:
                del self.components[root]
        stale = []  # (name, kind) of the keys to forget, in key order
        for key_name, key in self.keys.items():
            members = key.members
            if members is None:
                if key.last_ts < cutoff:
                    stale.append((key_name, ""))  # popular, and nobody new for a TTL: forget it
                continue
            if members and not gone_set.isdisjoint(members):
                key.members = members = [a for a in members if a not in gone_set]  # one-member keys
                key.weak -= gone_set
                if key.by_pool:
                    key.by_pool -= gone_set
                _reanchor(key, gone_set)
            if not members:
                stale.append((key_name, key.kind))
        for key_name, kind in stale:
            del self.keys[key_name]
            if kind == _TPL:
                self._drop_template(int(key_name[len(_TPL) + 1:], 16))
        for account in [a for a in self.parent if self.components.get(a) is not None
                        and len(self.components[a].members) == 1 and not self._linking(a)]:
            del self.parent[account], self.components[account]  # linked to nobody any more
            self.account_keys.pop(account, None)
        candidates = self.candidates
        while candidates and candidates[0][2] < cutoff:
            self._drop_oldest_candidate()  # includes every gone account's (see ClusterStage.expire)

    def _linking(self, account: str) -> bool:
        """Whether one of the account's keys still links it to another account."""
        return any(self._shared(key_name) is not None for key_name in self.account_keys.get(account, ()))

    def _drop_template(self, rep: int) -> None:
        for band in _bands(rep):
            reps = self.template_bands.get(band)
            if reps is not None and rep in reps:
                reps.remove(rep)
                if not reps:
                    del self.template_bands[band]
