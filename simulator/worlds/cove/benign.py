"""The benign population: ordinary individuals of many kinds plus legitimate groups (hard negatives)."""
from .core import (NEW_MODEL, OLD_MODELS, Family, WChoice, beta, clamp, flip, geometric, lognorm, mkreq,
                   tok_in, tok_out)
from .jobs import batch_job, commit, cron_times, loop_job
from .net import Fixed, Home, PerSession
from .people import (COUNTRY_W, FRAMEWORK_UA, MODELS_CHEAP, MODELS_DEFAULT, MODELS_DEV, MODELS_HEAVY,
                     MOBILE_UA, OTHER_UA, Actor, conversation, gen_human, pick_tz, py_ua,
                     sdk_ua, ts_ua)

CATS_CASUAL = WChoice({"chat": 50, "writing": 18, "analysis": 8, "other": 8, "vision": 6, "reasoning": 6,
                       "coding": 4})
CATS_DEV = WChoice({"coding": 55, "analysis": 12, "chat": 10, "reasoning": 8, "tool_use": 8, "writing": 5,
                    "other": 2})
CATS_LEARN = WChoice({"reasoning": 45, "chat": 20, "coding": 20, "writing": 10, "analysis": 5})
CATS_WRITE = WChoice({"writing": 65, "chat": 15, "analysis": 12, "other": 8})
CATS_POWER = WChoice({"analysis": 30, "reasoning": 22, "coding": 22, "writing": 14, "chat": 12})
CATS_AGENT = WChoice({"tool_use": 60, "coding": 20, "chat": 10, "analysis": 10})


def age_t(rng, median_days=150.0, sigma=1.1, lo=0.5, hi=1100.0):
    d = clamp(lognorm(rng, median_days, sigma), lo, hi)
    return -d * 86400.0 - rng.uniform(0, 3600.0)


def maybe_adopt(W, rng, A, p, delay_h=1.5):
    if rng.random() < p:
        A.adopt_t = W.release_t + rng.expovariate(1.0 / (delay_h * 3600.0))
        A.adopt_p = rng.uniform(0.3, 0.95)


def paid(rng, free_p):
    return None if rng.random() < free_p else "own"


# =========================================================================== individual personas

def p_casual(W, rng):
    cc = COUNTRY_W.pick(rng)
    free = rng.random() < 0.35
    acct = W.new_account(rng, age_t(rng), cc, org="own" if rng.random() < 0.4 else None,
                         pay=None if free else "own")
    A = Actor(acct, Home(W.net, rng, cc, mobile_p=0.2, vpn_p=0.04, warp_p=0.05), sdk_ua(rng, 0.12), "evening")
    A.rate_day = lognorm(rng, 1.3, 1.0)
    A.cps, A.tpc, A.gap = 1.4, 3.0, lognorm(rng, 40, 0.4)
    A.cats = CATS_CASUAL
    A.step_p, A.think_p, A.stream_p = 0.04, 0.03, 0.75
    A.common, A.common_p = W.common, 0.06
    if rng.random() < 0.25:
        A.sys, A.sys_p = [W.ids.sysprompt()], 0.9
    A.rpm = 5 if free else 50
    maybe_adopt(W, rng, A, 0.06)
    reqs = []
    gen_human(W, rng, A, reqs)
    return A, reqs


def p_developer(W, rng, prof=None):
    cc = COUNTRY_W.pick(rng)
    acct = W.new_account(rng, age_t(rng, 200), cc, org="own" if rng.random() < 0.5 else None,
                         pay=paid(rng, 0.15), n_keys=rng.choice([1, 1, 1, 2, 3]))
    office = W.net.corp_ips(rng, cc, rng.randint(1, 2)) if rng.random() < 0.45 else None
    A = Actor(acct, Home(W.net, rng, cc, mobile_p=0.05, office=office, office_p=0.65, vpn_p=0.06, warp_p=0.03),
              sdk_ua(rng, 0.08), prof or ("office" if rng.random() < 0.8 else "night"))
    A.rate_day = lognorm(rng, 3.5, 0.9)
    A.cps, A.tpc, A.gap = 2.2, 4.0, lognorm(rng, 60, 0.5)
    A.cats = CATS_DEV
    A.step_p, A.think_p, A.stream_p = 0.06, 0.15, 0.55
    A.tool_p, A.tool_lo, A.tool_hi = 0.2, 1, 8
    if rng.random() < 0.5:
        A.sys = [W.ids.sysprompt() for _ in range(rng.randint(1, 3))]
        A.sys_p = 0.7
    if rng.random() < 0.4:
        A.fams = [Family(rng, 2, 8) for _ in range(rng.randint(1, 2))]
        A.fam_p = 0.3
    A.common, A.common_p = W.common, 0.03
    A.models = MODELS_DEV
    A.cap = 8192
    A.ct_p = 0.03
    A.rpm = 50 if rng.random() < 0.7 else 1000
    maybe_adopt(W, rng, A, 0.15)
    reqs = []
    gen_human(W, rng, A, reqs)
    return A, reqs


def p_new_free(W, rng):
    cc = COUNTRY_W.pick(rng)
    if rng.random() < 0.4:
        created = rng.uniform(0, W.dur * 0.92)
    else:
        created = -rng.uniform(600, 3 * 86400.0)
    acct = W.new_account(rng, created, cc, org="own" if rng.random() < 0.3 else None, pay=None)
    A = Actor(acct, Home(W.net, rng, cc, mobile_p=0.3, vpn_p=0.03), sdk_ua(rng, 0.15), "mixed")
    A.t_min = max(0.0, created + rng.uniform(60, 900))
    A.cps, A.tpc, A.gap = 1.2, 2.5, lognorm(rng, 35, 0.5)
    A.cats = CATS_CASUAL if rng.random() < 0.6 else CATS_DEV
    A.models = MODELS_CHEAP if rng.random() < 0.5 else MODELS_DEFAULT
    A.common, A.common_p = W.common, 0.15
    A.greet = W.greetings if (created > -86400 or rng.random() < 0.3) else None
    A.rpm = 5
    maybe_adopt(W, rng, A, 0.08, 1.0)
    reqs = []
    n = 1 + (1 if rng.random() < 0.35 else 0) + (1 if rng.random() < 0.15 else 0)
    t_end = W.dur
    times = []
    if A.t_min < t_end:
        times = [A.t_min + rng.uniform(0, 600)] if created >= 0 else []
        times += W.sample_times(rng, "mixed", acct.tz, n - len(times), A.t_min, t_end)
        times.sort()
    gen_human(W, rng, A, reqs, times=times)
    return A, reqs


def p_mobile(W, rng):
    cc = COUNTRY_W.pick(rng)
    if not W.net.has_mobile(cc):
        cc = "US"
    free = rng.random() < 0.3
    acct = W.new_account(rng, age_t(rng, 90), cc, org=None, pay=None if free else "own")
    carrier = W.net.mobile_carrier(rng, cc)
    A = Actor(acct, PerSession(lambda r, cc=cc, c=carrier: W.net.mobile_ip(r, cc, c)), MOBILE_UA.pick(rng),
              "evening")
    A.rate_day = lognorm(rng, 2.0, 0.9)
    A.cps, A.tpc, A.gap = 1.3, 3.0, lognorm(rng, 30, 0.5)
    A.cats = CATS_CASUAL
    A.stream_p = 0.9
    A.common, A.common_p = W.common, 0.05
    A.sys, A.sys_p = [W.ids.sysprompt()], 0.95
    A.models = MODELS_CHEAP if rng.random() < 0.5 else MODELS_DEFAULT
    A.rpm = 5 if free else 50
    reqs = []
    gen_human(W, rng, A, reqs)
    return A, reqs


def p_learner(W, rng):
    cc = COUNTRY_W.pick(rng)
    free = rng.random() < 0.5
    acct = W.new_account(rng, age_t(rng, 60), cc, org=None, pay=None if free else "own")
    A = Actor(acct, Home(W.net, rng, cc, mobile_p=0.15, vpn_p=0.03), sdk_ua(rng, 0.1), "evening")
    A.rate_day = lognorm(rng, 2.2, 0.8)
    A.cps, A.tpc, A.gap = 1.8, 4.0, lognorm(rng, 80, 0.5)
    A.cats = CATS_LEARN
    A.step_p = rng.uniform(0.25, 0.7)
    A.think_p = 0.15
    A.common, A.common_p = W.common, 0.08
    A.rpm = 5 if free else 50
    maybe_adopt(W, rng, A, 0.08)
    reqs = []
    gen_human(W, rng, A, reqs)
    return A, reqs


def p_writer(W, rng):
    cc = COUNTRY_W.pick(rng)
    acct = W.new_account(rng, age_t(rng, 200), cc, org="own" if rng.random() < 0.3 else None,
                         pay=paid(rng, 0.1))
    A = Actor(acct, Home(W.net, rng, cc, mobile_p=0.08), sdk_ua(rng, 0.1), "mixed")
    A.rate_day = lognorm(rng, 2.0, 0.8)
    A.cps, A.tpc, A.gap = 1.5, 5.0, lognorm(rng, 140, 0.5)
    A.cats = CATS_WRITE
    A.out_mult, A.cap = 1.8, 8192
    A.stream_p = 0.8
    if rng.random() < 0.5:
        A.sys, A.sys_p = [W.ids.sysprompt()], 0.8
    A.fams, A.fam_p = [Family(rng, 3, 10)], 0.2
    A.rpm = 50
    maybe_adopt(W, rng, A, 0.1)
    reqs = []
    gen_human(W, rng, A, reqs)
    return A, reqs


def p_power(W, rng):
    cc = COUNTRY_W.pick(rng)
    acct = W.new_account(rng, age_t(rng, 300), cc, org="own", pay="own", n_keys=rng.randint(1, 4))
    A = Actor(acct, Home(W.net, rng, cc, mobile_p=0.1, vpn_p=0.08), sdk_ua(rng, 0.05), "mixed")
    A.rate_day = lognorm(rng, 7.0, 0.7)
    A.cps, A.tpc, A.gap = 3.5, 5.0, lognorm(rng, 35, 0.5)
    A.cats = CATS_POWER
    A.step_p, A.think_p = 0.12, 0.4
    A.models = MODELS_HEAVY
    A.cap = 16000
    A.sys = [W.ids.sysprompt() for _ in range(rng.randint(1, 4))]
    A.sys_p = 0.6
    A.fams, A.fam_p = [Family(rng, 2, 9) for _ in range(3)], 0.15
    A.rpm = 1000
    maybe_adopt(W, rng, A, 0.4, 0.8)
    reqs = []
    gen_human(W, rng, A, reqs)
    return A, reqs


def p_vpn(W, rng):
    cc = COUNTRY_W.pick(rng)
    acct = W.new_account(rng, age_t(rng), cc, org=None, pay=paid(rng, 0.25))
    A = Actor(acct, Home(W.net, rng, cc, mobile_p=0.05, vpn_p=0.85), sdk_ua(rng, 0.1),
              rng.choice(["mixed", "evening", "office"]))
    A.rate_day = lognorm(rng, 2.5, 0.9)
    A.cps, A.tpc, A.gap = 1.8, 3.5, lognorm(rng, 50, 0.5)
    A.cats = CATS_DEV if rng.random() < 0.5 else CATS_CASUAL
    A.step_p, A.think_p = 0.08, 0.1
    A.common, A.common_p = W.common, 0.04
    A.rpm = 50
    maybe_adopt(W, rng, A, 0.1)
    reqs = []
    gen_human(W, rng, A, reqs)
    return A, reqs


def p_hobby_agent(W, rng):
    cc = COUNTRY_W.pick(rng)
    acct = W.new_account(rng, age_t(rng, 100), cc, org=None, pay=paid(rng, 0.2))
    A = Actor(acct, Home(W.net, rng, cc, mobile_p=0.03, vpn_p=0.05), FRAMEWORK_UA.pick(rng),
              rng.choice(["evening", "night", "mixed"]))
    A.rate_day = lognorm(rng, 2.2, 0.9)
    A.cps, A.tpc, A.gap = 1.5, 9.0, 20.0
    A.cats = CATS_AGENT
    A.tool_p, A.tool_lo, A.tool_hi = 0.7, 2, rng.randint(6, 16)
    A.in_mult = 1.5
    A.sys, A.sys_p = [W.ids.sysprompt()], 0.95
    A.sys_tok = rng.randint(600, 3000)
    A.stream_p = 0.3
    A.rpm = 50
    maybe_adopt(W, rng, A, 0.12)
    reqs = []
    gen_human(W, rng, A, reqs)
    return A, reqs


def p_notebook(W, rng):
    """Data scientist: interactive prompts plus loops over a dataset with one template."""
    cc = COUNTRY_W.pick(rng)
    acct = W.new_account(rng, age_t(rng, 180), cc, org="own" if rng.random() < 0.5 else None,
                         pay=paid(rng, 0.1), n_keys=rng.randint(1, 2))
    u = rng.random()
    if u < 0.4:
        net = PerSession(lambda r: W.net.host_ip(r, "gcp"))
    elif u < 0.7:
        net = Home(W.net, rng, cc, mobile_p=0.0)
    else:
        net = Fixed(W.net.corp_ips(rng, cc, 2))
    ua = py_ua(rng) if rng.random() < 0.75 else FRAMEWORK_UA.pick(rng)
    A = Actor(acct, net, ua, "office")
    A.rate_day = lognorm(rng, 1.6, 0.6)
    A.cps, A.tpc, A.gap = 1.5, 2.0, 60.0
    A.cats = WChoice({"analysis": 50, "coding": 30, "other": 20})
    A.models = MODELS_DEV
    A.rpm = 50 if rng.random() < 0.5 else 1000
    reqs = []
    gen_human(W, rng, A, reqs)
    times = W.sample_times(rng, "office", acct.tz, max(1, W.n_sessions(rng, "office", acct.tz, 1.2)))
    for t0 in times:
        if rng.random() > 0.55:
            continue
        fam = Family(rng, 2, 7)
        cat = rng.choice(["analysis", "other", "writing", "analysis"])
        model = rng.choice(["claude-haiku-4-5", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-3-5-haiku"])
        sp = W.ids.sysprompt() if rng.random() < 0.6 else None
        key = A.key(rng)
        A.net.session(rng)
        ip = A.net.ip(rng)
        out_m = rng.uniform(0.15, 0.6)

        def item(t, fam=fam, cat=cat, model=model, sp=sp, key=key, ip=ip, out_m=out_m):
            itok = tok_in(rng, cat, 0.7)
            cot = beta(rng, 1, 12)
            return mkreq(rng, t, key, ip, ua, model, cat, cot, fam.draw(rng), sp, itok + (300 if sp else 0),
                         tok_out(rng, cat, cot, False, 2048, out_m))

        n_items = int(clamp(lognorm(rng, 70, 1.0), 10, 1500))
        if rng.random() < 0.25:
            batch_job(W, rng, t0, n_items, item, reqs, rng.uniform(120, 1800))
        else:
            loop_job(W, rng, t0, n_items, rng.choice([1, 1, 2, 4, 8]), item, reqs, (0.02, 0.8),
                     limit_rpm=A.rpm if rng.random() < 0.8 else None)
    return A, reqs


def p_app_backend(W, rng):
    """A small product running on a cloud VM; traffic follows its end users."""
    cc = COUNTRY_W.pick(rng)
    acct = W.new_account(rng, age_t(rng, 250, 0.9, 10), cc, org="own", pay="own", n_keys=rng.randint(1, 3))
    prov = rng.choice(["aws", "aws", "gcp", "azure", "digitalocean", "hetzner", "vultr", "linode"])
    A = Actor(acct, Fixed([W.net.host_ip(rng, prov) for _ in range(rng.randint(1, 3))]),
              sdk_ua(rng, 0.1), "app")
    kind = rng.choice(["chatbot", "writer", "support", "code", "summarizer", "tutor"])
    A.cats = {"chatbot": WChoice({"chat": 80, "writing": 10, "other": 10}),
              "writer": WChoice({"writing": 80, "chat": 20}),
              "support": WChoice({"chat": 60, "tool_use": 25, "analysis": 15}),
              "code": WChoice({"coding": 80, "chat": 20}),
              "summarizer": WChoice({"analysis": 85, "writing": 15}),
              "tutor": WChoice({"reasoning": 50, "chat": 40, "writing": 10})}[kind]
    A.sys = [W.ids.sysprompt() for _ in range(rng.randint(1, 4))]
    A.sys_p, A.sys_tok = 0.97, rng.randint(200, 2500)
    if kind in ("summarizer", "support"):
        A.fams, A.fam_p = [Family(rng, 2, 8) for _ in range(rng.randint(2, 5))], 0.8
    if kind == "tutor":
        A.step_p = 0.5
    A.tool_p, A.tool_lo, A.tool_hi = (0.6, 2, 6) if kind == "support" else (0.0, 1, 2)
    A.gap = 30.0
    A.stream_p = 0.85
    A.models = MODELS_CHEAP if rng.random() < 0.5 else MODELS_DEFAULT
    A.rpm = 1000
    rate_h = lognorm(rng, 2.2, 1.1)
    n = W.n_sessions(rng, "app", acct.tz, rate_h * 24.0)
    times = W.sample_times(rng, "app", acct.tz, n)
    reqs = []
    for t in times:
        cat = A.cats.pick(rng)
        conversation(W, rng, A, t, cat, geometric(rng, 1.8), reqs)
    return A, reqs


def p_solo_bench(W, rng):
    """Independent researcher running evaluation suites in bursts, any hour."""
    cc = COUNTRY_W.pick(rng)
    acct = W.new_account(rng, age_t(rng, 250), cc, org="own" if rng.random() < 0.5 else None, pay="own")
    cloud = rng.random() < 0.6
    if cloud:
        net = Fixed([W.net.host_ip(rng, rng.choice(["aws", "gcp", "gcp", "azure", "linode"]))])
    else:
        net = Home(W.net, rng, cc, mobile_p=0.0)
    ua = rng.choice([py_ua(rng), py_ua(rng), FRAMEWORK_UA.pick(rng), "python-httpx/0.28.1"])
    A = Actor(acct, net, ua, "night" if rng.random() < 0.4 else "mixed")
    A.rate_day = 1.5
    A.cats = CATS_DEV
    A.rpm = 4000 if rng.random() < 0.5 else 1000
    reqs = []
    gen_human(W, rng, A, reqs)
    suites = [Family(rng, 1, 5) for _ in range(rng.randint(2, 5))]
    n_runs = (1 if rng.random() < 0.55 else 0) + (1 if rng.random() < 0.25 else 0)
    for _ in range(n_runs):
        t0 = rng.uniform(0, W.dur * 0.95)
        bench_run(W, rng, A, t0, rng.choice(suites), reqs, n_med=150)
    return A, reqs


def bench_run(W, rng, A, t0, fam, reqs, n_med=250, cats=None, model=None, ip=None):
    if model is None:
        model = rng.choice(OLD_MODELS[:4])
        if t0 > W.release_t and rng.random() < 0.6:
            model = NEW_MODEL
    cat = (cats or rng.choice(["reasoning", "reasoning", "coding", "analysis"]))
    think = rng.random() < 0.5
    cot_mode = rng.random()
    sp = W.ids.sysprompt() if rng.random() < 0.4 else None
    key = A.key(rng)
    A.net.session(rng)
    if ip is None:
        ip = A.net.ip(rng)
    ua = A.ua

    def item(t):
        cot = beta(rng, 5, 2.2) if cot_mode < 0.6 else beta(rng, 1.5, 5)
        itok = tok_in(rng, cat, 1.0) + (400 if sp else 0)
        return mkreq(rng, t, key, ip, ua, model, cat, cot, fam.draw(rng), sp, itok,
                     tok_out(rng, cat, cot, think, 32000 if think else 8192), think=think)

    n_items = int(clamp(lognorm(rng, n_med, 0.8), 20, 3000))
    if rng.random() < 0.25:
        batch_job(W, rng, t0, n_items, item, reqs, rng.uniform(300, 3600))
    else:
        loop_job(W, rng, t0, n_items, rng.choice([2, 4, 8, 8, 16, 32]), item, reqs, (0.0, 0.3),
                 limit_rpm=A.rpm if rng.random() < 0.8 else None)


def p_ops_bot(W, rng):
    """Personal automation on a VPS: cron-driven, machine-regular."""
    cc = COUNTRY_W.pick(rng)
    acct = W.new_account(rng, age_t(rng, 200), cc, org=None, pay="own")
    A = Actor(acct, Fixed([W.net.host_ip(rng)]), OTHER_UA.pick(rng) if rng.random() < 0.6 else py_ua(rng), "flat")
    A.rpm = 50
    reqs = []
    fam = Family(rng, 1, 4)
    sp = W.ids.sysprompt() if rng.random() < 0.7 else None
    cat = rng.choice(["analysis", "writing", "other", "chat"])
    model = rng.choice(["claude-haiku-4-5", "claude-3-5-haiku", "claude-sonnet-4-5"])
    period = rng.choice([300, 600, 900, 900, 1800, 1800, 3600, 3600])
    ip = A.net.ip(rng)
    for t in cron_times(rng, period, 0, W.dur, (0.1, 1.8), skip_p=0.03):
        cot = beta(rng, 1, 14)
        reqs.append(mkreq(rng, t, acct.keys[0], ip, A.ua, model, cat, cot, fam.draw(rng), sp,
                          tok_in(rng, cat) + (250 if sp else 0), tok_out(rng, cat, cot, False, 1024, 0.5)))
    return A, reqs


INDIVIDUALS = WChoice([
    (p_casual, 24), (p_developer, 21), (p_new_free, 9), (p_mobile, 7), (p_learner, 6), (p_writer, 4),
    (p_power, 3), (p_vpn, 4), (p_hobby_agent, 5), (p_notebook, 4), (p_app_backend, 6), (p_solo_bench, 2),
    (p_ops_bot, 3),
])


# =========================================================================== groups

class GroupCtx:
    def __init__(self, W, gid, kind):
        self.W = W
        self.gid = gid
        self.kind = kind
        self.n = 0

    def commit(self, rng, A, reqs):
        commit(self.W, rng, A, reqs)
        self.n += 1


def g_ide(W, rng, G, size, product, oss=False):
    """Users of an IDE/agent product: shared system prompt, many tools, long contexts."""
    sdk = ts_ua(rng) if rng.random() < 0.6 else py_ua(rng)
    vers = [f"{rng.randint(0, 3)}.{rng.randint(1, 40)}.{rng.randint(0, 9)}" for _ in range(3)]
    sys_main = product["sys"]
    sys_old = product["sys_old"]
    sys_helper = product["sys_helper"]
    base_tools = product["tools"]
    product["uas"] = [f"{sdk} {product['name']}/{v}" for v in vers]
    for _ in range(size):
        cc = COUNTRY_W.pick(rng)
        acct = W.new_account(rng, age_t(rng, 160), cc, org="own" if rng.random() < 0.4 else None,
                             pay=paid(rng, 0.08 if not oss else 0.2))
        office = W.net.corp_ips(rng, cc, 1) if rng.random() < 0.4 else None
        ver = vers[0] if rng.random() < 0.6 else rng.choice(vers)
        A = Actor(acct, Home(W.net, rng, cc, mobile_p=0.02, office=office, office_p=0.7, vpn_p=0.05),
                  f"{sdk} {product['name']}/{ver}",
                  ("evening" if rng.random() < 0.5 else "night") if oss else ("office" if rng.random() < 0.8 else "mixed"))
        A.rate_day = lognorm(rng, 2.4, 0.8)
        A.rpm = 50 if rng.random() < 0.6 else 1000
        A.models = WChoice({"claude-sonnet-4-5": 70, "claude-opus-4-1": 18, "claude-sonnet-4": 12})
        maybe_adopt(W, rng, A, 0.25, 2.0)
        sp = sys_main if rng.random() < 0.8 else sys_old
        n_tools = base_tools + (rng.randint(0, 25) if rng.random() < 0.5 else 0)
        think_user = rng.random() < 0.3
        reqs = []
        n = W.n_sessions(rng, A.prof, acct.tz, A.rate_day)
        for ts in W.sample_times(rng, A.prof, acct.tz, n):
            A.net.session(rng, W.local_hour(ts, acct.tz))
            t = ts
            for _task in range(geometric(rng, 1.8)):
                t = agent_task(W, rng, A, t, sp, sys_helper, n_tools, think_user, reqs,
                               steps_mean=14, cot_ab=(1.0, 16.0))
                t += lognorm(rng, 150, 1.0)
                if t >= W.dur:
                    break
        G.commit(rng, A, reqs)


def agent_task(W, rng, A, t, sp, sys_helper, n_tools, think_user, reqs, steps_mean=14, cot_ab=(1.0, 16.0),
               sh=None, sys_tok=None, key=None, t_end=None, exec_med=3.0, helper_p=0.15, ip_fn=None):
    """One agentic task: a growing trajectory of tool calls."""
    if t_end is None:
        t_end = W.dur
    model = A.model(rng, t)
    if sh is None:
        sh = rng.getrandbits(64)
    if key is None:
        key = A.key(rng)
    ctx = (sys_tok or rng.randint(6000, 14000)) + n_tools * 330
    steps = min(150, geometric(rng, steps_mean))
    turns = 1
    cot = beta(rng, *cot_ab)
    stream = rng.random() < 0.92
    cat0 = "coding" if rng.random() < 0.5 else "tool_use"
    for k in range(steps):
        ip = ip_fn(rng) if ip_fn else A.net.ip(rng)
        cat = cat0 if k == 0 else ("tool_use" if rng.random() < 0.8 else "coding")
        if k == 0:
            ctx += tok_in(rng, "coding")
        else:
            ctx += int(lognorm(rng, 900, 1.1))
        if ctx > 185000:
            ctx = rng.randint(25000, 45000)
        think = think_user and rng.random() < 0.7
        otok = int(clamp(lognorm(rng, 170, 0.9), 8, 8000))
        if rng.random() < 0.12:
            otok = int(clamp(lognorm(rng, 1500, 0.6), 200, 16000))
        if think:
            otok += int(lognorm(rng, 600, 0.9))
        r = mkreq(rng, t, key, ip, A.ua, model, cat, clamp(cot + rng.gauss(0, 0.02), 0, 1), sh, sp, ctx, otok,
                  turns=turns, tools=n_tools, think=think, stream=stream)
        reqs.append(r)
        if sys_helper is not None and rng.random() < helper_p:
            h = mkreq(rng, t + 0.2, key, ip, A.ua, "claude-haiku-4-5", "other", beta(rng, 1, 25),
                      rng.getrandbits(64), sys_helper, int(lognorm(rng, 1200, 0.6)), int(lognorm(rng, 40, 0.5)))
            reqs.append(h)
        ctx += otok
        turns += 2
        sh = flip(rng, sh, rng.randint(0, 3))
        t += r["lat"] / 1000.0 + lognorm(rng, exec_med, 1.0)
        if t >= t_end:
            break
    return t


def g_plugin(W, rng, G, size, plugin):
    """Users of a popular integration: shared templates and system prompt; some run it as a bot."""
    cloud = plugin["cloud"]
    for _ in range(size):
        cc = COUNTRY_W.pick(rng)
        acct = W.new_account(rng, age_t(rng, 120), cc, org="own" if rng.random() < 0.3 else None,
                             pay=paid(rng, 0.15))
        bot = rng.random() < plugin["bot_p"]
        A = Actor(acct, Fixed(cloud) if bot else Home(W.net, rng, cc, mobile_p=0.05,
                                                        office=W.net.corp_ips(rng, cc, 1) if rng.random() < 0.4 else None,
                                                        office_p=0.7),
                  plugin["ua"] if rng.random() < 0.9 else plugin["ua_old"], "office")
        A.sys, A.sys_p = plugin["sys"], 0.97
        A.sys_tok = plugin["sys_tok"]
        A.fams, A.fam_p = plugin["fams"], 0.85
        A.cats = plugin["cats"]
        A.models = plugin["models"]
        A.rate_day = lognorm(rng, 3.0, 0.8)
        A.cps, A.tpc, A.gap = 3.0, 1.3, lognorm(rng, 25, 0.6)
        A.stream_p = 0.2
        A.rpm = 50
        reqs = []
        if bot:
            period = rng.choice(plugin["periods"])
            cat = A.cats.pick(rng)
            sp = plugin["sys"][0]
            ip = cloud[rng.randrange(len(cloud))]
            for t in cron_times(rng, period, 0, W.dur, (0.2, 2.5), skip_p=0.02):
                cot = beta(rng, 1, 14)
                reqs.append(mkreq(rng, t, acct.keys[0], ip, A.ua, A.models.pick(rng), cat, cot,
                                  rng.choice(plugin["fams"]).draw(rng), sp,
                                  A.sys_tok + tok_in(rng, cat), tok_out(rng, cat, cot, False, 2048, 0.6)))
        else:
            gen_human(W, rng, A, reqs)
        G.commit(rng, A, reqs)


def g_team(W, rng, G, size):
    """A company team: one org, one invoice card, one internal tool, office hours, office NAT."""
    cc = COUNTRY_W.pick(rng)
    tz = pick_tz(rng, cc)
    org, card = W.ids.org(), W.ids.pay()
    if rng.random() < 0.3:
        egress = [W.net.zscaler_ip(rng, cc) for _ in range(rng.randint(2, 6))]
    else:
        egress = W.net.corp_ips(rng, cc, rng.randint(1, 2))
    team_sys = [W.ids.sysprompt() for _ in range(rng.randint(1, 2))]
    team_ua = rng.choice([py_ua(rng), ts_ua(rng), "python-httpx/0.27.2", FRAMEWORK_UA.pick(rng)])
    fams = [Family(rng, 2, 9) for _ in range(rng.randint(2, 5))]
    created_base = age_t(rng, 200, 0.8, 5)
    cats = rng.choice([CATS_DEV, CATS_POWER, CATS_WRITE, WChoice({"analysis": 50, "writing": 25, "chat": 25})])
    adopt = rng.random() < 0.3
    for _ in range(size):
        created = min(created_base + rng.uniform(0, 120) * 86400.0 * (1 if rng.random() < 0.7 else 0),
                      -rng.uniform(1, 10) * 86400.0)
        acct = W.new_account(rng, created, cc, tz, org=org, pay=card)
        A = Actor(acct, Home(W.net, rng, cc, mobile_p=0.03, office=egress, office_p=0.85, vpn_p=0.03),
                  team_ua if rng.random() < 0.75 else sdk_ua(rng), "strict_office" if rng.random() < 0.5 else "office")
        A.rate_day = lognorm(rng, 3.5, 0.8)
        A.cps, A.tpc, A.gap = 2.0, 3.5, lognorm(rng, 60, 0.5)
        A.cats = cats
        A.sys, A.sys_p = team_sys, 0.65
        A.fams, A.fam_p = fams, 0.3
        A.models = MODELS_DEV
        A.cap = 8192
        A.rpm = 1000
        if adopt:
            maybe_adopt(W, rng, A, 0.8, 2.5)
        reqs = []
        gen_human(W, rng, A, reqs)
        G.commit(rng, A, reqs)


def g_cohort(W, rng, G, size):
    """A course cohort: fresh free accounts, campus NAT, assignment templates, step-by-step, deadline burst."""
    univ = rng.choice(W.net.univ_list)
    cc = W.net.univ[univ]["cc"]
    tz = pick_tz(rng, cc)
    campus = W.net.campus_ips(rng, univ, rng.randint(1, 3))
    asg = [Family(rng, 2, 9) for _ in range(rng.randint(3, 6))]
    course_sys = W.ids.sysprompt()
    course_ua = py_ua(rng)
    course_model = rng.choice(["claude-haiku-4-5", "claude-sonnet-4-5", "claude-haiku-4-5"])
    # deadline: local 23:59 if it falls in the window, else somewhere late in it
    dl = None
    t = W.dur * 0.3
    while t < W.dur:
        if abs(W.local_hour(t, tz) - 23.98) < 0.02:
            dl = t
            break
        t += 60.0
    if dl is None:
        dl = W.dur * rng.uniform(0.55, 0.97)
    lab = None
    if rng.random() < 0.6:
        t = 0.0
        while t < W.dur * 0.8:
            if abs(W.local_hour(t, tz) - 14.0) < 0.02:
                lab = t
                break
            t += 60.0
    signup = -rng.uniform(1.5, 6.0) * 86400.0
    for _ in range(size):
        acct = W.new_account(rng, signup + rng.gauss(0, 3 * 3600.0), cc, tz, org=None,
                             pay=None if rng.random() < 0.85 else "own")
        dorm = rng.random() < 0.5
        home = Home(W.net, rng, cc, mobile_p=0.1)
        A = Actor(acct, Fixed(campus) if dorm else home, course_ua if rng.random() < 0.8 else sdk_ua(rng), "evening")
        A.cats = WChoice({"reasoning": 50, "coding": 40, "chat": 10})
        A.fams, A.fam_p = asg, 0.75
        A.step_p = rng.uniform(0.5, 0.9)
        A.sys, A.sys_p = [course_sys], 0.6
        A.models = WChoice({course_model: 85, "claude-sonnet-4-5": 10, "claude-haiku-4-5": 5})
        A.stream_p = 0.25
        A.cps, A.tpc, A.gap = 3.0, 1.8, lognorm(rng, 70, 0.5)
        A.think_p = 0.05
        A.greet = W.greetings if rng.random() < 0.35 else None
        A.rpm = 5
        times = []
        for _k in range(1 + int(rng.expovariate(1 / 1.3))):
            x = dl - rng.expovariate(1.0 / (2.5 * 3600.0))
            if 0 <= x < W.dur:
                times.append(x)
        times += W.sample_times(rng, "evening", tz, W.n_sessions(rng, "evening", tz, 1.0))
        in_lab = lab is not None and rng.random() < 0.6
        times.sort()
        reqs = []
        if in_lab:
            campus_actor_net = A.net
            A.net = Fixed(campus)
            gen_human(W, rng, A, reqs, times=[lab + rng.uniform(0, 1800)])
            A.net = campus_actor_net
            A.greet = None
        gen_human(W, rng, A, reqs, times=times)
        G.commit(rng, A, reqs)


def g_hackathon(W, rng, G, size):
    cc = rng.choice(["US", "US", "GB", "DE", "IN", "SG", "FR", "CA"])
    tz = pick_tz(rng, cc)
    venue = W.net.corp_ips(rng, cc, rng.randint(1, 2))
    h0 = rng.uniform(-2 * 3600.0, W.dur * 0.4)
    h1 = h0 + rng.uniform(5, 9) * 3600.0
    kit_sys = W.ids.sysprompt()
    kit_ua = rng.choice([ts_ua(rng), py_ua(rng)])
    for _ in range(size):
        created = rng.uniform(h0 - 3 * 3600.0, h0 + 3600.0)
        acct = W.new_account(rng, created, cc, tz, org=None, pay=None if rng.random() < 0.8 else "own")
        A = Actor(acct, Fixed(venue) if rng.random() < 0.85 else Home(W.net, rng, cc, mobile_p=0.5),
                  kit_ua if rng.random() < 0.7 else sdk_ua(rng), "flat")
        A.t_min = max(0.0, created + rng.uniform(120, 1800), h0)
        A.t_max = min(W.dur, h1)
        if A.t_min >= A.t_max:
            A.t_min, A.t_max = max(0.0, created + 300.0), W.dur
        A.cats = WChoice({"coding": 40, "tool_use": 30, "chat": 15, "vision": 5, "analysis": 10})
        A.sys, A.sys_p = [kit_sys, W.ids.sysprompt()], 0.7
        A.tool_p, A.tool_lo, A.tool_hi = 0.5, 2, 8
        A.cps, A.tpc, A.gap = 2.0, 5.0, lognorm(rng, 30, 0.6)
        A.greet = W.greetings if rng.random() < 0.6 else None
        A.rpm = 5 if acct.pay is None else 50
        A.models = MODELS_DEV
        reqs = []
        n = 1 + int(rng.expovariate(1 / 3.0))
        gen_human(W, rng, A, reqs, times=sorted(rng.uniform(A.t_min, A.t_max) for _ in range(n)))
        G.commit(rng, A, reqs)


def g_bench_lab(W, rng, G, size):
    cc = rng.choice(["US", "US", "GB", "CH", "DE", "CA", "SG", "JP"])
    org, card = W.ids.org(), W.ids.pay()
    suites = [Family(rng, 1, 5) for _ in range(rng.randint(4, 10))]
    prov = rng.choice(["gcp", "aws", "azure"])
    for _ in range(size):
        acct = W.new_account(rng, age_t(rng, 300, 0.7, 20), cc, org=org, pay=card, n_keys=rng.randint(1, 3))
        A = Actor(acct, Fixed([W.net.host_ip(rng, prov) for _ in range(rng.randint(1, 2))]),
                  py_ua(rng) if rng.random() < 0.6 else FRAMEWORK_UA.pick(rng), "mixed")
        A.rate_day = 1.0
        A.cats = CATS_DEV
        A.rpm = 4000
        reqs = []
        gen_human(W, rng, A, reqs)
        for _r in range(rng.randint(1, 3)):
            t0 = rng.uniform(0, W.dur * 0.95)
            bench_run(W, rng, A, t0, rng.choice(suites), reqs, n_med=300)
        G.commit(rng, A, reqs)


def g_enterprise(W, rng, G, size):
    """Enterprise batch pipelines: templated, regular, 24/7, several keys, one org."""
    cc = rng.choice(["US", "US", "US", "GB", "DE", "JP", "FR", "IN", "CA"])
    org, card = W.ids.org(), W.ids.pay()
    nat = [W.net.host_ip(rng, "aws", cc) for _ in range(rng.randint(2, 4))]
    ua = rng.choice([py_ua(rng), "anthropic-java/2.8.1", "anthropic-go/1.13.0", py_ua(rng)])
    for _ in range(size):
        acct = W.new_account(rng, age_t(rng, 400, 0.6, 60), cc, org=org, pay=card, n_keys=rng.randint(3, 8))
        A = Actor(acct, Fixed(nat), ua, "flat")
        A.rpm = 4000
        reqs = []
        for j in range(rng.randint(1, 3)):
            fam = Family(rng, 1, 6)
            sp = W.ids.sysprompt()
            spt = rng.randint(300, 4000)
            cat = rng.choice(["analysis", "other", "writing", "analysis", "chat"])
            model = rng.choice(["claude-haiku-4-5", "claude-sonnet-4-5", "claude-3-5-haiku", "claude-sonnet-4"])
            key = acct.keys[j % len(acct.keys)]
            out_m = rng.uniform(0.2, 1.2)

            def item(t, fam=fam, sp=sp, spt=spt, cat=cat, model=model, key=key, out_m=out_m):
                cot = beta(rng, 1, 15)
                return mkreq(rng, t, key, rng.choice(nat), ua, model, cat, cot, fam.draw(rng), sp,
                             spt + tok_in(rng, cat), tok_out(rng, cat, cot, False, 4096, out_m))

            if rng.random() < 0.4:
                period = rng.uniform(1.0, 2.5) * 3600.0
                for t in cron_times(rng, period, 0, W.dur, (0, 60)):
                    batch_job(W, rng, t, int(clamp(lognorm(rng, 250, 0.7), 30, 4000)), item, reqs,
                              rng.uniform(300, 2700))
            else:
                rate_min = clamp(lognorm(rng, 0.8, 0.8), 0.1, 12.0)
                t = rng.expovariate(rate_min / 60.0)
                while t < W.dur:
                    reqs.append(item(t))
                    t += rng.expovariate(rate_min / 60.0)
        G.commit(rng, A, reqs)


def g_saas(W, rng, G, size):
    """A legitimate platform reselling access to its tenants: one org, one card, cloud egress."""
    cc = rng.choice(["US", "US", "GB", "DE", "FR", "IN", "BR", "SG"])
    tz = pick_tz(rng, cc)
    org, card = W.ids.org(), W.ids.pay()
    prov = rng.choice(["aws", "gcp", "azure", "digitalocean", "hetzner"])
    egress = [W.net.host_ip(rng, prov) for _ in range(rng.randint(3, 8))]
    ua = rng.choice([ts_ua(rng), py_ua(rng)])
    guard_sys = W.ids.sysprompt()
    title_fam = Family(rng, 2, 6)
    for _ in range(size):
        acct = W.new_account(rng, age_t(rng, 150, 0.9, 3), cc, tz, org=org, pay=card)
        A = Actor(acct, Fixed(egress), ua, "app")
        A.sys = [W.ids.sysprompt() for _ in range(rng.randint(1, 3))]
        A.sys_p, A.sys_tok = 0.95, rng.randint(300, 3000)
        A.cats = rng.choice([CATS_CASUAL, CATS_WRITE, WChoice({"chat": 50, "analysis": 30, "tool_use": 20})])
        A.tool_p, A.tool_lo, A.tool_hi = 0.2, 1, 6
        A.gap = 35.0
        A.stream_p = 0.9
        A.rpm = 1000
        A.models = MODELS_DEFAULT
        reqs = []
        n = W.n_sessions(rng, "app", tz, lognorm(rng, 1.5, 1.0) * 24.0)
        for t in W.sample_times(rng, "app", tz, n):
            if rng.random() < 0.3:
                reqs.append(mkreq(rng, t, acct.keys[0], rng.choice(egress), ua, "claude-haiku-4-5", "other",
                                  beta(rng, 1, 25), rng.getrandbits(64), guard_sys,
                                  int(lognorm(rng, 400, 0.6)), rng.randint(2, 12)))
                t += 1.0
            t = conversation(W, rng, A, t, A.cats.pick(rng), geometric(rng, 2.0), reqs)
            if rng.random() < 0.3:
                reqs.append(mkreq(rng, t, acct.keys[0], rng.choice(egress), ua, "claude-haiku-4-5", "writing",
                                  beta(rng, 1, 25), title_fam.draw(rng), guard_sys,
                                  int(lognorm(rng, 700, 0.6)), rng.randint(5, 20)))
        G.commit(rng, A, reqs)


def g_release_eval(W, rng, G, size):
    """A start-up that evaluates every new model within hours of its release."""
    cc = rng.choice(["US", "US", "GB", "FR", "DE", "IN", "CA", "IL"])
    tz = pick_tz(rng, cc)
    org, card = W.ids.org(), W.ids.pay()
    office = W.net.corp_ips(rng, cc, 1)
    cloud = [W.net.host_ip(rng, rng.choice(["aws", "gcp"])) for _ in range(2)]
    suites = [Family(rng, 1, 6) for _ in range(rng.randint(3, 7))]
    t_eval = W.release_t + rng.uniform(0.3, 2.5) * 3600.0
    for _ in range(size):
        acct = W.new_account(rng, age_t(rng, 250, 0.7, 30), cc, tz, org=org, pay=card, n_keys=rng.randint(1, 2))
        A = Actor(acct, Home(W.net, rng, cc, mobile_p=0.02, office=office, office_p=0.9), py_ua(rng), "office")
        A.rate_day = lognorm(rng, 3.0, 0.7)
        A.cats = CATS_DEV
        A.cps, A.tpc, A.gap = 2.0, 4.0, 60.0
        A.models = MODELS_DEV
        A.adopt_t, A.adopt_p = t_eval, 0.8
        A.rpm = 4000
        reqs = []
        gen_human(W, rng, A, reqs)
        if t_eval < W.dur and rng.random() < 0.7:
            for _r in range(rng.randint(1, 3)):
                bench_run(W, rng, A, t_eval + rng.uniform(0, 2 * 3600.0), rng.choice(suites), reqs, n_med=120,
                          model=NEW_MODEL, ip=rng.choice(cloud))
        G.commit(rng, A, reqs)


def g_corp_nat(W, rng, G, size):
    """Unrelated employees with personal accounts behind one corporate egress."""
    cc = rng.choice(["US", "US", "GB", "DE", "IN", "JP", "FR", "BR", "CA"])
    tz = pick_tz(rng, cc)
    egress = [W.net.zscaler_ip(rng, cc) for _ in range(3)] if rng.random() < 0.4 else W.net.corp_ips(rng, cc, 3)
    for _ in range(size):
        dev = rng.random() < 0.6
        acct = W.new_account(rng, age_t(rng), cc, tz, org=None, pay=paid(rng, 0.3))
        A = Actor(acct, Home(W.net, rng, cc, mobile_p=0.05, office=egress, office_p=0.9), sdk_ua(rng), "office")
        if dev:
            A.rate_day, A.cats, A.cps, A.tpc, A.gap = lognorm(rng, 3, 0.8), CATS_DEV, 2.0, 3.5, 60.0
            A.models = MODELS_DEV
        else:
            A.rate_day, A.cats, A.cps, A.tpc, A.gap = lognorm(rng, 1.5, 0.8), CATS_CASUAL, 1.3, 3.0, 45.0
        A.common, A.common_p = W.common, 0.05
        A.rpm = 50
        reqs = []
        gen_human(W, rng, A, reqs)
        G.commit(rng, A, reqs)


def g_household(W, rng, G, size):
    cc = COUNTRY_W.pick(rng)
    tz = pick_tz(rng, cc)
    card = W.ids.pay()
    first = None
    for _ in range(size):
        acct = W.new_account(rng, age_t(rng, 200), cc, tz, org=None, pay=card)
        net = Home(W.net, rng, cc, mobile_p=0.2)
        if first is None:
            first = net
        else:
            net.home = first.home
        A = Actor(acct, net, sdk_ua(rng, 0.1), "evening")
        A.rate_day = lognorm(rng, 1.5, 0.9)
        A.cats = CATS_CASUAL if rng.random() < 0.6 else CATS_LEARN
        A.step_p = 0.1
        A.common, A.common_p = W.common, 0.06
        A.rpm = 50
        reqs = []
        gen_human(W, rng, A, reqs)
        G.commit(rng, A, reqs)


# =========================================================================== assembly

def _sz(rng, median, sigma, lo, hi):
    return int(clamp(round(lognorm(rng, median, sigma)), lo, hi))


def build_benign(W):
    rng = W.sub("benign")
    N = W.n_benign
    plan = []   # (kind, size, fn, kwargs)

    # products shared with the rest of the world (campaigns can copy a public agent's prompt)
    s = W.sub("products")
    W.products = {}
    for name, tools in (("codeharbor", 16), ("shipwright", 12), ("openagent", 9)):
        W.products[name] = {"name": name, "sys": W.ids.sysprompt(), "sys_old": W.ids.sysprompt(),
                            "sys_helper": W.ids.sysprompt(), "tools": tools + s.randint(0, 6)}
    plan.append(("ide_users", max(3, round(N * 0.05)), g_ide, {"product": W.products["codeharbor"]}))
    plan.append(("ide_users", max(2, round(N * 0.025)), g_ide, {"product": W.products["shipwright"]}))
    plan.append(("agent_framework_users", max(2, round(N * 0.02)), g_ide,
                 {"product": W.products["openagent"], "oss": True}))
    for name, share in (("sheetsmart", 0.016), ("inboxpilot", 0.01), ("notetaker", 0.006)):
        sdk = ts_ua(s) if s.random() < 0.6 else py_ua(s)
        v = f"{s.randint(1, 5)}.{s.randint(0, 20)}.{s.randint(0, 9)}"
        plugin = {"name": name, "ua": f"{sdk} {name}/{v}", "ua_old": f"{sdk} {name}/{v[:-1]}{s.randint(0, 9)}",
                  "sys": [W.ids.sysprompt(), W.ids.sysprompt()], "sys_tok": s.randint(300, 1500),
                  "fams": [Family(s, 2, 9) for _ in range(s.randint(5, 15))],
                  "cats": {"sheetsmart": WChoice({"analysis": 60, "coding": 30, "other": 10}),
                           "inboxpilot": WChoice({"writing": 70, "analysis": 30}),
                           "notetaker": WChoice({"analysis": 70, "writing": 30})}[name],
                  "models": MODELS_CHEAP if s.random() < 0.5 else MODELS_DEFAULT,
                  "cloud": [W.net.host_ip(s, s.choice(["aws", "gcp"])) for _ in range(s.randint(4, 12))],
                  "bot_p": s.uniform(0.15, 0.4), "periods": [300, 600, 900, 1800, 3600]}
        plan.append(("plugin_users", max(2, round(N * share)), g_plugin, {"plugin": plugin}))
    team_budget = int(N * 0.05)
    while team_budget >= 3:
        sz = min(team_budget, _sz(rng, 8, 0.6, 3, 40))
        plan.append(("team", sz, g_team, {}))
        team_budget -= sz
    for _ in range(max(1, round(N / 5000 * rng.uniform(0.8, 1.5)))):
        plan.append(("course_cohort", _sz(rng, 50, 0.5, 20, 120), g_cohort, {}))
    if N >= 1500:
        plan.append(("hackathon", _sz(rng, 60, 0.4, 30, 150), g_hackathon, {}))
    for _ in range(max(1, round(N / 7000))):
        plan.append(("benchmark_lab", rng.randint(2, 8), g_bench_lab, {}))
    for _ in range(max(2, round(N / 5000))):
        plan.append(("enterprise_batch", rng.randint(1, 4), g_enterprise, {}))
    for _ in range(max(1, round(N / 12000))):
        plan.append(("saas_platform", _sz(rng, 35, 0.5, 15, 80), g_saas, {}))
    for _ in range(max(1, round(N / 10000))):
        plan.append(("release_evaluators", rng.randint(3, 10), g_release_eval, {}))
    for _ in range(max(1, round(N / 6000))):
        plan.append(("corporate_nat", _sz(rng, 25, 0.5, 10, 60), g_corp_nat, {}))
    hh_budget = int(N * 0.01)
    while hh_budget >= 2:
        sz = min(hh_budget, rng.randint(2, 4))
        plan.append(("household", sz, g_household, {}))
        hh_budget -= sz

    # keep groups below half of the population for tiny worlds
    total = sum(p[1] for p in plan)
    if total > N * 0.5:
        f = N * 0.5 / total
        plan = [(k, max(2, int(sz * f)), fn, kw) for k, sz, fn, kw in plan]
        kept, acc = [], 0
        for p in plan:
            if acc + p[1] <= N * 0.5:
                kept.append(p)
                acc += p[1]
        plan = kept

    # interleave group generation with individuals only through the deterministic rng sequence
    gi = 0
    for kind, size, fn, kw in plan:
        gi += 1
        gid = f"g{gi:03d}_{kind}"
        G = GroupCtx(W, gid, kind)
        fn(W, rng, G, size, **kw)
        W.benign_groups[gid] = {"kind": kind, "accounts": G.n}
    n_ind = N - len(W.benign_ids)
    for _ in range(n_ind):
        fn = INDIVIDUALS.pick(rng)
        A, reqs = fn(W, rng)
        commit(W, rng, A, reqs)
