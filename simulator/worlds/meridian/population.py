"""The benign population: households, organisations and their look-alike groups."""
import bisect
import math

from .actors import BenchRunner, Bot, Human, Pipeline, Service
from .clock import CURVES, REGIONS, curve_base, local_how
from .network import EDU, HOSTING, VPN
from .prompts import TASKS, make_family, pick_ua, task_cum, weighted_cum

# ------------------------------------------------------------------ personas
M_DEFAULT = {'claude-sonnet-4-5': 62, 'claude-haiku-4-5': 28, 'claude-opus-4-1': 10}
PERSONAS = {
    'casual': dict(curve='home', lam=4.7, n=7.6, think=(55, 0.9),
                   tasks={'chat': 55, 'writing': 18, 'other': 9, 'analysis': 5, 'reasoning': 7, 'vision': 6},
                   models={'claude-haiku-4-5': 35, 'claude-sonnet-4-5': 60, 'claude-opus-4-1': 5},
                   stream=0.8, thinkp=0.04, cont=0.7, step=False, adopt=0.08),
    'student': dict(curve='student', lam=5.2, n=10.2, think=(50, 0.9),
                    tasks={'reasoning': 35, 'coding': 25, 'writing': 20, 'chat': 20},
                    models={'claude-sonnet-4-5': 70, 'claude-haiku-4-5': 25, 'claude-opus-4-1': 5},
                    stream=0.7, thinkp=0.12, cont=0.65, step=True, adopt=0.15),
    'dev': dict(curve='dev', lam=5.6, n=11.9, think=(45, 1.0),
                tasks={'coding': 55, 'chat': 10, 'reasoning': 10, 'tool_use': 10, 'analysis': 15},
                models={'claude-sonnet-4-5': 70, 'claude-opus-4-1': 20, 'claude-haiku-4-5': 10},
                stream=0.6, thinkp=0.2, cont=0.7, step=False, adopt=0.3),
    'writer': dict(curve='home', lam=4.7, n=8.5, think=(70, 0.9),
                   tasks={'writing': 50, 'analysis': 25, 'chat': 25},
                   models={'claude-sonnet-4-5': 75, 'claude-opus-4-1': 10, 'claude-haiku-4-5': 15},
                   stream=0.85, thinkp=0.05, cont=0.75, step=False, adopt=0.1),
    'analyst': dict(curve='work', lam=5.6, n=10.2, think=(60, 0.9),
                    tasks={'analysis': 45, 'writing': 20, 'reasoning': 15, 'chat': 10, 'vision': 10},
                    models={'claude-sonnet-4-5': 70, 'claude-opus-4-1': 15, 'claude-haiku-4-5': 15},
                    stream=0.6, thinkp=0.15, cont=0.7, step=False, adopt=0.12),
    'power': dict(curve='dev', lam=11.2, n=22.1, think=(25, 1.0),
                  tasks={'coding': 30, 'reasoning': 20, 'analysis': 20, 'tool_use': 15, 'writing': 15},
                  models={'claude-sonnet-4-5': 50, 'claude-opus-4-1': 40, 'claude-haiku-4-5': 10},
                  stream=0.5, thinkp=0.35, cont=0.6, step=False, adopt=0.5),
    'phone': dict(curve='home', lam=4.7, n=6.8, think=(45, 0.9),
                  tasks={'chat': 60, 'writing': 15, 'other': 10, 'reasoning': 8, 'vision': 7},
                  models={'claude-haiku-4-5': 45, 'claude-sonnet-4-5': 55},
                  stream=0.9, thinkp=0.03, cont=0.7, step=False, adopt=0.05),
}
_PCACHE = {}


def _pc(name):
    v = _PCACHE.get(name)
    if v is None:
        p = PERSONAS[name]
        ts, tc = task_cum(p['tasks'])
        ms, mc = task_cum(p['models'])
        v = (p, ts, tc, ms, mc)
        _PCACHE[name] = v
    return v


def pick(rng, weighted):
    """weighted: list of (item, weight)."""
    tot = sum(w for _, w in weighted)
    r = rng.random() * tot
    for item, w in weighted:
        r -= w
        if r < 0:
            return item
    return weighted[-1][0]


_REG_W = [(r, r.weight) for r in REGIONS]


def pick_region(rng, boost=None):
    if not boost:
        return pick(rng, _REG_W)
    return pick(rng, [(r, r.weight * boost.get(r.cc, 1.0)) for r in REGIONS])


def zipf_cum(n, s=1.1):
    return weighted_cum([1.0 / (k + 1) ** s for k in range(n)])


# ------------------------------------------------------------------ network choosers
def net_fixed(frag):
    return lambda t: frag


def net_home_mobile(w, home, mobile_pool, p_mobile):
    rnd = w.random

    def f(t):
        if mobile_pool and rnd() < p_mobile:
            return mobile_pool[int(rnd() * len(mobile_pool))]
        return home
    return f


def net_pool(w, pool):
    rnd = w.random
    return lambda t: pool[int(rnd() * len(pool))]


def net_office(w, office, home, base, in_office_p=0.85):
    """Office NAT on local weekday working hours, the home line otherwise."""
    rnd = w.random
    offices = office if isinstance(office, list) else [office]

    def f(t):
        how = local_how(t, base)
        if how < 120 and 8 <= how % 24 < 19 and rnd() < in_office_p:
            return offices[int(rnd() * len(offices))]
        return home
    return f


# ------------------------------------------------------------------ generic human builder
def human(w, a, persona, region, net, *, act=1.0, tz_jitter=True, **kw):
    rng = w.rng
    p, ts, tc, ms, mc = _pc(persona)
    jit = rng.gauss(0, 1.0) if tz_jitter else 0.0
    curve = kw.pop('curve', p['curve'])
    off = kw.pop('off', region.off)
    if 'adopt_t' not in kw:
        at, share = adoption(w, p['adopt'])
        kw['adopt_t'], kw['adopt_share'] = at, share
    args = dict(tab=CURVES[curve], base=curve_base(off + jit), lam_h=p['lam'] * act, n_mean=p['n'],
                think_med=p['think'][0], think_sig=p['think'][1], tasks=ts, task_cum=tc, step=p['step'],
                models=ms, model_cum=mc, stream_p=p['stream'], think_p=p['thinkp'], net=net,
                cont_p=p['cont'], com=w.commons, com_cum=w.commons_cum, com_p=0.05)
    args.update(kw)
    return w.add(Human(w, a, **args))


def adoption(w, prob):
    rng = w.rng
    if rng.random() >= prob:
        return None, 0.0
    if rng.random() < 0.2:
        d = rng.uniform(60, 1800)
    else:
        d = rng.expovariate(1 / 7200.0)
    return w.release + d, rng.uniform(0.35, 0.9)


def activity(rng, sigma=1.0):
    return min(15.0, rng.lognormvariate(-0.1, sigma))


def old_created(rng, max_days=700):
    return -86400.0 * (1.0 + max_days * rng.random() ** 1.6) - rng.uniform(0, 86400)


# ------------------------------------------------------------------ the population
def build(w):
    rng = w.rng
    B = w.B
    w.commons = [make_family(rng, t) for t in
                 [TASKS[bisect.bisect(weighted_cum([30, 10, 20, 2, 25, 8, 2, 3]), rng.random())]
                  for _ in range(150)]]
    w.commons_cum = zipf_cum(len(w.commons))
    w.trending = [make_family(rng, t, step=True) for t in
                  [('reasoning', 'coding', 'reasoning', 'writing')[i % 4] for i in range(24)]]
    w.trending_cum = zipf_cum(len(w.trending), 1.3)

    u = rng.uniform
    counts = {
        'mobile_carrier': round(B * u(0.06, 0.10)),
        'vpn_users': round(B * u(0.02, 0.04)),
        'office_nat': round(B * u(0.03, 0.06)),
        'free_tier_new': round(B * u(0.06, 0.10)),
        'course_cohorts': max(40, round(B * u(0.015, 0.03))),
        'benchmark_labs': max(3, round(B * u(0.0008, 0.0015))),
        'enterprise_batch': max(3, round(B * u(0.0007, 0.0013))),
        'ide_agents': round(B * u(0.10, 0.15)),
        'plugin_users': round(B * u(0.06, 0.10)),
        'plugin_bots': max(10, round(B * u(0.006, 0.012))),
        'org_teams': round(B * u(0.04, 0.07)),
        'cloud_startups': max(5, round(B * u(0.006, 0.012))),
        'release_adopters': round(B * u(0.01, 0.02)),
    }
    counts['households'] = max(0, B - sum(counts.values()))
    kinds = {
        'households': 'individual', 'mobile_carrier': 'cgnat_mobile', 'vpn_users': 'vpn',
        'office_nat': 'corporate_nat', 'free_tier_new': 'new_free_tier', 'course_cohorts': 'course_cohort',
        'benchmark_labs': 'benchmark_research', 'enterprise_batch': 'enterprise_batch',
        'ide_agents': 'ide_agent_framework', 'plugin_users': 'plugin_integration',
        'plugin_bots': 'machine_bot', 'org_teams': 'team', 'cloud_startups': 'cloud_hosted',
        'release_adopters': 'early_adopter',
    }
    order = ['households', 'mobile_carrier', 'vpn_users', 'office_nat', 'free_tier_new', 'course_cohorts',
             'benchmark_labs', 'enterprise_batch', 'ide_agents', 'plugin_users', 'plugin_bots', 'org_teams',
             'cloud_startups', 'release_adopters']
    for g in order:
        w.groups[g] = kinds[g]
    _plugins(w)
    for g in order:
        globals()['_g_' + g](w, g, counts[g])


def _individual_account(w, group, persona, *, created=None, tier=None, card_p=0.82, org_p=0.35):
    rng = w.rng
    pay = w.card() if rng.random() < card_p else None
    if tier is None:
        tier = ('t2' if persona == 'power' else 't1') if pay else 'free'
    return w.account(group, old_created(rng) if created is None else created,
                     org=w.org() if rng.random() < org_p else None, payment=pay, tier=tier,
                     ua=pick_ua(rng.random), p400=rng.uniform(0.003, 0.01))


HOUSE_PERSONAS = [('casual', 40), ('student', 12), ('dev', 20), ('writer', 12), ('analyst', 6),
                  ('power', 6), ('phone', 4)]


def _personal_sph(w, a_kw):
    rng = w.rng
    if rng.random() < 0.1:
        a_kw['sph'] = w.sph()
        a_kw['sph_p'] = rng.uniform(0.5, 1.0)
        a_kw['sys_tok'] = rng.randint(50, 1500)


def _g_households(w, g, n):
    rng = w.rng
    made = 0
    while made < n:
        k = min(n - made, pick(rng, [(1, 55), (2, 28), (3, 12), (4, 5)]))
        reg = pick_region(rng)
        isp = rng.choice(reg.resid)
        home = w.net.home(isp, reg.cc)
        mob = w.net.cgnat(rng.choice(reg.mobile), reg.cc)
        for _ in range(k):
            persona = pick(rng, HOUSE_PERSONAS)
            a = _individual_account(w, g, persona)
            kw = {}
            _personal_sph(w, kw)
            human(w, a, persona, reg, net_home_mobile(w, home, mob, rng.uniform(0.03, 0.25)),
                  act=activity(rng), **kw)
        made += k


def _g_mobile_carrier(w, g, n):
    rng = w.rng
    boost = {'IN': 3.0, 'ID': 3.0, 'NG': 4.0, 'PH': 3.0, 'BR': 2.0, 'MX': 2.0, 'VN': 2.0}
    for _ in range(n):
        reg = pick_region(rng, boost)
        pool = w.net.cgnat(rng.choice(reg.mobile), reg.cc)
        persona = pick(rng, [('phone', 60), ('casual', 25), ('student', 15)])
        a = _individual_account(w, g, persona, card_p=0.6)
        human(w, a, persona, reg, net_pool(w, pool), act=activity(rng))


def _vpn_exits(w):
    rng = w.rng
    exits = []
    for asn, ccs in VPN:
        for cc in ccs:
            for _ in range(rng.randint(3, 8)):
                exits.append(w.net.host(asn, cc))
    return exits


def _g_vpn_users(w, g, n):
    rng = w.rng
    exits = _vpn_exits(w)
    for _ in range(n):
        reg = pick_region(rng)
        fav = [rng.choice(exits) for _ in range(rng.randint(1, 3))]
        persona = pick(rng, [('dev', 40), ('casual', 30), ('power', 10), ('writer', 20)])
        a = _individual_account(w, g, persona)
        human(w, a, persona, reg, net_pool(w, fav), act=activity(rng))


def _g_office_nat(w, g, n):
    rng = w.rng
    made = 0
    while made < n:
        k = min(n - made, rng.randint(12, 60))
        reg = pick_region(rng)
        asn = rng.choice(reg.resid)
        office = [w.net.host(asn, reg.cc) for _ in range(rng.randint(1, 3))]
        base = curve_base(reg.off)
        for _ in range(k):
            persona = pick(rng, [('dev', 35), ('analyst', 30), ('writer', 20), ('casual', 15)])
            a = _individual_account(w, g, persona)
            home = w.net.home(rng.choice(reg.resid), reg.cc)
            human(w, a, persona, reg, net_office(w, office, home, base), act=activity(rng),
                  curve='work' if persona != 'dev' else 'dev')
        made += k


def _g_free_tier_new(w, g, n):
    rng = w.rng
    for _ in range(n):
        reg = pick_region(rng)
        persona = pick(rng, [('phone', 35), ('casual', 40), ('student', 15), ('dev', 10)])
        created = rng.uniform(-18 * 3600.0, w.end)
        a = w.account(g, created, tier='free', ua=pick_ua(rng.random), p400=rng.uniform(0.01, 0.03))
        if rng.random() < 0.4:
            net = net_pool(w, w.net.cgnat(rng.choice(reg.mobile), reg.cc))
        else:
            net = net_fixed(w.net.home(rng.choice(reg.resid), reg.cc))
        greet = created >= 0
        left = rng.choice([1, 1, 1, 2, 2, 3, 4])
        human(w, a, persona, reg, net, act=rng.uniform(0.4, 1.2), greet=greet, left=left,
              t_first=created + rng.uniform(20, 900) if greet else 0.0, n_mean=rng.uniform(1.5, 4.0),
              com_p=0.08)


def _g_course_cohorts(w, g, n):
    rng = w.rng
    made = 0
    while made < n:
        k = min(n - made, rng.randint(20, 90))
        if n - made - k < 20:
            k = n - made
        asn, cc, off = rng.choice(EDU)
        reg = next(r for r in REGIONS if r.cc == cc)
        campus = [w.net.host(asn, cc) for _ in range(rng.randint(1, 3))]
        fams = [make_family(rng, rng.choice(['reasoning', 'reasoning', 'coding', 'analysis']), step=True)
                for _ in range(rng.randint(3, 6))]
        fcum = weighted_cum([rng.uniform(0.5, 2.0) for _ in fams])
        wave = -86400.0 * rng.uniform(3, 40)
        deadline = rng.uniform(0.4 * w.end, w.end + 4 * 3600.0)
        tau = rng.uniform(2.5, 7.0) * 3600.0
        course_ua = rng.choice(['anthropic-python/0.74.1', 'anthropic-python/0.72.0'])

        def mod(t, deadline=deadline, tau=tau):
            if t > deadline:
                return 0.12
            return 0.2 + 0.8 * math.exp(-(deadline - t) / tau)
        for _ in range(k):
            created = wave + rng.uniform(0, 7200) if rng.random() < 0.9 else -rng.uniform(0, 2 * 86400.0)
            ua = course_ua if rng.random() < 0.8 else pick_ua(rng.random)
            a = w.account(g, created, tier='free', ua=ua, p400=rng.uniform(0.008, 0.02))
            home = w.net.home(rng.choice(reg.resid), cc)
            net = net_home_mobile(w, campus[int(rng.random() * len(campus))], [home], rng.uniform(0.15, 0.4))
            human(w, a, 'student', reg, net, act=rng.lognormvariate(0.3, 0.5), off=off, fams=fams,
                  fam_cum=fcum, fam_p=rng.uniform(0.45, 0.75), mod=mod, com_p=0.03, gap_min=60.0)
        made += k


def _g_benchmark_labs(w, g, n):
    rng = w.rng
    made = 0
    while made < n:
        k = min(n - made, rng.randint(1, 4))
        if rng.random() < 0.5:
            asn, cc, off = rng.choice(EDU)
            net = w.net.host(asn, cc)
        else:
            asn, ccs = rng.choice(HOSTING)
            cc = rng.choice(ccs)
            off = next(r.off for r in REGIONS if r.cc == cc) if any(r.cc == cc for r in REGIONS) else 0
            net = w.net.host(asn, cc)
        reg = next((r for r in REGIONS if r.cc == cc), REGIONS[0])
        org = w.org()
        pay = w.card()
        suite = [make_family(rng, rng.choice(['reasoning', 'reasoning', 'coding', 'analysis']), step=True,
                             out_scale=rng.uniform(1.0, 2.5), cot=(rng.uniform(0.6, 0.85), 0.13))
                 for _ in range(rng.randint(3, 10))]
        nightly = rng.random() < 0.45
        for _ in range(k):
            a = w.account(g, old_created(rng, 500), org=org, payment=pay, tier=rng.choice(['t1', 't2']),
                          ua=rng.choice(['anthropic-python/0.74.1', 'anthropic-python/0.72.0',
                                         'python-httpx/0.28.1']), p400=0.003)
            t_first = rng.uniform(0, 0.6 * w.end)
            if nightly:
                # scheduled at local 01:00-04:00 when that falls inside the run
                base = curve_base(off)
                t = 0.0
                while not (1 <= local_how(t, base) % 24 < 4):
                    t += 900.0
                if t + 3 * 3600.0 < w.end:
                    t_first = t + rng.uniform(0, 3 * 3600.0)
            w.add(BenchRunner(w, a, net=net, suite=suite, conc=rng.choice([4, 8, 8, 12, 16, 16]),
                              size=rng.randint(150, 1100),
                              models=['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5'],
                              think_p=rng.uniform(0.2, 0.6), gap_h=rng.uniform(5, 16) if not nightly else 24,
                              t_first=t_first))
            human(w, a, 'dev', reg, net_fixed(net), act=rng.uniform(0.4, 1.2), off=off,
                  adopt_t=w.release + rng.uniform(300, 3600), adopt_share=0.6)
        made += k


def _g_enterprise_batch(w, g, n):
    rng = w.rng
    made = 0
    while made < n:
        k = min(n - made, rng.randint(1, 3))
        org = w.org()
        pay = w.card()
        asn, ccs = rng.choice(HOSTING)
        cc = rng.choice(ccs)
        nets = [w.net.host(asn, cc) for _ in range(rng.randint(1, 2))]
        ua = rng.choice(['anthropic-java/2.9.0', 'anthropic-python/0.69.0', 'anthropic-go/1.14.0',
                         'anthropic-python/0.64.0'])
        for _ in range(k):
            a = w.account(g, old_created(rng, 600), org=org, payment=pay, tier='t4', ua=ua,
                          nkeys=rng.randint(2, 6), p400=0.002)
            for key in a.keys:
                fams = [make_family(rng, rng.choice(['analysis', 'writing', 'other', 'coding', 'analysis']),
                                    in_scale=rng.uniform(0.8, 3.0)) for _ in range(rng.randint(1, 3))]
                models = rng.choice([['claude-haiku-4-5'], ['claude-3-5-haiku-20241022'],
                                     ['claude-sonnet-4-5'], ['claude-haiku-4-5', 'claude-sonnet-4-5']])
                sph = w.sph()
                if rng.random() < 0.55:
                    w.add(Pipeline(w, a, key, mode='batch', period=rng.uniform(20, 120) * 60.0,
                                   size=rng.randint(60, 500), spread=rng.uniform(60, 600),
                                   net=nets[0], fams=fams, models=models, sph=sph,
                                   sys_tok=rng.randint(200, 2500)))
                else:
                    w.add(Pipeline(w, a, key, mode='stream', period=rng.uniform(8, 60), size=1, spread=0,
                                   net=nets[-1], fams=fams, models=models, sph=sph,
                                   sys_tok=rng.randint(200, 2500)))
        made += k


IDE_FRAMEWORKS = [
    # (name, weight, [(ua, tools_n, sys_tok)])
    ('claude-code', 50, [('claude-code/2.0.42', 17, 9000), ('claude-code/2.0.37', 16, 8600)]),
    ('cline', 20, [('cline/3.36.1', 12, 7000)]),
    ('openhands', 12, [('openhands/0.61.0', 9, 5200)]),
    ('langchain', 18, [('langchain-anthropic/0.3.22', 6, 1200), ('langchain-anthropic/0.3.19', 5, 1100)]),
]


def _g_ide_agents(w, g, n):
    rng = w.rng
    fw = []
    for name, wt, versions in IDE_FRAMEWORKS:
        # most users are on the current release of their framework
        vw = [0.75] + [0.25 / (len(versions) - 1)] * (len(versions) - 1) if len(versions) > 1 else [1.0]
        for (ua, tools, stok), v in zip(versions, vw):
            fw.append(((ua, tools, stok, w.sph()), wt * v))
    ts, tc = task_cum({'tool_use': 60, 'coding': 35, 'reasoning': 5})
    ms, mc = task_cum({'claude-sonnet-4-5': 75, 'claude-opus-4-1': 15, 'claude-haiku-4-5': 10})
    for _ in range(n):
        ua, tools, stok, sph = pick(rng, fw)
        reg = pick_region(rng)
        pay = w.card() if rng.random() < 0.96 else None
        a = w.account(g, old_created(rng, 400), org=w.org() if rng.random() < 0.5 else None, payment=pay,
                      tier=(rng.choice(['t2', 't3', 't3']) if pay else 'free'), ua=ua,
                      p400=rng.uniform(0.005, 0.015))
        home = w.net.home(rng.choice(reg.resid), reg.cc)
        if rng.random() < 0.3:
            net = net_office(w, w.net.host(rng.choice(reg.resid), reg.cc), home, curve_base(reg.off))
        else:
            net = net_fixed(home)
        human(w, a, 'dev', reg, net, agent=True, lam_h=2.4 * activity(rng, 0.8),
              n_mean=rng.uniform(18, 45), think_med=rng.uniform(2.5, 6.0), think_sig=0.8, tasks=ts, task_cum=tc,
              models=ms, model_cum=mc, stream_p=0.95, think_p=0.15, tools_n=tools,
              ctx0=rng.uniform(4000, 20000), ctx_grow=rng.uniform(600, 3000), sph=sph, sph_p=1.0,
              sys_tok=stok, com_p=0.0, gap_min=600.0, adopt_t=adoption(w, 0.35)[0], adopt_share=0.6)


def _plugins(w):
    rng = w.rng
    specs = [
        ('quillpad', 'quillpad/3.4.1 (anthropic-typescript/0.68.0)', ['writing', 'writing', 'analysis', 'chat']),
        ('gridwise', 'gridwise-sheets/1.9.3', ['analysis', 'analysis', 'other', 'writing']),
        ('mailmate', 'mailmate-ai/2.2.0 (anthropic-python/0.72.0)', ['writing', 'chat', 'writing', 'other']),
    ]
    w.plugins = []
    for name, ua, tasks in specs:
        fams = [make_family(rng, rng.choice(tasks)) for _ in range(rng.randint(4, 10))]
        w.plugins.append({'name': name, 'ua': ua, 'fams': fams,
                          'cum': weighted_cum([rng.uniform(0.3, 3.0) for _ in fams]),
                          'sph': w.sph(), 'sys_tok': rng.randint(300, 2500),
                          'weight': rng.uniform(0.5, 2.0)})


def _g_plugin_users(w, g, n):
    rng = w.rng
    pw = [(p, p['weight']) for p in w.plugins]
    for _ in range(n):
        p = pick(rng, pw)
        reg = pick_region(rng)
        pay = w.card() if rng.random() < 0.7 else None
        a = w.account(g, old_created(rng, 300), payment=pay, tier='t1' if pay else 'free', ua=p['ua'],
                      p400=rng.uniform(0.003, 0.008))
        persona = pick(rng, [('writer', 50), ('analyst', 30), ('casual', 20)])
        home = w.net.home(rng.choice(reg.resid), reg.cc)
        human(w, a, persona, reg, net_home_mobile(w, home, w.net.cgnat(rng.choice(reg.mobile), reg.cc), 0.1),
              act=activity(rng), fams=p['fams'], fam_cum=p['cum'], fam_p=rng.uniform(0.75, 0.95),
              sph=p['sph'], sph_p=1.0, sys_tok=p['sys_tok'], cont_p=0.3, n_mean=rng.uniform(3.0, 6.0),
              com_p=0.0, stream_p=0.5)


def _g_plugin_bots(w, g, n):
    rng = w.rng
    for _ in range(n):
        p = rng.choice(w.plugins)
        asn, ccs = rng.choice(HOSTING)
        cc = rng.choice(ccs)
        a = w.account(g, old_created(rng, 300), org=w.org(), payment=w.card(), tier='t1',
                      ua=p['name'] + '-bot/' + rng.choice(['1.4.0', '1.4.2', '1.5.0']), p400=0.002)
        fams = [p['fams'][bisect.bisect(p['cum'], rng.random())] for _ in range(rng.randint(1, 2))]
        w.add(Bot(w, a, period=pick(rng, [(60.0, 8), (120.0, 15), (300.0, 35), (600.0, 25), (900.0, 17)]),
                  jitter=rng.uniform(0.01, 0.6), net=w.net.host(asn, cc), fams=fams,
                  model=rng.choice(['claude-haiku-4-5', 'claude-haiku-4-5', 'claude-sonnet-4-5']),
                  sph=p['sph'], k=1 if rng.random() < 0.8 else rng.randint(2, 3), sys_tok=p['sys_tok']))


def _g_org_teams(w, g, n):
    rng = w.rng
    made = 0
    while made < n:
        k = min(n - made, rng.randint(3, 25))
        reg = pick_region(rng)
        org = w.org()
        pay = w.card()
        sph = w.sph()
        sys_tok = rng.randint(500, 3000)
        office = [w.net.host(rng.choice(reg.resid), reg.cc) for _ in range(rng.randint(1, 2))]
        base = curve_base(reg.off)
        kind = rng.choice(['dev', 'dev', 'analyst', 'writer'])
        fams = [make_family(rng, rng.choice(['coding', 'analysis', 'writing'])) for _ in range(rng.randint(2, 5))]
        fcum = weighted_cum([1.0] * len(fams))
        team_ua = pick_ua(rng.random, sdk_only=True)
        sph_p = rng.uniform(0.55, 0.9)
        for _ in range(k):
            a = w.account(g, old_created(rng, 500), org=org, payment=pay, tier='t2',
                          ua=team_ua if rng.random() < 0.6 else pick_ua(rng.random), p400=0.005)
            home = w.net.home(rng.choice(reg.resid), reg.cc)
            persona = kind if rng.random() < 0.7 else pick(rng, HOUSE_PERSONAS[:5])
            human(w, a, persona, reg, net_office(w, office, home, base, rng.uniform(0.4, 0.95)),
                  act=activity(rng, 0.7), curve='work', fams=fams, fam_cum=fcum, fam_p=0.25,
                  sph=sph, sph_p=sph_p, sys_tok=sys_tok, com_p=0.02)
        made += k


def _g_cloud_startups(w, g, n):
    rng = w.rng
    made = 0
    while made < n:
        k = min(n - made, rng.randint(1, 3))
        asn, ccs = rng.choice(HOSTING)
        cc = rng.choice(ccs)
        nets = [w.net.host(asn, cc) for _ in range(rng.randint(1, 4))]
        market = pick_region(rng)
        org = w.org()
        pay = w.card()
        tasks = rng.sample(['chat', 'writing', 'analysis', 'tool_use', 'coding', 'vision'], 3)
        fams = [make_family(rng, rng.choice(tasks)) for _ in range(rng.randint(3, 8))]
        fcum = weighted_cum([rng.uniform(0.3, 3.0) for _ in fams])
        ts, tc = task_cum({t: 1 for t in tasks})
        ms, mc = task_cum(rng.choice([{'claude-sonnet-4-5': 1}, {'claude-haiku-4-5': 3, 'claude-sonnet-4-5': 1},
                                      {'claude-sonnet-4-5': 3, 'claude-opus-4-1': 1}]))
        sphs = [w.sph() for _ in range(rng.randint(1, 2))]
        ua = pick_ua(rng.random, sdk_only=True)
        for j in range(k):
            a = w.account(g, old_created(rng, 400), org=org, payment=pay, tier='t3', ua=ua,
                          nkeys=rng.randint(1, 3), p400=0.003)
            rate = rng.lognormvariate(math.log(60), 0.8) if j == 0 else rng.uniform(2, 15)
            w.add(Service(w, a, nets=nets, rate_h=min(rate, 600), tab=CURVES['service'],
                          base=curve_base(market.off), fams=fams, fam_cum=fcum, fam_p=0.85, tasks=ts,
                          task_cum=tc, models=ms, model_cum=mc, sphs=sphs, max_follow=rng.randint(1, 8),
                          stream_p=rng.random(), think_p=0.05, tools_n=rng.randint(2, 12),
                          sys_tok=rng.randint(200, 3000)))
        made += k


def _g_release_adopters(w, g, n):
    rng = w.rng
    ms, mc = task_cum({'claude-sonnet-4-5': 1})
    ts, tc = task_cum({'reasoning': 40, 'coding': 30, 'chat': 20, 'writing': 10})
    for _ in range(n):
        reg = pick_region(rng)
        created = w.release + min(rng.expovariate(1 / 5400.0), 30 * 3600.0)
        pay = w.card() if rng.random() < 0.5 else None
        a = w.account(g, created, payment=pay, tier='t1' if pay else 'free', ua=pick_ua(rng.random),
                      p400=rng.uniform(0.005, 0.02))
        home = w.net.home(rng.choice(reg.resid), reg.cc)
        net = net_home_mobile(w, home, w.net.cgnat(rng.choice(reg.mobile), reg.cc), 0.2)
        greet = rng.random() < 0.6
        persona = pick(rng, [('dev', 40), ('power', 15), ('casual', 30), ('student', 15)])
        human(w, a, persona, reg, net, act=rng.uniform(0.8, 2.0), models=ms, model_cum=mc, tasks=ts,
              task_cum=tc, adopt_t=created, adopt_share=rng.uniform(0.7, 0.95), greet=greet,
              left=rng.randint(2, 8), t_first=created + rng.uniform(30, 1200), com=w.trending,
              com_cum=w.trending_cum, com_p=rng.uniform(0.2, 0.45))
