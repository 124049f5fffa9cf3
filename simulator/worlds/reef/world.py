"""Assemble the world: benign groups, campaigns, truth."""
import json
import os

from .util import MIN, fmt_ts, sample_time
from . import benign, campaigns
from .content import Style, MIX, chat_session


def build(seed, B, hours):
    from .core import World
    w = World(seed, B, hours)
    s = B / 10000.0
    groups = []  # (name, kind, accounts)

    def frac(f, lo=1):
        return max(lo, int(round(B * f)))

    # ---- clustered benign groups
    n_cohorts = max(2, int(round(B / 5000.0)))
    for i in range(n_cohorts):
        rng = w.sub()
        name = 'cohort_%02d' % (i + 1)
        size = max(25, min(150, int(rng.lognormvariate(4.05, 0.45))))
        groups.append((name, 'course_cohort', benign.cohort(w, rng, size, name)))
    n_labs = max(2, int(round(B / 6000.0)))
    for i in range(n_labs):
        rng = w.sub()
        name = 'benchlab_%02d' % (i + 1)
        groups.append((name, 'benchmark_research', benign.bench_lab(w, rng, 2 + int(rng.random() * 7), name)))
    n_ent = max(2, int(round(B / 8000.0)))
    for i in range(n_ent):
        rng = w.sub()
        name = 'enterprise_%02d' % (i + 1)
        groups.append((name, 'enterprise_batch', benign.enterprise(w, rng, 3 + int(rng.random() * 10), name)))
    groups.append(('ide_claude_code', 'ide_agent', benign.ide_group(w, w.sub(), frac(0.065), 'ide_claude_code',
                                                                   'claude_code')))
    groups.append(('ide_cline', 'ide_agent', benign.ide_group(w, w.sub(), frac(0.025), 'ide_cline', 'cline')))
    groups.append(('plugin_notewise', 'plugin', benign.plugin_notewise(w, w.sub(), frac(0.055))))
    groups.append(('plugin_sheetbot', 'plugin', benign.plugin_sheetbot(w, w.sub(), frac(0.03))))
    tm, _ = benign.teams(w, w.sub(), frac(0.08, 3))
    groups.append(('teams', 'team', tm))
    st, _ = benign.startups(w, w.sub(), frac(0.02))
    groups.append(('startups', 'cloud_startup', st))
    groups.append(('early_adopters', 'early_adopter', benign.early_adopters(w, w.sub(), frac(0.03))))
    groups.append(('vpn_users', 'vpn_users', benign.background(w, w.sub(), frac(0.03), 'vpn_users', 'vpn_users',
                                                               'vpn')))
    groups.append(('mobile_cgnat', 'carrier_nat', benign.background(w, w.sub(), frac(0.04), 'mobile_cgnat',
                                                                    'carrier_nat', 'cgnat')))
    groups.append(('free_tier_new', 'new_free_tier', benign.free_tier(w, w.sub(), frac(0.2))))
    used = sum(len(g[2]) for g in groups)
    groups.append(('background', 'background', benign.background(w, w.sub(), max(1, B - used))))

    # every benign account is active at least once
    rng = w.sub()
    for _, _, accts in groups:
        for a in accts:
            tries = 0
            while a.id not in w.nev and tries < 20:
                tries += 1
                t = sample_time(rng, 'flat', a.tz, w.start, max(w.start + MIN, w.end - 15 * MIN))
                if t < a.created:
                    t = a.created + MIN
                st = Style(mix=MIX['hobby'], req_mean=1.5, netfn=lambda r, a: benign._home(w, r, a))
                chat_session(w, rng, a, t, st)

    # ---- campaigns
    specs = [
        ('proxy_swarm', campaigns.proxy_swarm, max(100, min(2500, int(round(400 * s))))),
        ('aged_fleet', campaigns.aged_fleet, 40 + int(round(40 * s))),
        ('slow_drip', campaigns.slow_drip, max(25, int(round(100 * s)))),
        ('reseller_front', campaigns.reseller, 30 + int(round(30 * s))),
        ('tool_trajectory', campaigns.tool_harvester, 10 + int(round(12 * s))),
        ('release_pivot', campaigns.release_pivot, 30 + int(round(30 * s))),
        ('timezone_mimic', campaigns.tz_mimic, 40 + int(round(60 * s))),
        ('scripted_lockstep', campaigns.lockstep, 20 + int(round(7 * s))),
        ('lone_scraper', campaigns.lone_scraper, 1),
    ]
    camps = []
    for i, (kind, fn, n) in enumerate(specs):
        accts, desc = fn(w, w.sub(), n)
        camps.append(('reef-%02d-%s' % (i + 1, kind.replace('_', '-')), kind, accts, desc))
    return w, groups, camps


def run(seed, B, hours, out):
    w, groups, camps = build(seed, B, hours)
    os.makedirs(out, exist_ok=True)
    rows = w.rows
    rows.sort()
    with open(os.path.join(out, 'events.jsonl'), 'w', encoding='utf-8') as f:
        buf = []
        for r in rows:
            buf.append(r[2])
            if len(buf) >= 20000:
                f.write('\n'.join(buf))
                f.write('\n')
                buf = []
        if buf:
            f.write('\n'.join(buf))
            f.write('\n')
    bg = {}
    nb = 0
    for name, kind, accts in groups:
        c = sum(1 for a in accts if a.id in w.nev)
        if c:
            bg[name] = {'kind': kind, 'accounts': c}
            nb += c
    cs = {}
    for cid, kind, accts, desc in camps:
        ids = [a.id for a in accts if a.id in w.nev]
        if not ids:
            continue
        first = min(w.first[i] for i in ids)
        cs[cid] = {'kind': kind, 'start': fmt_ts(first), 'accounts': ids, 'description': desc}
    truth = {'world': 'reef', 'seed': seed, 'benign_accounts': nb, 'benign_groups': bg, 'campaigns': cs}
    with open(os.path.join(out, 'truth.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, indent=1)
    return len(rows), truth
