"""Shared machinery of the fjord world: time, randomness, rhythms, SimHash,
task shapes, accounts and the request emitter."""
import bisect
import datetime
import hashlib
import math
import re

START = datetime.datetime(2026, 11, 17, 12, 0, 0, tzinfo=datetime.timezone.utc)
START_MS = int(START.timestamp()) * 1000
START_WEEKDAY = START.weekday()
START_H = START.hour + START.minute / 60.0
SEC, MIN, HOUR, DAY = 1000, 60000, 3600000, 86400000
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def iso(t):
    """RFC 3339 UTC with milliseconds for a time in ms relative to START."""
    ms = START_MS + int(t)
    s, r = divmod(ms, 1000)
    d = _EPOCH + datetime.timedelta(seconds=s)
    return '%04d-%02d-%02dT%02d:%02d:%02d.%03dZ' % (
        d.year, d.month, d.day, d.hour, d.minute, d.second, r)


class TsFmt:
    """Fast formatter for a (mostly) monotone stream of times."""
    __slots__ = ('sec', 'pre')

    def __init__(self):
        self.sec = None
        self.pre = ''

    def __call__(self, t):
        s, r = divmod(t, 1000)
        if s != self.sec:
            self.sec = s
            self.pre = iso(s * 1000)[:-5]
        return '%s.%03dZ' % (self.pre, r)


# ---------------------------------------------------------------- randomness

def lnorm(rng, med, sig):
    return med * math.exp(rng.gauss(0.0, sig))


def clip(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    lim = math.exp(-lam)
    k, p = 0, 1.0
    while True:
        p *= rng.random()
        if p <= lim:
            return k
        k += 1


def geom(rng, mean):
    """Geometric count >= 0 with the given mean."""
    if mean <= 0:
        return 0
    p = 1.0 / (1.0 + mean)
    return int(math.log(1.0 - rng.random()) / math.log(1.0 - p))


def hexs(rng, n):
    return '%0*x' % (n, rng.getrandbits(4 * n))


class WChoice:
    __slots__ = ('items', 'cum', 'total')

    def __init__(self, items, weights):
        self.items = list(items)
        c, acc = [], 0.0
        for w in weights:
            acc += w
            c.append(acc)
        self.cum = c
        self.total = acc

    def __call__(self, rng):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


def wpick(rng, pairs):
    return WChoice([a for a, _ in pairs], [w for _, w in pairs])(rng)


# ------------------------------------------------------------------ rhythms
# weight by local hour (0..23)
HUMAN = (0.22, 0.14, 0.08, 0.05, 0.04, 0.05, 0.09, 0.18, 0.36, 0.55, 0.70, 0.78,
         0.80, 0.82, 0.86, 0.88, 0.85, 0.76, 0.70, 0.74, 0.80, 0.72, 0.55, 0.36)
OFFICE = (0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.04, 0.12, 0.50, 0.90, 1.00, 0.95,
          0.70, 0.90, 1.00, 0.95, 0.85, 0.55, 0.22, 0.10, 0.07, 0.05, 0.04, 0.03)
STUDENT = (0.50, 0.40, 0.25, 0.12, 0.06, 0.04, 0.04, 0.08, 0.20, 0.45, 0.60, 0.65,
           0.60, 0.70, 0.75, 0.75, 0.70, 0.65, 0.60, 0.70, 0.85, 0.95, 0.90, 0.70)
FLAT = (1.0,) * 24
CURVES = {'human': HUMAN, 'office': OFFICE, 'student': STUDENT, 'flat': FLAT}


def local_hour(t, tz):
    return (t / HOUR + tz + START_H) % 24.0


def local_midnight(day, tz):
    """Relative ms of local midnight of START's local day + `day`."""
    return int((day * 24.0 - tz - START_H) * HOUR)


def curve_at(curve, tz, t, weekend=1.0):
    h = t / HOUR + tz + START_H
    day = math.floor(h / 24.0)
    hl = h - day * 24.0
    i = int(hl)
    f = hl - i
    w = curve[i] + (curve[(i + 1) % 24] - curve[i]) * f
    if weekend != 1.0 and (START_WEEKDAY + day) % 7 >= 5:
        w *= weekend
    return w


_HCACHE = {}


class Rhythm:
    """Activity weight w(t); `norm` is the mean daily weight of the base curve
    so that `per_day` rates mean sessions per ordinary day."""
    __slots__ = ('fn', 'wmax', 'norm', 'key', 'memo')

    def __init__(self, fn, wmax, norm, key=None):
        self.fn, self.wmax, self.norm, self.key = fn, wmax, norm, key
        self.memo = {}

    def hours(self, t0, t1):
        k = (self.key, t0, t1)
        cache = _HCACHE if self.key is not None else self.memo
        v = cache.get(k)
        if v is not None:
            return v
        step = 5 * MIN
        acc, t = 0.0, t0
        fn = self.fn
        while t < t1:
            d = min(step, t1 - t)
            acc += fn(t + d / 2) * d
            t += d
        v = acc / HOUR
        cache[k] = v
        return v

    def expected(self, per_day, t0, t1):
        return per_day / 24.0 * self.hours(t0, t1) / self.norm

    def sample(self, rng, n, t0, t1):
        out = []
        fn, wmax = self.fn, self.wmax
        tries = 0
        while len(out) < n:
            t = rng.uniform(t0, t1)
            tries += 1
            if rng.random() * wmax <= fn(t) or tries > 400 * n:
                out.append(int(t))
        out.sort()
        return out


def rhythm(curve_name, tz, weekend=1.0, floor=0.0):
    c = CURVES[curve_name]
    norm = sum(c) / 24.0
    if floor:
        fn = lambda t: floor + (1 - floor) * curve_at(c, tz, t, weekend)
        return Rhythm(fn, 1.0, floor + (1 - floor) * norm, (curve_name, tz, weekend, floor))
    fn = lambda t: curve_at(c, tz, t, weekend)
    return Rhythm(fn, max(c), norm, (curve_name, tz, weekend))


def custom_rhythm(base_name, tz, mult, mult_max, weekend=1.0):
    c = CURVES[base_name]
    norm = sum(c) / 24.0
    fn = lambda t: curve_at(c, tz, t, weekend) * mult(t)
    return Rhythm(fn, max(c) * mult_max, norm, None)


# ------------------------------------------------------------------ SimHash
_WORD = re.compile(r'[a-z0-9]+')
M64 = (1 << 64) - 1


def _h64(s):
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), 'big')


def text_simhash(text):
    """Real 64-bit SimHash of normalised text (word uni/bi-grams + char trigrams)."""
    toks = _WORD.findall(text.lower())
    norm = ' '.join(toks)
    feats = toks + [a + ' ' + b for a, b in zip(toks, toks[1:])]
    feats += [norm[i:i + 3] for i in range(max(1, len(norm) - 2))]
    v = [0] * 64
    for f in feats:
        h = _h64(f)
        for i in range(64):
            v[i] += 1 if (h >> i) & 1 else -1
    out = 0
    for i in range(64):
        if v[i] > 0:
            out |= 1 << i
    return out


def sys_hash(rng):
    return '"%016x"' % rng.getrandbits(64)


NULL = 'null'


class Template:
    """A prompt template with variable slots: variants flip a few bits, mostly
    in the positions the slots influence."""
    __slots__ = ('base', 'slots', 'kw')

    def __init__(self, rng, base=None, spread=None):
        self.base = rng.getrandbits(64) if base is None else base
        self.slots = rng.sample(range(64), rng.randint(8, 16))
        self.kw = spread or _FLIPS

    def variant(self, rng):
        k = self.kw(rng)
        m = 0
        if k:
            for b in rng.sample(self.slots, k):
                m |= 1 << b
        if rng.random() < 0.12:
            m ^= 1 << rng.randrange(64)
        return self.base ^ m


_FLIPS = WChoice(range(8), (6, 14, 22, 20, 15, 10, 8, 5))


def drift(rng, h, lo=1, hi=5):
    for b in rng.sample(range(64), rng.randint(lo, hi)):
        h ^= 1 << b
    return h


GREETING_TEXTS = (('hi', 30), ('hello', 25), ('test', 15), ('hey', 8), ('hi there', 6),
                  ('hello world', 5), ('testing', 5), ('ping', 3))
GREET = WChoice([text_simhash(t) for t, _ in GREETING_TEXTS], [w for _, w in GREETING_TEXTS])
VIRAL_TEXTS = (
    'how many r letters are in the word strawberry',
    'which is bigger 9.11 or 9.9',
    'write a haiku about the new model release',
    'what model are you and what is your knowledge cutoff',
    'solve this riddle a man pushes his car to a hotel and tells the owner he is bankrupt why',
    'implement a bouncing ball inside a rotating hexagon in python',
    'count the number of words in your next answer',
    'explain quantum entanglement to a five year old',
    'write a svg of a pelican riding a bicycle',
    'a farmer needs to cross a river with a wolf a goat and a cabbage',
    'what is the capital of australia answer in one word',
    'prove that there are infinitely many primes',
    'generate a minecraft clone in a single html file',
    'what happens if you drop a ball on the moon',
    'tell me a joke that no other ai has told',
    'reverse the string hello world without using code',
    'is 1001 a prime number',
    'list all us states that contain the letter z',
    'write a sonnet where every line starts with the letter s',
    'how many days between 2024 01 15 and 2026 11 17',
)
VIRAL = [text_simhash(t) for t in VIRAL_TEXTS]


# ------------------------------------------------------------------- tasks
CATS = ('chat', 'coding', 'reasoning', 'tool_use', 'writing', 'analysis', 'vision', 'other')
# in_med, in_sig, out_med, out_sig, cot_mu, cot_sd
CAT_P = {
    'chat': (160, 1.0, 280, 0.9, 0.05, 0.05),
    'coding': (1800, 1.1, 700, 0.9, 0.15, 0.12),
    'reasoning': (350, 0.9, 1100, 0.8, 0.45, 0.20),
    'tool_use': (5000, 1.0, 250, 0.8, 0.05, 0.05),
    'writing': (400, 1.0, 900, 0.8, 0.04, 0.05),
    'analysis': (3000, 1.1, 600, 0.8, 0.20, 0.12),
    'vision': (1600, 0.5, 350, 0.7, 0.05, 0.05),
    'other': (500, 1.2, 400, 1.0, 0.08, 0.08),
}


def fresh(rng, conv):
    return rng.getrandbits(64)


class TplPrompt:
    """Prompts drawn from templates with probability p, else fresh."""
    __slots__ = ('tpls', 'p')

    def __init__(self, tpls, p):
        self.tpls, self.p = tpls, p

    def __call__(self, rng, conv):
        if rng.random() < self.p:
            return rng.choice(self.tpls).variant(rng)
        return rng.getrandbits(64)


class BankPrompt:
    """An operator's task generator: a finite bank of prompts reused across
    the fleet, each occasionally re-rendered with small edits."""
    __slots__ = ('bank',)

    def __init__(self, rng, n):
        self.bank = [rng.getrandbits(64) for _ in range(n)]

    def __call__(self, rng, conv):
        h = rng.choice(self.bank)
        if rng.random() < 0.3:
            h = drift(rng, h, 1, 3)
        return h


class Mix:
    """A persona's task shape. Conversations: [cat, turn, ctx, tools, sysh, sh]."""

    def __init__(self, weights, cot_shift=0.0, cot_mult=1.0, cot_sd=None, think_p=0.1,
                 out_mult=1.0, in_mult=1.0, tools=(0.0, 0, 0), prompt=fresh, sysf=None,
                 follow_fresh=True, cot_fixed=None):
        items = [c for c in CATS if weights.get(c, 0) > 0]
        self.cat = WChoice(items, [weights[c] for c in items])
        self.cot_shift, self.cot_mult, self.cot_sd = cot_shift, cot_mult, cot_sd
        self.cot_fixed = cot_fixed  # per-cat (mu, sd) overrides
        self.think_p, self.out_mult, self.in_mult = think_p, out_mult, in_mult
        self.tools = tools
        self.prompt = prompt
        self.sysf = sysf
        self.follow_fresh = follow_fresh

    def new_conv(self, rng):
        cat = self.cat(rng)
        tp, tlo, thi = self.tools
        tools = 0
        if cat == 'tool_use':
            tools = rng.randint(max(1, tlo), max(2, thi, tlo + 1))
        elif tp and rng.random() < tp:
            tools = rng.randint(tlo, thi)
        sysh = self.sysf(rng) if self.sysf else NULL
        return [cat, 0, 0, tools, sysh, 0]

    def step(self, rng, conv):
        cat = conv[0]
        conv[1] += 1
        turn = conv[1]
        p = CAT_P[cat]
        user_in = lnorm(rng, p[0] * self.in_mult, p[1])
        inp = int(user_in + conv[2] + conv[3] * 320 + 12)
        if inp > 195000:
            inp = 195000 - rng.randint(0, 4000)
        thinking = rng.random() < self.think_p
        out = lnorm(rng, p[2] * self.out_mult, p[3])
        if thinking:
            out += lnorm(rng, 1400, 0.8)
        out = int(clip(out, 1, 32000))
        if self.cot_fixed and cat in self.cot_fixed:
            mu, sd = self.cot_fixed[cat]
        else:
            mu = p[4] * self.cot_mult + self.cot_shift
            sd = self.cot_sd if self.cot_sd is not None else p[5]
        cot = clip(rng.gauss(mu, sd), 0.0, 1.0)
        if turn == 1 or not self.follow_fresh:
            sh = self.prompt(rng, conv) if turn == 1 else drift(rng, conv[5], 2, 7)
        else:
            sh = rng.getrandbits(64)
        conv[5] = sh
        conv[2] += int(user_in + out * 0.8)
        return cat, inp, out, conv[3], 2 * turn - 1, thinking, cot, sh, conv[4]


# ------------------------------------------------------------------- models
NEW_MODEL = 'claude-sonnet-5'
SPEED = {'claude-haiku-4-5': (110, 190), 'claude-sonnet-4-5': (50, 90),
         'claude-opus-4-5': (30, 60), 'claude-sonnet-4': (50, 85), NEW_MODEL: (45, 85)}


def model_picker(W, rng, weights, adopt_p=0.25, delay_med=4 * HOUR, delay_sig=1.0,
                 share=(0.4, 0.95)):
    items = [m for m, _ in weights]
    wc = WChoice(items, [w for _, w in weights])
    adopt_t = None
    if rng.random() < adopt_p:
        adopt_t = W.release + int(lnorm(rng, delay_med, delay_sig))
    sh = rng.uniform(*share)
    if len(items) == 1 and adopt_t is None:
        m0 = items[0]
        return lambda r, t: m0

    def pick(r, t):
        if adopt_t is not None and t >= adopt_t and r.random() < sh:
            return NEW_MODEL
        return wc(r)
    return pick


def latency(rng, model, inp, out):
    lo, hi = SPEED[model]
    tps = rng.uniform(lo, hi)
    ttft = 180 + inp * 0.011 + lnorm(rng, 320, 0.5)
    return int(ttft + out * 1000.0 / tps)


# ----------------------------------------------------------------- accounts
SDK = (
    (('anthropic-python/0.75.0', 30), ('anthropic-python/0.74.1', 30), ('anthropic-python/0.72.0', 18),
     ('anthropic-python/0.69.0', 12), ('anthropic-python/0.64.0', 10)),
    (('anthropic-typescript/0.70.1', 45), ('anthropic-typescript/0.68.0', 35),
     ('anthropic-typescript/0.65.0', 20)),
    (('anthropic-go/1.14.0', 60), ('anthropic-go/1.12.0', 40)),
    (('anthropic-java/2.10.0', 60), ('anthropic-java/2.8.1', 40)),
    (('curl/8.5.0', 50), ('curl/8.11.1', 50)),
    (('python-requests/2.32.3', 70), ('python-httpx/0.28.1', 30)),
    (('litellm/1.57.2', 40), ('langchain-anthropic/0.3.12', 35), ('llama-index-llms-anthropic/0.6.3', 25)),
)
_SDKF = WChoice(range(len(SDK)), (45, 24, 4, 4, 3, 6, 14))
_SDKV = [WChoice([u for u, _ in f], [w for _, w in f]) for f in SDK]
OFFICIAL = (0, 1)


def sdk_ua(rng, families=None):
    f = _SDKF(rng) if families is None else rng.choice(families)
    return _SDKV[f](rng)


def err_latency(rng, st):
    if st == 429:
        return int(lnorm(rng, 70, 0.6)) + 5
    if st == 400:
        return int(lnorm(rng, 110, 0.5)) + 5
    return int(lnorm(rng, 900, 0.9)) + 20


class Acct:
    __slots__ = ('W', 'id', 'group', 'campaign', 'rng', 'frag', 'keys', 'ua', 'last',
                 'st', 'created')

    def __init__(self, W, aid, rng, group, campaign, org, created, pay, keys, ua):
        self.W, self.id, self.rng = W, aid, rng
        self.group, self.campaign = group, campaign
        self.created = created
        self.frag = '"account_id":"%s","org_id":%s,"account_created_at":"%s","payment_fingerprint":%s' % (
            aid, NULL if org is None else '"%s"' % org, iso(created),
            NULL if pay is None else '"%s"' % pay)
        self.keys = keys
        self.ua = ua
        self.last = 0
        self.st = 200

    def fire(self, t, net, model, cat, inp, out, tools, turns, thinking, cot, sh, sysh,
             stream, endpoint='messages', p429=0.004, start=True, lat=None, key=None, ua=None):
        """Emit one request started (start=True) or completed (start=False) at t.
        Returns (ts_ms, account_id, json_rest) or None past the window."""
        W, rng = self.W, self.rng
        st = W.status(rng, t, p429)
        self.st = st
        if st == 200:
            if lat is None:
                lat = latency(rng, model, inp, out)
        else:
            out = 0
            lat = err_latency(rng, st)
            if st == 400 and rng.random() < 0.3:
                inp = 0
        tc = t + lat if start else t
        if tc < self.last:
            tc = self.last
        if tc >= W.T:
            return None
        self.last = tc
        if key is None:
            ks = self.keys
            key = ks[0] if len(ks) == 1 or rng.random() < 0.6 else rng.choice(ks)
        s = '%032x' % rng.getrandbits(128)
        rest = ('"event_id":"%s-%s-4%s-%s%s-%s",%s,"api_key_id":"%s","client_ip":"%s","asn":%s,'
                '"country":%s,"user_agent":"%s","model":"%s","endpoint":"%s","status":%d,'
                '"input_tokens":%d,"output_tokens":%d,"latency_ms":%d,"stream":%s,"tool_count":%d,'
                '"turns":%d,"thinking":%s,"task_category":"%s","cot_elicitation":%.2f,'
                '"prompt_simhash":"%016x","system_prompt_hash":%s}') % (
            s[:8], s[8:12], s[13:16], '89ab'[int(s[16], 16) & 3], s[17:20], s[20:32],
            self.frag, key, net[0], net[1], net[2], ua or self.ua, model, endpoint, st,
            inp, out, lat, 'true' if stream else 'false', tools, turns,
            'true' if thinking else 'false', cat, cot, sh, sysh)
        return (tc, self.id, rest)

    def lane(self, i):
        """Another time-ordered stream of the same account (a second pipeline,
        key or worker): same identity, own clock and RNG."""
        b = Acct.__new__(Acct)
        for f in Acct.__slots__:
            setattr(b, f, getattr(self, f))
        b.rng = type(self.rng)('fjord|%d|%s|lane|%d' % (self.W.seed, self.id, i))
        b.last = 0
        b.st = 200
        return b

    def greet(self, t, net, model, stream=False, ua=None):
        rng = self.rng
        return self.fire(t, net, model, 'chat', int(lnorm(rng, 14, 0.3)), int(lnorm(rng, 22, 0.5)) + 3,
                         0, 1, False, clip(rng.gauss(0.01, 0.01), 0, 1), GREET(rng), NULL,
                         stream, ua=ua)


# ------------------------------------------------------------ human streams
class HP:
    """Parameters of a human-paced session stream."""
    __slots__ = ('rh', 'spd', 'rps', 'think', 'net', 'model', 'mix', 'stream_p', 'p429',
                 't0', 't1', 'force', 'greet_p', 'newconv_p', 'n_sessions', 'endpoint')

    def __init__(self, **kw):
        self.greet_p = 0.0
        self.newconv_p = 0.25
        self.n_sessions = None
        self.force = True
        self.p429 = 0.004
        self.endpoint = 'messages'
        self.think = (45000, 0.9)
        for k, v in kw.items():
            setattr(self, k, v)


def human_stream(W, a, hp):
    rng = a.rng
    t0, t1 = hp.t0, hp.t1
    if t1 <= t0:
        return
    n = hp.n_sessions
    if n is None:
        n = poisson(rng, hp.rh.expected(hp.spd, t0, t1))
    if n == 0 and hp.force:
        n = 1
    if n == 0:
        return
    times = hp.rh.sample(rng, n, t0, t1)
    first = True
    tmed, tsig = hp.think
    mix, model, netf = hp.mix, hp.model, hp.net
    for s in times:
        t = s if s > a.last else a.last + int(lnorm(rng, 90000, 0.8))
        nreq = 1 + geom(rng, hp.rps - 1)
        conv = None
        new = True
        k = 0
        while k < nreq:
            k += 1
            net = netf(rng, t, new)
            new = False
            if first and hp.greet_p and rng.random() < hp.greet_p:
                e = a.greet(t, net, model(rng, t), rng.random() < hp.stream_p)
                first = False
                if e is None:
                    return
                yield e
                t = e[0] + int(lnorm(rng, 20000, 0.8))
                continue
            first = False
            if conv is None or rng.random() < hp.newconv_p:
                conv = mix.new_conv(rng)
            cat, inp, out, tools, turns, thinking, cot, sh, sysh = mix.step(rng, conv)
            m = model(rng, t)
            st = rng.random() < hp.stream_p
            e = a.fire(t, net, m, cat, inp, out, tools, turns, thinking, cot, sh, sysh, st,
                       hp.endpoint, hp.p429)
            if e is None:
                return
            yield e
            if a.st != 200 and rng.random() < 0.7:
                # client retries the same prompt shortly
                t = e[0] + int(lnorm(rng, 2500, 0.9))
                e = a.fire(t, net, m, cat, inp, out, tools, turns, thinking, cot, sh, sysh, st,
                           hp.endpoint, hp.p429 * 0.5)
                if e is None:
                    return
                yield e
            t = e[0] + int(lnorm(rng, tmed, tsig))
