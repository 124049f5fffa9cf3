"""Prompt text model and a real 64-bit SimHash.

A prompt is represented by its normalised feature tokens (lower-cased content words,
stop-words removed).  Each token is hashed to 64 bits (blake2b) and the SimHash is the
bitwise majority vote over all token occurrences.  Per-bit vote counts are kept packed
in one big integer (16 bits per bit position) so that prompts can be built and extended
token by token cheaply (conversations grow turn by turn).
"""
import hashlib

_B2F = []
for _b in range(256):
    _v = 0
    for _i in range(8):
        if (_b >> _i) & 1:
            _v |= 1 << (16 * _i)
    _B2F.append(_v)
ONES = 0
for _i in range(64):
    ONES |= 1 << (16 * _i)
_TT = bytes.maketrans(b'\x00\x01', b'01')
_SPREAD = {}


def spread(tok):
    """Packed per-bit vote vector of one token."""
    v = _SPREAD.get(tok)
    if v is None:
        h = hashlib.blake2b(tok.encode('utf-8'), digest_size=8, person=b'reef-sh').digest()
        v = 0
        for j in range(8):
            v |= _B2F[h[j]] << (128 * j)
        _SPREAD[tok] = v
    return v


def digest(S, n):
    """SimHash hex of a packed vote vector S over n token occurrences."""
    if n <= 0:
        return '0000000000000000'
    t = n // 2 + 1
    X = S + (0x8000 - t) * ONES
    Y = (X >> 15) & ONES
    b = Y.to_bytes(128, 'little')[0::2]
    return '%016x' % int(b[::-1].translate(_TT), 2)


def simhash_words(words):
    S = 0
    for w in words:
        S += spread(w)
    return digest(S, len(words))


# ---------------------------------------------------------------- vocabularies
_VOCAB = {}
VOCAB_SIZE = {'num': 2000, 'name': 1500, 'var': 800}


def vocab(dom):
    v = _VOCAB.get(dom)
    if v is None:
        size = VOCAB_SIZE.get(dom, 4000)
        v = [spread('%s~%d' % (dom, i)) for i in range(size)]
        _VOCAB[dom] = v
    return v


CAT_DOMAIN = {'chat': 'gen', 'coding': 'code', 'writing': 'write', 'analysis': 'data',
              'reasoning': 'math', 'vision': 'img', 'tool_use': 'tool', 'other': 'misc'}


class Text:
    __slots__ = ('S', 'n')

    def __init__(self, S=0, n=0):
        self.S = S
        self.n = n

    def copy(self):
        return Text(self.S, self.n)

    def add(self, rng, dom, k):
        V = vocab(dom)
        L = len(V)
        S = self.S
        for _ in range(k):
            S += V[int(rng.random() * L)]
        self.S = S
        self.n += k
        return self

    def add_text(self, other):
        self.S += other.S
        self.n += other.n
        return self

    def hex(self):
        return digest(self.S, self.n)


def freeform(rng, dom, k, mix_dom='gen', mix_share=0.25):
    t = Text()
    km = int(k * mix_share)
    t.add(rng, dom, k - km)
    if km:
        t.add(rng, mix_dom, km)
    return t


def phrase(words):
    S = 0
    for w in words.split():
        S += spread(w)
    return Text(S, len(words.split()))


class Template:
    """Fixed instruction text plus variable slots: instances are near-duplicates."""
    __slots__ = ('S', 'n', 'slots')

    def __init__(self, rng, dom, fixed, slots):
        V = vocab(dom)
        L = len(V)
        S = 0
        for _ in range(fixed):
            S += V[int(rng.random() * L)]
        self.S = S
        self.n = fixed
        self.slots = slots  # list of (domain, tokens)

    def make(self, rng):
        S = self.S
        n = self.n
        for dom, k in self.slots:
            V = vocab(dom)
            L = len(V)
            for _ in range(k):
                S += V[int(rng.random() * L)]
            n += k
        return Text(S, n)


def sys_hash(name):
    return hashlib.sha256(('reef-system-prompt:' + name).encode('utf-8')).hexdigest()[:32]


GREETINGS = [('hi', 30), ('hello', 24), ('test', 14), ('hey', 8), ('hello claude', 7), ('hi there', 5),
             ('ping', 3), ('testing', 4), ('who are you', 4), ('what can you do', 4), ('hello world', 4),
             ('say hello', 2), ('test test', 2)]
GREET_TEXT = [(phrase(g), w) for g, w in GREETINGS]

VIRAL = ['how many r letters are in the word strawberry',
         'which is bigger 9.11 or 9.9',
         'write python program ball bouncing inside spinning hexagon gravity friction',
         'generate svg pelican riding bicycle',
         'sally has three brothers each brother has two sisters how many sisters does sally have',
         'write short story about ai model waking up on release day',
         'solve this riddle man pushes car to hotel tells owner he is bankrupt why',
         'build single html file game snake neon style',
         'what is your knowledge cutoff and what model are you']
VIRAL_TEXT = [phrase(v) for v in VIRAL]
