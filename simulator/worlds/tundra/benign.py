"""Benign population of the tundra world.

Most accounts are ordinary individuals with heavy-tailed (log-normal /
Pareto) activity; around them sit the look-alikes of the threat brief, many
of which form real clusters (shared org, card, NAT, system prompt, templates).
"""
import math
from itertools import chain

from .core import (DAY, HOUR, MIN, NEW_MODEL, PROFILE_SUM, Actor, Style, cumw, list_starts,
                   lognorm, make_templates, mixed_session, nhpp_starts, periodic_starts, pick,
                   pool_session, shifted_profile)

# activity calibration: multiplies every individual's sessions/day
ACT = 5.5

UA_SDK = [("anthropic-python/0.74.1", 30), ("anthropic-python/0.73.0", 10),
          ("anthropic-python/0.72.1", 6), ("anthropic-python/0.69.0", 3),
          ("anthropic-typescript/0.68.0", 16), ("anthropic-typescript/0.66.1", 5),
          ("anthropic-go/1.14.0", 3), ("anthropic-java/2.10.0", 3), ("anthropic-ruby/1.9.0", 1),
          ("python-httpx/0.28.1", 4), ("curl/8.5.0", 3), ("langchain-anthropic/0.3.19", 5),
          ("litellm/1.77.3", 4), ("ai-sdk/5.0.8", 3)]
UA_T = cumw(UA_SDK)

PERSONAS = {
    #            weight, categories, sessions/day, turns, msg tokens, gap s, profiles, cot shift, think, tools
    "chatter": (24, {"chat": .55, "writing": .18, "other": .1, "analysis": .05, "reasoning": .06, "vision": .06},
                5.0, 3.5, 60, 35, (("evening", 3), ("day", 2)), 0.0, 0.04, 0.0),
    "developer": (34, {"coding": .55, "tool_use": .1, "analysis": .12, "chat": .1, "reasoning": .08, "writing": .05},
                  8.0, 4.0, 200, 70, (("day", 4), ("office", 3), ("night", 1)), 0.02, 0.2, 0.35),
    "writer": (12, {"writing": .6, "chat": .18, "analysis": .12, "other": .1},
               5.0, 4.0, 300, 90, (("day", 3), ("evening", 2)), -0.01, 0.03, 0.0),
    "analyst": (14, {"analysis": .45, "reasoning": .2, "writing": .15, "chat": .1, "coding": .1},
                6.0, 3.0, 450, 60, (("office", 3), ("day", 2)), 0.05, 0.25, 0.1),
    "student": (10, {"reasoning": .35, "chat": .2, "coding": .2, "writing": .15, "analysis": .1},
                5.0, 4.0, 90, 45, (("student", 4), ("evening", 1)), 0.12, 0.1, 0.05),
    "tinkerer": (6, {"other": .2, "chat": .3, "coding": .3, "vision": .1, "tool_use": .1},
                 10.0, 1.6, 120, 5, (("day", 2), ("night", 1), ("flat", 1)), 0.0, 0.05, 0.2),
}
PERS_T = cumw([(k, v[0]) for k, v in PERSONAS.items()])


def ua_pick(rng):
    return pick(rng, *UA_T)


def sys_frag(w):
    return '"sp_%s"' % w.hex(24)


def aged(w, rng, med_days, sd, lo=0.5, hi=1100):
    d = lognorm(rng, med_days, sd)
    d = lo if d < lo else (hi if d > hi else d)
    return w.t0 - int(d * DAY) - rng.randrange(1000)


def rpm_for(rng, pay, created, w):
    age = (w.t0 - created) / DAY
    if pay is None:
        return 5 if rng.random() < 0.8 else 50
    if age < 14:
        return 50
    return pick(rng, [50, 1000, 2000, 4000], [0.3, 0.7, 0.85, 1.0])


def adopt(w, a, rng, p):
    if rng.random() < p:
        a.adopt_t = w.release_t + int(rng.expovariate(1.0 / (2.5 * HOUR)))
        a.new_share = rng.uniform(0.25, 0.9)


def model_mix(rng):
    return (("claude-sonnet-4-5", rng.uniform(0.5, 0.9)), ("claude-haiku-4-5", rng.uniform(0.0, 0.3)),
            ("claude-opus-4-1", rng.uniform(0.0, 0.25)))


def mk(w, group, created, org=None, pay=None, nkeys=1):
    rng = w.rng()
    a = Actor(w, rng, w.uid("acct_", 12), org, created, pay, group)
    a.keys = [w.uid("key_", 10) for _ in range(nkeys)]
    w.add(a)
    return a


def n_keys(rng):
    return min(6, int(rng.paretovariate(2.2)))


# ----------------------------------------------------------------------
# network policies (closures over an actor's addresses)

def net_home(w, rng, cc, p_mobile=None):
    home = w.net.home(rng, cc)
    if p_mobile is None:
        p_mobile = 0.0 if rng.random() < 0.4 else rng.uniform(0.03, 0.3)
    if p_mobile <= 0:
        return lambda r, t: home
    pool = w.net.mobile_pool(rng, cc)
    n = len(pool)
    return lambda r, t: pool[r.randrange(n)] if r.random() < p_mobile else home


def net_office(w, rng, cc, tz, nat, remote_p):
    """Office NAT during local office hours, the home line otherwise."""
    home = w.net.home(rng, cc)
    n = len(nat)
    own = nat[rng.randrange(n)]

    def f(r, t):
        h = int(t / HOUR + tz) % 24
        if 8 <= h < 19 and r.random() >= remote_p:
            return own if r.random() < 0.8 else nat[r.randrange(n)]
        return home
    return f


def net_pool(frags, sticky_p=0.0, rng=None):
    n = len(frags)
    if n == 1:
        f0 = frags[0]
        return lambda r, t: f0
    own = frags[rng.randrange(n)] if rng is not None else frags[0]
    return lambda r, t: own if r.random() < sticky_p else frags[r.randrange(n)]


# ----------------------------------------------------------------------
# persona factory

def person_style(rng, w, pname, *, tpls=(), p_tpl=0.0, sys=(), sys_p=0.0, greet_p=0.0,
                 extra_cot=0.0, models=None, stream_p=None, own_templates=True, own_sys=True):
    (_wt, cats, _d, turns, msg, gap, _profs, cot, think, tool_p) = PERSONAS[pname]
    tpls = list(tpls)
    if own_templates and not tpls and (pname == "tinkerer" or (pname == "developer" and rng.random() < 0.2)
                                       or rng.random() < 0.05):
        tpls = make_templates(rng, rng.randint(1, 3), cats, (0.0, 0.35), (60, 1500), (0.8, 4.0))
        p_tpl = rng.uniform(0.2, 0.7)
    if own_sys and not sys and rng.random() < 0.3:
        sys = [(sys_frag(w), int(lognorm(rng, 400, 1.0)) + 20, 1.0)]
        sys_p = rng.uniform(0.3, 1.0)
    return Style(cats, tpls=tpls, p_tpl=p_tpl, greet_p=greet_p,
                 turns_mean=lognorm(rng, turns, 0.35), gap_med=lognorm(rng, gap, 0.4),
                 gap_sd=rng.uniform(0.6, 1.1), msg_med=lognorm(rng, msg, 0.5),
                 out_scale=lognorm(rng, 1.0, 0.3), cot_shift=rng.gauss(cot + extra_cot, 0.05),
                 think_p=(0.0 if rng.random() < 0.5 else rng.uniform(0.0, think * 2.5)),
                 stream_p=(stream_p if stream_p is not None else
                           (rng.uniform(0.6, 1.0) if rng.random() < 0.5 else rng.uniform(0.0, 0.3))),
                 tool_p=tool_p, tool_n=(1, rng.randint(3, 12)),
                 models=models or model_mix(rng), sys=sys, sys_p=sys_p)


def setup_human(w, a, rng, pname, cc, tz, d_mult=1.0, prof=None, mult=None, mult_max=1.0,
                first_at=None):
    persona = PERSONAS[pname]
    if prof is None:
        items, cum = cumw(list(persona[6]))
        prof = pick(rng, items, cum)
    a.tz = tz
    a.prof = shifted_profile(prof, rng.randint(-1, 1))
    d = lognorm(rng, persona[2] * ACT * d_mult, 0.9)
    peak = d / PROFILE_SUM[prof]
    st = nhpp_starts(a, peak, mult, mult_max)
    a.starts = chain([first_at], st) if first_at is not None else st
    a.ua = ua_pick(rng)
    if rng.random() < 0.15:
        a.ua2 = ua_pick(rng)
        a.ua2_p = rng.uniform(0.05, 0.4)
    a.p400 = rng.uniform(0.002, 0.015)
    return peak


def individual(w, group, pname=None, cc=None, tz=None, net=None, d_mult=1.0, pay_p=0.7,
               created=None, adopt_p=0.25):
    rng0 = w.rng()
    if pname is None:
        pname = pick(rng0, *PERS_T)
    if cc is None:
        cc, tz = w.net.region(rng0)
    created = created if created is not None else aged(w, rng0, 140, 1.1)
    pay = w.pay() if rng0.random() < pay_p else None
    org = w.org() if rng0.random() < 0.35 else None
    a = mk(w, group, created, org, pay, n_keys(rng0))
    rng = a.rng
    setup_human(w, a, rng, pname, cc, tz, d_mult)
    a.set_styles([(person_style(rng, w, pname), 1.0)])
    a.net_sess = net(a, rng) if net else net_home(w, rng, cc)
    a.rpm = rpm_for(rng, pay, created, w)
    adopt(w, a, rng, adopt_p + (0.1 if pname == "developer" else 0.0))
    return a


# ----------------------------------------------------------------------
# groups

def build_benign(w, B):
    rng = w.rng()
    H = w.hours
    plan = {}

    def share(lo, hi):
        return int(round(B * rng.uniform(lo, hi)))

    n_new = share(0.06, 0.10)
    n_ide = share(0.10, 0.15)
    n_plug_srv = share(0.03, 0.05)
    n_plug_cli = share(0.02, 0.035)
    n_bots = max(6, share(0.002, 0.005))
    n_teams = share(0.08, 0.12)
    n_corp = share(0.02, 0.04)
    n_mobile = share(0.05, 0.08)
    n_vpn = share(0.02, 0.035)
    n_cloud = max(4, share(0.005, 0.01))
    n_power = share(0.02, 0.035)
    n_release = share(0.01, 0.02)
    n_cohorts = max(2, int(round(B / 3000.0 * rng.uniform(1.2, 2.0))))
    n_labs = max(1, int(round(B / 4000.0 * rng.uniform(1.0, 2.5))))
    n_ent = max(2, int(round(B / 4000.0 * rng.uniform(1.5, 3.0))))

    used = 0
    used += build_cohorts(w, n_cohorts)
    used += build_labs(w, n_labs)
    used += build_enterprise(w, n_ent)
    used += build_ide(w, n_ide)
    used += build_plugins(w, n_plug_srv, n_plug_cli, n_bots)
    used += build_teams(w, n_teams)
    used += build_corp_nat(w, n_corp)
    used += build_cloud_startups(w, n_cloud)
    for _ in range(n_new):
        new_free_user(w)
    for _ in range(n_mobile):
        mobile_user(w)
    for _ in range(n_vpn):
        vpn_user(w)
    for _ in range(n_power):
        power_user(w)
    n_rel = 0
    for _ in range(n_release):
        n_rel += release_signup(w)
    used += n_new + n_mobile + n_vpn + n_power + n_rel
    for _ in range(max(0, B - used)):
        individual(w, "individuals")
    plan["hours"] = H
    return plan


def new_free_user(w):
    rng0 = w.rng()
    cc, tz = w.net.region(rng0)
    in_window = rng0.random() < 0.55
    if in_window:
        created = w.t0 + int(rng0.random() * (w.t_end - w.t0) * 0.97) + rng0.randrange(1000)
    else:
        created = w.t0 - int(rng0.uniform(0.05, 5.0) * DAY) - rng0.randrange(1000)
    a = mk(w, "new_free_tier", created)
    rng = a.rng
    pname = pick(rng, ["chatter", "student", "developer", "writer"], [0.45, 0.7, 0.9, 1.0])
    if in_window:
        a.t_a = created + int(lognorm(rng, 90 * 1000, 1.0))
        if a.t_a >= w.t_end:
            a.t_a = w.t_end - 1
        setup_human(w, a, rng, pname, cc, tz, d_mult=0.25, first_at=a.t_a)
    else:
        setup_human(w, a, rng, pname, cc, tz, d_mult=0.25)
    a.pending_greet = rng.random() < 0.85
    a.set_styles([(person_style(rng, w, pname, greet_p=rng.uniform(0.02, 0.2), own_templates=False,
                                own_sys=False), 1.0)])
    a.net_sess = net_home(w, rng, cc, p_mobile=(rng.uniform(0.3, 0.9) if rng.random() < 0.3 else 0.0))
    a.rpm = 5
    adopt(w, a, rng, 0.15)


def mobile_user(w):
    rng0 = w.rng()
    cc = pick(rng0, ["IN", "ID", "PH", "NG", "BR", "MX", "US", "VN", "TR", "ZA"],
              [5, 7.5, 9.5, 10.5, 12.5, 14, 17, 18, 19, 20])
    tz = w.net.tz_of(cc, rng0)
    return individual(w, "carrier_nat_mobile", pname=pick(rng0, ["chatter", "student", "writer", "developer"],
                                                              [0.45, 0.7, 0.85, 1.0]),
                      cc=cc, tz=tz, pay_p=0.45,
                      net=lambda a, r: net_home(w, r, cc, p_mobile=r.uniform(0.85, 1.0)))


def vpn_user(w):
    def net(a, r):
        favs = [w.net.vpn(r) for _ in range(r.randint(1, 3))]
        home = w.net.home(r, "US")
        p_home = r.uniform(0.0, 0.2)
        nf = len(favs)
        return lambda rr, t: home if rr.random() < p_home else favs[rr.randrange(nf)]
    return individual(w, "vpn_users", net=net, pay_p=0.6)


def power_user(w):
    rng0 = w.rng()
    pname = pick(rng0, ["developer", "tinkerer", "analyst", "writer"], [0.5, 0.75, 0.92, 1.0])
    a = individual(w, "power_users", pname=pname, d_mult=1.0, pay_p=0.97)
    rng = a.rng
    # heavy tail: Pareto sessions/day on top of the persona
    d = min(800.0, 50.0 * rng.paretovariate(1.3))
    a.starts = nhpp_starts(a, d / PROFILE_SUM["day"])
    if rng.random() < 0.4:
        a.prof = shifted_profile("flat", 0) if rng.random() < 0.3 else a.prof
    a.session = mixed_session
    a.p_pool = rng.uniform(0.03, 0.25)
    a.run_n = (lognorm(rng, 25, 0.6), 0.8, 3, 600)
    a.conc = (1, rng.randint(1, 6))
    a.run_gap = (lognorm(rng, 0.8, 0.8), 0.6)
    a.rpm = pick(rng, [1000, 2000, 4000], [0.3, 0.6, 1.0])
    if rng.random() < 0.5:
        st = a.styles[0][1]
        if not st.tpls:
            tpls = make_templates(rng, rng.randint(2, 6), {"coding": 1, "analysis": 1, "writing": 1, "other": 1},
                                  (0.0, 0.4), (100, 3000), (1.0, 5.0))
            st.tpls = tpls
            st.tpl_items, st.tpl_cum = cumw([(t, 1.0) for t in tpls])
            st.p_tpl = rng.uniform(0.3, 0.8)
    return a


def release_signup(w):
    rng0 = w.rng()
    created = w.release_t + int(lognorm(rng0, 1.5 * HOUR, 0.9))
    if created >= w.t_end - 5 * MIN:
        return 0
    cc, tz = w.net.region(rng0)
    pay = w.pay() if rng0.random() < 0.6 else None
    a = mk(w, "release_day_signups", created, None, pay)
    rng = a.rng
    pname = pick(rng, ["developer", "analyst", "student", "chatter"], [0.45, 0.7, 0.85, 1.0])
    a.t_a = created + int(lognorm(rng, 120 * 1000, 0.8))
    setup_human(w, a, rng, pname, cc, tz, d_mult=0.6, first_at=min(a.t_a, w.t_end - 1))
    a.pending_greet = 2 if rng.random() < 0.6 else False
    a.set_styles([(person_style(rng, w, pname, extra_cot=0.08, own_sys=False), 1.0)])
    a.adopt_t = created
    a.new_share = rng.uniform(0.6, 0.98)
    a.net_sess = net_home(w, rng, cc)
    a.rpm = 5 if pay is None else 50
    return 1


def build_cohorts(w, k):
    total = 0
    for i in range(k):
        rng = w.rng()
        cc = pick(rng, ["US", "GB", "IN", "DE", "KR", "CA", "AU", "SG", "BR", "JP"],
                  [4, 5.5, 7, 8, 8.7, 9.4, 10, 10.5, 11.5, 12])
        tz = w.net.tz_of(cc, rng)
        nat = w.net.org_nat(rng, cc, rng.randint(1, 3), "campus")
        size = int(min(120, max(20, lognorm(rng, 45, 0.4))))
        wave = w.t0 - int(rng.uniform(2, 40) * DAY)
        org = w.org() if rng.random() < 0.4 else None
        tpls = make_templates(rng, rng.randint(3, 6), {"reasoning": .5, "coding": .35, "analysis": .15},
                              (0.55, 0.9), (150, 900), (1.5, 5.0), out_scale=1.1)
        sys = [(sys_frag(w), rng.randint(300, 900), 1.0)] if rng.random() < 0.35 else ()
        deadline = w.t0 + int(rng.uniform(0.45, 0.95) * w.hours * HOUR)
        tau = rng.uniform(1.5, 4.0) * HOUR
        ua_main = pick(rng, ["anthropic-python/0.74.1", "anthropic-python/0.73.0", "anthropic-python/0.72.1"],
                       [1, 2, 3])
        name = "course_cohort_%d" % (i + 1)
        w.group_kind(name, "course_cohort")

        def mult(t, dl=deadline, tau=tau):
            if t < dl:
                return 0.25 + 3.5 * math.exp(-(dl - t) / tau)
            return 0.15
        for _ in range(size):
            created = wave + int(rng.uniform(0, 5) * HOUR) + rng.randrange(1000)
            a = mk(w, name, created, org, None)
            r = a.rng
            setup_human(w, a, r, "student", cc, tz, d_mult=0.5, prof="student", mult=mult, mult_max=3.75)
            if r.random() < 0.8:
                a.ua = ua_main
            st = person_style(r, w, "student", tpls=tpls, p_tpl=r.uniform(0.5, 0.9), sys=sys,
                              sys_p=(r.uniform(0.5, 0.95) if sys else 0.0), extra_cot=0.05,
                              own_templates=False, own_sys=False)
            a.set_styles([(st, 1.0)])
            p_campus = r.uniform(0.4, 0.95)
            home = w.net.home(r, cc)
            mine = nat[r.randrange(len(nat))]
            a.net_sess = (lambda rr, t, h=home, m=mine, p=p_campus: m if rr.random() < p else h)
            a.rpm = 5 if org is None else 50
            adopt(w, a, r, 0.1)
            total += 1
    return total


def build_labs(w, k):
    total = 0
    for i in range(k):
        rng = w.rng()
        cc = pick(rng, ["US", "GB", "DE", "CA", "FR", "SG", "JP"], [4, 5.5, 7, 8, 8.7, 9.4, 10])
        tz = w.net.tz_of(cc, rng)
        org = w.org()
        pay = w.pay()
        if rng.random() < 0.6:
            ips = w.net.hosting_block(rng, cc if cc != "CA" else "US", rng.randint(2, 6))
        else:
            ips = w.net.org_nat(rng, cc, rng.randint(1, 3), "campus")
        suites = make_templates(rng, rng.randint(2, 5), {"reasoning": .7, "coding": .2, "analysis": .1},
                                (0.6, 0.95), (300, 2500), (3.0, 8.0), out_scale=1.3)
        name = "benchmark_lab_%d" % (i + 1)
        w.group_kind(name, "benchmark_researchers")
        for _ in range(rng.randint(2, 6)):
            a = mk(w, name, aged(w, rng, 300, 0.6), org, pay, rng.randint(1, 3))
            r = a.rng
            a.tz = tz
            n_runs = _poisson_f(r, r.uniform(1.0, 3.0) * w.hours / 8.0)
            times = [w.t0 + r.random() * (w.t_end - w.t0) for _ in range(n_runs)]
            if r.random() < 0.7:
                times.append(w.release_t + lognorm(r, 2 * HOUR, 0.5))
            a.starts = list_starts([x for x in times if x < w.t_end])
            a.session = pool_session
            a.run_n = (lognorm(r, 300, 0.5), 0.5, 40, 1500)
            a.conc = (4, r.randint(6, 24))
            a.run_gap = (0.3, 0.6)
            a.run_new_p = 0.8
            a.set_styles([(Style({"reasoning": .8, "analysis": .2}, tpls=suites, p_tpl=0.97,
                                 out_scale=1.4, think_p=r.uniform(0.2, 0.8), stream_p=0.05,
                                 cot_sd=0.07,
                                 models=(("claude-sonnet-4-5", 2), ("claude-opus-4-1", 1),
                                         ("claude-haiku-4-5", 1))), 1.0)])
            a.net_sess = net_pool(ips, 0.7, r)
            a.ua = pick(r, ["anthropic-python/0.74.1", "python-httpx/0.28.1", "inspect-ai/0.3.140"], [1, 1.5, 2])
            a.rpm = 4000
            total += 1
    return total


def _poisson_f(rng, lam):
    n, t = 0, rng.expovariate(1.0)
    while t < lam:
        n += 1
        t += rng.expovariate(1.0)
    return n


def build_enterprise(w, k):
    total = 0
    for i in range(k):
        rng = w.rng()
        cc = pick(rng, ["US", "DE", "GB", "JP", "FR", "IN", "AU"], [5, 6.5, 8, 9, 9.5, 10, 10.5])
        org = w.org()
        pay = w.pay()
        block = w.net.hosting_block(rng, cc if cc in ("US", "DE", "GB", "JP", "FR", "IN", "AU") else "US",
                                    rng.randint(4, 8))
        tpls = make_templates(rng, rng.randint(1, 3), {"analysis": 3, "writing": 2, "other": 2, "chat": 1},
                              (0.0, 0.15), (400, 4000), (0.5, 3.0), out_scale=0.8)
        sys = [(sys_frag(w), rng.randint(500, 3000), 1.0)]
        batch_p = rng.uniform(0.0, 0.9)
        ua = pick(rng, ["anthropic-java/2.10.0", "anthropic-python/0.74.1", "anthropic-go/1.14.0"], [1, 2, 3])
        name = "enterprise_batch_%d" % (i + 1)
        w.group_kind(name, "enterprise_batch")
        for _ in range(rng.randint(2, 6)):
            a = mk(w, name, aged(w, rng, 400, 0.5), org, pay, rng.randint(2, 4))
            r = a.rng
            period = pick(r, [5, 10, 15, 20, 30, 60], [1, 2, 3, 4, 5, 6]) * MIN
            a.starts = periodic_starts(a, period, r.uniform(200, 3000), r.randrange(period))
            a.session = pool_session
            a.run_n = (lognorm(r, 40 * period / (15 * MIN), 0.5), 0.3, 5, 400)
            a.conc = r.randint(2, 8)
            a.run_gap = (r.uniform(0.1, 1.0), 0.4)
            a.set_styles([(Style({"analysis": 1}, tpls=tpls, p_tpl=0.95, sys=sys, sys_p=0.97,
                                 batch_p=batch_p, stream_p=0.0, cot_sd=0.05, out_sd=0.4,
                                 models=(("claude-haiku-4-5", r.random()), ("claude-sonnet-4-5", 1.0))), 1.0)])
            a.net_sess = net_pool(block, 0.5, r)
            a.ua = ua
            a.rpm = 4000
            total += 1
    return total


IDE_PRODUCTS = [("claude-code/2.0.14", 0.55, (16, 22)), ("cursor/1.7.2", 0.3, (12, 30)),
                ("cline/3.32.0", 0.15, (9, 24))]


def build_ide(w, n):
    rng = w.rng()
    prods = []
    for ua, sh, tools in IDE_PRODUCTS:
        sysv = [(sys_frag(w), rng.randint(9000, 16000), 0.85), (sys_frag(w), rng.randint(8000, 15000), 0.15)]
        prods.append((ua, sh, tools, sysv))
    items, cum = cumw([(p, p[1]) for p in prods])
    name = "ide_agent_users"
    w.group_kind(name, "ide_agent")
    for _ in range(n):
        ua, _sh, tools, sysv = pick(rng, items, cum)
        r0 = w.rng()
        cc, tz = w.net.region(r0)
        a = mk(w, name, aged(w, r0, 150, 1.0), w.org() if r0.random() < 0.4 else None,
               w.pay() if r0.random() < 0.9 else None, n_keys(r0))
        r = a.rng
        setup_human(w, a, r, "developer", cc, tz, d_mult=0.5)
        a.ua = ua
        a.ua2 = None
        # one system-prompt version per user (most on the current release)
        sv = sysv[0] if r.random() < 0.85 else sysv[1]
        tn = r.randint(*tools) + (r.randint(1, 8) if r.random() < 0.3 else 0)
        st = Style({"coding": .75, "tool_use": .2, "analysis": .05}, turns_mean=lognorm(r, 14, 0.5),
                   max_turns=150, msg_med=lognorm(r, 250, 0.5), out_scale=lognorm(r, 1.0, 0.3),
                   cot_shift=r.gauss(-0.04, 0.04), think_p=r.uniform(0.0, 0.4), stream_p=0.97,
                   tool_n=(tn, tn), models=(("claude-sonnet-4-5", 8), ("claude-opus-4-1", 2),
                                            ("claude-haiku-4-5", 1)),
                   sys=[(sv[0], sv[1], 1.0)], sys_p=1.0, agent=True)
        a.set_styles([(st, 1.0)])
        a.net_sess = net_home(w, r, cc)
        a.rpm = pick(r, [1000, 2000, 4000], [0.4, 0.8, 1.0])
        adopt(w, a, r, 0.45)
    return n


def build_plugins(w, n_srv, n_cli, n_bots):
    rng = w.rng()
    # server-side integration: requests leave from the vendor's cloud egress
    srv_ips = w.net.hosting_block(rng, "US", rng.randint(6, 24))
    srv_sys = [(sys_frag(w), rng.randint(600, 1500), 1.0)]
    srv_tpl = make_templates(rng, rng.randint(4, 6), {"writing": 3, "analysis": 2, "chat": 1},
                             (0.0, 0.2), (300, 2500), (1.0, 4.0))
    w.group_kind("plugin_docsync_users", "plugin_integration")
    for _ in range(n_srv):
        r0 = w.rng()
        cc, tz = w.net.region(r0)
        a = mk(w, "plugin_docsync_users", aged(w, r0, 100, 1.0), None,
               w.pay() if r0.random() < 0.7 else None)
        r = a.rng
        setup_human(w, a, r, "writer", cc, tz, d_mult=1.5, prof=pick(r, ["office", "day"], [1, 2]))
        a.ua = "docsync-connector/4.1.0"
        a.ua2 = None
        st = Style({"writing": 2, "analysis": 1, "chat": 1}, tpls=srv_tpl, p_tpl=0.9, turns_mean=1.3,
                   gap_med=25, sys=srv_sys, sys_p=1.0, stream_p=0.0, out_scale=lognorm(r, 0.9, 0.2),
                   models=(("claude-haiku-4-5", 2), ("claude-sonnet-4-5", 1)))
        a.set_styles([(st, 1.0)])
        a.net_sess = net_pool(srv_ips)
        a.rpm = rpm_for(r, "x", a.created_ms, w)
    # client-side spreadsheet add-on: user's own address, recalculation bursts
    cli_sys = [(sys_frag(w), rng.randint(200, 700), 1.0)]
    cli_tpl = make_templates(rng, rng.randint(3, 5), {"analysis": 2, "other": 2, "writing": 1},
                             (0.0, 0.25), (40, 400), (0.8, 3.0), out_scale=0.3)
    w.group_kind("plugin_sheets_users", "plugin_integration")
    for _ in range(n_cli):
        r0 = w.rng()
        cc, tz = w.net.region(r0)
        a = mk(w, "plugin_sheets_users", aged(w, r0, 120, 1.0), None,
               w.pay() if r0.random() < 0.8 else None)
        r = a.rng
        setup_human(w, a, r, "analyst", cc, tz, d_mult=0.5, prof="office")
        a.ua = "sheets-addon/2.3.0"
        a.ua2 = None
        st = Style({"analysis": 1, "other": 1}, tpls=cli_tpl, p_tpl=0.95, turns_mean=1.0,
                   sys=cli_sys, sys_p=1.0, stream_p=0.0, out_sd=0.5,
                   models=(("claude-haiku-4-5", 3), ("claude-sonnet-4-5", 1)))
        a.set_styles([(st, 1.0)])
        a.session = mixed_session
        a.p_pool = r.uniform(0.3, 0.7)
        a.run_n = (lognorm(r, 15, 0.6), 0.9, 2, 300)
        a.conc = (2, 6)
        a.run_gap = (0.2, 0.5)
        a.net_sess = net_home(w, r, cc)
        a.rpm = rpm_for(r, "x", a.created_ms, w)
    # machine-regular digest bots
    bot_sys = [(sys_frag(w), rng.randint(300, 800), 1.0)]
    bot_tpl = make_templates(rng, 2, {"writing": 1, "analysis": 1}, (0.0, 0.1), (800, 6000), (0.5, 2.0))
    w.group_kind("plugin_bots", "plugin_bot")
    for _ in range(n_bots):
        r0 = w.rng()
        a = mk(w, "plugin_bots", aged(w, r0, 200, 0.8), w.org() if r0.random() < 0.5 else None, w.pay())
        r = a.rng
        period = pick(r, [1, 2, 5, 10, 15, 30], [1, 3, 6, 8, 9, 10]) * MIN
        a.starts = periodic_starts(a, period, r.uniform(150, 3000), r.randrange(period))
        a.tz = 0.0
        a.ua = "slack-digest-bot/1.8.2"
        st = Style({"writing": 1}, tpls=bot_tpl, p_tpl=1.0, turns_mean=1.0, sys=bot_sys, sys_p=1.0,
                   stream_p=0.0, out_sd=0.35, models=(("claude-haiku-4-5", 1),))
        a.set_styles([(st, 1.0)])
        a.net_sess = net_pool(w.net.hosting_block(r, None, 1))
        a.rpm = 1000
        a.p400 = 0.001
    return n_srv + n_cli + n_bots


def build_teams(w, n):
    made = 0
    rng = w.rng()
    k = 0
    while made < n:
        size = min(40, int(3 * rng.paretovariate(1.5)), n - made)
        if size < 1:
            break
        k += 1
        cc, tz = w.net.region(rng)
        org = w.org()
        pay = w.pay()
        nat = w.net.org_nat(rng, cc, rng.randint(1, 2), "corp")
        sys = [(sys_frag(w), rng.randint(300, 2500), 1.0)]
        tpls = (make_templates(rng, rng.randint(1, 3), {"coding": 1, "writing": 1, "analysis": 1},
                               (0.0, 0.35), (100, 2000), (1.0, 4.0)) if rng.random() < 0.6 else [])
        remote = rng.uniform(0.0, 0.5)
        ua = ua_pick(rng)
        w.group_kind("teams", "team")
        for _ in range(size):
            a = mk(w, "teams", aged(w, rng, 200, 0.8), org, pay, 1)
            r = a.rng
            pname = pick(r, ["developer", "analyst", "writer"], [0.55, 0.8, 1.0])
            setup_human(w, a, r, pname, cc, tz, d_mult=1.5, prof="office")
            if r.random() < 0.85:
                a.ua = ua
            st = person_style(r, w, pname, tpls=tpls, p_tpl=(r.uniform(0.05, 0.3) if tpls else 0.0),
                              sys=sys, sys_p=r.uniform(0.6, 0.95), own_templates=False, own_sys=False)
            a.set_styles([(st, 1.0)])
            a.net_sess = net_office(w, r, cc, tz, nat, remote)
            a.rpm = 2000
            adopt(w, a, r, 0.2)
            made += 1
    w.team_count = k
    return made


def build_corp_nat(w, n):
    made = 0
    rng = w.rng()
    i = 0
    while made < n:
        size = min(n - made, int(min(150, max(20, lognorm(rng, 50, 0.5)))))
        i += 1
        cc, tz = w.net.region(rng)
        nat = w.net.org_nat(rng, cc, rng.randint(1, 4), "corp")
        name = "corporate_nat_%d" % i
        w.group_kind(name, "corporate_nat")
        for _ in range(size):
            a = individual(w, name, cc=cc, tz=tz, pay_p=0.8,
                           net=lambda a, r: net_office(w, r, cc, tz, nat, r.uniform(0.0, 0.3)))
            r = a.rng
            a.prof = shifted_profile("office", r.randint(-1, 1))
            made += 1
    return made


def build_cloud_startups(w, n):
    made = 0
    rng = w.rng()
    w.group_kind("cloud_startups", "cloud_startup")
    while made < n:
        size = min(n - made, rng.randint(1, 4))
        cc, tz = w.net.region(rng)
        org = w.org()
        pay = w.pay()
        block = w.net.hosting_block(rng, None, rng.randint(2, 4))
        sys = [(sys_frag(w), rng.randint(400, 4000), 1.0)]
        tpls = make_templates(rng, rng.randint(2, 5), {"chat": 2, "writing": 1, "analysis": 1, "coding": 1},
                              (0.0, 0.3), (100, 1500), (2.0, 6.0))
        for _ in range(size):
            a = mk(w, "cloud_startups", aged(w, rng, 120, 0.7), org, pay, rng.randint(1, 3))
            r = a.rng
            a.tz = tz
            a.prof = shifted_profile("day", r.randint(-1, 1))
            d = lognorm(r, 300, 0.8)
            a.starts = nhpp_starts(a, d / PROFILE_SUM["day"])
            a.ua = pick(r, ["anthropic-typescript/0.68.0", "anthropic-python/0.74.1", "ai-sdk/5.0.8"], [1, 2, 3])
            st = Style({"chat": 2, "writing": 1, "analysis": 1}, tpls=tpls, p_tpl=r.uniform(0.4, 0.8),
                       turns_mean=2.5, gap_med=30, sys=sys, sys_p=0.9, stream_p=0.9,
                       models=(("claude-sonnet-4-5", 2), ("claude-haiku-4-5", 2)))
            a.set_styles([(st, 1.0)])
            a.net_sess = net_pool(block, 0.3, r)
            a.rpm = 4000
            adopt(w, a, r, 0.5)
            made += 1
    return made


__all__ = ["build_benign", "NEW_MODEL"]
