"""The benign population: direct users of every activity level, and the
marketplace around the API (resellers, integrators, plugins, agent products,
enterprise pipelines, labs, courses, teams) whose clusters look like abuse."""
import math

from . import net as N
from .core import (CAT_P, DAY, HOUR, MIN, NULL, NEW_MODEL, OFFICIAL, HP, Mix, Template, TplPrompt,
                   VIRAL, WChoice, clip, custom_rhythm, drift, geom, hexs, human_stream,
                   lnorm, local_hour, local_midnight, model_picker, poisson, rhythm, sdk_ua,
                   sys_hash)

IND_MODELS = (('claude-sonnet-4-5', 62), ('claude-haiku-4-5', 20), ('claude-opus-4-5', 18))
BASE_W = {'chat': 30, 'coding': 22, 'writing': 14, 'analysis': 10, 'reasoning': 10,
          'tool_use': 4, 'vision': 5, 'other': 5}


def tilted(rng, base, tilt=0.8):
    return {c: v * math.exp(rng.gauss(0, tilt)) for c, v in base.items()}


def aged(rng, lo_days, hi_days):
    return -int(math.exp(rng.uniform(math.log(lo_days), math.log(hi_days))) * DAY)


def card(rng, p=1.0):
    return 'pm_' + hexs(rng, 16) if rng.random() < p else None


def personal_models(W, r, adopt_p=0.25, delay=5 * HOUR):
    w = [(m, v * math.exp(r.gauss(0, 0.7))) for m, v in IND_MODELS]
    return model_picker(W, r, w, adopt_p=adopt_p, delay_med=delay, delay_sig=1.2)


def personal_sys(r, p_has=0.25, p_use=0.7):
    if r.random() >= p_has:
        return None
    sp = sys_hash(r)
    return lambda rr: sp if rr.random() < p_use else NULL


# ------------------------------------------------------------ individuals
def individuals(W, n):
    rng = W.rng('individuals')
    I = W.I
    corps = []
    for _ in range(max(3, int(n * 0.09) // 22)):
        cc = N.pick_country(rng)
        corps.append((cc, N.pick_tz(rng, cc), N.corp_egress(I, rng, cc)))
    corp_pick = WChoice(range(len(corps)), [1.0 / (i + 1) ** 0.7 for i in range(len(corps))])
    types = WChoice(('home', 'mobile', 'vpn', 'corp'), (0.65, 0.16, 0.07, 0.12))
    names = {'home': W.group('individuals_home', 'individual'),
             'mobile': W.group('individuals_mobile_cgnat', 'individual_cgnat'),
             'vpn': W.group('individuals_vpn', 'individual_vpn'),
             'corp': W.group('individuals_corp_nat', 'individual_corp_nat')}
    gpower = W.group('power_users', 'heavy_individual')
    for i in range(n):
        kind = types(rng)
        power = rng.random() < 0.07
        created = aged(rng, 2, 900)
        a = W.acct(gpower if power else names[kind], created,
                   org=W.uid('org_', 10) if rng.random() < 0.18 else None,
                   pay=card(rng, 0.72), nkeys=1 + (rng.random() < 0.18) + (rng.random() < 0.05),
                   ua=sdk_ua(rng))
        r = a.rng
        if kind == 'corp':
            cc, tz, eg = corps[corp_pick(r)]
            office = eg.picker()
            homef = N.home(I, r, cc)
            netf = (lambda o, h: (lambda rr, t, new: o(rr, t, new) if rr.random() < 0.8 else h(rr, t, new)))(office, homef)
            rh = rhythm('office', tz, weekend=0.1, floor=0.08)
        else:
            cc = N.pick_country(r)
            tz = N.pick_tz(r, cc)
            if kind == 'home':
                netf = N.home_and_mobile(I, r, cc, 0.12)
            elif kind == 'mobile':
                netf = N.mobile(I, r, cc)
            else:
                netf = N.vpn(I, r, cc)
            rh = rhythm('human', tz)
        if power:
            spd, rps = lnorm(r, 32, 0.45), clip(lnorm(r, 9, 0.4), 3, 25)
        else:
            spd, rps = lnorm(r, 8, 1.0), clip(lnorm(r, 5, 0.55), 1.3, 18)
        mix = Mix(tilted(r, BASE_W), cot_shift=r.gauss(0, 0.06), think_p=clip(r.betavariate(1.2, 5), 0, 0.9),
                  out_mult=lnorm(r, 1.0, 0.3), tools=(0.12, 1, 6), sysf=personal_sys(r))
        hp = HP(rh=rh, spd=spd, rps=rps, think=(int(lnorm(r, 45000, 0.4)), 0.9), net=netf,
                model=personal_models(W, r, adopt_p=0.3 if power else 0.22), mix=mix,
                stream_p=clip(r.choice((0.1, 0.5, 0.9)) + r.gauss(0, 0.08), 0, 1),
                p429=0.015 if power else 0.003, t0=0, t1=W.T, greet_p=0.02)
        W.add(human_stream(W, a, hp))


# ------------------------------------------------------- new free-tier users
def new_free(W, n):
    rng = W.rng('newfree')
    g = W.group('new_free_tier', 'new_free_tier')
    I = W.I
    uas = WChoice(('anthropic-python/0.75.0', 'anthropic-typescript/0.70.1', 'curl/8.11.1', 'curl/8.5.0'),
                  (50, 25, 15, 10))
    chatty = {'chat': 50, 'coding': 20, 'writing': 15, 'reasoning': 8, 'other': 7}
    for i in range(n):
        cc = N.pick_country(rng)
        tz = N.pick_tz(rng, cc)
        rh = rhythm('human', tz)
        signup = rh.sample(rng, 1, -36 * HOUR, W.T - 20 * MIN)[0]
        t0 = max(0, signup + rng.randint(1, 20) * MIN)
        a = W.acct(g, signup, ua=uas(rng))
        r = a.rng
        netf = N.mobile(I, r, cc) if r.random() < 0.35 else N.home(I, r, cc)
        hp = HP(rh=rh, spd=0, n_sessions=1 + poisson(r, 0.5 * min(1.0, (W.T - t0) / (6 * HOUR))),
                rps=2.3, net=netf, greet_p=0.8, t0=t0, t1=W.T,
                model=model_picker(W, r, (('claude-sonnet-4-5', 70), ('claude-haiku-4-5', 20),
                                          ('claude-opus-4-5', 10)), adopt_p=0.3, delay_med=2 * HOUR),
                mix=Mix(tilted(r, chatty, 0.5), think_p=0.05), stream_p=0.3, p429=0.003)
        W.add(human_stream(W, a, hp))


# ------------------------------------------------------------ course cohorts
def cohorts(W, k, total):
    rng = W.rng('cohorts')
    I = W.I
    unis = rng.sample(N.UNIV, min(k, len(N.UNIV)))
    sizes = [rng.randint(25, 90) for _ in unis]
    scale = min(1.0, total / max(1, sum(sizes)))
    for ci, univ in enumerate(unis):
        size = max(20, int(sizes[ci] * scale))
        tz = univ[2]
        g = W.group('cohort_%s' % univ[3], 'course_cohort')
        egress = N.campus_egress(I, rng, univ)
        lab_day = local_midnight(-rng.randint(1, 12), tz)
        org = W.uid('org_', 10) if rng.random() < 0.5 else None
        pinned = sdk_ua(rng, (0,))
        course_sys = sys_hash(rng)
        tpls = [Template(rng) for _ in range(rng.randint(2, 4))]
        deadline = int(W.T * rng.uniform(0.55, 1.3))
        lab = None
        if rng.random() < 0.6:
            for _ in range(200):
                c = rng.randint(0, max(1, W.T - 90 * MIN))
                lh = local_hour(c, tz)
                if 9 <= lh <= 16:
                    lab = c
                    break

        def mult(t, deadline=deadline, lab=lab):
            m = 1.0 + 7.0 * math.exp(-(deadline - t) / (3.0 * HOUR)) if t < deadline else 0.25
            if lab is not None and lab <= t < lab + 90 * MIN:
                m += 12.0
            return m
        rh = custom_rhythm('student', tz, mult, 20.0)
        sysf = (lambda s: (lambda rr: s if rr.random() < 0.7 else NULL))(course_sys)
        model_w = (('claude-sonnet-4-5', 80), ('claude-haiku-4-5', 20))
        for j in range(size):
            a = W.acct(g, lab_day + 14 * HOUR + rng.randint(0, 100) * MIN, org=org,
                       ua=pinned if rng.random() < 0.85 else sdk_ua(rng, OFFICIAL))
            r = a.rng
            camp = egress.picker()
            homef = N.home(I, r, univ[1])
            p_home = 0.25
            netf = (lambda c, h: (lambda rr, t, new: c(rr, t, new) if rr.random() >= p_home else h(rr, t, new)))(camp, homef)
            mix = Mix({'reasoning': 50, 'coding': 40, 'chat': 10},
                      cot_fixed={'reasoning': (0.72, 0.12), 'coding': (0.55, 0.15)},
                      prompt=TplPrompt(tpls, 0.85), sysf=sysf, think_p=0.1)
            hp = HP(rh=rh, spd=lnorm(r, 4, 0.6), rps=clip(lnorm(r, 5, 0.4), 2, 12),
                    think=(60000, 0.8), net=netf, t0=0, t1=W.T,
                    model=model_picker(W, r, model_w, adopt_p=0.1), mix=mix, stream_p=0.2,
                    p429=0.004)
            W.add(human_stream(W, a, hp))


# ------------------------------------------------------ benchmark researchers
def burst_stream(W, a, bursts, egress, sysh, p429):
    rng = a.rng
    for s, dur, rate, model, tpl, batch, think_p in bursts:
        if batch:
            n = max(20, int(rate * dur / HOUR))
            first = s + rng.randint(3, 15) * MIN
            last = s + dur + rng.randint(10, 60) * MIN
            times = sorted(rng.randint(first, last) for _ in range(n))
            for tc in times:
                e = _research_req(a, rng, tc, egress, model, tpl, think_p, sysh, p429, batch=True, submit=s)
                if e is None:
                    return
                yield e
            continue
        t = max(s, a.last)
        end = s + dur
        lam = rate / HOUR
        while True:
            t += int(rng.expovariate(lam)) + 1
            if t >= end:
                break
            e = _research_req(a, rng, t, egress, model, tpl, think_p, sysh, p429)
            if e is None:
                return
            yield e


def _research_req(a, rng, t, netf, model, tpl, think_p, sysh, p429, batch=False, submit=0):
    cat = 'reasoning' if rng.random() < 0.7 else ('analysis' if rng.random() < 0.5 else 'coding')
    thinking = rng.random() < think_p
    out = int(clip(lnorm(rng, 1300, 0.7) + (lnorm(rng, 2500, 0.7) if thinking else 0), 20, 32000))
    inp = int(lnorm(rng, 650, 0.7)) + 40
    cot = clip(rng.gauss(0.75, 0.12), 0, 1)
    return a.fire(t, netf(rng, t, False), model, cat, inp, out, 0, 1, thinking, cot, tpl.variant(rng),
                  sysh, False, 'batch' if batch else 'messages', p429, start=False,
                  lat=(t - submit) if batch else None)


def researchers(W, n):
    rng = W.rng('researchers')
    I = W.I
    g = W.group('benchmark_researchers', 'benchmark_research')
    nlabs = max(2, n // 4)
    labs = []
    for li in range(nlabs):
        if rng.random() < 0.6:
            univ = rng.choice(N.UNIV)
            eg = N.campus_egress(I, rng, univ)
        else:
            eg = N.cloud_egress(I, rng, N.BIG_CLOUD, k=rng.randint(1, 3))
        ua = rng.choice(('inspect-ai/0.3.131', 'lm-eval/0.4.9', None, None))
        labs.append({'org': W.uid('org_', 10), 'pay': card(rng), 'shared_card': rng.random() < 0.7,
                     'eg': eg, 'sys': sys_hash(rng) if rng.random() < 0.6 else NULL,
                     'ua': ua, 'suites': [Template(rng) for _ in range(rng.randint(2, 5))],
                     'post_release': rng.random() < 0.6})
    models = WChoice(('claude-sonnet-4-5', 'claude-opus-4-5', 'claude-haiku-4-5'), (50, 35, 15))
    for i in range(n):
        lab = labs[i % nlabs]
        a = W.acct(g, aged(rng, 20, 700), org=lab['org'],
                   pay=lab['pay'] if lab['shared_card'] else card(rng),
                   nkeys=rng.randint(1, 3), ua=lab['ua'] or sdk_ua(rng, (0,)))
        r = a.rng
        bursts = []
        nb = max(1, poisson(r, W.H / 8.0 * r.uniform(0.6, 1.8)))
        starts = [r.randint(0, max(1, W.T - 20 * MIN)) for _ in range(nb)]
        if lab['post_release'] and r.random() < 0.7:
            starts.append(W.release + int(lnorm(r, 1.5 * HOUR, 0.6)))
        for s in sorted(starts):
            dur = r.randint(20, 150) * MIN
            rate = clip(lnorm(r, 500, 0.6), 120, 1800)
            m = NEW_MODEL if s > W.release and r.random() < 0.6 else models(r)
            bursts.append((s, dur, rate, m, r.choice(lab['suites']), r.random() < 0.25,
                           r.uniform(0.2, 0.8)))
        # keep bursts of one researcher from overlapping
        fixed, tend = [], 0
        for b in bursts:
            s = max(b[0], tend)
            fixed.append((s,) + b[1:])
            tend = s + b[1] + (70 * MIN if b[5] else 0)
        W.add(burst_stream(W, a, fixed, lab['eg'].picker(), lab['sys'], r.uniform(0.03, 0.1)))


# --------------------------------------------------------- enterprise batch
def pipeline_stream(W, a, p):
    rng = a.rng
    netf = p['net']
    tpl, sysh, model = p['tpl'], p['sys'], p['model']
    cat, inm, outm = p['cat'], p['in'], p['out']

    def req(t, start, endpoint='messages', lat=None):
        inp = int(lnorm(rng, inm, 0.35))
        out = int(lnorm(rng, outm, 0.4)) + 5
        return a.fire(t, netf(rng, t, False), model, cat, inp, out, 0, 1, False,
                      clip(rng.gauss(0.04, 0.03), 0, 1), tpl.variant(rng), sysh, False,
                      endpoint, p['p429'], start=start, lat=lat)
    mode = p['mode']
    if mode == 'steady':
        lam = p['rate'] / HOUR
        t = rng.randint(0, 60000)
        while True:
            t += int(rng.expovariate(lam * 1.3)) + 1
            if t >= W.T:
                return
            lh = local_hour(t, p['tz'])
            if rng.random() > (1.0 if 8 <= lh < 19 else 0.6):
                continue
            e = req(t, False)
            if e is None:
                return
            yield e
    elif mode == 'hourly':
        minute = rng.randint(0, 59)
        t0 = minute * MIN
        while t0 < W.T:
            m = max(5, int(lnorm(rng, p['rate'], 0.25)))
            t = t0 + rng.randint(200, 2500)
            conc = rng.randint(4, 16)
            for _ in range(m):
                lat_est = 2500 + outm * 12
                t += int(rng.expovariate(conc / lat_est)) + 1
                e = req(t, False)
                if e is None:
                    return
                yield e
            t0 += HOUR
    else:  # batch endpoint
        every = rng.randint(2, 6) * HOUR
        sub = rng.randint(0, every)
        while sub < W.T:
            m = max(50, int(lnorm(rng, p['rate'] * 3, 0.4)))
            first = sub + rng.randint(5, 20) * MIN
            last = first + rng.randint(10, 60) * MIN
            for tc in sorted(rng.randint(first, last) for _ in range(m)):
                e = req(tc, False, 'batch', tc - sub)
                if e is None:
                    return
                yield e
            sub += every + rng.randint(-10, 10) * MIN


def enterprise(W, n_orgs):
    rng = W.rng('enterprise')
    I = W.I
    tags = rng.sample(('halden', 'nordkapp', 'tromso', 'stavanger', 'alesund', 'bodo', 'molde',
                       'narvik', 'hamar', 'lillehammer', 'kongsberg', 'arendal', 'larvik', 'mandal'),
                      min(n_orgs, 14))
    models = WChoice(('claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-sonnet-4'), (45, 35, 20))
    cats = WChoice(('analysis', 'other', 'writing', 'coding'), (50, 25, 15, 10))
    for oi in range(n_orgs):
        tag = tags[oi % len(tags)] + ('' if oi < len(tags) else str(oi))
        g = W.group('enterprise_%s' % tag, 'enterprise_batch')
        cc = rng.choice(('US', 'US', 'DE', 'GB', 'JP', 'FR', 'NL', 'CA'))
        tz = N.pick_tz(rng, cc)
        eg = N.cloud_egress(I, rng, N.BIG_CLOUD, k=rng.randint(2, 4), cc=cc)
        org, pay = W.uid('org_', 10), card(rng)
        ua = sdk_ua(rng, (0, 3, 2))
        for j in range(rng.randint(2, 8)):
            a = W.acct(g, aged(rng, 60, 900), org=org, pay=pay, nkeys=rng.randint(1, 4), ua=ua)
            r = a.rng
            for pi in range(r.randint(1, 3)):
                mode = r.choice(('steady', 'steady', 'hourly', 'batch'))
                base = {'steady': lnorm(r, 140, 0.6), 'hourly': lnorm(r, 180, 0.6),
                        'batch': lnorm(r, 350, 0.6)}[mode]
                p = {'net': eg.picker(), 'tpl': Template(r), 'sys': sys_hash(r), 'model': models(r),
                     'cat': cats(r), 'in': lnorm(r, 4000, 0.6), 'out': lnorm(r, 250, 0.6),
                     'mode': mode, 'rate': base, 'tz': tz, 'p429': r.uniform(0.002, 0.02)}
                lane = a.lane(pi)
                lane.keys = [r.choice(a.keys)]
                W.add(pipeline_stream(W, lane, p))


# ------------------------------------------------- IDE / agent frameworks
FRAMEWORKS = (('keelcode', 0.55, 14, ('1.8.2', '1.9.0', '1.7.5')),
              ('oarsman-agent', 0.30, 22, ('0.9.4', '0.10.1')),
              ('skiff-ide', 0.15, 9, ('3.2.0', '3.1.4', '3.0.9')))


def framework_table(W):
    rng = W.rng('frameworks')
    out = []
    for name, share, tools, vers in FRAMEWORKS:
        vw = [rng.uniform(0.2, 1.0) for _ in vers]
        vw[0] += 1.0
        out.append({'name': name, 'share': share, 'tools': tools,
                    'vers': [(v, sys_hash(rng), w) for v, w in zip(vers, vw)]})
    return out


def agent_stream(W, a, rh, spd, netf, model, tools, think_p, p429, stream_p, sysh):
    rng = a.rng
    n = poisson(rng, rh.expected(spd, 0, W.T))
    n = max(1, n)
    for s in rh.sample(rng, n, 0, W.T):
        t = max(s, a.last + 1000)
        tasks = 1 + geom(rng, 2.5)
        new = True
        for _ in range(tasks):
            L = int(clip(1 + geom(rng, 11), 1, 90))
            ctx = lnorm(rng, 9000, 0.4)
            grow = lnorm(rng, 2500, 0.6)
            sh = rng.getrandbits(64)
            tk = rng.random() < think_p
            for k in range(1, L + 1):
                net = netf(rng, t, new)
                new = False
                m = model(rng, t)
                small = m == 'claude-haiku-4-5'
                inp = int(min(ctx, 190000) * (0.15 if small else 1.0)) + tools * 310
                out = int(clip(lnorm(rng, 350, 0.9) + (lnorm(rng, 900, 0.8) if tk else 0), 5, 32000))
                cat = 'tool_use' if k > 1 and rng.random() < 0.7 else 'coding'
                e = a.fire(t, net, m, cat, inp, out, tools, 2 * k - 1, tk,
                           clip(rng.gauss(0.06, 0.05), 0, 1), sh, sysh, rng.random() < stream_p,
                           'messages', p429)
                if e is None:
                    return
                yield e
                ctx += grow * math.exp(rng.gauss(0, 0.5))
                if ctx > 165000:
                    ctx = lnorm(rng, 30000, 0.3)  # compaction
                sh = drift(rng, sh, 2, 7)
                t = e[0] + int(lnorm(rng, 3500, 0.8))
            t += int(lnorm(rng, 4 * MIN, 0.8))


def ide_agents(W, n):
    rng = W.rng('ide')
    I = W.I
    fws = framework_table(W)
    W.frameworks = fws
    fw_pick = WChoice(range(len(fws)), [f['share'] for f in fws])
    corps = []
    for _ in range(max(2, n // 60)):
        cc = N.pick_country(rng)
        corps.append((cc, N.pick_tz(rng, cc), N.corp_egress(I, rng, cc)))
    groups = [W.group('ide_%s' % f['name'], 'ide_agent_users') for f in fws]
    models = (('claude-sonnet-4-5', 70), ('claude-opus-4-5', 20), ('claude-haiku-4-5', 10))
    for i in range(n):
        fi = fw_pick(rng)
        fw = fws[fi]
        vi = WChoice(range(len(fw['vers'])), [v[2] for v in fw['vers']])(rng)
        ver, sysh, _ = fw['vers'][vi]
        a = W.acct(groups[fi], aged(rng, 5, 700), org=W.uid('org_', 10) if rng.random() < 0.3 else None,
                   pay=card(rng, 0.85), ua='%s/%s' % (fw['name'], ver))
        r = a.rng
        if r.random() < 0.3:
            cc, tz, eg = corps[r.randrange(len(corps))]
            netf = eg.picker()
            rh = rhythm('office', tz, weekend=0.15, floor=0.05)
        else:
            cc = N.pick_country(r)
            tz = N.pick_tz(r, cc)
            netf = N.home_and_mobile(I, r, cc, 0.05)
            rh = rhythm('human', tz)
        tools = fw['tools'] + r.randint(0, 20)
        W.add(agent_stream(W, a, rh, lnorm(r, 5.5, 0.6), netf,
                           model_picker(W, r, models, adopt_p=0.35, delay_med=3 * HOUR),
                           tools, r.uniform(0, 0.5), 0.006, 0.95, sysh))


# ------------------------------------------------- plugins and their bots
PLUGINS = ('sheetgenie', 'mailmate', 'notewise', 'slidecraft', 'ticketsage')


def plugin_table(W):
    rng = W.rng('plugins')
    k = rng.randint(3, 5)
    out = []
    for i, name in enumerate(PLUGINS[:k]):
        out.append({'name': name, 'share': 1.0 / (i + 1) ** 0.8,
                    'ua': '%s/%d.%d.%d' % (name, rng.randint(1, 6), rng.randint(0, 20), rng.randint(0, 9)),
                    'bot_ua': '%s-bot/%d.%d' % (name, rng.randint(1, 3), rng.randint(0, 9)),
                    'sys': sys_hash(rng), 'tpls': [Template(rng) for _ in range(rng.randint(2, 5))],
                    'cats': tilted(rng, {'writing': 35, 'analysis': 30, 'chat': 20, 'other': 15}, 0.9),
                    'model': rng.choice(('claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5'))})
    return out


def bot_stream(W, a, netf, period, jitter, tpl, sysh, model, cat):
    rng = a.rng
    t = rng.randint(0, period)
    while t < W.T:
        if rng.random() > 0.01:
            tc = t + int(abs(rng.gauss(0, jitter)))
            inp = int(lnorm(rng, 1400, 0.3))
            out = int(lnorm(rng, 180, 0.4)) + 5
            e = a.fire(tc, netf(rng, tc, False), model, cat, inp, out, 0, 1, False,
                       clip(rng.gauss(0.02, 0.02), 0, 1), tpl.variant(rng), sysh, False, 'messages',
                       0.002, start=False)
            if e is None:
                return
            yield e
        t += period


def plugins(W, n_users, n_bots):
    rng = W.rng('plugin-users')
    I = W.I
    pl = plugin_table(W)
    pick = WChoice(range(len(pl)), [p['share'] for p in pl])
    groups = [W.group('plugin_%s' % p['name'], 'plugin_users') for p in pl]
    for i in range(n_users):
        pi = pick(rng)
        p = pl[pi]
        a = W.acct(groups[pi], aged(rng, 3, 600), pay=card(rng, 0.8), ua=p['ua'])
        r = a.rng
        cc = N.pick_country(r)
        tz = N.pick_tz(r, cc)
        netf = N.home_and_mobile(I, r, cc, 0.15)
        sysf = (lambda s: (lambda rr: s))(p['sys'])
        mix = Mix(p['cats'], prompt=TplPrompt(p['tpls'], 0.85), sysf=sysf, think_p=0.0)
        hp = HP(rh=rhythm('office', tz, weekend=0.3, floor=0.1), spd=lnorm(r, 6, 0.7), rps=2.5,
                think=(60000, 1.0), net=netf, t0=0, t1=W.T, newconv_p=0.9,
                model=model_picker(W, r, ((p['model'], 1),), adopt_p=0.0), mix=mix,
                stream_p=0.5, p429=0.003)
        W.add(human_stream(W, a, hp))
    gb = W.group('plugin_bots', 'integration_bot')
    rng = W.rng('plugin-bots')
    for i in range(n_bots):
        p = pl[pick(rng)]
        a = W.acct(gb, aged(rng, 10, 600), org=W.uid('org_', 10) if rng.random() < 0.5 else None,
                   pay=card(rng), ua=p['bot_ua'])
        r = a.rng
        eg = N.cloud_egress(I, r, N.BIG_CLOUD + N.VPS_CLOUD, k=1)
        period = r.choice((30, 60, 60, 120, 300, 300, 600, 900)) * 1000
        cat = r.choice(('writing', 'analysis', 'other'))
        W.add(bot_stream(W, a, eg.picker(), period, r.uniform(5, 80), r.choice(p['tpls']),
                         p['sys'], p['model'], cat))


# ------------------------------------------------------------------ teams
def teams(W, n):
    rng = W.rng('teams')
    I = W.I
    g = W.group('teams', 'team_org')
    left = n
    ti = 0
    while left > 0:
        size = min(left, int(clip(lnorm(rng, 7, 0.6), 3, 25)))
        left -= size
        ti += 1
        cc = N.pick_country(rng)
        tz = N.pick_tz(rng, cc)
        eg = N.corp_egress(I, rng, cc, n_ips=rng.randint(1, 2))
        org, pay, tsys = W.uid('org_', 10), card(rng), sys_hash(rng)
        ua = sdk_ua(rng, (0, 1))
        cats = tilted(rng, {'coding': 35, 'writing': 20, 'analysis': 25, 'chat': 15, 'tool_use': 5}, 0.5)
        sysf = (lambda s: (lambda rr: s if rr.random() < 0.8 else NULL))(tsys)
        for j in range(size):
            a = W.acct(g, aged(rng, 20, 800), org=org, pay=pay, ua=ua if rng.random() < 0.85 else sdk_ua(rng))
            r = a.rng
            office = eg.picker()
            if r.random() < 0.25:
                homef = N.home(I, r, cc)
                netf = (lambda o, h: (lambda rr, t, new: h(rr, t, new) if rr.random() < 0.7 else o(rr, t, new)))(office, homef)
            else:
                netf = office
            hp = HP(rh=rhythm('office', tz, weekend=0.05), spd=lnorm(r, 8, 0.6), rps=clip(lnorm(r, 5, 0.4), 1.5, 14),
                    net=netf, t0=0, t1=W.T, model=personal_models(W, r, adopt_p=0.2),
                    mix=Mix(cats, sysf=sysf, think_p=0.15, tools=(0.2, 1, 8)), stream_p=0.7, p429=0.004)
            W.add(human_stream(W, a, hp))


# ----------------------------------------------------- cloud start-ups
def poisson_stream(W, a, rate_h, rh, make):
    """Completion-time Poisson stream modulated by rh (thinning)."""
    rng = a.rng
    lam = rate_h * rh.wmax / HOUR
    if lam <= 0:
        return
    t = 0
    fn, wmax = rh.fn, rh.wmax
    while True:
        t += int(rng.expovariate(lam)) + 1
        if t >= W.T:
            return
        if rng.random() * wmax > fn(t):
            continue
        e = make(rng, t)
        if e is None:
            return
        yield e


def app_maker(W, a, netf, models, cats, tpls, p_tpl, sys_pool, p_sys, p429, turns_mean=0.5,
              stream_p=0.6, ua=None):
    def make(rng, t):
        cat = cats(rng)
        tr = 1 + 2 * geom(rng, turns_mean)
        cp = CAT_P[cat]
        inp = int(lnorm(rng, cp[0], cp[1]) * (1 + 0.6 * (tr - 1))) + 20
        out = int(clip(lnorm(rng, cp[2], cp[3]), 5, 32000))
        tools = rng.randint(2, 12) if cat == 'tool_use' else 0
        if tpls and rng.random() < p_tpl:
            sh = rng.choice(tpls).variant(rng)
        else:
            sh = rng.getrandbits(64)
        sysh = rng.choice(sys_pool) if sys_pool and rng.random() < p_sys else NULL
        cot = clip(rng.gauss(cp[4], cp[5]), 0, 1)
        return a.fire(t, netf(rng, t, False), models(rng, t), cat, inp, out, tools, tr,
                      rng.random() < 0.08, cot, sh, sysh, rng.random() < stream_p, 'messages',
                      p429, start=False, ua=ua)
    return make


def startups(W, n):
    rng = W.rng('startups')
    I = W.I
    g = W.group('startups_cloud', 'cloud_startup')
    left = n
    while left > 0:
        size = min(left, rng.randint(1, 4))
        left -= size
        cc = rng.choice(('US', 'US', 'US', 'GB', 'DE', 'IN', 'SG', 'FR', 'CA', 'BR'))
        tz = N.pick_tz(rng, cc)
        eg = N.cloud_egress(I, rng, N.BIG_CLOUD + N.VPS_CLOUD, k=rng.randint(1, 3), cc=cc)
        org, pay = W.uid('org_', 10), card(rng, 0.9)
        app_sys = [sys_hash(rng) for _ in range(rng.randint(1, 3))]
        tpls = [Template(rng) for _ in range(rng.randint(1, 3))]
        cats = WChoice(list(BASE_W), list(tilted(rng, BASE_W, 1.0).values()))
        for j in range(size):
            a = W.acct(g, aged(rng, 10, 500), org=org, pay=pay, nkeys=rng.randint(1, 3), ua=sdk_ua(rng, (0, 1, 6)))
            r = a.rng
            dev = a.lane(0)
            hp = HP(rh=rhythm('office', tz, weekend=0.2), spd=lnorm(r, 3, 0.6), rps=4, net=eg.picker(),
                    t0=0, t1=W.T, model=personal_models(W, r, adopt_p=0.5, delay=2 * HOUR),
                    mix=Mix(tilted(r, BASE_W), tools=(0.3, 1, 10), sysf=lambda rr, s=app_sys: rr.choice(s)),
                    stream_p=0.5, p429=0.006)
            W.add(human_stream(W, dev, hp))
            prod = a.lane(1)
            mk = app_maker(W, prod, eg.picker(), personal_models(W, r, adopt_p=0.3, delay=3 * HOUR),
                           cats, tpls, 0.6, app_sys, 0.9, 0.008)
            W.add(poisson_stream(W, prod, lnorm(r, 14, 0.8), rhythm('human', tz, floor=0.2), mk))


# ------------------------------------------------------- early adopters
def early_adopters(W, n):
    rng = W.rng('early')
    I = W.I
    g = W.group('early_adopters', 'early_adopter')
    for i in range(n):
        a = W.acct(g, aged(rng, 5, 800), pay=card(rng, 0.8), ua=sdk_ua(rng),
                   org=W.uid('org_', 10) if rng.random() < 0.2 else None)
        r = a.rng
        cc = N.pick_country(r)
        tz = N.pick_tz(r, cc)
        ta = W.release + int(lnorm(r, 40 * MIN, 0.8))

        def mult(t, ta=ta):
            if t < ta:
                return 0.35
            return 1.0 + 7.0 * math.exp(-(t - ta) / (2.5 * HOUR))
        rh = custom_rhythm('human', tz, mult, 8.0)
        viral = lambda rr, conv: rr.choice(VIRAL) if rr.random() < 0.3 else rr.getrandbits(64)
        mix = Mix({'reasoning': 30, 'coding': 30, 'chat': 25, 'writing': 15}, cot_shift=0.08,
                  think_p=0.35, prompt=viral, sysf=personal_sys(r, 0.2))
        hp = HP(rh=rh, spd=lnorm(r, 7, 0.5), rps=clip(lnorm(r, 5, 0.4), 2, 14), net=N.home_and_mobile(I, r, cc, 0.2),
                t0=0, t1=W.T, greet_p=0.05,
                model=model_picker(W, r, IND_MODELS, adopt_p=1.0, delay_med=ta - W.release, delay_sig=0.01,
                                   share=(0.8, 0.97)),
                mix=mix, stream_p=0.6, p429=0.006)
        W.add(human_stream(W, a, hp))


# ------------------------------------------ resellers/platforms, integrators
RESELLERS = ('routewise', 'tokenhub', 'polyrelay', 'modelmesh')


def resellers(W, k):
    rng = W.rng('resellers')
    I = W.I
    gcats = WChoice(list(BASE_W), list(BASE_W.values()))
    for name in RESELLERS[:k]:
        g = W.group('reseller_%s' % name, 'reseller_platform')
        org, pay = W.uid('org_', 10), card(rng)
        ips = []
        for _ in range(rng.randint(2, 4)):
            ips += N.cloud_egress(I, rng, N.BIG_CLOUD, k=rng.randint(2, 4)).ips
        ua = '%s/%d.%d.%d' % (name, rng.randint(1, 4), rng.randint(0, 30), rng.randint(0, 9))
        sys_pool = [sys_hash(rng) for _ in range(30)]
        tpls = [Template(rng) for _ in range(15)]
        naccts = int(clip(W.N / 6000.0 * rng.uniform(6, 22), 3, 80))
        adopt = rng.uniform(10, 60) * MIN
        for j in range(naccts):
            a = W.acct(g, aged(rng, 100, 900), org=org, pay=pay, nkeys=rng.randint(2, 6), ua=ua)
            r = a.rng
            models = model_picker(W, r, (('claude-sonnet-4-5', 55), ('claude-haiku-4-5', 25), ('claude-opus-4-5', 20)),
                                  adopt_p=1.0, delay_med=adopt, delay_sig=0.05, share=(0.3, 0.5))
            mk = app_maker(W, a, lambda rr, t, new, ips=ips: rr.choice(ips), models, gcats, tpls, 0.12, sys_pool, 0.4,
                           0.01, turns_mean=1.5, stream_p=0.7)
            W.add(poisson_stream(W, a, clip(lnorm(r, 320, 0.5), 60, 900),
                                 rhythm('human', r.choice((-6, -5, 1, 5.5, 9)), floor=0.5), mk))


def integrators(W, n):
    rng = W.rng('integrators')
    I = W.I
    g = W.group('integrators', 'saas_integrator')
    left = n
    while left > 0:
        size = min(left, rng.randint(1, 3))
        left -= size
        cc = rng.choice(('US', 'US', 'GB', 'DE', 'FR', 'JP', 'CA', 'NL'))
        tz = N.pick_tz(rng, cc)
        eg = N.cloud_egress(I, rng, N.BIG_CLOUD, k=rng.randint(1, 3), cc=cc)
        org, pay = W.uid('org_', 10), card(rng)
        sysp = [sys_hash(rng)]
        tpls = [Template(rng) for _ in range(rng.randint(2, 4))]
        cats = WChoice(('writing', 'analysis', 'chat', 'coding'), list(tilted(rng, {'a': 3, 'b': 3, 'c': 2, 'd': 1}, 1.2).values()))
        model = rng.choice(('claude-sonnet-4-5', 'claude-haiku-4-5'))
        for j in range(size):
            a = W.acct(g, aged(rng, 30, 700), org=org, pay=pay, nkeys=rng.randint(1, 3), ua=sdk_ua(rng, (0, 1)))
            r = a.rng
            mk = app_maker(W, a, eg.picker(), model_picker(W, r, ((model, 1),), adopt_p=0.2),
                           cats, tpls, 0.9, sysp, 1.0, 0.005, turns_mean=0.3, stream_p=0.3)
            W.add(poisson_stream(W, a, lnorm(r, 60, 0.7), rhythm('office', tz, weekend=0.2, floor=0.15), mk))


# --------------------------------------------------------------- the plan
def build_benign(W):
    rng = W.rng('plan')
    n = W.N
    s = n / 6000.0
    sizes = {}
    sizes['new_free'] = int(n * rng.uniform(0.06, 0.10))
    n_coh = max(2, int(round(n / 2200.0 * rng.uniform(0.8, 1.4))))
    sizes['cohort_total'] = int(n * rng.uniform(0.025, 0.045))
    sizes['researchers'] = max(6, int(n * rng.uniform(0.002, 0.004)))
    n_ent = max(3, int(round(n * rng.uniform(0.0008, 0.0014))))
    sizes['ide'] = int(n * rng.uniform(0.09, 0.14))
    sizes['plugin_users'] = int(n * rng.uniform(0.05, 0.08))
    sizes['plugin_bots'] = max(8, int(n * rng.uniform(0.002, 0.004)))
    sizes['teams'] = int(n * rng.uniform(0.05, 0.08))
    sizes['startups'] = int(n * rng.uniform(0.01, 0.02))
    sizes['early'] = int(n * rng.uniform(0.02, 0.035))
    n_res = rng.randint(3, 4)
    sizes['integrators'] = max(5, int(n * rng.uniform(0.0015, 0.003)))
    new_free(W, sizes['new_free'])
    cohorts(W, n_coh, sizes['cohort_total'])
    researchers(W, sizes['researchers'])
    enterprise(W, n_ent)
    ide_agents(W, sizes['ide'])
    plugins(W, sizes['plugin_users'], sizes['plugin_bots'])
    teams(W, sizes['teams'])
    startups(W, sizes['startups'])
    early_adopters(W, sizes['early'])
    resellers(W, n_res)
    integrators(W, sizes['integrators'])
    used = len(W.acct_groups)
    individuals(W, max(int(0.3 * n), n - used))
