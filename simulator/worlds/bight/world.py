"""The world: clock, accounts, rate limits, serving model, event emission, output spill."""
import json
import math
import os
import random
import shutil
import tempfile
import time
from bisect import bisect_left, bisect_right
from datetime import datetime, timezone
from zlib import crc32

from .catalog import MODELS, NEW_MODELS, CATS, ODD_CATS, WORK, COT_AB, OUT_MED
from .net import Pools
from .rnd import lognorm, poisson, hexid, clamp

HOUR = 3600000
DAY = 86400000
MIN = 60000


def ms_of(y, mo, d, h=0, mi=0, s=0):
    return int(datetime(y, mo, d, h, mi, s, tzinfo=timezone.utc).timestamp() * 1000)


def fmt(ms):
    s, r = divmod(int(ms), 1000)
    return "%s.%03dZ" % (time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s)), r)


# rate-limit tiers: requests/min, counted input tokens/min
TIERS = {0: (5, 20000), 1: (50, 30000), 2: (1000, 450000), 3: (2000, 800000), 4: (4000, 2000000), 5: (20000, 40000000)}


class Lim:
    __slots__ = ("rpm", "tpm", "ts", "tok")

    def __init__(self, tier):
        self.rpm, self.tpm = TIERS[tier]
        self.ts = []
        self.tok = []

    def ok(self, t, tok):
        ts = self.ts
        hi = bisect_right(ts, t)
        lo = bisect_left(ts, t - MIN, 0, hi)
        if hi - lo >= self.rpm:
            return False
        if tok:
            s = sum(self.tok[lo:hi]) if hi > lo else 0
            if s + tok > self.tpm and s > 0:
                return False
        return True

    def add(self, t, tok):
        ts = self.ts
        if not ts or t >= ts[-1]:
            ts.append(t)
            self.tok.append(tok)
        else:
            i = bisect_right(ts, t)
            ts.insert(i, t)
            self.tok.insert(i, tok)


class Acct:
    __slots__ = ("id", "org", "cs", "created", "pay", "lim", "camp", "n", "first", "err")

    def __init__(self, aid, org, created, pay, lim, camp, err):
        self.id = aid
        self.org = org
        self.created = created
        self.cs = fmt(created)
        self.pay = pay
        self.lim = lim
        self.camp = camp
        self.n = 0
        self.first = None
        self.err = err


class Sink:
    """Spills lines into time buckets on disk, then sorts each bucket in turn."""

    def __init__(self, out_dir, start, end):
        self.start = start
        self.tmp = tempfile.mkdtemp(prefix=".bight-spill-", dir=out_dir)
        span = max(1, end - start)
        nb = int(clamp(span // (5 * MIN), 1, 240))
        self.width = span // nb + 1
        self.nb = nb
        self.bufs = [[] for _ in range(nb)]
        self.held = 0
        self.count = 0

    def put(self, ts, line):
        b = self.bufs[(ts - self.start) // self.width]
        b.append(line)
        self.count += 1
        self.held += 1
        if self.held >= 150000:
            self.flush_all()

    def _flush(self, i):
        b = self.bufs[i]
        if b:
            with open(os.path.join(self.tmp, "%04d" % i), "a", encoding="utf-8") as f:
                f.write("\n".join(b))
                f.write("\n")
            self.held -= len(b)
            self.bufs[i] = []

    def flush_all(self):
        for i in range(self.nb):
            self._flush(i)
        self.held = 0

    def finish(self, path):
        with open(path, "w", encoding="utf-8") as out:
            for i in range(self.nb):
                p = os.path.join(self.tmp, "%04d" % i)
                lines = self.bufs[i]
                self.bufs[i] = []
                if os.path.exists(p):
                    with open(p, encoding="utf-8") as f:
                        lines.extend(x for x in f.read().split("\n") if x)
                    os.remove(p)
                lines.sort()
                out.write("".join(x[14:] + "\n" for x in lines))
        shutil.rmtree(self.tmp, ignore_errors=True)


class World:
    def __init__(self, seed, n_benign, hours, out_dir):
        self.seed = seed
        self.N = n_benign
        self.hours = hours
        rng = self.rng = random.Random("bight:%d:world" % seed)
        day = rng.randint(20, 28)
        self.start = ms_of(2026, 11, day, rng.randint(0, 23), rng.choice((0, 0, 0, 15, 30, 45)))
        self.dur = max(MIN, int(hours * HOUR))
        self.end = self.start + self.dur
        self.NEW = rng.choice(sorted(NEW_MODELS))
        self.spec = dict(MODELS)
        self.spec[self.NEW] = NEW_MODELS[self.NEW]
        rel = self.dur * rng.uniform(.15, .42)
        self.R = self.start + int(min(rel, 10 * HOUR))
        # provider-wide overload incidents (affect everyone at once)
        self.incidents = []
        n_inc = poisson(rng, self.dur / HOUR * 0.12)
        models = sorted(MODELS)
        for _ in range(n_inc):
            s = self.start + int(rng.random() * self.dur)
            e = s + int(lognorm(rng, 14, .6) * MIN)
            ms = None if rng.random() < .3 else set(rng.sample(models, rng.randint(1, 3)))
            self.incidents.append((s, e, ms, rng.uniform(.04, .25)))
        self.pools = Pools(rng)
        self.sink = Sink(out_dir, self.start, self.end)
        self.accounts = []
        self.campaigns = {}
        self.groups = {}
        self._ids = set()
        self.thanksgiving = ms_of(2026, 11, 26) // DAY
        self.blackfriday = ms_of(2026, 11, 27) // DAY
        self.dumps = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
        self._load = [0.0] * 24
        for h in range(24):  # global serving load by UTC hour (Americas + Europe + Asia working hours)
            self._load[h] = (WORK[(h - 5) % 24] * .5 + WORK[(h + 1) % 24] * .3 + WORK[(h + 8) % 24] * .2) / 2.5

    # ------------------------------------------------------------ identities
    def rng_for(self, *parts):
        return random.Random("bight:%d:%s" % (self.seed, ":".join(str(p) for p in parts)))

    def _uid(self, rng, prefix, n):
        while True:
            s = prefix + hexid(rng, n)
            if s not in self._ids:
                self._ids.add(s)
                return s

    def org(self, rng):
        return self._uid(rng, "org_", 12)

    def key(self, rng):
        return self._uid(rng, "key_", 10)

    def pm(self, rng):
        return self._uid(rng, "pm_", 16)

    def sysp(self, rng):
        return hexid(rng, 16)

    def account(self, rng, created, pay=None, org=None, tier=1, err=.008, camp=None, lim=None):
        created = int(created) // 1000 * 1000 + rng.randrange(1000)
        if lim is None:
            lim = Lim(tier)
        a = Acct(self._uid(rng, "acct_", 12), org, created, pay, lim, camp, err)
        self.accounts.append(a)
        return a

    def group(self, gid_kind, accts):
        gid = "g%04d" % (len(self.groups) + 1)
        self.groups[gid] = (gid_kind, accts)
        return gid

    def campaign(self, kind, accts):
        cid = "C%02d" % (len(self.campaigns) + 1)
        self.campaigns[cid] = (kind, accts)
        for a in accts:
            a.camp = cid
        return cid

    # ------------------------------------------------------------ clock
    def local_hour(self, t, tz):
        return int((t / HOUR + tz) % 24)

    def starts(self, rng, tz, curve, per_day, weekend=1.0, cc=None, force=True, t0=None, t1=None, slot=30 * MIN):
        """Session start times from an inhomogeneous Poisson process following local time."""
        t = self.start if t0 is None else max(self.start, int(t0))
        end = self.end if t1 is None else min(self.end, int(t1))
        out = []
        slots = []
        while t < end:
            e = min(t + slot, end)
            mid = (t + e) // 2
            lt = mid / HOUR + tz
            f = curve[int(lt % 24)]
            day = int(lt // 24)
            wd = (day + 3) % 7
            if wd >= 5:
                f *= weekend
            if cc == "US" and (day == self.thanksgiving or day == self.blackfriday):
                f *= .3 if day == self.thanksgiving else .6
            lam = per_day * f / 24.0 * (e - t) / HOUR
            slots.append((t, e, lam))
            for _ in range(poisson(rng, lam)):
                out.append(t + int(rng.random() * (e - t)))
            t = e
        if not out and force and slots:
            tot = sum(s[2] for s in slots) or 1.0
            r = rng.random() * tot
            for s in slots:
                r -= s[2]
                if r <= 0:
                    break
            out.append(s[0] + int(rng.random() * (s[1] - s[0])))
        out.sort()
        return out

    # ------------------------------------------------------------ content helpers
    def cot(self, rng, cat, bias=0.0):
        a, b = COT_AB.get(cat, (1.2, 10.0))
        return round(clamp(rng.betavariate(a, b) + bias, 0.0, 1.0), 3)

    def out_tokens(self, rng, cat, maxtok, scale=1.0):
        med, sig = OUT_MED[cat]
        return min(maxtok, int(lognorm(rng, med * scale, sig)) + 1)

    # ------------------------------------------------------------ serving model
    def p529(self, model, t):
        p = .0012
        for s, e, ms, pp in self.incidents:
            if s <= t < e and (ms is None or model in ms):
                p += pp
        if model == self.NEW and t >= self.R:
            p += .07 * math.exp(-(t - self.R) / (2.5 * HOUR)) + .004
        return p

    def speed(self, model, t):
        f = 1.0 - .12 * self._load[int(t // HOUR) % 24]
        if model == self.NEW and t >= self.R:
            f *= .72 + .28 * (1 - math.exp(-(t - self.R) / (3 * HOUR)))
        for s, e, ms, pp in self.incidents:
            if s <= t < e and (ms is None or model in ms):
                f *= .7
        return f

    def send(self, rng, a, key, t, addr, ua, model, ep, inp, out, stream, tools, turns, think, cat, cot, sh, sp,
             retries=2, cache=0.0, lat=None, err=None, patience=1.0):
        """One client call, including the client's automatic retries. Returns (completion ms, final status)."""
        t = int(t)
        att = 0
        while True:
            if t >= self.end:
                return t, 0
            st, o, L = self._outcome(rng, a, t, model, ep, inp, out, think, cache, lat, err)
            ts = t + L
            self.emit(rng, a, key, ts, addr, ua, model, ep, st, inp if st != 400 else 0, o, L, stream, tools, turns,
                      think, cat, cot, sh, sp)
            if att < retries and (st == 429 or st == 529 or st == 500):
                att += 1
                if st == 429:
                    wait = rng.uniform(1.0, 25.0) * patience
                else:
                    wait = min(8.0, .5 * 2 ** att) * rng.uniform(.75, 1.25) * patience
                t = ts + int(wait * 1000)
                continue
            return ts, st

    def _outcome(self, rng, a, t, model, ep, inp, out, think, cache, lat, err):
        if model not in self.spec or (model == self.NEW and t < self.R):
            return 404, 0, rng.randint(60, 220)
        if ep == "count_tokens":
            return 200, 0, int(lognorm(rng, 45, .4)) + 5
        if rng.random() < (a.err if err is None else err):
            return 400, 0, int(lognorm(rng, 120, .6)) + 20
        lim = a.lim
        tok = inp if not cache else int(inp * (1.0 - cache))
        if lim is not None and not lim.ok(t, tok):
            return 429, 0, int(lognorm(rng, 60, .5)) + 10
        if rng.random() < self.p529(model, t):
            return 529, 0, int(lognorm(rng, 900, .9)) + 50
        if rng.random() < .0006:
            return 500, 0, int(lognorm(rng, 3000, 1.0)) + 100
        if lim is not None:
            lim.add(t, tok)
        if out < 1:
            out = 1
        if lat is not None:
            return 200, out, int(lat)
        ttft, tps = self.spec.get(model, (700, 60.0))
        L = ttft * math.exp(rng.gauss(0, .35)) + inp * .011 + out * 1000.0 / (tps * self.speed(model, t) * math.exp(rng.gauss(0, .18)))
        return 200, out, int(L)

    def emit(self, rng, a, key, ts, addr, ua, model, ep, st, inp, out, lat, stream, tools, turns, think, cat, cot, sh, sp):
        if ts < self.start or ts >= self.end:
            return
        ip, asn, cc = addr
        c = crc32(ip.encode())
        if (c & 1023) < 3:
            cc = None
        if ((c >> 10) & 1023) < 1:
            asn = None
        r = rng.random()
        if r < .035:
            cat = CATS[rng.randrange(8)]
        elif r < .0365:
            cat = ODD_CATS[rng.randrange(4)]
        u = rng.getrandbits(128)
        h = "%032x" % u
        eid = "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], "89ab"[u & 3], h[17:20], h[20:])
        line = "%013d %s" % (ts, self.dumps({
            "event_id": eid, "ts": fmt(ts), "account_id": a.id, "org_id": a.org, "api_key_id": key,
            "account_created_at": a.cs, "payment_fingerprint": a.pay, "client_ip": ip, "asn": asn, "country": cc,
            "user_agent": ua, "model": model, "endpoint": ep, "status": st, "input_tokens": int(inp),
            "output_tokens": int(out), "latency_ms": int(lat), "stream": stream, "tool_count": int(tools),
            "turns": int(turns), "thinking": think, "task_category": cat, "cot_elicitation": cot,
            "prompt_simhash": "%016x" % sh, "system_prompt_hash": sp}))
        self.sink.put(ts, line)
        if rng.random() < .00015:  # at-least-once delivery upstream: an occasional redelivered message
            self.sink.put(ts, line)
        a.n += 1
        if a.first is None or ts < a.first:
            a.first = ts

    # ------------------------------------------------------------ output
    def truth(self):
        camps = {}
        for cid, (kind, accts) in self.campaigns.items():
            act = [a for a in accts if a.n > 0]
            if not act:
                continue
            camps[cid] = {"kind": kind, "start": fmt(min(a.first for a in act)), "accounts": [a.id for a in act]}
        groups = {}
        for gid, (kind, accts) in self.groups.items():
            n = sum(1 for a in accts if a.n > 0 and a.camp is None)
            if n > 0:
                groups[gid] = {"kind": kind, "accounts": n}
        benign = sum(1 for a in self.accounts if a.camp is None and a.n > 0)
        return {"world": "bight", "seed": self.seed, "campaigns": camps, "benign_accounts": benign,
                "benign_groups": groups}
