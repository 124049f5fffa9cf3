"""Reusable behaviours: user agents, persona profiles, chat sessions, agent loops,
templated jobs."""
import math

from .traffic import GREETINGS, GREET_W, cum, flip

DAY = 86400.0
CATS = ("chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other")

PY_VERSIONS = list(range(58, 79))
PY_W = [1.0 + 0.35 * i * i / 10 for i in range(len(PY_VERSIONS))]
TS_VERSIONS = list(range(50, 72))
TS_W = [1.0 + 0.35 * i * i / 10 for i in range(len(TS_VERSIONS))]


def py_ua(rng, fresh=False):
    if fresh:
        v = rng.choice(PY_VERSIONS[-3:])
    else:
        v = rng.choices(PY_VERSIONS, PY_W)[0]
    return "anthropic-python/0.%d.%d" % (v, rng.randint(0, 2 if v > 74 else 3))


def ts_ua(rng, fresh=False):
    if fresh:
        v = rng.choice(TS_VERSIONS[-3:])
    else:
        v = rng.choices(TS_VERSIONS, TS_W)[0]
    return "anthropic-typescript/0.%d.%d" % (v, rng.randint(0, 4))


def sdk_ua(rng, fresh=False, official_only=False):
    r = rng.random()
    if official_only:
        r *= 0.83
    if r < 0.50:
        return py_ua(rng, fresh)
    if r < 0.76:
        return ts_ua(rng, fresh)
    if r < 0.79:
        return "anthropic-go/1.%d.%d" % (rng.randint(4, 19), rng.randint(0, 3))
    if r < 0.81:
        return "anthropic-java/2.%d.%d" % (rng.randint(2, 11), rng.randint(0, 2))
    if r < 0.83:
        return "anthropic-ruby/1.%d.%d" % (rng.randint(5, 14), rng.randint(0, 2))
    if r < 0.855:
        return "curl/8.%d.%d" % (rng.randint(4, 17), rng.randint(0, 1))
    if r < 0.88:
        return "python-httpx/0.%d.%d" % (rng.choice((27, 28, 28)), rng.randint(0, 2))
    if r < 0.92:
        return "langchain-anthropic/0.3.%d" % rng.randint(5, 25)
    if r < 0.95:
        return "litellm/1.%d.%d" % (rng.randint(60, 82), rng.randint(0, 9))
    if r < 0.98:
        return "ai-sdk/anthropic/2.0.%d" % rng.randint(10, 60)
    return "python-requests/2.32.%d" % rng.randint(0, 5)


class P:
    """A persona profile: free-form attributes used by the session functions."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    def set_mix(self, mix):
        self.cats = [c for c, _ in mix]
        self.ccw = cum([w for _, w in mix])

    def set_sph(self, opts):
        self.sphs = [s for s, _ in opts]
        self.scw = cum([w for _, w in opts])


def rand_mix(rng, base, conc=1.0):
    """Personal perturbation of a category mix."""
    return [(c, w * math.exp(rng.gauss(0, conc))) for c, w in base if w > 0]


def sph_str(h):
    return '"%016x"' % h


def age_created(rng, median_days, sigma=1.0, min_days=0.2, max_days=1200):
    d = math.exp(rng.gauss(math.log(median_days), sigma))
    d = min(max(d, min_days), max_days)
    return -d * DAY - rng.random() * 3600


def geo(rng, mean):
    """Geometric count >= 1 with given mean."""
    if mean <= 1:
        return 1
    p = 1.0 / mean
    return 1 + int(math.log(1 - rng.random()) / math.log(1 - p))


def lognorm(rng, median, sigma):
    return median * math.exp(rng.gauss(0, sigma))


def greeting(W, rng, a, t, ip, model=None):
    sim = rng.choices(GREETINGS, GREET_W)[0]
    model = model or W.pick_model(rng, a, t)
    return W.req(rng, a, t, ip, model, "chat", 8 + rng.randrange(14), 8 + rng.randrange(40),
                 rng.random() * 0.03, sim, "null", turns=1)


def chat_session(W, rng, a, p, t):
    """Human conversational session. Profile fields: ipf, cats/ccw, cot, think, stream,
    sphs/scw, slen, gap, tmpl (list of (base,lo,hi)) + tmpl_p, newconv, tools."""
    ip = p.ipf(rng, t)
    n = geo(rng, p.slen)
    T = W.T
    turn = 1
    ctx = 0
    cat = None
    for i in range(n):
        if cat is None:
            cat = rng.choices(p.cats, cum_weights=p.ccw)[0]
            model = W.pick_model(rng, a, t)
            think = rng.random() < p.think
            stream = rng.random() < p.stream
            sph = rng.choices(p.sphs, cum_weights=p.scw)[0]
            if p.tmpl and rng.random() < p.tmpl_p:
                base, lo, hi = rng.choice(p.tmpl)
                sim = flip(rng, base, rng.randint(lo, hi))
                templ = True
            else:
                sim = rng.getrandbits(64)
                templ = False
            turn, ctx = 1, 0
        tin, tout, cot = W.sample(rng, cat, p.cot, think=think)
        if templ and p.tmpl_cot is not None:
            cot = min(1.0, max(0.0, p.tmpl_cot + rng.gauss(0, 0.08)))
        te = W.req(rng, a, t, ip, model, cat, tin + ctx, tout, cot, sim, sph, tools=p.tools,
                   turns=turn, stream=stream, think=think)
        ctx += tin + (tout if not think else tout // 3)
        turn += 2
        sim = flip(rng, sim, rng.randint(6, 16))
        t = te + lognorm(rng, p.gap, 0.9)
        if t >= T:
            break
        if rng.random() < p.newconv:
            cat = None
    return t


def agent_task(W, rng, a, p, t):
    """IDE / agent loop. Profile fields: ipf, tools (lo,hi), asph, steps, side_sph, cot."""
    ip = p.ipf(rng, t)
    T = W.T
    model = W.pick_model(rng, a, t)
    if model.startswith("claude-3-5-haiku") or model == "claude-haiku-4-5":
        model = "claude-sonnet-4-5"
    if p.side_sph and rng.random() < 0.6:
        t = W.req(rng, a, t, ip, "claude-haiku-4-5", "other", 60 + rng.randrange(400),
                  5 + rng.randrange(30), rng.random() * 0.05, rng.getrandbits(64), p.side_sph,
                  turns=1, stream=False) + rng.random() * 0.5
    tools = rng.randint(*p.tools)
    steps = max(2, int(lognorm(rng, p.steps, 0.7)))
    ctx = int(lognorm(rng, p.ctx0, 0.4))
    sim = rng.getrandbits(64)
    turn = 1
    think = rng.random() < p.think
    rot = getattr(p, "rotate", False)
    for s in range(steps):
        if rot:
            ip = p.ipf(rng, t)
        out = int(lognorm(rng, 260, 0.9)) + 5
        if think:
            out = int(out * (1.5 + rng.random() * 2))
        cat = "tool_use" if rng.random() < p.tool_share else "coding"
        cot = rng.betavariate(1.0, 22.0) + p.cot
        te = W.req(rng, a, t, ip, model, cat, ctx, out, min(1.0, max(0.0, cot)), sim, p.asph,
                   tools=tools, turns=turn, stream=True, think=think)
        ctx += out + int(lognorm(rng, 700, 1.2))
        if ctx > 185000:
            ctx = int(lognorm(rng, 28000, 0.3))
            sim = flip(rng, sim, rng.randint(10, 20))
        turn += 2
        sim = flip(rng, sim, rng.randint(1, 5))
        if p.count_tokens and rng.random() < 0.05:
            W.req(rng, a, te + 0.05, ip, model, cat, ctx, 0, 0.0, sim, p.asph, tools=tools,
                  turns=turn, ep="count_tokens")
        gap = lognorm(rng, p.gap, 0.8)
        if rng.random() < p.pause:
            gap += lognorm(rng, 70, 1.0)
        t = te + gap
        if t >= T:
            break
    return t


def templ_call(W, rng, a, t, ip, model, cat, tmpl, cot_mu, sph, out_mult=1.0, in_mult=1.0,
               tools=0, stream=False, think=False, ep="messages", key=None, cot_sd=0.06):
    base, lo, hi = tmpl
    sim = flip(rng, base, rng.randint(lo, hi))
    tin, tout, _ = W.sample(rng, cat, 0.0, in_mult, out_mult, think)
    cot = cot_mu + rng.gauss(0, cot_sd)
    cot = 0.0 if cot < 0 else (1.0 if cot > 1 else cot)
    return W.req(rng, a, t, ip, model, cat, tin, tout, cot, sim, sph, tools=tools,
                 stream=stream, think=think, ep=ep, key=key)


def make_templates(rng, n, lo=1, hi=6):
    out = []
    for _ in range(n):
        a = rng.randint(lo, hi)
        out.append((rng.getrandbits(64), max(0, a - rng.randint(0, 2)), a + rng.randint(0, 3)))
    return out
