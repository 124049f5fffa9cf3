"""Online cluster discovery: accounts linked by what they share, weighted by rarity.

Accounts are joined through *link keys*: a payment fingerprint (`pay`), a system prompt
(`sys`) and a prompt template (`tpl`, SimHash near-duplicates found by LSH over four 16-bit
bands and verified by Hamming distance). Network neighbourhoods are too weak to link on their
own (households of one ISP share a /24; NATs share addresses): they are a cluster *feature*. A key links its members only while it is *rare*: once more accounts share
it than `KeyPolicy.cap(n_accounts)`, it is marked popular for good and its links are undone
(a popular SDK, a big NAT or an IDE's system prompt glues nothing). `expire` forgets accounts
evicted for idleness, with the keys and clusters nobody holds any more. Components are kept with
union-find (star edges to each key's first member), merged smaller-into-larger, and rebuilt
locally when a key turns popular. Cluster ids are stable: a merged cluster keeps the id of the
larger side, a split keeps it on its largest piece. See docs/design.md for complexity and limits.
"""

from __future__ import annotations

import hashlib
from collections import deque
from dataclasses import dataclass, field

TEMPLATE_MATCH_BITS = 6  # two variants of one template, each <= 3 bits from it
BANDS = 4


@dataclass(frozen=True)
class KeyPolicy:
    """When a shared key stops linking: more than max(floor, share * accounts) members."""

    floor: int
    share: float

    def cap(self, n_accounts: int) -> int:
        return max(self.floor, int(self.share * n_accounts))


DEFAULT_POLICIES = {
    "pay": KeyPolicy(floor=50, share=0.005),
    "sys": KeyPolicy(floor=50, share=0.005),
    "tpl": KeyPolicy(floor=100, share=0.02),
}


# A prompt that many accounts send only in passing (a greeting, a default prompt) is a generic
# phrase, not a template anyone runs: once GENERIC_MIN_MEMBERS accounts share it and fewer than
# GENERIC_STRONG_SHARE of them ever repeat it, it stops linking, fresh accounts counted too.
GENERIC_MIN_MEMBERS = 50
GENERIC_STRONG_SHARE = 0.1
_NO_WEAK: frozenset = frozenset()


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


@dataclass(slots=True)
class _Component:
    cluster_id: str
    members: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    born_ts: float = 0.0


def _reanchor(key: _Key, gone: set[str]) -> None:
    """A key whose anchor is gone takes its first remaining strong holder (or none) instead."""
    if key.anchor in gone:
        key.anchor = next((m for m in key.members if m not in key.weak and m not in gone), None)


def _bands(simhash: int) -> list[tuple[int, int]]:
    """The LSH keys of a SimHash: (band index, 16-bit band value) for each of the four bands."""
    return [(i, (simhash >> (16 * i)) & 0xFFFF) for i in range(BANDS)]


def _cluster_id(seed: str) -> str:
    return "cl-" + hashlib.sha1(seed.encode()).hexdigest()[:12]


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
        self.candidate_bands: dict[tuple[int, int], list[tuple[int, str, float]]] = {}
        self.candidates: deque[tuple[int, str, float]] = deque()  # (simhash, account, ts), oldest first
        self.max_candidates = max_candidates
        self.n_accounts = 0  # population size, set by the caller (for the rarity caps)
        self.merges: list[tuple[str, str]] = []  # (absorbed cluster id, surviving id), drained by the caller
        self.refused_unions = 0

    # -- observations ---------------------------------------------------------------
    def observe(self, account: str, kind: str, value: str, ts: float, young: bool = False) -> None:
        """`account` uses `value` of `kind` (pay, sys); `young`: a recently created account."""
        self._join(account, f"{kind}:{value}", kind, ts, young)

    def observe_template(self, account: str, simhash: int, ts: float, *, create: bool, young: bool = False) -> None:
        """`account` sent prompt `simhash`. A template is founded when the account itself
        repeats the prompt (`create`), or when another account sent a near-duplicate recently."""
        bands = _bands(simhash)
        rep = self._match(self.template_bands, bands, simhash)
        founder = None
        if rep is None:
            found = self._match_candidate(bands, simhash, account)
            if found is not None:
                rep, founder = found
            elif create:
                rep = simhash
            else:
                self._remember_candidate(bands, simhash, account, ts)
                return
            for band in bands:
                self.template_bands.setdefault(band, []).append(rep)
        key_name = f"tpl:{rep:016x}"
        if founder is not None:
            self._join(founder, key_name, "tpl", ts, young, strong=False)
        self._join(account, key_name, "tpl", ts, young, strong=create)

    @staticmethod
    def _match(index: dict, bands: list, simhash: int) -> int | None:
        for band in bands:
            for rep in index.get(band, ()):
                if (rep ^ simhash).bit_count() <= TEMPLATE_MATCH_BITS:
                    return rep
        return None

    def _match_candidate(self, bands: list, simhash: int, account: str) -> tuple[int, str] | None:
        for band in bands:
            for other, owner, _ in self.candidate_bands.get(band, ()):
                if owner != account and (other ^ simhash).bit_count() <= TEMPLATE_MATCH_BITS:
                    return other, owner
        return None

    def _remember_candidate(self, bands: list, simhash: int, account: str, ts: float) -> None:
        entry = (simhash, account, ts)
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
            if key.established > self.policies[kind].cap(self.n_accounts) or key.count > self.max_cluster_size() \
                    or self._generic(key):
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

    @staticmethod
    def _runs(key: _Key) -> bool:
        """Whether enough holders repeat the template for those who send it in passing to count:
        a tenth of its holders (a greeting that one in a hundred repeats does not)."""
        return len(key.members) - len(key.weak) >= GENERIC_STRONG_SHARE * len(key.members)

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
        kind ties in, in one pass over their keys. A link is strong when the account pays with
        the card, runs the system prompt, repeats the template, or sent in passing a template most
        of its holders run (a tool, not a phrase); weak when most holders only sent it in passing.
        The core is the members with a strong link or two weak ones; the rest (tied in by a single
        prompt sent in passing) are its periphery."""
        core: list[str] = []
        kinds: dict[str, int] = {}
        for account in members:
            strong = weak = 0
            held: set[str] = set()
            for key_name in self.account_keys.get(account, ()):
                key = self._shared(key_name)
                if key is None:
                    continue
                held.add(key.kind)
                if account in key.weak and 2 * len(key.weak) > len(key.members):
                    weak += 1
                else:
                    strong += 1
            if strong or weak >= 2:
                core.append(account)
                for kind in held:
                    kinds[kind] = kinds.get(kind, 0) + 1
        return core, kinds

    def core(self, members: list[str]) -> list[str]:
        """The core alone (see `membership`)."""
        return self.membership(members)[0]

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
        roots = dict.fromkeys(self._find(a) for a in gone if a in self.parent)  # ordered, unique
        for account in gone:
            for key_name in self.account_keys.pop(account, ()):
                key = self.keys.get(key_name)
                if key is not None and key.members is not None and account in key.members:
                    key.members.remove(account)
                    if account in key.weak:
                        key.weak.discard(account)
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
                _reanchor(key, gone_set)
            if not members:
                stale.append((key_name, key.kind))
        for key_name, kind in stale:
            del self.keys[key_name]
            if kind == "tpl":
                self._drop_template(int(key_name[4:], 16))
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
