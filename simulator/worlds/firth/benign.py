"""Benign population: ordinary users and legitimate look-alikes."""
import math
import random

from .behave import (DAY, P, age_created, agent_task, chat_session, geo, greeting, lognorm,
                     make_templates, py_ua, rand_mix, sdk_ua, sph_str, templ_call, ts_ua)
from .traffic import NEW_MODEL, flip

HOUR = 3600.0

SHARES = [  # kind, share of benign accounts
    ("free_tier_new", 0.11),
    ("team", 0.14),
    ("enterprise_batch", 0.0045),
    ("course_cohort", 0.035),
    ("benchmark_researcher", 0.012),
    ("ide_agent", 0.20),
    ("plugin_integration", 0.08),
    ("platform_reseller", 0.015),
    ("vpn_user", 0.04),
    ("cloud_startup", 0.04),
    ("agency_multi_account", 0.015),
    ("early_adopter_eval", 0.015),
    ("content_pipeline", 0.02),
]

BASE_MIX = [("chat", 30), ("coding", 30), ("reasoning", 8), ("writing", 12), ("analysis", 10),
            ("vision", 4), ("other", 4), ("tool_use", 2)]


class Builder:
    def __init__(self, W, seed):
        self.W = W
        self.net = W.net
        self.seed = seed
        self.kinds = {}  # group id -> kind

    def rng(self, name):
        return random.Random("firth:%d:benign:%s" % (self.seed, name))

    # ------------------------------------------------------------ helpers
    def home_ipf(self, rng, cc, v6=0.3, mobile=0.15, vpn=0.0, extra=None, extra_p=0.0):
        net = self.net
        home = net.resi_ip(rng, cc, v6=v6)

        def ipf(r, t):
            u = r.random()
            if u < mobile:
                return net.mobile_ip(r, cc)
            if u < mobile + vpn:
                return net.vpn_ip(r)
            if extra is not None and u < mobile + vpn + extra_p:
                return r.choice(extra)
            return home
        return ipf

    def early(self, rng, a, p_fast=0.12, p_slow=0.10):
        W = self.W
        u = rng.random()
        if u < p_fast:
            a.adopt = W.release + lognorm(rng, 1.2 * HOUR, 1.0)
            a.newshare = 0.3 + 0.6 * rng.random()
        elif u < p_fast + p_slow:
            a.adopt = W.release + lognorm(rng, 8 * HOUR, 0.8)
            a.newshare = 0.2 + 0.5 * rng.random()

    def ensure(self, rng, a, p, tmin=0.0):
        """Every benign account on the books shows up at least once in the window."""
        W = self.W
        tries = 0
        while a.n == 0 and tries < 12:
            t = tmin + rng.random() * max(30.0, W.T - 300 - tmin)
            chat_session(W, rng, a, p, t)
            tries += 1
        W.register(a)

    def group(self, gid, kind):
        self.kinds[gid] = kind
        return gid

    def person_profile(self, rng, ipf, mix=BASE_MIX, conc=1.0, sph_p=0.35):
        p = P(ipf=ipf, cot=rng.gauss(0, 0.05), think=rng.random() * 0.18,
              stream=rng.random(), slen=lognorm(rng, 4.0, 0.6), gap=lognorm(rng, 45, 0.5),
              tmpl=None, tmpl_p=0.0, tmpl_cot=None, newconv=0.1 + 0.2 * rng.random(), tools=0)
        p.set_mix(rand_mix(rng, mix, conc))
        if rng.random() < sph_p:
            own = sph_str(rng.getrandbits(64))
            p.set_sph([("null", 1.0), (own, 0.5 + 2 * rng.random())])
        else:
            p.set_sph([("null", 1.0)])
        if rng.random() < 0.15:
            p.tmpl = make_templates(rng, rng.randint(1, 2), 2, 8)
            p.tmpl_p = 0.1 + 0.3 * rng.random()
        if rng.random() < 0.12:
            p.tools = rng.randint(1, 6)
        return p

    # ------------------------------------------------------------ groups
    def individuals(self, n, gid="individual", kind="individual", vpn=False):
        W, rng, net = self.W, self.rng(gid), self.net
        self.group(gid, kind)
        for _ in range(n):
            cc = net.country(rng)
            tz = net.tz(rng, cc)
            pay = W.uid(rng, "pm_", 16) if rng.random() < 0.72 else None
            org = W.uid(rng, "org_", 12) if rng.random() < 0.12 else None
            rpm = rng.choices((50, 1000, 2000, 4000), (60, 28, 9, 3))[0]
            a = W.new_acct(rng, gid, age_created(rng, 250, 1.1, 2), org, pay, sdk_ua(rng), cc, tz, rpm)
            self.early(rng, a)
            if vpn:
                ipf = self.home_ipf(rng, cc, v6=0.1, mobile=0.05, vpn=0.85)
            else:
                ipf = self.home_ipf(rng, cc, v6=0.3, mobile=rng.random() * 0.3, vpn=0.02)
            p = self.person_profile(rng, ipf)
            shape = rng.choices(("dev", "office", "evening", "night"), (55, 25, 15, 5))[0]
            rate = lognorm(rng, 0.6, 1.0)
            W.sessions(rng, a, rate, shape, lambda r, a_, t: chat_session(W, r, a_, p, t))
            if rng.random() < 0.08:  # occasional small agent use
                ap = self.agent_profile(rng, ipf, "anthropic-python", None)
                W.sessions(rng, a, lognorm(rng, 0.1, 0.8), shape, lambda r, a_, t: agent_task(W, r, a_, ap, t))
            self.ensure(rng, a, p)

    def free_tier(self, n):
        W, rng, net = self.W, self.rng("free"), self.net
        gid = self.group("free_tier_new", "free_tier_new")
        cw = (["IN", "US", "BR", "ID", "NG", "PH", "GB", "VN", "MX", "DE", "KE", "TR", "FR", "PL"],
              [16, 22, 8, 6, 5, 5, 5, 4, 4, 4, 3, 3, 3, 2])
        for _ in range(n):
            cc = net.country(rng, cw)
            tz = net.tz(rng, cc)
            during = rng.random() < 0.35
            created = rng.random() * (W.T - 600) if during else -lognorm(rng, 1.5, 0.9) * DAY
            u = rng.random()
            ua = sdk_ua(rng, fresh=True) if u < 0.7 else ("curl/8.%d.0" % rng.randint(5, 17) if u < 0.85 else py_ua(rng, True))
            mods = [("claude-haiku-4-5", 40), ("claude-sonnet-4-5", 50), ("claude-opus-4-5", 10)]
            a = W.new_acct(rng, gid, created, None, None, ua, cc, tz, 5, mods=mods, free=True)
            a.credit = lognorm(rng, 45000, 0.9)
            self.early(rng, a, 0.05, 0.05)
            ipf = self.home_ipf(rng, cc, v6=0.15, mobile=0.35, vpn=0.04)
            p = self.person_profile(rng, ipf, [("chat", 40), ("coding", 25), ("writing", 15), ("reasoning", 8), ("analysis", 7), ("other", 5)], sph_p=0.1)
            p.slen = lognorm(rng, 3, 0.5)
            t0 = max(0.0, created + lognorm(rng, 240, 1.0))
            if created > -2 * DAY and t0 < W.T:
                ip = ipf(rng, t0)
                t = t0
                if rng.random() < 0.72:
                    t = greeting(W, rng, a, t0, ip) + lognorm(rng, 25, 0.8)
                    if rng.random() < 0.3:
                        t = greeting(W, rng, a, t, ip) + lognorm(rng, 20, 0.8)
                if rng.random() < 0.7:
                    t = chat_session(W, rng, a, p, t)
            W.sessions(rng, a, lognorm(rng, 0.15, 0.8), "dev", lambda r, a_, t: chat_session(W, r, a_, p, t), t0=max(0.0, t0))
            self.ensure(rng, a, p, max(0.0, created + 60))

    def agent_profile(self, rng, ipf, tool, asph, tools=(8, 20), side=None):
        p = P(ipf=ipf, tools=tools, asph=asph or "null", steps=lognorm(rng, 13, 0.5), ctx0=lognorm(rng, 14000, 0.4),
              think=rng.random() * 0.25, tool_share=0.55 + 0.3 * rng.random(), cot=rng.gauss(0, 0.02),
              gap=lognorm(rng, 3.0, 0.4), pause=0.05 + 0.1 * rng.random(), side_sph=side,
              count_tokens=tool in ("claude-code", "cline"))
        return p

    def teams(self, n):
        W, rng, net = self.W, self.rng("teams"), self.net
        gid = self.group("teams", "team")
        left = n
        while left > 0:
            size = min(left, max(3, int(lognorm(rng, 6, 0.7))), 40)
            if left - size < 3:
                size = left
            left -= size
            cc = net.country(rng)
            tz = net.tz(rng, cc)
            org = W.uid(rng, "org_", 12)
            card = W.uid(rng, "pm_", 16) if rng.random() < 0.8 else None
            nat = net.office_nat(rng, cc, rng.randint(1, 3))
            osph = [sph_str(rng.getrandbits(64)) for _ in range(rng.randint(1, 2))]
            tmpl = make_templates(rng, rng.randint(1, 4), 1, 7)
            ua_org = rng.choice((py_ua(rng), ts_ua(rng), sdk_ua(rng)))
            org_age = lognorm(rng, 300, 0.8) + 5
            rpm = rng.choice((1000, 2000, 4000))
            code_sph = sph_str(IDE_SPH["claude-code"][0])
            remote_share = rng.random() * 0.6
            for _ in range(size):
                pay = card if card else W.uid(rng, "pm_", 16)
                created = -rng.random() * org_age * DAY
                a = W.new_acct(rng, gid, created, org, pay, ua_org if rng.random() < 0.7 else sdk_ua(rng), cc, tz, rpm)
                self.early(rng, a)
                remote = rng.random() < remote_share
                ipf = self.home_ipf(rng, cc, v6=0.2, mobile=0.05, extra=nat, extra_p=0.15 if remote else 0.85)
                p = self.person_profile(rng, ipf, [("coding", 35), ("writing", 15), ("analysis", 20), ("chat", 20), ("reasoning", 5), ("tool_use", 5)], sph_p=0.0)
                p.set_sph([("null", 0.5)] + [(s, 1.0) for s in osph])
                p.tmpl, p.tmpl_p = tmpl, 0.2 + 0.3 * rng.random()
                rate = lognorm(rng, 0.7, 0.8)
                W.sessions(rng, a, rate, "office", lambda r, a_, t, p=p: chat_session(W, r, a_, p, t))
                if rng.random() < 0.3:
                    ap = self.agent_profile(rng, ipf, "claude-code", code_sph, (14, 24))
                    W.sessions(rng, a, lognorm(rng, 0.3, 0.6), "office", lambda r, a_, t, ap=ap: agent_task(W, r, a_, ap, t))
                self.ensure(rng, a, p)

    def enterprises(self, n):
        W, rng, net = self.W, self.rng("enterprise"), self.net
        left, k = n, 0
        while left > 0:
            size = min(left, rng.randint(3, 12))
            if left - size < 3:
                size = left
            left -= size
            k += 1
            gid = self.group("enterprise_%d" % k, "enterprise_batch")
            cc = rng.choice(("US", "US", "US", "GB", "DE", "JP", "FR", "IN", "SG"))
            tz = net.tz(rng, cc)
            org = W.uid(rng, "org_", 12)
            card = W.uid(rng, "pm_", 16)
            prov = rng.choice(("aws", "aws", "azure", "gcp"))
            pool = net.host_pool(rng, rng.randint(2, 6), prov, cc)
            tmpls = make_templates(rng, rng.randint(3, 6), 1, 6)
            sphs = [sph_str(rng.getrandbits(64)) for _ in tmpls]
            ua = rng.choice((py_ua(rng), "anthropic-java/2.%d.0" % rng.randint(3, 10), "anthropic-go/1.%d.1" % rng.randint(5, 15), py_ua(rng)))
            for _ in range(size):
                a = W.new_acct(rng, gid, -lognorm(rng, 400, 0.5) * DAY, org, card, ua, cc, tz, 4000,
                               nkeys=rng.randint(2, 6), mods=[("claude-haiku-4-5", 50), ("claude-sonnet-4-5", 45), ("claude-3-5-haiku-20241022", 5)])
                if rng.random() < 0.3:
                    a.adopt = W.release + lognorm(rng, 6 * HOUR, 0.5)
                    a.newshare = 0.2
                for j in range(rng.randint(1, 3)):
                    ti = rng.randrange(len(tmpls))
                    tm, sph = tmpls[ti], sphs[ti]
                    key = rng.choice(a.keys)
                    period = rng.uniform(5, 40) * 60
                    items = rng.randint(3, 40)
                    spacing = rng.uniform(0.3, 3.0)
                    model = rng.choices(a.mods, cum_weights=a.mcw)[0]
                    cat = rng.choice(("analysis", "writing", "other", "vision", "analysis", "coding"))
                    cot = rng.random() * 0.12
                    t = rng.random() * period
                    while t < W.T:
                        ip = rng.choice(pool)
                        k_items = max(1, int(items * (0.6 + 0.6 * W.weight(t, tz, "office"))))
                        tt = t
                        for _ in range(k_items):
                            tt = templ_call(W, rng, a, tt, ip, model, cat, tm, cot, sph, key=key) + spacing
                        t += period
                if rng.random() < 0.35:  # batch submission completing inside the window
                    tm = rng.choice(tmpls)
                    done = rng.random() * W.T
                    m = rng.randint(100, 900)
                    for _ in range(m):
                        te = done + rng.random() * lognorm(rng, 900, 0.5)
                        lat = lognorm(rng, 1800, 0.6) * 1000
                        templ_call_batch(W, rng, a, te - lat / 1000, rng.choice(pool), tm, lat)
                p = self.person_profile(rng, lambda r, t: r.choice(pool))
                self.ensure(rng, a, p)

    def courses(self, n):
        W, rng, net = self.W, self.rng("courses"), self.net
        left, k = n, 0
        cw = (["US", "IN", "GB", "DE", "KR", "CA", "BR", "SG", "FR", "JP", "AU", "NL"],
              [35, 15, 8, 6, 6, 6, 5, 4, 4, 4, 4, 3])
        while left > 0:
            size = min(left, max(20, min(150, int(lognorm(rng, 45, 0.6)))))
            if left - size < 20:
                size = left
            left -= size
            k += 1
            gid = self.group("course_%d" % k, "course_cohort")
            cc = net.country(rng, cw)
            tz = net.tz(rng, cc)
            org = W.uid(rng, "org_", 12) if rng.random() < 0.4 else None
            nat = net.campus_nat(rng, cc, rng.randint(1, 3))
            wave = -rng.uniform(4, 25) * DAY
            ua = py_ua(rng)
            tmpls = make_templates(rng, rng.randint(3, 6), 2, 9)
            csph = sph_str(rng.getrandbits(64))
            tcot = rng.uniform(0.5, 0.85)
            deadline = rng.uniform(0.3, 1.0) * W.T if rng.random() < 0.6 else None
            lab = None
            if rng.random() < 0.45:
                # a lab slot in local daytime inside the window, if any
                cands = [h * 1800.0 for h in range(int(W.T // 1800) - 2) if W.weight(h * 1800.0, tz, "office") >= 0.9]
                if cands:
                    lab = rng.choice(cands)

            def boost(t, d=deadline):
                if d is None:
                    return 1.0
                if t < d:
                    return 1.0 + 7.0 * math.exp(-(d - t) / (2.5 * HOUR))
                return 0.35
            for _ in range(size):
                created = wave + (rng.random() * 1.5 * DAY if rng.random() < 0.85 else rng.random() * (-wave))
                a = W.new_acct(rng, gid, created, org, None, ua if rng.random() < 0.8 else sdk_ua(rng), cc, tz, 5,
                               mods=[("claude-sonnet-4-5", 60), ("claude-haiku-4-5", 35), ("claude-opus-4-5", 5)], free=True)
                a.credit = lognorm(rng, 400000, 0.5)
                self.early(rng, a, 0.05, 0.05)
                ipf = self.home_ipf(rng, cc, v6=0.15, mobile=0.25, extra=nat, extra_p=0.35)
                p = self.person_profile(rng, ipf, [("reasoning", 35), ("coding", 35), ("chat", 15), ("analysis", 10), ("writing", 5)], sph_p=0.0)
                p.cot += 0.15
                p.tmpl, p.tmpl_p, p.tmpl_cot = tmpls, 0.5 + 0.3 * rng.random(), tcot
                p.set_sph([("null", 1.0), (csph, 1.0)])
                rate = lognorm(rng, 0.25, 0.7)
                W.sessions(rng, a, rate, "student", lambda r, a_, t, p=p: chat_session(W, r, a_, p, t), boost=boost)
                if lab is not None and rng.random() < 0.7:
                    lp = P(**p.__dict__)
                    lp.ipf = lambda r, t: r.choice(nat)
                    lp.slen = p.slen * 2.5
                    chat_session(W, rng, a, lp, lab + rng.random() * 1200)
                self.ensure(rng, a, p)

    def researchers(self, n):
        W, rng, net = self.W, self.rng("research"), self.net
        gid = self.group("research_labs", "benchmark_researcher")
        left = n
        cw = (["US", "GB", "DE", "CA", "CH", "FR", "KR", "JP", "SG", "IN", "NL", "IL"],
              [40, 10, 8, 8, 5, 5, 5, 4, 4, 5, 3, 3])
        while left > 0:
            size = min(left, rng.randint(1, 6))
            left -= size
            cc = net.country(rng, cw)
            tz = net.tz(rng, cc)
            org = W.uid(rng, "org_", 12) if rng.random() < 0.7 else None
            u = rng.random()
            card = W.uid(rng, "pm_", 16) if u < 0.5 else (None if u < 0.8 else "own")
            uni = net.campus_nat(rng, cc, rng.randint(1, 4))
            cloud = net.host_pool(rng, rng.randint(1, 8), rng.choice(("aws", "gcp", "hetzner", "akamai", "ovh")), None, same24=False)
            suites = [make_templates(rng, rng.randint(1, 4), 3, 11) for _ in range(rng.randint(1, 4))]
            pivot = rng.random() < 0.6
            for _ in range(size):
                pay = W.uid(rng, "pm_", 16) if card == "own" else card
                a = W.new_acct(rng, gid, -lognorm(rng, 200, 0.9) * DAY, org, pay, py_ua(rng), cc, tz,
                               rng.choice((1000, 2000, 4000)))
                self.early(rng, a, 0.3, 0.1)
                ipf = self.home_ipf(rng, cc, v6=0.2, mobile=0.05, extra=uni, extra_p=0.6)
                p = self.person_profile(rng, ipf, [("reasoning", 30), ("coding", 30), ("chat", 25), ("analysis", 15)])
                W.sessions(rng, a, lognorm(rng, 0.15, 0.6), "dev", lambda r, a_, t, p=p: chat_session(W, r, a_, p, t))
                runs = []
                for _ in range(geo(rng, 1.0) - (1 if rng.random() < 0.4 else 0)):
                    # launch in the evening/night local time, or whenever
                    t = rng.random() * W.T
                    if rng.random() < 0.6:
                        for _ in range(10):
                            t = rng.random() * W.T
                            if W.weight(t, tz, "night") > 0.75:
                                break
                    runs.append((t, None))
                if pivot and W.release < W.T and rng.random() < 0.7:
                    runs.append((W.release + lognorm(rng, 1.5 * HOUR, 0.6), NEW_MODEL))
                for t0, forced in runs:
                    self.suite_run(rng, a, t0, rng.choice(suites), forced, uni, cloud)
                self.ensure(rng, a, p)

    def suite_run(self, rng, a, t0, suite, forced, uni, cloud):
        W = self.W
        items = int(lognorm(rng, 150, 0.7))
        items = min(max(items, 40), 900)
        conc = rng.randint(4, 24)
        models = [forced] if forced else []
        pool = ["claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-sonnet-4-20250514"]
        if W.release < t0:
            pool.append(NEW_MODEL)
        for m in rng.sample(pool, 1 if forced or rng.random() < 0.6 else 2):
            if m not in models:
                models.append(m)
        reps = rng.choice((1, 1, 1, 1, 3))
        cot = rng.uniform(0.55, 0.95)
        think = rng.random() < 0.4
        cat = rng.choice(("reasoning", "reasoning", "coding", "analysis"))
        ipset = rng.choice((uni, cloud))
        ip = rng.choice(ipset)
        lanes = [t0 + rng.random() * 2 for _ in range(conc)]
        out_mult = rng.uniform(0.8, 2.5)
        sph = sph_str(rng.getrandbits(64)) if rng.random() < 0.5 else "null"
        li = 0
        for i in range(items):
            tm = suite[i % len(suite)]
            base, lo, hi = tm
            sim = flip(rng, base, rng.randint(lo, hi))
            tin, tout, _ = W.sample(rng, cat, 0, 1.0, out_mult, think)
            for m in models:
                for _ in range(reps):
                    t = lanes[li]
                    if t >= W.T:
                        return
                    c = min(1.0, max(0.0, cot + rng.gauss(0, 0.05)))
                    te = W.req(rng, a, t, ip, m, cat, tin, int(tout * (0.7 + 0.6 * rng.random())), c, sim,
                               sph, think=think)
                    lanes[li] = te + rng.random() * 0.3
                    li = (li + 1) % conc

    def ide(self, n):
        W, rng, net = self.W, self.rng("ide"), self.net
        tools = [  # name, share, ua fn, tool count range, side sph, network mode
            ("claude-code", 45, lambda r: "claude-cli/2.0.%d (external, cli)" % r.randint(10, 48), (14, 24), True, "home"),
            ("cline", 14, lambda r: "Cline/3.%d.%d" % (r.randint(20, 38), r.randint(0, 5)), (10, 16), False, "home"),
            ("cursor-byok", 12, lambda r: "cursor/2.%d.%d" % (r.randint(0, 3), r.randint(0, 20)), (8, 14), False, "pool"),
            ("aider", 9, lambda r: "litellm/1.%d.%d" % (r.randint(70, 80), r.randint(0, 9)), (0, 0), False, "home"),
            ("continue", 8, lambda r: "continue/1.%d.%d" % (r.randint(1, 3), r.randint(0, 30)), (6, 12), False, "home"),
            ("agent-sdk", 12, lambda r: "claude-agent-sdk/0.1.%d" % r.randint(5, 40), (4, 30), False, "mixed"),
        ]
        tot = sum(t[1] for t in tools)
        sizes = [int(n * t[1] / tot) for t in tools]
        sizes[0] += n - sum(sizes)
        cursor_pool = net.host_pool(rng, 48, "aws", "US", same24=False)
        for (name, _, uaf, trange, side, mode), size in zip(tools, sizes):
            gid = self.group("ide_%s" % name, "ide_agent")
            vers = IDE_SPH[name]
            side_sph = sph_str(IDE_SIDE) if side else None
            for _ in range(size):
                cc = net.country(rng)
                tz = net.tz(rng, cc)
                u = rng.random()
                org = W.uid(rng, "org_", 12) if u < 0.15 else None
                pay = W.uid(rng, "pm_", 16) if u < 0.9 else None
                a = W.new_acct(rng, gid, age_created(rng, 120, 1.1, 0.5), org, pay, uaf(rng), cc, tz,
                               rng.choices((50, 1000, 2000, 4000), (35, 40, 15, 10))[0],
                               mods=[("claude-sonnet-4-5", 70), ("claude-opus-4-5", 25), ("claude-sonnet-4-20250514", 5)])
                self.early(rng, a, 0.2, 0.15)
                if mode == "pool":
                    ipf = lambda r, t: r.choice(cursor_pool)
                elif mode == "mixed" and rng.random() < 0.5:
                    hp = net.host_pool(rng, rng.randint(1, 3))
                    ipf = lambda r, t, hp=hp: r.choice(hp)
                else:
                    ipf = self.home_ipf(rng, cc, v6=0.3, mobile=0.05, vpn=0.06)
                asph = sph_str(vers[min(len(vers) - 1, int(rng.random() ** 1.6 * len(vers)))]) if vers else "null"
                ap = self.agent_profile(rng, ipf, name, asph, trange, side_sph)
                shape = rng.choices(("office", "dev", "evening", "flat"), (40, 40, 12, 8 if name == "agent-sdk" else 1))[0]
                W.sessions(rng, a, lognorm(rng, 0.8, 0.8), shape, lambda r, a_, t, ap=ap: agent_task(W, r, a_, ap, t))
                p = self.person_profile(rng, ipf, [("coding", 50), ("chat", 30), ("reasoning", 10), ("analysis", 10)])
                if rng.random() < 0.25:
                    W.sessions(rng, a, lognorm(rng, 0.15, 0.6), shape, lambda r, a_, t, p=p: chat_session(W, r, a_, p, t))
                if a.n == 0:
                    agent_task(W, rng, a, ap, rng.random() * (W.T - 1800))
                self.ensure(rng, a, p)

    def plugins(self, n):
        W, rng, net = self.W, self.rng("plugins"), self.net
        plist = [  # name, share, ua, network, bot fraction, mix, out_mult
            ("notes", 25, "obsidian-smart-ai/2.%d.%d", "home", 0.0, "writing"),
            ("sheets", 18, "sheets-claude/1.%d.%d", "pool:gcp", 0.05, "analysis"),
            ("slackdigest", 12, "slackdigest/3.%d.%d", "pool:aws", 1.0, "writing"),
            ("wpwriter", 15, "wp-aiwriter/4.%d.%d", "hostmix", 0.2, "writing"),
            ("zapconnect", 15, "zap-connector/1.%d.%d", "pool:aws", 0.3, "other"),
            ("mailassist", 15, "mailmate-ai/0.%d.%d", "home", 0.0, "writing"),
        ]
        tot = sum(x[1] for x in plist)
        sizes = [int(n * x[1] / tot) for x in plist]
        sizes[0] += n - sum(sizes)
        for (name, _, uafmt, netmode, botf, cat0), size in zip(plist, sizes):
            gid = self.group("plugin_%s" % name, "plugin_integration")
            tmpls = make_templates(rng, rng.randint(2, 4), 1, 5)
            sphs = [sph_str(rng.getrandbits(64)) for _ in range(rng.randint(1, 2))]
            major = rng.randint(1, 9)
            pool = None
            if netmode.startswith("pool:"):
                pool = net.host_pool(rng, rng.randint(20, 60), netmode[5:], "US", same24=False)
            for _ in range(size):
                cc = net.country(rng)
                tz = net.tz(rng, cc)
                ua = uafmt % (major if rng.random() < 0.7 else rng.randint(0, major), rng.randint(0, 12))
                a = W.new_acct(rng, gid, age_created(rng, 150, 1.0, 1), None,
                               W.uid(rng, "pm_", 16) if rng.random() < 0.8 else None, ua, cc, tz,
                               rng.choice((50, 50, 1000)), mods=[("claude-sonnet-4-5", 50), ("claude-haiku-4-5", 45), ("claude-opus-4-5", 5)])
                if pool is not None:
                    ipf = lambda r, t, pool=pool: r.choice(pool)
                elif netmode == "hostmix" and rng.random() < 0.5:
                    hp = net.host_pool(rng, 1)
                    ipf = lambda r, t, hp=hp: hp[0]
                else:
                    ipf = self.home_ipf(rng, cc, v6=0.3, mobile=0.2)
                tm = rng.choice(tmpls)
                sph = rng.choice(sphs)
                cat = cat0 if rng.random() < 0.7 else rng.choice(("chat", "analysis", "writing"))
                cotm = rng.random() * 0.15
                if rng.random() < botf:
                    period = rng.choice((900, 1800, 3600, 1800, 600))
                    t = rng.random() * period
                    burst = rng.randint(1, 4)
                    jit = rng.random() * 2
                    ip = ipf(rng, 0)
                    while t < W.T:
                        tt = t + rng.random() * jit
                        for _ in range(burst):
                            tt = templ_call(W, rng, a, tt, ip, a.mods[0], cat, tm, cotm, sph, in_mult=2.0) + 0.2
                        t += period
                else:
                    def fn(r, a_, t, tm=tm, sph=sph, cat=cat, cotm=cotm, ipf=ipf):
                        ip = ipf(r, t)
                        for _ in range(geo(r, 2.0)):
                            model = W.pick_model(r, a_, t)
                            t = templ_call(W, r, a_, t, ip, model, cat, tm, cotm, sph,
                                           stream=True) + lognorm(r, 40, 1.0)
                    W.sessions(rng, a, lognorm(rng, 0.5, 0.8), "office" if pool else "dev", fn)
                p = self.person_profile(rng, ipf)
                self.ensure(rng, a, p)

    def resellers(self, n):
        W, rng, net = self.W, self.rng("resellers"), self.net
        k = 0
        left = n
        while left > 0:
            size = min(left, rng.randint(20, 150))
            if left - size < 20:
                size = left
            left -= size
            k += 1
            gid = self.group("reseller_%d" % k, "platform_reseller")
            org = W.uid(rng, "org_", 12)
            card = W.uid(rng, "pm_", 16)
            cc = rng.choice(("US", "US", "SG", "DE", "GB"))
            pool = net.host_pool(rng, rng.randint(8, 30), rng.choice(("aws", "gcp")), cc, same24=False)
            ua = rng.choice(("litellm/1.%d.%d" % (rng.randint(70, 80), rng.randint(0, 9)), py_ua(rng), ts_ua(rng), "python-httpx/0.28.1"))
            sphs = [sph_str(rng.getrandbits(64)) for _ in range(rng.randint(3, 10))]
            pivot_t = W.release + lognorm(rng, 2 * HOUR, 0.5)
            for _ in range(size):
                a = W.new_acct(rng, gid, -rng.uniform(5, 200) * DAY, org, card, ua, cc, net.tz(rng, cc), 4000)
                if rng.random() < 0.7:
                    a.adopt, a.newshare = pivot_t, 0.4
                p = self.person_profile(rng, lambda r, t: r.choice(pool), [("chat", 35), ("coding", 20), ("writing", 20), ("reasoning", 10), ("analysis", 15)], sph_p=0)
                p.set_sph([(s, 1.0) for s in sphs] + [("null", 1.0)])
                p.slen = 2.0
                p.gap = 20
                W.sessions(rng, a, lognorm(rng, 6, 0.9), "global", lambda r, a_, t, p=p: chat_session(W, r, a_, p, t))
                self.ensure(rng, a, p)

    def startups(self, n):
        W, rng, net = self.W, self.rng("startups"), self.net
        gid = self.group("cloud_startups", "cloud_startup")
        left = n
        while left > 0:
            size = min(left, rng.randint(1, 6))
            left -= size
            cc = net.country(rng)
            tz = net.tz(rng, cc)
            org = W.uid(rng, "org_", 12)
            card = W.uid(rng, "pm_", 16)
            pool = net.host_pool(rng, rng.randint(1, 4))
            tmpls = make_templates(rng, rng.randint(1, 3), 1, 8)
            sph = sph_str(rng.getrandbits(64))
            ua = rng.choice((py_ua(rng), ts_ua(rng), "ai-sdk/anthropic/2.0.%d" % rng.randint(10, 60)))
            cat = rng.choice(("chat", "writing", "analysis", "coding", "tool_use", "vision"))
            for i in range(size):
                a = W.new_acct(rng, gid, -lognorm(rng, 90, 0.8) * DAY, org, card, ua, cc, tz, rng.choice((1000, 2000)))
                self.early(rng, a, 0.25, 0.15)
                if i == 0 or rng.random() < 0.5:  # production key
                    rate = lognorm(rng, 12, 0.9)
                    tools = rng.randint(0, 8) if cat == "tool_use" else 0

                    def fn(r, a_, t, tools=tools):
                        model = W.pick_model(r, a_, t)
                        templ_call(W, r, a_, t, r.choice(pool), model, cat, r.choice(tmpls), r.random() * 0.2, sph,
                                   tools=tools, stream=r.random() < 0.6)
                    W.sessions(rng, a, rate, "global", fn)
                ipf = self.home_ipf(rng, cc, v6=0.3, mobile=0.1)
                p = self.person_profile(rng, ipf)
                W.sessions(rng, a, lognorm(rng, 0.2, 0.6), "dev", lambda r, a_, t, p=p: chat_session(W, r, a_, p, t))
                self.ensure(rng, a, p)

    def agencies(self, n):
        W, rng, net = self.W, self.rng("agencies"), self.net
        gid = self.group("agencies", "agency_multi_account")
        left = n
        while left > 0:
            size = min(left, rng.randint(5, 30))
            if left - size < 5:
                size = left
            left -= size
            cc = net.country(rng)
            tz = net.tz(rng, cc)
            card = W.uid(rng, "pm_", 16)
            nat = net.office_nat(rng, cc, rng.randint(1, 2))
            cloud = net.host_pool(rng, 2)
            ua = rng.choice((py_ua(rng), ts_ua(rng)))
            age0 = lognorm(rng, 250, 0.6)
            for _ in range(size):
                org = W.uid(rng, "org_", 12) if rng.random() < 0.4 else None
                a = W.new_acct(rng, gid, -rng.random() * age0 * DAY, org, card, ua, cc, tz, 1000)
                tm = make_templates(rng, rng.randint(1, 3), 2, 8)
                p = self.person_profile(rng, lambda r, t: r.choice(nat) if r.random() < 0.8 else r.choice(cloud),
                                        [("writing", 50), ("analysis", 20), ("chat", 20), ("vision", 10)], sph_p=0.8)
                p.tmpl, p.tmpl_p = tm, 0.6
                W.sessions(rng, a, lognorm(rng, 0.8, 0.7), "office", lambda r, a_, t, p=p: chat_session(W, r, a_, p, t))
                self.ensure(rng, a, p)

    def early_evals(self, n):
        W, rng, net = self.W, self.rng("early"), self.net
        gid = self.group("early_adopters", "early_adopter_eval")
        for _ in range(n):
            cc = net.country(rng)
            tz = net.tz(rng, cc)
            a = W.new_acct(rng, gid, age_created(rng, 300, 0.8, 5), None,
                           W.uid(rng, "pm_", 16) if rng.random() < 0.85 else None, sdk_ua(rng), cc, tz,
                           rng.choice((1000, 2000, 4000)))
            a.adopt = W.release + lognorm(rng, 0.3 * HOUR, 0.8)
            a.newshare = 0.85
            ipf = self.home_ipf(rng, cc, v6=0.3, mobile=0.05)
            p = self.person_profile(rng, ipf, [("reasoning", 35), ("coding", 30), ("writing", 15), ("chat", 10), ("analysis", 10)])
            W.sessions(rng, a, lognorm(rng, 0.2, 0.6), "dev", lambda r, a_, t, p=p: chat_session(W, r, a_, p, t))
            if W.release < W.T:
                t = a.adopt
                end = t + lognorm(rng, 1.5 * HOUR, 0.5)
                ip = ipf(rng, t)
                think_p = rng.random()
                while t < min(end, W.T):
                    cat = rng.choice(p.cats)
                    think = rng.random() < think_p
                    sim = rng.getrandbits(64)
                    tin, tout, cot = W.sample(rng, cat, 0.15 if cat == "reasoning" else 0.0, think=think)
                    te = W.req(rng, a, t, ip, NEW_MODEL, cat, tin, tout, cot, sim, think=think, stream=True)
                    if rng.random() < 0.4:  # same prompt against the previous model
                        te = W.req(rng, a, te + lognorm(rng, 5, 0.5), ip, "claude-opus-4-5", cat, tin, tout, cot, sim,
                                   think=think, stream=True)
                    t = te + lognorm(rng, 50, 0.9)
            self.ensure(rng, a, p)

    def content(self, n):
        W, rng, net = self.W, self.rng("content"), self.net
        gid = self.group("content_shops", "content_pipeline")
        left = n
        while left > 0:
            size = min(left, rng.randint(1, 5))
            left -= size
            cc = net.country(rng)
            tz = net.tz(rng, cc)
            org = W.uid(rng, "org_", 12)
            card = W.uid(rng, "pm_", 16)
            pool = net.host_pool(rng, rng.randint(1, 3)) if rng.random() < 0.6 else net.office_nat(rng, cc, 1)
            tmpls = make_templates(rng, rng.randint(2, 5), 3, 10)
            sph = sph_str(rng.getrandbits(64))
            ua = rng.choice((py_ua(rng), ts_ua(rng), "python-requests/2.32.3"))
            cotm = rng.choice((0.05, 0.1, 0.2, 0.35))
            outm = rng.uniform(1.5, 4.0)
            shape = rng.choice(("flat", "office", "global"))
            for _ in range(size):
                a = W.new_acct(rng, gid, -lognorm(rng, 150, 0.8) * DAY, org, card, ua, cc, tz, 2000,
                               mods=[("claude-sonnet-4-5", 60), ("claude-haiku-4-5", 30), ("claude-opus-4-5", 10)])
                self.early(rng, a, 0.15, 0.15)
                rate = lognorm(rng, 25, 0.7)

                def fn(r, a_, t):
                    model = W.pick_model(r, a_, t)
                    templ_call(W, r, a_, t, r.choice(pool), model, "writing" if r.random() < 0.8 else "analysis",
                               r.choice(tmpls), cotm, sph, out_mult=outm)
                W.sessions(rng, a, rate, shape, fn)
                p = self.person_profile(rng, lambda r, t: r.choice(pool))
                self.ensure(rng, a, p)


def templ_call_batch(W, rng, a, t, ip, tm, lat_ms):
    base, lo, hi = tm
    sim = flip(rng, base, rng.randint(lo, hi))
    tin, tout, _ = W.sample(rng, "analysis", 0.0)
    W.req(rng, a, t, ip, "claude-haiku-4-5", "analysis", tin, tout, rng.random() * 0.08, sim, ep="batch", lat=lat_ms)


_r = random.Random("firth-ide-sph")
IDE_SPH = {
    "claude-code": [_r.getrandbits(64) for _ in range(4)],
    "cline": [_r.getrandbits(64) for _ in range(3)],
    "cursor-byok": [_r.getrandbits(64) for _ in range(3)],
    "aider": [_r.getrandbits(64) for _ in range(2)],
    "continue": [_r.getrandbits(64) for _ in range(2)],
    "agent-sdk": [_r.getrandbits(64) for _ in range(2)],
}
IDE_SIDE = _r.getrandbits(64)


def build(W, seed, n):
    B = Builder(W, seed)
    sizes = {}
    used = 0
    for kind, share in SHARES:
        s = int(round(n * share))
        sizes[kind] = s
        used += s
    # cluster-type groups need minimum sizes; shrink when the population is small
    for kind, mn in (("course_cohort", 20), ("platform_reseller", 20), ("enterprise_batch", 3), ("agency_multi_account", 5)):
        if sizes[kind] < mn:
            used -= sizes[kind]
            sizes[kind] = 0
    sizes["individual"] = max(0, n - used)
    sizes["vpn_user"] = sizes.get("vpn_user", 0)
    B.free_tier(sizes["free_tier_new"])
    B.teams(sizes["team"])
    B.enterprises(sizes["enterprise_batch"])
    B.courses(sizes["course_cohort"])
    B.researchers(sizes["benchmark_researcher"])
    B.ide(sizes["ide_agent"])
    B.plugins(sizes["plugin_integration"])
    B.resellers(sizes["platform_reseller"])
    B.individuals(sizes["vpn_user"], gid="vpn_users", kind="vpn_user", vpn=True)
    B.startups(sizes["cloud_startup"])
    B.agencies(sizes["agency_multi_account"])
    B.early_evals(sizes["early_adopter_eval"])
    B.content(sizes["content_pipeline"])
    B.individuals(sizes["individual"])
    return B.kinds
