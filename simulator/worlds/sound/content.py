"""What a request carries: task mix, prompt SimHashes, token sizes, model choice, latency.

A Profile is one client's habits (categories, models, templates, system prompts, limits);
a Conv is one conversation or agent trajectory; Req is one request before the gateway sees it.
"""

from .catalog import MODELS, NEW_MODEL, GREETINGS, GREETING_W, MAX_TOKENS_COMMON, retries
from .util import Weighted, logn, clampi, flip

CATS = ("chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other")

# category -> (input median, input sigma, output median, output sigma, cot beta a, cot beta b)
SHAPE = {
    "chat": (220, 0.9, 280, 0.85, 1.1, 11.0),
    "coding": (1800, 1.1, 750, 0.9, 1.3, 7.5),
    "reasoning": (380, 0.8, 1250, 0.8, 2.0, 3.4),
    "tool_use": (4200, 0.9, 320, 0.9, 1.0, 12.0),
    "writing": (420, 0.9, 950, 0.7, 1.0, 14.0),
    "analysis": (5200, 1.2, 700, 0.7, 1.4, 6.5),
    "vision": (1700, 0.45, 260, 0.7, 1.0, 14.0),
    "other": (260, 1.0, 180, 1.0, 1.0, 10.0),
}


class Req:
    __slots__ = ("t", "key", "ua", "model", "endpoint", "stream", "tools", "turns", "thinking",
                 "cat", "cot", "sim", "sys", "inp", "out", "lat", "pres", "retry", "err", "mal")

    def __init__(self, t, key, ua, model, endpoint, stream, tools, turns, thinking, cat, cot, sim,
                 sys, inp, out, lat, pres=None, retry=True, err=0.004, mal=False):
        self.t, self.key, self.ua, self.model, self.endpoint = t, key, ua, model, endpoint
        self.stream, self.tools, self.turns, self.thinking = stream, tools, turns, thinking
        self.cat, self.cot, self.sim, self.sys = cat, cot, sim, sys
        self.inp, self.out, self.lat, self.pres = inp, out, lat, pres
        self.retry, self.err, self.mal = retry, err, mal


def latency(rng, model, inp, out, stream=False):
    tps_rng, ttft, prefill, _ = MODELS[model]
    tps = rng.uniform(tps_rng[0], tps_rng[1])
    lat = ttft * rng.uniform(0.55, 1.9) + inp * prefill + out * 1000.0 / tps + rng.uniform(15, 160)
    return int(lat)


def cot_of(rng, a, b):
    return round(rng.betavariate(a, b), 2)


class Template:
    """A prompt template with variable slots: instances differ from the base in a few bits."""
    __slots__ = ("base", "cat", "cot", "inp", "out", "flips")

    def __init__(self, base, cat, cot=None, inp=None, out=None, flips=(2, 7)):
        self.base, self.cat, self.cot, self.inp, self.out, self.flips = base, cat, cot, inp, out, flips

    def instance(self, rng):
        return flip(self.base, rng.randint(self.flips[0], self.flips[1]), rng)


def make_templates(rng, n, cats, cot=None, inp=None, out=None, flips=(2, 7)):
    cats = cats if isinstance(cats, Weighted) else Weighted(cats)
    return [Template(rng.getrandbits(64), cats.pick(rng), cot, inp, out, flips) for _ in range(n)]


class Conv:
    __slots__ = ("cat", "sim", "turns", "sys", "model", "ctx", "tools", "stream", "thinking",
                 "tmpl", "maxtok", "greet", "prof")


class Profile:
    """One client's habits. All knobs have ordinary defaults."""

    def __init__(self, cats, models, ua, keys, stream_p=0.5, sys=None, sys_p=0.0, templates=None,
                 tmpl_p=0.0, maxtok=None, think_p=0.0, tools=None, in_mult=1.0, out_mult=1.0,
                 cot=None, err=0.004, adopt_ms=None, adopt_share=0.0, p_newconv=0.25,
                 ctx_growth=1.0, count_tokens_p=0.0, key_w=None, mal=False, endpoint="messages",
                 adopt_cats=None):
        self.cats = cats if isinstance(cats, Weighted) else Weighted(cats)
        self.models = models if isinstance(models, Weighted) else Weighted(models)
        self.ua = ua
        self.keys = keys
        self.key_w = key_w
        self.stream_p, self.sys, self.sys_p = stream_p, sys, sys_p
        self.templates, self.tmpl_p = templates, tmpl_p
        self.maxtok = maxtok or MAX_TOKENS_COMMON
        self.think_p, self.tools = think_p, tools
        self.in_mult, self.out_mult, self.cot, self.err = in_mult, out_mult, cot, err
        self.adopt_ms, self.adopt_share = adopt_ms, adopt_share
        self.p_newconv, self.ctx_growth = p_newconv, ctx_growth
        self.count_tokens_p = count_tokens_p
        self.retry = retries(ua) if isinstance(ua, str) else True
        self.mal = mal
        self.endpoint = endpoint
        self.adopt_cats = adopt_cats

    # ----------------------------------------------------------------- choices
    def pick_model(self, rng, t, cat=None):
        if (self.adopt_ms is not None and t >= self.adopt_ms and rng.random() < self.adopt_share
                and (self.adopt_cats is None or cat in self.adopt_cats)):
            return NEW_MODEL
        return self.models.pick(rng)

    def pick_key(self, rng):
        k = self.keys
        if len(k) == 1:
            return k[0]
        if self.key_w is not None:
            return self.key_w.pick(rng)
        return k[0] if rng.random() < 0.8 else rng.choice(k)

    def pick_ua(self, rng):
        u = self.ua
        return u if isinstance(u, str) else u.pick(rng)

    def new_conv(self, rng, t, greet=False):
        c = Conv()
        c.turns, c.ctx, c.greet, c.prof = 1, 0, greet, self
        tm = None
        if self.templates and rng.random() < self.tmpl_p:
            tm = self.templates[rng.randrange(len(self.templates))]
            c.cat = tm.cat
            c.sim = tm.instance(rng)
        else:
            c.cat = self.cats.pick(rng)
            c.sim = rng.getrandbits(64)
        c.tmpl = tm
        if greet:
            c.cat = "chat"
            c.sim = GREETINGS[GREETING_W.pick(rng)]
        s = self.sys
        if s is None or rng.random() >= self.sys_p:
            c.sys = None
        elif isinstance(s, str):
            c.sys = s
        elif isinstance(s, Weighted):
            c.sys = s.pick(rng)
        else:
            c.sys = s[rng.randrange(len(s))]
        c.model = self.pick_model(rng, t, c.cat)
        tl = self.tools
        c.tools = 0 if tl is None else (tl if isinstance(tl, int) else rng.randint(tl[0], tl[1]))
        c.stream = rng.random() < self.stream_p
        c.thinking = rng.random() < self.think_p
        m = self.maxtok
        c.maxtok = m if isinstance(m, int) else m.pick(rng)
        cap = MODELS[c.model][3]
        if c.maxtok > cap:
            c.maxtok = cap
        return c

    def advance(self, rng, c, bits=(4, 12)):
        c.turns += 2
        c.sim = flip(c.sim, rng.randint(bits[0], bits[1]), rng)
        if c.greet:
            c.greet = False
            c.cat = self.cats.pick(rng)

    # ----------------------------------------------------------------- request
    def request(self, rng, t, c, pres=None, endpoint=None):
        if c.greet:
            inp = rng.randint(8, 24)
            out = rng.randint(9, 48)
            cot = round(rng.random() * 0.03, 2)
        else:
            tm = c.tmpl
            im, isg, om, osg, ca, cb = SHAPE[c.cat]
            if tm is not None:
                if tm.inp:
                    im, isg = tm.inp
                if tm.out:
                    om, osg = tm.out
                if tm.cot:
                    ca, cb = tm.cot
            elif self.cot is not None and c.cat in self.cot:
                ca, cb = self.cot[c.cat]
            if tm is None or not tm.inp:
                im *= self.in_mult
            if tm is None or not tm.out:
                om *= self.out_mult
            inp = int(logn(rng, im, isg)) + 4
            out = int(logn(rng, om, osg)) + 1
            cot = cot_of(rng, ca, cb)
        inp += c.ctx
        if c.thinking:
            out += int(logn(rng, 1600, 0.9))
        if out > c.maxtok:
            out = c.maxtok
        c.ctx = clampi((inp + out) * self.ctx_growth, 0, 190000)
        if inp > 199000:
            inp = 199000 - rng.randrange(2000)
        ep = endpoint or self.endpoint
        if ep == "messages" and self.count_tokens_p and rng.random() < self.count_tokens_p:
            ep = "count_tokens"
        if ep == "count_tokens":
            lat = rng.randint(25, 220)
            out = 0
        else:
            lat = latency(rng, c.model, inp, out, c.stream)
        return Req(t, self.pick_key(rng), self.pick_ua(rng), c.model, ep, c.stream, c.tools,
                   c.turns, c.thinking, c.cat, cot, c.sim, c.sys, inp, out, lat, pres,
                   self.retry, self.err, self.mal)


def think_time(rng, median_s=45.0, sigma=0.9, lo=4.0, hi=900.0):
    s = logn(rng, median_s, sigma)
    return int(1000 * (lo if s < lo else hi if s > hi else s))


def chat_session(rng, prof, t, n, reqs, t_end, think_s=45.0, greet_first=False, pres=None,
                 drift=(4, 12)):
    """A human session: n requests, new conversation now and then, thinking time in between."""
    c = None
    for i in range(n):
        if c is None or rng.random() < prof.p_newconv:
            c = prof.new_conv(rng, t, greet=(greet_first and i == 0))
        else:
            prof.advance(rng, c, drift)
        r = prof.request(rng, t, c, pres)
        reqs.append(r)
        t = r.t + r.lat + think_time(rng, think_s)
        if t >= t_end:
            break
    return t


def agent_task(rng, prof, t, steps, reqs, t_end, tool_s=3.0, human_p=0.08, step_in=(900, 1.0),
               step_out=(260, 0.9), final_out=(900, 0.8), pres=None, drift=(2, 6), first_in=None):
    """An agent trajectory: the context grows by tool results each step; short machine gaps."""
    c = prof.new_conv(rng, t)
    prof = c.prof
    if first_in:
        c.ctx = int(logn(rng, first_in[0], first_in[1]))
    cat0 = c.cat
    for i in range(steps):
        if i:
            prof.advance(rng, c, drift)
            c.cat = cat0 if rng.random() < 0.8 else ("tool_use" if cat0 != "tool_use" else "coding")
        last = i == steps - 1
        om, osg = final_out if last else step_out
        _, _, _, _, ca, cb = SHAPE[c.cat]
        if prof.cot is not None and c.cat in prof.cot:
            ca, cb = prof.cot[c.cat]
        inp = c.ctx + int(logn(rng, step_in[0], step_in[1])) + 30
        out = int(logn(rng, om * prof.out_mult, osg)) + 1
        if c.thinking:
            out += int(logn(rng, 900, 0.9))
        if out > c.maxtok:
            out = c.maxtok
        if inp > 199000:
            inp = 199000 - rng.randrange(3000)
        c.ctx = inp + out
        if c.ctx > 150000 + rng.randrange(30000):     # the client compacts its context
            c.ctx = int(logn(rng, 22000, 0.4))
            c.turns = 1
        lat = latency(rng, c.model, inp, out, c.stream)
        reqs.append(Req(t, prof.pick_key(rng), prof.pick_ua(rng), c.model, prof.endpoint, c.stream,
                        c.tools, c.turns, c.thinking, c.cat, cot_of(rng, ca, cb), c.sim, c.sys,
                        inp, out, lat, pres, prof.retry, prof.err, prof.mal))
        gap = think_time(rng, tool_s, 1.0, 0.15, 180.0)
        if rng.random() < human_p:
            gap += think_time(rng, 60.0, 1.0)
        t = t + lat + gap
        if t >= t_end:
            break
    return t


class Mix:
    """Per conversation, either the harvesting profile or the camouflage profile."""

    def __init__(self, harvest, camo, share, p_newconv=0.6):
        self.harvest, self.camo, self.share, self.p_newconv = harvest, camo, share, p_newconv
        self.keys = harvest.keys
        self.ua = harvest.ua
        self.retry = harvest.retry

    def new_conv(self, rng, t, greet=False):
        if greet:
            return self.camo.new_conv(rng, t, greet=True)
        return (self.harvest if rng.random() < self.share else self.camo).new_conv(rng, t)

    def advance(self, rng, c, bits=(4, 12)):
        c.prof.advance(rng, c, bits)

    def request(self, rng, t, c, pres=None, endpoint=None):
        return c.prof.request(rng, t, c, pres, endpoint)

    def pick_model(self, rng, t, cat=None):
        return self.harvest.pick_model(rng, t, cat)

    def pick_key(self, rng):
        return self.harvest.pick_key(rng)

    def pick_ua(self, rng):
        return self.harvest.pick_ua(rng)
