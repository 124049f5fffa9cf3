"""World context and the shared event builder."""
import math
import random
from collections import deque

from .simhash import simhash
from .util import HOUR, MINUTE, fmt_ts, uuid4, cumw, wchoice

HAIKU = 'claude-haiku-4-5'
HAIKU_D = 'claude-haiku-4-5-20251001'
SONNET = 'claude-sonnet-4-5'
SONNET_D = 'claude-sonnet-4-5-20250929'
OPUS = 'claude-opus-4-5'
OPUS_D = 'claude-opus-4-5-20251101'
OLD_HAIKU = 'claude-3-5-haiku-20241022'
OLD_SONNET = 'claude-sonnet-4-20250514'
OLD_OPUS = 'claude-opus-4-1-20250805'
NEW = 'claude-opus-5'
NEW_D = 'claude-opus-5-20261117'
NEW_MODELS = (NEW, NEW_D)

# (time to first token ms, output tokens per second)
PERF = {HAIKU: (380, 165), HAIKU_D: (380, 165), OLD_HAIKU: (450, 115),
        SONNET: (850, 72), SONNET_D: (850, 72), OLD_SONNET: (900, 68),
        OPUS: (1450, 46), OPUS_D: (1450, 46), OLD_OPUS: (1700, 38),
        NEW: (1250, 55), NEW_D: (1250, 55)}

OUT_BY_CAT = {'chat': (170, 0.85), 'writing': (620, 0.7), 'coding': (750, 0.9),
              'reasoning': (850, 0.8), 'analysis': (600, 0.8), 'tool_use': (260, 0.8),
              'vision': (320, 0.6), 'other': (220, 0.9)}


def model_mix(pairs):
    """[(model, weight), ...] -> (models, cum)"""
    return [m for m, _ in pairs], cumw([w for _, w in pairs])


MIX_GENERAL = model_mix([(SONNET, 50), (SONNET_D, 8), (HAIKU, 18), (HAIKU_D, 3), (OPUS, 12),
                         (OPUS_D, 2), (OLD_HAIKU, 3), (OLD_SONNET, 3), (OLD_OPUS, 1)])
MIX_CHEAP = model_mix([(HAIKU, 45), (HAIKU_D, 5), (SONNET, 35), (OLD_HAIKU, 10), (SONNET_D, 5)])
MIX_DEV = model_mix([(SONNET, 60), (SONNET_D, 10), (OPUS, 18), (HAIKU, 8), (OLD_SONNET, 4)])
MIX_STRONG = model_mix([(OPUS, 55), (SONNET, 35), (OPUS_D, 5), (OLD_OPUS, 5)])


class Ctx:
    def __init__(self, seed, start_ms, hours):
        self.seed = seed
        self.start = start_ms
        self.end = start_ms + int(round(hours * HOUR))
        self.hours = hours
        r = random.Random('%s/ctx' % seed)
        span = self.end - self.start
        self.release = self.start + int(span * r.uniform(0.32, 0.42))
        # a partial outage of one model family somewhere in the back half
        a = self.start + int(span * r.uniform(0.55, 0.85))
        self.incident = (a, a + int(r.uniform(7, 16) * MINUTE))
        self.incident_models = (SONNET, SONNET_D, OLD_SONNET)

    def at(self, frac):
        return self.start + int((self.end - self.start) * frac)

    def p529(self, ts, model):
        p = 0.0012
        if model in NEW_MODELS:
            d = ts - self.release
            if 0 <= d < 50 * MINUTE:
                p += 0.16 * (1.0 - d / (50 * MINUTE))
        if self.incident[0] <= ts < self.incident[1] and model in self.incident_models:
            p += 0.25
        return p


class Actor:
    """One billing account and its traffic."""
    benign = True

    def __init__(self, ctx, rng, acct, org, created_ms, payment, keys, ua, net,
                 rpm=None, key_w=None):
        self.ctx = ctx
        self.rng = rng
        self.acct = acct
        self.org = org
        self.created_ms = created_ms
        self.created_s = fmt_ts(created_ms)
        self.payment = payment
        self.keys = keys
        self.key_cum = cumw(key_w) if key_w else None
        self.ua = ua
        self.net = net
        self.recent = deque(maxlen=rpm) if rpm else None
        self.p429 = 0.0
        self.p400 = 0.004
        self.tool_tok = rng.randint(150, 320)
        self.think_med = 1400
        self.adopt_at = None
        self.adopt_p = 0.0
        self.newm = NEW if rng.random() < 0.85 else NEW_D
        self.used_new = False
        self.plan = []
        self.ptr = 0
        self.group = None
        self.n_events = 0

    # ------------------------------------------------------------- helpers
    def t_begin(self, lead_ms=60_000):
        return max(self.ctx.start, self.created_ms + lead_ms)

    def key(self):
        if len(self.keys) == 1:
            return self.keys[0]
        if self.key_cum:
            return wchoice(self.rng, self.keys, self.key_cum)
        return self.keys[self.rng.randrange(len(self.keys))]

    def model(self, ts, mix):
        rng = self.rng
        if self.adopt_at is not None and ts >= self.adopt_at and rng.random() < self.adopt_p:
            return self.newm
        return wchoice(rng, mix[0], mix[1])

    def ensure_plan(self, spec_fn):
        """Guarantee at least one event inside the window."""
        if not self.plan:
            t0 = self.t_begin()
            t = t0 + int(self.rng.random() * max(1, self.ctx.end - t0 - 1))
            self.plan = [(min(t, self.ctx.end - 1), spec_fn())]

    def schedule(self):
        raise NotImplementedError

    def emit(self, ts, spec):
        raise NotImplementedError

    # --------------------------------------------------------- the builder
    def ev(self, ts, model, cat, toks, cot, sph=None, sp_tok=0, tools=0, turns=1, hist=0,
           thinking=False, out=None, stream=False, endpoint='messages', key=None, ep=None,
           ua=None, extra_in=0, queue_ms=0, lat_fixed=None):
        rng = self.rng
        ctx = self.ctx
        nt = len(toks)
        itok = int(nt * (1.22 + 0.25 * rng.random())) + 4 + sp_tok + hist + extra_in
        if tools:
            itok += tools * self.tool_tok + rng.randint(0, 30 * tools)
        if cat == 'vision':
            itok += rng.randint(700, 1700)
        if itok > 199_000:
            itok = 199_000 - rng.randint(0, 4000)
        st = 200
        dq = self.recent
        limited = False
        if dq is not None:
            if len(dq) == dq.maxlen and ts - dq[0] < 60_000:
                limited = True
            dq.append(ts)
        r = rng.random()
        if limited and r < 0.75:
            st = 429
        else:
            r = rng.random()
            p = self.p429
            if r < p:
                st = 429
            else:
                p += self.p400
                if r < p:
                    st = 413 if itok > 150_000 else 400
                else:
                    p += ctx.p529(ts, model)
                    if r < p:
                        st = 529
                    elif r < p + 0.0007:
                        st = 500
        if model in NEW_MODELS:
            self.used_new = True
            if ts < ctx.release:
                st = 404
        if st == 200 and endpoint == 'count_tokens':
            out = 0
            thinking = False
            stream = False
            lat = rng.randint(35, 420)
        elif st == 200:
            if out is None:
                m, s = OUT_BY_CAT.get(cat, (250, 0.8))
                out = int(m * math.exp(s * rng.gauss(0.0, 1.0)))
            if thinking:
                out += int(self.think_med * math.exp(0.8 * rng.gauss(0.0, 1.0)))
                if out > 64_000:
                    out = 64_000 - rng.randint(0, 3000)
            elif out > 32_000:
                out = 32_000 - rng.randint(0, 2000)
            if out < 1:
                out = 1
            ttft, tps = PERF.get(model, (900, 70))
            lat = ttft * (0.6 + 0.9 * rng.random()) + itok * 0.012 \
                + out * 1000.0 / tps * math.exp(0.22 * rng.gauss(0.0, 1.0))
            if endpoint == 'batch':
                lat += queue_ms if queue_ms else 60_000 * math.exp(1.2 * rng.gauss(0.0, 1.0))
            lat = int(lat) if lat_fixed is None else int(lat_fixed)
        else:
            out = 0
            if st == 429:
                lat = rng.randint(8, 90)
                itok = 0
            elif st in (400, 413, 404):
                lat = rng.randint(25, 320)
                itok = 0
            elif st == 529:
                lat = int(300 + 4000 * rng.random() ** 2)
            else:
                lat = rng.randint(900, 30_000)
        if ep is None:
            ep = self.net.pick(rng, ts)
        self.n_events += 1
        return {
            'event_id': uuid4(rng),
            'ts': fmt_ts(ts),
            'account_id': self.acct,
            'org_id': self.org,
            'api_key_id': key or self.key(),
            'account_created_at': self.created_s,
            'payment_fingerprint': self.payment,
            'client_ip': ep[0],
            'asn': ep[1],
            'country': ep[2],
            'user_agent': ua or self.ua,
            'model': model,
            'endpoint': endpoint,
            'status': st,
            'input_tokens': itok,
            'output_tokens': out,
            'latency_ms': lat,
            'stream': stream,
            'tool_count': tools,
            'turns': turns,
            'thinking': thinking,
            'task_category': cat,
            'cot_elicitation': round(0.0 if cot < 0 else 1.0 if cot > 1 else cot, 2),
            'prompt_simhash': simhash(toks),
            'system_prompt_hash': sph,
        }


def cot_for(rng, cat):
    """Typical cot_elicitation of an ordinary prompt of a category."""
    u = rng.random()
    if cat == 'reasoning':
        return 0.15 + 0.55 * u
    if cat in ('coding', 'analysis'):
        return 0.02 + 0.3 * u * u
    if cat == 'tool_use':
        return 0.08 * u
    return 0.18 * u * u * u
