"""Benign population of the estuary world."""

from .world import (D_EVENING, D_FLAT, D_HUMAN, D_NIGHT, D_OFFICE, DAY, HOUR, M_HAIKU, M_NEW, M_OPUS, M_SONNET,
                    TZ)

UA_IDE = "tidewright-agent/1.%d.%d anthropic-typescript/0.67.1"
UA_PLUGIN = "inkwell-docs-plugin/3.%d.0 anthropic-python/0.72.0"
UA_BOT = "chanbridge-bot/2.%d.1"


def _sc(w):
    return w.H / 8.0


def _created_old(w):
    # ordinary accounts: days to years old
    r = w.rng.random()
    if r < 0.25:
        d = 3 + w.rng.random() * 60
    elif r < 0.7:
        d = 60 + w.rng.random() * 400
    else:
        d = 400 + w.rng.random() * 900
    return w.t0 - int(d * DAY) - int(w.rng.random() * DAY)


def _pick(w, seq):
    return seq[int(w.rng.random() * len(seq))]


def _sessions(w, a, prof, tz, nsess, kmin, kmax, gap_med, gap_sig, req):
    rng = w.rng
    starts = sorted(w.ltime(prof, tz) for _ in range(max(1, nsess)))
    for s, t in enumerate(starts):
        k = kmin + int(rng.random() * (kmax - kmin + 1))
        st = {"s": s}
        for i in range(k):
            req(t, i, st)
            t += w.lnorm(gap_med, gap_sig, 2) * 1000
            if t >= w.t1:
                break


# ------------------------------------------------------------------ individuals
def individual(w, persona, early=False, vpn=None, newbie=False):
    rng = w.rng
    c = w.country()
    tz = TZ[c]
    sc = _sc(w)
    if newbie:
        created = w.t0 - int(rng.random() * 3 * DAY) if rng.random() < 0.6 else None
        pay = None
    else:
        created = _created_old(w)
        pay = w.card() if rng.random() < (0.55 if persona == "casual" else 0.8) else None
    org = w.org() if (not newbie and persona in ("dev", "power") and rng.random() < 0.3) else None
    # sticky home network, sometimes mobile
    home = w.n_res(c)
    mob = rng.random() < 0.35
    ua = w.ua_benign()
    sp = w.sp() if (persona == "power" or (persona == "dev" and rng.random() < 0.3)) else None
    host = w.n_host() if persona == "power" else None
    if created is None:  # created during the window just before first use; decided below
        created = w.t0 + int(rng.random() * w.dur * 0.85)
        first_lo = created + 60000 + int(rng.random() * 1800000)
        a = w.new_acct(None, created, pay, org)
    else:
        first_lo = None
        a = w.new_acct(None, created, pay, org)
    key = a.keys[0]
    mix = (0.35, 0.9) if persona == "casual" else (0.2, 0.82)
    greeted = [False]

    def net():
        if host is not None:
            return host
        if vpn is not None:
            return w.n_vpn(vpn)
        if mob and rng.random() < 0.5:
            return w.n_mob(c)
        return home

    def req(t, i, st):
        if newbie and not greeted[0]:
            greeted[0] = True
            w.emit(a, t, key, net(), ua, M_HAIKU if rng.random() < 0.4 else M_SONNET, "messages",
                   5 + int(rng.random() * 8), 10 + int(rng.random() * 40), rng.random() < 0.5, 0, 1, False, "chat",
                   0.02, _pick(w, w.greetings[:4]), None)
            return
        x = rng.random()
        if persona == "casual":
            task = "chat" if x < 0.45 else ("writing" if x < 0.7 else ("analysis" if x < 0.85 else
                                                                        ("vision" if x < 0.92 else "reasoning")))
            cot = 0.05 + rng.random() * 0.3 if task != "reasoning" else 0.3 + rng.random() * 0.5
            it = w.lnorm(350, 1.0, 4) + 400 * i
            ot = w.lnorm(450, 0.9, 5)
            tools = 0
        elif persona == "dev":
            task = "coding" if x < 0.6 else ("chat" if x < 0.72 else ("analysis" if x < 0.85 else
                                                                       ("tool_use" if x < 0.93 else "reasoning")))
            cot = 0.1 + rng.random() * 0.45
            it = w.lnorm(1800, 1.1, 10) + 900 * i
            ot = w.lnorm(900, 0.9, 10)
            tools = int(rng.random() * 6) if task in ("tool_use", "coding") and rng.random() < 0.4 else 0
        elif persona == "reason":
            task = "reasoning" if x < 0.55 else ("analysis" if x < 0.8 else ("coding" if x < 0.9 else "chat"))
            cot = 0.35 + rng.random() * 0.55
            it = w.lnorm(900, 1.0, 10) + 300 * i
            ot = w.lnorm(1800, 0.8, 10)
            tools = 0
        else:  # power / app backend
            task = "analysis" if x < 0.35 else ("writing" if x < 0.6 else ("chat" if x < 0.8 else "coding"))
            cot = 0.05 + rng.random() * 0.35
            it = w.lnorm(2500, 0.8, 50)
            ot = w.lnorm(600, 0.8, 10)
            tools = int(rng.random() * 4) if rng.random() < 0.3 else 0
        model = w.model_benign(t, early, mix)
        think = model in (M_OPUS, M_NEW, M_SONNET) and task in ("reasoning", "coding") and rng.random() < 0.3
        if think:
            ot += w.lnorm(1200, 0.7, 50)
        sh = st.get("b")
        if sh is None or rng.random() < 0.5:
            sh = rng.getrandbits(64)
            st["b"] = sh
        else:
            sh = w.flip(sh, 8 + int(rng.random() * 20))
        w.emit(a, t, key, net(), ua, model, "messages", it, ot, rng.random() < 0.6, tools, min(1 + i, 60), think,
               task, cot, sh, sp)

    if newbie:
        if first_lo is not None:
            lo = min(first_lo, w.t1 - 60000)
            t = w.ltime(D_HUMAN, tz, lo, w.t1)
            t = max(t, lo)
            k = 1 + int(rng.random() * 9)
            st = {}
            for i in range(k):
                req(t, i, st)
                t += w.lnorm(70, 1.0, 3) * 1000
        else:
            _sessions(w, a, D_HUMAN, tz, 1 + w.pois(0.6 * sc), 1, 7, 70, 1.0, req)
    elif persona == "casual":
        _sessions(w, a, D_EVENING if rng.random() < 0.4 else D_HUMAN, tz, 1 + w.pois(2.8 * sc), 2, 14, 90, 1.0, req)
    elif persona == "dev":
        _sessions(w, a, D_OFFICE if rng.random() < 0.6 else D_HUMAN, tz, 1 + w.pois(3.0 * sc), 4, 22, 60, 1.0, req)
    elif persona == "reason":
        _sessions(w, a, D_NIGHT if rng.random() < 0.2 else D_HUMAN, tz, 1 + w.pois(2.5 * sc), 3, 18, 120, 0.9, req)
    else:
        # application backend: many small sessions around the clock, user-driven
        _sessions(w, a, D_HUMAN, tz, 3 + w.pois(25 * sc), 1, 9, 20, 1.2, req)
    return a


# ------------------------------------------------------------------ groups
def ide_group(w, n, name):
    """IDE / agent-framework users sharing the framework's system prompt."""
    rng = w.rng
    sps = [w.sp(), w.sp()]  # two framework versions
    w.ide_sp = sps[0]
    members = []
    for _ in range(n):
        c = w.country()
        tz = TZ[c]
        v = 0 if rng.random() < 0.65 else 1
        ua = UA_IDE % (8 + v, int(rng.random() * 4))
        a = w.new_acct(None, _created_old(w), w.card() if rng.random() < 0.85 else None,
                       w.org() if rng.random() < 0.2 else None)
        r = rng.random()
        netk = "res" if r < 0.55 else ("biz" if r < 0.8 else "host")
        fixed = w.n_res(c) if netk == "res" else (w.n_biz(c) if netk == "biz" else w.n_host())
        key = a.keys[0]
        early = rng.random() < 0.15

        def req(t, i, st, a=a, ua=ua, fixed=fixed, key=key, sp=sps[v], early=early):
            if i == 0:
                st["b"] = rng.getrandbits(64)
                st["ctx"] = w.lnorm(9000, 0.6, 2000)
                st["tools"] = 8 + int(rng.random() * 17)
            st["ctx"] += w.lnorm(2500, 0.8, 100)
            it = min(st["ctx"], 190000)
            model = w.model_benign(t, early, (0.1, 0.8))
            think = rng.random() < 0.15
            ot = w.lnorm(500, 0.9, 20) + (w.lnorm(900, 0.6, 50) if think else 0)
            task = "tool_use" if rng.random() < 0.45 else "coding"
            w.emit(a, t, key, fixed, ua, model, "messages", it, ot, True, st["tools"], 1 + 2 * i, think, task,
                   0.04 + rng.random() * 0.22, w.flip(st["b"], 3 + int(rng.random() * 10)), sp)

        _sessions(w, a, D_OFFICE if rng.random() < 0.7 else D_HUMAN, tz, 1 + w.pois(1.5 * _sc(w)), 8, 40, 25, 0.8,
                  req)
        members.append(a)
    w.groups[name] = {"kind": "ide_agent_users", "members": members}


def plugin_group(w, n, name):
    """Users of a popular documents plugin: shared templates and plugin system prompt."""
    rng = w.rng
    sp = w.sp()
    templates = [rng.getrandbits(64) for _ in range(7)]
    tw = [0.3, 0.2, 0.15, 0.12, 0.1, 0.08, 0.05]
    members = []
    for _ in range(n):
        c = w.country()
        tz = TZ[c]
        a = w.new_acct(None, _created_old(w), w.card() if rng.random() < 0.7 else None)
        ua = UA_PLUGIN % (1 + int(rng.random() * 3))
        home = w.n_res(c) if rng.random() < 0.6 else w.n_biz(c)
        key = a.keys[0]

        def req(t, i, st, a=a, ua=ua, home=home, key=key):
            x = rng.random()
            j = 0
            acc = tw[0]
            while x > acc and j < 6:
                j += 1
                acc += tw[j]
            task = "writing" if j < 4 else ("analysis" if j < 6 else "chat")
            w.emit(a, t, key, home, ua, M_HAIKU if rng.random() < 0.6 else M_SONNET, "messages",
                   w.lnorm(1400, 0.9, 40), w.lnorm(500, 0.7, 10), False, 0, 1, False, task,
                   0.03 + rng.random() * 0.15, w.flip(templates[j], 2 + int(rng.random() * 9)), sp)

        _sessions(w, a, D_OFFICE, tz, 1 + w.pois(2.0 * _sc(w)), 3, 14, 120, 1.0, req)
        members.append(a)
    w.groups[name] = {"kind": "plugin_users", "members": members}


def bot_group(w, n, name):
    """Chat-channel bots built on one integration: machine-regular timing, 24/7."""
    rng = w.rng
    sp = w.sp()
    templates = [rng.getrandbits(64) for _ in range(3)]
    members = []
    for _ in range(n):
        a = w.new_acct(None, _created_old(w), w.card(), w.org() if rng.random() < 0.5 else None)
        net = w.n_host()
        ua = UA_BOT % int(rng.random() * 3)
        period = (240 + int(rng.random() * 660)) * 1000
        t = w.t0 + int(rng.random() * period)
        key = a.keys[0]
        tpl = templates[int(rng.random() * 3)]
        while t < w.t1:
            w.emit(a, t, key, net, ua, M_HAIKU, "messages", w.lnorm(600, 0.3, 50), w.lnorm(250, 0.4, 10), False, 0,
                   1, False, "writing" if rng.random() < 0.7 else "chat", 0.02 + rng.random() * 0.05,
                   w.flip(tpl, int(rng.random() * 3)), sp)
            t += period + int((rng.random() - 0.5) * 1500)
        members.append(a)
    w.groups[name] = {"kind": "plugin_bots", "members": members}


def cohort(w, n, name):
    """A university course: new free accounts behind the campus NAT, assignment templates, deadline burst."""
    rng = w.rng
    c = w.country()
    tz = TZ[c]
    nat = [w.n_uni(c) for _ in range(1 + int(rng.random() * 2))]
    wifi_mob = rng.random() < 0.5
    ua = "anthropic-python/0.%d.0" % (70 + int(rng.random() * 5))
    tpls = [rng.getrandbits(64) for _ in range(2 + int(rng.random() * 3))]
    sp = w.sp() if rng.random() < 0.5 else None
    deadline = w.t0 + int(w.dur * (0.55 + 0.4 * rng.random()))
    made = w.t0 - int((1 + rng.random() * 6) * DAY)
    members = []
    for _ in range(n):
        a = w.new_acct(None, made + int(rng.random() * 2 * HOUR), None)
        key = a.keys[0]
        k = 6 + int(rng.random() * 35)
        greet = rng.random() < 0.4
        for i in range(k):
            # activity ramps up towards the deadline
            u = rng.random() ** 0.45
            t = deadline - int((1 - u) * min(w.dur * 0.9, 5 * HOUR)) - int(rng.random() * 120000)
            if greet and i == 0:
                t = deadline - int(min(w.dur * 0.9, 5 * HOUR)) + int(rng.random() * HOUR)
                w.emit(a, t, key, nat[0], ua, M_HAIKU, "messages", 6, 30, False, 0, 1, False, "chat", 0.02,
                       w.greetings[0], None)
                continue
            net = nat[int(rng.random() * len(nat))] if not (wifi_mob and rng.random() < 0.15) else w.n_mob(c)
            tpl = tpls[int(rng.random() * len(tpls))]
            w.emit(a, t, key, net, ua, M_HAIKU if rng.random() < 0.5 else M_SONNET, "messages",
                   w.lnorm(700, 0.6, 40), w.lnorm(1300, 0.6, 50), rng.random() < 0.3, 0, 1 + int(rng.random() * 6),
                   False, "reasoning" if rng.random() < 0.6 else "coding", 0.55 + rng.random() * 0.4,
                   w.flip(tpl, 1 + int(rng.random() * 8)), sp)
        members.append(a)
    w.groups[name] = {"kind": "course_cohort", "members": members}


def team(w, n, name):
    """A company team: one org, one invoice card, one system prompt, office NAT, office hours."""
    rng = w.rng
    c = w.country()
    tz = TZ[c]
    org = w.org()
    pay = w.card()
    sp = w.sp()
    office = [w.n_biz(c) for _ in range(1 + int(rng.random() * 2))]
    made = _created_old(w)
    members = []
    for _ in range(n):
        a = w.new_acct(None, made + int(rng.random() * min(60 * DAY, w.t0 - made - HOUR)), pay, org)
        ua = w.ua_benign()
        key = a.keys[0]
        remote = w.n_res(c) if rng.random() < 0.3 else None

        def req(t, i, st, a=a, ua=ua, key=key, remote=remote):
            x = rng.random()
            task = "analysis" if x < 0.3 else ("coding" if x < 0.6 else ("writing" if x < 0.85 else "chat"))
            net = remote if remote is not None and rng.random() < 0.7 else office[int(rng.random() * len(office))]
            model = w.model_benign(t, False, (0.2, 0.85))
            w.emit(a, t, key, net, ua, model, "messages", w.lnorm(2200, 0.9, 50), w.lnorm(700, 0.8, 10),
                   rng.random() < 0.5, int(rng.random() * 3), 1 + i, False, task, 0.05 + rng.random() * 0.35,
                   rng.getrandbits(64), sp if rng.random() < 0.85 else None)

        _sessions(w, a, D_OFFICE, tz, 1 + w.pois(3.0 * _sc(w)), 3, 16, 90, 1.0, req)
        members.append(a)
    w.groups[name] = {"kind": "team", "members": members}


def enterprise(w, n, name):
    """Enterprise batch pipeline: one org, several accounts with several keys each, templated, 24/7."""
    rng = w.rng
    org = w.org()
    pay = w.card()
    hi = int(rng.random() * 10)
    ips = [w.n_host(hi) for _ in range(4)]
    tpls = [rng.getrandbits(64) for _ in range(2 + int(rng.random() * 4))]
    sp = w.sp()
    made = w.t0 - int((200 + rng.random() * 500) * DAY)
    members = []
    for _ in range(n):
        a = w.new_acct(None, made + int(rng.random() * 100 * DAY), pay, org, nkeys=2 + int(rng.random() * 3))
        period = (60 + rng.random() * 150) * 1000
        t = w.t0 + rng.random() * period
        tpl = tpls[int(rng.random() * len(tpls))]
        ua = "anthropic-java/2.%d.0" % (9 + int(rng.random() * 2))
        while t < w.t1:
            ep = "batch" if rng.random() < 0.7 else "messages"
            w.emit(a, t, a.keys[int(rng.random() * len(a.keys))], ips[int(rng.random() * 4)], ua,
                   M_HAIKU if rng.random() < 0.5 else M_SONNET, ep, w.lnorm(3000, 0.4, 100), w.lnorm(400, 0.5, 10),
                   False, 0, 1, False, "analysis" if rng.random() < 0.7 else "writing", 0.03 + rng.random() * 0.1,
                   w.flip(tpl, int(rng.random() * 4)), sp)
            t += period * (0.85 + 0.3 * rng.random())
        members.append(a)
    w.groups[name] = {"kind": "enterprise_batch", "members": members}


def bench_lab(w, n, name):
    """Benchmark researchers: templated reasoning suites in heavy bursts, some at night."""
    rng = w.rng
    c = w.country()
    org = w.org() if rng.random() < 0.6 else None
    pay = w.card()
    suite = [rng.getrandbits(64) for _ in range(12 + int(rng.random() * 20))]
    uni = rng.random() < 0.6
    members = []
    for _ in range(n):
        a = w.new_acct(None, _created_old(w), pay if rng.random() < 0.7 else w.card(), org)
        net = w.n_uni(c) if uni else w.n_host()
        key = a.keys[0]
        nb = 1 + int(rng.random() * 3)
        for _b in range(nb):
            t = w.ltime(D_FLAT, TZ[c])
            k = w.lnorm(180, 0.5, 30)
            model = M_OPUS if rng.random() < 0.5 else M_SONNET
            if t > w.release and rng.random() < 0.6:
                model = M_NEW
            think = rng.random() < 0.6
            for _i in range(k):
                q = suite[int(rng.random() * len(suite))]
                w.emit(a, t, key, net, "python-httpx/0.27.2", model, "messages", w.lnorm(900, 0.5, 50),
                       w.lnorm(1600, 0.6, 50) + (w.lnorm(2500, 0.5, 100) if think else 0), False, 0, 1, think,
                       "reasoning", 0.6 + rng.random() * 0.35, w.flip(q, int(rng.random() * 3)), None)
                t += (2 + rng.random() * 10) * 1000
        members.append(a)
    w.groups[name] = {"kind": "benchmark_researchers", "members": members}


# ------------------------------------------------------------------ population
def populate(w):
    rng = w.rng
    N = w.N
    left = N

    def take(k):
        nonlocal left
        k = max(0, min(k, left))
        left -= k
        return k

    ide_group(w, take(int(N * 0.04)), "ide_agent_users")
    plugin_group(w, take(int(N * 0.05)), "inkwell_plugin_users")
    bot_group(w, take(max(3, int(N * 0.004))), "chanbridge_bots")
    i = 0
    budget = int(N * 0.025)
    while budget > 0 and left > 0:
        k = take(min(budget, 25 + int(rng.random() * 56)))
        if k <= 0:
            break
        cohort(w, k, "course_cohort_%02d" % i)
        budget -= k
        i += 1
    i = 0
    budget = int(N * 0.045)
    while budget > 0 and left > 0:
        k = take(min(budget, 4 + int(rng.random() * 22)))
        if k <= 0:
            break
        team(w, k, "team_%03d" % i)
        budget -= k
        i += 1
    for i in range(max(1, N // 6000)):
        k = take(3 + int(rng.random() * 6))
        if k:
            enterprise(w, k, "enterprise_batch_%02d" % i)
    for i in range(max(1, N // 5000)):
        k = take(2 + int(rng.random() * 5))
        if k:
            bench_lab(w, k, "benchmark_lab_%02d" % i)
    # VPN users share exit addresses of three providers
    for p in range(3):
        k = take(int(N * 0.007))
        mem = [individual(w, "casual" if rng.random() < 0.5 else "dev", vpn=p) for _ in range(k)]
        if mem:
            w.groups["vpn_provider_%d_users" % p] = {"kind": "shared_vpn_exit", "members": mem}
    k = take(int(N * 0.14))
    mem = [individual(w, "casual", newbie=True) for _ in range(k)]
    if mem:
        w.groups["free_tier_newcomers"] = {"kind": "new_free_tier", "members": mem}
    early = []
    while left > 0:
        take(1)
        x = rng.random()
        persona = "casual" if x < 0.5 else ("dev" if x < 0.8 else ("reason" if x < 0.93 else "power"))
        e = rng.random() < 0.08
        a = individual(w, persona, early=e)
        if e:
            early.append(a)
    if early:
        w.groups["new_model_early_adopters"] = {"kind": "early_adopters", "members": early}
