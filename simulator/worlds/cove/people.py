"""Actors (anything that sends requests on behalf of one account) and the human session engine."""
from .core import (NEW_MODEL, WChoice, beta, clamp, flip, geometric, lognorm, mkreq,
                   tok_in, tok_out)

# --------------------------------------------------------------------------- geography

TZ = {
    "US": [(-5, 0.48), (-6, 0.27), (-7, 0.07), (-8, 0.18)], "CA": [(-5, 0.6), (-8, 0.25), (-7, 0.15)],
    "BR": [(-3, 1)], "MX": [(-6, 1)], "AR": [(-3, 1)], "GB": [(0, 1)], "IE": [(0, 1)], "DE": [(1, 1)],
    "FR": [(1, 1)], "NL": [(1, 1)], "BE": [(1, 1)], "ES": [(1, 1)], "IT": [(1, 1)], "PL": [(1, 1)],
    "SE": [(1, 1)], "CH": [(1, 1)], "FI": [(2, 1)], "IL": [(2, 1)], "TR": [(3, 1)], "UA": [(2, 1)],
    "KE": [(3, 1)], "NG": [(1, 1)], "IN": [(5.5, 1)], "SG": [(8, 1)], "PH": [(8, 1)], "TW": [(8, 1)],
    "ID": [(7, 1)], "VN": [(7, 1)], "JP": [(9, 1)], "KR": [(9, 1)], "AU": [(11, 0.75), (10.5, 0.1), (8, 0.15)],
}
TZW = {cc: WChoice(v) for cc, v in TZ.items()}

COUNTRY_W = WChoice({
    "US": 28, "IN": 8, "GB": 6, "DE": 5, "FR": 4, "CA": 4, "BR": 4, "JP": 3.5, "KR": 3, "AU": 3,
    "NL": 2, "ES": 2, "IT": 2, "PL": 1.5, "SE": 1, "CH": 1, "IL": 1, "TR": 1.2, "UA": 1, "MX": 2,
    "AR": 1, "SG": 1.5, "PH": 1.5, "ID": 1.5, "VN": 1, "TW": 1, "KE": 0.5, "NG": 0.8,
})


def pick_tz(rng, cc):
    wc = TZW.get(cc)
    return wc.pick(rng) if wc else 0


# --------------------------------------------------------------------------- diurnal profiles (local hour)

OFFICE = [0.05, 0.03, 0.02, 0.02, 0.02, 0.04, 0.1, 0.25, 0.6, 0.9, 1.0, 1.0, 0.8, 0.9, 1.0, 1.0,
          0.9, 0.7, 0.45, 0.35, 0.3, 0.25, 0.15, 0.08]
EVENING = [0.25, 0.12, 0.06, 0.03, 0.02, 0.03, 0.06, 0.15, 0.25, 0.3, 0.35, 0.4, 0.45, 0.4, 0.4, 0.4,
           0.45, 0.55, 0.7, 0.85, 1.0, 1.0, 0.8, 0.5]
MIXED = [(a + b) / 2 for a, b in zip(OFFICE, EVENING)]
NIGHT = [0.9, 1.0, 0.9, 0.7, 0.45, 0.25, 0.12, 0.08, 0.08, 0.12, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55,
         0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]
APP = [0.35 + 0.65 * x for x in MIXED]
FLAT = [1.0] * 24
STRICT_OFFICE = [0.0] * 8 + [0.6, 1.0, 1.0, 1.0, 0.7, 0.9, 1.0, 1.0, 0.9, 0.5] + [0.0] * 6

PROFILES = {"office": OFFICE, "evening": EVENING, "mixed": MIXED, "night": NIGHT, "app": APP,
            "flat": FLAT, "strict_office": STRICT_OFFICE}

# --------------------------------------------------------------------------- user agents

PY_VERS = WChoice([("0.74.1", 10), ("0.74.0", 6), ("0.73.0", 8), ("0.72.1", 6), ("0.71.0", 5),
                   ("0.69.0", 4), ("0.68.0", 3), ("0.64.0", 3), ("0.57.1", 2), ("0.49.0", 2), ("0.40.0", 1)])
TS_VERS = WChoice([("0.68.0", 8), ("0.67.1", 6), ("0.66.0", 4), ("0.65.0", 4), ("0.62.0", 3),
                   ("0.57.0", 2), ("0.54.0", 2), ("0.39.0", 1)])
GO_VERS = WChoice([("1.14.0", 5), ("1.13.0", 3), ("1.9.1", 2)])
JAVA_VERS = WChoice([("2.10.0", 3), ("2.8.1", 2), ("2.5.0", 1)])
OTHER_UA = WChoice([("curl/8.5.0", 3), ("curl/7.81.0", 2), ("curl/8.7.1", 1), ("python-requests/2.32.3", 4),
                    ("python-requests/2.31.0", 2), ("python-httpx/0.28.1", 3), ("python-httpx/0.27.2", 2),
                    ("axios/1.7.9", 2), ("okhttp/4.12.0", 1), ("Go-http-client/2.0", 2),
                    ("node-fetch/3.3.2", 1)])
FRAMEWORK_UA = WChoice([("langchain-anthropic/0.3.19 anthropic-python/0.72.1", 4),
                        ("langchain-anthropic/0.3.17 anthropic-python/0.69.0", 2),
                        ("litellm/1.77.5", 4), ("litellm/1.74.9", 2),
                        ("ai-sdk/anthropic/2.0.23", 3), ("llama-index-llms-anthropic/0.8.6 anthropic-python/0.71.0", 1)])
MOBILE_UA = WChoice([("okhttp/4.12.0", 4), ("Dart/3.5 (dart:io)", 2), ("anthropic-typescript/0.67.1", 2),
                     ("CFNetwork/1568.100.1 Darwin/24.0.0", 2), ("Ktor client", 1)])


def py_ua(rng):
    return "anthropic-python/" + PY_VERS.pick(rng)


def ts_ua(rng):
    return "anthropic-typescript/" + TS_VERS.pick(rng)


def sdk_ua(rng, other_p=0.06):
    u = rng.random()
    if u < other_p:
        return OTHER_UA.pick(rng)
    u = rng.random()
    if u < 0.56:
        return py_ua(rng)
    if u < 0.87:
        return ts_ua(rng)
    if u < 0.93:
        return "anthropic-go/" + GO_VERS.pick(rng)
    if u < 0.98:
        return "anthropic-java/" + JAVA_VERS.pick(rng)
    return "anthropic-ruby/1.13.0"


# --------------------------------------------------------------------------- models

MODELS_DEFAULT = WChoice({"claude-sonnet-4-5": 48, "claude-haiku-4-5": 20, "claude-opus-4-1": 9,
                          "claude-sonnet-4": 9, "claude-3-7-sonnet": 6, "claude-3-5-haiku": 8})
MODELS_DEV = WChoice({"claude-sonnet-4-5": 58, "claude-opus-4-1": 16, "claude-haiku-4-5": 10,
                      "claude-sonnet-4": 9, "claude-3-7-sonnet": 7})
MODELS_CHEAP = WChoice({"claude-haiku-4-5": 50, "claude-3-5-haiku": 30, "claude-sonnet-4-5": 20})
MODELS_HEAVY = WChoice({"claude-opus-4-1": 40, "claude-sonnet-4-5": 50, "claude-sonnet-4": 10})

# per-category cot_elicitation (beta a, b) for ordinary prompts
COT_AB = {"chat": (1.0, 10.0), "coding": (1.2, 7.0), "reasoning": (2.6, 3.2), "tool_use": (1.0, 14.0),
          "writing": (1.0, 11.0), "analysis": (1.4, 6.0), "vision": (1.0, 12.0), "other": (1.0, 9.0)}


class Actor:
    """Behavioural parameters of one account's traffic source."""

    def __init__(self, acct, net, ua, prof="mixed", label="benign"):
        self.acct = acct
        self.net = net
        self.ua = ua
        self.prof = prof
        self.label = label
        self.rate_day = 2.0
        self.cps = 1.5          # conversations per session (mean)
        self.tpc = 3.0          # turns per conversation (mean)
        self.gap = 45.0         # median seconds between turns (reading/typing)
        self.gap_sigma = 0.8
        self.conv_gap = 150.0
        self.cats = WChoice({"chat": 1})
        self.step_p = 0.05      # probability a prompt explicitly asks for step-by-step reasoning
        self.step_ab = (5.0, 2.3)
        self.think_p = 0.05
        self.stream_p = 0.6
        self.tool_p = 0.05
        self.tool_lo, self.tool_hi = 1, 4
        self.sys = []
        self.sys_p = 0.0
        self.sys_tok = 400
        self.fams = []
        self.fam_p = 0.0
        self.common = None      # shared list of globally common prompt families
        self.common_p = 0.04
        self.models = MODELS_DEFAULT
        self.adopt_t = None
        self.adopt_p = 0.0
        self.cap = 4096
        self.in_mult = 1.0
        self.out_mult = 1.0
        self.rpm = 50
        self.greet = None       # list of greeting families when the account / key is new
        self.t_min = 0.0
        self.t_max = None
        self.ct_p = 0.0         # count_tokens calls
        self.key_w = None

    # ---- per request choices
    def key(self, rng):
        ks = self.acct.keys
        if len(ks) == 1:
            return ks[0]
        if self.key_w is None:
            return ks[0] if rng.random() < 0.8 else rng.choice(ks)
        return self.key_w.pick(rng)

    def model(self, rng, t):
        if self.adopt_t is not None and t >= self.adopt_t and rng.random() < self.adopt_p:
            return NEW_MODEL
        return self.models.pick(rng)

    def cot(self, rng, cat):
        if rng.random() < self.step_p:
            return beta(rng, *self.step_ab)
        a, b = COT_AB[cat]
        return beta(rng, a, b)

    def simhash(self, rng, cat):
        if self.fams and rng.random() < self.fam_p:
            return rng.choice(self.fams).draw(rng)
        if self.common and rng.random() < self.common_p:
            return rng.choice(self.common).draw(rng)
        return rng.getrandbits(64)

    def sysprompt(self, rng):
        if self.sys and rng.random() < self.sys_p:
            return self.sys[0] if len(self.sys) == 1 or rng.random() < 0.7 else rng.choice(self.sys)
        return None

    def tools(self, rng, cat):
        if cat == "tool_use":
            return rng.randint(max(1, self.tool_lo), max(2, self.tool_hi))
        if rng.random() < self.tool_p:
            return rng.randint(self.tool_lo, self.tool_hi)
        return 0


def conversation(W, rng, A, t, cat, n_turns, reqs, sh=None, model=None, t_end=None):
    """Append one multi-turn conversation; returns the time after it."""
    if t_end is None:
        t_end = W.dur if A.t_max is None else A.t_max
    if model is None:
        model = A.model(rng, t)
    think = rng.random() < A.think_p
    stream = rng.random() < A.stream_p
    sp = A.sysprompt(rng)
    tools = A.tools(rng, cat)
    if sh is None:
        sh = A.simhash(rng, cat)
    cot = A.cot(rng, cat)
    ctx = (A.sys_tok if sp else 0) + tools * 320
    key = A.key(rng)
    turns = 1
    for k in range(n_turns):
        ip = A.net.ip(rng)
        itok = ctx + tok_in(rng, cat, A.in_mult)
        if A.ct_p and rng.random() < A.ct_p:
            reqs.append(mkreq(rng, t, key, ip, A.ua, model, cat, cot, sh, sp, itok, 0, turns=turns,
                              tools=tools, ep="count_tokens"))
            t += 0.3 + rng.random()
        otok = tok_out(rng, cat, cot, think, A.cap, A.out_mult)
        r = mkreq(rng, t, key, ip, A.ua, model, cat, cot, sh, sp, itok, otok, turns=turns, tools=tools,
                  think=think, stream=stream)
        reqs.append(r)
        ctx = itok + otok
        if cat == "tool_use" or tools:
            turns += 2
            t += r["lat"] / 1000.0 + lognorm(rng, 4.0, 0.9)
        else:
            turns += 2
            t += r["lat"] / 1000.0 + lognorm(rng, A.gap, A.gap_sigma)
        sh = flip(rng, sh, rng.randint(1, 5))
        cot = clamp(cot + rng.gauss(0.0, 0.04), 0.0, 1.0)
        if t >= t_end:
            break
    return t


def greet_requests(W, rng, A, t, reqs, n=None):
    """Warm-up pings on a new account or key: 'hi', 'test', 'hello'."""
    if n is None:
        n = 1 if rng.random() < 0.7 else 2
    model = A.models.pick(rng)
    for _ in range(n):
        sh = rng.choice(A.greet).draw(rng)
        itok = rng.randint(8, 14) + ((A.sys_tok if A.sys and rng.random() < A.sys_p else 0))
        otok = rng.randint(9, 40)
        r = mkreq(rng, t, A.key(rng), A.net.ip(rng), A.ua, model, "chat", beta(rng, 1, 30), sh, None,
                  itok, otok, stream=rng.random() < A.stream_p)
        reqs.append(r)
        t += r["lat"] / 1000.0 + lognorm(rng, 12.0, 1.0)
    return t


def gen_human(W, rng, A, reqs, n_sessions=None, times=None):
    """Sessions placed by the actor's diurnal profile; each session holds a few conversations."""
    t0 = A.t_min
    t1 = W.dur if A.t_max is None else A.t_max
    if t1 <= t0:
        return
    if times is None:
        if n_sessions is None:
            n_sessions = W.n_sessions(rng, A.prof, A.acct.tz, A.rate_day, t0, t1)
        times = W.sample_times(rng, A.prof, A.acct.tz, n_sessions, t0, t1)
    first = True
    for ts in times:
        A.net.session(rng, W.local_hour(ts, A.acct.tz))
        t = ts
        if first and A.greet:
            t = greet_requests(W, rng, A, t, reqs)
        first = False
        n_conv = geometric(rng, A.cps)
        for _ in range(n_conv):
            cat = A.cats.pick(rng)
            t = conversation(W, rng, A, t, cat, geometric(rng, A.tpc), reqs, t_end=t1)
            t += lognorm(rng, A.conv_gap, 0.9)
            if t >= t1:
                break


def fallback_request(W, rng, A, reqs):
    """Guarantee at least one completed request inside the window for an account."""
    hi = W.dur - min(600.0, W.dur * 0.1)
    lo = min(max(0.0, A.t_min), hi * 0.9)
    t = rng.uniform(lo, hi)
    A.net.session(rng, W.local_hour(t, A.acct.tz))
    cat = A.cats.pick(rng)
    conversation(W, rng, A, t, cat, 1, reqs, t_end=W.dur)
