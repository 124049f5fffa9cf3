"""Distillation campaigns of the cirrus world."""
from __future__ import annotations

import math
from random import Random

from .benign import CHAT_CATS, FRAMEWORKS, SDK_UA, created_ago, gap, geo
from .core import (DAY, HAIKU, HOUR, MINUTE, NEW_MODEL, OPUS, SONNET, Cum, Style, World, beta, flip,
                   greeting, hexhash, lognorm, mix_cot, poisson)
from .net import COUNTRIES, Fixed, Mixed, NetPlan, Pool, Rotating

OFFICIAL_UA = Cum([("anthropic-python/0.74.1", 50), ("anthropic-python/0.73.0", 14),
                   ("anthropic-typescript/0.68.0", 26), ("anthropic-sdk-go/1.14.0", 5), ("anthropic-python/0.71.2", 5)])

# what is harvested
REASONING = Style([("reasoning", 55), ("analysis", 18), ("coding", 17), ("writing", 10)], beta(7.0, 2.0, 0.35, 1.0),
                  it=(420, 0.8), ot=(2300, 0.6), stream_p=0.2, think_p=0.35)
CODE = Style([("coding", 72), ("reasoning", 14), ("analysis", 14)], beta(3.0, 3.0, 0.15, 0.85),
             it=(850, 0.8), ot=(2700, 0.55), stream_p=0.35, think_p=0.1)
CAMO = Style(CHAT_CATS, mix_cot(0.05), it=(200, 0.9), ot=(350, 0.8), stream_p=0.6)
SWARM_CC = Cum([("US", 34), ("IN", 10), ("GB", 8), ("DE", 8), ("BR", 8), ("CA", 6), ("FR", 5), ("JP", 4),
                ("KR", 4), ("ID", 4), ("VN", 4), ("MX", 5)])


def waves(w: World, rng: Random, n: int, nwaves: int, lo_days: float, hi_days: float, spread_min: float):
    centers = [w.t0 - int(rng.uniform(lo_days, hi_days) * DAY) for _ in range(nwaves)]
    return [centers[rng.randrange(nwaves)] + int(rng.uniform(0, spread_min) * MINUTE) for _ in range(n)]


def shared_cards(w: World, rng: Random, n: int, lo: int, hi: int):
    out = []
    while len(out) < n:
        pm = w.card()
        out.extend([pm] * rng.randint(lo, hi))
    out = out[:n]
    rng.shuffle(out)
    return out


def harvest(w, a, t, rng, style, templates, tmpl_p, camo_p, fl=(3, 9), model=None, p429=0.0, **kw):
    """One harvesting request: templated near-duplicate, task-generator prompt, or camouflage chat."""
    if rng.random() < camo_p:
        cat, cot, it, ot, think, stream = CAMO.draw(rng)
        sh = rng.getrandbits(64)
    else:
        cat, cot, it, ot, think, stream = style.draw(rng)
        sh = flip(templates[rng.randrange(len(templates))], rng, *fl) if rng.random() < tmpl_p else rng.getrandbits(64)
    return w.req(a, t, rng, model or w.model(a, t, rng), cat, cot, it, ot, sh, think=think, stream=stream,
                 p429=p429, **kw)


def warmup(w, a, t, rng):
    return w.req(a, t, rng, w.model(a, t, rng), "chat", 0.0, rng.randint(8, 20), rng.randint(9, 40), greeting(rng))


# ------------------------------------------------------------------ campaigns

def proxy_swarm(w: World, plan: NetPlan, rng: Random, cid: str, n: int):
    """Thousands of wave-created accounts behind residential proxies, reasoning traces, low per-account load."""
    created = waves(w, rng, n, 4, 3, 45, 100)
    cards = shared_cards(w, rng, n, 10, 40)
    templates = [rng.getrandbits(64) for _ in range(12)]
    start = w.t0 + int(min(rng.uniform(0.2, 1.5) * HOUR, 0.4 * w.span))
    accts = []
    for i in range(n):
        cc, tz = plan.country(rng, SWARM_CC)
        r = rng.random()
        pay = w.card() if r < 0.55 else (cards[i] if r < 0.85 else None)
        net = Rotating(plan, Cum([(cc, 1)]), mobile_p=0.2) if rng.random() < 0.7 else Fixed(plan.home_addr(rng, cc))
        a = w.account(created_ms=created[i], pay=pay, net=net, ua=OFFICIAL_UA.pick(rng), tz=tz, cc=cc,
                      models=Cum([(SONNET, 80), (OPUS, 20)]), camp=cid)
        w.adopt(a, rng, 0.7, delay_min=30, share=(0.7, 0.95))
        accts.append(a)
    w.add_campaign(cid, "proxy_swarm", [a.id for a in accts])
    for a in accts:
        sessions = sorted(start + rng.randrange(w.t1 - start) for _ in range(1 + poisson(rng, 3.5 * (w.t1 - start) / (7 * HOUR))))
        for si, t in enumerate(sessions):
            w.session(a, rng)
            if si == 0 and rng.random() < 0.6:
                t = warmup(w, a, t, rng) + gap(rng, 8)
            for _ in range(rng.randint(4, 12)):
                t = harvest(w, a, t, rng, REASONING, templates, 0.55, 0.15) + gap(rng, 25, 0.9)
                if t >= w.t1:
                    break


def scripted_fleet(w: World, plan: NetPlan, rng: Random, cid: str, n: int):
    """A small fleet on hosting IPs, one SDK string, shared cards and system prompt, synchronised rounds."""
    base = w.t0 - int(rng.uniform(1.5, 4) * DAY)
    cards = [w.card() for _ in range(2)]
    ips = plan.hosting_addrs(rng, max(2, n // 4), asn=[24940, 16276, 14061][rng.randrange(3)], same24=True)
    sp = hexhash(f"fleet-sp/{w.seed}/{cid}")
    templates = [rng.getrandbits(64) for _ in range(3)]
    style = Style([("reasoning", 60), ("coding", 25), ("analysis", 15)], beta(9.0, 1.5, 0.5, 1.0),
                  it=(380, 0.5), ot=(2600, 0.5), stream_p=0.0, think_p=0.5)
    accts = []
    for i in range(n):
        a = w.account(created_ms=base + rng.randrange(40 * MINUTE), pay=cards[i % 2], net=Fixed(ips[i % len(ips)]),
                      ua="python-httpx/0.28.1", sp=sp, tz=0, cc=ips[i % len(ips)][2],
                      models=Cum([(SONNET, 100)]), camp=cid)
        w.adopt(a, rng, 1.0, delay_min=10, share=(0.9, 0.9))
        accts.append(a)
    w.add_campaign(cid, "scripted_fleet", [a.id for a in accts])
    period = rng.randint(240, 420) * 1000
    tick = w.t0 + int(min(rng.uniform(0, 1) * HOUR, 0.3 * w.span))
    while tick < w.t1:
        for a in accts:
            w.session(a, rng)
            t = tick + rng.randint(0, 2500)
            for _ in range(rng.randint(1, 3)):
                t = harvest(w, a, t, rng, style, templates, 0.9, 0.0, fl=(1, 4), p429=0.07) + rng.randint(150, 900)
        tick += period


def aged_fleet(w: World, plan: NetPlan, rng: Random, cid: str, n: int):
    """Bought aged accounts, each with its own card and sticky residential exit, harvesting code round the clock."""
    accts = []
    for _ in range(n):
        cc, tz = plan.country(rng)
        a = w.account(created_ms=created_ago(w, rng, 200, 1500), pay=w.card(),
                      org=w.org() if rng.random() < 0.2 else None,
                      net=Fixed(plan.home_addr(rng, cc)) if rng.random() < 0.8 else plan.mobile(rng, cc),
                      ua=SDK_UA.pick(rng), tz=tz, cc=cc, models=Cum([(SONNET, 60), (OPUS, 40)]), camp=cid)
        w.adopt(a, rng, 0.5, delay_min=60)
        accts.append(a)
    w.add_campaign(cid, "aged_fleet", [a.id for a in accts])
    templates = [rng.getrandbits(64) for _ in range(20)]
    for a in accts:
        for t in w.starts(rng, "flat", 0, 0.55, minimum=1):
            w.session(a, rng)
            for _ in range(rng.randint(5, 18)):
                t = harvest(w, a, t, rng, CODE, templates, 0.15, 0.2, fl=(5, 12), p429=0.01) + gap(rng, 40, 1.0)
                if t >= w.t1:
                    break


def slow_drip(w: World, plan: NetPlan, rng: Random, cid: str, n: int):
    """Many accounts that each look like a light consumer: a handful of requests at local daytime, ordinary
    networks and SDKs. Only the population reveals them (shared template families, high step-by-step share)."""
    templates = [rng.getrandbits(64) for _ in range(8)]
    style = Style([("reasoning", 25), ("analysis", 30), ("writing", 20), ("coding", 20), ("other", 5)], beta(4.0, 3.2),
                  it=(260, 0.8), ot=(1000, 0.6), stream_p=0.55, think_p=0.05)
    accts = []
    for _ in range(n):
        cc, tz = plan.country(rng)
        a = w.account(created_ms=created_ago(w, rng, 8, 500), pay=w.card() if rng.random() < 0.5 else None,
                      net=plan.consumer(rng, cc, home=0.65, mobile=0.27, vpn=0.08, corp=0.0),
                      ua=SDK_UA.pick(rng), tz=tz, cc=cc, models=Cum([(SONNET, 75), (HAIKU, 25)]), camp=cid)
        w.adopt(a, rng, 0.15)
        accts.append(a)
    w.add_campaign(cid, "slow_drip", [a.id for a in accts])
    for a in accts:
        starts = w.starts(rng, "human", a.tz, 0.22, minimum=1)[:4]
        for t in starts:
            w.session(a, rng)
            for _ in range(geo(rng, 0.4)):
                t = harvest(w, a, t, rng, style, templates, 0.6, 0.3, fl=(3, 9)) + gap(rng, 70)
                if t >= w.t1:
                    break
        if a.n == 0:
            t = w.starts(rng, "human", a.tz, 0.0, minimum=1)[0]
            w.session(a, rng)
            harvest(w, a, min(t, w.t1 - 10 * MINUTE), rng, style, templates, 0.6, 0.3)


def reseller_front(w: World, plan: NetPlan, rng: Random, cid: str, n: int):
    """A 'reseller' org paying for every account with one card; its gateway mixes customers' real chat with
    harvesting traffic."""
    org, pay = w.org(), w.card()
    egress = plan.hosting_addrs(rng, rng.randint(2, 6), asn=[14061, 20473, 63949][rng.randrange(3)])
    base = w.t0 - int(rng.uniform(40, 200) * DAY)
    sps = [hexhash(f"reseller-sp/{w.seed}/{j}") for j in range(4)] + [None, None]
    templates = [rng.getrandbits(64) for _ in range(6)]
    accts = []
    for _ in range(n):
        a = w.account(created_ms=base + int(rng.uniform(0, 5) * DAY), pay=pay, org=org, keys=rng.randint(3, 8),
                      net=Pool(egress), ua="litellm/1.77.3" if rng.random() < 0.5 else "anthropic-typescript/0.68.0",
                      tz=0, cc=egress[0][2], models=Cum([(SONNET, 70), (HAIKU, 15), (OPUS, 15)]), camp=cid)
        w.adopt(a, rng, 1.0, delay_min=15, share=(0.5, 0.8))
        accts.append(a)
    w.add_campaign(cid, "reseller_front", [a.id for a in accts])
    for a in accts:
        w.session(a, rng)
        for t in w.starts(rng, "flat", 0, rng.uniform(25, 80), minimum=1):
            sp = sps[rng.randrange(len(sps))]
            harvest(w, a, t, rng, REASONING, templates, 0.5, 0.45, fl=(2, 8), sp=sp, p429=0.02)


def release_pivot(w: World, plan: NetPlan, rng: Random, cid: str, n: int):
    """Quiet accounts that jump on the newly released model within minutes and pull long reasoning traces."""
    created = waves(w, rng, n, 2, 5, 60, 180)
    cards = shared_cards(w, rng, n, 8, 20)
    templates = [rng.getrandbits(64) for _ in range(5)]
    style = Style([("reasoning", 60), ("coding", 20), ("analysis", 20)], beta(8.0, 2.0, 0.3, 1.0),
                  it=(500, 0.8), ot=(3000, 0.6), stream_p=0.3, think_p=0.65)
    accts = []
    for i in range(n):
        cc, tz = plan.country(rng, SWARM_CC)
        net = Fixed(plan.home_addr(rng, cc)) if rng.random() < 0.6 else plan.vpn(rng)
        a = w.account(created_ms=created[i], pay=cards[i], net=net, ua=OFFICIAL_UA.pick(rng), tz=tz, cc=cc,
                      models=Cum([(SONNET, 80), (HAIKU, 20)]), camp=cid)
        accts.append(a)
    w.add_campaign(cid, "release_pivot", [a.id for a in accts])
    for a in accts:
        w.session(a, rng)
        for _ in range(rng.randint(0, 2)):  # a little ordinary use before the release
            t = w.t0 + rng.randrange(max(1, w.release - w.t0))
            harvest(w, a, t, rng, CAMO, templates, 0.0, 1.0)
        t = w.release + int(rng.uniform(3, 40) * MINUTE)
        if t >= w.t1:
            continue
        if rng.random() < 0.7:
            t = w.req(a, t, rng, NEW_MODEL, "chat", 0.0, rng.randint(8, 20), rng.randint(9, 40), greeting(rng)) + gap(rng, 10)
        sessions = [t] + sorted(t + rng.randrange(max(1, w.t1 - t)) for _ in range(poisson(rng, 3.0 * (w.t1 - t) / (6 * HOUR))))
        for t in sessions:
            w.session(a, rng)
            for _ in range(rng.randint(6, 18)):
                model = NEW_MODEL if rng.random() < 0.95 else SONNET
                t = harvest(w, a, t, rng, style, templates, 0.4, 0.08, fl=(2, 8), model=model, p429=0.02) + gap(rng, 20)
                if t >= w.t1:
                    break


def lone_scraper(w: World, plan: NetPlan, rng: Random, cid: str, n: int = 1):
    """One account, one hosting address, hundreds of requests an hour, round the clock."""
    a = w.account(created_ms=w.t0 - int(rng.uniform(1, 3) * DAY), pay=w.card(),
                  net=Fixed(plan.hosting_addrs(rng, 1, asn=16509)[0]), ua="python-requests/2.32.3", tz=0, cc="US",
                  models=Cum([(SONNET, 100)]), camp=cid)
    a.adopt_ms, a.new_share = w.release + int(rng.uniform(2, 10) * MINUTE), 1.0
    w.add_campaign(cid, "lone_scraper", [a.id])
    w.session(a, rng)
    rate = rng.uniform(180, 340) / HOUR
    t = w.t0 + int(rng.uniform(0, 0.25) * w.span)
    templates = [rng.getrandbits(64) for _ in range(4)]
    while t < w.t1:
        harvest(w, a, t, rng, REASONING, templates, 0.2, 0.0, p429=0.12)
        t += int(rng.expovariate(rate))


def tool_trajectory(w: World, plan: NetPlan, rng: Random, cid: str, n: int):
    """Agent-trajectory harvest dressed as a popular IDE framework: its user agent and system prompt, many
    tools, long multi-turn contexts, no reasoning asked, machine-fast steps, round the clock."""
    name, ua, tools, _ = FRAMEWORKS[1]
    fw_sp = hexhash(f"framework-sp/{name}/v1")
    own_sp = hexhash(f"trajectory-sp/{w.seed}/{cid}")
    created = waves(w, rng, n, 2, 6, 20, 60)
    cards = shared_cards(w, rng, n, 10, 30)
    hosting = plan.hosting_addrs(rng, max(3, n // 6))
    accts = []
    for i in range(n):
        cc, tz = plan.country(rng, SWARM_CC)
        copy = rng.random() < 0.7
        net = Pool(hosting[rng.randrange(len(hosting)):][:2]) if rng.random() < 0.5 else Fixed(plan.home_addr(rng, cc))
        a = w.account(created_ms=created[i], pay=cards[i], net=net, ua=ua if copy else "agentkit-runner/0.4.0",
                      sp=fw_sp if copy else own_sp, tz=tz, cc=cc, models=Cum([(SONNET, 85), (OPUS, 15)]), camp=cid)
        a.last = rng.randint(tools + 6, 64)
        w.adopt(a, rng, 0.6, delay_min=40)
        accts.append(a)
    w.add_campaign(cid, "tool_trajectory", [a.id for a in accts])
    cot = beta(1.0, 25.0)
    for a in accts:
        for t in w.starts(rng, "flat", 0, 0.45, minimum=1):
            w.session(a, rng)
            for _task in range(rng.randint(1, 3)):
                sh = rng.getrandbits(64)
                ctx = int(lognorm(rng, 14000, 0.4))
                model = w.model(a, t, rng)
                turns = 1
                for _ in range(rng.randint(10, 48)):
                    ot = max(30, int(lognorm(rng, 450, 0.7)))
                    done = w.req(a, t, rng, model, "tool_use" if rng.random() < 0.75 else "coding", cot(rng),
                                 min(ctx, 195_000), ot, sh, turns=turns, tools=a.last, stream=True)
                    ctx += ot + int(lognorm(rng, 2200, 0.8))
                    turns += 2
                    sh = flip(sh, rng, 0, 2)
                    t = done + gap(rng, 1.6, 0.5)
                    if t >= w.t1:
                        break
                t += gap(rng, 20, 0.6)
                if t >= w.t1:
                    break


def timezone_mimic(w: World, plan: NetPlan, rng: Random, cid: str, n: int):
    """Accounts posing as office workers of one country: that country's residential exits, its office hours,
    all following one shared timetable."""
    mid_utc = ((w.t0 + w.span // 2) // 1000 % 86400) / 3600.0
    cands = ["DE", "GB", "FR", "JP", "KR", "IN", "BR", "US", "AU", "SG"]

    def off(cc):
        return -300 if cc == "US" else COUNTRIES[cc][0]
    cc = min(cands, key=lambda c: abs(((mid_utc + off(c) / 60.0) % 24) - 13.0))
    tz = off(cc)
    created = waves(w, rng, n, 3, 10, 90, 120)
    cards = shared_cards(w, rng, n, 10, 25)
    templates = [rng.getrandbits(64) for _ in range(10)]
    shift = rng.randint(-25, 25)
    slots = [9 * 60 + 10, 10 * 60 + 40, 11 * 60 + 50, 13 * 60 + 35, 15 * 60 + 5, 16 * 60 + 40, 17 * 60 + 30]
    day_start = (w.t0 + tz * MINUTE) // DAY * DAY - tz * MINUTE  # local midnight before t0, in UTC ms
    accts = []
    for i in range(n):
        a = w.account(created_ms=created[i], pay=cards[i], net=Fixed(plan.home_addr(rng, cc)),
                      ua=OFFICIAL_UA.pick(rng), tz=tz, cc=cc, models=Cum([(SONNET, 85), (OPUS, 15)]), camp=cid)
        w.adopt(a, rng, 0.4)
        accts.append(a)
    w.add_campaign(cid, "timezone_mimic", [a.id for a in accts])
    for a in accts:
        mine = [s for s in slots if rng.random() < 0.65]
        for d in range(int(w.span // DAY) + 2):
            for s in mine:
                t = day_start + d * DAY + (s + shift) * MINUTE + int(rng.gauss(0, 8 * MINUTE))
                if not (w.t0 <= t < w.t1):
                    continue
                w.session(a, rng)
                for _ in range(rng.randint(3, 9)):
                    t = harvest(w, a, t, rng, REASONING, templates, 0.45, 0.2, fl=(3, 9)) + gap(rng, 35)
                    if t >= w.t1:
                        break


PLAN = [  # kind, size at 3,000 benign, scaling
    ("proxy_swarm", proxy_swarm, lambda f: round(180 * f)),
    ("scripted_fleet", scripted_fleet, lambda f: min(60, 20 + round(4 * (f - 1)))),
    ("aged_fleet", aged_fleet, lambda f: round(30 * f)),
    ("slow_drip", slow_drip, lambda f: round(90 * f)),
    ("reseller_front", reseller_front, lambda f: round(10 * math.sqrt(f))),
    ("release_pivot", release_pivot, lambda f: round(25 * f)),
    ("lone_scraper", lone_scraper, lambda f: 1),
    ("tool_trajectory", tool_trajectory, lambda f: round(30 * f)),
    ("timezone_mimic", timezone_mimic, lambda f: round(40 * f)),
]


def build(w: World, plan: NetPlan):
    for i, (kind, fn, size) in enumerate(PLAN, 1):
        cid = "cirrus-%02d-%s" % (i, kind)
        fn(w, plan, w.sub("campaign/" + kind), cid, max(1, size(w.scale)))
