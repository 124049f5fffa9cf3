"""Distillation campaigns: a range of operator strategies, sized with the benign population."""
from .benign import IDE_TOOLS, finish, ide_versions
from .content import (MIX_CODING, MIX_GENERAL, MIX_STRONG, PY_VERSIONS, TS_VERSIONS, lognorm, sdk_ua, sysprompt,
                      templates, wpick)
from .engine import Style, session
from .net import COUNTRIES, Fixed, Rotating, Sticky, pick_country, pick_tz
from .people import (DAY, HOUR, MIN, adopt, cloud_fixed, daytime, established, new_account, new_card, new_org,
                     personal_net)
from .timeutil import local_hour, session_starts

HARVEST = Style(tasks=[("reasoning", 55), ("analysis", 20), ("coding", 15), ("writing", 10)], cot=(7.0, 2.0),
                out_mult=3.2, out_sig=0.5, in_mult=1.5, in_sig=0.7, p_think=0.45, think_med=3500, p_stream=0.3,
                sess_mean=1.15, gap_med=5, gap_sig=0.6, p_fresh=0.8)
CAMO = Style(tasks=[("chat", 70), ("writing", 20), ("other", 10)], sess_mean=2, gap_med=20, p_stream=0.5,
             p_greet_sess=0.04)
PROXY_CC = [("US", 40), ("GB", 10), ("CA", 8), ("DE", 8), ("AU", 6), ("JP", 5), ("SG", 5), ("FR", 5), ("NL", 4),
            ("IN", 4), ("KR", 3), ("BR", 2)]


def size(w, rng, frac, lo):
    return max(lo, int(round(w.benign_n * frac * (0.85 + 0.3 * rng.random()))))


def register(w, cid, kind, desc, accts):
    w.campaigns[cid] = {"kind": kind, "description": desc, "accounts": accts}


def span(w):
    return w.we - w.ws


def card_groups(w, rng, p_shared, lo, hi):
    """Returns a function giving the next account's card: shared by runs of lo..hi accounts, or unique."""
    state = {"card": None, "left": 0}

    def nxt():
        if rng.random() < p_shared:
            if state["left"] <= 0:
                state["card"] = new_card(w, rng)
                state["left"] = lo + int(rng.random() * (hi - lo + 1))
            state["left"] -= 1
            return state["card"]
        return new_card(w, rng)
    return nxt


# ---------------------------------------------------------------------------------------------
def swarm(w, rng, cid):
    n = size(w, rng, 0.08, 40)
    s0 = w.ws + int((0.12 + 0.23 * rng.random()) * span(w))
    waves = [w.ws - int((4 + 56 * rng.random()) * DAY) for _ in range(3 + int(rng.random() * 3))]
    tpls = templates(rng, 40, p=0.2)
    sps = [(sysprompt(rng, 60 + rng.random() * 200), 1) for _ in range(3)] + [(None, 2)]
    uas = [sdk_ua(rng, "py", PY_VERSIONS[:6]) for _ in range(3)] + [sdk_ua(rng, "ts", TS_VERSIONS[:4])]
    maxt = wpick(rng, [(8192, 1), (16000, 1)])
    adopt_at = w.release + int((1 + 2 * rng.random()) * HOUR) if w.release else None
    st_h = HARVEST.copy(p_tpl=0.45, tpls=tpls)
    net = Rotating(w.inet, PROXY_CC, p_mobile=0.1)
    cards = card_groups(w, rng, 0.6, 10, 40)
    accts = []
    for _ in range(n):
        created = waves[int(rng.random() * len(waves))] + int(rng.random() * 3 * HOUR)
        a = new_account(w, rng, created, new_org(w, rng) if rng.random() < 0.15 else None, cards(),
                        uas[int(rng.random() * len(uas))], net, tier="t1", mix=MIX_STRONG, retry="sdk", p400=0.002,
                        max_tokens=maxt, camp=cid)
        a.sysl = sps
        if adopt_at:
            a.adopt, a.share = adopt_at + int(rng.gauss(0, 10) * MIN), 0.5
        start = s0 + int(rng.random() * 75 * MIN)
        warm = rng.random() < 0.5
        reqs = []
        for t0 in session_starts(rng, 3 + 7 * rng.random(), "flat", 0, start, w.we):
            if warm:
                session(a, CAMO, t0, rng, reqs, n=1, greet=True)
                warm = False
            elif rng.random() < 0.15:
                session(a, CAMO, t0, rng, reqs)
            else:
                session(a, st_h, t0, rng, reqs, greet=False)
        finish(w, a, reqs, rng, st_h, benign=False, lo_t=start, greet=False)
        accts.append(a)
    register(w, cid, "proxy_swarm", "Thousands-scale swarm of wave-created accounts on rotating residential "
             "proxies harvesting long step-by-step reasoning traces round the clock.", accts)


def swarm_mobile(w, rng, cid):
    n = size(w, rng, 0.025, 12)
    s0 = w.ws + int((0.3 + 0.3 * rng.random()) * span(w))
    R = int((8 + 12 * rng.random()) * MIN)
    ccs = [("US", 30), ("IN", 20), ("ID", 15), ("BR", 15), ("PH", 10), ("MX", 10)]
    waves = [w.ws - int((1 + 2 * rng.random()) * DAY) for _ in range(1 + int(rng.random() * 2))]
    ua = sdk_ua(rng, "ts", TS_VERSIONS[:3])
    st = Style(tasks=[("coding", 75), ("tool_use", 10), ("reasoning", 15)], cot=(2.5, 5.0), out_mult=3.0, out_sig=0.45,
               in_mult=1.2, p_stream=0.9, p_think=0.1, sess_mean=1.8, gap_med=2, gap_sig=0.5, p_tpl=0.3,
               tpls=templates(rng, 25, p=0.2), tools=lambda r, t: int(r.random() * 3), p_fresh=0.6)
    accts = []
    for _ in range(n):
        cc = wpick(rng, ccs)
        created = waves[int(rng.random() * len(waves))] + int(rng.random() * 90 * MIN)
        a = new_account(w, rng, created, None, None, ua, Sticky(w.inet, cc, int((20 + 40 * rng.random()) * MIN), True),
                        tier="free", tz=0, cc=cc, mix=MIX_CODING, retry="sdk", p400=0.003, max_tokens=8192, camp=cid)
        accts.append((a, [], 0.35 + 0.25 * rng.random(), rng.random() < 0.3))
    t = s0
    first = set()
    while t < w.we:
        for i, (a, reqs, q, warm) in enumerate(accts):
            if rng.random() < q:
                tt = t + int(rng.random() * 90000)
                if warm and i not in first:
                    first.add(i)
                    session(a, CAMO, tt, rng, reqs, n=1, greet=True)
                else:
                    session(a, st, tt, rng, reqs, greet=False)
        t += R
    for a, reqs, _q, _w in accts:
        finish(w, a, reqs, rng, st, benign=False, lo_t=s0, greet=False)
    register(w, cid, "proxy_swarm", "Young free-credit accounts behind sticky mobile-carrier proxies firing code "
             "harvesting jobs in synchronised rounds.", [x[0] for x in accts])


def aged(w, rng, cid):
    n = size(w, rng, 0.012, 10)
    s0 = w.ws + int(0.25 * rng.random() * span(w))
    tpls = templates(rng, 15, p=0.2)
    ua_main = sdk_ua(rng, "py", PY_VERSIONS[:2])
    st = Style(tasks=[("writing", 45), ("analysis", 35), ("reasoning", 20)], cot=(2.0, 5.0), out_mult=5.0,
               out_sig=0.45, in_mult=1.3, p_think=0.15, think_med=2500, p_stream=0.5, sess_mean=1.6, gap_med=8,
               gap_sig=0.6, p_tpl=0.55, tpls=tpls, p_fresh=0.5)
    accts = []
    for _ in range(n):
        cc = pick_country(rng)
        tz = pick_tz(cc, rng)
        ua = ua_main if rng.random() < 0.8 else sdk_ua(rng, "ts", TS_VERSIONS[:2])
        a = new_account(w, rng, established(w, rng, tz, 180, 900, 1.0), new_org(w, rng) if rng.random() < 0.35 else None,
                        new_card(w, rng) if rng.random() < 0.9 else None, ua,
                        Sticky(w.inet, cc, int((2 + 6 * rng.random()) * HOUR)), tier=wpick(rng, [("t1", 1), ("t2", 1)]),
                        tz=tz, cc=cc, mix=MIX_STRONG, retry="sdk", p400=0.003, max_tokens=8192, camp=cid)
        start = s0 + int(rng.random() * 2 * HOUR)
        reqs = []
        for t0 in session_starts(rng, (8 + 14 * rng.random()) / 1.6, "flat", 0, start, w.we):
            session(a, st, t0, rng, reqs, greet=False)
        finish(w, a, reqs, rng, st, benign=False, lo_t=start, greet=False)
        accts.append(a)
    register(w, cid, "aged_fleet", "Bought aged accounts from many countries, each on its own sticky residential "
             "proxy, harvesting long-form writing and analysis outputs.", accts)


def fleet(w, rng, cid):
    n = max(20, int(round(w.benign_n * 0.0018)))
    s0 = w.ws + int((0.1 + 0.45 * rng.random()) * span(w))
    stop = min(w.we, s0 + int((3 + 3 * rng.random()) * HOUR))
    P = int((90 + 150 * rng.random()) * 1000)
    wave = daytime(w.ws - int((2 + 8 * rng.random()) * DAY), 8, rng, 9, 18)
    cards = [new_card(w, rng) for _ in range(2 + int(rng.random() * 2))]
    prov = wpick(rng, [("hetzner", 1), ("ovh", 1), ("digitalocean", 1)])
    regs = w.inet.hosting_regions(prov)
    reg = regs[int(rng.random() * len(regs))]
    ips = w.inet.hosting_ips(prov, reg, rng, n)
    sp = sysprompt(rng, 180)
    st = HARVEST.copy(p_tpl=1.0, tpls=templates(rng, 6, p=0.18), p_think=0.3, sess_mean=1)
    accts = []
    for i in range(n):
        a = new_account(w, rng, wave + int(rng.random() * 40 * MIN), None, cards[i % len(cards)], "python-httpx/0.28.1",
                        Fixed([ips[i]]), tier="t1", mix=[("claude-sonnet-4-5", 70), ("claude-opus-4-5", 30)],
                        retry=5000, p400=0.001, max_tokens=8192, camp=cid)
        a.sysl = [(sp, 1)]
        accts.append([a, [], 0])
    t = s0
    while t < stop:
        for x in accts:
            if x[2] <= t:
                x[2] = session(x[0], st, t + int(rng.random() * 1200), rng, x[1], n=1, greet=False)
        t += P
    for a, reqs, _b in accts:
        finish(w, a, reqs, rng, st, benign=False, lo_t=s0, greet=False)
    register(w, cid, "scripted_fleet", "Small fleet of same-day accounts on rented servers sharing a few cards and "
             "one system prompt, firing templated reasoning prompts on a fixed clock.", [x[0] for x in accts])


def lone_a(w, rng, cid):
    s0 = w.ws + int((0.15 + 0.4 * rng.random()) * span(w))
    stop = min(w.we, s0 + int((2.5 + 2.5 * rng.random()) * HOUR))
    net = cloud_fixed(w, rng, "US", 1, [("aws", 1), ("gcp", 1)])[0]
    a = new_account(w, rng, w.ws - int((3 + 37 * rng.random()) * DAY), new_org(w, rng), new_card(w, rng),
                    sdk_ua(rng, "py", PY_VERSIONS[:3]), net, tier="t2", mix=[("claude-opus-4-5", 80), ("claude-sonnet-4-5", 20)],
                    retry="sdk", p400=0.002, max_tokens=16000, camp=cid)
    if w.release:
        a.adopt, a.share = w.release + int((10 + 30 * rng.random()) * MIN), 0.9
    st = HARVEST.copy(p_think=0.5, out_mult=2.5, sess_mean=1, gap_med=0.6, gap_sig=0.7, p_tpl=0.3,
                      tpls=templates(rng, 10))
    reqs = []
    session(a, CAMO, s0 - 2 * MIN, rng, reqs, n=1, greet=True)
    for _ in range(6 + int(rng.random() * 7)):
        t = s0 + int(rng.random() * 5000)
        while t < stop:
            t = session(a, st, t, rng, reqs, n=1, greet=False)
    finish(w, a, reqs, rng, st, benign=False, lo_t=s0, greet=False)
    register(w, cid, "lone_scraper", "Single account on a cloud server pulling hundreds of long reasoning "
             "completions an hour with many parallel workers.", [a])


def lone_b(w, rng, cid):
    s0 = w.ws + int((0.4 + 0.3 * rng.random()) * span(w))
    stop = min(w.we, s0 + int((2 + 2 * rng.random()) * HOUR))
    cc = wpick(rng, [("US", 60), ("CA", 20), ("GB", 20)])
    a = new_account(w, rng, w.ws - int((10 + 80 * rng.random()) * DAY), None, new_card(w, rng),
                    sdk_ua(rng, "ts", TS_VERSIONS[:4]), Fixed([w.inet.res_ip(cc, rng)]), tier="t2", cc=cc,
                    mix=MIX_STRONG, retry="sdk", p400=0.003, max_tokens=8192, camp=cid)
    st = HARVEST.copy(tasks=[("reasoning", 50), ("coding", 50)], out_mult=2.0, p_think=0.3, sess_mean=1.5,
                      gap_med=2.0, gap_sig=0.6)
    reqs = []
    for _ in range(2 + int(rng.random() * 3)):
        t = s0 + int(rng.random() * 20000)
        while t < stop:
            t = session(a, st, t, rng, reqs, greet=False)
    finish(w, a, reqs, rng, st, benign=False, lo_t=s0, greet=False)
    register(w, cid, "lone_scraper", "Single account on a static residential address running a few parallel "
             "workers that harvest reasoning and code for hours.", [a])


def drip(w, rng, cid):
    n = size(w, rng, 0.04, 20)
    tpls = templates(rng, 40, p=0.2)
    sps = [(sysprompt(rng, 90), 1), (sysprompt(rng, 140), 1), (None, 5)]
    st = HARVEST.copy(cot=(7.0, 2.2), out_mult=3.0, p_think=0.5, sess_mean=1, p_tpl=0.5, tpls=tpls)
    ccs = [(c, COUNTRIES[c][0]) for c in COUNTRIES]
    accts = []
    for _ in range(n):
        cc = wpick(rng, ccs)
        pay = None if rng.random() < 0.65 else new_card(w, rng)
        a = new_account(w, rng, w.ws - int((10 + 110 * rng.random()) * DAY), None, pay, sdk_ua(rng),
                        Sticky(w.inet, cc, int((6 + 18 * rng.random()) * HOUR)), tier="free" if pay is None else "t1",
                        cc=cc, mix=MIX_STRONG, retry="sdk", p400=0.003, max_tokens=wpick(rng, [(8192, 2), (16000, 1)]),
                        camp=cid)
        a.sysl = sps
        reqs = []
        for t0 in session_starts(rng, 0.12 + 0.48 * rng.random(), "flat", 0, w.ws - 2 * HOUR, w.we):
            session(a, st, t0, rng, reqs, greet=False)
        finish(w, a, reqs, rng, st, benign=False, greet=False)
        accts.append(a)
    register(w, cid, "slow_drip", "Large pool of quiet accounts each sending only a handful of long reasoning "
             "prompts per day from static residential exits.", accts)


def reseller(w, rng, cid):
    n = size(w, rng, 0.01, 12)
    s0 = w.ws + int(0.2 * rng.random() * span(w))
    org = new_org(w, rng)
    pay = new_card(w, rng)
    prov = wpick(rng, [("vultr", 1), ("digitalocean", 1), ("linode", 1)])
    reg = wpick(rng, [(r, 1) for r in ("SG", "JP", "US") if r in w.inet.hosting_regions(prov)])
    gateway = Fixed(w.inet.hosting_ips(prov, reg, rng, 3 + int(rng.random() * 4)))
    batches = [w.ws - int((30 + 210 * rng.random()) * DAY) for _ in range(5 + int(rng.random() * 6))]
    pinned = sdk_ua(rng, "py", PY_VERSIONS[:3])
    st_pass = Style(tasks=[("chat", 45), ("writing", 25), ("analysis", 15), ("coding", 15)], sess_mean=3, gap_med=40,
                    p_stream=0.9, p_fresh=0.7)
    st_h = HARVEST.copy(cot=(6.0, 2.5), tasks=[("reasoning", 45), ("coding", 35), ("analysis", 20)], p_tpl=0.35,
                        tpls=templates(rng, 30), p_stream=0.9)
    sps_h = [sysprompt(rng, 120), sysprompt(rng, 300)]
    accts = []
    for _ in range(n):
        created = batches[int(rng.random() * len(batches))] + int(rng.random() * DAY)
        a = new_account(w, rng, created, org, pay, "litellm/1.78.5" if rng.random() < 0.5 else pinned, gateway,
                        tier="t2", tz=8, mix=MIX_STRONG, retry="sdk", p400=0.004, max_tokens=16000, camp=cid)
        start = s0 + int(rng.random() * 40 * MIN)
        reqs = []
        for t0 in session_starts(rng, 6 + 14 * rng.random(), "human", 8, start, w.we):
            if rng.random() < 0.35:
                session(a, st_pass, t0, rng, reqs)
            else:
                session(a, st_h, t0, rng, reqs, sysq=sps_h[int(rng.random() * 2)], greet=False)
        finish(w, a, reqs, rng, st_h, benign=False, lo_t=start, greet=False)
        accts.append(a)
    register(w, cid, "reseller_front", "One reseller organisation and card fronting many customer accounts from a "
             "hosted gateway, mixing pass-through chat with bulk reasoning and code harvesting.", accts)


def pivot(w, rng, cid):
    n = size(w, rng, 0.015, 12)
    wave = w.ws - int((1 + 3 * rng.random()) * DAY)
    s0 = w.ws + int((0.02 + 0.18 * rng.random()) * span(w))
    net = Rotating(w.inet, [("US", 55), ("GB", 10), ("CA", 10), ("DE", 8), ("AU", 7), ("JP", 5), ("SG", 5)], 0.05)
    ua = "anthropic-python/" + PY_VERSIONS[0][0]
    st_h = HARVEST.copy(p_think=0.6, tasks=[("reasoning", 60), ("coding", 30), ("analysis", 10)], p_tpl=0.4,
                        tpls=templates(rng, 30))
    cards = card_groups(w, rng, 0.3, 8, 20)
    rel = w.release if w.release is not None else w.ws + span(w) // 2
    accts = []
    for _ in range(n):
        a = new_account(w, rng, wave + int(rng.random() * 2 * HOUR), None, cards(), ua, net, tier="t1",
                        mix=[("claude-sonnet-4-5", 60), ("claude-haiku-4-5", 40)], retry="sdk", p400=0.002,
                        max_tokens=16000, camp=cid)
        pv = rel + int((0.25 + 1.25 * rng.random()) * HOUR)
        a.adopt, a.share = pv, 0.95
        start = s0 + int(rng.random() * 30 * MIN)
        reqs = []
        first = True
        for t0 in session_starts(rng, 0.5 + 1.5 * rng.random(), "flat", 0, start, pv):
            session(a, CAMO, t0, rng, reqs, n=1 if first else None, greet=True if first else None)
            first = False
        for t0 in session_starts(rng, 15 + 25 * rng.random(), "flat", 0, pv, w.we):
            session(a, st_h, t0, rng, reqs, greet=False)
        finish(w, a, reqs, rng, st_h, benign=False, lo_t=pv, greet=False)
        accts.append(a)
    register(w, cid, "release_pivot", "Accounts warmed up with light chat that switch en masse to the newly released "
             "model within hours of its launch and harvest its reasoning.", accts)


def tool_harvest(w, rng, cid):
    n = size(w, rng, 0.008, 10)
    s0 = w.ws + int((0.2 + 0.35 * rng.random()) * span(w))
    waves = [w.ws - int((15 + 75 * rng.random()) * DAY) for _ in range(2)]
    cc_w = [("US", 50), ("GB", 15), ("DE", 15), ("CA", 20)]
    cc_tool = [t for t in IDE_TOOLS if t[0] == "claude-code"][0]
    spoof_ua, spoof_sp, spoof_tools, _ = ide_versions(cc_tool)[-1]
    envs = [(sysprompt(rng, 2000 + 6000 * rng.random()), 24 + int(rng.random() * 40)) for _ in range(4)]
    st = Style(tasks=[("tool_use", 60), ("coding", 30), ("other", 10)], agent=True, in_mult=20.0, in_sig=0.5,
               step_in_med=3000, out_mult=0.5, cot=(1.0, 20.0), p_think=0.05, p_stream=0.95, sess_mean=22,
               sess_max=60, gap_med=1.2, gap_sig=0.5, p_fresh=0.0)
    cards = card_groups(w, rng, 0.4, 5, 5)
    ts_ua = sdk_ua(rng, "ts", TS_VERSIONS[:3])
    accts = []
    for _ in range(n):
        cc = wpick(rng, cc_w)
        spoof = rng.random() < 0.4
        if spoof:
            ua, sp, ntools = spoof_ua, spoof_sp, spoof_tools + 10 + int(rng.random() * 20)
        else:
            (sp, ntools) = envs[int(rng.random() * len(envs))]
            ua = ts_ua
        a = new_account(w, rng, waves[int(rng.random() * 2)] + int(rng.random() * 3 * HOUR), None, cards(), ua,
                        Sticky(w.inet, cc, int((3 + 9 * rng.random()) * HOUR)), tier="t2", cc=cc, mix=MIX_CODING,
                        retry="sdk", p400=0.003, max_tokens=16000, camp=cid)
        a.sysl = [(sp, 1)]
        start = s0 + int(rng.random() * HOUR)
        t = start
        reqs = []
        while t < w.we:
            t = session(a, st, t, rng, reqs, tools=ntools, greet=False)
            t += int(MIN * lognorm(rng, 8, 0.6))
        finish(w, a, reqs, rng, st, benign=False, lo_t=start, tools=ntools, greet=False)
        accts.append(a)
    register(w, cid, "tool_harvest", "Accounts replaying synthetic agent environments around the clock to collect "
             "long multi-turn tool-use trajectories, partly disguised as a popular coding agent.", accts)


def tz_mimic(w, rng, cid):
    n = size(w, rng, 0.012, 10)
    lo = w.ws + int(0.08 * span(w)) + HOUR
    hi = w.ws + int(0.45 * span(w))
    cands = []
    for cc, (wt, tzs) in COUNTRIES.items():
        for tz, _tw in tzs:
            # next local 09:00 after lo
            t = lo - lo % (15 * MIN)
            while local_hour(t, tz) != 9:
                t += 15 * MIN
            if t <= hi + 2 * HOUR:
                cands.append(((cc, tz, t), wt))
    if not cands:
        cands = [(("US", -5, lo), 1)]
    cc, tz, t9 = wpick(rng, cands)
    tpls = templates(rng, 30)
    st = HARVEST.copy(tasks=[("reasoning", 40), ("coding", 35), ("analysis", 25)], cot=(5.0, 2.5), out_mult=2.5,
                      p_think=0.35, sess_mean=6, gap_med=30, p_tpl=0.4, tpls=tpls, p_fresh=0.7, p_stream=0.6)
    accts = []
    for _ in range(n):
        created = daytime(w.ws - int((20 + 100 * rng.random()) * DAY), 8, rng, 9, 18)
        a = new_account(w, rng, created, new_org(w, rng) if rng.random() < 0.3 else None, new_card(w, rng), sdk_ua(rng),
                        Fixed([w.inet.res_ip(cc, rng)]), tier="t1", tz=tz, cc=cc, mix=MIX_STRONG, retry="sdk",
                        p400=0.004, max_tokens=8192, camp=cid)
        reqs = []
        start = t9 - int(rng.random() * 50 * MIN)
        for t0 in session_starts(rng, 2 + 1.5 * rng.random(), "office", tz, start, w.we):
            session(a, st, t0, rng, reqs, greet=False)
        finish(w, a, reqs, rng, st, benign=False, lo_t=start, greet=False)
        accts.append(a)
    register(w, cid, "timezone_mimic", "Accounts on static residential addresses in one country that keep that "
             "country's office hours while harvesting reasoning and code.", accts)


def quiet(w, rng, cid):
    n = size(w, rng, 0.02, 15)
    s0 = w.ws + int((0.05 + 0.45 * rng.random()) * span(w))
    cstart = w.ws - int((90 + 150 * rng.random()) * DAY)
    tpls = templates(rng, 80, p=0.18)
    accts = []
    for _ in range(n):
        cc = pick_country(rng)
        tz = pick_tz(cc, rng)
        created = daytime(cstart + int(rng.random() * 21 * DAY), tz, rng)
        a = new_account(w, rng, created, new_org(w, rng) if rng.random() < 0.4 else None, new_card(w, rng), sdk_ua(rng),
                        personal_net(w, rng, cc, tz, wpick(rng, [("home", 70), ("home_mobile", 30)])),
                        nkeys=1 + (rng.random() < 0.3), tier=wpick(rng, [("t1", 1), ("t2", 1)]), tz=tz, cc=cc,
                        mix=wpick(rng, [(MIX_GENERAL, 1), (MIX_CODING, 1)]), retry="sdk", p400=0.006,
                        max_tokens=wpick(rng, [(4096, 30), (8192, 40), (16000, 30)]), camp=cid)
        if rng.random() < 0.4:
            a.sysl = [(sysprompt(rng, lognorm(rng, 400, 0.8)), 2), (None, 1)]
        adopt(w, a, rng, 0.4, 1.5, 0.6)
        st = Style(tasks=[("coding", 30), ("reasoning", 25), ("analysis", 20), ("chat", 10), ("writing", 10),
                          ("other", 5)], cot_add=0.08, cot_max=0.72, out_mult=lognorm(rng, 1.25, 0.15), p_think=0.12,
                   think_med=1200, p_tpl=0.35,
                   tpls=tpls, sess_mean=4.5, gap_med=35, gap_sig=1.0, p_stream=0.5, p_fresh=0.6)
        start = s0 + int(rng.random() * 1.5 * HOUR)
        reqs = []
        for t0 in session_starts(rng, lognorm(rng, 0.45, 0.4), "dev", tz, start, w.we, weekend=0.35):
            session(a, st, t0, rng, reqs)
        finish(w, a, reqs, rng, st, benign=False, lo_t=start)
        accts.append(a)
    register(w, cid, "quiet_fleet", "Established-looking accounts on real home connections behaving like ordinary "
             "developers while drawing prompts from one shared generator.", accts)


CAMPAIGNS = [
    ("swarm_a", swarm), ("swarm_b", swarm_mobile), ("aged_a", aged), ("fleet_a", fleet), ("lone_a", lone_a),
    ("lone_b", lone_b), ("drip_a", drip), ("resell_a", reseller), ("pivot_a", pivot), ("toolh_a", tool_harvest),
    ("tzmimic_a", tz_mimic), ("quiet_a", quiet),
]


def populate(w):
    for cid, fn in CAMPAIGNS:
        fn(w, w.rng_for("campaign/" + cid), cid)
