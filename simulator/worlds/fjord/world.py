"""World state, the heap merge of all account streams, and the writers."""
import heapq
import json
import math
import os
import random

from .core import HOUR, MIN, NEW_MODEL, Acct, TsFmt, hexs, iso
from .net import Internet


class World:
    def __init__(self, seed, benign, hours):
        self.seed = int(seed)
        self.N = int(benign)
        self.H = float(hours)
        self.T = int(self.H * HOUR)
        r = self.rng('timeline')
        # a new model ships mid-window; the platform is briefly overloaded
        self.release = max(int(1.6 * HOUR), int(self.T * r.uniform(0.30, 0.55)))
        self.new_model = NEW_MODEL
        self.incidents = []
        for _ in range(r.choice((0, 1, 1, 2))):
            a = r.randint(0, self.T - 40 * MIN)
            self.incidents.append((a, a + r.randint(8, 35) * MIN, r.uniform(0.03, 0.12)))
        self.base529 = r.uniform(0.001, 0.003)
        self.base400 = r.uniform(0.002, 0.005)
        self.spike = r.uniform(0.03, 0.08)
        self.I = Internet()
        self._ids = set()
        self._idr = self.rng('ids')
        self._n = 0
        self.streams = []
        self.groups = {}
        self.group_order = []
        self.campaigns = {}
        self.camp_order = []
        self.acct_groups = []

    def rng(self, *parts):
        return random.Random('fjord|%d|%s' % (self.seed, '|'.join(str(p) for p in parts)))

    def uid(self, prefix, n):
        while True:
            s = prefix + hexs(self._idr, n)
            if s not in self._ids:
                self._ids.add(s)
                return s

    def group(self, name, kind):
        if name not in self.groups:
            self.groups[name] = kind
            self.group_order.append(name)
        return name

    def campaign(self, cid, kind, description):
        self.campaigns[cid] = {'kind': kind, 'description': description, 'accounts': []}
        self.camp_order.append(cid)
        return cid

    def acct(self, group=None, created=0, org=None, pay=None, nkeys=1, ua='', campaign=None,
             keys=None):
        self._n += 1
        rng = random.Random('fjord|%d|acct|%d' % (self.seed, self._n))
        aid = self.uid('acct_', 12)
        if keys is None:
            keys = [self.uid('key_', 10) for _ in range(nkeys)]
        a = Acct(self, aid, rng, group, campaign, org, created, pay, keys, ua)
        if campaign is not None:
            self.campaigns[campaign]['accounts'].append(aid)
        else:
            self.acct_groups.append((aid, group))
        return a

    def add(self, gen):
        self.streams.append(gen)

    def p529(self, t):
        p = self.base529
        d = t - self.release
        if 0 <= d < 3 * HOUR:
            p += self.spike * math.exp(-d / (40.0 * MIN))
        for a, b, q in self.incidents:
            if a <= t < b:
                p += q
        return p

    def status(self, rng, t, p429):
        r = rng.random()
        p = self.p529(t)
        if r < p:
            return 529
        r -= p
        if r < p429:
            return 429
        r -= p429
        if r < self.base400:
            return 400
        return 200


def run(seed, benign, hours, out_dir):
    from .benign import build_benign
    from .campaigns import build_campaigns
    W = World(seed, benign, hours)
    build_benign(W)
    build_campaigns(W)
    os.makedirs(out_dir, exist_ok=True)
    fmt = TsFmt()
    first = {}
    label = dict(W.acct_groups)
    for cid in W.camp_order:
        for aid in W.campaigns[cid]['accounts']:
            label[aid] = cid
    per_label = {}
    n = 0
    buf = []
    path = os.path.join(out_dir, 'events.jsonl')
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        for tc, aid, rest in heapq.merge(*W.streams):
            buf.append('{"ts":"%s",%s\n' % (fmt(tc), rest))
            if aid not in first:
                first[aid] = tc
                per_label.setdefault(label[aid], [0])
            n += 1
            per_label[label[aid]][0] += 1
            if len(buf) >= 20000:
                f.write(''.join(buf))
                buf.clear()
        f.write(''.join(buf))
    camp_accts = set()
    campaigns = {}
    camp_counts = {}
    for cid in W.camp_order:
        c = W.campaigns[cid]
        accts = [a for a in c['accounts'] if a in first]
        camp_accts.update(c['accounts'])
        if not accts:
            continue
        fs = {a: iso(first[a]) for a in accts}
        start = min(first[a] for a in accts)
        campaigns[cid] = {'kind': c['kind'], 'start': iso(start), 'accounts': accts,
                          'first_seen': fs, 'description': c['description']}
        camp_counts[cid] = len(accts)
    gcount = {g: 0 for g in W.group_order}
    for aid, g in W.acct_groups:
        if aid in first and aid not in camp_accts:
            gcount[g] += 1
    groups = {g: {'kind': W.groups[g], 'accounts': gcount[g]} for g in W.group_order if gcount[g]}
    benign_n = sum(gcount.values())
    truth = {'world': 'fjord', 'seed': W.seed, 'campaigns': campaigns,
             'benign_accounts': benign_n, 'benign_groups': groups}
    with open(os.path.join(out_dir, 'truth.json'), 'w', encoding='utf-8', newline='\n') as f:
        json.dump(truth, f, indent=1)
        f.write('\n')
    return {'events': n, 'benign_accounts': benign_n,
            'benign_groups': {g: v['accounts'] for g, v in groups.items()},
            'campaign_accounts': camp_counts,
            'campaign_kinds': {cid: c['kind'] for cid, c in campaigns.items()},
            'events_by_group': {k: per_label[k][0] for k in list(W.group_order) + list(W.camp_order)
                                if k in per_label},
            'release': iso(W.release)}
