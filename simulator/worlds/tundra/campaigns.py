"""Adversarial distillation campaigns of the tundra world.

The operators know that per-account rate limits and per-feature thresholds
exist: every account is paced inside ordinary ranges, infrastructure is reused
only partially (a fraction of accounts per shared card or proxy pool), and
camouflage chat is blended into the harvest.
"""
from .benign import ACT, PERSONAS, aged, net_home, person_style, ua_pick
from .core import (DAY, HOUR, MIN, NEW_MODEL, PROFILE_SUM, Actor, Style, Template, cumw, lognorm,
                   make_templates, nhpp_starts, pick, shifted_profile)

CAMPAIGN_CCS = [("US", 10), ("GB", 3), ("DE", 3), ("CA", 2), ("AU", 1.5), ("FR", 2), ("NL", 1),
                ("JP", 1.5), ("BR", 1.5), ("IN", 2), ("ES", 1), ("IT", 1), ("PL", 1), ("MX", 1)]


def _mk(w, cid, created, org=None, pay=None, nkeys=1):
    rng = w.rng()
    a = Actor(w, rng, w.uid("acct_", 12), org, created, pay, cid)
    a.keys = [w.uid("key_", 10) for _ in range(nkeys)]
    w.add(a)
    return a


def _camo(rng, w):
    """Ordinary chat used as camouflage."""
    return person_style(rng, w, "chatter", own_templates=False, own_sys=False)


def _pick_ccs(rng, k):
    items, cum = cumw(CAMPAIGN_CCS)
    out = []
    while len(out) < k:
        c = pick(rng, items, cum)
        if c not in out:
            out.append(c)
    return out


def _start(w, rng, lo=1.1, hi=3.0):
    hi = max(lo + 0.2, min(hi, 0.35 * w.hours))
    return w.t0 + int(rng.uniform(lo, hi) * HOUR)


def _shared_cards(w, rng, accts_n, frac, lo, hi):
    """Assign a fraction of accounts to shared cards (lo..hi accounts per card);
    returns a per-account list of card or None."""
    cards = [None] * accts_n
    idx = list(range(accts_n))
    rng.shuffle(idx)
    n_shared = int(accts_n * frac)
    i = 0
    while i < n_shared:
        k = rng.randint(lo, hi)
        card = w.pay()
        for j in idx[i:min(n_shared, i + k)]:
            cards[j] = card
        i += k
    return cards, set(idx[:n_shared])


def build_campaigns(w, B):
    rng = w.rng()
    proxy_swarm(w, "tundra_c1_swarm", rng)
    slow_drip(w, "tundra_c2_drip", rng)
    aged_fleet(w, "tundra_c3_fleet", rng)
    lone_scraper(w, "tundra_c4_scraper", rng)
    reseller_front(w, "tundra_c5_reseller", rng)
    release_pivot(w, "tundra_c6_pivot", rng)


# ----------------------------------------------------------------------

def proxy_swarm(w, cid, rng):
    B = w.B
    n = int(min(4000, max(150, B * rng.uniform(0.06, 0.14))))
    start = _start(w, rng, 1.2, 3.0)
    ramp = rng.uniform(1.5, max(2.0, 0.5 * w.hours)) * HOUR
    ccs = _pick_ccs(rng, rng.randint(3, 6))
    waves = [w.t0 - int(rng.uniform(1, 25) * DAY) for _ in range(rng.randint(3, 5))]
    cards, shared = _shared_cards(w, rng, n, rng.uniform(0.3, 0.6), 8, 30)
    tpls = make_templates(rng, rng.randint(10, 30), {"reasoning": .55, "coding": .25, "analysis": .2},
                          (0.4, 0.75), (120, 900), (1.5, 3.5), out_scale=rng.uniform(1.4, 2.2))
    follow = Template(rng.getrandbits(64), 0.8, "reasoning", rng.uniform(0.7, 0.9), 30, 0.3)
    camo_w = rng.uniform(0.2, 0.4)
    p_rot = rng.uniform(0.3, 0.6)
    w.campaign(cid, "proxy_swarm",
               "Large swarm of light free/prepaid accounts created in waves, on rotating or sticky "
               "residential proxies in the ISPs benign households use, harvesting templated reasoning "
               "traces with a follow-up 'show your reasoning' turn, partly sharing cards, with chat camouflage.")
    for i in range(n):
        if rng.random() < 0.15:
            created = aged(w, rng, 250, 0.6, 60, 700)
        else:
            created = waves[rng.randrange(len(waves))] + int(rng.uniform(0, 6) * HOUR) + rng.randrange(1000)
        if i in shared:
            pay = cards[i]
        else:
            pay = w.pay() if rng.random() < 0.45 else None
        a = _mk(w, cid, created, w.org() if rng.random() < 0.3 else None, pay)
        r = a.rng
        cc = ccs[r.randrange(len(ccs))]
        a.tz = w.net.tz_of(cc, r)
        act = start + int(ramp * r.random() ** 0.8)
        life = lognorm(r, 3 * HOUR, 0.6)
        a.t_a = act
        a.t_b = min(w.t_end, act + int(life))
        reqs = min(60.0, max(3.0, lognorm(r, 12, 0.6)))
        a.prof = shifted_profile("flat", 0)
        a.starts = nhpp_starts(a, reqs / 1.8 / (life / HOUR))
        harvest = Style({"reasoning": 1}, tpls=tpls, p_tpl=r.uniform(0.85, 0.97), turns_mean=1.6,
                        max_turns=4, gap_med=lognorm(r, 20, 0.4), msg_med=60, out_scale=1.0,
                        cot_sd=0.08, think_p=r.uniform(0.1, 0.4), stream_p=(0.0 if r.random() < 0.7 else 1.0),
                        models=(("claude-sonnet-4-5", 7), ("claude-opus-4-1", 3)),
                        followup=follow, followup_p=0.7)
        a.set_styles([(harvest, 1.0 - camo_w), (_camo(r, w), camo_w)])
        a.warmup = r.random() < 0.6
        a.ua = ua_pick(r)
        if r.random() < p_rot:
            a.net_sess = lambda rr, t: None
            a.net_req = (lambda rr, c=cc: w.net.home(rr, c))
        elif r.random() < 0.5:
            a.net_sess = (lambda rr, t, c=cc: w.net.home(rr, c))  # new exit per session
        else:
            home = w.net.home(r, cc)
            a.net_sess = (lambda rr, t, h=home: h)
        a.rpm = 5 if pay is None else 50


def slow_drip(w, cid, rng):
    n = int(min(300, max(40, rng.uniform(80, 260) * (w.B / 6000.0) ** 0.3)))
    start = _start(w, rng, 1.0, 2.0)
    ccs = pick(rng, [["IN", "ID"], ["BR", "MX"], ["PH", "VN", "ID"], ["US", "MX"], ["NG", "ZA", "IN"]],
               [1, 2, 3, 4, 5])
    waves = [w.t0 - int(rng.uniform(0.5, 8) * DAY) for _ in range(rng.randint(1, 2))]
    tpls = make_templates(rng, rng.randint(6, 15), {"reasoning": .8, "analysis": .2}, (0.5, 0.85),
                          (150, 1200), (2.0, 4.0), out_scale=rng.uniform(1.6, 2.4))
    w.campaign(cid, "slow_drip",
               "Small swarm of young free-credit accounts, each sending only a handful of long "
               "reasoning-trace requests a day round the clock, mostly from mobile-carrier CGNAT egress "
               "shared with ordinary phone users, after warm-up pings on each new key.")
    for _ in range(n):
        created = waves[rng.randrange(len(waves))] + int(rng.uniform(0, 8) * HOUR) + rng.randrange(1000)
        pay = w.pay() if rng.random() < 0.3 else None
        a = _mk(w, cid, created, None, pay)
        r = a.rng
        cc = ccs[r.randrange(len(ccs))]
        a.tz = w.net.tz_of(cc, r)
        a.t_a = start + int(r.uniform(0, 2.5) * HOUR)
        a.prof = shifted_profile("flat", 0)
        per_day = r.uniform(8, 20)
        a.starts = nhpp_starts(a, per_day / 24.0 / 1.15)
        harvest = Style({"reasoning": 1}, tpls=tpls, p_tpl=0.92, turns_mean=1.15, max_turns=3,
                        gap_med=40, msg_med=80, think_p=r.uniform(0.2, 0.6), stream_p=0.0,
                        models=(("claude-sonnet-4-5", 3), ("claude-opus-4-1", 1)))
        a.set_styles([(harvest, 0.9), (_camo(r, w), 0.1)])
        a.warmup = r.random() < 0.8
        a.ua = "anthropic-python/0.74.1" if r.random() < 0.7 else "anthropic-typescript/0.68.0"
        if r.random() < 0.6:
            a.net_sess = net_home(w, r, cc, p_mobile=1.0)
        else:
            home = w.net.home(r, cc)
            a.net_sess = (lambda rr, t, h=home: h)
        a.rpm = 5 if pay is None else 50


def aged_fleet(w, cid, rng):
    """Every account looks like an ordinary individual on every single feature;
    only shared task-generator templates, partially shared system prompts and
    a weak common dispatch rhythm tie them together."""
    n = rng.randint(25, 80)
    start = _start(w, rng, 1.2, 2.5)
    tpls = make_templates(rng, rng.randint(12, 30), {"coding": .45, "analysis": .4, "reasoning": .15},
                          (0.1, 0.4), (150, 1200), (2.5, 5.0), out_scale=1.1)
    sys_hashes = [('"sp_%s"' % w.hex(24), rng.randint(300, 900), 1.0) for _ in range(2)]
    slot = rng.uniform(15, 25) * MIN
    slot0 = w.t0 + rng.randrange(int(slot))
    w.campaign(cid, "aged_fleet",
               "Bought aged accounts with their own cards and home addresses harvesting code and "
               "analysis answers, human-paced inside ordinary per-account ranges on every feature; only "
               "shared task-generator templates, two partially shared system prompts and a weak common "
               "dispatch rhythm link them.")
    for _ in range(n):
        r0 = w.rng()
        cc, tz = w.net.region(r0)
        a = _mk(w, cid, aged(w, r0, 200, 0.7, 20, 1000), w.org() if r0.random() < 0.35 else None,
                w.pay(), 1 + (r0.random() < 0.2))
        r = a.rng
        pname = pick(r, ["analyst", "developer", "writer"], [0.45, 0.9, 1.0])
        persona = PERSONAS[pname]
        a.tz = tz
        prof = pick(r, ["day", "evening"], [2, 1])
        a.prof = shifted_profile(prof, r.randint(-1, 1))
        a.t_a = start + int(r.uniform(0, 1.5) * HOUR)
        d = lognorm(r, persona[2] * ACT, 0.9)
        a.starts = _snapped(a, r, d / PROFILE_SUM[prof], slot, slot0, 0.5)
        a.ua = ua_pick(r)
        use_sys = r.random() < 0.45
        st = person_style(r, w, pname, tpls=tpls, p_tpl=r.uniform(0.35, 0.65),
                          sys=([sys_hashes[r.randrange(2)]] if use_sys else ()),
                          sys_p=(0.5 if use_sys else 0.0), own_templates=False,
                          own_sys=False)
        a.set_styles([(st, 1.0)])
        a.net_sess = net_home(w, r, cc)
        a.rpm = pick(r, [50, 1000, 2000], [0.3, 0.8, 1.0])
        a.p400 = r.uniform(0.002, 0.015)
        if r.random() < 0.3:
            a.adopt_t = w.release_t + int(r.expovariate(1.0 / (2.5 * HOUR)))
            a.new_share = r.uniform(0.25, 0.8)


def _snapped(a, r, peak, slot, slot0, p):
    """Human NHPP starts, a share of them snapped to the operator's dispatch slots."""
    out = []
    for t in nhpp_starts(a, peak):
        if r.random() < p:
            k = int((t - slot0) // slot) + 1
            t = int(slot0 + k * slot + r.uniform(0, 3 * MIN))
        if t < a.t_b:
            out.append(t)
    out.sort()
    return iter(out)


def lone_scraper(w, cid, rng):
    start = _start(w, rng, 1.1, 2.5)
    tpls = make_templates(rng, rng.randint(4, 10), {"reasoning": .5, "coding": .5}, (0.45, 0.8),
                          (200, 1500), (3.0, 7.0), out_scale=2.5)
    w.campaign(cid, "lone_scraper",
               "One aged paid account on a few cloud addresses harvesting long reasoning and code "
               "outputs round the clock at a few hundred requests an hour over several keys, paced "
               "just under its rate limit.")
    a = _mk(w, cid, aged(w, rng, 200, 0.6, 90, 500), w.org(), w.pay(), rng.randint(2, 4))
    r = a.rng
    a.tz = 0.0
    a.t_a = start
    a.prof = shifted_profile("flat", 0)
    rate = r.uniform(120, 380)
    a.starts = nhpp_starts(a, rate / 1.1)
    harvest = Style({"reasoning": 1}, tpls=tpls, p_tpl=0.95, turns_mean=1.1, max_turns=2, gap_med=2,
                    msg_med=100, think_p=0.6, stream_p=0.0, out_sd=0.5, max_out=16000,
                    models=(("claude-sonnet-4-5", 2), ("claude-opus-4-1", 1)))
    a.set_styles([(harvest, 0.9), (_camo(r, w), 0.1)])
    a.ua = pick(r, ["python-httpx/0.28.1", "anthropic-python/0.74.1"], [1, 2])
    block = w.net.hosting_block(r, "US", 3)
    a.net_sess = lambda rr, t: None
    a.net_req = lambda rr: block[rr.randrange(3)]
    a.rpm = 4000
    a.p400 = 0.003


def reseller_front(w, cid, rng):
    n = rng.randint(20, 60)
    start = _start(w, rng, 1.5, 3.0)
    org = w.org()
    card1, card2 = w.pay(), w.pay()
    block1 = w.net.hosting_block(rng, "US", rng.randint(4, 10))
    block2 = w.net.hosting_block(rng, "SG", rng.randint(2, 4))
    sys = [('"sp_%s"' % w.hex(24), rng.randint(4000, 12000), 1.0) for _ in range(rng.randint(3, 5))]
    tools_lo = rng.randint(10, 20)
    w.campaign(cid, "reseller_front",
               "A reseller organisation paying with one or two cards for dozens of member accounts "
               "that run long many-tool agent trajectories around the clock from one cloud /24 "
               "(plus a second region), blended with its resale customers' chat.")
    for i in range(n):
        created = w.t0 - int(rng.uniform(20, 200) * DAY) - rng.randrange(1000)
        a = _mk(w, cid, created, org, card1 if rng.random() < 0.85 else card2, rng.randint(1, 3))
        r = a.rng
        a.tz = 0.0
        a.t_a = start + int(r.uniform(0, 1.5) * HOUR)
        a.prof = shifted_profile("flat", 0)
        a.starts = nhpp_starts(a, r.uniform(1.0, 2.5))
        tn = r.randint(tools_lo, tools_lo + 20)
        harvest = Style({"tool_use": .6, "coding": .4}, turns_mean=lognorm(r, 16, 0.4), max_turns=80,
                        msg_med=300, cot_shift=-0.03, think_p=0.05, stream_p=0.9, tool_n=(tn, tn),
                        sys=sys, sys_p=1.0, agent=True,
                        models=(("claude-sonnet-4-5", 5), ("claude-opus-4-1", 1)))
        a.set_styles([(harvest, 0.8), (_camo(r, w), 0.2)])
        a.ua = "anthropic-typescript/0.68.0" if r.random() < 0.8 else "anthropic-python/0.74.1"
        blk = block1 if r.random() < 0.7 else block2
        own = blk[r.randrange(len(blk))]
        a.net_sess = (lambda rr, t, o=own, b=blk: o if rr.random() < 0.8 else b[rr.randrange(len(b))])
        a.rpm = 2000


def release_pivot(w, cid, rng):
    n = int(min(600, max(40, rng.uniform(80, 250) * (w.B / 6000.0) ** 0.5)))
    start = _start(w, rng, 1.1, 2.0)
    zone = pick(rng, [(["SG", "PH", "TW"], 8.0), (["JP", "KR"], 9.0), (["IN"], 5.5), (["ID", "VN"], 7.0)],
                [1, 2, 3, 4])
    ccs, tz = zone
    cards, shared = _shared_cards(w, rng, n, 0.4, 8, 15)
    tpls = make_templates(rng, rng.randint(8, 20), {"reasoning": .7, "coding": .3}, (0.45, 0.8),
                          (150, 1000), (1.5, 4.0), out_scale=2.0)
    follow = Template(rng.getrandbits(64), 1.0, "reasoning", rng.uniform(0.7, 0.9), 35, 0.3)
    pivot0 = w.release_t + int(rng.uniform(0.3, 2.0) * HOUR)
    prof = pick(rng, ["office", "day"], [1, 1])
    w.campaign(cid, "release_pivot",
               "Bought aged accounts mimicking office hours in %s time on sticky residential proxies "
               "there, chatting lightly until the new model ships and then pivoting within hours to "
               "harvest its reasoning traces at a higher but still ordinary pace." % "/".join(ccs))
    for i in range(n):
        pay = cards[i] if i in shared else w.pay()
        a = _mk(w, cid, aged(w, rng, 90, 0.8, 10, 700), None, pay)
        r = a.rng
        cc = ccs[r.randrange(len(ccs))]
        a.tz = tz
        a.prof = shifted_profile(prof, r.randint(-1, 1))
        a.t_a = start + int(r.uniform(0, 1.0) * HOUR)
        pivot = pivot0 + int(r.uniform(0, 40) * MIN)
        d = lognorm(r, 12, 0.5)
        a.starts = nhpp_starts(a, d / PROFILE_SUM[prof], lambda t, p=pivot: 3.5 if t >= p else 1.0, 3.5)
        camo = _camo(r, w)
        harvest = Style({"reasoning": 1}, tpls=tpls, p_tpl=0.9, turns_mean=1.5, max_turns=4,
                        gap_med=lognorm(r, 25, 0.4), msg_med=70, think_p=r.uniform(0.4, 0.8),
                        stream_p=camo.stream_p, cot_sd=0.08,
                        models=((NEW_MODEL, 9), ("claude-sonnet-4-5", 1)), followup=follow,
                        followup_p=0.6)
        a.set_styles([(camo, 1.0)], after=[(harvest, 0.85), (camo, 0.15)], pivot_t=pivot)
        a.ua = ua_pick(r)
        home = w.net.home(r, cc)
        a.net_sess = (lambda rr, t, h=home: h)
        a.rpm = pick(r, [50, 1000], [0.5, 1.0])
