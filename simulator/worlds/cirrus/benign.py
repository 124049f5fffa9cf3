"""Benign population of the cirrus world, including every look-alike of the threat brief."""
from __future__ import annotations

import math
from random import Random

from .core import (DAY, HAIKU, HOUR, MINUTE, NEW_MODEL, OPUS, SONNET, Cum, Style, World, beta, flip,
                   greeting, hexhash, iso, lognorm, mix_cot, poisson)
from .net import COUNTRIES, NetPlan, Pool, Mixed, Fixed

SDK_UA = Cum([
    ("anthropic-python/0.74.1", 30), ("anthropic-python/0.73.0", 12), ("anthropic-python/0.71.2", 8),
    ("anthropic-python/0.64.0", 5), ("anthropic-typescript/0.68.0", 16), ("anthropic-typescript/0.65.1", 6),
    ("anthropic-sdk-go/1.14.0", 4), ("anthropic-java/2.9.0", 3), ("curl/8.5.0", 4),
    ("python-requests/2.32.3", 4), ("python-httpx/0.28.1", 3), ("langchain-anthropic/0.3.19", 3),
    ("litellm/1.77.3", 2),
])
M_CHAT = Cum([(SONNET, 66), (HAIKU, 28), (OPUS, 6)])
M_DEV = Cum([(SONNET, 78), (HAIKU, 12), (OPUS, 10)])
M_CHEAP = Cum([(HAIKU, 70), (SONNET, 30)])
M_HEAVY = Cum([(SONNET, 55), (OPUS, 45)])

CHAT_CATS = [("chat", 55), ("writing", 18), ("analysis", 10), ("coding", 9), ("other", 5), ("vision", 3)]
DEV_CATS = [("coding", 55), ("analysis", 13), ("chat", 10), ("tool_use", 10), ("reasoning", 8), ("other", 4)]


def created_ago(w: World, rng: Random, lo_days: float, hi_days: float) -> int:
    """Account creation time, log-uniform age between lo and hi days before the window."""
    d = math.exp(rng.uniform(math.log(lo_days), math.log(hi_days)))
    return w.t0 - int(d * DAY) - rng.randrange(DAY // 24)


def geo(rng: Random, p: float) -> int:
    """Geometric count >= 1 with continuation probability p."""
    n = 1
    while rng.random() < p:
        n += 1
    return n


def gap(rng: Random, median_s: float, sigma: float = 0.8) -> int:
    return int(lognorm(rng, median_s, sigma) * 1000)


def run(w: World, a, starts, sess, rng: Random):
    """Run sessions; an account always shows up at least once in the window."""
    for s in starts:
        sess(a, s, rng)
    tries = 0
    lo = max(w.t0, a.created_ms + MINUTE)
    while a.n == 0 and tries < 6:
        sess(a, lo + rng.randrange(max(1, w.t1 - 20 * MINUTE - lo)), rng)
        tries += 1


def conv_session(w: World, a, st: Style, t: int, rng: Random, n: int, gap_s: float, conv_p: float = 0.6,
                 p429: float = 0.0, first=None, templates=None, tflip=(2, 7), tmpl_p=0.0):
    """Human chat session: n requests, some continuing the conversation (growing turns and context)."""
    w.session(a, rng)
    turns, ctx, sh = 1, 0, 0
    for i in range(n):
        cat, cot, it, ot, think, stream = st.draw(rng)
        model = w.model(a, t, rng)
        if i == 0 and first is not None:
            sh = first
            cat, cot, it, ot, think = "chat", 0.0, rng.randint(8, 22), rng.randint(9, 48), False
            turns, ctx = 1, 0
        elif templates and rng.random() < tmpl_p:
            sh = flip(templates[rng.randrange(len(templates))], rng, *tflip)
            turns, ctx = 1, 0
        elif i > 0 and rng.random() < conv_p:
            turns += 2
            sh = flip(sh, rng, 2, 9)
            it += ctx
        else:
            turns, ctx = 1, 0
            sh = rng.getrandbits(64)
        done = w.req(a, t, rng, model, cat, cot, it, ot, sh, turns=turns, think=think, stream=stream, p429=p429)
        ctx = it + ot
        t = done + gap(rng, gap_s)
        if t >= w.t1:
            return


# ---------------------------------------------------------------- personas

def casual(w: World, plan: NetPlan, rng: Random, n: int, corp_pools):
    st = Style(CHAT_CATS, mix_cot(0.1), it=(220, 1.0), ot=(380, 0.9), stream_p=0.65)
    accts = []
    for _ in range(n):
        cc, tz = plan.country(rng)
        a = w.account(created_ms=created_ago(w, rng, 20, 1100), pay=w.card() if rng.random() < 0.62 else None,
                      net=plan.consumer(rng, cc, corp_pool=corp_pools), ua=SDK_UA.pick(rng), tz=tz, cc=cc,
                      models=M_CHAT, group="casual_chat")
        w.adopt(a, rng, 0.15)
        accts.append(a)
    w.add_group("casual_chat", "casual_chat", accts)

    def sess(a, t, r):
        conv_session(w, a, st, t, r, geo(r, 0.55), 70, conv_p=0.65)
    for a in accts:
        run(w, a, w.starts(rng, "human", a.tz, 0.18, minimum=1), sess, rng)


def free_tier(w: World, plan: NetPlan, rng: Random, n: int):
    st = Style([("chat", 50), ("coding", 18), ("writing", 12), ("analysis", 8), ("reasoning", 6), ("other", 6)],
               mix_cot(0.15), it=(160, 1.0), ot=(350, 0.9), stream_p=0.4)
    accts = []
    for _ in range(n):
        cc, tz = plan.country(rng)
        in_window = rng.random() < 0.35
        a = w.account(created_ms=w.t0 - rng.randrange(72 * HOUR), pay=None,
                      net=plan.consumer(rng, cc, home=0.55, mobile=0.35, vpn=0.08, corp=0.02),
                      ua=Cum([("anthropic-python/0.74.1", 55), ("anthropic-typescript/0.68.0", 20),
                              ("curl/8.5.0", 15), ("python-requests/2.32.3", 10)]).pick(rng),
                      tz=tz, cc=cc, models=M_CHAT, group="new_free_tier")
        a.last = 1 if in_window else 0
        w.adopt(a, rng, 0.25)
        accts.append(a)
    w.add_group("new_free_tier", "new_free_tier", accts)

    def sess(a, t, r):
        if a.last == 1:  # account created minutes before its first request
            a.created_ms = t - r.randint(40_000, 25 * MINUTE)
            a.created = _iso(a.created_ms)
            a.last = 2
            first = greeting(r) if r.random() < 0.8 else None
        elif a.n == 0:
            first = greeting(r) if r.random() < (0.6 if w.t0 - a.created_ms < DAY else 0.25) else None
        else:
            first = None
        conv_session(w, a, st, t, r, geo(r, 0.6), 40, conv_p=0.5, p429=0.02, first=first)
    for a in accts:
        run(w, a, w.starts(rng, "human", a.tz, 0.12, minimum=1), sess, rng)


def _iso(ms):
    return iso(ms // 1000 * 1000)


def developers(w: World, plan: NetPlan, rng: Random, n: int, corp_pools):
    st = Style(DEV_CATS, mix_cot(0.2), it=(1400, 1.0), ot=(700, 0.9), stream_p=0.45, think_p=0.08)
    accts = []
    for _ in range(n):
        cc, tz = plan.country(rng)
        r = rng.random()
        if r < 0.12:
            net = Pool(plan.hosting_addrs(rng, rng.randint(1, 2)))
        else:
            net = plan.consumer(rng, cc, home=0.55, mobile=0.07, vpn=0.12, corp=0.26, corp_pool=corp_pools)
        a = w.account(created_ms=created_ago(w, rng, 10, 1000), pay=w.card(), keys=geo(rng, 0.3), net=net,
                      ua=SDK_UA.pick(rng), tz=tz, cc=cc, models=M_DEV, group="developers",
                      sp=hexhash(f"dev-sp/{w.seed}/{rng.random()}") if rng.random() < 0.35 else None)
        a.last = [rng.getrandbits(64) for _ in range(rng.randint(1, 3))]  # the app prompts they iterate on
        w.adopt(a, rng, 0.35, delay_min=60)
        accts.append(a)
    w.add_group("developers", "developer", accts)

    def sess(a, t, r):
        tp = 0.6 if r.random() < 0.3 else 0.0
        conv_session(w, a, st, t, r, geo(r, 0.85), 45, conv_p=0.55, templates=a.last, tmpl_p=tp, tflip=(1, 6))
    for a in accts:
        run(w, a, w.starts(rng, "office", a.tz, 0.35, minimum=1), sess, rng)


FRAMEWORKS = [  # name, user agent, tool definitions shipped, share of IDE users
    ("vecto", "vecto-ide/1.42.0", 14, 0.5),
    ("harbor", "harbor-agent/0.19.3", 22, 0.22),
    ("loomcode", "loomcode/3.1.7", 9, 0.17),
    ("quayside", "quayside-cli/0.8.2", 31, 0.11),
]


def ide_users(w: World, plan: NetPlan, rng: Random, n: int, corp_pools):
    fw_state = {}
    for name, ua, tools, share in FRAMEWORKS:
        sps = [hexhash(f"framework-sp/{name}/v{v}") for v in (1, 2)]
        support = w.release + int(rng.uniform(25, 160) * MINUTE)  # framework ships the new model
        fw_state[name] = (ua, tools, sps, support)
    accts = []
    for i, (name, ua, tools, share) in enumerate(FRAMEWORKS):
        k = int(round(n * share)) if i < len(FRAMEWORKS) - 1 else n - sum(int(round(n * s)) for *_, s in FRAMEWORKS[:-1])
        grp = []
        for _ in range(k):
            cc, tz = plan.country(rng)
            sps = fw_state[name][2]
            a = w.account(created_ms=created_ago(w, rng, 5, 800), pay=w.card() if rng.random() < 0.93 else None,
                          net=plan.consumer(rng, cc, home=0.55, mobile=0.03, vpn=0.1, corp=0.32, corp_pool=corp_pools),
                          ua=ua, tz=tz, cc=cc, models=M_DEV, group=f"ide_{name}",
                          sp=sps[0] if rng.random() < 0.88 else sps[1])
            a.last = tools + (rng.randint(1, 12) if rng.random() < 0.35 else 0)  # MCP extras
            if rng.random() < 0.55:
                a.adopt_ms = fw_state[name][3] + int(rng.expovariate(1 / 50.0) * MINUTE)
                a.new_share = rng.uniform(0.4, 0.95)
            grp.append(a)
        w.add_group(f"ide_{name}", "ide_agent_framework", grp)
        accts.extend(grp)
    cot = beta(1.0, 14.0)

    def sess(a, t, r):
        w.session(a, r)
        for _task in range(geo(r, 0.5)):
            steps = int(min(90, lognorm(r, 11, 0.7))) + 1
            sh = r.getrandbits(64)
            ctx = int(lognorm(r, 9000, 0.5))
            model = w.model(a, t, r)
            turns = 1
            for s in range(steps):
                ot = max(20, int(lognorm(r, 380, 0.9)))
                cat = "tool_use" if r.random() < 0.6 else "coding"
                done = w.req(a, t, r, model, cat, cot(r), min(ctx, 195_000), ot, sh, turns=turns, tools=a.last,
                             stream=True, think=r.random() < 0.04)
                ctx += ot + int(lognorm(r, 1600, 1.0))
                turns += 2
                sh = flip(sh, r, 0, 3)
                t = done + gap(r, 6, 0.9)  # tool execution, occasional human review
                if t >= w.t1:
                    return
            t += gap(r, 240, 1.0)
    for a in accts:
        run(w, a, w.starts(rng, "office", a.tz, 0.3, minimum=1), sess, rng)


PLUGINS = [  # name, ua, #templates, flip range, categories, cot, it, ot, share
    ("quillwrite", "quillwrite-plugin/3.2.0", 6, (2, 8), [("writing", 85), ("chat", 15)], mix_cot(0.02), (420, 0.8), (380, 0.7), 0.35),
    ("mailmind", "mailmind/1.9.4", 4, (3, 10), [("writing", 60), ("analysis", 40)], mix_cot(0.0), (900, 0.7), (220, 0.6), 0.25),
    ("sheetsmith", "sheetsmith-addon/5.0.1", 5, (2, 6), [("coding", 55), ("analysis", 45)], mix_cot(0.1), (300, 0.6), (160, 0.8), 0.25),
    # a homework helper that always asks for worked steps
    ("tutorly", "tutorly-extension/2.7.3", 3, (3, 9), [("reasoning", 65), ("chat", 20), ("writing", 15)],
     beta(7.0, 2.2, 0.3, 1.0), (180, 0.7), (900, 0.6), 0.15),
]


def plugin_users(w: World, plan: NetPlan, rng: Random, n: int):
    accts = []
    for i, (name, ua, nt, fl, cats, cot, it, ot, share) in enumerate(PLUGINS):
        k = int(round(n * share)) if i < len(PLUGINS) - 1 else n - sum(int(round(n * p[-1])) for p in PLUGINS[:-1])
        templates = [rng.getrandbits(64) for _ in range(nt)]
        st = Style(cats, cot, it=it, ot=ot, stream_p=0.8)
        sp = hexhash(f"plugin-sp/{name}")
        grp = []
        for _ in range(k):
            cc, tz = plan.country(rng)
            a = w.account(created_ms=created_ago(w, rng, 2, 900), pay=w.card() if rng.random() < 0.7 else None,
                          net=plan.consumer(rng, cc, home=0.6, mobile=0.2, vpn=0.06, corp=0.14), ua=ua, tz=tz, cc=cc,
                          models=M_CHEAP if name != "tutorly" else M_CHAT, group=f"plugin_{name}", sp=sp)
            a.last = (st, templates, fl)
            w.adopt(a, rng, 0.1, delay_min=120)
            grp.append(a)
        w.add_group(f"plugin_{name}", "plugin_templates", grp)
        accts.extend(grp)

    def sess(a, t, r):
        st, templates, fl = a.last
        conv_session(w, a, st, t, r, geo(r, 0.7), 90, conv_p=0.15, templates=templates, tflip=fl, tmpl_p=0.92)
    for a in accts:
        run(w, a, w.starts(rng, "human", a.tz, 0.2, minimum=1), sess, rng)


BOTS = [  # name, ua, period choices (s), templates, categories, it, ot, share
    ("relaybot", "relaybot/2.1.0", [300, 600, 900, 1800], 2, [("writing", 70), ("analysis", 30)], (3200, 0.6), (320, 0.5), 0.6),
    ("ticketsort", "ticketsort-worker/4.3.1", [120, 180, 240, 600], 1, [("analysis", 80), ("other", 20)], (700, 0.5), (60, 0.4), 0.4),
]


def bots(w: World, plan: NetPlan, rng: Random, n: int):
    """Integration bots: vendor-hosted, shared templates and system prompt, machine-regular timing."""
    for i, (name, ua, periods, nt, cats, it, ot, share) in enumerate(BOTS):
        k0 = min(n, max(1, int(round(n * BOTS[0][-1]))))
        k = k0 if i == 0 else n - k0
        if k <= 0:
            continue
        templates = [rng.getrandbits(64) for _ in range(nt)]
        egress = plan.hosting_addrs(rng, 4, asn=16509)
        sp = hexhash(f"bot-sp/{name}")
        st = Style(cats, beta(1.0, 20.0), it=it, ot=ot, stream_p=0.0)
        grp = []
        for _ in range(k):
            cc, tz = plan.country(rng)
            a = w.account(created_ms=created_ago(w, rng, 15, 700), pay=w.card(), net=Pool(egress), ua=ua, tz=tz, cc=cc,
                          models=Cum([(HAIKU, 80), (SONNET, 20)]), group=f"bots_{name}", sp=sp,
                          org=w.org() if rng.random() < 0.5 else None)
            grp.append(a)
            period = periods[rng.randrange(len(periods))] * 1000
            t = w.t0 + rng.randrange(period)
            while t < w.t1:
                w.session(a, rng)
                cat, cot, i_t, o_t, think, stream = st.draw(rng)
                sh = flip(templates[rng.randrange(nt)], rng, 2, 6)
                w.req(a, t + int(rng.uniform(0, 900)), rng, w.model(a, t, rng), cat, cot, i_t, o_t, sh)
                t += period
        w.add_group(f"bots_{name}", "integration_bot", grp)


def teams(w: World, plan: NetPlan, rng: Random, n: int, corp_pools):
    roles = {
        "dev": Style(DEV_CATS, mix_cot(0.15), it=(1800, 0.9), ot=(650, 0.8), stream_p=0.5),
        "analyst": Style([("analysis", 55), ("writing", 20), ("chat", 15), ("reasoning", 10)], mix_cot(0.25),
                         it=(2500, 0.9), ot=(600, 0.8), stream_p=0.5),
        "writer": Style([("writing", 70), ("chat", 20), ("other", 10)], mix_cot(0.03), it=(700, 0.8),
                        ot=(1100, 0.7), stream_p=0.8),
    }
    role_pick = Cum([("dev", 50), ("analyst", 30), ("writer", 20)])
    made, idx, accts = 0, 0, []
    while made < n:
        size = min(n - made, max(3, min(40, int(lognorm(rng, 8, 0.6)))))
        if n - made - size < 3:
            size = n - made
        idx += 1
        name = "team_%03d" % idx
        cc, tz = plan.country(rng)
        org, pay = w.org(), w.card()
        sp = hexhash(f"team-sp/{w.seed}/{name}")
        office = plan.corporate(rng, cc, k=rng.randint(1, 2))
        corp_pools.append(office)
        ua = SDK_UA.pick(rng)
        base = created_ago(w, rng, 25, 800)
        adopt = rng.random() < 0.3
        adopt_at = w.release + int(rng.uniform(30, 300) * MINUTE)
        grp = []
        for _ in range(size):
            created = base + rng.randrange(2 * HOUR) if rng.random() < 0.7 else base + rng.randrange(max(1, w.t0 - base - DAY))
            net = Pool(office) if rng.random() < 0.75 else Mixed([(0.5, Pool(office)), (0.5, plan.home(rng, cc))])
            a = w.account(created_ms=created, pay=pay, org=org, net=net, ua=ua if rng.random() < 0.85 else SDK_UA.pick(rng),
                          sp=sp, tz=tz, cc=cc, models=M_DEV, group=name)
            a.last = (roles[role_pick.pick(rng)], rng.random() < 0.8)
            if adopt:
                a.adopt_ms, a.new_share = adopt_at, 0.7
            grp.append(a)
        w.add_group(name, "team", grp)
        accts.extend(grp)
        made += size

    def sess(a, t, r):
        conv_session(w, a, a.last[0], t, r, geo(r, 0.8), 50, conv_p=0.6)
    for a in accts:
        if not a.last[1]:
            a.sp = None
        run(w, a, w.starts(rng, "office", a.tz, 0.4, minimum=1), sess, rng)


def enterprises(w: World, plan: NetPlan, rng: Random, n: int):
    """Enterprise batch jobs: one org and invoice card, several keys, templated, regular, 24/7."""
    made, idx = 0, 0
    while made < n:
        size = min(n - made, rng.randint(4, 15))
        if n - made - size < 4:
            size = n - made
        idx += 1
        name = "enterprise_%02d" % idx
        org, pay = w.org(), w.card()
        egress = plan.hosting_addrs(rng, rng.randint(2, 5), asn=[16509, 8075, 15169][rng.randrange(3)])
        cc = egress[0][2]
        ua = ["anthropic-python/0.64.0", "anthropic-java/2.9.0", "anthropic-python/0.71.2"][rng.randrange(3)]
        sp_pool = [hexhash(f"ent-sp/{w.seed}/{name}/{j}") for j in range(rng.randint(1, 4))]
        grp = []
        for _ in range(size):
            a = w.account(created_ms=created_ago(w, rng, 60, 900), pay=pay, org=org, keys=rng.randint(2, 6),
                          net=Pool(egress), ua=ua, sp=sp_pool[rng.randrange(len(sp_pool))], tz=0, cc=cc,
                          models=Cum([(HAIKU, 55), (SONNET, 45)]), group=name)
            grp.append(a)
            w.adopt(a, rng, 0.1, delay_min=150, share=(1.0, 1.0))
            templates = [rng.getrandbits(64) for _ in range(rng.randint(1, 3))]
            cat = ["analysis", "writing", "other", "coding"][rng.randrange(4)]
            cotv = 0.45 if rng.random() < 0.15 else 0.05
            it_med, ot_med = lognorm(rng, 3500, 0.6), lognorm(rng, 350, 0.6)
            w.session(a, rng)
            if rng.random() < 0.5:  # hourly batch submission
                off = rng.randrange(HOUR)
                h = (w.t0 // HOUR) * HOUR + off
                while h < w.t1:
                    t = h
                    for _ in range(rng.randint(15, 80)):
                        w.req(a, t, rng, w.model(a, h, rng), cat, cotv * rng.uniform(0.5, 1.5),
                              int(lognorm(rng, it_med, 0.4)), int(lognorm(rng, ot_med, 0.4)),
                              flip(templates[rng.randrange(len(templates))], rng, 1, 5), endpoint="batch")
                        t += rng.randint(50, 4000)
                    h += HOUR
            else:  # continuous pipeline with a fixed cadence
                period = rng.randint(45, 240) * 1000
                t = w.t0 + rng.randrange(period)
                while t < w.t1:
                    w.req(a, t + int(rng.gauss(0, period * 0.04)), rng, w.model(a, t, rng), cat, cotv * rng.uniform(0.5, 1.5),
                          int(lognorm(rng, it_med, 0.4)), int(lognorm(rng, ot_med, 0.4)),
                          flip(templates[rng.randrange(len(templates))], rng, 1, 5))
                    t += period
        w.add_group(name, "enterprise_batch", grp)
        made += size


def cohorts(w: World, plan: NetPlan, rng: Random, n: int):
    """Course cohorts: new free accounts behind a campus NAT, assignment templates, step-by-step,
    a lab session and a burst before the deadline."""
    st = Style([("reasoning", 45), ("coding", 40), ("chat", 10), ("writing", 5)], beta(6.0, 2.0, 0.25, 1.0),
               it=(260, 0.7), ot=(850, 0.6), stream_p=0.3, think_p=0.05)
    made, idx = 0, 0
    ccs = [c for c in ("US", "GB", "DE", "FR", "IN", "JP", "KR", "CA", "AU", "BR", "SG", "NL")]
    while made < n:
        size = min(n - made, rng.randint(20, 80))
        if n - made - size < 20:
            size = n - made
        idx += 1
        name = "cohort_%02d" % idx
        cc = ccs[rng.randrange(len(ccs))]
        nat, cc = plan.campus(rng, cc, k=rng.randint(1, 2))
        tz = plan.us_tz.pick(rng) if cc == "US" else COUNTRIES[cc][0]
        signup = w.t0 - int(rng.uniform(3, 25) * DAY)
        templates = [rng.getrandbits(64) for _ in range(rng.randint(2, 4))]
        deadline = w.t0 + int(w.span * rng.uniform(0.55, 1.05))
        lab = w.t0 + int(w.span * rng.uniform(0.05, 0.5))
        ua = "anthropic-python/0.73.0"
        grp = []
        for _ in range(size):
            late = rng.random() < 0.2
            created = lab - rng.randint(1, 12) * MINUTE if late else signup + rng.randrange(3 * HOUR)
            net = Pool(nat) if rng.random() < 0.8 else Mixed([(0.5, Pool(nat)), (0.5, plan.consumer(rng, cc, vpn=0.0, corp=0.0))])
            a = w.account(created_ms=created, pay=None, net=net, ua=ua if rng.random() < 0.85 else SDK_UA.pick(rng),
                          tz=tz, cc=cc, models=Cum([(SONNET, 60), (HAIKU, 40)]), group=name)
            a.last = late
            w.adopt(a, rng, 0.15)
            grp.append(a)
        w.add_group(name, "course_cohort", grp)
        made += size

        def sess(a, t, r, _tm=templates):
            first = greeting(r) if (a.last and a.n == 0 and r.random() < 0.85) else None
            conv_session(w, a, st, t, r, geo(r, 0.8), 50, conv_p=0.35, p429=0.02, first=first, templates=_tm,
                         tflip=(3, 10), tmpl_p=0.75)
        for a in grp:
            starts = []
            if a.last or rng.random() < 0.7:
                starts.append(lab + rng.randrange(15 * MINUTE))
            for _ in range(poisson(rng, 2.2)):  # ramp towards the deadline
                s = deadline - int(rng.expovariate(1 / 100.0) * MINUTE)
                if w.t0 <= s < w.t1 and (not a.last or s > a.created_ms):
                    starts.append(s)
            starts.sort()
            if a.last and not starts:
                starts = [lab + rng.randrange(15 * MINUTE)]
            run(w, a, starts, sess, rng)


def labs(w: World, plan: NetPlan, rng: Random, n: int):
    """Benchmark researchers: templated reasoning suites in heavy bursts, any hour, new model early."""
    st_run = Style([("reasoning", 65), ("coding", 20), ("analysis", 15)], beta(8.0, 1.8, 0.2, 1.0),
                   it=(700, 0.8), ot=(1700, 0.8), stream_p=0.1, think_p=0.5)
    st_chat = Style(DEV_CATS, mix_cot(0.3), it=(900, 1.0), ot=(600, 0.9), stream_p=0.5)
    made, idx = 0, 0
    while made < n:
        size = min(n - made, rng.randint(1, 6))
        idx += 1
        name = "lab_%02d" % idx
        cc, tz = plan.country(rng, Cum([("US", 40), ("GB", 10), ("DE", 10), ("FR", 6),
                                        ("JP", 6), ("KR", 6), ("CA", 8), ("SG", 4), ("IN", 6), ("NL", 4)]))
        if rng.random() < 0.55:
            addrs, cc = plan.campus(rng, cc, k=rng.randint(1, 3))
        else:
            addrs = plan.hosting_addrs(rng, rng.randint(1, 4))
        org = w.org() if rng.random() < 0.5 else None
        pay = w.card() if org else None
        suites = [rng.getrandbits(64) for _ in range(rng.randint(2, 6))]
        grp = []
        for _ in range(size):
            a = w.account(created_ms=created_ago(w, rng, 15, 900), pay=pay or w.card(), org=org, net=Pool(addrs),
                          ua=["anthropic-python/0.74.1", "anthropic-python/0.73.0", "litellm/1.77.3",
                              "python-httpx/0.28.1"][rng.randrange(4)], tz=tz, cc=cc, models=M_HEAVY, group=name)
            grp.append(a)
        w.add_group(name, "benchmark_lab", grp)
        made += size
        for a in grp:
            w.session(a, rng)
            runs = []
            if rng.random() < 0.4:
                runs.append((w.t0 + rng.randrange(w.span), None))
            if rng.random() < 0.7 and w.release < w.t1:  # evaluate the new release
                runs.append((w.release + int(rng.expovariate(1 / 80.0) * MINUTE), NEW_MODEL))
            for start, model in runs:
                suite = suites[rng.randrange(len(suites))]
                t = start
                conc_gap = lognorm(rng, 2.5, 0.5)
                for _ in range(rng.randint(50, 300)):
                    cat, cot, it, ot, think, stream = st_run.draw(rng)
                    w.req(a, t, rng, model or a.models.pick(rng), cat, cot, it, ot, flip(suite, rng, 3, 12),
                          think=think, stream=stream, p429=0.03)
                    t += int(lognorm(rng, conc_gap, 0.7) * 1000)
                    if t >= w.t1:
                        break

            def sess(a, t, r):
                conv_session(w, a, st_chat, t, r, geo(r, 0.7), 60, conv_p=0.5)
            run(w, a, w.starts(rng, "nightowl", a.tz, 0.12), sess, rng)


def writers(w: World, plan: NetPlan, rng: Random, n: int):
    st = Style([("writing", 78), ("chat", 12), ("analysis", 10)], mix_cot(0.05), it=(900, 1.0), ot=(2600, 0.6),
               stream_p=0.9)
    accts = []
    for _ in range(n):
        cc, tz = plan.country(rng)
        a = w.account(created_ms=created_ago(w, rng, 20, 1000), pay=w.card(), net=plan.consumer(rng, cc),
                      ua=SDK_UA.pick(rng), tz=tz, cc=cc, models=M_HEAVY, group="long_form_writers")
        w.adopt(a, rng, 0.2)
        accts.append(a)
    w.add_group("long_form_writers", "long_form_writer", accts)

    def sess(a, t, r):
        conv_session(w, a, st, t, r, geo(r, 0.75), 150, conv_p=0.7)
    for a in accts:
        run(w, a, w.starts(rng, "evening", a.tz, 0.2, minimum=1), sess, rng)


def startups(w: World, plan: NetPlan, rng: Random, n: int):
    """Cloud-hosted start-ups: their product's traffic, shared template and system prompt, hosting ASN."""
    kinds = [
        Style([("chat", 70), ("writing", 20), ("other", 10)], mix_cot(0.05), it=(900, 0.7), ot=(300, 0.7), stream_p=0.9),
        Style([("coding", 80), ("analysis", 20)], mix_cot(0.1), it=(2500, 0.8), ot=(600, 0.8), stream_p=0.6),
        Style([("writing", 80), ("analysis", 20)], mix_cot(0.02), it=(600, 0.7), ot=(900, 0.6), stream_p=0.3),
        Style([("analysis", 60), ("reasoning", 40)], mix_cot(0.5), it=(1500, 0.8), ot=(700, 0.7), stream_p=0.2),
    ]
    made, idx = 0, 0
    while made < n:
        size = min(n - made, rng.randint(1, 3))
        idx += 1
        name = "startup_%03d" % idx
        cc, tz = plan.country(rng)
        org, pay = w.org(), w.card()
        egress = plan.hosting_addrs(rng, rng.randint(1, 3))
        sp = hexhash(f"startup-sp/{w.seed}/{name}")
        st = kinds[rng.randrange(len(kinds))]
        templates = [rng.getrandbits(64) for _ in range(rng.randint(2, 4))]
        ua = ["anthropic-typescript/0.68.0", "anthropic-python/0.74.1", "anthropic-sdk-go/1.14.0"][rng.randrange(3)]
        rate = lognorm(rng, 7, 0.6)
        grp = []
        for _ in range(size):
            a = w.account(created_ms=created_ago(w, rng, 10, 500), pay=pay, org=org, keys=rng.randint(1, 3),
                          net=Pool(egress), ua=ua, sp=sp, tz=tz, cc=cc, models=M_CHAT, group=name)
            w.adopt(a, rng, 0.25, delay_min=120, share=(0.2, 0.6))
            grp.append(a)
            w.session(a, rng)
            for t in w.starts(rng, "human", tz, rate, minimum=1):
                cat, cot, it, ot, think, stream = st.draw(rng)
                sh = flip(templates[rng.randrange(len(templates))], rng, 3, 10) if rng.random() < 0.7 else rng.getrandbits(64)
                w.req(a, t, rng, w.model(a, t, rng), cat, cot, it, ot, sh, stream=stream, turns=1 + 2 * (geo(rng, 0.4) - 1))
        w.add_group(name, "cloud_startup", grp)
        made += size


def newcomers(w: World, plan: NetPlan, rng: Random, n: int):
    """Early adopters who sign up because of the new model release."""
    st = Style([("reasoning", 30), ("coding", 25), ("chat", 25), ("writing", 10), ("analysis", 10)], mix_cot(0.35),
               it=(350, 1.0), ot=(900, 0.9), stream_p=0.6, think_p=0.3)
    accts = []
    for _ in range(n):
        cc, tz = plan.country(rng)
        c = w.release + int(rng.expovariate(1 / 60.0) * MINUTE)
        if c > w.t1 - 15 * MINUTE:
            c = w.release + rng.randrange(max(MINUTE, w.t1 - 15 * MINUTE - w.release))
        a = w.account(created_ms=c, pay=w.card() if rng.random() < 0.55 else None, net=plan.consumer(rng, cc),
                      ua=SDK_UA.pick(rng), tz=tz, cc=cc, models=M_CHAT, group="release_newcomers")
        a.adopt_ms, a.new_share = c, rng.uniform(0.75, 1.0)
        accts.append(a)
    w.add_group("release_newcomers", "early_adopter", accts)

    def sess(a, t, r):
        first = greeting(r) if a.n == 0 and r.random() < 0.45 else None
        conv_session(w, a, st, t, r, geo(r, 0.8), 50, conv_p=0.5, first=first)
    for a in accts:
        starts = [a.created_ms + rng.randint(30_000, 20 * MINUTE)]
        if rng.random() < 0.4:
            starts.append(starts[0] + int(rng.uniform(30, 200) * MINUTE))
        run(w, a, [s for s in starts if s < w.t1], sess, rng)


MIX = [  # persona, share of benign accounts (casual takes the remainder)
    ("free_tier", 0.10), ("developers", 0.12), ("ide", 0.14), ("plugins", 0.08), ("bots", 0.01),
    ("teams", 0.10), ("enterprises", 0.012), ("cohorts", 0.03), ("labs", 0.015), ("writers", 0.03),
    ("startups", 0.03), ("newcomers", 0.02),
]


def build(w: World, plan: NetPlan):
    n = w.n_benign
    counts = {k: int(round(n * f)) for k, f in MIX}
    counts["casual"] = n - sum(counts.values())
    corp_pools: list = []
    # teams first: their office NATs are shared by employees using personal accounts
    teams(w, plan, w.sub("teams"), counts["teams"], corp_pools)
    crng = w.sub("corp-extra")
    for _ in range(max(5, n // 150)):
        cc, _tz = plan.country(crng)
        corp_pools.append(plan.corporate(crng, cc, k=crng.randint(1, 3)))
    casual(w, plan, w.sub("casual"), counts["casual"], corp_pools)
    free_tier(w, plan, w.sub("free"), counts["free_tier"])
    developers(w, plan, w.sub("dev"), counts["developers"], corp_pools)
    ide_users(w, plan, w.sub("ide"), counts["ide"], corp_pools)
    plugin_users(w, plan, w.sub("plugins"), counts["plugins"])
    bots(w, plan, w.sub("bots"), counts["bots"])
    enterprises(w, plan, w.sub("ent"), counts["enterprises"])
    cohorts(w, plan, w.sub("cohorts"), counts["cohorts"])
    labs(w, plan, w.sub("labs"), counts["labs"])
    writers(w, plan, w.sub("writers"), counts["writers"])
    startups(w, plan, w.sub("startups"), counts["startups"])
    newcomers(w, plan, w.sub("newcomers"), counts["newcomers"])
