"""Distillation operators. Each buys or makes accounts, rents network, and
runs a harvest with its own shape: ramps, pauses, waves, rounds, pivots."""
from . import net as N
from .core import (DAY, HOUR, HUMAN, MIN, NULL, NEW_MODEL, OFFICIAL, SEC, HP, BankPrompt, Mix,
                   Template, WChoice, clip, curve_at, custom_rhythm, geom, hexs, human_stream,
                   lnorm, model_picker, poisson, sdk_ua, sys_hash, drift)

CODENAMES = ('skerry', 'moraine', 'kelp', 'brine', 'gannet', 'sill', 'hardanger', 'geiranger',
             'lysefjord', 'maelstrom', 'eider', 'fulmar', 'tidewrack', 'shingle', 'katabatic')

TARGETS = (
    (('US', 70), ('CA', 8), ('GB', 12), ('DE', 10)),
    (('US', 40), ('GB', 20), ('DE', 15), ('FR', 10), ('NL', 5), ('SE', 10)),
    (('IN', 30), ('US', 40), ('SG', 10), ('JP', 10), ('KR', 10)),
    (('BR', 25), ('MX', 15), ('US', 45), ('CA', 15)),
)
TZ_OF = {'US': -5, 'IN': 5.5, 'BR': -3, 'GB': 0, 'DE': 1}


def camp_start(W, rng, lo_h=1.1, hi_frac=0.4):
    lo = int(lo_h * HOUR)
    hi = max(lo + 20 * MIN, int(hi_frac * W.T))
    return rng.randint(lo, hi)


def make_pauses(rng, start, T, k, dur=(20, 80)):
    out = []
    for _ in range(k):
        a = rng.randint(start + 40 * MIN, max(start + 41 * MIN, T - 30 * MIN))
        out.append((a, a + rng.randint(*dur) * MIN))
    out.sort()
    return out


def paused(t, ps):
    for a, b in ps:
        if a <= t < b:
            return b
    return 0


def batch_created(rng, nb, lo_days, hi_days, spread_days):
    return [(-int(rng.uniform(lo_days, hi_days) * DAY), int(rng.uniform(0.3, spread_days) * DAY))
            for _ in range(nb)]


# ------------------------------------------------------------------ swarm
def swarm_stream(W, a, t_act, t_end, c):
    rng = a.rng
    rate = c['rate'](rng) / HOUR
    t = t_act
    first = True
    warm = rng.random() < 0.8
    tz, ps, pick = c['tz'], c['pauses'], c['net']
    while True:
        t += int(rng.expovariate(rate)) + 1
        if t >= t_end or t >= W.T:
            return
        if rng.random() > 0.45 + 0.55 * curve_at(HUMAN, tz, t):
            continue
        pe = paused(t, ps)
        if pe:
            t = pe + rng.randint(0, 10 * MIN)
            continue
        for _ in range(1 + geom(rng, 2.0)):
            net = pick(rng, t, False)
            m = c['model'](rng, t)
            if first:
                first = False
                if warm:
                    e = a.greet(t, net, m)
                    if e is None:
                        return
                    yield e
                    t = e[0] + int(lnorm(rng, 30000, 0.9))
                    continue
            if rng.random() < 0.13:
                e = a.fire(t, net, m, 'chat', int(lnorm(rng, 150, 0.8)), int(lnorm(rng, 300, 0.8)), 0, 1,
                           False, clip(rng.gauss(0.05, 0.05), 0, 1), rng.getrandbits(64), NULL,
                           rng.random() < 0.5)
            else:
                tk = rng.random() < 0.4
                out = int(clip(lnorm(rng, 1500, 0.6) + (lnorm(rng, 1800, 0.7) if tk else 0), 50, 32000))
                e = a.fire(t, net, m, 'reasoning' if rng.random() < 0.82 else 'analysis',
                           int(lnorm(rng, 420, 0.6)), out, 0, 1, tk, clip(rng.gauss(0.83, 0.07), 0, 1),
                           rng.choice(c['tpls']).variant(rng),
                           c['sys'] if rng.random() < c['p_sys'] else NULL, rng.random() < 0.5,
                           'messages', 0.006)
            if e is None:
                return
            yield e
            t = e[0] + int(lnorm(rng, 35000, 0.9))


def swarm(W, cid):
    rng = W.rng(cid)
    W.campaign(cid, 'proxy_swarm', 'Aged accounts bought in batches and run through a rotating '
               'residential proxy pool with human-like jitter, each account sending a few templated '
               'step-by-step reasoning requests before being retired for the next batch.')
    n = int(clip(W.N * rng.uniform(0.08, 0.2), 200, 4000))
    start = camp_start(W, rng)
    span = W.T - start
    ramp = min(span * 0.5, rng.uniform(1.5, 3.5) * HOUR)
    target = rng.choice(TARGETS)
    pool = N.ProxyPool(W.I, rng, int(rng.uniform(3000, 15000)), target)
    c = {'tz': TZ_OF.get(target[0][0], -5),
         'pauses': make_pauses(rng, start, W.T, rng.randint(1, 3)),
         'net': pool.rotating(), 'tpls': [Template(rng) for _ in range(rng.randint(3, 6))],
         'sys': sys_hash(rng), 'p_sys': rng.uniform(0.3, 0.8),
         'rate': lambda r: lnorm(r, 0.6, 0.4)}
    models = (('claude-opus-4-5', 45), ('claude-sonnet-4-5', 55))
    uas = [sdk_ua(rng, OFFICIAL) for _ in range(3)]
    nb = rng.randint(4, 10)
    batches = batch_created(rng, nb, 90, 700, 6)
    life_scale = max(1.0, W.H / 12.0)
    gap = max(ramp / nb, (span - 3 * HOUR * life_scale) / nb) if span > 3 * HOUR * life_scale else ramp / nb
    for i in range(n):
        b = rng.randrange(nb)
        created = batches[b][0] + rng.randint(0, batches[b][1])
        act = start + int(b * gap) + (0 if i == 0 else rng.randint(0, 20 * MIN))
        if i == 0:
            b = 0
            act = start
        life = int(rng.uniform(2, 7) * HOUR * life_scale)
        a = W.acct(None, created, pay='pm_' + hexs(rng, 16) if rng.random() < 0.55 else None,
                   ua=rng.choice(uas), campaign=cid)
        cc = dict(c)
        cc['model'] = model_picker(W, a.rng, models, adopt_p=0.9, delay_med=1.5 * HOUR, delay_sig=0.4)
        W.add(swarm_stream(W, a, act, act + life, cc))


# ------------------------------------------------------------------ fleet
def fleet_stream(W, a, rounds, offset, per_round, c):
    rng = a.rng
    ps = c['pauses']
    net = c['net']
    for tr in rounds:
        if paused(tr, ps):
            continue
        t = tr + offset + rng.randint(0, 400)
        for _ in range(per_round):
            m = c['model'](rng, t)
            tk = rng.random() < 0.15
            out = int(clip(lnorm(rng, 2200, 0.5) + (lnorm(rng, 1500, 0.6) if tk else 0), 50, 32000))
            e = a.fire(t, net, m, 'coding', int(lnorm(rng, 2600, 0.5)), out, 0, 1, tk,
                       clip(rng.gauss(0.3, 0.1), 0, 1), rng.choice(c['tpls']).variant(rng), c['sys'],
                       False, 'messages', c['p429'])
            if e is None:
                return
            yield e
            t = e[0] + rng.randint(50, 400)


def fleet(W, cid):
    rng = W.rng(cid)
    W.campaign(cid, 'scripted_fleet', 'A small scripted fleet on one hosting range with sticky '
               'sequential IPs and a few shared cards, firing synchronised rounds of templated '
               'code-generation requests around the clock at hundreds of requests per hour per account.')
    I = W.I
    n = rng.randint(20, 40)
    start = camp_start(W, rng)
    cards = ['pm_' + hexs(rng, 16) for _ in range(rng.randint(1, 3))]
    asn = rng.choice(N.VPS_CLOUD)
    cc = rng.choice(dict(N.HOSTING)[asn])
    bases = [I.ip4(rng, asn).rsplit('.', 1)[0] for _ in range(rng.randint(1, 2))]
    ua = rng.choice(('python-requests/2.31.0', 'anthropic-python/0.64.0', 'python-httpx/0.27.0'))
    period = rng.randint(60, 240) * SEC
    rounds = []
    t = start
    while t < W.T:
        rounds.append(t)
        t += period + int(rng.gauss(0, 800))
    c = {'pauses': make_pauses(rng, start, W.T, rng.randint(0, 1), (15, 45)),
         'tpls': [Template(rng) for _ in range(rng.randint(3, 5))], 'sys': sys_hash(rng),
         'p429': rng.uniform(0.04, 0.12)}
    created0 = -int(rng.uniform(20, 60) * DAY)
    base_model = rng.choice(('claude-opus-4-5', 'claude-sonnet-4-5'))
    pivot = W.release + int(rng.uniform(0.5, 2.0) * HOUR)
    for i in range(n):
        a = W.acct(None, created0 + rng.randint(0, 2 * DAY), pay=cards[i % len(cards)], ua=ua,
                   campaign=cid)
        cc_ = dict(c)
        b = bases[i % len(bases)]
        cc_['net'] = ('%s.%d' % (b, 10 + i), str(asn), '"%s"' % cc)
        cc_['model'] = (lambda bm: (lambda r, t: NEW_MODEL if t >= pivot else bm))(base_model)
        W.add(fleet_stream(W, a, rounds, rng.randint(0, 3000), rng.randint(1, 3), cc_))


# ------------------------------------------------------------------ mimic
def mimic(W, cid):
    rng = W.rng(cid)
    W.campaign(cid, 'benign_mimic', 'Aged accounts with their own cards, each pinned to one '
               'residential proxy household and paced like an ordinary individual, drawing diverse '
               'reasoning and coding tasks from one shared task-generator bank.')
    I = W.I
    n = int(clip(W.N * rng.uniform(0.015, 0.04), 60, 600))
    start = camp_start(W, rng)
    ramp = min((W.T - start) * 0.5, rng.uniform(2, 4) * HOUR)
    ps = make_pauses(rng, start, W.T, rng.randint(1, 2), (30, 90))
    bank = BankPrompt(rng, rng.randint(2000, 5000))
    op_sys = [sys_hash(rng) for _ in range(4)]
    countries = WChoice(('US', 'GB', 'CA', 'DE', 'AU'), (55, 15, 10, 10, 10))
    pool = {cc: N.ProxyPool(I, rng, 2 * n, ((cc, 1),)) for cc in ('US', 'GB', 'CA', 'DE', 'AU')}
    batches = batch_created(rng, 3, 60, 500, 5)
    p_sys = rng.uniform(0.4, 0.7)
    sysf = lambda rr: rr.choice(op_sys) if rr.random() < p_sys else NULL
    pmult = lambda t: 0.0 if paused(t, ps) else 1.0
    for i in range(n):
        b = batches[rng.randrange(3)]
        a = W.acct(None, b[0] + rng.randint(0, b[1]), pay='pm_' + hexs(rng, 16) if rng.random() < 0.75 else None,
                   ua=sdk_ua(rng), campaign=cid)
        r = a.rng
        cc = countries(r)
        tz = N.pick_tz(r, cc)
        act = start if i == 0 else start + int(r.uniform(0, 1) * ramp)
        mix = Mix({'reasoning': 35, 'analysis': 20, 'coding': 25, 'chat': 12, 'writing': 8},
                  cot_fixed={'reasoning': (0.55, 0.15), 'analysis': (0.33, 0.12)},
                  think_p=r.uniform(0.08, 0.25), out_mult=lnorm(r, 0.9, 0.08), prompt=bank, sysf=sysf,
                  tools=(0.05, 1, 4))
        rh = custom_rhythm('human', tz, pmult, 1.0)
        spd = lnorm(r, 9, 0.35)
        hp = HP(rh=rh, spd=spd, n_sessions=max(3, poisson(r, rh.expected(spd, act, W.T))),
                rps=clip(lnorm(r, 5.5, 0.3), 3, 12), think=(int(lnorm(r, 45000, 0.3)), 0.9),
                net=pool[cc].sticky_account(r), t0=act, t1=W.T, greet_p=0.03,
                model=model_picker(W, r, (('claude-sonnet-4-5', 70), ('claude-opus-4-5', 30)),
                                   adopt_p=0.8, delay_med=1.5 * HOUR, delay_sig=0.5),
                mix=mix, stream_p=clip(r.choice((0.1, 0.5, 0.9)) + r.gauss(0, 0.08), 0, 1), p429=0.003)
        W.add(human_stream(W, a, hp))


# ------------------------------------------------------------------- drip
def drip_stream(W, a, times, c):
    rng = a.rng
    first = rng.random() < 0.5
    for t in times:
        net = c['net'](rng, t, True)
        m = NEW_MODEL if t > c['pivot'] and rng.random() < 0.7 else c['model']
        if first:
            first = False
            e = a.greet(t, net, m)
            if e is None:
                return
            yield e
            t = e[0] + int(lnorm(rng, 40000, 0.8))
        tk = rng.random() < 0.15
        out = int(clip(lnorm(rng, 4200, 0.4) + (lnorm(rng, 1500, 0.6) if tk else 0), 200, 32000))
        e = a.fire(t, net, m, 'writing' if rng.random() < 0.6 else 'analysis', int(lnorm(rng, 600, 0.5)),
                   out, 0, 1, tk, clip(rng.gauss(0.35, 0.12), 0, 1), rng.choice(c['tpls']).variant(rng),
                   NULL, rng.random() < 0.6, 'messages', 0.004)
        if e is None:
            return
        yield e


def drip(W, cid):
    rng = W.rng(cid)
    W.campaign(cid, 'slow_drip', 'Thousands of fresh free-credit accounts created in waves, each '
               'sending a greeting and then only a handful of long-form legal and medical writing '
               'requests through rotating mobile and residential exits.')
    n = int(clip(W.N * rng.uniform(0.15, 0.45), 500, 8000))
    start = camp_start(W, rng)
    target = rng.choice(((('IN', 35), ('ID', 15), ('BR', 15), ('US', 20), ('PH', 15)),
                         (('US', 60), ('CA', 10), ('GB', 15), ('AU', 15))))
    pool = N.ProxyPool(W.I, rng, int(rng.uniform(5000, 20000)), target, mobile_share=0.6)
    tz = TZ_OF.get(target[0][0], -5)
    waves = [(-int(rng.uniform(1, 10) * DAY), rng.randint(1, 3) * HOUR) for _ in range(rng.randint(3, 6))]
    c = {'net': pool.rotating(), 'tpls': [Template(rng) for _ in range(rng.randint(2, 4))],
         'model': rng.choice(('claude-sonnet-4-5', 'claude-opus-4-5')),
         'pivot': W.release + int(rng.uniform(1, 3) * HOUR)}
    span = W.T - start
    rh = custom_rhythm('human', tz, lambda t: 1.0, 1.0)
    for i in range(n):
        w = waves[rng.randrange(len(waves))]
        a = W.acct(None, w[0] + rng.randint(0, w[1]), ua=sdk_ua(rng, OFFICIAL), campaign=cid)
        r = a.rng
        act = start if i == 0 else start + int(r.uniform(0, 0.6) * span)
        k = min(8, 1 + poisson(r, 1.5 * (W.T - act) / (8 * HOUR)))
        times = rh.sample(r, k, act, W.T)
        if i == 0:
            times[0] = start
        W.add(drip_stream(W, a, times, c))


# ------------------------------------------------------------- trajectory
def traj_stream(W, a, act, c):
    rng = a.rng
    t = act
    ps = c['pauses']
    gap = lnorm(rng, 45000, 0.3)
    while t < W.T:
        pe = paused(t, ps)
        if pe:
            t = pe + rng.randint(0, 5 * MIN)
            continue
        L = int(clip(1 + geom(rng, 25), 8, 60))
        tools = rng.randint(15, 60)
        ctx = lnorm(rng, 6000, 0.3)
        sh = rng.choice(c['tpls']).variant(rng)
        sysh = rng.choice(c['sys'])
        tk = rng.random() < 0.1
        for k in range(1, L + 1):
            m = c['model'](rng, t)
            net = c['net'](rng, t, k == 1)
            inp = int(min(ctx, 180000)) + tools * 300
            out = int(clip(lnorm(rng, 450, 0.6) + (lnorm(rng, 700, 0.6) if tk else 0), 10, 32000))
            e = a.fire(t, net, m, 'tool_use' if rng.random() < 0.8 else 'coding', inp, out, tools,
                       2 * k - 1, tk, clip(rng.gauss(0.05, 0.04), 0, 1), sh, sysh, True, 'messages', 0.01)
            if e is None:
                return
            yield e
            ctx += lnorm(rng, 2500, 0.5)
            sh = drift(rng, sh, 2, 7)
            t = e[0] + int(lnorm(rng, gap, 0.5))
        t += int(lnorm(rng, 20000, 0.5))


def trajectory(W, cid):
    rng = W.rng(cid)
    W.campaign(cid, 'tool_trajectory', 'A grey-market reseller org paying for all its accounts '
               'harvests long multi-turn agent trajectories with dozens of tools and long contexts, '
               'round the clock, partly disguised under a popular agent framework system prompt.')
    I = W.I
    n = int(clip(W.N * rng.uniform(0.008, 0.025), 30, 300))
    start = camp_start(W, rng)
    org, pay = W.uid('org_', 10), 'pm_' + hexs(rng, 16)
    mode = rng.choice(('hosting', 'mobile'))
    if mode == 'mobile':
        pool = N.ProxyPool(I, rng, int(rng.uniform(800, 3000)), rng.choice(TARGETS), mobile_share=1.0)
    else:
        asn = rng.choice(N.VPS_CLOUD)
        hcc = rng.choice(dict(N.HOSTING)[asn])
        bases = [I.ip4(rng, asn).rsplit('.', 1)[0] for _ in range(3)]
    ua = rng.choice(('litellm/1.57.2', 'anthropic-python/0.74.1'))
    fw = W.frameworks[0]['vers'][0][1] if getattr(W, 'frameworks', None) else sys_hash(rng)
    if rng.random() < 0.5:
        sysl = [fw, fw, fw, sys_hash(rng)]
    else:
        sysl = [sys_hash(rng), sys_hash(rng)]
    c = {'pauses': make_pauses(rng, start, W.T, rng.randint(1, 2), (20, 60)),
         'tpls': [Template(rng) for _ in range(rng.randint(3, 6))], 'sys': sysl}
    ramp = rng.uniform(1, 2) * HOUR
    created0 = -int(rng.uniform(10, 120) * DAY)
    for i in range(n):
        a = W.acct(None, created0 + rng.randint(0, 20 * DAY), org=org, pay=pay, ua=ua, campaign=cid)
        r = a.rng
        cc_ = dict(c)
        if mode == 'mobile':
            cc_['net'] = pool.sticky_session(r)
        else:
            one = ('%s.%d' % (bases[i % 3], r.randint(2, 250)), str(asn), '"%s"' % hcc)
            cc_['net'] = lambda rr, t, new, one=one: one
        cc_['model'] = model_picker(W, r, (('claude-sonnet-4-5', 85), ('claude-opus-4-5', 15)),
                                    adopt_p=1.0, delay_med=1 * HOUR, delay_sig=0.3, share=(0.85, 0.95))
        act = start if i == 0 else start + int(ramp * i / n) + r.randint(0, 10 * MIN)
        W.add(traj_stream(W, a, act, cc_))


# ------------------------------------------------------------------ pivot
def pivot_stream(W, a, pings, t_h, t_end, c):
    rng = a.rng
    for t in pings:
        e = a.greet(t, c['net'](rng, t, True), c['model0'])
        if e is None:
            return
        yield e
    rate = c['rate'](rng) / HOUR
    t = max(t_h, a.last)
    while True:
        t += int(rng.expovariate(rate)) + 1
        if t >= t_end:
            return
        for _ in range(1 + geom(rng, 1.5)):
            net = c['net'](rng, t, False)
            m = NEW_MODEL if rng.random() < 0.95 else c['model0']
            tk = rng.random() < 0.7
            out = int(clip(lnorm(rng, 2200, 0.6) + (lnorm(rng, 2500, 0.6) if tk else 0), 50, 32000))
            e = a.fire(t, net, m, 'reasoning' if rng.random() < 0.85 else 'coding', int(lnorm(rng, 500, 0.6)),
                       out, 0, 1, tk, clip(rng.gauss(0.87, 0.06), 0, 1), rng.choice(c['tpls']).variant(rng),
                       c['sys'], rng.random() < 0.3, 'messages', 0.02)
            if e is None:
                return
            yield e
            t = e[0] + int(lnorm(rng, 20000, 0.6))


def pivot(W, cid):
    rng = W.rng(cid)
    W.campaign(cid, 'release_pivot', 'A wave of days-old accounts on shared prepaid cards that only '
               'pinged the API, then pivots within the hour to the newly released model and hammers '
               'it with step-by-step reasoning prompts from VPN and hosting exits.')
    I = W.I
    n = int(clip(W.N * rng.uniform(0.02, 0.05), 80, 500))
    created0 = -int(rng.uniform(1, 3) * DAY)
    cards = ['pm_' + hexs(rng, 16) for _ in range(max(2, n // rng.randint(10, 30)))]
    exits = []
    for _ in range(rng.randint(3, 6)):
        asn, ccs = rng.choice(N.VPN)
        exits += I.vpn_pool(asn, rng.choice(ccs))
    for _ in range(rng.randint(1, 3)):
        exits += N.cloud_egress(I, rng, N.VPS_CLOUD, k=rng.randint(3, 8)).ips
    ua = 'anthropic-python/0.75.0'
    lo = max(int(HOUR + 5 * MIN), W.release - 3 * HOUR)
    c = {'tpls': [Template(rng) for _ in range(rng.randint(2, 4))], 'sys': sys_hash(rng) if rng.random() < 0.5 else NULL,
         'model0': rng.choice(('claude-sonnet-4-5', 'claude-opus-4-5')), 'rate': lambda r: clip(lnorm(r, 30, 0.4), 10, 80)}
    for i in range(n):
        a = W.acct(None, created0 + rng.randint(0, 4 * HOUR), pay=cards[i % len(cards)], ua=ua, campaign=cid)
        r = a.rng
        mine = [r.choice(exits) for _ in range(r.randint(1, 3))]
        cc_ = dict(c)
        cc_['net'] = lambda rr, t, new, mine=mine: rr.choice(mine)
        pings = sorted(r.randint(lo, W.release - 1) for _ in range(r.randint(1, 2)))
        if i == 0:
            pings[0] = lo
        t_h = W.release + int(clip(lnorm(r, 25 * MIN, 0.6), 5 * MIN, 90 * MIN))
        t_end = min(W.T, t_h + int(r.uniform(3, 8) * HOUR * max(1.0, W.H / 16)))
        W.add(pivot_stream(W, a, pings, t_h, t_end, cc_))


# ------------------------------------------------------------------ front
def front(W, cid):
    rng = W.rng(cid)
    W.campaign(cid, 'reseller_front', 'A marketplace "reseller" org with one invoice and cloud '
               'egress whose traffic is mostly templated high-elicitation reasoning harvest padded '
               'with diverse camouflage requests at platform-like volume.')
    I = W.I
    n = int(clip(W.N / 6000.0 * rng.uniform(8, 25), 8, 60))
    start = camp_start(W, rng)
    org, pay = W.uid('org_', 10), 'pm_' + hexs(rng, 16)
    ips = N.cloud_egress(I, rng, N.BIG_CLOUD, k=rng.randint(3, 6)).ips
    name = rng.choice(('relaygate', 'apibridge', 'llmport'))
    ua = '%s/%d.%d.%d' % (name, rng.randint(1, 3), rng.randint(0, 20), rng.randint(0, 9))
    tpls = [Template(rng) for _ in range(rng.randint(4, 8))]
    ps = make_pauses(rng, start, W.T, rng.randint(1, 2), (20, 60))
    ramp = rng.uniform(30, 90) * MIN
    share = rng.uniform(0.55, 0.75)
    for i in range(n):
        a = W.acct(None, -int(rng.uniform(30, 200) * DAY), org=org, pay=pay, nkeys=rng.randint(2, 5), ua=ua,
                   campaign=cid)
        r = a.rng
        act = start if i == 0 else start + int(ramp * r.random())
        models = model_picker(W, r, (('claude-sonnet-4-5', 50), ('claude-opus-4-5', 50)), adopt_p=1.0,
                              delay_med=40 * MIN, delay_sig=0.3, share=(0.7, 0.9))
        W.add(front_stream(W, a, act, clip(lnorm(r, 150, 0.4), 60, 400), ips, tpls, share, ps, models))


def front_stream(W, a, act, rate_h, ips, tpls, share, ps, models):
    rng = a.rng
    lam = rate_h / HOUR
    t = act
    first = True
    while True:
        t += 1 if first else int(rng.expovariate(lam)) + 1
        first = False
        if t >= W.T:
            return
        pe = paused(t, ps)
        if pe:
            t = pe
            continue
        net = rng.choice(ips)
        m = models(rng, t)
        if rng.random() < share:
            tk = rng.random() < 0.5
            out = int(clip(lnorm(rng, 1800, 0.6) + (lnorm(rng, 2000, 0.6) if tk else 0), 50, 32000))
            e = a.fire(t, net, m, 'reasoning', int(lnorm(rng, 450, 0.6)), out, 0, 1, tk,
                       clip(rng.gauss(0.82, 0.08), 0, 1), rng.choice(tpls).variant(rng), NULL,
                       rng.random() < 0.7, 'messages', 0.01, start=False)
        else:
            cat = rng.choice(('chat', 'coding', 'writing', 'analysis'))
            e = a.fire(t, net, m, cat, int(lnorm(rng, 600, 1.0)), int(lnorm(rng, 500, 0.8)), 0,
                       1 + 2 * geom(rng, 1.0), False, clip(rng.gauss(0.1, 0.08), 0, 1), rng.getrandbits(64),
                       NULL, rng.random() < 0.7, 'messages', 0.01, start=False)
        if e is None:
            return
        yield e


BUILDERS = {'swarm': swarm, 'fleet': fleet, 'mimic': mimic, 'drip': drip,
            'trajectory': trajectory, 'pivot': pivot, 'front': front}


def build_campaigns(W):
    rng = W.rng('campaign-plan')
    extra = rng.sample(('drip', 'trajectory', 'pivot', 'front'), rng.choice((1, 2, 2, 3)))
    kinds = ['swarm', 'fleet', 'mimic'] + extra
    rng.shuffle(kinds)
    names = rng.sample(CODENAMES, len(kinds))
    for kind, name in zip(kinds, names):
        BUILDERS[kind](W, 'fjord-%s' % name)
