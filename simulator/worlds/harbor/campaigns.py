"""Distillation campaigns of the harbor world.

Seven operators with different shapes; every parameter is drawn per seed.
All campaigns start after the first hour of the window.
"""
from __future__ import annotations

import math

from .behaviors import Persona, human_gen
from .benign import CAT_MIXES, IND_RATE, IND_SESS, individual_persona, mk_prompt
from .core import (
    CURVES, DAY, GREET_PICK, HOUR, MIN, NEW_MODEL, OFFICIAL_UAS, TZ, WChoice,
    cot_for, in_tokens, lognorm, out_tokens, sp_frag,
)

S45, O41, H45 = "claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5"

# countries residential proxy exits are bought in (same ISPs as the households)
PROXY_COUNTRIES = WChoice([("US", .3), ("GB", .08), ("DE", .08), ("CA", .06), ("FR", .05), ("BR", .07),
                           ("IN", .08), ("JP", .04), ("AU", .04), ("NL", .04), ("ES", .03), ("IT", .03),
                           ("MX", .03), ("PL", .03), ("ID", .04)])
HARVEST_CATS = WChoice([("reasoning", .62), ("analysis", .18), ("coding", .2)])


def _scaled(W, n, floor=8):
    """Campaign sizes are drawn for worlds of >= 3000 benign accounts; shrink them
    proportionally in tiny (test) worlds."""
    if W.n_benign >= 3000:
        return n
    return max(floor, int(n * W.n_benign / 3000))


def _register(W, cid, kind, description):
    W.campaigns[cid] = {"kind": kind, "description": description, "accounts": []}
    return W.campaigns[cid]["accounts"]


def _start(W, lo=1.05, hi=2.5):
    hi = min(hi, max(lo + 0.1, W.hours * 0.4))
    return W.t0 + int(W.rng.uniform(lo, hi) * HOUR)


def _card_groups(W, n, lo, hi):
    cards = []
    while len(cards) < n:
        c = W.new_card()
        cards.extend([c] * W.rng.randint(lo, hi))
    W.rng.shuffle(cards)
    return cards[:n]


def _proxy(W, rng, v6=False):
    cc = PROXY_COUNTRIES.pick(rng)
    return W.net.household(rng, cc, allow_v6=v6)


def _greeting(W, rng, A, t, key, net, ua, model):
    itok = rng.randint(8, 20)
    st, otok, lat = W.outcome(rng, t, model, itok, rng.randint(9, 50), 0.0, 0.0)
    t += lat
    if t >= W.end:
        return None
    return W.line(A, t, key, net, ua, model, "messages", st, itok, otok, lat, False, 0, 1, False,
                     "chat", rng.random() * 0.03, GREET_PICK.pick(rng), "null")


def _harvest(W, rng, A, t, key, net, ua, model, sh, *, cat, think_p, out_med, cot_lo, sp, p429=0.003,
             stream=False, in_med=450):
    thinking = rng.random() < think_p
    itok = max(20, int(lognorm(rng, in_med, 0.5)))
    ot = int(lognorm(rng, out_med, 0.45)) + (int(lognorm(rng, 1800, 0.6)) if thinking else 0)
    st, otok, lat = W.outcome(rng, t, model, itok, min(ot, 32000), 0.006, p429)
    t += lat
    if t >= W.end:
        return None
    return W.line(A, t, key, net, ua, model, "messages", st, itok, otok, lat, stream, 0, 1, thinking,
                     cat, cot_lo + (0.995 - cot_lo) * rng.random(), sh, sp)


def _camo(W, rng, A, t, key, net, ua, model):
    cat = rng.choice(["chat", "chat", "writing", "other"])
    itok = in_tokens(rng, cat)
    st, otok, lat = W.outcome(rng, t, model, itok, out_tokens(rng, cat), 0.005, 0.002)
    t += lat
    if t >= W.end:
        return None
    return W.line(A, t, key, net, ua, model, "messages", st, itok, otok, lat, rng.random() < 0.5, 0,
                     1 + 2 * rng.randrange(3), False, cat, cot_for(rng, cat), rng.getrandbits(64), "null")


# --------------------------------------------------------------------------
def proxy_swarm(W):
    """Thousands of light, fresh accounts behind a residential proxy pool."""
    rng = W.rng
    N = W.n_benign
    n = _scaled(W, max(150, int(round(N * rng.uniform(0.08, 0.2)))), 20)
    accts = _register(W, "hb-proxy-swarm", "proxy_swarm",
                      "Large swarm of fresh light accounts on rotating residential proxies harvesting "
                      "reasoning traces from a few prompt templates, with warm-up pings and chat camouflage.")
    S = _start(W, 1.1, 2.2)
    rotating = rng.random() < 0.55
    tpls = [W.template(nvol=(8, 13)) for _ in range(rng.randint(3, 6))]
    sps = [sp_frag(W.new_sp()) for _ in range(rng.randint(1, 3))] if rng.random() < 0.65 else ["null"]
    sp_p = rng.uniform(0.2, 0.7)
    free = rng.uniform(0.3, 0.7)
    cards = _card_groups(W, n, 10, 40)
    waves = []
    span = max(0.5, (W.end - S) / HOUR - 1.5)
    k = rng.randint(2, 4) + int(W.hours // 12)
    acts = sorted([S] + [S + int(rng.uniform(0.3, 1.0) * span * HOUR) for _ in range(k - 1)])
    for act in acts:
        created = act - int(rng.uniform(0.2, 6.0) * DAY) if rng.random() < 0.6 else act - int(rng.uniform(5, 50) * MIN)
        waves.append((created, act))
    warm_p = rng.uniform(0.5, 0.85)
    camo = rng.uniform(0.08, 0.2)
    pivot = W.release + int(rng.uniform(0.5, 2.0) * HOUR)
    models = WChoice([(S45, .6), (O41, .4)])

    def gen(A, act, K, mean_gap, ua, sticky):
        t = act
        key = W.new_key()
        net = sticky if sticky is not None else _proxy(W, rng)
        if rng.random() < warm_p:
            r = _greeting(W, rng, A, t, key, net, ua, models.pick(rng))
            if r is None:
                return
            t = r[0]
            yield r
        for _ in range(K):
            t += int(rng.expovariate(1.0) * mean_gap) + 2000
            if sticky is None:
                net = _proxy(W, rng)
            model = NEW_MODEL if (t >= pivot and rng.random() < 0.6) else models.pick(rng)
            if rng.random() < camo:
                r = _camo(W, rng, A, t, key, net, ua, model)
            else:
                r = _harvest(W, rng, A, t, key, net, ua, model, tpls[rng.randrange(len(tpls))].draw(rng),
                                 cat=HARVEST_CATS.pick(rng), think_p=0.5, out_med=2600, cot_lo=0.72,
                                 sp=sps[rng.randrange(len(sps))] if rng.random() < sp_p else "null",
                                 stream=rng.random() < 0.25)
            if r is None:
                return
            t = r[0]
            yield r

    for i in range(n):
        created, act = waves[rng.randrange(len(waves))]
        act += int(rng.expovariate(1.0 / 20) * MIN)
        A = W.account("proxy_swarm", min(created + rng.randrange(90 * MIN), act - rng.randrange(MIN, 10 * MIN)),
                      None, None if rng.random() < free else cards[i], campaign="hb-proxy-swarm")
        accts.append(A)
        sticky = None if rotating else _proxy(W, rng)
        W.add(gen(A, act, rng.randint(6, 40),
                  HOUR / rng.uniform(4, 14), OFFICIAL_UAS.pick(rng), sticky))


# --------------------------------------------------------------------------
def scripted_fleet(W):
    """A few hundred or fewer hosted accounts firing in synchronised rounds,
    harvesting long tool-use trajectories."""
    rng = W.rng
    n = _scaled(W, rng.randint(40, 200))
    accts = _register(W, "hb-scripted-fleet", "scripted_fleet",
                      "Small scripted fleet on cloud hosting firing in synchronised rounds, harvesting "
                      "many-tool many-turn agent trajectories under one shared system prompt.")
    S = _start(W, 1.2, 3.0)
    period = rng.uniform(180, 600) * 1000
    q = rng.uniform(0.6, 0.9)
    prov = [rng.randrange(len(W.net.hosting)) for _ in range(rng.randint(1, 2))]
    blocks = [rng.randrange(256) for _ in range(rng.randint(1, 3))]
    sp_h = W.new_sp()
    sp = sp_frag(sp_h)
    sptok = rng.randint(3000, 9000)
    tools_opts = [rng.randint(12, 26) for _ in range(2)]
    tpls = [W.template(nvol=(8, 12)) for _ in range(rng.randint(4, 8))]
    ua = rng.choice(["anthropic-python/0.71.0", "anthropic-python/0.74.1", "anthropic-typescript/0.68.0"])
    cards = _card_groups(W, n, 10, 30)
    created0 = W.t0 - int(rng.uniform(2, 12) * DAY)
    model = rng.choice([S45, S45, O41])
    pivot = W.release + int(rng.uniform(0.5, 3.0) * HOUR)
    new_p = rng.uniform(0.3, 0.8)

    def gen(A, key, net, tools):
        r = 0
        last = 0
        steps_left = 0
        turns = 1
        ctx = 0
        sh = 0
        cat = "tool_use"
        while True:
            tr = S + int(r * period)
            r += 1
            if tr >= W.end:
                return
            if rng.random() > q:
                continue
            t = tr + int(rng.random() * 8000)
            if steps_left <= 0:
                steps_left = rng.randint(6, 24)
                turns = 1
                ctx = sptok + int(lognorm(rng, 2500, 0.5))
                sh = tpls[rng.randrange(len(tpls))].draw(rng)
                cat = "tool_use" if rng.random() < 0.7 else "coding"
            else:
                turns += 2
                ctx += int(lognorm(rng, 2200, 0.7))
                sh ^= 1 << rng.randrange(64)
            steps_left -= 1
            itok = min(ctx, 180_000)
            m = NEW_MODEL if (t >= pivot and rng.random() < new_p) else model
            st, otok, lat = W.outcome(rng, t, m, itok, int(lognorm(rng, 600, 0.5)), 0.004, 0.01)
            done = max(last, t + lat)
            if done >= W.end:
                return
            last = done
            ctx += otok
            yield W.line(A, done, key, net, ua, m, "messages", st, itok, otok, lat, False, tools, turns,
                         False, cat, rng.random() * 0.12, sh, sp)

    for i in range(n):
        A = W.account("scripted_fleet", created0 + rng.randrange(3 * HOUR), None, cards[i],
                      campaign="hb-scripted-fleet")
        accts.append(A)
        ip, asn, cc = W.net.hosting_ip(rng, prov[rng.randrange(len(prov))], blocks[rng.randrange(len(blocks))])
        W.add(gen(A, W.new_key(), W.net.frag(ip, asn, cc), tools_opts[rng.randrange(2)]))


# --------------------------------------------------------------------------
def aged_fleet(W, common, helpful, early_p):
    """Bought aged accounts, own cards and home addresses, each behaving like a
    median individual user; the only link is a shared pool of generated tasks."""
    rng = W.rng
    n = _scaled(W, rng.randint(30, 120) + W.n_benign // 3000 * 5)
    accts = _register(W, "hb-aged-fleet", "aged_fleet",
                      "Fleet of bought aged accounts with own cards, home IPs and human-like timing whose "
                      "conversations draw on one shared pool of generated task templates.")
    S = _start(W, 1.1, 2.5)
    pool = [W.template(nvol=(9, 14)) for _ in range(rng.randint(12, 24))]
    pool_p = rng.uniform(0.45, 0.7)
    cat_mix = ["thinker", "analyst", "coder", "chatty"]
    for _ in range(n):
        cc = WChoice([(c, w) for c, w in [("US", .3), ("GB", .08), ("DE", .08), ("IN", .1), ("BR", .07), ("FR", .05),
                                           ("CA", .05), ("JP", .04), ("ES", .04), ("IT", .04), ("PL", .04), ("MX", .04),
                                           ("ID", .04), ("NL", .03)]]).pick(rng)
        created = W.t0 - int(rng.uniform(120, 900) * DAY) - rng.randrange(DAY)
        A = W.account("aged_fleet", created, W.new_org() if rng.random() < 0.3 else None, W.new_card(),
                      campaign="hb-aged-fleet")
        accts.append(A)
        P = individual_persona(W, A, cc, common, helpful, early_p)
        sub = WChoice((tp, 1.0) for tp in rng.sample(pool, rng.randint(4, 8)))
        P.prompt = mk_prompt(sub, pool_p)
        P.cats = CAT_MIXES[rng.choice(cat_mix)]
        # stay in the middle of the individual range
        P.rate = IND_RATE[0] * math.exp(IND_RATE[1] * rng.uniform(-0.6, 0.6))
        P.sess_mean = IND_SESS[0] * math.exp(IND_SESS[1] * rng.uniform(-0.6, 0.6))
        P.script_p = 0.0
        P.p429 = rng.uniform(0.0, 0.006)
        P.think_p = rng.uniform(0.03, 0.3)
        P.cot = None
        P.out_mult = 1.0
        P.start = S + int(rng.random() * 1.5 * HOUR)
        W.add(human_gen(W, P))


# --------------------------------------------------------------------------
def lone_scraper(W):
    """One heavy account on a hosting address running many workers."""
    rng = W.rng
    accts = _register(W, "hb-lone-scraper", "lone_scraper",
                      "A single heavy account on one hosting address running parallel workers round the "
                      "clock, harvesting long reasoning outputs with diverse generated prompts.")
    S = _start(W, 1.05, 3.0)
    A = W.account("lone_scraper", W.t0 - int(rng.uniform(14, 60) * DAY), None, W.new_card(),
                  campaign="hb-lone-scraper")
    accts.append(A)
    keys = [W.new_key() for _ in range(rng.randint(1, 3))]
    ip, asn, cc = W.net.hosting_ip(rng)
    net = W.net.frag(ip, asn, cc)
    ua = rng.choice(["python-requests/2.32.3", "anthropic-python/0.74.1", "httpx/0.28.1"])
    cats = WChoice([(c, 1.0) for c in rng.sample(["reasoning", "coding", "analysis", "writing"], 2)])
    pivot = W.release + int(rng.uniform(0.4, 1.5) * HOUR)
    model = rng.choice([O41, S45])
    p429 = rng.uniform(0.04, 0.12)

    def worker(t):
        key = keys[rng.randrange(len(keys))]
        while True:
            m = NEW_MODEL if (t >= pivot and rng.random() < 0.9) else model
            r = _harvest(W, rng, A, t, key, net, ua, m, rng.getrandbits(64), cat=cats.pick(rng),
                             think_p=0.8, out_med=2400, cot_lo=0.8, sp="null", p429=p429, in_med=650)
            if r is None:
                return
            t = r[0]
            yield r
            if '"status":429' in r[1]:
                t += int(rng.uniform(5, 30) * 1000)
            else:
                t += int(lognorm(rng, 1.5, 0.6) * 1000)

    for _ in range(rng.randint(6, 14)):
        W.add(worker(S + rng.randrange(90 * 1000)))


# --------------------------------------------------------------------------
def slow_drip(W):
    """Hundreds of accounts each sending a handful of requests a day."""
    rng = W.rng
    n = _scaled(W, max(60, int(round(W.n_benign * rng.uniform(0.03, 0.07)))))
    accts = _register(W, "hb-slow-drip", "slow_drip",
                      "Hundreds of free or prepaid accounts on carrier and residential addresses each sending "
                      "a handful of templated reasoning-harvest requests per day.")
    S = _start(W, 1.05, 2.0)
    tpls = [W.template(nvol=(8, 12)) for _ in range(rng.randint(4, 8))]
    pivot = W.release + int(rng.uniform(1.0, 4.0) * HOUR)
    mob_cc = WChoice([("IN", .2), ("ID", .15), ("BR", .15), ("MX", .1), ("US", .2), ("PH", .1), ("VN", .1)])

    def gen(A, t, per_day, ua, netf, warm):
        key = W.new_key()
        mean_gap = DAY / per_day
        first = True
        while True:
            t += int(rng.expovariate(1.0) * mean_gap) if not first else int(rng.random() * mean_gap)
            first = False
            if t >= W.end:
                return
            net = netf(rng)
            model = NEW_MODEL if (t >= pivot and rng.random() < 0.5) else rng.choice([S45, O41])
            if warm:
                warm = False
                r = _greeting(W, rng, A, t, key, net, ua, model)
                if r is None:
                    return
                t = r[0]
                yield r
                t += int(rng.uniform(10, 120) * 1000)
            r = _harvest(W, rng, A, t, key, net, ua, model, tpls[rng.randrange(len(tpls))].draw(rng),
                             cat=HARVEST_CATS.pick(rng), think_p=0.4, out_med=2400, cot_lo=0.7, sp="null")
            if r is None:
                return
            t = r[0]
            yield r

    for _ in range(n):
        created = W.t0 - int(rng.uniform(3, 42) * DAY) - rng.randrange(DAY)
        A = W.account("slow_drip", created, None, W.new_card() if rng.random() < 0.3 else None, campaign="hb-slow-drip")
        accts.append(A)
        if rng.random() < 0.6:
            cc = mob_cc.pick(rng)
            carrier = rng.randrange(2)
            netf = (lambda r, cc=cc, c=carrier: W.net.mobile_frag(r, cc, c))
        else:
            fixed = _proxy(W, rng)
            netf = (lambda r, f=fixed: f)
        W.add(gen(A, S, rng.uniform(4, 15), OFFICIAL_UAS.pick(rng), netf, rng.random() < 0.4))


# --------------------------------------------------------------------------
def reseller_front(W):
    """One reseller org paying for all accounts; office hours of one time zone,
    addresses all over the world."""
    rng = W.rng
    n = _scaled(W, rng.randint(20, 70), 5)
    accts = _register(W, "hb-reseller-front", "reseller_front",
                      "Reseller organisation with one card fronting dozens of accounts worldwide that mimic "
                      "one time zone's office hours and pull long coding and writing outputs.")
    S = _start(W, 1.05, 2.5)
    org, card = W.new_org(), W.new_card()
    mimic = rng.choice([1.0, 2.0, 3.0, 5.5, 8.0])
    sps = [W.new_sp() for _ in range(rng.randint(3, 7))]
    cats = WChoice([("coding", .45), ("writing", .25), ("reasoning", .2), ("analysis", .1)])
    pivot = W.release + int(rng.uniform(0.5, 2.5) * HOUR)
    batches = [W.t0 - int(rng.uniform(10, 60) * DAY) for _ in range(rng.randint(2, 4))]
    countries = [c for c in TZ if c not in ("US",)]

    def sp_fn(r):
        if r.random() < 0.45:
            return ("null", 0)
        h = sps[r.randrange(len(sps))]
        return (sp_frag(h), 300 + int(h[:3], 16) % 900)

    def cot(r, cat, templated):
        return r.uniform(0.25, 0.8)

    for _ in range(n):
        A = W.account("reseller_front", batches[rng.randrange(len(batches))] + rng.randrange(6 * HOUR), org, card,
                      campaign="hb-reseller-front")
        accts.append(A)
        cc = rng.choice(countries)
        if rng.random() < 0.35:
            f = W.net.frag(*W.net.hosting_ip(rng))
        else:
            f = W.net.household(rng, cc)
        P = Persona(
            A, keys=[W.new_key() for _ in range(rng.randint(1, 3))], start=S + rng.randrange(40 * MIN), end=W.end,
            rate=rng.uniform(3, 8), curve=CURVES["office"], tz=mimic, sess_mean=rng.uniform(8, 20), conv_mean=1.3,
            gap_med=lognorm(rng, 8, 0.4), gap_sig=0.5, cats=cats, models=WChoice([(S45, .6), (O41, .4)]),
            adopt_t=pivot, new_p=rng.uniform(0.4, 0.8), net=(lambda r, f=f: f), ua=OFFICIAL_UAS.pick(rng),
            prompt=lambda r, cat: (r.getrandbits(64), False), sp=sp_fn, stream_p=0.5, think_p=0.35,
            p400=0.004, p429=0.01, cot=cot, out_mult=rng.uniform(2.2, 3.5),
        )
        W.add(human_gen(W, P))


# --------------------------------------------------------------------------
def release_pivot(W):
    """Quiet aged accounts that mint new keys right after a model release,
    warm them up and harvest the new model's reasoning."""
    rng = W.rng
    n = _scaled(W, rng.randint(80, 300) + W.n_benign // 5000 * 20)
    accts = _register(W, "hb-release-pivot", "release_pivot",
                      "Quiet aged accounts with shared cards that mint new keys within hours of the new model "
                      "release, warm them up with pings and then harvest its reasoning traces.")
    S = _start(W, 1.05, 1.8)
    pv = W.release + int(rng.uniform(0.3, 1.5) * HOUR)
    tpls = [W.template(nvol=(9, 14)) for _ in range(rng.randint(3, 5))]
    cards = _card_groups(W, n, 20, 50)
    batches = [W.t0 - int(rng.uniform(20, 200) * DAY) for _ in range(2)]
    camo = rng.uniform(0.05, 0.12)
    sp = sp_frag(W.new_sp()) if rng.random() < 0.5 else "null"
    warm_p = rng.uniform(0.7, 0.95)

    def gen(A, ua, net, rate_pre, rate_post):
        old_key = W.new_key()
        t = S + int(rng.random() * HOUR)
        pivot_t = pv + int(rng.expovariate(1.0 / 15) * MIN)
        while True:  # before the pivot: a little chat, like a casual user
            t += int(rng.expovariate(rate_pre) * HOUR)
            if t >= pivot_t:
                break
            for _ in range(rng.randint(1, 3)):
                r = _camo(W, rng, A, t, old_key, net, ua, rng.choice([S45, H45]))
                if r is None:
                    return
                t = r[0]
                yield r
                t += int(lognorm(rng, 40, 0.5) * 1000)
        t = max(t, pivot_t)
        key = W.new_key()
        if rng.random() < warm_p:
            r = _greeting(W, rng, A, t, key, net, ua, NEW_MODEL)
            if r is None:
                return
            t = r[0]
            yield r
        while True:
            t += int(rng.expovariate(rate_post) * HOUR) + 1500
            if rng.random() < camo:
                r = _camo(W, rng, A, t, old_key, net, ua, rng.choice([S45, NEW_MODEL]))
            else:
                r = _harvest(W, rng, A, t, key, net, ua, NEW_MODEL, tpls[rng.randrange(len(tpls))].draw(rng),
                                 cat=HARVEST_CATS.pick(rng), think_p=0.85, out_med=3200, cot_lo=0.8, sp=sp,
                                 stream=rng.random() < 0.4)
            if r is None:
                return
            t = r[0]
            yield r

    for i in range(n):
        A = W.account("release_pivot", batches[i % 2] + rng.randrange(DAY), None, cards[i],
                      campaign="hb-release-pivot")
        accts.append(A)
        if rng.random() < 0.8:
            net = _proxy(W, rng)
        else:
            net = W.net.frag(*W.net.hosting_ip(rng))
        W.add(gen(A, OFFICIAL_UAS.pick(rng), net, rng.uniform(0.3, 1.5), rng.uniform(20, 60)))


def build_campaigns(W, common, helpful, early_p):
    proxy_swarm(W)
    scripted_fleet(W)
    aged_fleet(W, common, helpful, early_p)
    lone_scraper(W)
    slow_drip(W)
    reseller_front(W)
    release_pivot(W)
