"""Shared machinery: clocks, ids, hashing helpers, request records and the
per-account finaliser that turns planned requests into contract events."""

import json
import math
import random
from datetime import datetime, timedelta, timezone

MS_H = 3_600_000
MS_M = 60_000
MS_D = 86_400_000

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_DAY_CACHE = {}


def fmt_ms(ms):
    """Milliseconds since epoch -> RFC 3339 UTC with millisecond precision."""
    ms = int(ms)
    s, milli = divmod(ms, 1000)
    d, sod = divmod(s, 86400)
    ds = _DAY_CACHE.get(d)
    if ds is None:
        ds = (_EPOCH + timedelta(days=d)).strftime("%Y-%m-%d")
        _DAY_CACHE[d] = ds
    h, r = divmod(sod, 3600)
    m, sec = divmod(r, 60)
    return "%sT%02d:%02d:%02d.%03dZ" % (ds, h, m, sec, milli)


def to_ms(dt):
    return int((dt - _EPOCH).total_seconds() * 1000)


def sub_rng(seed, *parts):
    """Independent deterministic stream for a named component."""
    return random.Random("inlet|%s|%s" % (seed, "|".join(str(p) for p in parts)))


class Ids:
    """Unique, opaque identifiers (no information about ground truth)."""

    def __init__(self, rng):
        self.rng = rng
        self.seen = set()

    def _uniq(self, prefix, nhex):
        while True:
            v = "%s%0*x" % (prefix, nhex, self.rng.getrandbits(nhex * 4))
            if v not in self.seen:
                self.seen.add(v)
                return v

    def account(self):
        return self._uniq("acct_", 12)

    def key(self):
        return self._uniq("key_", 10)

    def org(self):
        return self._uniq("org_", 10)

    def payment(self):
        return self._uniq("pm_", 16)

    def hash16(self):
        return self._uniq("", 16)


def flip_bits(h, k, rng):
    """Flip k distinct random bits of a 64-bit value (near-duplicate)."""
    if k <= 0:
        return h
    mask = 0
    n = 0
    while n < k:
        b = 1 << rng.getrandbits(6)
        if not mask & b:
            mask |= b
            n += 1
    return h ^ mask


class Family:
    """A prompt template with variable slots: members are near-duplicates of
    a centre, differing in lo..hi bits."""
    __slots__ = ("base", "lo", "hi")

    def __init__(self, base, lo, hi):
        self.base = base
        self.lo = lo
        self.hi = hi

    def draw(self, rng):
        return flip_bits(self.base, rng.randint(self.lo, self.hi), rng)


def lognorm(rng, median, sigma, lo=0, hi=None):
    v = median * math.exp(rng.gauss(0.0, sigma))
    if v < lo:
        v = lo
    if hi is not None and v > hi:
        v = hi
    return v


def wchoice(rng, items):
    """items: list of (value, weight)."""
    tot = 0.0
    for _, w in items:
        tot += w
    x = rng.random() * tot
    for v, w in items:
        x -= w
        if x <= 0:
            return v
    return items[-1][0]


class Cum:
    """Pre-computed weighted chooser for hot paths."""
    __slots__ = ("vals", "cum", "tot")

    def __init__(self, items):
        self.vals = [v for v, _ in items]
        self.cum = []
        t = 0.0
        for _, w in items:
            t += w
            self.cum.append(t)
        self.tot = t

    def pick(self, rng):
        x = rng.random() * self.tot
        cum = self.cum
        lo, hi = 0, len(cum) - 1
        while lo < hi:
            mid = (lo + hi) >> 1
            if cum[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return self.vals[lo]


def beta(rng, a, b):
    return rng.betavariate(a, b)


# ---------------------------------------------------------------------------
# Accounts and planned requests


class Account:
    __slots__ = ("id", "org", "created", "created_s", "pay", "keys", "rpm",
                 "label")

    def __init__(self, id, org, created, pay, keys, rpm, label):
        self.id = id
        self.created_s = fmt_ms(created)
        self.org = org
        self.created = created
        self.pay = pay
        self.keys = keys
        self.rpm = rpm
        self.label = label


class Req:
    """A planned request (before gateway outcome is decided)."""
    __slots__ = ("t", "key", "net", "ua", "model", "endpoint", "inp", "out",
                 "lat", "stream", "tools", "turns", "thinking", "cat", "cot",
                 "sh", "sp")

    def __init__(self, t, key, net, ua, model, endpoint, inp, out, lat, stream,
                 tools, turns, thinking, cat, cot, sh, sp):
        self.t = t
        self.key = key
        self.net = net
        self.ua = ua
        self.model = model
        self.endpoint = endpoint
        self.inp = inp
        self.out = out
        self.lat = lat
        self.stream = stream
        self.tools = tools
        self.turns = turns
        self.thinking = thinking
        self.cat = cat
        self.cot = cot
        self.sh = sh
        self.sp = sp


# ---------------------------------------------------------------------------
# Gateway behaviour: outcomes, retries, serialisation


class Gateway:
    """Decides each request's outcome (rate limits, overload, client errors),
    adds SDK retries and serialises events into the sink."""

    def __init__(self, world):
        self.w = world
        self.rng = sub_rng(world.seed, "gateway")
        self.sink = []          # (ts_ms, line)
        self.first_ts = {}      # account -> first event ts
        self.count_by_acct = {}
        self._dumps = json.JSONEncoder(separators=(",", ":"),
                                       ensure_ascii=False).encode
        self._eid_rng = sub_rng(world.seed, "event-ids")

    def _eid(self):
        v = self._eid_rng.getrandbits(128)
        v = (v & ~(0xF << 76)) | (0x4 << 76)
        v = (v & ~(0x3 << 62)) | (0x2 << 62)
        h = "%032x" % v
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    def _emit(self, acct, r, t, status, out, lat):
        ts = t + lat
        if ts >= self.w.t_end or t < self.w.t0:
            return None
        ip, asn, cc = r.net
        ev = {
            "event_id": self._eid(),
            "ts": fmt_ms(ts),
            "account_id": acct.id,
            "org_id": acct.org,
            "api_key_id": r.key,
            "account_created_at": acct.created_s,
            "payment_fingerprint": acct.pay,
            "client_ip": ip,
            "asn": asn,
            "country": cc,
            "user_agent": r.ua,
            "model": r.model,
            "endpoint": r.endpoint,
            "status": status,
            "input_tokens": int(r.inp),
            "output_tokens": int(out),
            "latency_ms": int(lat),
            "stream": r.stream,
            "tool_count": int(r.tools),
            "turns": int(r.turns),
            "thinking": r.thinking,
            "task_category": r.cat,
            "cot_elicitation": round(min(1.0, max(0.0, r.cot)), 3),
            "prompt_simhash": "%016x" % r.sh,
            "system_prompt_hash": r.sp,
        }
        self.sink.append((ts, self._dumps(ev)))
        f = self.first_ts.get(acct.id)
        if f is None or ts < f:
            self.first_ts[acct.id] = ts
        self.count_by_acct[acct.id] = self.count_by_acct.get(acct.id, 0) + 1
        return ts

    def submit(self, acct, reqs, p400=0.004, max_retries=2):
        """Process one account's planned requests in time order."""
        if not reqs:
            return 0
        rng = self.rng
        reqs.sort(key=lambda r: r.t)
        window = []          # recent request start times (ms) for rpm limit
        wpos = 0
        rpm = acct.rpm
        overload = self.w.overloads
        n = 0
        for r in reqs:
            t = r.t
            if t < acct.created:
                t = acct.created + rng.randint(2000, 60000)
            attempt = 0
            while True:
                # sliding 60 s window
                window.append(t)
                while wpos < len(window) and window[wpos] <= t - 60000:
                    wpos += 1
                inflight = len(window) - wpos
                status = 200
                if inflight > rpm:
                    status = 429
                else:
                    for (o0, o1, om, op) in overload:
                        if o0 <= t < o1 and (om is None or om == r.model):
                            if rng.random() < op:
                                status = 529
                            break
                    if status == 200:
                        x = rng.random()
                        if x < p400:
                            status = 400
                        elif x < p400 + 0.0006:
                            status = 500
                if status == 200:
                    ts = self._emit(acct, r, t, 200, r.out, r.lat)
                    n += ts is not None
                    break
                lat = rng.randint(40, 400) if status != 529 else rng.randint(300, 4000)
                if status == 500:
                    lat = rng.randint(2000, 30000)
                ts = self._emit(acct, r, t, status, 0, lat)
                n += ts is not None
                if status == 400 or attempt >= max_retries or ts is None:
                    break
                attempt += 1
                backoff = int(500 * (2 ** attempt) * (0.75 + 0.5 * rng.random()))
                if status == 429:
                    backoff += rng.randint(1000, 20000)
                t = ts + backoff
            if len(window) > 4096 and wpos > 2048:
                window = window[wpos:]
                wpos = 0
        return n
