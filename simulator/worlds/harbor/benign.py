"""Benign population of the harbor world."""
from __future__ import annotations

import math

from .behaviors import Persona, batch_gen, bench_gen, human_gen, regular_gen
from .core import (
    COUNTRY_PICK, CURVES, DAY, HOUR, MIN, NEW_MODEL, OFFICIAL_UAS, SDK_UAS, TZ,
    WChoice, cot_for, lognorm, shifted_curve, sp_frag,
)

H45, S45, O41, H35 = "claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-1", "claude-3-5-haiku"

# ordinary individual activity: sessions/hour at the daily peak, requests/session
IND_RATE = (2.5, 0.85)   # lognormal (median, sigma)
IND_SESS = (9.0, 0.6)

MODEL_MIXES = WChoice([
    (WChoice([(S45, 0.8), (H45, 0.12), (O41, 0.08)]), 0.42),
    (WChoice([(H45, 0.75), (S45, 0.2), (H35, 0.05)]), 0.2),
    (WChoice([(O41, 0.6), (S45, 0.4)]), 0.1),
    (WChoice([(S45, 0.5), (H45, 0.25), (O41, 0.25)]), 0.22),
    (WChoice([(H35, 0.6), (H45, 0.2), (S45, 0.2)]), 0.06),
])

CAT_MIXES = {
    "chatty": WChoice([("chat", .45), ("writing", .2), ("analysis", .1), ("coding", .1), ("reasoning", .1), ("other", .05)]),
    "coder": WChoice([("coding", .55), ("chat", .1), ("reasoning", .1), ("analysis", .1), ("tool_use", .1), ("writing", .05)]),
    "writer": WChoice([("writing", .5), ("chat", .2), ("analysis", .15), ("reasoning", .05), ("other", .1)]),
    "analyst": WChoice([("analysis", .4), ("reasoning", .2), ("coding", .15), ("chat", .15), ("vision", .1)]),
    "thinker": WChoice([("reasoning", .45), ("chat", .15), ("coding", .15), ("analysis", .15), ("writing", .1)]),
    "builder": WChoice([("tool_use", .35), ("coding", .3), ("chat", .15), ("analysis", .1), ("vision", .1)]),
}
CAT_MIX_PICK = WChoice([("chatty", .26), ("coder", .26), ("writer", .12), ("analyst", .13), ("thinker", .11), ("builder", .12)])
MOBILE_COUNTRIES = WChoice([("IN", .2), ("ID", .12), ("NG", .08), ("PH", .08), ("BR", .1), ("MX", .06), ("VN", .06),
                            ("US", .12), ("TR", .05), ("PK", .05), ("EG", .04), ("KE", .04)])


def sp_none(rng):
    return ("null", 0)


def mk_sp(h, tokens, p=1.0):
    frag = sp_frag(h)
    if p >= 1.0:
        def f(rng):
            return (frag, tokens)
    else:
        def f(rng):
            return (frag, tokens) if rng.random() < p else ("null", 0)
    return f


def mk_prompt(common, common_p, own=None, own_p=0.0):
    def f(rng, cat):
        u = rng.random()
        if u < common_p:
            return common.pick(rng).draw(rng), True
        if own is not None and u < common_p + own_p:
            return own.pick(rng).draw(rng), True
        return rng.getrandbits(64), False
    return f


def mk_home_net(W, cc):
    state = [W.net.household(W.rng, cc)]
    net = W.net

    def f(rng):
        u = rng.random()
        if u < 0.012:
            state[0] = net.household(rng, cc)  # DHCP renumbering
        elif u < 0.07:
            return net.mobile_frag(rng, cc)    # on the phone
        return state[0]
    return f


def mk_fixed_net(frags, home=None, away_p=0.0):
    def f(rng):
        if home is not None and rng.random() < away_p:
            return home(rng)
        return frags[0] if len(frags) == 1 else frags[rng.randrange(len(frags))]
    return f


def aged_created(W, med_days=220.0, lo=3.0, hi=1100.0):
    d = min(hi, max(lo, lognorm(W.rng, med_days, 1.0)))
    return W.t0 - int(d * DAY) - W.rng.randrange(DAY)


def tz_shift(rng):
    return rng.randint(-2, 2)


def adoption(W, early_p):
    """(adopt_t, new_p): when an account starts trying the newly released model."""
    rng = W.rng
    if rng.random() < early_p:
        return W.release + int(rng.expovariate(1.0 / 1.2) * HOUR), rng.uniform(0.4, 0.9)
    return W.release + int(rng.uniform(2.0, 30.0) * HOUR), rng.uniform(0.1, 0.35)


def individual_persona(W, A, cc, common, helpful, early_p, *, heavy=False, net=None, keys=None):
    rng = W.rng
    u = rng.random()
    own_sp = None
    if u < 0.22:
        sp = mk_sp(helpful[0], helpful[1], rng.uniform(0.5, 0.95))
    elif u < 0.32:
        own_sp = mk_sp(W.new_sp(), rng.randint(40, 1500), rng.uniform(0.6, 1.0))
        sp = own_sp
    else:
        sp = sp_none
    own = None
    own_p = 0.0
    script = None
    script_p = 0.0
    if heavy or rng.random() < 0.14:
        tpls = [W.template() for _ in range(rng.randint(1, 3))]
        own = WChoice((t, 1.0) for t in tpls)
        own_p = rng.uniform(0.05, 0.3)
        script_p = rng.uniform(0.1, 0.35) if not heavy else rng.uniform(0.2, 0.45)
        script = {"tpl": tpls[0], "cat": rng.choice(["analysis", "writing", "coding", "reasoning", "chat"]),
                  "sp": sp_frag(W.new_sp()) if rng.random() < 0.6 else "null",
                  "len": (rng.randint(8, 30), rng.randint(40, 250 if heavy else 120)),
                  "gap": rng.uniform(0.3, 4.0), "in_med": lognorm(rng, 600, 0.8),
                  "out_med": lognorm(rng, 350, 0.7)}
    adopt_t, new_p = adoption(W, early_p)
    if heavy:
        rate = lognorm(rng, 4.0, 0.35)
        sess = max(6.0, lognorm(rng, 32, 0.45))
        gap = lognorm(rng, 25, 0.4)
        cats = CAT_MIXES[rng.choice(["coder", "analyst", "thinker", "builder"])]
        curve = shifted_curve(rng.choice(["dev", "home", "flat"]), tz_shift(rng))
        p429 = rng.uniform(0.01, 0.05)
    else:
        rate = lognorm(rng, *IND_RATE)
        sess = max(1.2, lognorm(rng, *IND_SESS))
        gap = lognorm(rng, 45, 0.45)
        cats = CAT_MIXES[CAT_MIX_PICK.pick(rng)]
        curve = shifted_curve(rng.choice(["home", "home", "dev"]), tz_shift(rng))
        p429 = rng.uniform(0.0, 0.008)
    cot = None
    out_mult = 1.0
    u = rng.random()
    if u < 0.06:
        # habitually asks for step-by-step working (tutors, maths, puzzle fans)
        cats = CAT_MIXES[rng.choice(["thinker", "analyst", "coder"])]

        def cot(r, cat, templated):
            if cat in ("reasoning", "analysis", "coding") and r.random() < 0.8:
                return r.uniform(0.6, 0.97)
            return cot_for(r, cat)
    elif u < 0.1:
        out_mult = rng.uniform(2.0, 4.0)  # long-form writers, report generators
    return Persona(
        A, keys=keys or [W.new_key()], start=W.t0, end=W.end, rate=rate, curve=curve, tz=TZ[cc],
        sess_mean=sess, conv_mean=max(1.0, lognorm(rng, 2.4, 0.5)), gap_med=gap,
        cats=cats, models=MODEL_MIXES.pick(rng), adopt_t=adopt_t, new_p=new_p,
        net=net or mk_home_net(W, cc), ua=SDK_UAS.pick(rng),
        prompt=mk_prompt(common, rng.uniform(0.02, 0.12), own, own_p), sp=sp,
        stream_p=rng.choice([0.05, 0.5, 0.9]), think_p=rng.uniform(0.0, 0.45),
        p400=rng.uniform(0.002, 0.012), p429=p429, script_p=script_p, script=script,
        cot=cot, out_mult=out_mult,
    )


def build_benign(W):
    rng = W.rng
    N = W.n_benign
    t0, end, R = W.t0, W.end, W.release
    hours = W.hours

    # ---------------------------------------------- shared prompt material
    commons = [W.template() for _ in range(rng.randint(18, 32))]
    common = WChoice((t, 1.0 / (i + 1) ** 0.9) for i, t in enumerate(commons))
    helpful = (W.new_sp(), rng.randint(6, 12))  # "You are a helpful assistant."
    early_p = rng.uniform(0.1, 0.22)

    # ------------------------------------------------------------ sizes
    sh = {
        "new_free_users": rng.uniform(0.06, 0.1),
        "ide_agent_users": rng.uniform(0.08, 0.13),
        "plugin_users": rng.uniform(0.05, 0.09),
        "plugin_bots": rng.uniform(0.003, 0.007),
        "team_members": rng.uniform(0.05, 0.08),
        "mobile_cgnat_users": rng.uniform(0.05, 0.08),
        "vpn_users": rng.uniform(0.025, 0.05),
        "cloud_startups": rng.uniform(0.006, 0.012),
        "early_adopters": rng.uniform(0.015, 0.03),
        "power_users": rng.uniform(0.015, 0.03),
    }
    n = {k: max(3, int(round(v * N))) for k, v in sh.items()}
    n_cohorts = rng.randint(2, 3) + N // 12000
    cohort_sizes = [rng.randint(25, 90) for _ in range(n_cohorts)]
    while sum(cohort_sizes) > 0.06 * N and len(cohort_sizes) > 1:
        cohort_sizes.pop()
    if sum(cohort_sizes) > 0.06 * N:  # tiny worlds (tests)
        cohort_sizes = [max(6, int(0.06 * N))]
    n_bench = rng.randint(4, 9) + N // 6000
    n_ent_orgs = max(2, int(round(N / 1500 * rng.uniform(0.5, 1.0))))
    ent_sizes = [rng.randint(1, 4) for _ in range(n_ent_orgs)]
    used = sum(n.values()) + sum(cohort_sizes) + n_bench + sum(ent_sizes)
    n["individuals"] = N - used
    assert n["individuals"] > 0.12 * N, n

    kinds = {
        "individuals": "individual", "power_users": "heavy_individual",
        "new_free_users": "new_free_tier", "course_cohorts": "course_cohort",
        "benchmark_researchers": "benchmark_research", "enterprise_batch": "enterprise_batch",
        "ide_agent_users": "ide_agent_framework", "plugin_users": "plugin_integration",
        "plugin_bots": "integration_bot", "team_members": "team_org",
        "mobile_cgnat_users": "carrier_nat", "vpn_users": "vpn",
        "cloud_startups": "cloud_startup", "early_adopters": "new_model_early_adopter",
    }
    W.benign_groups.update(kinds)

    # ------------------------------------------------------ individuals
    last_card = None
    for _ in range(n["individuals"]):
        cc = COUNTRY_PICK.pick(rng)
        if last_card is not None and rng.random() < 0.04:
            card = last_card  # a household: two accounts on one family card
        else:
            card = W.new_card() if rng.random() < 0.62 else None
        last_card = card
        org = W.new_org() if rng.random() < 0.3 else None
        A = W.account("individuals", aged_created(W), org, card)
        W.add(human_gen(W, individual_persona(W, A, cc, common, helpful, early_p)))

    for _ in range(n["power_users"]):
        cc = COUNTRY_PICK.pick(rng)
        A = W.account("power_users", aged_created(W, 400), W.new_org() if rng.random() < 0.5 else None,
                      W.new_card())
        W.add(human_gen(W, individual_persona(W, A, cc, common, helpful, early_p * 1.5, heavy=True,
                                              keys=[W.new_key() for _ in range(rng.randint(1, 3))])))

    # ----------------------------------------------------- new free tier
    for _ in range(n["new_free_users"]):
        cc = COUNTRY_PICK.pick(rng)
        if rng.random() < 0.65:
            created = t0 - int(0.5 * HOUR) + int(rng.random() * (end - t0 - 0.5 * HOUR))
        else:
            created = t0 - int(rng.uniform(0.1, 4.0) * DAY)
        A = W.account("new_free_users", created, None, None)
        start = max(t0, created + int(rng.uniform(0.2, 25) * MIN))
        P = Persona(
            A, keys=[W.new_key()], start=start, end=start + int(lognorm(rng, 2.0, 0.8) * HOUR),
            rate=lognorm(rng, 1.4, 0.5), curve=CURVES["flat"], tz=TZ[cc], sess_mean=lognorm(rng, 3, 0.5),
            conv_mean=1.6, gap_med=lognorm(rng, 35, 0.4), cats=CAT_MIXES[rng.choice(["chatty", "chatty", "coder", "thinker", "writer"])],
            models=MODEL_MIXES.pick(rng), adopt_t=R, new_p=rng.uniform(0.0, 0.5) if rng.random() < 0.4 else 0.0,
            net=mk_home_net(W, cc) if rng.random() < 0.8 else (lambda r, cc=cc: W.net.mobile_frag(r, cc)),
            ua=SDK_UAS.pick(rng), prompt=mk_prompt(common, 0.08), sp=sp_none,
            stream_p=rng.choice([0.1, 0.5]), think_p=0.05, p400=rng.uniform(0.01, 0.05), p429=0.002,
            greet=rng.random() < 0.78,
        )
        W.add(human_gen(W, P))

    # ---------------------------------------------------- course cohorts
    for size in cohort_sizes:
        cc = WChoice([("US", .35), ("IN", .15), ("GB", .1), ("DE", .08), ("CA", .07), ("SG", .05),
                      ("KR", .05), ("BR", .05), ("FR", .05), ("AU", .05)]).pick(rng)
        campus = W.net.campus(rng, cc)
        wave = t0 - int(rng.uniform(2.0, 25.0) * DAY)
        course_ua = OFFICIAL_UAS.pick(rng)
        tpls = [W.template() for _ in range(rng.randint(3, 6))]
        assign = WChoice((tp, rng.uniform(0.5, 1.5)) for tp in tpls)
        csp = mk_sp(W.new_sp(), rng.randint(60, 400), rng.uniform(0.6, 0.95)) if rng.random() < 0.5 else sp_none
        # deadline: a local 09:00 / 12:00 / 17:00 / 23:59 that falls inside the window if possible
        cands = []
        day0 = (t0 + int(TZ[cc] * HOUR)) // DAY * DAY - int(TZ[cc] * HOUR)
        for d in range(0, int(hours // 24) + 3):
            for lh in (9.0, 12.0, 17.0, 23.99):
                D = day0 + d * DAY + int(lh * HOUR)
                if t0 + 1.5 * HOUR <= D <= end + HOUR:
                    cands.append(D)
        deadline = rng.choice(cands) if cands else t0 + int(rng.uniform(0.4, 1.1) * hours * HOUR)
        K = rng.uniform(3.0, 7.0)
        tau = rng.uniform(1.2, 3.0) * HOUR
        cats = WChoice([("reasoning", .45), ("coding", .4), ("chat", .1), ("writing", .05)])
        scurve = CURVES["student"]
        tzc = int(TZ[cc] * HOUR)

        def mod(t, D=deadline, K=K, tau=tau, scurve=scurve, tzc=tzc):
            w = scurve[((t + tzc) // HOUR) % 24]
            if t < D:
                return w + K * math.exp(-(D - t) / tau)
            return 0.35 * w

        def prompt(rng, cat, assign=assign, common=common):
            u = rng.random()
            if u < 0.72:
                return assign.pick(rng).draw(rng), True
            if u < 0.78:
                return common.pick(rng).draw(rng), True
            return rng.getrandbits(64), False

        def cot(rng, cat, templated):
            if templated:
                return rng.uniform(0.55, 0.96)
            return rng.uniform(0.05, 0.7)

        for _ in range(size):
            created = wave + int(rng.gauss(0, 0.4) * DAY)
            A = W.account("course_cohorts", min(created, t0 - HOUR), None, None)
            home = mk_home_net(W, cc)
            P = Persona(
                A, keys=[W.new_key()], start=t0, end=end, rate=lognorm(rng, 0.5, 0.5), curve=CURVES["flat"],
                tz=TZ[cc], mod=mod, mod_max=1.0 + K, sess_mean=lognorm(rng, 6, 0.5), conv_mean=2.5,
                gap_med=lognorm(rng, 50, 0.4), cats=cats, models=WChoice([(S45, .7), (H45, .3)]),
                net=mk_fixed_net(campus, home, rng.uniform(0.2, 0.45)),
                ua=course_ua if rng.random() < 0.8 else SDK_UAS.pick(rng), prompt=prompt, sp=csp,
                stream_p=0.2, think_p=0.15, p400=rng.uniform(0.01, 0.04), p429=0.003, cot=cot,
                greet=rng.random() < 0.15,
            )
            W.add(human_gen(W, P))

    # ---------------------------------------------- benchmark researchers
    suites = []
    harness_sp = W.new_sp()
    for _ in range(rng.randint(5, 8)):
        cat = rng.choice(["reasoning", "reasoning", "coding", "analysis"])
        suites.append((W.template(nvol=(14, 22), dense=rng.random() < 0.5), lognorm(rng, 500, 0.6),
                       lognorm(rng, 900, 0.5), cat, sp_frag(harness_sp) if rng.random() < 0.5 else "null"))
    labs = []
    for _ in range(rng.randint(1, 2)):
        labs.append((W.new_org(), W.new_card(), rng.choice(["US", "GB", "DE", "CA", "JP", "SG"])))
    for i in range(n_bench):
        if i < 2 * len(labs) + 1 and rng.random() < 0.75:
            org, card, cc = labs[i % len(labs)]
        else:
            org, card, cc = (W.new_org() if rng.random() < 0.5 else None), W.new_card(), COUNTRY_PICK.pick(rng)
        A = W.account("benchmark_researchers", aged_created(W, 300), org, card)
        keys = [W.new_key() for _ in range(rng.randint(1, 3))]
        ip, asn, hcc = W.net.hosting_ip(rng) if rng.random() < 0.6 else (*W.net.household_raw(rng, cc), cc)
        netf = W.net.frag(ip, asn, hcc)
        night = rng.random() < 0.45
        runs = []
        for _ in range(rng.randint(1, 1 + int(round(hours / 8 * 2.5)))):
            for _try in range(30):
                s = t0 + int(rng.random() * (end - t0))
                lh = int((s / HOUR + TZ[cc]) % 24)
                if not night or lh >= 21 or lh < 6:
                    break
            runs.append(s)
        runs.sort()
        suite_sub = rng.sample(suites, rng.randint(2, len(suites)))
        base_models = [S45, O41, H45]

        def models_fn(rng, t, base=base_models):
            ms = rng.sample(base, rng.randint(1, 3))
            if t >= R + 20 * MIN and rng.random() < 0.85:
                ms = [NEW_MODEL] + ms[:1]
            return ms

        W.add(bench_gen(W, A, keys=keys, net=netf, ua=rng.choice(["evalkit/0.9.2", "anthropic-python/0.74.1", "python-requests/2.32.3"]),
                        suites=suite_sub, run_starts=runs, models_fn=models_fn, p429=rng.uniform(0.02, 0.08)))
        # ordinary interactive use of the same account, light
        P = individual_persona(W, A, cc, common, helpful, 0.8, keys=keys)
        P.rate *= 0.5
        W.add(human_gen(W, P))

    # ---------------------------------------------- enterprise batch jobs
    for size in ent_sizes:
        org, card = W.new_org(), W.new_card()
        prov = rng.randrange(len(W.net.hosting))
        block = rng.randrange(256)
        gw = [W.net.frag(*W.net.hosting_ip(rng, prov, block)) for _ in range(rng.randint(1, 3))]
        ua = rng.choice(["anthropic-python/0.73.0", "anthropic-java/2.10.0", "anthropic-python/0.70.2", "anthropic-go/1.14.0"])
        org_cc = W.net.hosting[prov][1]
        created_org = aged_created(W, 500, 60)
        for _ in range(size):
            A = W.account("enterprise_batch", created_org + rng.randrange(30 * DAY), org, card)
            for _j in range(rng.randint(1, 3)):
                key = W.new_key()
                net = gw[rng.randrange(len(gw))]
                tpls = [W.template() for _ in range(rng.randint(1, 3))]
                sp = sp_frag(W.new_sp())
                model = rng.choice([H45, H45, S45, H35])
                cat = rng.choice(["analysis", "writing", "other", "analysis", "coding", "vision"])
                kind = rng.random()
                start = t0 + rng.randrange(20 * MIN)
                if kind < 0.45:
                    W.add(regular_gen(W, A, key=key, net=net, ua=ua, model=model, sp=sp, tpl=tpls[0], cat=cat,
                                      period_s=rng.uniform(6, 45), jitter_s=rng.uniform(0.5, 4), start=start,
                                      in_med=lognorm(rng, 1500, 0.6), out_med=lognorm(rng, 300, 0.5),
                                      curve=CURVES["business"], tz_ms=int(TZ[org_cc] * HOUR), p429=0.01))
                elif kind < 0.8:
                    W.add(batch_gen(W, A, key=key, net=net, ua=ua, model=model, sp=sp, tpls=tpls, cat=cat,
                                    every_s=rng.uniform(25, 90) * 60, size=(80, rng.randint(150, 600)), start=start,
                                    in_med=lognorm(rng, 1200, 0.6), out_med=lognorm(rng, 350, 0.5)))
                else:
                    W.add(regular_gen(W, A, key=key, net=net, ua=ua, model=model, sp=sp, tpl=tpls[0], cat=cat,
                                      period_s=rng.choice([60, 120, 300]), jitter_s=0.4, start=start,
                                      in_med=lognorm(rng, 900, 0.5), out_med=lognorm(rng, 250, 0.5),
                                      burst=rng.randint(3, 15)))

    # ------------------------------------------ IDE / agent frameworks
    frameworks = []
    for name, ver, prev, w in [("helmsman-ide", "2.4.1", "2.3.7", 0.55), ("loopsmith-agent", "0.42.0", "0.41.3", 0.3),
                               ("tidewater-cli", "1.18.2", "1.17.0", 0.15)]:
        cur_sp = (W.new_sp(), rng.randint(8000, 16000), rng.randint(10, 24))
        old_sp = (W.new_sp(), cur_sp[1] - rng.randint(200, 1500), cur_sp[2] - rng.randint(0, 3))
        frameworks.append(((name, ver, prev, cur_sp, old_sp), w))
    fw_pick = WChoice(frameworks)
    for _ in range(n["ide_agent_users"]):
        name, ver, prev, cur_sp, old_sp = fw_pick.pick(rng)
        cur = rng.random() < 0.85
        sph, sptok, tools = cur_sp if cur else old_sp
        cc = COUNTRY_PICK.pick(rng)
        heavy = rng.random() < 0.06
        A = W.account("ide_agent_users", aged_created(W, 180), W.new_org() if rng.random() < 0.35 else None,
                      W.new_card() if rng.random() < 0.85 else None)
        adopt_t, new_p = adoption(W, early_p * 1.3)
        P = Persona(
            A, keys=[W.new_key()], start=t0, end=end,
            rate=lognorm(rng, 2.4 if heavy else 1.3, 0.6), curve=shifted_curve("dev", tz_shift(rng)), tz=TZ[cc],
            sess_mean=max(3.0, lognorm(rng, 45 if heavy else 18, 0.6)), conv_mean=lognorm(rng, 10, 0.5),
            gap_med=lognorm(rng, 40, 0.5), cats=WChoice([("coding", .7), ("tool_use", .3)]),
            models=WChoice([(S45, .75), (O41, .15), (H45, .1)]), adopt_t=adopt_t, new_p=new_p,
            net=mk_home_net(W, cc), ua=f"{name}/{ver if cur else prev}",
            prompt=lambda r, cat: (r.getrandbits(64), False), sp=mk_sp(sph, sptok),
            agent=True, agent_tools=tools, stream_p=0.97, think_p=rng.uniform(0.1, 0.4),
            p400=0.004, p429=rng.uniform(0.002, 0.03 if heavy else 0.01),
            cot=lambda r, cat, t: r.random() * 0.22,
        )
        W.add(human_gen(W, P))

    # -------------------------------------------- plugins & integrations
    plugin_specs = [("mailmate-assist", "5.2.0", "writing"), ("sheetwise", "3.1.4", "analysis"),
                    ("notely-ai", "2.0.9", "writing"), ("deskhelp-connector", "1.9.0", "chat"),
                    ("docsmith", "4.4.2", "analysis")]
    plugins = []
    for i, (name, ver, cat) in enumerate(plugin_specs[:rng.randint(3, 5)]):
        tpls = [W.template(nvol=(7, 12)) for _ in range(rng.randint(2, 6))]
        server = rng.random() < 0.5
        prov = rng.randrange(len(W.net.hosting))
        block = rng.randrange(256)
        egress = [W.net.frag(*W.net.hosting_ip(rng, prov, block)) for _ in range(rng.randint(2, 6))]
        plugins.append(({
            "ua": f"{name}/{ver}", "sp": (W.new_sp(), rng.randint(150, 900)), "tpls": WChoice((t, rng.uniform(.3, 1)) for t in tpls),
            "bot_tpl": W.template(nvol=(4, 8)), "cat": cat, "server": server, "egress": egress,
            "model": rng.choice([H45, S45, H35]), "cats": WChoice([(cat, .8), ("chat", .1), ("other", .1)]),
        }, 1.0 / (i + 1) ** 1.1))
    plugin_pick = WChoice(plugins)
    for _ in range(n["plugin_users"]):
        pl = plugin_pick.pick(rng)
        cc = COUNTRY_PICK.pick(rng)
        A = W.account("plugin_users", aged_created(W, 150), None, W.new_card() if rng.random() < 0.7 else None)
        net = mk_fixed_net(pl["egress"]) if pl["server"] else mk_home_net(W, cc)
        P = Persona(
            A, keys=[W.new_key()], start=t0, end=end, rate=lognorm(rng, 1.8, 0.8),
            curve=shifted_curve("office", tz_shift(rng)), tz=TZ[cc], sess_mean=lognorm(rng, 4, 0.6), conv_mean=1.2,
            gap_med=lognorm(rng, 30, 0.5), cats=pl["cats"], models=WChoice([(pl["model"], 1.0)]),
            net=net, ua=pl["ua"], prompt=(lambda r, cat, tp=pl["tpls"]: (tp.pick(r).draw(r), True) if r.random() < 0.9 else (r.getrandbits(64), False)),
            sp=mk_sp(*pl["sp"]), stream_p=0.3, think_p=0.0, p400=0.004, p429=0.002,
        )
        W.add(human_gen(W, P))
    for _ in range(n["plugin_bots"]):
        pl = plugin_pick.pick(rng)
        cc = COUNTRY_PICK.pick(rng)
        A = W.account("plugin_bots", aged_created(W, 200), W.new_org() if rng.random() < 0.5 else None, W.new_card())
        if pl["server"]:
            net = pl["egress"][rng.randrange(len(pl["egress"]))]
        else:
            net = W.net.frag(*W.net.hosting_ip(rng))
        W.add(regular_gen(W, A, key=W.new_key(), net=net, ua=pl["ua"], model=pl["model"], sp=sp_frag(pl["sp"][0]),
                          tpl=pl["bot_tpl"], cat=pl["cat"], period_s=rng.choice([30, 60, 120, 300, 600, 900]),
                          jitter_s=rng.uniform(0.05, 0.6), start=t0 + rng.randrange(15 * MIN),
                          in_med=lognorm(rng, 700, 0.4), out_med=lognorm(rng, 200, 0.4),
                          burst=rng.choice([1, 1, 1, 2, 4])))

    # ------------------------------------------------------------- teams
    left = n["team_members"]
    while left > 0:
        size = min(left, rng.randint(4, 30))
        left -= size
        cc = WChoice([("US", .3), ("GB", .1), ("DE", .1), ("IN", .1), ("FR", .06), ("JP", .06), ("CA", .06),
                      ("NL", .05), ("SG", .05), ("BR", .06), ("AU", .06)]).pick(rng)
        org, card = W.new_org(), W.new_card()
        office = [W.net.frag(*W.net.household_raw(rng, cc), cc) for _ in range(rng.randint(1, 2))]
        tsp = mk_sp(W.new_sp(), rng.randint(200, 2500), rng.uniform(0.7, 1.0))
        ttpl = WChoice((W.template(), 1.0) for _ in range(rng.randint(2, 4)))
        tua = OFFICIAL_UAS.pick(rng)
        tcats = CAT_MIXES[rng.choice(["coder", "coder", "analyst", "writer", "builder"])]
        tmodels = MODEL_MIXES.pick(rng)
        tp = rng.uniform(0.2, 0.45)
        created = aged_created(W, 300, 20)
        for _ in range(size):
            A = W.account("team_members", created + rng.randrange(20 * DAY), org, card)
            adopt_t, new_p = adoption(W, early_p)
            P = Persona(
                A, keys=[W.new_key()], start=t0, end=end, rate=lognorm(rng, 3.0, 0.6),
                curve=shifted_curve("office", rng.randint(-1, 1)), tz=TZ[cc], sess_mean=lognorm(rng, 6, 0.5),
                conv_mean=2.2, gap_med=lognorm(rng, 40, 0.4), cats=tcats, models=tmodels, adopt_t=adopt_t, new_p=new_p,
                net=mk_fixed_net(office, mk_home_net(W, cc), rng.uniform(0.0, 0.3)),
                ua=tua if rng.random() < 0.85 else SDK_UAS.pick(rng),
                prompt=mk_prompt(ttpl, tp), sp=tsp, stream_p=0.6, think_p=0.2,
                p400=0.005, p429=0.004,
            )
            W.add(human_gen(W, P))

    # ------------------------------------------------ carrier-grade NAT
    for _ in range(n["mobile_cgnat_users"]):
        cc = MOBILE_COUNTRIES.pick(rng)
        carrier = rng.randrange(2)
        A = W.account("mobile_cgnat_users", aged_created(W, 150), None, W.new_card() if rng.random() < 0.4 else None)
        P = individual_persona(W, A, cc, common, helpful, early_p,
                               net=(lambda r, cc=cc, c=carrier: W.net.mobile_frag(r, cc, c)))
        P.rotate = rng.random() < 0.3
        P.cats = CAT_MIXES[rng.choice(["chatty", "chatty", "writer", "coder", "thinker"])]
        W.add(human_gen(W, P))

    # ------------------------------------------------------------ VPN users
    for _ in range(n["vpn_users"]):
        cc = COUNTRY_PICK.pick(rng)
        prov = rng.randrange(len(W.net.vpn))
        home = mk_home_net(W, cc)
        A = W.account("vpn_users", aged_created(W), None, W.new_card() if rng.random() < 0.7 else None)

        def vnet(r, prov=prov, home=home):
            return home(r) if r.random() < 0.15 else W.net.vpn_frag(r, prov)
        W.add(human_gen(W, individual_persona(W, A, cc, common, helpful, early_p, net=vnet)))

    # ------------------------------------------------ cloud-hosted start-ups
    left = n["cloud_startups"]
    while left > 0:
        size = min(left, rng.randint(1, 4))
        left -= size
        org, card = W.new_org(), W.new_card()
        ip, asn, hcc = W.net.hosting_ip(rng)
        netf = W.net.frag(ip, asn, hcc)
        tpls = WChoice((W.template(), 1.0) for _ in range(rng.randint(2, 4)))
        ssp = mk_sp(W.new_sp(), rng.randint(300, 3000))
        cats = CAT_MIXES[rng.choice(["builder", "writer", "analyst", "chatty"])]
        model = MODEL_MIXES.pick(rng)
        cc = rng.choice(["US", "US", "GB", "DE", "IN", "SG", "FR"])
        for _ in range(size):
            A = W.account("cloud_startups", aged_created(W, 120, 10), org, card)
            adopt_t, new_p = adoption(W, 0.5)
            P = Persona(
                A, keys=[W.new_key() for _ in range(rng.randint(1, 3))], start=t0, end=end,
                rate=lognorm(rng, 5, 0.5), curve=shifted_curve("home", 0), tz=TZ[cc], sess_mean=lognorm(rng, 5, 0.5),
                conv_mean=1.5, gap_med=lognorm(rng, 12, 0.6), cats=cats, models=model, adopt_t=adopt_t, new_p=new_p,
                net=mk_fixed_net([netf]), ua=OFFICIAL_UAS.pick(rng), prompt=mk_prompt(tpls, rng.uniform(0.4, 0.8)),
                sp=ssp, stream_p=0.9, think_p=0.05, p400=0.004, p429=0.006,
            )
            W.add(human_gen(W, P))

    # ------------------------------------------- new-model early adopters
    for _ in range(n["early_adopters"]):
        cc = COUNTRY_PICK.pick(rng)
        start = R + int(rng.expovariate(1.0 / 0.8) * HOUR)
        fresh = rng.random() < 0.35
        if fresh:
            created = start - int(rng.uniform(1, 50) * MIN)
            A = W.account("early_adopters", created, None, W.new_card() if rng.random() < 0.5 else None)
        else:
            A = W.account("early_adopters", aged_created(W), W.new_org() if rng.random() < 0.3 else None,
                          W.new_card() if rng.random() < 0.8 else None)
        P = individual_persona(W, A, cc, common, helpful, 1.0)
        P.start = start
        P.adopt_t = start
        P.new_p = rng.uniform(0.7, 0.97)
        P.rate = lognorm(rng, 1.4, 0.5)
        P.cats = CAT_MIXES[rng.choice(["thinker", "coder", "chatty", "analyst"])]
        P.think_p = rng.uniform(0.2, 0.7)
        P.greet = fresh or rng.random() < 0.2
        W.add(human_gen(W, P))
    return {"common": common, "helpful": helpful, "early_p": early_p}
