"""Static catalogue: models, countries, daily curves, client identifiers,
task categories and well-known prompts."""
from .rnd import WT, stable64

# model -> (time to first token ms, decode tokens/s)
MODELS = {
    "claude-sonnet-4-5": (640, 68.0),
    "claude-sonnet-4-5-20250929": (640, 68.0),
    "claude-haiku-4-5": (380, 150.0),
    "claude-haiku-4-5-20251001": (380, 150.0),
    "claude-opus-4-5": (980, 47.0),
    "claude-opus-4-5-20251101": (980, 47.0),
    "claude-opus-4-1": (1300, 31.0),
    "claude-sonnet-4-20250514": (700, 61.0),
    "claude-3-5-haiku-20241022": (330, 112.0),
    "claude-3-7-sonnet-20250219": (720, 58.0),
}
NEW_MODELS = {
    "claude-opus-5": (1150, 50.0),
    "claude-sonnet-5": (760, 72.0),
}

BENIGN_MODELS = [
    ("claude-sonnet-4-5", 40), ("claude-sonnet-4-5-20250929", 8), ("claude-haiku-4-5", 17),
    ("claude-haiku-4-5-20251001", 3), ("claude-opus-4-5", 11), ("claude-opus-4-5-20251101", 2),
    ("claude-opus-4-1", 3), ("claude-sonnet-4-20250514", 8), ("claude-3-5-haiku-20241022", 6),
    ("claude-3-7-sonnet-20250219", 2),
]
BENIGN_MODEL_WT = WT(BENIGN_MODELS)
CHEAP_MODEL_WT = WT([("claude-haiku-4-5", 55), ("claude-haiku-4-5-20251001", 15),
                     ("claude-3-5-haiku-20241022", 25), ("claude-sonnet-4-5", 5)])
CODE_MODEL_WT = WT([("claude-sonnet-4-5", 62), ("claude-sonnet-4-5-20250929", 6), ("claude-opus-4-5", 22),
                    ("claude-opus-4-1", 3), ("claude-sonnet-4-20250514", 7)])

# cc, weight, [(utc offset hours in late November, weight)], share of sessions on mobile networks
COUNTRIES = [
    ("US", 33, [(-5, .47), (-6, .29), (-7, .07), (-8, .17)], .06),
    ("IN", 7, [(5.5, 1)], .35),
    ("GB", 6, [(0, 1)], .07),
    ("DE", 5, [(1, 1)], .05),
    ("CA", 3, [(-5, .6), (-8, .25), (-7, .15)], .06),
    ("FR", 3, [(1, 1)], .06),
    ("JP", 4, [(9, 1)], .08),
    ("KR", 3, [(9, 1)], .08),
    ("BR", 4, [(-3, 1)], .2),
    ("AU", 2, [(11, .8), (8, .2)], .07),
    ("NL", 2, [(1, 1)], .05),
    ("ES", 2, [(1, 1)], .07),
    ("IT", 1.5, [(1, 1)], .08),
    ("PL", 1.5, [(1, 1)], .08),
    ("SE", 1, [(1, 1)], .05),
    ("CH", 1, [(1, 1)], .05),
    ("IL", 1, [(2, 1)], .1),
    ("SG", 1.5, [(8, 1)], .1),
    ("MX", 1.5, [(-6, 1)], .25),
    ("ID", 1.5, [(7, 1)], .45),
    ("VN", 1, [(7, 1)], .35),
    ("PH", 1, [(8, 1)], .45),
    ("TR", 1, [(3, 1)], .2),
    ("NG", .7, [(1, 1)], .55),
    ("UA", 1, [(2, 1)], .2),
    ("AR", 1, [(-3, 1)], .15),
    ("TW", 1, [(8, 1)], .08),
]
COUNTRY_WT = WT([(c[0], c[1]) for c in COUNTRIES])
TZ = {c[0]: WT(c[2]) for c in COUNTRIES}
MOBILE_SHARE = {c[0]: c[3] for c in COUNTRIES}


def _norm(v):
    m = sum(v) / len(v)
    return [x / m for x in v]


# activity by local hour, mean 1.0
WORK = _norm([.15, .08, .05, .04, .04, .08, .25, .7, 1.6, 2.3, 2.5, 2.3, 1.7, 2.1, 2.4, 2.3, 2.0, 1.5, 1.0, .9, 1.0, .9, .6, .3])
OFFICE = _norm([.03, .02, .02, .02, .02, .05, .15, .6, 1.8, 2.8, 2.9, 2.6, 1.6, 2.4, 2.8, 2.7, 2.3, 1.4, .6, .4, .35, .3, .2, .08])
EVENING = _norm([.8, .5, .3, .15, .1, .1, .2, .4, .6, .8, .9, 1.0, 1.1, 1.0, 1.0, 1.0, 1.1, 1.3, 1.6, 1.9, 2.1, 2.0, 1.7, 1.2])
STUDENT = _norm([1.2, .9, .5, .25, .1, .1, .15, .3, .6, .9, 1.1, 1.2, 1.2, 1.3, 1.3, 1.3, 1.3, 1.3, 1.4, 1.6, 1.9, 2.1, 2.0, 1.7])
FLAT = _norm([.7, .65, .6, .6, .65, .7, .8, .95, 1.1, 1.2, 1.25, 1.25, 1.2, 1.2, 1.25, 1.25, 1.2, 1.15, 1.1, 1.05, 1.0, .95, .85, .75])
NIGHTOWL = _norm([1.6, 1.5, 1.2, .8, .4, .2, .15, .15, .2, .3, .5, .7, .8, .9, 1.0, 1.0, 1.1, 1.2, 1.3, 1.4, 1.6, 1.8, 1.9, 1.8])
ALWAYS = [1.0] * 24

CATS = ("chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other")
# output tokens (median, sigma) per category
OUT_MED = {"chat": (260, .9), "coding": (700, .9), "reasoning": (950, .8), "tool_use": (190, 1.0),
           "writing": (750, .8), "analysis": (600, .8), "vision": (320, .7), "other": (300, 1.0)}
# cot_elicitation beta parameters per category (ordinary users)
COT_AB = {"chat": (1.2, 14.0), "coding": (1.5, 9.0), "reasoning": (2.5, 3.5), "tool_use": (1.1, 14.0),
          "writing": (1.2, 12.0), "analysis": (1.8, 6.0), "vision": (1.1, 12.0), "other": (1.2, 10.0)}
ODD_CATS = ("summarization", "translation", "math", "roleplay", "")

GREETINGS = WT([("hi", 34), ("hello", 19), ("test", 20), ("hey", 8), ("hello claude", 6), ("testing", 5),
                ("ping", 3), ("say hello", 3), ("Hello, Claude", 6)])
GREET_HASH = {g: stable64("greeting:" + g.lower()) for g in GREETINGS.items}
QUICKSTART_HASHES = [stable64("docs:quickstart:%d" % i) for i in range(4)]

PY = [("0.76.0", 10), ("0.75.2", 18), ("0.75.1", 8), ("0.74.1", 14), ("0.74.0", 5), ("0.73.0", 8),
      ("0.72.1", 6), ("0.71.0", 5), ("0.69.0", 5), ("0.66.0", 4), ("0.64.0", 4), ("0.60.0", 3),
      ("0.57.1", 3), ("0.52.2", 3), ("0.49.0", 2), ("0.45.2", 2), ("0.40.0", 2), ("0.34.2", 1)]
TS = [("0.71.0", 10), ("0.70.1", 15), ("0.69.0", 10), ("0.68.0", 12), ("0.67.0", 8), ("0.65.0", 6),
      ("0.63.1", 5), ("0.60.0", 5), ("0.56.0", 4), ("0.52.0", 4), ("0.45.0", 3), ("0.39.0", 2)]
PY_WT = WT(PY)
TS_WT = WT(TS)
GO_WT = WT([("1.16.0", 5), ("1.14.0", 4), ("1.12.1", 3), ("1.9.0", 2)])
JAVA_WT = WT([("2.10.0", 4), ("2.9.1", 3), ("2.7.0", 2)])
RUBY_WT = WT([("1.12.0", 3), ("1.10.0", 2)])
HTTP_UAS = WT([("curl/8.7.1", 20), ("curl/8.5.0", 14), ("curl/7.81.0", 8), ("curl/8.11.1", 8),
               ("python-requests/2.32.3", 16), ("python-requests/2.31.0", 8), ("python-httpx/0.28.1", 8),
               ("axios/1.7.9", 6), ("node-fetch/3.3.2", 3), ("Go-http-client/2.0", 4), ("okhttp/4.12.0", 2),
               ("PostmanRuntime/7.44.1", 4), ("insomnia/10.1.0", 1), ("Dart/3.5 (dart:io)", 1)])
CHAT_UIS = WT([("LibreChat/0.8.0", 10), ("open-webui/0.6.30", 14), ("TypingMind/2025.10.2", 8),
               ("chatbox/1.15.2", 8), ("LobeChat/1.120.3", 6), ("SillyTavern/1.13.4", 5), ("Msty/1.9.2", 4),
               ("BoltAI/1.36.0", 3), ("Jan/0.7.1", 3)])
FRAMEWORKS = WT([("langchain-anthropic/0.3.21", 14), ("llama-index/0.14.2", 6), ("litellm/1.78.0", 10),
                 ("crewai/0.201.0", 4), ("pydantic-ai/1.0.12", 5), ("vercel-ai/5.0.60", 6), ("dspy/3.0.3", 3),
                 ("instructor/1.11.3", 4), ("haystack/2.18.0", 2)])


def sdk_ua(rng, kind=None):
    if kind is None:
        r = rng.random()
        kind = "py" if r < .64 else "ts" if r < .9 else "go" if r < .95 else "java" if r < .985 else "rb"
    if kind == "py":
        return "anthropic-python/" + PY_WT.pick(rng)
    if kind == "ts":
        return "anthropic-typescript/" + TS_WT.pick(rng)
    if kind == "go":
        return "anthropic-go/" + GO_WT.pick(rng)
    if kind == "java":
        return "anthropic-java/" + JAVA_WT.pick(rng)
    return "anthropic-ruby/" + RUBY_WT.pick(rng)


def individual_ua(rng):
    r = rng.random()
    if r < .66:
        return sdk_ua(rng)
    if r < .78:
        return HTTP_UAS.pick(rng)
    if r < .92:
        return CHAT_UIS.pick(rng)
    return FRAMEWORKS.pick(rng)
