"""Assembles the population and the operations, and runs them."""
import random

from .actors import AgentUser, Product, ModelPref, Human, CASUAL, DEV
from .benign import (make_casual, make_dev, Newbie, Plugin, PluginUser, PLUGIN_SPECS, CronIntegration, CronUser,
                     CRON_SPECS, build_team, build_hackathon, Enterprise, build_course, build_lab, Platform, Startup, PowerUser, place,
                     BIZ_COUNTRY_WT)
from .campaigns import (ProxySwarm, ScriptedFleet, build_slow_drip, build_agentic_reseller, LoneScraper, ReleasePivot,
                        LongformFarm)
from .catalog import CODE_MODEL_WT, BENIGN_MODEL_WT, WORK, EVENING, NIGHTOWL
from .net import Fixed, Mix, personal_net, resi_business_addrs, Home
from .rnd import WT, lognorm, clamp

SHARES = {"team": .085, "course": .05, "lab": .006, "platform": .045, "startup": .006, "enterprise": .0015,
          "plugin": .08, "cron": .02, "agent": .15, "dev": .13, "newbie": .09, "power": .008, "cowork": .02,
          "household": .03, "hackathon": .01}


def _sizes(rng, budget, draw, lo):
    out = []
    while budget >= lo:
        s = max(lo, int(draw()))
        if budget - s < lo:
            s = budget
        out.append(s)
        budget -= s
    return out


def population(W):
    rng = W.rng
    N = W.N
    take = lambda k: int(round(N * SHARES[k]))
    sub = lambda: random.Random(rng.getrandbits(64))
    products = [Product(W, rng, "claude-cli", "cli"), Product(W, rng, "tern", "oss"),
                Product(W, rng, "kestrel", "hosted"), Product(W, rng, "agentkit", "framework")]

    # ---- organisations and cohorts
    for s in _sizes(rng, take("team"), lambda: lognorm(rng, 7, .7), 3):
        yield from build_team(W, sub(), s, products)
    for s in _sizes(rng, take("course"), lambda: clamp(lognorm(rng, 45, .5), 15, 160), 12):
        yield from build_course(W, sub(), s)
    for s in _sizes(rng, take("lab"), lambda: rng.choice((1, 1, 2, 2, 3, 4, 6)), 1):
        yield from build_lab(W, sub(), s)
    for s in _sizes(rng, take("platform"), lambda: clamp(lognorm(rng, 90, .6), 20, 400), 10):
        yield Platform(W, sub(), s)
    for s in _sizes(rng, take("startup"), lambda: rng.choice((1, 2, 2, 3, 4)), 1):
        yield Startup(W, sub(), s)
    for s in _sizes(rng, max(1, take("enterprise")), lambda: rng.choice((1, 2, 2, 3, 4)), 1):
        yield Enterprise(W, sub(), s)

    # ---- user bases of integrations and tools (each forms a loose cluster)
    plugins = [Plugin(W, rng, s) for s in PLUGIN_SPECS]
    pw = WT([(p, p.pop) for p in plugins])
    n_pl = take("plugin")
    by_pl = {}
    for i in range(n_pl):
        by_pl.setdefault(pw.pick(rng).name, []).append(i)
    for p in plugins:
        us = [PluginUser(W, sub(), p) for _ in by_pl.get(p.name, ())]
        if us:
            W.group("plugin", [u.a for u in us])
            yield from us
    crons = [CronIntegration(W, rng, s) for s in CRON_SPECS]
    n_cr = take("cron")
    for j, it in enumerate(crons):
        k = n_cr // len(crons) + (1 if j < n_cr % len(crons) else 0)
        us = [CronUser(W, sub(), it) for _ in range(k)]
        if us:
            W.group("cron_bot", [u.a for u in us])
            yield from us
    n_ag = take("agent")
    split = (.45, .2, .2, .15)
    for p, f in zip(products, split):
        us = []
        for _ in range(int(round(n_ag * f))):
            r = sub()
            cc, tz = place(r)
            pay = W.pm(r) if r.random() < .93 else None
            a = W.account(r, max(W.start - 800 * 86400000, W.start - int(lognorm(r, 200, .8) * 86400000)), pay,
                          W.org(r) if r.random() < .5 else None, tier=r.choice((1, 2, 2, 3, 4)) if pay else 0, err=.006)
            keys = [W.key(r) for _ in range(r.choice((1, 1, 2)))]
            mp = ModelPref(W, r, CODE_MODEL_WT, ea_p=.35, ea_med=1.0)
            curve = WORK if r.random() < .75 else (EVENING if r.random() < .7 else NIGHTOWL)
            us.append(AgentUser(W, r, a, keys, personal_net(W, r, cc, mobile_mult=.3, vpn_p=.05), cc, tz, p, mp,
                                curve=curve, weekend=.4 if curve is WORK else 1.0))
        if us:
            W.group("ide_agent", [u.a for u in us])
            yield from us

    n_hk = take("hackathon")
    if n_hk >= 12:
        yield from build_hackathon(W, sub(), n_hk)

    # ---- shared networks
    n_cw = take("cowork")
    for s in _sizes(rng, n_cw, lambda: lognorm(rng, 10, .5), 4):
        r = sub()
        cc, tz = place(r, BIZ_COUNTRY_WT)
        space = Fixed(resi_business_addrs(r, cc, r.randint(1, 2)))
        us = []
        for i in range(s):
            rr = random.Random(r.getrandbits(64))
            h = make_dev(W, rr, cc=cc, tz=tz) if rr.random() < .7 else make_casual(W, rr, cc=cc, tz=tz)
            h.net = Mix([(space, .7), (h.net, .3)])
            us.append(h)
        W.group("coworking", [u.a for u in us])
        yield from us
    n_hh = take("household")
    for s in _sizes(rng, n_hh, lambda: rng.choice((2, 2, 2, 3)), 2):
        r = sub()
        cc, tz = place(r)
        home = Home(W, r, cc)
        card = W.pm(r) if r.random() < .5 else "new"
        us = [make_casual(W, random.Random(r.getrandbits(64)), cc=cc, tz=tz, net=home, pay=card) for _ in range(s)]
        W.group("household", [u.a for u in us])
        yield from us

    # ---- individuals
    for _ in range(take("dev")):
        yield make_dev(W, sub())
    for _ in range(take("newbie")):
        yield Newbie(W, sub())
    for _ in range(take("power")):
        yield PowerUser(W, sub())
    n_benign = len(W.accounts)
    for _ in range(max(0, N - n_benign)):
        yield make_casual(W, sub())

    # ---- operations
    crng = W.rng_for("ops")
    yield ProxySwarm(W, random.Random(crng.getrandbits(64)), max(40, int(N * crng.uniform(.022, .035))))
    yield ScriptedFleet(W, random.Random(crng.getrandbits(64)), crng.randint(20, 45))
    yield from build_slow_drip(W, random.Random(crng.getrandbits(64)), max(12, int(N * crng.uniform(.006, .01))))
    yield from build_agentic_reseller(W, random.Random(crng.getrandbits(64)), max(8, int(N * crng.uniform(.003, .006))),
                                      products[0])
    yield LoneScraper(W, random.Random(crng.getrandbits(64)), crng.choice((1, 1, 2)))
    yield ReleasePivot(W, random.Random(crng.getrandbits(64)), max(25, int(N * crng.uniform(.01, .02))))
    yield LongformFarm(W, random.Random(crng.getrandbits(64)), max(15, int(N * crng.uniform(.008, .015))))


def run(W):
    for u in population(W):
        u.run(W)
        for a in u.accounts:
            a.lim = None
