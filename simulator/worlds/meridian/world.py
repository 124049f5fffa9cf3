"""The meridian engine: accounts, the gateway's view of one request, and a
windowed heap merge that streams events to disk in event-time order."""
import bisect
import heapq
import json
import math
import random

from .clock import START_MS, fmt_ms, fmt_rel_s
from .network import Network
from .prompts import MSPT, NEW_MODEL, TTFT

# Provider rate-limit tiers: (requests per minute, request burst, input tokens per minute)
TIERS = {'free': (20.0, 6.0, 50000.0), 't1': (50.0, 12.0, 200000.0), 't2': (400.0, 60.0, 800000.0),
         't3': (1000.0, 150.0, 2000000.0), 't4': (4000.0, 600.0, 8000000.0)}

LINE = ('{"event_id":"%s-%s-4%s-%s%s-%s","ts":"%s",%s,"api_key_id":"%s",%s,"user_agent":%s,'
        '"model":"%s","endpoint":"%s","status":%d,"input_tokens":%d,"output_tokens":%d,'
        '"latency_ms":%d,"stream":%s,"tool_count":%d,"turns":%d,"thinking":%s,'
        '"task_category":"%s","cot_elicitation":%.2f,"prompt_simhash":"%016x","system_prompt_hash":%s}')

WINDOW = 300.0
_VAR = {c: '89ab'[int(c, 16) & 3] for c in '0123456789abcdef'}


class Account:
    __slots__ = ('idx', 'id', 'group', 'campaign', 'static', 'ua', 'keys', 'key',
                 'rl_tok', 'rl_last', 'rl_rate', 'rl_cap', 'it_tok', 'it_rate', 'it_cap', 'p400', 'created')


class World:
    def __init__(self, seed, benign, hours):
        self.seed = int(seed)
        self.B = int(benign)
        self.H = float(hours)
        self.rng = random.Random(self.seed * 1000003 + 7717)
        self.random = self.rng.random
        self.getrandbits = self.rng.getrandbits
        self.end = self.H * 3600.0
        self.net = Network(self.rng)
        self.accounts = []
        self.actors = []
        self.buf = []
        self.seq = 0
        self.n_events = 0
        self._ids = set()
        self.groups = {}       # group name -> kind (benign)
        self.campaigns = {}    # campaign id -> {kind, description}
        rng = self.rng
        # A new model is released a little into the run (>= 1.5 h so there is benign history).
        lo = max(1.5, 0.2 * self.H)
        hi = max(2.5, 0.45 * self.H)
        self.release = min(3600.0 * rng.uniform(lo, hi), 0.8 * self.end)
        self._overload()

    # ------------------------------------------------------------ helpers
    def uid(self, prefix, nhex):
        while True:
            s = '%s%0*x' % (prefix, nhex, self.getrandbits(4 * nhex))
            if s not in self._ids:
                self._ids.add(s)
                return s

    def sph(self):
        """A fresh system-prompt hash, JSON-encoded."""
        return '"%016x"' % self.getrandbits(64)

    def expo(self, rate):
        return self.rng.expovariate(rate)

    def _overload(self):
        """Per-minute probability of 529 for existing models and for the new model."""
        rng = self.rng
        n = int(self.end / 60) + 24 * 60
        old = [0.002] * n
        new = [0.0] * n
        eps = max(1, int(round(rng.uniform(1.5, 3.0) * self.H / 8.0)))
        for _ in range(eps):
            s = int(rng.uniform(0, self.end / 60))
            d = rng.randint(8, 45)
            p = rng.uniform(0.03, 0.12)
            for i in range(s, min(n, s + d)):
                old[i] += p
        r = int(self.release / 60)
        tau = rng.uniform(60, 150)
        peak = rng.uniform(0.04, 0.10)
        for i in range(n):
            new[i] = old[i] + (peak * math.exp(-(i - r) / tau) if i >= r else 0.0)
        self.ov_old = old
        self.ov_new = new
        self.ov_n = n

    # ------------------------------------------------------------ accounts
    def account(self, group, created, *, campaign=None, org=None, payment=None, tier='t1',
                ua='anthropic-python/0.74.1', nkeys=1, p400=0.004):
        a = Account()
        a.idx = len(self.accounts)
        a.id = self.uid('acct_', 12)
        a.group = group
        a.campaign = campaign
        a.created = created
        a.static = '"account_id":"%s","org_id":%s,"account_created_at":"%s","payment_fingerprint":%s' % (
            a.id, 'null' if org is None else '"%s"' % org, fmt_rel_s(created),
            'null' if payment is None else '"%s"' % payment)
        a.ua = json.dumps(ua)
        a.keys = [self.uid('key_', 10) for _ in range(max(1, nkeys))]
        a.key = a.keys[0]
        rpm, cap, itpm = TIERS[tier]
        a.rl_rate = rpm / 60.0
        a.rl_cap = cap
        a.rl_tok = cap
        a.it_rate = itpm / 60.0
        a.it_cap = itpm / 2.0
        a.it_tok = a.it_cap
        a.rl_last = -1e9
        a.p400 = p400
        self.accounts.append(a)
        return a

    def card(self):
        return self.uid('pm_', 16)

    def org(self):
        return self.uid('org_', 10)

    def add(self, actor):
        self.actors.append(actor)
        return actor

    # ------------------------------------------------------------ one request
    def req(self, a, t, net, model, endpoint, task, itok, otok, stream, tools, turns, thinking,
            cot, sh, sph, key=None):
        """Send one request for account `a` starting at world time t.
        Returns (completion time, status)."""
        rnd = self.random
        tok = a.rl_tok
        itk = a.it_tok
        el = t - a.rl_last
        if el > 0.0:
            tok += el * a.rl_rate
            if tok > a.rl_cap:
                tok = a.rl_cap
            itk += el * a.it_rate
            if itk > a.it_cap:
                itk = a.it_cap
            a.rl_last = t
        r = rnd()
        if tok < 1.0 or itk < itok:
            if itk < itok:
                itk += 0.5 * itok  # partial credit so one huge prompt does not starve the key
            status = 429
            otok = 0
            lat = 15.0 + 160.0 * rnd()
        else:
            tok -= 1.0
            itk -= itok
            if r < a.p400:
                status = 400
                otok = 0
                lat = 30.0 + 300.0 * rnd()
            else:
                i = int(t / 60.0)
                if i >= self.ov_n:
                    i = self.ov_n - 1
                ov = self.ov_new[i] if model == NEW_MODEL else self.ov_old[i]
                if r < a.p400 + ov:
                    status = 529
                    otok = 0
                    lat = 300.0 + 7000.0 * rnd() * rnd()
                else:
                    status = 200
                    lat = TTFT[model] * (0.5 + rnd()) + otok * MSPT[model] * (0.7 + 0.6 * rnd()) + itok * 0.003
                    if endpoint == 'batch':
                        lat += 20000.0 + 900000.0 * rnd() * rnd()
        a.rl_tok = tok
        a.it_tok = itk
        te = t + lat / 1000.0
        ms = int(te * 1000.0)
        self.seq += 1
        h = '%032x' % self.getrandbits(128)
        if cot > 1.0:
            cot = 1.0
        elif cot < 0.0:
            cot = 0.0
        line = LINE % (h[:8], h[8:12], h[13:16], _VAR[h[16]], h[17:20], h[20:], fmt_ms(START_MS + ms), a.static,
                       key or a.key, net, a.ua, model, endpoint, status, itok, otok, int(lat),
                       'true' if stream else 'false', tools, turns, 'true' if thinking else 'false',
                       task, cot, sh, sph)
        self.buf.append((ms, self.seq, a.idx, line))
        return te, status

    # ------------------------------------------------------------ the merge
    def _flush(self, f, upto, final=False):
        buf = self.buf
        buf.sort()
        lim = int(upto * 1000.0)
        k = bisect.bisect_left(buf, (lim,))
        out = buf[:k]
        self.buf = [] if final else buf[k:]
        if not out:
            return
        first = self.first
        for e in out:
            if first[e[2]] is None:
                first[e[2]] = e[0]
        self.n_events += len(out)
        f.write('\n'.join([e[3] for e in out]))
        f.write('\n')

    def run(self, path):
        self.first = [None] * len(self.accounts)
        end = self.end
        actors = self.actors
        heap = [(ac.t0, i) for i, ac in enumerate(actors) if ac.t0 is not None and ac.t0 < end]
        heapq.heapify(heap)
        wend = WINDOW
        with open(path, 'w', encoding='utf-8', newline='\n') as f:
            while heap:
                t, i = heap[0]
                if t >= end:
                    break
                if t >= wend:
                    self._flush(f, wend)
                    wend = (t // WINDOW + 1.0) * WINDOW
                    continue
                nt = actors[i].step(t)
                if nt is None or nt >= end:
                    heapq.heappop(heap)
                else:
                    if nt < t:
                        nt = t
                    heapq.heapreplace(heap, (nt, i))
            self._flush(f, end, final=True)

    # ------------------------------------------------------------ truth
    def truth(self):
        first = self.first
        camps = {}
        for cid, meta in self.campaigns.items():
            camps[cid] = {'kind': meta['kind'], 'start': None, 'accounts': [], 'first_seen': {},
                          'description': meta['description']}
        groups = {g: 0 for g in self.groups}
        benign_active = 0
        for a in self.accounts:
            ms = first[a.idx]
            if ms is None:
                continue
            if a.campaign is not None:
                c = camps[a.campaign]
                c['accounts'].append((ms, a.id))
            else:
                benign_active += 1
                groups[a.group] += 1
        for cid, c in camps.items():
            lst = sorted(c['accounts'])
            c['accounts'] = [aid for _, aid in lst]
            c['first_seen'] = {aid: fmt_ms(START_MS + ms) for ms, aid in lst}
            c['start'] = fmt_ms(START_MS + lst[0][0]) if lst else None
        camps = {cid: c for cid, c in camps.items() if c['accounts']}
        return {
            'world': 'meridian',
            'seed': self.seed,
            'campaigns': camps,
            'benign_accounts': benign_active,
            'benign_groups': {g: {'kind': self.groups[g], 'accounts': n} for g, n in groups.items()},
        }
