"""Distillation campaigns: the accounts listed in truth.json, and nothing else."""
from .benign import agent_task, age_t
from .core import (NEW_MODEL, Family, WChoice, beta, clamp, flip, geometric, lognorm, mkreq, poisson,
                   tok_in, tok_out)
from .jobs import commit, loop_job
from .net import Fixed, Home, PerSession, Rotating
from .people import (COUNTRY_W, MODELS_DEV, Actor, conversation, gen_human, greet_requests, pick_tz, py_ua,
                     sdk_ua, ts_ua)

CAMO_CATS = WChoice({"chat": 70, "writing": 20, "other": 10})


class Harvest:
    """What an operator harvests and how its prompts look."""

    def __init__(self, rng, W, n_fams=6, k=(3, 10), fam_p=0.85, cats=None, cot_ab=(6.0, 2.5), think_p=0.3,
                 out_mult=1.5, in_mult=1.0, cap=16000, n_sys=0, sys_p=0.0, camo_p=0.15, models=None,
                 pivot_t=None, pivot_p=0.0, stream_p=0.3, tools=(0.0, 0, 0)):
        self.W = W
        self.fams = [Family(rng, k[0], k[1]) for _ in range(n_fams)]
        self.fam_p = fam_p
        self.cats = cats or WChoice({"reasoning": 45, "coding": 30, "analysis": 15, "writing": 10})
        self.cot_ab = cot_ab
        self.think_p = think_p
        self.out_mult = out_mult
        self.in_mult = in_mult
        self.cap = cap
        self.sys = [W.ids.sysprompt() for _ in range(n_sys)]
        self.sys_p = sys_p if n_sys else 0.0
        self.sys_tok = rng.randint(150, 1200)
        self.camo_p = camo_p
        self.models = models or WChoice({"claude-sonnet-4-5": 60, "claude-opus-4-1": 30, "claude-sonnet-4": 10})
        self.pivot_t = pivot_t
        self.pivot_p = pivot_p
        self.stream_p = stream_p
        self.tools = tools

    def model(self, rng, t):
        if self.pivot_t is not None and t >= self.pivot_t and rng.random() < self.pivot_p:
            return NEW_MODEL
        return self.models.pick(rng)

    def request(self, rng, A, t, ip=None, key=None, turns=1, model=None, sh=None, ctx=0):
        if ip is None:
            ip = A.net.ip(rng)
        if key is None:
            key = A.key(rng)
        if model is None:
            model = self.model(rng, t)
        stream = rng.random() < self.stream_p
        if rng.random() < self.camo_p:
            cat = CAMO_CATS.pick(rng)
            cot = beta(rng, 1.0, 10.0)
            if sh is None:
                sh = rng.choice(self.W.common).draw(rng) if rng.random() < 0.1 else rng.getrandbits(64)
            itok = ctx + tok_in(rng, cat)
            return mkreq(rng, t, key, ip, A.ua, model, cat, cot, sh, None, itok, tok_out(rng, cat, cot, False, 4096),
                         turns=turns, stream=stream)
        cat = self.cats.pick(rng)
        cot = beta(rng, *self.cot_ab)
        if sh is None:
            sh = rng.choice(self.fams).draw(rng) if rng.random() < self.fam_p else rng.getrandbits(64)
        sp = None
        if self.sys and rng.random() < self.sys_p:
            sp = rng.choice(self.sys)
        think = rng.random() < self.think_p
        tools = 0
        if self.tools[0] and rng.random() < self.tools[0]:
            tools = rng.randint(self.tools[1], self.tools[2])
        itok = ctx + tok_in(rng, cat, self.in_mult) + (self.sys_tok if sp else 0) + tools * 300
        otok = tok_out(rng, cat, cot, think, self.cap, self.out_mult)
        return mkreq(rng, t, key, ip, A.ua, model, cat, cot, sh, sp, itok, otok, turns=turns, tools=tools,
                     think=think, stream=stream)

    def conv(self, rng, A, t, n_turns, reqs, gap=(40.0, 0.6), t_end=None, ip=None):
        ctx = 0
        sh = None
        model = self.model(rng, t)
        for k in range(n_turns):
            r = self.request(rng, A, t, ip=ip, turns=2 * k + 1, model=model, sh=sh, ctx=ctx)
            reqs.append(r)
            ctx = r["in"] + r["out"]
            sh = flip(rng, r["sh"], rng.randint(1, 5))
            t += r["lat"] / 1000.0 + lognorm(rng, gap[0], gap[1])
            if t_end is not None and t >= t_end:
                break
        return t


class Camp:
    def __init__(self, W, cid, kind, start):
        self.W = W
        self.cid = cid
        self.kind = kind
        self.start = start
        self.accounts = []

    def actor(self, acct, net, ua, prof="flat"):
        A = Actor(acct, net, ua, prof, label=self.cid)
        A.t_min = self.start
        A.greet = self.W.greetings
        return A

    def commit(self, rng, A, reqs, keep_pre=False):
        if not keep_pre:
            reqs = [r for r in reqs if r["t"] >= self.start]
        commit(self.W, rng, A, reqs)
        self.accounts.append(A.acct.id)


def uniform_times(rng, n, t0, t1):
    if t1 <= t0:
        return []
    return sorted(rng.uniform(t0, t1) for _ in range(n))


def _cards(W, rng, n, lo, hi, null_p=0.0):
    """Cards shared by tens of accounts."""
    out = []
    while len(out) < n:
        card = W.ids.pay()
        for _ in range(rng.randint(lo, hi)):
            out.append(None if rng.random() < null_p else card)
    rng.shuffle(out)
    return out[:n]


PROXY_CC = WChoice({"US": 40, "GB": 12, "DE": 10, "CA": 10, "AU": 8, "FR": 6, "NL": 5, "JP": 5, "SG": 4})


# =========================================================================== campaign shapes

def c_proxy_swarm(W, rng, C, n):
    """Large swarm behind a rotating residential proxy pool; accounts created in waves; shared cards."""
    waves = [C.start - rng.uniform(1, 20) * 86400.0 for _ in range(rng.randint(2, 4))]
    waves.append(C.start - rng.uniform(0.3, 6) * 3600.0)
    cards = _cards(W, rng, n, 15, 45, null_p=0.2)
    H = Harvest(rng, W, n_fams=rng.randint(6, 12), k=(3, 10), fam_p=0.8, cot_ab=(6.0, 2.5), think_p=0.3,
                out_mult=1.5, n_sys=3, sys_p=0.35, camo_p=0.2,
                pivot_t=W.release_t + rng.uniform(0.5, 4) * 3600.0, pivot_p=0.5)
    per_acct = rng.uniform(14, 26)
    for i in range(n):
        cc = PROXY_CC.pick(rng)
        created = rng.choice(waves) + rng.uniform(0, 2 * 3600.0)
        acct = W.new_account(rng, created, cc, org="own" if rng.random() < 0.3 else None, pay=cards[i])
        if rng.random() < 0.6:
            net = Rotating(lambda r, cc=cc: W.net.res_ip(r, cc))
        else:
            net = Rotating(lambda r: W.net.res_ip(r, PROXY_CC.pick(r)))
        A = C.actor(acct, net, sdk_ua(rng, 0.0))
        A.rpm = 5 if acct.pay is None else 50
        t_join = C.start + rng.uniform(0, 1.5 * 3600.0)
        A.t_min = t_join
        span = max(0.0, W.dur - t_join)
        k = poisson(rng, lognorm(rng, per_acct, 0.5) * span / (8 * 3600.0))
        reqs = []
        times = uniform_times(rng, max(1, k), t_join, W.dur)
        if times and rng.random() < 0.7:
            greet_requests(W, rng, A, times[0] - rng.uniform(5, 120), reqs)
        for t in times:
            if rng.random() < 0.1:
                H.conv(rng, A, t, 3, reqs, gap=(25.0, 0.5))
            else:
                reqs.append(H.request(rng, A, t))
        C.commit(rng, A, reqs)


def c_mobile_swarm(W, rng, C, n):
    """Smaller swarm on mobile-carrier CGNAT, prepaid cards, diverse task-generator prompts, mimics one zone."""
    ccs = rng.sample(["ID", "PH", "BR", "IN", "VN", "NG", "MX", "TR"], rng.randint(2, 3))
    tz = pick_tz(rng, ccs[0])
    wave = C.start - rng.uniform(5, 15) * 86400.0
    H = Harvest(rng, W, n_fams=rng.randint(10, 20), k=(6, 16), fam_p=0.2, cot_ab=(4.0, 3.0), think_p=0.2,
                cats=WChoice({"coding": 40, "reasoning": 35, "analysis": 15, "chat": 10}),
                out_mult=1.3, camo_p=0.1, stream_p=0.6, models=MODELS_DEV)
    prof = rng.choice(["evening", "mixed"])
    for _ in range(n):
        cc = rng.choice(ccs)
        acct = W.new_account(rng, wave + rng.gauss(0, 86400.0 / 2), cc, tz, org=None, pay="own")
        carrier = W.net.mobile_carrier(rng, cc)
        A = C.actor(acct, PerSession(lambda r, cc=cc, c=carrier: W.net.mobile_ip(r, cc, c)), sdk_ua(rng, 0.05),
                    prof)
        A.rpm = 50
        reqs = []
        ns = rng.randint(2, 5)
        times = W.sample_times(rng, prof, tz, ns, C.start, W.dur)
        for j, ts in enumerate(times):
            A.net.session(rng)
            t = ts
            if j == 0 and rng.random() < 0.5:
                t = greet_requests(W, rng, A, t, reqs)
            for _c in range(rng.randint(2, 7)):
                t = H.conv(rng, A, t, geometric(rng, 1.6), reqs, gap=(45.0, 0.6))
                t += lognorm(rng, 40, 0.6)
        C.commit(rng, A, reqs)


def c_aged(W, rng, C, n):
    """Bought aged accounts: years-old, own card history; suddenly harvesting code in their owner's hours."""
    H = Harvest(rng, W, n_fams=rng.randint(4, 8), k=(6, 14), fam_p=0.6,
                cats=WChoice({"coding": 65, "analysis": 15, "reasoning": 15, "chat": 5}),
                cot_ab=(3.0, 4.0), think_p=0.2, out_mult=2.2, n_sys=1, sys_p=0.4, camo_p=0.08, stream_p=0.5)
    ua_pool = ["anthropic-python/0.49.0", "anthropic-python/0.40.0", "anthropic-typescript/0.39.0"]
    for _ in range(n):
        cc = rng.choice(["US", "US", "GB", "DE", "FR", "BR", "IN", "JP", "KR", "CA", "AU", "ES", "IT"])
        acct = W.new_account(rng, -rng.uniform(200, 1100) * 86400.0, cc,
                             org="own" if rng.random() < 0.5 else None, pay="own")
        pool = W.net.res_pool(rng, cc)
        A = C.actor(acct, PerSession(lambda r, cc=cc, p=pool: W.net.res_ip(r, cc, p)),
                    rng.choice(ua_pool) if rng.random() < 0.3 else sdk_ua(rng, 0.02), "office")
        A.rpm = 50
        reqs = []
        total = int(lognorm(rng, 28, 0.5) * min(1.0, (W.dur - C.start) / (6 * 3600.0))) + 1
        times = W.sample_times(rng, "office", acct.tz, rng.randint(2, 4), C.start, W.dur)
        per = max(1, total // max(1, len(times)))
        for ts in times:
            A.net.session(rng)
            t = ts
            for _k in range(per):
                if t >= W.dur:
                    break
                r = H.request(rng, A, t)
                reqs.append(r)
                t += r["lat"] / 1000.0 + lognorm(rng, 30, 0.6)
        C.commit(rng, A, reqs)


def c_slow_drip(W, rng, C, n):
    """Many accounts, each a handful of ordinary-looking requests: every per-account feature in benign range."""
    H = Harvest(rng, W, n_fams=rng.randint(3, 5), k=(5, 14), fam_p=0.7,
                cats=WChoice({"reasoning": 35, "coding": 25, "analysis": 20, "writing": 10, "chat": 10}),
                cot_ab=(2.5, 4.0), think_p=0.12, out_mult=0.9, cap=8192, camo_p=0.2, stream_p=0.6,
                models=WChoice({"claude-sonnet-4-5": 55, "claude-haiku-4-5": 15, "claude-opus-4-1": 15,
                                "claude-sonnet-4": 15}))
    ccw = WChoice({"US": 50, "GB": 15, "CA": 12, "AU": 10, "DE": 8})
    for _ in range(n):
        cc = ccw.pick(rng)
        acct = W.new_account(rng, -rng.uniform(3, 40) * 86400.0, cc, org=None,
                             pay=None if rng.random() < 0.5 else "own")
        A = C.actor(acct, Home(W.net, rng, cc, mobile_p=0.1, v6_p=0.3), sdk_ua(rng, 0.05),
                    rng.choice(["office", "mixed", "evening"]))
        A.greet = None
        A.rpm = 5 if acct.pay is None else 50
        lam = rng.uniform(2, 6) * W.hours / 8.0
        k = int(clamp(1 + poisson(rng, lam), 1, 12))
        ns = 1 if k <= 3 else 2
        times = W.sample_times(rng, A.prof, acct.tz, ns, C.start, W.dur)
        reqs = []
        left = k
        for j, ts in enumerate(times):
            A.net.session(rng, W.local_hour(ts, acct.tz))
            t = ts
            m = left if j == len(times) - 1 else max(1, left // 2)
            left -= m
            while m > 0:
                turns = 3 if (m >= 3 and rng.random() < 0.3) else 1
                if turns == 3:
                    t = H.conv(rng, A, t, 3, reqs, gap=(60.0, 0.5))
                    m -= 3
                else:
                    r = H.request(rng, A, t)
                    reqs.append(r)
                    t += r["lat"] / 1000.0 + lognorm(rng, 70, 0.6)
                    m -= 1
        C.commit(rng, A, reqs)


def c_reseller(W, rng, C, n):
    """One reseller org pays for every account; hosting egress; long outputs in a few domains."""
    org, card = W.ids.org(), W.ids.pay()
    provs = rng.sample(["hetzner", "ovh", "contabo", "digitalocean", "vultr"], 2)
    vps = [W.net.host_ip(rng, rng.choice(provs)) for _ in range(rng.randint(4, 10))]
    ua = "python-httpx/0.28.1" if rng.random() < 0.5 else py_ua(rng)
    H = Harvest(rng, W, n_fams=rng.randint(5, 10), k=(4, 12), fam_p=0.6,
                cats=WChoice({"writing": 40, "coding": 30, "analysis": 30}), cot_ab=(3.0, 3.0), think_p=0.25,
                out_mult=3.0, cap=16000, n_sys=5, sys_p=0.8, camo_p=0.05, stream_p=0.2)
    for _ in range(n):
        acct = W.new_account(rng, -rng.uniform(30, 200) * 86400.0, rng.choice(["US", "GB", "DE", "SG"]),
                             org=org, pay=card)
        A = C.actor(acct, Fixed(rng.sample(vps, rng.randint(1, min(3, len(vps))))),
                    ua if rng.random() < 0.9 else sdk_ua(rng, 0.0))
        A.rpm = 1000
        A.greet = None
        k = poisson(rng, lognorm(rng, 45, 0.6) * (W.dur - C.start) / (8 * 3600.0)) + 1
        reqs = []
        for t in uniform_times(rng, k, C.start, W.dur):
            reqs.append(H.request(rng, A, t))
        C.commit(rng, A, reqs)


def c_scripted_fleet(W, rng, C, n):
    """A small fleet on a few VPSs firing in synchronised rounds, one system prompt, free credits."""
    created = C.start - rng.uniform(0.3, 2.0) * 86400.0
    vps = [W.net.host_ip(rng, rng.choice(["digitalocean", "vultr", "linode"])) for _ in range(rng.randint(2, 6))]
    ua = py_ua(rng)
    share_card = rng.random() < 0.4
    card = W.ids.pay() if share_card else None
    H = Harvest(rng, W, n_fams=rng.randint(2, 4), k=(1, 5), fam_p=0.95, cot_ab=(7.0, 2.0), think_p=0.8,
                out_mult=1.5, n_sys=1, sys_p=1.0, camo_p=0.0, stream_p=0.0,
                models=WChoice({rng.choice(["claude-sonnet-4-5", "claude-opus-4-1"]): 1}))
    period = rng.uniform(4, 15) * 60.0
    rounds = []
    t = C.start + rng.uniform(0, 120)
    while t < W.dur:
        rounds.append(t)
        t += period + rng.gauss(0, 3.0)
    for i in range(n):
        acct = W.new_account(rng, created + rng.uniform(0, 1800), "US", org=None, pay=card)
        A = C.actor(acct, Fixed([vps[i % len(vps)]]), ua)
        A.rpm = 5
        reqs = []
        if rounds:
            greet_requests(W, rng, A, rounds[0] - 60 + rng.uniform(0, 10), reqs, n=1)
        for rt in rounds:
            if rng.random() < 0.92:
                reqs.append(H.request(rng, A, rt + rng.uniform(0, 8)))
        C.commit(rng, A, reqs)


def c_tool_trajectory(W, rng, C, n):
    """Harvests agent trajectories through a copy of a popular open-source agent harness."""
    prod = W.products["openagent"]
    uas = prod.get("uas") or [f"{py_ua(rng)} openagent/0.9.1"]
    tasks = [Family(rng, 4, 12) for _ in range(rng.randint(5, 12))]
    cards = _cards(W, rng, n, 10, 30)
    waves = [C.start - rng.uniform(2, 25) * 86400.0 for _ in range(2)]
    countries = ["US", "GB", "DE", "CA", "IN", "BR", "FR", "JP"]
    for i in range(n):
        cc = rng.choice(countries)
        acct = W.new_account(rng, rng.choice(waves) + rng.uniform(0, 7200), cc, org=None, pay=cards[i])
        A = C.actor(acct, PerSession(lambda r: W.net.res_ip(r, r.choice(countries))), rng.choice(uas))
        A.rpm = 50
        A.greet = None
        A.models = WChoice({"claude-sonnet-4-5": 75, "claude-opus-4-1": 25})
        reqs = []
        n_traj = rng.randint(1, 3)
        n_tools = prod["tools"] + rng.randint(10, 40)
        for ts in uniform_times(rng, n_traj, C.start + rng.uniform(0, 3600), W.dur):
            A.net.session(rng)
            agent_task(W, rng, A, ts, prod["sys"], prod["sys_helper"], n_tools, rng.random() < 0.1, reqs,
                       steps_mean=30, cot_ab=(1.0, 18.0), sh=rng.choice(tasks).draw(rng), exec_med=1.2,
                       helper_p=0.05)
        C.commit(rng, A, reqs)


def c_release_pivot(W, rng, C, n):
    """Quiet camouflage before a model release, then a pivot to the new model within hours."""
    pivot = W.release_t + rng.uniform(0.3, 2.5) * 3600.0
    wave = C.start - rng.uniform(1, 10) * 86400.0
    hosts = [W.net.host_ip(rng, rng.choice(["aws", "gcp", "azure", "oracle", "alibaba"])) for _ in
             range(rng.randint(20, 50))]
    H = Harvest(rng, W, n_fams=rng.randint(5, 9), k=(3, 10), fam_p=0.75, cot_ab=(6.5, 2.2), think_p=0.5,
                out_mult=1.6, n_sys=2, sys_p=0.5, camo_p=0.1, pivot_t=pivot, pivot_p=0.92)
    for _ in range(n):
        cc = PROXY_CC.pick(rng)
        acct = W.new_account(rng, wave + rng.uniform(0, 86400.0), cc, org=None, pay="own")
        if rng.random() < 0.6:
            net = Rotating(lambda r: r.choice(hosts))
        else:
            net = Home(W.net, rng, cc, mobile_p=0.0)
        A = C.actor(acct, net, ts_ua(rng) if rng.random() < 0.5 else py_ua(rng), "mixed")
        A.rpm = 50
        A.cats = WChoice({"chat": 70, "writing": 30})
        A.models = WChoice({"claude-sonnet-4-5": 60, "claude-haiku-4-5": 40})
        A.greet = None
        A.t_max = pivot
        reqs = []
        pre = rng.randint(1, 4)
        for t in uniform_times(rng, pre, C.start, min(pivot, W.dur)):
            A.net.session(rng)
            conversation(W, rng, A, t, A.cats.pick(rng), geometric(rng, 1.5), reqs, t_end=pivot)
        A.t_max = None
        t_go = pivot + rng.expovariate(1 / 1800.0)
        k = poisson(rng, lognorm(rng, 28, 0.5) * max(0.0, W.dur - t_go) / (5 * 3600.0))
        for t in uniform_times(rng, k, t_go, W.dur):
            A.net.session(rng)
            reqs.append(H.request(rng, A, t))
        C.commit(rng, A, reqs)


def c_lone_scraper(W, rng, C, n, variant):
    """One account pulling hundreds of completions an hour."""
    for _ in range(n):
        cc = rng.choice(["US", "SG", "DE", "NL", "JP", "GB"])
        acct = W.new_account(rng, age_t(rng, 120, 0.8, 20), cc, org="own", pay="own", n_keys=rng.randint(1, 2))
        if variant == 0:
            net = Fixed([W.net.host_ip(rng, rng.choice(["aws", "hetzner", "ovh", "digitalocean"]), cc)])
            H = Harvest(rng, W, n_fams=rng.randint(3, 8), k=(2, 8), fam_p=0.85, cot_ab=(7.0, 2.0), think_p=0.7,
                        out_mult=1.6, camo_p=0.0, stream_p=0.0,
                        models=WChoice({"claude-opus-4-1": 60, "claude-sonnet-4-5": 40}),
                        pivot_t=W.release_t + rng.uniform(0.2, 1.5) * 3600.0, pivot_p=0.8)
            ua = "python-httpx/0.28.1" if rng.random() < 0.5 else py_ua(rng)
            rate_h = rng.uniform(150, 450)
        else:
            vp = rng.choice(W.net.vpn_list)
            net = PerSession(lambda r: W.net.vpn_ip(r, vp))
            H = Harvest(rng, W, n_fams=rng.randint(4, 10), k=(3, 10), fam_p=0.7,
                        cats=WChoice({"coding": 75, "analysis": 15, "reasoning": 10}), cot_ab=(3.5, 3.0),
                        think_p=0.2, out_mult=2.5, camo_p=0.03, stream_p=0.5)
            ua = sdk_ua(rng, 0.0)
            rate_h = rng.uniform(60, 150)
        A = C.actor(acct, net, ua)
        A.rpm = rng.choice([50, 50, 1000])
        A.greet = None
        t_stop = W.dur if rng.random() < 0.6 else min(W.dur, C.start + rng.uniform(2, 6) * 3600.0)
        reqs = []
        conc = rng.randint(4, 12)
        t = C.start
        while t < t_stop:
            A.net.session(rng)
            burst = rng.uniform(20, 90) * 60.0
            n_items = int(rate_h * burst / 3600.0)
            pace = max(0.5, conc * 3600.0 / rate_h - 40.0)

            def item(tt):
                return H.request(rng, A, tt)

            loop_job(W, rng, t, n_items, conc, item, reqs, (pace * 0.2, pace * 1.0), t_end=min(t + burst, t_stop),
                     limit_rpm=A.rpm)
            t += burst + rng.uniform(1, 15) * 60.0
        C.commit(rng, A, reqs)


def c_follow_the_sun(W, rng, C, n):
    """Accounts in three regions each working local office hours: ordinary per account, 24/7 in aggregate."""
    regions = [["US", "US", "CA", "BR"], ["GB", "DE", "FR", "NL", "PL"], ["IN", "SG", "JP", "KR", "PH"]]
    H = Harvest(rng, W, n_fams=rng.randint(4, 7), k=(4, 12), fam_p=0.65,
                cats=WChoice({"coding": 45, "reasoning": 30, "analysis": 15, "chat": 10}), cot_ab=(3.0, 3.5),
                think_p=0.15, out_mult=1.0, cap=8192, camo_p=0.15, stream_p=0.55, models=MODELS_DEV)
    wave = C.start - rng.uniform(5, 30) * 86400.0
    made = 0
    tries = 0
    while made < n and tries < n * 4:
        tries += 1
        cc = rng.choice(regions[tries % 3])
        tz = pick_tz(rng, cc)
        rate = lognorm(rng, 5.0, 0.4)
        if W.frac("strict_office", tz, C.start, W.dur) * rate < 0.8:
            continue
        acct = W.new_account(rng, wave + rng.uniform(0, 2 * 86400.0), cc, tz, org=None, pay="own")
        A = C.actor(acct, Home(W.net, rng, cc, mobile_p=0.05, v6_p=0.3), sdk_ua(rng, 0.03), "strict_office")
        A.greet = None
        A.rpm = 50
        reqs = []
        ns = max(1, W.n_sessions(rng, "strict_office", tz, rate, C.start, W.dur))
        for ts in W.sample_times(rng, "strict_office", tz, ns, C.start, W.dur):
            A.net.session(rng, W.local_hour(ts, tz))
            t = ts
            for _c in range(rng.randint(1, 3)):
                t = H.conv(rng, A, t, geometric(rng, 2.0), reqs, gap=(55.0, 0.5))
                t += lognorm(rng, 90, 0.7)
        C.commit(rng, A, reqs)
        made += 1


def c_stolen_keys(W, rng, C, n):
    """Keys stolen from real long-standing customers: the owner's own traffic continues alongside the thief's."""
    thief_cc = WChoice({"US": 30, "DE": 10, "NL": 10, "SG": 10, "JP": 10, "GB": 10, "BR": 10, "IN": 10})
    H = Harvest(rng, W, n_fams=rng.randint(3, 7), k=(3, 10), fam_p=0.8, cot_ab=(6.0, 2.5), think_p=0.5,
                out_mult=1.8, camo_p=0.0, stream_p=0.0,
                models=WChoice({"claude-opus-4-1": 70, "claude-sonnet-4-5": 30}),
                pivot_t=W.release_t + rng.uniform(0.5, 3) * 3600.0, pivot_p=0.7)
    thief_ua = rng.choice(["python-httpx/0.28.1", "python-requests/2.32.3", py_ua(rng)])
    for _ in range(n):
        cc = COUNTRY_W.pick(rng)
        acct = W.new_account(rng, -rng.uniform(365, 1400) * 86400.0, cc, org="own", pay="own",
                             n_keys=rng.randint(1, 3))
        owner = Actor(acct, Home(W.net, rng, cc, mobile_p=0.05,
                                 office=W.net.corp_ips(rng, cc, 1) if rng.random() < 0.5 else None, office_p=0.7),
                      sdk_ua(rng, 0.05), "office", label=C.cid)
        owner.rate_day = lognorm(rng, 3.0, 0.7)
        owner.cps, owner.tpc, owner.gap = 2.0, 4.0, 60.0
        owner.cats = WChoice({"coding": 55, "analysis": 15, "chat": 15, "writing": 15})
        owner.models = MODELS_DEV
        owner.rpm = 1000
        reqs = []
        gen_human(W, rng, owner, reqs)
        stolen = acct.keys[0]
        cc2 = thief_cc.pick(rng)
        thief = Actor(acct, Rotating(lambda r, c=cc2: W.net.res_ip(r, c)), thief_ua, "flat", label=C.cid)
        t_in = C.start + rng.uniform(0, 2 * 3600.0)
        k = poisson(rng, lognorm(rng, 40, 0.5) * max(0.0, W.dur - t_in) / (8 * 3600.0)) + 1
        for t in uniform_times(rng, k, t_in, W.dur):
            reqs.append(H.request(rng, thief, t, key=stolen))
        owner.t_min = 0.0
        C.commit(rng, owner, reqs, keep_pre=True)


# =========================================================================== assembly

def build_campaigns(W):
    rng = W.sub("campaigns")
    S = W.scale
    D = W.dur

    def sz(lo, hi, minimum, cap=None):
        v = max(minimum, int(round(S * rng.uniform(lo, hi))))
        return min(v, cap) if cap else v

    specs = [
        ("proxy_swarm", c_proxy_swarm, sz(250, 600, 40), rng.uniform(0.03, 0.45)),
        ("mobile_swarm", c_mobile_swarm, sz(60, 180, 20), rng.uniform(0.05, 0.6)),
        ("aged_accounts", c_aged, sz(25, 80, 12), rng.uniform(0.05, 0.6)),
        ("slow_drip", c_slow_drip, sz(120, 320, 30), rng.uniform(0.02, 0.35)),
        ("reseller", c_reseller, sz(25, 80, 12, 200), rng.uniform(0.05, 0.6)),
        ("scripted_fleet", c_scripted_fleet, rng.randint(20, 40), rng.uniform(0.1, 0.7)),
        ("tool_trajectory", c_tool_trajectory, sz(40, 120, 12), rng.uniform(0.05, 0.55)),
        ("release_pivot", c_release_pivot, sz(60, 180, 20), None),
        ("lone_scraper", lambda W_, r_, C_, n_: c_lone_scraper(W_, r_, C_, n_, 0), 1, rng.uniform(0.1, 0.7)),
        ("follow_the_sun", c_follow_the_sun, sz(40, 120, 18), rng.uniform(0.03, 0.5)),
        ("stolen_keys", c_stolen_keys, sz(8, 25, 4), rng.uniform(0.1, 0.65)),
    ]
    if rng.random() < 0.7:
        specs.append(("lone_scraper", lambda W_, r_, C_, n_: c_lone_scraper(W_, r_, C_, n_, 1), 1,
                      rng.uniform(0.1, 0.75)))
    rng.shuffle(specs)
    idx = 0
    for kind, fn, n, frac in specs:
        idx += 1
        if kind == "release_pivot":
            start = max(0.02 * D, W.release_t - rng.uniform(0.5, 2.5) * 3600.0)
        else:
            start = frac * D
        start = float(int(start))
        cid = f"c{idx:02d}"
        C = Camp(W, cid, kind, start)
        fn(W, W.sub(f"campaign:{cid}"), C, n)
        W.truth_campaigns[cid] = {"kind": kind, "start": W.fmt(start), "accounts": C.accounts}
