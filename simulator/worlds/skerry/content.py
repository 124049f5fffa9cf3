"""What requests contain: models, clients, prompt SimHashes, per-task token and reasoning shapes."""
import hashlib
import math

TASKS = ("chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other")

OLD_MODELS = ("claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-5", "claude-opus-4-1",
              "claude-sonnet-4-20250514", "claude-3-5-haiku-20241022", "claude-3-7-sonnet-20250219")
NEW_MODEL = "claude-opus-5"

# model -> (median time to first token ms, output tokens per second)
SPEED = {
    "claude-sonnet-4-5": (820, 68.0), "claude-haiku-4-5": (420, 150.0), "claude-opus-4-5": (1250, 48.0),
    "claude-opus-4-1": (1500, 34.0), "claude-sonnet-4-20250514": (900, 62.0),
    "claude-3-5-haiku-20241022": (520, 95.0), "claude-3-7-sonnet-20250219": (950, 58.0),
    NEW_MODEL: (1150, 52.0),
}

# generic model preference mixes
MIX_GENERAL = [("claude-sonnet-4-5", 55), ("claude-haiku-4-5", 18), ("claude-opus-4-5", 14),
               ("claude-sonnet-4-20250514", 5), ("claude-3-5-haiku-20241022", 4),
               ("claude-opus-4-1", 2), ("claude-3-7-sonnet-20250219", 2)]
MIX_CHEAP = [("claude-haiku-4-5", 60), ("claude-3-5-haiku-20241022", 20), ("claude-sonnet-4-5", 20)]
MIX_STRONG = [("claude-opus-4-5", 45), ("claude-sonnet-4-5", 50), ("claude-opus-4-1", 5)]
MIX_CODING = [("claude-sonnet-4-5", 70), ("claude-opus-4-5", 22), ("claude-haiku-4-5", 8)]

OUT_MED = {"chat": 210, "coding": 720, "reasoning": 880, "tool_use": 240, "writing": 640,
           "analysis": 560, "vision": 260, "other": 170}
IN_MED = {"chat": 55, "coding": 850, "reasoning": 240, "tool_use": 1400, "writing": 320,
          "analysis": 1700, "vision": 1600, "other": 200}
# benign prior of the upstream cot_elicitation score per task: beta(a, b)
COT_BETA = {"chat": (1.1, 14.0), "coding": (1.3, 9.0), "reasoning": (2.2, 3.6), "tool_use": (1.0, 16.0),
            "writing": (1.0, 16.0), "analysis": (1.4, 8.0), "vision": (1.1, 12.0), "other": (1.1, 12.0)}

# ---- clients -------------------------------------------------------------------------------
PY_VERSIONS = [("0.75.0", 8), ("0.74.1", 22), ("0.74.0", 10), ("0.73.0", 12), ("0.72.1", 9), ("0.71.0", 8),
               ("0.69.0", 7), ("0.67.0", 6), ("0.64.0", 6), ("0.60.0", 4), ("0.52.2", 4), ("0.49.0", 3),
               ("0.42.0", 1)]
TS_VERSIONS = [("0.69.0", 10), ("0.68.0", 22), ("0.67.1", 14), ("0.66.0", 11), ("0.65.0", 9), ("0.62.0", 8),
               ("0.60.0", 7), ("0.56.0", 6), ("0.52.0", 5), ("0.39.0", 3)]
GO_VERSIONS = [("1.16.0", 25), ("1.15.0", 30), ("1.13.0", 25), ("1.10.0", 20)]
JAVA_VERSIONS = [("2.10.0", 30), ("2.9.1", 35), ("2.7.0", 35)]
OTHER_UA = [("curl/8.5.0", 25), ("curl/8.7.1", 20), ("curl/7.81.0", 10), ("python-requests/2.32.3", 25),
            ("python-requests/2.31.0", 10), ("python-httpx/0.28.1", 10), ("axios/1.7.9", 8),
            ("Go-http-client/2.0", 5), ("PostmanRuntime/7.43.0", 6)]
CHAT_APPS = [("LibreChat/0.8.0", 15), ("open-webui/0.6.32", 22), ("Chatbox/1.16.1", 15), ("LobeChat/1.128.0", 10),
             ("TypingMind/2025.10", 12), ("msty/1.9.2", 6), ("BoltAI/1.36.0", 6), ("Jan/0.7.1", 5)]
FRAMEWORKS = [("langchain-anthropic/0.3.22", 40), ("litellm/1.78.5", 35), ("llama-index/0.14.4", 15),
              ("pydantic-ai/1.0.16", 10)]


def wpick(rng, items):
    tot = 0.0
    for it in items:
        tot += it[1]
    r = rng.random() * tot
    for it in items:
        r -= it[1]
        if r <= 0:
            return it[0]
    return items[-1][0]


def sdk_ua(rng, lang=None, version_items=None):
    if lang is None:
        lang = wpick(rng, [("py", 58), ("ts", 30), ("go", 7), ("java", 5)])
    if lang == "py":
        return "anthropic-python/" + wpick(rng, version_items or PY_VERSIONS)
    if lang == "ts":
        return "anthropic-typescript/" + wpick(rng, version_items or TS_VERSIONS)
    if lang == "go":
        return "anthropic-sdk-go/" + wpick(rng, GO_VERSIONS)
    return "anthropic-java/" + wpick(rng, JAVA_VERSIONS)


# ---- prompt SimHash ------------------------------------------------------------------------
def h64(text):
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


# normalised first prompts identical across users
GREETINGS = [(h64("hi"), 30), (h64("hello"), 20), (h64("test"), 18), (h64("hey"), 8), (h64("hello world"), 6),
             (h64("ping"), 5), (h64("hi claude"), 6), (h64("what can you do"), 5), (h64("say hi"), 3),
             (h64("who are you"), 4)]
# verbatim documentation / quick-start examples pasted by new users
DOC_EXAMPLES = [(h64("quickstart: what should i search for to find the latest developments in renewable energy"), 50),
                (h64("quickstart: hello, claude"), 30),
                (h64("tool-use example: what is the weather like in san francisco"), 20)]


class Template:
    """A prompt template with variable slots: instances differ from the base in a few 'fragile' bits."""
    __slots__ = ("base", "fragile", "p")

    def __init__(self, rng, nfrag=None, p=None, base=None):
        self.base = rng.getrandbits(64) if base is None else base
        k = nfrag if nfrag is not None else 8 + int(rng.random() * 9)
        self.fragile = [1 << b for b in rng.sample(range(64), k)]
        self.p = p if p is not None else 0.1 + 0.18 * rng.random()

    def variant(self, rng):
        m = 0
        p = self.p
        for b in self.fragile:
            if rng.random() < p:
                m |= b
        if rng.random() < 0.08:
            m ^= 1 << int(rng.random() * 64)
        return self.base ^ m


def drift(h, rng, kmax):
    for _ in range(int(rng.random() * (kmax + 1))):
        h ^= 1 << int(rng.random() * 64)
    return h


def templates(rng, n, **kw):
    return [Template(rng, **kw) for _ in range(n)]


def sysprompt(rng, tokens):
    """A system prompt: (json-quoted exact hash, token length)."""
    return ('"%016x"' % rng.getrandbits(64), int(tokens))


def lognorm(rng, med, sig):
    return med * math.exp(rng.gauss(0.0, sig))


def beta(rng, a, b):
    return rng.betavariate(a, b)


def latency_ms(rng, model, in_tok, out_tok):
    ttft, tps = SPEED[model]
    return int(ttft * math.exp(rng.gauss(0.0, 0.35)) + in_tok * 0.0065
               + out_tok * 1000.0 / (tps * math.exp(rng.gauss(0.0, 0.15))))
