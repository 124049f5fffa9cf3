"""Core machinery of the tundra world: prompt templates, styles, actors and
the session engines that turn an actor's persona into contract events.

Every actor owns its own ``random.Random`` and yields its events in time
order (a small local heap absorbs overlapping sessions), so the world can
merge thousands of actors lazily with ``heapq.merge``.
"""
import hashlib
import math
import time
from bisect import bisect
from heapq import heapify, heappop, heappush

SEC = 1000
MIN = 60 * SEC
HOUR = 60 * MIN
DAY = 24 * HOUR

OLD_MODELS = ("claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1")
NEW_MODEL = "claude-opus-5"

# ttft ms, ms per output token, prefill ms per 1k input tokens
MODEL_LAT = {
    "claude-haiku-4-5": (330.0, 5.5, 9.0),
    "claude-sonnet-4-5": (640.0, 12.0, 16.0),
    "claude-opus-4-1": (1100.0, 24.0, 28.0),
    NEW_MODEL: (980.0, 19.0, 22.0),
}

CATS = ("chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other")
CAT_OUT = {"chat": 170, "coding": 650, "reasoning": 950, "tool_use": 260,
           "writing": 700, "analysis": 600, "vision": 280, "other": 240}
CAT_COT = {"chat": 0.05, "coding": 0.16, "reasoning": 0.46, "tool_use": 0.07,
           "writing": 0.04, "analysis": 0.25, "vision": 0.07, "other": 0.07}
CAT_MSG = {"chat": 1.0, "coding": 3.0, "reasoning": 1.4, "tool_use": 1.5,
           "writing": 1.6, "analysis": 3.5, "vision": 1.0, "other": 1.0}


def stable_hash64(text):
    """World-independent 64-bit hash: literally identical prompt -> identical simhash."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:16], 16)


class Greeting:
    __slots__ = ("text", "hash", "tokens")

    def __init__(self, text, tokens):
        self.text = text
        self.hash = stable_hash64("greeting:" + text)
        self.tokens = tokens


# (greeting, weight) - identical across every world seed and user
GREETINGS = [(Greeting("hi", 8), 34), (Greeting("hello", 8), 22), (Greeting("hey", 8), 9),
             (Greeting("test", 8), 9), (Greeting("hello!", 9), 6), (Greeting("hi claude", 10), 6),
             (Greeting("what can you do?", 13), 6), (Greeting("who are you?", 11), 5),
             (Greeting("ping", 8), 3)]
WARMUPS = [(Greeting("hi", 8), 30), (Greeting("test", 8), 35), (Greeting("hello", 8), 15),
           (Greeting("ping", 8), 12), (Greeting("hey", 8), 8)]
RELEASE_GREETINGS = [(Greeting("what model are you?", 13), 50), (Greeting("hi", 8), 25),
                     (Greeting("are you claude opus 5?", 15), 25)]


def cumw(pairs):
    if isinstance(pairs, dict):
        pairs = list(pairs.items())
    items, cum, s = [], [], 0.0
    for it, wt in pairs:
        if wt <= 0:
            continue
        s += wt
        items.append(it)
        cum.append(s)
    return items, cum


def pick(rng, items, cum):
    return items[bisect(cum, rng.random() * cum[-1])]


def lognorm(rng, med, sd):
    return med * math.exp(rng.gauss(0.0, sd))


def poisson(rng, lam):
    if lam <= 0:
        return 0
    lim = math.exp(-lam)
    k = 0
    p = rng.random()
    while p > lim:
        k += 1
        p *= rng.random()
    return k


def flip_bits(rng, h, k):
    for _ in range(k):
        h ^= 1 << rng.getrandbits(6)
    return h


def clip01(x):
    return 0.0 if x < 0.0 else (1.0 if x > 1.0 else x)


def fmt_ts(ms):
    s, m = divmod(int(ms), 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s)) + ".%03dZ" % m


class Template:
    """A prompt template with variable slots: instances are near-duplicates
    (a Poisson number of flipped bits) of the template's base SimHash."""
    __slots__ = ("base", "spread", "cat", "cot", "in_med", "in_sd", "out_med")

    def __init__(self, base, spread, cat, cot, in_med, in_sd=0.2, out_med=None):
        self.base = base
        self.spread = spread
        self.cat = cat
        self.cot = cot
        self.in_med = in_med
        self.in_sd = in_sd
        self.out_med = out_med if out_med is not None else CAT_OUT[cat]

    def inst(self, rng):
        return flip_bits(rng, self.base, poisson(rng, self.spread))


def make_templates(rng, n, cats, cot_range, in_range, spread_range, out_scale=1.0, in_sd=0.25):
    """n templates drawn from category weights with their own cot / length."""
    items, cum = cumw(cats)
    out = []
    for _ in range(n):
        cat = pick(rng, items, cum)
        out.append(Template(rng.getrandbits(64), rng.uniform(*spread_range), cat,
                            rng.uniform(*cot_range),
                            math.exp(rng.uniform(math.log(in_range[0]), math.log(in_range[1]))),
                            in_sd, CAT_OUT[cat] * out_scale * math.exp(rng.gauss(0, 0.3))))
    return out


class Style:
    """How one persona writes its requests (content mechanics, not timing)."""

    def __init__(self, cats, tpls=(), tpl_w=None, p_tpl=0.0, greet_p=0.0, turns_mean=3.0,
                 max_turns=30, gap_med=40.0, gap_sd=0.8, msg_med=120.0, msg_sd=0.8,
                 out_scale=1.0, out_sd=0.75, cot_shift=0.0, cot_sd=0.09, think_p=0.0,
                 stream_p=0.5, tool_p=0.0, tool_n=(1, 6), models=(("claude-sonnet-4-5", 1.0),),
                 sys=(), sys_p=0.0, batch_p=0.0, agent=False, drift=9.0, followup=None,
                 followup_p=0.0, max_out=8192):
        self.cat_items, self.cat_cum = cumw(list(cats.items()) if isinstance(cats, dict) else cats)
        self.tpls = list(tpls)
        if self.tpls:
            w = tpl_w or [1.0] * len(self.tpls)
            self.tpl_items, self.tpl_cum = cumw(list(zip(self.tpls, w)))
        self.p_tpl = p_tpl
        self.greet_p = greet_p
        self.turns_mean = max(1.0, turns_mean)
        self.max_turns = max_turns
        self.gap_med = gap_med
        self.gap_sd = gap_sd
        self.msg_med = msg_med
        self.msg_sd = msg_sd
        self.out_scale = out_scale
        self.out_sd = out_sd
        self.cot_shift = cot_shift
        self.cot_sd = cot_sd
        self.think_p = think_p
        self.stream_p = stream_p
        self.tool_p = tool_p
        self.tool_n = tool_n
        self.model_items, self.model_cum = cumw(models)
        # sys: list of (frag, tokens, weight)
        if sys:
            self.sys_items, self.sys_cum = cumw([((f, t), w) for f, t, w in sys])
        else:
            self.sys_items = None
        self.sys_p = sys_p
        self.batch_p = batch_p
        self.agent = agent
        self.drift = drift
        self.followup = followup
        self.followup_p = followup_p
        self.max_out = max_out

    def turns(self, rng):
        m = self.turns_mean
        if m <= 1.0:
            return 1
        # 1 + geometric with mean m-1
        p = 1.0 / m
        n = 1 + int(math.log(1.0 - rng.random()) / math.log(1.0 - p))
        return n if n < self.max_turns else self.max_turns

    def pick_sys(self, rng):
        if self.sys_items is None or rng.random() >= self.sys_p:
            return "null", 0
        return pick(rng, self.sys_items, self.sys_cum)


class Actor:
    """One account. ``starts`` is an iterator of session start times (ms),
    ``session`` a function(actor, t) -> list of (ts, line)."""

    def __init__(self, w, rng, acct, org, created_ms, pay, group):
        self.w = w
        self.rng = rng
        self.acct = acct
        self.group = group
        self.created_ms = created_ms
        self.pre = '"account_id":"%s","org_id":%s,"account_created_at":"%s","payment_fingerprint":%s,' % (
            acct, ('"%s"' % org) if org else "null", fmt_ts(created_ms),
            ('"%s"' % pay) if pay else "null")
        self.keys = []
        self.ua = "anthropic-python/0.74.1"
        self.ua2 = None
        self.ua2_p = 0.0
        self.net_sess = None
        self.net_req = None
        self.styles = None
        self.styles2 = None
        self.pivot_t = None
        self.tz = 0.0
        self.prof = None
        self.t_a = w.t0
        self.t_b = w.t_end
        self.rpm = 50
        self.p400 = 0.006
        self.p429 = 0.001
        self.retry_p = 0.75
        self.adopt_t = None
        self.new_share = 0.0
        self.pending_greet = False
        self.warmup = False
        self.session = conv_session
        self.starts = iter(())
        self.mins = {}
        # pool-run parameters
        self.run_n = (100, 0.5, 1, 2000)
        self.conc = 4
        self.run_gap = (0.3, 0.6)
        self.run_new_p = 0.0
        self.p_pool = 0.0

    def set_styles(self, pairs, after=None, pivot_t=None):
        self.styles = _cum_styles(pairs)
        if after is not None:
            self.styles2 = _cum_styles(after)
            self.pivot_t = pivot_t

    def style_at(self, t):
        ss = self.styles2 if (self.pivot_t is not None and t >= self.pivot_t) else self.styles
        if len(ss) == 1:
            return ss[0][1]
        r = self.rng.random()
        for c, s in ss:
            if r < c:
                return s
        return ss[-1][1]

    def model_for(self, st, t):
        if self.adopt_t is not None and t >= self.adopt_t and self.rng.random() < self.new_share:
            return NEW_MODEL
        return pick(self.rng, st.model_items, st.model_cum)

    def pick_key(self):
        k = self.keys
        return k[0] if len(k) == 1 else k[self.rng.randrange(len(k))]

    def pick_ua(self):
        if self.ua2 is not None and self.rng.random() < self.ua2_p:
            return self.ua2
        return self.ua

    # ------------------------------------------------------------------
    def req(self, out, t, model, ep, in_tok, o_ok, stream, tools, turns, thinking, cat, cot,
            sh, sysfrag, key, netfrag, ua):
        """Send one request (with SDK-style retries on 429/529); append events.
        Returns (completion time of last attempt, output tokens or 0)."""
        rng = self.rng
        w = self.w
        attempt = 0
        mins = self.mins
        while True:
            m = t // MIN
            c = mins.get(m, 0) + 1
            mins[m] = c
            if len(mins) > 24:
                # keep only the recent minutes (sessions overlap by far less than this)
                for k in [k for k in mins if k < m - 15]:
                    del mins[k]
            if c > self.rpm and rng.random() < 0.9:
                st = 429
            else:
                r = rng.random()
                p5 = w.p529(t)
                if r < self.p400:
                    st = 400
                elif r < self.p400 + p5:
                    st = 529
                elif r < self.p400 + p5 + self.p429:
                    st = 429
                else:
                    st = 200
            if st == 200:
                o = o_ok
                ttft, per, pre = MODEL_LAT[model]
                lat = (ttft * math.exp(rng.gauss(0.0, 0.35)) + in_tok * pre * 0.001
                       + o * per * math.exp(rng.gauss(0.0, 0.18)))
                if ep == "batch":
                    lat += lognorm(rng, 7 * MIN, 0.9)
                lat *= w.slow(t)
            else:
                o = 0
                if st == 429:
                    lat = 12 + rng.random() * 140
                elif st == 400:
                    lat = 25 + rng.random() * 300
                else:
                    lat = 250 + rng.random() * 6000
            lat = int(lat)
            ts = t + lat
            out.append((ts, '%s"api_key_id":"%s",%s,"user_agent":"%s","model":"%s","endpoint":"%s",'
                            '"status":%d,"input_tokens":%d,"output_tokens":%d,"latency_ms":%d,'
                            '"stream":%s,"tool_count":%d,"turns":%d,"thinking":%s,'
                            '"task_category":"%s","cot_elicitation":%.2f,"prompt_simhash":"%016x",'
                            '"system_prompt_hash":%s}' % (
                                self.pre, key, netfrag, ua, model, ep, st, in_tok, o, lat,
                                "true" if stream else "false", tools, turns,
                                "true" if thinking else "false", cat, cot, sh, sysfrag)))
            if st == 200:
                return ts, o
            if st == 400:
                return ts, 0
            attempt += 1
            if attempt > 2 or rng.random() > self.retry_p:
                return ts, 0
            if st == 429:
                back = 1000 + rng.random() * 20000
            else:
                back = (500 + rng.random() * 1500) * (2 ** attempt)
            t = ts + int(back)

    # ------------------------------------------------------------------
    def stream(self, gid):
        pend = []
        n = 0
        tb = self.w.t_end
        sess = self.session
        for s in self.starts:
            while pend and pend[0][0] <= s:
                yield heappop(pend)
            for ts, line in sess(self, s):
                if ts < tb:
                    heappush(pend, (ts, gid, n, line))
                    n += 1
        while pend:
            yield heappop(pend)


def _cum_styles(pairs):
    tot = float(sum(w for _, w in pairs))
    out, c = [], 0.0
    for s, w in pairs:
        c += w / tot
        out.append((c, s))
    return out


# ----------------------------------------------------------------------
# session engines

def _out_tokens(rng, st, base, thinking):
    o = int(base * st.out_scale * math.exp(rng.gauss(0.0, st.out_sd)))
    if thinking:
        o = int(o * rng.uniform(1.4, 3.2))
        cap = 32000
    else:
        cap = st.max_out
    return 1 if o < 1 else (cap if o > cap else o)


def _greet(rng, table):
    items, cum = table
    return pick(rng, items, cum)


GREET_T = cumw(GREETINGS)
WARM_T = cumw(WARMUPS)
REL_T = cumw(RELEASE_GREETINGS)


def _tools(rng, st, cat):
    if st.agent:
        return st.tool_n[0] if st.tool_n[0] == st.tool_n[1] else rng.randint(*st.tool_n)
    if cat == "tool_use":
        return rng.randint(max(1, st.tool_n[0]), max(2, st.tool_n[1]))
    if st.tool_p and rng.random() < st.tool_p:
        return rng.randint(*st.tool_n)
    return 0


def conv_session(a, t):
    """A conversation: several turns with growing input tokens, human or
    agent-loop pacing, then idle."""
    rng = a.rng
    out = []
    key = a.pick_key()
    ua = a.pick_ua()
    netfrag = a.net_sess(rng, t)
    rot = a.net_req
    if a.warmup:
        # warm-up pings on a fresh key: one or two bare greetings
        a.warmup = False
        model = pick(rng, a.styles[0][1].model_items, a.styles[0][1].model_cum)
        for _ in range(1 + (rng.random() < 0.4)):
            g = _greet(rng, WARM_T)
            t_done, _o = a.req(out, t, model, "messages", g.tokens, rng.randint(6, 40), False, 0, 1,
                               False, "chat", rng.random() * 0.03, g.hash, "null", key,
                               rot(rng) if rot else netfrag, ua)
            t = t_done + int(lognorm(rng, 6000, 1.0))
        return out
    st = a.style_at(t)
    model = a.model_for(st, t)
    sysfrag, systok = st.pick_sys(rng)
    thinking = st.think_p > 0 and rng.random() < st.think_p
    stream = rng.random() < st.stream_p
    ep = "batch" if (st.batch_p and rng.random() < st.batch_p) else "messages"
    greet = None
    if a.pending_greet or (st.greet_p and rng.random() < st.greet_p):
        greet = _greet(rng, REL_T if (a.pending_greet == 2) else GREET_T)
        a.pending_greet = False
    tpl = None
    if st.tpls and rng.random() < st.p_tpl:
        tpl = pick(rng, st.tpl_items, st.tpl_cum)
    cat = tpl.cat if tpl else pick(rng, st.cat_items, st.cat_cum)
    nturns = st.turns(rng)
    if greet is not None:
        nturns = 1 if rng.random() < 0.45 else 1 + nturns
    tools = _tools(rng, st, cat)
    ctx = systok
    prev = 0
    content_done = False
    agent = st.agent
    for k in range(1, nturns + 1):
        c = cat
        if k == 1 and greet is not None:
            msg = greet.tokens
            sh = greet.hash
            cot = rng.random() * 0.03
            o_ok = rng.randint(12, 70)
            c = "chat"
        elif not content_done:
            content_done = True
            if tpl is not None:
                msg = int(tpl.in_med * math.exp(rng.gauss(0.0, tpl.in_sd)))
                sh = tpl.inst(rng)
                cot = clip01(rng.gauss(tpl.cot + st.cot_shift * 0.5, st.cot_sd * 0.7))
                o_ok = _out_tokens(rng, st, tpl.out_med, thinking)
            else:
                msg = int(st.msg_med * CAT_MSG[cat] * math.exp(rng.gauss(0.0, st.msg_sd)))
                if cat == "vision":
                    msg += rng.randint(900, 1700)
                sh = rng.getrandbits(64)
                cot = clip01(rng.gauss(CAT_COT[cat] + st.cot_shift, st.cot_sd))
                o_ok = _out_tokens(rng, st, CAT_OUT[cat], thinking)
        elif agent:
            msg = int(lognorm(rng, 700, 1.1))
            sh = rng.getrandbits(64)
            cot = clip01(rng.gauss(CAT_COT[cat] * 0.6 + st.cot_shift * 0.5, st.cot_sd * 0.6))
            o_ok = _out_tokens(rng, st, 220, thinking)
        elif st.followup is not None and rng.random() < st.followup_p:
            fu = st.followup
            msg = int(fu.in_med * math.exp(rng.gauss(0.0, fu.in_sd)))
            sh = fu.inst(rng)
            cot = clip01(rng.gauss(fu.cot, st.cot_sd * 0.7))
            o_ok = _out_tokens(rng, st, fu.out_med, thinking)
        else:
            msg = int(st.msg_med * 0.6 * math.exp(rng.gauss(0.0, st.msg_sd)))
            sh = flip_bits(rng, prev, poisson(rng, st.drift))
            cot = clip01(rng.gauss((CAT_COT[cat] + st.cot_shift) * 0.7, st.cot_sd))
            o_ok = _out_tokens(rng, st, CAT_OUT[cat] * 0.8, thinking)
        if msg < 1:
            msg = 1
        in_tok = ctx + msg
        if in_tok > 195000:
            if not agent:
                break
            ctx = systok + rng.randint(3000, 9000)  # context compaction
            in_tok = ctx + msg
        t_done, o = a.req(out, t, model, ep, in_tok, o_ok, stream, tools if c != "chat" or agent else 0,
                          2 * k - 1, thinking, c, cot, sh, sysfrag, key,
                          rot(rng) if rot else netfrag, ua)
        if o == 0 and rng.random() < 0.5:
            break
        ctx = in_tok + (o // 2 if thinking else o)
        prev = sh
        if agent:
            gap = lognorm(rng, 2500, 0.9) if rng.random() < 0.85 else lognorm(rng, 45000, 1.0)
        else:
            gap = lognorm(rng, st.gap_med * 1000, st.gap_sd)
        t = t_done + int(gap)
    return out


def pool_session(a, t):
    """A scripted run: n single-turn requests through c concurrent workers."""
    rng = a.rng
    out = []
    st = a.style_at(t)
    med, sd, lo, hi = a.run_n
    n = int(lognorm(rng, med, sd))
    n = lo if n < lo else (hi if n > hi else n)
    c = a.conc if isinstance(a.conc, int) else rng.randint(*a.conc)
    if a.run_new_p and t >= a.w.release_t and rng.random() < a.run_new_p:
        model = NEW_MODEL
    else:
        model = a.model_for(st, t)
    key = a.pick_key()
    ua = a.pick_ua()
    netfrag = a.net_sess(rng, t)
    rot = a.net_req
    sysfrag, systok = st.pick_sys(rng)
    thinking = st.think_p > 0 and rng.random() < st.think_p
    stream = rng.random() < st.stream_p
    ep = "batch" if (st.batch_p and rng.random() < st.batch_p) else "messages"
    wk = [t + rng.randrange(3000) for _ in range(c)]
    heapify(wk)
    g_med, g_sd = a.run_gap
    for _ in range(n):
        ts = heappop(wk)
        if st.tpls and rng.random() < st.p_tpl:
            tpl = pick(rng, st.tpl_items, st.tpl_cum)
            cat = tpl.cat
            msg = int(tpl.in_med * math.exp(rng.gauss(0.0, tpl.in_sd)))
            sh = tpl.inst(rng)
            cot = clip01(rng.gauss(tpl.cot + st.cot_shift * 0.5, st.cot_sd * 0.7))
            o_ok = _out_tokens(rng, st, tpl.out_med, thinking)
        else:
            cat = pick(rng, st.cat_items, st.cat_cum)
            msg = int(st.msg_med * CAT_MSG[cat] * math.exp(rng.gauss(0.0, st.msg_sd)))
            sh = rng.getrandbits(64)
            cot = clip01(rng.gauss(CAT_COT[cat] + st.cot_shift, st.cot_sd))
            o_ok = _out_tokens(rng, st, CAT_OUT[cat], thinking)
        t_done, _o = a.req(out, ts, model, ep, systok + max(1, msg), o_ok, stream,
                           _tools(rng, st, cat), 1, thinking, cat, cot, sh, sysfrag, key,
                           rot(rng) if rot else netfrag, ua)
        heappush(wk, (ts if ep == "batch" else t_done) + int(lognorm(rng, g_med * 1000, g_sd)))
    return out


def mixed_session(a, t):
    """Power users: mostly conversations, sometimes a scripted run."""
    if a.rng.random() < a.p_pool:
        return pool_session(a, t)
    return conv_session(a, t)


# ----------------------------------------------------------------------
# session-start processes

def nhpp_starts(a, peak_per_hour, mult=None, mult_max=1.0):
    """Non-homogeneous Poisson session starts: local-time profile x optional multiplier."""
    rng = a.rng
    lam = peak_per_hour * mult_max / HOUR
    if lam <= 0:
        return
    t = float(a.t_a)
    tb = a.t_b
    prof = a.prof
    tz = a.tz
    while True:
        t += rng.expovariate(lam)
        if t >= tb:
            return
        acc = prof[int(t / HOUR + tz) % 24]
        if mult is not None:
            acc *= mult(t) / mult_max
        if rng.random() < acc:
            yield int(t)


def periodic_starts(a, period_ms, jitter_ms, phase_ms):
    """Machine-regular cron ticks with a small jitter."""
    rng = a.rng
    t = a.t_a + phase_ms
    last = a.t_a
    while t < a.t_b:
        s = t + int(abs(rng.gauss(0.0, jitter_ms)))
        if s < last:
            s = last
        if s >= a.t_b:
            return
        last = s
        yield s
        t += period_ms


def list_starts(times):
    return iter(sorted(int(x) for x in times))


# local-hour activity profiles (max 1.0)
PROFILES = {
    "day": [0.08, 0.05, 0.04, 0.03, 0.03, 0.05, 0.12, 0.3, 0.55, 0.8, 0.95, 1, 0.95, 0.95, 1, 0.95,
            0.9, 0.8, 0.7, 0.7, 0.65, 0.55, 0.35, 0.18],
    "evening": [0.35, 0.22, 0.12, 0.06, 0.04, 0.04, 0.06, 0.12, 0.2, 0.28, 0.33, 0.4, 0.45, 0.45,
                0.45, 0.5, 0.55, 0.65, 0.8, 0.95, 1, 1, 0.85, 0.6],
    "office": [0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.25, 0.75, 1, 1, 0.95, 0.7, 0.9, 1, 1,
               0.9, 0.65, 0.3, 0.15, 0.1, 0.08, 0.05, 0.03],
    "night": [1, 1, 0.95, 0.8, 0.6, 0.4, 0.25, 0.15, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.4, 0.45,
              0.5, 0.55, 0.6, 0.65, 0.75, 0.85, 0.9, 0.95],
    "student": [0.45, 0.3, 0.15, 0.06, 0.03, 0.03, 0.05, 0.1, 0.25, 0.45, 0.55, 0.6, 0.55, 0.6,
                0.7, 0.75, 0.8, 0.85, 0.85, 0.9, 1, 1, 0.9, 0.7],
    "flat": [1.0] * 24,
}
PROFILE_SUM = {k: sum(v) for k, v in PROFILES.items()}


def shifted_profile(name, shift):
    p = PROFILES[name]
    return [p[(h - shift) % 24] for h in range(24)]
