"""The signals an alert's `reasons` carry: one entry each, with its wording and what it reports.

A reason is `{"signal": code, "detail": text}` (docs/contracts.md). Every reason the detectors
give is built here, by `Signal.reason`, from one entry of `SIGNALS`: its scope, its code, the
template of its detail (formatted with the values the detector passes), and what it reports of
the score (`part`). Cluster *traits* are reported when their coordination part reaches
`shown_from`; adding a coordination trait's reason is one entry (and its test): the cluster
scorer reports every trait entry whose part it scores.

>>> SIGNALS[("cluster", "synchrony")].reason(sync_share=0.42)
{'signal': 'synchrony', 'detail': '42% of accounts act within 2 s of another'}
>>> SIGNALS[("incident", "quiet")].part
'lifecycle'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping


@dataclass(frozen=True)
class Signal:
    """One reason code. `part`: what it reports — a cluster's coordination trait
    (`coordination.<trait>`, reported from `shown_from`), `coordination.shape` (reported when
    `when` holds on the cluster's features), `harvest`, an account feature's deviation
    (`account.deviation`), a volume (`account.volume`, `account.harvest_volume`), or an
    incident's `lifecycle`."""

    scope: str  # "cluster", "account" or "incident" (resolutions and merges of either)
    code: str
    template: str
    part: str
    shown_from: float = 0.3
    when: Callable[[Mapping[str, float]], bool] | None = None

    def reason(self, **values) -> dict:
        return {"signal": self.code, "detail": self.template.format(**values)}

    @property
    def trait(self) -> str | None:
        """The coordination trait this signal reports, if it reports one."""
        prefix, _, trait = self.part.partition(".")
        return trait if prefix == "coordination" and trait != "shape" else None

    def shown(self, features: Mapping[str, float], parts: Mapping[str, float]) -> bool:
        """Whether a cluster with these features and coordination parts reports this signal."""
        if self.when is not None:
            return self.when(features)
        trait = self.trait
        return trait is not None and parts.get(trait, 0.0) > self.shown_from


def _deviation(description: str) -> str:
    return description + " unusually {direction} ({value:.2f} vs population {mean:.2f})"


_ENTRIES = (
    # Cluster alerts, in the order their reasons are listed.
    Signal("cluster", "linked", "{n} accounts share {shared}; {cards} distinct payment instruments", "links"),
    Signal("cluster", "young", "{young_share:.0%} of accounts created within {young_days:g} days of first use; "
           "{new_24h_share:.0%} first seen in the last 24 h", "coordination.young"),
    Signal("cluster", "organisation_outlier", "one organisation ({single_org_share:.0%} of accounts) harvesting "
           "beyond every peer organisation", "coordination.front"),
    Signal("cluster", "template_pool", "{cross_owner_pool_share:.0%} of accounts draw on two or more prompt "
           "templates shared across unrelated owners", "coordination.pool"),
    Signal("cluster", "uncaused_template_pool", "{uncaused_pool_share:.0%} of accounts co-use rare prompt templates "
           "with unrelated owners on mixed clients, born apart (no one product, cohort or place)",
           "coordination.coheld"),
    Signal("cluster", "shared_tooling", "{cross_owner_prompt_share:.0%} of accounts run a private system prompt, "
           "{cross_owner_template_share:.0%} send prompt templates, shared across unrelated owners",
           "coordination.tooling"),
    Signal("cluster", "shared_content", "{cross_owner_content_share:.0%} of accounts share a private system prompt "
           "or prompt templates across unrelated owners, with no one product, network or organisation in common",
           "coordination.content", shown_from=0.2),
    Signal("cluster", "shared_payment", "{cross_owner_card_share:.0%} of accounts pay with a card shared across "
           "unrelated owners ({accounts_per_card:.1f} accounts per card; one two people share counts half)", "coordination.sharing"),
    Signal("cluster", "no_diurnal_rhythm", "activity spread evenly over the day (flatness {hour_flatness:.2f})",
           "coordination.shape", when=lambda f: f["hour_flatness"] > 0.93 and f["size"] >= 8),
    Signal("cluster", "round_robin", "load spread evenly across accounts (CV {load_cv:.2f})", "coordination.shape",
           when=lambda f: f["load_cv"] < 0.5 and f["mean_events"] >= 5),
    Signal("cluster", "synchrony", "{sync_share:.0%} of accounts act within 2 s of another", "coordination.sync"),
    Signal("cluster", "woken_together", "{woken_share:.0%} of accounts, established ones, first seen within one hour, "
           "far beyond the population's arrivals then", "coordination.woken"),
    Signal("cluster", "rotating_networks", "{rotating_share:.0%} of accounts send most requests from another "
           "autonomous system than the one before (a rotating proxy pool)", "coordination.rotating"),
    Signal("cluster", "harvesting", "{detail}", "harvest"),
    Signal("cluster", "collective_harvest", "{n} accounts of one owner take {times_typical:.0f}x a typical account's "
           "daily output between them", "harvest"),
    # Account alerts: the features furthest from the population (detectors.population), then volume.
    Signal("account", "rate", _deviation("request rate"), "account.deviation"),
    Signal("account", "output", _deviation("output tokens per request"), "account.deviation"),
    Signal("account", "cot", _deviation("reasoning elicitation"), "account.deviation"),
    Signal("account", "narrow", _deviation("share of coding/reasoning/tool-use tasks"), "account.deviation"),
    Signal("account", "repetition", _deviation("prompt template repetition"), "account.deviation"),
    Signal("account", "hours", _deviation("spread over hours of the day"), "account.deviation"),
    Signal("account", "regularity", _deviation("inter-arrival regularity"), "account.deviation"),
    Signal("account", "new_model", _deviation("share on the newly released model"), "account.deviation"),
    Signal("account", "tools", _deviation("tool use"), "account.deviation"),
    Signal("account", "young", _deviation("account youth"), "account.deviation"),
    Signal("account", "shift", _deviation("departure from the account's own baseline"), "account.deviation"),
    Signal("account", "volume", "{requests:.0f} requests and {output_mtokens:.2f}M output tokens in the last hour",
           "account.volume"),
    Signal("account", "harvest_volume", "hourly harvest {times_top:.1f}x the population's 99.9th percentile "
           "(warning from {volume_margin:g}x, critical from {critical_margin:g}x)", "account.harvest_volume"),
    # Incident lifecycle (either scope).
    Signal("incident", "quiet", "score below {resolve} for {quiet_h:g} h", "lifecycle"),
    Signal("incident", "merged", "cluster {absorbed} merged into {into} (alert {alert_id})", "lifecycle"),
)
SIGNALS: dict[tuple[str, str], Signal] = {(s.scope, s.code): s for s in _ENTRIES}
CLUSTER_FLAGS = tuple(s for s in _ENTRIES if s.scope == "cluster" and s.part.startswith("coordination."))
ACCOUNT_DEVIATIONS = tuple(s.code for s in _ENTRIES if s.part == "account.deviation")


def reason(scope: str, code: str, **values) -> dict:
    """The reason of signal `code` in `scope`, its detail formatted with `values`.

    >>> reason("incident", "merged", absorbed="cl-a", into="cl-b", alert_id="al-1")["detail"]
    'cluster cl-a merged into cl-b (alert al-1)'
    """
    return SIGNALS[(scope, code)].reason(**values)
