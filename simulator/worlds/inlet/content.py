"""What requests look like: models and their speed, client identifiers,
task mixes, token sizes, reasoning elicitation, greetings, daily rhythms, and
the generic session engine used by humans and their tools."""

import math

from .core import MS_H, MS_M, Req, Cum, Family, flip_bits, lognorm, wchoice

# model -> (time to first token ms, output tokens / s)
MODELS = {
    "claude-haiku-4-5": (380, 165.0),
    "claude-sonnet-4-5": (850, 78.0),
    "claude-sonnet-4": (800, 70.0),
    "claude-opus-4-1": (1700, 36.0),
    "claude-3-5-haiku": (420, 120.0),
}
NEW_MODEL = "claude-opus-5"
NEW_MODEL_SPEED = (1500, 48.0)

CATS = ("chat", "coding", "reasoning", "tool_use", "writing", "analysis",
        "vision", "other")

# ---------------------------------------------------------------------------
# client identifiers

PY_VERS = [("0.74.1", 9), ("0.74.0", 5), ("0.73.0", 6), ("0.72.1", 4),
           ("0.71.0", 3), ("0.69.0", 2), ("0.64.0", 1.5), ("0.57.1", 1),
           ("0.49.0", 0.6), ("0.40.0", 0.3)]
TS_VERS = [("0.68.0", 8), ("0.67.1", 5), ("0.66.0", 3), ("0.65.0", 2),
           ("0.60.0", 1), ("0.54.0", 0.6)]
GO_VERS = [("1.17.0", 3), ("1.16.2", 2), ("1.14.0", 1)]
JAVA_VERS = [("2.10.0", 2), ("2.9.1", 1.5), ("2.6.0", 1)]
CLI_VERS = [("2.0.%d" % v, w) for v, w in
            ((44, 8), (43, 6), (42, 4), (41, 3), (37, 2), (31, 1.5), (25, 1),
             (14, 0.5))]


def sdk_ua(rng, mix=None):
    mix = mix or (("py", 55), ("ts", 28), ("go", 5), ("java", 4), ("curl", 2),
                  ("requests", 2.5), ("lc", 3.5))
    k = wchoice(rng, mix)
    if k == "py":
        return "anthropic-python/" + wchoice(rng, PY_VERS)
    if k == "ts":
        return "anthropic-typescript/" + wchoice(rng, TS_VERS)
    if k == "go":
        return "anthropic-go/" + wchoice(rng, GO_VERS)
    if k == "java":
        return "anthropic-java/" + wchoice(rng, JAVA_VERS)
    if k == "curl":
        return rng.choice(("curl/8.5.0", "curl/8.7.1", "curl/7.81.0",
                           "curl/8.11.1"))
    if k == "requests":
        return rng.choice(("python-requests/2.32.3", "python-requests/2.31.0",
                           "python-httpx/0.28.1"))
    return "langchain-anthropic/0.3.%d anthropic-python/%s" % (
        rng.randint(8, 19), wchoice(rng, PY_VERS))


def cli_ua(rng, vers=None):
    return "claude-cli/%s (external, cli)" % (vers or wchoice(rng, CLI_VERS))


# ---------------------------------------------------------------------------
# daily rhythms (local hour -> relative intensity)

OFFICE = [0.03, 0.02, 0.02, 0.02, 0.02, 0.04, 0.1, 0.3, 0.7, 0.95, 1.0, 1.0,
          0.8, 0.95, 1.0, 0.95, 0.85, 0.6, 0.35, 0.25, 0.2, 0.15, 0.1, 0.05]
EVENING = [0.35, 0.2, 0.1, 0.05, 0.03, 0.03, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3,
           0.35, 0.3, 0.3, 0.3, 0.35, 0.45, 0.65, 0.85, 1.0, 1.0, 0.85, 0.6]
DAYLONG = [0.12, 0.06, 0.04, 0.03, 0.03, 0.05, 0.12, 0.3, 0.55, 0.75, 0.85,
           0.9, 0.85, 0.9, 0.9, 0.85, 0.8, 0.75, 0.75, 0.8, 0.85, 0.75, 0.5,
           0.25]
STUDENT = [0.55, 0.35, 0.18, 0.08, 0.04, 0.03, 0.04, 0.08, 0.2, 0.35, 0.5, 0.55,
           0.5, 0.6, 0.7, 0.75, 0.75, 0.7, 0.7, 0.8, 0.9, 1.0, 0.95, 0.8]
NIGHT = [0.9, 1.0, 1.0, 0.9, 0.7, 0.4, 0.2, 0.15, 0.15, 0.2, 0.25, 0.3, 0.3,
         0.3, 0.3, 0.3, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8]
FLAT = [1.0] * 24
# users of a product spread over many time zones
GLOBAL = [0.55, 0.5, 0.45, 0.45, 0.5, 0.55, 0.65, 0.75, 0.85, 0.9, 0.95, 1.0,
          1.0, 1.0, 1.0, 0.95, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6]


def poisson_times(rng, t0, t1, rate_h, curve, tz, weekend=1.0, bursts=None):
    """Non-homogeneous Poisson arrivals by thinning. rate_h is the rate at
    curve value 1. bursts: list of (b0, b1, factor) multiplying intensity."""
    if t1 <= t0 or rate_h <= 0:
        return []
    bmax = 1.0
    if bursts:
        for b in bursts:
            bmax = max(bmax, b[2])
    cmax = max(curve) * bmax * max(1.0, weekend)
    lam = rate_h * cmax / MS_H
    out = []
    t = t0
    while True:
        t += rng.expovariate(lam)
        if t >= t1:
            break
        lt = t / MS_H + tz
        h = int(lt % 24)
        v = curve[h]
        if weekend != 1.0 and (int(lt // 24) + 3) % 7 >= 5:
            v *= weekend
        if bursts:
            for b0, b1, f in bursts:
                if b0 <= t < b1:
                    v *= f
        if rng.random() * cmax < v:
            out.append(int(t))
    return out


def one_time(rng, t0, t1, curve, tz):
    """One arrival weighted by the rhythm (used to guarantee activity)."""
    for _ in range(200):
        t = t0 + rng.random() * (t1 - t0)
        h = int((t / MS_H + tz) % 24)
        if rng.random() * max(curve) < curve[h]:
            return int(t)
    return int(t0 + rng.random() * (t1 - t0))


# ---------------------------------------------------------------------------
# sizes, speed, reasoning elicitation

# category -> (input median, sigma, output median, sigma)
TOK = {
    "chat": (180, 0.9, 260, 0.8),
    "coding": (1400, 1.0, 700, 0.8),
    "reasoning": (350, 0.9, 1100, 0.8),
    "tool_use": (9000, 0.9, 260, 0.9),
    "writing": (320, 0.9, 900, 0.7),
    "analysis": (5000, 1.1, 650, 0.7),
    "vision": (1700, 0.4, 300, 0.7),
    "other": (400, 1.0, 300, 0.9),
}

# category -> beta parameters of the classifier's cot score for ordinary use
COT = {
    "chat": (1.0, 14.0), "coding": (1.3, 9.0), "reasoning": (2.2, 3.2),
    "tool_use": (1.0, 22.0), "writing": (1.0, 16.0), "analysis": (1.6, 6.5),
    "vision": (1.0, 14.0), "other": (1.0, 12.0),
}


def cot_score(rng, cat, boost=0.0):
    a, b = COT[cat]
    v = rng.betavariate(a, b)
    if boost > 0 and rng.random() < boost:
        v = max(v, rng.betavariate(5.0, 2.2))
    return v


def speed(model):
    if model == NEW_MODEL:
        return NEW_MODEL_SPEED
    return MODELS.get(model, (900, 70.0))


def latency(rng, model, inp, out, thinking=False, batch=False):
    if batch:
        return int(lognorm(rng, 240000, 1.0, 20000, 6 * MS_H))
    ttft, tps = speed(model)
    tt = ttft * math.exp(rng.gauss(0, 0.35)) + inp * 0.012
    if thinking:
        tt += rng.uniform(500, 3000)
    gen = out / (tps * math.exp(rng.gauss(0, 0.2))) * 1000.0
    return int(tt + gen + rng.uniform(20, 120))


def tokens(rng, cat, sin=1.0, sout=1.0):
    mi, si, mo, so = TOK[cat]
    inp = int(lognorm(rng, mi * sin, si, 4, 190000))
    out = int(lognorm(rng, mo * sout, so, 1, 32000))
    return inp, out


# ---------------------------------------------------------------------------
# per-world shared content: greetings, popular system prompts, templates


class Content:
    def __init__(self, rng, ids):
        self.rng = rng
        # normalised greetings are identical for everyone
        texts = [("hi", 30), ("hello", 20), ("test", 14), ("hey", 9),
                 ("hello claude", 6), ("ping", 3), ("hi there", 5),
                 ("testing", 4), ("say hello", 3), ("what can you do", 6)]
        self.greet = Cum([(rng.getrandbits(64), w) for _, w in texts])

    def greeting(self, rng):
        return self.greet.pick(rng)

    def families(self, rng, n, lo, hi):
        return [Family(rng.getrandbits(64), lo, hi) for _ in range(n)]


# ---------------------------------------------------------------------------
# generic session engine


class Persona:
    """Parameters of a human (or human-driven tool) client. Groups override."""

    def __init__(self, **kw):
        self.curve = DAYLONG
        self.tz = 0.0
        self.weekend = 0.6
        self.rate = 0.5                 # sessions / hour at rhythm peak
        self.bursts = None
        self.turns_mean = 3.0
        self.turns_max = 40
        self.think = (15, 240)          # seconds between turns (human)
        self.cats = Cum([("chat", 1)])
        self.models = Cum([("claude-sonnet-4-5", 1)])
        self.adopt_t = None             # switches to the new model at
        self.adopt_p = 0.0              # ... with this share of sessions
        self.uas = [("anthropic-python/0.74.1", 1)]
        self.keys = None
        self.stream_p = 0.5
        self.thinking_p = 0.05
        self.tools_p = 0.05
        self.tools_rng = (1, 6)
        self.sp = None                  # list of (hash, weight)
        self.sp_p = 0.0
        self.fams = None                # list of Family
        self.fam_p = 0.0
        self.fam_cats = None            # categories for templated prompts
        self.boost = 0.0                # step-by-step tendency
        self.sin = 1.0
        self.sout = 1.0
        self.batch_p = 0.0
        self.greet_first = False
        self.agentic = False            # tool loops with growing context
        self.agent_step = (1.0, 8.0)    # seconds between agent steps
        self.t0 = None
        self.t1 = None
        self.net = None
        self.min_one = True
        for k, v in kw.items():
            setattr(self, k, v)


def run_persona(rng, acct, P, world):
    """Plan one account's requests from its persona."""
    t0 = max(world.t0, P.t0 if P.t0 is not None else world.t0, acct.created)
    t1 = min(world.t_end, P.t1 if P.t1 is not None else world.t_end)
    reqs = []
    if t1 <= t0:
        return reqs
    starts = poisson_times(rng, t0, t1, P.rate, P.curve, P.tz, P.weekend,
                           P.bursts)
    if not starts and P.min_one:
        starts = [one_time(rng, t0, t1, P.curve, P.tz)]
    uas = Cum(P.uas) if len(P.uas) > 1 else None
    ua_fixed = P.uas[0][0]
    sps = Cum(P.sp) if P.sp else None
    keys = P.keys or acct.keys
    first = True
    for s in starts:
        ua = uas.pick(rng) if uas else ua_fixed
        key = keys[0] if len(keys) == 1 else keys[rng.randrange(len(keys))]
        addr = P.net.session(rng, s)
        t = s
        if first and P.greet_first:
            first = False
            sh = world.content.greeting(rng)
            inp = rng.randint(8, 24)
            out = rng.randint(9, 45)
            model = P.models.pick(rng)
            lat = latency(rng, model, inp, out)
            reqs.append(Req(t, key, addr, ua, model, "messages", inp, out, lat,
                            rng.random() < P.stream_p, 0, 1, False, "chat",
                            rng.betavariate(1, 30), sh, None))
            t += lat + int(rng.uniform(*P.think) * 1000)
            if rng.random() < 0.35:
                continue
        first = False
        model = P.models.pick(rng)
        if P.adopt_t is not None and s >= P.adopt_t and rng.random() < P.adopt_p:
            model = NEW_MODEL
        templated = P.fams is not None and rng.random() < P.fam_p
        if templated and P.fam_cats is not None:
            cat = P.fam_cats.pick(rng)
        else:
            cat = P.cats.pick(rng)
        fam = P.fams[rng.randrange(len(P.fams))] if templated else None
        sp = sps.pick(rng) if (sps and rng.random() < P.sp_p) else None
        stream = rng.random() < P.stream_p
        thinking = rng.random() < P.thinking_p
        if P.agentic or cat == "tool_use":
            tools = rng.randint(*P.tools_rng)
        elif rng.random() < P.tools_p:
            tools = rng.randint(1, 6)
        else:
            tools = 0
        endpoint = "batch" if rng.random() < P.batch_p else "messages"
        if endpoint == "batch":
            stream = False
        # number of turns: geometric with the persona's mean
        if P.agentic:
            nt = 1 + int(rng.expovariate(1.0 / max(0.1, P.turns_mean - 1)))
        else:
            nt = 1 + int(rng.expovariate(1.0 / max(0.05, P.turns_mean - 1))) \
                if P.turns_mean > 1 else 1
        nt = min(nt, P.turns_max)
        sess_base = rng.getrandbits(64)
        ctx = 0
        boost = P.boost
        for k in range(nt):
            inp, out = tokens(rng, cat, P.sin, P.sout)
            if P.agentic:
                if k == 0:
                    ctx = inp + rng.randint(4000, 16000)
                else:
                    ctx += out + int(lognorm(rng, 1800, 1.0, 50, 40000))
                    if ctx > 185000:       # compaction
                        ctx = rng.randint(20000, 50000)
                inp = ctx
                sh = flip_bits(sess_base, rng.randint(3, 12), rng)
            else:
                inp += ctx
                if fam is not None:
                    sh = fam.draw(rng) if k == 0 else rng.getrandbits(64)
                else:
                    sh = rng.getrandbits(64)
                ctx = min(180000, inp + out)
            if thinking:
                out = int(out * rng.uniform(1.3, 2.6))
            cot = cot_score(rng, cat, boost if k == 0 or not P.agentic else 0)
            lat = latency(rng, model, inp, out, thinking, endpoint == "batch")
            addr_r = P.net.request(rng, t, addr)
            reqs.append(Req(t, key, addr_r, ua, model, endpoint, inp, out, lat,
                            stream, tools, 1 + 2 * k, thinking, cat, cot, sh,
                            sp))
            if P.agentic:
                t += lat + int(rng.uniform(*P.agent_step) * 1000)
                if rng.random() < 0.12:
                    t += int(rng.uniform(*P.think) * 1000)
            else:
                t += lat + int(rng.uniform(*P.think) * 1000)
            if t >= t1:
                break
    return reqs
