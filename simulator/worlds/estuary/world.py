"""estuary world generator (standard library only; orjson used if importable)."""

import calendar
import json
import math
import os
import random
import shutil
import time

try:  # optional speed-up
    import orjson

    def _dumps(d):
        return orjson.dumps(d)
except ImportError:  # pragma: no cover
    _ENC = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)

    def _dumps(d):
        return _ENC.encode(d).encode("utf-8")


START_MS = calendar.timegm((2026, 11, 20, 0, 0, 0)) * 1000
HOUR = 3600000
DAY = 24 * HOUR

# country, utc offset (h), weight
COUNTRIES = [
    ("US", -6, 30), ("IN", 5.5, 9), ("GB", 0, 6), ("DE", 1, 6), ("BR", -3, 5),
    ("JP", 9, 4), ("FR", 1, 4), ("CA", -5, 4), ("KR", 9, 3), ("SG", 8, 2),
    ("AU", 10, 3), ("NL", 1, 2), ("ES", 1, 2), ("PL", 1, 2), ("MX", -6, 2),
    ("ID", 7, 2), ("VN", 7, 1), ("NG", 1, 1), ("SE", 1, 1), ("IT", 1, 2),
]
TZ = {c: o for c, o, _ in COUNTRIES}

M_HAIKU, M_SONNET, M_OPUS, M_NEW = "claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-1", "claude-opus-5"
MS_PER_TOK = {M_HAIKU: 5.0, M_SONNET: 13.0, M_OPUS: 27.0, M_NEW: 21.0}

# local-hour activity profiles (24 weights)
D_HUMAN = [2, 1, 1, .5, .5, .7, 1.5, 3, 5, 6, 7, 7, 6, 7, 7, 7, 6, 6, 6, 7, 7, 6, 5, 3]
D_OFFICE = [.2, .1, .1, .1, .1, .2, .5, 2, 7, 9, 9, 8, 6, 8, 9, 9, 8, 6, 3, 1.5, 1, .8, .5, .3]
D_EVENING = [4, 3, 1.5, 1, .5, .5, .5, 1, 2, 3, 3, 3, 3, 3, 3, 3, 4, 5, 7, 9, 9, 9, 8, 6]
D_FLAT = [1] * 24
D_NIGHT = [8, 9, 9, 8, 6, 4, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 6, 7]

TASKS = ("chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other")


class Acct:
    __slots__ = ("id", "org", "keys", "created", "pay", "owner")

    def __init__(self, aid, org, keys, created, pay, owner):
        self.id, self.org, self.keys, self.created, self.pay, self.owner = aid, org, keys, created, pay, owner


def fmt_ts(ms):
    s, r = divmod(int(ms), 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s)) + ".%03dZ" % r


class Net:
    """Static address plan (independent of the seed, like the real internet)."""

    def __init__(self):
        r = random.Random("estuary-netplan-v1")
        used = set()

        def prefixes(k):
            out = []
            while len(out) < k:
                a = r.choice([24, 27, 31, 37, 41, 49, 58, 59, 61, 62, 68, 73, 77, 79, 82, 85, 86, 88, 90, 92, 95,
                              98, 101, 103, 106, 110, 112, 115, 118, 121, 124, 131, 138, 142, 151, 152, 175, 177,
                              180, 181, 182, 183, 186, 187, 189, 190, 191, 200, 201, 203, 211, 212, 213, 217, 218])
                b = r.randrange(256)
                if (a, b) not in used:
                    used.add((a, b))
                    out.append((a, b))
            return out

        asns = set()

        def asn():
            while True:
                x = r.randrange(1200, 64000)
                if x not in asns:
                    asns.add(x)
                    return x

        self.isp = {}      # country -> [(asn, prefixes)] residential
        self.mobile = {}   # country -> (asn, [cgnat ips], v6 prefix)
        self.biz = {}      # country -> (asn, prefixes) business fibre (offices)
        self.uni = {}      # country -> (asn, prefixes)
        for c, _, w in COUNTRIES:
            self.isp[c] = [(asn(), prefixes(2 + w // 6)) for _ in range(2 if w < 5 else 3)]
            ma = asn()
            mp = prefixes(2)
            ips = ["%d.%d.%d.%d" % (p[0], p[1], r.randrange(256), r.randrange(1, 255)) for p in mp for _ in range(24)]
            v6 = "2a0%x:%x:%x" % (r.randrange(1, 16), r.randrange(0x1000, 0xffff), r.randrange(0x1000, 0xffff))
            self.mobile[c] = (ma, ips, v6)
            self.biz[c] = (asn(), prefixes(1))
            self.uni[c] = (asn(), prefixes(1))
        self.hosting = []  # (asn, country, prefixes)
        for c in ("US", "US", "US", "DE", "NL", "SG", "JP", "GB", "FR", "IN"):
            self.hosting.append((asn(), c, prefixes(3)))
        self.vpn = []      # (asn, [(ip, country)])
        for _ in range(3):
            a = asn()
            exits = []
            for c in ("US", "GB", "DE", "NL", "SG", "JP", "CA", "SE", "FR", "AU"):
                p = prefixes(1)[0]
                for _ in range(3):
                    exits.append(("%d.%d.%d.%d" % (p[0], p[1], r.randrange(256), r.randrange(1, 255)), c))
            self.vpn.append((a, exits))


def ip_in(rng, pfx):
    p = pfx[int(rng.random() * len(pfx))]
    return "%d.%d.%d.%d" % (p[0], p[1], int(rng.random() * 256), 1 + int(rng.random() * 254))


class World:
    def __init__(self, seed, n_benign, hours, out):
        self.seed = seed
        self.N = n_benign
        self.H = float(hours)
        self.rng = random.Random("estuary:%d" % seed)
        self.t0 = START_MS
        self.t1 = START_MS + int(self.H * HOUR)
        self.dur = self.t1 - self.t0
        self.out = out
        self.net = Net()
        self.bucket_ms = max(600000, -(-self.dur // 200))
        nb = -(-self.dur // self.bucket_ms)
        self.tmp = os.path.join(out, ".estuary-buckets")
        os.makedirs(self.tmp, exist_ok=True)
        self.files = [open(os.path.join(self.tmp, "b%05d" % i), "wb", buffering=1 << 20) for i in range(nb)]
        self.first = {}     # acct id -> first emitted ts
        self.accts = []     # every account object created (in creation order)
        self.ids = set()
        self.n = 0
        self.campaigns = {}  # cid -> dict(kind, description)
        self.groups = {}     # group -> dict(kind, members list)
        rng = self.rng
        # release of a new model somewhere in the middle of the window
        self.release = self.t0 + int(self.dur * (0.35 + 0.2 * rng.random()))
        cw = []
        acc = 0
        for c, _, w in COUNTRIES:
            acc += w
            cw.append(acc)
        self._cw = cw
        gr = random.Random("estuary-greetings")
        self.greetings = [gr.getrandbits(64) for _ in range(5)]  # "hi", "hello", "test", "hey", "ping"

    # ---------------- helpers ----------------
    def country(self):
        x = self.rng.random() * self._cw[-1]
        for i, v in enumerate(self._cw):
            if x < v:
                return COUNTRIES[i][0]
        return "US"

    def hexid(self, bits):
        return "%0*x" % (bits // 4, self.rng.getrandbits(bits))

    def new_acct(self, owner, created_ms, pay=None, org=None, nkeys=1):
        while True:
            aid = "acct_" + self.hexid(48)
            if aid not in self.ids:
                break
        self.ids.add(aid)
        keys = ["key_" + self.hexid(40) for _ in range(nkeys)]
        a = Acct(aid, org, keys, fmt_ts(created_ms), pay, owner)
        self.accts.append(a)
        return a

    def card(self):
        return "pm_" + self.hexid(64)

    def org(self):
        return "org_" + self.hexid(40)

    def sp(self):
        return self.hexid(64)

    def pois(self, lam):
        rng = self.rng
        if lam <= 0:
            return 0
        if lam > 40:
            return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))
        L = math.exp(-lam)
        k, p = 0, 1.0
        while True:
            p *= rng.random()
            if p < L:
                return k
            k += 1

    def flip(self, base, k):
        r = self.rng
        for _ in range(k):
            base ^= 1 << int(r.random() * 64)
        return base

    def ltime(self, prof, tz, lo=None, hi=None):
        """Sample an event time in [lo, hi) weighted by local-hour profile."""
        rng = self.rng
        lo = self.t0 if lo is None else lo
        hi = self.t1 if hi is None else hi
        span = hi - lo
        m = max(prof)
        t = lo
        for _ in range(60):
            t = lo + int(rng.random() * span)
            h = int(((t / HOUR) + tz) % 24)
            if rng.random() * m < prof[h]:
                return t
        return t

    # networks: each returns a (ip, asn, country) triple
    def n_res(self, c):
        isps = self.net.isp[c]
        a, p = isps[int(self.rng.random() * len(isps))]
        return (ip_in(self.rng, p), a, c)

    def n_mob(self, c):
        a, ips, v6 = self.net.mobile[c]
        rng = self.rng
        if rng.random() < 0.3:
            return ("%s:%x:%x::%x" % (v6, rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16)), a, c)
        return (ips[int(rng.random() * len(ips))], a, c)

    def n_host(self, i=None):
        h = self.net.hosting
        a, c, p = h[int(self.rng.random() * len(h))] if i is None else h[i % len(h)]
        return (ip_in(self.rng, p), a, c)

    def n_biz(self, c):
        a, p = self.net.biz[c]
        return (ip_in(self.rng, p), a, c)

    def n_uni(self, c):
        a, p = self.net.uni[c]
        return (ip_in(self.rng, p), a, c)

    def n_vpn(self, prov):
        a, exits = self.net.vpn[prov]
        ip, c = exits[int(self.rng.random() * len(exits))]
        return (ip, a, c)

    def ua_benign(self):
        r = self.rng
        x = r.random()
        if x < 0.45:
            return "anthropic-python/0.%d.%d" % (68 + int(r.random() * 8), int(r.random() * 4))
        if x < 0.75:
            return "anthropic-typescript/0.%d.%d" % (62 + int(r.random() * 8), int(r.random() * 3))
        if x < 0.80:
            return "anthropic-go/1.%d.0" % (9 + int(r.random() * 6))
        if x < 0.84:
            return "anthropic-java/2.%d.0" % (7 + int(r.random() * 5))
        if x < 0.87:
            return "curl/8.%d.0" % (4 + int(r.random() * 8))
        if x < 0.91:
            return "python-httpx/0.%d.%d" % (25 + int(r.random() * 4), int(r.random() * 3))
        if x < 0.97:
            return "langchain-anthropic/0.3.%d" % int(r.random() * 16)
        return "anthropic-ruby/1.%d.0" % (2 + int(r.random() * 5))

    def model_benign(self, t, early=False, mix=(0.25, 0.85)):
        r = self.rng.random()
        if t >= self.release:
            if early and t >= self.release + 1800000 and self.rng.random() < 0.75:
                return M_NEW
            if self.rng.random() < 0.03:
                return M_NEW
        if r < mix[0]:
            return M_HAIKU
        if r < mix[1]:
            return M_SONNET
        return M_OPUS

    def status(self, p429=0.01, p400=0.008, p529=0.004):
        x = self.rng.random()
        if x < p429:
            return 429
        if x < p429 + p400:
            return 400
        if x < p429 + p400 + p529:
            return 529
        if x < p429 + p400 + p529 + 0.0015:
            return 500
        return 200

    def lnorm(self, med, sig, lo=0, hi=None):
        v = int(med * math.exp(self.rng.gauss(0, sig)))
        if v < lo:
            v = lo
        if hi is not None and v > hi:
            v = hi
        return v

    # ---------------- the event ----------------
    def emit(self, a, t, key, net, ua, model, ep, it, ot, stream, tools, turns, think, task, cot, sh, sp,
             st=None):
        t = int(t)
        if t < self.t0 or t >= self.t1:
            return
        rng = self.rng
        if st is None:
            st = self.status()
            if model == M_NEW and self.release <= t < self.release + 2 * HOUR and rng.random() < 0.03:
                st = 529
        if st == 200:
            lat = int((250 + rng.random() * 900 + it * 0.015 + ot * MS_PER_TOK[model]) * (0.75 + rng.random() * 0.5))
        else:
            ot = 0
            lat = 15 + int(rng.random() * (2500 if st >= 500 else 200))
        c = cot + (rng.random() - 0.5) * 0.06
        c = 0.0 if c < 0 else (1.0 if c > 1 else c)
        d = {
            "ts": fmt_ts(t),
            "event_id": "%08x-%04x-4%03x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                                        0x8000 | rng.getrandbits(14), rng.getrandbits(48)),
            "account_id": a.id,
            "org_id": a.org,
            "api_key_id": key,
            "account_created_at": a.created,
            "payment_fingerprint": a.pay,
            "client_ip": net[0],
            "asn": net[1],
            "country": net[2],
            "user_agent": ua,
            "model": model,
            "endpoint": ep,
            "status": st,
            "input_tokens": int(it),
            "output_tokens": int(ot),
            "latency_ms": lat,
            "stream": stream,
            "tool_count": int(tools),
            "turns": int(turns),
            "thinking": think,
            "task_category": task,
            "cot_elicitation": round(c, 2),
            "prompt_simhash": "%016x" % sh,
            "system_prompt_hash": sp,
        }
        self.files[(t - self.t0) // self.bucket_ms].write(_dumps(d) + b"\n")
        self.n += 1
        f = self.first.get(a.id)
        if f is None or t < f:
            self.first[a.id] = t

    # ---------------- finish ----------------
    def finish(self):
        for f in self.files:
            f.close()
        path = os.path.join(self.out, "events.jsonl")
        with open(path, "wb") as out:
            for i in range(len(self.files)):
                bp = os.path.join(self.tmp, "b%05d" % i)
                with open(bp, "rb") as fh:
                    lines = fh.read().split(b"\n")
                if lines and lines[-1] == b"":
                    lines.pop()
                lines.sort()  # lines start with {"ts":"...","event_id":"... -> (ts, event_id) order
                if lines:
                    out.write(b"\n".join(lines))
                    out.write(b"\n")
                os.remove(bp)
        shutil.rmtree(self.tmp, ignore_errors=True)
        camps = {}
        for cid, meta in self.campaigns.items():
            members = [a for a in self.accts if a.owner == cid and a.id in self.first]
            if not members:
                continue
            start = min(self.first[a.id] for a in members)
            camps[cid] = {"kind": meta["kind"], "start": fmt_ts(start),
                          "accounts": sorted(a.id for a in members), "description": meta["description"]}
        benign = [a for a in self.accts if a.owner is None and a.id in self.first]
        groups = {}
        for g, meta in self.groups.items():
            k = sum(1 for a in meta["members"] if a.id in self.first)
            if k:
                groups[g] = {"kind": meta["kind"], "accounts": k}
        truth = {"world": "estuary", "seed": self.seed, "campaigns": camps,
                 "benign_accounts": len(benign), "benign_groups": groups}
        with open(os.path.join(self.out, "truth.json"), "w") as fh:
            json.dump(truth, fh, indent=1, sort_keys=False)
            fh.write("\n")
        return self.n


def generate(seed, n_benign, hours, out):
    from . import benign, campaigns
    os.makedirs(out, exist_ok=True)
    w = World(seed, n_benign, hours, out)
    benign.populate(w)
    campaigns.populate(w)
    return w.finish()
