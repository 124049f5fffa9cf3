"""Distillation campaigns of different shapes."""
from . import text as TX
from .benign import person, run_sessions, session_loc, cc_vc
from .core import (DAY, HOUR, MIN, SEC, NEW_MODEL, MODELS_GENERAL, UA_SDK_VC, UA_DEV_VC, CATS_CASUAL, cum_of,
                   pick, ln, cot_for, clamp01, sp_json)
from .net import COUNTRIES

MG = cum_of(MODELS_GENERAL)


def camo(W, r, a, t, loc, key=None, model=None):
    """An ordinary-looking chat request mixed in as camouflage."""
    cat = pick(r, CATS_CASUAL)
    return W.send(r, a, t, key or a.keys[0], loc, a.ua, model or pick(r, a.mp), "messages", ln(r, 170, .9),
                  ln(r, 330, .8), r.random() < 0.5, 0, 1, False, cat, cot_for(r, cat),
                  TX.rand_prompt(r, cat, r.randint(5, 25)), "null")


def harvest_tpls(r, n, cats=("reasoning",), cot=True, **kw):
    return [TX.make_template(r, cats[i % len(cats)], cot=cot, **kw) for i in range(n)]


def _scale(W):
    return W.H / 8.0


# --------------------------------------------------------------- 1 proxy swarm
def proxy_swarm(W, r, N):
    cid = W.add_campaign("atoll-c1-proxy-swarm", "proxy_swarm",
                         "Proxy-run swarm of many light, young accounts created in waves (mostly free credits, some "
                         "unique prepaid cards). Each request exits a different residential proxy address across "
                         "several countries, including households that real users also use. New keys start with "
                         "'hi'/'test' pings, then a few templated step-by-step reasoning prompts at random hours "
                         "round the clock, with a little chat camouflage. Later in the window part of the traffic "
                         "moves to the newly released model.")
    tpls = harvest_tpls(r, 8, ("reasoning", "reasoning", "reasoning", "analysis"))
    sph = sp_json("swarm:%d" % W.seed)
    waves = [W.t0 - int(r.uniform(1.5, 12) * DAY) for _ in range(r.randint(3, 5))]
    ccv = cum_of([("US", 40), ("GB", 10), ("DE", 10), ("CA", 8), ("FR", 6), ("AU", 6), ("NL", 5), ("JP", 5),
                  ("SG", 4), ("BR", 6)])
    hp = W.net.home_pool
    pool = []
    for _ in range(max(300, 3 * N)):
        if hp and r.random() < 0.15:
            pool.append(hp[int(r.random() * len(hp))])
        else:
            pool.append(W.net.residential(r, pick(r, ccv), remember=False))
    mp = cum_of([("claude-opus-4-5", 60), ("claude-sonnet-4-5", 40)])
    for _ in range(N):
        created = r.choice(waves) + int(r.uniform(0, 90) * MIN)
        pay = W.pay_fp(r) if r.random() < 0.35 else None
        a = W.new_account(r, created, None, pay, 1, ("c", cid), "US", 0)
        a.ua = "anthropic-python/0.72.1" if r.random() < 0.85 else "anthropic-python/0.71.0"
        a.mp = mp
        a_sph = sph if r.random() < 0.4 else "null"
        if r.random() < 0.6:
            # country-targeted rotation: a fresh residential exit in one country per request
            cc = pick(r, ccv)
            local = [W.net.residential(r, cc, remember=False) for _ in range(40)]
            if hp and r.random() < 0.5:
                local[:6] = [hp[int(r.random() * len(hp))] for _ in range(6)]
            apool = local
        else:
            apool = pool
        t = W.t0 + int(r.random() * (W.t1 - W.t0) * 0.85)
        if r.random() < 0.8:
            for _ in range(r.randint(1, 2)):
                ts = W.send(r, a, t, a.keys[0], apool[int(r.random() * len(apool))], a.ua,
                            r.choice(["claude-haiku-4-5", "claude-sonnet-4-5"]), "messages", r.randint(8, 20),
                            r.randint(5, 40), False, 0, 1, False, "chat", r.random() * 0.02, TX.greeting(r, top=3),
                            "null")
                if ts is None:
                    break
                t = ts + r.randint(3, 90) * SEC
        k = max(2, int(r.randint(3, 18) * _scale(W)))
        for _ in range(k):
            t += int(ln(r, 17, .8) * MIN)
            if t >= W.t1:
                break
            loc = apool[int(r.random() * len(apool))]
            if r.random() < 0.12:
                camo(W, r, a, t, loc)
                continue
            tp = tpls[int(r.random() * len(tpls))]
            model = NEW_MODEL if t >= W.rel + 30 * MIN and r.random() < 0.4 else pick(r, mp)
            think = r.random() < 0.45
            otok = ln(r, 2600, .5) + (ln(r, 3000, .6) if think else 0)
            W.send(r, a, t, a.keys[0], loc, a.ua, model, "messages", ln(r, 350, .5), otok, r.random() < 0.3, 0, 1,
                   think, tp.cat, r.uniform(0.72, 0.97), tp.draw(r), a_sph)


# --------------------------------------------------------------- 2 aged fleet
def aged_fleet(W, r, N):
    cid = W.add_campaign("atoll-c2-aged-fleet", "aged_fleet",
                         "Fleet of bought aged accounts (created months to years ago, long dormant) reactivated "
                         "together. Cards are shared by groups of accounts; each account sits on its own sticky "
                         "datacenter address. Round-the-clock, jittered, steady load harvesting long code answers "
                         "from a code-task generator behind one shared system prompt, with some chat camouflage.")
    tpls = [TX.make_template(r, "coding", n_fixed=(40, 80), n_slots=(3, 5), slot_len=(2, 5), pool=(40, 200))
            for _ in range(5)]
    rtpls = harvest_tpls(r, 2)
    sph = sp_json("aged:%d" % W.seed)
    wake = W.t0 + int(r.uniform(0.3, 0.3 + 0.25 * W.H) * HOUR)   # the fleet is switched on together
    cards = []
    i = 0
    while i < N:
        g = r.randint(6, 15)
        cards += [W.pay_fp(r)] * g
        i += g
    for i in range(N):
        created = W.t0 - int(r.uniform(180, 1400) * DAY)
        org = W.org_id(r) if r.random() < 0.3 else None
        a = W.new_account(r, created, org, cards[i], r.choice([1, 1, 2]), ("c", cid), "US", 0)
        a.ua = pick(r, UA_DEV_VC)
        a.mp = cum_of([("claude-sonnet-4-5", 60), ("claude-opus-4-5", 40)])
        prov = r.choice(["hetzner", "ovh", "digitalocean", "vultr", "linode"])
        locs = W.net.hosting_block(r, prov, r.choice(["US", "DE", "GB", "NL", "FR"]), r.randint(1, 2))
        rate = r.uniform(15, 45)
        t = wake + int(r.random() * 20 * MIN)
        while t < W.t1:
            loc = locs[int(r.random() * len(locs))]
            x = r.random()
            if x < 0.1:
                ts = camo(W, r, a, t, loc)
            else:
                tp = tpls[int(r.random() * len(tpls))] if x < 0.9 else rtpls[int(r.random() * 2)]
                model = NEW_MODEL if t >= W.rel + HOUR and r.random() < 0.3 else pick(r, a.mp)
                think = r.random() < 0.25
                otok = ln(r, 4200, .5) + (ln(r, 2500, .6) if think else 0)
                cot = r.uniform(0.3, 0.6) if tp.cat == "coding" else r.uniform(0.6, 0.9)
                ts = W.send(r, a, t, r.choice(a.keys), loc, a.ua, model, "messages", ln(r, 600, .6), otok,
                            r.random() < 0.5, 0, 1, think, tp.cat, cot, tp.draw(r), sph if r.random() < 0.7 else "null",
                            p429=0.01)
            if ts is None:
                break
            t += int(r.expovariate(rate) * HOUR) + 2 * SEC
            if r.random() < 0.03:
                t += int(ln(r, 30, .6) * MIN)


# --------------------------------------------------------------- 3 slow drip (in range)
def slow_drip(W, r, N):
    cid = W.add_campaign("atoll-c3-slow-drip", "slow_drip",
                         "Slow drip through many ordinary-looking aged accounts: each has its own card or free "
                         "credits, its own home address in its own country, an official SDK, a handful of requests "
                         "in human sessions during local daytime and moderate outputs, so every single per-account "
                         "feature is within the benign range. The link is collective: prompts come from one task "
                         "generator's template families, shared across hundreds of unrelated accounts, with some "
                         "ordinary chat mixed in.")
    cats = ["reasoning"] * 10 + ["analysis"] * 7 + ["writing"] * 7 + ["coding"] * 6
    tpls = [TX.make_template(r, c, cot=(c == "reasoning" and r.random() < 0.5)) for c in cats]
    for _ in range(N):
        a = person(W, r, ("c", cid), "human", pay_p=0.6)
        a.think_p = 0.15
        if r.random() < 0.1:
            a.sph = sp_json("own:" + a.id)
        n = max(1, int(r.randint(2, 9) * _scale(W)))
        own = [tpls[int(r.random() * len(tpls))] for _ in range(r.randint(3, 6))]

        def make(t, turns, idx, loc, a=a, own=own):
            if r.random() < 0.25:
                cat = pick(r, CATS_CASUAL)
                sh = TX.rand_prompt(r, cat, r.randint(5, 25))
                cot = cot_for(r, cat)
            else:
                tp = own[int(r.random() * len(own))]
                cat, sh = tp.cat, tp.draw(r)
                cot = r.uniform(0.25, 0.6) if cat == "reasoning" else cot_for(r, cat, 0.05)
            think = r.random() < a.think_p
            otok = ln(r, 650, .7) + (ln(r, 900, .7) if think else 0)
            return W.send(r, a, t, a.keys[0], loc, a.ua, W.model(r, a, t), "messages",
                          ln(r, 300, .8) + (turns - 1) * ln(r, 260, .6), otok, r.random() < 0.6, 0, turns, think,
                          cat, cot, sh, a.sph)
        run_sessions(W, r, a, n, "human", make, think_med=70.0, max_sess=2)


# --------------------------------------------------------------- 4 reseller front
def reseller_front(W, r, N):
    cid = W.add_campaign("atoll-c4-reseller-front", "reseller_front",
                         "Reseller organisation fronting for a harvesting operation: one org and one card pay for "
                         "every account, each with its own keys, all calling from a small cloud address block. "
                         "Flat 24/7 load of long reasoning-heavy and long-form writing outputs in a few domains, "
                         "extended thinking on most requests, two shared system prompts.")
    org, pay = W.org_id(r), W.pay_fp(r)
    prov = r.choice(["aws", "gcp"])
    cc = r.choice(["US", "SG"])
    ips = W.net.hosting_block(r, prov, cc, r.randint(3, 8))
    tpls = harvest_tpls(r, 4, ("reasoning",)) + harvest_tpls(r, 2, ("writing",), cot=False, n_fixed=(60, 110))
    sphs = [sp_json("reseller:%d:%d" % (W.seed, i)) for i in range(2)]
    org_created = W.t0 - int(r.uniform(30, 90) * DAY)
    for i in range(N):
        created = org_created + int(r.randint(0, 4) * r.uniform(5, 7) * DAY + r.random() * HOUR)
        a = W.new_account(r, created, org, pay, r.randint(1, 3), ("c", cid), cc, 0)
        a.ua = "python-httpx/0.28.1" if r.random() < 0.6 else "anthropic-python/0.74.1"
        a.mp = cum_of([("claude-opus-4-5", 50), ("claude-sonnet-4-5", 50)])
        rate = r.uniform(6, 20)
        t = W.t0 + int(r.expovariate(rate) * HOUR)
        while t < W.t1:
            loc = ips[int(r.random() * len(ips))]
            x = r.random()
            if x < 0.08:
                ts = camo(W, r, a, t, loc)
            else:
                if x < 0.35:
                    cat = r.choice(["reasoning", "analysis"])
                    sh = TX.rand_prompt(r, cat, r.randint(15, 40))
                else:
                    tp = tpls[int(r.random() * len(tpls))]
                    cat, sh = tp.cat, tp.draw(r)
                cot = r.uniform(0.55, 0.9) if cat != "writing" else r.uniform(0.2, 0.5)
                think = r.random() < 0.6
                model = NEW_MODEL if t >= W.rel + 40 * MIN and r.random() < 0.35 else pick(r, a.mp)
                ts = W.send(r, a, t, a.keys[int(r.random() * len(a.keys))], loc, a.ua, model, "messages",
                            ln(r, 600, .6), ln(r, 3500, .6) + (ln(r, 4000, .6) if think else 0), False, 0, 1, think,
                            cat, cot, sh, sphs[int(r.random() * 2)], p429=0.01)
            if ts is None:
                break
            t += int(r.expovariate(rate) * HOUR) + SEC


# --------------------------------------------------------------- 5 tool-trajectory harvester
def tool_harvester(W, r, N):
    cid = W.add_campaign("atoll-c5-tool-harvester", "tool_harvester",
                         "Tool-use trajectory harvester: a few accounts (cards shared by small groups) behind "
                         "sticky residential proxies that rotate every few hours, many posing as a coding-agent "
                         "client. Synthetic agent tasks around the clock: very many tool definitions, many turns, "
                         "long and growing inputs, little explicit reasoning, one shared system prompt.")
    tasks = [TX.make_template(r, "tool_use", n_fixed=(10, 25), n_slots=(2, 4), slot_len=(2, 4)) for _ in range(6)]
    sph = sp_json("toolharvest:%d" % W.seed)
    cards = []
    while len(cards) < N:
        cards += [W.pay_fp(r)] * r.randint(3, 5)
    ccv = cum_of([("US", 60), ("GB", 20), ("DE", 20)])
    for i in range(N):
        created = W.t0 - int(ln(r, 60, .5) * DAY)
        a = W.new_account(r, created, None, cards[i], 1, ("c", cid), "US", 0)
        a.ua = "claude-code/2.0.14" if r.random() < 0.6 else "anthropic-typescript/0.65.0"
        a.mp = cum_of([("claude-sonnet-4-5", 70), ("claude-opus-4-5", 30)])
        base_tools = r.randint(18, 45)
        cc = pick(r, ccv)
        loc = W.net.residential(r, cc, remember=False)
        rotate_at = W.t0 + int(r.uniform(1, 3) * HOUR)
        t = W.t0 + int(r.random() * 30 * MIN)
        while t < W.t1:
            conv = TX.Conversation()
            conv.add_acc(tasks[int(r.random() * len(tasks))].acc_draw(r))
            ctx = ln(r, 15000, .4)
            tools = base_tools + r.randint(-2, 2)
            model = NEW_MODEL if t >= W.rel + HOUR and r.random() < 0.3 else pick(r, a.mp)
            steps = max(6, int(ln(r, 18, .5)))
            for s in range(steps):
                if t >= rotate_at:
                    loc = W.net.residential(r, cc, remember=False)
                    rotate_at = t + int(r.uniform(1, 3) * HOUR)
                conv.add(r, "tool_use" if r.random() < 0.6 else "coding", r.randint(4, 12))
                think = r.random() < 0.1
                ts = W.send(r, a, t, a.keys[0], loc, a.ua, model, "messages", ctx,
                            ln(r, 600, .7) + (ln(r, 500, .6) if think else 0), r.random() < 0.5, tools, 1 + 2 * s,
                            think, "tool_use" if r.random() < 0.8 else "coding", clamp01(r.betavariate(1.2, 20)),
                            conv.hash(), sph, p429=0.005)
                if ts is None or ts >= W.t1:
                    t = W.t1
                    break
                ctx += ln(r, 4000, .5)
                if ctx > 185000:
                    break
                t = ts + int(r.uniform(1.5, 6) * SEC)
            t += int(ln(r, 6, .8) * MIN)


# --------------------------------------------------------------- 6 release-day pivot
def release_pivot(W, r, N):
    cid = W.add_campaign("atoll-c6-release-pivot", "release_pivot",
                         "Release-day pivot: a pool of prepared accounts (two creation waves, prepaid cards, sticky "
                         "residential proxies, one pinned SDK version) that idle with occasional ordinary chat, then "
                         "within minutes to an hour of the new model's release all switch to it at tens of requests "
                         "an hour, with long thinking-enabled reasoning traces from shared templates.")
    tpls = harvest_tpls(r, 10, ("reasoning", "reasoning", "coding", "analysis"))
    waves = [W.t0 - int(r.uniform(15, 60) * DAY) for _ in range(2)]
    ccv = cum_of([("US", 40), ("JP", 20), ("SG", 15), ("GB", 15), ("KR", 10)])
    for _ in range(N):
        created = r.choice(waves) + int(r.uniform(0, 6) * HOUR)
        a = W.new_account(r, created, None, W.pay_fp(r) if r.random() < 0.8 else None, 1, ("c", cid), "US", 0)
        a.ua = "anthropic-python/0.74.1"
        a.mp = cum_of([("claude-sonnet-4-5", 70), ("claude-haiku-4-5", 30)])
        loc = W.net.residential(r, pick(r, ccv), remember=False)
        for _ in range(int(r.random() * 4)):
            camo(W, r, a, W.sample_t(r, 0, "flat", W.t0, W.rel), loc)
        t = W.rel + max(4 * MIN, int(ln(r, 25, .6) * MIN))
        rate = r.uniform(20, 45)
        while t < W.t1:
            if r.random() < 0.1:
                ts = camo(W, r, a, t, loc)
            else:
                tp = tpls[int(r.random() * len(tpls))]
                think = r.random() < 0.7
                model = NEW_MODEL if r.random() < 0.95 else "claude-opus-4-5"
                ts = W.send(r, a, t, a.keys[0], loc, a.ua, model, "messages", ln(r, 450, .5),
                            ln(r, 3000, .6) + (ln(r, 5000, .6) if think else 0), r.random() < 0.2, 0, 1, think,
                            tp.cat, r.uniform(0.75, 0.97), tp.draw(r), "null", p429=0.01)
            if ts is None:
                break
            t += int(r.expovariate(rate) * HOUR) + SEC


# --------------------------------------------------------------- 7 scripted lockstep fleet
def lockstep_fleet(W, r, N):
    cid = W.add_campaign("atoll-c7-lockstep-fleet", "lockstep_fleet",
                         "Scripted fleet created one after another on the same day, two shared cards, consecutive "
                         "addresses in one hosting block, one HTTP client and one system prompt. It fires in "
                         "synchronised rounds every few minutes (all accounts within a few seconds), asks for "
                         "step-by-step reasoning with thinking on, and switches to the new model together.")
    day = W.t0 - int(r.uniform(3, 8) * DAY)
    cards = [W.pay_fp(r), W.pay_fp(r)]
    ips = W.net.hosting_block(r, "hetzner", "DE", N, consecutive=True)
    tpls = harvest_tpls(r, 3)
    sph = sp_json("lockstep:%d" % W.seed)
    accts = []
    c = day
    for i in range(N):
        c += r.randint(25, 70) * SEC
        a = W.new_account(r, c, None, cards[i % 2], 1, ("c", cid), "DE", 1)
        a.ua = "python-httpx/0.27.2"
        a.mp = cum_of([("claude-opus-4-5", 1)])
        accts.append((a, ips[i], r.randint(0, 2500)))
    P = r.randint(240, 420) * SEC
    switch = W.rel + int(r.uniform(10, 40) * MIN)
    t = W.t0 + int(r.uniform(0.1, 0.2 * W.H) * HOUR)
    while t < W.t1:
        model = NEW_MODEL if t >= switch else "claude-opus-4-5"
        for a, loc, off in accts:
            if r.random() < 0.04:
                continue
            tp = tpls[int(r.random() * len(tpls))]
            W.send(r, a, t + off + r.randint(0, 300), a.keys[0], loc, a.ua, model, "messages", ln(r, 420, .3),
                   ln(r, 3500, .4) + ln(r, 3000, .5), False, 0, 1, True, tp.cat, r.uniform(0.85, 0.98), tp.draw(r),
                   sph, p429=0.02)
        t += P + r.randint(-1500, 1500)


# --------------------------------------------------------------- 8 lone scraper
def lone_scraper(W, r):
    cid = W.add_campaign("atoll-c8-lone-scraper", "lone_scraper",
                         "A single young account on one datacenter address with a generic HTTP client, hammering "
                         "hundreds of reasoning-heavy requests an hour from two parallel workers, round the clock, "
                         "hitting rate limits.")
    a = W.new_account(r, W.t0 - int(r.uniform(1, 4) * DAY), None, W.pay_fp(r), 1, ("c", cid), "US", 0)
    a.ua = "python-requests/2.32.3"
    a.mp = cum_of([("claude-sonnet-4-5", 1)])
    loc = W.net.hosting_block(r, "digitalocean", "US", 1)[0]
    tpls = harvest_tpls(r, 4, ("reasoning", "analysis"))
    for w in range(2):
        t = W.t0 + r.randint(0, 60000)
        while t < W.t1:
            if r.random() < 0.2:
                cat = r.choice(["analysis", "reasoning"])
                sh = TX.rand_prompt(r, cat, r.randint(12, 30))
            else:
                tp = tpls[int(r.random() * len(tpls))]
                cat, sh = tp.cat, tp.draw(r)
            model = NEW_MODEL if t >= W.rel and r.random() < 0.5 else "claude-sonnet-4-5"
            ts = W.send(r, a, t, a.keys[0], loc, a.ua, model, "messages", ln(r, 380, .4), ln(r, 1100, .5), False, 0,
                        1, False, cat, r.uniform(0.6, 0.92), sh, "null", p429=0.12)
            if ts is None:
                break
            t = ts + int(ln(r, 2500, .6))


# --------------------------------------------------------------- 9 time-zone mimic
def tz_mimic(W, r, N):
    cid = W.add_campaign("atoll-c9-tz-mimic", "tz_mimic",
                         "Operator abroad mimicking US Eastern office workers: accounts made in one batch, each on a "
                         "sticky US residential proxy, working a scripted 9-to-5:30 day with a lunch break and "
                         "steady request pacing, drawing moderately reasoning-heavy prompts from shared template "
                         "families with some ordinary chat mixed in.")
    cats = ["reasoning"] * 5 + ["analysis"] * 3 + ["writing"] * 2 + ["coding"] * 2
    tpls = [TX.make_template(r, c, cot=(c == "reasoning")) for c in cats]
    sph = sp_json("tzmimic:%d" % W.seed)
    batch = W.t0 - int(r.uniform(30, 200) * DAY)
    tz = -5
    paired = None
    for i in range(N):
        if r.random() < 0.3:
            if paired is None:
                paired = W.pay_fp(r)
                pay = paired
            else:
                pay, paired = paired, None
        else:
            pay = W.pay_fp(r)
        a = W.new_account(r, batch + int(r.uniform(0, 7) * DAY), None, pay, 1, ("c", cid), "US", tz)
        a.ua = pick(r, UA_DEV_VC)
        a.mp = cum_of([("claude-sonnet-4-5", 70), ("claude-opus-4-5", 30)])
        loc = W.net.residential(r, "US", remember=False)
        use_sph = r.random() < 0.4
        day0 = (W.t0 // DAY) * DAY
        d = day0
        while d < W.t1:
            start = d + int((9 - tz) * HOUR) + int(r.gauss(0, 12) * MIN)
            lunch = d + int((12 - tz) * HOUR) + int(r.gauss(0, 8) * MIN)
            end = d + int((17.5 - tz) * HOUR) + int(r.gauss(0, 12) * MIN)
            t = start
            while t < end and t < W.t1:
                if lunch <= t < lunch + HOUR:
                    t = lunch + HOUR + r.randint(0, 5 * MIN)
                    continue
                if t >= W.t0:
                    if r.random() < 0.15:
                        ts = camo(W, r, a, t, loc)
                    else:
                        tp = tpls[int(r.random() * len(tpls))]
                        think = r.random() < 0.4
                        cot = r.uniform(0.5, 0.85) if tp.cat in ("reasoning", "analysis") else r.uniform(0.2, 0.5)
                        ts = W.send(r, a, t, a.keys[0], loc, a.ua, pick(r, a.mp), "messages", ln(r, 400, .6),
                                    ln(r, 1800, .6) + (ln(r, 2000, .6) if think else 0), r.random() < 0.6, 0, 1,
                                    think, tp.cat, cot, tp.draw(r), sph if use_sph else "null")
                    if ts is None:
                        break
                    t = ts
                t += int(ln(r, 4, .45) * MIN)
            d += DAY


def build(W):
    r = W.Random("%s:campaigns" % W.seed)
    B = W.B
    proxy_swarm(W, r, max(60, round(0.05 * B)))
    aged_fleet(W, r, 20 + round(B / 1000))
    slow_drip(W, r, max(25, round(0.012 * B)))
    reseller_front(W, r, 15 + round(B / 600))
    tool_harvester(W, r, 10 + round(B / 2000))
    release_pivot(W, r, 20 + round(B / 300))
    lockstep_fleet(W, r, 20 + round(B / 3000))
    lone_scraper(W, r)
    tz_mimic(W, r, max(15, round(0.006 * B)))
