"""64-bit SimHash over normalised word tokens (term-frequency weighted).

Each token hash is spread into 64 sixteen-bit counters packed in one big
integer, so summing a prompt's tokens is a handful of big-int additions and
the majority vote per bit is done with one add, one mask and a byte
translation.
"""
import hashlib
import re

_F = 16
_REP = sum(1 << (_F * i) for i in range(64))
_TOP = 0x8000 * _REP
_TBL = bytes(0x31 if b & 0x80 else 0x30 for b in range(256))
_NORM = re.compile(r"[^a-z0-9]+")
_cache = {}


def token_hash(tok):
    return int.from_bytes(hashlib.blake2b(tok.encode("utf-8"), digest_size=8).digest(), "little")


def pack(tok):
    p = _cache.get(tok)
    if p is None:
        h = token_hash(tok)
        p = 0
        for i in range(64):
            if (h >> i) & 1:
                p |= 1 << (_F * i)
        _cache[tok] = p
    return p


def normalise(text):
    return _NORM.sub(" ", text.lower()).split()


def acc(tokens):
    """Return the (packed counter sum, weight) of a token list."""
    s = 0
    for t in tokens:
        s += pack(t)
    return s, len(tokens)


def fin(s, w):
    """Majority vote per bit -> 64-bit int."""
    if w <= 0:
        return 0
    t = w // 2 + 1
    x = (s + (0x8000 - t) * _REP) & _TOP
    return int(x.to_bytes(128, "little")[1::2].translate(_TBL)[::-1], 2)


def simhash_tokens(tokens):
    return fin(*acc(tokens))


def simhash_text(text):
    return simhash_tokens(normalise(text))


def reference(tokens):
    """Slow textbook SimHash, used only for self-checks."""
    v = [0] * 64
    for t in tokens:
        h = token_hash(t)
        for i in range(64):
            v[i] += 1 if (h >> i) & 1 else -1
    out = 0
    for i in range(64):
        if v[i] > 0:
            out |= 1 << i
    return out
