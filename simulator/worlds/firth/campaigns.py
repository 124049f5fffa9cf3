"""Distillation campaigns."""
import math
import random

from .behave import (DAY, P, agent_task, geo, greeting, lognorm, make_templates, py_ua,
                     sdk_ua, sph_str, ts_ua)
from .benign import IDE_SPH
from .traffic import NEW_MODEL, flip

HOUR = 3600.0


class Ctx:
    def __init__(self, W, seed, n_benign):
        self.W = W
        self.net = W.net
        self.seed = seed
        self.scale = min(1.5, max(0.5, math.sqrt(max(n_benign, 1) / 10000.0)))
        self.kinds = {}

    def rng(self, name):
        return random.Random("firth:%d:campaign:%s" % (self.seed, name))

    def size(self, rng, lo, hi):
        return max(lo if lo < 30 else int(lo * self.scale), int(rng.randint(lo, hi) * self.scale))

    def done(self, cid, kind, accts):
        self.kinds[cid] = kind
        for a in accts:
            self.W.register(a)


def _clip(x):
    return 0.0 if x < 0 else (1.0 if x > 1 else x)


def residential_swarm(C, cid):
    """Proxy-run swarm harvesting reasoning traces; accounts created in waves, unique
    prepaid cards, per-request rotation through residential/mobile proxies in the
    account's declared country; low per-account volume with human-like jitter."""
    W, net, rng = C.W, C.net, C.rng(cid)
    n = C.size(rng, 1200, 2400)
    start = W.T * rng.uniform(0.05, 0.2)
    waves = [(-rng.uniform(4, 60) * DAY, rng.uniform(0.5, 3) * DAY) for _ in range(rng.randint(3, 6))]
    cw = (["US", "GB", "CA", "DE", "AU", "JP", "SG", "FR", "NL"], [50, 12, 10, 8, 6, 5, 4, 3, 2])
    sphs = [sph_str(rng.getrandbits(64)) for _ in range(4)]
    mix = (["reasoning", "analysis", "coding", "chat"], [55, 15, 15, 15])
    accts = []
    for i in range(n):
        cc = net.country(rng, cw)
        tz = net.tz(rng, cc)
        w0, spread = rng.choice(waves)
        created = w0 + rng.random() * spread
        pay = W.uid(rng, "pm_", 16) if rng.random() < 0.85 else None
        a = W.new_acct(rng, "c", created, None, pay, sdk_ua(rng, official_only=True), cc, tz, 50, camp=cid,
                       mods=[("claude-opus-4-5", 60), ("claude-sonnet-4-5", 40)])
        a.adopt = W.release + rng.uniform(0.5, 3) * HOUR
        a.newshare = 0.85
        join = start + rng.expovariate(1 / (1.5 * HOUR))
        sph_p = rng.random() * 0.6
        mobile = rng.random() * 0.3

        def sess(r, a_, t, cc=cc, sph_p=sph_p, mobile=mobile):
            for j in range(geo(r, 3)):
                cat = r.choices(mix[0], mix[1])[0]
                think = cat == "reasoning" and r.random() < 0.35
                if cat in ("reasoning", "analysis"):
                    tin, tout, cot = W.sample(r, cat, 0.22, 1.0, 1.7, think)
                else:
                    tin, tout, cot = W.sample(r, cat, 0.0, 1.0, 1.0, think)
                ip = net.mobile_ip(r, cc) if r.random() < mobile else net.resi_ip(r, cc)
                sph = r.choice(sphs) if r.random() < sph_p else "null"
                model = W.pick_model(r, a_, t)
                te = W.req(r, a_, t, ip, model, cat, tin, tout, cot, r.getrandbits(64), sph,
                           turns=1 if cat != "chat" else r.choice((1, 1, 3)), stream=r.random() < 0.4, think=think)
                t = te + lognorm(r, 70, 0.8)
                if t >= W.T:
                    break
        target = lognorm(rng, 18, 0.6) * W.hours / 8.0
        rate = target / 3.0 / max(0.5, (W.T - join) / HOUR) / 0.55
        W.sessions(rng, a, rate, "dev", sess, t0=join)
        accts.append(a)
    C.done(cid, "residential_swarm_cot", accts)


def scripted_fleet(C, cid):
    """Small scripted fleet on hosting ranges: sticky IP per account, a few cards shared by
    tens of accounts, warm-up pings, templated code prompts, synchronised rounds 24/7."""
    W, net, rng = C.W, C.net, C.rng(cid)
    n = C.size(rng, 20, 60)
    start = W.T * rng.uniform(0.02, 0.3)
    created0 = -rng.uniform(1, 3) * DAY
    cards = [W.uid(rng, "pm_", 16) for _ in range(max(2, n // rng.randint(12, 25)))]
    prov = rng.choice(("hetzner", "ovh", "digitalocean", "vultr"))
    ua = py_ua(rng)
    tmpls = make_templates(rng, rng.randint(3, 6), 2, 6)
    sph = sph_str(rng.getrandbits(64))
    period = rng.uniform(240, 600)
    pivot = W.release + rng.uniform(2, 6) * HOUR
    accts = []
    pool = []
    for i in range(n):
        if i % 8 == 0:
            pool = net.host_pool(rng, 8, prov)
        ip = pool[i % 8]
        a = W.new_acct(rng, "c", created0 + i * rng.uniform(60, 400), None, cards[i % len(cards)], ua, "US", 0, 50,
                       camp=cid, mods=[("claude-sonnet-4-5", 1)])
        a.adopt, a.newshare = pivot, 0.5
        accts.append((a, ip))
    for a, ip in accts:
        t = start + rng.random() * 30
        for _ in range(rng.randint(1, 2)):
            t = greeting(W, rng, a, t, ip, "claude-sonnet-4-5") + rng.uniform(1, 5)
    r0 = start + 120
    rnd = 0
    while r0 < W.T:
        for a, ip in accts:
            t = r0 + rng.random() * 20
            for _ in range(rng.randint(1, 4)):
                model = W.pick_model(rng, a, t)
                if rng.random() < 0.15:
                    tin, tout, cot = W.sample(rng, "chat")
                    t = W.req(rng, a, t, ip, model, "chat", tin, tout, cot, rng.getrandbits(64)) + 0.5
                else:
                    base, lo, hi = rng.choice(tmpls)
                    tin, tout, _ = W.sample(rng, "coding", 0, 0.8, 1.5)
                    t = W.req(rng, a, t, ip, model, "coding", tin, tout, _clip(rng.uniform(0.15, 0.4)),
                              flip(rng, base, rng.randint(lo, hi)), sph) + 0.5
        rnd += 1
        r0 += period * (1 + rng.gauss(0, 0.02))
    C.done(cid, "scripted_fleet_code", [a for a, _ in accts])


def agent_farm(C, cid):
    """Tool-use trajectory harvesting dressed as an agent framework: many tools, many
    turns, long contexts, little reasoning; cards shared by tens; cloud egress rotating
    per request; half of the fleet copies a popular IDE's public system prompt and UA."""
    W, net, rng = C.W, C.net, C.rng(cid)
    n = C.size(rng, 150, 450)
    start = W.T * rng.uniform(0.15, 0.4)
    waves = [-rng.uniform(3, 40) * DAY for _ in range(rng.randint(2, 4))]
    cards = [W.uid(rng, "pm_", 16) for _ in range(max(2, n // rng.randint(15, 40)))]
    pool = []
    for prov in rng.sample(["aws", "gcp", "azure", "vultr", "digitalocean", "akamai"], rng.randint(3, 4)):
        pool += net.host_pool(rng, rng.randint(20, 40), prov, None, same24=False)
    own_sph = [sph_str(rng.getrandbits(64)) for _ in range(2)]
    cc_spoof = sph_str(IDE_SPH["claude-code"][rng.randint(1, 3)])
    accts = []
    for i in range(n):
        spoof = rng.random() < 0.5
        ua = "claude-cli/2.0.%d (external, cli)" % rng.randint(30, 48) if spoof else ts_ua(rng)
        cc = rng.choice(("US", "US", "GB", "DE", "SG", "CA"))
        a = W.new_acct(rng, "c", rng.choice(waves) + rng.random() * DAY, None, rng.choice(cards), ua, cc,
                       net.tz(rng, cc), 1000, camp=cid, mods=[("claude-sonnet-4-5", 80), ("claude-opus-4-5", 20)])
        a.adopt, a.newshare = W.release + rng.uniform(1, 4) * HOUR, 0.6
        p = P(ipf=lambda r, t: r.choice(pool), tools=(18, 48), asph=cc_spoof if spoof else rng.choice(own_sph),
              steps=lognorm(rng, 22, 0.3), ctx0=lognorm(rng, 20000, 0.2), think=0.0, tool_share=0.8,
              cot=0.0, gap=lognorm(rng, 2.5, 0.2), pause=0.01, side_sph=None, count_tokens=False,
              rotate=True)

        def task(r, a_, t, p=p):
            agent_task(W, r, a_, p, t)
        W.sessions(rng, a, lognorm(rng, 0.9, 0.3), "flat", task, t0=start + rng.random() * HOUR)
        accts.append(a)
    C.done(cid, "agent_trajectory_farm", accts)


def aged_drip(C, cid):
    """Bought aged accounts, each a handful of requests in a human rhythm from a sticky
    household address; diverse generated prompts. Every single feature stays in range."""
    W, net, rng = C.W, C.net, C.rng(cid)
    n = C.size(rng, 400, 1000)
    start = W.T * rng.uniform(0.0, 0.1)
    cents = [rng.getrandbits(64) for _ in range(25)]
    sphs = [sph_str(rng.getrandbits(64)) for _ in range(3)]
    mix = (["reasoning", "analysis", "coding", "chat", "writing"], [30, 20, 25, 15, 10])
    accts = []
    for i in range(n):
        cc = net.country(rng)
        tz = net.tz(rng, cc)
        created = -lognorm(rng, 400, 0.6) * DAY
        pay = W.uid(rng, "pm_", 16) if rng.random() < 0.6 else None
        org = W.uid(rng, "org_", 12) if rng.random() < 0.1 else None
        rpm = rng.choices((50, 1000, 2000), (60, 30, 10))[0]
        a = W.new_acct(rng, "c", created, org, pay, sdk_ua(rng), cc, tz, rpm, camp=cid,
                       mods=[("claude-opus-4-5", 45), ("claude-sonnet-4-5", 45), ("claude-haiku-4-5", 10)])
        a.adopt, a.newshare = W.release + rng.uniform(1, 5) * HOUR, 0.6
        home = net.resi_ip(rng, cc, v6=0.2)
        sph_p = 0.3

        def sess(r, a_, t, home=home, cc=cc):
            ip = home if r.random() > 0.1 else net.mobile_ip(r, cc)
            turn = 1
            for j in range(geo(r, 1.5)):
                cat = r.choices(mix[0], mix[1])[0]
                think = r.random() < 0.25
                tin, tout, cot = W.sample(r, cat, 0.08, 1.0, 1.3, think)
                sim = flip(r, r.choice(cents), r.randint(9, 16))
                sph = r.choice(sphs) if r.random() < sph_p else "null"
                te = W.req(r, a_, t, ip, W.pick_model(r, a_, t), cat, tin, tout, cot, sim, sph, turns=turn,
                           stream=r.random() < 0.5, think=think)
                turn = 3 if r.random() < 0.3 else 1
                t = te + lognorm(r, 50, 0.9)
        W.sessions(rng, a, lognorm(rng, 0.3, 0.5), "dev", sess, t0=start)
        accts.append(a)
    C.done(cid, "aged_account_slow_drip", accts)


def free_farm(C, cid):
    """New free accounts created in waves during the run from mobile/residential
    addresses; a greeting, then long outputs in a few domains until the free credit is
    gone; then abandoned."""
    W, net, rng = C.W, C.net, C.rng(cid)
    n = C.size(rng, 600, 1800)
    start = W.T * rng.uniform(0.1, 0.35)
    nw = rng.randint(3, 6)
    wt = [start]
    for _ in range(nw - 1):
        wt.append(wt[-1] + rng.uniform(0.5, 1.5) * HOUR)
    cw = (["IN", "ID", "PH", "BR", "NG", "VN", "US", "MX"], [25, 15, 12, 12, 10, 8, 12, 6])
    tmpls = make_templates(rng, rng.randint(2, 3), 5, 12)
    sph = sph_str(rng.getrandbits(64))
    accts = []
    for i in range(n):
        w = wt[i % nw]
        created = w + rng.random() * rng.uniform(20, 60) * 60
        if created >= W.T - 300:
            continue
        cc = net.country(rng, cw)
        a = W.new_acct(rng, "c", created, None, None, sdk_ua(rng, fresh=True), cc, net.tz(rng, cc), 5, camp=cid,
                       mods=[("claude-sonnet-4-5", 70), ("claude-haiku-4-5", 30)], free=True)
        a.credit = lognorm(rng, 60000, 0.3)
        a.adopt, a.newshare = W.release + rng.uniform(0.5, 2) * HOUR, 0.7
        ip = net.mobile_ip(rng, cc) if rng.random() < 0.7 else net.resi_ip(rng, cc)
        t = created + lognorm(rng, 180, 0.8)
        if rng.random() < 0.9:
            t = greeting(W, rng, a, t, ip) + lognorm(rng, 20, 0.6)
        errs = 0
        use_sph = rng.random() < 0.5
        while t < W.T and errs < 2:
            base, lo, hi = rng.choice(tmpls)
            cat = rng.choice(("writing", "analysis", "reasoning"))
            tin, tout, cot = W.sample(rng, cat, 0.0, 1.0, 2.5)
            cot = _clip(rng.uniform(0.3, 0.6))
            before = a.credit
            t = W.req(rng, a, t, ip, W.pick_model(rng, a, t), cat, tin, tout, cot,
                      flip(rng, base, rng.randint(lo, hi)), sph if use_sph else "null",
                      stream=rng.random() < 0.5) + lognorm(rng, 25, 0.5)
            if a.credit <= 0 and before <= 0:
                errs += 1
        accts.append(a)
    C.done(cid, "free_credit_farm", accts)


def reseller_front(C, cid):
    """A front 'platform': one org, one card paying for every account, cloud egress
    shared by all, diverse generated prompts with long outputs, steady round the clock."""
    W, net, rng = C.W, C.net, C.rng(cid)
    n = C.size(rng, 80, 300)
    start = W.T * rng.uniform(0.0, 0.15)
    org = W.uid(rng, "org_", 12)
    card = W.uid(rng, "pm_", 16)
    cc = rng.choice(("US", "SG"))
    pool = net.host_pool(rng, rng.randint(10, 30), rng.choice(("aws", "gcp")), cc, same24=False)
    ua = rng.choice(("litellm/1.%d.%d" % (rng.randint(74, 80), rng.randint(0, 9)), "python-httpx/0.28.1"))
    sphs = [sph_str(rng.getrandbits(64)) for _ in range(3)]
    mix = (["coding", "reasoning", "analysis", "writing"], [45, 20, 15, 20])
    pivot = W.release + rng.uniform(0.5, 2) * HOUR
    accts = []
    for i in range(n):
        a = W.new_acct(rng, "c", -rng.uniform(10, 90) * DAY, org, card, ua, cc, net.tz(rng, cc), 4000, camp=cid,
                       mods=[("claude-sonnet-4-5", 60), ("claude-opus-4-5", 40)])
        a.adopt, a.newshare = pivot, 0.7

        def one(r, a_, t):
            cat = r.choices(mix[0], mix[1])[0]
            tin, tout, cot = W.sample(r, cat, 0.15 if cat == "reasoning" else 0.05, 1.0, 1.6)
            W.req(r, a_, t, r.choice(pool), W.pick_model(r, a_, t), cat, tin, tout, cot, r.getrandbits(64),
                  r.choice(sphs) if r.random() < 0.7 else "null", stream=r.random() < 0.3)
        W.sessions(rng, a, lognorm(rng, 8, 0.5), "flat", one, t0=start + rng.random() * 1800)
        accts.append(a)
    C.done(cid, "reseller_front_org", accts)


def vpn_burst(C, cid):
    """A few dozen accounts behind commercial VPN exits that jump on the new model
    minutes after release: bursts of hundreds of requests an hour with extended thinking,
    benchmark-like templates, pauses between bursts."""
    W, net, rng = C.W, C.net, C.rng(cid)
    n = C.size(rng, 25, 50)
    start = W.release + rng.uniform(5, 40) * 60
    if start > W.T - 1800:
        start = W.T * rng.uniform(0.4, 0.7)
    cards = [W.uid(rng, "pm_", 16) for _ in range(rng.randint(4, 8))]
    ua = py_ua(rng)
    tmpls = make_templates(rng, rng.randint(3, 8), 3, 9)
    ccs = ["US", "GB", "DE", "NL", "JP", "SG"]
    accts = []
    for i in range(n):
        cc = rng.choice(ccs)
        a = W.new_acct(rng, "c", -rng.uniform(7, 30) * DAY, None, cards[i % len(cards)], ua, cc, net.tz(rng, cc),
                       rng.choice((1000, 2000)), camp=cid, mods=[("claude-opus-4-5", 1)])
        a.adopt, a.newshare = 0.0, 0.95
        t = start + rng.random() * 900
        lanes_n = rng.randint(2, 4)
        while t < W.T:
            blen = rng.uniform(30, 90) * 60
            end = min(W.T, t + blen)
            ip = net.vpn_ip(rng, cc)
            ip_until = t + rng.uniform(40, 90) * 60
            lanes = [t + rng.random() * 5 for _ in range(lanes_n)]
            li = 0
            while min(lanes) < end:
                li = lanes.index(min(lanes))
                tt = lanes[li]
                if tt > ip_until:
                    ip = net.vpn_ip(rng, cc)
                    ip_until = tt + rng.uniform(40, 90) * 60
                base, lo, hi = rng.choice(tmpls)
                cat = "reasoning" if rng.random() < 0.7 else "coding"
                think = rng.random() < 0.7
                tin, tout, _ = W.sample(rng, cat, 0, 1.0, 1.2, think)
                te = W.req(rng, a, tt, ip, W.pick_model(rng, a, tt), cat, tin, tout, _clip(rng.uniform(0.7, 0.98)),
                           flip(rng, base, rng.randint(lo, hi)), think=think, stream=False)
                lanes[li] = te + lognorm(rng, 2, 0.5)
            t = max(lanes) + rng.uniform(20, 60) * 60
        accts.append(a)
    C.done(cid, "vpn_burst_scraper", accts)


def fake_course(C, cid):
    """Posing as a course cohort: free accounts created in one wave, shared assignment
    templates and step-by-step prompts, but students at 'home' behind residential proxies
    and working round the clock at an even pace."""
    W, net, rng = C.W, C.net, C.rng(cid)
    n = C.size(rng, 40, 120)
    start = W.T * rng.uniform(0.3, 0.6)
    cc = rng.choice(("US", "IN", "GB"))
    wave = -rng.uniform(2, 7) * DAY
    org = W.uid(rng, "org_", 12) if rng.random() < 0.5 else None
    ua = py_ua(rng)
    tmpls = make_templates(rng, 4, 2, 9)
    sph = sph_str(rng.getrandbits(64))
    tcot = rng.uniform(0.65, 0.9)
    accts = []
    for i in range(n):
        a = W.new_acct(rng, "c", wave + rng.random() * DAY, org, None, ua if rng.random() < 0.85 else sdk_ua(rng), cc,
                       net.tz(rng, cc), 5, camp=cid, mods=[("claude-sonnet-4-5", 70), ("claude-haiku-4-5", 30)], free=True)
        a.credit = lognorm(rng, 400000, 0.3)
        a.adopt, a.newshare = W.release + rng.uniform(1, 3) * HOUR, 0.5
        home = net.resi_ip(rng, cc)

        def sess(r, a_, t, home=home):
            ip = home if r.random() < 0.8 else net.mobile_ip(r, cc)
            model = W.pick_model(r, a_, t)
            turn = 1
            for j in range(geo(r, 4)):
                base, lo, hi = r.choice(tmpls)
                cat = r.choice(("reasoning", "reasoning", "coding", "analysis"))
                tin, tout, _ = W.sample(r, cat, 0, 1.0, 1.5)
                te = W.req(r, a_, t, ip, model, cat, tin, tout, _clip(tcot + r.gauss(0, 0.08)),
                           flip(r, base, r.randint(lo, hi)), sph if r.random() < 0.6 else "null", turns=turn)
                turn = turn + 2 if r.random() < 0.3 else 1
                t = te + lognorm(r, 60, 0.7)
                if t >= W.T:
                    break
        W.sessions(rng, a, lognorm(rng, 1.2, 0.3), "flat", sess, t0=start + rng.random() * 1200)
        accts.append(a)
    C.done(cid, "fake_course_cohort", accts)


CAMPAIGNS = [residential_swarm, scripted_fleet, agent_farm, aged_drip, free_farm, reseller_front,
             vpn_burst, fake_course]


def build(W, seed, n_benign):
    C = Ctx(W, seed, n_benign)
    order = list(range(len(CAMPAIGNS)))
    random.Random("firth:%d:campaign-order" % seed).shuffle(order)
    for k, idx in enumerate(order):
        CAMPAIGNS[idx](C, "c%02d" % (k + 1))
    return C.kinds
