"""Alert decisions with hysteresis: fire, update, resolve; one alert id per incident.

An entity (account or cluster) *fires* when its calibrated score reaches `fire`; the
incident stays open while the score stays above `resolve` and is resolved after `quiet_s`
of event time below it. Re-firing within `cooldown_s` of a resolution re-opens the same
incident (same `alert_id`), so a flapping score is one incident, not many. Updates are sent
only when something an on-call engineer cares about changed (new accounts, severity).

>>> inc = Incidents("cluster", AlertPolicy(fire=0.8, critical=0.95, resolve=0.6, quiet_s=600, cooldown_s=3600))
>>> [a.status for a in inc.observe("c1", 0.9, 0.0, [], ["a", "b"])]
['firing']
>>> inc.observe("c1", 0.85, 60.0, [], ["a", "b"])  # nothing new: no message
[]
>>> [(a.status, a.severity, list(a.accounts)) for a in inc.observe("c1", 0.97, 120.0, [], ["a", "b", "c"])]
[('firing', 'critical', ['c'])]
>>> inc.observe("c1", 0.5, 200.0, [], ["a"]), [a.status for a in inc.tick(800.0)]
([], ['resolved'])
>>> again = inc.observe("c1", 0.9, 900.0, [], ["a"])  # within the cooldown: same incident
>>> again[0].alert_id == inc.observe("c2", 0.9, 900.0, [], ["x"])[0].alert_id
False
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from detectors.reasons import reason as reason_of

MAX_ACCOUNTS_PER_MESSAGE = 1000


def format_ts(seconds: float) -> str:
    """Epoch seconds -> RFC 3339 UTC with milliseconds.

    >>> format_ts(1795162502.123)
    '2026-11-20T08:15:02.123Z'
    """
    millis = int(round(seconds * 1000))
    whole, ms = divmod(millis, 1000)
    return datetime.fromtimestamp(whole, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + f".{ms:03d}Z"


@dataclass(frozen=True)
class AlertPolicy:
    fire: float  # calibrated score that opens an incident
    critical: float  # score at which severity is critical
    resolve: float  # below this (for quiet_s) the incident resolves
    quiet_s: float  # event time below `resolve` before resolving
    cooldown_s: float  # re-firing this soon after resolving re-opens the same incident
    min_accounts: int = 1

    @classmethod
    def for_accounts(cls) -> "AlertPolicy":
        # Severity: decided by the account's harvest tier (population.AccountCalibration), not this.
        return cls(fire=0.9999, critical=0.99999, resolve=0.999, quiet_s=6 * 3600, cooldown_s=24 * 3600)

    @classmethod
    def for_clusters(cls) -> "AlertPolicy":
        return cls(fire=0.55, critical=0.75, resolve=0.4, quiet_s=6 * 3600, cooldown_s=24 * 3600, min_accounts=3)


@dataclass(frozen=True)
class AlertEvent:
    """One message on `anomaly-alerts` (the output contract, plus evidence)."""

    alert_id: str
    ts: float
    status: str  # firing | resolved
    scope: str  # account | cluster
    entity_id: str
    accounts: tuple[str, ...]
    score: float
    severity: str  # warning | critical
    reasons: tuple[dict, ...]
    evidence: dict = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "alert_id": self.alert_id,
            "ts": format_ts(self.ts),
            "status": self.status,
            "scope": self.scope,
            "entity_id": self.entity_id,
            "accounts": list(self.accounts),
            "score": round(self.score, 4),
            "severity": self.severity,
            "reasons": list(self.reasons),
            "evidence": self.evidence,
        }


@dataclass
class _Incident:
    alert_id: str
    opened_ts: float
    last_above_ts: float
    severity: str
    accounts: set[str]
    score: float
    open: bool = True
    resolved_ts: float = 0.0


class Incidents:
    """Open incidents of one scope, keyed by entity id."""

    def __init__(self, scope: str, policy: AlertPolicy) -> None:
        self.scope = scope
        self.policy = policy
        self.incidents: dict[str, _Incident] = {}

    def _severity(self, score: float, critical: bool | None = None) -> str:
        if critical is None:
            critical = score >= self.policy.critical
        return "critical" if critical else "warning"

    def observe(self, entity: str, score: float, ts: float, reasons: list[dict] | tuple, accounts: list[str],
                evidence: dict | None = None, critical: bool | None = None) -> list[AlertEvent]:
        """A fresh score for `entity`; returns the messages to send (often none). Severity comes
        from the score (`policy.critical`) unless the caller decides it (`critical`)."""
        policy = self.policy
        inc = self.incidents.get(entity)
        if inc is not None and inc.open:
            if score < policy.resolve:
                return []
            inc.last_above_ts = ts
            inc.score = score
            new = [a for a in accounts if a not in inc.accounts]
            severity = self._severity(score, critical)
            escalated = severity == "critical" and inc.severity == "warning"
            if not new and not escalated:
                return []
            inc.accounts.update(new)
            inc.severity = "critical" if escalated else inc.severity
            return self._messages(inc, entity, "firing", ts, new, reasons, evidence)
        if score < policy.fire or len(accounts) < policy.min_accounts:
            return []
        if inc is not None and ts - inc.resolved_ts <= policy.cooldown_s:
            alert_id = inc.alert_id  # the same incident flaring up again
        else:
            alert_id = "al-" + hashlib.sha1(f"{self.scope}|{entity}|{ts:.3f}".encode()).hexdigest()[:16]
        inc = self.incidents[entity] = _Incident(alert_id, ts, ts, self._severity(score, critical), set(accounts),
                                                 score)
        return self._messages(inc, entity, "firing", ts, list(accounts), reasons, evidence)

    def tick(self, ts: float) -> list[AlertEvent]:
        """Event time reached `ts`: resolve incidents quiet for `quiet_s`; forget old ones."""
        out: list[AlertEvent] = []
        policy = self.policy
        for entity, inc in list(self.incidents.items()):
            if inc.open and ts - inc.last_above_ts >= policy.quiet_s:
                inc.open = False
                inc.resolved_ts = ts
                reason = reason_of("incident", "quiet", resolve=policy.resolve, quiet_h=policy.quiet_s / 3600)
                out.extend(self._messages(inc, entity, "resolved", ts, [], [reason], None))
            elif not inc.open and ts - inc.resolved_ts > policy.cooldown_s:
                del self.incidents[entity]
        return out

    def merge(self, absorbed: str, into: str, ts: float) -> list[AlertEvent]:
        """Cluster `absorbed` joined `into`: its open incident continues as `into`'s."""
        inc = self.incidents.pop(absorbed, None)
        if inc is None or not inc.open:
            return []
        target = self.incidents.get(into)
        if target is None or not target.open:
            self.incidents[into] = inc  # same alert id, now about the surviving cluster
            return []
        target.accounts |= inc.accounts
        reason = reason_of("incident", "merged", absorbed=absorbed, into=into, alert_id=target.alert_id)
        inc.open = False
        return self._messages(inc, absorbed, "resolved", ts, [], [reason], {"merged_into": into})

    def is_open(self, entity: str) -> bool:
        inc = self.incidents.get(entity)
        return inc is not None and inc.open

    def _messages(self, inc: _Incident, entity: str, status: str, ts: float, accounts: list[str],
                  reasons: list[dict] | tuple, evidence: dict | None) -> list[AlertEvent]:
        evidence = dict(evidence or {}, accounts_total=len(inc.accounts), opened=format_ts(inc.opened_ts))
        if self.scope == "account":
            accounts = [entity]  # the contract: an account alert always lists its account
        chunks = [accounts[i:i + MAX_ACCOUNTS_PER_MESSAGE] for i in range(0, len(accounts), MAX_ACCOUNTS_PER_MESSAGE)]
        return [
            AlertEvent(inc.alert_id, ts, status, self.scope, entity, tuple(chunk), inc.score, inc.severity,
                       tuple(reasons), evidence)
            for chunk in (chunks or [[]])
        ]
