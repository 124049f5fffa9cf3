"""The benign population, including the hard negatives of the brief."""
import math

from .content import (CHAT_APPS, DOC_EXAMPLES, FRAMEWORKS, GREETINGS, MIX_CHEAP, MIX_CODING, MIX_GENERAL,
                      MIX_STRONG, OTHER_UA, PY_VERSIONS, TS_VERSIONS, Template, h64, lognorm, sdk_ua, sysprompt,
                      templates, wpick)
from .engine import Style, session
from .net import COUNTRIES, Fixed, Home, Mix, Office, Pool, pick_country, pick_tz
from .people import (DAY, HOUR, MIN, adopt, cloud_fixed, corp_nat, daytime, established, household,
                     mobile_pool, new_account, new_card, new_org, personal_net, salt, univ_country,
                     zscaler_pool)
from .timeutil import CURVES, session_starts

NON_SDK = ("curl", "python-requests", "python-httpx", "axios", "Go-http", "Postman")


def retry_for(ua):
    return "none" if ua.startswith(NON_SDK) else "sdk"


def finish(w, a, reqs, rng, st, benign=True, tries=6, lo_t=None, **kw):
    """Emit; make sure the account appears at least once inside the window."""
    w.emit(a, reqs, rng)
    k = 0
    while a.n_ev == 0 and k < tries:
        k += 1
        lo = max(w.ws, a.created + MIN, lo_t or 0)
        hi = w.we - 8 * MIN
        if hi <= lo:
            lo = max(w.ws, a.created)
            hi = w.we - MIN
        t0 = lo + int(rng.random() * max(1, hi - lo))
        extra = []
        session(a, st, t0, rng, extra, n=1 + int(rng.random() * 2), **kw)
        w.emit(a, extra, rng)
    if benign:
        w.benign_count += 1
        if w.labels is not None:
            w.labels[a.id] = w.cur_label


def personal_ua(rng, w_chat=40, w_sdk=35, w_fw=10, w_other=15):
    k = wpick(rng, [("chat", w_chat), ("sdk", w_sdk), ("fw", w_fw), ("other", w_other)])
    if k == "chat":
        return wpick(rng, CHAT_APPS)
    if k == "sdk":
        return sdk_ua(rng)
    if k == "fw":
        return wpick(rng, FRAMEWORKS)
    return wpick(rng, OTHER_UA)


# ---------------------------------------------------------------------------------------------
CASUAL = Style(tasks=[("chat", 40), ("writing", 20), ("analysis", 14), ("coding", 10), ("reasoning", 8),
                      ("vision", 5), ("other", 3)],
               sess_mean=4, gap_med=70, gap_sig=0.9, p_stream=0.85, p_think=0.06, p_fresh=0.75, p_greet_sess=0.03)
DEV = Style(tasks=[("coding", 38), ("analysis", 14), ("chat", 10), ("reasoning", 10), ("writing", 10),
                   ("tool_use", 12), ("other", 6)],
            sess_mean=5, gap_med=25, gap_sig=1.0, p_stream=0.45, p_think=0.15, p_fresh=0.55, p_greet_sess=0.04)
NEWB = Style(tasks=[("chat", 45), ("coding", 20), ("writing", 12), ("reasoning", 10), ("analysis", 8), ("other", 5)],
             sess_mean=2.5, gap_med=40, p_greet_first=0.75, p_greet_sess=0.12, p_stream=0.3,
             greet=GREETINGS + DOC_EXAMPLES)
IDE = Style(tasks=[("coding", 62), ("tool_use", 33), ("other", 5)], agent=True, in_mult=8.0, in_sig=0.7,
            step_in_med=1800, out_mult=0.45, out_sig=0.9, cot=(1.0, 18.0), p_think=0.0, p_stream=0.97,
            sess_mean=28, sess_max=220, gap_med=3.0, gap_sig=0.8, p_pause=0.08, pause_med=75, p_fresh=0.0)

NEWB_CC = [(c, v[0] * {"IN": 2.2, "BR": 1.6, "ID": 2.5, "NG": 3.0, "VN": 2.5, "PH": 2.5, "MX": 1.5,
                       "TR": 1.5}.get(c, 1.0)) for c, v in COUNTRIES.items()]


def casual(w, rng):
    cc = pick_country(rng)
    tz = pick_tz(cc, rng)
    ua = personal_ua(rng)
    a = new_account(w, rng, established(w, rng, tz, 10, 900), new_org(w, rng) if rng.random() < 0.3 else None,
                    new_card(w, rng) if rng.random() < 0.65 else None, ua, personal_net(w, rng, cc, tz),
                    nkeys=1 + (rng.random() < 0.2), tier="t1" if rng.random() < 0.7 else "t2", tz=tz, cc=cc,
                    mix=MIX_GENERAL, retry=retry_for(ua), p400=0.006,
                    max_tokens=wpick(rng, [(1024, 15), (4096, 30), (8192, 35), (16000, 10), (32000, 5), (64000, 5)]))
    adopt(w, a, rng, 0.12, 3.0, 0.6)
    if rng.random() < 0.3:
        a.sysl = [(sysprompt(rng, lognorm(rng, 300, 0.8)), 1)]
    st = CASUAL.copy(out_mult=lognorm(rng, 1.0, 0.3), sess_mean=max(1.2, lognorm(rng, 3.5, 0.5)))
    reqs = []
    for t0 in session_starts(rng, lognorm(rng, 0.2, 0.7), "human", tz, w.ws - 2 * HOUR, w.we):
        session(a, st, t0, rng, reqs)
    finish(w, a, reqs, rng, st)


def developer(w, rng):
    cc = pick_country(rng)
    tz = pick_tz(cc, rng)
    ua = wpick(rng, FRAMEWORKS) if rng.random() < 0.15 else sdk_ua(rng)
    net = personal_net(w, rng, cc, tz, wpick(rng, [("home", 45), ("home_mobile", 5), ("cloud", 12), ("office", 15),
                                                  ("vpn", 8), ("zscaler", 6), ("warp", 4), ("mobile", 5)]))
    a = new_account(w, rng, established(w, rng, tz, 15, 900), new_org(w, rng) if rng.random() < 0.5 else None,
                    new_card(w, rng) if rng.random() < 0.85 else None, ua, net, nkeys=1 + int(rng.random() * 3),
                    tier=wpick(rng, [("t1", 40), ("t2", 40), ("t3", 20)]), tz=tz, cc=cc,
                    mix=wpick(rng, [(MIX_GENERAL, 50), (MIX_CODING, 30), (MIX_CHEAP, 15), (MIX_STRONG, 5)]),
                    retry="sdk", p400=0.012, max_tokens=wpick(rng, [(1024, 20), (4096, 30), (8192, 30), (16000, 10),
                                                                    (32000, 6), (64000, 4)]))
    adopt(w, a, rng, 0.35, 1.5, 0.5)
    if rng.random() < 0.6:
        a.sysl = [(sysprompt(rng, lognorm(rng, 400, 1.0)), 3)] * 1 + [(None, 1)]
        if rng.random() < 0.4:
            a.sysl.append((sysprompt(rng, lognorm(rng, 900, 0.8)), 2))
    a.think_always = rng.random() < 0.05
    st = DEV.copy(out_mult=lognorm(rng, 1.0, 0.35), p_tpl=0.3, tpls=templates(rng, 1 + int(rng.random() * 4)),
                  sess_mean=max(1.5, lognorm(rng, 4.5, 0.5)))
    reqs = []
    side = "curl/8.5.0" if rng.random() < 0.2 else None
    for t0 in session_starts(rng, lognorm(rng, 0.3, 0.7), "dev", tz, w.ws - 2 * HOUR, w.we, weekend=0.35):
        session(a, st, t0, rng, reqs, ua=side if side and rng.random() < 0.12 else None)
    finish(w, a, reqs, rng, st)


NEWB_MIX = [("claude-sonnet-4-5", 50), ("claude-haiku-4-5", 30), ("claude-opus-4-5", 12),
            ("claude-3-5-haiku-20241022", 8)]


def new_free(w, rng):
    cc = pick_country(rng, NEWB_CC)
    tz = pick_tz(cc, rng)
    in_window = rng.random() < 0.45
    if in_window:
        created = w.ws + int(rng.random() * (w.we - w.ws - 20 * MIN))
    else:
        created = w.ws - int(rng.random() * 7 * DAY)
    k = wpick(rng, [("curl", 25), ("py", 45), ("ts", 20), ("req", 10)])
    if k == "curl":
        ua = wpick(rng, OTHER_UA[:3])
    elif k == "py":
        ua = sdk_ua(rng, "py", PY_VERSIONS[:4])
    elif k == "ts":
        ua = sdk_ua(rng, "ts", TS_VERSIONS[:3])
    else:
        ua = "python-requests/2.32.3"
    net = personal_net(w, rng, cc, tz, wpick(rng, [("home", 40), ("home_mobile", 15), ("mobile", 35), ("vpn", 5),
                                                  ("warp", 5)]))
    a = new_account(w, rng, created, None, None, ua, net, tier="free", tz=tz, cc=cc, mix=NEWB_MIX,
                    retry=retry_for(ua), p400=0.02, max_tokens=wpick(rng, [(1024, 60), (2048, 15), (4096, 25)]))
    if w.release is not None and created >= w.release:
        a.adopt, a.share = created, 0.5
    else:
        adopt(w, a, rng, 0.1, 2.0, 0.7)
    reqs = []
    first = created > w.ws - DAY
    if in_window:
        t0 = created + int(MIN * lognorm(rng, 4, 1.0))
        session(a, NEWB, t0, rng, reqs, first=True)
        first = False
    starts = session_starts(rng, lognorm(rng, 0.16, 0.8), "human", tz, max(created + 5 * MIN, w.ws - 2 * HOUR), w.we)
    for t0 in starts[:4]:
        session(a, NEWB, t0, rng, reqs, first=first)
        first = False
    finish(w, a, reqs, rng, NEWB, first=first)


# ---------------------------------------------------------------------------------------------
IDE_TOOLS = [
    # name, weight, ua format, versions, base tool count, system prompt tokens, switches default on release
    ("claude-code", 45, "claude-cli/%s (external, cli)", ["2.0.31", "2.0.33", "2.0.35", "2.0.36"], 17, 14500, True),
    ("cline", 20, "Cline/%s", ["3.33.1", "3.34.0", "3.35.2"], 14, 11000, False),
    ("roo-code", 12, "RooCode/%s", ["3.28.4", "3.29.1"], 16, 12500, False),
    ("continue", 10, "Continue/%s", ["1.2.7", "1.2.9"], 8, 3200, False),
    ("zed", 8, "Zed/%s", ["0.208.4", "0.209.2"], 11, 6000, False),
    ("aider", 5, "aider/%s", ["0.86.1", "0.86.2"], 0, 4200, False),
]


def ide_versions(tool):
    """(ua, system prompt, tool count, weight) per version: public facts shared by every user of a tool."""
    name, _w, fmt, vers, base, stok, _sw = tool
    out = []
    for i, v in enumerate(vers):
        sp = ('"%016x"' % h64("%s/%s/system" % (name, v)), stok + 150 * i)
        out.append((fmt % v, sp, base + (i // 2) if base else 0, 2 ** i))
    return out


def ide_user(w, rng, tool, tools_v, switch_at, group, team=None):
    ua, sp, ntools, _ = wpick(rng, [(v, v[3]) for v in tools_v])
    if team is None:
        cc = pick_country(rng)
        tz = pick_tz(cc, rng)
        net = personal_net(w, rng, cc, tz, wpick(rng, [("home", 40), ("home_mobile", 10), ("office", 18),
                                                      ("zscaler", 8), ("vpn", 10), ("cloud", 10), ("warp", 4)]))
        created = established(w, rng, tz, 20, 700)
        org = new_org(w, rng) if rng.random() < 0.4 else None
        pay = new_card(w, rng) if rng.random() < 0.92 else None
    else:
        cc, tz, net, created, org, pay = team
    pref = wpick(rng, [("claude-sonnet-4-5", 75), ("claude-opus-4-5", 20), ("claude-haiku-4-5", 5)])
    mix = [(pref, 90), ("claude-haiku-4-5", 10)] if pref != "claude-haiku-4-5" else [(pref, 1)]
    a = new_account(w, rng, created, org, pay, ua, net, tier=wpick(rng, [("t2", 40), ("t3", 35), ("t4", 25)]),
                    tz=tz, cc=cc, mix=mix, retry="sdk", p400=0.004, max_tokens=wpick(rng, [(8192, 30), (16000, 30),
                                                                                           (32000, 40)]))
    a.sysl = [(sp, 1)]
    a.think_always = rng.random() < 0.25
    if switch_at is not None and rng.random() < 0.7:
        a.adopt, a.share = switch_at, 0.9
    else:
        adopt(w, a, rng, 0.25, 2.5, 0.8)
    mcp = 0 if rng.random() < 0.5 else int(lognorm(rng, 6, 0.7))
    ntools = ntools + mcp if ntools else 0
    st = IDE.copy(out_mult=lognorm(rng, 0.45, 0.25), sess_mean=max(4, lognorm(rng, 26, 0.5)))
    reqs = []
    for t0 in session_starts(rng, lognorm(rng, 0.3, 0.6), "dev", tz, w.ws - 3 * HOUR, w.we, weekend=0.3):
        session(a, st, t0, rng, reqs, tools=ntools)
    finish(w, a, reqs, rng, st, tools=ntools)
    return a


def ide_population(w, rng, n):
    counts = {}
    for tool in IDE_TOOLS:
        counts[tool[0]] = 0
    switch = {}
    for tool in IDE_TOOLS:
        if tool[6] and w.release is not None:
            switch[tool[0]] = w.release + int((1.5 + 2.5 * rng.random()) * HOUR)
        else:
            switch[tool[0]] = None
    vers = {tool[0]: ide_versions(tool) for tool in IDE_TOOLS}
    for _ in range(n):
        tool = wpick(rng, [(t, t[1]) for t in IDE_TOOLS])
        ide_user(w, rng, tool, vers[tool[0]], switch[tool[0]], "ide")
        counts[tool[0]] += 1
    for name, c in counts.items():
        if c:
            w.groups["ide_" + name] = {"kind": "ide_agents", "accounts": c}
    return vers, switch


# ---------------------------------------------------------------------------------------------
PLUGINS = [
    ("notes", 30, "obsidian-copilot/%s", ["2.9.1", "2.9.3"],
     [("writing", 35), ("analysis", 35), ("chat", 20), ("other", 10)], 0.03, 900),
    ("mail", 20, "mailmate-ai/%s", ["4.2.0", "4.3.1"], [("writing", 70), ("analysis", 20), ("other", 10)], 0.02, 600),
    ("sheets", 15, "sheetsgpt-claude/%s", ["1.8.2"], [("analysis", 55), ("other", 30), ("writing", 15)], 0.1, 1400),
    ("browser", 25, "sider-ext/%s", ["5.1.0", "5.2.3", "5.3.0"],
     [("chat", 40), ("writing", 25), ("analysis", 25), ("other", 10)], 0.0, 450),
    ("relaybot", 10, "relaybot/%s", ["0.9.4", "1.0.1"], [("chat", 60), ("writing", 20), ("analysis", 20)], 0.55, 700),
]
BOT_PERIODS = [(60, 10), (120, 10), (300, 25), (600, 20), (900, 15), (1800, 12), (3600, 8)]


def plugin_population(w, rng, n):
    for p in PLUGINS:
        name, wt, fmt, vers, tasks, bots, stok = p
        m = max(3, int(round(n * wt / 100.0)))
        prng = w.rng_for("plugin/" + name)
        vlist = [(fmt % v, sysprompt(prng, stok + 40 * i), 2 ** i) for i, v in enumerate(vers)]
        tpls = templates(prng, 6 + int(prng.random() * 9))
        st = Style(tasks=tasks, sess_mean=1.6, gap_med=45, p_tpl=0.65, tpls=tpls, p_stream=0.75, cot=(1.0, 20.0),
                   p_think=0.01, out_mult=0.9, in_mult=1.3)
        for _ in range(m):
            ua, sp, _ = wpick(rng, [(v, v[2]) for v in vlist])
            cc = pick_country(rng)
            tz = pick_tz(cc, rng)
            bot = rng.random() < bots
            if bot:
                net = cloud_fixed(w, rng, cc, 1)[0] if rng.random() < 0.6 else Home(household(w, rng, cc))
            else:
                net = personal_net(w, rng, cc, tz)
            a = new_account(w, rng, established(w, rng, tz, 10, 600), None,
                            new_card(w, rng) if rng.random() < 0.7 else None, ua, net,
                            tier="t1" if rng.random() < 0.7 else "t2", tz=tz, cc=cc,
                            mix=[("claude-haiku-4-5", 45), ("claude-sonnet-4-5", 55)], retry="sdk", p400=0.003,
                            max_tokens=4096)
            a.sysl = [(sp, 1)]
            reqs = []
            if bot:
                period = wpick(rng, BOT_PERIODS)
                jit = wpick(rng, [(0.05, 40), (0.4, 40), (2.5, 20)])
                tpl = tpls[int(rng.random() * len(tpls))]
                task = wpick(rng, tasks)
                t = w.ws - HOUR + int(rng.random() * period * 1000)
                while t < w.we:
                    session(a, st, t + int(rng.gauss(0, jit) * 1000), rng, reqs, n=1, tpl=tpl, task=task, greet=False)
                    t += period * 1000
            else:
                adopt(w, a, rng, 0.05, 3.0, 0.5)
                for t0 in session_starts(rng, lognorm(rng, 0.3, 0.7), "human", tz, w.ws - 2 * HOUR, w.we):
                    session(a, st, t0, rng, reqs)
            finish(w, a, reqs, rng, st)
        w.groups["plugin_" + name] = {"kind": "plugin_integration", "accounts": m}


# ---------------------------------------------------------------------------------------------
TEAM_STYLE = Style(tasks=[("coding", 30), ("analysis", 25), ("writing", 20), ("chat", 15), ("reasoning", 5),
                          ("other", 5)], sess_mean=4, gap_med=50, p_stream=0.7, p_think=0.08, p_fresh=0.6)


def team(w, rng, gi, size, ide_vers, ide_switch):
    cc = pick_country(rng)
    tz = pick_tz(cc, rng)
    org = new_org(w, rng)
    pay = new_card(w, rng)
    k = wpick(rng, [("nat", 50), ("zscaler", 30), ("vdi", 20)])
    if k == "nat":
        corp = corp_nat(w, rng, cc)
    elif k == "zscaler":
        corp = zscaler_pool(w, rng, cc)
    else:
        corp = cloud_fixed(w, rng, cc, 2)[0]
    sysl = [(sysprompt(rng, lognorm(rng, 1200, 0.6)), 5)]
    for _ in range(int(rng.random() * 3)):
        sysl.append((sysprompt(rng, lognorm(rng, 700, 0.6)), 2))
    tpls = templates(rng, 3 + int(rng.random() * 6))
    team_ua = sdk_ua(rng, "ts" if rng.random() < 0.6 else "py")
    waves = [daytime(w.ws - int((20 + rng.random() * 500) * DAY), tz, rng, 9, 17) for _ in range(1 + int(rng.random() * 3))]
    team_adopt = (w.release + int((2 + 4 * rng.random()) * HOUR)) if (w.release and rng.random() < 0.4) else None
    ide_tool = wpick(rng, [(t, t[1]) for t in IDE_TOOLS])
    st = TEAM_STYLE.copy(p_tpl=0.45, tpls=tpls)
    for _ in range(size):
        created = waves[int(rng.random() * len(waves))] + int(rng.random() * 2 * HOUR)
        net = Office(corp, Home(household(w, rng, cc)), tz, 0.1)
        if rng.random() < 0.3:
            ide_user(w, rng, ide_tool, ide_vers[ide_tool[0]], ide_switch[ide_tool[0]], "team",
                     team=(cc, tz, net, created, org, pay))
            continue
        ua = team_ua if rng.random() < 0.75 else sdk_ua(rng)
        a = new_account(w, rng, created, org, pay, ua, net, tier="t2", tz=tz, cc=cc, mix=MIX_GENERAL, retry="sdk",
                        p400=0.003, max_tokens=8192)
        a.sysl = sysl + [(None, 2)]
        if team_adopt:
            a.adopt, a.share = team_adopt, 0.5
        reqs = []
        for t0 in session_starts(rng, lognorm(rng, 0.5, 0.5), "office", tz, w.ws - 2 * HOUR, w.we, weekend=0.05):
            session(a, st, t0, rng, reqs)
        finish(w, a, reqs, rng, st)
    w.groups["team_%d" % gi] = {"kind": "team", "accounts": size}


# ---------------------------------------------------------------------------------------------
def cohort(w, rng, gi, size):
    cc = univ_country(rng)
    tz = pick_tz(cc, rng)
    campus_ips, pfx = w.inet.univ_ips(cc, rng, 2 + int(rng.random() * 3))
    campus = Fixed(campus_ips)
    dorm = Pool([pfx.rand(rng) for _ in range(30)], salt=salt(rng))
    H = w.we - w.ws
    deadline = w.ws + int((0.55 + 0.4 * rng.random()) * H)
    deadline = deadline - deadline % HOUR - MIN
    tau = (1.5 + 2.5 * rng.random()) * HOUR

    def ramp(t):
        if t < deadline:
            return 1.0 + 10.0 * math.exp(-(deadline - t) / tau)
        return 0.08

    org = new_org(w, rng) if rng.random() < 0.5 else None
    start_day = daytime(w.ws - int((3 + 37 * rng.random()) * DAY), tz, rng, 10, 16)
    pinned = sdk_ua(rng, "py")
    model = wpick(rng, [("claude-haiku-4-5", 55), ("claude-sonnet-4-5", 45)])
    tpls = templates(rng, 4 + int(rng.random() * 5), p=0.15)
    st_a = Style(tasks=[("coding", 50), ("reasoning", 38), ("chat", 8), ("writing", 4)], p_tpl=0.6, tpls=tpls,
                 p_fresh=0.5, sess_mean=5, gap_med=90, p_stream=0.6, p_think=0.03, out_mult=0.9)
    st_b = st_a.copy(cot=(3.0, 2.0))
    sp = sysprompt(rng, 250) if rng.random() < 0.5 else None
    for _ in range(size):
        if rng.random() < 0.8:
            created = start_day + int(rng.random() * 100 * MIN)
        else:
            created = start_day + int(rng.random() * (w.ws - start_day))
        home = Home(household(w, rng, cc, 0.1))
        net = Mix([(campus, 0.55), (dorm, 0.15), (home, 0.2), (mobile_pool(w, rng, cc), 0.1)], salt(rng))
        ua = pinned if rng.random() < 0.8 else sdk_ua(rng)
        a = new_account(w, rng, created, org, None, ua, net, tier="free", tz=tz, cc=cc,
                        mix=[(model, 90), ("claude-sonnet-4-5", 10)], retry="sdk", p400=0.015,
                        max_tokens=wpick(rng, [(1024, 60), (2048, 40)]))
        if sp is not None:
            a.sysl = [(sp, 3), (None, 1)]
        adopt(w, a, rng, 0.05, 2.0, 0.5)
        st = st_b if rng.random() < 0.5 else st_a
        reqs = []
        for t0 in session_starts(rng, lognorm(rng, 0.12, 0.6), "student", tz, w.ws - 2 * HOUR, w.we, mod=ramp):
            session(a, st, t0, rng, reqs)
        finish(w, a, reqs, rng, st)
    w.groups["cohort_%d" % gi] = {"kind": "course_cohort", "accounts": size}


# ---------------------------------------------------------------------------------------------
def bench_run(w, a, rng, reqs, t_start, model, sp):
    N = int(min(2500, max(150, lognorm(rng, 650, 0.6))))
    c = wpick(rng, [(4, 15), (8, 30), (16, 30), (24, 15), (32, 10)])
    task = wpick(rng, [("reasoning", 50), ("coding", 30), ("analysis", 20)])
    cot = (6.0, 2.0) if rng.random() < 0.6 else (1.2, 9.0)
    think = rng.random() < 0.4
    tpl = Template(rng, p=0.12) if rng.random() < 0.55 else None
    st = Style(tasks=[(task, 1)], cot=cot, p_think=1.0 if think else 0.0, p_stream=0.0,
               out_mult=lognorm(rng, 1.1, 0.4), in_mult=3.0 if tpl else 1.5, in_sig=0.5, sess_mean=1,
               gap_med=0.15, gap_sig=0.5, think_med=3000)
    sid = a.next_sess()
    per = max(1, N // c)
    key = int(rng.random() * len(a.keys))
    for _ in range(c):
        t = t_start + int(rng.random() * 3000)
        for _j in range(per):
            if t >= w.we:
                break
            t = session(a, st, t, rng, reqs, n=1, task=task, tpl=tpl, model=model, sysq=sp, sid=sid, tools=0,
                        key=key, greet=False)


def lab(w, rng, gi, size):
    cc = univ_country(rng) if rng.random() < 0.7 else "US"
    tz = pick_tz(cc, rng)
    org = new_org(w, rng)
    pay = new_card(w, rng)
    if rng.random() < 0.6:
        ips, _p = w.inet.univ_ips(cc, rng, 1 + int(rng.random() * 2))
        cluster = Fixed(ips)
    else:
        cluster = cloud_fixed(w, rng, cc, 1 + int(rng.random() * 2), [("aws", 40), ("gcp", 40), ("azure", 20)])[0]
    ua = sdk_ua(rng, "py")
    suites_sp = [sysprompt(rng, lognorm(rng, 200, 0.6)) for _ in range(2)] + [None]
    accts = []
    for _ in range(size):
        net = Mix([(cluster, 0.8), (Home(household(w, rng, cc)), 0.2)], salt(rng))
        a = new_account(w, rng, established(w, rng, tz, 30, 800), org, pay, ua, net, nkeys=1 + int(rng.random() * 2),
                        tier=wpick(rng, [("t3", 50), ("t4", 50)]), tz=tz, cc=cc, mix=MIX_STRONG, retry="sdk",
                        p400=0.004, max_tokens=wpick(rng, [(4096, 30), (8192, 40), (16000, 30)]))
        adopt(w, a, rng, 0.6, 1.0, 0.5)
        accts.append((a, []))
    st = DEV.copy(tasks=[("reasoning", 35), ("coding", 35), ("analysis", 20), ("chat", 10)])
    for a, reqs in accts:
        for t0 in session_starts(rng, lognorm(rng, 0.15, 0.6), "dev", tz, w.ws - 2 * HOUR, w.we, weekend=0.5):
            session(a, st, t0, rng, reqs)
    # benchmark runs by the lab's runners
    nruns = 1 + (rng.random() < 0.5)
    for _ in range(nruns):
        a, reqs = accts[int(rng.random() * len(accts))]
        if rng.random() < 0.3:        # scheduled at local night
            t0 = daytime(w.ws + int(rng.random() * (w.we - w.ws)), tz, rng, 0.5, 5.5)
            if t0 < w.ws - HOUR or t0 > w.we:
                t0 = w.ws - HOUR + int(rng.random() * (w.we - w.ws))
        else:
            t0 = w.ws - HOUR + int(rng.random() * (w.we - w.ws))
        bench_run(w, a, rng, reqs, t0, wpick(rng, MIX_STRONG), suites_sp[int(rng.random() * 3)])
    if w.release is not None and rng.random() < 0.8:
        a, reqs = accts[int(rng.random() * len(accts))]
        t0 = w.release + int(HOUR * lognorm(rng, 1.2, 0.7))
        if t0 < w.we:
            bench_run(w, a, rng, reqs, t0, "claude-opus-5", suites_sp[int(rng.random() * 3)])
    for a, reqs in accts:
        finish(w, a, reqs, rng, st)
    w.groups["lab_%d" % gi] = {"kind": "benchmark_lab", "accounts": size}


# ---------------------------------------------------------------------------------------------
ENT = Style(tasks=[("analysis", 1)], out_mult=0.35, out_sig=0.6, in_mult=1.2, in_sig=0.5, cot=(1.0, 25.0),
            p_stream=0.05, p_think=0.0, sess_mean=1, gap_med=0.3, gap_sig=0.5)
ENT_BATCH = ENT.copy(endpoint="batch", p_stream=0.0)


def enterprise(w, rng, gi, size):
    cc = wpick(rng, [("US", 45), ("GB", 10), ("DE", 10), ("JP", 8), ("IN", 7), ("FR", 6), ("CA", 5), ("AU", 4),
                     ("SG", 5)])
    tz = pick_tz(cc, rng)
    org = new_org(w, rng)
    pay = new_card(w, rng)
    net = cloud_fixed(w, rng, cc, 1 + int(rng.random() * 3), [("aws", 50), ("gcp", 25), ("azure", 25)])[0]
    sps = [sysprompt(rng, lognorm(rng, 900, 0.8)) for _ in range(2 + int(rng.random() * 3))]
    tpls = templates(rng, 3 + int(rng.random() * 6), p=0.1)
    ua = sdk_ua(rng, wpick(rng, [("py", 60), ("java", 20), ("go", 20)]))
    curve = [0.55 + 0.45 * x for x in CURVES["service"]]
    for _ in range(size):
        a = new_account(w, rng, established(w, rng, tz, 60, 900), org, pay, ua, net, nkeys=3 + int(rng.random() * 6),
                        tier="ent", tz=tz, cc=cc, mix=[("claude-haiku-4-5", 55), ("claude-sonnet-4-5", 45)],
                        retry="sdk", p400=0.001, max_tokens=wpick(rng, [(1024, 40), (2048, 30), (4096, 30)]))
        adopt(w, a, rng, 0.05, 4.0, 0.3)
        reqs = []
        for _job in range(1 + int(rng.random() * 3)):
            j = int(rng.random() * len(a.keys))
            job = wpick(rng, [("stream", 45), ("cron", 35), ("batch", 20)])
            tpl = tpls[int(rng.random() * len(tpls))]
            sp = sps[int(rng.random() * len(sps))]
            task = wpick(rng, [("analysis", 45), ("other", 30), ("writing", 25)])
            model = wpick(rng, a.mix)
            if job == "stream":
                for t0 in session_starts(rng, lognorm(rng, 25, 0.6), curve, tz, w.ws - HOUR, w.we):
                    session(a, ENT, t0, rng, reqs, n=1, task=task, tpl=tpl, sysq=sp, key=j, model=model, greet=False)
            elif job == "cron":
                period = wpick(rng, [(15, 15), (30, 40), (60, 45)]) * MIN
                k = 8 + int(rng.random() * 50)
                t = w.ws - w.ws % period - period
                while t < w.we:
                    for _wk in range(4):
                        tt = t + int(rng.random() * 3000)
                        for _i in range(k // 4):
                            tt = session(a, ENT, tt, rng, reqs, n=1, task=task, tpl=tpl, sysq=sp, key=j, model=model,
                                         greet=False)
                    t += period
            else:
                T = w.ws - HOUR + int(rng.random() * (w.we - w.ws))
                N = 200 + int(rng.random() * 1000)
                dur = (15 + 75 * rng.random()) * MIN
                tmp = []
                sid = a.next_sess()
                for _i in range(N):
                    session(a, ENT_BATCH, T, rng, tmp, n=1, task=task, tpl=tpl, sysq=sp, key=j, model=model,
                            greet=False, sid=sid)
                for r in tmp:
                    lat = int(60000 + rng.random() * dur)
                    reqs.append(r[:14] + (lat,) + r[15:])
        finish(w, a, reqs, rng, ENT, task="analysis", greet=False)
    w.groups["enterprise_%d" % gi] = {"kind": "enterprise_batch", "accounts": size}


# ---------------------------------------------------------------------------------------------
PRODUCTS = [
    ("chat", [("chat", 55), ("writing", 25), ("analysis", 10), ("other", 10)]),
    ("code", [("coding", 70), ("tool_use", 15), ("chat", 15)]),
    ("docs", [("analysis", 55), ("writing", 30), ("other", 15)]),
    ("tutor", [("reasoning", 40), ("chat", 30), ("writing", 15), ("coding", 15)]),
    ("support", [("chat", 50), ("tool_use", 30), ("writing", 20)]),
]


def startup(w, rng, gi, size):
    cc = wpick(rng, [("US", 50), ("GB", 10), ("DE", 8), ("IN", 8), ("FR", 5), ("CA", 5), ("SG", 5), ("BR", 4),
                     ("JP", 5)])
    tz = pick_tz(cc, rng)
    org = new_org(w, rng)
    pay = new_card(w, rng)
    net = cloud_fixed(w, rng, cc, 1 + int(rng.random() * 4))[0]
    ua = sdk_ua(rng, "ts" if rng.random() < 0.55 else "py")
    pname, tasks = PRODUCTS[int(rng.random() * len(PRODUCTS))]
    sps = [(sysprompt(rng, lognorm(rng, 1500, 0.6)), 3), (sysprompt(rng, lognorm(rng, 800, 0.6)), 1)]
    st = Style(tasks=tasks, sess_mean=3, gap_med=40, p_stream=0.9, p_tpl=0.3, tpls=templates(rng, 5),
               tools=(lambda r, t: 4 + int(r.random() * 4)) if pname == "support" else None, p_think=0.05)
    for _ in range(size):
        a = new_account(w, rng, established(w, rng, tz, 30, 500), org, pay, ua, net, nkeys=1 + int(rng.random() * 2),
                        tier=wpick(rng, [("t2", 40), ("t3", 40), ("t4", 20)]), tz=tz, cc=cc,
                        mix=wpick(rng, [(MIX_GENERAL, 50), (MIX_CHEAP, 50)]), retry="sdk", p400=0.003,
                        max_tokens=4096)
        a.sysl = sps
        adopt(w, a, rng, 0.3, 3.0, 0.3 + 0.7 * rng.random())
        reqs = []
        for t0 in session_starts(rng, lognorm(rng, 15, 0.8), "service", tz, w.ws - HOUR, w.we):
            session(a, st, t0, rng, reqs)
        finish(w, a, reqs, rng, st)
    w.groups["startup_%d" % gi] = {"kind": "cloud_startup", "accounts": size}


def platform(w, rng, gi, size):
    """A SaaS platform provisioning one API account per tenant, paying for all of them."""
    cc = wpick(rng, [("US", 60), ("GB", 15), ("DE", 10), ("SG", 10), ("IN", 5)])
    tz0 = pick_tz(cc, rng)
    org = new_org(w, rng)
    pay = new_card(w, rng)
    prov = wpick(rng, [("aws", 50), ("gcp", 30), ("azure", 20)])
    net = cloud_fixed(w, rng, cc, 3 + int(rng.random() * 6), [(prov, 1)])[0]
    ua = sdk_ua(rng, "py")
    base_sp = sysprompt(rng, 1100)
    for _ in range(size):
        tcc = pick_country(rng)
        tz = pick_tz(tcc, rng)
        pname, tasks = PRODUCTS[int(rng.random() * len(PRODUCTS))]
        st = Style(tasks=tasks, sess_mean=max(1.2, lognorm(rng, 2.5, 0.4)), gap_med=45, p_stream=0.85,
                   p_tpl=0.25, tpls=templates(rng, 3), p_think=0.03, out_mult=lognorm(rng, 1.0, 0.3))
        a = new_account(w, rng, established(w, rng, tz0, 20, 420, 1.0), org, pay, ua, net, tier="t2", tz=tz, cc=tcc,
                        mix=wpick(rng, [(MIX_GENERAL, 50), (MIX_CHEAP, 50)]), retry="sdk", p400=0.003,
                        max_tokens=4096)
        a.sysl = [(base_sp, 1), (sysprompt(rng, lognorm(rng, 600, 0.5)), 2)]
        adopt(w, a, rng, 0.15, 3.0, 0.5)
        reqs = []
        for t0 in session_starts(rng, lognorm(rng, 2.5, 1.0), "service", tz, w.ws - HOUR, w.we):
            session(a, st, t0, rng, reqs)
        finish(w, a, reqs, rng, st)
    w.groups["platform_%d" % gi] = {"kind": "platform_tenants", "accounts": size}


# ---------------------------------------------------------------------------------------------
def populate(w):
    B = w.benign_n
    rng = w.rng_for("benign")
    used = 0

    def sizes(target, lo, hi, med, min_groups):
        out = []
        tot = 0
        while tot < target or len(out) < min_groups:
            s = int(min(hi, max(lo, lognorm(rng, med, 0.5))))
            out.append(s)
            tot += s
        return out

    plan_cohort = sizes(0.02 * B, 18, 80, 40, 1)
    plan_lab = sizes(0.004 * B, 2, 6, 3, 2)
    plan_ent = sizes(0.003 * B, 2, 5, 3, 2)
    plan_start = sizes(0.005 * B, 2, 4, 2.5, 2)
    nplat = max(1, int(round(B / 15000.0)))
    plan_plat = [int(min(300, max(20, 0.015 * B / nplat * (0.8 + 0.4 * rng.random())))) for _ in range(nplat)]
    plan_team = sizes(0.05 * B, 4, 40, 11, 3)
    n_ide = int(0.12 * B)
    n_plugin = int(0.08 * B)
    n_new = int(0.16 * B)
    n_dev = int(0.18 * B)
    used = (sum(plan_cohort) + sum(plan_lab) + sum(plan_ent) + sum(plan_start) + sum(plan_plat) + sum(plan_team)
            + n_ide + n_new + n_dev)
    # plugins: PLUGINS sizes are rounded with a floor of 3 each
    n_plugin_real = sum(max(3, int(round(n_plugin * p[1] / 100.0))) for p in PLUGINS)
    used += n_plugin_real
    n_casual = B - used
    if n_casual < 0:
        raise ValueError("benign population too small")

    w.cur_label = "ide"
    vers, switch = ide_population(w, w.rng_for("ide"), n_ide)
    w.cur_label = "plugin"
    plugin_population(w, w.rng_for("plugins"), n_plugin)
    w.cur_label = "team"
    for i, s in enumerate(plan_team):
        team(w, w.rng_for("team/%d" % i), i + 1, s, vers, switch)
    w.cur_label = "cohort"
    for i, s in enumerate(plan_cohort):
        cohort(w, w.rng_for("cohort/%d" % i), i + 1, s)
    w.cur_label = "lab"
    for i, s in enumerate(plan_lab):
        lab(w, w.rng_for("lab/%d" % i), i + 1, s)
    w.cur_label = "enterprise"
    for i, s in enumerate(plan_ent):
        enterprise(w, w.rng_for("ent/%d" % i), i + 1, s)
    w.cur_label = "startup"
    for i, s in enumerate(plan_start):
        startup(w, w.rng_for("startup/%d" % i), i + 1, s)
    w.cur_label = "platform"
    for i, s in enumerate(plan_plat):
        platform(w, w.rng_for("platform/%d" % i), i + 1, s)
    w.cur_label = "new_free"
    r = w.rng_for("newfree")
    for _ in range(n_new):
        new_free(w, r)
    w.cur_label = "developer"
    r = w.rng_for("devs")
    for _ in range(n_dev):
        developer(w, r)
    w.cur_label = "casual"
    r = w.rng_for("casual")
    for _ in range(n_casual):
        casual(w, r)
