"""Prompt-side vocabulary: SimHash families, greetings, task token shapes, models, user agents."""
import bisect
import hashlib
import math

TASKS = ['chat', 'coding', 'reasoning', 'tool_use', 'writing', 'analysis', 'vision', 'other']

# (input median, input sigma, output median, output sigma) per task, successful requests.
TOK = {
    'chat': (120, 1.0, 220, 0.8),
    'coding': (900, 1.1, 650, 0.9),
    'reasoning': (260, 0.9, 900, 0.8),
    'tool_use': (2500, 1.0, 260, 0.9),
    'writing': (350, 1.0, 800, 0.7),
    'analysis': (1800, 1.1, 600, 0.8),
    'vision': (1500, 0.5, 280, 0.7),
    'other': (180, 1.0, 200, 0.9),
}
TOK_LOG = {k: (math.log(a), b, math.log(c), d) for k, (a, b, c, d) in TOK.items()}

# cot_elicitation (lo, span) per task; "stepwise" personas ask for worked reasoning.
COT = {
    'chat': (0.0, 0.15), 'coding': (0.02, 0.28), 'reasoning': (0.30, 0.50), 'tool_use': (0.0, 0.12),
    'writing': (0.0, 0.15), 'analysis': (0.10, 0.35), 'vision': (0.0, 0.10), 'other': (0.0, 0.20),
}
COT_STEP = dict(COT)
COT_STEP.update({'reasoning': (0.55, 0.40), 'coding': (0.30, 0.45), 'analysis': (0.35, 0.45),
                 'writing': (0.05, 0.30)})

# ------------------------------------------------------------------ models
MODELS = ['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-opus-4-1', 'claude-3-5-haiku-20241022']
NEW_MODEL = 'claude-opus-5'
TTFT = {'claude-haiku-4-5': 350.0, 'claude-sonnet-4-5': 700.0, 'claude-opus-4-1': 1300.0,
        'claude-3-5-haiku-20241022': 400.0, NEW_MODEL: 1000.0}
MSPT = {'claude-haiku-4-5': 1000 / 150.0, 'claude-sonnet-4-5': 1000 / 72.0, 'claude-opus-4-1': 1000 / 40.0,
        'claude-3-5-haiku-20241022': 1000 / 120.0, NEW_MODEL: 1000 / 55.0}

# ------------------------------------------------------------------ greetings
GREETINGS = [('hi', 30), ('hello', 20), ('test', 14), ('hey', 10), ('hi there', 6), ('hello!', 6),
             ('testing', 5), ('ping', 3), ('who are you?', 4), ('hey claude', 2)]


def _fixed_hash(text):
    return int(hashlib.blake2b(text.encode(), digest_size=8).hexdigest(), 16)


GREET_HASH = [_fixed_hash(g) for g, _ in GREETINGS]
_gw = [w for _, w in GREETINGS]
GREET_CUM = [sum(_gw[:i + 1]) / sum(_gw) for i in range(len(_gw))]
WARMUP_HASH = [_fixed_hash('test'), _fixed_hash('hi'), _fixed_hash('ping'), _fixed_hash('hello')]


def greeting(rnd):
    return GREET_HASH[bisect.bisect(GREET_CUM, rnd())]


# ------------------------------------------------------------------ simhash families
# Number of bits a slot-filled variant differs from its template's base hash.
FLIPK = [0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 6, 2, 3]


class Family:
    """A prompt template with variable slots: its variants are near-duplicate SimHashes."""
    __slots__ = ('base', 'task', 'in_med', 'out_mu', 'out_sig', 'cot_lo', 'cot_span')

    def __init__(self, base, task, in_med, out_med, out_sig, cot_lo, cot_span):
        self.base = base
        self.task = task
        self.in_med = in_med
        self.out_mu = math.log(out_med)
        self.out_sig = out_sig
        self.cot_lo = cot_lo
        self.cot_span = cot_span


def near(rng, base):
    k = FLIPK[int(rng.random() * 20)]
    for _ in range(k):
        base ^= 1 << rng.getrandbits(6)
    return base


def make_family(rng, task, in_scale=1.0, out_scale=1.0, step=False, cot=None):
    in_mu, in_sig, out_mu, out_sig = TOK_LOG[task]
    in_med = max(8, int(math.exp(in_mu + 0.6 * in_sig * rng.gauss(0, 1)) * in_scale))
    out_med = max(16, int(math.exp(out_mu + 0.4 * out_sig * rng.gauss(0, 1)) * out_scale))
    if cot is None:
        lo, span = (COT_STEP if step else COT)[task]
        # templates have a characteristic elicitation level; variants vary a little around it
        c = lo + span * rng.random()
        cot = (max(0.0, c - 0.08), 0.16)
    return Family(rng.getrandbits(64), task, in_med, out_med, out_sig * 0.6, cot[0], cot[1])


def weighted_cum(weights):
    tot = float(sum(weights))
    acc, out = 0.0, []
    for w in weights:
        acc += w
        out.append(acc / tot)
    out[-1] = 1.0
    return out


def task_cum(mix):
    """mix: dict task -> weight  ->  (tasks list, cumulative list)."""
    ts = list(mix.keys())
    return ts, weighted_cum([mix[t] for t in ts])


# ------------------------------------------------------------------ user agents
SDK_UAS = [
    ('anthropic-python/0.74.1', 18), ('anthropic-python/0.72.0', 10), ('anthropic-python/0.69.0', 6),
    ('anthropic-python/0.64.0', 3), ('anthropic-typescript/0.68.0', 12), ('anthropic-typescript/0.65.0', 6),
    ('anthropic-typescript/0.60.1', 2), ('anthropic-go/1.14.0', 3), ('anthropic-java/2.9.0', 2),
    ('anthropic-ruby/1.12.0', 1),
]
OTHER_UAS = [
    ('curl/8.5.0', 4), ('curl/8.11.1', 2), ('python-requests/2.32.3', 5), ('python-httpx/0.28.1', 3),
    ('Go-http-client/2.0', 1), ('okhttp/4.12.0', 1),
    ('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) '
     'Chrome/142.0.0.0 Safari/537.36', 3),
    ('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) '
     'Chrome/142.0.0.0 Safari/537.36', 2),
]
ALL_UAS = SDK_UAS + OTHER_UAS
ALL_UA_CUM = weighted_cum([w for _, w in ALL_UAS])
SDK_UA_CUM = weighted_cum([w for _, w in SDK_UAS])


def pick_ua(rnd, sdk_only=False):
    if sdk_only:
        return SDK_UAS[bisect.bisect(SDK_UA_CUM, rnd())][0]
    return ALL_UAS[bisect.bisect(ALL_UA_CUM, rnd())][0]
