"""Distillation campaigns of the lagoon world (fixed sizes, seeded shapes)."""
import math

from . import catalog as C
from .behave import sdk_ua, aged, sec, starts, one_start, content, mk_tpl, tpl_draw, run_human
from .benign import PAID_RPM, indiv
from .util import HOUR, MIN, SEC, DAY, derive, flip, pick_cum, table

PROXY_CC = table([("US", 25), ("BR", 10), ("IN", 10), ("ID", 8), ("VN", 6), ("MX", 6), ("PH", 6), ("TR", 5),
                  ("DE", 5), ("GB", 5), ("FR", 4), ("PL", 4), ("ES", 3), ("IT", 3), ("NG", 3), ("KE", 2),
                  ("CA", 4), ("JP", 2), ("KR", 2)])


def register(w, cid, kind, desc):
    w.campaigns[cid] = (kind, desc, [])
    return cid


def think_tokens(rng, mu=7.0, sig=.8):
    return 150 + int(rng.lognormvariate(mu, sig))


# ----------------------------------------------------------------------------- 1: residential-proxy swarm
def swarm(w, cid, start):
    register(w, cid, "proxy_swarm",
             "swarm of light free-credit/prepaid accounts created in waves, rotating residential proxy exits per "
             "request, templated step-by-step reasoning harvest with warm-up pings and chat camouflage")
    rng = derive(w.seed, cid)
    reg = w.reg
    n = rng.randint(900, 1600)
    nw = rng.randint(3, 5)
    waves = sorted(w.t0 - int(rng.uniform(1, 20) * DAY) for _ in range(nw - 1))
    waves.append(start + int(rng.uniform(0, .3) * (w.t1 - start)))
    wtab = table([(x, 1.0 if i < nw - 1 else .35) for i, x in enumerate(waves)])
    tpls = [mk_tpl(rng, rng.choice(("reasoning", "reasoning", "analysis", "coding")), 8, 2, 2, 7,
                   rng.uniform(250, 900), .5, rng.uniform(1800, 3500), .45, think=.3)
            for _ in range(rng.randint(5, 8))]
    sph = w.ids.sp()
    uas = table([("anthropic-python/0.72.0", 5), ("anthropic-python/0.74.1", 3), ("anthropic-typescript/0.65.0", 2)])
    homes = w.homes
    ramp = .25 * (w.t1 - start)
    for j in range(n):
        ar = derive(w.seed, cid, j)
        wave = pick_cum(ar, wtab)
        created = sec(wave + int(ar.uniform(0, 2.5) * HOUR))
        pay = None if ar.random() < .7 else w.ids.pay()
        a = w.account(created, pay, None, 1, 5 if pay is None else 50, .003, cid=cid)
        key = a.keys[0]
        t = max(start + int(ar.random() * ramp), created + int(ar.uniform(5, 60) * MIN))
        rate = ar.uniform(.4, 1.6) / HOUR
        ua = pick_cum(ar, uas)
        model = "claude-sonnet-4-5" if ar.random() < .7 else "claude-opus-4-5"
        warm = (1 + (ar.random() < .4)) if created > w.t0 - 3 * DAY else 0
        while t < w.t1:
            if homes and ar.random() < .12:
                ipt = homes[ar.randrange(len(homes))]
            else:
                ipt = reg.res_v4(ar, pick_cum(ar, PROXY_CC))
            if warm:
                warm -= 1
                w.req(a, t, key, ipt, ua, model, "messages", False, 0, 1, False, "chat",
                      round(ar.random() * .03, 3), w.greeting(ar), None, 8 + ar.randrange(10), 10 + ar.randrange(40))
                t += int(ar.uniform(5, 90) * SEC)
                continue
            if ar.random() < .15:
                cat = ar.choice(("chat", "chat", "writing"))
                tin, tout, cot = content(ar, cat)
                sim = ar.getrandbits(64)
                think = False
                sp = None
            else:
                tp = tpls[ar.randrange(len(tpls))]
                cat = tp[1]
                sim, tin, tout, cot = tpl_draw(ar, tp)
                think = ar.random() < tp[10]
                if think:
                    tout += think_tokens(ar)
                sp = sph if ar.random() < .3 else None
            w.req(a, t, key, ipt, ua, model, "messages", ar.random() < .2, 0, 1, think, cat, cot, sim, sp, tin,
                  tout, retries=3)
            t += int(ar.expovariate(rate))


# ----------------------------------------------------------------------------- 2: aged-account fleet
def aged_fleet(w, cid, start):
    register(w, cid, "aged_fleet",
             "bought aged accounts with their original cards, sticky home/mobile addresses in one country, "
             "mimicking that time zone's working day while harvesting long code answers from a task generator")
    rng = derive(w.seed, cid)
    reg = w.reg
    n = rng.randint(80, 200)
    utc_h = (w.h0 + (start - w.t0) / HOUR) % 24
    want = ((8.5 - utc_h + 12) % 24) - 12
    best = None
    for cc, wt, offs in C.COUNTRIES:
        for off, _ in offs:
            d = abs(off - want) % 24
            score = min(d, 24 - d) - wt / 100.0
            if best is None or score < best[0]:
                best = (score, cc, off)
    _, cc, off = best
    for j in range(n):
        ar = derive(w.seed, cid, j)
        a = w.account(aged(w, ar, 400, 1500), w.ids.pay(), w.ids.org() if ar.random() < .5 else None,
                      1 + (ar.random() < .2), ar.choice((50, 1000)), .005, cid=cid)
        if ar.random() < .5:
            car = reg.carrier(ar, cc)
            net = lambda r, car=car: reg.mobile(r, car)
        else:
            home = reg.res_v4(ar, cc)
            net = lambda r, h=home: h
        ua = sdk_ua(ar)
        sph = w.ids.sp() if ar.random() < .4 else None
        model = "claude-sonnet-4-5" if ar.random() < .85 else "claude-opus-4-5"
        first_day = start + int(ar.uniform(0, 1.5) * HOUR)
        gap = ar.uniform(40, 110)
        for day in range(int((w.t1 - w.t0) // DAY) + 1):
            day_start = first_day + day * DAY + (int(ar.uniform(-40, 40) * MIN) if day else 0)
            day_end = day_start + int(ar.uniform(8, 10.5) * HOUR)
            t = day_start
            while t < min(w.t1, day_end):
                ipt = net(ar)
                key = a.keys[ar.randrange(len(a.keys))]
                for _ in range(ar.randint(15, 60)):
                    x = ar.random()
                    cat = "coding" if x < .8 else ("chat" if x < .9 else "analysis")
                    tin = 40 + int(ar.lognormvariate(math.log(1200), .8))
                    tout = 1 + int(ar.lognormvariate(math.log(2500), .6))
                    cot = round(ar.betavariate(2.5, 5), 3)
                    think = ar.random() < .1
                    if think:
                        tout += think_tokens(ar)
                    turns = 1 if ar.random() < .85 else 3
                    done = w.req(a, t, key, ipt, ua, model, "messages", ar.random() < .5, 0, turns, think, cat,
                                 cot, ar.getrandbits(64), sph, tin, min(tout, 32000), retries=3)
                    if done is None or done >= day_end:
                        t = w.t1
                        break
                    t = done + int(1000 * ar.lognormvariate(math.log(gap), .5))
                t += int(ar.uniform(5, 40) * MIN)


# ----------------------------------------------------------------------------- 3: tool-trajectory fleet
def trajectory_fleet(w, cid, start):
    register(w, cid, "tool_trajectory_fleet",
             "scripted fleet wearing an IDE client's user agent, hosting addresses rotated per request, cards shared "
             "across accounts, synchronised rounds of long many-tool many-turn trajectories with little reasoning")
    rng = derive(w.seed, cid)
    reg = w.reg
    n = rng.randint(25, 60)
    wave = w.t0 - int(rng.uniform(2, 6) * DAY)
    cards = [w.ids.pay() for _ in range(rng.randint(3, 5))]
    prov = rng.choice(("hetzner", "ovh", "digitalocean"))
    region = reg.region(rng, prov)
    pool = reg.block(rng, prov, region, rng.randint(12, 30)) + reg.block(rng, prov, region, rng.randint(8, 20))
    ua = "tidewise/2.14.3 (anthropic-typescript/0.66.0)"
    sps = [w.ids.sp(), w.ids.sp()]
    fams = [rng.getrandbits(64) for _ in range(12)]
    period = rng.uniform(3, 8) * MIN
    jit = rng.uniform(10, 40) * SEC
    rounds = []
    t = start
    while t < w.t1:
        rounds.append(int(t))
        t += period * rng.uniform(.97, 1.03)
    for j in range(n):
        ar = derive(w.seed, cid, j)
        a = w.account(sec(wave + int(ar.uniform(0, 40) * MIN)), cards[j % len(cards)], None, 1, 1000, .004,
                      cid=cid)
        key = a.keys[0]
        tools = ar.randint(24, 64)
        sph = sps[j % 2]
        model = "claude-sonnet-4-5" if ar.random() < .8 else "claude-opus-4-5"
        for rt in rounds:
            if ar.random() < .1:
                continue
            turns = 5 + 2 * ar.randrange(38)
            tin = min(190000, 25000 + int(turns * ar.uniform(800, 2200)))
            tout = 1 + int(ar.lognormvariate(math.log(600), .7))
            think = ar.random() < .1
            if think:
                tout += think_tokens(ar, 6.0, .6)
            cat = "tool_use" if ar.random() < .85 else "coding"
            w.req(a, rt + int(ar.random() * jit), key, pool[ar.randrange(len(pool))], ua, model, "messages", True,
                  tools, turns, think, cat, round(ar.betavariate(1, 18), 3),
                  flip(ar, fams[ar.randrange(len(fams))], ar.randint(3, 9)), sph, tin, tout, retries=2)


# ----------------------------------------------------------------------------- 4: new-model pivot via a reseller
def pivot_reseller(w, cid, start):
    register(w, cid, "model_pivot_reseller",
             "one reseller org and card behind many accounts on a commercial VPN, quiet ordinary traffic that pivots "
             "within the hour to the newly released model for high-volume thinking-on reasoning-trace harvest")
    rng = derive(w.seed, cid)
    reg = w.reg
    n = rng.randint(50, 110)
    org = w.ids.org()
    card = w.ids.pay()
    exits = reg.vpn_exits(rng.choice(("datacamp", "packethub")))
    waves = [w.t0 - int(rng.uniform(30, 90) * DAY) for _ in range(2)]
    ua = "anthropic-python/0.74.1"
    sph = w.ids.sp()
    tpls = [mk_tpl(rng, rng.choice(("reasoning", "reasoning", "coding", "analysis")), 7, 2, 2, 6,
                   rng.uniform(400, 1000), .5, rng.uniform(1500, 3000), .5, think=.9) for _ in range(rng.randint(4, 6))]
    pivot = w.release + int(rng.uniform(15, 75) * MIN)
    ramp = 20 * MIN
    pre_mix = table([("chat", 3), ("coding", 3), ("writing", 2), ("analysis", 1)])
    start = min(start, w.release - 20 * MIN)
    for j in range(n):
        ar = derive(w.seed, cid, j)
        a = w.account(sec(waves[j % 2] + int(ar.uniform(-3, 3) * HOUR)), card, org, 1, 4000, .003, cid=cid)
        key = a.keys[0]
        t = start + int(ar.uniform(0, 30) * MIN)
        r0 = ar.uniform(.5, 1.5) / HOUR
        while t < min(pivot, w.t1):
            cat = pick_cum(ar, pre_mix)
            tin, tout, cot = content(ar, cat)
            w.req(a, t, key, exits[ar.randrange(len(exits))], ua, "claude-sonnet-4-5", "messages", False, 0, 1,
                  False, cat, cot, ar.getrandbits(64), None, tin, tout)
            t += int(ar.expovariate(r0))
        r1 = ar.uniform(40, 110) / HOUR
        t = max(t, pivot + int(ar.uniform(0, 10) * MIN))
        while t < w.t1:
            if ar.random() < min(1.0, (t - pivot) / ramp):
                model = w.new_model if ar.random() < .95 else "claude-sonnet-4-5"
                tp = tpls[ar.randrange(len(tpls))]
                sim, tin, tout, cot = tpl_draw(ar, tp)
                think = ar.random() < tp[10]
                if think:
                    tout += think_tokens(ar, 8.2, .5)
                w.req(a, t, key, exits[ar.randrange(len(exits))], ua, model, "messages", False, 0, 1, think, tp[1],
                      cot, sim, sph if ar.random() < .7 else None, tin, min(tout, 32000), retries=4)
            t += int(ar.expovariate(r1))


# ----------------------------------------------------------------------------- 5: slow drip (per-feature benign)
def slow_drip(w, cid, start):
    register(w, cid, "slow_drip_stealth",
             "developer-like accounts with unique cards and sticky home addresses, human session timing and "
             "ordinary volumes, whose harvest prompts come from one shared template generator")
    rng = derive(w.seed, cid)
    reg = w.reg
    n = rng.randint(200, 400)
    tpls = [mk_tpl(rng, rng.choice(("reasoning", "analysis", "coding", "reasoning")), 4, 3.5, 2, 8,
                   rng.uniform(300, 1500), .6, rng.uniform(900, 1800), .6, think=.15)
            for _ in range(rng.randint(8, 12))]
    span = w.t1 - start
    for j in range(n):
        ar = derive(w.seed, cid, j)
        cc, off = reg.country(ar)
        pay = w.ids.pay()
        a = w.account(aged(w, ar, 40, 700), pay, w.ids.org() if ar.random() < .5 else None,
                      1 + (ar.random() < .3), ar.choice(PAID_RPM), ar.uniform(.003, .02), cid=cid)
        p = indiv(w, ar, C.DEV_MIX)
        p.tpl = tpls
        p.tpl_p = ar.uniform(.35, .6)
        if ar.random() < .9:
            home = reg.res_v4(ar, cc)
            p.net = lambda r, h=home: h
        else:
            car = reg.carrier(ar, cc)
            p.net = lambda r, car=car: reg.mobile(r, car)
        act = start + int(ar.random() * .3 * span)
        sts = starts(w, ar, off, C.HUMAN, ar.uniform(.12, .4), lo=act)
        if not sts:
            sts = [one_start(w, ar, off, C.HUMAN, act, w.t1 - 40 * MIN)]
        run_human(w, ar, a, p, sts)


# ----------------------------------------------------------------------------- 6: long-form scraper fleet
def longform(w, cid, start):
    register(w, cid, "longform_scraper_fleet",
             "small scripted fleet on one hosting block, one shared card, hundreds of requests an hour per account "
             "round the clock for very long outputs in two domains")
    rng = derive(w.seed, cid)
    reg = w.reg
    n = rng.randint(20, 30)
    created = w.t0 - int(rng.uniform(1, 3) * DAY)
    card = w.ids.pay()
    prov = rng.choice(("aws", "gcp", "vultr", "linode"))
    region = reg.region(rng, prov)
    ips = reg.block(rng, prov, region, n)
    ua = "python-httpx/0.27.2" if rng.random() < .5 else "anthropic-python/0.73.0"
    doms = {}
    for cat in ("writing", "analysis"):
        doms[cat] = (w.ids.sp(), [mk_tpl(rng, cat, 1.5, 6, 3, 8, rng.uniform(300, 700), .5, rng.uniform(5500, 9000),
                                         .4) for _ in range(3)])
    for j in range(n):
        ar = derive(w.seed, cid, j)
        a = w.account(sec(created + int(ar.uniform(0, 50) * MIN)), card, None, 1, 1000, .004, cid=cid)
        key = a.keys[0]
        rate = ar.uniform(120, 280) / HOUR
        model = "claude-sonnet-4-5" if ar.random() < .7 else "claude-opus-4-5"
        t = start + int(ar.uniform(0, 10) * MIN)
        while t < w.t1:
            cat = "writing" if ar.random() < .55 else "analysis"
            sph, tps = doms[cat]
            sim, tin, tout, cot = tpl_draw(ar, tps[ar.randrange(3)])
            w.req(a, t, key, ips[j], ua, model, "messages", False, 0, 1, False, cat, cot, sim, sph, tin, tout,
                  retries=2)
            t += int(ar.expovariate(rate))


def launch(w):
    rng = derive(w.seed, "campaign-schedule")
    lo = 1.05 * HOUR
    hi = max(1.6, .4 * w.H) * HOUR
    plan = [("c1", swarm), ("c2", aged_fleet), ("c3", trajectory_fleet), ("c4", pivot_reseller),
            ("c5", slow_drip), ("c6", longform)]
    for cid, fn in plan:
        fn(w, "lagoon-" + cid, w.t0 + int(rng.uniform(lo, hi)))
