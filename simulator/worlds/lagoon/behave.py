"""Shared behaviour engines: session timing, human conversations, agent loops, worker pools."""
import math

from . import catalog as C
from .util import HOUR, MIN, DAY, poisson, flip, pick_cum, clamp01, table

STICK = 0.8


def mixture(rng, base, conc=1.5):
    cats = []
    ws = []
    for c, wt in base.items():
        cats.append(c)
        ws.append(wt * rng.gammavariate(conc, 1.0))
    return table(list(zip(cats, ws)))


def sdk_ua(rng, latest=False):
    x = rng.random()
    if x < .55:
        return "anthropic-python/" + (C.LATEST_PY if latest else pick_cum(rng, C.PY))
    if x < .88:
        return "anthropic-typescript/" + (C.LATEST_TS if latest else pick_cum(rng, C.TS))
    if x < .95:
        return "anthropic-go/" + pick_cum(rng, C.GO)
    return "anthropic-java/" + pick_cum(rng, C.JAVA)


def aged(w, rng, dmin, dmax):
    d = math.exp(rng.uniform(math.log(dmin), math.log(dmax)))
    return ((w.t0 - int(d * DAY)) // 1000) * 1000


def sec(t):
    return (t // 1000) * 1000


def starts(w, rng, off, curve, lam, lo=None, hi=None):
    """Session start times: Poisson per world hour with rate lam * curve[local hour]."""
    lo = w.t0 if lo is None else lo
    hi = w.t1 if hi is None else hi
    out = []
    nh = int(math.ceil((w.t1 - w.t0) / HOUR))
    for h in range(nh):
        b = w.t0 + h * HOUR
        if b + HOUR <= lo or b >= hi:
            continue
        n = poisson(rng, lam * curve[int((w.h0 + h + off) % 24)])
        for _ in range(n):
            t = b + int(rng.random() * HOUR)
            if lo <= t < hi:
                out.append(t)
    out.sort()
    return out


def one_start(w, rng, off, curve, lo=None, hi=None):
    lo = w.t0 if lo is None else lo
    hi = (w.t1 - 20 * MIN) if hi is None else hi
    if hi <= lo:
        hi = lo + MIN
    hs = []
    ws = []
    nh = int(math.ceil((w.t1 - w.t0) / HOUR))
    for h in range(nh):
        b = w.t0 + h * HOUR
        a0 = max(b, lo)
        a1 = min(b + HOUR, hi)
        if a1 <= a0:
            continue
        hs.append((a0, a1))
        ws.append((curve[int((w.h0 + h + off) % 24)] + 0.02) * (a1 - a0))
    if not hs:
        return lo
    a0, a1 = pick_cum(rng, table(list(zip(hs, ws))))
    return a0 + int(rng.random() * (a1 - a0))


def content(rng, cat, shift=0.0, si=1.0, so=1.0):
    m1, s1, m2, s2 = C.TOK[cat]
    tin = 4 + int(rng.lognormvariate(m1, s1) * si)
    tout = 1 + int(rng.lognormvariate(m2, s2) * so)
    a, b = C.COT[cat]
    c = clamp01(rng.betavariate(a, b) + shift)
    return (tin if tin < 190000 else 190000), (tout if tout < 32000 else 32000), round(c, 3)


def mk_tpl(rng, cat, ca, cb, kmin, kmax, tin_med, tin_sig, tout_med, tout_sig, think=0.0, tools=0):
    """A prompt template family: base SimHash, slot variation (bits flipped), content shape."""
    return (rng.getrandbits(64), cat, ca, cb, kmin, kmax - kmin + 1, math.log(tin_med), tin_sig,
            math.log(tout_med), tout_sig, think, tools)


def tpl_draw(rng, tp):
    sim = flip(rng, tp[0], tp[4] + rng.randrange(tp[5]))
    tin = 4 + int(rng.lognormvariate(tp[6], tp[7]))
    tout = 1 + int(rng.lognormvariate(tp[8], tp[9]))
    cot = round(clamp01(rng.betavariate(tp[2], tp[3])), 3)
    return sim, min(tin, 190000), min(tout, 32000), cot


class HP:
    """Profile of a conversational client (a person, a plugin user, a product backend...)."""
    __slots__ = ("mix", "cot", "think", "stream", "model", "stick", "adopt", "adopt_p", "sp", "sp_p", "ua", "ua2",
                 "ua2_p", "tools", "tools_p", "klen", "gap", "net", "greet", "tpl", "tpl_p", "newconv", "tin_s",
                 "tout_s")

    def __init__(self):
        self.mix = None
        self.cot = 0.0
        self.think = 0.0
        self.stream = 0.5
        self.model = "claude-sonnet-4-5"
        self.stick = STICK
        self.adopt = 0
        self.adopt_p = 0.8
        self.sp = None
        self.sp_p = 0.0
        self.ua = "anthropic-python/0.74.1"
        self.ua2 = "curl/8.5.0"
        self.ua2_p = 0.0
        self.tools = 2
        self.tools_p = 0.2
        self.klen = 5.0
        self.gap = 40.0
        self.net = None
        self.greet = False
        self.tpl = None
        self.tpl_p = 0.0
        self.newconv = 0.25
        self.tin_s = 1.0
        self.tout_s = 1.0


def pick_model(w, rng, p, t):
    if p.adopt and t >= p.adopt and rng.random() < p.adopt_p:
        return w.new_model
    if rng.random() < p.stick:
        return p.model
    return pick_cum(rng, C.MODELS)


def run_human(w, rng, a, p, sts, kfix=None):
    """Conversational sessions: wait for each answer, think, follow up or start afresh."""
    req = w.req
    for s in sts:
        ipt = p.net(rng)
        keys = a.keys
        key = keys[0] if len(keys) == 1 else keys[rng.randrange(len(keys))]
        k = kfix if kfix else 1 + int(rng.expovariate(1.0 / p.klen))
        stream = rng.random() < p.stream
        ua = p.ua2 if (p.ua2_p and rng.random() < p.ua2_p) else p.ua
        t = s
        turns = 0
        conv = 0
        cat = "chat"
        sph = None
        tp = None
        hist = 0
        for i in range(k):
            if p.greet and a.n == 0 and i == 0:
                conv = w.greeting(rng)
                turns = 1
                cat = "chat"
                tp = None
                sph = None
                tin = 8 + rng.randrange(12)
                tout = 10 + rng.randrange(50)
                cot = round(rng.random() * 0.03, 3)
                think = False
                tools = 0
                hist = 0
            else:
                if turns == 0 or rng.random() < p.newconv:
                    turns = 1
                    hist = 0
                    sph = p.sp if (p.sp and rng.random() < p.sp_p) else None
                    if p.tpl and rng.random() < p.tpl_p:
                        tp = p.tpl[rng.randrange(len(p.tpl))]
                        cat = tp[1]
                    else:
                        tp = None
                        conv = rng.getrandbits(64)
                        cat = pick_cum(rng, p.mix)
                else:
                    turns += 2
                if tp is not None:
                    s2, tin, tout, cot = tpl_draw(rng, tp)
                    conv = s2 if turns == 1 else flip(rng, conv, 1 + rng.randrange(3))
                    think = rng.random() < (tp[10] or p.think)
                    tools = tp[11]
                else:
                    if turns > 1:
                        conv = flip(rng, conv, 1 + rng.randrange(3))
                    tin, tout, cot = content(rng, cat, p.cot, p.tin_s, p.tout_s)
                    think = rng.random() < p.think
                    tools = 0
                    if cat == "tool_use":
                        tools = p.tools if p.tools else 1 + rng.randrange(5)
                    elif cat == "coding" and rng.random() < p.tools_p:
                        tools = p.tools
                tin += hist
                if tin > 195000:
                    tin = 195000
                if think:
                    tout += 150 + int(rng.lognormvariate(7.0, 0.8))
            model = pick_model(w, rng, p, t)
            done = req(a, t, key, ipt, ua, model, "messages", stream, tools, turns, think, cat, cot, conv, sph,
                       tin, tout)
            if done is None:
                break
            hist = tin + tout
            t = done + int(1000 * rng.lognormvariate(math.log(p.gap), 0.8))


def ensure(w, rng, a, p, off, curve, tries=3):
    """Every listed benign account is active at least once in the window."""
    while a.n == 0 and tries > 0:
        tries -= 1
        run_human(w, rng, a, p, [one_start(w, rng, off, curve, w.t0, w.t1 - 40 * MIN)], kfix=1)


def run_workers(w, rng, a, start, conc, n, make, retries=4):
    """A pool of conc sequential workers sharing n requests (eval harnesses, scripts)."""
    req = w.req
    for wk in range(conc):
        t = start + int(rng.uniform(0, 3000))
        for j in range(wk, n, conc):
            args = make(rng, j, wk, t)
            done = req(a, t, *args, retries=retries)
            if done is None:
                break
            t = done + int(rng.uniform(20, 700))
