"""World state, accounts and the event emitter (input contract of topic api-requests)."""
import json
import math
import random

from .util import START_MS, HOUR, MIN, DAY, Ids, WChoice, fmt_ts, lognorm
from . import net

NEW_MODEL = 'claude-opus-5'
# model -> (output tokens / s, median time to first token ms, max output tokens)
MODELS = {
    'claude-haiku-4-5': (165.0, 420.0, 64000),
    'claude-sonnet-4-5': (72.0, 950.0, 64000),
    'claude-sonnet-5': (84.0, 820.0, 64000),
    'claude-opus-4-1': (36.0, 1900.0, 32000),
    'claude-opus-4-5': (52.0, 1450.0, 64000),
    'claude-opus-5': (47.0, 1650.0, 64000),
}
BASE_MODELS = WChoice([('claude-sonnet-5', 44), ('claude-haiku-4-5', 24), ('claude-opus-4-5', 13),
                       ('claude-sonnet-4-5', 16), ('claude-opus-4-1', 3)])

_PY = [('0.76.0', 14), ('0.75.0', 16), ('0.74.1', 13), ('0.74.0', 6), ('0.73.0', 8), ('0.72.1', 7),
       ('0.71.0', 6), ('0.69.0', 5), ('0.68.2', 4), ('0.66.0', 3), ('0.64.0', 3), ('0.60.0', 2), ('0.51.0', 2),
       ('0.49.0', 1)]
_TS = [('0.71.2', 14), ('0.71.0', 10), ('0.70.1', 12), ('0.69.0', 9), ('0.68.0', 9), ('0.67.0', 6),
       ('0.65.0', 5), ('0.62.0', 4), ('0.60.0', 3), ('0.56.0', 2), ('0.52.0', 2)]
_GO = [('1.17.0', 5), ('1.16.0', 4), ('1.14.0', 3), ('1.12.0', 2), ('1.10.0', 1)]
_JAVA = [('2.10.0', 4), ('2.9.0', 4), ('2.7.0', 2), ('2.5.0', 1)]
PY_VER = WChoice(_PY)
TS_VER = WChoice(_TS)
UA_FAMILY = WChoice([('py', 46), ('ts', 25), ('go', 4), ('java', 3), ('ruby', 1), ('curl', 5), ('requests', 3.5),
                     ('httpx', 3), ('aisdk', 3.5), ('litellm', 3), ('okhttp', 1), ('dotnet', 1), ('php', 1)])


def benign_ua(rng, fam=None):
    fam = fam or UA_FAMILY.pick(rng)
    if fam == 'py':
        return 'anthropic-python/' + PY_VER.pick(rng)
    if fam == 'ts':
        return 'anthropic-typescript/' + TS_VER.pick(rng)
    if fam == 'go':
        return 'anthropic-sdk-go/' + WChoice(_GO).pick(rng)
    if fam == 'java':
        return 'anthropic-java/' + WChoice(_JAVA).pick(rng)
    if fam == 'ruby':
        return 'anthropic-ruby/1.%d.0' % rng.choice([8, 9, 10, 12])
    if fam == 'curl':
        return 'curl/8.%d.%d' % rng.choice([(5, 0), (7, 1), (9, 1), (11, 0), (11, 1), (12, 1), (4, 0)])
    if fam == 'requests':
        return 'python-requests/2.32.%d' % rng.choice([3, 3, 4, 5])
    if fam == 'httpx':
        return 'python-httpx/0.%s' % rng.choice(['28.1', '28.1', '27.2', '27.0'])
    if fam == 'aisdk':
        return 'ai-sdk/anthropic/2.0.%d' % rng.choice([17, 22, 30, 35, 41])
    if fam == 'litellm':
        return 'litellm/1.%d.%d' % rng.choice([(77, 5), (78, 0), (79, 1), (80, 2), (74, 9)])
    if fam == 'okhttp':
        return 'okhttp/4.12.0'
    if fam == 'dotnet':
        return 'Anthropic.SDK/5.%d.0' % rng.choice([4, 5, 6])
    return 'GuzzleHttp/7'


class Acct:
    __slots__ = ('id', 'org', 'created', 'pay', 'keys', 'country', 'tz', 'ua', 'home', 'group', 'kind',
                 'model', 'x')

    def __init__(self):
        self.x = {}


class World:
    def __init__(self, seed, benign, hours):
        self.seed = seed
        self.B = benign
        self.H = hours
        self.start = START_MS
        self.end = START_MS + int(hours * HOUR)
        if hours >= 7:
            self.release = START_MS + 5 * HOUR
        else:
            self.release = START_MS + int(0.6 * hours * HOUR) // MIN * MIN
        self.master = random.Random(seed)
        self.ids = Ids(random.Random(self.master.getrandbits(64)))
        self.erng = random.Random(self.master.getrandbits(64))
        self.pools = net.Pools(random.Random(self.master.getrandbits(64)))
        self.rows = []
        self.seq = 0
        self.nev = {}
        self.first = {}
        self.accounts = []

    def sub(self):
        return random.Random(self.master.getrandbits(64))

    # ------------------------------------------------------------ accounts
    def acct(self, rng, group, kind, created, country=None, pay=True, org=None, nkeys=1, ua=None, tz=None):
        a = Acct()
        a.id = self.ids.make('acct_', 12)
        a.org = org
        a.created = int(created)
        if pay is True:
            a.pay = self.ids.make('pm_', 16)
        elif pay:
            a.pay = pay
        else:
            a.pay = None
        a.keys = [self.ids.make('key_', 10) for _ in range(nkeys)]
        a.country = country or net.COUNTRIES.pick(rng)
        a.tz = tz if tz is not None else net.tz_of(rng, a.country)
        a.ua = ua or benign_ua(rng)
        a.home = None
        a.group = group
        a.kind = kind
        a.model = None
        self.accounts.append(a)
        return a

    def created_before(self, rng, lo_days, hi_days, log=True):
        """A creation time between hi_days and lo_days before the window start."""
        if log:
            d = math.exp(math.log(lo_days) + rng.random() * (math.log(hi_days) - math.log(lo_days)))
        else:
            d = lo_days + rng.random() * (hi_days - lo_days)
        return self.start - int(d * DAY) - int(rng.random() * 1000)

    # ------------------------------------------------------------ events
    def emit(self, rng, a, t0, model, cat, itok, otok, cot, sh, netw, think=False, stream=False, tools=0,
             turns=1, sysh=None, endpoint='messages', key=None, ua=None, p429=0.0, p400=0.004, p529=0.004):
        """Emit one completed request started at t0; returns its completion time."""
        spd, ttft, mx = MODELS[model]
        if model == NEW_MODEL and t0 < self.release + 3 * HOUR:
            p529 += 0.02
            spd *= 0.85
            ttft *= 1.3
        if otok > mx:
            otok = mx
        r = rng.random()
        status = 200
        if r < p429:
            status = 429
        elif r < p429 + p400:
            status = 400
        elif r < p429 + p400 + p529:
            status = 529
        elif r < p429 + p400 + p529 + 0.0007:
            status = 500
        if status == 200:
            if endpoint == 'count_tokens':
                otok = 0
                lat = 25 + rng.random() * 160 + itok * 0.001
                stream = False
            else:
                lat = (ttft * math.exp(0.35 * rng.gauss(0.0, 1.0)) + itok * 0.011 +
                       otok * 1000.0 / (spd * math.exp(0.16 * rng.gauss(0.0, 1.0))))
                if endpoint == 'batch':
                    lat += lognorm(rng, 150000, 0.9)
        else:
            otok = 0
            if status == 429:
                lat = 12 + rng.random() * 70
                itok = 0
            elif status == 400:
                lat = 18 + rng.random() * 180
            elif status == 529:
                lat = 250 + rng.random() * 6000
            else:
                lat = 800 + rng.random() * 25000
        ts = t0 + int(lat)
        if ts >= self.end or t0 < self.start:
            return ts
        if endpoint == 'batch':
            stream = False
        aid = a.id
        d = {'event_id': self.ids.uuid(), 'ts': fmt_ts(ts), 'account_id': aid, 'org_id': a.org,
             'api_key_id': key or a.keys[0], 'account_created_at': fmt_ts(a.created),
             'payment_fingerprint': a.pay, 'client_ip': netw[0], 'asn': netw[1], 'country': netw[2],
             'user_agent': ua or a.ua, 'model': model, 'endpoint': endpoint, 'status': status,
             'input_tokens': int(itok), 'output_tokens': int(otok), 'latency_ms': int(lat), 'stream': stream,
             'tool_count': tools, 'turns': turns, 'thinking': think, 'task_category': cat,
             'cot_elicitation': round(cot if cot < 1.0 else 1.0, 2), 'prompt_simhash': sh,
             'system_prompt_hash': sysh}
        self.seq += 1
        self.rows.append((ts, self.seq, json.dumps(d, separators=(',', ':'))))
        n = self.nev.get(aid)
        if n is None:
            self.nev[aid] = 1
            self.first[aid] = ts
        else:
            self.nev[aid] = n + 1
            if ts < self.first[aid]:
                self.first[aid] = ts
        return ts
