"""Distillation operations, each imitating some slice of the ordinary population."""
import random

from .actors import P, Unit, Human, AgentUser, ModelPref, aged, DEV
from .catalog import (GREETINGS, GREET_HASH, TZ, OFFICE, WORK, ALWAYS, sdk_ua, PY_WT, TS_WT)
from .net import Home, Fixed, hosting_addrs, VPS_PROVIDERS, CLOUD_PROVIDERS
from .rnd import WT, Tmpl, lognorm, poisson, flip, clamp
from .world import HOUR, DAY, MIN, Lim

PROXY_COUNTRIES = WT([("US", 38), ("GB", 9), ("DE", 8), ("CA", 7), ("FR", 5), ("JP", 5), ("BR", 5), ("AU", 4),
                      ("IN", 5), ("NL", 3), ("ES", 3), ("IT", 3), ("PL", 2), ("MX", 2), ("KR", 2)])


def wave_times(rng, W, n, n_waves, days_lo, days_hi, spread):
    waves = [W.start - int(rng.uniform(days_lo, days_hi) * DAY) for _ in range(n_waves)]
    return [waves[i % n_waves] + int(rng.random() * spread) for i in range(n)]


def warmup(W, rng, a, key, t, addr, ua, model, n=None):
    for _ in range(n if n is not None else 1 + (rng.random() < .4)):
        done, st = W.send(rng, a, key, t, addr, ua, model, "messages", rng.randint(3, 9), rng.randint(8, 40), False, 0, 1,
                          False, "chat", round(rng.random() * .04, 3), GREET_HASH[GREETINGS.pick(rng)], None, retries=1)
        t = done + int(lognorm(rng, 6, 1.0) * 1000)
    return t


class ProxySwarm(Unit):
    """Many young accounts in shifts, rotating residential exits per request, reasoning templates."""
    kind = "proxy_swarm"

    def __init__(self, W, rng, size):
        self.rng = rng
        created = wave_times(rng, W, size, rng.randint(3, 5), 2, 25, 6 * HOUR)
        self.uas = ["anthropic-python/" + PY_WT.pick(rng) for _ in range(2)]
        self.tms = []
        for _ in range(rng.randint(6, 14)):
            cat = rng.choice(("reasoning", "reasoning", "analysis", "coding"))
            self.tms.append(Tmpl(rng, rng.uniform(4, 9), cat, (lognorm(rng, 350, .5), .5), (lognorm(rng, 2400, .3), .55),
                                 cot=(rng.uniform(5, 8), rng.uniform(1.8, 2.8))))
        self.sps = [W.sysp(rng), W.sysp(rng)]
        self.base = rng.choice(("claude-opus-4-5", "claude-sonnet-4-5", "claude-sonnet-4-5"))
        self.pivot = W.R + int(rng.uniform(1, 3) * HOUR)
        self.members = []
        for i in range(size):
            pay = W.pm(rng) if rng.random() < .3 else None
            a = W.account(rng, created[i], pay, None, tier=1 if pay else 0, err=.004)
            s0 = W.start - 2 * HOUR + int(rng.random() * (W.dur + HOUR))
            self.members.append((a, W.key(rng), s0, s0 + int(lognorm(rng, 3, .4) * HOUR), rng.uniform(4, 12),
                                 self.uas[i % 2], rng.random() < .5, rng.random() < .6))
        self.accounts = [m[0] for m in self.members]
        W.campaign(self.kind, self.accounts)

    def run(self, W):
        rng = self.rng
        for a, key, s0, s1, rate, ua, stream, fresh in self.members:
            t = max(W.start, s0)
            end = min(W.end, s1)
            if t >= end:
                continue
            if fresh and s0 >= W.start:
                t = warmup(W, rng, a, key, t, W.pools.resi_addr(rng, PROXY_COUNTRIES.pick(rng)), ua, "claude-haiku-4-5")
            while True:
                t += int(rng.expovariate(rate / HOUR))
                if t >= end:
                    break
                cc = PROXY_COUNTRIES.pick(rng)
                model = W.NEW if t >= self.pivot and rng.random() < .7 else self.base
                if rng.random() < .1:
                    cat = "chat"
                    h = rng.getrandbits(64)
                    inp = int(lognorm(rng, 60, .8)) + 5
                    out = int(lognorm(rng, 260, .8)) + 5
                    cot = W.cot(rng, "chat")
                    think = False
                    sp = None
                else:
                    tm = self.tms[rng.randrange(len(self.tms))]
                    cat = tm.cat
                    h = tm.inst(rng)
                    inp = tm.inp_tokens(rng)
                    think = rng.random() < .35
                    out = tm.out_tokens(rng) + (int(lognorm(rng, 2500, .6)) if think else 0)
                    cot = round(clamp(rng.betavariate(*tm.cot), 0, 1), 3)
                    sp = self.sps[rng.randrange(2)] if rng.random() < .4 else None
                sp_tok = 180 if sp else 0
                done, st = W.send(rng, a, key, t, W.pools.resi_addr(rng, cc), ua, model, "messages", inp + sp_tok,
                                  min(out, 16000), stream, 0, 1, think, cat, cot, h, sp)
                if st == 200 and rng.random() < .15:
                    t2 = done + int(lognorm(rng, 4, .6) * 1000)
                    done, st = W.send(rng, a, key, t2, W.pools.resi_addr(rng, cc), ua, model, "messages",
                                      inp + sp_tok + out + rng.randint(5, 30), min(16000, int(lognorm(rng, 1500, .5))),
                                      stream, 0, 3, think, cat, cot, flip(rng, h, rng.randint(1, 3)), sp)
                t = done


class ScriptedFleet(Unit):
    """A small scripted fleet on rented servers, firing in synchronised rounds around the clock."""
    kind = "scripted_fleet"

    def __init__(self, W, rng, size):
        self.rng = rng
        waves = [W.start - int(rng.uniform(5, 40) * DAY) for _ in range(rng.randint(1, 2))]
        n_cards = max(1, -(-size // rng.randint(10, 20)))
        cards = [W.pm(rng) for _ in range(n_cards)]
        prov = rng.sample(VPS_PROVIDERS, 2)
        cc = rng.choice(("DE", "US", "FR", "NL"))
        ips = hosting_addrs(rng, prov[0], cc, rng.randint(3, 5)) + hosting_addrs(rng, prov[1], cc, rng.randint(1, 3))
        self.ua = rng.choice(("python-httpx/0.27.2", "anthropic-python/0.49.0", "anthropic-python/0.52.2"))
        self.sp = W.sysp(rng)
        self.period = rng.choice((5, 10, 10, 15)) * MIN
        self.k = rng.randint(2, 5)
        self.t0 = W.start + int(rng.uniform(0, .35) * W.dur)
        self.base = rng.choice(("claude-sonnet-4-5", "claude-opus-4-5"))
        self.pivot = W.R + int(rng.uniform(10, 60) * MIN)
        self.members = []
        c0 = waves[0]
        for i in range(size):
            c0 = waves[i % len(waves)] + i * int(rng.uniform(30, 180) * 1000)
            a = W.account(rng, c0, cards[i % n_cards], None, tier=1, err=.003)
            self.members.append((a, W.key(rng), ips[i % len(ips)]))
        self.accounts = [m[0] for m in self.members]
        W.campaign(self.kind, self.accounts)

    def run(self, W):
        rng = self.rng
        first = (self.t0 // self.period + 1) * self.period
        for a, key, addr in self.members:
            rnd = first
            while rnd < W.end:
                for j in range(self.k):
                    t = rnd + int(rng.uniform(0, 20000))
                    model = W.NEW if t >= self.pivot else self.base
                    r = rng.random()
                    cat = "coding" if r < .8 else "analysis" if r < .9 else "reasoning"
                    W.send(rng, a, key, t, addr, self.ua, model, "messages", int(lognorm(rng, 350, .6)) + 200,
                           min(8192, int(lognorm(rng, 3500, .5))), False, 0, 1, False, cat,
                           round(rng.betavariate(3, 5), 3), rng.getrandbits(64), self.sp, retries=5, patience=.5)
                rnd += self.period


DRIP = P(curve=WORK, weekend=.6, per_day=(2.6, .5), req=(4, .7), gap=55, new_conv=.45, utok=180,
         cats=WT([("reasoning", 30), ("analysis", 20), ("coding", 20), ("writing", 15), ("chat", 15)]),
         maxtok=[(4096, 30), (8192, 45), (16000, 25)], think_p=.2, tools_p=.02, sys_p=.25, cot_habit=0.0, out_scale=1.15,
         greet_p=.02, repeat_p=0.0, stream_p=.5, tmpl_p=.5, script_p=0.0, gap_sig=.8)


def build_slow_drip(W, rng, size):
    """Bought aged accounts, each a plausible individual on a household line in one country."""
    cc = rng.choice(("US", "US", "US", "GB", "DE", "CA"))
    batches = [W.start - int(rng.uniform(90, 600) * DAY) for _ in range(rng.randint(3, 6))]
    shared = [Tmpl(rng, rng.uniform(10, 13), rng.choice(("reasoning", "analysis", "coding", "writing")),
                   (lognorm(rng, 260, .5), .7), (lognorm(rng, 950, .4), .7), cot=(2.6, 3.2)) for _ in range(25)]
    sps = [W.sysp(rng), W.sysp(rng)]
    units = []
    for i in range(size):
        r = random.Random(rng.getrandbits(64))
        created = batches[i % len(batches)] + int(r.gauss(0, 6) * DAY)
        pay = W.pm(r) if r.random() < .8 else None
        org = W.org(r) if r.random() < .4 else None
        a = W.account(r, created, pay, org, tier=1 if pay else 0, err=.01)
        tz = TZ[cc].pick(r)
        mp = ModelPref(W, r, ea_p=.4, ea_med=2.5, share=(.4, .8))
        h = Human(W, r, a, [W.key(r)], Home(W, r, cc), cc, tz, DRIP, sdk_ua(r), mp,
                  templates=[(tm, sps[j % 2] if r.random() < .3 else None) for j, tm in enumerate(r.sample(shared, 8))],
                  sps=sps)
        units.append(h)
    W.campaign("slow_drip", [u.a for u in units])
    return units


class HarnessAgent(AgentUser):
    """Synthetic agent trajectories through a modified harness that claims to be the CLI."""

    def __init__(self, W, rng, a, key, net, cli, toolsets, sps, mp, active):
        super().__init__(W, rng, a, [key], net, "US", 0, cli, mp)
        self.toolsets = toolsets
        self.hsps = sps
        self.active = active
        self.harness_ua = cli.versions[1][0]
        self.tool_gap = rng.uniform(.6, 1.4)
        self.approval_p = 0.0
        self.steps_med = rng.uniform(12, 18)
        self.tasks_mean = 1.0
        self.think_p = .1

    def flavour(self, rng, t):
        j = rng.randrange(len(self.toolsets))
        return self.harness_ua, self.hsps[j % len(self.hsps)], self.toolsets[j]

    def run(self, W):
        rng = self.rng
        t = max(W.start, self.active) + rng.randint(0, 30 * MIN)
        while t < W.end:
            t = self.session(W, t)
            t += int(lognorm(rng, 50, .6) * MIN)


def build_agentic_reseller(W, rng, size, cli):
    org = W.org(rng)
    pay = W.pm(rng)
    created = wave_times(rng, W, size, rng.randint(2, 4), 10, 60, 20 * MIN)
    regions = rng.sample(("US", "DE", "SG", "JP", "GB"), 2)
    cloud = rng.choice(CLOUD_PROVIDERS)
    ips = hosting_addrs(rng, cloud, regions[0], rng.randint(4, 10)) + hosting_addrs(rng, cloud, regions[1], rng.randint(2, 5))
    toolsets = [rng.randint(20, 60) for _ in range(rng.randint(3, 5))]
    sps = [W.sysp(rng) for _ in range(3)]
    units = []
    for i in range(size):
        r = random.Random(rng.getrandbits(64))
        a = W.account(r, created[i], pay, org, tier=2, err=.004)
        net = Fixed(ips, sticky=i) if r.random() < .7 else Home(W, r, r.choice(("US", "US", "GB", "DE")))
        mp = ModelPref(W, r, WT([("claude-sonnet-4-5", 70), ("claude-opus-4-5", 30)]), ea_p=.6, ea_med=2.0, share=(.4, .6), alt_max=.1)
        active = W.start - HOUR + int(r.random() * W.dur * .6)
        units.append(HarnessAgent(W, r, a, W.key(r), net, cli, toolsets, sps, mp, active))
    W.campaign("agentic_reseller", [u.a for u in units])
    return units


class LoneScraper(Unit):
    kind = "lone_scraper"

    def __init__(self, W, rng, size):
        self.rng = rng
        self.t0 = W.start + int(rng.uniform(.1, .5) * W.dur)
        cc = rng.choice(("US", "DE", "NL", "SG"))
        if rng.random() < .6:
            self.addr = hosting_addrs(rng, rng.choice(VPS_PROVIDERS), cc, 1)[0]
        else:
            self.addr = W.pools.vpn_addr(rng, cc, "m247")
        self.ua = rng.choice(("python-requests/2.31.0", "python-requests/2.32.3", "aiohttp/3.9.5"))
        self.tms = [Tmpl(rng, rng.uniform(3, 6), c, (lognorm(rng, 900, .4), .4), (2800, .4), cot=(3, 5))
                    for c in rng.sample(("writing", "analysis", "writing", "reasoning"), rng.randint(2, 3))]
        self.sp = W.sysp(rng)
        self.base = rng.choice(("claude-opus-4-5", "claude-sonnet-4-5"))
        self.accounts = [W.account(rng, W.start - int(rng.uniform(1, 10) * DAY), W.pm(rng), None, tier=1, err=.003)
                         for _ in range(size)]
        W.campaign(self.kind, self.accounts)

    def run(self, W):
        rng = self.rng
        for a in self.accounts:
            key = W.key(rng)
            conc = rng.randint(4, 8)
            for w in range(conc):
                t = self.t0 + rng.randint(0, 3000)
                while t < W.end:
                    tm = self.tms[rng.randrange(len(self.tms))]
                    model = W.NEW if t > W.R and rng.random() < .8 else self.base
                    done, st = W.send(rng, a, key, t, self.addr, self.ua, model, "messages", tm.inp_tokens(rng),
                                      min(4096, tm.out_tokens(rng)), False, 0, 1, False, tm.cat,
                                      round(rng.betavariate(3, 5), 3), tm.inst(rng), self.sp, retries=3, patience=.5)
                    t = done + int(lognorm(rng, 1.5, .8) * 1000)


class ReleasePivot(Unit):
    """Accounts readied for a release, then hammering the new model for hidden reasoning through mobile exits."""
    kind = "release_pivot"

    def __init__(self, W, rng, size):
        self.rng = rng
        self.tms = [Tmpl(rng, rng.uniform(5, 10), rng.choice(("reasoning", "reasoning", "reasoning", "coding", "analysis")),
                         (lognorm(rng, 450, .5), .5), (lognorm(rng, 3800, .3), .5), cot=(rng.uniform(6, 9), 1.8))
                    for _ in range(rng.randint(10, 20))]
        self.sp = W.sysp(rng)
        self.ccs = WT([(c, w) for c, w in (("US", 30), ("GB", 10), ("DE", 8), ("BR", 10), ("ID", 10), ("IN", 12),
                                            ("PH", 8), ("MX", 8), ("JP", 4)) if rng.random() < .8] or [("US", 1)])
        w_before = W.start - int(rng.uniform(6, 40) * HOUR)
        self.members = []
        for i in range(size):
            if rng.random() < .4 and W.R - 20 * MIN > W.start:
                created = max(W.start + 2 * MIN, W.R - int(rng.uniform(.3, 3) * HOUR))
                fresh = True
            else:
                created = w_before + int(rng.random() * 3 * HOUR)
                fresh = False
            pay = W.pm(rng) if rng.random() < .2 else None
            a = W.account(rng, created, pay, None, tier=1 if pay else 0, err=.004)
            t0 = W.R + int(rng.uniform(.25, 2.5) * HOUR)
            self.members.append((a, W.key(rng), fresh, t0, t0 + int(lognorm(rng, 3, .4) * HOUR), rng.uniform(10, 35),
                                 sdk_ua(rng, "ts" if rng.random() < .5 else "py"), self.ccs.pick(rng)))
        self.accounts = [m[0] for m in self.members]
        W.campaign(self.kind, self.accounts)

    def run(self, W):
        rng = self.rng
        for a, key, fresh, t0, t1, rate, ua, cc in self.members:
            if fresh:
                t = a.created + int(lognorm(rng, 4, .8) * MIN)
                warmup(W, rng, a, key, t, W.pools.mobile_addr(rng, cc), ua, rng.choice(("claude-haiku-4-5", "claude-sonnet-4-5")))
            t = t0
            addr = W.pools.mobile_addr(rng, cc)
            rot = t + int(rng.uniform(5, 15) * MIN)
            while True:
                t += int(rng.expovariate(rate / HOUR))
                if t >= min(t1, W.end):
                    break
                if t > rot:
                    addr = W.pools.mobile_addr(rng, cc)
                    rot = t + int(rng.uniform(5, 15) * MIN)
                tm = self.tms[rng.randrange(len(self.tms))]
                think = rng.random() < .7
                out = tm.out_tokens(rng) + (int(lognorm(rng, 3000, .6)) if think else 0)
                sp = self.sp if rng.random() < .4 else None
                model = W.NEW if rng.random() < .9 else "claude-opus-4-5"
                done, st = W.send(rng, a, key, t, addr, ua, model, "messages", tm.inp_tokens(rng) + (200 if sp else 0),
                                  min(out, 32000), rng.random() < .6, 0, 1, think, tm.cat,
                                  round(clamp(rng.betavariate(*tm.cot), 0, 1), 3), tm.inst(rng), sp)
                t = done


class LongformFarm(Unit):
    """Human-paced sessions in one country's business hours via VPN exits; long domain writing."""
    kind = "longform_farm"

    def __init__(self, W, rng, size):
        self.rng = rng
        self.cc = rng.choice(("GB", "SG", "US", "DE", "JP", "AU"))
        self.curve = [max(.25, x) for x in OFFICE]
        created = wave_times(rng, W, size, rng.randint(2, 3), 3, 30, 4 * HOUR)
        n_cards = max(1, size // rng.randint(10, 30))
        cards = [W.pm(rng) for _ in range(n_cards)]
        self.tms = [Tmpl(rng, rng.uniform(5, 9), rng.choice(("writing", "writing", "analysis")),
                         (lognorm(rng, 300, .5), .6), (lognorm(rng, 3400, .25), .45), cot=(1.5, 6))
                    for _ in range(rng.randint(5, 8))]
        self.sp = W.sysp(rng)
        self.uas = ["anthropic-typescript/" + TS_WT.pick(rng) for _ in range(2)]
        self.base = rng.choice(("claude-sonnet-4-5", "claude-opus-4-5"))
        self.pivot = W.R + int(rng.uniform(2, 4) * HOUR)
        self.hosts = hosting_addrs(rng, rng.choice(("digitalocean", "vultr", "linode", "aws")), self.cc, rng.randint(2, 5))
        self.members = []
        for i in range(size):
            a = W.account(rng, created[i], cards[i % n_cards], None, tier=1, err=.006)
            self.members.append((a, [W.key(rng)], TZ[self.cc].pick(rng), rng.random() < .6, self.uas[i % 2],
                                 rng.random() < .3, lognorm(rng, 6, .4)))
        self.accounts = [m[0] for m in self.members]
        W.campaign(self.kind, self.accounts)

    def addr(self, W, rng):
        if rng.random() < .7:
            return W.pools.vpn_addr(rng, self.cc, rng.choice(("m247", "datacamp")))
        return self.hosts[rng.randrange(len(self.hosts))]

    def run(self, W):
        rng = self.rng
        for a, keys, tz, stream, ua, rotate, per_day in self.members:
            rot_t = W.start + int(rng.random() * W.dur) if rotate else None
            busy = W.start
            warmed = set()
            for t in W.starts(rng, tz, self.curve, per_day, .8, None):
                if t < busy:
                    continue
                addr = self.addr(W, rng)
                if rot_t and t > rot_t and len(keys) == 1:
                    keys.append(W.key(rng))
                key = keys[-1]
                if key not in warmed and (len(keys) > 1 or a.created > W.start - 2 * DAY):
                    t = warmup(W, rng, a, key, t, addr, ua, self.base)
                warmed.add(key)
                for _ in range(1 + int(lognorm(rng, 5, .5))):
                    if t >= W.end:
                        break
                    model = W.NEW if t > self.pivot and rng.random() < .4 else self.base
                    if rng.random() < .1:
                        cat, h, inp, out, sp, cot = "chat", rng.getrandbits(64), int(lognorm(rng, 80, .8)), int(lognorm(rng, 300, .7)), None, W.cot(rng, "chat")
                    else:
                        tm = self.tms[rng.randrange(len(self.tms))]
                        cat, h, inp, out = tm.cat, tm.inst(rng), tm.inp_tokens(rng), min(8192, tm.out_tokens(rng))
                        sp = self.sp if rng.random() < .7 else None
                        cot = round(rng.betavariate(*tm.cot), 3)
                    done, st = W.send(rng, a, key, t, addr, ua, model, "messages", inp + (220 if sp else 0), out, stream,
                                      0, 1, False, cat, cot, h, sp)
                    t = done + int(lognorm(rng, 90, .6) * 1000)
                busy = t
