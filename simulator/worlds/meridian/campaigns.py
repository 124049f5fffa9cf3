"""Distillation operators: each has a budget, a fleet of accounts and tactics it adapts
(proxy rotation, time-zone mimicry, camouflage share, fresh account waves)."""
import bisect
import math

from .actors import OUTPUT_CAP, Service, _flip
from .clock import CURVES, curve_base
from .network import HOSTING
from .population import human, net_home_mobile, pick, pick_region
from .prompts import (NEW_MODEL, WARMUP_HASH, make_family, pick_ua, task_cum, weighted_cum)

_log = math.log


class Operator:
    def __init__(self, w, cid, kind, description, start, budget_per_hour, slack=50.0):
        self.w = w
        self.cid = cid
        self.start = start
        self.bph = budget_per_hour
        self.slack = slack
        self.spent = 0
        w.campaigns[cid] = {'kind': kind, 'description': description}

    def ok(self, t):
        return self.spent < self.bph * max(0.0, t - self.start) / 3600.0 + self.slack

    def account(self, created, **kw):
        return self.w.account(self.cid, created, campaign=self.cid, **kw)


def _start(w, lo_h, hi_h):
    lo = min(lo_h * 3600.0, 0.5 * w.end)
    hi = min(max(hi_h * 3600.0, lo + 600.0), 0.7 * w.end)
    return w.rng.uniform(lo, max(lo, hi))


def _clamp(x, lo, hi):
    return max(lo, min(hi, x))


# ====================================================================== hydra: proxy swarm
class SwarmOp(Operator):
    def __init__(self, w, **kw):
        super().__init__(w, **kw)
        rng = w.rng
        regs = []
        while len(regs) < rng.randint(3, 6):
            r = pick_region(rng)
            if r not in regs:
                regs.append(r)
        self.regions = regs
        self.pool = []
        self.next_rotate = 0.0
        self.fams = [make_family(rng, rng.choice(['reasoning', 'reasoning', 'analysis', 'coding']),
                                 out_scale=rng.uniform(1.5, 3.0), cot=(rng.uniform(0.72, 0.85), 0.14))
                     for _ in range(rng.randint(3, 8))]
        self.fcum = weighted_cum([rng.uniform(0.5, 2.0) for _ in self.fams])
        self.camo0 = rng.uniform(0.06, 0.18)
        self.camo1 = self.camo0 + rng.uniform(0.1, 0.25)
        self.t_adapt = self.start + (w.end - self.start) * rng.uniform(0.35, 0.6)
        self.mimic = rng.choice(regs)
        self.mimic_base = curve_base(self.mimic.off)
        self.uas = [pick_ua(rng.random, sdk_only=True) for _ in range(rng.randint(2, 3))]
        self.sph = w.sph() if rng.random() < 0.6 else 'null'
        self.think_p = rng.uniform(0.3, 0.7)
        self.pivot_t = w.release + rng.uniform(1, 3) * 3600.0
        self.rotate(0.0)

    def rotate(self, t):
        rng = self.w.rng
        self.pool = []
        for _ in range(rng.randint(3, 7)):
            r = rng.choice(self.regions)
            self.pool.append((rng.choice(r.resid + r.mobile), r.cc))
        self.next_rotate = t + rng.uniform(2700, 7200)

    def proxy(self, t):
        w = self.w
        if t >= self.next_rotate:
            self.rotate(t)
        asn, cc = self.pool[int(w.random() * len(self.pool))]
        ip = w.net.v6(asn) if w.random() < 0.15 else w.net.v4(asn)
        return w.net.frag(ip, asn, cc)


class SwarmAcct:
    __slots__ = ('w', 'op', 'a', 't0', 'rate', 'left', 'retire', 'warm')

    def __init__(self, w, op, a, act, retire, left, warm):
        self.w, self.op, self.a = w, op, a
        self.rate = w.rng.uniform(1.0, 3.0) / 3600.0
        self.left, self.retire, self.warm = left, retire, warm
        self.t0 = act

    def step(self, t):
        w, op, a = self.w, self.op, self.a
        rnd = w.random
        rng = w.rng
        if t >= self.retire or self.left <= 0:
            return None
        if not op.ok(t):
            return t + rng.uniform(300, 900)
        if t >= op.t_adapt:
            # adaptation: activity follows the mimicked region's evening-heavy household curve
            v = CURVES['home'][int((t + op.mimic_base) // 3600.0) % 168]
            if rnd() >= v:
                return t + rng.expovariate(self.rate)
        camo_p = op.camo1 if t >= op.t_adapt else op.camo0
        n = 1 + int(rnd() * 4)
        if self.warm:
            self.warm = False
            te, st = w.req(a, t, op.proxy(t), 'claude-haiku-4-5', 'messages', 'chat', 9 + int(6 * rnd()),
                           12 + int(30 * rnd()), False, 0, 1, False, 0.0, WARMUP_HASH[int(rnd() * 4)], 'null')
            op.spent += 1
            t = te + rng.uniform(20, 300)
        for _ in range(n):
            net = op.proxy(t)
            if rnd() < camo_p:
                model = 'claude-haiku-4-5' if rnd() < 0.5 else 'claude-sonnet-4-5'
                te, st = w.req(a, t, net, model, 'messages', 'chat', int(rng.lognormvariate(4.8, 1.0)),
                               int(rng.lognormvariate(5.4, 0.8)), True, 0, 1, False, 0.12 * rnd(),
                               rng.getrandbits(64), 'null')
            else:
                fam = op.fams[bisect.bisect(op.fcum, rnd())]
                otok = int(rng.lognormvariate(fam.out_mu, fam.out_sig))
                thinking = rnd() < op.think_p
                if thinking:
                    otok += int(rng.lognormvariate(7.6, 0.6))
                if t >= op.pivot_t and rnd() < 0.3:
                    model = NEW_MODEL
                else:
                    model = 'claude-opus-4-1' if rnd() < 0.4 else 'claude-sonnet-4-5'
                te, st = w.req(a, t, net, model, 'messages', fam.task, int(fam.in_med * (0.8 + 0.4 * rnd())),
                               min(otok, OUTPUT_CAP), rnd() < 0.2, 0, 1, thinking,
                               fam.cot_lo + fam.cot_span * rnd(), _flip(rng, fam.base, int(rnd() * 20)), op.sph)
            op.spent += 1
            self.left -= 1
            if st == 429:
                op.rotate(te)
                return te + rng.uniform(600, 2400)
            t = te + rng.uniform(2, 40)
        return t + rng.expovariate(self.rate)


def hydra(w):
    rng = w.rng
    N = int(_clamp(round(w.B * rng.uniform(0.05, 0.12)), 150, 3000))
    start = _start(w, 1.1, 1.1 + 0.25 * w.H)
    op = SwarmOp(w, cid='hydra', kind='proxy_swarm', start=start, budget_per_hour=N * rng.uniform(3.0, 6.0),
                 description='A large residential-proxy swarm of light, rotating accounts on shared prepaid cards '
                             'harvesting templated reasoning traces; it rotates proxies on 429s, later mimics a '
                             'time zone, raises its camouflage chat share and brings in fresh account waves.')
    cards = []
    w0 = int(N * rng.uniform(0.55, 0.7))
    w1 = int(N * rng.uniform(0.15, 0.25))
    t_a2 = op.t_adapt + (w.end - op.t_adapt) * rng.uniform(0.3, 0.6)
    bursts = [-86400.0 * rng.uniform(1, 12) for _ in range(rng.randint(2, 4))]
    for i in range(N):
        if i % rng.randint(10, 40) == 0 or not cards:
            cards.append(w.card() if rng.random() < 0.7 else None)
        pay = cards[-1]
        if i < w0:
            created = rng.choice(bursts) + rng.uniform(0, 3600)
            act = start + rng.uniform(0, 1800)
            retire = op.t_adapt + rng.uniform(0, 900) if rng.random() < 0.3 else 1e18
        elif i < w0 + w1:
            act = op.t_adapt + rng.uniform(0, 1200)
            created = act - rng.uniform(600, 3 * 3600.0)
            retire = 1e18
        else:
            act = t_a2 + rng.uniform(0, 1200)
            created = act - rng.uniform(600, 3 * 3600.0)
            retire = 1e18
        a = op.account(created, payment=pay, tier='t1' if pay else 'free', ua=rng.choice(op.uas),
                       p400=rng.uniform(0.003, 0.008))
        w.add(SwarmAcct(w, op, a, act, retire, rng.randint(25, 140), rng.random() < 0.6))


# ====================================================================== lattice: synchronised rounds
class RoundsOp(Operator):
    def __init__(self, w, N, **kw):
        super().__init__(w, **kw)
        rng = w.rng
        self.accts = []
        self.nets = []
        self.period = rng.uniform(240, 900)
        self.jit = rng.uniform(2, 20)
        self.part = rng.uniform(0.6, 0.9)
        self.t_adapt = self.start + (w.end - self.start) * rng.uniform(0.3, 0.6)
        self.adapted = False
        self.host = rng.choice(HOSTING)
        self.fams = [make_family(rng, 'coding', in_scale=rng.uniform(1.0, 3.0), out_scale=rng.uniform(2.0, 4.0))
                     for _ in range(rng.randint(2, 5))]
        self.sph = w.sph()
        self.ua = rng.choice(['anthropic-python/0.39.0', 'anthropic-python/0.41.0'])
        waves = [-86400.0 * rng.uniform(3, 20) for _ in range(2)]
        card = None
        per_card = rng.randint(15, 50)
        for i in range(N):
            if i % per_card == 0:
                card = w.card()
            a = self.account(rng.choice(waves) + rng.uniform(0, 5400), payment=card, tier='t1', ua=self.ua,
                             p400=0.004)
            self.accts.append(a)
            self.nets.append(self._ip())
        self.t0 = self.start

    def _ip(self):
        asn, ccs = self.host
        return self.w.net.host(asn, ccs[0])

    def step(self, t):
        w = self.w
        rnd = w.random
        rng = w.rng
        if not self.adapted and t >= self.t_adapt:
            # adaptation: move to another hosting provider, desynchronise, add camouflage
            self.adapted = True
            self.host = rng.choice([h for h in HOSTING if h is not self.host])
            self.nets = [self._ip() for _ in self.accts]
            self.jit = rng.uniform(60, 300)
            self.part *= 0.8
        if self.ok(t):
            for i, a in enumerate(self.accts):
                if rnd() >= self.part:
                    continue
                ts = t + self.jit * rnd()
                for _ in range(2 if rnd() < 0.2 else 1):
                    if self.adapted and rnd() < 0.12:
                        te, st = w.req(a, ts, self.nets[i], 'claude-haiku-4-5', 'messages', 'chat',
                                       int(rng.lognormvariate(4.6, 0.9)), int(rng.lognormvariate(5.2, 0.8)),
                                       False, 0, 1, False, 0.1 * rnd(), rng.getrandbits(64), 'null')
                    else:
                        fam = self.fams[int(rnd() * len(self.fams))]
                        te, st = w.req(a, ts, self.nets[i], 'claude-sonnet-4-5' if rnd() < 0.7 else 'claude-opus-4-1',
                                       'messages', 'coding', int(fam.in_med * (0.8 + 0.4 * rnd())),
                                       min(OUTPUT_CAP, int(rng.lognormvariate(fam.out_mu, fam.out_sig))), False, 0, 1,
                                       False, fam.cot_lo + fam.cot_span * rnd(), _flip(rng, fam.base, int(rnd() * 20)),
                                       self.sph)
                    self.spent += 1
                    ts = te + 0.5 + 3 * rnd()
        spread = 0.3 if self.adapted else 0.01
        return t + self.period * (1.0 + spread * (2 * rnd() - 1))


def lattice(w):
    rng = w.rng
    N = int(_clamp(rng.uniform(50, 240), 30, max(30, w.B * 0.05)))
    start = _start(w, 1.2, 0.5 * w.H)
    op = RoundsOp(w, N, cid='lattice', kind='sync_rounds_swarm', start=start,
                  budget_per_hour=N * 12.0, slack=N * 3.0,
                  description='A small scripted swarm on a few shared cards and sticky cloud addresses firing '
                              'synchronised rounds of templated code-generation requests; mid-run it moves to '
                              'another hosting provider, widens its jitter and mixes in chat.')
    w.add(op)


# ====================================================================== quietfleet: aged accounts, benign-looking
def quietfleet(w):
    rng = w.rng
    N = rng.randint(20, 60)
    start = _start(w, 1.05, 0.3 * w.H + 1.0)
    op = Operator(w, 'quietfleet', 'aged_fleet', 'Bought aged accounts with their own cards and sticky '
                  'residential addresses that behave like ordinary developers in their claimed time zones; the '
                  'only link is a shared pool of harvest templates from one task generator.', start, 1e9)
    # ordinary-looking exchanges: templates whose shape sits inside what developers send anyway
    fams = [make_family(rng, rng.choice(['reasoning', 'coding', 'reasoning', 'analysis', 'coding']), out_scale=0.8)
            for _ in range(rng.randint(6, 12))]
    fcum = weighted_cum([rng.uniform(0.5, 2.0) for _ in fams])
    home_regions = [pick_region(rng, {'US': 3.0, 'GB': 2.0, 'DE': 1.5}) for _ in range(rng.randint(2, 4))]
    tasks = {'reasoning': 12, 'coding': 40, 'analysis': 15, 'chat': 20, 'writing': 13}
    ts, tc = task_cum(tasks)
    for _ in range(N):
        reg = rng.choice(home_regions)
        persona = pick(rng, [('dev', 70), ('analyst', 30)])
        pay = w.card()
        a = op.account(-86400.0 * rng.uniform(120, 600) - rng.uniform(0, 86400),
                       org=w.org() if rng.random() < 0.35 else None, payment=pay,
                       tier=rng.choice(['t1', 't1', 't2']), ua=pick_ua(rng.random), p400=rng.uniform(0.003, 0.01))
        home = w.net.home(rng.choice(reg.resid), reg.cc)
        mob = w.net.cgnat(rng.choice(reg.mobile), reg.cc)
        human(w, a, persona, reg, net_home_mobile(w, home, mob, rng.uniform(0.03, 0.2)),
              act=rng.uniform(0.8, 1.6), fams=fams, fam_cum=fcum, fam_p=rng.uniform(0.45, 0.65),
              tasks=ts, task_cum=tc, t_first=start + rng.uniform(0, 5400))


# ====================================================================== monolith: lone heavy scraper
class Scraper:
    __slots__ = ('w', 'op', 'a', 't0', 'rate', 'cool', 'net', 'fams', 'spike_next', 'spike_end', 'rot_t',
                 'n429')

    def __init__(self, w, op, a):
        rng = w.rng
        self.w, self.op, self.a = w, op, a
        self.rate = rng.uniform(150, 500) / 3600.0
        self.cool = -1.0
        asn, ccs = rng.choice(HOSTING)
        self.net = w.net.host(asn, rng.choice(ccs))
        self.fams = [make_family(rng, 'reasoning', out_scale=rng.uniform(2.0, 3.5), cot=(0.78, 0.2))
                     for _ in range(rng.randint(2, 4))]
        self.spike_next = op.start + rng.uniform(600, 2400)
        self.spike_end = -1.0
        self.rot_t = op.start + (w.end - op.start) * rng.uniform(0.4, 0.7)
        self.n429 = 0
        self.t0 = op.start

    def step(self, t):
        w, a = self.w, self.a
        rnd = w.random
        rng = w.rng
        if t >= self.rot_t or self.n429 >= 6:
            asn, ccs = rng.choice(HOSTING)
            self.net = w.net.host(asn, rng.choice(ccs))
            self.rot_t = 1e18 if t >= self.rot_t else self.rot_t
            self.n429 = 0
        if rnd() < 0.55:
            fam = self.fams[int(rnd() * len(self.fams))]
            task, itok, sh = fam.task, int(fam.in_med * (0.8 + 0.4 * rnd())), _flip(rng, fam.base, int(rnd() * 20))
            otok = int(rng.lognormvariate(fam.out_mu, fam.out_sig))
            cot = fam.cot_lo + fam.cot_span * rnd()
        else:
            task = 'reasoning' if rnd() < 0.6 else ('coding' if rnd() < 0.6 else 'analysis')
            itok = int(rng.lognormvariate(6.0, 0.8))
            sh = rng.getrandbits(64)
            otok = int(rng.lognormvariate(7.6, 0.6))
            cot = 0.7 + 0.28 * rnd()
        thinking = rnd() < 0.5
        if thinking:
            otok += int(rng.lognormvariate(7.8, 0.5))
        model = NEW_MODEL if (t > w.release + 5400 and rnd() < 0.5) else (
            'claude-opus-4-1' if rnd() < 0.5 else 'claude-sonnet-4-5')
        te, st = w.req(a, t, self.net, model, 'messages', task, itok, min(otok, OUTPUT_CAP), False, 0, 1, thinking,
                       cot, sh, 'null')
        self.op.spent += 1
        if st == 429:
            self.n429 += 1
            self.rate *= 0.7
            self.cool = t + rng.uniform(600, 1800)
        elif t > self.cool and self.rate < 600 / 3600.0:
            self.rate *= 1.003
        if t >= self.spike_next:
            self.spike_end = t + rng.uniform(180, 480)
            self.spike_next = t + rng.uniform(1800, 3600)
        r = self.rate
        if t < self.spike_end:
            r *= 8.0
        if t < self.cool:
            r *= 0.4
        return t + rng.expovariate(r)


def monolith(w):
    rng = w.rng
    start = _start(w, 1.5, 0.5 * w.H)
    op = Operator(w, 'monolith', 'lone_scraper', 'One cloud-hosted account with its own card scraping long '
                  'reasoning traces round the clock at hundreds of requests an hour, backing off and changing '
                  'address when rate-limited.', start, 1e9)
    a = op.account(-86400.0 * rng.uniform(30, 180), org=w.org(), payment=w.card(), tier='t1',
                   ua='python-httpx/0.28.1', p400=0.003)
    w.add(Scraper(w, op, a))


# ====================================================================== drip: slow drip over carriers
class Drip:
    __slots__ = ('w', 'op', 'a', 't0', 'rate', 'pool')

    def __init__(self, w, op, a, pool):
        rng = w.rng
        self.w, self.op, self.a, self.pool = w, op, a, pool
        self.rate = rng.uniform(4, 14) / 86400.0
        self.t0 = op.start + rng.expovariate(self.rate)

    def step(self, t):
        w, op, a = self.w, self.op, self.a
        rnd = w.random
        rng = w.rng
        for _ in range(2 if rnd() < 0.2 else 1):
            net = self.pool[int(rnd() * len(self.pool))]
            if rnd() < 0.3:
                fam = op.fams[int(rnd() * len(op.fams))]
                task, itok, sh = fam.task, int(fam.in_med * (0.8 + 0.4 * rnd())), _flip(rng, fam.base, int(rnd() * 20))
                otok = int(rng.lognormvariate(fam.out_mu, fam.out_sig))
            else:
                task = op.tasks[bisect.bisect(op.tcum, rnd())]
                itok = int(rng.lognormvariate(5.8, 0.9))
                sh = rng.getrandbits(64)
                otok = int(rng.lognormvariate(7.3, 0.6))
            thinking = rnd() < 0.4
            if thinking:
                otok += int(rng.lognormvariate(7.4, 0.6))
            te, st = w.req(a, t, net, 'claude-sonnet-4-5' if rnd() < 0.7 else 'claude-opus-4-1', 'messages', task,
                           itok, min(otok, OUTPUT_CAP), rnd() < 0.5, 0, 1, thinking, 0.65 + 0.32 * rnd(), sh, 'null')
            op.spent += 1
            t = te + rng.uniform(5, 90)
        return t + rng.expovariate(self.rate)


def drip(w):
    rng = w.rng
    N = int(_clamp(round(w.B * rng.uniform(0.01, 0.03)), 40, 400))
    start = _start(w, 1.0, 0.3 * w.H)
    op = Operator(w, 'drip', 'slow_drip', 'Free-credit accounts created weeks ago that each send only a handful '
                  'of long step-by-step reasoning requests a day through mobile carrier NAT pools shared with '
                  'ordinary phone users.', start, 1e9)
    op.fams = [make_family(rng, rng.choice(['reasoning', 'writing', 'analysis']), out_scale=2.0, step=True)
               for _ in range(rng.randint(3, 6))]
    op.tasks, op.tcum = task_cum({'reasoning': 55, 'analysis': 25, 'writing': 20})
    regs = [pick_region(rng, {'IN': 3.0, 'ID': 3.0, 'BR': 2.0, 'US': 1.0}) for _ in range(rng.randint(2, 3))]
    pools = [w.net.cgnat(rng.choice(r.mobile), r.cc) for r in regs]
    waves = [-86400.0 * rng.uniform(7, 40) for _ in range(3)]
    ua = rng.choice(['anthropic-python/0.72.0', 'anthropic-typescript/0.65.0'])
    for _ in range(N):
        a = op.account(rng.choice(waves) + rng.uniform(0, 7200), tier='free', ua=ua, p400=0.005)
        d = Drip(w, op, a, rng.choice(pools))
        if d.t0 < w.end:
            w.add(d)


# ====================================================================== storefront: reseller org front
def storefront(w):
    rng = w.rng
    N = int(_clamp(round(w.B * rng.uniform(0.006, 0.015)), 25, 120))
    start = _start(w, 1.1, 0.4 * w.H)
    op = Operator(w, 'storefront', 'reseller_front', 'A reseller organisation paying with one card for dozens '
                  'of accounts that front resold API access from a few cloud addresses round the clock, '
                  'harvesting long outputs in a few domains under shared system prompts.', start, 1e9)
    org = w.org()
    pay = w.card()
    asn, ccs = rng.choice(HOSTING)
    nets = [w.net.host(asn, rng.choice(ccs)) for _ in range(rng.randint(2, 4))]
    domains = rng.sample(['reasoning', 'coding', 'writing', 'analysis'], 2)
    fams = [make_family(rng, rng.choice(domains), out_scale=rng.uniform(1.5, 2.5), step=True)
            for _ in range(rng.randint(6, 15))]
    fcum = weighted_cum([rng.uniform(0.3, 2.0) for _ in fams])
    mix = {d: 45 for d in domains}
    mix['chat'] = 10
    ts, tc = task_cum(mix)
    ms, mc = task_cum({'claude-sonnet-4-5': 55, 'claude-opus-4-1': 45})
    sphs = [w.sph() for _ in range(rng.randint(2, 3))]
    ua = rng.choice(['anthropic-typescript/0.68.0', 'Go-http-client/2.0'])
    for _ in range(N):
        a = op.account(-86400.0 * rng.uniform(30, 240), org=org, payment=pay, tier='t3', ua=ua,
                       nkeys=rng.randint(1, 3), p400=0.004)
        w.add(Service(w, a, nets=nets, rate_h=rng.uniform(8, 40), tab=CURVES['flat'], base=0.0, fams=fams,
                      fam_cum=fcum, fam_p=0.7, tasks=ts, task_cum=tc, models=ms, model_cum=mc, sphs=sphs,
                      max_follow=1, stream_p=0.3, think_p=0.4, tools_n=0, sys_tok=rng.randint(300, 1200),
                      step=True, t_first=start + rng.uniform(0, 1800)))


# ====================================================================== daybreak: release-day pivot
class Pivot:
    __slots__ = ('w', 'op', 'a', 't0', 'pings', 'rate', 'net', 'net_until', 'reg', 'started')

    def __init__(self, w, op, a, reg, created):
        rng = w.rng
        self.w, self.op, self.a, self.reg = w, op, a, reg
        self.pings = rng.randint(1, 3)
        self.rate = rng.uniform(2, 5) / 3600.0
        self.net = None
        self.net_until = -1.0
        self.started = False
        self.t0 = created + rng.uniform(60, 1200)

    def _net(self, t):
        if t >= self.net_until:
            rng = self.w.rng
            self.net = self.w.net.home(rng.choice(self.reg.resid), self.reg.cc, v6_p=0.1, geo_missing_p=0.0)
            self.net_until = t + rng.uniform(3600, 7200)
        return self.net

    def step(self, t):
        w, op, a = self.w, self.op, self.a
        rnd = w.random
        rng = w.rng
        if self.pings > 0:
            self.pings -= 1
            w.req(a, t, self._net(t), 'claude-haiku-4-5' if rnd() < 0.6 else 'claude-sonnet-4-5', 'messages',
                  'chat', 8 + int(8 * rnd()), 10 + int(40 * rnd()), False, 0, 1, False, 0.0,
                  WARMUP_HASH[int(rnd() * 4)], 'null')
            op.spent += 1
            if self.pings > 0:
                return t + rng.uniform(60, 900)
            return max(t + 60.0, w.release + op.delay + rng.uniform(0, 1200))
        if t < w.release:
            return w.release + op.delay + rng.uniform(0, 1200)
        if not op.ok(t):
            return t + rng.uniform(300, 900)
        # time-zone mimicry: bursts are thinned by the claimed region's curve (never below 40 %)
        v = CURVES['home'][int((t + op.base) // 3600.0) % 168]
        if rnd() >= 0.4 + 0.6 * v:
            return t + rng.expovariate(self.rate)
        net = self._net(t)
        r = rnd()
        n = rng.randint(4, 14)
        if r < 0.5:
            # agentic trajectory harvest: many tools, many turns, long inputs, little explicit reasoning
            ctx = rng.uniform(8000, 30000)
            sh0 = rng.getrandbits(64)
            for k in range(n):
                model = NEW_MODEL if rnd() < 0.92 else 'claude-sonnet-4-5'
                itok = int(ctx) + op.sys_tok
                otok = int(rng.lognormvariate(5.6, 0.8))
                te, st = w.req(a, t, net, model, 'messages', 'tool_use', min(itok, 195000), otok, True,
                               op.tools, 1 + 2 * k, False, 0.12 * rnd(),
                               _flip(rng, sh0, 19) if k == 0 else rng.getrandbits(64), op.sph)
                op.spent += 1
                if st == 429:
                    return te + rng.uniform(300, 900)
                ctx += otok + rng.lognormvariate(7.5, 0.9)
                t = te + rng.uniform(1.0, 6.0)
        elif r < 0.9:
            for _ in range(n):
                fam = op.fams[int(rnd() * len(op.fams))]
                otok = int(rng.lognormvariate(fam.out_mu, fam.out_sig))
                thinking = rnd() < 0.6
                if thinking:
                    otok += int(rng.lognormvariate(7.8, 0.5))
                te, st = w.req(a, t, net, NEW_MODEL if rnd() < 0.92 else 'claude-opus-4-1', 'messages', fam.task,
                               int(fam.in_med * (0.8 + 0.4 * rnd())), min(otok, OUTPUT_CAP), rnd() < 0.5, 0, 1,
                               thinking, fam.cot_lo + fam.cot_span * rnd(), _flip(rng, fam.base, int(rnd() * 20)),
                               'null')
                op.spent += 1
                t = te + rng.uniform(2.0, 12.0)
        else:
            for _ in range(rng.randint(1, 3)):
                te, st = w.req(a, t, net, NEW_MODEL, 'messages', 'chat', int(rng.lognormvariate(4.7, 0.9)),
                               int(rng.lognormvariate(5.3, 0.8)), True, 0, 1, False, 0.12 * rnd(),
                               rng.getrandbits(64), 'null')
                op.spent += 1
                t = te + rng.uniform(10, 60)
        return t + rng.expovariate(self.rate)


def daybreak(w):
    rng = w.rng
    N = int(_clamp(round(w.B * rng.uniform(0.008, 0.02)), 30, 200))
    R = w.release
    c_hi = R - 0.25 * 3600.0
    c_lo = min(max(min(1.05 * 3600.0, 0.6 * w.end), R - 3 * 3600.0), c_hi - 60.0)
    op = Operator(w, 'daybreak', 'release_pivot', 'Fresh keys on many unique prepaid cards that send warm-up '
                  'pings, then pivot within the hour to the newly released model to harvest agentic tool-use '
                  'trajectories and reasoning traces behind sticky residential proxies mimicking one time zone.',
                  c_lo, N * rng.uniform(20, 40), slack=N * 10.0)
    op.delay = rng.uniform(300, 2700)
    reg = pick_region(rng, {'US': 4.0, 'GB': 2.0})
    op.base = curve_base(reg.off)
    op.tools = rng.randint(8, 30)
    op.sys_tok = rng.randint(1500, 6000)
    op.sph = w.sph()
    op.fams = [make_family(rng, rng.choice(['reasoning', 'coding']), out_scale=rng.uniform(1.5, 3.0),
                           cot=(rng.uniform(0.75, 0.85), 0.14)) for _ in range(rng.randint(3, 7))]
    ua = rng.choice(['anthropic-typescript/0.68.0', 'anthropic-python/0.74.1'])
    for _ in range(N):
        created = rng.uniform(c_lo, c_hi)
        a = op.account(created, payment=w.card(), tier='t1', ua=ua, p400=0.004)
        p = Pivot(w, op, a, reg, created)
        if p.t0 < w.end:
            w.add(p)


ALL = [hydra, lattice, quietfleet, monolith, drip, storefront, daybreak]


def build(w):
    for f in ALL:
        f(w)
