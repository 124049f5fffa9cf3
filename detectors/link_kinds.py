"""The kinds of link key that join accounts into clusters: one entry each.

A link kind names what accounts share (a payment fingerprint, a system prompt, a prompt template):
its key prefix (also its code in the stage messages and in alert evidence), the words an alert
uses for it, and the policy that says when a key is too common to link anyone. Exact kinds read
one field of each event and link the accounts that send the same value; the template kind
matches near-duplicate prompts (SimHash, see `detectors.linking`) and has no field; the network
pair kind is derived: the two autonomous systems of consecutive requests of an account rotating
through networks (see `detectors.stages.AccountStage`), what accounts drawing on one proxy pool
share.

Adding an exact kind is one entry in `LINK_KINDS` (and its test): the account stage reports its
values (`detectors.stages`), the link graph applies its policy (`detectors.linking`), alerts
count and name its keys (`detectors.clusters`).

>>> [k.prefix for k in LINK_KINDS]
['pay', 'tpl', 'sys', 'net']
>>> BY_PREFIX["sys"].label, BY_PREFIX["sys"].policy.cap(100_000)
('system prompts', 500)
>>> sorted(IN_BLOCK), sorted(PRIVATE)
(['net', 'sys', 'tpl'], ['sys'])
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyPolicy:
    """When a shared key stops linking: more than max(floor, share * accounts) members."""

    floor: int
    share: float

    def cap(self, n_accounts: int) -> int:
        return max(self.floor, int(self.share * n_accounts))


@dataclass(frozen=True)
class LinkKind:
    """One kind of link key. `field`: the event field an exact kind reads (None: the template
    kind, matched as near-duplicates, and network pairs, derived from consecutive requests).
    `state`: the account state attribute holding the latest value, so that an unchanged value
    costs no lookup (None: every value is looked up). `alone`: whether one shared key of this
    kind links its holder; a kind that chance can give an ordinary account once links only the
    holders of two (see `LinkGraph._join_not_alone`). `in_block`: whether a key of this kind makes
    its holder core only inside the cluster's dense block (a card is evidence anywhere);
    `private`: whether ordinary users cannot borrow it as camouflage, so that two of its holders
    in the block take it in, not half (see `detectors.linking._block`)."""

    prefix: str
    label: str  # what its keys are, plural, as an alert's reasons say it
    policy: KeyPolicy
    field: str | None = None
    state: str | None = None
    alone: bool = True  # one shared key of this kind links its holder (False: it takes two)
    in_block: bool = True  # makes its holder core only inside the cluster's dense block
    private: bool = False  # ordinary users cannot borrow it: two holders in the block take it in

    def key(self, value: str) -> str:
        """The link key of `value`.

        >>> BY_PREFIX["pay"].key("pm_1")
        'pay:pm_1'
        """
        return f"{self.prefix}:{value}"


# In the order alerts list them. Caps: a payment card or a private system prompt held by more than
# 0.5% of accounts is an office's or a product's; a template by more than 2%, a popular tool's; a
# network pair by more than 0.5%, the way a big VPN's or carrier's users move. An ordinary account
# that rotates (a VPN hopping servers) may share one pair with a pool by chance: it takes two.
LINK_KINDS = (
    LinkKind("pay", "payment fingerprints", KeyPolicy(floor=50, share=0.005), "payment_fingerprint", "payment",
             in_block=False),
    LinkKind("tpl", "prompt templates", KeyPolicy(floor=100, share=0.02)),
    LinkKind("sys", "system prompts", KeyPolicy(floor=50, share=0.005), "system_prompt_hash", "system_prompt",
             private=True),
    LinkKind("net", "network pairs", KeyPolicy(floor=50, share=0.005), alone=False),
)
BY_PREFIX = {kind.prefix: kind for kind in LINK_KINDS}
EXACT_KINDS = tuple(kind for kind in LINK_KINDS if kind.field is not None)  # read from one event field
TEMPLATE = BY_PREFIX["tpl"]
SYSTEM_PROMPT = BY_PREFIX["sys"]
NETWORK_PAIR = BY_PREFIX["net"]
NOT_ALONE = frozenset(kind.prefix for kind in LINK_KINDS if not kind.alone)
IN_BLOCK = frozenset(kind.prefix for kind in LINK_KINDS if kind.in_block)
PRIVATE = frozenset(kind.prefix for kind in LINK_KINDS if kind.private)
