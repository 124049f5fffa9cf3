"""Distillation operators. Each builder plans one campaign's accounts and
traffic and returns its kind; accounts are registered with the world."""

import math

from .core import MS_H, MS_M, MS_D, Cum, Family, Req, flip_bits, lognorm, wchoice
from .content import (Persona, run_persona, sdk_ua, cli_ua, latency, tokens,
                      cot_score, poisson_times, NEW_MODEL, DAYLONG, EVENING,
                      FLAT, PY_VERS, TS_VERS, CLI_VERS)
from .net import CC_TZ, Fixed, Pool, PerRequestPool, Home, Mobile, Rotating

FREE, T1, T2, T3, T4 = 5, 50, 1000, 2000, 4000

PROXY_CC = [("US", 6), ("BR", 3), ("IN", 4), ("ID", 2), ("VN", 2), ("PH", 2),
            ("MX", 2), ("TR", 1), ("GB", 2), ("DE", 2), ("CA", 1), ("PL", 1),
            ("UA", 1), ("EG", 1), ("TH", 1), ("MY", 1), ("CO", 1), ("AR", 1)]


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def waves(rng, n, n_waves, age_lo_d, age_hi_d, spread_h, t_ref):
    """Creation timestamps in bursts (accounts registered by a script)."""
    centres = [t_ref - int(rng.uniform(age_lo_d, age_hi_d) * MS_D)
               for _ in range(n_waves)]
    return [centres[rng.randrange(n_waves)] + int(rng.random() * spread_h * MS_H)
            for _ in range(n)]


def harvest_cot(rng, cat, strength):
    """How hard the prompt asks for written-out reasoning (strength 0..1)."""
    if cat == "reasoning":
        a, b = 2.0 + 10 * strength, 3.0 - 1.6 * strength
    elif cat in ("coding", "analysis"):
        a, b = 1.5 + 5 * strength, 6.0 - 3 * strength
    elif cat == "tool_use":
        a, b = 1.0, 22.0
    else:
        a, b = 1.2 + 3 * strength, 8.0 - 3 * strength
    return rng.betavariate(a, b)


def pivot_model(rng, t, base, pivot_t, pivot_p):
    if pivot_t is not None and t >= pivot_t and rng.random() < pivot_p:
        return NEW_MODEL
    return base.pick(rng)


class Ctx:
    def __init__(self, world, rng, cid):
        self.w = world
        self.rng = rng
        self.cid = cid
        self.s = world.benign / 10000.0


# ---------------------------------------------------------------------------
# 1. residential proxy swarm: many low-volume accounts behind rotating
#    household addresses


def c_swarm(C):
    w, rng = C.w, C.rng
    n = int(clamp(w.benign * rng.uniform(0.04, 0.08), 40, 25000))
    ccs = sorted(set(wchoice(rng, PROXY_CC) for _ in range(rng.randint(3, 8))))
    created = waves(rng, n, rng.randint(3, 8), 1, 25, rng.uniform(0.5, 4), w.t0)
    for i in range(n):
        if rng.random() < 0.2:  # bought aged accounts
            created[i] = w.t0 - int(rng.uniform(60, 500) * MS_D)
    uas = [sdk_ua(rng, (("py", 1),)), sdk_ua(rng, (("ts", 1),))]
    fams = [Family(rng.getrandbits(64), rng.randint(4, 7), rng.randint(10, 16))
            for _ in range(rng.randint(40, 120))]
    sps = [w.ids.hash16() for _ in range(3)]
    hcats = Cum([("reasoning", 50), ("coding", 25), ("analysis", 15),
                 ("writing", 10)])
    base = Cum([("claude-sonnet-4-5", 7), ("claude-opus-4-1", 3)])
    pivot_t = w.release + int(rng.uniform(30, 150) * MS_M)
    pivot_p = rng.uniform(0.6, 0.9)
    t_c = w.t0 + int(rng.uniform(0.0, 0.3) * (w.t_end - w.t0))
    ramp = rng.uniform(0.5, 2.0) * MS_H
    mimic = rng.random() < 0.4
    mimic_tz = rng.choice((-5, -8, 1, 5.5))
    strength = rng.uniform(0.6, 0.95)
    for i in range(n):
        paid = rng.random() < 0.55
        acct = w.new_account(created[i], w.ids.payment() if paid else None, None,
                             1, T1 if paid else FREE, C.cid)
        cc = rng.choice(ccs)
        ases = w.cat.res[cc] + w.cat.res[cc] + w.cat.mob[cc]
        mode = rng.random()
        if mode < 0.6:
            net = Rotating(ases, per_request=True)
        elif mode < 0.85:
            net = Rotating(ases, per_request=False)
        else:
            net = Fixed(Rotating(ases).session(rng, 0))
        ua = uas[rng.randrange(2)]
        key = acct.keys[0]
        t_a = max(acct.created + 5 * MS_M, int(t_c + rng.random() * ramp))
        rate = lognorm(rng, 1.2, 0.5, 0.2, 4.0)
        if mimic:
            times = poisson_times(rng, t_a, w.t_end, rate * 1.4, DAYLONG, mimic_tz)
        else:
            times = poisson_times(rng, t_a, w.t_end, rate, FLAT, 0)
        reqs = []
        if times and rng.random() < 0.7:
            t = times[0] - rng.randint(60, 1800) * 1000
            addr = net.session(rng, t)
            sh = w.content.greeting(rng)
            m = base.pick(rng)
            reqs.append(Req(t, key, addr, ua, m, "messages", rng.randint(8, 20),
                            rng.randint(9, 40), latency(rng, m, 10, 25), False, 0,
                            1, False, "chat", rng.betavariate(1, 30), sh, None))
        for t in times:
            addr = net.session(rng, t)
            model = pivot_model(rng, t, base, pivot_t, pivot_p)
            if rng.random() < 0.15:     # camouflage
                inp, out = tokens(rng, "chat")
                reqs.append(Req(t, key, addr, ua, model, "messages", inp, out,
                                latency(rng, model, inp, out), rng.random() < 0.5,
                                0, 1, False, "chat", cot_score(rng, "chat"),
                                rng.getrandbits(64), None))
                continue
            cat = hcats.pick(rng)
            fam = fams[rng.randrange(len(fams))]
            sp = sps[rng.randrange(3)] if rng.random() < 0.35 else None
            thinking = rng.random() < 0.35
            nt = 1 if rng.random() < 0.8 else 2
            ctx = 0
            for k in range(nt):
                inp, out = tokens(rng, cat, 0.8, 2.2)
                inp += ctx
                if thinking:
                    out = int(out * rng.uniform(1.3, 2.2))
                lat = latency(rng, model, inp, out, thinking)
                reqs.append(Req(t, key, net.request(rng, t, addr), ua, model,
                                "messages", inp, out, lat, rng.random() < 0.3, 0,
                                1 + 2 * k, thinking, cat,
                                harvest_cot(rng, cat, strength),
                                fam.draw(rng) if k == 0 else rng.getrandbits(64),
                                sp))
                ctx = inp + out
                t += lat + rng.randint(2, 40) * 1000
        w.submit(acct, reqs)
    return "residential_proxy_swarm"


# ---------------------------------------------------------------------------
# 2. aged-account drip: bought old accounts, human-looking rhythm in one
#    time zone, every single feature inside the benign range


def c_drip(C):
    w, rng = C.w, C.rng
    n = int(clamp(w.benign * rng.uniform(0.008, 0.02), 20, 3000))
    cc, tz = rng.choice([("US", -5), ("US", -8), ("GB", 0), ("CA", -5),
                         ("DE", 1)])
    created = waves(rng, n, rng.randint(2, 3), 120, 420, rng.uniform(24, 96), w.t0)
    fams = [Family(rng.getrandbits(64), rng.randint(7, 10), rng.randint(14, 20))
            for _ in range(rng.randint(150, 400))]
    fam_cats = Cum([("reasoning", 45), ("coding", 35), ("analysis", 20)])
    pivot0 = w.release + int(rng.uniform(20, 70) * MS_M)
    curve = rng.choice((DAYLONG, EVENING))
    for i in range(n):
        acct = w.new_account(created[i], w.ids.payment(), None,
                             rng.choice((1, 1, 2)), rng.choice((T1, T1, T2)),
                             C.cid)
        net = Home(w.cat, rng, cc) if rng.random() < 0.85 else Mobile(w.cat, rng, cc)
        P = Persona(tz=tz, curve=curve, weekend=1.0,
                    rate=lognorm(rng, 1.2, 0.5, 0.3, 3.0),
                    turns_mean=2.2, think=(20, 200),
                    cats=Cum([("chat", 55), ("writing", 25), ("coding", 20)]),
                    models=Cum([("claude-sonnet-4-5", 7), ("claude-opus-4-1", 2),
                                ("claude-haiku-4-5", 1)]),
                    adopt_t=pivot0 + rng.randint(0, 30) * MS_M,
                    adopt_p=rng.uniform(0.55, 0.75),
                    uas=[(sdk_ua(rng), 1)], stream_p=0.5, thinking_p=0.15,
                    tools_p=0.05, fams=fams, fam_p=rng.uniform(0.6, 0.75),
                    fam_cats=fam_cats, boost=0.35, sout=1.3, net=net)
        w.submit(acct, run_persona(rng, acct, P, w))
    return "aged_account_drip"


# ---------------------------------------------------------------------------
# 3. scripted fleet: a few dozen cloud-hosted accounts firing in lockstep


def c_fleet(C):
    w, rng = C.w, C.rng
    n = rng.randint(20, 45) + int(15 * min(2.0, C.s))
    t_mk = w.t0 - int(rng.uniform(1, 3) * MS_D)
    h = rng.choice(w.cat.hosting)
    subnets = [h.subnet(rng) for _ in range(rng.randint(1, 2))]
    n_cards = max(1, int(math.ceil(n / rng.uniform(10, 25))))
    cards = [w.ids.payment() for _ in range(n_cards)]
    ua = "anthropic-python/" + rng.choice(PY_VERS[2:6])[0]
    sp = w.ids.hash16()
    fams = [Family(rng.getrandbits(64), 0, rng.randint(1, 3))
            for _ in range(rng.randint(4, 10))]
    base = Cum([("claude-opus-4-1", 6), ("claude-sonnet-4-5", 4)])
    pivot_t = w.release + int(rng.uniform(10, 60) * MS_M)
    t_c = w.t0 + int(rng.uniform(0.1, 0.5) * (w.t_end - w.t0))
    period = int(rng.uniform(3, 10) * MS_M)
    accts = []
    for i in range(n):
        a, b, c, cc = subnets[i % len(subnets)]
        addr = ("%d.%d.%d.%d" % (a, b, c, rng.randint(2, 250)), h.asn, cc)
        acct = w.new_account(t_mk + rng.randrange(40 * MS_M), cards[i % n_cards],
                             None, 1, T2, C.cid)
        accts.append((acct, addr, []))
    t = t_c
    rnd = 0
    while t < w.t_end:
        model = NEW_MODEL if t >= pivot_t else base.pick(rng)
        for acct, addr, reqs in accts:
            if rng.random() > 0.9:
                continue
            tt = t + rng.randint(0, 8000)
            for k in range(1 if rng.random() < 0.8 else 2):
                cat = "reasoning" if rng.random() < 0.85 else "coding"
                inp = int(lognorm(rng, 450, 0.4, 60, 4000))
                out = int(lognorm(rng, 5000, 0.5, 300, 32000))
                thinking = rng.random() < 0.7
                lat = latency(rng, model, inp, out, thinking)
                reqs.append(Req(tt, acct.keys[0], addr, ua, model, "messages",
                                inp, out, lat, False, 0, 1, thinking, cat,
                                rng.betavariate(12, 1.5),
                                fams[rng.randrange(len(fams))].draw(rng), sp))
                tt += lat + rng.randint(100, 900)
        t += period
        rnd += 1
    for acct, addr, reqs in accts:
        w.submit(acct, reqs, p400=0.002)
    return "scripted_fleet_sync"


# ---------------------------------------------------------------------------
# 4. lone scraper: one or two accounts pulling hundreds of requests an hour


def c_scraper(C):
    w, rng = C.w, C.rng
    n = rng.randint(1, 2 + int(C.s > 2))
    h = rng.choice(w.cat.hosting)
    ua = rng.choice(("python-requests/2.32.3", "anthropic-python/0.74.1",
                     "python-httpx/0.28.1"))
    fams = [Family(rng.getrandbits(64), rng.randint(2, 4), rng.randint(8, 12))
            for _ in range(rng.randint(1, 3))]
    t_c = w.t0 + int(rng.uniform(0.0, 0.6) * (w.t_end - w.t0))
    for i in range(n):
        acct = w.new_account(w.t0 - int(rng.uniform(1, 10) * MS_D),
                             w.ids.payment(), None, rng.randint(1, 2), T1, C.cid)
        addr = h.addr(rng)
        t_s = t_c + rng.randint(0, 30) * MS_M
        t_e = min(w.t_end, t_s + int(rng.uniform(2, 8) * MS_H))
        conc = rng.randint(3, 8)
        workers = [t_s + rng.randint(0, 5000) for _ in range(conc)]
        model = rng.choice(("claude-sonnet-4-5", "claude-opus-4-1"))
        reqs = []
        wi = 0
        while True:
            wi = min(range(conc), key=lambda j: workers[j])
            t = workers[wi]
            if t >= t_e:
                break
            cat = "coding" if rng.random() < 0.7 else "reasoning"
            inp, out = tokens(rng, cat, 0.7, 3.0)
            lat = latency(rng, model, inp, out)
            sh = fams[rng.randrange(len(fams))].draw(rng) if rng.random() < 0.6 \
                else rng.getrandbits(64)
            reqs.append(Req(t, acct.keys[rng.randrange(len(acct.keys))], addr, ua,
                            model, "messages", inp, out, lat, False, 0, 1, False,
                            cat, harvest_cot(rng, cat, 0.5), sh, None))
            workers[wi] = t + lat + rng.randint(50, 1500)
        w.submit(acct, reqs, p400=0.01)
    return "lone_scraper"


# ---------------------------------------------------------------------------
# 5. agent-trajectory harvest dressed as coding-agent users


def c_trajectory(C):
    w, rng = C.w, C.rng
    n = int(clamp(w.benign * rng.uniform(0.005, 0.012), 12, 3000))
    created = waves(rng, n, rng.randint(2, 4), 1, 10, rng.uniform(0.5, 3), w.t0)
    n_cards = max(1, int(math.ceil(n / rng.uniform(15, 40))))
    cards = [w.ids.payment() for _ in range(n_cards)]
    ide = w.shared.get("ide_sps")
    v = rng.choice([v for v, _ in CLI_VERS[2:6]])
    if ide and rng.random() < 0.75:
        major = v.rsplit(".", 1)[0] + ("a" if int(v.rsplit(".", 1)[1]) > 40 else "b")
        sp = ide.get(major) or w.ids.hash16()
        ua = cli_ua(rng, v)
    else:
        sp = w.ids.hash16()
        ua = "anthropic-typescript/" + rng.choice(TS_VERS[:3])[0]
    ccs = [rng.choice(("US", "GB", "DE", "IN", "BR", "ID", "PH"))
           for _ in range(rng.randint(2, 4))]
    pivot_t = w.release + int(rng.uniform(40, 180) * MS_M)
    pivot_p = rng.uniform(0.4, 0.8)
    base = Cum([("claude-sonnet-4-5", 8), ("claude-opus-4-1", 2)])
    t_c = w.t0 + int(rng.uniform(0.0, 0.4) * (w.t_end - w.t0))
    gap_med = rng.uniform(40, 110)
    for i in range(n):
        acct = w.new_account(created[i], cards[i % n_cards], None, 1, T2, C.cid)
        net = Mobile(w.cat, rng, rng.choice(ccs))
        reqs = []
        t = max(acct.created + 10 * MS_M, t_c + int(rng.random() * 1.5 * MS_H))
        while t < w.t_end:
            addr = net.session(rng, t)
            model = pivot_model(rng, t, base, pivot_t, pivot_p)
            steps = rng.randint(15, 60)
            tools = rng.randint(20, 60)
            ctx = rng.randint(8000, 30000)
            base_sh = rng.getrandbits(64)
            for k in range(steps):
                out = int(lognorm(rng, 220, 0.6, 20, 2500))
                lat = latency(rng, model, ctx, out)
                cat = "tool_use" if rng.random() < 0.75 else "coding"
                reqs.append(Req(t, acct.keys[0], addr, ua, model, "messages", ctx,
                                out, lat, True, tools, 1 + 2 * k,
                                rng.random() < 0.05, cat,
                                rng.betavariate(1, 25),
                                flip_bits(base_sh, rng.randint(3, 12), rng), sp))
                t += lat + int(rng.uniform(0.5, 3.0) * 1000)
                ctx += out + int(lognorm(rng, 2500, 0.7, 100, 30000))
                if ctx > 185000:
                    ctx = rng.randint(25000, 50000)
                if t >= w.t_end:
                    break
            t += int(lognorm(rng, gap_med, 0.6, 1, 240) * MS_M)
        w.submit(acct, reqs)
    return "tool_trajectory_harvest"


# ---------------------------------------------------------------------------
# 6. front "platform": one org and one card paying for every account


def c_reseller(C):
    w, rng = C.w, C.rng
    n = int(clamp(w.benign * rng.uniform(0.01, 0.025), 20, 5000))
    org = w.ids.org()
    pay = w.ids.payment()
    created = waves(rng, n, 2, 10, 60, rng.uniform(1, 6), w.t0)
    hs = rng.sample(w.cat.hosting, 2)
    egress = []
    for h in hs:
        reg = rng.choice(h.regions())
        egress += [h.addr(rng, reg) for _ in range(rng.randint(2, 6))]
    net = PerRequestPool(egress)
    ua = "anthropic-python/" + rng.choice(PY_VERS[:3])[0]
    sps = [w.ids.hash16() for _ in range(rng.randint(2, 4))]
    fams = [Family(rng.getrandbits(64), rng.randint(3, 6), rng.randint(10, 14))
            for _ in range(rng.randint(60, 200))]
    hcats = Cum([("reasoning", 45), ("coding", 35), ("analysis", 20)])
    base = Cum([("claude-sonnet-4-5", 6), ("claude-opus-4-1", 4)])
    pivot_t = w.release + int(rng.uniform(15, 60) * MS_M)
    t_c = w.t0 + int(rng.uniform(0.0, 0.3) * (w.t_end - w.t0))
    strength = rng.uniform(0.55, 0.9)
    for i in range(n):
        acct = w.new_account(created[i], pay, org, 1, T3, C.cid)
        rate = lognorm(rng, 3.0, 0.5, 0.5, 15)
        times = poisson_times(rng, max(t_c, acct.created), w.t_end, rate, FLAT, 0)
        reqs = []
        for t in times:
            model = pivot_model(rng, t, base, pivot_t, 0.9)
            addr = net.session(rng, t)
            if rng.random() < 0.1:
                inp, out = tokens(rng, "chat")
                reqs.append(Req(t, acct.keys[0], addr, ua, model, "messages", inp,
                                out, latency(rng, model, inp, out), True, 0, 1,
                                False, "chat", cot_score(rng, "chat"),
                                rng.getrandbits(64), sps[0]))
                continue
            cat = hcats.pick(rng)
            thinking = rng.random() < 0.5
            nt = 1 if rng.random() < 0.85 else 3
            ctx = 0
            for k in range(nt):
                inp, out = tokens(rng, cat, 1.0, 2.0)
                inp += ctx
                if thinking:
                    out = int(out * rng.uniform(1.3, 2.2))
                lat = latency(rng, model, inp, out, thinking)
                reqs.append(Req(t, acct.keys[0], net.request(rng, t, addr), ua,
                                model, "messages", inp, out, lat,
                                rng.random() < 0.5, 0, 1 + 2 * k, thinking, cat,
                                harvest_cot(rng, cat, strength),
                                fams[rng.randrange(len(fams))].draw(rng)
                                if k == 0 else rng.getrandbits(64),
                                sps[rng.randrange(len(sps))]
                                if rng.random() < 0.8 else None))
                ctx = inp + out
                t += lat + rng.randint(1, 20) * 1000
        w.submit(acct, reqs)
    return "reseller_org_front"


# ---------------------------------------------------------------------------
# 7. free-credit churn: waves of fresh accounts, warm-up ping, burn the
#    credits, abandon


def c_churn(C):
    w, rng = C.w, C.rng
    t_c = w.t0 + int(rng.uniform(0.05, 0.3) * (w.t_end - w.t0))
    gap = rng.uniform(35, 100) * MS_M
    wave_n = max(5, int(w.benign * rng.uniform(0.002, 0.004)))
    provs = rng.sample(range(len(w.cat.vpn)), 2)
    exits = w.cat.vpn[provs[0]] + w.cat.vpn[provs[1]]
    hh = rng.choice(w.cat.hosting)
    ua_main = "anthropic-python/" + rng.choice(PY_VERS[:4])[0]
    fams = [Family(rng.getrandbits(64), 2, rng.randint(5, 8))
            for _ in range(rng.randint(15, 40))]
    base = Cum([("claude-sonnet-4-5", 8), ("claude-haiku-4-5", 2)])
    pivot_t = w.release + int(rng.uniform(20, 120) * MS_M)
    t_w = t_c
    while t_w < w.t_end - 20 * MS_M:
        for i in range(int(wave_n * rng.uniform(0.6, 1.4))):
            created = int(t_w + rng.random() * rng.uniform(5, 15) * MS_M)
            acct = w.new_account(created, None, None, 1, FREE, C.cid)
            if rng.random() < 0.7:
                addr = exits[rng.randrange(len(exits))]
            else:
                addr = hh.addr(rng)
            ua = ua_main if rng.random() < 0.8 else "python-httpx/0.28.1"
            reqs = []
            t = created + rng.randint(30, 300) * 1000
            if rng.random() < 0.85:
                m = base.pick(rng)
                reqs.append(Req(t, acct.keys[0], addr, ua, m, "messages",
                                rng.randint(8, 20), rng.randint(9, 40),
                                latency(rng, m, 10, 25), False, 0, 1, False,
                                "chat", rng.betavariate(1, 30),
                                w.content.greeting(rng), None))
                t += rng.randint(20, 240) * 1000
            for k in range(rng.randint(15, 50)):
                model = pivot_model(rng, t, base, pivot_t, 0.85)
                cat = "reasoning" if rng.random() < 0.7 else "coding"
                inp, out = tokens(rng, cat, 0.8, 2.0)
                thinking = rng.random() < 0.3
                lat = latency(rng, model, inp, out, thinking)
                reqs.append(Req(t, acct.keys[0], addr, ua, model, "messages", inp,
                                out, lat, False, 0, 1, thinking, cat,
                                harvest_cot(rng, cat, 0.85),
                                fams[rng.randrange(len(fams))].draw(rng), None))
                t += lat + rng.randint(6, 40) * 1000
            w.submit(acct, reqs)
        t_w += int(gap * rng.uniform(0.7, 1.3))
    return "free_credit_signup_waves"


BUILDERS = [c_swarm, c_drip, c_fleet, c_scraper, c_trajectory, c_reseller,
            c_churn]
