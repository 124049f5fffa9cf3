"""The benign population, including the look-alikes of the threat brief."""
import math

from . import net
from .build import pick_country, tz_of, pick_ua, UA_CASUAL, UA_DEV
from .core import (MIX_GENERAL, MIX_CHEAP, MIX_DEV, HAIKU, SONNET, OPUS, SONNET_D, HAIKU_D,
                   NEW, NEW_D)
from .personas import Person, Agent, Periodic, Runner
from .simhash import exact_hash
from .text import Template, boiler, system_prompt_text, derive_template
from .util import (DAY, HOUR, MINUTE, Profile, tz_profile, table_weight, EVENING, cumw, wchoice,
                   lognorm, clamp)


def _cats(pairs):
    return [c for c, _ in pairs], cumw([w for _, w in pairs])


CASUAL_CATS = _cats([('chat', 42), ('writing', 18), ('analysis', 9), ('other', 9), ('vision', 7),
                     ('coding', 8), ('reasoning', 7)])
DEV_CATS = _cats([('coding', 55), ('analysis', 10), ('reasoning', 9), ('tool_use', 9), ('chat', 9),
                  ('writing', 5), ('other', 3)])


def build_benign(b, n_total):
    ctx = b.ctx
    rng = b.rng
    span = ctx.end - ctx.start

    # ---- allocate head-counts ------------------------------------------------
    n_cohorts = int(clamp(1 + n_total // 4000, 1, 6))
    cohort_sizes = [int(min(rng.randint(25, 80), max(12, n_total * 0.06 // n_cohorts)))
                    for _ in range(n_cohorts)]
    n_labs = int(clamp(1 + n_total // 3000, 1, 8))
    lab_sizes = [rng.randint(1, 3) for _ in range(n_labs)]
    n_ent = int(clamp(1 + n_total // 2500, 1, 12))
    ent_sizes = [rng.randint(1, 3) for _ in range(n_ent)]
    n_st = int(clamp(1 + n_total // 700, 1, 40))
    st_sizes = [rng.randint(1, 4) for _ in range(n_st)]
    team_target = max(3, round(n_total * 0.06))
    team_sizes = []
    while sum(team_sizes) < team_target:
        team_sizes.append(int(clamp(lognorm(rng, 6, 0.6), 3, 25)))
    team_sizes[-1] -= sum(team_sizes) - team_target
    if team_sizes[-1] < 2 and len(team_sizes) > 1:
        last = team_sizes.pop()
        team_sizes[-1] += last
    n_script = max(2, round(n_total * 0.012))
    n_ide = round(n_total * 0.12)
    n_plugin = round(n_total * 0.09)
    n_dev = round(n_total * 0.14)
    n_new = round(n_total * 0.09)
    fixed = (sum(cohort_sizes) + sum(lab_sizes) + sum(ent_sizes) + sum(st_sizes) + team_target
             + n_script + n_ide + n_plugin + n_dev + n_new)
    n_casual = n_total - fixed
    assert sum(team_sizes) == team_target
    if n_casual < 0:
        raise ValueError('too few benign accounts for the population mix: %d' % n_total)

    _course_cohorts(b, cohort_sizes)
    _bench_labs(b, lab_sizes)
    _enterprises(b, ent_sizes)
    _startups(b, st_sizes)
    _teams(b, team_sizes)
    _scripts(b, n_script)
    _ide_users(b, n_ide)
    _plugins(b, n_plugin)
    _individuals(b, n_dev, 'developer')
    _newcomers(b, n_new)
    _individuals(b, n_casual, 'casual')


# ---------------------------------------------------------------- individuals
def _individuals(b, n, kind):
    ctx = b.ctx
    for i in range(n):
        r = b.sub_rng('%s/%d' % (kind, i))
        cc, tz = pick_country(r)
        netp, tag = b.person_net(r, cc)
        paid = r.random() < (0.8 if kind == 'developer' else 0.7)
        pm = b.reg.pm(r) if paid else None
        org = b.reg.org(r) if r.random() < 0.55 else None
        created = b.age_created(r, 150 if kind == 'developer' else 110)
        ua = pick_ua(r, UA_DEV if kind == 'developer' else UA_CASUAL)
        a = b.actor(Person, kind, created, pm, 1 if r.random() < 0.8 else r.randint(2, 3), ua,
                    netp, org=org, rpm=None if paid else 5)
        night = r.random() < 0.08
        prof = tz_profile('nightowl' if night else 'human', tz, ctx.start, ctx.end)
        if kind == 'developer':
            sph = None
            if r.random() < 0.3:
                sph = exact_hash(system_prompt_text(r, 'coding'))
            a.configure(prof=prof, rate=lognorm(r, 0.6, 0.6), turns_mean=r.uniform(2, 6),
                        gap_med=r.uniform(40, 120), cats=DEV_CATS[0], cat_cum=DEV_CATS[1],
                        tools_p=0.25 if r.random() < 0.4 else 0.0, tools=(1, 6), sph=sph,
                        sp_tok=r.randint(200, 3000), sph_p=0.9, think_p=r.choice([0.0, 0.1, 0.4]),
                        stream_p=r.choice([0.1, 0.6, 0.95]), mix=MIX_DEV,
                        step_p=r.choice([0.0, 0.03, 0.1]))
            b.early(a, r, 0.25)
        else:
            a.configure(prof=prof, rate=lognorm(r, 0.3, 0.7), turns_mean=r.uniform(1.5, 4.5),
                        gap_med=r.uniform(25, 90), cats=CASUAL_CATS[0], cat_cum=CASUAL_CATS[1],
                        think_p=r.choice([0.0, 0.0, 0.05, 0.2]), stream_p=r.choice([0.2, 0.7, 0.95]),
                        mix=MIX_GENERAL, step_p=r.choice([0.0, 0.0, 0.05, 0.25]),
                        sph=exact_hash(system_prompt_text(r, 'chat', (10, 80))) if r.random() < 0.15 else None,
                        sp_tok=r.randint(20, 300))
            b.early(a, r, 0.05)
        b.group('developers' if kind == 'developer' else 'casual_users', 'individual_' + kind, a)
        if tag:
            b.group(tag, 'shared_network_vpn' if tag.startswith('vpn') else 'shared_network_cgnat', a)


def _newcomers(b, n):
    ctx = b.ctx
    span = ctx.end - ctx.start
    for i in range(n):
        r = b.sub_rng('newcomer/%d' % i)
        cc, tz = pick_country(r)
        netp, tag = b.person_net(r, cc, mobile_p=0.35)
        if r.random() < 0.45:
            created = ctx.start + int(span * 0.92 * r.random())
        else:
            created = ctx.start - int(r.random() * 3 * DAY)
        pm = b.reg.pm(r) if r.random() < 0.08 else None
        a = b.actor(Person, 'newcomer', created, pm, 1, pick_ua(r, UA_CASUAL), netp,
                    org=b.reg.org(r) if r.random() < 0.5 else None, rpm=5)
        prof = tz_profile('human', tz, ctx.start, ctx.end)
        a.configure(prof=prof, rate=0.25, max_sessions=3, turns_mean=1.8, gap_med=40,
                    cats=CASUAL_CATS[0], cat_cum=CASUAL_CATS[1], mix=MIX_CHEAP, greet_first=True,
                    greet_extra=0.4, lead=r.randint(1, 40) * MINUTE, stream_p=0.3, think_p=0.0)
        b.early(a, r, 0.03)
        b.group('free_tier_newcomers', 'free_tier_greeting', a)
        if tag:
            b.group(tag, 'shared_network_vpn' if tag.startswith('vpn') else 'shared_network_cgnat', a)


# ---------------------------------------------------------------- course cohorts
def _course_cohorts(b, sizes):
    ctx = b.ctx
    span = ctx.end - ctx.start
    for ci, size in enumerate(sizes):
        r = b.sub_rng('cohort/%d' % ci)
        cc = r.choice(['US', 'US', 'GB', 'DE', 'IN', 'SG', 'CA', 'JP', 'KR', 'AU', 'FR', 'BR'])
        tz = tz_of(r, cc)
        uni = r.choice(net.uni_for(cc))
        campus = net.Pool(net.nat_pool(r, uni, r.randint(1, 2)))
        deadline = ctx.start + int(span * r.uniform(0.5, 0.9))
        tau = r.uniform(0.8, 2.0) * HOUR

        def fn(t, tz=tz, deadline=deadline, tau=tau):
            w = table_weight(EVENING, tz, t, 0.9)
            if t < deadline:
                return w * (0.2 + 3.0 * math.exp(-(deadline - t) / tau))
            return w * 0.12
        prof = Profile(fn, ctx.start, ctx.end)
        wave = ctx.start - int(r.uniform(5, 25) * DAY)
        org = b.reg.org(r) if r.random() < 0.5 else None
        course = r.choice(['discrete math', 'probability', 'algorithms', 'linear algebra',
                           'statistics', 'intro to proofs'])
        tpls = []
        for k in range(3):
            lead = ('problem set {small} exercise {num} for %s consider the {obj} {cond} ' % course)
            tpls.append(Template(lead + boiler('cohort%d/%d/%d' % (ctx.seed, ci, k), 'reasoning',
                                               r.randint(60, 110))
                                 + ' show your work step by step and explain the reasoning behind each step',
                                 'reasoning', (0.6, 0.92), 'assignment'))
        ua = r.choice(['anthropic-python/0.71.2', 'anthropic-python/0.74.1', 'python-requests/2.32.3'])
        for i in range(size):
            rr = b.sub_rng('cohort/%d/%d' % (ci, i))
            created = wave + int(rr.random() * 3 * HOUR)
            home = b.home(rr, cc)
            netp = net.Mixed([campus, home], [0.7, 0.3], hold=50 * MINUTE)
            a = b.actor(Person, 'student', created, None, 1, ua, netp, org=org, rpm=5)
            a.configure(prof=prof, rate=rr.uniform(0.5, 1.6), turns_mean=rr.uniform(2, 5),
                        gap_med=rr.uniform(40, 140), cats=['reasoning', 'chat', 'coding'],
                        cat_cum=[0.6, 0.85, 1.0], tpls=tpls, tpl_p=0.7, step_p=0.3,
                        mix=MIX_CHEAP, think_p=0.05, stream_p=0.4)
            b.early(a, rr, 0.02)
            b.group('course_cohort_%d' % (ci + 1), 'course_cohort', a)


# ---------------------------------------------------------------- benchmark researchers
SUITES = None


def _suites(seed):
    global SUITES
    if SUITES is None or SUITES[0] != seed:
        SUITES = (seed, [
            Template('solve the following math word problem {reasl} think step by step and write '
                     'the final numeric answer after the words final answer ' + boiler('s1', 'reasoning', 25),
                     'reasoning', (0.65, 0.95), 'suite_math'),
            Template('the following is a multiple choice question about {domain} {reasp} a {anlp} '
                     'b {anlp} c {anlp} d {anlp} think step by step then answer with the letter only '
                     + boiler('s2', 'analysis', 20), 'reasoning', (0.55, 0.9), 'suite_mc'),
            Template('complete the following {plang} function so that it passes the hidden unit '
                     'tests return only code {codel}', 'coding', (0.02, 0.2), 'suite_code'),
            Template('{reasl} reason carefully step by step before giving the final answer and '
                     'check your work for errors ' + boiler('s4', 'reasoning', 30), 'reasoning',
                     (0.7, 0.97), 'suite_logic'),
            Template('read the document and answer the question document {doc} question {anlp}',
                     'analysis', (0.05, 0.3), 'suite_longctx'),
        ])
    return SUITES[1]


def _bench_labs(b, sizes):
    ctx = b.ctx
    span = ctx.end - ctx.start
    suites = _suites(ctx.seed)
    for li, size in enumerate(sizes):
        r = b.sub_rng('lab/%d' % li)
        cc = r.choice(['US', 'US', 'US', 'GB', 'DE', 'CA', 'SG', 'FR', 'JP', 'KR'])
        tz = tz_of(r, cc)
        if r.random() < 0.6:
            uni = r.choice(net.uni_for(cc))
            eps = net.nat_pool(r, uni, r.randint(1, 4))
        else:
            eps, _ = b.cloud(r, r.randint(1, 6), asns=(15169, 16509, 14618, 396982))
        org = b.reg.org(r)
        pm = b.reg.pm(r)
        ua = r.choice(['anthropic-python/0.74.1', 'anthropic-python/0.72.0', 'inspect_ai/0.3.142',
                       'python-httpx/0.28.1', 'lm_eval/0.4.9'])
        adopt = r.random() < 0.75
        for i in range(size):
            rr = b.sub_rng('lab/%d/%d' % (li, i))
            created = b.age_created(rr, 200, 0.6)
            nk = rr.randint(1, 3)
            a = b.actor(Runner, 'bench', created, pm, nk, ua, net.Pool(eps), org=org)
            a.p429 = 0.01
            night = tz_profile('nightowl', tz, ctx.start, ctx.end)
            day = tz_profile('human', tz, ctx.start, ctx.end)
            runs = []
            for _ in range(rr.randint(1, 3)):
                prof = night if rr.random() < 0.4 else day
                t = prof.sample(rr, ctx.start - int(0.1 * span), ctx.end, 1)
                t = t[0] if t else ctx.start
                runs.append(_bench_run(rr, t, suites, rr.choice([SONNET, OPUS, HAIKU, SONNET_D, 'claude-opus-4-5'])))
            if adopt and i == 0 or (adopt and rr.random() < 0.5):
                t = ctx.release + int(max(8, lognorm(rr, 45, 0.6)) * MINUTE)
                if t < ctx.end:
                    runs.append(_bench_run(rr, t, suites, NEW if rr.random() < 0.8 else NEW_D))
            a.configure(runs=runs, stream_p=0.0, sp_tok=rr.randint(50, 600))
            b.group('bench_lab_%d' % (li + 1), 'benchmark_lab', a)


def _bench_run(r, t, suites, model):
    T = suites[r.randrange(len(suites))]
    n = int(lognorm(r, 350, 0.6))
    n = int(clamp(n, 60, 1500))
    batch = r.random() < 0.3
    rate = r.uniform(0.25, 1.4)  # completions / s
    dur = int(n / rate * 1000) if not batch else int(r.uniform(10, 60) * MINUTE)
    return dict(t=t, n=n, dur=dur, tpl=T, model=model, think_p=r.choice([0.0, 0.0, 1.0]),
                endpoint='batch' if batch else 'messages', out_med=r.choice([300, 700, 1500]),
                sph=None, cot=T.cot)


# ---------------------------------------------------------------- enterprise batch jobs
def _enterprise_templates(r, ei):
    kinds = [
        ('extract the following fields from the document invoice number date vendor total amount '
         'currency and line items return valid json only document {doc}', 'other', (0.0, 0.04)),
        ('classify the support ticket below into exactly one of billing technical account shipping '
         'refund other and give a confidence between 0 and 1 ticket {ticket}', 'other', (0.0, 0.05)),
        ('summarize the call transcript for the crm in three bullet points with next steps '
         'transcript {mixp}', 'writing', (0.0, 0.05)),
        ('you are reviewing a {plang} pull request list security issues and style violations as '
         'json diff {codel}', 'coding', (0.02, 0.12)),
        ('translate the product listing into {lang} keep html tags unchanged listing {mixp}',
         'other', (0.0, 0.03)),
        ('score the sentiment of this customer review from 1 to 5 and extract mentioned product '
         'features review {ticket}', 'analysis', (0.0, 0.06)),
    ]
    pick = r.sample(range(len(kinds)), 3)
    out = []
    for k in pick:
        txt, cat, cot = kinds[k]
        out.append(Template(txt + ' ' + boiler('ent%d/%d' % (ei, k), 'other', r.randint(10, 60)),
                            cat, cot, 'ent'))
    return out


def _enterprises(b, sizes):
    ctx = b.ctx
    span = ctx.end - ctx.start
    for ei, size in enumerate(sizes):
        r = b.sub_rng('ent/%d' % ei)
        cc = r.choice(['US', 'US', 'DE', 'GB', 'JP', 'FR', 'IN', 'NL'])
        eps, _ = b.cloud(r, r.randint(2, 6), cc=cc if r.random() < 0.6 else None,
                         asns=(16509, 14618, 15169, 8075, 396982))
        org = b.reg.org(r)
        pm = b.reg.pm(r)
        ua = r.choice(['anthropic-java/2.9.0', 'anthropic-go/1.14.0', 'anthropic-python/0.69.0',
                       'anthropic-typescript/0.65.0', 'anthropic-java/2.7.1'])
        tpls = _enterprise_templates(r, ei)
        for i in range(size):
            rr = b.sub_rng('ent/%d/%d' % (ei, i))
            created = b.age_created(rr, 300, 0.4)
            keys = [b.reg.key(rr) for _ in range(rr.randint(3, 8))]
            a = b.actor(Runner, 'ent', created, pm, keys, ua, net.Pool(eps), org=org)
            runs = []
            for j in range(rr.randint(1, 2)):
                T = tpls[rr.randrange(len(tpls))]
                sph = exact_hash('ent-sys/%d/%d/%d/%d' % (ctx.seed, ei, i, j))
                model = rr.choice([HAIKU, HAIKU, SONNET, HAIKU_D, SONNET_D])
                key = keys[j % len(keys)]
                if rr.random() < 0.55:
                    period = rr.uniform(6, 45)  # seconds
                    n = int(span / 1000 / period)
                    runs.append(dict(t=ctx.start, n=n, dur=span, tpl=T, model=model, sph=sph,
                                     out_med=rr.choice([60, 150, 400]), key=key, regular=period,
                                     endpoint='messages'))
                else:
                    per_hour = rr.randint(60, 400)
                    off = rr.randint(0, 50) * MINUTE
                    h0 = ctx.start - ctx.start % HOUR
                    t = h0 + off
                    while t < ctx.end:
                        runs.append(dict(t=t, n=per_hour, dur=int(rr.uniform(4, 25) * MINUTE),
                                         tpl=T, model=model, sph=sph, out_med=rr.choice([80, 200, 500]),
                                         key=key, endpoint='batch', queue=int(rr.uniform(1, 6) * MINUTE)))
                        t += HOUR
            a.configure(runs=runs, sp_tok=rr.randint(300, 2500))
            if rr.random() < 0.1:
                a.adopt_at = ctx.release + int(rr.uniform(60, 240) * MINUTE)
                a.adopt_p = 0.1
            b.group('enterprise_%d' % (ei + 1), 'enterprise_batch', a)


# ---------------------------------------------------------------- cloud start-ups
_PRODUCTS = [('legal drafting assistant', 'writing', 'analysis'),
             ('coding tutor', 'coding', 'reasoning'),
             ('customer support copilot', 'chat', 'writing'),
             ('sales email generator', 'writing', 'chat'),
             ('data analysis notebook', 'analysis', 'coding'),
             ('homework helper', 'reasoning', 'chat'),
             ('travel planner', 'chat', 'other'),
             ('resume reviewer', 'writing', 'analysis'),
             ('sql copilot', 'coding', 'analysis'),
             ('meeting notes summarizer', 'writing', 'analysis')]


def _startups(b, sizes):
    ctx = b.ctx
    for si, size in enumerate(sizes):
        r = b.sub_rng('startup/%d' % si)
        prod, c1, c2 = r.choice(_PRODUCTS)
        cc, tz = pick_country(r)
        eps, _ = b.cloud(r, r.randint(1, 3), asns=(16509, 14618, 15169, 8075, 14061, 63949, 20473))
        org = b.reg.org(r)
        pm = b.reg.pm(r)
        ua = r.choice(['anthropic-typescript/0.68.0', 'anthropic-python/0.74.1', 'ai-sdk/5.0.3',
                       'anthropic-typescript/0.67.0', 'langchain-anthropic/0.3.22'])
        sph = exact_hash('startup-sys/%d/%d/%s' % (ctx.seed, si, prod))
        prof = tz_profile('human', tz, ctx.start, ctx.end, 0.8)
        created0 = b.age_created(r, 120, 0.7)
        adopt = r.random() < 0.2
        for i in range(size):
            rr = b.sub_rng('startup/%d/%d' % (si, i))
            created = created0 + int(rr.random() * 20 * DAY)
            created = min(created, ctx.start - HOUR)
            a = b.actor(Person, 'startup', created, pm, rr.randint(1, 3), ua, net.Pool(eps), org=org)
            main = i == 0
            a.configure(prof=prof, rate=lognorm(rr, 18 if main else 4, 0.6),
                        turns_mean=rr.uniform(1.2, 3.0), gap_med=rr.uniform(15, 60),
                        cats=[c1, c2, 'chat'], cat_cum=[0.6, 0.9, 1.0], sph=sph,
                        sp_tok=rr.randint(400, 4000), sph_p=1.0, mix=MIX_DEV if c1 == 'coding' else MIX_GENERAL,
                        stream_p=0.9, think_p=0.05, step_p=0.1 if c1 == 'reasoning' else 0.0)
            a.p429 = 0.003
            if adopt:
                a.adopt_at = ctx.release + int(rr.uniform(30, 200) * MINUTE)
                a.adopt_p = rr.uniform(0.2, 0.9)
            b.group('startup_%d' % (si + 1), 'cloud_startup', a)


# ---------------------------------------------------------------- teams
_TEAM_KINDS = [('support', [('writing', 5), ('chat', 3), ('analysis', 2)]),
               ('engineering', [('coding', 6), ('analysis', 2), ('reasoning', 1), ('chat', 1)]),
               ('data', [('analysis', 6), ('coding', 3), ('writing', 1)]),
               ('legal', [('writing', 5), ('analysis', 5)]),
               ('marketing', [('writing', 7), ('chat', 2), ('other', 1)])]


def _teams(b, sizes):
    ctx = b.ctx
    for ti, size in enumerate(sizes):
        r = b.sub_rng('team/%d' % ti)
        cc, tz = pick_country(r)
        kind, cats = r.choice(_TEAM_KINDS)
        cats = _cats(cats)
        biz = r.choice(net.biz_for(cc))
        office = net.Pool(net.nat_pool(r, biz, r.randint(1, 3)))
        org = b.reg.org(r)
        pm = b.reg.pm(r)
        sph = exact_hash('team-sys/%d/%d' % (ctx.seed, ti)) if r.random() < 0.7 else None
        ua = r.choice(['anthropic-python/0.74.1', 'python-httpx/0.27.2', 'anthropic-typescript/0.68.0',
                       'LibreChat/0.8.0', 'open-webui/0.6.34'])
        prof = tz_profile('office', tz, ctx.start, ctx.end)
        created0 = b.age_created(r, 180, 0.7)
        adopt = r.random() < 0.12
        for i in range(size):
            rr = b.sub_rng('team/%d/%d' % (ti, i))
            created = min(created0 + int(rr.random() * 60 * DAY), ctx.start - HOUR)
            netp = net.Mixed([office, b.home(rr, cc)], [0.8, 0.2], hold=3 * HOUR)
            a = b.actor(Person, 'team', created, pm, 1, ua, netp, org=org)
            a.configure(prof=prof, rate=lognorm(rr, 0.9, 0.5), turns_mean=rr.uniform(2, 5),
                        gap_med=rr.uniform(40, 120), cats=cats[0], cat_cum=cats[1], sph=sph,
                        sp_tok=rr.randint(300, 1500) if sph else 0, sph_p=0.95,
                        mix=MIX_DEV if kind == 'engineering' else MIX_GENERAL,
                        tools_p=0.2 if kind in ('engineering', 'data') else 0.0, tools=(2, 6),
                        stream_p=0.8, think_p=0.1)
            if adopt:
                a.adopt_at = ctx.release + int(rr.uniform(20, 180) * MINUTE)
                a.adopt_p = rr.uniform(0.3, 0.9)
            b.group('team_%d' % (ti + 1), 'team', a)


# ---------------------------------------------------------------- script power users
def _scripts(b, n):
    ctx = b.ctx
    span = ctx.end - ctx.start
    for i in range(n):
        r = b.sub_rng('script/%d' % i)
        cc, tz = pick_country(r)
        if r.random() < 0.4:
            eps, _ = b.cloud(r, 1)
            netp = net.Fixed(eps[0])
        else:
            netp = b.home(r, cc)
        a = b.actor(Runner, 'script', b.age_created(r, 160), b.reg.pm(r), 1,
                    pick_ua(r, UA_DEV), netp, org=b.reg.org(r) if r.random() < 0.6 else None)
        cat = r.choice(['analysis', 'writing', 'other', 'reasoning', 'coding', 'other'])
        cot = (0.5, 0.9) if cat == 'reasoning' and r.random() < 0.6 else (0.0, 0.15)
        slots = ('codel',) if cat == 'coding' else ('doc',) if r.random() < 0.3 else ('num', 'anlp')
        T = derive_template(r, cat if cat != 'other' else 'analysis', cot, (30, 120), slots, 'script')
        T.cat = cat
        day = tz_profile('human', tz, ctx.start, ctx.end)
        runs = []
        model = wchoice(r, MIX_DEV[0], MIX_DEV[1])
        for _ in range(r.randint(1, 2)):
            t = day.sample(r, ctx.start - int(0.1 * span), ctx.end, 1)[0]
            n_req = int(clamp(lognorm(r, 80, 0.6), 25, 400))
            per_h = r.uniform(50, 260)
            runs.append(dict(t=t, n=n_req, dur=int(n_req / per_h * HOUR), tpl=T, model=model,
                             think_p=r.choice([0.0, 0.0, 0.5]), out_med=r.choice([150, 400, 900]),
                             cot=cot))
        if r.random() < 0.15:
            t = ctx.release + int(max(10, lognorm(r, 60, 0.6)) * MINUTE)
            n_req = int(clamp(lognorm(r, 90, 0.5), 20, 300))
            runs.append(dict(t=t, n=n_req, dur=int(n_req / r.uniform(50, 200) * HOUR), tpl=T,
                             model=NEW, think_p=0.3, out_med=600, cot=cot))
        a.configure(runs=runs, stream_p=0.1)
        a.p429 = 0.02
        b.group('power_user_scripts', 'script_user', a)


# ---------------------------------------------------------------- IDE / agent frameworks
FRAMEWORKS = [
    # name, share, ua versions, system-prompt versions (weights), sp tokens, base tools
    ('claude-cli', 0.6, ['claude-cli/2.0.31 (external, cli)', 'claude-cli/2.0.28 (external, cli)',
                         'claude-cli/2.0.36 (external, cli)'], [0.55, 0.3, 0.15], 15000, 17),
    ('cline', 0.28, ['Cline/3.35.0', 'Cline/3.34.1'], [0.8, 0.2], 9500, 12),
    ('continue', 0.12, ['Continue/1.2.7'], [1.0], 6000, 9),
]


def _ide_users(b, n):
    ctx = b.ctx
    fw_cum = cumw([f[1] for f in FRAMEWORKS])
    for i in range(n):
        r = b.sub_rng('ide/%d' % i)
        fi = wchoice(r, list(range(len(FRAMEWORKS))), fw_cum)
        name, _, uas, ver_w, sp_tok, base_tools = FRAMEWORKS[fi]
        vi = wchoice(r, list(range(len(ver_w))), cumw(ver_w))
        ua = uas[min(vi, len(uas) - 1)]
        sph = exact_hash('framework/%s/v%d' % (name, vi))
        cc, tz = pick_country(r)
        if r.random() < 0.2:
            biz = r.choice(net.biz_for(cc))
            netp = net.Fixed(net.endpoint_v4(r, biz))
        else:
            netp, _ = b.person_net(r, cc, vpn_p=0.03, mobile_p=0.1)
        pm = b.reg.pm(r) if r.random() < 0.9 else None
        a = b.actor(Agent, 'ide', b.age_created(r, 120, 0.8), pm, 1 if r.random() < 0.85 else 2, ua,
                    netp, org=b.reg.org(r) if r.random() < 0.6 else None)
        mcp = 0 if r.random() < 0.5 else r.randint(1, 12)
        prof = tz_profile('nightowl' if r.random() < 0.1 else 'human', tz, ctx.start, ctx.end)
        a.configure(prof=prof, rate=lognorm(r, 0.4, 0.6), steps_mean=r.uniform(6, 28),
                    step_gap=r.uniform(5, 18), sph=sph, sp_tok=sp_tok + r.randint(-300, 2500),
                    tools=base_tools + mcp, think_p=r.choice([0.0, 0.3, 0.9]), mix=MIX_DEV,
                    task_cats=('coding', 'coding', 'coding', 'tool_use', 'analysis'),
                    count_p=0.02 if fi == 0 else 0.0)
        b.early(a, r, 0.3, lag_med_min=40)
        b.group('ide_%s' % name, 'ide_shared_system_prompt', a)


# ---------------------------------------------------------------- plugins & integrations
def _plugin_defs(seed):
    def T(txt, cat, cot, key, n):
        return Template(txt + ' ' + boiler('plugin/%s' % key, cat, n), cat, cot, key)
    return [
        dict(name='sheets', ua='SheetsAI/2.3.1 (Google-Apps-Script)', share=0.35, bot_p=0.08,
             sph=None, period=(300, 900), tpls=[
                 T('categorize the value {product} into one of these categories {label} {label} {label} '
                   'reply with the category only', 'other', (0.0, 0.03), 'sheets1', 70),
                 T('extract the {feature} from this text and return it as a short phrase {product}',
                   'other', (0.0, 0.03), 'sheets2', 60),
                 T('write a one sentence summary of {topic} for a spreadsheet cell', 'writing',
                   (0.0, 0.03), 'sheets3', 55)]),
        dict(name='wp_writer', ua='wp-ai-content/4.1.0 (WordPress/6.8.3)', share=0.3, bot_p=0.05,
             sph=None, period=(1800, 3600), tpls=[
                 T('write a product description for a {product} highlighting {feature} in a {tone} '
                   'tone for {audience} keep it under 150 words and end with a call to action',
                   'writing', (0.0, 0.04), 'wp1', 110),
                 T('generate five seo friendly blog post titles about {topic} for {audience}',
                   'writing', (0.0, 0.03), 'wp2', 90),
                 T('write an engaging blog introduction about {topic} in a {tone} tone', 'writing',
                   (0.0, 0.04), 'wp3', 100)]),
        dict(name='chatops_bot', ua='chatops-ai-bot/1.4.7 python-httpx/0.27.2', share=0.2, bot_p=0.6,
             sph=exact_hash('plugin-sys/chatops'), period=(300, 1800), tpls=[
                 T('summarize the recent channel messages into a short digest with action items {ticket}',
                   'writing', (0.0, 0.05), 'bot1', 80),
                 T('answer the question from the team channel using the runbook {ticket}', 'chat',
                   (0.0, 0.05), 'bot2', 60)]),
        dict(name='mail_assist', ua='MailMate-AI/3.0.2', share=0.15, bot_p=0.0,
             sph=exact_hash('plugin-sys/mail'), period=(600, 600), tpls=[
                 T('draft a {tone} reply to this email from {name} accepting the meeting in {city}',
                   'writing', (0.0, 0.03), 'mail1', 90),
                 T('draft a {tone} reply to {name} politely declining and proposing next week',
                   'writing', (0.0, 0.03), 'mail2', 90)]),
    ]


def _plugins(b, n):
    ctx = b.ctx
    defs = _plugin_defs(ctx.seed)
    cum = cumw([d['share'] for d in defs])
    for i in range(n):
        r = b.sub_rng('plugin/%d' % i)
        d = wchoice(r, defs, cum)
        cc, tz = pick_country(r)
        bot = r.random() < d['bot_p']
        pm = b.reg.pm(r) if r.random() < 0.75 else None
        org = b.reg.org(r) if r.random() < 0.5 else None
        if bot:
            if r.random() < 0.7:
                eps, _ = b.cloud(r, 1, asns=(14061, 24940, 16276, 63949, 20473, 51167, 16509))
                netp = net.Fixed(eps[0])
            else:
                netp = b.home(r, cc)
            a = b.actor(Periodic, 'plugin', b.age_created(r, 90), pm, 1, d['ua'], netp, org=org)
            a.configure(period=r.uniform(*d['period']), jitter=r.uniform(0.3, 3.0), tpls=d['tpls'],
                        mix=MIX_CHEAP, sph=d['sph'], sp_tok=r.randint(200, 900) if d['sph'] else 0,
                        out_med=200, skip_p=0.02)
        else:
            netp, _ = b.person_net(r, cc)
            a = b.actor(Person, 'plugin', b.age_created(r, 90), pm, 1, d['ua'], netp, org=org,
                        rpm=None if pm else 5)
            prof = tz_profile('office' if r.random() < 0.5 else 'human', tz, ctx.start, ctx.end)
            a.configure(prof=prof, rate=lognorm(r, 0.6, 0.6), turns_mean=1.3, gap_med=20,
                        tpls=d['tpls'], tpl_p=0.97, cats=['writing'], cat_cum=[1.0],
                        sph=d['sph'], sp_tok=r.randint(200, 900) if d['sph'] else 0,
                        mix=MIX_CHEAP, stream_p=0.0, think_p=0.0, follow_p=0.2)
        b.early(a, r, 0.02)
        b.group('plugin_%s' % d['name'], 'plugin_shared_template', a)
