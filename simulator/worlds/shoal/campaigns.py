"""Distillation campaigns."""
import math

from . import net
from .build import pick_country, pick_ua, UA_OFFICIAL
from .core import Actor, model_mix, HAIKU, SONNET, OPUS, SONNET_D, NEW, PERF
from .personas import Person, Agent
from .simhash import exact_hash
from .text import Template, boiler, diverse, GREETINGS, GREET_CUM, VOCAB
from .util import DAY, HOUR, MINUTE, tz_profile, cumw, wchoice, lognorm, clamp, poisson


def _tpl(key, lead, cat, cot, n, tail=''):
    return Template(lead + ' ' + boiler(key, cat if cat in VOCAB else 'reasoning', n) + ' ' + tail,
                    cat, cot, key)


class Campaign:
    def __init__(self, cid, kind, description):
        self.cid = cid
        self.kind = kind
        self.description = description
        self.actors = []
        self.start_hint = None


def build_campaigns(b, n_benign):
    out = []
    B = n_benign
    seq = [
        ('proxy_swarm', _proxy_swarm, int(clamp(round(B * 0.06), 30, 3000))),
        ('aged_fleet', _aged_fleet, int(clamp(round(B * 0.004), 12, 150))),
        ('slow_drip', _slow_drip, int(clamp(round(B * 0.008), 15, 250))),
        ('scripted_fleet', _scripted_fleet, int(clamp(20 + B // 1000, 20, 60))),
        ('lone_scraper', _lone_scraper, 1),
        ('reseller_front', _reseller, int(clamp(round(B * 0.002), 6, 60))),
        ('release_pivot', _release_pivot, int(clamp(round(B * 0.01), 15, 300))),
        ('tool_harvest', _tool_harvest, int(clamp(round(B * 0.003), 10, 100))),
        ('timezone_mimic', _tz_mimic, int(clamp(round(B * 0.005), 12, 160))),
    ]
    for i, (kind, fn, n) in enumerate(seq):
        c = fn(b, 'shoal-%02d' % (i + 1), n)
        out.append(c)
    return out


def _mk(b, c, cls, ns, created, pm, nkeys, ua, netp, org=None, rpm=None):
    a = b.actor(cls, ns, created, pm, nkeys, ua, netp, org=org, rpm=rpm, benign=False)
    c.actors.append(a)
    return a


# ================================================================ proxy swarm
class SwarmAcct(Actor):
    def setup(self, a0, a1, n, tpls, camo_p, pivot_at, pivot_p, think_p, stream_p):
        self.a0, self.a1, self.n = a0, a1, n
        self.tpls, self.camo_p = tpls, camo_p
        self.pivot_at, self.pivot_p = pivot_at, pivot_p
        self.think_p, self.stream_p = think_p, stream_p
        return self

    def schedule(self):
        rng = self.rng
        ctx = self.ctx
        a0 = max(self.a0, self.t_begin(2 * MINUTE))
        a1 = min(self.a1, ctx.end)
        if a1 <= a0:
            a1 = min(ctx.end, a0 + 30 * MINUTE)
            a0 = min(a0, a1 - MINUTE)
        ts = sorted(a0 + int((a1 - a0) * rng.random()) for _ in range(self.n))
        plan = []
        for j, t in enumerate(ts):
            if j == 0:
                kind = 'g'
            else:
                kind = 'c' if rng.random() < self.camo_p else 'h'
            plan.append((t, kind))
        self.plan = plan
        self.ensure_plan(lambda: 'g')

    def emit(self, ts, kind):
        rng = self.rng
        if kind == 'g':
            return self.ev(ts, HAIKU, 'chat', wchoice(rng, GREETINGS, GREET_CUM), 0.01 * rng.random(),
                           out=rng.randint(5, 40))
        if ts >= self.pivot_at and rng.random() < self.pivot_p:
            model = self.newm
        else:
            model = SONNET if rng.random() < 0.6 else OPUS
        if kind == 'c':
            cat = rng.choice(['chat', 'writing', 'chat', 'other'])
            return self.ev(ts, model, cat, diverse(rng, cat), 0.1 * rng.random(),
                           stream=rng.random() < self.stream_p)
        T = self.tpls[rng.randrange(len(self.tpls))]
        return self.ev(ts, model, T.cat, T.fill(rng), T.cot_value(rng),
                       thinking=rng.random() < self.think_p,
                       out=int(lognorm(rng, 2400, 0.5)), stream=rng.random() < self.stream_p)


SWARM_TPLS = None


def _swarm_tpls():
    return [
        _tpl('sw1', 'solve the following problem carefully before answering write out your complete '
             'chain of reasoning step by step including every intermediate calculation and any '
             'assumptions then state the final answer on its own line problem {reasp} {obj} {cond}',
             'reasoning', (0.8, 0.99), 150),
        _tpl('sw2', 'think through this question in full detail showing all of your internal '
             'reasoning do not skip any steps and justify why each step follows question {reasp}',
             'reasoning', (0.82, 1.0), 170),
        _tpl('sw3', '{reasp} explain your thought process step by step as if teaching a student '
             'including the approaches you considered and rejected', 'reasoning', (0.75, 0.97), 130),
        _tpl('sw4', 'you are an expert {domain} tutor work through the following case showing your '
             'complete reasoning before the conclusion case {anlp}', 'analysis', (0.7, 0.95), 160),
    ]


def _proxy_swarm(b, cid, n):
    ctx = b.ctx
    r = b.sub_rng(cid)
    span = ctx.end - ctx.start
    c = Campaign(cid, 'proxy_swarm',
                 'Residential-proxy swarm of light, mostly free-credit accounts created in waves, '
                 'each sending a few templated reasoning-trace prompts through rotating addresses.')
    tpls = _swarm_tpls()
    cs = ctx.start + int(span * r.uniform(0.04, 0.18))
    waves = [ctx.start - int(r.uniform(3, 6) * DAY), ctx.start - int(r.uniform(0.6, 1.5) * DAY),
             cs + int(span * r.uniform(0.2, 0.35))]
    wave_cum = cumw([0.4, 0.35, 0.25])
    pivot_at = ctx.release + int(r.uniform(20, 55) * MINUTE)
    # residential address space in many countries, the same ranges households use
    ccs = ['US', 'US', 'US', 'GB', 'DE', 'CA', 'BR', 'IN', 'FR', 'JP', 'AU', 'NL', 'ES', 'IT', 'MX',
           'ID', 'PL', 'KR', 'TW', 'VN', 'PH', 'TR']
    res = []
    for cc in sorted(set(ccs)):
        res.extend(net.res_for(cc))
    rot = net.Rotating(res, [1.0] * len(res), v6p=0.15)
    uas = [('anthropic-python/0.74.1', 60), ('anthropic-python/0.73.0', 25),
           ('anthropic-typescript/0.68.0', 15)]
    ua_items, ua_cum = [u for u, _ in uas], cumw([w for _, w in uas])
    for i in range(n):
        rr = b.sub_rng('%s/%d' % (cid, i))
        w = wchoice(rr, [0, 1, 2], wave_cum)
        created = waves[w] + int(rr.random() * rr.uniform(40, 120) * MINUTE)
        pm = b.reg.pm(rr) if rr.random() < 0.35 else None
        if rr.random() < 0.3:
            cc = rr.choice(ccs)
            netp = net.Fixed(net.endpoint_v4(rr, rr.choice(net.res_for(cc))))
        else:
            netp = rot
        a = _mk(b, c, SwarmAcct, 'swarm', created, pm, 1, wchoice(rr, ua_items, ua_cum), netp,
                org=b.reg.org(rr) if rr.random() < 0.1 else None, rpm=5 if pm is None else None)
        a0 = max(cs, created + int(rr.uniform(1, 25) * MINUTE)) + int(rr.random() * 0.6 * span)
        dur = int(rr.uniform(25, 240) * MINUTE)
        a.setup(a0, a0 + dur, 2 + poisson(rr, 8), tpls, 0.15, pivot_at, 0.85, 0.7, 0.3)
    return c


# ================================================================ aged / bought fleet
def _aged_fleet(b, cid, n):
    ctx = b.ctx
    r = b.sub_rng(cid)
    span = ctx.end - ctx.start
    c = Campaign(cid, 'aged_fleet',
                 'Fleet of bought aged accounts with their own cards, reawakened together to harvest '
                 'long code solutions around the clock through sticky residential proxies.')
    act = ctx.start + int(span * r.uniform(0.1, 0.3))
    sph = exact_hash('aged-fleet-sys/%s' % cid)
    ua = 'anthropic-typescript/0.67.0'
    flat = tz_profile('flat', 0, ctx.start, ctx.end)
    mix = model_mix([(OPUS, 70), (SONNET, 30)])
    for i in range(n):
        rr = b.sub_rng('%s/%d' % (cid, i))
        created = ctx.start - int(rr.uniform(200, 1100) * DAY) - rr.randint(0, DAY)
        cc = rr.choice(['US', 'US', 'US', 'GB', 'CA', 'AU', 'DE'])
        home = net.Fixed(net.endpoint_v4(rr, rr.choice(net.res_for(cc))))
        if rr.random() < 0.2:
            netp = net.Mixed([home, net.Fixed(net.endpoint_v4(rr, rr.choice(net.res_for(cc))))],
                             [0.6, 0.4], hold=90 * MINUTE)
        else:
            netp = home
        pm = b.reg.pm(rr) if rr.random() < 0.8 else None
        a = _mk(b, c, Person, 'aged', created, pm, 1, ua, netp,
                org=b.reg.org(rr) if rr.random() < 0.7 else None)
        a.configure(prof=flat, rate=rr.uniform(5, 10), turns_mean=1.0, gap_med=30,
                    cats=['coding', 'coding', 'coding', 'reasoning'], cat_cum=[1, 2, 3.4, 4],
                    sph=sph, sp_tok=rr.randint(600, 700), sph_p=1.0, think_p=0.5, stream_p=0.0,
                    mix=mix, step_p=0.6, len_scale=1.5, out_med=3500, out_sig=0.5, paste_p=0.2,
                    t_from=act + int(rr.random() * 35 * MINUTE), follow_p=0.0)
        a.adopt_at = ctx.release + int(r.uniform(100, 170) * MINUTE)
        a.adopt_p = 0.6
    return c


# ================================================================ slow drip (benign-range)
def _slow_drip(b, cid, n):
    ctx = b.ctx
    r = b.sub_rng(cid)
    c = Campaign(cid, 'slow_drip',
                 'Slow drip of many ordinary-looking paid accounts, each sending only a handful of '
                 'step-by-step reasoning requests at human hours from its own home connection.')
    tpls = [
        _tpl('dr1', 'here is a problem i am stuck on {reasp} {obj} {cond} could you walk me through '
             'it step by step', 'reasoning', (0.45, 0.8), 80),
        _tpl('dr2', 'i need help understanding this {reasp} please explain the reasoning behind '
             'each step', 'reasoning', (0.45, 0.8), 95),
        _tpl('dr3', 'problem {num} {obj} {cond} {reasp} how would you approach this show the '
             'steps', 'reasoning', (0.4, 0.75), 70),
    ]
    sphs = [exact_hash('drip-sys/%s/%d' % (cid, k)) for k in range(2)]
    for i in range(n):
        rr = b.sub_rng('%s/%d' % (cid, i))
        cc, tz = pick_country(rr)
        home = b.home(rr, cc)
        if rr.random() < 0.3:
            m, _ = b.mobile(rr, cc)
            netp = net.Mixed([home, m], [0.75, 0.25])
        else:
            netp = home
        created = b.age_created(rr, 90, 0.8, lo=15, hi=400)
        pm = b.reg.pm(rr) if rr.random() < 0.85 else None
        a = _mk(b, c, Person, 'drip', created, pm, 1, pick_ua(rr, UA_OFFICIAL), netp,
                org=b.reg.org(rr) if rr.random() < 0.55 else None, rpm=None if pm else 5)
        prof = tz_profile('human', tz, ctx.start, ctx.end)
        sph = sphs[rr.randrange(2)] if rr.random() < 0.4 else None
        a.configure(prof=prof, rate=rr.uniform(0.4, 0.9), turns_mean=1.3, gap_med=80,
                    cats=['reasoning', 'chat'], cat_cum=[0.8, 1.0], tpls=tpls, tpl_p=0.85,
                    sph=sph, sp_tok=rr.randint(80, 400), think_p=0.35, stream_p=rr.choice([0.2, 0.7]),
                    mix=model_mix([(SONNET, 70), (OPUS, 25), (SONNET_D, 5)]),
                    out_med=1300, out_sig=0.6, max_sessions=8)
        if rr.random() < 0.5:
            a.adopt_at = ctx.release + int(max(10, lognorm(rr, 70, 0.6)) * MINUTE)
            a.adopt_p = rr.uniform(0.5, 0.9)
    return c


# ================================================================ scripted lockstep fleet
class LockstepAcct(Actor):
    def setup(self, rounds, offset, tpl, sph, model0, pivot_round_t, skip_p):
        self.rounds = rounds
        self.offset = offset
        self.tpl = tpl
        self.sph = sph
        self.model0 = model0
        self.pivot_t = pivot_round_t
        self.skip_p = skip_p
        return self

    def schedule(self):
        rng = self.rng
        ctx = self.ctx
        plan = []
        t0 = self.t_begin()
        ttft, tps = PERF[OPUS]
        for rt in self.rounds:
            if rng.random() < self.skip_p:
                continue
            send = rt + self.offset + int(rng.random() * 900)
            out = int(lognorm(rng, 2800, 0.35))
            lat = int(ttft * (0.7 + 0.6 * rng.random()) + out * 1000.0 / tps * math.exp(0.15 * rng.gauss(0, 1)))
            t = send + lat
            if t0 <= send and t < ctx.end:
                plan.append((t, (send, out, lat)))
        plan.sort(key=lambda x: x[0])
        if not plan:
            t = ctx.end - 1 - rng.randint(0, 120_000)
            plan = [(t, (t - 40_000, 1500, 40_000))]
        self.plan = plan

    def emit(self, ts, spec):
        send, out, lat = spec
        rng = self.rng
        model = self.newm if send >= self.pivot_t else self.model0
        return self.ev(ts, model, self.tpl.cat, self.tpl.fill(rng), self.tpl.cot_value(rng),
                       sph=self.sph, sp_tok=420, thinking=True, out=out, stream=False,
                       lat_fixed=lat)


def _scripted_fleet(b, cid, n):
    ctx = b.ctx
    r = b.sub_rng(cid)
    span = ctx.end - ctx.start
    c = Campaign(cid, 'scripted_fleet',
                 'Scripted fleet created in one sitting on a hosting subnet, firing the same '
                 'reasoning template in synchronised rounds with shared cards and one client.')
    tpl = _tpl('sf1', 'you are a meticulous reasoner for the problem below produce a long detailed '
               'chain of thought enumerating every step and verification then give the answer '
               'problem {reasp} {obj}', 'reasoning', (0.85, 0.99), 140)
    sph = exact_hash('scripted-sys/%s' % cid)
    host = r.choice([a for a in net.of('host') if a.asn in (24940, 16276, 14061, 51167)])
    base = host.rand_v4_int(r) & ~0xFF
    wave = ctx.start - int(r.uniform(4, 9) * DAY)
    n_cards = max(2, n // 12)
    cards = [b.reg.pm(r) for _ in range(n_cards)]
    cs = ctx.start + int(span * r.uniform(0.2, 0.4))
    period = r.uniform(150, 300) * 1000
    rounds = []
    t = cs
    while t < ctx.end:
        rounds.append(int(t))
        t += period
    pivot_t = ctx.release + int(r.uniform(8, 20) * MINUTE)
    for i in range(n):
        rr = b.sub_rng('%s/%d' % (cid, i))
        created = wave + int(rr.random() * 25 * MINUTE)
        ep = (net.v4str(base | (10 + i)), host.asn, host.cc)
        a = _mk(b, c, LockstepAcct, 'scripted', created, cards[i % n_cards], 1,
                'python-httpx/0.27.2', net.Fixed(ep))
        a.newm = NEW
        a.setup(rounds, rr.randint(0, 400), tpl, sph, OPUS, pivot_t, 0.04)
    return c


# ================================================================ lone scraper
def _lone_scraper(b, cid, n):
    ctx = b.ctx
    r = b.sub_rng(cid)
    span = ctx.end - ctx.start
    c = Campaign(cid, 'lone_scraper',
                 'Single cloud-hosted account pulling hundreds of long reasoning traces an hour '
                 'from a few templates, hitting rate limits and moving to the new model at once.')
    tpls = [
        _tpl('ls1', 'explain in exhaustive detail step by step how to solve {reasp} {obj} {cond} '
             'showing all reasoning', 'reasoning', (0.8, 0.97), 120),
        _tpl('ls2', 'give a rigorous derivation with every intermediate step for {reasp}',
             'reasoning', (0.8, 0.97), 110),
        _tpl('ls3', 'write a complete well reasoned solution to this {plang} task and explain your '
             'thinking before the code {codep}', 'coding', (0.6, 0.85), 100),
    ]
    host = [a for a in net.of('host', 'US') if a.asn in (16509, 14618)]
    eps = [net.endpoint_v4(r, r.choice(host)) for _ in range(r.randint(2, 3))]
    created = ctx.start - int(r.uniform(9, 20) * DAY)
    a = _mk(b, c, Person, 'lone', created, b.reg.pm(r), 3, 'python-requests/2.32.3', net.Pool(eps),
            org=b.reg.org(r))
    a.configure(prof=tz_profile('flat', 0, ctx.start, ctx.end), rate=r.uniform(250, 420),
                turns_mean=1.0, tpls=tpls, tpl_p=1.0, think_p=0.8, stream_p=0.0,
                mix=model_mix([(OPUS, 80), (SONNET, 20)]), out_med=3800, out_sig=0.45,
                t_from=ctx.start + int(span * r.uniform(0.0, 0.12)), follow_p=0.0)
    a.p429 = 0.13
    a.adopt_at = ctx.release + int(r.uniform(4, 15) * MINUTE)
    a.adopt_p = 1.0
    return c


# ================================================================ reseller front
class ResellerAcct(Person):
    def emit(self, ts, spec):
        d = Person.emit(self, ts, spec)
        rng = self.rng
        d['system_prompt_hash'] = self.sph_pool[rng.randrange(len(self.sph_pool))] \
            if rng.random() < 0.45 else None
        d['user_agent'] = wchoice(rng, self.uas[0], self.uas[1])
        return d


def _reseller(b, cid, n):
    ctx = b.ctx
    r = b.sub_rng(cid)
    c = Campaign(cid, 'reseller_front',
                 'Reseller organisation fronting many accounts and keys on one card, relaying '
                 'round-the-clock harvesting traffic through a small gateway pool in Asia.')
    org = b.reg.org(r)
    pm = b.reg.pm(r)
    hosts = [a for a in net.of('host') if a.asn in (45102, 132203) or (a.asn == 14061 and a.cc == 'SG')]
    eps = []
    for _ in range(r.randint(3, 6)):
        eps.append(net.endpoint_v4(r, r.choice(hosts)))
    pool = net.Pool(eps)
    sph_pool = [exact_hash('reseller-customer/%s/%d' % (cid, k)) for k in range(30)]
    uas = ([u for u, _ in [('litellm/1.55.8', 55), ('anthropic-python/0.74.1', 20),
                           ('Go-http-client/2.0', 25)]], cumw([55, 20, 25]))
    flat = tz_profile('flat', 0, ctx.start, ctx.end)
    waves = [ctx.start - int(r.uniform(30, 90) * DAY) for _ in range(3)]
    cats = ['reasoning', 'coding', 'chat', 'writing', 'analysis']
    for i in range(n):
        rr = b.sub_rng('%s/%d' % (cid, i))
        created = waves[i % 3] + int(rr.random() * 2 * HOUR)
        a = _mk(b, c, ResellerAcct, 'reseller', created, pm, rr.randint(2, 6), 'litellm/1.55.8',
                pool, org=org)
        a.sph_pool = sph_pool
        a.uas = uas
        a.configure(prof=flat, rate=rr.uniform(8, 35), turns_mean=1.6, gap_med=25, cats=cats,
                    cat_cum=[35, 65, 80, 90, 100], step_p=0.55, think_p=0.5, stream_p=0.6,
                    mix=model_mix([(OPUS, 50), (SONNET, 45), (HAIKU, 5)]), out_med=1600,
                    out_sig=0.6, follow_p=0.1)
        a.adopt_at = ctx.release + int(r.uniform(5, 12) * MINUTE)
        a.adopt_p = 0.7
    return c


# ================================================================ release-day pivot
class PivotAcct(Person):
    def setup_pings(self, n_pings):
        self.n_pings = n_pings
        return self

    def schedule(self):
        Person.schedule(self)
        rng = self.rng
        ctx = self.ctx
        t0 = self.t_begin(5 * MINUTE)
        pre = []
        if ctx.release > t0:
            for _ in range(self.n_pings):
                pre.append((t0 + int(rng.random() * (ctx.release - t0)), (1, 'chat', -1, 1)))
        if pre:
            self.plan = sorted(pre + self.plan, key=lambda x: x[0])


def _release_pivot(b, cid, n):
    ctx = b.ctx
    r = b.sub_rng(cid)
    c = Campaign(cid, 'release_pivot',
                 'Sleeper accounts on mobile carrier addresses that wake within the hour after the '
                 'model release and pull reasoning traces almost only from the new model.')
    tpls = [
        _tpl('rp1', 'think step by step and show your complete reasoning process in detail before '
             'answering {reasp} {cond}', 'reasoning', (0.75, 0.97), 130),
        _tpl('rp2', 'reason about the following very carefully narrating every thought you have '
             'along the way {reasp} {obj}', 'reasoning', (0.8, 0.99), 150),
    ]
    n_cards = max(1, n // 20)
    cards = [b.reg.pm(r) for _ in range(n_cards)]
    ccs = ['IN', 'IN', 'ID', 'PH', 'BR', 'VN', 'MX', 'NG']
    start_lag = r.uniform(5, 30) * MINUTE
    for i in range(n):
        rr = b.sub_rng('%s/%d' % (cid, i))
        cc = rr.choice(ccs)
        mob = [a for a in net.mob_for(cc) if a.kind == 'mob'] or net.mob_for(cc)
        pools = [net.Pool(b.cgnat_pool(m)) if m.kind == 'mob' else net.Fixed(net.endpoint_v4(rr, m))
                 for m in mob]
        netp = pools[0] if len(pools) == 1 else net.Mixed(pools, [1.0] * len(pools), hold=10 * MINUTE)
        created = ctx.start - int(rr.uniform(2, 40) * DAY)
        pm = None if rr.random() < 0.5 else cards[rr.randrange(n_cards)]
        a = _mk(b, c, PivotAcct, 'pivot', created, pm, 1, pick_ua(rr, UA_OFFICIAL), netp,
                rpm=5 if pm is None else None)
        t_from = ctx.release + int(start_lag + rr.uniform(0, 40) * MINUTE)
        if t_from >= ctx.end - 5 * MINUTE:
            t_from = max(ctx.release, ctx.end - 30 * MINUTE)
        a.configure(prof=tz_profile('flat', 0, ctx.start, ctx.end), rate=rr.uniform(12, 30),
                    turns_mean=1.2, gap_med=20, cats=['reasoning', 'chat'], cat_cum=[0.85, 1.0],
                    tpls=tpls, tpl_p=0.75, step_p=0.8, think_p=0.85, stream_p=0.4,
                    mix=model_mix([(SONNET, 80), (HAIKU, 20)]), out_med=2800, out_sig=0.5,
                    t_from=t_from, t_to=t_from + int(rr.uniform(60, 180) * MINUTE), follow_p=0.05)
        a.setup_pings(rr.choice([0, 1, 1, 2]))
        c.start_hint = ctx.release
        a.newm = NEW
        a.adopt_at = ctx.release
        a.adopt_p = 0.95
    return c


# ================================================================ tool-trajectory harvest
def _tool_harvest(b, cid, n):
    ctx = b.ctx
    r = b.sub_rng(cid)
    span = ctx.end - ctx.start
    c = Campaign(cid, 'tool_harvest',
                 'Accounts behind VPN exits replaying long agent trajectories with many tools and '
                 'turns and almost no explicit reasoning, machine-paced day and night.')
    tpls = [
        _tpl('th1', 'you have access to the tools listed complete the following task end to end '
             'using as many tool calls as needed task {toolp} {codep}', 'tool_use', (0.0, 0.08), 90),
        _tpl('th2', 'act as an autonomous agent plan then call the tools to accomplish {toolp} '
             'report the final state', 'tool_use', (0.0, 0.08), 80),
    ]
    sphs = [exact_hash('tool-harness/%s/%d' % (cid, k)) for k in range(3)]
    cs = ctx.start + int(span * r.uniform(0.08, 0.3))
    waves = [ctx.start - int(r.uniform(10, 60) * DAY) for _ in range(2)]
    vpns = net.of('vpn')
    for i in range(n):
        rr = b.sub_rng('%s/%d' % (cid, i))
        v = rr.choice(vpns)
        ep = rr.choice(b.vpn_pool(v))
        created = waves[i % 2] + int(rr.random() * 3 * HOUR)
        a = _mk(b, c, Agent, 'toolh', created, b.reg.pm(rr), 1, 'anthropic-python/0.74.1',
                net.Fixed(ep))
        a.configure(steps_mean=rr.uniform(18, 40), step_gap=rr.uniform(3, 8), sph=sphs[i % 3],
                    sp_tok=rr.randint(2500, 4000), tools=rr.randint(24, 48), think_p=0.0,
                    mix=model_mix([(SONNET, 85), (OPUS, 15)]), stream_p=0.1,
                    task_cats=('tool_use', 'tool_use', 'coding'), tpls=tpls, tpl_p=0.9,
                    cot_max=0.08, out_med=450, ctx_step=(1500, 4500), tool_frac=0.8,
                    t_from=cs + int(rr.random() * 40 * MINUTE), idle=(600, 2400))
        a.adopt_at = ctx.release + int(r.uniform(60, 120) * MINUTE)
        a.adopt_p = 0.5
    return c


# ================================================================ time-zone mimic
def _tz_mimic(b, cid, n):
    ctx = b.ctx
    r = b.sub_rng(cid)
    c = Campaign(cid, 'timezone_mimic',
                 'Accounts posing as office workers in one European country, rotating through '
                 'that country\'s residential addresses on its working hours while harvesting '
                 'long-form expert write-ups.')
    # pick the claimed country so that its office hours overlap the window best
    best = None
    for cc, tz in [('DE', 1), ('GB', 0), ('FR', 1), ('NL', 1), ('JP', 9), ('US', -5), ('AU', 11)]:
        p = tz_profile('office', tz, ctx.start, ctx.end)
        m = p.mass(ctx.start, ctx.end)
        if best is None or m > best[0] + 1e-9:
            best = (m, cc, tz)
    _, cc, tz = best
    tpls = [
        _tpl('tz1', 'write a comprehensive in depth guide on {domain} covering background key '
             'principles common pitfalls and worked examples focus on {anlp}', 'writing', (0.3, 0.6), 110),
        _tpl('tz2', 'prepare a detailed expert analysis of {domain} for {anlp} reasoning through '
             'each consideration', 'analysis', (0.35, 0.65), 100),
        _tpl('tz3', 'draft a long explanatory memo about {domain} with sections and examples '
             'regarding {anlp}', 'writing', (0.25, 0.55), 120),
    ]
    n_cards = max(1, n // 25)
    cards = [b.reg.pm(r) for _ in range(n_cards)]
    waves = [ctx.start - int(r.uniform(10, 25) * DAY) for _ in range(2)]
    prof = tz_profile('office', tz, ctx.start, ctx.end)
    for i in range(n):
        rr = b.sub_rng('%s/%d' % (cid, i))
        created = waves[i % 2] + int(rr.random() * 4 * HOUR)
        a = _mk(b, c, Person, 'mimic', created, cards[rr.randrange(n_cards)], 1,
                'anthropic-python/0.74.1', net.Sticky(net.Rotating(net.res_for(cc)), 20 * MINUTE))
        a.configure(prof=prof, rate=rr.uniform(0.8, 1.5), turns_mean=rr.uniform(3, 6),
                    gap_med=rr.uniform(60, 140), cats=['writing', 'analysis'], cat_cum=[0.6, 1.0],
                    tpls=tpls, tpl_p=0.9, think_p=0.3, stream_p=0.5,
                    mix=model_mix([(SONNET, 60), (OPUS, 40)]), out_med=4200, out_sig=0.45,
                    follow_p=0.1)
        a.adopt_at = ctx.release + int(r.uniform(30, 90) * MINUTE)
        a.adopt_p = 0.6
    return c
