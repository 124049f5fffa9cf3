"""Shared machinery: time, ids, sampling helpers, simhash, token/latency model, sink."""
import bisect
import heapq
import json
import math
import os
from collections import deque
from datetime import datetime, timedelta, timezone

UTC = timezone.utc
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

_DAY_CACHE = {}


def fmt_ms(ms):
    """Epoch milliseconds -> RFC 3339 UTC with millisecond precision and Z."""
    day, rem = divmod(int(ms), 86400000)
    ds = _DAY_CACHE.get(day)
    if ds is None:
        ds = (EPOCH + timedelta(days=day)).strftime("%Y-%m-%d")
        _DAY_CACHE[day] = ds
    s, msr = divmod(rem, 1000)
    h, s = divmod(s, 3600)
    m, s = divmod(s, 60)
    return f"{ds}T{h:02d}:{m:02d}:{s:02d}.{msr:03d}Z"


# --------------------------------------------------------------------------- sampling helpers

class WChoice:
    """Weighted choice with precomputed cumulative weights."""
    __slots__ = ("items", "cum", "total")

    def __init__(self, pairs):
        if isinstance(pairs, dict):
            pairs = list(pairs.items())
        self.items = [p[0] for p in pairs]
        acc = 0.0
        self.cum = []
        for p in pairs:
            acc += float(p[1])
            self.cum.append(acc)
        self.total = acc

    def pick(self, rng):
        i = bisect.bisect_right(self.cum, rng.random() * self.total)
        if i >= len(self.items):
            i = len(self.items) - 1
        return self.items[i]


def lognorm(rng, median, sigma):
    return median * math.exp(sigma * rng.gauss(0.0, 1.0))


def geometric(rng, mean):
    """Number >= 1 with the given mean."""
    if mean <= 1.0:
        return 1
    p = 1.0 / mean
    u = rng.random()
    if u <= 0.0:
        u = 1e-12
    return 1 + int(math.log(u) / math.log(1.0 - p))


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam < 30:
        L = math.exp(-lam)
        k = 0
        p = 1.0
        while True:
            p *= rng.random()
            if p <= L:
                return k
            k += 1
    return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))


def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


def beta(rng, a, b):
    return rng.betavariate(a, b)


# --------------------------------------------------------------------------- simhash

def flip(rng, h, k):
    for _ in range(k):
        h ^= 1 << rng.randrange(64)
    return h


class Family:
    """A prompt template with variable slots: near-duplicate simhashes around a base."""
    __slots__ = ("base", "lo", "hi")

    def __init__(self, rng, lo, hi, base=None):
        self.base = rng.getrandbits(64) if base is None else base
        self.lo = lo
        self.hi = hi

    def draw(self, rng):
        return flip(rng, self.base, rng.randint(self.lo, self.hi))


# --------------------------------------------------------------------------- ids

class Ids:
    def __init__(self, rng):
        self.r = rng
        self.seen = set()

    def _u(self, prefix, n):
        while True:
            s = prefix + format(self.r.getrandbits(4 * n), f"0{n}x")
            if s not in self.seen:
                self.seen.add(s)
                return s

    def account(self):
        return self._u("acct_", 12)

    def key(self):
        return self._u("key_", 10)

    def org(self):
        return self._u("org_", 12)

    def pay(self):
        return self._u("pm_", 16)

    def sysprompt(self):
        return self._u("", 16)


class Account:
    __slots__ = ("id", "org", "created_ms", "created", "pay", "keys", "country", "tz")

    def __init__(self, aid, org, created_ms, pay, keys, country, tz):
        self.id = aid
        self.org = org
        self.created_ms = int(created_ms)
        self.created = fmt_ms(self.created_ms)
        self.pay = pay
        self.keys = keys
        self.country = country
        self.tz = tz


# --------------------------------------------------------------------------- models, agents, tokens

OLD_MODELS = ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1", "claude-sonnet-4",
              "claude-3-7-sonnet", "claude-3-5-haiku"]
NEW_MODEL = "claude-opus-4-5"

TPS = {"claude-sonnet-4-5": 72.0, "claude-haiku-4-5": 150.0, "claude-opus-4-1": 38.0,
       "claude-sonnet-4": 68.0, "claude-3-7-sonnet": 62.0, "claude-3-5-haiku": 115.0,
       NEW_MODEL: 52.0}
TTFT = {"claude-sonnet-4-5": 900.0, "claude-haiku-4-5": 450.0, "claude-opus-4-1": 1600.0,
        "claude-sonnet-4": 950.0, "claude-3-7-sonnet": 1000.0, "claude-3-5-haiku": 500.0,
        NEW_MODEL: 1400.0}

CATS = ["chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other"]

# (median, sigma) of the new user message, and of the completion, per category
CAT_IN = {"chat": (90, 1.0), "coding": (700, 1.1), "reasoning": (260, 0.9), "tool_use": (1800, 1.0),
          "writing": (300, 1.0), "analysis": (2200, 1.2), "vision": (1700, 0.45), "other": (350, 1.2)}
CAT_OUT = {"chat": (210, 0.9), "coding": (650, 0.9), "reasoning": (900, 0.8), "tool_use": (220, 0.9),
           "writing": (750, 0.8), "analysis": (520, 0.8), "vision": (260, 0.8), "other": (300, 1.0)}


def tok_in(rng, cat, mult=1.0):
    m, s = CAT_IN[cat]
    return max(1, int(m * mult * math.exp(s * rng.gauss(0.0, 1.0))))


def tok_out(rng, cat, cot, think, cap, mult=1.0):
    m, s = CAT_OUT[cat]
    o = m * mult * (1.0 + 1.6 * cot * cot) * math.exp(s * rng.gauss(0.0, 1.0))
    if think:
        o += lognorm(rng, 1400 + 2500 * cot, 0.8)
    return max(1, min(int(o), cap))


def est_latency(rng, model, itok, otok, ep="messages"):
    if ep == "count_tokens":
        return int(40 + rng.random() * 160)
    ttft = TTFT.get(model, 1000.0) * math.exp(0.35 * rng.gauss(0.0, 1.0)) + itok * 0.012
    tps = TPS.get(model, 60.0) * math.exp(0.18 * rng.gauss(0.0, 1.0))
    return int(ttft + 1000.0 * otok / tps)


def mkreq(rng, t, key, ip, ua, model, cat, cot, sh, sp, itok, otok, turns=1, tools=0,
          think=False, stream=False, ep="messages", lat=None):
    if think and model == "claude-3-5-haiku":
        think = False
    if lat is None:
        lat = est_latency(rng, model, itok, otok, ep)
    if ep == "count_tokens":
        otok = 0
    return {"t": t, "key": key, "ip": ip, "ua": ua, "model": model, "ep": ep, "stream": stream,
            "tools": tools, "turns": turns, "think": think, "cat": cat, "cot": cot, "sh": sh,
            "sp": sp, "in": itok, "out": otok, "lat": lat}


# --------------------------------------------------------------------------- sink

class Sink:
    """Collects event lines, spills sorted runs to disk, merges them at the end."""
    CHUNK = 200000

    def __init__(self, out_dir, start_ms, dur, rng):
        self.out_dir = out_dir
        self.start_ms = start_ms
        self.dur = dur
        self.rng = rng
        self.buf = []
        self.runs = []
        self.seq = 0
        self.per_acct = {}
        self.per_label = {}
        self.status = {}
        self._dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True).encode

    def _uuid(self):
        x = self.rng.getrandbits(128)
        x = (x & ~(0xF << 76)) | (0x4 << 76)
        x = (x & ~(0x3 << 62)) | (0x2 << 62)
        h = format(x, "032x")
        return f"{h[0:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"

    def emit(self, acct, r, t_start, status, itok, otok, lat, label):
        t_done = t_start + lat / 1000.0
        if t_done >= self.dur or t_done < 0:
            return False
        ms = self.start_ms + int(t_done * 1000.0)
        ip = r["ip"]
        ev = {
            "event_id": self._uuid(),
            "ts": fmt_ms(ms),
            "account_id": acct.id,
            "org_id": acct.org,
            "api_key_id": r["key"],
            "account_created_at": acct.created,
            "payment_fingerprint": acct.pay,
            "client_ip": ip[0],
            "asn": ip[1],
            "country": ip[2],
            "user_agent": r["ua"],
            "model": r["model"],
            "endpoint": r["ep"],
            "status": status,
            "input_tokens": int(itok),
            "output_tokens": int(otok),
            "latency_ms": int(lat),
            "stream": r["stream"],
            "tool_count": r["tools"],
            "turns": r["turns"],
            "thinking": r["think"],
            "task_category": r["cat"],
            "cot_elicitation": round(r["cot"], 3),
            "prompt_simhash": format(r["sh"] & 0xFFFFFFFFFFFFFFFF, "016x"),
            "system_prompt_hash": r["sp"],
        }
        line = self._dumps(ev)
        self.buf.append((ms, self.seq, line))
        self.seq += 1
        self.per_acct[acct.id] = self.per_acct.get(acct.id, 0) + 1
        self.per_label[label] = self.per_label.get(label, 0) + 1
        self.status[status] = self.status.get(status, 0) + 1
        if len(self.buf) >= self.CHUNK:
            self._flush()
        return True

    def _flush(self):
        if not self.buf:
            return
        self.buf.sort()
        path = os.path.join(self.out_dir, f".run_{len(self.runs):04d}.tmp")
        with open(path, "w", encoding="utf-8") as f:
            for ms, seq, line in self.buf:
                f.write(f"{ms:015d}{seq:010d}{line}\n")
        self.runs.append(path)
        self.buf = []

    def finish(self, path):
        self._flush()
        files = [open(p, "r", encoding="utf-8") for p in self.runs]
        n = 0
        try:
            with open(path, "w", encoding="utf-8") as out:
                for line in heapq.merge(*files, key=lambda s: s[:25]):
                    out.write(line[25:])
                    n += 1
        finally:
            for f in files:
                f.close()
            for p in self.runs:
                os.remove(p)
        return n


_RETRY_CACHE = {}


def sdk_retries(ua):
    v = _RETRY_CACHE.get(ua)
    if v is None:
        v = ("anthropic-" in ua) or ("litellm" in ua) or ("langchain" in ua)
        _RETRY_CACHE[ua] = v
    return v


def finalize(W, rng, acct, reqs, rpm, label):
    """Apply rate limits, random errors, overloads and SDK retries; emit. Returns events emitted."""
    if not reqs:
        return 0
    heap = [(r["t"], i, r) for i, r in enumerate(reqs)]
    heapq.heapify(heap)
    n = len(heap)
    win = deque()
    emitted = 0
    sink = W.sink
    dur = W.dur
    while heap:
        t, _, r = heapq.heappop(heap)
        if t >= dur:
            break
        while win and win[0] <= t - 60.0:
            win.popleft()
        status = 200
        if rpm and len(win) >= rpm and r["ep"] != "batch":
            status = 429
        else:
            win.append(t)
            u = rng.random()
            if u < 0.0035:
                status = 400
            elif u < 0.0043:
                status = 500
            else:
                p = W.overload(r["model"], t)
                if p > 0.0 and rng.random() < p:
                    status = 529
        if status == 200:
            itok, otok, lat = r["in"], r["out"], r["lat"]
        else:
            otok = 0
            itok = r["in"] if status != 400 else int(r["in"] * rng.random())
            if status == 429:
                lat = int(8 + rng.random() * 90)
            elif status == 529:
                lat = int(150 + rng.expovariate(1 / 1500.0))
            elif status == 500:
                lat = int(800 + rng.expovariate(1 / 9000.0))
            else:
                lat = int(20 + rng.random() * 250)
        if sink.emit(acct, r, t, status, itok, otok, lat, label):
            emitted += 1
        tries = r.get("try", 0)
        if status in (429, 529, 500) and tries < 2 and sdk_retries(r["ua"]):
            r2 = dict(r)
            r2["try"] = tries + 1
            r2["t"] = t + lat / 1000.0 + (0.5 * (2 ** tries)) * (1.0 + rng.random()) + (
                rng.uniform(2, 20) if status == 429 else 0.0)
            heapq.heappush(heap, (r2["t"], n, r2))
            n += 1
    return emitted
