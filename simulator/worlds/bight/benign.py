"""The legitimate population: individuals of many kinds and the groups that look like fleets."""
import random

from .actors import (P, Unit, Human, AgentUser, Product, ModelPref, CASUAL, DEV, aged, worker_stream)
from .catalog import (COUNTRY_WT, TZ, GREETINGS, GREET_HASH, QUICKSTART_HASHES, BENIGN_MODEL_WT, CHEAP_MODEL_WT,
                      CODE_MODEL_WT, WORK, OFFICE, EVENING, STUDENT, FLAT, NIGHTOWL, ALWAYS, sdk_ua, individual_ua,
                      HTTP_UAS, FRAMEWORKS)
from .net import (Home, Mobile, Fixed, Vpn, Mix, personal_net, hosting_addrs, transit_addrs, resi_business_addrs,
                  UNIS, ZSCALER, _ip4, CLOUD_PROVIDERS, VPS_PROVIDERS)
from .rnd import WT, Tmpl, lognorm, poisson, flip, clamp
from .world import HOUR, DAY, MIN, Lim


def place(rng, wt=COUNTRY_WT):
    cc = wt.pick(rng)
    return cc, TZ[cc].pick(rng) if cc in TZ else 0


BIZ_COUNTRY_WT = WT([("US", 45), ("GB", 9), ("DE", 8), ("FR", 4), ("CA", 5), ("JP", 5), ("IN", 6), ("NL", 3),
                     ("AU", 3), ("SG", 3), ("SE", 2), ("IL", 2), ("KR", 2), ("BR", 3), ("ES", 2), ("CH", 2), ("PL", 2)])


# ------------------------------------------------------------------ individuals
def make_casual(W, rng, cc=None, tz=None, net=None, pay="new"):
    if cc is None:
        cc, tz = place(rng)
    if pay == "new":
        pay = W.pm(rng) if rng.random() < .62 else None
    org = W.org(rng) if rng.random() < .3 else None
    a = W.account(rng, aged(W, rng, 200, 1.0, 2), pay, org, tier=(1 if rng.random() < .8 else 2) if pay else 0, err=.012)
    keys = [W.key(rng) for _ in range(1 + (rng.random() < .25))]
    net = net or personal_net(W, rng, cc)
    prof = CASUAL
    ua = individual_ua(rng)
    if ua.startswith("SillyTavern"):
        prof = CASUAL.but(new_conv=.04, req=(12, .6), cats=WT([("chat", 70), ("writing", 30)]), gap=50)
    elif ua.startswith(("LibreChat", "open-webui", "TypingMind", "chatbox", "LobeChat", "Msty", "BoltAI", "Jan")):
        prof = CASUAL.but(new_conv=.12, stream_p=.97, req=(5, .8))
    mp = ModelPref(W, rng, ea_p=.12)
    return Human(W, rng, a, keys, net, cc, tz, prof, ua, mp)


def make_dev(W, rng, net=None, cc=None, tz=None):
    if cc is None:
        cc, tz = place(rng, BIZ_COUNTRY_WT if rng.random() < .5 else COUNTRY_WT)
    pay = W.pm(rng) if rng.random() < .9 else None
    org = W.org(rng) if rng.random() < .55 else None
    a = W.account(rng, aged(W, rng, 330, .8, 5), pay, org, tier=rng.choice((1, 2, 2, 3)) if pay else 0, err=.02)
    keys = [W.key(rng) for _ in range(rng.choice((1, 1, 2, 3)))]
    if net is None:
        home = personal_net(W, rng, cc, mobile_mult=.5, vpn_p=.06)
        r = rng.random()
        if r < .12 and cc in ZSCALER[2]:  # corporate laptop behind a cloud proxy
            pool = W.pools.zscaler[cc]
            net = Mix([(Fixed(pool), .8), (home, .2)])
        elif r < .2:
            net = Mix([(Fixed(hosting_addrs(rng, rng.choice(VPS_PROVIDERS + CLOUD_PROVIDERS), cc, 1)), .4), (home, .6)])
        else:
            net = home
    ua = sdk_ua(rng) if rng.random() < .72 else (HTTP_UAS.pick(rng) if rng.random() < .5 else FRAMEWORKS.pick(rng))
    mp = ModelPref(W, rng, CODE_MODEL_WT if rng.random() < .6 else BENIGN_MODEL_WT, ea_p=.3, ea_med=1.2)
    return Human(W, rng, a, keys, net, cc, tz, DEV, ua, mp)


NEWBIE = CASUAL.but(per_day=(3, .6), req=(2.5, .7), greet_p=.3, stream_p=.3, think_p=.03, gap=60,
                    cats=WT([("chat", 55), ("writing", 12), ("coding", 15), ("analysis", 6), ("reasoning", 5), ("other", 7)]))
RETIRED = ("claude-3-opus-20240229", "claude-3-sonnet-20240229", "claude-2.1", "claude-instant-1.2", "claude-3-haiku")


class Newbie(Human):
    """A new sign-up trying the API: greetings first, some errors, then a few real prompts."""

    def __init__(self, W, rng):
        cc, tz = place(rng)
        curve = EVENING if rng.random() < .6 else WORK
        per_day = lognorm(rng, 3, .6)
        starts = W.starts(rng, tz, curve, per_day, 1.0, cc)
        if rng.random() < .4:
            created = starts[0] - int(lognorm(rng, 7, .8) * MIN) - 20000
        else:
            created = W.start - int(rng.uniform(.05, 9) * DAY)
        pay = W.pm(rng) if rng.random() < .15 else None
        a = W.account(rng, created, pay, None, tier=1 if pay else 0, err=.05)
        r = rng.random()
        self.ua0 = HTTP_UAS.pick(rng) if r < .35 else sdk_ua(rng, "py" if r < .8 else "ts")
        ua = self.ua0 if not self.ua0.startswith(("curl", "Postman", "insomnia")) else sdk_ua(rng, "py")
        mp = ModelPref(W, rng, ea_p=.08)
        super().__init__(W, rng, a, [W.key(rng)], personal_net(W, rng, cc), cc, tz, NEWBIE, ua, mp)
        self.starts = starts[1:]
        self.extra = [(starts[0], self.warmup)]

    def warmup(self, W, t):
        rng = self.rng
        a = self.a
        addr = self.net.session(rng, t)
        key = self.keys[0]
        for i in range(1 + poisson(rng, .9)):
            if t >= W.end:
                return t
            if rng.random() < .3:
                h = QUICKSTART_HASHES[rng.randrange(4)]
                utok = rng.randint(9, 30)
            else:
                h = GREET_HASH[GREETINGS.pick(rng)]
                utok = rng.randint(3, 9)
            r = rng.random()
            model = RETIRED[rng.randrange(len(RETIRED))] if r < .08 else (
                "claude-sonnet-4-5" if r < .6 else "claude-haiku-4-5" if r < .75 else self.mp.pick(rng, t, W.NEW))
            done, st = W.send(rng, a, key, t, addr, self.ua0, model, "messages", utok, rng.randint(9, 60),
                              False, 0, 1, False, "chat", round(rng.random() * .05, 3), h, None, err=.12, retries=0)
            t = done + int(lognorm(rng, 25, 1.0) * 1000)
        return self.session(W, t, addr=addr, n=1 + poisson(rng, 2))


# ------------------------------------------------------------------ plugins & integrations (bring your own key)
PLUGIN_SPECS = [
    # name, ua, cat mix, curve, inp, out, templates, spread, cheap model, stream, popularity, burst, gap s
    ("inkwell-notes", (("writing", 5), ("analysis", 4), ("chat", 1)), EVENING, (900, .9), (350, .7), 5, (3, 7), .6, True, 30, 2.5, 120),
    ("mailmate-ai", (("writing", 9), ("chat", 1)), OFFICE, (600, .8), (220, .6), 4, (3, 6), .5, True, 24, 3, 200),
    ("gridsmart", (("analysis", 7), ("coding", 3)), OFFICE, (420, .7), (120, .7), 3, (2, 5), .7, False, 12, 3, 90),
    ("aicommits", (("coding", 1),), WORK, (1500, 1.0), (40, .5), 1, (4, 6), .8, False, 16, 2, 600),
    ("polyglot-ext", (("writing", 8), ("other", 2)), EVENING, (300, .9), (320, .9), 2, (5, 8), .7, True, 14, 4, 60),
    ("scholar-lens", (("analysis", 8), ("reasoning", 2)), WORK, (9000, .6), (700, .5), 3, (4, 8), .2, True, 9, 2, 400),
    ("voicepad", (("writing", 1),), ALWAYS, (450, .8), (380, .7), 2, (5, 9), .8, False, 7, 3, 240),
]


class Plugin:
    def __init__(self, W, rng, spec):
        (self.name, cats, self.curve, inp, out, nt, spread, self.cheap, self.stream, self.pop, self.burst,
         self.gap) = spec
        cw = WT(cats)
        self.templates = []
        for i in range(nt):
            cat = cw.pick(rng)
            tm = Tmpl(rng, rng.uniform(*spread), cat, (inp[0] * rng.uniform(.6, 1.5), inp[1]), (out[0] * rng.uniform(.6, 1.5), out[1]))
            self.templates.append((tm, W.sysp(rng), rng.uniform(1, 5)))
        self.tw = WT([((tm, sp), w) for tm, sp, w in self.templates])
        major = rng.randint(1, 4)
        minor = rng.randint(2, 12)
        self.versions = WT([("%s/%d.%d.%d" % (self.name, major, minor - k, rng.randint(0, 9)), w)
                            for k, w in enumerate((60, 25, 10, 5)) if minor - k >= 0])
        self.default = CHEAP_MODEL_WT.pick(rng) if rng.random() < self.cheap else "claude-sonnet-4-5"
        self.tools = rng.choice((0, 0, 0, 1))


class PluginUser(Unit):
    def __init__(self, W, rng, plugin):
        self.rng = rng
        cc, tz = place(rng)
        self.cc, self.tz = cc, tz
        pay = W.pm(rng) if rng.random() < .7 else None
        self.a = W.account(rng, aged(W, rng, 150, 1.0, 1), pay, None, tier=1 if pay else 0, err=.006)
        self.accounts = [self.a]
        self.key = W.key(rng)
        self.net = personal_net(W, rng, cc)
        self.pl = plugin
        self.ua = plugin.versions.pick(rng)
        self.model = plugin.default if rng.random() < .75 else BENIGN_MODEL_WT.pick(rng)
        self.mp = ModelPref(W, rng, ea_p=.05)
        self.per_day = lognorm(rng, 2.0, .7)

    def run(self, W):
        rng = self.rng
        pl = self.pl
        busy = W.start
        for t in W.starts(rng, self.tz, pl.curve, self.per_day, .6 if pl.curve is OFFICE else 1.0, self.cc):
            if t < busy:
                continue
            addr = self.net.session(rng, t)
            for _ in range(1 + int(lognorm(rng, pl.burst, .8))):
                if t >= W.end:
                    break
                tm, sp = pl.tw.pick(rng)
                model = self.model if self.mp.ea is None or t < self.mp.ea else self.mp.pick(rng, t, W.NEW)
                done, st = W.send(rng, self.a, self.key, t, addr, self.ua, model, "messages", tm.inp_tokens(rng),
                                  tm.out_tokens(rng), pl.stream, pl.tools, 1, False, tm.cat, W.cot(rng, tm.cat),
                                  tm.inst(rng), sp)
                t = done + int(lognorm(rng, pl.gap, 1.0) * 1000)
            busy = t


CRON_SPECS = [
    # name, ua, cat, intervals (min), items mean, inp, out, host, tools
    ("feedbrief", "feedbrief/2.3.0", "analysis", (15, 30, 60), 1.5, (2500, .6), (220, .5), "vps", 0),
    ("uptime-narrator", "python-httpx/0.28.1", "analysis", (5, 10, 15), .2, (800, .4), (90, .4), "home", 0),
    ("ticket-triage", "anthropic-python/0.72.1", "other", (5, 10, 15), 1.2, (1800, .7), (60, .5), "vps", 1),
    ("relayflow", "relayflow-worker/3.12.4", "writing", (15, 30, 60), .8, (1200, .8), (300, .6), "saas", 0),
    ("standup-digest", "anthropic-typescript/0.68.0", "writing", (60,), 2.0, (3000, .7), (350, .5), "vps", 0),
]


class CronIntegration:
    def __init__(self, W, rng, spec):
        (self.name, self.ua, self.cat, self.intervals, self.items, inp, out, self.host, self.tools) = spec
        self.tm = Tmpl(rng, rng.uniform(2, 4), self.cat, inp, out)
        self.sp = W.sysp(rng)
        self.model = CHEAP_MODEL_WT.pick(rng)
        self.saas = Fixed(hosting_addrs(rng, "aws", "US", rng.randint(8, 20)) + hosting_addrs(rng, "gcp", "NL", 6))


class CronUser(Unit):
    """A scheduled job: wall-clock aligned, machine-regular timing, tiny prompt variation."""

    def __init__(self, W, rng, integ):
        self.rng = rng
        cc, tz = place(rng, BIZ_COUNTRY_WT)
        pay = W.pm(rng) if rng.random() < .85 else None
        self.a = W.account(rng, aged(W, rng, 250, .8, 3), pay, None, tier=1 if pay else 0, err=.002)
        self.accounts = [self.a]
        self.key = W.key(rng)
        self.it = integ
        host = integ.host if rng.random() < .8 else rng.choice(("vps", "home"))
        if host == "vps":
            self.net = Fixed(hosting_addrs(rng, rng.choice(VPS_PROVIDERS), cc, 1))
        elif host == "home":
            self.net = Home(W, rng, cc)
        else:
            self.net = integ.saas
        self.interval = rng.choice(integ.intervals) * MIN
        self.offset = 0 if rng.random() < .7 else rng.randrange(self.interval // 1000) * 1000
        self.jitter = int(rng.uniform(30, 2500))
        self.model = integ.model if rng.random() < .8 else BENIGN_MODEL_WT.pick(rng)
        self.my = Tmpl(rng, 1.5, integ.cat, integ.tm.inp, integ.tm.out)
        self.my.base = flip(rng, integ.tm.base, rng.randint(0, 3))  # user's own tweak of the stock prompt

    def run(self, W):
        rng = self.rng
        it = self.it
        I = self.interval
        fire = (W.start - self.offset) // I * I + I + self.offset
        down0 = W.start + int(rng.random() * W.dur) if rng.random() < .06 else None
        down1 = down0 + int(lognorm(rng, 1.5, .7) * HOUR) if down0 else None
        while fire < W.end:
            if not (down0 and down0 <= fire < down1) and rng.random() > .01:
                t = fire + self.jitter + rng.randint(0, 300)
                addr = self.net.session(rng, t)
                for _ in range(1 + poisson(rng, it.items)):
                    done, st = W.send(rng, self.a, self.key, t, addr, it.ua, self.model, "messages",
                                      self.my.inp_tokens(rng), self.my.out_tokens(rng), False, it.tools, 1, False,
                                      it.cat, W.cot(rng, it.cat), self.my.inst(rng), it.sp, retries=2)
                    t = done + rng.randint(40, 400)
            fire += I


# ------------------------------------------------------------------ teams
TEAM = DEV.but(curve=OFFICE, weekend=.15, per_day=(2.2, .6), req=(4, .8), script_p=.04, tmpl_p=.55, sys_p=.6,
               cats=WT([("writing", 25), ("analysis", 25), ("coding", 20), ("chat", 15), ("other", 10), ("reasoning", 5)]))


class CIBot(Unit):
    """Code-review bot in CI: a fresh cloud runner per job, same prompt shape, office-hours bursts."""

    def __init__(self, W, rng, a, cc, tz, sp):
        self.rng = rng
        self.a = a
        self.accounts = [a]
        self.cc, self.tz = cc, tz
        self.key = W.key(rng)
        self.sp = sp
        self.tm = Tmpl(rng, rng.uniform(4, 8), "coding", (9000, 1.0), (700, .6))
        self.ua = sdk_ua(rng, "py" if rng.random() < .6 else "ts")
        self.model = rng.choice(("claude-sonnet-4-5", "claude-sonnet-4-5", "claude-opus-4-5", "claude-haiku-4-5"))
        self.per_day = lognorm(rng, 25, .6)

    def run(self, W):
        rng = self.rng
        for t in W.starts(rng, self.tz, OFFICE, self.per_day, .1, self.cc, force=False):
            addr = hosting_addrs(rng, "azure", "US", 1)[0]
            for _ in range(1 + poisson(rng, .7)):
                done, st = W.send(rng, self.a, self.key, t, addr, self.ua, self.model, "messages", self.tm.inp_tokens(rng),
                                  self.tm.out_tokens(rng), False, 0, 1, False, "coding", W.cot(rng, "coding"),
                                  self.tm.inst(rng), self.sp, retries=2)
                t = done + rng.randint(200, 3000)


def build_team(W, rng, size, products):
    org = W.org(rng)
    pay = W.pm(rng)
    cc, tz = place(rng, BIZ_COUNTRY_WT)
    lim = Lim(rng.choice((2, 3, 3, 4)))
    r = rng.random()
    if r < .55:
        office = Fixed(resi_business_addrs(rng, cc, rng.randint(1, 3)))
    elif r < .8 or cc not in ZSCALER[2]:
        office = Fixed(transit_addrs(rng, cc, rng.randint(1, 4)))
    else:
        pool = W.pools.zscaler[cc]
        office = Fixed(rng.sample(pool, min(len(pool), 8)))
    sps = [W.sysp(rng) for _ in range(rng.randint(1, 3))]
    templates = []
    for j in range(rng.randint(2, 5)):
        cat = rng.choice(("writing", "analysis", "analysis", "coding", "other"))
        templates.append((Tmpl(rng, rng.uniform(3, 8), cat, (lognorm(rng, 700, .8), .6), (lognorm(rng, 400, .6), .6)), sps[j % len(sps)]))
    t_created = aged(W, rng, 320, .7, 20)
    team_cli = products[0]
    units = []
    accts = []
    for m in range(size):
        mr = random.Random(rng.getrandbits(64))
        created = min(W.start - HOUR, t_created + int(mr.random() ** 2 * (W.start - t_created)))
        a = W.account(mr, created, pay, org, lim=lim, err=.01)
        accts.append(a)
        home = personal_net(W, mr, cc, mobile_mult=.4, vpn_p=.03)
        net = home if mr.random() < .25 else Mix([(office, .75), (home, .25)])
        keys = [W.key(mr)]
        if mr.random() < .5:
            prod = team_cli if mr.random() < .65 else products[mr.randrange(len(products))]
            mp = ModelPref(W, mr, CODE_MODEL_WT, ea_p=.25)
            units.append(AgentUser(W, mr, a, keys, net, cc, tz, prod, mp, curve=OFFICE, weekend=.15))
        else:
            mp = ModelPref(W, mr, BENIGN_MODEL_WT, ea_p=.1)
            units.append(Human(W, mr, a, keys, net, cc, tz, TEAM, sdk_ua(mr) if mr.random() < .7 else
                               "%s-internal/1.%d" % (org[4:9], mr.randint(0, 9)), mp, templates=templates, sps=sps))
    if size >= 4 and rng.random() < .35:
        a = W.account(rng, aged(W, rng, 120, .6, 5), pay, org, lim=lim, err=.003)
        accts.append(a)
        units.append(CIBot(W, rng, a, cc, tz, sps[0]))
    W.group("team", accts)
    return units


# ------------------------------------------------------------------ enterprise batch
class Enterprise(Unit):
    """Service accounts of one org: steady templated pipelines plus scheduled batches, 24/7."""

    def __init__(self, W, rng, n_acc):
        self.rng = rng
        cc, tz = place(rng, WT([("US", 50), ("GB", 10), ("DE", 10), ("JP", 8), ("FR", 6), ("IN", 6), ("CA", 5), ("AU", 5)]))
        self.cc, self.tz = cc, tz
        org = W.org(rng)
        pay = W.pm(rng)
        cloud = rng.choice(CLOUD_PROVIDERS)
        region = cc if rng.random() < .6 else "US"
        self.addrs = hosting_addrs(rng, cloud, region, rng.randint(2, 4))
        self.jobs = []
        self.accounts = []
        for i in range(n_acc):
            a = W.account(rng, aged(W, rng, 400, .5, 60), pay, org, tier=5, err=.002)
            self.accounts.append(a)
            keys = [W.key(rng) for _ in range(rng.randint(2, 4))]
            ua = sdk_ua(rng, rng.choice(("py", "py", "java", "go", "ts")))
            for j in range(rng.choice((1, 1, 2))):
                kind = "batch" if rng.random() < .3 else "pipe"
                cat = rng.choice(("analysis", "other", "writing", "analysis", "other"))
                tm = Tmpl(rng, rng.uniform(2, 6), cat, (lognorm(rng, 1800, .7), .6), (lognorm(rng, 120, .8), .6))
                model = CHEAP_MODEL_WT.pick(rng) if rng.random() < .65 else "claude-sonnet-4-5"
                self.jobs.append((kind, a, keys[j % len(keys)], ua, tm, W.sysp(rng), model, rng.choice((0, 0, 1))))
        W.group("enterprise", self.accounts)

    def run(self, W):
        rng = self.rng
        for kind, a, key, ua, tm, sp, model, tools in self.jobs:
            cot0 = rng.uniform(.01, .08)
            if kind == "pipe":
                base = lognorm(rng, 110, .7)
                conc = rng.randint(2, 8)
                tz = self.tz

                def rate(t, base=base, conc=conc, tz=tz):
                    return base / conc * FLAT[int((t / HOUR + tz) % 24)]

                def req(t, tm=tm, model=model, sp=sp, tools=tools, cot0=cot0):
                    return (model, "messages", tm.inp_tokens(rng), tm.out_tokens(rng), False, tools, 1, False, tm.cat,
                            round(clamp(rng.gauss(cot0, .02), 0, 1), 3), tm.inst(rng), sp)
                worker_stream(W, rng, a, key, lambda t: self.addrs[rng.randrange(len(self.addrs))], ua, W.start, W.end,
                              rate, req, conc=conc, retries=4)
            else:
                period = rng.choice((1, 2, 4, 6)) * HOUR
                phase = rng.randrange(period // MIN) * MIN
                sub = (W.start - 2 * HOUR) // period * period + phase
                while sub < W.end:
                    m = int(lognorm(rng, 400, .8)) + 20
                    q = lognorm(rng, 20, .8) * MIN
                    span = lognorm(rng, 12, .6) * MIN
                    addr = self.addrs[rng.randrange(len(self.addrs))]
                    for i in range(m):
                        ts = int(sub + q + rng.random() * span)
                        ok = rng.random() > .004
                        W.emit(rng, a, key, ts, addr, ua, model, "batch", 200 if ok else 400, tm.inp_tokens(rng),
                               tm.out_tokens(rng) if ok else 0, ts - sub, False, tools, 1, False, tm.cat,
                               round(clamp(rng.gauss(cot0, .02), 0, 1), 3), tm.inst(rng), sp)
                    sub += period


# ------------------------------------------------------------------ course cohorts
STUDENT_P = CASUAL.but(curve=STUDENT, weekend=1.1, per_day=(1.6, .6), req=(5, .7), gap=70, tmpl_p=.6, sys_p=.1,
                       greet_p=.05, stream_p=.3, cot_habit=.2,
                       cats=WT([("coding", 35), ("reasoning", 25), ("chat", 15), ("writing", 10), ("analysis", 15)]))


def build_course(W, rng, size):
    uni = rng.choice(UNIS)
    name, asn, cc, (o1, o2) = uni
    tz = TZ[cc].pick(rng)
    campus = Fixed([("%d.%d.%d.%d" % (o1, o2, rng.randrange(256), rng.randint(1, 254)), asn, cc) for _ in range(rng.randint(3, 10))])
    dorm = Fixed([("%d.%d.%d.%d" % (o1, o2, rng.randrange(256), rng.randint(1, 254)), asn, cc) for _ in range(rng.randint(2, 5))])
    start_course = W.start - int(rng.uniform(10, 60) * DAY)
    starter_sp = W.sysp(rng) if rng.random() < .5 else None
    templates = []
    for j in range(rng.randint(2, 4)):
        cat = rng.choice(("reasoning", "coding", "coding", "analysis"))
        templates.append((Tmpl(rng, rng.uniform(4, 8), cat, (lognorm(rng, 500, .6), .6), (lognorm(rng, 800, .5), .6),
                               cot=(rng.uniform(4, 8), rng.uniform(1.8, 3.5))), starter_sp))
    starter_ua = "anthropic-python/" + rng.choice(("0.64.0", "0.69.0", "0.71.0", "0.74.1", "0.75.2"))
    model = rng.choice(("claude-haiku-4-5", "claude-haiku-4-5", "claude-sonnet-4-5", "claude-3-5-haiku-20241022"))
    # a lab session and/or a deadline may fall in (or just after) the window
    lab = None
    if rng.random() < .55:
        d0 = (W.start + int(tz * HOUR)) // DAY * DAY - int(tz * HOUR)  # local midnight of first day
        for dd in range(0, int(W.dur // DAY) + 2):
            s = d0 + dd * DAY + rng.choice((9, 10, 13, 14, 15, 16)) * HOUR
            if W.start <= s < W.end - HOUR:
                lab = (s, s + rng.choice((90, 120, 180)) * MIN)
                break
    deadline = None
    if rng.random() < .6:
        deadline = W.start + int(rng.uniform(.2, 1.3) * W.dur)
    units = []
    accts = []
    for i in range(size):
        sr = random.Random(rng.getrandbits(64))
        if sr.random() < .8:
            created = start_course + int(lognorm(sr, .6, 1.0) * DAY)
            created = min(created, W.start - HOUR)
            pay = None
            tier = 0
        else:
            created = aged(W, sr, 300, .8, 30)
            pay = W.pm(sr) if sr.random() < .6 else None
            tier = 1 if pay else 0
        a = W.account(sr, created, pay, None, tier=tier, err=.03)
        accts.append(a)
        home = personal_net(W, sr, cc, mobile_mult=1.5, vpn_p=.04)
        on_campus = sr.random()
        net = Mix([(dorm, .5), (campus, .3), (home, .2)]) if on_campus < .45 else Mix([(campus, .35), (home, .65)])
        ua = starter_ua if sr.random() < .75 else sdk_ua(sr)
        mp = ModelPref(W, sr, WT([(model, 80), ("claude-sonnet-4-5", 15), ("claude-opus-4-5", 5)]), ea_p=.05, alt_max=.15)
        h = Human(W, sr, a, [W.key(sr)], net, cc, tz, STUDENT_P, ua, mp, templates=templates, sps=[starter_sp or W.sysp(sr)])
        if lab and sr.random() < .75:
            t_in = lab[0] + int(sr.uniform(0, 25) * MIN)

            def lab_session(W, t, h=h, lab=lab):
                return h.session(W, t, n=min(40, 3 + int(lognorm(h.rng, 8, .6))), addr=campus.session(h.rng, t),
                                 tmpl_p=.85, gap=120)
            h.extra.append((t_in, lab_session))
        if deadline:
            procrast = sr.random()
            if procrast < .6:
                for t in W.starts(sr, tz, ALWAYS, 4 + 10 * procrast, 1.0, None, force=False, t0=deadline - 8 * HOUR, t1=deadline):
                    h.extra.append((t, None))
        units.append(h)
    W.group("course", accts)
    return units


# ------------------------------------------------------------------ benchmark researchers
SUITE_KINDS = [
    # cat, cot beta, inp, out, spread, think-able, tools
    ("reasoning", (8, 2), (220, .4), (750, .6), (2, 5), True, 0),
    ("reasoning", (6, 2.5), (400, .5), (1400, .6), (2, 5), True, 0),
    ("coding", (1.5, 6), (450, .5), (650, .7), (3, 6), True, 0),
    ("analysis", (2, 6), (380, .4), (60, .8), (1, 4), False, 0),
    ("analysis", (6, 2), (380, .4), (500, .6), (1, 4), True, 0),
    ("tool_use", (1.2, 10), (5200, .7), (220, .8), (3, 6), False, 9),
    ("writing", (1.2, 10), (300, .5), (900, .5), (3, 6), False, 0),
]


class Suite:
    def __init__(self, rng):
        k = SUITE_KINDS[rng.randrange(len(SUITE_KINDS))]
        self.cat, self.cot, inp, out, spread, self.thinkable, tools = k
        self.tools = rng.randint(tools, tools * 2) if tools else 0
        self.tm = Tmpl(rng, rng.uniform(*spread), self.cat, inp, out)
        self.n = int(clamp(lognorm(rng, 260, .8), 40, 2000))
        self.seed = rng.getrandbits(48)
        self.sp = None if rng.random() < .5 else "%016x" % rng.getrandbits(64)
        self._items = None

    def items(self):
        if self._items is None:
            r = random.Random(self.seed)
            self._items = [(self.tm.inst(r), self.tm.inp_tokens(r)) for _ in range(self.n)]
        return self._items


class Researcher(Unit):
    def __init__(self, W, rng, a, key, net, cc, tz, suites, ua):
        self.rng = rng
        self.a = a
        self.accounts = [a]
        self.key = key
        self.net = net
        self.cc, self.tz = cc, tz
        self.suites = suites
        self.ua = ua
        self.ea = rng.random() < .75
        self.models = [CODE_MODEL_WT.pick(rng) for _ in range(3)]

    def run(self, W):
        rng = self.rng
        plans = []
        for t in W.starts(rng, self.tz, WORK, lognorm(rng, 1.3, .6), .4, self.cc, force=False):
            plans.append((t, self.models[rng.randrange(3)]))
        if rng.random() < .3:  # launched before leaving for the night
            lt = W.starts(rng, self.tz, NIGHTOWL, 1.5, 1.0, None, force=True)
            plans.append((lt[0], self.models[0]))
        if self.ea and W.R < W.end:
            plans.append((W.R + int(lognorm(rng, .8, .6) * HOUR), W.NEW))
        if not plans:
            plans.append((W.start + int(rng.random() * W.dur), self.models[0]))
        plans.sort()
        for t0, model in plans:
            if t0 >= W.end:
                continue
            self.run_suite(W, t0, self.suites[rng.randrange(len(self.suites))], model)

    def run_suite(self, W, t0, suite, model):
        rng = self.rng
        addr = self.net.session(rng, t0)
        conc = rng.choice((4, 8, 8, 16, 16, 32))
        items = suite.items()
        if rng.random() < .35:
            items = items[:max(20, len(items) // rng.choice((2, 4, 10)))]
        think = suite.thinkable and rng.random() < .4
        maxtok = rng.choice((4096, 8192, 16000, 32000))
        for w in range(conc):
            t = t0 + rng.randint(0, 2000)
            for i in range(w, len(items), conc):
                if t >= W.end:
                    break
                h, inp = items[i]
                out = suite.tm.out_tokens(rng)
                if think:
                    out += int(lognorm(rng, 2200, .8))
                done, st = W.send(rng, self.a, self.key, t, addr, self.ua, model, "messages", inp, min(out, maxtok),
                                  False, suite.tools, 1, think, suite.cat,
                                  round(clamp(rng.betavariate(*suite.cot), 0, 1), 3), h, suite.sp, retries=6, patience=1.5)
                t = done + rng.randint(5, 400)


def build_lab(W, rng, size):
    cc, tz = place(rng, WT([("US", 45), ("GB", 10), ("CH", 5), ("DE", 7), ("CA", 7), ("JP", 5), ("KR", 5), ("SG", 4),
                            ("IL", 4), ("FR", 4), ("IN", 4)]))
    unis = [u for u in UNIS if u[2] == cc]
    if unis and rng.random() < .55:
        name, asn, ucc, (o1, o2) = rng.choice(unis)
        net = Fixed([("%d.%d.%d.%d" % (o1, o2, rng.randrange(256), rng.randint(1, 254)), asn, ucc) for _ in range(rng.randint(1, 4))])
    else:
        net = Fixed(hosting_addrs(rng, rng.choice(("aws", "gcp", "gcp", "azure", "oracle")), cc, rng.randint(1, 6)))
    org = W.org(rng) if size > 1 or rng.random() < .5 else None
    pay = W.pm(rng)
    suites = [Suite(rng) for _ in range(rng.randint(2, 5))]
    ua = rng.choice(("anthropic-python/", "anthropic-python/", "inspect_ai/0.3.%d anthropic-python/" % rng.randint(120, 140),
                     "lm-eval/0.4.%d anthropic-python/" % rng.randint(5, 9))) + rng.choice(("0.69.0", "0.72.1", "0.74.1", "0.75.2", "0.76.0"))
    units = []
    for i in range(size):
        a = W.account(rng, aged(W, rng, 300, .7, 10), pay if org or i == 0 else W.pm(rng), org, tier=rng.choice((2, 3, 4)), err=.004)
        units.append(Researcher(W, rng, a, W.key(rng), net, cc, tz, suites, ua))
    W.group("research_lab", [u.a for u in units])
    return units


# ------------------------------------------------------------------ platforms (one org pays for many customer accounts)
class Platform(Unit):
    def __init__(self, W, rng, size):
        self.rng = rng
        cc, tz = place(rng, BIZ_COUNTRY_WT)
        org = W.org(rng)
        pay = W.pm(rng)
        cloud = rng.choice(CLOUD_PROVIDERS + ("digitalocean",))
        addrs = hosting_addrs(rng, cloud, cc, rng.randint(3, 10))
        if rng.random() < .4:
            addrs += hosting_addrs(rng, cloud, rng.choice(("US", "DE", "SG", "IE")), rng.randint(2, 6))
        self.addrs = addrs
        self.ua = sdk_ua(rng, rng.choice(("py", "ts", "ts", "go")))
        self.features = []
        for j in range(rng.randint(3, 6)):
            cat = rng.choice(("chat", "writing", "analysis", "coding", "tool_use", "other", "writing"))
            tm = Tmpl(rng, rng.uniform(6, 12), cat, (lognorm(rng, 900, .8), .8), (lognorm(rng, 380, .6), .7))
            tools = rng.randint(2, 8) if cat == "tool_use" else 0
            model = CHEAP_MODEL_WT.pick(rng) if rng.random() < .45 else "claude-sonnet-4-5"
            self.features.append((tm, W.sysp(rng), tools, model, rng.uniform(1, 4)))
        self.fw = WT([(f, f[4]) for f in self.features])
        self.customers = []
        onboard = aged(W, rng, 500, .4, 90)
        for i in range(size):
            created = onboard + int(rng.random() ** .7 * (W.start - onboard - DAY))
            a = W.account(rng, created, pay, org, tier=2, err=.004)
            ccc, ctz = place(rng, BIZ_COUNTRY_WT)
            self.customers.append((a, W.key(rng), ccc, ctz, lognorm(rng, 14, 1.0)))
        self.accounts = [c[0] for c in self.customers]
        self.new_at = W.R + int(lognorm(rng, 6, .5) * HOUR) if rng.random() < .3 else None
        W.group("platform", self.accounts)

    def run(self, W):
        rng = self.rng
        for a, key, ccc, ctz, per_day in self.customers:
            for t in W.starts(rng, ctz, OFFICE, per_day, .3, ccc):
                tm, sp, tools, model, _ = self.fw.pick(rng)
                if self.new_at and t > self.new_at and model == "claude-sonnet-4-5":
                    model = W.NEW
                addr = self.addrs[rng.randrange(len(self.addrs))]
                h = tm.inst(rng)
                ctx = tm.inp_tokens(rng)
                turns = 1
                for k in range(1 + poisson(rng, .8)):
                    out = tm.out_tokens(rng)
                    done, st = W.send(rng, a, key, t, addr, self.ua, model, "messages", ctx, out, True, tools, turns,
                                      False, tm.cat, W.cot(rng, tm.cat), h, sp, retries=2)
                    t = done + int(lognorm(rng, 40, .9) * 1000)
                    turns += 2
                    ctx += out + int(lognorm(rng, 80, 1.0))
                    h = flip(rng, h, rng.randint(1, 3))
                    if t >= W.end:
                        break


# ------------------------------------------------------------------ cloud-hosted start-ups
class Startup(Unit):
    def __init__(self, W, rng, size):
        self.rng = rng
        cc, tz = place(rng, BIZ_COUNTRY_WT)
        self.cc, self.tz = cc, tz
        self.user_tz = tz if rng.random() < .7 else TZ["US"].pick(rng)
        org = W.org(rng)
        pay = W.pm(rng)
        self.addrs = hosting_addrs(rng, rng.choice(CLOUD_PROVIDERS + VPS_PROVIDERS[:2]), cc, rng.randint(1, 3))
        self.ua = sdk_ua(rng, rng.choice(("py", "ts")))
        self.feats = [(Tmpl(rng, rng.uniform(8, 14), rng.choice(("chat", "writing", "analysis", "coding")),
                            (lognorm(rng, 1500, .7), .8), (lognorm(rng, 400, .6), .7)), W.sysp(rng)) for _ in range(rng.randint(1, 3))]
        self.model = rng.choice(("claude-sonnet-4-5", "claude-haiku-4-5", "claude-sonnet-4-5-20250929", "claude-opus-4-5"))
        created = aged(W, rng, 200, .6, 20)
        self.prod = W.account(rng, created, pay, org, tier=rng.choice((3, 4)), err=.003)
        self.accounts = [self.prod]
        self.staging = None
        self.devs = []
        if size >= 2:
            self.staging = W.account(rng, created + int(rng.random() * 30 * DAY), pay, org, tier=2, err=.01)
            self.accounts.append(self.staging)
        office = Fixed(resi_business_addrs(rng, cc, 1))
        for i in range(max(0, size - 2)):
            h = make_dev(W, random.Random(rng.getrandbits(64)), net=None, cc=cc, tz=tz)
            h.a.org = org
            h.a.pay = pay
            h.net = Mix([(office, .6), (h.net, .4)])
            self.devs.append(h)
            self.accounts.append(h.a)
        self.per_day = lognorm(rng, 250, .8)
        self.new_at = W.R + int(lognorm(rng, 2, .8) * HOUR) if rng.random() < .35 else None
        W.group("startup", self.accounts)

    def run(self, W):
        rng = self.rng
        key = W.key(rng)
        for t in W.starts(rng, self.user_tz, FLAT, self.per_day, .9, None, slot=15 * MIN):
            tm, sp = self.feats[rng.randrange(len(self.feats))]
            model = W.NEW if self.new_at and t > self.new_at and rng.random() < .5 else self.model
            h = tm.inst(rng)
            ctx = tm.inp_tokens(rng)
            turns = 1
            for k in range(1 + poisson(rng, 1.0)):
                out = tm.out_tokens(rng)
                done, st = W.send(rng, self.prod, key, t, self.addrs[rng.randrange(len(self.addrs))], self.ua, model,
                                  "messages", ctx, out, True, 0, turns, False, tm.cat, W.cot(rng, tm.cat), h, sp)
                t = done + int(lognorm(rng, 35, .9) * 1000)
                turns += 2
                ctx += out + int(lognorm(rng, 60, 1.0))
                h = flip(rng, h, rng.randint(1, 3))
                if t >= W.end:
                    break
        if self.staging is not None:
            skey = W.key(rng)
            evals = [(tm.inst(rng), tm.inp_tokens(rng), tm, sp) for tm, sp in self.feats for _ in range(rng.randint(8, 30))]
            for t in W.starts(rng, self.tz, OFFICE, lognorm(rng, 3, .5), .1, self.cc, force=False):
                for h, inp, tm, sp in evals:
                    done, st = W.send(rng, self.staging, skey, t, self.addrs[0], self.ua, self.model, "messages", inp,
                                      tm.out_tokens(rng), False, 0, 1, False, tm.cat, W.cot(rng, tm.cat), h, sp)
                    t = done + rng.randint(20, 300)
        for d in self.devs:
            d.run(W)


# ------------------------------------------------------------------ heavy individuals
class PowerUser(Unit):
    """An individual running a long personal job (translating a book, summarising transcripts)."""

    def __init__(self, W, rng):
        self.rng = rng
        self.h = make_casual(W, rng, pay=W.pm(rng))
        self.h.a.lim = Lim(2)
        self.a = self.h.a
        self.accounts = [self.a]
        self.key = self.h.keys[0]
        cat = rng.choice(("writing", "writing", "analysis", "other"))
        self.tm = Tmpl(rng, rng.uniform(4, 9), cat, (lognorm(rng, 1600, .5), .4), (lognorm(rng, 1500, .5), .5))
        self.sp = W.sysp(rng) if rng.random() < .7 else None
        self.ua = sdk_ua(rng, "py")
        self.model = rng.choice(("claude-sonnet-4-5", "claude-opus-4-5", "claude-haiku-4-5", "claude-sonnet-4-5"))

    def run(self, W):
        rng = self.rng
        starts = W.starts(rng, self.h.tz, NIGHTOWL, 1.2, 1.0, None)
        t = starts[0]
        addr = self.h.net.session(rng, t)
        n = int(lognorm(rng, 120, .7)) + 10
        for i in range(n):
            if t >= W.end:
                break
            done, st = W.send(rng, self.a, self.key, t, addr, self.ua, self.model, "messages", self.tm.inp_tokens(rng),
                              min(8192, self.tm.out_tokens(rng)), False, 0, 1, False, self.tm.cat,
                              W.cot(rng, self.tm.cat), self.tm.inst(rng), self.sp, retries=5, patience=2)
            t = done + int(lognorm(rng, 3, 1.0) * 1000)
        self.h.run(W)


# ------------------------------------------------------------------ hackathons (a burst of brand-new credit accounts at one venue)
HACK = DEV.but(curve=ALWAYS, weekend=1.0, per_day=(9, .5), req=(6, .8), gap=40, script_p=.05, greet_p=.15)


def build_hackathon(W, rng, size):
    cc, tz = place(rng, BIZ_COUNTRY_WT)
    venue = Fixed(transit_addrs(rng, cc, rng.randint(1, 3)) if rng.random() < .6 else resi_business_addrs(rng, cc, 2))
    kickoff = W.start - int(rng.uniform(2, 30) * HOUR)
    finish = kickoff + rng.choice((24, 36, 48)) * HOUR
    units = []
    team_sp = None
    for i in range(size):
        r = random.Random(rng.getrandbits(64))
        if i % 3 == 0:
            team_sp = [W.sysp(rng)]
        fresh = r.random() < .7
        created = kickoff + int(lognorm(r, 25, .8) * MIN) if fresh else aged(W, r, 250, .8, 10)
        a = W.account(r, created, None if fresh or r.random() < .5 else W.pm(r), None, tier=1, err=.03)
        net = Mix([(venue, .85), (Mobile(W, cc), .15)])
        mp = ModelPref(W, r, CODE_MODEL_WT, ea_p=.5, ea_med=.8)
        h = Human(W, r, a, [W.key(r)], net, cc, tz, HACK, sdk_ua(r) if r.random() < .8 else FRAMEWORKS.pick(r), mp,
                  sps=team_sp)
        h.starts = W.starts(r, tz, ALWAYS, h.per_day, 1.0, None, force=True, t1=max(W.start + MIN, finish))
        units.append(h)
    W.group("hackathon", [u.a for u in units])
    return units
