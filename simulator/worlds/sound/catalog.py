"""Static catalogue: models, client user agents, countries and their clocks."""

import random

from .util import Weighted

# name -> (tokens/s range, time-to-first-token ms, prefill ms per input token, max output)
MODELS = {
    "claude-opus-4-5": ((36, 62), 1400, 0.030, 64000),
    "claude-opus-4-1": ((26, 44), 1900, 0.040, 32000),
    "claude-sonnet-4-5": ((55, 92), 850, 0.020, 64000),
    "claude-sonnet-4": ((52, 86), 900, 0.020, 64000),
    "claude-haiku-4-5": ((105, 180), 420, 0.008, 64000),
    "claude-3-5-haiku": ((70, 120), 520, 0.010, 8192),
    "claude-opus-5": ((40, 70), 1500, 0.028, 64000),
}
NEW_MODEL = "claude-opus-5"          # released part-way through every window

MAX_TOKENS_COMMON = Weighted({1024: 18, 2048: 10, 4096: 26, 8192: 24, 16000: 12, 32000: 6, 64000: 4})

# --------------------------------------------------------------------------- user agents

def _versions(prefix, major, lo, hi, decay, patches=3):
    out = []
    for minor in range(lo, hi + 1):
        w = decay ** (hi - minor)
        for p in range(patches):
            out.append(("%s/%d.%d.%d" % (prefix, major, minor, p), w / (1.0 + p)))
    return Weighted(out)


UA_FAMILIES = {
    "python": _versions("anthropic-python", 0, 52, 75, 0.80),
    "typescript": _versions("anthropic-typescript", 0, 50, 70, 0.78),
    "go": _versions("anthropic-go", 1, 4, 17, 0.75, 2),
    "java": _versions("anthropic-java", 2, 1, 11, 0.72, 2),
    "ruby": _versions("anthropic-ruby", 1, 3, 10, 0.70, 2),
    "claude_cli": Weighted([("claude-cli/2.0.%d (external, cli)" % v, 0.86 ** (44 - v)) for v in range(14, 45)]),
    "cursor": Weighted([("Cursor/1.%d.%d" % (a, b), 0.6 ** (7 - a)) for a in range(3, 8) for b in range(0, 4)]),
    "cline": Weighted([("cline/3.%d.%d" % (a, b), 0.7 ** (34 - a)) for a in range(20, 35) for b in range(0, 3)]),
    "langchain": Weighted([("langchain-anthropic/0.3.%d" % v, 0.8 ** (22 - v)) for v in range(5, 23)]),
    "litellm": Weighted([("litellm/1.7%d.%d" % (a, b), 0.7 ** (9 - a)) for a in range(0, 10) for b in range(0, 6)]),
    "curl": Weighted([("curl/8.%d.%d" % (a, b), 1.0) for a in (1, 4, 5, 7, 9, 11, 14) for b in (0, 1)]),
    "requests": Weighted([("python-requests/2.%d.%d" % (a, b), 0.7 ** (32 - a)) for a in (28, 31, 32) for b in range(0, 4)]),
    "httpx": Weighted([("python-httpx/0.%d.%d" % (a, b), 1.0) for a in (26, 27, 28) for b in (0, 1)]),
    "axios": Weighted([("axios/1.%d.%d" % (a, b), 0.8 ** (12 - a)) for a in range(6, 13) for b in range(0, 3)]),
    "gohttp": Weighted([("Go-http-client/2.0", 1.0), ("Go-http-client/1.1", 0.3)]),
    "chatapp": Weighted([("LibreChat/0.8.%d" % v, 1.0) for v in range(0, 4)] +
                        [("OpenWebUI/0.6.%d" % v, 1.2) for v in range(20, 36)] +
                        [("TypingMind/2.%d" % v, 0.8) for v in range(4, 9)] +
                        [("Raycast/1.%d.0" % v, 0.5) for v in range(95, 103)] +
                        [("Obsidian-Copilot/2.%d.%d" % (a, b), 0.3) for a in (8, 9) for b in range(0, 4)]),
}

UA_INDIVIDUAL = Weighted({"python": 48, "typescript": 22, "curl": 5, "requests": 4, "go": 4,
                          "java": 3, "ruby": 1, "langchain": 5, "litellm": 4, "httpx": 2, "axios": 2})

SDK_PREFIXES = ("anthropic-", "claude-cli", "Cursor", "cline", "langchain", "litellm")


def ua(rng, family):
    return UA_FAMILIES[family].pick(rng)


def ua_popular(rng, families=("python", "typescript")):
    return UA_FAMILIES[rng.choice(families)].pick(rng)


def retries(user_agent):
    return user_agent.startswith(SDK_PREFIXES)


# --------------------------------------------------------------------------- countries

# country -> (weight among API users, [(utc offset in November, weight)])
COUNTRIES = {
    "US": (30, [(-5, 42), (-6, 24), (-7, 7), (-8, 27)]),
    "IN": (7, [(5.5, 1)]), "GB": (5.5, [(0, 1)]), "DE": (4.2, [(1, 1)]), "FR": (3, [(1, 1)]),
    "CA": (3, [(-5, 55), (-8, 25), (-7, 12), (-6, 8)]), "BR": (3, [(-3, 1)]), "JP": (3, [(9, 1)]),
    "KR": (2.6, [(9, 1)]), "SG": (1.8, [(8, 1)]), "AU": (2, [(11, 70), (10, 15), (8, 15)]),
    "NL": (1.8, [(1, 1)]), "ES": (1.5, [(1, 1)]), "IT": (1.4, [(1, 1)]), "PL": (1.4, [(1, 1)]),
    "SE": (0.9, [(1, 1)]), "CH": (0.9, [(1, 1)]), "IE": (0.8, [(0, 1)]), "IL": (1.0, [(2, 1)]),
    "TR": (0.9, [(3, 1)]), "UA": (0.9, [(2, 1)]), "TW": (1.0, [(8, 1)]), "ID": (1.0, [(7, 1)]),
    "VN": (0.9, [(7, 1)]), "PH": (0.9, [(8, 1)]), "NG": (0.8, [(1, 1)]), "MX": (1.4, [(-6, 1)]),
    "AR": (0.8, [(-3, 1)]), "CO": (0.7, [(-5, 1)]), "ZA": (0.7, [(2, 1)]), "EG": (0.4, [(2, 1)]),
    "PK": (0.7, [(5, 1)]), "NZ": (0.3, [(13, 1)]),
}
COUNTRY_W = Weighted({cc: v[0] for cc, v in COUNTRIES.items()})
_TZ_W = {cc: Weighted(v[1]) for cc, v in COUNTRIES.items()}
# countries with a strong developer/enterprise presence
BUSINESS_COUNTRY_W = Weighted({"US": 46, "GB": 8, "DE": 6, "FR": 4, "CA": 5, "IN": 6, "JP": 4,
                               "KR": 3, "SG": 3, "AU": 3, "NL": 3, "IL": 2, "CH": 1.5, "SE": 1.5,
                               "ES": 1.5, "BR": 2.5})


def country(rng, business=False):
    return (BUSINESS_COUNTRY_W if business else COUNTRY_W).pick(rng)


def tz_of(rng, cc):
    return _TZ_W[cc].pick(rng)


def const_rng(name):
    return random.Random("sound-catalog/" + name)


# Fixed prompt SimHashes of the greetings everyone sends first ("hi", "hello", "test", ...)
GREETINGS = [const_rng("greet%d" % i).getrandbits(64) for i in range(6)]
GREETING_W = Weighted({0: 30, 1: 22, 2: 25, 3: 8, 4: 10, 5: 5})
