"""Score alerts (output contract) against the simulator's ground truth.

An account counts as flagged from the `ts` of the first *firing* message that lists
it; cluster alerts spread over several messages are united by `alert_id`. Accounts
not in any campaign are benign (whether or not the truth knows them).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from simulator.contract import parse_ts

SEVERITIES = ("warning", "critical")


@dataclass
class CampaignScore:
    """How one campaign was caught. Times are seconds after the campaign start."""

    campaign_id: str
    kind: str
    accounts: int
    flagged: int
    recall: float
    time_to_first_alert_s: float | None
    time_to_90pct_s: float | None
    # 90th percentile over the campaign's accounts of (flagged - the account's first request);
    # None while fewer than 90% are flagged. Needs `first_seen` in the truth.
    account_lag_p90_s: float | None
    alert_ids: int
    messages: int
    precision: float | None  # share of the accounts in alerts touching this campaign that belong to it


@dataclass
class Evaluation:
    campaigns: list[CampaignScore] = field(default_factory=list)
    benign_accounts: int = 0
    benign_flagged: int = 0
    benign_fp_rate: float = 0.0
    flagged_accounts: int = 0
    true_positive_accounts: int = 0
    precision: float | None = None
    campaign_accounts: int = 0
    recall: float = 0.0
    alert_ids: int = 0
    messages: int = 0
    invalid_messages: int = 0
    # Per cluster incident: the share of the accounts it names that belong to its main campaign
    # (what enforcement acting on it would get right); the lowest over incidents, None without any.
    cluster_alert_shares: dict[str, float] = field(default_factory=dict)
    cluster_alert_share_min: float | None = None
    # The same, counting every campaign's accounts (two campaigns one incident covers are no
    # wrongful ban): 1 - the share of benign accounts it names; the lowest over incidents.
    cluster_alert_campaign_share_min: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _accounts_of(alert: dict) -> list[str]:
    accounts = alert.get("accounts")
    if isinstance(accounts, list) and accounts:
        return [a for a in accounts if isinstance(a, str)]
    if alert.get("scope") == "account" and isinstance(alert.get("entity_id"), str):
        return [alert["entity_id"]]
    return []


def evaluate(alerts: Iterable[dict], truth: dict, min_severity: str = "warning") -> Evaluation:
    """Per-campaign recall and latency, benign false positives and precision.

    With `min_severity="critical"`, only critical incidents count: an incident's accounts count
    as flagged from the first critical message of its `alert_id` (an escalation), those it lists
    later from their own messages. Messages must come in the order they were sent.
    """
    if min_severity not in SEVERITIES:
        raise ValueError(f"min_severity must be one of {SEVERITIES}, got {min_severity!r}")
    only_critical = min_severity == "critical"
    flagged_at: dict[str, int] = {}
    alert_accounts: dict[str, set[str]] = defaultdict(set)
    listed: dict[str, set[str]] = defaultdict(set)  # every account a firing message of the id listed
    alert_messages: dict[str, int] = defaultdict(int)
    cluster_ids: set[str] = set()
    result = Evaluation()
    for alert in alerts:
        try:
            alert_id, ts = str(alert["alert_id"]), parse_ts(alert["ts"])
        except (KeyError, TypeError, ValueError):
            result.invalid_messages += 1
            continue
        if alert.get("status", "firing") != "firing":
            if alert_id in alert_accounts or not only_critical:
                result.messages += 1
                alert_messages[alert_id] += 1
            continue
        accounts = _accounts_of(alert)
        if alert.get("scope") == "cluster":
            cluster_ids.add(alert_id)
        if only_critical:
            listed[alert_id].update(accounts)
            if alert.get("severity") != "critical":
                continue
            if alert_id not in alert_accounts:
                accounts = listed[alert_id]  # escalated: everything the incident holds so far
        result.messages += 1
        alert_messages[alert_id] += 1
        members = alert_accounts[alert_id]
        for account in accounts:
            members.add(account)
            if account not in flagged_at or ts < flagged_at[account]:
                flagged_at[account] = ts

    owner = {a: cid for cid, c in truth["campaigns"].items() for a in c["accounts"]}
    for campaign_id, campaign in truth["campaigns"].items():
        result.campaigns.append(_score_campaign(campaign_id, campaign, flagged_at, alert_accounts,
                                                alert_messages))
    result.alert_ids = len(alert_messages)
    result.flagged_accounts = len(flagged_at)
    result.true_positive_accounts = sum(1 for a in flagged_at if a in owner)
    result.benign_flagged = result.flagged_accounts - result.true_positive_accounts
    benign = truth.get("benign_accounts", 0)
    result.benign_accounts = len(benign) if isinstance(benign, list) else int(benign)
    result.benign_fp_rate = result.benign_flagged / result.benign_accounts if result.benign_accounts else 0.0
    result.precision = (result.true_positive_accounts / result.flagged_accounts) if flagged_at else None
    result.campaign_accounts = len(owner)
    campaign_shares = []
    for alert_id in sorted(cluster_ids & alert_accounts.keys()):
        named = alert_accounts[alert_id]
        if named:
            counts = defaultdict(int)  # campaign (None: benign) -> accounts named
            for account in named:
                counts[owner.get(account)] += 1
            main = max((n for cid, n in counts.items() if cid is not None), default=0)
            result.cluster_alert_shares[alert_id] = round(main / len(named), 4)
            campaign_shares.append(1.0 - counts[None] / len(named))
    if campaign_shares:
        result.cluster_alert_share_min = min(result.cluster_alert_shares.values())
        result.cluster_alert_campaign_share_min = round(min(campaign_shares), 4)
    result.recall = result.true_positive_accounts / len(owner) if owner else 0.0
    return result


def _score_campaign(campaign_id: str, campaign: dict, flagged_at: dict[str, int],
                    alert_accounts: dict[str, set[str]], alert_messages: dict[str, int]) -> CampaignScore:
    members = set(campaign["accounts"])
    start = parse_ts(campaign["start"])
    times = sorted(flagged_at[a] for a in members if a in flagged_at)
    needed = math.ceil(0.9 * len(members))
    first_seen = {a: parse_ts(t) for a, t in campaign.get("first_seen", {}).items()}
    lags = sorted((flagged_at[a] - first_seen[a]) / 1000 if a in flagged_at else math.inf
                  for a in members if a in first_seen)
    lag_p90 = lags[math.ceil(0.9 * len(lags)) - 1] if lags else None
    touching = [aid for aid, accounts in alert_accounts.items() if accounts & members]
    listed = set().union(*(alert_accounts[aid] for aid in touching)) if touching else set()
    return CampaignScore(
        campaign_id=campaign_id,
        kind=campaign.get("kind", "?"),
        accounts=len(members),
        flagged=len(times),
        recall=len(times) / len(members) if members else 0.0,
        time_to_first_alert_s=(times[0] - start) / 1000 if times else None,
        time_to_90pct_s=(times[needed - 1] - start) / 1000 if members and len(times) >= needed else None,
        account_lag_p90_s=lag_p90 if lag_p90 is not None and lag_p90 != math.inf else None,
        alert_ids=len(touching),
        messages=sum(alert_messages[aid] for aid in touching),
        precision=len(listed & members) / len(listed) if listed else None,
    )


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    if seconds < 120:
        return f"{sign}{seconds:.0f}s"
    if seconds < 7200:
        return f"{sign}{seconds / 60:.1f}m"
    return f"{sign}{seconds / 3600:.1f}h"


def format_table(result: Evaluation) -> str:
    """A plain-text report for terminals."""
    header = ("campaign", "kind", "accounts", "flagged", "recall", "first alert", "90% flagged",
              "90% lag/acct", "alert ids", "messages", "precision")
    rows = [header]
    for c in result.campaigns:
        rows.append((c.campaign_id, c.kind, str(c.accounts), str(c.flagged), f"{c.recall:.1%}",
                     _duration(c.time_to_first_alert_s), _duration(c.time_to_90pct_s),
                     _duration(c.account_lag_p90_s), str(c.alert_ids),
                     str(c.messages), "-" if c.precision is None else f"{c.precision:.1%}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    precision = "-" if result.precision is None else f"{result.precision:.1%}"
    lines += [
        "",
        f"campaign accounts flagged: {result.true_positive_accounts}/{result.campaign_accounts} "
        f"(recall {result.recall:.1%})",
        f"benign accounts flagged:   {result.benign_flagged}/{result.benign_accounts} "
        f"(FP rate {result.benign_fp_rate:.3%})",
        f"precision (accounts):      {precision}",
        f"cluster incidents:         {len(result.cluster_alert_shares)}, lowest share of accounts from their campaign "
        + ("-" if result.cluster_alert_share_min is None else f"{result.cluster_alert_share_min:.1%}")
        + ", from any campaign "
        + ("-" if result.cluster_alert_campaign_share_min is None else f"{result.cluster_alert_campaign_share_min:.1%}"),
        f"alerts: {result.alert_ids} ids, {result.messages} messages"
        + (f", {result.invalid_messages} invalid messages skipped" if result.invalid_messages else ""),
    ]
    return "\n".join(lines)
