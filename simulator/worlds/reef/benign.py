"""Benign population: background users plus clustered look-alike groups."""
import math

from .util import (HOUR, MIN, SEC, DAY, WChoice, clamp, geom, ilog, lognorm, poisson, sample_time,
                   shape_integral, weight)
from . import net, text
from .core import NEW_MODEL, BASE_MODELS, benign_ua, PY_VER, TS_VER
from .content import CAT, Style, MIX, chat_session, cot_for, greeting, pick_model, think_tokens


def _home(w, rng, a):
    if a.home is None:
        a.home = net.residential(rng, a.country)
    return a.home


def n_sessions(w, rng, rate, shape, tz):
    return max(1, poisson(rng, rate * shape_integral(shape, tz, w.start, w.end)))


def maybe_adopt(w, rng, a, p, delay_med=90 * MIN):
    if w.release < w.end and rng.random() < p:
        a.x['adopt_at'] = w.release + ilog(rng, delay_med, 1.0, 2 * MIN)
        a.x['adopt_p'] = 0.5 + rng.random() * 0.4


# ------------------------------------------------------------------ background
def background(w, rng, n, group='background', kind='background', netmode='home'):
    out = []
    sub = WChoice([('hobby', 44), ('dev', 34), ('app', 14), ('power', 8)])
    for _ in range(n):
        s = sub.pick(rng)
        if netmode == 'cgnat':
            country = WChoice([('IN', 30), ('ID', 12), ('NG', 8), ('BR', 12), ('PH', 8), ('MX', 8), ('US', 12),
                               ('VN', 5), ('KE', 5)]).pick(rng)
            if s == 'app':
                s = 'hobby'
        else:
            country = None
        if s == 'app' and netmode == 'vpn':
            s = 'dev'
        days = {'hobby': (2, 900), 'dev': (7, 1100), 'app': (20, 800), 'power': (30, 1100)}[s]
        created = w.created_before(rng, *days)
        pay = rng.random() < {'hobby': 0.62, 'dev': 0.9, 'app': 1.0, 'power': 0.98}[s]
        org = w.ids.make('org_', 10) if rng.random() < {'hobby': 0.2, 'dev': 0.55, 'app': 0.8, 'power': 0.6}[s] else None
        a = w.acct(rng, group, kind, created, country=country, pay=pay, org=org,
                   nkeys=1 + (rng.random() < 0.15) + (rng.random() < 0.05))
        a.model = BASE_MODELS.pick(rng)
        out.append(a)
        maybe_adopt(w, rng, a, 0.12 if s != 'power' else 0.35)
        if s == 'app':
            _app(w, rng, a)
            continue
        if netmode == 'vpn':
            def netfn(rng, a):
                if rng.random() < 0.15:
                    return _home(w, rng, a)
                return w.pools.vpn_exit(rng)
        elif netmode == 'cgnat':
            def netfn(rng, a):
                if rng.random() < 0.2:
                    return _home(w, rng, a)
                return w.pools.mobile(rng, a.country)
        else:
            corp = None
            if s == 'dev' and rng.random() < 0.25:
                corp = w.pools.swg(rng, a.country) if rng.random() < 0.4 else net.residential(rng, a.country)
            a.x['corp'] = corp

            def netfn(rng, a):
                c = a.x.get('corp')
                if c is not None and rng.random() < 0.7:
                    return c
                if rng.random() < 0.1:
                    return w.pools.mobile(rng, a.country)
                return _home(w, rng, a)
        if s == 'hobby':
            st = Style(mix=MIX['hobby'], req_mean=3.5, think_p=0.06, stream_p=0.55, netfn=netfn, p400=0.008)
            shape = 'evening' if rng.random() < 0.5 else 'human'
            rate = lognorm(rng, 0.07, 0.8)
        elif s == 'dev':
            st = Style(mix=MIX['dev'], req_mean=5.0, think_p=0.15, stream_p=0.5, netfn=netfn,
                       tools=ilog(rng, 4, 0.6, 1, 30), gap=(35000, 1.0))
            shape = 'office' if rng.random() < 0.4 else 'human'
            rate = lognorm(rng, 0.12, 0.8)
        else:
            st = Style(mix=MIX['power'], req_mean=12.0, think_p=0.4, stream_p=0.7, netfn=netfn, big=1.6,
                       tools=ilog(rng, 6, 0.6, 1, 40), cot_add=0.05, gap=(40000, 1.0))
            shape = 'human'
            rate = lognorm(rng, 0.3, 0.5)
        k = n_sessions(w, rng, rate, shape, a.tz)
        for _ in range(k):
            t = sample_time(rng, shape, a.tz, w.start, w.end)
            chat_session(w, rng, a, t, st)
    return out


def _app(w, rng, a):
    """A small product backend calling the API on behalf of its users."""
    region = net.HOST_STARTUP.pick(rng)
    ips = [net.hosting(rng, region, True) for _ in range(1 + (rng.random() < 0.3))]
    a.country = ips[0][2] or a.country
    a.ua = benign_ua(rng, WChoice([('py', 50), ('ts', 35), ('go', 8), ('java', 4), ('httpx', 3)]).pick(rng))
    tmpl = text.Template(rng, WChoice([('write', 3), ('data', 3), ('gen', 2), ('code', 1)]).pick(rng),
                         ilog(rng, 70, 0.4, 15, 250), [('gen', ilog(rng, 14, 0.6, 2, 80))])
    sysh = text.sys_hash('app:' + a.id) if rng.random() < 0.85 else None
    cat = WChoice([('writing', 30), ('chat', 25), ('analysis', 25), ('other', 10), ('tool_use', 10)]).pick(rng)
    tools = ilog(rng, 4, 0.5, 1, 20) if cat == 'tool_use' else 0
    chatty = cat == 'chat'
    model = WChoice([('claude-haiku-4-5', 45), ('claude-sonnet-5', 35), ('claude-sonnet-4-5', 20)]).pick(rng)
    stream = rng.random() < 0.4
    tz = net.tz_of(rng, a.country)
    rate = min(150.0, lognorm(rng, 2.5, 1.0))
    k = max(1, poisson(rng, rate * shape_integral('product', tz, w.start, w.end)))
    im, isg, om, osg, _ = CAT[cat]
    im *= 0.6 + rng.random()
    for _ in range(k):
        t = sample_time(rng, 'product', tz, w.start, w.end)
        turns = 1 + 2 * (geom(rng, 2.5, 40) - 1) if chatty else 1
        tx = tmpl.make(rng)
        if turns > 1:
            tx.add(rng, 'gen', turns * 4)
        w.emit(rng, a, t, model, cat, ilog(rng, im, 0.5, 20, 100000) + turns * 120, ilog(rng, om, osg, 1, 8000),
               cot_for(rng, cat), tx.hex(), ips[int(rng.random() * len(ips))], False, stream, tools, turns, sysh,
               p429=0.002)


# ------------------------------------------------------------------ new free tier
def free_tier(w, rng, n):
    out = []
    for _ in range(n):
        inwin = rng.random() < 0.16
        created = w.created_before(rng, 0.04, 3.0)
        fam = WChoice([('py', 52), ('ts', 24), ('curl', 18), ('requests', 6)]).pick(rng)
        if fam == 'py':
            ua = 'anthropic-python/' + WChoice([('0.76.0', 60), ('0.75.0', 30), ('0.74.1', 10)]).pick(rng)
        elif fam == 'ts':
            ua = 'anthropic-typescript/' + WChoice([('0.71.2', 70), ('0.71.0', 30)]).pick(rng)
        else:
            ua = benign_ua(rng, fam)
        a = w.acct(rng, 'free_tier_new', 'new_free_tier', created, pay=False, ua=ua)
        a.model = WChoice([('claude-sonnet-5', 50), ('claude-haiku-4-5', 35), ('claude-sonnet-4-5', 15)]).pick(rng)
        out.append(a)

        def netfn(rng, a):
            if rng.random() < 0.15:
                return w.pools.mobile(rng, a.country)
            return _home(w, rng, a)
        st = Style(mix=MIX['newbie'], req_mean=2.6, newconv=0.45, think_p=0.03, stream_p=0.35, netfn=netfn,
                   p400=0.05)
        k = 1 + (rng.random() < 0.28) + (rng.random() < 0.08)
        times = sorted(sample_time(rng, 'human', a.tz, w.start, w.end) for _ in range(k))
        if inwin:
            a.created = times[0] - ilog(rng, 6 * MIN, 1.0, 20 * SEC, 2 * HOUR)
        for i, t in enumerate(times):
            chat_session(w, rng, a, t, st, greet=(i == 0 and rng.random() < 0.68))
    return out


# ------------------------------------------------------------------ IDE / agent users
TITLE_TMPL = None


def ide_group(w, rng, n, name, client):
    out = []
    trng = w.sub()
    if client == 'claude_code':
        versions = [('2.0.32', 55), ('2.0.31', 30), ('2.0.28', 15)]
        base_tools = 17
        sys_ctx = 14500
        title = text.Template(trng, 'misc', 42, [('gen', 5)])
        title_sys = text.sys_hash('claude-code-title-generator')
    else:
        versions = [('3.39.1', 50), ('3.38.2', 35), ('3.36.0', 15)]
        base_tools = 12
        sys_ctx = 9800
        title = None
        title_sys = None
    vc = WChoice(versions)
    for _ in range(n):
        v = vc.pick(rng)
        if client == 'claude_code':
            ua = 'claude-cli/%s (external, cli)' % v
        else:
            ua = 'Cline/%s' % v
        created = w.created_before(rng, 3, 900)
        corp = rng.random() < 0.35
        org = w.ids.make('org_', 10) if (corp or rng.random() < 0.4) else None
        a = w.acct(rng, name, 'ide_agent', created, pay=rng.random() < 0.93, org=org, ua=ua)
        a.model = WChoice([('claude-sonnet-5', 70), ('claude-opus-4-5', 20), ('claude-sonnet-4-5', 10)]).pick(rng)
        a.x['sysh'] = text.sys_hash('%s:%s' % (client, v))
        a.x['tools'] = base_tools + (ilog(rng, 6, 0.8, 0, 40) if rng.random() < 0.45 else 0)
        a.x['think'] = rng.random() < 0.3
        if corp:
            a.x['corp'] = w.pools.swg(rng, a.country) if rng.random() < 0.45 else net.residential(rng, a.country)
        maybe_adopt(w, rng, a, 0.25, 60 * MIN)
        out.append(a)
        shape = 'office' if corp else 'human'
        k = n_sessions(w, rng, lognorm(rng, 0.13, 0.6), shape, a.tz)
        for _ in range(k):
            t = sample_time(rng, shape, a.tz, w.start, w.end)
            _ide_session(w, rng, a, t, sys_ctx, title, title_sys)
    return out


def _ide_session(w, rng, a, t, sys_ctx, title, title_sys):
    c = a.x.get('corp')
    netw = c if (c is not None and rng.random() < 0.85) else _home(w, rng, a)
    tasks = geom(rng, 2.3, 12)
    for _ in range(tasks):
        if t >= w.end:
            return
        model = pick_model(w, rng, a, t)
        if model == 'claude-haiku-4-5':
            model = 'claude-sonnet-5'
        cat = 'coding' if rng.random() < 0.7 else 'tool_use'
        conv = text.freeform(rng, 'code', ilog(rng, 22, 0.6, 3, 120))
        steps = geom(rng, 10, 70)
        ctx = ilog(rng, 1500, 1.0, 50, 60000)
        if title is not None and rng.random() < 0.8:
            w.emit(rng, a, t, 'claude-haiku-4-5', 'other', ilog(rng, 520, 0.4, 80, 4000), ilog(rng, 18, 0.4, 3, 80),
                   0.0, title.make(rng).hex(), netw, False, False, 0, 1, title_sys)
        for s in range(steps):
            if t >= w.end:
                return
            turns = 1 + 2 * s
            big = rng.random() < 0.15
            otok = ilog(rng, 1800, 0.8, 100, 20000) if big else ilog(rng, 170, 1.0, 8, 4000)
            think = a.x['think'] and rng.random() < 0.7
            if think:
                otok += ilog(rng, 600, 1.0, 30, 16000)
            ep = 'count_tokens' if rng.random() < 0.02 else 'messages'
            ts = w.emit(rng, a, t, model, cat, sys_ctx + ctx, otok, rng.betavariate(1.0, 16.0), conv.hex(), netw,
                        think, ep == 'messages', a.x['tools'], turns, a.x['sysh'], endpoint=ep, p429=0.003)
            ctx += ilog(rng, 1100, 1.1, 20, 40000) + (otok if not think else otok // 3)
            if sys_ctx + ctx > 170000:
                ctx = ilog(rng, 18000, 0.3, 5000, 40000)
            conv.add(rng, 'code', 4 + int(rng.random() * 9))
            t = ts + ilog(rng, 2600, 0.9, 150, 600000)
        t += ilog(rng, 110000, 1.0, 5000)


# ------------------------------------------------------------------ plugins
def plugin_notewise(w, rng, n):
    out = []
    trng = w.sub()
    tmpls = [(text.Template(trng, 'write', 90, [('write', 18)]), 'writing', 1600, 260),   # summarise
             (text.Template(trng, 'write', 70, [('write', 30)]), 'writing', 900, 700),    # rewrite
             (text.Template(trng, 'write', 100, [('write', 16)]), 'analysis', 2000, 220),  # extract actions
             (text.Template(trng, 'write', 60, [('write', 8)]), 'other', 700, 24)]        # title
    tc = WChoice([(0, 35), (1, 25), (2, 20), (3, 20)])
    digest_t = text.Template(trng, 'write', 110, [('write', 8)])
    sysv = [text.sys_hash('notewise-4.2'), text.sys_hash('notewise-4.1')]
    for _ in range(n):
        old = rng.random() < 0.15
        ua = 'notewise/4.1.7 anthropic-typescript/0.65.0' if old else 'notewise/4.2.1 anthropic-typescript/0.68.0'
        a = w.acct(rng, 'plugin_notewise', 'plugin', w.created_before(rng, 2, 700), pay=rng.random() < 0.8, ua=ua)
        a.model = 'claude-haiku-4-5' if rng.random() < 0.7 else 'claude-sonnet-5'
        sysh = sysv[1] if old else sysv[0]
        out.append(a)
        shape = 'evening' if rng.random() < 0.35 else 'human'
        k = n_sessions(w, rng, lognorm(rng, 0.1, 0.7), shape, a.tz)
        digest_user = rng.random() < 0.3
        for j in range(k):
            t = sample_time(rng, shape, a.tz, w.start, w.end)
            netw = w.pools.mobile(rng, a.country) if rng.random() < 0.15 else _home(w, rng, a)
            if digest_user and j == 0:
                # auto-digest runs on a fixed timer while the app is open
                tt = t + 5 * SEC
                stop = t + ilog(rng, 3 * HOUR, 0.5, 40 * MIN)
                while tt < stop and tt < w.end:
                    w.emit(rng, a, tt, a.model, 'writing', ilog(rng, 2600, 0.4, 300, 20000), ilog(rng, 320, 0.4, 40, 2000),
                           0.02, digest_t.make(rng).hex(), netw, False, False, 0, 1, sysh)
                    tt += 30 * MIN + int(rng.random() * 900)
            for _ in range(geom(rng, 3, 30)):
                if t >= w.end:
                    break
                tm, cat, im, om = tmpls[tc.pick(rng)]
                ts = w.emit(rng, a, t, a.model, cat, ilog(rng, im, 0.7, 40, 60000), ilog(rng, om, 0.6, 2, 6000),
                            rng.betavariate(1.0, 25.0), tm.make(rng).hex(), netw, False, cat == 'writing', 0, 1, sysh)
                t = ts + ilog(rng, 60000, 1.0, 2000)
    return out


def plugin_sheetbot(w, rng, n):
    out = []
    trng = w.sub()
    ips = ([net.hosting(trng, 'gcp-usc1') for _ in range(18)] + [net.hosting(trng, 'gcp-euw4') for _ in range(6)])
    sysh = text.sys_hash('sheetbot-formula-assistant-v9')
    fill = [text.Template(trng, 'data', 40 + int(trng.random() * 30), [('num', 3), ('data', 2)]) for _ in range(12)]
    helpt = text.Template(trng, 'data', 35, [('data', 25)])
    ua = 'sheetbot-server/1.9.3 (python-httpx/0.27.2)'
    for _ in range(n):
        a = w.acct(rng, 'plugin_sheetbot', 'plugin', w.created_before(rng, 3, 600), pay=True,
                   org=w.ids.make('org_', 10) if rng.random() < 0.3 else None, ua=ua)
        a.model = 'claude-haiku-4-5' if rng.random() < 0.85 else 'claude-sonnet-5'
        out.append(a)
        k = n_sessions(w, rng, lognorm(rng, 0.08, 0.7), 'office', a.tz)
        for _ in range(k):
            t = sample_time(rng, 'office', a.tz, w.start, w.end)
            for _ in range(geom(rng, 1.6, 8)):
                if t >= w.end:
                    break
                if rng.random() < 0.3:
                    t = w.emit(rng, a, t, a.model, 'analysis', ilog(rng, 600, 0.6, 50, 8000), ilog(rng, 350, 0.6, 10, 3000),
                               rng.betavariate(1.5, 12.0), helpt.make(rng).hex(), ips[int(rng.random() * len(ips))],
                               False, True, 0, 1, sysh) + ilog(rng, 40000, 0.9, 1000)
                    continue
                tm = fill[int(rng.random() * len(fill))]
                m = ilog(rng, 22, 0.9, 3, 400)
                last = t
                for i in range(m):
                    s = t + int(i * lognorm(rng, 380, 0.35))
                    ts = w.emit(rng, a, s, a.model, 'analysis', ilog(rng, 420, 0.3, 100, 3000), ilog(rng, 45, 0.6, 3, 600),
                                0.02 * rng.random(), tm.make(rng).hex(), ips[int(rng.random() * len(ips))], False,
                                False, 0, 1, sysh, p429=0.01)
                    last = max(last, ts)
                t = last + ilog(rng, 90000, 1.0, 3000)
    return out


# ------------------------------------------------------------------ teams
def teams(w, rng, n):
    out = []
    left = n
    nteams = 0
    while left > 0:
        size = min(left, max(3, min(40, int(lognorm(rng, 7, 0.7)))))
        if left - size < 3:
            size = left
        left -= size
        nteams += 1
        org = w.ids.make('org_', 10)
        pay = w.ids.make('pm_', 16)
        country = WChoice([('US', 40), ('GB', 10), ('DE', 9), ('FR', 5), ('IN', 8), ('CA', 6), ('NL', 4), ('JP', 4),
                           ('AU', 4), ('SG', 3), ('ES', 3), ('IL', 2), ('BR', 2)]).pick(rng)
        tz = net.tz_of(rng, country)
        ttype = WChoice([('eng', 45), ('support', 20), ('data', 20), ('marketing', 15)]).pick(rng)
        office = ([w.pools.swg(rng, country)] if rng.random() < 0.3 else
                  [net.residential(rng, country) for _ in range(1 + (rng.random() < 0.3))])
        sysh = text.sys_hash('team-tool:' + org)
        tool_ua = benign_ua(rng, WChoice([('py', 60), ('ts', 40)]).pick(rng))
        tdom = {'eng': 'code', 'support': 'write', 'data': 'data', 'marketing': 'write'}[ttype]
        tcat = {'eng': 'coding', 'support': 'writing', 'data': 'analysis', 'marketing': 'writing'}[ttype]
        tmpl = text.Template(rng, tdom, ilog(rng, 80, 0.3, 30, 200), [(tdom, ilog(rng, 14, 0.4, 4, 40))])
        model = WChoice([('claude-sonnet-5', 55), ('claude-opus-4-5', 15), ('claude-haiku-4-5', 20),
                         ('claude-sonnet-4-5', 10)]).pick(rng)
        tcreated = w.created_before(rng, 20, 800)
        for _ in range(size):
            ua = tool_ua if rng.random() < 0.6 else benign_ua(rng)
            created = tcreated + int(rng.random() * (w.start - tcreated) * 0.7)
            a = w.acct(rng, 'teams', 'team', created, country=country, tz=tz, pay=pay, org=org, ua=ua)
            a.model = model
            a.x['office'] = office[int(rng.random() * len(office))]
            maybe_adopt(w, rng, a, 0.1)
            out.append(a)

            def netfn(rng, a):
                if rng.random() < 0.2:
                    return _home(w, rng, a)
                return a.x['office']
            st = Style(mix=MIX[ttype], req_mean=4.0, think_p=0.12, stream_p=0.5, netfn=netfn, sysh=sysh, sys_p=0.75,
                       tmpl=tmpl, tmpl_p=0.45, tmpl_cat=tcat, gap=(50000, 1.0))
            k = n_sessions(w, rng, lognorm(rng, 0.2, 0.6), 'office', tz)
            for _ in range(k):
                chat_session(w, rng, a, sample_time(rng, 'office', tz, w.start, w.end), st)
    return out, nteams


# ------------------------------------------------------------------ course cohorts
def cohort(w, rng, n, name):
    out = []
    country = WChoice([('US', 35), ('GB', 10), ('DE', 8), ('IN', 10), ('KR', 6), ('CA', 6), ('AU', 5), ('SG', 5),
                       ('FR', 4), ('NL', 4), ('JP', 4), ('CH', 3)]).pick(rng)
    tz = net.tz_of(rng, country)
    campus = w.pools.campus(rng, country)
    ua = 'anthropic-python/' + PY_VER.pick(rng)
    model = WChoice([('claude-haiku-4-5', 55), ('claude-sonnet-5', 35), ('claude-sonnet-4-5', 10)]).pick(rng)
    ctype = 'reasoning' if rng.random() < 0.5 else 'coding'
    dom = 'math' if ctype == 'reasoning' else 'code'
    assigns = [text.Template(rng, dom, ilog(rng, 90, 0.2, 50, 160), [(dom, ilog(rng, 8, 0.3, 4, 16))])
               for _ in range(3)]
    lab_created = w.start - int((2 + rng.random() * 10) * DAY)
    deadline = w.start + int((0.55 + rng.random() * 0.8) * (w.end - w.start))
    think_p = 0.25 if rng.random() < 0.4 else 0.05
    lab = None
    if rng.random() < 0.6:
        for _ in range(60):
            c = w.start + int(rng.random() * (w.end - w.start - HOUR))
            lh = ((c / HOUR + tz) % 24)
            if 9 <= lh <= 16 and weight('office', c, tz) > 0.5:
                lab = c
                break

    def ramp(t):
        if t > deadline:
            return 0.25
        return 0.3 + 2.5 * math.exp(-(deadline - t) / (2.5 * HOUR))
    for _ in range(n):
        if rng.random() < 0.8:
            created = lab_created + ilog(rng, 12 * MIN, 1.0, 30 * SEC, 6 * HOUR)
        else:
            created = lab_created + int(rng.random() * (w.start - lab_created))
        a = w.acct(rng, name, 'course_cohort', created, country=country, tz=tz, pay=False,
                   ua=ua if rng.random() < 0.9 else benign_ua(rng))
        a.model = model
        out.append(a)
        home_p = 0.6

        def netfn(rng, a, _t=[0]):
            if rng.random() > home_p:
                return campus[int(rng.random() * len(campus))]
            return w.pools.mobile(rng, a.country) if rng.random() < 0.2 else _home(w, rng, a)
        st = Style(mix=WChoice([(ctype, 60), ('chat', 25), ('writing', 15)]), req_mean=5.0, think_p=think_p,
                   stream_p=0.2, netfn=netfn, tmpl=assigns[int(rng.random() * 3)], tmpl_p=0.65, tmpl_cat=ctype,
                   cot_add=0.28 if ctype == 'reasoning' else 0.35, gap=(70000, 0.8), newconv=0.25, p400=0.02)
        times = []
        if lab is not None and rng.random() < 0.7:
            times.append((lab + int(rng.random() * 15 * MIN), True))
        for _ in range(1 + poisson(rng, 1.1)):
            times.append((sample_time(rng, 'human', tz, w.start, w.end, ramp), False))
        times.sort()
        first = True
        for t, at_lab in times:
            netw = campus[int(rng.random() * len(campus))] if at_lab else None
            chat_session(w, rng, a, t, st, greet=first and rng.random() < 0.35, netw=netw)
            first = False
    return out


# ------------------------------------------------------------------ benchmark researchers
def bench_lab(w, rng, n, name):
    out = []
    org = w.ids.make('org_', 10)
    pay = w.ids.make('pm_', 16)
    country = WChoice([('US', 50), ('GB', 12), ('DE', 8), ('CH', 6), ('CA', 6), ('KR', 5), ('SG', 5), ('FR', 4),
                       ('NL', 4)]).pick(rng)
    tz = net.tz_of(rng, country)
    if rng.random() < 0.5:
        ips = w.pools.campus(rng, country)
    else:
        region = WChoice([('aws-use1', 3), ('gcp-usc1', 3), ('aws-usw2', 2), ('azure-use', 1)]).pick(rng)
        ips = [net.hosting(rng, region) for _ in range(2 + int(rng.random() * 3))]
    ua = 'anthropic-python/' + PY_VER.pick(rng) if rng.random() < 0.7 else 'python-httpx/0.28.1'
    for _ in range(n):
        a = w.acct(rng, name, 'benchmark_research', w.created_before(rng, 40, 900), country=country, tz=tz, pay=pay,
                   org=org, ua=ua, nkeys=1 + int(rng.random() * 3))
        out.append(a)
    trng = w.sub()
    suites = [('gsm', text.Template(trng, 'math', 45, [('num', 4), ('name', 2)]), 'reasoning', (9.0, 2.0)),
              ('gsm2', text.Template(trng, 'math', 55, [('num', 5), ('math', 2)]), 'reasoning', (8.0, 2.0)),
              ('mcq', text.Template(trng, 'sci', 25, [('sci', 35)]), 'reasoning', (6.0, 3.0)),
              ('code', text.Template(trng, 'code', 30, [('code', 50)]), 'coding', (2.5, 6.0)),
              ('long', text.Template(trng, 'data', 20, [('data', 70)]), 'analysis', (2.0, 7.0))]
    runs = []
    for _ in range(1 + poisson(rng, 0.7 * w.H / 8.0)):
        if rng.random() < 0.35:
            t = w.start + int(rng.random() * (w.end - w.start))
        else:
            t = sample_time(rng, 'human', tz, w.start, w.end)
        runs.append((t, WChoice([('claude-sonnet-5', 40), ('claude-opus-4-5', 30), ('claude-haiku-4-5', 20),
                                 ('claude-sonnet-4-5', 10)]).pick(rng)))
    if w.release < w.end and rng.random() < 0.8:
        runs.append((w.release + ilog(rng, 70 * MIN, 0.6, 10 * MIN), NEW_MODEL))
    for t0, model in runs:
        sname, tm, cat, cab = suites[int(rng.random() * len(suites))]
        items = ilog(rng, 380, 0.7, 60, 2500)
        conc = rng.choice([4, 8, 8, 16, 16, 32])
        think = rng.random() < 0.45
        batch = rng.random() < 0.22
        im = 700 if sname == 'long' else 320
        for i in range(items):
            a = out[i % len(out)]
            netw = ips[i % len(ips)]
            key = a.keys[(i // len(out)) % len(a.keys)]
            if batch:
                t = t0 + i * 3
            else:
                # items are consumed by `conc` workers back to back
                t = t0 + (i // conc) * ilog(rng, 9000 if not think else 30000, 0.4, 800) + int(rng.random() * 1500)
            otok = ilog(rng, 500 if cat != 'coding' else 900, 0.7, 5, 16000)
            if think:
                otok += ilog(rng, 3000, 0.7, 200, 31000)
            w.emit(rng, a, t, model, cat, ilog(rng, im, 0.5, 40, 60000), otok, rng.betavariate(*cab),
                   tm.make(rng).hex(), netw, think, False, 0, 1, None, 'batch' if batch else 'messages', key,
                   p429=0.01 + 0.002 * conc)
    return out


# ------------------------------------------------------------------ enterprise batch
def enterprise(w, rng, n, name):
    out = []
    org = w.ids.make('org_', 10)
    pay = w.ids.make('pm_', 16)
    region = WChoice([('aws-use1', 4), ('aws-usw2', 2), ('aws-euc1', 2), ('azure-use', 2), ('azure-euw', 1),
                      ('gcp-usc1', 2), ('aws-apne1', 1)]).pick(rng)
    ips = [net.hosting(rng, region) for _ in range(2 + int(rng.random() * 5))]
    ua = WChoice([('anthropic-java/2.9.0', 3), ('anthropic-python/0.72.1', 3), ('anthropic-sdk-go/1.14.0', 1),
                  ('anthropic-typescript/0.69.0', 2)]).pick(rng)
    tzc = ips[0][2]
    for _ in range(n):
        a = w.acct(rng, name, 'enterprise_batch', w.created_before(rng, 60, 1000), country=tzc, pay=pay, org=org,
                   ua=ua, nkeys=1 + int(rng.random() * 3))
        out.append(a)
    for j in range(1 + int(rng.random() * 3)):
        period = rng.choice([5, 10, 15, 15, 30, 60]) * MIN
        m = ilog(rng, 3.0 * period / MIN, 0.6, 4, 250)
        cat = WChoice([('analysis', 5), ('writing', 2), ('other', 2)]).pick(rng)
        tm = text.Template(rng, 'data', ilog(rng, 150, 0.3, 60, 300), [('data', ilog(rng, 30, 0.5, 8, 80))])
        sysh = text.sys_hash('%s-job-%d' % (org, j))
        model = WChoice([('claude-haiku-4-5', 5), ('claude-sonnet-5', 4), ('claude-sonnet-4-5', 2)]).pick(rng)
        batch = rng.random() < 0.6
        im = ilog(rng, 2400, 0.5, 300, 40000)
        om = ilog(rng, 320, 0.5, 20, 4000)
        tick = w.start + int(rng.random() * period)
        while tick < w.end:
            mm = max(1, int(m * (0.8 + 0.4 * rng.random())))
            for i in range(mm):
                a = out[int(rng.random() * len(out))]
                t = tick + (i * 4 if batch else (i // 8) * ilog(rng, 3500, 0.4, 300))
                w.emit(rng, a, t, model, cat, ilog(rng, im, 0.4, 50, 150000), ilog(rng, om, 0.5, 1, 8000),
                       rng.betavariate(1.0, 30.0), tm.make(rng).hex(), ips[int(rng.random() * len(ips))], False,
                       False, 0, 1, sysh, 'batch' if batch else 'messages', a.keys[int(rng.random() * len(a.keys))],
                       p429=0.004)
            tick += period + int(rng.random() * 2000)
    return out


# ------------------------------------------------------------------ early adopters
def early_adopters(w, rng, n):
    out = []
    for _ in range(n):
        a = w.acct(rng, 'early_adopters', 'early_adopter', w.created_before(rng, 20, 1100), pay=True,
                   org=w.ids.make('org_', 10) if rng.random() < 0.5 else None,
                   nkeys=1 + (rng.random() < 0.3))
        a.model = WChoice([('claude-opus-4-5', 45), ('claude-sonnet-5', 45), ('claude-sonnet-4-5', 10)]).pick(rng)
        out.append(a)
        if w.release < w.end:
            a.x['adopt_at'] = w.release + ilog(rng, 22 * MIN, 0.9, 90 * SEC, 5 * HOUR)
            a.x['adopt_p'] = 0.92

        def netfn(rng, a):
            if rng.random() < 0.08:
                return w.pools.mobile(rng, a.country)
            return _home(w, rng, a)
        st = Style(mix=MIX['power'], req_mean=6.0, think_p=0.35, stream_p=0.7, netfn=netfn, cot_add=0.05,
                   tools=ilog(rng, 5, 0.6, 1, 30))
        k = poisson(rng, lognorm(rng, 0.12, 0.6) * shape_integral('human', a.tz, w.start, w.end))
        for _ in range(k):
            chat_session(w, rng, a, sample_time(rng, 'human', a.tz, w.start, w.end), st)
        if w.release >= w.end:
            if k == 0:
                chat_session(w, rng, a, sample_time(rng, 'human', a.tz, w.start, w.end), st)
            continue
        # launch session: viral test prompts plus own tests on the new model
        t = a.x['adopt_at']
        netw = netfn(rng, a)
        launch = Style(mix=MIX['power'], req_mean=8.0, think_p=0.6, stream_p=0.8, netfn=netfn, cot_add=0.12,
                       newconv=0.7)
        for _ in range(geom(rng, 3.0, 9)):
            if t >= w.end:
                break
            v = text.VIRAL_TEXT[int(rng.random() * len(text.VIRAL_TEXT))].copy()
            if rng.random() < 0.3:
                v.add(rng, 'gen', 1 + int(rng.random() * 2))
            think = rng.random() < 0.55
            otok = ilog(rng, 700, 0.9, 20, 12000) + (ilog(rng, 3000, 0.8, 100, 30000) if think else 0)
            ts = w.emit(rng, a, t, NEW_MODEL, rng.choice(['reasoning', 'coding', 'chat']), ilog(rng, 40, 0.4, 8, 400),
                        otok, rng.betavariate(3.0, 4.0), v.hex(), netw, think, rng.random() < 0.8)
            t = ts + ilog(rng, 30000, 0.9, 1500)
        chat_session(w, rng, a, t, launch, model=NEW_MODEL, netw=netw)
        for _ in range(poisson(rng, 1.2)):
            t2 = a.x['adopt_at'] + int(rng.random() * max(1, w.end - a.x['adopt_at']))
            chat_session(w, rng, a, t2, launch, model=NEW_MODEL)
    return out


# ------------------------------------------------------------------ cloud start-ups
def startups(w, rng, n):
    out = []
    left = n
    nco = 0
    while left > 0:
        size = min(left, 1 + int(rng.random() * 3))
        left -= size
        nco += 1
        org = w.ids.make('org_', 10)
        pay = w.ids.make('pm_', 16)
        region = net.HOST_STARTUP.pick(rng)
        ips = [net.hosting(rng, region, True) for _ in range(1 + int(rng.random() * 3))]
        market = WChoice([('US', 50), ('GB', 10), ('DE', 8), ('IN', 10), ('BR', 5), ('JP', 5), ('FR', 5),
                          ('SG', 4), ('AU', 3)]).pick(rng)
        tz = net.tz_of(rng, market)
        ua = benign_ua(rng, WChoice([('py', 50), ('ts', 35), ('go', 10), ('httpx', 5)]).pick(rng))
        accts = []
        for _ in range(size):
            a = w.acct(rng, 'startups', 'cloud_startup', w.created_before(rng, 15, 700), country=ips[0][2],
                       tz=tz, pay=pay, org=org, ua=ua, nkeys=1 + (rng.random() < 0.4))
            accts.append(a)
            out.append(a)
        feats = []
        for f in range(1 + int(rng.random() * 3)):
            cat = WChoice([('chat', 25), ('tool_use', 20), ('writing', 20), ('analysis', 20), ('coding', 10),
                           ('reasoning', 5)]).pick(rng)
            dom = text.CAT_DOMAIN[cat]
            feats.append((cat, text.Template(rng, dom, ilog(rng, 90, 0.4, 25, 300), [(dom, ilog(rng, 18, 0.6, 3, 80))]),
                          text.sys_hash('%s-feature-%d' % (org, f)),
                          ilog(rng, 6, 0.5, 1, 40) if cat == 'tool_use' else 0,
                          WChoice([('claude-haiku-4-5', 35), ('claude-sonnet-5', 45), ('claude-sonnet-4-5', 15),
                                   ('claude-opus-4-5', 5)]).pick(rng),
                          rng.random() < 0.6))
        rate = min(160.0, lognorm(rng, 7, 0.9))
        k = max(size, poisson(rng, rate * shape_integral('product', tz, w.start, w.end)))
        for i in range(k):
            a = accts[i] if i < size else (accts[0] if rng.random() < 0.85 else accts[int(rng.random() * size)])
            cat, tm, sysh, tools, model, stream = feats[int(rng.random() * len(feats))]
            t = sample_time(rng, 'product', tz, w.start, w.end)
            turns = 1 + 2 * (geom(rng, 3.0, 30) - 1) if cat in ('chat', 'tool_use') else 1
            im, isg, om, osg, _ = CAT[cat]
            tx = tm.make(rng)
            if turns > 1:
                tx.add(rng, text.CAT_DOMAIN[cat], turns * 3)
            w.emit(rng, a, t, model, cat, ilog(rng, im, 0.6, 20, 120000) + 150 * turns, ilog(rng, om, osg, 1, 12000),
                   cot_for(rng, cat), tx.hex(), ips[int(rng.random() * len(ips))], False, stream, tools, turns, sysh,
                   key=a.keys[int(rng.random() * len(a.keys))], p429=0.003)
    return out, nco
