"""Address plan of the cirrus world: residential ISPs, carrier-grade NATs, VPN exits, hosting ranges,
campus and corporate NATs. Residential proxy pools draw from the very same ISP space as households."""
from __future__ import annotations

from random import Random

from .core import Cum

# country -> (utc offset minutes in November, population weight, residential ASNs, mobile ASNs)
COUNTRIES = {
    "US": (-300, 26, [7922, 7018, 701, 20115, 22773, 209], [21928, 6167, 20057]),
    "IN": (330, 9, [24560, 9829, 18101], [55836, 45609, 38266]),
    "GB": (0, 6, [2856, 5089, 13285, 5607], [12576, 25135]),
    "DE": (60, 6, [3320, 3209, 6805, 8881], [29247, 6805]),
    "FR": (60, 4, [3215, 12322, 5410, 15557], [51207]),
    "JP": (540, 4, [4713, 2516, 17676], [9605]),
    "BR": (-180, 4, [28573, 26599, 18881], [26615]),
    "CA": (-300, 4, [812, 577, 6327], [22652]),
    "KR": (540, 3, [4766, 9318], [17858]),
    "AU": (660, 2, [1221, 4804], [4804]),
    "SG": (480, 2, [7473, 55430], [45143]),
    "NL": (60, 2, [1136, 33915], [31615]),
    "ES": (60, 2, [3352, 12479], [12430]),
    "PL": (60, 2, [5617, 6830], [12912]),
    "VN": (420, 2, [7552, 45899], [24086]),
    "ID": (420, 2, [7713, 17974], [23693]),
    "TR": (180, 1.5, [9121, 47331], [16135]),
    "MX": (-360, 2, [8151, 28548], [28403]),
    "PH": (480, 1.5, [9299, 132199], [132199]),
    "NG": (60, 1, [29465, 36873], [29465]),
    "IT": (60, 2, [3269, 30722], [24608]),
    "SE": (60, 1, [3301, 2119], [1257]),
}
# US spans several zones
US_TZ = [(-300, 47), (-360, 29), (-420, 7), (-480, 17)]

HOSTING = [  # asn, countries
    (16509, ["US", "US", "DE", "IE", "SG", "JP"]), (15169, ["US", "NL", "BE", "SG"]),
    (8075, ["US", "NL", "IE", "GB"]), (14061, ["US", "NL", "DE", "SG", "IN"]),
    (24940, ["DE", "FI"]), (16276, ["FR", "CA", "DE"]), (63949, ["US", "DE"]),
    (20473, ["US", "JP", "NL"]), (31898, ["US", "KR"]), (396982, ["US", "BE"]),
]
VPN_ASNS = [9009, 60068, 60781, 62240, 212238]
UNI = {"US": [3, 25, 38, 59], "GB": [786], "DE": [680], "FR": [2200], "JP": [2907], "AU": [7575],
       "KR": [9270], "IN": [55824], "BR": [1916], "CA": [271], "SG": [7472], "NL": [1103]}

_RESERVED_FIRST = {0, 10, 100, 127, 169, 172, 192, 198, 203, 224}


class Endpoint:
    """Base network behaviour of an account."""
    rotating = False

    def session(self, rng: Random):
        raise NotImplementedError


class Fixed(Endpoint):
    __slots__ = ("addr",)

    def __init__(self, addr):
        self.addr = addr

    def session(self, rng):
        return self.addr


class Pool(Endpoint):
    """One address per session from a shared pool (CGNAT, corporate NAT, VPN exits, hosting)."""
    __slots__ = ("addrs",)

    def __init__(self, addrs):
        self.addrs = addrs

    def session(self, rng):
        a = self.addrs
        return a[rng.randrange(len(a))]


class Mixed(Endpoint):
    __slots__ = ("parts",)

    def __init__(self, parts):  # list of (weight, Endpoint)
        self.parts = Cum([(ep, wt) for wt, ep in parts])

    def session(self, rng):
        return self.parts.pick(rng).session(rng)


class V6Mobile(Endpoint):
    """A handset on an IPv6 carrier: a fresh /64 interface address every session."""
    __slots__ = ("prefix", "asn", "cc")

    def __init__(self, prefix, asn, cc):
        self.prefix, self.asn, self.cc = prefix, asn, cc

    def session(self, rng):
        g = rng.getrandbits(64)
        return (self.prefix + ":%x:%x:%x:%x" % (g >> 48, (g >> 32) & 0xFFFF, (g >> 16) & 0xFFFF, g & 0xFFFF),
                self.asn, self.cc)


class Rotating(Endpoint):
    """Residential proxy: a new exit per request, drawn from households' address space."""
    rotating = True
    __slots__ = ("plan", "ccs", "mobile_p")

    def __init__(self, plan, ccs, mobile_p=0.15):
        self.plan, self.ccs, self.mobile_p = plan, ccs, mobile_p

    def session(self, rng):
        cc = self.ccs.pick(rng)
        if rng.random() < self.mobile_p:
            return self.plan.cgnat_addr(rng, cc)
        return self.plan.home_addr(rng, cc)


class NetPlan:
    def __init__(self, rng: Random, scale: float):
        self.rng = rng
        self.taken16: set[tuple[int, int]] = set()
        self.isp_prefixes: dict[int, list[tuple[int, int]]] = {}
        self.res: dict[str, list[int]] = {}
        self.mob: dict[str, list[int]] = {}
        self.cgnat: dict[int, list[tuple]] = {}
        self.v6: dict[int, str] = {}
        self.country_w = Cum([(c, v[1]) for c, v in COUNTRIES.items()])
        self.us_tz = Cum(US_TZ)
        for cc, (_tz, _w, res, mob) in COUNTRIES.items():
            self.res[cc] = res
            self.mob[cc] = mob
            for asn in res + mob:
                if asn not in self.isp_prefixes:
                    self.isp_prefixes[asn] = [self._p16() for _ in range(rng.randint(3, 7))]
            for asn in mob:
                if asn not in self.cgnat:
                    n = max(24, int(rng.randint(40, 160) * min(1.0, 0.3 + scale / 10)))
                    self.cgnat[asn] = [(self._ip_in(asn), asn, cc) for _ in range(n)]
                    self.v6[asn] = "2%03x:%x:%x:%x" % (rng.randrange(0x400, 0xa00), rng.getrandbits(16),
                                                       rng.getrandbits(16), rng.getrandbits(12))
        self.host_prefixes = {asn: [self._p16() for _ in range(6)] for asn, _ in HOSTING}
        self.host_cc = dict(HOSTING)
        self.hosting = Cum([(asn, w) for (asn, _), w in zip(HOSTING, [30, 14, 14, 12, 10, 8, 4, 4, 2, 2])])
        # commercial VPN exits, shared by many users, in many countries
        self.vpn_exits = []
        n_exit = max(30, int(25 * scale ** 0.7))
        ccs = ["US", "US", "GB", "DE", "NL", "SE", "CA", "JP", "SG", "FR", "CH", "AU", "ES"]
        vp = {asn: [self._p16() for _ in range(3)] for asn in VPN_ASNS}
        for _ in range(n_exit):
            asn = VPN_ASNS[rng.randrange(len(VPN_ASNS))]
            a, b = vp[asn][rng.randrange(3)]
            cc = ccs[rng.randrange(len(ccs))] if rng.random() > 0.03 else None
            self.vpn_exits.append(("%d.%d.%d.%d" % (a, b, rng.randrange(256), rng.randrange(1, 255)), asn, cc))
        self.uni_prefix = {asn: self._p16() for lst in UNI.values() for asn in lst}
        self.corp_asn_next = 395000 + rng.randrange(4000)

    # ---------- low level ----------
    def _p16(self):
        rng = self.rng
        while True:
            a = rng.randint(2, 223)
            if a in _RESERVED_FIRST:
                continue
            b = rng.randrange(256)
            if (a, b) not in self.taken16:
                self.taken16.add((a, b))
                return (a, b)

    def _ip_in(self, asn):
        rng = self.rng
        pre = self.isp_prefixes[asn]
        a, b = pre[rng.randrange(len(pre))]
        return "%d.%d.%d.%d" % (a, b, rng.randrange(256), rng.randrange(1, 255))

    # ---------- people ----------
    def country(self, rng: Random, ccs: Cum | None = None):
        cc = (ccs or self.country_w).pick(rng)
        tz = self.us_tz.pick(rng) if cc == "US" else COUNTRIES.get(cc, (0,))[0]
        return cc, tz

    def home_addr(self, rng: Random, cc: str):
        res = self.res[cc]
        asn = res[rng.randrange(len(res))]
        pre = self.isp_prefixes[asn]
        a, b = pre[rng.randrange(len(pre))]
        return ("%d.%d.%d.%d" % (a, b, rng.randrange(256), rng.randrange(1, 255)), asn, cc)

    def cgnat_addr(self, rng: Random, cc: str):
        mob = self.mob[cc]
        pool = self.cgnat[mob[rng.randrange(len(mob))]]
        return pool[rng.randrange(len(pool))]

    def home(self, rng: Random, cc: str) -> Endpoint:
        return Fixed(self.home_addr(rng, cc))

    def mobile(self, rng: Random, cc: str) -> Endpoint:
        mob = self.mob[cc]
        asn = mob[rng.randrange(len(mob))]
        if rng.random() < 0.3:
            return V6Mobile(self.v6[asn], asn, cc)
        return Pool(self.cgnat[asn])

    def vpn(self, rng: Random) -> Endpoint:
        k = rng.randint(2, 6)
        return Pool([self.vpn_exits[rng.randrange(len(self.vpn_exits))] for _ in range(k)])

    def hosting_addrs(self, rng: Random, k: int, asn: int | None = None, same24: bool = False):
        asn = asn or self.hosting.pick(rng)
        ccs = self.host_cc[asn]
        cc = ccs[rng.randrange(len(ccs))]
        pre = self.host_prefixes[asn]
        a, b = pre[rng.randrange(len(pre))]
        c = rng.randrange(256)
        out = []
        for _ in range(k):
            if not same24:
                c = rng.randrange(256)
            out.append(("%d.%d.%d.%d" % (a, b, c, rng.randrange(1, 255)), asn, cc))
        return out

    def corporate(self, rng: Random, cc: str, k: int = 1, own_asn: bool | None = None):
        """Corporate NAT: one to a few egress addresses, own ASN or an ISP business range."""
        if own_asn is None:
            own_asn = rng.random() < 0.4
        if own_asn:
            asn = self.corp_asn_next
            self.corp_asn_next += rng.randint(1, 40)
            a, b = self._p16()
        else:
            res = self.res[cc]
            asn = res[rng.randrange(len(res))]
            pre = self.isp_prefixes[asn]
            a, b = pre[rng.randrange(len(pre))]
        c = rng.randrange(256)
        return [("%d.%d.%d.%d" % (a, b, c, rng.randrange(1, 255)), asn, cc) for _ in range(k)]

    def campus(self, rng: Random, cc: str, k: int = 2):
        lst = UNI.get(cc) or UNI["US"]
        asn = lst[rng.randrange(len(lst))]
        a, b = self.uni_prefix[asn]
        if cc not in UNI:
            cc = "US"
        return [("%d.%d.%d.%d" % (a, b, rng.randrange(256), rng.randrange(1, 255)), asn, cc) for _ in range(k)], cc

    def consumer(self, rng: Random, cc: str, home=0.58, mobile=0.24, vpn=0.1, corp=0.08,
                 corp_pool: list | None = None) -> Endpoint:
        """A person's network: household, phone on a CGNAT, commercial VPN or office NAT."""
        r = rng.random() * (home + mobile + vpn + corp)
        if r < home:
            if rng.random() < 0.25:  # laptop at home and on the phone
                return Mixed([(0.7, self.home(rng, cc)), (0.3, self.mobile(rng, cc))])
            return self.home(rng, cc)
        r -= home
        if r < mobile:
            return self.mobile(rng, cc)
        r -= mobile
        if r < vpn:
            return self.vpn(rng)
        if corp_pool:
            return Pool(corp_pool[rng.randrange(len(corp_pool))])
        return Pool(self.corporate(rng, cc))
