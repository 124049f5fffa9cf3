"""The legitimate population: individuals of many kinds and the groups that look like campaigns.

Individuals: casual chat users, fresh free-tier explorers, developers (some with health-check
bots), power users with overnight agents. Groups that share things for ordinary reasons:
teams, start-ups, enterprises with batch jobs, SaaS platforms with per-customer accounts,
course cohorts behind a campus NAT, benchmark labs, IDE/agent communities sharing one system
prompt, plugin user bases sharing templates and vendor egress, and offices sharing a NAT.
"""

from types import SimpleNamespace as NS

from .accounts import Account, created_benign, rpm_for
from .catalog import (NEW_MODEL, GREETINGS, UA_FAMILIES, UA_INDIVIDUAL, country, tz_of, ua)
from .clock import poisson_times, Burst, Window, Product, curve_value, local_hour
from .content import (Profile, Req, chat_session, agent_task, make_templates, latency,
                      think_time, cot_of)
from .network import Home, Commuter, VPNUser, Multi, Fixed, Either, VPN_W
from .util import Weighted, rng_for, logn, clampi, geom, HOUR_MS, MIN_MS, DAY_MS

M_CHAT = Weighted({"claude-sonnet-4-5": 50, "claude-haiku-4-5": 18, "claude-opus-4-5": 12,
                   "claude-sonnet-4": 12, "claude-3-5-haiku": 5, "claude-opus-4-1": 3})
M_DEV = Weighted({"claude-sonnet-4-5": 45, "claude-haiku-4-5": 18, "claude-opus-4-5": 15,
                  "claude-sonnet-4": 12, "claude-3-5-haiku": 6, "claude-opus-4-1": 4})
M_SERVICE = Weighted({"claude-sonnet-4-5": 45, "claude-haiku-4-5": 30, "claude-sonnet-4": 12,
                      "claude-3-5-haiku": 8, "claude-opus-4-5": 5})
CATS_CASUAL = {"chat": 50, "writing": 18, "analysis": 8, "coding": 9, "reasoning": 6, "vision": 6, "other": 3}
CATS_DEV = {"coding": 42, "chat": 14, "tool_use": 12, "analysis": 10, "reasoning": 8, "writing": 6,
            "vision": 4, "other": 4}
TEAM_KINDS = {
    "eng": {"coding": 50, "tool_use": 15, "chat": 12, "analysis": 10, "reasoning": 8, "writing": 5},
    "support": {"analysis": 35, "writing": 35, "chat": 20, "other": 10},
    "data": {"analysis": 45, "reasoning": 20, "coding": 20, "chat": 10, "vision": 5},
    "marketing": {"writing": 55, "chat": 20, "analysis": 10, "vision": 10, "other": 5},
    "legal": {"analysis": 55, "writing": 25, "reasoning": 12, "chat": 8},
}


class Member:
    __slots__ = ("acct", "fn", "p", "camp")

    def __init__(self, acct, fn, p, camp=None):
        self.acct, self.fn, self.p, self.camp = acct, fn, p, camp


# ============================================================================ behaviours

def b_human(ctx, m, rng):
    p, a = m.p, m.acct
    reqs = []
    start = max(ctx.gen0, a.created_ms + MIN_MS, getattr(p, "launch", 0))
    busy = 0
    greet = p.greet
    if getattr(p, "first_at", None) is not None:
        busy = chat_session(rng, p.prof, p.first_at, geom(rng, p.sess), reqs, ctx.t1, p.think,
                            greet_first=greet)
        greet = False
        start = max(start, busy)
    for s in poisson_times(rng, start, ctx.t1, p.rate, p.curve, p.tz, p.floor, p.mult):
        if s < busy:
            continue
        busy = chat_session(rng, p.prof, s, geom(rng, p.sess), reqs, ctx.t1, p.think,
                            greet_first=greet)
        greet = False
    if p.bot is not None:
        _healthcheck(ctx, rng, p.bot, reqs)
    if p.agents is not None:
        rate, steps, prof, pres = p.agents
        busy = 0
        for s in poisson_times(rng, start, ctx.t1, rate, "flat", p.tz):
            if s < busy:
                continue
            busy = agent_task(rng, prof, s, clampi(geom(rng, steps), 3, 160), reqs, ctx.t1,
                              tool_s=2.0, human_p=0.0, pres=pres, first_in=(6000, 0.5))
    return reqs


def _healthcheck(ctx, rng, bot, reqs):
    period, prof, pres, sim = bot
    t = ctx.gen0 + rng.randrange(period)
    key, u = prof.keys[0], prof.ua
    while t < ctx.t1:
        tt = t + rng.randint(0, 400)
        lat = latency(rng, "claude-haiku-4-5", 9, 1)
        reqs.append(Req(tt, key, u, "claude-haiku-4-5", "messages", False, 0, 1, False, "chat",
                        0.0, sim, None, rng.randint(8, 12), rng.randint(1, 5), lat, pres, False, 0.0))
        t += period


def b_agent(ctx, m, rng):
    p, a = m.p, m.acct
    reqs = []
    busy = 0
    start = max(ctx.gen0, a.created_ms + MIN_MS)
    for s in poisson_times(rng, start, ctx.t1, p.rate, p.curve, p.tz, p.floor):
        if s < busy:
            continue
        if rng.random() < 0.12:
            busy = chat_session(rng, p.chat, s, geom(rng, 2.5), reqs, ctx.t1, 40.0)
            continue
        if p.aux is not None:
            c = p.aux.new_conv(rng, s)
            r = p.aux.request(rng, s, c)
            reqs.append(r)
        busy = agent_task(rng, p.prof, s + rng.randint(200, 900), clampi(geom(rng, p.steps), 1, 90),
                          reqs, ctx.t1, tool_s=p.tool_s, human_p=0.1, first_in=p.first_in)
    return reqs


def b_cron(ctx, m, rng):
    p = m.p
    reqs = []
    if p.period:
        t = ctx.gen0 - (ctx.gen0 - p.phase) % p.period + p.period
        while t < ctx.t1:
            if rng.random() < p.run_p:
                tr = t + rng.randint(0, p.jitter)
                for _ in range(rng.randint(p.k[0], p.k[1])):
                    c = p.prof.new_conv(rng, tr)
                    r = p.prof.request(rng, tr, c)
                    reqs.append(r)
                    tr += r.lat + rng.randint(80, 600)
            t += p.period
    if p.rate:
        for s in poisson_times(rng, ctx.gen0, ctx.t1, p.rate, p.curve, p.tz, p.floor):
            c = p.prof.new_conv(rng, s)
            reqs.append(p.prof.request(rng, s, c))
    return reqs


def b_service(ctx, m, rng):
    p, a = m.p, m.acct
    reqs = []
    start = max(ctx.gen0, a.created_ms + MIN_MS)
    prof = p.prof
    for s in poisson_times(rng, start, ctx.t1, p.rate, p.curve, p.tz, p.floor):
        c = prof.new_conv(rng, s)
        r = prof.request(rng, s, c)
        reqs.append(r)
        t = s + r.lat
        while rng.random() < p.follow:
            prof.advance(rng, c, (3, 9))
            t += think_time(rng, 25.0, 1.0, 2.0, 600.0)
            r = prof.request(rng, t, c)
            reqs.append(r)
            t += r.lat
    if p.batch is not None:
        period, offset, size_med, bprof = p.batch
        jt = ctx.gen0 - (ctx.gen0 - offset) % period
        while jt < ctx.t1:
            if jt >= start:
                _batch_job(rng, bprof, jt, clampi(logn(rng, size_med, 0.7), 10, 2500), reqs)
            jt += period
    return reqs


def _batch_job(rng, prof, t, n, reqs):
    base_q = logn(rng, 14 * MIN_MS, 0.7)
    spread = rng.uniform(4, 45) * MIN_MS
    for i in range(n):
        c = prof.new_conv(rng, t)
        r = prof.request(rng, t + i * rng.randint(5, 60), c, endpoint="batch")
        r.lat = int(base_q + rng.random() * spread + r.lat)
        reqs.append(r)


def b_lab(ctx, m, rng):
    p, a = m.p, m.acct
    reqs = []
    for s in poisson_times(rng, ctx.gen0, ctx.t1, p.run_rate, "flat", p.tz):
        bench = p.benches[rng.randrange(len(p.benches))]
        prof = p.prof
        size = clampi(logn(rng, p.size, 0.7), 40, 2500)
        conc = rng.choice((4, 8, 8, 16, 16, 24, 32))
        model = prof.pick_model(rng, s)
        thinking = rng.random() < 0.5
        maxtok = rng.choice((8192, 16000, 16000, 32000))
        key = prof.pick_key(rng)
        u = prof.pick_ua(rng)
        per = -(-size // conc)
        for w in range(conc):
            t = s + rng.randint(0, 2500)
            for _ in range(per):
                tm = bench[rng.randrange(len(bench))]
                inp = int(logn(rng, tm.inp[0], tm.inp[1])) + 20
                out = int(logn(rng, tm.out[0], tm.out[1])) + 1
                if thinking:
                    out += int(logn(rng, 2500, 0.8))
                out = min(out, maxtok)
                lat = latency(rng, model, inp, out)
                reqs.append(Req(t, key, u, model, "messages", False, 0, 1, thinking, tm.cat,
                                cot_of(rng, tm.cot[0], tm.cot[1]), tm.instance(rng), p.sys, inp, out,
                                lat, None, True, 0.002))
                t += lat + rng.randint(30, 900)
                if t >= ctx.t1:
                    break
    busy = 0
    for s in poisson_times(rng, ctx.gen0, ctx.t1, p.rate, "dev", p.tz):
        if s >= busy:
            busy = chat_session(rng, p.chat, s, geom(rng, 5), reqs, ctx.t1, 50.0)
    return reqs


def fallback(ctx, m, rng):
    """Every benign account counted in the window sends at least one request."""
    p, a = m.p, m.acct
    lo = max(ctx.t0, a.created_ms + MIN_MS)
    hi = ctx.t1 - 20 * MIN_MS
    if hi <= lo:
        hi = lo + 1
    t = lo
    for _ in range(200):
        t = rng.randrange(lo, hi)
        if rng.random() < curve_value(p.curve, t, p.tz, 0.05):
            break
    reqs = []
    chat_session(rng, p.prof, t, geom(rng, 2.0), reqs, ctx.t1, 30.0)
    return reqs


# ============================================================================ builder

class Builder:
    def __init__(self, ctx):
        self.ctx, self.net, self.reg = ctx, ctx.net, ctx.reg
        self.rng = rng_for(ctx.seed, "benign-build")
        self.members = []
        self.groups = {}
        self._gn = {}
        self.offices = {}
        self.cards = {}
        self.app_sys = {}
        self.tool_sys = {}

    # ------------------------------------------------------------ helpers
    def group(self, kind):
        n = self._gn.get(kind, 0) + 1
        self._gn[kind] = n
        gid = "%s-%03d" % (kind, n)
        self.groups[gid] = [kind, []]
        return gid

    def join(self, gid, acct):
        if gid is not None:
            self.groups[gid][1].append(acct)

    def adopt(self, rng, p, delay_h, share):
        if rng.random() < p:
            return self.ctx.release_ms + int(logn(rng, delay_h, 0.8) * HOUR_MS), share
        return None, 0.0

    def office(self, rng, cc):
        lst = self.offices.setdefault(cc, [])
        if not lst or rng.random() < 0.12:
            gid = self.group("office_nat")
            lst.append((self.net.office(rng, cc), gid, tz_of(rng, cc)))
        return lst[rng.randrange(len(lst))]

    def presence(self, rng, cc, tz, w):
        kind = Weighted(w).pick(rng)
        home = self.net.household(rng, cc)
        gid = None
        if kind == "home":
            pres = home
        elif kind == "mobile":
            pres = Either(self.net.mobile(rng, cc), home, rng.uniform(0.1, 0.5))
        elif kind == "vpn":
            pres = VPNUser(self.net, home, VPN_W.pick(rng), cc, rng.uniform(0.5, 0.97))
        elif kind == "commuter":
            off, gid, tz = self.office(rng, cc)
            s = rng.uniform(8.0, 10.0)
            pres = Commuter(home, off, tz, s, s + rng.uniform(7.5, 9.5),
                            self.net.mobile(rng, cc) if rng.random() < 0.3 else None,
                            wfh=rng.random() < 0.2)
        else:  # a personal cloud box next to the laptop
            pres = Either(home, Multi(self.net.hosting_ips(rng, rng.randint(1, 2))), rng.uniform(0.3, 0.8))
        return pres, gid, tz

    def card(self, rng, cc, share_p=0.03):
        lst = self.cards.setdefault(cc, [])
        if lst and rng.random() < share_p:      # couples, families, one person with two accounts
            return lst[rng.randrange(len(lst))]
        c = self.reg.card()
        lst.append(c)
        if len(lst) > 40:
            lst.pop(0)
        return c

    def individual(self, rng, cc, paid_p, org_p, young=0.22, nkeys=None, heavy=False, created=None):
        ctx = self.ctx
        created = created if created is not None else created_benign(rng, ctx.t0, young)
        pay = self.card(rng, cc) if rng.random() < paid_p else None
        org = self.reg.org() if rng.random() < org_p else None
        keys = self.reg.keys(nkeys or rng.choice((1, 1, 1, 2, 2, 3)))
        return Account(self.reg.account_id(), org, keys, created, pay,
                       rpm_for(pay, created, ctx.t0, heavy))

    def add(self, acct, fn, p, gid=None):
        acct.role = self.role
        self.members.append(Member(acct, fn, p))
        self.join(gid, acct)

    def ua_individual(self, rng):
        return ua(rng, UA_INDIVIDUAL.pick(rng))

    # ------------------------------------------------------------ personas
    def casual(self, n):
        self.role = 'casual'
        rng = rng_for(self.ctx.seed, "casual")
        for _ in range(n):
            cc = country(rng)
            tz = tz_of(rng, cc)
            pres, gid, tz = self.presence(rng, cc, tz, {"home": 68, "mobile": 15, "vpn": 8, "commuter": 9})
            acct = self.individual(rng, cc, 0.72, 0.5)
            acct.pres = pres
            if rng.random() < 0.38:
                u = ua(rng, "chatapp")
                app = u.split("/")[0]
                if app not in self.app_sys:
                    self.app_sys[app] = self.reg.sys_hash()
                    self.groups.setdefault("chatapp-" + app.lower(), ["chat_app_userbase", []])
                sysh = Weighted({self.app_sys[app]: 75, self.reg.sys_hash(): 25})
                sys_p, stream_p = 0.85, 0.9
                maxtok = rng.choice((4096, 8192, 8192, 16000))
                self.join("chatapp-" + app.lower(), acct)
            else:
                u = self.ua_individual(rng)
                sysh = self.reg.sys_hash()
                sys_p, stream_p, maxtok = 0.25, 0.45, None
            am, sh = self.adopt(rng, 0.08, 3.0, 0.7)
            prof = Profile(CATS_CASUAL, M_CHAT, u, acct.keys, stream_p=stream_p, sys=sysh, sys_p=sys_p,
                           maxtok=maxtok, think_p=0.08, adopt_ms=am, adopt_share=sh, p_newconv=0.3)
            p = NS(prof=prof, tz=tz, curve="personal" if rng.random() < 0.75 else "dev",
                   rate=min(4.0, logn(rng, 0.45, 0.8)), sess=3.5, think=50.0, floor=0.0, mult=None,
                   greet=False, bot=None, agents=None)
            self.add(acct, b_human, p, gid)

    def free_new(self, n):
        self.role = 'free_new'
        ctx = self.ctx
        rng = rng_for(ctx.seed, "free")
        for _ in range(n):
            cc = country(rng)
            tz = tz_of(rng, cc)
            pres, gid, tz = self.presence(rng, cc, tz, {"home": 62, "mobile": 22, "vpn": 8, "commuter": 8})
            created = rng.randrange(ctx.t0 - 72 * HOUR_MS, ctx.t0 + int(0.8 * (ctx.t1 - ctx.t0)))
            acct = self.individual(rng, cc, 0.0, 0.15, nkeys=1, created=created)
            acct.pres = pres
            fam = Weighted({"python": 55, "curl": 20, "typescript": 15, "requests": 10}).pick(rng)
            u = UA_FAMILIES[fam].items[-1] if rng.random() < 0.6 else ua(rng, fam)
            prof = Profile({"chat": 45, "coding": 25, "writing": 10, "reasoning": 8, "analysis": 7,
                            "other": 5}, Weighted({"claude-sonnet-4-5": 55, "claude-haiku-4-5": 30,
                                                   "claude-opus-4-5": 10, "claude-3-5-haiku": 5}),
                           u, acct.keys, stream_p=0.2, maxtok=Weighted({1024: 60, 4096: 25, 8192: 15}),
                           err=0.03, p_newconv=0.4)
            first = created + int(logn(rng, 6 * MIN_MS, 1.0)) if created >= ctx.gen0 else None
            p = NS(prof=prof, tz=tz, curve="personal", rate=min(3.0, logn(rng, 0.35, 0.8)), sess=3.0,
                   think=40.0, floor=0.1, mult=None, greet=rng.random() < 0.85, bot=None, agents=None,
                   first_at=first)
            self.add(acct, b_human, p, gid)

    def developers(self, n):
        self.role = 'developers'
        rng = rng_for(self.ctx.seed, "dev")
        reg = self.reg
        for _ in range(n):
            cc = country(rng, business=rng.random() < 0.7)
            tz = tz_of(rng, cc)
            pres, gid, tz = self.presence(rng, cc, tz, {"commuter": 40, "home": 33, "cloud": 15,
                                                        "vpn": 6, "mobile": 6})
            acct = self.individual(rng, cc, 0.92, 0.7, young=0.15)
            acct.pres = pres
            u = self.ua_individual(rng)
            if rng.random() < 0.3:
                u = Weighted({u: 88, ua(rng, "curl"): 12})
            sysh = [reg.sys_hash() for _ in range(rng.randint(1, 3))]
            tm = make_templates(rng, rng.randint(2, 6), {"coding": 3, "analysis": 2, "chat": 2, "writing": 1,
                                                         "tool_use": 1}, flips=(1, 8))
            am, sh = self.adopt(rng, 0.25, 1.5, 0.6)
            prof = Profile(CATS_DEV, M_DEV, u, acct.keys, stream_p=rng.choice((0.1, 0.5, 0.9)), sys=sysh,
                           sys_p=0.65, templates=tm, tmpl_p=0.35, think_p=0.15,
                           tools=(1, 8) if rng.random() < 0.35 else None, err=0.015,
                           adopt_ms=am, adopt_share=sh, count_tokens_p=0.03, p_newconv=0.3)
            bot = None
            if rng.random() < 0.04:
                bprof = Profile({"chat": 1}, M_DEV, ua(rng, rng.choice(("python", "curl", "gohttp"))),
                                acct.keys[-1:])
                bpres = Multi(self.net.hosting_ips(rng, 1))
                bot = (rng.choice((60_000, 120_000, 300_000, 300_000, 600_000)), bprof, bpres,
                       GREETINGS[rng.choice((2, 4))])
            p = NS(prof=prof, tz=tz, curve="dev" if rng.random() < 0.8 else "personal",
                   rate=min(5.0, logn(rng, 0.9, 0.7)), sess=7.0, think=40.0, floor=0.0, mult=None,
                   greet=False, bot=bot, agents=None)
            self.add(acct, b_human, p, gid)

    def power_users(self, n):
        self.role = 'power_users'
        rng = rng_for(self.ctx.seed, "power")
        for _ in range(n):
            cc = country(rng, business=True)
            tz = tz_of(rng, cc)
            pres, gid, tz = self.presence(rng, cc, tz, {"home": 55, "commuter": 20, "cloud": 20, "vpn": 5})
            acct = self.individual(rng, cc, 1.0, 0.6, young=0.1, heavy=rng.random() < 0.5)
            acct.pres = pres
            u = self.ua_individual(rng)
            am, sh = self.adopt(rng, 0.5, 1.0, 0.8)
            prof = Profile({"reasoning": 25, "coding": 30, "analysis": 15, "writing": 10, "chat": 15,
                            "tool_use": 5}, Weighted({"claude-opus-4-5": 45, "claude-sonnet-4-5": 45,
                                                      "claude-opus-4-1": 10}),
                           u, acct.keys, stream_p=0.6, sys=self.reg.sys_hash(), sys_p=0.4, think_p=0.4,
                           out_mult=1.5, maxtok=Weighted({16000: 40, 32000: 40, 64000: 20}),
                           adopt_ms=am, adopt_share=sh, cot={"reasoning": (2.5, 3.0)})
            agents = None
            if rng.random() < 0.4:
                aprof = Profile({"coding": 55, "tool_use": 45}, Weighted({"claude-sonnet-4-5": 70,
                                                                         "claude-opus-4-5": 30}),
                                u, acct.keys, stream_p=0.9, tools=(6, 30), think_p=0.3,
                                adopt_ms=am, adopt_share=sh, maxtok=16000)
                agents = (rng.uniform(0.15, 0.6), rng.uniform(15, 60), aprof,
                          Multi(self.net.hosting_ips(rng, 1)))
            p = NS(prof=prof, tz=tz, curve=rng.choice(("dev", "personal", "student")),
                   rate=logn(rng, 1.8, 0.5), sess=12.0, think=30.0, floor=0.1, mult=None,
                   greet=False, bot=None, agents=agents)
            self.add(acct, b_human, p, gid)

    def ide_communities(self, n):
        self.role = 'ide_communities'
        rng = rng_for(self.ctx.seed, "ide")
        tools = [  # family, share, sys versions, tool count range, base context, think_p, models
            ("claude_cli", 0.5, 3, (17, 34), 15000, 0.3,
             Weighted({"claude-sonnet-4-5": 62, "claude-opus-4-5": 28, "claude-haiku-4-5": 10})),
            ("cursor", 0.3, 2, (10, 16), 9000, 0.15,
             Weighted({"claude-sonnet-4-5": 70, "claude-opus-4-5": 20, "claude-sonnet-4": 10})),
            ("cline", 0.2, 2, (8, 14), 11000, 0.15,
             Weighted({"claude-sonnet-4-5": 65, "claude-opus-4-5": 15, "claude-sonnet-4": 15,
                       "claude-haiku-4-5": 5})),
        ]
        for fam, share, nver, trange, base, think_p, models in tools:
            gid = self.group("ide_community")
            sysv = [self.reg.sys_hash() for _ in range(nver)]
            self.tool_sys[fam] = sysv
            sysw = Weighted([(s, 0.35 ** i) for i, s in enumerate(sysv)])
            aux_sys = self.reg.sys_hash()
            for _ in range(int(round(n * share))):
                cc = country(rng, business=rng.random() < 0.6)
                tz = tz_of(rng, cc)
                pres, ogid, tz = self.presence(rng, cc, tz, {"commuter": 45, "home": 45, "vpn": 5,
                                                             "mobile": 5})
                acct = self.individual(rng, cc, 0.97, 0.6, young=0.2)
                acct.pres = pres
                u = ua(rng, fam)
                am, sh = self.adopt(rng, 0.35, 1.0, 0.8)
                prof = Profile({"coding": 60, "tool_use": 40}, models, u, acct.keys, stream_p=0.97,
                               sys=sysw, sys_p=1.0, think_p=think_p, tools=trange, adopt_ms=am,
                               adopt_share=sh, maxtok=Weighted({16000: 40, 32000: 40, 8192: 20}), err=0.006)
                chat = Profile({"coding": 50, "chat": 30, "reasoning": 10, "analysis": 10}, models, u,
                               acct.keys, stream_p=0.97, sys=sysw, sys_p=1.0, adopt_ms=am, adopt_share=sh)
                aux = None
                if fam == "claude_cli":
                    aux = Profile({"other": 1}, {"claude-haiku-4-5": 1}, u, acct.keys, stream_p=0.0,
                                  sys=aux_sys, sys_p=1.0, maxtok=512, in_mult=0.5, out_mult=0.15)
                p = NS(prof=prof, chat=chat, aux=aux, tz=tz, curve="dev", floor=0.03,
                       rate=min(4.0, logn(rng, 0.8, 0.6)), steps=rng.uniform(8, 22),
                       tool_s=rng.uniform(1.5, 5.0), first_in=(base, 0.25))
                self.add(acct, b_agent, p, ogid)
                self.join(gid, acct)

    def plugins(self, n):
        self.role = 'plugins'
        rng = rng_for(self.ctx.seed, "plugins")
        reg, net = self.reg, self.net
        specs = [
            # name, share, ua, egress, cats, cron periods (min), event rate/h, k per run
            ("wp-ai-writer", 0.30, Weighted([("wp-ai-writer/3.4.%d" % i, 1 + i) for i in range(6)]),
             "self", {"writing": 80, "other": 20}, (60, 120, 180, 360), 0.0, (1, 3)),
            ("ticketsense", 0.30, "anthropic-python/0.71.0", "vendor", {"analysis": 50, "writing": 50},
             None, (1.0, 14.0), (1, 1)),
            ("sheetsmith", 0.20, "axios/1.11.0", "vendor", {"coding": 55, "analysis": 45}, None,
             (0.5, 6.0), (1, 1)),
            ("slackmate", 0.20, "slackmate-bot/4.2.0", "vendor", {"analysis": 70, "chat": 30},
             (5, 10, 15, 15, 30), (0.3, 3.0), (1, 2)),
        ]
        for name, share, u, egress, cats, periods, erate, k in specs:
            gid = self.group("plugin_userbase")
            sysh = [reg.sys_hash() for _ in range(rng.randint(1, 3))]
            tmpl = make_templates(rng, rng.randint(3, 8), cats, flips=(1, 7))
            vend = None
            if egress == "vendor":
                vend = Multi(net.hosting_ips(rng, rng.randint(2, 8), cc="US"))
            model = M_SERVICE.pick(rng)
            for _ in range(int(round(n * share))):
                cc = country(rng, business=True)
                tz = tz_of(rng, cc)
                acct = self.individual(rng, cc, 0.95, 0.8, young=0.15, nkeys=1)
                if vend is not None:
                    acct.pres = vend
                else:
                    h = net.shared_host(rng)
                    acct.pres = Fixed([h[0]], h[1], h[2])
                mdl = model if rng.random() < 0.7 else M_SERVICE.pick(rng)
                prof = Profile(cats, {mdl: 1}, u if isinstance(u, str) else u.pick(rng), acct.keys,
                               stream_p=0.0, sys=sysh, sys_p=1.0, templates=tmpl, tmpl_p=0.9,
                               maxtok=rng.choice((2048, 4096, 8192)), err=0.003)
                period = rng.choice(periods) * MIN_MS if periods else 0
                p = NS(prof=prof, tz=tz, curve="business", floor=0.05, period=period,
                       phase=rng.randrange(max(1, period)) if period else 0, run_p=rng.uniform(0.8, 1.0),
                       jitter=rng.randint(200, 2500), k=k,
                       rate=rng.uniform(*erate) if erate else 0.0)
                self.add(acct, b_cron, p, gid)

    def teams(self, n):
        self.role = 'teams'
        rng = rng_for(self.ctx.seed, "teams")
        reg, net, ctx = self.reg, self.net, self.ctx
        made = 0
        while made < n:
            size = min(n - made, 3 + min(37, int(logn(rng, 4, 0.8))))
            if size < 2:
                size = 2
            made += size
            gid = self.group("team")
            cc = country(rng, business=True)
            tz = tz_of(rng, cc)
            org, card = reg.org(), reg.card()
            office = net.office(rng, cc)
            kind = rng.choice(sorted(TEAM_KINDS))
            sysh = [reg.sys_hash() for _ in range(rng.randint(1, 3))]
            tmpl = make_templates(rng, rng.randint(3, 8), TEAM_KINDS[kind], flips=(1, 7))
            u = ua(rng, Weighted({"python": 60, "typescript": 25, "go": 8, "java": 7}).pick(rng))
            created0 = created_benign(rng, ctx.t0, 0.15)
            models = Weighted({M_DEV.pick(rng): 60, "claude-sonnet-4-5": 30, "claude-haiku-4-5": 10})
            am0, sh = self.adopt(rng, 0.3, 2.0, 0.6)
            start = rng.uniform(8.0, 9.8)
            for i in range(size):
                created = created0 + (0 if i == 0 else int(rng.expovariate(1 / (2 * DAY_MS))
                                                           if rng.random() < 0.7 else rng.uniform(0, 200) * DAY_MS))
                if created > ctx.t0 - HOUR_MS:
                    created = ctx.t0 - int(rng.uniform(1, 72) * HOUR_MS)
                acct = Account(reg.account_id(), org, reg.keys(rng.choice((1, 1, 2))), created, card,
                               rpm_for(card, created, ctx.t0))
                home = net.household(rng, cc)
                if rng.random() < 0.25:
                    acct.pres = home
                else:
                    acct.pres = Commuter(home, office, tz, start + rng.uniform(-0.5, 0.7),
                                         start + 8.5 + rng.uniform(-0.5, 1.0), None, wfh=rng.random() < 0.15)
                prof = Profile(TEAM_KINDS[kind], models, u, acct.keys, stream_p=0.5, sys=sysh, sys_p=0.7,
                               templates=tmpl, tmpl_p=0.45, think_p=0.1, adopt_ms=am0, adopt_share=sh,
                               tools=(2, 8) if kind == "eng" else None, err=0.008)
                p = NS(prof=prof, tz=tz, curve="office", rate=min(4.0, logn(rng, 0.7, 0.6)), sess=6.0,
                       think=45.0, floor=0.0, mult=None, greet=False, bot=None, agents=None)
                self.add(acct, b_human, p, gid)

    def cohorts(self, n):
        self.role = 'cohorts'
        rng = rng_for(self.ctx.seed, "cohorts")
        reg, net, ctx = self.reg, self.net, self.ctx
        H = ctx.t1 - ctx.t0
        made = 0
        while made < n:
            size = min(n - made, clampi(logn(rng, 40, 0.45), 15, 120))
            if n - made - size < 15:
                size = n - made
            made += size
            gid = self.group("course_cohort")
            cc = Weighted({"US": 50, "GB": 10, "DE": 8, "IN": 8, "KR": 6, "JP": 5, "CA": 5, "AU": 4,
                           "FR": 4}).pick(rng)
            tz = tz_of(rng, cc)
            campus = net.campus(rng, cc)
            model = Weighted({"claude-haiku-4-5": 60, "claude-sonnet-4-5": 40}).pick(rng)
            u = ua(rng, "python")
            tmpl = make_templates(rng, rng.randint(3, 6), {"reasoning": 55, "coding": 45}, cot=(5.0, 3.0),
                                  flips=(2, 9))
            deadline = ctx.t0 + int(rng.uniform(0.25, 1.4) * H)
            burst = Burst(deadline, rng.uniform(1.5, 4.0) * HOUR_MS, rng.uniform(4, 9))
            # a lab class during local daytime, if the window has one
            lab = None
            for _ in range(30):
                s = rng.randrange(ctx.t0, max(ctx.t0 + 1, ctx.t1 - 100 * MIN_MS))
                if 9.5 <= local_hour(s, tz) <= 16.5:
                    lab = Window(s, s + 80 * MIN_MS, 10.0)
                    break
            mult = Product(burst, lab) if lab else burst
            sysh = reg.sys_hash() if rng.random() < 0.5 else None
            for _ in range(size):
                if lab and rng.random() < 0.25:
                    created = min(lab.a + rng.randrange(20 * MIN_MS), ctx.t1 - 40 * MIN_MS)
                else:
                    created = ctx.t0 - rng.randrange(HOUR_MS, 4 * DAY_MS)
                acct = Account(reg.account_id(), reg.org() if rng.random() < 0.15 else None, reg.keys(1),
                               created, None, 5)
                home = net.household(rng, cc)
                acct.pres = campus if rng.random() < 0.5 else Commuter(home, campus, tz, 9.0, 17.0)
                uu = u if rng.random() < 0.85 else ua(rng, "python")
                prof = Profile({"reasoning": 35, "coding": 35, "chat": 30},
                               Weighted({model: 85, "claude-sonnet-4-5": 10, "claude-haiku-4-5": 5}), uu,
                               acct.keys, stream_p=0.15, sys=sysh, sys_p=0.8, templates=tmpl, tmpl_p=0.7,
                               maxtok=Weighted({1024: 40, 2048: 20, 4096: 40}), err=0.03,
                               cot={"reasoning": (3.0, 3.0), "coding": (2.0, 4.0)}, p_newconv=0.35)
                first = created + int(logn(rng, 3 * MIN_MS, 0.8)) if created >= ctx.gen0 else None
                p = NS(prof=prof, tz=tz, curve="student", rate=logn(rng, 0.3, 0.5), sess=5.0, think=60.0,
                       floor=0.0, mult=mult, greet=rng.random() < 0.8, bot=None, agents=None, first_at=first)
                self.add(acct, b_human, p, gid)

    def labs(self, n):
        self.role = 'labs'
        rng = rng_for(self.ctx.seed, "labs")
        reg, net, ctx = self.reg, self.net, self.ctx
        made = 0
        while made < n:
            size = min(n - made, rng.randint(1, 6))
            made += size
            gid = self.group("benchmark_lab")
            cc = country(rng, business=True)
            tz = tz_of(rng, cc)
            org, card = reg.org(), reg.card()
            pres = Multi(net.hosting_ips(rng, rng.randint(1, 4))) if rng.random() < 0.6 else net.campus(rng, cc)
            benches = []
            for _ in range(rng.randint(3, 6)):
                cat = Weighted({"reasoning": 55, "coding": 30, "analysis": 15}).pick(rng)
                inp = (rng.choice((300, 600, 1500, 4000)), 0.5)
                out = (rng.choice((600, 1200, 2500)), 0.7)
                benches.append(make_templates(rng, rng.randint(1, 4), {cat: 1}, cot=(4.0, 2.5), inp=inp,
                                              out=out, flips=(3, 10)))
            u = ua(rng, "python")
            am, sh = self.adopt(rng, 0.8, 0.6, 0.7)
            sysh = reg.sys_hash() if rng.random() < 0.4 else None
            created0 = created_benign(rng, ctx.t0, 0.1)
            for _ in range(size):
                created = created0 + rng.randrange(60 * DAY_MS)
                if created > ctx.t0 - DAY_MS:
                    created = ctx.t0 - int(rng.uniform(1, 20) * DAY_MS)
                acct = Account(reg.account_id(), org, reg.keys(rng.randint(1, 3)), created, card, 4000, pres)
                prof = Profile({"reasoning": 1}, Weighted({"claude-opus-4-5": 30, "claude-sonnet-4-5": 35,
                                                           "claude-haiku-4-5": 15, "claude-opus-4-1": 10,
                                                           "claude-sonnet-4": 10}), u, acct.keys,
                               adopt_ms=am, adopt_share=sh)
                chat = Profile(CATS_DEV, M_DEV, u, acct.keys, stream_p=0.3, think_p=0.3)
                p = NS(prof=prof, chat=chat, benches=benches, tz=tz, curve="dev",
                       run_rate=logn(rng, 0.09, 0.5), size=logn(rng, 300, 0.5), rate=logn(rng, 0.3, 0.5),
                       sys=sysh)
                self.add(acct, b_lab, p, gid)

    def enterprises(self, n):
        self.role = 'enterprises'
        rng = rng_for(self.ctx.seed, "enterprise")
        reg, net, ctx = self.reg, self.net, self.ctx
        made = 0
        while made < n:
            size = min(n - made, rng.randint(2, 6))
            made += size
            gid = self.group("enterprise_batch")
            cc = country(rng, business=True)
            tz = tz_of(rng, cc)
            org = reg.org()
            card = reg.card() if rng.random() < 0.6 else None   # invoiced: no card on file
            egress = Multi(net.hosting_ips(rng, rng.randint(2, 4), cc=cc))
            u = ua(rng, Weighted({"java": 35, "python": 40, "go": 15, "typescript": 10}).pick(rng))
            for _ in range(size):
                created = created_benign(rng, ctx.t0, 0.0)
                keys = reg.keys(rng.randint(3, 15))
                acct = Account(reg.account_id(), org, keys, created, card, 4000, egress)
                cats = Weighted({"analysis": 40, "writing": 20, "coding": 10, "other": 10, "chat": 10,
                                 "vision": 10})
                tmpl = make_templates(rng, rng.randint(3, 8), cats, flips=(1, 6))
                sysh = [reg.sys_hash() for _ in range(rng.randint(1, 2))]
                model = M_SERVICE.pick(rng)
                kw = Weighted([(k, 0.6 ** i) for i, k in enumerate(keys)])
                prof = Profile(cats, {model: 1}, u, keys, key_w=kw, stream_p=0.2, sys=sysh, sys_p=0.95,
                               templates=tmpl, tmpl_p=0.85, maxtok=4096, err=0.002)
                batch = None
                if rng.random() < 0.7:
                    bprof = Profile(cats, {model: 1}, u, keys, key_w=kw, stream_p=0.0, sys=sysh, sys_p=1.0,
                                    templates=tmpl, tmpl_p=1.0, maxtok=4096, endpoint="batch")
                    period = rng.choice((1, 2, 4, 6)) * HOUR_MS
                    batch = (period, rng.randrange(period), logn(rng, 150, 0.6), bprof)
                p = NS(prof=prof, tz=tz if rng.random() < 0.6 else -5, curve="business", floor=0.3,
                       rate=min(250.0, logn(rng, 18, 0.8)), follow=0.1, batch=batch)
                self.add(acct, b_service, p, gid)

    def startups(self, n):
        self.role = 'startups'
        rng = rng_for(self.ctx.seed, "startups")
        reg, net, ctx = self.reg, self.net, self.ctx
        made = 0
        while made < n:
            size = min(n - made, rng.randint(2, 7))
            made += size
            gid = self.group("startup")
            cc = country(rng, business=True)
            tz = tz_of(rng, cc)
            org, card = reg.org(), reg.card()
            egress = Multi(net.hosting_ips(rng, rng.randint(1, 3)))
            cats = Weighted({"chat": 30, "writing": 20, "analysis": 20, "coding": 15, "tool_use": 10,
                             "vision": 5})
            tmpl = make_templates(rng, rng.randint(2, 6), cats, flips=(1, 7))
            sysh = [reg.sys_hash() for _ in range(rng.randint(1, 3))]
            u = ua(rng, Weighted({"python": 55, "typescript": 45}).pick(rng))
            created0 = created_benign(rng, ctx.t0, 0.3)
            am, sh = self.adopt(rng, 0.4, 1.5, 0.5)
            office = net.office(rng, cc)
            for i in range(size):
                created = created0 + int(rng.expovariate(1 / (5 * DAY_MS)))
                if created > ctx.t0 - HOUR_MS:
                    created = ctx.t0 - int(rng.uniform(1, 96) * HOUR_MS)
                acct = Account(reg.account_id(), org, reg.keys(rng.randint(1, 3)), created, card,
                               rpm_for(card, created, ctx.t0))
                if i < max(1, size // 3):       # production accounts on the cloud
                    acct.pres = egress
                    prof = Profile(cats, {M_SERVICE.pick(rng): 1}, u, acct.keys, stream_p=0.7, sys=sysh,
                                   sys_p=0.95, templates=tmpl, tmpl_p=0.6, maxtok=4096, err=0.004,
                                   tools=(0, 6), adopt_ms=am, adopt_share=sh * 0.5)
                    p = NS(prof=prof, tz=tz, curve="business", floor=0.1, rate=min(120.0, logn(rng, 6, 1.0)),
                           follow=0.35, batch=None)
                    self.add(acct, b_service, p, gid)
                else:
                    acct.pres = Commuter(net.household(rng, cc), office, tz, 9.0, 19.0, wfh=rng.random() < 0.3)
                    prof = Profile(CATS_DEV, M_DEV, u, acct.keys, stream_p=0.6, sys=sysh, sys_p=0.5,
                                   templates=tmpl, tmpl_p=0.4, think_p=0.15, adopt_ms=am, adopt_share=sh,
                                   err=0.015, count_tokens_p=0.02)
                    p = NS(prof=prof, tz=tz, curve="dev", rate=min(4.0, logn(rng, 0.9, 0.6)), sess=7.0,
                           think=40.0, floor=0.05, mult=None, greet=False, bot=None, agents=None)
                    self.add(acct, b_human, p, gid)

    def saas(self, n):
        self.role = 'saas'
        rng = rng_for(self.ctx.seed, "saas")
        reg, net, ctx = self.reg, self.net, self.ctx
        nplat = 1 + n // 180
        per = -(-n // nplat)
        made = 0
        while made < n:
            size = min(n - made, per)
            made += size
            gid = self.group("saas_platform")
            org, card = reg.org(), reg.card()
            egress = Multi(net.hosting_ips(rng, rng.randint(3, 6)))
            u = ua(rng, Weighted({"python": 50, "typescript": 50}).pick(rng))
            ptype = rng.choice(({"writing": 50, "chat": 30, "analysis": 20},
                                {"chat": 60, "analysis": 20, "other": 20},
                                {"analysis": 40, "coding": 30, "reasoning": 10, "writing": 20}))
            onboard0 = ctx.t0 - rng.uniform(200, 500) * DAY_MS
            for _ in range(size):
                cc = country(rng, business=True)
                tz = tz_of(rng, cc)
                created = rng.randrange(int(onboard0), ctx.t0 - DAY_MS)
                acct = Account(reg.account_id(), org, reg.keys(1), created, card, 2000, egress)
                cats = Weighted(ptype)
                tmpl = make_templates(rng, rng.randint(2, 5), cats, flips=(1, 7))
                prof = Profile(cats, {M_SERVICE.pick(rng): 1}, u, acct.keys, stream_p=0.8,
                               sys=[reg.sys_hash() for _ in range(rng.randint(1, 2))], sys_p=1.0,
                               templates=tmpl, tmpl_p=0.5, maxtok=rng.choice((2048, 4096, 8192)), err=0.003)
                p = NS(prof=prof, tz=tz, curve="business", floor=0.05, rate=min(60.0, logn(rng, 2.5, 1.0)),
                       follow=0.3, batch=None)
                self.add(acct, b_service, p, gid)


def build(ctx):
    """Return (members, groups) for exactly ctx.n_benign benign accounts."""
    N = ctx.n_benign
    B = Builder(ctx)
    parts = [("teams", 0.12), ("cohorts", 0.03), ("labs", 0.004), ("enterprises", 0.003),
             ("startups", 0.03), ("saas", 0.015), ("ide_communities", 0.12), ("plugins", 0.08),
             ("developers", 0.165), ("power_users", 0.026), ("free_new", 0.10)]
    for name, share in parts:
        k = int(round(N * share))
        if name == "labs":
            k = max(2, k)
        elif name == "enterprises":
            k = max(2, k)
        elif name == "cohorts":
            k = max(20, k)
        getattr(B, name)(k)
    rest = N - len(B.members)
    if rest > 0:
        B.casual(rest)
    else:
        del B.members[N:]
    return B.members, B.groups
