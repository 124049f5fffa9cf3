"""Distillation campaigns of different shapes."""
from .util import HOUR, MIN, SEC, DAY, WChoice, clamp, geom, ilog, lognorm, poisson, sample_time, shape_integral
from . import net, text
from .core import NEW_MODEL, benign_ua, PY_VER
from .content import CAT, cot_for, think_tokens, greeting

PROXY_COUNTRIES = WChoice([('US', 40), ('GB', 10), ('DE', 8), ('CA', 8), ('JP', 6), ('KR', 6), ('SG', 5), ('AU', 5),
                           ('BR', 4), ('IN', 4), ('FR', 4)])


def _reason_templates(rng, k, doms=('math', 'sci'), fixed=(90, 160), slots=(4, 9)):
    out = []
    for i in range(k):
        dom = doms[i % len(doms)]
        ks = slots[0] + int(rng.random() * (slots[1] - slots[0] + 1))
        out.append(text.Template(rng, dom, fixed[0] + int(rng.random() * (fixed[1] - fixed[0])),
                                 [('num', ks // 2), ('name', ks - ks // 2)]))
    return out


def _camo(w, rng, a, t, model, netw, stream=False):
    cat = rng.choice(['chat', 'chat', 'writing', 'other'])
    im, isg, om, osg, fm = CAT[cat]
    return w.emit(rng, a, t, model, cat, ilog(rng, im, isg, 5, 20000), ilog(rng, om, osg, 1, 4000), cot_for(rng, cat),
                  text.freeform(rng, text.CAT_DOMAIN[cat], ilog(rng, fm, 0.5, 2, 80)).hex(), netw, False, stream)


# ------------------------------------------------------------------ 1. proxy swarm
def proxy_swarm(w, rng, n):
    """Hundreds-thousands of light accounts on rotating residential proxies, templated reasoning harvest."""
    tmpls = _reason_templates(rng, 5)
    sysh = text.sys_hash('swarm-harness-v3')
    waves = sorted(w.start - int((0.2 + rng.random() * 4.0) * DAY) for _ in range(3 + int(rng.random() * 3)))
    if rng.random() < 0.6:
        waves.append(w.start + int((0.1 + rng.random() * 0.4) * (w.end - w.start)))
    accts = []
    for _ in range(n):
        wave = waves[int(rng.random() * len(waves))]
        created = wave + int(rng.random() * 75 * MIN)
        country = PROXY_COUNTRIES.pick(rng)
        ua = 'anthropic-python/0.75.0' if rng.random() < 0.7 else 'anthropic-python/0.74.1'
        a = w.acct(rng, 'c', 'proxy_swarm', created, country=country, pay=rng.random() < 0.4, ua=ua)
        a.model = 'claude-opus-4-5' if rng.random() < 0.6 else 'claude-sonnet-5'
        rotate = rng.random() < 0.75
        sticky = net.residential(rng, country)
        act = max(created + ilog(rng, 8 * MIN, 0.8, 30 * SEC), w.start + int(rng.random() * 20 * MIN))
        if act >= w.end - 5 * MIN:
            act = w.end - int((5 + rng.random() * 60) * MIN)
            a.created = min(a.created, act - ilog(rng, 5 * MIN, 0.5, 30 * SEC))
        accts.append(a)
        nr = ilog(rng, 9, 0.5, 3, 30)
        if rng.random() < 0.85:
            greeting(w, rng, a, act, net.residential(rng, country) if rotate else sticky, 'claude-haiku-4-5')
        times = sorted(act + 30 * SEC + int(rng.random() * (w.end - act)) for _ in range(nr))
        for t in times:
            netw = net.residential(rng, country) if rotate else sticky
            if rng.random() < 0.15:
                _camo(w, rng, a, t, a.model, netw)
                continue
            cat = WChoice([('reasoning', 70), ('analysis', 15), ('coding', 15)]).pick(rng)
            think = rng.random() < 0.7
            otok = ilog(rng, 5500 if think else 3000, 0.5, 300, 30000)
            w.emit(rng, a, t, a.model, cat, ilog(rng, 450, 0.4, 60, 6000), otok, rng.betavariate(12.0, 1.5),
                   tmpls[int(rng.random() * len(tmpls))].make(rng).hex(), netw, think, rng.random() < 0.15, 0, 1,
                   sysh if rng.random() < 0.5 else None)
    return accts, 'Residential-proxy swarm of light, wave-created free-credit/prepaid accounts; rotating IPs; ' \
                  'warm-up pings then templated step-by-step reasoning harvest with long outputs, round the clock.'


# ------------------------------------------------------------------ 2. aged fleet
def aged_fleet(w, rng, n):
    """Bought aged accounts, dormant for months, woken up together to harvest code from hosting IPs."""
    sysh = text.sys_hash('fleet-coder-generator')
    pre = text.Template(rng, 'code', 25, [('code', 35)])
    regions = ['hetzner-de', 'ovh-fr', 'do-fra', 'do-nyc', 'vultr-us', 'linode-us', 'hetzner-fi']
    t0 = w.start + int((0.15 + rng.random() * 0.25) * (w.end - w.start))
    accts = []
    for _ in range(n):
        a = w.acct(rng, 'c', 'aged_fleet', w.created_before(rng, 200, 900), pay=True,
                   org=w.ids.make('org_', 10) if rng.random() < 0.5 else None,
                   ua='anthropic-typescript/0.71.0' if rng.random() < 0.6 else 'anthropic-typescript/0.70.1')
        netw = net.hosting(rng, regions[int(rng.random() * len(regions))])
        a.model = 'claude-sonnet-5' if rng.random() < 0.6 else 'claude-opus-4-5'
        accts.append(a)
        rate = lognorm(rng, 15, 0.3)
        t = t0 + ilog(rng, 8 * MIN, 1.0, 10 * SEC, 90 * MIN)
        while t < w.end:
            r = rng.random()
            if r < 0.05:
                ts = _camo(w, rng, a, t, a.model, netw)
            else:
                cat = 'coding' if r < 0.9 else 'analysis'
                think = rng.random() < 0.25
                otok = ilog(rng, 3800, 0.5, 200, 30000) + (think_tokens(rng) if think else 0)
                ts = w.emit(rng, a, t, a.model, cat, ilog(rng, 900, 0.6, 80, 20000), otok, rng.betavariate(3.0, 6.0),
                            pre.make(rng).hex(), netw, think, rng.random() < 0.5, 0, 1, sysh, p429=0.01)
            t = t + ilog(rng, HOUR / rate, 0.6, 2 * SEC)
    return accts, 'Aged accounts (created 7-30 months ago, dormant) bought and reactivated together mid-window; ' \
                  'sticky hosting IPs, one shared generator system prompt, steady 24/7 code harvest.'


# ------------------------------------------------------------------ 3. slow drip (stealth)
def slow_drip(w, rng, n):
    """Each account looks like an ordinary light user; only the cross-account prompt families give it away."""
    fams = []
    for i in range(40):
        dom = ('math', 'sci', 'code', 'data')[i % 4]
        fams.append((dom, text.Template(rng, dom, ilog(rng, 55, 0.3, 30, 100),
                                        [('num', 3), ('name', 2), (dom, 2)])))
    sysv = [None, None, None, text.sys_hash('drip-ctx-a'), text.sys_hash('drip-ctx-b')]
    catof = {'math': 'reasoning', 'sci': 'reasoning', 'code': 'coding', 'data': 'analysis'}
    accts = []
    for _ in range(n):
        a = w.acct(rng, 'c', 'slow_drip', w.created_before(rng, 8, 500), pay=rng.random() < 0.85,
                   org=w.ids.make('org_', 10) if rng.random() < 0.3 else None)
        a.model = WChoice([('claude-sonnet-5', 70), ('claude-opus-4-5', 20), ('claude-haiku-4-5', 10)]).pick(rng)
        home = net.residential(rng, a.country)
        mine = [fams[int(rng.random() * len(fams))] for _ in range(6)]
        sysh = sysv[int(rng.random() * len(sysv))]
        accts.append(a)
        for _ in range(1 + poisson(rng, 0.8)):
            t = sample_time(rng, 'human', a.tz, w.start, w.end)
            stream = rng.random() < 0.5
            for _ in range(min(6, geom(rng, 2.5))):
                if t >= w.end:
                    break
                if rng.random() < 0.25:
                    ts = _camo(w, rng, a, t, a.model, home, stream)
                else:
                    dom, tm = mine[int(rng.random() * len(mine))]
                    cat = catof[dom]
                    think = rng.random() < 0.3
                    otok = ilog(rng, 1300, 0.5, 150, 7000) + (ilog(rng, 1500, 0.5, 200, 6000) if think else 0)
                    turns = 1 if rng.random() < 0.8 else 3
                    ts = w.emit(rng, a, t, a.model, cat, ilog(rng, 420, 0.6, 40, 8000) + (turns - 1) * 900, otok,
                                clamp(rng.betavariate(4.0, 4.5), 0.15, 0.75), tm.make(rng).hex(), home, think, stream, 0,
                                turns, sysh)
                t = ts + ilog(rng, 90000, 0.8, 4000)
    return accts, 'Slow drip: aged-looking paid accounts on sticky home broadband, human diurnal timing, a few ' \
                  'requests each; prompts drawn from a shared pool of task-generator families across the fleet.'


# ------------------------------------------------------------------ 4. reseller front
def reseller(w, rng, n):
    """One organisation, one card, many accounts/keys behind a gateway: resold access used for harvesting."""
    org = w.ids.make('org_', 10)
    pay = w.ids.make('pm_', 16)
    ips = [net.hosting(rng, 'aws-apse1') for _ in range(4)] + [net.hosting(rng, 'aws-use1') for _ in range(2)]
    batches = [w.start - int((20 + rng.random() * 40) * DAY) for _ in range(3)]
    customers = []
    for c in range(6):
        harvest = c < 4
        customers.append((harvest, text.sys_hash('reseller-cust-%d' % c),
                          _reason_templates(rng, 2, ('math', 'code', 'sci'), (60, 120), (5, 10))))
    accts = []
    for _ in range(n):
        b = batches[int(rng.random() * 3)]
        a = w.acct(rng, 'c', 'reseller_front', b + int(rng.random() * HOUR), country='SG', pay=pay, org=org,
                   ua='anthropic-python/0.72.1', nkeys=2 + int(rng.random() * 3))
        accts.append(a)
    for a in accts:
        rate = lognorm(rng, 12, 0.4)
        t = w.start + int(rng.random() * HOUR / rate)
        while t < w.end:
            harvest, sysh, tm = customers[int(rng.random() * len(customers))]
            netw = ips[int(rng.random() * len(ips))]
            key = a.keys[int(rng.random() * len(a.keys))]
            model = 'claude-opus-4-5' if rng.random() < 0.55 else 'claude-sonnet-5'
            if t > w.release + 30 * MIN and rng.random() < 0.5:
                model = NEW_MODEL
            if harvest:
                think = rng.random() < 0.6
                cat = 'reasoning' if rng.random() < 0.65 else 'coding'
                otok = ilog(rng, 4500, 0.5, 300, 30000) + (think_tokens(rng) if think else 0)
                w.emit(rng, a, t, model, cat, ilog(rng, 700, 0.6, 60, 20000), otok, rng.betavariate(8.0, 2.0),
                       tm[int(rng.random() * len(tm))].make(rng).hex(), netw, think, rng.random() < 0.3, 0, 1, sysh,
                       key=key, p429=0.01)
            else:
                cat = rng.choice(['chat', 'writing', 'writing', 'analysis'])
                im, isg, om, osg, fm = CAT[cat]
                turns = 1 + 2 * (geom(rng, 2.0, 20) - 1)
                w.emit(rng, a, t, model, cat, ilog(rng, im, isg, 10, 50000) + 200 * turns, ilog(rng, om, osg, 1, 6000),
                       cot_for(rng, cat), text.freeform(rng, text.CAT_DOMAIN[cat], ilog(rng, fm, 0.5, 2, 100)).hex(),
                       netw, False, True, 0, turns, sysh, key=key)
            t += ilog(rng, HOUR / rate, 0.9, 500)
    return accts, 'Reseller organisation front: one org and one card for all accounts and many keys, traffic from a ' \
                  'few cloud gateway IPs 24/7, mostly high-elicitation reasoning/code harvest with some resold chat.'


# ------------------------------------------------------------------ 5. tool trajectory harvester
def tool_harvester(w, rng, n):
    """Agentic trajectories (many tools, many turns, long inputs, little reasoning) run by a harness 24/7."""
    sysh = text.sys_hash('trajectory-harness-sp')
    task = text.Template(rng, 'code', 50, [('code', 5), ('name', 3)])
    pool = [net.hosting(rng, 'aws-use1') for _ in range(12)] + [net.hosting(rng, 'gcp-usc1') for _ in range(8)]
    cards = [w.ids.make('pm_', 16) for _ in range(max(2, n // 10))]
    waves = [w.start - int((6 + rng.random() * 24) * DAY) for _ in range(2)]
    accts = []
    for i in range(n):
        ua = 'claude-cli/2.0.31 (external, cli)' if rng.random() < 0.6 else 'anthropic-typescript/0.71.2'
        a = w.acct(rng, 'c', 'tool_trajectory', waves[i % 2] + int(rng.random() * 3 * HOUR), country='US',
                   pay=cards[int(rng.random() * len(cards))], ua=ua)
        a.model = 'claude-sonnet-5' if rng.random() < 0.8 else 'claude-opus-4-5'
        tools = ilog(rng, 28, 0.3, 12, 60)
        netw = pool[int(rng.random() * len(pool))]
        accts.append(a)
        t = w.start + int(rng.random() * 30 * MIN)
        active_until = t + ilog(rng, 45 * MIN, 0.5, 5 * MIN)
        while t < w.end:
            if t > active_until:
                t += ilog(rng, 80 * MIN, 0.5, 5 * MIN)
                active_until = t + ilog(rng, 40 * MIN, 0.5, 5 * MIN)
                continue
            conv = task.make(rng)
            steps = geom(rng, 25, 90)
            ctx = ilog(rng, 2500, 0.5, 300)
            cat = 'tool_use' if rng.random() < 0.7 else 'coding'
            for s in range(steps):
                if t >= w.end:
                    break
                otok = ilog(rng, 350, 0.7, 10, 8000)
                ts = w.emit(rng, a, t, a.model, cat, 9000 + ctx, otok, rng.betavariate(1.0, 25.0), conv.hex(), netw,
                            False, True, tools, 1 + 2 * s, sysh, p429=0.006)
                ctx += ilog(rng, 2500, 0.6, 50, 30000) + otok
                if ctx > 175000:
                    break
                conv.add(rng, 'tool', 5 + int(rng.random() * 8))
                t = ts + ilog(rng, 12000, 0.6, 1500)
            t += ilog(rng, 15000, 0.6, 2000)
    return accts, 'Tool-use trajectory harvester: harness on cloud IPs (mostly spoofing an IDE agent client) running ' \
                  'long many-tool, many-turn episodes back to back, low reasoning elicitation, cards shared by ~10.'


# ------------------------------------------------------------------ 6. release-day pivot
def release_pivot(w, rng, n):
    """Moderate reasoning harvest that jumps onto the newly released model within the hour, rate multiplied."""
    tmpls = _reason_templates(rng, 3, ('math', 'sci'), (80, 140), (5, 8))
    cards = [w.ids.make('pm_', 16) for _ in range(6)]
    countries = WChoice([('US', 50), ('GB', 15), ('CA', 12), ('AU', 10), ('SG', 8), ('DE', 5)])
    pivot0 = w.release + ilog(rng, 30 * MIN, 0.3, 10 * MIN)
    accts = []
    for _ in range(n):
        a = w.acct(rng, 'c', 'release_pivot', w.created_before(rng, 7, 60), country=countries.pick(rng),
                   pay=cards[int(rng.random() * len(cards))], ua='anthropic-python/' + PY_VER.pick(rng))
        home = net.residential(rng, a.country)
        accts.append(a)
        pivot = pivot0 + ilog(rng, 12 * MIN, 0.8, 0, 150 * MIN)
        rate = lognorm(rng, 4, 0.4)
        mult = lognorm(rng, 6, 0.3)
        t = w.start + int(rng.random() * HOUR / rate)
        while t < w.end:
            after = t >= pivot and w.release < w.end
            netw = home if rng.random() < 0.85 else w.pools.mobile(rng, a.country)
            model = NEW_MODEL if after else 'claude-opus-4-5'
            think = rng.random() < (0.8 if after else 0.5)
            otok = ilog(rng, 7000 if after else 3500, 0.4, 300, 30000) + (think_tokens(rng) if think else 0)
            w.emit(rng, a, t, model, 'reasoning', ilog(rng, 500, 0.5, 50, 8000), otok, rng.betavariate(10.0, 2.0),
                   tmpls[int(rng.random() * len(tmpls))].make(rng).hex(), netw, think, rng.random() < 0.3, p429=0.01)
            t += ilog(rng, HOUR / (rate * mult if after else rate), 0.8, 1000)
    return accts, 'Release-day pivot: modest reasoning harvest on the previous flagship that moves to the newly ' \
                  'released model within about an hour of launch and multiplies its rate; cards shared across groups.'


# ------------------------------------------------------------------ 7. time-zone mimic
def tz_mimic(w, rng, n):
    """Accounts that imitate a US-East office worker: diurnal ramp, lunch dip, human gaps, US proxies."""
    tmpls = _reason_templates(rng, 4, ('math', 'sci', 'code'), (90, 150), (5, 9))
    burst = w.start - int((2 + rng.random() * 2) * DAY)
    accts = []
    for _ in range(n):
        a = w.acct(rng, 'c', 'timezone_mimic', burst + int(rng.random() * 2 * HOUR), country='US', tz=-5,
                   pay=True, ua='anthropic-python/0.75.0')
        a.model = 'claude-opus-4-5' if rng.random() < 0.5 else 'claude-sonnet-5'
        accts.append(a)
        for _ in range(1 + poisson(rng, 2.0)):
            t = sample_time(rng, 'office', -5, w.start, w.end)
            netw = net.residential(rng, 'US')
            for _ in range(geom(rng, 5.0, 20)):
                if t >= w.end:
                    break
                if rng.random() < 0.15:
                    ts = _camo(w, rng, a, t, a.model, netw, True)
                else:
                    think = rng.random() < 0.6
                    otok = ilog(rng, 4200, 0.5, 300, 30000) + (think_tokens(rng) if think else 0)
                    ts = w.emit(rng, a, t, a.model, 'reasoning' if rng.random() < 0.75 else 'coding',
                                ilog(rng, 480, 0.5, 50, 8000), otok, rng.betavariate(9.0, 2.0),
                                tmpls[int(rng.random() * len(tmpls))].make(rng).hex(), netw, think,
                                rng.random() < 0.4)
                t = ts + ilog(rng, 75000, 0.7, 5000)
    return accts, 'Time-zone mimic: accounts created in one burst that follow a US-Eastern office-hours curve with ' \
                  'human-like gaps through US residential proxies, harvesting templated long reasoning.'


# ------------------------------------------------------------------ 8. scripted lockstep fleet
def lockstep(w, rng, n):
    """A small scripted fleet firing in synchronised rounds from one rented /24."""
    tm = text.Template(rng, 'math', 100, [('num', 3), ('name', 2)])
    created0 = w.start - int((4 + rng.random() * 2) * DAY)
    cards = [w.ids.make('pm_', 16) for _ in range(2)]
    ips = net.hosting_block(rng, 'do-nyc', n)
    accts = []
    for i in range(n):
        a = w.acct(rng, 'c', 'scripted_lockstep', created0 + int(rng.random() * 10 * MIN), country='US',
                   pay=cards[i % 2], ua='anthropic-python/0.69.0')
        accts.append(a)
    period = int((120 + rng.random() * 150) * SEC)
    tick = w.start + int(rng.random() * 30 * MIN)
    while tick < w.end:
        for i, a in enumerate(accts):
            if rng.random() < 0.92:
                w.emit(rng, a, tick + int(rng.random() * 2500), 'claude-opus-4-5', 'reasoning', ilog(rng, 520, 0.15, 100),
                       ilog(rng, 6000, 0.3, 500, 30000), clamp(rng.gauss(0.92, 0.03), 0, 1), tm.make(rng).hex(), ips[i],
                       True, False, 0, 1, None, p429=0.02)
        tick += period + int(rng.random() * 400)
    return accts, 'Scripted lockstep fleet: accounts created within minutes, each with a fixed IP in one hosting ' \
                  '/24, firing the same reasoning template in synchronised rounds with thinking on.'


# ------------------------------------------------------------------ 9. lone scraper
def lone_scraper(w, rng, n):
    a = w.acct(rng, 'c', 'lone_scraper', w.start - int((1.5 + rng.random()) * DAY), country='FR', pay=True,
               ua='python-requests/2.32.3', nkeys=2)
    netw = net.hosting(rng, 'ovh-fr')
    cats = WChoice([('reasoning', 45), ('coding', 25), ('writing', 15), ('analysis', 15)])
    t0 = w.start + int(rng.random() * HOUR)
    for k in range(6):
        t = t0 + int(rng.random() * 5000)
        while t < w.end:
            cat = cats.pick(rng)
            think = rng.random() < 0.4
            otok = ilog(rng, 2500, 0.7, 100, 30000) + (think_tokens(rng) if think else 0)
            ts = w.emit(rng, a, t, 'claude-sonnet-5', cat, ilog(rng, 300, 0.7, 20, 8000), otok, rng.betavariate(6.0, 3.0),
                        text.freeform(rng, text.CAT_DOMAIN[cat], ilog(rng, 35, 0.5, 5, 120)).hex(), netw, think, False,
                        key=a.keys[k % 2], p429=0.12)
            t = ts + int(200 + rng.random() * 1300)
    return [a], 'Lone scraper: one account on a single hosting IP running six parallel workers, hundreds of ' \
                'requests an hour of diverse generated questions with high elicitation, frequent 429s.'
