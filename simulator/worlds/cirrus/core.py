"""Core machinery of the cirrus world: clock, randomness, accounts, emission, sorted output."""
from __future__ import annotations

import bisect
import hashlib
import math
import os
import shutil
import tempfile
import time
from random import Random

try:  # orjson is optional
    import orjson

    def _dumps(obj) -> bytes:
        return orjson.dumps(obj)
except ImportError:  # pragma: no cover
    import json

    def _dumps(obj) -> bytes:
        return json.dumps(obj, separators=(",", ":")).encode()

HOUR = 3_600_000
MINUTE = 60_000
DAY = 24 * HOUR

SONNET, HAIKU, OPUS = "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"
NEW_MODEL = "claude-sonnet-5"  # released during the simulated window

# model -> (time to first token ms, output tokens per second)
SPEED = {SONNET: (650, 68.0), HAIKU: (320, 150.0), OPUS: (1300, 34.0), NEW_MODEL: (850, 58.0)}


def iso(ms: int) -> str:
    s, m = divmod(ms, 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s)) + ".%03dZ" % m


def h64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def hexhash(text: str, n: int = 32) -> str:
    return hashlib.blake2b(text.encode(), digest_size=n // 2).hexdigest()


# Identical greetings give identical SimHashes, whoever sends them.
GREETINGS = [("hi", 30), ("hello", 18), ("test", 14), ("hey", 9), ("hello world", 6),
             ("hi there", 6), ("who are you?", 5), ("ping", 4), ("what can you do?", 4), ("say hello", 4)]
GREET_HASH = [h64("greeting:" + g) for g, _ in GREETINGS]
GREET_CUM = []
_c = 0
for _g, _w in GREETINGS:
    _c += _w
    GREET_CUM.append(_c)


def greeting(rng: Random) -> int:
    return GREET_HASH[bisect.bisect_right(GREET_CUM, rng.random() * GREET_CUM[-1])]


def flip(base: int, rng: Random, kmin: int, kmax: int) -> int:
    """Near-duplicate of a 64-bit SimHash: flip between kmin and kmax random bits."""
    k = rng.randint(kmin, kmax)
    m = 0
    for _ in range(k):
        m |= 1 << rng.randrange(64)
    return base ^ m


def lognorm(rng: Random, median: float, sigma: float) -> float:
    return median * math.exp(rng.gauss(0.0, sigma))


def poisson(rng: Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam < 30:
        el = math.exp(-lam)
        k, p = 0, 1.0
        while True:
            p *= rng.random()
            if p <= el:
                return k
            k += 1
    return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))


class Cum:
    """Weighted choice with precomputed cumulative weights."""
    __slots__ = ("items", "cum", "tot")

    def __init__(self, pairs):
        self.items = [p[0] for p in pairs]
        self.cum = []
        c = 0.0
        for p in pairs:
            c += p[1]
            self.cum.append(c)
        self.tot = c

    def pick(self, rng: Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.tot)]


class Style:
    """What an account's requests look like (content only)."""
    __slots__ = ("cats", "cot", "it", "its", "ot", "ots", "stream_p", "think_p")

    def __init__(self, cats, cot, it=(300, 0.9), ot=(450, 0.9), stream_p=0.5, think_p=0.0):
        self.cats = Cum(cats)
        self.cot = cot            # callable rng -> float
        self.it, self.its = it
        self.ot, self.ots = ot
        self.stream_p = stream_p
        self.think_p = think_p

    def draw(self, rng: Random):
        think = rng.random() < self.think_p
        ot = lognorm(rng, self.ot, self.ots)
        if think:
            ot *= 1.5 + 1.5 * rng.random()
        return (self.cats.pick(rng), self.cot(rng), max(4, int(lognorm(rng, self.it, self.its))),
                max(1, min(32000, int(ot))), think, rng.random() < self.stream_p)


def beta(a, b, lo=0.0, hi=1.0):
    def f(rng):
        return lo + (hi - lo) * rng.betavariate(a, b)
    return f


def mix_cot(p_high, low=(1.2, 9.0), high=(5.0, 2.5)):
    """Mostly low CoT elicitation, a share of explicit step-by-step prompts."""
    def f(rng):
        if rng.random() < p_high:
            return rng.betavariate(*high)
        return rng.betavariate(*low)
    return f


class Account:
    __slots__ = ("id", "org", "created_ms", "created", "pay", "keys", "net", "ua", "sp", "tz", "cc",
                 "camp", "group", "n", "models", "adopt_ms", "new_share", "ip", "asn", "cur_cc", "last")

    def __init__(self):
        self.n = 0
        self.camp = None
        self.group = None
        self.adopt_ms = None
        self.new_share = 0.0
        self.sp = None
        self.org = None
        self.last = 0


# --- diurnal activity profiles (weight per local hour, 0..1) ---
_HUMAN = [0.14, 0.08, 0.05, 0.04, 0.04, 0.06, 0.14, 0.32, 0.55, 0.8, 0.95, 1.0,
          0.92, 0.97, 1.0, 0.95, 0.9, 0.82, 0.75, 0.8, 0.86, 0.78, 0.55, 0.3]
_OFFICE = [0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.03, 0.15, 0.7, 1.0, 1.0, 0.95,
           0.6, 0.9, 1.0, 1.0, 0.9, 0.55, 0.2, 0.08, 0.06, 0.05, 0.03, 0.02]
_EVENING = [0.35, 0.2, 0.1, 0.05, 0.03, 0.03, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45,
            0.5, 0.5, 0.5, 0.55, 0.65, 0.75, 0.9, 1.0, 1.0, 0.95, 0.8, 0.55]
_NIGHTOWL = [0.8, 0.75, 0.65, 0.5, 0.35, 0.2, 0.15, 0.2, 0.35, 0.5, 0.6, 0.65,
             0.7, 0.75, 0.8, 0.8, 0.8, 0.8, 0.8, 0.85, 0.9, 0.95, 1.0, 0.9]
PROFILES = {"human": _HUMAN, "office": _OFFICE, "evening": _EVENING, "nightowl": _NIGHTOWL,
            "flat": [1.0] * 24}


class Writer:
    """Buffers serialized events in hourly buckets on disk, then writes them sorted."""

    def __init__(self, t0: int, tmpdir: str, flush_bytes: int = 4 << 20):
        self.t0 = t0
        self.tmp = tmpdir
        self.buf: dict[int, bytearray] = {}
        self.files: set[int] = set()
        self.flush_bytes = flush_bytes
        self.count = 0

    def add(self, t: int, line: bytes):
        b = (t - self.t0) // HOUR
        ba = self.buf.get(b)
        if ba is None:
            ba = self.buf[b] = bytearray()
        ba += line
        ba += b"\n"
        if len(ba) >= self.flush_bytes:
            self._flush(b)

    def _flush(self, b):
        with open(os.path.join(self.tmp, "b%06d" % b), "ab") as fh:
            fh.write(self.buf[b])
        self.files.add(b)
        self.buf[b] = bytearray()

    def finish(self, path: str):
        keys = sorted(set(self.buf) | self.files)
        with open(path, "wb") as out:
            for b in keys:
                data = bytes(self.buf.pop(b, b""))
                if b in self.files:
                    with open(os.path.join(self.tmp, "b%06d" % b), "rb") as fh:
                        data = fh.read() + data
                lines = data.split(b"\n")
                del data
                if lines and not lines[-1]:
                    lines.pop()
                # every line starts with {"ts":"<fixed width RFC 3339>", so byte order is time order
                lines.sort()
                self.count += len(lines)
                if lines:
                    out.write(b"\n".join(lines))
                    out.write(b"\n")


class World:
    def __init__(self, seed: int, n_benign: int, hours: float, out: str):
        self.seed = seed
        self.n_benign = n_benign
        self.hours = hours
        self.out = out
        self.scale = n_benign / 3000.0
        r = self.sub("clock")
        day0 = 1794873600000  # 2026-11-17T00:00:00Z, a Tuesday
        self.t0 = day0 + (seed % 3) * DAY + (5 + seed % 4) * HOUR + r.randrange(0, 30) * MINUTE
        self.t1 = self.t0 + int(hours * HOUR)
        self.span = self.t1 - self.t0
        self.release = self.t0 + int(self.span * (0.22 + 0.16 * r.random()))
        self.idrng = self.sub("ids")
        self.evrng = self.sub("event-ids")
        self.used: set[str] = set()
        self.accounts: list[Account] = []
        self.groups: dict[str, dict] = {}
        self.campaigns: dict[str, dict] = {}
        self._cdf_cache: dict = {}
        self.tmp = tempfile.mkdtemp(prefix="cirrus-")
        self.writer = Writer(self.t0, self.tmp)

    # ---------- randomness ----------
    def sub(self, name: str) -> Random:
        return Random(f"cirrus/{self.seed}/{name}")

    def uid(self, prefix: str, nhex: int) -> str:
        while True:
            s = prefix + "%0*x" % (nhex, self.idrng.getrandbits(4 * nhex))
            if s not in self.used:
                self.used.add(s)
                return s

    # ---------- accounts ----------
    def account(self, *, created_ms, pay=None, org=None, keys=1, net=None, ua="anthropic-python/0.74.1",
                sp=None, tz=0, cc="US", models=None, group=None, camp=None) -> Account:
        a = Account()
        a.id = self.uid("acct_", 12)
        a.org = org
        a.created_ms = int(created_ms)
        a.created = iso(int(created_ms) // 1000 * 1000)
        a.pay = pay
        a.keys = [self.uid("key_", 10) for _ in range(keys)]
        a.net = net
        a.ua = ua
        a.sp = sp
        a.tz = tz
        a.cc = cc
        a.models = models or DEFAULT_MODELS
        a.group = group
        a.camp = camp
        self.accounts.append(a)
        return a

    def card(self) -> str:
        return self.uid("pm_", 16)

    def org(self) -> str:
        return self.uid("org_", 12)

    def add_group(self, name: str, kind: str, accounts: list):
        self.groups[name] = {"kind": kind, "accounts": len(accounts)}

    def add_campaign(self, cid: str, kind: str, accounts: list):
        self.campaigns[cid] = {"kind": kind, "accounts": accounts}

    # ---------- time ----------
    def starts(self, rng: Random, profile: str, tz_min: int, rate_per_hour: float, minimum: int = 0,
               lo: int | None = None, hi: int | None = None) -> list[int]:
        """Session start times: Poisson count with rate `rate_per_hour` at profile peak, shaped by the
        local-time profile."""
        cum, tot = self._cdf(profile, tz_min, lo, hi)
        n = poisson(rng, rate_per_hour * tot / 60.0)
        if n < minimum:
            n = minimum
        base = self.t0 if lo is None else lo
        out = []
        for _ in range(n):
            i = bisect.bisect_right(cum, rng.random() * cum[-1])
            out.append(base + i * MINUTE + rng.randrange(MINUTE))
        out.sort()
        return out

    def _cdf(self, profile, tz_min, lo, hi):
        key = (profile, tz_min, lo, hi)
        c = self._cdf_cache.get(key)
        if c is not None:
            return c
        prof = PROFILES[profile]
        lo = self.t0 if lo is None else lo
        hi = self.t1 if hi is None else hi
        cum, tot = [], 0.0
        for m in range(max(1, (hi - lo) // MINUTE)):
            local = (lo + m * MINUTE) // 1000 + tz_min * 60
            tm = time.gmtime(local)
            w = prof[tm.tm_hour]
            if profile == "office" and tm.tm_wday >= 5:
                w *= 0.08
            elif tm.tm_wday >= 5:
                w *= 0.8
            tot += w
            cum.append(tot + 1e-12 * m)
        self._cdf_cache[key] = (cum, tot)
        return cum, tot

    # ---------- models ----------
    def model(self, a: Account, t: int, rng: Random) -> str:
        if a.adopt_ms is not None and t >= a.adopt_ms and rng.random() < a.new_share:
            return NEW_MODEL
        return a.models.pick(rng)

    def adopt(self, a: Account, rng: Random, p: float, delay_min: float = 45.0, share=(0.4, 0.9)):
        """Early adoption of the new model release."""
        if rng.random() < p:
            a.adopt_ms = self.release + int(rng.expovariate(1.0 / delay_min) * MINUTE)
            a.new_share = share[0] + (share[1] - share[0]) * rng.random()

    # ---------- emission ----------
    def session(self, a: Account, rng: Random):
        a.ip, a.asn, a.cur_cc = a.net.session(rng)

    def req(self, a: Account, t: int, rng: Random, model: str, cat: str, cot: float, it: int, ot: int,
            sh: int, turns: int = 1, tools: int = 0, think: bool = False, stream: bool = False,
            endpoint: str = "messages", sp=-1, p429: float = 0.0, key: str | None = None) -> int:
        """Emit one request that starts at t; returns its completion time (the event ts)."""
        if a.net.rotating:
            ip, asn, cc = a.net.session(rng)
        else:
            ip, asn, cc = a.ip, a.asn, a.cur_cc
        r = rng.random()
        p529 = 0.045 if (model == NEW_MODEL and t < self.release + HOUR) else 0.002
        if r < p429:
            status = 429
        elif r < p429 + p529:
            status = 529
        elif r < p429 + p529 + 0.004:
            status = 400
        else:
            status = 200
        if status == 200:
            ttft, tps = SPEED.get(model, (700, 60.0))
            lat = ttft * math.exp(rng.gauss(0, 0.3)) + it * 0.015 + ot * 1000.0 / (tps * math.exp(rng.gauss(0, 0.15)))
            if endpoint == "batch":
                lat += rng.uniform(20_000, 1_200_000)
            lat = int(lat)
        else:
            ot = 0
            lat = int(rng.uniform(150, 2500)) if status == 529 else int(rng.uniform(20, 300))
        done = t + lat
        if done < self.t0 or done >= self.t1:
            return done
        if key is None:
            ks = a.keys
            key = ks[0] if len(ks) == 1 else ks[rng.randrange(len(ks))]
        x = "%032x" % self.evrng.getrandbits(128)
        ev = {
            "ts": iso(done),
            "event_id": f"{x[:8]}-{x[8:12]}-4{x[13:16]}-{'89ab'[int(x[16], 16) & 3]}{x[17:20]}-{x[20:]}",
            "account_id": a.id,
            "org_id": a.org,
            "api_key_id": key,
            "account_created_at": a.created,
            "payment_fingerprint": a.pay,
            "client_ip": ip,
            "asn": asn,
            "country": cc,
            "user_agent": a.ua,
            "model": model,
            "endpoint": endpoint,
            "status": status,
            "input_tokens": it,
            "output_tokens": ot,
            "latency_ms": lat,
            "stream": stream,
            "tool_count": tools,
            "turns": turns,
            "thinking": think,
            "task_category": cat,
            "cot_elicitation": round(min(1.0, max(0.0, cot)), 2),
            "prompt_simhash": "%016x" % sh,
            "system_prompt_hash": a.sp if sp == -1 else sp,
        }
        self.writer.add(done, _dumps(ev))
        a.n += 1
        if a.camp is not None:
            c = self.campaigns[a.camp]
            if c.get("start_ms") is None or done < c["start_ms"]:
                c["start_ms"] = done
        return done

    def finish(self):
        os.makedirs(self.out, exist_ok=True)
        self.writer.finish(os.path.join(self.out, "events.jsonl"))
        shutil.rmtree(self.tmp, ignore_errors=True)


DEFAULT_MODELS = Cum([(SONNET, 70), (HAIKU, 24), (OPUS, 6)])
