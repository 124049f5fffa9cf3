"""Legitimate population: individuals of many kinds plus organised groups
that genuinely share infrastructure, payment, prompts or timing."""

import math

from .core import MS_H, MS_M, MS_D, Cum, Family, Req, flip_bits, lognorm, wchoice
from .content import (Persona, run_persona, sdk_ua, cli_ua, latency, tokens,
                      cot_score, NEW_MODEL, OFFICE, EVENING, DAYLONG, STUDENT,
                      NIGHT, FLAT, GLOBAL, CLI_VERS, PY_VERS)
from .net import (CC_W, CC_TZ, Fixed, Pool, PerRequestPool, Home, Mobile,
                  Commuter)

FREE, T1, T2, T3, T4 = 5, 50, 1000, 2000, 4000

M_DEFAULT = Cum([("claude-sonnet-4-5", 62), ("claude-haiku-4-5", 20),
                 ("claude-opus-4-1", 9), ("claude-sonnet-4", 6),
                 ("claude-3-5-haiku", 3)])
M_CHEAP = Cum([("claude-haiku-4-5", 55), ("claude-sonnet-4-5", 35),
               ("claude-3-5-haiku", 10)])
M_SMART = Cum([("claude-sonnet-4-5", 55), ("claude-opus-4-1", 40),
               ("claude-sonnet-4", 5)])


def cats(*pairs):
    it = iter(pairs)
    return Cum(list(zip(it, it)))


def pick_cc(rng):
    return wchoice(rng, CC_W)


def pick_tz(rng, cc):
    return rng.choice(CC_TZ[cc])


def age_created(rng, world, median_days=220, lo=2, hi=1100):
    d = lognorm(rng, median_days, 0.9, lo, hi)
    return int(world.t0 - d * MS_D - rng.randrange(MS_D))


def adopt(rng, world, P, p):
    if rng.random() < p:
        P.adopt_t = world.release + int(rng.expovariate(1 / 50.0) * MS_M)
        P.adopt_p = rng.uniform(0.4, 0.95)


# ---------------------------------------------------------------------------
# individual personas


IND_KINDS = [("hobbyist", 20), ("developer", 20), ("new_free", 12),
             ("student", 5), ("analyst", 7), ("writer", 5),
             ("heavy_reasoner", 4), ("power_agent", 6), ("app_backend", 4),
             ("mobile_dev", 4), ("traveler", 3), ("pipeline", 2),
             ("bot_owner", 3), ("researcher", 1.2), ("vision_app", 1.5),
             ("nogeo", 0.5)]


def home_net(world, rng, cc, tz, office=None, p_mobile=0.06):
    cat = world.cat
    home = Home(cat, rng, cc)
    mob = Mobile(cat, rng, cc) if p_mobile > 0 else None
    if office is None:
        if mob is None:
            return home
        return Commuter(None, home, tz, mob, p_mobile)
    return Commuter(office, home, tz, mob, p_mobile)


def own_office(world, rng, cc):
    b = world.cat.biz_as(rng, cc)
    n = rng.choice((1, 1, 1, 2, 3))
    return Pool([b.addr(rng) for _ in range(n)])


def individual(world, rng, kind, cc=None, net=None):
    """Returns (Persona, created, paid, rpm, org, special) for one person."""
    cc = cc or pick_cc(rng)
    tz = pick_tz(rng, cc)
    created = age_created(rng, world)
    paid = rng.random() < 0.85 or kind in ("pipeline", "app_backend",
                                          "bot_owner", "vision_app",
                                          "researcher", "power_agent")
    rpm = wchoice(rng, [(T1, 5), (T2, 3), (T3, 1), (T4, 0.3)])
    org = None
    special = None
    P = Persona(tz=tz, uas=[(sdk_ua(rng), 1)])
    if rng.random() < 0.15:
        P.uas.append((sdk_ua(rng), 0.3))
    if kind == "hobbyist":
        P.curve, P.weekend = EVENING, 1.3
        P.rate = lognorm(rng, 0.35, 0.7)
        P.turns_mean = 3.0
        P.cats = cats("chat", 40, "coding", 25, "writing", 15, "reasoning", 8,
                      "analysis", 5, "vision", 4, "other", 3)
        P.models = M_DEFAULT
        P.stream_p = 0.65
        P.net = net or home_net(world, rng, cc, tz, None, 0.1)
        adopt(rng, world, P, 0.08)
    elif kind == "developer":
        P.curve, P.weekend = OFFICE, 0.3
        P.rate = lognorm(rng, 0.9, 0.8)
        P.turns_mean = 4.0
        P.cats = cats("coding", 45, "chat", 15, "tool_use", 12, "analysis", 10,
                      "reasoning", 8, "writing", 5, "other", 5)
        P.models = M_DEFAULT
        P.tools_p, P.thinking_p = 0.15, 0.12
        if rng.random() < 0.4:
            P.sp = [(world.ids.hash16(), 1)]
            P.sp_p = 0.6
        P.net = net or home_net(world, rng, cc, tz, own_office(world, rng, cc)
                                if rng.random() < 0.6 else None, 0.05)
        if rng.random() < 0.2:
            org = world.ids.org()
        adopt(rng, world, P, 0.16)
    elif kind == "power_agent":
        P.curve, P.weekend = rng.choice((OFFICE, DAYLONG)), 0.7
        P.rate = lognorm(rng, 0.45, 0.6)
        P.agentic, P.turns_mean = True, rng.uniform(6, 18)
        P.tools_rng = (lambda a: (a, a + rng.randint(0, 6)))(rng.randint(4, 20))
        P.cats = cats("tool_use", 60, "coding", 40)
        P.models = M_SMART
        P.sp, P.sp_p = [(world.ids.hash16(), 1)], 0.95
        P.thinking_p, P.stream_p = 0.3, 0.9
        P.net = net or home_net(world, rng, cc, tz, None, 0.03)
        rpm = T2
        adopt(rng, world, P, 0.3)
    elif kind == "app_backend":
        P.curve, P.weekend = rng.choice((GLOBAL, DAYLONG)), 0.9
        P.rate = lognorm(rng, 5.0, 1.0, 0.5, 60)
        P.turns_mean, P.think = 2.5, (8, 120)
        P.cats = cats("chat", 50, "writing", 20, "other", 10, "analysis", 10,
                      "coding", 10)
        P.models = M_CHEAP
        P.sp = [(world.ids.hash16(), w) for w in (5, 2, 1)[:rng.randint(1, 3)]]
        P.sp_p, P.stream_p = 0.95, 0.8
        h = rng.choice(world.cat.hosting)
        reg = rng.choice(h.regions())
        P.net = net or Pool([h.addr(rng, reg) for _ in range(rng.randint(1, 4))])
        if rng.random() < 0.5:
            org = world.ids.org()
        rpm = rng.choice((T2, T3, T4))
        P.uas = [(sdk_ua(rng, (("py", 5), ("ts", 5), ("go", 1), ("java", 1))), 1)]
    elif kind == "analyst":
        P.curve, P.weekend = OFFICE, 0.25
        P.rate = lognorm(rng, 0.5, 0.7)
        P.cats = cats("analysis", 50, "writing", 20, "chat", 15, "reasoning", 10,
                      "vision", 5)
        P.sin = 1.4
        P.models = M_DEFAULT
        P.net = net or home_net(world, rng, cc, tz, own_office(world, rng, cc),
                                0.04)
    elif kind == "writer":
        P.curve, P.weekend = rng.choice((EVENING, DAYLONG)), 1.1
        P.rate = lognorm(rng, 0.4, 0.7)
        P.cats = cats("writing", 60, "chat", 30, "other", 10)
        P.sout = 1.4
        P.models = M_DEFAULT
        P.net = net or home_net(world, rng, cc, tz, None, 0.08)
    elif kind == "heavy_reasoner":
        P.curve, P.weekend = rng.choice((NIGHT, EVENING)), 1.0
        P.rate = lognorm(rng, 0.5, 0.7)
        P.cats = cats("reasoning", 60, "chat", 20, "coding", 20)
        P.boost, P.thinking_p = 0.5, 0.4
        P.sout = 1.5
        P.models = M_SMART
        P.net = net or home_net(world, rng, cc, tz, None, 0.05)
        adopt(rng, world, P, 0.35)
    elif kind == "student":
        P.curve, P.weekend = STUDENT, 1.0
        P.rate = lognorm(rng, 0.5, 0.7)
        P.cats = cats("reasoning", 35, "coding", 30, "chat", 20, "writing", 15)
        P.boost = 0.55
        P.models = Cum([("claude-sonnet-4-5", 6), ("claude-haiku-4-5", 4)])
        paid = rng.random() < 0.5
        created = age_created(rng, world, 60, 1, 700)
        P.net = net or home_net(world, rng, cc, tz, None, 0.15)
    elif kind == "new_free":
        created = int(world.t0 + rng.uniform(-40, 0.97 * world.hours) * MS_H)
        paid = rng.random() < 0.15
        rpm = FREE if not paid else T1
        P.curve, P.weekend = DAYLONG, 1.0
        P.rate = lognorm(rng, 0.5, 0.8)
        P.turns_mean = 2.0
        P.greet_first = created >= world.t0 - 2 * MS_H or rng.random() < 0.3
        P.t0 = created + int(lognorm(rng, 4, 1.2, 0.3, 600) * MS_M)
        P.t1 = P.t0 + int(lognorm(rng, 2.0, 0.8, 0.2, 30) * MS_H)
        P.cats = cats("chat", 45, "coding", 25, "writing", 10, "reasoning", 10,
                      "other", 10)
        P.models = Cum([("claude-sonnet-4-5", 6), ("claude-haiku-4-5", 4),
                        ("claude-opus-4-1", 1)])
        P.net = net or home_net(world, rng, cc, tz, None, 0.12)
        if created > world.release:
            adopt(rng, world, P, 0.3)
    elif kind == "mobile_dev":
        P.curve, P.weekend = DAYLONG, 1.0
        P.rate = lognorm(rng, 0.4, 0.7)
        P.cats = cats("chat", 50, "coding", 20, "writing", 15, "vision", 10,
                      "other", 5)
        P.models = M_DEFAULT
        P.net = net or Mobile(world.cat, rng, cc)
    elif kind == "traveler":
        P.curve, P.weekend = DAYLONG, 0.8
        P.rate = lognorm(rng, 0.5, 0.7)
        P.cats = cats("chat", 35, "coding", 35, "writing", 15, "analysis", 15)
        P.models = M_DEFAULT
        if net is None:
            if rng.random() < 0.6:
                exits = rng.choice(world.cat.vpn)
                P.net = Pool([exits[rng.randrange(len(exits))]
                              for _ in range(rng.randint(2, 10))], sticky=0.6)
            else:
                cc2 = pick_cc(rng)
                P.net = Pool([Home(world.cat, rng, cc).session(rng, 0),
                              Home(world.cat, rng, cc2).session(rng, 0)],
                             sticky=0.8)
        else:
            P.net = net
    elif kind == "pipeline":
        special = "cron"
        P.net = net or Fixed(rng.choice(world.cat.hosting).addr(rng))
        P.curve = FLAT
        rpm = T2
        P.uas = [(sdk_ua(rng, (("py", 6), ("go", 1), ("java", 1),
                                ("requests", 1))), 1)]
    elif kind == "bot_owner":
        P.curve, P.weekend = DAYLONG, 1.0
        P.rate = lognorm(rng, 1.0, 0.9, 0.1, 20)
        P.turns_mean, P.think = 1.6, (3, 60)
        P.cats = cats("chat", 70, "other", 15, "writing", 10, "coding", 5)
        P.models = M_CHEAP
        P.sp, P.sp_p = [(world.ids.hash16(), 1)], 1.0
        P.net = net or Fixed(rng.choice(world.cat.hosting).addr(rng))
        P.stream_p = 0.1
    elif kind == "researcher":
        special = "suite"
        P.curve, P.weekend = rng.choice((NIGHT, OFFICE)), 0.8
        P.rate = lognorm(rng, 0.3, 0.6)
        P.cats = cats("reasoning", 40, "chat", 30, "coding", 30)
        P.models = M_SMART
        P.net = net or home_net(world, rng, cc, tz, None, 0.0)
        rpm = rng.choice((T2, T3, T4))
        adopt(rng, world, P, 0.5)
    elif kind == "vision_app":
        P.curve, P.weekend = DAYLONG, 0.9
        P.rate = lognorm(rng, 1.2, 0.8)
        P.turns_mean = 1.2
        P.cats = cats("vision", 80, "chat", 10, "analysis", 10)
        P.models = M_CHEAP
        P.sp, P.sp_p = [(world.ids.hash16(), 1)], 0.9
        P.net = net or Fixed(rng.choice(world.cat.hosting).addr(rng))
    elif kind == "nogeo":
        P.curve, P.weekend = EVENING, 1.0
        P.rate = lognorm(rng, 0.4, 0.7)
        P.cats = cats("chat", 50, "coding", 30, "writing", 20)
        P.models = M_DEFAULT
        P.net = net or Home(world.cat, rng, cc, as_=rng.choice(world.cat.nogeo))
    else:
        raise ValueError(kind)
    if not paid and rpm > T1:
        rpm = FREE
    return P, created, paid, rpm, org, special


def cron_plan(world, rng, acct, P, period_min=None, fire_n=None, fam=None,
              sp=None, endpoint=None, cat=None, model=None, jitter_s=None,
              key=None, t0=None, t1=None):
    """A machine-regular job: fires every period at a fixed offset."""
    period = int((period_min or rng.choice((10, 15, 30, 30, 60, 60, 120))) * MS_M)
    t0 = t0 if t0 is not None else world.t0
    t1 = t1 if t1 is not None else world.t_end
    t0 = max(t0, acct.created)
    off = rng.randrange(period)
    fire_n = fire_n or int(lognorm(rng, 6, 0.9, 1, 60))
    fam = fam or Family(rng.getrandbits(64), 0, rng.randint(2, 6))
    endpoint = endpoint or ("batch" if rng.random() < 0.35 else "messages")
    cat = cat or wchoice(rng, [("analysis", 4), ("other", 3), ("writing", 2),
                               ("coding", 1)])
    model = model or wchoice(rng, [("claude-haiku-4-5", 5),
                                   ("claude-sonnet-4-5", 3),
                                   ("claude-3-5-haiku", 1)])
    jitter = (jitter_s if jitter_s is not None else rng.uniform(0.2, 5)) * 1000
    key = key or acct.keys[0]
    ua = P.uas[0][0]
    addr_src = P.net
    reqs = []
    k0 = (t0 - off) // period + 1
    t = k0 * period + off
    sin = rng.uniform(0.5, 2.0)
    while t < t1:
        addr = addr_src.session(rng, t)
        n = max(1, int(fire_n * rng.uniform(0.7, 1.3)))
        tt = t + int(rng.random() * jitter)
        for i in range(n):
            inp, out = tokens(rng, cat, sin, 0.8)
            inp = int(inp * 0.3 + sin * 600)
            lat = latency(rng, model, inp, out, False, endpoint == "batch")
            reqs.append(Req(tt, key, addr, ua, model, endpoint, inp, out, lat,
                            False, 0, 1, False, cat, cot_score(rng, cat),
                            fam.draw(rng), sp))
            if endpoint == "batch":
                tt += rng.randint(5, 400)
            else:
                tt += lat + rng.randint(20, 400)
        t += period
    return reqs


def suite_plan(world, rng, acct, P, benches, n_runs=None, key=None,
               night=False):
    """Benchmark runs: hundreds of templated items at fixed concurrency."""
    reqs = []
    n_runs = n_runs if n_runs is not None else rng.choice((0, 0, 1, 1, 2))
    ua = P.uas[0][0]
    key = key or acct.keys[0]
    runs = []
    for _ in range(n_runs):
        for _try in range(20):
            t = world.t0 + rng.random() * (world.t_end - world.t0) * 0.95
            h = (t / MS_H + P.tz) % 24
            if not night or h >= 21 or h < 6 or rng.random() < 0.3:
                break
        runs.append((int(t), None))
    if P.adopt_t is not None and P.adopt_t < world.t_end - MS_H:
        runs.append((P.adopt_t + rng.randint(0, 40) * MS_M, NEW_MODEL))
    for t_run, model in runs:
        bench = benches[rng.randrange(len(benches))]
        fam, sp, cat, boost, thinking_p = bench
        model = model or P.models.pick(rng)
        thinking = rng.random() < thinking_p
        n_items = int(lognorm(rng, 200, 0.8, 30, 2000))
        conc = rng.choice((1, 2, 4, 8, 8, 16, 32))
        addr = P.net.session(rng, t_run)
        workers = [t_run + rng.randint(0, 3000) for _ in range(conc)]
        for i in range(n_items):
            w = i % conc
            t = workers[w]
            if t >= world.t_end:
                continue
            inp, out = tokens(rng, cat, 1.2, 1.2)
            if thinking:
                out = int(out * rng.uniform(1.5, 3.0))
            lat = latency(rng, model, inp, out, thinking)
            reqs.append(Req(t, key, addr, ua, model, "messages", inp, out, lat,
                            False, 0, 1, thinking, cat,
                            cot_score(rng, cat, boost), fam.draw(rng), sp))
            workers[w] = t + lat + rng.randint(5, 300)
    return reqs


def make_benches(world, rng, n):
    out = []
    for _ in range(n):
        cat = wchoice(rng, [("reasoning", 5), ("coding", 3), ("analysis", 1),
                            ("tool_use", 0.5)])
        out.append((Family(rng.getrandbits(64), rng.randint(0, 3),
                           rng.randint(4, 11)),
                    world.ids.hash16() if rng.random() < 0.6 else None,
                    cat, rng.uniform(0.3, 0.95) if cat == "reasoning" else 0.2,
                    rng.choice((0.0, 0.0, 0.5, 1.0))))
    return out


def run_individual_kind(world, rng, acct, P, special):
    if special == "cron":
        reqs = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            reqs += cron_plan(world, rng, acct, P,
                              sp=world.ids.hash16() if rng.random() < 0.7 else None)
        return reqs
    if special == "suite":
        reqs = run_persona(rng, acct, P, world)
        benches = make_benches(world, rng, rng.randint(1, 4))
        return reqs + suite_plan(world, rng, acct, P, benches, night=True)
    return run_persona(rng, acct, P, world)


def spawn_individual(world, rng, kind, cc=None, net=None, pay=None, org=None,
                     created=None, label=None, tweak=None):
    P, c0, paid, rpm, org0, special = individual(world, rng, kind, cc, net)
    if created is not None:
        c0 = created
    if pay is None:
        pay = world.ids.payment() if paid else None
    elif pay is False:
        pay = None
        rpm = min(rpm, FREE)
    if tweak:
        tweak(P)
    acct = world.new_account(c0, pay, org if org is not None else org0,
                             rng.choice((1, 1, 1, 2, 3)), rpm,
                             label or "ind:" + kind)
    reqs = run_individual_kind(world, rng, acct, P, special)
    world.submit(acct, reqs)
    return acct


# ---------------------------------------------------------------------------
# groups


def g_team(world, rng, gid, size):
    cc = pick_cc(rng)
    tz = pick_tz(rng, cc)
    org = world.ids.org()
    pay = world.ids.payment()
    office = Pool([world.cat.biz_as(rng, cc).addr(rng)
                   for _ in range(rng.randint(1, 3))])
    tool_sps = [(world.ids.hash16(), w) for w in (4, 2, 1)[:rng.randint(1, 3)]]
    tool_ua = "%s/%d.%d anthropic-python/%s" % (
        rng.choice(("internal-assistant", "helpdesk-bot", "docs-copilot",
                    "reviewbot", "opsgpt", "kb-search")),
        rng.randint(0, 4), rng.randint(0, 20), rng.choice(PY_VERS)[0])
    onboard = age_created(rng, world, 200, 5, 900)
    kinds = [("developer", 6), ("analyst", 3), ("writer", 1), ("power_agent", 1)]
    for i in range(size):
        created = onboard + rng.randrange(3 * MS_H) if rng.random() < 0.7 else \
            age_created(rng, world, 90, 2, 600)

        def tweak(P, _tz=tz):
            P.tz = _tz
            P.curve, P.weekend = OFFICE, 0.15
            P.sp, P.sp_p = tool_sps, rng.uniform(0.4, 0.9)
            P.uas = [(tool_ua, 3), (P.uas[0][0], 1)]
        home = Home(world.cat, rng, cc)
        net = Commuter(office, home, tz, Mobile(world.cat, rng, cc), 0.03) \
            if rng.random() < 0.75 else home
        spawn_individual(world, rng, wchoice(rng, kinds), cc, net, pay, org,
                         created, gid, tweak)


def g_household(world, rng, gid, size):
    cc = pick_cc(rng)
    pay = world.ids.payment()
    home = Home(world.cat, rng, cc)
    for i in range(size):
        k = wchoice(rng, [("hobbyist", 4), ("student", 3), ("writer", 2),
                          ("developer", 2)])
        spawn_individual(world, rng, k, cc, home, pay, None, None, gid)


def g_enterprise(world, rng, gid, size):
    org = world.ids.org()
    pay = world.ids.payment()
    h = rng.choice(world.cat.hosting)
    reg = rng.choice(h.regions())
    egress = Pool([h.addr(rng, reg) for _ in range(rng.randint(1, 4))])
    ua = sdk_ua(rng, (("java", 3), ("go", 3), ("py", 3), ("ts", 1)))
    sp = world.ids.hash16()
    created = age_created(rng, world, 400, 30, 1000)
    for i in range(size):
        acct = world.new_account(created + rng.randrange(30 * MS_D), pay, org,
                                 rng.randint(2, 6), T4, gid)
        P = Persona(net=egress, uas=[(ua, 1)], curve=FLAT)
        reqs = []
        for key in acct.keys:
            fam = Family(rng.getrandbits(64), 0, rng.randint(1, 4))
            if rng.random() < 0.5:
                reqs += cron_plan(world, rng, acct, P,
                                  period_min=rng.choice((20, 30, 60, 120)),
                                  fire_n=rng.randint(20, 160), fam=fam, sp=sp,
                                  endpoint="batch", key=key, jitter_s=2)
            else:
                reqs += cron_plan(world, rng, acct, P,
                                  period_min=rng.uniform(0.5, 3),
                                  fire_n=1, fam=fam, sp=sp,
                                  endpoint="messages", key=key, jitter_s=8)
        world.submit(acct, reqs)


def g_cohort(world, rng, gid, size):
    cc = pick_cc(rng)
    tz = pick_tz(rng, cc)
    campus = Pool([world.cat.edu_as(rng, cc).addr(rng)
                   for _ in range(rng.randint(1, 3))])
    sign_up = world.t0 - int(rng.uniform(0.2, 6) * MS_D)
    if rng.random() < 0.35:      # the class signs up during the window
        sign_up = world.t0 + int(rng.uniform(0.05, 0.5) * (world.t_end - world.t0))
    deadline = world.t0 + int(rng.uniform(0.4, 1.3) * (world.t_end - world.t0))
    ramp = int(rng.uniform(1.5, 4) * MS_H)
    bursts = [(deadline - ramp, deadline - ramp // 2, rng.uniform(2, 4)),
              (deadline - ramp // 2, deadline, rng.uniform(4, 9))]
    fams = [Family(rng.getrandbits(64), rng.randint(1, 3), rng.randint(5, 9))
            for _ in range(rng.randint(3, 6))]
    course_ua = "anthropic-python/" + rng.choice(PY_VERS[:5])[0]
    course_sp = world.ids.hash16() if rng.random() < 0.5 else None
    fam_cats = Cum([("reasoning", 5), ("coding", 4), ("analysis", 1)])
    for i in range(size):
        created = sign_up + int(lognorm(rng, 20, 1.0, 0.5, 600) * MS_M)

        def tweak(P, _c=created):
            P.tz = tz
            P.curve, P.weekend, P.bursts = STUDENT, 1.0, bursts
            P.rate = lognorm(rng, 0.45, 0.6)
            P.fams, P.fam_p, P.fam_cats = fams, rng.uniform(0.5, 0.9), fam_cats
            P.boost = rng.uniform(0.5, 0.9)
            P.uas = [(course_ua, 1)]
            P.greet_first = _c >= world.t0 - 6 * MS_H or rng.random() < 0.4
            P.t0 = _c + rng.randint(1, 30) * MS_M
            if course_sp:
                P.sp, P.sp_p = [(course_sp, 1)], 0.6
            P.models = Cum([("claude-sonnet-4-5", 6), ("claude-haiku-4-5", 4)])
        net = campus if rng.random() < 0.7 else \
            Commuter(campus, Home(world.cat, rng, cc), tz)
        spawn_individual(world, rng, "student", cc, net, False, None, created,
                         gid, tweak)


def g_lab(world, rng, gid, size):
    cc = pick_cc(rng)
    tz = pick_tz(rng, cc)
    org = world.ids.org()
    pay = world.ids.payment() if rng.random() < 0.8 else None
    if rng.random() < 0.5:
        net = Pool([world.cat.edu_as(rng, cc).addr(rng)
                    for _ in range(rng.randint(1, 2))])
    else:
        h = rng.choice(world.cat.hosting)
        reg = rng.choice(h.regions())
        net = Pool([h.addr(rng, reg) for _ in range(rng.randint(1, 6))])
    benches = make_benches(world, rng, rng.randint(3, 8))
    ua = rng.choice(("anthropic-python/", "inspect-eval/0.3 anthropic-python/")) \
        + rng.choice(PY_VERS[:4])[0]
    for i in range(size):
        P, created, paid, rpm, _, _ = individual(world, rng, "researcher", cc, net)
        P.tz = tz
        P.uas = [(ua, 1)]
        acct = world.new_account(created, pay, org, rng.randint(1, 3), T4, gid)
        reqs = run_persona(rng, acct, P, world)
        reqs += suite_plan(world, rng, acct, P, benches,
                           n_runs=rng.choice((0, 1, 1, 2)), night=True)
        world.submit(acct, reqs)


def g_hackathon(world, rng, gid, size):
    cc = pick_cc(rng)
    tz = pick_tz(rng, cc)
    venue = Pool([world.cat.biz_as(rng, cc).addr(rng)
                  for _ in range(rng.randint(1, 2))])
    t_start = world.t0 + int(rng.uniform(0.05, 0.45) * (world.t_end - world.t0))
    t_stop = t_start + int(rng.uniform(4, 30) * MS_H)
    kit_sp = world.ids.hash16()
    for i in range(size):
        created = t_start + int(lognorm(rng, 12, 0.8, 0.5, 90) * MS_M)

        def tweak(P, _c=created):
            P.tz = tz
            P.curve, P.weekend = FLAT, 1.0
            P.rate = lognorm(rng, 1.3, 0.6)
            P.t0, P.t1 = _c + rng.randint(1, 10) * MS_M, t_stop
            P.greet_first = True
            P.sp, P.sp_p = [(kit_sp, 1)], rng.choice((0.0, 0.8))
            P.cats = cats("coding", 50, "tool_use", 15, "chat", 20, "vision", 5,
                          "writing", 10)
        spawn_individual(world, rng, "developer", cc, venue, False, None,
                         created, gid, tweak)


def g_ide(world, rng, gid, size, product):
    """Thousands of independent users of one coding agent: same system
    prompt, same client, tool-heavy long contexts."""
    if product == "cli":
        sps = {}
        for v, _ in CLI_VERS:
            major = v.rsplit(".", 1)[0] + ("a" if int(v.rsplit(".", 1)[1]) > 40 else "b")
            sps.setdefault(major, world.ids.hash16())
        world.shared["ide_sps"] = sps
        ntools = rng.randint(14, 19)
    else:
        name = rng.choice(("agentkit", "codepilot-agent", "devloop", "forge-ai"))
        vers = ["%d.%d.%d" % (1, rng.randint(0, 9), rng.randint(0, 30))
                for _ in range(4)]
        sps = {v: world.ids.hash16() for v in vers}
        ntools = rng.randint(8, 30)
    for i in range(size):
        cc = pick_cc(rng)
        if product == "cli":
            v = wchoice(rng, CLI_VERS)
            major = v.rsplit(".", 1)[0] + ("a" if int(v.rsplit(".", 1)[1]) > 40 else "b")
            ua = cli_ua(rng, v)
            sp = sps[major]
        else:
            v = rng.choice(vers)
            ua = "%s/%s (node; anthropic-typescript/0.6%d.0)" % (name, v,
                                                                 rng.randint(5, 8))
            sp = sps[v]

        def tweak(P, _ua=ua, _sp=sp):
            P.uas = [(_ua, 1)]
            P.sp, P.sp_p = [(_sp, 1)], 0.97
            P.agentic = True
            P.turns_mean = lognorm(rng, 12, 0.5, 3, 60)
            P.tools_rng = (ntools, ntools + rng.randint(0, 8))
            P.rate = lognorm(rng, 0.5, 0.7)
            P.cats = cats("tool_use", 65, "coding", 35)
            P.models = Cum([("claude-sonnet-4-5", 75), ("claude-opus-4-1", 15),
                            ("claude-haiku-4-5", 10)])
            P.stream_p, P.thinking_p = 0.97, 0.35
        k = wchoice(rng, [("developer", 7), ("power_agent", 2), ("hobbyist", 2),
                          ("student", 1)])
        spawn_individual(world, rng, k, cc, None, None, None, None, gid, tweak)


def g_plugin(world, rng, gid, size):
    name = rng.choice(("Summarly", "PageBuddy", "SheetGenie", "MailMuse",
                       "NoteLift"))
    ua_base = "%s/%d.%d.%d" % (name, rng.randint(2, 5), rng.randint(0, 9),
                               rng.randint(0, 9))
    fams = [Family(rng.getrandbits(64), 2, rng.randint(7, 13))
            for _ in range(rng.randint(4, 8))]
    sp = [(world.ids.hash16(), 4), (world.ids.hash16(), 1)]
    fam_cats = Cum([("analysis", 5), ("writing", 3), ("chat", 2)])
    for i in range(size):
        def tweak(P):
            P.uas = [(ua_base + " (chrome-extension; anthropic-typescript/0.68.0)", 1)]
            P.fams, P.fam_p, P.fam_cats = fams, 0.9, fam_cats
            P.sp, P.sp_p = sp, 1.0
            P.turns_mean = 1.3
            P.rate = lognorm(rng, 0.6, 0.8)
            P.models = M_CHEAP
            P.stream_p = 1.0
        k = wchoice(rng, [("hobbyist", 4), ("analyst", 3), ("writer", 3),
                          ("developer", 2)])
        spawn_individual(world, rng, k, None, None, None, None, None, gid, tweak)


def g_scheduled(world, rng, gid, size):
    """A hosted integration calling the API with each customer's own key on
    a fixed schedule: shared egress, template, system prompt; machine-regular."""
    h = rng.choice(world.cat.hosting)
    reg = rng.choice(h.regions())
    egress = Pool([h.addr(rng, reg) for _ in range(rng.randint(2, 6))])
    name = rng.choice(("digestly-worker", "feedbrief", "inboxzero-sync",
                       "standup-bot", "crm-enricher"))
    ua = "%s/%d.%d anthropic-go/%s" % (name, rng.randint(1, 4), rng.randint(0, 9),
                                        rng.choice(("1.16.2", "1.17.0")))
    fams = [Family(rng.getrandbits(64), 1, rng.randint(4, 7))
            for _ in range(rng.randint(2, 4))]
    sp = world.ids.hash16()
    periods = [15, 30, 60, 60, 60, 120]
    for i in range(size):
        created = age_created(rng, world, 150, 3, 800)
        paid = rng.random() < 0.9
        acct = world.new_account(created, world.ids.payment() if paid else None,
                                 None, 1, T1 if paid else FREE, gid)
        P = Persona(net=egress, uas=[(ua, 1)])
        reqs = cron_plan(world, rng, acct, P,
                         period_min=rng.choice(periods),
                         fire_n=rng.randint(1, 3), fam=rng.choice(fams), sp=sp,
                         endpoint="messages",
                         cat=rng.choice(("analysis", "writing")),
                         model=rng.choice(("claude-haiku-4-5", "claude-haiku-4-5",
                                           "claude-sonnet-4-5")),
                         jitter_s=rng.uniform(0.5, 4))
        # occasional user-triggered runs through the same service
        n = int(rng.expovariate(1 / 2.0))
        for _ in range(n):
            t = world.t0 + rng.random() * (world.t_end - world.t0)
            model = "claude-haiku-4-5"
            inp, out = tokens(rng, "analysis", 0.6, 1.0)
            reqs.append(Req(int(t), acct.keys[0], egress.session(rng, t), ua,
                            model, "messages", inp, out,
                            latency(rng, model, inp, out), False, 0, 1, False,
                            "analysis", cot_score(rng, "analysis"),
                            rng.choice(fams).draw(rng), sp))
        world.submit(acct, reqs)


def g_reseller(world, rng, gid, size):
    """A legitimate platform: one org and invoice for all its customer
    sub-accounts, cloud egress, diverse end-user traffic."""
    org = world.ids.org()
    pay = world.ids.payment()
    h = rng.choice(world.cat.hosting)
    regs = h.regions()
    egress = Pool([h.addr(rng, rng.choice(regs)) for _ in range(rng.randint(3, 8))])
    ua = sdk_ua(rng, (("py", 1), ("ts", 1)))
    plat_sps = [(world.ids.hash16(), w) for w in (6, 3, 1)]
    launch = age_created(rng, world, 300, 30, 900)
    for i in range(size):
        created = launch + int(rng.random() * (world.t0 - launch))
        if rng.random() < 0.3:      # bulk onboarding of an enterprise client
            created = launch + int(0.5 * (world.t0 - launch)) + rng.randrange(MS_H)
        acct = world.new_account(created, pay, org, 1, T3, gid)
        own = (world.ids.hash16(), 2)
        P = Persona(net=egress, uas=[(ua, 1)], curve=GLOBAL, weekend=0.8,
                    rate=lognorm(rng, 1.5, 1.0, 0.05, 30), turns_mean=2.5,
                    think=(10, 200),
                    cats=cats("chat", 40, "writing", 25, "coding", 15,
                              "analysis", 15, "reasoning", 5),
                    models=M_CHEAP if rng.random() < 0.6 else M_DEFAULT,
                    sp=plat_sps + [own], sp_p=0.95, stream_p=0.85)
        adopt(rng, world, P, 0.15)
        world.submit(acct, run_persona(rng, acct, P, world))


def g_cowork(world, rng, gid, size):
    cc = pick_cc(rng)
    tz = pick_tz(rng, cc)
    nat = Pool([world.cat.biz_as(rng, cc).addr(rng)
                for _ in range(rng.randint(1, 2))])
    for i in range(size):
        home = Home(world.cat, rng, cc)
        k = wchoice(rng, [("developer", 5), ("analyst", 2), ("writer", 1),
                          ("hobbyist", 1), ("power_agent", 1), ("new_free", 1)])

        def tweak(P):
            P.tz = tz
        spawn_individual(world, rng, k, cc, Commuter(nat, home, tz), None, None,
                         None, gid, tweak)


def g_cgnat(world, rng, gid, size):
    cc = wchoice(rng, [("IN", 4), ("ID", 2), ("BR", 2), ("NG", 1), ("PH", 1),
                       ("US", 2), ("MX", 1), ("VN", 1), ("PK", 1)])
    m = world.cat.mob_as(rng, cc)
    pool = world.cat.cgnat[m.asn][:rng.randint(6, 20)]
    a, c = m.tag()
    addrs = [(ip, a, c) for ip in pool]
    for i in range(size):
        k = wchoice(rng, [("hobbyist", 4), ("new_free", 3), ("student", 2),
                          ("mobile_dev", 2), ("developer", 2)])
        spawn_individual(world, rng, k, cc, Pool(addrs), None, None, None, gid)


def g_vpn(world, rng, gid, size):
    exits = rng.choice(world.cat.vpn)
    popular = [exits[rng.randrange(len(exits))] for _ in range(rng.randint(4, 12))]
    for i in range(size):
        k = wchoice(rng, [("hobbyist", 4), ("developer", 3), ("writer", 1),
                          ("heavy_reasoner", 1), ("new_free", 2), ("student", 1)])
        mine = [popular[rng.randrange(len(popular))] for _ in range(rng.randint(1, 4))]
        spawn_individual(world, rng, k, None, Pool(mine, sticky=0.7), None, None,
                         None, gid)


# ---------------------------------------------------------------------------


def plan_groups(world, rng):
    """Sizes scale with the benign population; never exceed ~35 % of it."""
    N = world.benign
    s = N / 10000.0
    plan = []

    def n_of(x, lo=0):
        v = x * s
        base = int(v)
        if rng.random() < v - base:
            base += 1
        return max(lo, base)

    for _ in range(n_of(40, 1)):
        plan.append(("team", g_team, int(lognorm(rng, 7, 0.6, 3, 45))))
    for _ in range(n_of(30)):
        plan.append(("household", g_household, rng.randint(2, 4)))
    for _ in range(n_of(5, 1)):
        plan.append(("enterprise_batch", g_enterprise, rng.randint(1, 4)))
    for _ in range(n_of(6, 1)):
        plan.append(("course_cohort", g_cohort, rng.randint(18, 90)))
    for _ in range(n_of(3, 1)):
        plan.append(("benchmark_lab", g_lab, rng.randint(2, 8)))
    for _ in range(n_of(1.2, 1)):
        plan.append(("hackathon", g_hackathon,
                     int(rng.uniform(40, 160) * min(1.5, max(0.5, s ** 0.5)))))
    plan.append(("ide_agent_users", lambda w, r, g, n: g_ide(w, r, g, n, "cli"),
                 max(30, int(N * rng.uniform(0.045, 0.065)))))
    plan.append(("agent_framework_users",
                 lambda w, r, g, n: g_ide(w, r, g, n, "fw"),
                 max(15, int(N * rng.uniform(0.015, 0.025)))))
    plan.append(("browser_plugin_users", g_plugin,
                 max(20, int(N * rng.uniform(0.02, 0.035)))))
    plan.append(("scheduled_integration", g_scheduled,
                 max(10, int(N * rng.uniform(0.008, 0.015)))))
    for _ in range(n_of(2, 1)):
        plan.append(("reseller_platform", g_reseller,
                     int(lognorm(rng, 70 * max(0.5, s) ** 0.5, 0.5, 15, 500))))
    for _ in range(n_of(4, 1)):
        plan.append(("coworking_nat", g_cowork, rng.randint(20, 110)))
    plan.append(("carrier_cgnat", g_cgnat, max(10, int(N * rng.uniform(0.015, 0.03)))))
    plan.append(("vpn_exit_users", g_vpn, max(10, int(N * rng.uniform(0.012, 0.025)))))
    # fit into budget
    budget = int(N * 0.35)
    total = sum(p[2] for p in plan)
    if total > budget:
        f = budget / float(total)
        plan = [(k, fn, max(2, int(n * f))) for k, fn, n in plan]
        while sum(p[2] for p in plan) > budget and plan:
            plan.pop()
    return plan


def build(world):
    rng = world.sub("benign-plan")
    plan = plan_groups(world, rng)
    counters = {}
    groups = {}
    for kind, fn, size in plan:
        counters[kind] = counters.get(kind, 0) + 1
        gid = "%s-%02d" % (kind, counters[kind])
        grng = world.sub("group", gid)
        before = world.n_benign
        fn(world, grng, gid, size)
        groups[gid] = {"kind": kind, "accounts": world.n_benign - before}
    remaining = world.benign - world.n_benign
    kinds = Cum(IND_KINDS)
    for i in range(max(0, remaining)):
        irng = world.sub("ind", i)
        spawn_individual(world, irng, kinds.pick(irng))
    return groups
