"""64-bit SimHash over normalised word tokens (term-frequency weighted).

Each token's 64-bit hash is spread into 64 counter fields of one big integer,
so summing tokens adds all 64 counters at once; the sign test is done with a
constant offset and a byte-level translate.
"""
import hashlib
import re

_FIELD = 24
_NBYTES = 64 * _FIELD // 8
_ONES = sum(1 << (_FIELD * j) for j in range(64))
_HALF = 1 << (_FIELD - 1)
_SPREAD = [sum(1 << (_FIELD * k) for k in range(8) if (b >> k) & 1) for b in range(256)]
_TABLE = bytes((0x31 if b >= 128 else 0x30) for b in range(256))
_cache = {}

_NORM = re.compile(r"[^a-z0-9 ]+")


def normalise(text):
    return _NORM.sub(' ', text.lower()).split()


def token_hash(tok):
    return int.from_bytes(hashlib.blake2b(tok.encode('utf-8'), digest_size=8).digest(), 'little')


def _packed(tok):
    h = token_hash(tok)
    p = 0
    for m in range(8):
        p |= _SPREAD[(h >> (8 * m)) & 255] << (_FIELD * 8 * m)
    _cache[tok] = p
    return p


def simhash_int(tokens):
    if not tokens:
        return 0
    g = _cache.get
    s = 0
    for t in tokens:
        p = g(t)
        if p is None:
            p = _packed(t)
        s += p
    w = len(tokens)
    s += (_HALF - (w // 2 + 1)) * _ONES
    return int(s.to_bytes(_NBYTES, 'big')[0::3].translate(_TABLE), 2)


def simhash(tokens):
    return '%016x' % simhash_int(tokens)


def exact_hash(text):
    return hashlib.blake2b(text.encode('utf-8'), digest_size=16).hexdigest()


def reference_simhash(tokens):
    """Slow textbook implementation (for self-tests)."""
    if not tokens:
        return 0
    v = [0] * 64
    for t in tokens:
        h = token_hash(t)
        for j in range(64):
            v[j] += 1 if (h >> j) & 1 else -1
    out = 0
    for j in range(64):
        if v[j] > 0:
            out |= 1 << j
    return out
