"""Per-account streaming features, decayed in event time (no windows to expire).

`AccountState` is a compact record (slots, floats and small ints) updated once per event in
a few microseconds; `AccountState.summary()` turns it into the feature vector the population
and cluster models read. Decay: counters fade with half-life `DAY_S` (volumes) or `HOUR_S`
(request rate), so an idle account's features relax without any timer.

>>> s = AccountState.new(created_s=0.0, ts=86400.0)
>>> s.update(EXAMPLE)  # the first event: a summary is due
True
>>> round(s.rate_1h, 3), s.n_events, round(s.summary().cot_mean, 2)
(1.0, 1, 0.71)
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from array import array
from dataclasses import dataclass, fields
from typing import Any, Mapping

HOUR_S = 3600.0
DAY_S = 86400.0
_LN2 = math.log(2.0)
_DAY_RATE = _LN2 / DAY_S
NEW_MODEL_WINDOW_S = 3 * DAY_S  # a model first seen within this window counts as "new"
YOUNG_ACCOUNT_S = 14 * DAY_S
NEAR_DUP_BITS = 3  # SimHash Hamming distance for "the same prompt template"
RECENT_PROMPTS = 8
RECENT_IDS = 8  # event ids remembered per account: a re-sent request is not counted twice
ACCOUNT_TTL_S = 7 * DAY_S  # an account idle this long (event time) is forgotten; see detectors.stages
# An account rotates through networks when most of its requests come from another autonomous
# system than the one before (`AccountSummary.network_moves`): a proxy pool does that per request.
ROTATING_FROM = 0.5
# Rotation shows from this many requests on (three moves to judge by): the network-pair links
# start there, and the population's rotating share is taken from accounts at that count (a
# power of two, as the summaries that refine the population reference are).
ROTATION_SHOWS_EVENTS = 4

_LEN = struct.Struct("<H")  # length of a text field in AccountState.to_bytes
_NONE = b"\xff\xff"
_NO_ASN = -1  # AccountState.last_asn before any request
_UNKNOWN_ASN = -2  # ... of a request without an ASN
_LAST_TS = struct.Struct("<d")  # AccountState.to_bytes: version byte, created_s, first_ts, last_ts, ...

TASKS = ("chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other")
_TASK_INDEX = {t: i for i, t in enumerate(TASKS)}
# The narrow tasks (what distillation harvests most): their slots in `TASKS`.
_CODING, _REASONING, _TOOL_USE = _TASK_INDEX["coding"], _TASK_INDEX["reasoning"], _TASK_INDEX["tool_use"]


class ModelCatalog:
    """When each model was first seen (event time): tells a newly released model apart.

    >>> c = ModelCatalog(); c.observe("old", 0.0); c.observe("next", 7200.0)
    >>> [c.observe_is_new(*x) for x in (("old", 7200.0), ("next", 8000.0), ("next", 7200.0 + NEW_MODEL_WINDOW_S))]
    [False, True, False]
    """

    __slots__ = ("first_seen", "start", "_new_until")

    def __init__(self) -> None:
        self.first_seen: dict[str, float] = {}
        self.start: float | None = None  # first event time: models seen then are not "new"
        self._new_until: dict[str, float] = {}  # model -> end of its "new" window (or -inf)

    def observe_is_new(self, model: str, ts: float) -> bool:
        """Observe `model` at `ts`; whether it is a newly released one then (first seen more than
        an hour after observation began, less than NEW_MODEL_WINDOW_S ago). One dictionary
        lookup on the hot path."""
        until = self._new_until.get(model)
        if until is None:
            self.observe(model, ts)
            until = self._new_until[model]
        return ts < until

    def observe(self, model: str, ts: float) -> None:
        if self.start is None or ts < self.start:
            self.start = ts
            self._new_until.clear()
        seen = self.first_seen.get(model)
        if seen is None or ts < seen:
            self.first_seen[model] = ts
        first = self.first_seen[model]
        established = first <= self.start + HOUR_S  # present when observation began
        self._new_until[model] = float("-inf") if established else first + NEW_MODEL_WINDOW_S

    def to_dict(self) -> dict:
        """Plain data for a state table (see `from_dict`)."""
        return {"start": self.start, "first_seen": self.first_seen}

    @classmethod
    def from_dict(cls, data: dict) -> "ModelCatalog":
        c = cls()
        for model, ts in sorted(data["first_seen"].items(), key=lambda kv: kv[1]):
            c.first_seen[model] = ts
        c.start = data["start"]
        for model in c.first_seen:
            c.observe(model, c.first_seen[model])
        return c


@dataclass(frozen=True, slots=True)
class AccountSummary:
    """What the population and cluster models see of one account (plain numbers): the registry
    of account features. The field order is the wire format of the stage messages
    (`detectors.stages.to_wire`): a new feature is appended, with a default, so that messages
    written before it still decode (tests/unit/detectors/test_stages.py pins the order)."""

    account_id: str
    ts: float  # event time of the summary (the account's latest event)
    first_ts: float
    age_days: float  # account age at its first event seen
    n_events: int
    rate_1h: float  # requests in the last ~hour (decayed)
    rate_1d: float  # requests in the last ~day (decayed)
    output_per_request: float
    output_input_ratio: float
    cot_mean: float
    thinking_share: float
    tool_share: float
    multi_turn_share: float
    error_share: float
    throttled_share: float
    new_model_share: float
    narrow_task_share: float
    task_concentration: float  # share of the most used task category
    template_repetition: float  # share of requests near-duplicating a recent one
    hour_entropy: float  # 0 = one hour of day, 1 = spread evenly over the day
    gap_regularity: float  # 1 = metronomic inter-arrival times, 0 = bursty/irregular
    baseline_shift: float  # how far the latest behaviour left the account's own baseline (z)
    payment: str | None
    org: str | None
    system_prompt: str | None
    network: str
    # Appended after release 0.1.0 (wire slots: see the class docstring), with their defaults.
    client: str = ""  # the client product of its latest requests (`client_of`), "" when none is sent
    network_moves: float = 0.0  # share of requests from another autonomous system than the one before

    def __setstate__(self, state: list) -> None:
        """Unpickle (cluster-stage snapshots); a summary pickled before a feature was appended
        takes that feature's default."""
        for i, f in enumerate(fields(self)):
            object.__setattr__(self, f.name, state[i] if i < len(state) else f.default)


class AccountState:
    """Mutable per-account state; a few hundred bytes. Update with `update(event)`.

    Decayed counters are stored *scaled up* by 2**((t - anchor) / half-life), so an event adds
    one weight and nothing is multiplied per event; reading divides by the weight at the
    latest event time. The anchor moves forward before the weights could overflow.
    """

    __slots__ = (
        "created_s", "first_ts", "last_ts", "n_events", "anchor", "w_day", "w_hour", "rate_1h", "rate_1d",
        "out_tokens", "in_tokens", "cot", "thinking", "tools", "multi_turn", "errors", "throttled", "new_model",
        "dup", "tasks", "hours", "recent", "gap_n", "gap_mean", "gap_m2", "base_mean", "base_var", "shift",
        "payment", "org", "system_prompt", "ip", "network", "client", "next_summary", "sent", "recent_ids",
        "moves", "last_asn",
    )

    def __init__(self) -> None:
        # Typed arrays, not lists of boxed numbers: a few hundred bytes less per account.
        self.tasks = array("d", bytes(8 * len(TASKS)))
        self.hours = array("I", bytes(4 * 24))
        self.recent = array("Q", bytes(8 * RECENT_PROMPTS))  # a ring of the last prompts' SimHashes
        self.sent = array("I")  # CRC-32s of the link keys already reported (see detectors.stages)
        self.recent_ids = array("I", bytes(4 * RECENT_IDS))  # CRC-32s of the last event ids (duplicates)

    @classmethod
    def new(cls, created_s: float, ts: float) -> "AccountState":
        s = cls()
        s.created_s, s.first_ts, s.last_ts, s.anchor = created_s, ts, ts, ts
        s.w_day = s.w_hour = 1.0
        s.n_events = 0
        s.rate_1h = s.rate_1d = s.out_tokens = s.in_tokens = s.cot = 0.0
        s.thinking = s.tools = s.multi_turn = s.errors = s.throttled = s.new_model = s.dup = 0.0
        s.gap_n, s.gap_mean, s.gap_m2 = 0, 0.0, 0.0
        s.base_mean, s.base_var, s.shift = 0.0, 0.0, 0.0
        s.payment, s.org, s.system_prompt, s.ip, s.network, s.client = None, None, None, "", "", ""
        s.next_summary = 1
        s.moves, s.last_asn = 0.0, _NO_ASN
        return s

    def _rebase(self, ts: float) -> None:
        """Move the anchor to `ts`: express every decayed counter in weights relative to `ts`."""
        age = ts - self.anchor
        k = math.exp(-age * _LN2 / DAY_S)
        for name in ("rate_1d", "out_tokens", "in_tokens", "cot", "thinking", "tools", "multi_turn", "errors",
                     "throttled", "new_model", "dup", "moves"):
            setattr(self, name, getattr(self, name) * k)
        self.tasks = array("d", (t * k for t in self.tasks))
        self.rate_1h *= math.exp(-age * _LN2 / HOUR_S)
        self.anchor = ts
        self.w_day = self.w_hour = 1.0

    def seen(self, event_id: str) -> bool:
        """True if `event_id` is among this account's last RECENT_IDS events (a re-sent request);
        otherwise remember it. Call before `update`.

        >>> s = AccountState.new(0.0, 86400.0)
        >>> s.seen("e-1"), s.update(EXAMPLE), s.seen("e-1"), s.seen("e-2")
        (False, True, True, False)
        """
        digest = zlib.crc32(event_id.encode()) or 1  # 0 marks an empty slot
        ids = self.recent_ids
        if digest in ids:
            return True
        ids[self.n_events % RECENT_IDS] = digest
        return False

    def update(self, event: Mapping[str, Any], new_model: bool = False, heartbeat_s: float = ACCOUNT_TTL_S / 2) -> bool:
        """Fold one event in; returns True when a summary is due: at events 1, 2, 4, ..., 64, then
        every 64, and at the first event of each `heartbeat_s` period of event time (so a slow but
        active account is never older than that at the cluster stage, which expires idle ones).

        >>> s = AccountState.new(0.0, 86400.0)
        >>> [s.update(dict(EXAMPLE, ts_s=86400.0 + 600 * i), heartbeat_s=3600.0) for i in range(1, 9)]
        [True, True, False, True, False, True, False, True]
        """
        ts = event["ts_s"]
        dt = ts - self.last_ts
        heartbeat = False
        if dt > 0:
            heartbeat = self.n_events > 0 and ts // heartbeat_s != self.last_ts // heartbeat_s
            if self.n_events:
                # Welford on log inter-arrival gaps: regular scripts have a small spread.
                g = math.log1p(dt)
                self.gap_n += 1
                delta = g - self.gap_mean
                self.gap_mean += delta / self.gap_n
                self.gap_m2 += delta * (g - self.gap_mean)
            self.last_ts = ts
            age = ts - self.anchor
            if age > 200 * HOUR_S:
                self._rebase(ts)
            else:
                w_day = self.w_day = math.exp(age * _DAY_RATE)
                self.w_hour = w_day ** 24  # the hourly half-life is 24 times shorter
        elif ts < self.first_ts:
            self.first_ts = ts  # a late event: counted at the current weight (docs/design.md)
        w = self.w_day
        self.n_events += 1
        self.rate_1d += w
        self.rate_1h += self.w_hour
        out = event["output_tokens"]
        self.out_tokens += w * out
        self.in_tokens += w * event["input_tokens"]
        cot = event["cot_elicitation"]
        self.cot += w * cot
        if event["thinking"]:
            self.thinking += w
        if event["tool_count"]:
            self.tools += w
        if event["turns"] > 1:
            self.multi_turn += w
        status = event["status"]
        if status >= 400:
            self.errors += w
            if status == 429:
                self.throttled += w
        if new_model:
            self.new_model += w
        # Moving to another autonomous system between requests: what a rotating proxy pool does
        # to every request, and people do a few times a day (home, office, phone).
        asn = event["asn"]
        asn = _UNKNOWN_ASN if asn is None else asn
        if asn != self.last_asn and self.n_events > 1:
            self.moves += w
        self.last_asn = asn
        self.tasks[_TASK_INDEX.get(event["task_category"], 7)] += w
        self.hours[int(ts // HOUR_S) % 24] += 1
        simhash = event["prompt_simhash_int"]
        recent = self.recent
        filled = self.n_events - 1 if self.n_events <= RECENT_PROMPTS else RECENT_PROMPTS
        for i in range(filled):
            if (recent[i] ^ simhash).bit_count() <= NEAR_DUP_BITS:
                self.dup += w
                break
        recent[(self.n_events - 1) % RECENT_PROMPTS] = simhash
        # Own-baseline model: exponentially weighted mean/variance (`ew_step`, weight 0.1) of a
        # per-request "harvest" value; `shift` is the latest departure from it, in sd.
        x = math.log1p(out) + 4.0 * cot
        if self.n_events == 1:
            self.base_mean = x
        else:
            diff = x - self.base_mean
            z = abs(diff) / (math.sqrt(self.base_var) + 0.5)
            shift = self.shift * 0.8
            self.shift = z if z > shift else shift
            self.base_mean, self.base_var = ew_step(self.base_mean, self.base_var, x, 0.1)
        if self.n_events >= self.next_summary:
            self.next_summary = self.next_summary * 2 if self.next_summary < 64 else self.next_summary + 64
            return True
        return heartbeat

    @classmethod
    def last_ts_of(cls, data: bytes | memoryview, at: int = 0) -> float:
        """The event time of the last event in a serialised state starting at `at`, without
        decoding the rest (the stream's state sweep reads millions of them).

        >>> s = AccountState.new(0.0, 86400.0); _ = s.update(EXAMPLE)
        >>> AccountState.last_ts_of(b"pad" + s.to_bytes(), at=3) == s.last_ts
        True
        """
        if not cls.OLDEST_VERSION <= data[at] <= cls.FORMAT_VERSION:
            raise ValueError(f"account state version {data[at]} is not read by this release")
        return _LAST_TS.unpack_from(data, at + 1 + 2 * 8)[0]

    # Compact binary form (for the stream's state table): ~600 bytes, a few microseconds.
    _HEAD = struct.Struct("<B23d3IB")  # version, floats, n_events, gap_n, next_summary, len(sent)
    _TAIL = struct.Struct("<dq")  # version 4 on, after the texts: moves, last_asn
    FORMAT_VERSION = 4  # the first byte of to_bytes(); streams.runtimes checks it before reading
    # The oldest this release reads: version 2 has no `client` (it reads as ""), versions 2 and 3
    # no network moves (they start from none).
    OLDEST_VERSION = 2

    def to_bytes(self) -> bytes:
        """Serialise (see `from_bytes`).

        >>> s = AccountState.new(0.0, 86400.0); _ = s.update(EXAMPLE)
        >>> AccountState.from_bytes(s.to_bytes()).summary() == s.summary()
        True
        """
        head = self._HEAD.pack(
            self.FORMAT_VERSION, self.created_s, self.first_ts, self.last_ts, self.anchor, self.w_day, self.w_hour,
            self.rate_1h, self.rate_1d, self.out_tokens, self.in_tokens, self.cot, self.thinking, self.tools,
            self.multi_turn, self.errors, self.throttled, self.new_model, self.dup, self.gap_mean, self.gap_m2,
            self.base_mean, self.base_var, self.shift, self.n_events, self.gap_n, self.next_summary, len(self.sent),
        )
        parts = [head, self.tasks.tobytes(), self.hours.tobytes(), self.recent.tobytes(), self.recent_ids.tobytes(),
                 self.sent.tobytes()]
        for text in (self.payment, self.org, self.system_prompt, self.ip, self.network, self.client):
            if text is None:
                parts.append(_NONE)
            else:
                raw = text.encode()
                parts.append(_LEN.pack(len(raw)))
                parts.append(raw)
        parts.append(self._TAIL.pack(self.moves, self.last_asn))
        return b"".join(parts)

    @classmethod
    def from_bytes(cls, data: bytes) -> "AccountState":
        head = cls._HEAD
        values = head.unpack_from(data)
        version = values[0]
        if not cls.OLDEST_VERSION <= version <= cls.FORMAT_VERSION:
            raise ValueError(f"account state version {version} is not read by this release")
        s = cls.__new__(cls)
        (_, s.created_s, s.first_ts, s.last_ts, s.anchor, s.w_day, s.w_hour, s.rate_1h, s.rate_1d, s.out_tokens,
         s.in_tokens, s.cot, s.thinking, s.tools, s.multi_turn, s.errors, s.throttled, s.new_model, s.dup,
         s.gap_mean, s.gap_m2, s.base_mean, s.base_var, s.shift, s.n_events, s.gap_n, s.next_summary,
         n_sent) = values
        at = head.size
        s.tasks = array("d", data[at:at + 8 * len(TASKS)])
        at += 8 * len(TASKS)
        s.hours = array("I", data[at:at + 96])
        at += 96
        s.recent = array("Q", data[at:at + 8 * RECENT_PROMPTS])
        at += 8 * RECENT_PROMPTS
        s.recent_ids = array("I", data[at:at + 4 * RECENT_IDS])
        at += 4 * RECENT_IDS
        s.sent = array("I", data[at:at + 4 * n_sent])
        at += 4 * n_sent
        texts = []
        for _ in range(5 if version == 2 else 6):
            (n,) = _LEN.unpack_from(data, at)
            at += 2
            if n == 0xFFFF:
                texts.append(None)
            else:
                texts.append(data[at:at + n].decode())
                at += n
        if version == 2:
            texts.append("")  # client: learned again from the account's next summary
        s.payment, s.org, s.system_prompt, s.ip, s.network, client = texts
        s.client = sys.intern(client)  # one string per product, shared by its accounts (as client_of)
        if version >= 4:
            s.moves, s.last_asn = cls._TAIL.unpack_from(data, at)
        else:
            s.moves, s.last_asn = 0.0, _NO_ASN
        return s

    def summary(self, account_id: str = "") -> AccountSummary:
        w = self.w_day
        r = self.rate_1d or 1.0  # scaled like every other decayed counter: ratios need no unscaling
        tasks = self.tasks
        total_tasks = sum(tasks) or 1.0
        hours = self.hours
        total_hours = sum(hours)
        entropy = 0.0
        if total_hours > 0:
            for c in hours:
                if c > 0:
                    p = c / total_hours
                    entropy -= p * math.log(p)
            # Few events cannot show a rhythm: shrink towards "unknown" (0.5).
            weight = total_hours / (total_hours + 8.0)
            entropy = weight * entropy / math.log(24) + (1 - weight) * 0.5
        if self.gap_n >= 3:
            sd = math.sqrt(self.gap_m2 / (self.gap_n - 1))
            regularity = 1.0 / (1.0 + sd * 2.0)
        else:
            regularity = 0.0
        return AccountSummary(
            account_id=account_id,
            ts=self.last_ts,
            first_ts=self.first_ts,
            age_days=max(0.0, (self.first_ts - self.created_s) / DAY_S),
            n_events=self.n_events,
            rate_1h=self.rate_1h / self.w_hour,
            rate_1d=self.rate_1d / w,
            output_per_request=self.out_tokens / r,
            output_input_ratio=self.out_tokens / (self.in_tokens + w),
            cot_mean=self.cot / r,
            thinking_share=self.thinking / r,
            tool_share=self.tools / r,
            multi_turn_share=self.multi_turn / r,
            error_share=self.errors / r,
            throttled_share=self.throttled / r,
            new_model_share=self.new_model / r,
            narrow_task_share=(tasks[_CODING] + tasks[_REASONING] + tasks[_TOOL_USE]) / total_tasks,
            task_concentration=max(tasks) / total_tasks,
            template_repetition=self.dup / r,
            hour_entropy=entropy,
            gap_regularity=regularity,
            baseline_shift=self.shift,
            payment=self.payment,
            org=self.org,
            system_prompt=self.system_prompt,
            network=self.network,
            client=self.client,
            network_moves=self.moves / r,
        )


COHORT_WINDOW_S = 7 * DAY_S  # accounts created this close together were born together (a wave, a class)
# A group is at one place from this share on its most common network (a campus NAT, an office):
# one threshold for the cluster score (clusters.one_place_cohort) and for popular keys (linking).
PLACE_SHARE_FROM = 0.2


# Accounts born apart that *arrived* together (first seen within one WAKE_WINDOW_S) were woken by
# one hand: aged accounts bought one by one and brought online at once (CopyCatch's lockstep, on
# the first act). The population's own arrivals are the reference (see `Arrivals.together`).
WAKE_WINDOW_S = 3600.0
WAKE_Z = 6.0  # binomial sds above the population's share of arrivals in the window
WAKE_WARMUP_S = 3600.0  # the stream's first hour: every active account is first seen then
ARRIVAL_BUCKET_S = 600.0
ARRIVALS_KEPT_S = 7 * DAY_S


class Arrivals:
    """The population's established accounts (older than YOUNG_ACCOUNT_S), counted when first
    seen, per ARRIVAL_BUCKET_S of event time: the reference that says whether a group arrived
    together beyond chance."""

    def __init__(self) -> None:
        self.buckets: dict[int, int] = {}
        self.total = 0
        self.first: float | None = None

    def arrive(self, created_s: float, first_ts: float) -> None:
        if self.first is None or first_ts < self.first:
            self.first = first_ts
        if first_ts - created_s >= YOUNG_ACCOUNT_S:
            bucket = int(first_ts // ARRIVAL_BUCKET_S)
            self.buckets[bucket] = self.buckets.get(bucket, 0) + 1
            self.total += 1

    def forget_before(self, ts: float) -> None:
        """Drop the counts older than ARRIVALS_KEPT_S before `ts`."""
        kept_from = (ts - ARRIVALS_KEPT_S) // ARRIVAL_BUCKET_S
        for bucket in [b for b in self.buckets if b < kept_from]:
            self.total -= self.buckets.pop(bucket)

    def together(self, first_seen: list[float]) -> float:
        """The share of a group (its members' first-seen times) that arrived within one
        WAKE_WINDOW_S after the stream's first hour, when that is WAKE_Z binomial sds beyond the
        population's share of arrivals in the window; else 0.

        >>> arrivals = Arrivals()
        >>> for i in range(2000):  # the population arrives over 8 h
        ...     arrivals.arrive(-300 * DAY_S, 14.4 * i)
        >>> spread = [14.4 * i for i in range(0, 2000, 25)]  # a group among them
        >>> woken = [9000.0 + 30 * i for i in range(80)]  # 80 accounts first seen in 40 min
        >>> arrivals.together(spread), arrivals.together(woken), arrivals.together([60.0 * i for i in range(80)])
        (0.0, 1.0, 0.0)
        """
        n = len(first_seen)
        if self.first is None or not self.total or not n:
            return 0.0
        start = self.first + WAKE_WARMUP_S
        best, best_at = densest_window(sorted([t for t in first_seen if t >= start]), WAKE_WINDOW_S)
        if not best:
            return 0.0
        buckets = self.buckets
        first, last = int(best_at // ARRIVAL_BUCKET_S), int((best_at + WAKE_WINDOW_S) // ARRIVAL_BUCKET_S)
        p = min(1.0, sum([buckets.get(b, 0) for b in range(first, last + 1)]) / self.total)
        if best - n * p < WAKE_Z * math.sqrt(n * p * (1.0 - p)):
            return 0.0
        return best / n


def cohort_share(created: list[float], window: float = COHORT_WINDOW_S) -> float:
    """The largest share of `created` times falling within `window` of each other.

    >>> cohort_share([0.0, 1.0, 2.0, 100.0], 5.0), cohort_share([0.0, 10.0, 20.0, 30.0], 5.0)
    (0.75, 0.25)
    """
    best, _ = densest_window(sorted(created), window)
    return best / len(created) if created else 0.0


def densest_window(times: list[float], window: float) -> tuple[int, float]:
    """The most of the sorted `times` within `window` of each other, and the first of them
    (0, 0.0 for none).

    >>> densest_window([0.0, 1.0, 2.0, 100.0], 5.0), densest_window([], 5.0)
    ((3, 0.0), (0, 0.0))
    """
    best = lo = 0
    best_at = 0.0
    for hi, t in enumerate(times):
        while times[lo] < t - window:
            lo += 1
        if hi - lo + 1 > best:
            best, best_at = hi - lo + 1, times[lo]
    return best, best_at


def client_of(user_agent: str) -> str:
    """The client product of a request: its user agent's name, without version or details.

    >>> client_of("anthropic-python/0.74.1"), client_of("LangChain/0.3 (linux)"), client_of("")
    ('anthropic-python', 'langchain', '')
    """
    return sys.intern(user_agent.partition("/")[0].strip().lower()[:64])


def ew_step(mean: float, var: float, x: float, a: float) -> tuple[float, float]:
    """One step of an exponentially weighted mean and variance, weight `a` on `x` (the update of
    river.stats.EWVar's definition, written in West's incremental form). Kept as two floats, not
    River objects: an account's baseline is two slots of its state (River's EWVar is two EWMean
    objects, about 480 bytes per account, and starts from 0 with no warm-up).

    >>> ew_step(0.0, 0.0, 2.0, 0.5)  # 0 then 2, weighted equally: mean 1, variance 1
    (1.0, 1.0)
    """
    diff = x - mean
    incr = a * diff
    return mean + incr, (1 - a) * (var + diff * incr)


def network_key(event: Mapping[str, Any]) -> str:
    """The request's network neighbourhood: IPv4 /24 or IPv6 /48, with the ASN.

    >>> network_key({"client_ip": "203.0.113.57", "asn": 64500})
    '203.0.113/64500'
    >>> network_key({"client_ip": "2001:db8:1:2::1", "asn": None})
    '2001:db8:1/-'
    """
    ip = event["client_ip"]
    asn = event["asn"]
    if ":" in ip:
        prefix = ":".join(ip.split(":")[:3])
    else:
        prefix = ip.rsplit(".", 1)[0]
    return f"{prefix}/{asn if asn is not None else '-'}"


EXAMPLE: dict[str, Any] = {
    "ts_s": 86400.0, "account_created_s": 0.0, "output_tokens": 2210, "input_tokens": 812,
    "cot_elicitation": 0.71, "thinking": False, "tool_count": 2, "turns": 1, "status": 200,
    "task_category": "coding", "prompt_simhash_int": 0x9F3A0C5D1E2B4A67, "payment_fingerprint": "pm_1",
    "client_ip": "203.0.113.57", "asn": 64500, "model": "claude-sonnet-4-5",
}
