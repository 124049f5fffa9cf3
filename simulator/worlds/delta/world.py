"""World "delta": synthetic api-requests traffic with distillation campaigns.

Standard library only. Deterministic per (seed, benign, hours): every random
draw comes from random.Random instances seeded with strings (hashed with
SHA-512 by the stdlib, not hash()), and nothing iterates over a set or dict
whose order could depend on hashing.
"""
import hashlib
import heapq
import json
import math
import os
import random
import time

T0_MS = 1795392000000  # 2026-11-23T00:00:00Z (a Monday)
DAY = 86400000
HOUR = 3600000

OLD_MODELS = ["claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-1"]
NEW_MODEL = "claude-opus-5"

# --------------------------------------------------------------------------- time

_SEC_CACHE = {}


def fmt_ms(ms):
    sec, rem = divmod(ms, 1000)
    s = _SEC_CACHE.get(sec)
    if s is None:
        s = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec))
        _SEC_CACHE[sec] = s
    return f"{s}.{rem:03d}Z"


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam < 30:
        L = math.exp(-lam)
        k, p = 0, rng.random()
        while p > L:
            k += 1
            p *= rng.random()
        return k
    return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))


# diurnal weights by local hour
PROFILES = {
    "office": [0.03, 0.02, 0.02, 0.02, 0.03, 0.05, 0.12, 0.35, 0.8, 1.0, 1.0, 1.0,
               0.8, 0.95, 1.0, 1.0, 0.9, 0.7, 0.4, 0.25, 0.2, 0.15, 0.08, 0.05],
    "evening": [0.25, 0.12, 0.05, 0.03, 0.02, 0.03, 0.08, 0.2, 0.3, 0.35, 0.4, 0.45,
                0.5, 0.45, 0.45, 0.5, 0.55, 0.7, 0.9, 1.0, 1.0, 0.95, 0.8, 0.5],
    "any": [0.3, 0.25, 0.2, 0.2, 0.2, 0.25, 0.4, 0.6, 0.8, 0.9, 1.0, 1.0,
            1.0, 1.0, 1.0, 1.0, 1.0, 0.95, 0.9, 0.85, 0.8, 0.7, 0.55, 0.4],
    "night": [0.9, 1.0, 1.0, 0.9, 0.7, 0.4, 0.2, 0.2, 0.3, 0.4, 0.4, 0.4,
              0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
    "flat": [1.0] * 24,
}
for _k, _v in list(PROFILES.items()):
    _s = sum(_v)
    PROFILES[_k] = [x * 24.0 / _s for x in _v]  # mean weight 1


def human_times(ctx, rng, per_day, tz, profile, sess_mean, gap_lo, gap_hi,
                start=None, end=None, mult=None):
    """Session-based human activity. per_day = expected sessions per day at mean weight."""
    start = ctx.t0 if start is None else start
    end = ctx.t1 if end is None else end
    w = PROFILES[profile]
    out = []
    h0 = (start - ctx.t0) // HOUR
    t = ctx.t0 + h0 * HOUR
    while t < end:
        lh = int(((t - ctx.t0) // HOUR + tz) % 24)
        lam = per_day / 24.0 * w[lh]
        if mult is not None:
            lam *= mult(t)
        for _ in range(poisson(rng, lam)):
            s = t + rng.randrange(HOUR)
            n = 1
            while rng.random() > 1.0 / sess_mean and n < 60:
                n += 1
            for k in range(n):
                if start <= s < end:
                    out.append((s, k))
                s += int(rng.uniform(gap_lo, gap_hi) * 1000)
        t += HOUR
    out.sort()
    return out


def regular_times(ctx, rng, period_s, jitter_s, drop=0.0, start=None, end=None):
    start = ctx.t0 if start is None else start
    end = ctx.t1 if end is None else end
    out = []
    p = int(period_s * 1000)
    t = start + rng.randrange(max(1, p))
    while t < end:
        if rng.random() >= drop:
            tt = t + int(rng.uniform(0, jitter_s) * 1000)
            if tt < end:
                out.append((tt, 0))
        t += p
    return out


# --------------------------------------------------------------------------- networks

COUNTRIES = [  # cc, tz choices, weight, residential asns
    ("US", [-5, -6, -7, -8], 30, [7922, 701, 7018, 20115, 22773]),
    ("CA", [-5, -8], 3, [812, 577]),
    ("GB", [0], 6, [2856, 5089]),
    ("DE", [1], 6, [3320, 6805]),
    ("FR", [1], 4, [3215, 12322]),
    ("NL", [1], 2, [1136, 33915]),
    ("PL", [1], 2, [5617]),
    ("ES", [1], 2, [3352]),
    ("IN", [5], 8, [24560, 9829]),
    ("JP", [9], 5, [4713, 2516]),
    ("KR", [9], 4, [4766, 9318]),
    ("BR", [-3], 4, [28573, 18881]),
    ("AU", [10], 3, [1221, 4804]),
    ("SG", [8], 2, [9506, 4773]),
    ("ID", [7], 2, [7713]),
    ("VN", [7], 2, [7552, 45899]),
    ("MX", [-6], 2, [8151]),
]
CC_CUM = []
_acc = 0
for _c in COUNTRIES:
    _acc += _c[2]
    CC_CUM.append(_acc)
HOSTING = [(16509, "US"), (16509, "DE"), (14618, "US"), (15169, "US"), (8075, "US"),
           (8075, "NL"), (14061, "US"), (14061, "SG"), (24940, "DE"), (16276, "FR"),
           (63949, "US"), (20473, "US"), (20473, "JP")]
MOBILE = [(21928, "US", "2607:fb90"), (22394, "US", "2600:1000"), (3209, "DE", "2a02:3030"),
          (55836, "IN", "2409:4050"), (17676, "JP", "240b:10"), (26599, "BR", "2804:14c"),
          (4766, "KR", "2001:2d8")]
VPN = [(9009, ["GB", "US", "DE", "NL", "SG", "JP"]), (212238, ["US", "GB", "FR", "CA"]),
       (60068, ["US", "NL", "DE"])]
CAMPUS = [(3, "US", -5), (11537, "US", -6), (786, "GB", 0), (680, "DE", 1), (7575, "AU", 10),
          (2907, "JP", 9), (2200, "FR", 1)]

_prng = random.Random("delta-netplan-v1")
_BAD = {0, 10, 100, 127, 169, 172, 192, 198, 203}
PREFIX = {}


def _prefixes(asn):
    p = PREFIX.get(asn)
    if p is None:
        p = []
        for _ in range(2 + asn % 3):
            a = _prng.randrange(11, 224)
            while a in _BAD:
                a = _prng.randrange(11, 224)
            p.append((a, _prng.randrange(256)))
        PREFIX[asn] = p
    return p


for _c in COUNTRIES:
    for _a in _c[3]:
        _prefixes(_a)
for _h in HOSTING + MOBILE + [(v[0], None) for v in VPN] + [(c[0], None) for c in CAMPUS]:
    _prefixes(_h[0])


def v4(rng, asn):
    a, b = rng.choice(PREFIX[asn])
    return f"{a}.{b}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def v6(rng, pre):
    return f"{pre}:{rng.getrandbits(16):x}:{rng.getrandbits(16):x}:{rng.getrandbits(16):x}::{rng.getrandbits(16):x}"


def net(ip, asn, cc):
    a = "null" if asn is None else str(asn)
    c = "null" if cc is None else f'"{cc}"'
    return f'"client_ip":"{ip}","asn":{a},"country":{c}'


def pick_country(rng):
    c = COUNTRIES[_bisect(CC_CUM, rng.random() * CC_CUM[-1])]
    return c[0], rng.choice(c[1]), c[3]


def _bisect(cum, x):
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        m = (lo + hi) // 2
        if cum[m] > x:
            hi = m
        else:
            lo = m + 1
    return lo


def residential(rng, cc=None):
    if cc is None:
        cc, tz, asns = pick_country(rng)
    else:
        row = [c for c in COUNTRIES if c[0] == cc][0]
        tz, asns = rng.choice(row[1]), row[3]
    asn = rng.choice(asns)
    return net(v4(rng, asn), asn, cc), cc, tz


def proxy_net(rng):
    """A fresh residential exit, as a proxy pool rotating per request would give."""
    c = COUNTRIES[_bisect(CC_CUM, rng.random() * CC_CUM[-1])]
    asn = rng.choice(c[3])
    if rng.random() < 0.004:
        return net(v4(rng, asn), None, None)
    return net(v4(rng, asn), asn, c[0])


def hosting(rng):
    asn, cc = rng.choice(HOSTING)
    return net(v4(rng, asn), asn, cc), cc


# --------------------------------------------------------------------------- request types

L = math.log
# cat, cot_lo, cot_hi, in_mu, in_sig, out_mu, out_sig, think_p, tool_lo, tool_hi, use_tmpl
RT = {
    "chat": ("chat", 0.0, 0.15, L(160), 0.9, L(320), 0.8, 0.0, 0, 0, True),
    "writing": ("writing", 0.0, 0.2, L(420), 1.0, L(1100), 0.6, 0.05, 0, 0, True),
    "coding": ("coding", 0.05, 0.5, L(1600), 1.1, L(900), 0.8, 0.15, 0, 3, True),
    "reasoning": ("reasoning", 0.3, 0.9, L(500), 0.9, L(1500), 0.8, 0.4, 0, 0, True),
    "analysis": ("analysis", 0.1, 0.6, L(2600), 1.2, L(700), 0.7, 0.2, 0, 2, True),
    "tool_use": ("tool_use", 0.0, 0.2, L(6000), 1.0, L(400), 0.8, 0.1, 4, 20, True),
    "vision": ("vision", 0.0, 0.2, L(1800), 0.5, L(300), 0.7, 0.0, 0, 0, False),
    "other": ("other", 0.0, 0.3, L(300), 1.0, L(400), 0.9, 0.0, 0, 0, False),
    # campaign-specific request shapes
    "h_reason": ("reasoning", 0.68, 0.99, L(430), 0.6, L(3200), 0.5, 0.55, 0, 0, True),
    "h_code": ("coding", 0.45, 0.9, L(900), 0.7, L(2600), 0.5, 0.35, 0, 1, True),
    "h_analysis": ("analysis", 0.5, 0.9, L(1500), 0.7, L(2200), 0.5, 0.3, 0, 0, True),
    "h_tool": ("tool_use", 0.0, 0.12, L(14000), 0.7, L(650), 0.6, 0.05, 12, 38, True),
    "d_reason": ("reasoning", 0.3, 0.72, L(480), 0.7, L(1200), 0.5, 0.2, 0, 0, True),
    "d_code": ("coding", 0.1, 0.45, L(1400), 0.8, L(850), 0.5, 0.1, 0, 2, True),
    "d_chat": ("chat", 0.0, 0.15, L(170), 0.7, L(330), 0.6, 0.0, 0, 0, True),
    "d_write": ("writing", 0.0, 0.2, L(400), 0.7, L(1000), 0.5, 0.0, 0, 0, True),
    "camo_chat": ("chat", 0.0, 0.12, L(140), 0.8, L(300), 0.8, 0.0, 0, 0, False),
    "ide": ("coding", 0.0, 0.25, L(9000), 1.0, L(700), 0.8, 0.1, 6, 28, False),
    "ide_tool": ("tool_use", 0.0, 0.15, L(11000), 0.9, L(450), 0.8, 0.05, 6, 28, False),
    "bench": ("reasoning", 0.6, 0.97, L(600), 0.5, L(2400), 0.6, 0.7, 0, 0, True),
    "bench_code": ("coding", 0.4, 0.9, L(900), 0.5, L(1800), 0.6, 0.5, 0, 0, True),
    "assign": ("reasoning", 0.5, 0.95, L(350), 0.6, L(1300), 0.6, 0.1, 0, 0, True),
    "batch_an": ("analysis", 0.0, 0.3, L(3000), 0.5, L(500), 0.5, 0.0, 0, 0, True),
    "batch_wr": ("writing", 0.0, 0.15, L(900), 0.4, L(700), 0.4, 0.0, 0, 0, True),
    "plugin": ("writing", 0.0, 0.2, L(2200), 0.8, L(400), 0.6, 0.0, 0, 0, True),
    "plugin_an": ("analysis", 0.0, 0.3, L(3500), 0.8, L(350), 0.6, 0.0, 0, 0, True),
}

GREETINGS = [int(hashlib.sha256(g.encode()).hexdigest()[:16], 16)
             for g in ("hi", "hello", "test", "hey", "hello claude")]

SDK = {
    "py": ["anthropic-python/0.74.1", "anthropic-python/0.73.0", "anthropic-python/0.71.2", "anthropic-python/0.68.0"],
    "ts": ["anthropic-typescript/0.68.0", "anthropic-typescript/0.67.1", "anthropic-typescript/0.65.0"],
    "go": ["anthropic-go/1.12.0", "anthropic-go/1.10.3"],
    "java": ["anthropic-java/2.9.0", "anthropic-java/2.7.1"],
    "curl": ["curl/8.5.0", "curl/7.88.1"],
    "httpx": ["python-httpx/0.27.2", "python-httpx/0.28.1"],
}


def sdk_ua(rng, fam_w=(("py", 50), ("ts", 30), ("go", 5), ("java", 5), ("curl", 6), ("httpx", 4))):
    tot = sum(w for _, w in fam_w)
    x = rng.random() * tot
    for fam, w in fam_w:
        x -= w
        if x < 0:
            break
    vs = SDK[fam]
    # recent versions are more common
    i = min(int(rng.expovariate(1.2)), len(vs) - 1)
    return vs[i]


# --------------------------------------------------------------------------- accounts


class Acct:
    __slots__ = ("aid", "gid", "rng", "static", "keys", "created", "times", "rts", "rt_cum",
                 "templates", "tmpl_p", "flip", "sys", "sys_p", "models", "model_cum",
                 "adopt_t", "adopt_p", "uas", "ua_p", "nets", "net_mode", "stream_p",
                 "turn_mode", "batch_p", "n_greet", "err", "owner", "rt_after", "rt_after_cum",
                 "in_mult", "deck")

    def __init__(self):
        self.keys = []
        self.templates = []
        self.tmpl_p = 0.0
        self.flip = (1, 6)
        self.sys = ["null"]
        self.sys_p = 0.0
        self.models = ["claude-sonnet-4-5"]
        self.model_cum = [1.0]
        self.adopt_t = None
        self.adopt_p = 0.0
        self.uas = []
        self.ua_p = 0.0
        self.nets = []
        self.net_mode = 0
        self.stream_p = 0.5
        self.turn_mode = "chat"
        self.batch_p = 0.0
        self.n_greet = 0
        self.err = (0.01, 0.004, 0.003)  # 429, 529, 400
        self.rt_after = None
        self.rt_after_cum = None
        self.in_mult = 1.0
        self.deck = None


def cum(ws):
    out, a = [], 0.0
    for w in ws:
        a += w
        out.append(a)
    return out


MS_PER_TOK = {"claude-haiku-4-5": 6, "claude-sonnet-4-5": 14, "claude-opus-4-1": 24, NEW_MODEL: 20}


def gen(a, release_ms):
    rng = a.rng
    rand = rng.random
    lnv = rng.lognormvariate
    uni = rng.uniform
    rts, rtc = a.rts, a.rt_cum
    tot = rtc[-1]
    aid_static = a.static
    for i, (t, k) in enumerate(a.times):
        if a.rt_after is not None and t >= a.adopt_t:
            rts, rtc = a.rt_after, a.rt_after_cum
            tot = rtc[-1]
        # model
        x = rand() * a.model_cum[-1]
        model = a.models[_bisect(a.model_cum, x)]
        if a.adopt_t is not None and t >= a.adopt_t and t >= release_ms and rand() < a.adopt_p:
            model = NEW_MODEL
        greet = i < a.n_greet
        if greet:
            rt = RT["chat"]
            sh = GREETINGS[rng.randrange(len(GREETINGS))]
        else:
            rt = rts[_bisect(rtc, rand() * tot)] if a.deck is None else a.deck[i % len(a.deck)]
            if rt[10] and a.templates and rand() < a.tmpl_p:
                sh = a.templates[rng.randrange(len(a.templates))]
                for _ in range(rng.randint(a.flip[0], a.flip[1])):
                    sh ^= 1 << rng.randrange(64)
            else:
                sh = rng.getrandbits(64)
        cat = rt[0]
        cot = uni(rt[1], rt[2])
        if greet:
            inp, outp = rng.randint(8, 40), rng.randint(10, 60)
            tools, think = 0, False
        else:
            inp = int(lnv(rt[3], rt[4]) * a.in_mult) + 5
            outp = int(lnv(rt[5], rt[6])) + 1
            think = rand() < rt[7]
            tools = rng.randint(rt[8], rt[9]) if rt[9] else 0
        tm = a.turn_mode
        if tm == "chat":
            turns = 1 + 2 * min(k, 15)
        elif tm == "agent":
            turns = 1 + 2 * min(k, 45)
            inp += int(inp * 0.35 * min(k, 45))
        else:
            turns = 1
        if inp > 190000:
            inp = 190000 - rng.randrange(5000)
        if think:
            outp += int(lnv(L(1200), 0.7))
        if outp > 32000:
            outp = 32000 - rng.randrange(2000)
        # status
        x = rand()
        e429, e529, e400 = a.err
        if x < e429:
            status, outp, lat = 429, 0, rng.randint(15, 120)
        elif x < e429 + e529:
            status, outp, lat = 529, 0, rng.randint(400, 6000)
        elif x < e429 + e529 + e400:
            status, outp, lat = 400, 0, rng.randint(20, 200)
        else:
            status = 200
            lat = int(rng.randint(250, 1400) + outp * MS_PER_TOK[model] * uni(0.7, 1.4) + inp * 0.02)
        # network
        nm = a.net_mode
        if nm == 0:
            nf = a.nets[0] if (len(a.nets) == 1 or rand() < 0.93) else a.nets[rng.randrange(len(a.nets))]
        elif nm == 1:
            nf = a.nets[rng.randrange(len(a.nets))]
        else:
            nf = proxy_net(rng)
        ua = a.uas[0] if (len(a.uas) == 1 or rand() >= a.ua_p) else a.uas[rng.randrange(1, len(a.uas))]
        key = a.keys[0] if len(a.keys) == 1 else a.keys[rng.randrange(len(a.keys))]
        sp = a.sys[rng.randrange(len(a.sys))] if (a.sys_p and rand() < a.sys_p) else "null"
        ep = "batch" if (a.batch_p and rand() < a.batch_p) else "messages"
        stream = "true" if (ep == "messages" and rand() < a.stream_p) else "false"
        eid = "%032x" % rng.getrandbits(128)
        line = (f'{{"event_id":"{eid[:8]}-{eid[8:12]}-4{eid[13:16]}-{"89ab"[int(eid[16], 16) & 3]}{eid[17:20]}-{eid[20:]}",'
                f'"ts":"{fmt_ms(t)}",{aid_static},"api_key_id":"{key}",{nf},"user_agent":"{ua}",'
                f'"model":"{model}","endpoint":"{ep}","status":{status},"input_tokens":{inp},'
                f'"output_tokens":{outp},"latency_ms":{lat},"stream":{stream},"tool_count":{tools},'
                f'"turns":{turns},"thinking":{"true" if think else "false"},"task_category":"{cat}",'
                f'"cot_elicitation":{cot:.2f},"prompt_simhash":"{sh:016x}","system_prompt_hash":{sp}}}\n')
        yield (t, a.gid, i, line)


# --------------------------------------------------------------------------- world


class World:
    def __init__(self, seed, benign, hours):
        self.seed = seed
        self.N = benign
        self.H = hours
        self.t0 = T0_MS
        self.t1 = T0_MS + int(hours * HOUR)
        self.rng = random.Random(f"delta:{seed}:world")
        self.release_ms = self.t0 + int(self.rng.uniform(0.3, 0.45) * hours * HOUR)
        self.used = set()
        self.accounts = []
        self.campaigns = []   # (cid, kind, description, [Acct])
        self.groups = []      # (name, kind, [Acct])
        self.solo = []
        self.B = 5.0  # benign activity multiplier (sessions per day)
        self._n = 0

    # ids ---------------------------------------------------------------
    def uid(self, prefix, nhex):
        while True:
            s = prefix + "%0*x" % (nhex, self.rng.getrandbits(nhex * 4))
            if s not in self.used:
                self.used.add(s)
                return s

    def sys_hash(self, name):
        return '"' + hashlib.sha256(f"delta:{self.seed}:sys:{name}".encode()).hexdigest()[:40] + '"'

    def tmpl(self, n):
        return [self.rng.getrandbits(64) for _ in range(n)]

    def new_acct(self, created, org=None, pay=None, nkeys=1):
        a = Acct()
        self._n += 1
        a.gid = self._n
        a.aid = self.uid("acct_", 12)
        a.rng = random.Random(f"delta:{self.seed}:acct:{a.gid}")
        a.created = int(created)
        a.keys = [self.uid("key_", 10) for _ in range(nkeys)]
        o = "null" if org is None else f'"{org}"'
        p = "null" if pay is None else f'"{pay}"'
        a.static = (f'"account_id":"{a.aid}","org_id":{o},"account_created_at":"{fmt_ms(a.created)}",'
                    f'"payment_fingerprint":{p}')
        return a

    def set_rts(self, a, pairs):
        a.rts = [RT[n] for n, _ in pairs]
        a.rt_cum = cum([w for _, w in pairs])

    def set_models(self, a, pairs):
        a.models = [m for m, _ in pairs]
        a.model_cum = cum([w for _, w in pairs])

    def finish(self, a):
        """Drop events before creation; make sure the account emits at least one event."""
        lim = a.created + 30000
        t = [x for x in a.times if x[0] > lim and x[0] < self.t1]
        if not t:
            lo = max(self.t0, lim)
            t = [(lo + a.rng.randrange(max(1, min(self.t1 - lo, 4 * HOUR))), 0)]
        a.times = t
        self.accounts.append(a)
        return a

    def pay(self, p):
        return self.uid("pm_", 16) if self.rng.random() < p else None

    def age(self, lo_days, hi_days):
        return self.t0 - int(self.rng.uniform(lo_days, hi_days) * DAY)

    # ------------------------------------------------------------ benign
    def build_benign(self):
        N, r = self.N, self.rng
        budget = N
        hf = self.H

        def take(n):
            nonlocal budget
            n = max(0, min(n, budget))
            budget -= n
            return n

        # --- course cohorts
        ncoh = max(1, round(N / 1400))
        for c in range(ncoh):
            n = take(r.randint(20, 75))
            if not n:
                break
            asn, cc, tz = CAMPUS[r.randrange(len(CAMPUS))]
            nat = [net(v4(r, asn), asn, cc) for _ in range(r.randint(1, 3))]
            tm = self.tmpl(r.randint(3, 6))
            deadline = self.t0 + int(r.uniform(0.55, 0.95) * self.H * HOUR)
            wave = self.t0 - int(r.uniform(0.5, 12) * DAY)
            ua = sdk_ua(r, (("py", 80), ("ts", 10), ("curl", 10)))

            def mult(t, d=deadline):
                return 4.0 if d - 3 * HOUR <= t < d else (0.3 if t >= d else 1.0)
            mem = []
            for _ in range(n):
                a = self.new_acct(wave + r.randrange(2 * DAY), pay=None)
                ar = a.rng
                a.times = human_times(self, ar, self.B * ar.uniform(3, 9), tz, "evening", 4, 30, 240, mult=mult)
                self.set_rts(a, [("assign", 70), ("chat", 15), ("coding", 15)])
                a.templates, a.tmpl_p, a.flip = tm, 0.85, (1, 5)
                self.set_models(a, [("claude-haiku-4-5", 5), ("claude-sonnet-4-5", 5)])
                a.uas = [ua if ar.random() < 0.8 else sdk_ua(ar)]
                a.nets = nat
                a.net_mode = 1
                a.n_greet = 1 if ar.random() < 0.5 else 0
                a.stream_p = 0.2
                mem.append(self.finish(a))
            self.groups.append((f"cohort_{c + 1:02d}", "course_cohort", mem))

        # --- benchmark labs
        for c in range(max(1, round(N / 2500))):
            n = take(r.randint(2, 6))
            if not n:
                break
            org, card = self.uid("org_", 10), self.uid("pm_", 16)
            hn, hc = hosting(r)
            tz = r.choice([-8, -5, 0, 1, 9])
            suites = [self.tmpl(r.randint(8, 20)) for _ in range(3)]
            mem = []
            for j in range(n):
                a = self.new_acct(self.age(60, 900), org=org, pay=card, nkeys=r.randint(1, 3))
                ar = a.rng
                times = []
                nb = poisson(ar, ar.uniform(0.5, 1.3) * self.H / 8)
                for _ in range(max(1, nb)):
                    # bursts preferably at night
                    b0 = self.t0 + ar.randrange(int(self.H * HOUR))
                    dur = ar.uniform(10, 45) * 60000
                    rate = ar.uniform(0.04, 0.25)  # per second
                    t = b0
                    while t < b0 + dur:
                        times.append((int(t), 0))
                        t += ar.expovariate(rate) * 1000 + 200
                times.extend(human_times(self, ar, self.B * 3, tz, "office", 3, 30, 300))
                times.sort()
                a.times = times
                self.set_rts(a, [("bench", 70), ("bench_code", 25), ("chat", 5)])
                a.templates, a.tmpl_p, a.flip = suites[j % 3], 0.95, (3, 10)
                self.set_models(a, [("claude-sonnet-4-5", 5), ("claude-opus-4-1", 5)])
                a.adopt_t, a.adopt_p = self.release_ms + int(ar.uniform(0.5, 4) * HOUR), 0.5
                a.uas = [sdk_ua(ar, (("py", 90), ("httpx", 10)))]
                a.nets = [hn, net(v4(ar, 16509), 16509, "US")]
                a.turn_mode, a.stream_p = "single", 0.0
                a.err = (0.04, 0.01, 0.002)
                mem.append(self.finish(a))
            self.groups.append((f"bench_lab_{c + 1:02d}", "benchmark_researchers", mem))

        # --- enterprise batch jobs
        for c in range(max(1, round(N / 2000))):
            n = take(r.randint(2, 6))
            if not n:
                break
            org, card = self.uid("org_", 10), self.uid("pm_", 16)
            asn, cc = r.choice(HOSTING)
            ips = [net(v4(r, asn), asn, cc) for _ in range(r.randint(2, 5))]
            tm = self.tmpl(r.randint(2, 5))
            sp = [self.sys_hash(f"ent{c}:{i}") for i in range(2)]
            ua = sdk_ua(r, (("java", 40), ("py", 40), ("go", 20)))
            mem = []
            for _ in range(n):
                a = self.new_acct(self.age(100, 1200), org=org, pay=card, nkeys=r.randint(2, 5))
                ar = a.rng
                a.times = regular_times(self, ar, ar.uniform(45, 160), ar.uniform(1, 8), drop=0.03)
                self.set_rts(a, [("batch_an", 60), ("batch_wr", 40)])
                a.templates, a.tmpl_p, a.flip = tm, 0.97, (1, 4)
                self.set_models(a, [("claude-haiku-4-5", 6), ("claude-sonnet-4-5", 4)])
                a.sys, a.sys_p = sp, 1.0
                a.uas, a.nets, a.net_mode = [ua], ips, 1
                a.turn_mode, a.stream_p, a.batch_p = "single", 0.0, 0.7
                mem.append(self.finish(a))
            self.groups.append((f"enterprise_{c + 1:02d}", "enterprise_batch", mem))

        # --- teams
        nteams = max(1, round(N / 180))
        team_mem = []
        for c in range(nteams):
            n = take(r.randint(4, 22))
            if not n:
                break
            org, card = self.uid("org_", 10), self.uid("pm_", 16)
            cc, tz, asns = pick_country(r)
            if r.random() < 0.5:
                asn = r.choice(asns)
            else:
                asn, _ = r.choice(HOSTING)
            nat = [net(v4(r, asn), asn, cc) for _ in range(r.randint(1, 2))]
            sp = [self.sys_hash(f"team{c}")]
            tm = self.tmpl(r.randint(2, 8))
            focus = r.choice([[("coding", 60), ("analysis", 20), ("chat", 20)],
                              [("writing", 50), ("analysis", 30), ("chat", 20)],
                              [("analysis", 50), ("reasoning", 20), ("coding", 30)]])
            ua = sdk_ua(r)
            for _ in range(n):
                a = self.new_acct(self.age(20, 700), org=org, pay=card)
                ar = a.rng
                a.times = human_times(self, ar, self.B * ar.uniform(4, 16), tz, "office", 5, 20, 200)
                self.set_rts(a, focus)
                a.templates, a.tmpl_p = tm, 0.4
                self.set_models(a, [("claude-sonnet-4-5", 7), ("claude-haiku-4-5", 2), ("claude-opus-4-1", 1)])
                a.sys, a.sys_p = sp, 0.9
                a.uas, a.nets = [ua], nat
                a.adopt_t, a.adopt_p = self.release_ms + int(ar.uniform(1, 30) * HOUR), 0.3
                a.stream_p = 0.6
                team_mem.append(self.finish(a))
            self.groups.append((f"team_{c + 1:03d}", "team", team_mem))
            team_mem = []

        # --- IDE / agent-framework users (share a product system prompt)
        products = [("ide_codeforge", "CodeForge/1.8.3 (anthropic-typescript/0.68.0)", 0.09),
                    ("ide_tabpilot", "TabPilot/4.2.0 anthropic-typescript/0.67.1", 0.04),
                    ("agentkit", "agentkit/0.9.2 anthropic-python/0.72.0", 0.04)]
        self.ide_sys = {}
        for name, ua, share in products:
            n = take(int(N * share))
            sps = [self.sys_hash(f"{name}:v{i}") for i in range(2)]
            self.ide_sys[name] = (sps, ua)
            mem = []
            for _ in range(n):
                a = self.new_acct(self.age(3, 800), pay=self.pay(0.85))
                ar = a.rng
                net0, cc, tz = residential(ar)
                # re-draw times in the user's own time zone
                a.times = human_times(self, ar, self.B * ar.uniform(2, 7), tz, ar.choice(["office", "office", "evening"]), 7, 4, 60)
                self.set_rts(a, [("ide", 55), ("ide_tool", 35), ("chat", 10)])
                self.set_models(a, [("claude-sonnet-4-5", 8), ("claude-opus-4-1", 1), ("claude-haiku-4-5", 1)])
                a.adopt_t, a.adopt_p = self.release_ms + int(ar.uniform(0.5, 20) * HOUR), 0.35
                a.sys, a.sys_p = [sps[0] if ar.random() < 0.8 else sps[1]], 0.97
                a.uas, a.nets = [ua], [net0, hosting(ar)[0]] if ar.random() < 0.1 else [net0]
                a.turn_mode, a.stream_p = "agent", 0.9
                mem.append(self.finish(a))
            self.groups.append((name, "ide_agent_users", mem))

        # --- plugins: human users + bots with machine-regular timing
        for pname, ua, share, bots in [("plugin_docsumm", "DocuSumm-Plugin/3.2 (anthropic-python/0.71.2)", 0.05, 0.15),
                                       ("plugin_sheetsai", "SheetsAI/2.0.7", 0.025, 0.3)]:
            n = take(int(N * share))
            tm = self.tmpl(r.randint(3, 7))
            sp = [self.sys_hash(pname)]
            hum, bot = [], []
            for _ in range(n):
                a = self.new_acct(self.age(1, 600), pay=self.pay(0.5))
                ar = a.rng
                self.set_rts(a, [("plugin", 60), ("plugin_an", 40)])
                a.templates, a.tmpl_p, a.flip = tm, 0.9, (2, 8)
                self.set_models(a, [("claude-haiku-4-5", 7), ("claude-sonnet-4-5", 3)])
                a.sys, a.sys_p, a.uas = sp, 1.0, [ua]
                a.turn_mode = "single"
                if ar.random() < bots:
                    a.times = regular_times(self, ar, ar.choice([300, 600, 900, 1800]), ar.uniform(0.2, 3))
                    a.nets = [hosting(ar)[0]]
                    bot.append(self.finish(a))
                else:
                    n0, cc, tz = residential(ar)
                    a.times = human_times(self, ar, self.B * ar.uniform(3, 10), tz, "office", 3, 10, 120)
                    a.nets = [n0]
                    hum.append(self.finish(a))
            self.groups.append((pname + "_users", "plugin_users", hum))
            self.groups.append((pname + "_bots", "plugin_bots", bot))

        # --- mobile app users behind carrier-grade NAT
        for asn, cc, pre in MOBILE[:4]:
            n = take(int(N * 0.012))
            pool = [net(v4(r, asn), asn, cc) for _ in range(r.randint(3, 8))]
            pool += [net(v6(r, pre), asn, cc) for _ in range(r.randint(2, 6))]
            tz = {"US": -6, "DE": 1, "IN": 5}.get(cc, 0)
            mem = []
            for _ in range(n):
                a = self.new_acct(self.age(1, 400), pay=self.pay(0.3))
                ar = a.rng
                a.times = human_times(self, ar, self.B * ar.uniform(2, 8), tz, "evening", 3, 15, 200)
                self.set_rts(a, [("chat", 60), ("writing", 20), ("vision", 10), ("reasoning", 10)])
                self.set_models(a, [("claude-haiku-4-5", 5), ("claude-sonnet-4-5", 5)])
                a.uas = [sdk_ua(ar, (("ts", 60), ("py", 20), ("java", 20)))]
                a.nets, a.net_mode = pool, 1
                a.stream_p = 0.9
                mem.append(self.finish(a))
            self.groups.append((f"cgnat_{asn}", "carrier_nat", mem))

        # --- VPN users (shared exit addresses)
        n = take(int(N * 0.03))
        exits = []
        for asn, ccs in VPN:
            for cc in ccs:
                exits.append(net(v4(r, asn), asn, cc))
        mem = []
        for _ in range(n):
            a = self.new_acct(self.age(5, 900), pay=self.pay(0.7))
            ar = a.rng
            a.times = human_times(self, ar, self.B * ar.uniform(2, 10), ar.choice([-5, 0, 1, 8]), "any", 4, 20, 200)
            self.set_rts(a, [("chat", 35), ("coding", 35), ("writing", 15), ("reasoning", 15)])
            self.set_models(a, [("claude-sonnet-4-5", 6), ("claude-haiku-4-5", 4)])
            a.uas = [sdk_ua(ar)]
            a.nets = [exits[ar.randrange(len(exits))] for _ in range(ar.randint(1, 4))]
            a.net_mode = 1
            mem.append(self.finish(a))
        self.groups.append(("vpn_users", "vpn_users", mem))

        # --- new free-tier users: greetings, few requests
        n = take(int(N * 0.09))
        mem = []
        for _ in range(n):
            a = self.new_acct(self.t0 + int(r.uniform(-3, 0.8 * self.H / 24) * DAY), pay=None)
            ar = a.rng
            n0, cc, tz = residential(ar) if ar.random() < 0.8 else (net(v6(ar, MOBILE[0][2]), MOBILE[0][0], "US"), "US", -6)
            a.times = human_times(self, ar, ar.uniform(1.5, 6), tz, "any", 3, 15, 240, start=max(self.t0, a.created))
            self.set_rts(a, [("chat", 60), ("writing", 15), ("coding", 15), ("reasoning", 10)])
            self.set_models(a, [("claude-haiku-4-5", 5), ("claude-sonnet-4-5", 5)])
            a.uas = [sdk_ua(ar, (("py", 50), ("ts", 25), ("curl", 25)))]
            a.nets = [n0]
            a.n_greet = ar.choice([1, 1, 2, 3])
            a.err = (0.03, 0.004, 0.02)
            mem.append(self.finish(a))
        self.groups.append(("free_tier_newcomers", "new_free_tier", mem))

        # --- early adopters of the new model (every persona)
        n = take(int(N * 0.06))
        mem = []
        for _ in range(n):
            a = self.new_acct(self.age(10, 900), pay=self.pay(0.8))
            ar = a.rng
            n0, cc, tz = residential(ar)
            a.times = human_times(self, ar, self.B * ar.uniform(3, 10), tz, "any", 5, 10, 180,
                                  mult=lambda t, rel=self.release_ms: 2.5 if rel <= t < rel + 4 * HOUR else 1.0)
            mix = ar.choice([[("reasoning", 40), ("coding", 30), ("chat", 30)],
                             [("coding", 60), ("analysis", 20), ("chat", 20)],
                             [("chat", 50), ("writing", 30), ("reasoning", 20)]])
            self.set_rts(a, mix)
            self.set_models(a, [("claude-sonnet-4-5", 6), ("claude-opus-4-1", 4)])
            a.adopt_t, a.adopt_p = self.release_ms + int(ar.expovariate(1 / 1.5) * HOUR), 0.9
            a.uas = [sdk_ua(ar)]
            a.nets = [n0]
            mem.append(self.finish(a))
        self.groups.append(("early_adopters", "early_adopters", mem))

        # --- cloud-hosted start-ups (small orgs serving their own users)
        nst = 0
        mem = []
        while budget > 0 and nst < max(1, round(N / 250)):
            nst += 1
            n = take(r.randint(1, 4))
            org, card = self.uid("org_", 10), self.uid("pm_", 16)
            hn, hc = hosting(r)
            sp = [self.sys_hash(f"startup{nst}")]
            for _ in range(n):
                a = self.new_acct(self.age(10, 400), org=org, pay=card, nkeys=r.randint(1, 3))
                ar = a.rng
                a.times = human_times(self, ar, self.B * ar.uniform(15, 45), -5, "any", 3, 2, 60)
                self.set_rts(a, [("chat", 40), ("writing", 25), ("analysis", 20), ("reasoning", 15)])
                self.set_models(a, [("claude-haiku-4-5", 6), ("claude-sonnet-4-5", 4)])
                a.sys, a.sys_p = sp, 0.95
                a.uas = [sdk_ua(ar, (("py", 50), ("ts", 40), ("go", 10)))]
                a.nets = [hn]
                a.stream_p = 0.8
                mem.append(self.finish(a))
        self.groups.append(("cloud_startups", "cloud_startups", mem))

        # --- everyone else: unclustered individuals
        personas = [("casual", 35), ("developer", 35), ("reasoner", 12), ("writer", 10), ("analyst", 8)]
        pc = cum([w for _, w in personas])
        mem = []
        while budget > 0:
            take(1)
            p = personas[_bisect(pc, r.random() * pc[-1])][0]
            a = self.new_acct(self.age(1, 1400), pay=self.pay(0.35 if p == "casual" else 0.75))
            ar = a.rng
            n0, cc, tz = residential(ar)
            if p == "casual":
                a.times = human_times(self, ar, self.B * ar.uniform(1, 5), tz, "evening", 3, 20, 300)
                self.set_rts(a, [("chat", 65), ("writing", 20), ("vision", 5), ("other", 10)])
                self.set_models(a, [("claude-haiku-4-5", 5), ("claude-sonnet-4-5", 5)])
            elif p == "developer":
                a.times = human_times(self, ar, self.B * ar.uniform(3, 12), tz, "office", 6, 15, 240)
                self.set_rts(a, [("coding", 60), ("analysis", 15), ("chat", 15), ("tool_use", 10)])
                self.set_models(a, [("claude-sonnet-4-5", 7), ("claude-opus-4-1", 2), ("claude-haiku-4-5", 1)])
            elif p == "reasoner":
                a.times = human_times(self, ar, self.B * ar.uniform(2, 9), tz, "any", 4, 30, 400)
                self.set_rts(a, [("reasoning", 55), ("analysis", 25), ("chat", 20)])
                self.set_models(a, [("claude-opus-4-1", 5), ("claude-sonnet-4-5", 5)])
            elif p == "writer":
                a.times = human_times(self, ar, self.B * ar.uniform(2, 7), tz, "office", 4, 60, 500)
                self.set_rts(a, [("writing", 70), ("chat", 20), ("analysis", 10)])
                self.set_models(a, [("claude-sonnet-4-5", 6), ("claude-opus-4-1", 4)])
            else:
                a.times = human_times(self, ar, self.B * ar.uniform(2, 8), tz, "office", 4, 30, 300)
                self.set_rts(a, [("analysis", 60), ("vision", 15), ("chat", 25)])
                self.set_models(a, [("claude-sonnet-4-5", 8), ("claude-haiku-4-5", 2)])
            if ar.random() < 0.15:
                a.adopt_t, a.adopt_p = self.release_ms + int(ar.uniform(2, 40) * HOUR), 0.5
            a.templates, a.tmpl_p = [ar.getrandbits(64) for _ in range(ar.randint(1, 3))], ar.uniform(0, 0.4)
            a.uas = [sdk_ua(ar)]
            a.nets = [n0, residential(ar, cc)[0]]
            a.stream_p = ar.uniform(0.2, 0.9)
            mem.append(self.finish(a))
        self.groups.append(("individuals", "individual_users", mem))

    # ------------------------------------------------------------ campaigns
    def build_campaigns(self):
        N, r = self.N, self.rng
        s = N / 3000.0
        H = self.H
        cn = 0

        def add(kind, desc, mem):
            nonlocal cn
            cn += 1
            self.campaigns.append((f"delta-{cn:02d}-{kind}", kind, desc, mem))

        # (1) proxy-run swarm ------------------------------------------------
        n = max(30, round(r.uniform(0.09, 0.12) * N))
        waves = [self.t0 - int(r.uniform(0.5, 20) * DAY) for _ in range(r.randint(3, 5))]
        tm = self.tmpl(r.randint(4, 7))
        uas = [SDK["py"][0], SDK["py"][1], SDK["ts"][0]]
        mem = []
        for i in range(n):
            a = self.new_acct(waves[i % len(waves)] + r.randrange(3 * HOUR), pay=self.pay(0.45))
            ar = a.rng
            times = []
            for _ in range(1 + poisson(ar, H / 4.0)):
                b = self.t0 + ar.randrange(int(H * HOUR))
                for k in range(ar.randint(3, 14)):
                    b += int(ar.uniform(8, 140) * 1000)
                    times.append((b, 0))
            times.sort()
            a.times = times
            self.set_rts(a, [("h_reason", 72), ("h_analysis", 13), ("camo_chat", 15)])
            a.templates, a.tmpl_p, a.flip = tm, 0.9, (1, 5)
            self.set_models(a, [("claude-sonnet-4-5", 6), ("claude-opus-4-1", 4)])
            a.adopt_t, a.adopt_p = self.release_ms + int(r.uniform(0.3, 2) * HOUR), 0.6
            a.uas = [ar.choice(uas)]
            a.net_mode = 2
            a.n_greet = ar.choice([0, 1, 1, 2])
            a.stream_p = 0.3
            a.turn_mode = "single"
            mem.append(self.finish(a))
        add("proxy_swarm", "Hundreds of light, wave-created free/prepaid accounts harvesting templated "
            "step-by-step reasoning through a residential proxy pool rotating per request.", mem)

        # (2) aged-account fleet ----------------------------------------------
        n = max(8, round(r.uniform(0.012, 0.017) * N))
        mem = []
        for i in range(n):
            a = self.new_acct(self.age(380, 1600), pay=self.uid("pm_", 16))
            ar = a.rng
            n0, cc, tz = residential(ar)
            a.times = human_times(self, ar, ar.uniform(90, 180), tz, "flat", 6, 6, 45)
            self.set_rts(a, [("h_reason", 45), ("h_code", 35), ("h_analysis", 12), ("camo_chat", 8)])
            self.set_models(a, [("claude-opus-4-1", 6), ("claude-sonnet-4-5", 4)])
            a.adopt_t, a.adopt_p = self.release_ms + int(ar.uniform(1, 5) * HOUR), 0.7
            a.uas = [sdk_ua(ar, (("py", 70), ("ts", 30)))]
            a.nets = [n0]
            a.turn_mode, a.stream_p = "single", 0.5
            mem.append(self.finish(a))
        add("aged_fleet", "Bought multi-year-old accounts, each with its own card and home address, "
            "pulling long reasoning and code outputs round the clock from a task generator.", mem)

        # (3) slow drip -----------------------------------------------------
        n = max(10, round(r.uniform(0.017, 0.023) * N))
        fam = self.tmpl(r.randint(25, 40))
        mem = []
        for i in range(n):
            a = self.new_acct(self.age(15, 500), pay=self.uid("pm_", 16) if r.random() < 0.85 else None)
            ar = a.rng
            n0, cc, tz = residential(ar)
            prof, pd = ar.choice(["office", "evening"]), ar.uniform(5, 14)
            a.times = []
            for _ in range(6):  # a drip, not a trickle of one: redraw until a few requests land
                a.times = human_times(self, ar, pd, tz, prof, 4, 20, 300)
                if len(a.times) >= 5:
                    break
            while len(a.times) < 5:
                a.times.append((self.t0 + ar.randrange(int(H * HOUR)), 0))
            a.times.sort()
            self.set_rts(a, [("d_reason", 32), ("d_code", 25), ("d_chat", 25), ("d_write", 18)])
            # requests are dealt from a shuffled deck so no account's task mix drifts to an extreme
            a.deck = [RT["d_reason"]] * 3 + [RT["d_code"]] * 3 + [RT["d_chat"]] * 2 + [RT["d_write"]] * 2
            ar.shuffle(a.deck)
            a.templates, a.tmpl_p, a.flip = fam, 0.75, (2, 7)
            self.set_models(a, [("claude-sonnet-4-5", 7), ("claude-opus-4-1", 3)])
            a.uas = [sdk_ua(ar)]
            a.nets = [n0, residential(ar, cc)[0]]
            a.stream_p = ar.uniform(0.2, 0.9)
            mem.append(self.finish(a))
        add("slow_drip", "Residential, card-paying accounts with human diurnal timing and benign-range "
            "volumes whose prompts come from one shared generator family (near-duplicates across accounts).", mem)

        # (4) scripted lockstep fleet ----------------------------------------
        n = max(20, round(r.uniform(0.007, 0.01) * N))
        asn, cc = r.choice(HOSTING)
        cards = [self.uid("pm_", 16) for _ in range(max(1, n // 25))]
        period = r.uniform(240, 600)
        rounds = []
        t = self.t0 + r.randrange(int(period * 1000))
        while t < self.t1:
            rounds.append(t)
            t += int(period * 1000 * r.uniform(0.97, 1.03))
        tm = self.tmpl(3)
        sp = [self.sys_hash("lockstep")]
        ua = SDK["py"][2]
        created = self.t0 - int(r.uniform(2, 9) * DAY)
        mem = []
        for i in range(n):
            a = self.new_acct(created + r.randrange(20 * 60000), pay=cards[i % len(cards)])
            ar = a.rng
            times = []
            for rt0 in rounds:
                if ar.random() < 0.92:
                    for _ in range(ar.randint(1, 3)):
                        times.append((rt0 + ar.randrange(4000), 0))
            times.sort()
            a.times = times
            self.set_rts(a, [("h_reason", 80), ("h_code", 20)])
            a.templates, a.tmpl_p, a.flip = tm, 1.0, (1, 3)
            self.set_models(a, [("claude-sonnet-4-5", 1)])
            a.sys, a.sys_p, a.uas = sp, 1.0, [ua]
            a.nets = [net(v4(ar, asn), asn, cc)]
            a.turn_mode, a.stream_p = "single", 0.0
            mem.append(self.finish(a))
        add("lockstep_fleet", "Scripted fleet on one hosting provider sharing a card, system prompt and "
            "SDK build, firing templated reasoning prompts in synchronised rounds.", mem)

        # (5) release-day pivot ----------------------------------------------
        n = max(10, round(r.uniform(0.012, 0.018) * N))
        cards = [self.uid("pm_", 16) for _ in range(max(1, n // 10))]
        mem = []
        for i in range(n):
            a = self.new_acct(self.age(5, 60), pay=cards[i % len(cards)])
            ar = a.rng
            asn, mcc, pre = MOBILE[ar.randrange(len(MOBILE))]
            tz = {"US": -6, "DE": 1, "IN": 5, "JP": 9, "BR": -3, "KR": 9}[mcc]
            piv = self.release_ms + int(ar.uniform(0.4, 3) * HOUR)
            pre_t = human_times(self, ar, ar.uniform(1, 3), tz, "evening", 2, 20, 200, end=piv)
            post_t = human_times(self, ar, ar.uniform(70, 160), tz, "flat", 8, 5, 40, start=piv)
            a.times = pre_t + post_t
            self.set_rts(a, [("chat", 70), ("writing", 30)])
            a.rt_after = [RT["h_reason"], RT["h_code"], RT["camo_chat"]]
            a.rt_after_cum = cum([60, 30, 10])
            a.templates, a.tmpl_p, a.flip = self.tmpl(8), 0.5, (2, 9)
            self.set_models(a, [("claude-haiku-4-5", 6), ("claude-sonnet-4-5", 4)])
            a.adopt_t, a.adopt_p = piv, 0.97
            a.uas = [sdk_ua(ar, (("py", 60), ("ts", 40)))]
            a.nets = [net(v6(ar, pre), asn, mcc)]
            a.turn_mode, a.stream_p = "single", 0.4
            mem.append(self.finish(a))
        add("release_pivot", "Quiet mobile-network accounts that switch to the newly released model within "
            "hours of release and start harvesting its reasoning at high volume.", mem)

        # (6) tool-trajectory harvest mimicking a time zone --------------------
        n = max(10, round(r.uniform(0.01, 0.014) * N))
        sps, ide_ua = self.ide_sys["ide_codeforge"]
        exits = [(asn, cc) for asn, ccs in VPN for cc in ccs if cc == "US"]
        created = self.t0 - int(r.uniform(4, 9) * DAY)
        tm = self.tmpl(12)
        mem = []
        for i in range(n):
            a = self.new_acct(created + r.randrange(DAY), pay=self.uid("pm_", 16))
            ar = a.rng
            asn, cc = exits[ar.randrange(len(exits))]
            a.times = human_times(self, ar, ar.uniform(15, 35), -8, "office", 14, 3, 25)
            self.set_rts(a, [("h_tool", 85), ("ide", 15)])
            a.templates, a.tmpl_p, a.flip = tm, 0.6, (4, 12)
            self.set_models(a, [("claude-sonnet-4-5", 1)])
            a.adopt_t, a.adopt_p = self.release_ms + int(ar.uniform(1, 6) * HOUR), 0.5
            a.sys, a.sys_p = [sps[0]], 0.95
            a.uas = [ide_ua if ar.random() < 0.6 else SDK["ts"][0]]
            a.nets = [net(v4(ar, asn), asn, cc) for _ in range(3)]
            a.net_mode = 1
            a.turn_mode, a.stream_p = "agent", 0.9
            mem.append(self.finish(a))
        add("tool_harvest", "Accounts posing as IDE users (copied public IDE system prompt) from US VPN exits on "
            "US-Pacific office hours, harvesting long many-tool agent trajectories with little explicit reasoning.", mem)

        # (7) lone scraper -----------------------------------------------------
        a = self.new_acct(self.age(30, 200), pay=self.uid("pm_", 16))
        ar = a.rng
        hn, hc = hosting(ar)
        rate = ar.uniform(150, 400)
        times, t = [], self.t0 + ar.randrange(int(min(H, 2) * HOUR))
        while t < self.t1:
            times.append((int(t), 0))
            t += ar.expovariate(rate / 3600.0) * 1000
        a.times = times
        self.set_rts(a, [("h_reason", 50), ("h_code", 30), ("h_analysis", 20)])
        self.set_models(a, [("claude-opus-4-1", 1)])
        a.adopt_t, a.adopt_p = self.release_ms + int(ar.uniform(0.2, 1) * HOUR), 0.9
        a.uas, a.nets = [SDK["py"][0]], [hn]
        a.turn_mode, a.stream_p, a.err = "single", 0.0, (0.12, 0.01, 0.002)
        add("lone_scraper", "A single hosted account pulling hundreds of reasoning and code completions an hour.",
            [self.finish(a)])

    # ------------------------------------------------------------ output
    def run(self, out_dir):
        self.build_benign()
        self.build_campaigns()
        os.makedirs(out_dir, exist_ok=True)
        gens = [gen(a, self.release_ms) for a in self.accounts]
        n = 0
        buf = []
        with open(os.path.join(out_dir, "events.jsonl"), "w", encoding="utf-8", newline="\n") as f:
            for ev in heapq.merge(*gens):
                buf.append(ev[3])
                if len(buf) >= 20000:
                    f.write("".join(buf))
                    n += len(buf)
                    buf = []
            f.write("".join(buf))
            n += len(buf)
        campaigns = {}
        for cid, kind, desc, mem in self.campaigns:
            campaigns[cid] = {
                "kind": kind,
                "start": fmt_ms(min(a.times[0][0] for a in mem)),
                "accounts": [a.aid for a in mem],
                "description": desc,
            }
        camp_ids = {a.aid for _, _, _, mem in self.campaigns for a in mem}
        benign = [a for a in self.accounts if a.aid not in camp_ids and a.times]
        groups = {}
        for name, kind, mem in self.groups:
            if mem:
                groups[name] = {"kind": kind, "accounts": len(mem)}
        truth = {"world": "delta", "seed": self.seed, "campaigns": campaigns,
                 "benign_accounts": len(benign), "benign_groups": groups}
        with open(os.path.join(out_dir, "truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f, indent=1)
            f.write("\n")
        return n
