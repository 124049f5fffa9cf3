"""Benign population of the lagoon world."""
import math

from . import catalog as C
from .behave import (HP, mixture, sdk_ua, aged, sec, starts, one_start, mk_tpl, tpl_draw, run_human,
                     ensure, run_workers)
from .util import HOUR, MIN, SEC, DAY, derive, poisson, flip, pick_cum, table, clamp01

PAID_RPM = (50, 50, 1000, 1000, 2000, 4000)
REASON_MIX = {"reasoning": .55, "chat": .12, "analysis": .15, "writing": .1, "coding": .08}
FREE_MIX = {"chat": .45, "writing": .15, "coding": .14, "other": .08, "reasoning": .08, "analysis": .06, "vision": .04}
STUDENT_MIX = {"coding": .35, "reasoning": .3, "chat": .2, "writing": .1, "analysis": .05}
WRITE_MIX = {"writing": .4, "chat": .2, "analysis": .2, "coding": .1, "other": .05, "vision": .05}
SUPPORT_MIX = {"analysis": .35, "writing": .25, "chat": .2, "coding": .1, "other": .1}


# ----------------------------------------------------------------------------- networks
def indiv_net(w, rng, cc):
    reg = w.reg
    x = rng.random()
    if x < .62:
        home = reg.home(rng, cc)
        if home[1] is not None and ":" not in home[0]:
            w.homes.append(home)
        car = reg.carrier(rng, cc)
        pm = rng.uniform(0, .15)
        return lambda r: reg.mobile(r, car) if r.random() < pm else home
    if x < .80:
        eg = reg.corp(rng, cc)
        home = reg.home(rng, cc)
        ph = rng.uniform(0, .3)
        return lambda r: home if r.random() < ph else eg[r.randrange(len(eg))]
    if x < .93:
        car = reg.carrier(rng, cc)
        return lambda r: reg.mobile(r, car)
    prov = reg.provider(rng)
    vm = reg.vm(rng, prov, reg.region(rng, prov, cc))
    return lambda r: vm


def home_or_mobile(w, rng, cc):
    reg = w.reg
    if rng.random() < .7:
        home = reg.home(rng, cc)
        return lambda r: home
    car = reg.carrier(rng, cc)
    return lambda r: reg.mobile(r, car)


def indiv(w, rng, mix_base):
    p = HP()
    p.mix = mixture(rng, mix_base)
    p.cot = rng.gauss(0, .04)
    p.think = rng.random() * .2 if rng.random() < .5 else 0.0
    p.stream = rng.choice((.1, .6, .9))
    p.model = pick_cum(rng, C.MODELS)
    p.ua = sdk_ua(rng)
    p.ua2 = pick_cum(rng, C.SCRIPT_UA)
    p.ua2_p = .03 if rng.random() < .3 else 0.0
    p.tools = 1 + rng.randrange(8)
    p.tools_p = rng.random() * .4
    p.klen = rng.uniform(2.5, 9)
    p.gap = rng.uniform(25, 120)
    if rng.random() < .35:
        p.sp = w.ids.sp()
        p.sp_p = rng.uniform(.3, 1)
    if rng.random() < .12:
        p.adopt = w.release + int(rng.expovariate(1.0 / (1.5 * HOUR)))
    return p


# ----------------------------------------------------------------------------- individuals
def solo(w, n, gid, flavour="dev"):
    for j in range(n):
        rng = derive(w.seed, gid, j)
        cc, off = w.reg.country(rng)
        org = w.ids.org() if rng.random() < .5 else None
        pay = w.ids.pay() if rng.random() < .95 else None
        nk = 1 + (rng.random() < .3) + (rng.random() < .1)
        a = w.account(aged(w, rng, 20, 1100), pay, org, nk, rng.choice(PAID_RPM) if pay else 50,
                      rng.uniform(.003, .02), gid=gid)
        if flavour == "reasoner":
            p = indiv(w, rng, REASON_MIX)
            p.cot = rng.uniform(.04, .18)
            p.think = rng.uniform(.25, .8)
            p.model = rng.choice(("claude-opus-4-5", "claude-opus-4-5", "claude-sonnet-4-5", "claude-opus-4-1"))
            p.tout_s = rng.uniform(1.1, 1.8)
            if rng.random() < .25:
                p.adopt = w.release + int(rng.expovariate(1.0 / HOUR))
            lam = rng.uniform(.1, .35)
        else:
            p = indiv(w, rng, C.DEV_MIX)
            lam = rng.uniform(.12, .5)
        if flavour == "vpn":
            name = rng.choice(("m247", "m247", "datacamp", "packethub"))
            exits = w.reg.vpn_exits(name)
            near = [e for e in exits if e[2] == cc] or exits
            pn = rng.uniform(.4, .95)
            p.net = lambda r, near=near, exits=exits, pn=pn: (near[r.randrange(len(near))] if r.random() < pn
                                                              else exits[r.randrange(len(exits))])
        else:
            p.net = indiv_net(w, rng, cc)
        curve = C.HUMAN if rng.random() < .7 else C.EVENING
        run_human(w, rng, a, p, starts(w, rng, off, curve, lam))
        ensure(w, rng, a, p, off, curve)


def free_tier(w, n, gid):
    for j in range(n):
        rng = derive(w.seed, gid, j)
        cc, off = w.reg.country(rng)
        curve = C.HUMAN if rng.random() < .6 else C.EVENING
        k = 1 + (rng.random() < .35) + (rng.random() < .1)
        sts = sorted(one_start(w, rng, off, curve) for _ in range(k))
        if rng.random() < .5:
            created = sec(sts[0] - int(rng.uniform(2, 40) * MIN))
        else:
            created = aged(w, rng, .3, 14)
        a = w.account(created, None, None, 1, 5, rng.uniform(.01, .04), gid=gid)
        p = indiv(w, rng, FREE_MIX)
        p.greet = rng.random() < .6
        p.klen = rng.uniform(1.5, 4)
        p.model = rng.choice(("claude-sonnet-4-5", "claude-sonnet-4-5", "claude-haiku-4-5"))
        p.stick = .95
        x = rng.random()
        p.ua = sdk_ua(rng, latest=True) if x < .8 else "curl/8.5.0"
        p.sp = None
        p.think = 0.0
        p.adopt = 0
        p.net = home_or_mobile(w, rng, cc)
        run_human(w, rng, a, p, sts)
        ensure(w, rng, a, p, off, curve)


# ----------------------------------------------------------------------------- IDE / agent frameworks
def run_agent(w, rng, a, pr, sts):
    req = w.req
    for s in sts:
        ipt = pr["net"](rng)
        key = a.keys[0]
        steps = 3 + int(rng.expovariate(1.0 / pr["steps"]))
        t = s
        turns = 1
        base = pr["ctx"]
        ctx = base + int(rng.uniform(0, 4000))
        conv = rng.getrandbits(64)
        for i in range(steps):
            if i and rng.random() < .07:
                turns = 1
                ctx = base + int(rng.uniform(0, 4000))
                conv = rng.getrandbits(64)
            if pr["switch"] and t >= pr["switch"] and rng.random() < .9:
                model = w.new_model
            else:
                model = pr["model"]
            cot = round(rng.betavariate(1.1, 16.0), 3)
            cat = "tool_use" if rng.random() < pr["tool_share"] else "coding"
            if rng.random() < pr["ct_p"]:
                d0 = req(a, t, key, ipt, pr["ua"], model, "count_tokens", False, pr["tools"], turns, False, cat,
                         cot, conv, pr["sph"], ctx, 0)
                if d0 is None:
                    break
                t = d0 + int(rng.uniform(20, 200))
            tin = ctx + int(rng.lognormvariate(5.5, 1.0))
            tout = 1 + int(rng.lognormvariate(5.8, .9))
            think = rng.random() < pr["think"]
            if think:
                tout += int(rng.lognormvariate(6.5, .8))
            done = req(a, t, key, ipt, pr["ua"], model, "messages", True, pr["tools"], turns, think, cat, cot,
                       conv, pr["sph"], min(tin, 195000), tout)
            if done is None:
                break
            ctx = tin + tout + int(rng.lognormvariate(6.6, 1.1))
            if ctx > 150000:
                ctx = 25000 + int(rng.uniform(0, 15000))
            turns += 2
            conv = flip(rng, conv, 1 + rng.randrange(2))
            t = done + int(rng.lognormvariate(7.6, .9))


def ide(w, n, gid, product):
    rng0 = derive(w.seed, gid)
    if product == "tidewise":
        vers = [("tidewise/2.14.3 (anthropic-typescript/0.66.0)", w.ids.sp(), 19, .75),
                ("tidewise/2.13.9 (anthropic-typescript/0.64.0)", w.ids.sp(), 16, .25)]
        switch = w.release + int(rng0.uniform(1.5, 4) * HOUR)
    else:
        vers = [("kelpie-agent/0.9.7 (anthropic-python/0.74.1)", w.ids.sp(), 0, .6),
                ("kelpie-agent/0.9.5 (anthropic-python/0.73.0)", w.ids.sp(), 0, .3),
                ("kelpie-agent/0.8.12 (anthropic-python/0.71.0)", w.ids.sp(), 0, .1)]
        switch = 0
    vt = table([(v, v[3]) for v in vers])
    for j in range(n):
        rng = derive(w.seed, gid, j)
        cc, off = w.reg.country(rng)
        org = w.ids.org() if rng.random() < .4 else None
        a = w.account(aged(w, rng, 5, 900), w.ids.pay(), org, 1, rng.choice((1000, 2000, 4000)),
                      rng.uniform(.002, .01), gid=gid)
        v = pick_cum(rng, vt)
        pinned = rng.random() < .3
        if product == "tidewise":
            tools = v[2] + (0 if rng.random() < .6 else rng.randint(2, 20))
            sph = v[1]
            sw = switch if (v is vers[0] and not pinned) else 0
        else:
            tools = rng.randint(4, 30)
            sph = v[1] if rng.random() < .65 else w.ids.sp()
            sw = 0
        x = rng.random()
        model = "claude-sonnet-4-5" if x < .85 else ("claude-opus-4-5" if x < .95 else "claude-haiku-4-5")
        pr = {"net": indiv_net(w, rng, cc), "steps": rng.uniform(10, 40), "ctx": rng.randint(5000, 14000),
              "switch": sw, "model": model, "tool_share": rng.uniform(.4, .8), "ct_p": .08 if product == "tidewise"
              else 0.0, "ua": v[0], "tools": tools, "sph": sph, "think": .3 if rng.random() < .3 else 0.0}
        curve = C.HUMAN if rng.random() < .6 else (C.OFFICE if rng.random() < .6 else C.EVENING)
        sts = starts(w, rng, off, curve, rng.uniform(.08, .3))
        if not sts:
            sts = [one_start(w, rng, off, curve)]
        run_agent(w, rng, a, pr, sts)
        if a.n == 0:
            run_agent(w, rng, a, pr, [one_start(w, rng, off, curve, w.t0, w.t1 - HOUR)])


# ----------------------------------------------------------------------------- plugins & integrations
PLUGINS = [
    ("mailmate", "mailmate/4.2.1 (anthropic-typescript/0.63.0)", .40, "claude-haiku-4-5", .0,
     [("writing", 500, 250), ("writing", 900, 300), ("chat", 300, 150), ("analysis", 1500, 120)]),
    ("docuwand", "docuwand/2.8.0 (anthropic-python/0.72.0)", .25, "claude-sonnet-4-5", .9,
     [("analysis", 9000, 600), ("analysis", 4000, 350), ("writing", 6000, 800)]),
    ("sheetsage", "sheetsage/1.15.2 (anthropic-typescript/0.65.0)", .20, "claude-haiku-4-5", .0,
     [("other", 700, 90), ("analysis", 1200, 200), ("coding", 500, 160)]),
    ("notenook", "notenook/3.0.4 (anthropic-typescript/0.66.0)", .15, "claude-sonnet-4-5", 1.0,
     [("writing", 400, 500), ("chat", 250, 300), ("writing", 1100, 700), ("reasoning", 350, 600)]),
]


def plugin(w, n, gid, spec):
    name, ua, _, model, stream, tdefs = spec
    rng0 = derive(w.seed, gid)
    sps = [w.ids.sp(), w.ids.sp()]
    tpls = [mk_tpl(rng0, cat, 1.3, 11.0 if cat != "reasoning" else 3.0, 1, 6, ti, .5, to, .5) for cat, ti, to in tdefs]
    for j in range(n):
        rng = derive(w.seed, gid, j)
        cc, off = w.reg.country(rng)
        pay = w.ids.pay() if rng.random() < .9 else None
        a = w.account(aged(w, rng, 3, 900), pay, None, 1, 50 if pay else 5, rng.uniform(.002, .01), gid=gid)
        p = HP()
        p.mix = mixture(rng, {c: 1.0 for c, _, _ in tdefs})
        p.tpl = tpls
        p.tpl_p = .9
        p.sp = sps[0] if rng.random() < .7 else sps[1]
        p.sp_p = 1.0
        p.ua = ua
        p.model = model if rng.random() < .8 else pick_cum(rng, C.MODELS)
        p.stick = .97
        p.stream = stream
        p.klen = 1.6
        p.newconv = .6
        p.gap = 20
        p.net = indiv_net(w, rng, cc)
        curve = C.OFFICE if rng.random() < .6 else C.HUMAN
        run_human(w, rng, a, p, starts(w, rng, off, curve, rng.uniform(.25, 1.2)))
        ensure(w, rng, a, p, off, curve)


def bots(w, n, gid, vendor):
    reg = w.reg
    rng0 = derive(w.seed, gid)
    if vendor:
        pool = reg.block(rng0, "aws", "US", rng0.randint(4, 8))
        sps = [w.ids.sp(), w.ids.sp()]
        digest = mk_tpl(rng0, "analysis", 1.3, 12, 1, 5, 3500, .6, 250, .4)
        reply = mk_tpl(rng0, "chat", 1.2, 14, 2, 7, 900, .7, 180, .6)
        triage = mk_tpl(rng0, "other", 1.2, 14, 1, 4, 600, .4, 40, .4)
        ua = "reefbot/3.1.0 (anthropic-python/0.71.0)"
    for j in range(n):
        rng = derive(w.seed, gid, j)
        cc, off = reg.country(rng)
        a = w.account(aged(w, rng, 10, 600), w.ids.pay(), w.ids.org() if rng.random() < .5 else None, 1,
                      rng.choice((50, 1000)), rng.uniform(.001, .006), gid=gid)
        key = a.keys[0]
        if vendor:
            period = rng.choice((300, 600, 600, 900, 1800, 3600)) * SEC
            sph = sps[0] if rng.random() < .8 else sps[1]
            model = "claude-haiku-4-5"
            t = w.t0 + int(rng.random() * period)
            while t < w.t1:
                tt = t + int(rng.uniform(-1500, 1500))
                tp = digest if rng.random() < .7 else triage
                sim, tin, tout, cot = tpl_draw(rng, tp)
                w.req(a, max(w.t0, tt), key, pool[rng.randrange(len(pool))], ua, model, "messages", False, 0, 1,
                      False, tp[1], cot, sim, sph, tin, tout, retries=3)
                t += period
            for tt in starts(w, rng, off, C.OFFICE, rng.uniform(.2, 3)):
                sim, tin, tout, cot = tpl_draw(rng, reply)
                turns = 1 + 2 * rng.randrange(6)
                w.req(a, tt, key, pool[rng.randrange(len(pool))], ua, model, "messages", False, 0, turns, False,
                      "chat", cot, sim, sph, tin + turns * 120, tout, retries=3)
        else:
            prov = reg.provider(rng)
            vm = reg.vm(rng, prov, reg.region(rng, prov, cc))
            ua = pick_cum(rng, C.SCRIPT_UA) if rng.random() < .7 else sdk_ua(rng)
            period = rng.choice((60, 120, 300, 300, 600, 900, 900, 1800, 3600, 3600)) * SEC
            cat = rng.choice(("analysis", "other", "writing", "chat", "coding"))
            tp = mk_tpl(rng, cat, 1.3, 12, 0, 4, rng.uniform(200, 5000), .3, rng.uniform(40, 700), .4)
            sph = w.ids.sp() if rng.random() < .6 else None
            model = rng.choice(("claude-haiku-4-5", "claude-haiku-4-5", "claude-3-5-haiku", "claude-sonnet-4-5"))
            delay = int(rng.uniform(50, 1500))
            t = ((w.t0 // period) + 1) * period + delay
            while t < w.t1:
                sim, tin, tout, cot = tpl_draw(rng, tp)
                w.req(a, t + int(rng.random() * 200), key, vm, ua, model, "messages", False, 0, 1, False, cat,
                      cot, sim, sph, tin, tout, retries=1)
                t += period


# ----------------------------------------------------------------------------- organisations
def teams(w, total, kind="team"):
    made = 0
    k = 0
    reg = w.reg
    while made < total:
        rng = derive(w.seed, "team", k)
        size = max(3, int(rng.lognormvariate(math.log(9), .6)))
        size = min(size, 45, total - made)
        if total - made - size < 3:
            size = total - made
        gid = w.group("team-%03d" % k, kind)
        cc, off = reg.country(rng)
        org = w.ids.org()
        pay = w.ids.pay()
        sph = w.ids.sp()
        eg = reg.corp(rng, cc, reuse=0.0)
        onboard = aged(w, rng, 15, 700)
        ua = sdk_ua(rng)
        focus = rng.choice((C.DEV_MIX, C.DEV_MIX, WRITE_MIX, SUPPORT_MIX))
        rpm = rng.choice((1000, 2000, 4000))
        for m in range(size):
            ar = derive(w.seed, "team", k, m)
            if ar.random() < .7:
                created = sec(onboard + int(ar.uniform(0, 3) * HOUR))
            else:
                created = sec(onboard + int(ar.random() * (w.t0 - DAY - onboard)))
            a = w.account(created, pay, org, 1, rpm, ar.uniform(.003, .015), gid=gid)
            p = indiv(w, ar, focus)
            p.ua = ua if ar.random() < .85 else sdk_ua(ar)
            p.sp = sph
            p.sp_p = ar.uniform(.5, .9)
            if ar.random() < .2:
                home = reg.home(ar, cc)
                p.net = lambda r, h=home: h
            else:
                p.net = lambda r, eg=eg: eg[r.randrange(len(eg))]
            run_human(w, ar, a, p, starts(w, ar, off, C.OFFICE, ar.uniform(.2, .6)))
            ensure(w, ar, a, p, off, C.OFFICE)
        made += size
        k += 1


def cohorts(w, total):
    made = 0
    k = 0
    reg = w.reg
    while made < total:
        rng = derive(w.seed, "cohort", k)
        size = min(rng.randint(22, 85), total - made)
        if total - made - size < 15:
            size = total - made
        gid = w.group("cohort-%02d" % k, "course_cohort")
        cc = rng.choice(("US", "US", "GB", "DE", "IN", "CA", "AU", "FR", "KR", "SG", "BR", "NL", "JP", "ES"))
        off = reg.offset(rng, cc)
        campus = reg.campus(rng, cc)
        sph = w.ids.sp()
        tpls = [mk_tpl(rng, rng.choice(("reasoning", "coding", "reasoning", "analysis")), 7, 2.5, 1, 5,
                       rng.uniform(300, 1500), .4, rng.uniform(500, 1600), .5) for _ in range(rng.randint(2, 4))]
        ua_pin = "anthropic-python/" + pick_cum(rng, C.PY)
        wave = w.t0 - int(rng.uniform(1, 14) * DAY)
        lab = w.t0 + int(rng.uniform(.05, .85) * (w.t1 - w.t0))
        deadline = w.t0 + int(rng.uniform(.35, 1.1) * (w.t1 - w.t0))
        model = rng.choice(("claude-sonnet-4-5", "claude-sonnet-4-5", "claude-haiku-4-5"))
        for s in range(size):
            ar = derive(w.seed, "cohort", k, s)
            if ar.random() < .9:
                created = sec(wave + int(ar.uniform(0, 2) * HOUR))
            else:
                created = sec(wave + int(ar.uniform(2 * HOUR, max(3 * HOUR, w.t0 - wave - HOUR))))
            a = w.account(created, None, None, 1, 5, ar.uniform(.02, .05), gid=gid)
            p = HP()
            p.mix = mixture(ar, STUDENT_MIX)
            p.tpl = tpls
            p.tpl_p = .75
            p.sp = sph
            p.sp_p = .6
            p.ua = ua_pin if ar.random() < .85 else sdk_ua(ar)
            p.model = model
            p.stick = .92
            p.klen = 6
            p.gap = ar.uniform(30, 150)
            p.newconv = .5
            p.stream = .2
            p.cot = ar.uniform(-.03, .1)
            home = reg.home(ar, cc)
            dorm = ar.random() < .5
            c_net = lambda r, c=campus: c[r.randrange(len(c))]
            h_net = c_net if dorm else (lambda r, h=home: h)
            if ar.random() < .75 and lab < w.t1:
                p.net = c_net
                run_human(w, ar, a, p, [lab + int(ar.uniform(0, 25) * MIN)], kfix=ar.randint(4, 15))
            p.net = h_net
            ns = 1 + poisson(ar, 1.2)
            dts = sorted(deadline - int(8 * HOUR * ar.random() ** 2.2) for _ in range(ns))
            dts = [t for t in dts if w.t0 <= t < w.t1]
            if dts:
                if ar.random() < .15:  # a notebook loop over the whole problem set
                    g = p.gap
                    p.gap = .6
                    run_human(w, ar, a, p, dts[:1], kfix=ar.randint(10, 30))
                    p.gap = g
                    dts = dts[1:]
                run_human(w, ar, a, p, dts)
            run_human(w, ar, a, p, starts(w, ar, off, C.STUDENT, .04))
            ensure(w, ar, a, p, off, C.STUDENT)
        made += size
        k += 1


SUITES = [  # name, cat, cot a, b, flip min/max, tin, tin sig, tout, tout sig, tools, max turns, items
    ("mathbench", "reasoning", 7, 2, 2, 8, 180, .5, 900, .6, 0, 1, 1200),
    ("logicqa", "reasoning", 6, 2.5, 2, 8, 350, .5, 700, .6, 0, 1, 800),
    ("codecontest", "coding", 3, 4, 3, 9, 900, .5, 1400, .6, 0, 1, 600),
    ("knowmc", "analysis", 2.5, 5, 1, 6, 400, .4, 80, .7, 0, 1, 2000),
    ("agentgym", "tool_use", 1.2, 12, 3, 9, 18000, .6, 500, .8, 11, 40, 400),
    ("longwrite", "writing", 1.5, 8, 2, 7, 300, .4, 2500, .4, 0, 1, 300),
    ("sciqa", "reasoning", 5, 3, 2, 8, 600, .6, 800, .6, 0, 1, 900),
]


def suite_items(w, s):
    cache = w.__dict__.setdefault("_suites", {})
    if s[0] in cache:
        return cache[s[0]]
    r = derive(w.seed, "suite", s[0])
    base = r.getrandbits(64)
    sph = r.getrandbits(64)
    items = []
    for _ in range(s[12]):
        sim = flip(r, base, r.randint(s[4], s[5]))
        tin = 20 + int(r.lognormvariate(math.log(s[6]), s[7]))
        tout = 1 + int(r.lognormvariate(math.log(s[8]), s[9]))
        cot = round(clamp01(r.betavariate(s[2], s[3])), 3)
        turns = 1 + 2 * r.randrange(s[11] // 2 + 1) if s[11] > 1 else 1
        items.append((sim, tin, tout, cot, turns))
    cache[s[0]] = (items, "%016x" % sph)
    return cache[s[0]]


def labs(w, total):
    made = 0
    k = 0
    reg = w.reg
    evals = ("evalkit/0.4.2 (anthropic-python/0.73.0)", "evalkit/0.4.0 (anthropic-python/0.71.0)",
             "anthropic-python/0.74.1", "anthropic-python/0.72.0", "benchy/1.3.0 (anthropic-typescript/0.65.0)")
    while made < total:
        rng = derive(w.seed, "lab", k)
        size = min(rng.randint(2, 8), total - made)
        gid = w.group("lab-%02d" % k, "benchmark_lab")
        cc = rng.choice(("US", "US", "US", "GB", "CA", "DE", "FR", "SG", "KR", "JP", "IL", "NL", "IN", "CH"))
        off = reg.offset(rng, cc)
        org = w.ids.org()
        shared = rng.random() < .7
        card = w.ids.pay()
        prov = reg.provider(rng)
        region = reg.region(rng, prov, cc)
        vms = [reg.vm(rng, prov, region) for _ in range(rng.randint(1, 4))]
        ua = rng.choice(evals)
        accts = []
        for m in range(size):
            ar = derive(w.seed, "lab", k, m)
            a = w.account(aged(w, ar, 20, 900), card if shared else w.ids.pay(), org, rng.randint(1, 3), 4000,
                          .003, gid=gid)
            accts.append(a)
            p = indiv(w, ar, REASON_MIX)
            p.net = indiv_net(w, ar, cc if cc in reg.offs else "US")
            p.ua = ua if ar.random() < .5 else sdk_ua(ar)
            run_human(w, ar, a, p, starts(w, ar, off, C.HUMAN, .12))
        runs = []
        for _ in range(poisson(rng, .12 * w.H * size ** .5)):
            runs.append((w.t0 + int(rng.random() * (w.t1 - w.t0)), None))
        if rng.random() < .75 and w.release < w.t1:
            t = w.release + int(10 * MIN + rng.expovariate(1.0 / (1.5 * HOUR)))
            for _ in range(rng.randint(1, 3)):
                runs.append((t, w.new_model))
                t += int(rng.uniform(5, 90) * MIN)
        for start, model in runs:
            a = accts[rng.randrange(len(accts))]
            suite = SUITES[rng.randrange(len(SUITES))]
            items, ssph = suite_items(w, suite)
            if model is None:
                if start >= w.release and rng.random() < .6:
                    model = w.new_model
                else:
                    model = rng.choice(("claude-sonnet-4-5", "claude-opus-4-5", "claude-haiku-4-5",
                                        "claude-opus-4-1"))
            conc = rng.choice((4, 8, 8, 16, 32))
            n = rng.randint(120, min(900, len(items)))
            thinking = rng.random() < .4
            sph = ssph if rng.random() < .7 else None
            off0 = rng.randrange(len(items))
            key = a.keys[rng.randrange(len(a.keys))]
            cat = suite[1]
            tools = suite[10]

            def make(r, j, wk, t, items=items, off0=off0, key=key, model=model, thinking=thinking, sph=sph,
                     cat=cat, tools=tools):
                sim, tin, tout, cot, turns = items[(off0 + j) % len(items)]
                to = 1 + int(tout * r.lognormvariate(0, .25))
                if thinking:
                    to += int(r.lognormvariate(7.3, .7))
                return (key, vms[wk % len(vms)], ua, model, "messages", False, tools, turns, thinking, cat, cot,
                        sim, sph, tin + (turns - 1) * 900, to)

            run_workers(w, rng, a, start, conc, n, make, retries=5)
        for a in accts:
            if a.n == 0:
                p = indiv(w, rng, REASON_MIX)
                p.net = lambda r, v=vms[0]: v
                ensure(w, rng, a, p, off, C.HUMAN)
        made += size
        k += 1


def enterprise(w, total):
    made = 0
    k = 0
    reg = w.reg
    while made < total:
        rng = derive(w.seed, "ent", k)
        size = min(rng.randint(2, 6), total - made)
        gid = w.group("ent-%02d" % k, "enterprise_batch")
        cc, off = reg.country(rng)
        org = w.ids.org()
        card = w.ids.pay()
        prov = reg.provider(rng)
        region = reg.region(rng, prov, cc)
        nat = [reg.vm(rng, prov, region) for _ in range(rng.randint(2, 4))]
        x = rng.random()
        ua = ("anthropic-python/" + pick_cum(rng, C.PY)) if x < .6 else (
            ("anthropic-java/" + pick_cum(rng, C.JAVA)) if x < .85 else ("anthropic-go/" + pick_cum(rng, C.GO)))
        for m in range(size):
            ar = derive(w.seed, "ent", k, m)
            a = w.account(aged(w, ar, 60, 900), card, org, ar.randint(3, 8), 4000, .002, gid=gid)
            for _ in range(1 + (ar.random() < .5)):
                cat = ar.choice(("analysis", "analysis", "writing", "other", "coding", "chat"))
                tp = mk_tpl(ar, cat, 1.5, 10, 1, 4, ar.uniform(500, 8000), .4, ar.uniform(80, 900), .4)
                sph = w.ids.sp()
                model = ar.choice(("claude-haiku-4-5", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-3-5-haiku"))
                mode = ar.random()
                if mode < .45:
                    rate = ar.uniform(6, 45) / HOUR
                    t = w.t0 + int(ar.expovariate(rate))
                    while t < w.t1:
                        sim, tin, tout, cot = tpl_draw(ar, tp)
                        w.req(a, t, a.keys[ar.randrange(len(a.keys))], nat[ar.randrange(len(nat))], ua, model,
                              "messages", False, 0, 1, False, cat, cot, sim, sph, tin, tout, retries=4)
                        t += int(ar.expovariate(rate)) + 1
                elif mode < .75:
                    period = ar.choice((120, 300, 300, 600)) * SEC
                    b = ar.randint(1, 3)
                    t = ((w.t0 // period) + 1) * period + int(ar.uniform(100, 3000))
                    while t < w.t1:
                        for _ in range(b):
                            sim, tin, tout, cot = tpl_draw(ar, tp)
                            w.req(a, t + int(ar.random() * 400), a.keys[ar.randrange(len(a.keys))],
                                  nat[ar.randrange(len(nat))], ua, model, "messages", False, 0, 1, False, cat, cot,
                                  sim, sph, tin, tout, retries=4)
                        t += period
                else:
                    every = ar.uniform(1, 3) * HOUR
                    t = w.t0 - int(ar.random() * every)
                    while t < w.t1:
                        bs = ar.randint(30, 200)
                        for _ in range(bs):
                            sim, tin, tout, cot = tpl_draw(ar, tp)
                            if t + 40 * MIN < w.t0:
                                continue
                            w.req(a, max(t, w.t0 - 40 * MIN), a.keys[ar.randrange(len(a.keys))],
                                  nat[ar.randrange(len(nat))], ua, model, "batch", False, 0, 1, False, cat, cot,
                                  sim, sph, tin, tout, retries=0)
                        t += int(every)
        made += size
        k += 1


def startups(w, total, gid):
    made = 0
    k = 0
    reg = w.reg
    while made < total:
        rng = derive(w.seed, "startup", k)
        size = min(rng.randint(1, 4), total - made)
        cc, off = reg.country(rng)
        mcc, moff = reg.country(rng) if rng.random() < .4 else (cc, off)
        org = w.ids.org()
        card = w.ids.pay()
        prov = reg.provider(rng)
        region = reg.region(rng, prov, cc)
        ips = [reg.vm(rng, prov, region) for _ in range(rng.randint(2, 6))]
        sph = w.ids.sp()
        ua = sdk_ua(rng)
        mixb = rng.choice((C.DEV_MIX, WRITE_MIX, SUPPORT_MIX, FREE_MIX))
        tpls = [mk_tpl(rng, rng.choice(list(mixb)), 1.5, 9, 1, 5, rng.uniform(300, 6000), .5,
                       rng.uniform(100, 1200), .5) for _ in range(rng.randint(2, 4))]
        model = pick_cum(rng, C.MODELS)
        adopt = w.release + int(rng.expovariate(1.0 / (3 * HOUR))) if rng.random() < .3 else 0
        for m in range(size):
            ar = derive(w.seed, "startup", k, m)
            a = w.account(aged(w, ar, 10, 500), card, org, ar.randint(1, 3), ar.choice((1000, 2000)), .004,
                          gid=gid)
            p = HP()
            p.mix = mixture(ar, mixb)
            p.tpl = tpls
            p.tpl_p = .5
            p.sp = sph
            p.sp_p = .95
            p.ua = ua
            p.model = model
            p.stick = .95
            p.adopt = adopt
            p.adopt_p = .95
            p.klen = 1.5
            p.gap = 25
            p.newconv = .5
            p.stream = .7
            p.net = lambda r, ips=ips: ips[r.randrange(len(ips))]
            run_human(w, ar, a, p, starts(w, ar, moff, C.MARKET, ar.uniform(1.5, 14)))
            ensure(w, ar, a, p, moff, C.MARKET)
        made += size
        k += 1


def platforms(w, total):
    norg = max(1, min(total // 15, 1 + w.N // 15000))
    reg = w.reg
    per = [total // norg + (1 if i < total % norg else 0) for i in range(norg)]
    for k, size in enumerate(per):
        rng = derive(w.seed, "platform", k)
        gid = w.group("platform-%d" % k, "agency_platform")
        org = w.ids.org()
        card = w.ids.pay()
        prov = reg.provider(rng)
        region = reg.region(rng, prov, "US")
        ips = [reg.vm(rng, prov, region) for _ in range(3)]
        ua = "anthropic-python/" + pick_cum(rng, C.PY)
        switch = w.release + int(rng.uniform(1, 3) * HOUR)
        for m in range(size):
            ar = derive(w.seed, "platform", k, m)
            cc, off = reg.country(ar)
            a = w.account(aged(w, ar, 5, 400), card, org, 1, 2000, .004, gid=gid)
            p = HP()
            mixb = ar.choice((WRITE_MIX, SUPPORT_MIX, C.DEV_MIX))
            p.mix = mixture(ar, mixb)
            p.tpl = [mk_tpl(ar, ar.choice(list(mixb)), 1.4, 9, 1, 5, ar.uniform(300, 3000), .5,
                            ar.uniform(150, 1500), .5) for _ in range(ar.randint(1, 2))]
            p.tpl_p = .6
            p.sp = w.ids.sp()
            p.sp_p = 1.0
            p.ua = ua
            p.model = "claude-sonnet-4-5"
            p.stick = .97
            p.adopt = switch if ar.random() < .5 else 0
            p.adopt_p = .95
            p.klen = 1.3
            p.gap = 30
            p.stream = .5
            p.net = lambda r, ips=ips: ips[r.randrange(len(ips))]
            run_human(w, ar, a, p, starts(w, ar, off, C.HUMAN, ar.uniform(2, 15)))
            ensure(w, ar, a, p, off, C.HUMAN)


def power_users(w, n, gid):
    reg = w.reg
    for j in range(n):
        rng = derive(w.seed, gid, j)
        cc, off = reg.country(rng)
        a = w.account(aged(w, rng, 30, 1000), w.ids.pay(), w.ids.org() if rng.random() < .5 else None,
                      1 + (rng.random() < .4), rng.choice((1000, 2000, 4000)), .006, gid=gid)
        p = indiv(w, rng, C.DEV_MIX)
        p.net = indiv_net(w, rng, cc)
        if rng.random() < .5:
            prov = reg.provider(rng)
            vm = reg.vm(rng, prov, reg.region(rng, prov, cc))
        else:
            vm = p.net(rng)
        run_human(w, rng, a, p, starts(w, rng, off, C.HUMAN, .2))
        ua = "anthropic-python/" + pick_cum(rng, C.PY)
        for _ in range(1 + (rng.random() < .3)):
            start = one_start(w, rng, off, C.HUMAN if rng.random() < .7 else C.FLAT)
            cat = rng.choice(("analysis", "writing", "other", "coding", "analysis"))
            tp = mk_tpl(rng, cat, 1.5, 9, 1, 4, rng.uniform(300, 6000), .5, rng.uniform(100, 1500), .5)
            sph = w.ids.sp() if rng.random() < .6 else None
            model = rng.choice(("claude-haiku-4-5", "claude-sonnet-4-5", "claude-sonnet-4-5"))
            key = a.keys[0]

            def make(r, j, wk, t, tp=tp, sph=sph, model=model, key=key, cat=cat, vm=vm, ua=ua):
                sim, tin, tout, cot = tpl_draw(r, tp)
                return (key, vm, ua, model, "messages", False, 0, 1, False, cat, cot, sim, sph, tin, tout)

            run_workers(w, rng, a, start, rng.randint(1, 4), rng.randint(40, 400), make, retries=3)
        ensure(w, rng, a, p, off, C.HUMAN)


# ----------------------------------------------------------------------------- population
def populate(w):
    N = w.N
    sizes = {}
    sizes["ide"] = int(N * .15)
    sizes["free"] = int(N * .12)
    sizes["plugin"] = int(N * .10)
    sizes["team"] = int(N * .12)
    sizes["cohort"] = max(3 * 40, int(N * .025))
    sizes["lab"] = max(15, int(N * .006))
    sizes["ent"] = max(10, int(N * .01))
    sizes["bots"] = int(N * .02)
    sizes["startup"] = int(N * .03)
    sizes["vpn"] = int(N * .04)
    sizes["platform"] = max(15, int(N * .005))
    sizes["reasoner"] = int(N * .03)
    sizes["power"] = int(N * .01)
    solo_n = N - sum(sizes.values())

    n1 = int(sizes["ide"] * .7)
    ide(w, n1, w.group("ide-tidewise", "ide_agent_users"), "tidewise")
    ide(w, sizes["ide"] - n1, w.group("ide-kelpie", "agent_framework_users"), "kelpie")
    solo(w, solo_n, w.group("solo-developers", "individual_developers"))
    free_tier(w, sizes["free"], w.group("free-newcomers", "new_free_tier"))
    left = sizes["plugin"]
    for i, spec in enumerate(PLUGINS):
        n = left if i == len(PLUGINS) - 1 else int(sizes["plugin"] * spec[2])
        left -= n
        plugin(w, n, w.group("plugin-" + spec[0], "plugin_users"), spec)
    teams(w, sizes["team"])
    cohorts(w, sizes["cohort"])
    labs(w, sizes["lab"])
    enterprise(w, sizes["ent"])
    nv = int(sizes["bots"] * .6)
    bots(w, nv, w.group("bots-reefbot", "hosted_bot_vendor"), True)
    bots(w, sizes["bots"] - nv, w.group("bots-cron", "scheduled_bots"), False)
    startups(w, sizes["startup"], w.group("startups", "cloud_startups"))
    solo(w, sizes["vpn"], w.group("vpn-users", "vpn_individuals"), "vpn")
    platforms(w, sizes["platform"])
    solo(w, sizes["reasoner"], w.group("reasoners", "reasoning_enthusiasts"), "reasoner")
    power_users(w, sizes["power"], w.group("power-users", "script_power_users"))
