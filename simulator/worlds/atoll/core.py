"""Core of the world: clock, accounts, the request emitter and shared samplers."""
import datetime
import hashlib
import math
from bisect import bisect
from itertools import accumulate

from . import net as NET

DAY = 86400000
HOUR = 3600000
MIN = 60000
SEC = 1000

T0_DT = datetime.datetime(2026, 11, 18, 13, 0, 0, tzinfo=datetime.timezone.utc)
T0 = int(T0_DT.timestamp()) * 1000

NEW_MODEL = "claude-opus-5"

# model: (ttft lo, ttft hi ms, tokens/s lo, hi, max output)
MODEL_PERF = {
    "claude-haiku-4-5": (250, 700, 130, 220, 64000),
    "claude-haiku-4-5-20251001": (250, 700, 130, 220, 64000),
    "claude-sonnet-4-5": (500, 1500, 55, 95, 64000),
    "claude-sonnet-4-5-20250929": (500, 1500, 55, 95, 64000),
    "claude-sonnet-4-20250514": (500, 1400, 50, 85, 64000),
    "claude-opus-4-5": (900, 2300, 35, 60, 64000),
    "claude-opus-4-1": (1200, 2900, 25, 45, 32000),
    "claude-3-5-haiku-20241022": (250, 600, 120, 200, 8192),
    NEW_MODEL: (900, 2600, 38, 66, 64000),
}

# benign model mix (model, weight)
MODELS_GENERAL = [("claude-sonnet-4-5", 52), ("claude-haiku-4-5", 24), ("claude-opus-4-5", 10),
                  ("claude-sonnet-4-5-20250929", 6), ("claude-opus-4-1", 3), ("claude-sonnet-4-20250514", 3),
                  ("claude-haiku-4-5-20251001", 1.5), ("claude-3-5-haiku-20241022", 0.5)]
MODELS_CODE = [("claude-sonnet-4-5", 60), ("claude-opus-4-5", 22), ("claude-haiku-4-5", 10),
               ("claude-sonnet-4-5-20250929", 5), ("claude-opus-4-1", 3)]
MODELS_CHEAP = [("claude-haiku-4-5", 70), ("claude-haiku-4-5-20251001", 15), ("claude-sonnet-4-5", 10),
                ("claude-3-5-haiku-20241022", 5)]

PROFILES = {
    "human": [.16, .09, .05, .04, .04, .06, .14, .32, .55, .75, .85, .9, .82, .86, .9, .88, .85, .8, .75, .78,
              .8, .7, .5, .3],
    "dev": [.3, .18, .1, .06, .05, .06, .1, .25, .5, .8, .95, 1, .85, .95, 1, 1, .95, .85, .7, .65, .7, .68,
            .6, .45],
    "office": [.01, .01, .01, .01, .01, .02, .04, .15, .6, .95, 1, .95, .6, .85, 1, .95, .85, .5, .15, .06, .04,
               .03, .02, .01],
    "student": [.5, .35, .2, .08, .04, .04, .06, .15, .3, .45, .55, .6, .55, .6, .6, .6, .6, .65, .7, .8, .9,
                .95, .9, .75],
    "flat": [1.0] * 24,
}
PROFILES["night"] = [1, 1, 1, 1, 1, 1, .6, .05, .03, .03, .03, .03, .03, .03, .03, .03, .03, .03, .03, .05, .1,
                     .3, .6, .9]

_dcache = {}


def iso(ms):
    d, rem = divmod(ms, DAY)
    p = _dcache.get(d)
    if p is None:
        p = datetime.datetime.fromtimestamp(d * 86400, datetime.timezone.utc).strftime("%Y-%m-%dT")
        _dcache[d] = p
    h, rem = divmod(rem, HOUR)
    m, rem = divmod(rem, MIN)
    s, f = divmod(rem, 1000)
    return "%s%02d:%02d:%02d.%03dZ" % (p, h, m, s, f)


def h16(label):
    return hashlib.blake2b(label.encode("utf-8"), digest_size=8).hexdigest()


def sp_json(label):
    """system_prompt_hash JSON value for a system prompt identified by label."""
    return '"%s"' % h16("sys:" + label)


def ln(r, median, sigma):
    return median * math.exp(sigma * r.gauss(0.0, 1.0))


def clamp01(x):
    return 0.0 if x < 0.0 else (1.0 if x > 1.0 else x)


def cum_of(items):
    vals = [v for v, _ in items]
    cum = list(accumulate(w for _, w in items))
    return vals, cum


def pick(r, vc):
    vals, cum = vc
    return vals[bisect(cum, r.random() * cum[-1])]


# ------------------------------------------------------------------ user agents
UA_SDK = [
    ("anthropic-python/0.75.0", 14), ("anthropic-python/0.74.1", 14), ("anthropic-python/0.72.1", 8),
    ("anthropic-python/0.71.0", 5), ("anthropic-python/0.69.0", 3),
    ("anthropic-typescript/0.70.1", 9), ("anthropic-typescript/0.68.0", 9), ("anthropic-typescript/0.65.0", 4),
    ("anthropic-go/1.13.2", 3), ("anthropic-go/1.12.0", 1.5), ("anthropic-java/2.9.0", 2),
    ("anthropic-java/2.7.0", 1), ("anthropic-ruby/1.8.0", 1), ("curl/8.7.1", 3), ("curl/8.5.0", 2),
    ("python-requests/2.32.3", 3), ("python-httpx/0.28.1", 3), ("python-httpx/0.27.2", 1),
    ("LibreChat/0.7.5", 1), ("TypingMind/2.1", 0.7), ("Raycast/1.86.1", 0.6), ("chatbox/1.9.8", 0.7),
    ("okhttp/4.12.0", 0.8), ("axios/1.7.7", 1.2),
]
UA_SDK_VC = cum_of(UA_SDK)
UA_DEV = [(u, w) for u, w in UA_SDK if u.startswith(("anthropic", "python-h", "curl"))]
UA_DEV_VC = cum_of(UA_DEV)

CATS_CASUAL = cum_of([("chat", 44), ("writing", 20), ("analysis", 8), ("other", 7), ("vision", 5),
                      ("coding", 10), ("reasoning", 6)])
CATS_DEV = cum_of([("coding", 52), ("tool_use", 10), ("reasoning", 8), ("analysis", 10), ("writing", 8),
                   ("chat", 10), ("other", 2)])
CATS_STUDENT = cum_of([("reasoning", 45), ("coding", 25), ("writing", 15), ("chat", 10), ("analysis", 5)])
CATS_WRITER = cum_of([("writing", 55), ("analysis", 30), ("chat", 8), ("reasoning", 4), ("other", 3)])

# benign cot_elicitation by category: beta(a, b)
COT_BETA = {"chat": (1.1, 14), "writing": (1.1, 16), "coding": (1.5, 9), "reasoning": (2.4, 4.2),
            "analysis": (1.8, 6.5), "tool_use": (1.0, 20), "vision": (1.0, 15), "other": (1.0, 10)}


def cot_for(r, cat, boost=0.0):
    a, b = COT_BETA.get(cat, (1.0, 10))
    return clamp01(r.betavariate(a, b) + boost)


# ------------------------------------------------------------------ accounts
class Account:
    __slots__ = ("id", "frag", "created", "keys", "cc", "tz", "home", "ua", "n", "org", "pay", "mp", "adopt",
                 "ramp", "think_p", "sph", "stream_p", "locs", "extra", "first")

    def __init__(self):
        self.n = 0
        self.adopt = 0.0
        self.ramp = HOUR
        self.think_p = 0.05
        self.sph = "null"
        self.stream_p = 0.6
        self.locs = None
        self.extra = None
        self.home = None
        self.first = 0


class World:
    def __init__(self, seed, n_benign, hours):
        import random
        self.seed = seed
        self.B = n_benign
        self.H = hours
        self.t0 = T0
        self.t1 = T0 + int(round(hours * HOUR))
        rel_h = min(max(1.0, round(0.3 * hours)), hours * 0.5)
        self.rel = T0 + int(rel_h * HOUR)
        self.rows = []
        self.net = NET.Net(random.Random("%s:net" % seed))
        self.ids = set()
        self.owner = {}
        self.groups = {}
        self.campaigns = {}
        self.accounts = []
        self._htab = {}
        self.Random = random.Random

    # ---------------- ids
    def _uid(self, r, prefix, bits):
        while True:
            s = "%s%0*x" % (prefix, bits // 4, r.getrandbits(bits))
            if s not in self.ids:
                self.ids.add(s)
                return s

    def org_id(self, r):
        return self._uid(r, "org_", 40)

    def pay_fp(self, r):
        return self._uid(r, "pm_", 64)

    def new_account(self, r, created, org=None, pay=None, nkeys=1, owner=("b", None), cc="US", tz=0):
        a = Account()
        a.id = self._uid(r, "acct_", 48)
        a.created = int(created)
        a.org = org
        a.pay = pay
        a.keys = [self._uid(r, "key_", 40) for _ in range(max(1, nkeys))]
        a.frag = '"account_id":"%s","org_id":%s,"account_created_at":"%s","payment_fingerprint":%s' % (
            a.id, "null" if org is None else '"%s"' % org, iso(a.created),
            "null" if pay is None else '"%s"' % pay)
        a.cc = cc
        a.tz = tz
        self.owner[a.id] = owner
        self.accounts.append(a)
        if owner[0] == "b" and owner[1] is not None:
            self.groups[owner[1]][1].append(a)
        elif owner[0] == "c":
            self.campaigns[owner[1]]["accts"].append(a)
        return a

    def add_group(self, name, kind):
        self.groups[name] = [kind, []]
        return name

    def add_campaign(self, cid, kind, desc):
        self.campaigns[cid] = {"kind": kind, "description": desc, "accts": []}
        return cid

    # ---------------- time
    def hour_table(self, tz, prof):
        key = (tz, prof)
        t = self._htab.get(key)
        if t is None:
            p = PROFILES[prof]
            nh = int(math.ceil((self.t1 - self.t0) / HOUR))
            base = self.t0 / HOUR + tz
            ws = []
            for j in range(nh):
                w = p[int(base + j) % 24]
                frac = min(1.0, (self.t1 - (self.t0 + j * HOUR)) / HOUR)
                ws.append(w * frac)
            t = list(accumulate(ws))
            self._htab[key] = t
        return t

    def activity(self, tz, prof):
        t = self.hour_table(tz, prof)
        return t[-1] / max(1e-9, (self.t1 - self.t0) / HOUR)

    def sample_t(self, r, tz, prof, lo=None, hi=None):
        if lo is not None:
            return int(lo + r.random() * (hi - lo))
        cum = self.hour_table(tz, prof)
        j = bisect(cum, r.random() * cum[-1])
        t = self.t0 + j * HOUR + int(r.random() * HOUR)
        return min(t, self.t1 - 1)

    # ---------------- model choice
    def model(self, r, a, t):
        if a.adopt > 0.0 and t >= self.rel:
            ramp = (t - self.rel) / a.ramp
            if r.random() < a.adopt * (1.0 if ramp >= 1.0 else ramp):
                return NEW_MODEL
        return pick(r, a.mp)

    # ---------------- the emitter
    def send(self, r, a, t, key, loc, ua, model, ep, itok, otok, stream, tools, turns, think, cat, cot, sh,
             sph, p429=0.0, perr=0.006):
        if t >= self.t1:
            return None
        itok = int(itok)
        if itok < 1:
            itok = 1
        if itok > 199000:
            itok = 199000 - int(r.random() * 3000)
        perf = MODEL_PERF[model]
        otok = int(otok)
        if otok < 1:
            otok = 1
        if otok > perf[4]:
            otok = perf[4] - int(r.random() * 50)
        x = r.random()
        p529 = 0.0025
        if model == NEW_MODEL and t < self.rel + 3 * HOUR:
            p529 = 0.03
        if x < p429:
            st, lat, otok = 429, r.randint(8, 95), 0
        elif x < p429 + p529:
            st, lat, otok = 529, r.randint(150, 4200), 0
        elif x < p429 + p529 + perr:
            st, lat, otok = 400, r.randint(15, 260), 0
        elif x < p429 + p529 + perr + 0.0004:
            st, lat, otok = 500, r.randint(800, 40000), 0
        else:
            st = 200
            if ep == "batch":
                lat = r.randint(25000, 2400000)
            else:
                ttft = perf[0] + r.random() * (perf[1] - perf[0]) + itok * (0.03 + 0.06 * r.random())
                if think:
                    ttft += 400 + 2600 * r.random()
                lat = int(ttft + otok * 1000.0 / (perf[2] + r.random() * (perf[3] - perf[2])))
        ts = t + lat
        if ts >= self.t1:
            return ts
        b = r.getrandbits(128)
        h = "%032x" % b
        line = ('{"event_id":"%s-%s-4%s-%s-%s","ts":"%s",%s,"api_key_id":"%s",%s,"user_agent":"%s",'
                '"model":"%s","endpoint":"%s","status":%d,"input_tokens":%d,"output_tokens":%d,'
                '"latency_ms":%d,"stream":%s,"tool_count":%d,"turns":%d,"thinking":%s,"task_category":"%s",'
                '"cot_elicitation":%.3f,"prompt_simhash":"%016x","system_prompt_hash":%s}') % (
            h[:8], h[8:12], h[13:16], "89ab"[b & 3] + h[17:20], h[20:32], iso(ts), a.frag, key, loc, ua, model,
            ep, st, itok, otok, lat, "true" if stream else "false", tools, turns, "true" if think else "false",
            cat, cot, sh, sph)
        self.rows.append((ts, line))
        if a.n == 0 or ts < a.first:
            a.first = ts
        a.n += 1
        return ts
