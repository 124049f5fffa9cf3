"""Behavioural engines shared by benign users and the operators imitating them."""
from .catalog import (GREETINGS, GREET_HASH, QUICKSTART_HASHES, CHEAP_MODEL_WT, BENIGN_MODEL_WT, WORK, OFFICE,
                      EVENING, FLAT, ALWAYS, sdk_ua, HTTP_UAS)
from .rnd import WT, Tmpl, lognorm, poisson, flip, clamp
from .world import HOUR, DAY, MIN


class P:
    """A behavioural profile (plain attribute bag)."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    def but(self, **kw):
        d = dict(self.__dict__)
        d.update(kw)
        return P(**d)


def aged(W, rng, med=220, sig=.9, lo=3, hi=1300):
    d = clamp(lognorm(rng, med, sig), lo, hi)
    return W.start - int(d * DAY) - rng.randrange(HOUR)


class ModelPref:
    __slots__ = ("primary", "alt", "alt_p", "ea", "share")

    def __init__(self, W, rng, wt=BENIGN_MODEL_WT, ea_p=.15, ea_med=1.5, share=(.4, 1.0), alt_max=.3):
        self.primary = wt.pick(rng)
        self.alt = wt.pick(rng)
        self.alt_p = rng.uniform(0, alt_max)
        self.ea = None
        if rng.random() < ea_p:
            self.ea = W.R + int(lognorm(rng, ea_med, .9) * HOUR)
            if rng.random() < .05:
                self.ea = W.R - rng.randint(2, 45) * MIN  # tries the name before it exists
        self.share = rng.uniform(*share)

    def pick(self, rng, t, new):
        if self.ea is not None and t >= self.ea and rng.random() < self.share:
            return new
        return self.alt if rng.random() < self.alt_p else self.primary


class Unit:
    accounts = ()

    def run(self, W):
        pass


# ------------------------------------------------------------------ interactive humans
CASUAL = P(curve=EVENING, weekend=1.2, per_day=(1.4, .7), req=(3.5, .8), gap=45, new_conv=.22, utok=110,
           cats=WT([("chat", 45), ("writing", 18), ("analysis", 8), ("coding", 10), ("reasoning", 5), ("vision", 6), ("other", 8)]),
           maxtok=[(1024, 30), (2048, 20), (4096, 35), (8192, 15)], think_p=.06, tools_p=.04, sys_p=.35, cot_habit=.08,
           out_scale=1.0, greet_p=.03, repeat_p=.03, stream_p=.65, tmpl_p=0.0, script_p=0.0, gap_sig=.8)
DEV = P(curve=WORK, weekend=.35, per_day=(2.3, .6), req=(6, .8), gap=35, new_conv=.35, utok=160,
        cats=WT([("coding", 45), ("analysis", 14), ("tool_use", 10), ("chat", 10), ("writing", 10), ("reasoning", 6), ("other", 5)]),
        maxtok=[(1024, 15), (4096, 40), (8192, 30), (16000, 10), (32000, 5)], think_p=.15, tools_p=.12, sys_p=.65,
        cot_habit=.1, out_scale=1.0, greet_p=.02, repeat_p=.12, stream_p=.4, tmpl_p=0.0, script_p=.1, gap_sig=.9)


class Human(Unit):
    """Someone typing into a client: sessions of conversations following local time."""

    def __init__(self, W, rng, a, keys, net, cc, tz, prof, ua, mp, templates=None, sps=None):
        self.rng = rng
        self.a = a
        self.accounts = [a]
        self.keys = keys
        self.net = net
        self.cc = cc
        self.tz = tz
        self.P = prof
        self.ua = ua
        self.mp = mp
        self.templates = templates or []
        self.sps = sps if sps is not None else [W.sysp(rng) for _ in range(rng.randint(1, 3))]
        self.sys_tok = [int(lognorm(rng, 350, 1.0)) + 20 for _ in self.sps]
        self.cot_bias = rng.uniform(.15, .45) if rng.random() < prof.cot_habit else 0.0
        self.maxtok = WT(prof.maxtok).pick(rng)
        self.stream = rng.random() < prof.stream_p
        self.extra = []      # (start, kind) additional sessions
        self.starts = None   # override of session starts
        self.last = None
        self.per_day = lognorm(rng, *prof.per_day)

    def run(self, W):
        rng = self.rng
        P_ = self.P
        st = self.starts if self.starts is not None else W.starts(rng, self.tz, P_.curve, self.per_day, P_.weekend, self.cc)
        plan = [(t, None) for t in st] + self.extra
        plan.sort(key=lambda x: x[0])
        busy = W.start
        for t0, kind in plan:
            if t0 < busy:
                continue
            if kind is not None:
                busy = kind(W, t0)
            elif P_.script_p and rng.random() < P_.script_p:
                busy = self.script(W, t0)
            else:
                busy = self.session(W, t0)

    def pick_key(self, rng):
        if len(self.keys) == 1 or rng.random() < .7:
            return self.keys[0]
        return self.keys[rng.randrange(len(self.keys))]

    def session(self, W, t, n=None, addr=None, tmpl_p=None, gap=None):
        rng = self.rng
        P_ = self.P
        a = self.a
        if addr is None:
            addr = self.net.session(rng, t)
        key = self.pick_key(rng)
        if n is None:
            n = 1 + int(lognorm(rng, P_.req[0], P_.req[1]))
        n = min(n, 120)
        tp = P_.tmpl_p if tmpl_p is None else tmpl_p
        gmed = P_.gap if gap is None else gap
        h = None
        turns = 1
        ctx = 0
        prev = 0
        cat = "chat"
        tm = None
        sp = None
        tools = 0
        think = False
        greet = False
        for i in range(n):
            if t >= W.end:
                break
            if h is None or rng.random() < P_.new_conv:
                turns = 1
                sp = None
                stok = 0
                tm = None
                greet = False
                if self.templates and rng.random() < tp:
                    tm, sp = self.templates[rng.randrange(len(self.templates))]
                    h = tm.inst(rng)
                    cat = tm.cat
                    utok = tm.inp_tokens(rng)
                    stok = 250 if sp else 0
                elif i == 0 and rng.random() < P_.greet_p:
                    h = GREET_HASH[GREETINGS.pick(rng)]
                    cat = "chat"
                    utok = rng.randint(3, 9)
                    greet = True
                elif self.last is not None and rng.random() < P_.repeat_p:
                    h, cat = self.last
                    utok = int(lognorm(rng, P_.utok, 1.0)) + 4
                else:
                    h = rng.getrandbits(64)
                    cat = P_.cats.pick(rng)
                    utok = int(lognorm(rng, P_.utok, 1.1)) + 4
                if sp is None and not greet and rng.random() < P_.sys_p:
                    j = rng.randrange(len(self.sps))
                    sp = self.sps[j]
                    stok = self.sys_tok[j]
                if cat == "tool_use":
                    tools = rng.randint(1, 9)
                elif rng.random() < P_.tools_p:
                    tools = rng.randint(1, 5)
                else:
                    tools = 0
                if cat == "vision":
                    utok += sum(int(rng.uniform(900, 1650)) for _ in range(1 + poisson(rng, .3)))
                think = (not greet) and rng.random() < P_.think_p
                ctx = stok + utok + tools * 120
            else:
                turns += 2
                utok = int(lognorm(rng, P_.utok * .6, 1.0)) + 3
                ctx += prev + utok
                h = flip(rng, h, rng.randint(1, 4))
            model = self.mp.pick(rng, t, W.NEW)
            if greet and turns == 1:
                out = rng.randint(8, 45)
                cot = round(rng.random() * .04, 3)
            else:
                if tm is not None and turns == 1:
                    out = min(self.maxtok, tm.out_tokens(rng))
                    cot = round(clamp(rng.betavariate(*tm.cot) + self.cot_bias * .5, 0, 1), 3) if tm.cot else W.cot(rng, cat, self.cot_bias)
                else:
                    out = W.out_tokens(rng, cat, self.maxtok, P_.out_scale)
                    cot = W.cot(rng, cat, self.cot_bias)
                if think:
                    out = min(max(self.maxtok, 2048), out + int(lognorm(rng, 1100, .9)))
            done, st = W.send(rng, a, key, t, addr, self.ua, model, "messages", ctx, out, self.stream, tools, turns,
                              think, cat, cot, h, sp)
            prev = out if st == 200 else 0
            self.last = (h, cat)
            if st == 200:
                g = lognorm(rng, gmed, P_.gap_sig) + min(out, 3000) * .012
            else:
                g = lognorm(rng, 10, .8)
            t = done + int(g * 1000)
        return t

    def script(self, W, t):
        """A developer running a small loop over their own data (templated, quick, then done)."""
        rng = self.rng
        a = self.a
        addr = self.net.session(rng, t)
        key = self.pick_key(rng)
        cat = rng.choice(("analysis", "writing", "coding", "other", "reasoning", "analysis"))
        tm = Tmpl(rng, rng.uniform(3, 10), cat, (lognorm(rng, 450, .8), .5), (lognorm(rng, 260, .8), .6))
        sp = self.sps[0] if rng.random() < .6 else None
        n = min(600, 5 + int(lognorm(rng, 40, 1.0)))
        conc = 1 if rng.random() < .65 else rng.choice((2, 4, 5, 8, 10))
        model = self.mp.pick(rng, t, W.NEW)
        ua = self.ua if self.ua.startswith("anthropic-") else sdk_ua(rng, "py")
        cotb = rng.uniform(0, .2)
        end = t
        for w in range(conc):
            tw = t + rng.randint(0, 300)
            for i in range(w, n, conc):
                if tw >= W.end:
                    break
                out = min(self.maxtok, tm.out_tokens(rng))
                done, st = W.send(rng, a, key, tw, addr, ua, model, "messages", tm.inp_tokens(rng), out, False, 0, 1,
                                  False, cat, W.cot(rng, cat, cotb), tm.inst(rng), sp, retries=2)
                tw = done + int(lognorm(rng, 150, 1.2))
                if st == 429 or st == 529:
                    if rng.random() < .3:
                        break  # the script dies on the unhandled error
                    tw += int(rng.uniform(20, 60) * 1000)
            end = max(end, tw)
        return end


# ------------------------------------------------------------------ agentic coding tools
class Product:
    """An IDE / agent tool with many users."""

    def __init__(self, W, rng, name, kind):
        self.name = name
        self.kind = kind
        self.cache = {"cli": .88, "oss": .8, "hosted": .85, "framework": .35}[kind]
        self.aux_sp = W.sysp(rng)
        self.net = None
        if kind == "cli":
            base = rng.randint(24, 30)
            self.versions = []
            for i in range(4):
                self.versions.append(("claude-cli/2.0.%d (external, cli)" % (base + i), W.sysp(rng), 16 + (i >= 2)))
            self.rollout = W.start + int(W.dur * rng.uniform(.2, .7))  # newest build ships mid-window
            self.sys_tok = (14500, 16000)
        elif kind == "oss":
            self.ua = "anthropic-typescript/%s" % rng.choice(("0.37.0", "0.39.0", "0.52.0"))
            self.sys_tok = (11000, 13500)
        elif kind == "hosted":
            self.ua = "%s-backend/%d.%d.%d" % (name, rng.randint(1, 3), rng.randint(0, 12), rng.randint(0, 9))
            self.sps = [W.sysp(rng), W.sysp(rng)]
            self.tools = rng.randint(9, 14)
            self.sys_tok = (6000, 7500)
            from .net import Fixed, hosting_addrs
            self.net = Fixed(hosting_addrs(rng, "aws", "US", rng.randint(16, 40)) + hosting_addrs(rng, "aws", "DE", rng.randint(4, 10)))
        else:
            self.sys_tok = (400, 3000)


class AgentUser(Unit):
    """A developer driving an agent loop: bursts of tool-calling steps over a growing context."""

    def __init__(self, W, rng, a, keys, net, cc, tz, prod, mp, per_day=(2.2, .5), curve=WORK, weekend=.35, ua=None):
        self.rng = rng
        self.a = a
        self.accounts = [a]
        self.keys = keys
        self.net = prod.net or net
        self.cc = cc
        self.tz = tz
        self.prod = prod
        self.mp = mp
        self.per_day = lognorm(rng, *per_day)
        self.curve = curve
        self.weekend = weekend
        self.think_p = rng.choice((0, 0, .1, .3, .6))
        self.night = rng.random() < .06
        if prod.kind == "cli":
            self.extra_tools = rng.choice((0, 0, 0, 0, 2, 4, 6, 9, 14, 22, 35))
            self.ver = rng.choice((0, 1, 1, 2, 2, 2))
            self.upd = prod.rollout + int(lognorm(rng, 3, 1.0) * HOUR) if rng.random() < .8 else None
        if prod.kind in ("oss", "framework"):
            self.ws = [W.sysp(rng) for _ in range(rng.randint(1, 3))]
            self.ws_tools = [rng.randint(2, 12) for _ in self.ws]
        self.ua = ua or (prod.ua if prod.kind in ("oss", "hosted") else None)
        if self.ua is None and prod.kind == "framework":
            from .catalog import FRAMEWORKS
            self.ua = FRAMEWORKS.pick(rng)
        self.stok = int(rng.uniform(*prod.sys_tok))
        self.tool_gap = 2.2
        self.approval_p = .08
        self.steps_med = 10
        self.tasks_mean = 1.3

    def flavour(self, rng, t):
        p = self.prod
        if p.kind == "cli":
            v = 3 if (self.upd is not None and t >= self.upd) else self.ver
            ua, sp, tb = p.versions[v]
            return ua, sp, tb + self.extra_tools
        if p.kind == "oss":
            return self.ua, self.ws[rng.randrange(len(self.ws))], 0
        if p.kind == "hosted":
            return self.ua, p.sps[0] if rng.random() < .8 else p.sps[1], p.tools
        j = rng.randrange(len(self.ws))
        return self.ua, self.ws[j], self.ws_tools[j]

    def run(self, W):
        rng = self.rng
        plan = W.starts(rng, self.tz, self.curve, self.per_day, self.weekend, self.cc)
        if self.night:
            plan.append(W.start + int(rng.random() * W.dur))
            plan.sort()
        busy = W.start
        for t0 in plan:
            if t0 < busy:
                continue
            busy = self.session(W, t0, long=(self.night and rng.random() < .5))

    def session(self, W, t, long=False):
        rng = self.rng
        addr = self.net.session(rng, t)
        key = self.keys[0] if rng.random() < .8 else self.keys[-1]
        tasks = 1 + poisson(rng, self.tasks_mean)
        for _ in range(tasks):
            if t >= W.end:
                break
            t = self.task(W, t, addr, key, long)
            t += int(lognorm(rng, 90, 1.2) * 1000)
        return t

    def task(self, W, t, addr, key, long=False):
        rng = self.rng
        a = self.a
        p = self.prod
        ua, sp, tools = self.flavour(rng, t)
        ctx = self.stok + tools * 180 + int(lognorm(rng, 1500, 1.0))
        turns = 1
        h = rng.getrandbits(64)
        steps = min(250, 2 + int(lognorm(rng, 60 if long else self.steps_med, .9)))
        model = self.mp.pick(rng, t, W.NEW)
        think = self.think_p > 0 and rng.random() < self.think_p
        plan_bias = rng.uniform(.1, .35) if rng.random() < .15 else 0.0
        for s in range(steps):
            if t >= W.end:
                break
            last = s == steps - 1
            out = int(lognorm(rng, 450, .8)) + 30 if last else int(lognorm(rng, 160, .9)) + 15
            th = think and rng.random() < .5
            if th:
                out += int(lognorm(rng, 600, .9))
            r = rng.random()
            cat = "tool_use" if r < .55 else "coding" if r < .93 else "analysis"
            cot = W.cot(rng, "tool_use", plan_bias if s == 0 else 0.0)
            done, st = W.send(rng, a, key, t, addr, ua, model, "messages", ctx, min(out, 32000), True, tools, turns,
                              th, cat, cot, h, sp, cache=p.cache, retries=3 if p.kind == "cli" else 2)
            if st != 200:
                t = done + int(lognorm(rng, 15, .8) * 1000)
                if rng.random() < .4:
                    break
                continue
            if p.kind == "cli" and rng.random() < .1:
                W.send(rng, a, key, done + rng.randint(5, 400), addr, ua, "claude-haiku-4-5", "messages",
                       int(lognorm(rng, 700, .8)), int(lognorm(rng, 30, .6)) + 3, False, 0, 1, False,
                       rng.choice(("other", "chat", "coding")), round(rng.random() * .05, 3), rng.getrandbits(64), p.aux_sp)
            if rng.random() < .03:
                W.send(rng, a, key, done + rng.randint(5, 200), addr, ua, model, "count_tokens", ctx, 0, False, tools,
                       turns, False, cat, cot, h, sp)
            g = lognorm(rng, self.tool_gap, 1.1)
            if not long and rng.random() < self.approval_p:
                g += lognorm(rng, 20, 1.0)
            t = done + int(g * 1000)
            ctx += out + int(lognorm(rng, 900, 1.2))
            turns += 2
            h = flip(rng, h, 1 if rng.random() < .7 else 2)
            if ctx > 165000:
                ctx = int(lognorm(rng, 24000, .3))
                turns = 3
                h = rng.getrandbits(64)
        return t


# ------------------------------------------------------------------ machine workloads
def worker_stream(W, rng, a, key, addr_fn, ua, t0, t1, rate_fn, make_req, conc=1, retries=2, patience=1.0):
    """conc sequential workers issuing requests at a time-varying rate (requests/hour per worker)."""
    for w in range(conc):
        t = t0 + rng.randint(0, 5000)
        while t < t1:
            r = rate_fn(t)
            if r <= 0:
                t += 10 * MIN
                continue
            gap = rng.expovariate(r / 3600000.0)
            t += int(gap)
            if t >= t1:
                break
            args = make_req(t)
            if args is None:
                continue
            done, st = W.send(rng, a, key, t, addr_fn(t), ua, *args, retries=retries, patience=patience)
            t = done
