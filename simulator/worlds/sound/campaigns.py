"""Distillation campaigns: several operators, each with its own fleet, money, network and harvest.

Every campaign blends a camouflage share of ordinary requests with the traffic it exists for,
uses official-looking clients and plausible countries, and keeps each account under the rate
limits. What remains is what an operator cannot cheaply avoid: the harvest itself, the shared
tooling behind many accounts, the way the accounts were obtained and paid for, and the network
they must come through.
"""

from types import SimpleNamespace as NS

from .accounts import Account, rpm_for, API_LAUNCH_MS
from .benign import Member, b_human, b_agent, b_service, CATS_CASUAL, M_CHAT
from .catalog import UA_FAMILIES, GREETINGS, country, tz_of, ua, ua_popular
from .clock import poisson_times
from .content import Profile, Mix, Req, make_templates, latency, cot_of, SHAPE
from .network import RotatingProxy, StickyProxy, IspProxy, Home, Multi
from .util import Weighted, rng_for, logn, clampi, geom, flip, HOUR_MS, MIN_MS, DAY_MS

PROXY_CC = Weighted({"US": 40, "GB": 9, "DE": 8, "CA": 7, "JP": 6, "KR": 6, "SG": 5, "AU": 5,
                     "FR": 4, "NL": 4, "BR": 3, "IN": 3})
MOBILE_CC = Weighted({"US": 30, "IN": 15, "BR": 10, "ID": 10, "PH": 8, "GB": 7, "DE": 5, "MX": 5,
                      "VN": 5, "NG": 5})
AGED_CC = Weighted({"US": 60, "GB": 15, "CA": 10, "DE": 10, "AU": 5})
HARVEST_MODELS = Weighted({"claude-opus-4-5": 60, "claude-sonnet-4-5": 40})


class Campaign:
    def __init__(self, cid, kind):
        self.id, self.kind = cid, kind
        self.members = []


def _camo(keys, u, stream_p=0.6):
    return Profile(CATS_CASUAL, M_CHAT, u, keys, stream_p=stream_p, p_newconv=0.4, think_p=0.05,
                   mal=True)


def _waves(rng, ctx, n_waves, lo_days, hi_days, span_h):
    waves = sorted(ctx.t0 - int(rng.uniform(lo_days, hi_days) * DAY_MS) for _ in range(n_waves))
    return lambda r: waves[r.randrange(len(waves))] + int(r.uniform(0, span_h) * HOUR_MS)


def _card_pool(reg, rng, n_accounts, per_card):
    """Prepaid cards bought in batches: each card reused by per_card() accounts."""
    out = []
    while len(out) < n_accounts:
        c = reg.card()
        out.extend([c] * per_card(rng))
    rng.shuffle(out)
    return out[:n_accounts]


class CampaignBuilder:
    def __init__(self, ctx):
        self.ctx, self.net, self.reg = ctx, ctx.net, ctx.reg
        self.N = ctx.n_benign
        self.camps = []

    def new(self, short, kind):
        c = Campaign("sound-c%d-%s" % (len(self.camps) + 1, short), kind)
        self.camps.append(c)
        return c

    def adopt(self, rng, delay_min, share):
        return self.ctx.release_ms + int(logn(rng, delay_min, 0.4) * MIN_MS), share

    # ------------------------------------------------------------------ residential proxy swarm
    def proxy_swarm(self):
        """Big swarm, per-request rotating residential exits inside each account's 'home'
        country, human-like sessions following that country's clock, wave-created accounts."""
        ctx, reg = self.ctx, self.reg
        rng = rng_for(ctx.seed, "camp-swarm")
        camp = self.new("resi-swarm", "proxy_swarm")
        n = max(40, int(round(self.N * rng.uniform(0.035, 0.05))))
        created = _waves(rng, ctx, rng.randint(3, 4), 1.5, 21, rng.uniform(2, 7))
        cards = _card_pool(reg, rng, n, lambda r: r.randint(1, 4))
        tmpl = make_templates(rng, rng.randint(6, 10), {"reasoning": 50, "analysis": 20, "coding": 30},
                              cot=(6.0, 2.2), inp=(450, 0.7), out=(2400, 0.6), flips=(2, 7))
        sysh = [reg.sys_hash() for _ in range(3)]
        am, sh = self.adopt(rng, 45, 0.85)
        wave_in = ctx.t0 + int(rng.uniform(0.3, 0.65) * (ctx.t1 - ctx.t0))
        for i in range(n):
            cc = PROXY_CC.pick(rng)
            tz = tz_of(rng, cc)
            u0 = rng.random()
            if u0 < 0.15:      # replacement wave registered while the campaign runs
                cr = wave_in + int(rng.uniform(0, 70) * MIN_MS)
            elif u0 < 0.8:
                cr = created(rng)
            else:              # bought, already aged
                cr = ctx.t0 - int(rng.uniform(60, 400) * DAY_MS)
            pay = cards[i] if rng.random() < 0.5 else None
            acct = Account(reg.account_id(), reg.org() if rng.random() < 0.2 else None,
                           reg.keys(1 if rng.random() < 0.85 else 2), cr, pay, rpm_for(pay, cr, ctx.t0))
            if rng.random() < 0.6:
                acct.pres = IspProxy(self.net, cc, self.net.res_asn(rng, cc))
            else:
                acct.pres = RotatingProxy(self.net, cc, overlap=0.05)
            u = ua_popular(rng, ("python", "python", "typescript"))
            harvest = Profile({"reasoning": 1}, HARVEST_MODELS, u, acct.keys, stream_p=0.4, sys=sysh,
                              sys_p=0.7, templates=tmpl, tmpl_p=0.85,
                              maxtok=Weighted({16000: 60, 32000: 40}), think_p=0.25, out_mult=1.6,
                              cot={"reasoning": (6.0, 2.2), "analysis": (5.0, 2.5), "coding": (4.0, 3.0)},
                              adopt_ms=am, adopt_share=sh, p_newconv=0.9, mal=True)
            harvest.cats = Weighted({"reasoning": 50, "analysis": 20, "coding": 30})
            prof = Mix(harvest, _camo(acct.keys, u), rng.uniform(0.6, 0.75), p_newconv=0.75)
            p = NS(prof=prof, tz=tz, curve=rng.choice(("personal", "dev")), floor=0.35,
                   rate=logn(rng, 0.9, 0.4), sess=4.0, think=35.0, mult=None,
                   greet=cr >= ctx.t0 or rng.random() < 0.6, bot=None, agents=None,
                   first_at=cr + int(logn(rng, 4 * MIN_MS, 0.6)) if cr >= ctx.t0 else None)
            camp.members.append(Member(acct, b_human, p, camp))

    # ------------------------------------------------------------------ second swarm: sticky, 24/7
    def sticky_swarm(self):
        ctx, reg = self.ctx, self.reg
        rng = rng_for(ctx.seed, "camp-sticky")
        camp = self.new("sticky-swarm", "proxy_swarm")
        n = max(20, int(round(self.N * rng.uniform(0.012, 0.018))))
        created = _waves(rng, ctx, 2, 3, 12, rng.uniform(1, 4))
        uas = [ua_popular(rng) for _ in range(3)]
        tmpl = make_templates(rng, rng.randint(10, 16), {"coding": 45, "reasoning": 35, "writing": 20},
                              cot=(4.5, 2.5), inp=(700, 0.8), out=(2200, 0.6), flips=(3, 9))
        H = ctx.t1 - ctx.t0
        launch = min(ctx.release_ms + int(rng.uniform(0.3, 2.0) * HOUR_MS), ctx.t0 + int(0.7 * H))
        am, sh = launch, 0.9
        for i in range(n):
            cc = PROXY_CC.pick(rng)
            cr = created(rng)
            pay = reg.card() if rng.random() < 0.3 else None
            acct = Account(reg.account_id(), None, reg.keys(1), cr, pay, rpm_for(pay, cr, ctx.t0))
            acct.pres = StickyProxy(self.net, cc, rng.uniform(30, 120), overlap=0.08)
            u = uas[rng.randrange(3)]
            harvest = Profile({"coding": 45, "reasoning": 35, "writing": 20}, HARVEST_MODELS, u, acct.keys,
                              stream_p=0.0, templates=tmpl, tmpl_p=0.9, maxtok=16000, think_p=0.1,
                              out_mult=2.0, adopt_ms=am, adopt_share=sh, mal=True)
            prof = Mix(harvest, _camo(acct.keys, u, 0.2), rng.uniform(0.7, 0.85), p_newconv=0.8)
            p = NS(prof=prof, tz=0, curve="flat", floor=0.0, rate=logn(rng, 0.7, 0.35), sess=3.0, think=25.0,
                   mult=None, greet=rng.random() < 0.5, bot=None, agents=None, first_at=None,
                   launch=launch + int(rng.uniform(0, 25) * MIN_MS))
            camp.members.append(Member(acct, b_human, p, camp))

    # ------------------------------------------------------------------ mobile proxy swarm, tool trajectories
    def mobile_swarm(self):
        ctx, reg, net = self.ctx, self.reg, self.net
        rng = rng_for(ctx.seed, "camp-mobile")
        camp = self.new("mobile-swarm", "mobile_proxy_swarm")
        n = max(25, int(round(self.N * rng.uniform(0.008, 0.014))))
        created = _waves(rng, ctx, 2, 2, 10, rng.uniform(2, 6))
        cards = _card_pool(reg, rng, n, lambda r: r.randint(8, 20))
        copied = ctx.tool_sys.get("cline") or [reg.sys_hash()]
        own = reg.sys_hash()
        sysw = Weighted({copied[0]: 50, own: 50})
        toolsets = [rng.randint(12, 28) for _ in range(3)]
        am, sh = self.adopt(rng, 60, 0.8)
        models = Weighted({"claude-sonnet-4-5": 65, "claude-opus-4-5": 35})
        for i in range(n):
            cc = MOBILE_CC.pick(rng)
            cr = created(rng)
            pay = cards[i] if rng.random() < 0.8 else None
            acct = Account(reg.account_id(), None, reg.keys(1), cr, pay, rpm_for(pay, cr, ctx.t0))
            acct.pres = StickyProxy(net, cc, rng.uniform(5, 20), mobile=True)
            u = ua(rng, "typescript") if rng.random() < 0.75 else ua(rng, "langchain")
            prof = Profile({"tool_use": 60, "coding": 40}, models, u, acct.keys, stream_p=0.5, sys=sysw,
                           sys_p=1.0, think_p=0.05, tools=toolsets[rng.randrange(3)],
                           maxtok=Weighted({8192: 60, 16000: 40}), adopt_ms=am, adopt_share=sh,
                           cot={"tool_use": (1.2, 9.0), "coding": (1.5, 7.0)}, mal=True)
            chat = _camo(acct.keys, u)
            p = NS(prof=prof, chat=chat, aux=None, tz=0, curve="flat", floor=0.0,
                   rate=logn(rng, 0.45, 0.4), steps=rng.uniform(8, 20), tool_s=rng.uniform(1.0, 3.0),
                   first_in=(9000, 0.4))
            camp.members.append(Member(acct, b_agent, p, camp))

    # ------------------------------------------------------------------ aged fleet
    def aged_fleet(self):
        ctx, reg = self.ctx, self.reg
        rng = rng_for(ctx.seed, "camp-aged")
        camp = self.new("aged-fleet", "aged_fleet")
        n = max(20, int(round(self.N * rng.uniform(0.005, 0.008))))
        u = ua(rng, "python")          # one harness, one pinned SDK version
        tmpl = make_templates(rng, 20, {"coding": 75, "reasoning": 25}, cot=(3.0, 4.0), inp=(1400, 0.8),
                              out=(2400, 0.6), flips=(4, 10))
        am, sh = self.adopt(rng, 25, 0.9)
        for i in range(n):
            cc = AGED_CC.pick(rng)
            tz = tz_of(rng, cc)
            cr = max(API_LAUNCH_MS + rng.randrange(30 * DAY_MS), ctx.t0 - int(rng.uniform(120, 1200) * DAY_MS))
            pay = reg.card()
            acct = Account(reg.account_id(), reg.org() if rng.random() < 0.7 else None,
                           reg.keys(rng.choice((1, 1, 2))), cr, pay, rpm_for(pay, cr, ctx.t0))
            acct.pres = StickyProxy(self.net, cc, rng.uniform(20, 90), overlap=0.1)
            harvest = Profile({"coding": 75, "reasoning": 25}, HARVEST_MODELS, u, acct.keys, stream_p=0.3,
                              templates=tmpl, tmpl_p=0.8, maxtok=8192, think_p=0.1, out_mult=1.8,
                              cot={"coding": (3.0, 4.0), "reasoning": (4.0, 3.0)}, adopt_ms=am,
                              adopt_share=sh, p_newconv=0.35, mal=True)
            prof = Mix(harvest, _camo(acct.keys, u, 0.3), 0.75, p_newconv=0.35)
            p = NS(prof=prof, tz=tz, curve="office", floor=0.02, rate=logn(rng, 1.1, 0.3), sess=6.0,
                   think=40.0, mult=None, greet=False, bot=None, agents=None, first_at=None)
            camp.members.append(Member(acct, b_human, p, camp))

    # ------------------------------------------------------------------ slow drip
    def slow_drip(self):
        """Hundreds of ordinary-looking accounts, each sending a handful of requests."""
        ctx, reg, net = self.ctx, self.reg, self.net
        rng = rng_for(ctx.seed, "camp-drip")
        camp = self.new("slow-drip", "slow_drip")
        n = max(30, int(round(self.N * rng.uniform(0.012, 0.02))))
        tmpl = make_templates(rng, 40, {"reasoning": 60, "analysis": 20, "coding": 20}, cot=(4.0, 2.6),
                              inp=(500, 0.8), out=(1500, 0.7), flips=(6, 13))
        am, sh = self.adopt(rng, 120, 0.6)
        for i in range(n):
            cc = country(rng)
            tz = tz_of(rng, cc)
            cr = ctx.t0 - int(rng.uniform(5, 90) * DAY_MS)
            pay = reg.card() if rng.random() < 0.6 else None
            acct = Account(reg.account_id(), reg.org() if rng.random() < 0.4 else None, reg.keys(1), cr, pay,
                           rpm_for(pay, cr, ctx.t0))
            acct.pres = net.household(rng, cc, v6_share=0.0, register=False)
            u = ua_popular(rng, ("python", "python", "typescript", "langchain"))
            harvest = Profile({"reasoning": 1}, Weighted({"claude-sonnet-4-5": 50, "claude-opus-4-5": 35,
                                                          "claude-haiku-4-5": 15}), u, acct.keys,
                              stream_p=0.0, templates=tmpl, tmpl_p=1.0, maxtok=16000, think_p=0.1,
                              adopt_ms=am, adopt_share=sh, p_newconv=1.0, mal=True)
            prof = Mix(harvest, _camo(acct.keys, u, 0.4), 0.8, p_newconv=0.9)
            p = NS(prof=prof, tz=tz, curve="personal", floor=0.5, rate=logn(rng, 0.3, 0.35), sess=1.4,
                   think=60.0, mult=None, greet=False, bot=None, agents=None, first_at=None)
            camp.members.append(Member(acct, b_human, p, camp))

    # ------------------------------------------------------------------ reseller
    def reseller(self):
        """A 'platform' org paying for all accounts; relays real customers and harvests too."""
        ctx, reg, net = self.ctx, self.reg, self.net
        rng = rng_for(ctx.seed, "camp-resell")
        camp = self.new("reseller", "reseller")
        n = max(8, int(round(self.N * rng.uniform(0.0025, 0.004))))
        org = reg.org()
        cards = [reg.card() for _ in range(rng.choice((1, 1, 2)))]
        egress = Multi(net.hosting_ips(rng, rng.randint(3, 6), cc=rng.choice(("SG", "US", "DE"))))
        u = ua(rng, "python")
        tmpl = make_templates(rng, rng.randint(8, 14), {"reasoning": 55, "coding": 30, "analysis": 15},
                              cot=(5.5, 2.5), inp=(500, 0.7), out=(2600, 0.5), flips=(2, 8))
        sysh = [reg.sys_hash() for _ in range(2)]
        am, sh = self.adopt(rng, 30, 0.9)
        prov = ctx.t0 - int(rng.uniform(20, 120) * DAY_MS)
        for i in range(n):
            cr = prov + rng.randrange(2 * DAY_MS)
            pay = cards[i % len(cards)]
            acct = Account(reg.account_id(), org, reg.keys(rng.randint(1, 3)), cr, pay, 2000, egress)
            harvest = Profile({"reasoning": 1}, HARVEST_MODELS, u, acct.keys, stream_p=0.0, sys=sysh,
                              sys_p=0.9, templates=tmpl, tmpl_p=0.9, maxtok=32000, think_p=0.3, out_mult=2.0,
                              adopt_ms=am, adopt_share=sh, mal=True)
            relay = Profile({"chat": 40, "coding": 25, "writing": 15, "analysis": 10, "reasoning": 5,
                             "vision": 5}, M_CHAT, u, acct.keys, stream_p=0.8, sys=reg.sys_hash(), sys_p=0.3,
                            p_newconv=0.3, mal=True)
            prof = Mix(harvest, relay, rng.uniform(0.35, 0.55))
            p = NS(prof=prof, tz=rng.choice((-5, 0, 8)), curve="business", floor=0.45,
                   rate=logn(rng, 18, 0.5), follow=0.25, batch=None)
            camp.members.append(Member(acct, b_service, p, camp))

    # ------------------------------------------------------------------ scripted fleet
    def scripted_fleet(self):
        ctx, reg, net = self.ctx, self.reg, self.net
        rng = rng_for(ctx.seed, "camp-fleet")
        camp = self.new("scripted-fleet", "scripted_fleet")
        n = 20 + min(40, self.N // 1000) + rng.randint(-3, 5)
        day = ctx.t0 - int(rng.uniform(1, 6) * DAY_MS)
        cards = [reg.card() for _ in range(rng.randint(2, 3))]
        vms = net.hosting_ips(rng, rng.randint(3, 5)) + net.hosting_ips(rng, rng.randint(3, 5))
        u = ua(rng, "python")
        period = rng.randint(240, 480) * 1000
        launch = ctx.t0 + int(rng.uniform(0.05, 0.5) * (ctx.t1 - ctx.t0))
        rounds = list(range(launch, ctx.t1, period))
        tools = rng.randint(15, 30)
        sysh = reg.sys_hash()
        am = ctx.release_ms + int(rng.uniform(10, 30) * MIN_MS)
        t = day
        for i in range(n):
            t += rng.randint(40, 240) * 1000
            acct = Account(reg.account_id(), None, reg.keys(1), t, cards[i % len(cards)], 0)
            acct.rpm = rpm_for(acct.pay, acct.created_ms, ctx.t0)
            acct.pres = Multi([vms[rng.randrange(len(vms))]])
            prof = Profile({"tool_use": 70, "coding": 30}, {"claude-sonnet-4-5": 1}, u, acct.keys,
                           stream_p=0.0, sys=sysh, sys_p=1.0, tools=tools, maxtok=8192, adopt_ms=am,
                           adopt_share=1.0, cot={"tool_use": (1.0, 10.0), "coding": (1.2, 8.0)}, mal=True)
            p = NS(prof=prof, rounds=rounds, tz=0, curve="flat")
            camp.members.append(Member(acct, b_fleet, p, camp))

    # ------------------------------------------------------------------ lone scraper
    def lone_scraper(self):
        ctx, reg, net = self.ctx, self.reg, self.net
        rng = rng_for(ctx.seed, "camp-scraper")
        camp = self.new("lone-scraper", "lone_scraper")
        for _ in range(1 if self.N < 20000 else 2):
            cr = ctx.t0 - int(rng.uniform(30, 400) * DAY_MS)
            acct = Account(reg.account_id(), reg.org(), reg.keys(1), cr, reg.card(), 4000,
                           Multi(net.hosting_ips(rng, 1)))
            tmpl = make_templates(rng, rng.randint(4, 7), {"reasoning": 70, "coding": 30}, cot=(5.0, 2.0),
                                  inp=(600, 0.6), out=(2200, 0.5), flips=(2, 8))
            am, sh = self.adopt(rng, 10, 0.95)
            prof = Profile({"reasoning": 1}, {"claude-opus-4-5": 1}, ua(rng, "python"), acct.keys,
                           templates=tmpl, tmpl_p=1.0, maxtok=32000, think_p=0.5, adopt_ms=am,
                           adopt_share=sh, mal=True)
            p = NS(prof=prof, workers=rng.randint(3, 6), tz=0, curve="flat")
            camp.members.append(Member(acct, b_scraper, p, camp))

    # ------------------------------------------------------------------ hijacked accounts
    def hijacked(self, owners):
        """Stolen keys of real, long-lived accounts; the owners keep using them."""
        ctx = self.ctx
        rng = rng_for(ctx.seed, "camp-hijack")
        camp = self.new("hijacked-keys", "hijacked_accounts")
        tmpl = make_templates(rng, rng.randint(6, 10), {"reasoning": 60, "coding": 40}, cot=(5.5, 2.3),
                              inp=(500, 0.7), out=(2400, 0.5), flips=(2, 8))
        u = UA_FAMILIES["python"].items[-1]
        H = ctx.t1 - ctx.t0
        for m in owners:
            a = m.acct
            start = ctx.t0 + int(rng.uniform(-0.3, 0.7) * H)
            dur = int(rng.uniform(1.0, 6.0) * HOUR_MS)
            prof = Profile({"reasoning": 1}, HARVEST_MODELS, u, a.keys[:1], stream_p=0.0, templates=tmpl,
                           tmpl_p=0.9, maxtok=16000, think_p=0.3, out_mult=2.0, mal=True,
                           adopt_ms=ctx.release_ms + 30 * MIN_MS, adopt_share=0.8)
            if rng.random() < 0.5:
                pres = Multi(self.net.hosting_ips(rng, rng.randint(1, 3)))
            else:
                cc = rng.choice(("US", "US", "DE", "NL", "GB", "SG", "JP", "BR"))
                pres = RotatingProxy(self.net, cc, overlap=0.05)
            m.p.hijack = (start, dur, rng.uniform(15, 50), prof, pres, rng.random() < 0.6)
            m.fn = b_hijack
            m.camp = camp
            camp.members.append(m)


# ============================================================================ behaviours

def b_fleet(ctx, m, rng):
    p = m.p
    prof = p.prof
    reqs = []
    c = None
    left = 0
    busy = 0
    first = True
    start = m.acct.created_ms + MIN_MS
    for r0 in p.rounds:
        if r0 < start or rng.random() > 0.9:
            continue
        t = r0 + rng.randint(0, 4000)
        if t < busy:
            continue
        if first:
            g = prof.new_conv(rng, t, greet=True)
            r = prof.request(rng, t, g)
            reqs.append(r)
            t += r.lat + rng.randint(200, 900)
            first = False
        if left <= 0 or c is None:
            c = prof.new_conv(rng, t)
            c.ctx = int(logn(rng, 12000, 0.4))
            left = rng.randint(6, 30)
        else:
            prof.advance(rng, c, (2, 6))
            c.model = prof.pick_model(rng, t)
        left -= 1
        _, _, _, _, ca, cb = SHAPE[c.cat]
        ca, cb = prof.cot.get(c.cat, (ca, cb))
        inp = c.ctx + int(logn(rng, 2500, 0.9))
        out = min(c.maxtok, int(logn(rng, 450, 0.9)) + 1)
        if inp > 199000:
            inp = 199000 - rng.randrange(3000)
        c.ctx = inp + out
        lat = latency(rng, c.model, inp, out)
        reqs.append(Req(t, prof.keys[0], prof.ua, c.model, "messages", False, c.tools, c.turns, False, c.cat,
                        cot_of(rng, ca, cb), c.sim, c.sys, inp, out, lat, None, True, 0.004, True))
        busy = t + lat
    return reqs


def b_scraper(ctx, m, rng):
    p = m.p
    prof = p.prof
    reqs = []
    for w in range(p.workers):
        t = ctx.gen0 + rng.randint(0, 60000)
        while t < ctx.t1:
            c = prof.new_conv(rng, t)
            c.stream = False
            r = prof.request(rng, t, c)
            reqs.append(r)
            t += r.lat + rng.randint(100, 1500)
            if rng.random() < 0.003:          # the operator restarts the job now and then
                t += int(logn(rng, 12 * MIN_MS, 0.8))
    return reqs


def b_hijack(ctx, m, rng):
    start, dur, rate, prof, pres, owner_active = m.p.hijack
    reqs = b_human(ctx, m, rng) if owner_active else []
    t = start
    end = min(ctx.t1, start + dur)
    if t < end:
        c = prof.new_conv(rng, t, greet=True)
        r = prof.request(rng, t, c, pres)
        reqs.append(r)
    for s in poisson_times(rng, start + 60000, end, rate, "none", 0):
        c = prof.new_conv(rng, s)
        reqs.append(prof.request(rng, s, c, pres))
    return reqs


def build(ctx, benign_members):
    B = CampaignBuilder(ctx)
    B.proxy_swarm()
    B.sticky_swarm()
    B.mobile_swarm()
    B.aged_fleet()
    B.slow_drip()
    B.reseller()
    B.scripted_fleet()
    B.lone_scraper()
    # hijack victims: long-lived individual accounts taken from the benign population
    rng = rng_for(ctx.seed, "camp-hijack-pick")
    pool = [m for m in benign_members
            if m.fn is b_human and m.acct.pay is not None and m.acct.org is None
            and m.acct.created_ms < ctx.t0 - 60 * DAY_MS and getattr(m.p, "mult", None) is None]
    k = min(len(pool), max(5, int(round(ctx.n_benign * 0.003))))
    victims = rng.sample(pool, k)
    B.hijacked(victims)
    return B.camps, victims
