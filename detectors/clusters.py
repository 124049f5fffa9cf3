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
from collections import Counter
from dataclasses import dataclass, field

from river import anomaly

from detectors.calibration import QuantileCalibrator
from detectors.features import DAY_S, HOUR_S, AccountSummary

YOUNG_DAYS = 14.0


class RunningStat:
    """Exponentially weighted mean and variance (like river.stats.EWVar), with a warm-up."""

    __slots__ = ("mean", "var", "n", "alpha")

    def __init__(self, alpha: float = 0.001, mean: float = 0.0) -> None:
        self.mean, self.var, self.n, self.alpha = mean, 0.0, 0, alpha

    def update(self, x: float) -> None:
        self.n += 1
        a = max(self.alpha, 1.0 / self.n)
        diff = x - self.mean
        incr = a * diff
        self.mean += incr
        self.var = (1 - a) * (self.var + diff * incr)

    @property
    def sd(self) -> float:
        return math.sqrt(self.var)


def _clip01(x: float) -> float:
    return 0.0 if x < 0.0 else (1.0 if x > 1.0 else x)


@dataclass(frozen=True)
class ClusterVerdict:
    score: float
    harvest: float
    coordination: float
    reasons: tuple[dict, ...]
    evidence: dict = field(default_factory=dict)


HARVEST_FEATURES = ("cot", "output", "narrow", "repetition", "new_model")
# How much one coordination trait alone counts (noisy-OR). Ownership traits (cross-owner
# cards and private prompts, synchrony) weigh more than rhythm and load shape, which benign
# global groups can show by chance.
COORDINATION_WEIGHTS = {"young": 0.5, "sharing": 0.7, "tooling": 0.6, "flat": 0.35, "even": 0.35,
                        "sync": 0.7, "growth": 0.4}


def _member_value(name: str, s: AccountSummary) -> float:
    if name == "cot":
        return s.cot_mean
    if name == "output":
        return math.log1p(s.output_per_request)
    if name == "narrow":
        return s.narrow_task_share
    if name == "repetition":
        return min(1.0, s.template_repetition)
    return min(1.0, s.new_model_share)


class ClusterScorer:
    """Scores clusters from their members' summaries; keeps the population reference."""

    def __init__(self, seed: int = 0, min_size: int = 3) -> None:
        self.min_size = min_size
        self.reference = {name: RunningStat() for name in HARVEST_FEATURES}
        self.young = RunningStat()
        self.with_card = RunningStat()
        self.hst = anomaly.HalfSpaceTrees(n_trees=10, height=6, window_size=128, seed=seed,
                                          limits={k: (0.0, 1.0) for k in ("harvest", "coordination", *COORDINATION_WEIGHTS)})
        self.hst_calibrator = QuantileCalibrator(0.0, 1.0, bins=100, half_life=20_000.0, min_count=50)
        self.history: dict[str, RunningStat] = {}

    def observe_account(self, s: AccountSummary) -> None:
        """Every account summary refines the population reference (first summary per account
        for the birth-related traits)."""
        for name in HARVEST_FEATURES:
            self.reference[name].update(_member_value(name, s))
        if s.n_events == 1:
            self.young.update(float(s.age_days < YOUNG_DAYS))
            self.with_card.update(float(s.payment is not None))

    def _effect(self, name: str, value: float) -> float:
        ref = self.reference[name]
        return (value - ref.mean) / (ref.sd + 1e-3) if ref.n > 100 else 0.0

    def features(self, members: list[AccountSummary], ts: float) -> dict[str, float]:
        n = len(members)
        f: dict[str, float] = {"size": float(n)}
        for name in HARVEST_FEATURES:
            f[name] = sum(_member_value(name, s) for s in members) / n
        f["young_share"] = sum(s.age_days < YOUNG_DAYS for s in members) / n
        f["new_24h_share"] = sum(s.first_ts >= ts - DAY_S for s in members) / n
        cards = [s.payment for s in members if s.payment is not None]
        f["card_share"] = len(cards) / n
        f["accounts_per_card"] = len(cards) / len(set(cards)) if cards else 0.0
        # Sharing a card across owners: an organisation's accounts sharing its card is expected.
        owners: dict[str, set] = {}
        for s in members:
            if s.payment is not None:
                owners.setdefault(s.payment, set()).add(s.org or s.account_id)
        f["cross_owner_card_share"] = sum(1 for s in members if s.payment is not None and len(owners[s.payment]) > 1) / n
        # A private system prompt deployed across owners: one operator's tooling.
        prompt_owners: dict[str, set] = {}
        for s in members:
            if s.system_prompt is not None:
                prompt_owners.setdefault(s.system_prompt, set()).add(s.org or s.payment or s.account_id)
        f["cross_owner_prompt_share"] = sum(
            1 for s in members if s.system_prompt is not None and len(prompt_owners[s.system_prompt]) > 2) / n
        f["accounts_per_network"] = n / len({s.network for s in members})
        # Daily rhythm of the group: entropy of the hours of its members' activity.
        hours = Counter()
        for s in members:
            hours[int(s.first_ts // HOUR_S) % 24] += 1
            hours[int(s.ts // HOUR_S) % 24] += 1
        total = 2 * n
        entropy = -sum(c / total * math.log(c / total) for c in hours.values())
        max_entropy = math.log(min(24, total))
        f["hour_flatness"] = entropy / max_entropy if max_entropy > 0 else 0.0
        counts = [s.n_events for s in members]
        mean = sum(counts) / n
        sd = math.sqrt(sum((c - mean) ** 2 for c in counts) / n)
        f["load_cv"] = sd / mean if mean else 0.0
        stamps = sorted(s.ts for s in members)
        synced = sum(
            1 for i, t in enumerate(stamps)
            if (i > 0 and t - stamps[i - 1] <= 2.0) or (i + 1 < n and stamps[i + 1] - t <= 2.0)
        )
        f["sync_share"] = synced / n
        return f

    def score(self, cluster_id: str, members: list[AccountSummary], keys: set[str], ts: float) -> ClusterVerdict:
        n = len(members)
        if n < self.min_size:
            return ClusterVerdict(0.0, 0.0, 0.0, ())
        f = self.features(members, ts)
        # Harvest: each trait's effect size against the population, 2 sd = full strength.
        harvest_parts = {name: _clip01(self._effect(name, f[name]) / 2.0) for name in HARVEST_FEATURES}
        # A campaign needn't show every trait (repetition and model pivot take time): the strongest three.
        harvest = sum(sorted(harvest_parts.values())[-3:]) / 3.0
        # Coordination: group traits a random set of accounts would not show.
        young_base = self.young.mean if self.young.n > 100 else 0.2
        coordination_parts = {
            "young": _clip01((f["young_share"] - young_base) / max(1e-3, 1.0 - young_base)),
            "sharing": f["cross_owner_card_share"],
            "tooling": f["cross_owner_prompt_share"],
            "flat": _clip01((f["hour_flatness"] - 0.9) / 0.1) if n >= 8 else 0.0,
            "even": _clip01((0.8 - f["load_cv"]) / 0.6) if n >= 5 else 0.0,
            "sync": _clip01((f["sync_share"] - 0.2) / 0.6),
            "growth": f["new_24h_share"] * _clip01(f["young_share"]),
        }
        coordination = 1.0 - math.prod(1.0 - COORDINATION_WEIGHTS[k] * v for k, v in coordination_parts.items())
        shrink = n / (n + 4.0)
        evidence_score = math.sqrt(harvest * coordination) * shrink
        vector = {"harvest": harvest, "coordination": coordination, **coordination_parts}
        raw = self.hst.score_one(vector)
        unusual = self.hst_calibrator.score(raw) if self.hst_calibrator.ready else 0.5
        if unusual < 0.99:  # protect the model from what stands out
            self.hst.learn_one(vector)
        self.hst_calibrator.learn(raw)
        history = self.history.setdefault(cluster_id, RunningStat(alpha=0.2))
        growth_z = (n - history.mean) / (history.sd + 1.0) if history.n else 0.0
        history.update(float(n))
        score = _clip01(evidence_score * (0.85 + 0.15 * unusual))
        evidence = {k: round(v, 3) for k, v in f.items()}
        evidence.update(harvest=round(harvest, 3), coordination=round(coordination, 3), unusual=round(unusual, 3),
                        growth_z=round(growth_z, 2), link_kinds=sorted({k.split(":", 1)[0] for k in keys}))
        reasons = self._reasons(f, harvest_parts, coordination_parts, keys, members) if score >= 0.4 else ()
        return ClusterVerdict(score, harvest, coordination, reasons, evidence)

    def _reasons(self, f: dict, harvest_parts: dict, coordination_parts: dict, keys: set[str],
                 members: list[AccountSummary]) -> tuple[dict, ...]:
        n = len(members)
        kinds = Counter(k.split(":", 1)[0] for k in keys)
        cards = len({s.payment for s in members if s.payment})
        shared = ", ".join(f"{v} {name}" for name, v in (("payment fingerprints", kinds["pay"]),
                           ("prompt templates", kinds["tpl"]), ("system prompts", kinds["sys"]),
                           ("network prefixes", kinds["net"])) if v)
        reasons = [{"signal": "linked", "detail": f"{n} accounts share {shared or 'links'}; {cards} distinct payment instruments"}]
        if coordination_parts["young"] > 0.3:
            reasons.append({"signal": "young", "detail": f"{f['young_share']:.0%} of accounts created within {YOUNG_DAYS:g} days of first use; {f['new_24h_share']:.0%} first seen in the last 24 h"})
        if coordination_parts["tooling"] > 0.3:
            reasons.append({"signal": "shared_tooling", "detail": f"{f['cross_owner_prompt_share']:.0%} of accounts run a private system prompt shared across unrelated owners"})
        if coordination_parts["sharing"] > 0.3:
            reasons.append({"signal": "shared_payment", "detail": f"{f['cross_owner_card_share']:.0%} of accounts pay with a card shared across unrelated owners ({f['accounts_per_card']:.1f} accounts per card)"})
        if coordination_parts["flat"] > 0.3:
            reasons.append({"signal": "no_diurnal_rhythm", "detail": f"activity spread evenly over the day (flatness {f['hour_flatness']:.2f})"})
        if coordination_parts["even"] > 0.5:
            reasons.append({"signal": "round_robin", "detail": f"load spread evenly across accounts (CV {f['load_cv']:.2f})"})
        if coordination_parts["sync"] > 0.3:
            reasons.append({"signal": "synchrony", "detail": f"{f['sync_share']:.0%} of accounts act within 2 s of another"})
        labels = {"cot": "reasoning elicitation", "output": "output length", "narrow": "coding/reasoning/tool-use focus",
                  "repetition": "template repetition", "new_model": "use of the newly released model"}
        strong = [name for name, v in sorted(harvest_parts.items(), key=lambda kv: -kv[1]) if v > 0.3]
        if strong:
            detail = "; ".join(f"{labels[name]} {f[name]:.2f} vs population {self.reference[name].mean:.2f}" for name in strong[:3])
            reasons.append({"signal": "harvesting", "detail": detail})
        return tuple(reasons)
