"""Distillation campaigns of the estuary world."""

from .world import COUNTRIES, D_HUMAN, D_OFFICE, DAY, HOUR, M_HAIKU, M_NEW, M_OPUS, M_SONNET, TZ


def _camp(w, cid, kind, desc):
    w.campaigns[cid] = {"kind": kind, "description": desc}
    return cid


def proxy_swarm(w, n):
    """Many light accounts, residential proxies rotating per request, near-duplicate reasoning templates."""
    rng = w.rng
    cid = _camp(w, "estuary-swarm", "proxy_swarm",
                "Wave-created light accounts on prepaid cards or free credits harvesting step-by-step reasoning "
                "through a rotating residential proxy pool.")
    countries = ["US", "GB", "DE", "CA", "BR", "IN", "FR", "AU", "JP"]
    rng.shuffle(countries)
    countries = countries[:5 + int(rng.random() * 3)]
    tpls = [rng.getrandbits(64) for _ in range(4 + int(rng.random() * 5))]
    uas = ["anthropic-python/0.%d.%d" % (71 + int(rng.random() * 4), int(rng.random() * 3)) for _ in range(2)]
    waves = [w.t0 - int((1 + rng.random() * 18) * DAY) for _ in range(2 + int(rng.random() * 3))]
    for _ in range(n):
        created = waves[int(rng.random() * len(waves))] + int(rng.random() * 2.5 * HOUR)
        a = w.new_acct(cid, created, w.card() if rng.random() < 0.6 else None)
        key = a.keys[0]
        ua = uas[0] if rng.random() < 0.8 else uas[1]
        k = max(2, w.lnorm(int(16 * w.H / 8) + 2, 0.5, 2))
        lo = w.t0 + int(rng.random() * w.dur * 0.6)
        hi = min(w.t1, lo + int(w.dur * (0.3 + 0.5 * rng.random())))
        ts = sorted(lo + int(rng.random() * (hi - lo)) for _ in range(k))
        for i, t in enumerate(ts):
            c = countries[int(rng.random() * len(countries))]
            net = w.n_res(c) if rng.random() < 0.85 else w.n_mob(c)
            if i == 0:
                w.emit(a, t, key, net, ua, M_SONNET, "messages", 8, 25, False, 0, 1, False, "chat", 0.02,
                       w.greetings[int(rng.random() * 5)] if rng.random() < 0.7 else w.greetings[2], None)
                continue
            if rng.random() < 0.15:  # camouflage chat
                w.emit(a, t, key, net, ua, M_SONNET, "messages", w.lnorm(300, 0.8, 10), w.lnorm(400, 0.8, 10),
                       False, 0, 1, False, "chat", 0.05 + rng.random() * 0.2, rng.getrandbits(64), None)
                continue
            think = rng.random() < 0.35
            model = M_OPUS if rng.random() < 0.3 else M_SONNET
            w.emit(a, t, key, net, ua, model, "messages", w.lnorm(600, 0.5, 50),
                   w.lnorm(2600, 0.5, 200) + (w.lnorm(2000, 0.5, 100) if think else 0), rng.random() < 0.2, 0, 1,
                   think, "reasoning" if rng.random() < 0.7 else "analysis", 0.6 + rng.random() * 0.35,
                   w.flip(tpls[int(rng.random() * len(tpls))], 1 + int(rng.random() * 5)), None)


def aged_fleet(w, n):
    """Bought aged accounts, data-centre addresses sticky per account, synchronised rounds, shared cards."""
    rng = w.rng
    cid = _camp(w, "estuary-aged", "aged_fleet",
                "Purchased long-lived accounts sharing a handful of cards that pull long code answers "
                "from hosting addresses in synchronised rounds.")
    ncards = max(2, n // 18)
    cards = [w.card() for _ in range(ncards)]
    sps = [w.sp(), w.sp()]
    ua = "anthropic-typescript/0.%d.0" % (63 + int(rng.random() * 5))
    period = (9 + rng.random() * 15) * 60000
    rounds = []
    t = w.t0 + rng.random() * period
    while t < w.t1:
        rounds.append(t)
        t += period * (0.9 + 0.2 * rng.random())
    for _ in range(n):
        created = w.t0 - int((180 + rng.random() * 800) * DAY)
        a = w.new_acct(cid, created, cards[int(rng.random() * ncards)])
        net = w.n_host()
        key = a.keys[0]
        part = 0.45 + rng.random() * 0.4
        start = int(rng.random() * len(rounds) * 0.3)
        sp = sps[int(rng.random() * 2)] if rng.random() < 0.8 else None
        emitted = False
        for j, r in enumerate(rounds):
            if j < start or (rng.random() > part and (emitted or j < len(rounds) - 1)):
                continue
            emitted = True
            for _k in range(1 + int(rng.random() * 3)):
                t = r + rng.random() * 40000
                task = "coding" if rng.random() < 0.7 else "analysis"
                w.emit(a, t, key, net, ua, M_SONNET if rng.random() < 0.7 else M_OPUS, "messages",
                       w.lnorm(1200, 0.6, 50), w.lnorm(4200, 0.4, 300), True, 0, 1, rng.random() < 0.25, task,
                       0.3 + rng.random() * 0.35, rng.getrandbits(64), sp)


def slow_drip(w, n):
    """Each account stays inside benign ranges; the only collective trace is a template family."""
    rng = w.rng
    cid = _camp(w, "estuary-drip", "slow_drip",
                "Long-lived single-card accounts on sticky home addresses that each send a few daytime "
                "requests drawn from one shared reasoning template family.")
    tpls = [rng.getrandbits(64) for _ in range(3)]
    cw = []
    acc = 0
    for c, _, wt in COUNTRIES:
        acc += wt
        cw.append((acc, c))
    for _ in range(n):
        x = rng.random() * acc
        c = next(cc for v, cc in cw if x < v)
        tz = TZ[c]
        created = w.t0 - int((30 + rng.random() * 500) * DAY)
        a = w.new_acct(cid, created, w.card())
        net = w.n_res(c)
        ua = w.ua_benign()
        key = a.keys[0]
        nsess = 1 + w.pois(1.0 * w.H / 8)
        for _s in range(nsess):
            t = w.ltime(D_HUMAN, tz)
            for _i in range(1 + int(rng.random() * 4)):
                if rng.random() < 0.25:
                    w.emit(a, t, key, net, ua, M_SONNET, "messages", w.lnorm(350, 0.8, 10), w.lnorm(450, 0.8, 10),
                           True, 0, 1, False, "chat", 0.05 + rng.random() * 0.25, rng.getrandbits(64), None)
                else:
                    model = M_SONNET if rng.random() < 0.75 else M_OPUS
                    w.emit(a, t, key, net, ua, model, "messages", w.lnorm(850, 0.6, 30), w.lnorm(1700, 0.5, 80),
                           rng.random() < 0.6, 0, 1, rng.random() < 0.2, "reasoning" if rng.random() < 0.6
                           else "analysis", 0.35 + rng.random() * 0.35,
                           w.flip(tpls[int(rng.random() * 3)], 3 + int(rng.random() * 6)), None)
                t += w.lnorm(150, 0.8, 20) * 1000


def lone_scraper(w, n):
    """A few accounts firing hundreds of requests an hour around the clock from hosting addresses."""
    rng = w.rng
    cid = _camp(w, "estuary-scraper", "lone_scraper",
                "Individual accounts on hosting addresses harvesting long thinking traces at hundreds of requests "
                "per hour around the clock.")
    for _ in range(n):
        a = w.new_acct(cid, w.t0 - int((4 + rng.random() * 50) * DAY), w.card())
        nets = [w.n_host() for _ in range(1 + int(rng.random() * 2))]
        key = a.keys[0]
        rate = 140 + rng.random() * 260  # per hour
        t = w.t0 + rng.random() * w.dur * 0.2
        while t < w.t1:
            model = M_OPUS if t < w.release + HOUR or rng.random() < 0.4 else M_NEW
            w.emit(a, t, key, nets[int(rng.random() * len(nets))], "python-httpx/0.27.0", model, "messages",
                   w.lnorm(700, 0.7, 30), w.lnorm(5000, 0.4, 300), False, 0, 1, True,
                   "reasoning" if rng.random() < 0.8 else "coding", 0.7 + rng.random() * 0.28, rng.getrandbits(64),
                   None, st=w.status(p429=0.08))
            t += rng.expovariate(rate / 3600000.0)


def release_pivot(w, n):
    """Quiet accounts that jump onto the newly released model within hours and harvest reasoning."""
    rng = w.rng
    cid = _camp(w, "estuary-pivot", "release_pivot",
                "Quiet accounts sharing a few cards that switch to the newly released model within hours of its "
                "release and harvest reasoning from near-duplicate prompts.")
    cards = [w.card() for _ in range(max(2, n // 20))]
    tpls = [rng.getrandbits(64) for _ in range(3 + int(rng.random() * 3))]
    countries = ["US", "CA", "GB", "SG"]
    for _ in range(n):
        c = countries[int(rng.random() * len(countries))]
        a = w.new_acct(cid, w.t0 - int((20 + rng.random() * 120) * DAY), cards[int(rng.random() * len(cards))])
        key = a.keys[0]
        ua = "anthropic-python/0.%d.%d" % (70 + int(rng.random() * 5), int(rng.random() * 3))
        sticky = w.n_res(c)
        for _i in range(int(rng.random() * 3)):  # quiet pre-release chat
            t = w.ltime(D_HUMAN, TZ[c], w.t0, w.release)
            w.emit(a, t, key, sticky, ua, M_SONNET, "messages", w.lnorm(300, 0.8, 10), w.lnorm(400, 0.8, 10), True,
                   0, 1, False, "chat", 0.1 + rng.random() * 0.2, rng.getrandbits(64), None)
        t = w.release + int((0.3 + rng.random() * 2.7) * HOUR)
        end = t + int((1.5 + rng.random() * 3) * HOUR)
        rate = 12 + rng.random() * 30
        while t < min(end, w.t1):
            net = sticky if rng.random() < 0.6 else w.n_mob(c)
            think = rng.random() < 0.7
            w.emit(a, t, key, net, ua, M_NEW, "messages", w.lnorm(800, 0.5, 40),
                   w.lnorm(2500, 0.5, 200) + (w.lnorm(3000, 0.5, 100) if think else 0), rng.random() < 0.5, 0, 1,
                   think, "reasoning", 0.65 + rng.random() * 0.3,
                   w.flip(tpls[int(rng.random() * len(tpls))], 2 + int(rng.random() * 6)), None)
            t += rng.expovariate(rate / 3600000.0)


def tool_trajectory(w, n):
    """A reseller org paying for a fleet that harvests agentic tool-use trajectories under an IDE-like disguise."""
    rng = w.rng
    cid = _camp(w, "estuary-trajectories", "tool_trajectory",
                "Recently created accounts under one reseller org and one card, dressed as IDE agent traffic, "
                "harvesting long multi-turn tool-use trajectories from hosting addresses around the clock.")
    org = w.org()
    pay = w.card()
    made = w.t0 - int((3 + rng.random() * 7) * DAY)
    own_sp = w.sp()
    public_sp = getattr(w, "ide_sp", None)  # the framework's public system prompt, if present
    hosts = [int(rng.random() * 10), int(rng.random() * 10)]
    for _ in range(n):
        a = w.new_acct(cid, made + int(rng.random() * 3 * HOUR), pay, org)
        net = w.n_host(hosts[int(rng.random() * 2)])
        key = a.keys[0]
        ua = "tidewright-agent/1.8.%d anthropic-typescript/0.67.1" % int(rng.random() * 4)
        sp = own_sp if (public_sp is None or rng.random() < 0.5) else public_sp
        rate = 14 + rng.random() * 26
        t = w.t0 + rng.random() * w.dur * 0.15
        turns = 1
        ctx = 8000
        base = rng.getrandbits(64)
        tools = 12 + int(rng.random() * 28)
        while t < w.t1:
            if turns > 25 + rng.random() * 20:
                turns, ctx, base, tools = 1, 8000, rng.getrandbits(64), 12 + int(rng.random() * 28)
            ctx += w.lnorm(3500, 0.5, 200)
            w.emit(a, t, key, net, ua, M_SONNET if rng.random() < 0.8 else M_OPUS, "messages", min(ctx, 180000),
                   w.lnorm(700, 0.6, 30), True, tools, turns, False,
                   "tool_use" if rng.random() < 0.75 else "coding", 0.02 + rng.random() * 0.15,
                   w.flip(base, 2 + int(rng.random() * 8)), sp)
            turns += 2
            t += rng.expovariate(rate / 3600000.0)


def populate(w):
    N = w.N
    proxy_swarm(w, max(30, round(N * 0.1)))
    aged_fleet(w, max(20, N // 150))
    slow_drip(w, max(30, N // 200))
    lone_scraper(w, 2 if N >= 5000 else 1)
    release_pivot(w, max(15, N // 600))
    tool_trajectory(w, max(20, N // 1000))
