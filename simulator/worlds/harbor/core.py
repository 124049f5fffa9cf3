"""Core machinery of the harbor world: clock, random helpers, SimHash families,
network address space, request outcome model and the contract encoder.

Everything draws from one ``random.Random`` owned by the :class:`World`; the
event engine advances generators in a fixed (time, id) order, so the whole
stream is a deterministic function of the arguments.
"""
from __future__ import annotations

import datetime
import hashlib
import math
from bisect import bisect_right

# Fixed start: Tuesday 2026-11-17 06:00 UTC (Europe morning, Asia afternoon,
# Americas night) -- every region gets some daylight inside short windows.
T0 = datetime.datetime(2026, 11, 17, 6, 0, 0, tzinfo=datetime.timezone.utc)
T0_MS = int(T0.timestamp()) * 1000
SEC = 1000
MIN = 60_000
HOUR = 3_600_000
DAY = 86_400_000

_EPOCH = datetime.datetime(1970, 1, 1)
_day_cache: dict[int, str] = {}


def ts(ms: int) -> str:
    """RFC 3339 UTC with milliseconds and a trailing Z."""
    d, r = divmod(ms, DAY)
    ds = _day_cache.get(d)
    if ds is None:
        ds = (_EPOCH + datetime.timedelta(days=d)).strftime("%Y-%m-%d")
        _day_cache[d] = ds
    h, r = divmod(r, HOUR)
    m, r = divmod(r, MIN)
    s, milli = divmod(r, SEC)
    return f"{ds}T{h:02d}:{m:02d}:{s:02d}.{milli:03d}Z"


def stable_hex(text: str, n: int = 16) -> str:
    """Seed-independent hash (for things that are the same in every world, e.g. 'hi')."""
    return hashlib.sha256(text.encode()).hexdigest()[:n]


class WChoice:
    """Weighted choice with a precomputed cumulative table."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, pairs):
        pairs = [(k, float(w)) for k, w in pairs if w > 0]
        self.items = [k for k, _ in pairs]
        acc = 0.0
        self.cum = []
        for _, w in pairs:
            acc += w
            self.cum.append(acc)
        self.total = acc

    def pick(self, rng):
        i = bisect_right(self.cum, rng.random() * self.total)
        if i >= len(self.items):
            i = len(self.items) - 1
        return self.items[i]


def lognorm(rng, median: float, sigma: float) -> float:
    return median * math.exp(sigma * rng.gauss(0.0, 1.0))


def geometric_count(rng, mean: float) -> int:
    """Count >= 1 with the given mean (shifted exponential, floored)."""
    if mean <= 1.0:
        return 1
    return 1 + int(rng.expovariate(1.0 / (mean - 1.0)) + 0.5)


# ---------------------------------------------------------------- SimHash ---

GREETING_TEXTS = ["hi", "hello", "test", "hey", "hello world", "testing"]
# normalised greeting -> the same 64-bit SimHash for everybody, in every world
GREETINGS = [int(stable_hex("greeting:" + g), 16) for g in GREETING_TEXTS]
GREET_PICK = WChoice(zip(GREETINGS, [0.34, 0.2, 0.24, 0.1, 0.06, 0.06]))


class Template:
    """A prompt template with variable slots.

    ``base`` is the SimHash of the fixed text; filling the slots flips a few of
    the template's *volatile* bits (the bits near the decision boundary).
    Instances sit a few bits from ``base``; unrelated prompts ~32 bits away.
    """

    __slots__ = ("base", "vol", "pos", "dense")

    def __init__(self, rng, nvol=(9, 15), dense=False):
        self.base = rng.getrandbits(64)
        # twice as many candidate bits, each flipped with half the probability:
        # same mean distance, far fewer exact repeats
        k = min(48, 2 * rng.randint(*nvol))
        self.pos = rng.sample(range(64), k)
        v = 0
        for p in self.pos:
            v |= 1 << p
        self.vol = v
        self.dense = dense  # dense: p(flip)=1/4 instead of 1/8 (more varied slots)

    def draw(self, rng) -> int:
        g = rng.getrandbits
        if self.dense:
            m = self.vol & g(64) & g(64)
        else:
            m = self.vol & g(64) & g(64) & g(64)
        if not m:  # filled slots practically always move at least one bit
            m = 1 << self.pos[rng.randrange(len(self.pos))]
        return self.base ^ m


def drift(rng, h: int, lo: int = 2, hi: int = 7) -> int:
    """Next turn of a conversation: the normalised prompt changes a little."""
    for _ in range(rng.randint(lo, hi)):
        h ^= 1 << rng.randrange(64)
    return h


# ------------------------------------------------------ task categories ---
# cat -> (in_median, in_sigma, out_median, out_sigma, cot_lo, cot_hi, cot_pow, think_weight)
CAT = {
    "chat": (110, 1.0, 220, 0.8, 0.0, 0.18, 2.0, 0.2),
    "coding": (1500, 1.0, 700, 0.8, 0.02, 0.4, 1.6, 0.8),
    "reasoning": (380, 0.9, 1200, 0.7, 0.2, 0.9, 1.0, 1.6),
    "tool_use": (5000, 0.9, 260, 0.9, 0.0, 0.16, 2.0, 0.4),
    "writing": (320, 1.0, 800, 0.7, 0.0, 0.22, 2.0, 0.3),
    "analysis": (2800, 1.1, 600, 0.7, 0.08, 0.55, 1.3, 1.0),
    "vision": (1600, 0.4, 300, 0.7, 0.0, 0.15, 2.0, 0.2),
    "other": (200, 1.0, 150, 1.0, 0.0, 0.2, 2.0, 0.2),
}


def cot_for(rng, cat: str) -> float:
    c = CAT[cat]
    return c[4] + (c[5] - c[4]) * rng.random() ** c[6]


def in_tokens(rng, cat: str) -> int:
    c = CAT[cat]
    return max(4, int(lognorm(rng, c[0], c[1])))


def out_tokens(rng, cat: str) -> int:
    c = CAT[cat]
    return max(1, min(16000, int(lognorm(rng, c[2], c[3]))))


# ----------------------------------------------------------------- models ---
NEW_MODEL = "claude-opus-5"
# model -> (ttft_ms, tokens_per_s)
MODELS = {
    "claude-haiku-4-5": (380, 150.0),
    "claude-sonnet-4-5": (750, 72.0),
    "claude-opus-4-1": (1300, 38.0),
    "claude-3-5-haiku": (420, 110.0),
    NEW_MODEL: (1000, 52.0),
}

# ------------------------------------------------------------- user agents ---
SDK_UAS = WChoice([
    ("anthropic-python/0.74.1", 0.28), ("anthropic-python/0.73.0", 0.1),
    ("anthropic-python/0.70.2", 0.05), ("anthropic-typescript/0.68.0", 0.18),
    ("anthropic-typescript/0.66.1", 0.05), ("anthropic-go/1.14.0", 0.05),
    ("anthropic-java/2.10.0", 0.04), ("curl/8.5.0", 0.05),
    ("python-requests/2.32.3", 0.06), ("litellm/1.79.0", 0.06),
    ("langchain-anthropic/0.3.22", 0.06), ("anthropic-ruby/1.8.0", 0.02),
])
OFFICIAL_UAS = WChoice([
    ("anthropic-python/0.74.1", 0.45), ("anthropic-python/0.73.0", 0.15),
    ("anthropic-typescript/0.68.0", 0.3), ("anthropic-go/1.14.0", 0.05),
    ("anthropic-java/2.10.0", 0.05),
])

# ------------------------------------------------------------ diurnal curves ---
# activity weight by local hour (0..23), max 1.0
CURVES = {
    "home": [0.12, 0.07, 0.05, 0.04, 0.04, 0.06, 0.14, 0.28, 0.45, 0.6, 0.7, 0.75,
             0.74, 0.75, 0.76, 0.75, 0.74, 0.78, 0.84, 0.9, 1.0, 0.95, 0.7, 0.35],
    "office": [0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.04, 0.15, 0.5, 0.95, 1.0, 1.0,
               0.7, 0.9, 1.0, 1.0, 0.95, 0.75, 0.4, 0.17, 0.09, 0.06, 0.04, 0.03],
    "student": [0.45, 0.3, 0.15, 0.06, 0.03, 0.03, 0.05, 0.12, 0.3, 0.45, 0.55, 0.6,
                0.55, 0.6, 0.65, 0.65, 0.7, 0.7, 0.75, 0.85, 0.95, 1.0, 0.95, 0.75],
    "dev": [0.2, 0.12, 0.07, 0.05, 0.04, 0.05, 0.1, 0.25, 0.55, 0.85, 1.0, 1.0,
            0.8, 0.95, 1.0, 1.0, 0.95, 0.8, 0.6, 0.55, 0.6, 0.6, 0.5, 0.35],
    "flat": [1.0] * 24,
    "business": [0.55, 0.5, 0.5, 0.5, 0.5, 0.55, 0.6, 0.75, 0.9, 1.0, 1.0, 1.0,
                 1.0, 1.0, 1.0, 1.0, 0.95, 0.9, 0.8, 0.7, 0.65, 0.6, 0.6, 0.55],
}


def shifted_curve(name: str, shift: int) -> list:
    c = CURVES[name]
    return [c[(h - shift) % 24] for h in range(24)]


# ------------------------------------------------------------- countries ---
# cc, utc offset (hours), weight among individual users
COUNTRIES = [
    ("US", -6, 0.21), ("IN", 5.5, 0.08), ("GB", 0, 0.06), ("DE", 1, 0.06),
    ("BR", -3, 0.05), ("FR", 1, 0.04), ("JP", 9, 0.04), ("CA", -5, 0.03),
    ("KR", 9, 0.03), ("SG", 8, 0.02), ("AU", 11, 0.02), ("NL", 1, 0.02),
    ("ES", 1, 0.02), ("IT", 1, 0.02), ("MX", -6, 0.02), ("ID", 7, 0.03),
    ("PL", 1, 0.02), ("SE", 1, 0.01), ("VN", 7, 0.02), ("PH", 8, 0.02),
    ("NG", 1, 0.02), ("TR", 3, 0.02), ("PK", 5, 0.015), ("EG", 2, 0.01),
    ("AR", -3, 0.01), ("CL", -3, 0.008), ("ZA", 2, 0.008), ("TW", 8, 0.015),
    ("TH", 7, 0.01), ("UA", 2, 0.01), ("IL", 2, 0.01), ("AE", 4, 0.01),
    ("HK", 8, 0.01), ("MY", 8, 0.01), ("KE", 3, 0.006), ("CO", -5, 0.008),
]
TZ = {cc: tz for cc, tz, _ in COUNTRIES}
COUNTRY_PICK = WChoice([(cc, w) for cc, _, w in COUNTRIES])


class Networks:
    """Synthetic address space: residential ISPs, mobile carriers (CGNAT),
    hosting providers, VPN exits, campuses. Residential proxy pools sample the
    very same prefixes as households."""

    def __init__(self, rng):
        self.rng = rng
        asns = rng.sample(range(64512, 65535), 400)
        self._asn_iter = iter(asns)
        self._frag: dict = {}
        self.res = {}      # cc -> list of (asn, v4_second_octet, v6_group, weight)
        v4 = list(range(1, 256))
        rng.shuffle(v4)
        v4_iter = iter(v4)
        for cc, _, w in COUNTRIES:
            n = 3 if w >= 0.05 else (2 if w >= 0.015 else 1)
            lst = []
            for _ in range(n):
                lst.append((next(self._asn_iter), next(v4_iter), rng.randrange(0x1000, 0xffff),
                            rng.uniform(0.3, 1.0)))
            self.res[cc] = lst
        self.res_pick = {cc: WChoice([(x, x[3]) for x in lst]) for cc, lst in self.res.items()}
        # mobile carriers: public CGNAT pools, many subscribers per address
        self.mobile = {}
        third = 64
        for cc, _, w in COUNTRIES:
            lst = []
            for _ in range(2 if w >= 0.03 else 1):
                asn = next(self._asn_iter)
                size = rng.randint(30, 120)
                pool = [f"100.{third}.{rng.randrange(256)}.{rng.randrange(1, 255)}" for _ in range(size)]
                third = third + 1 if third < 127 else 64
                lst.append((asn, pool))
            self.mobile[cc] = lst
        # hosting / cloud providers: (asn, region cc, second octet in 172.16/12)
        self.hosting = []
        regions = ["US", "US", "DE", "SG", "NL", "GB", "JP", "US", "IN", "BR", "AU", "FR"]
        for i, cc in enumerate(regions):
            self.hosting.append((next(self._asn_iter), cc, 16 + (i % 16)))
        # VPN providers: their own ASN, exits around the world
        self.vpn = []
        for i in range(4):
            asn = next(self._asn_iter)
            exits = []
            for _ in range(rng.randint(25, 70)):
                cc = COUNTRY_PICK.pick(rng)
                exits.append((f"198.{18 + (i & 1)}.{rng.randrange(256)}.{rng.randrange(1, 255)}", cc))
            self.vpn.append((asn, exits))
        self._campus_i = 0
        self._ipv6_p = rng.uniform(0.12, 0.25)

    def next_asn(self) -> int:
        return next(self._asn_iter)

    def frag(self, ip: str, asn, cc) -> str:
        key = (ip, asn, cc)
        f = self._frag.get(key)
        if f is None:
            a = "null" if asn is None else str(asn)
            c = "null" if cc is None else f'"{cc}"'
            f = f'"client_ip":"{ip}","asn":{a},"country":{c},'
            self._frag[key] = f
        return f

    # --- address drawing -------------------------------------------------
    def household(self, rng, cc: str, allow_v6: bool = True) -> str:
        asn, o2, g6, _ = self.res_pick[cc].pick(rng)
        if allow_v6 and rng.random() < self._ipv6_p:
            ip = "2001:db8:%x:%x:%x:%x:%x:%x" % (g6, rng.randrange(65536), rng.randrange(65536),
                                                  rng.randrange(65536), rng.randrange(65536),
                                                  rng.randrange(1, 65536))
        else:
            ip = f"10.{o2}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        return self.frag(ip, asn, cc)

    def household_raw(self, rng, cc: str):
        asn, o2, _, _ = self.res_pick[cc].pick(rng)
        return f"10.{o2}.{rng.randrange(256)}.{rng.randrange(1, 255)}", asn

    def mobile_frag(self, rng, cc: str, carrier=None) -> str:
        lst = self.mobile[cc]
        asn, pool = lst[carrier % len(lst)] if carrier is not None else rng.choice(lst)
        return self.frag(rng.choice(pool), asn, cc)

    def hosting_ip(self, rng, provider=None, block=None):
        p = self.hosting[provider] if provider is not None else rng.choice(self.hosting)
        asn, cc, o2 = p
        b = block if block is not None else rng.randrange(256)
        return f"172.{o2}.{b}.{rng.randrange(2, 254)}", asn, cc

    def vpn_frag(self, rng, provider: int) -> str:
        asn, exits = self.vpn[provider]
        ip, cc = rng.choice(exits)
        return self.frag(ip, asn, cc)

    def campus(self, rng, cc: str):
        """A university: own ASN, 1-3 NAT egress addresses."""
        asn = next(self._asn_iter)
        i = self._campus_i
        self._campus_i += 1
        ips = [f"192.168.{i % 256}.{rng.randrange(2, 254)}" for _ in range(rng.randint(1, 3))]
        return [self.frag(ip, asn, cc) for ip in ips]


# ---------------------------------------------------------------- accounts ---


class Account:
    __slots__ = ("id", "head", "mid", "group", "campaign", "first", "n")

    def __init__(self, acct_id, org_id, created_ms, payment, group, campaign=None):
        self.id = acct_id
        org = "null" if org_id is None else f'"{org_id}"'
        pay = "null" if payment is None else f'"{payment}"'
        self.head = f'"account_id":"{acct_id}","org_id":{org},'
        self.mid = f'"account_created_at":"{ts(created_ms)}","payment_fingerprint":{pay},'
        self.group = group
        self.campaign = campaign
        self.first = None
        self.n = 0


def sp_frag(h):
    return "null" if h is None else f'"{h}"'
