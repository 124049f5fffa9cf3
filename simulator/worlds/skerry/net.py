"""The address space: countries, ISPs, carriers, hosting, VPNs, campuses, and network profiles.

The table of networks is a fixed property of the world (independent of the seed), so the same
address always maps to the same asn/country. Benign households and residential proxies share it.
"""
import random

# country -> (user weight, [(utc offset in November, weight)])
COUNTRIES = {
    "US": (30, [(-5, 45), (-6, 30), (-7, 7), (-8, 18)]),
    "IN": (8, [(5.5, 1)]), "GB": (6, [(0, 1)]), "DE": (5, [(1, 1)]), "BR": (4, [(-3, 1)]),
    "CA": (4, [(-5, 60), (-8, 25), (-7, 15)]), "JP": (4, [(9, 1)]), "FR": (3, [(1, 1)]),
    "KR": (3, [(9, 1)]), "AU": (3, [(11, 75), (10.5, 15), (8, 10)]), "SG": (2, [(8, 1)]),
    "NL": (2, [(1, 1)]), "PL": (2, [(1, 1)]), "ES": (2, [(1, 1)]), "IT": (2, [(1, 1)]),
    "VN": (2, [(7, 1)]), "ID": (2, [(7, 70), (8, 30)]), "PH": (1.5, [(8, 1)]), "MX": (1.5, [(-6, 1)]),
    "TW": (1.5, [(8, 1)]), "NG": (1, [(1, 1)]), "ZA": (1, [(2, 1)]), "IL": (1, [(2, 1)]),
    "TR": (1, [(3, 1)]), "AE": (1, [(4, 1)]), "SE": (1, [(1, 1)]), "IE": (0.7, [(0, 1)]),
    "NZ": (0.5, [(13, 1)]), "FI": (0.4, [(2, 1)]),
}

# residential ISPs: country -> [(asn, weight, ipv6 share)]
RESIDENTIAL = {
    "US": [(7922, 30, 0.6), (20115, 20, 0.3), (7018, 15, 0.5), (701, 10, 0.3), (22773, 6, 0.3),
           (209, 6, 0.1), (5650, 4, 0.1), (11427, 5, 0.3)],
    "IN": [(24560, 30, 0.4), (55836, 40, 0.8), (9829, 10, 0.1), (24309, 20, 0.3)],
    "GB": [(2856, 35, 0.5), (5089, 25, 0.1), (13285, 15, 0.1), (5607, 25, 0.5)],
    "DE": [(3320, 45, 0.6), (3209, 30, 0.4), (6805, 15, 0.2), (8881, 10, 0.3)],
    "BR": [(28573, 35, 0.4), (18881, 35, 0.5), (8167, 15, 0.1), (26615, 15, 0.3)],
    "CA": [(812, 30, 0.2), (577, 35, 0.3), (6327, 20, 0.3), (5769, 15, 0.1)],
    "JP": [(4713, 35, 0.5), (2516, 30, 0.5), (17676, 25, 0.4), (2527, 10, 0.3)],
    "FR": [(3215, 40, 0.5), (12322, 30, 0.7), (15557, 20, 0.3), (5410, 10, 0.4)],
    "KR": [(4766, 45, 0.1), (9318, 35, 0.1), (3786, 20, 0.1)],
    "AU": [(1221, 40, 0.4), (4804, 25, 0.2), (7545, 30, 0.2), (4739, 5, 0.5)],
    "SG": [(9506, 45, 0.3), (4657, 30, 0.2), (17547, 25, 0.1)],
    "NL": [(1136, 40, 0.4), (33915, 45, 0.3), (50266, 15, 0.2)],
    "PL": [(5617, 40, 0.2), (6830, 35, 0.3), (12741, 25, 0.1)],
    "ES": [(3352, 45, 0.2), (12479, 30, 0.1), (12430, 25, 0.1)],
    "IT": [(3269, 45, 0.1), (30722, 30, 0.1), (12874, 25, 0.2)],
    "VN": [(7552, 45, 0.4), (45899, 35, 0.3), (18403, 20, 0.3)],
    "ID": [(7713, 60, 0.2), (17451, 20, 0.1), (24203, 20, 0.1)],
    "PH": [(9299, 60, 0.1), (132199, 40, 0.1)],
    "MX": [(8151, 55, 0.3), (17072, 25, 0.1), (28548, 20, 0.1)],
    "TW": [(3462, 70, 0.3), (9924, 30, 0.1)],
    "NG": [(29465, 40, 0.0), (36873, 35, 0.0), (37282, 25, 0.0)],
    "ZA": [(37457, 40, 0.1), (36994, 35, 0.1), (3741, 25, 0.1)],
    "IL": [(8551, 50, 0.2), (12849, 50, 0.2)],
    "TR": [(9121, 55, 0.1), (34984, 45, 0.1)],
    "AE": [(5384, 60, 0.3), (15802, 40, 0.2)],
    "SE": [(3301, 50, 0.3), (39651, 50, 0.2)],
    "IE": [(5466, 45, 0.2), (6830, 30, 0.3), (15502, 25, 0.1)],
    "NZ": [(4771, 50, 0.3), (9500, 30, 0.2), (9790, 20, 0.3)],
    "FI": [(1759, 50, 0.3), (16086, 50, 0.3)],
}

# mobile carriers (carrier-grade NAT pools): country -> [(asn, weight)]
MOBILE = {
    "US": [(21928, 40), (6167, 30), (20057, 30)], "IN": [(55836, 50), (45609, 40), (38266, 20)],
    "GB": [(25135, 30), (12576, 40), (206067, 30)], "DE": [(6805, 40), (3209, 30), (3320, 30)],
    "BR": [(26615, 35), (28573, 30), (18881, 35)], "CA": [(812, 40), (577, 40), (852, 20)],
    "JP": [(2516, 35), (17676, 35), (9605, 30)], "FR": [(3215, 35), (51207, 25), (15557, 20), (5410, 20)],
    "KR": [(4766, 35), (9644, 40), (17858, 25)], "AU": [(1221, 50), (4804, 30), (133612, 20)],
    "SG": [(9506, 50), (4657, 30), (17547, 20)], "NL": [(1136, 50), (50266, 50)],
    "PL": [(12912, 50), (39603, 50)], "ES": [(3352, 50), (12430, 50)], "IT": [(16232, 50), (30722, 50)],
    "VN": [(7552, 60), (45899, 40)], "ID": [(23693, 55), (24203, 25), (4761, 20)],
    "PH": [(132199, 55), (10139, 45)], "MX": [(28403, 60), (11888, 40)], "TW": [(24158, 50), (9674, 50)],
    "NG": [(29465, 50), (36873, 30), (37148, 20)], "ZA": [(36994, 55), (16637, 45)],
    "IL": [(12400, 50), (8551, 50)], "TR": [(16135, 55), (15897, 45)], "AE": [(5384, 60), (15802, 40)],
    "SE": [(3301, 50), (1257, 50)], "IE": [(15502, 50), (13280, 50)], "NZ": [(4771, 50), (9500, 50)],
    "FI": [(1759, 50), (16086, 50)],
}

HOSTING = {
    "aws": (16509, ["US", "IE", "DE", "GB", "FR", "JP", "SG", "IN", "AU", "BR", "CA", "KR", "SE"]),
    "gcp": (396982, ["US", "NL", "DE", "GB", "JP", "SG", "IN", "AU", "BR", "TW"]),
    "azure": (8075, ["US", "NL", "IE", "GB", "JP", "SG", "IN", "AU", "KR"]),
    "hetzner": (24940, ["DE", "FI", "US"]),
    "ovh": (16276, ["FR", "DE", "GB", "PL", "CA"]),
    "digitalocean": (14061, ["US", "NL", "DE", "GB", "SG", "IN", "CA", "AU"]),
    "vultr": (20473, ["US", "JP", "SG", "DE", "GB", "NL", "AU", "KR"]),
    "linode": (63949, ["US", "DE", "GB", "JP", "SG", "IN", "AU", "CA"]),
    "oracle": (31898, ["US", "JP", "KR", "DE", "GB", "BR"]),
}
VPN = {
    "m247": (9009, ["GB", "US", "DE", "NL", "FR", "SG", "JP", "CA", "AU", "ES", "IT", "SE", "PL"]),
    "datacamp": (60068, ["US", "GB", "DE", "NL", "SG", "JP", "FR", "CA"]),
    "leaseweb": (60781, ["NL", "US", "DE", "SG", "GB"]),
    "packethub": (147049, ["US", "GB", "NL", "DE", "CA", "AU"]),
}
WARP_ASN = 13335
ZSCALER_ASN = 53813
ZSCALER_COUNTRIES = ["US", "GB", "DE", "IN", "JP", "FR", "SG", "NL", "AU", "CA", "BR", "IT", "ES"]
UNIVERSITY = {
    "US": [3, 32, 25, 73, 7377, 87, 1312], "GB": [786], "DE": [680], "FR": [2200], "JP": [2907],
    "KR": [17579], "AU": [7575], "BR": [1916], "IN": [55824], "CA": [271, 376], "SG": [7472],
    "NL": [1103], "PL": [8501], "ES": [766], "IT": [137], "SE": [1653], "IL": [378], "TW": [1659],
}

_V6_REGION = {"US": 0x2600, "CA": 0x2600, "MX": 0x2800, "BR": 0x2800}
_APAC = {"IN", "JP", "KR", "AU", "SG", "VN", "ID", "PH", "TW", "NZ"}


def _bad_first(a):
    return a in (0, 10, 100, 127, 169, 172, 192, 198, 203) or a >= 224


def _q(s):
    return "null" if s is None else '"' + s + '"'


def _u(sid, salt):
    """Deterministic uniform in [0,1) for a (session, profile) pair."""
    x = ((sid + 1) * 0x9E3779B1 + salt) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x2C1B3C6D) & 0xFFFFFFFF
    x ^= x >> 12
    x = (x * 0x297A2D39) & 0xFFFFFFFF
    x ^= x >> 15
    return x / 4294967296.0


class Prefix:
    __slots__ = ("base", "size", "asn", "cc", "nullgeo")

    def __init__(self, base, size, asn, cc, nullgeo):
        self.base, self.size, self.asn, self.cc, self.nullgeo = base, size, asn, cc, nullgeo

    def ep(self, off):
        x = self.base + (off % self.size)
        if x & 255 in (0, 255):
            x ^= 1 if x & 255 == 0 else 3
        ip = "%d.%d.%d.%d" % (x >> 24, (x >> 16) & 255, (x >> 8) & 255, x & 255)
        if self.nullgeo:
            return ('"' + ip + '"', str(self.asn), "null")
        return ('"' + ip + '"', str(self.asn), '"' + self.cc + '"')

    def rand(self, rng):
        return self.ep(rng.randrange(self.size))


def _wchoice(rng, items):
    tot = 0.0
    for it in items:
        tot += it[1]
    r = rng.random() * tot
    for it in items:
        r -= it[1]
        if r <= 0:
            return it
    return items[-1]


class Internet:
    """Fixed table of prefixes, plus shared pools (CGNAT, VPN exits, WARP, Zscaler)."""

    def __init__(self):
        r = random.Random(917_2026)
        self._used = set()
        self._r = r
        self.res = {}      # (cc, asn) -> [Prefix]
        self.mob = {}      # (cc, asn) -> [Prefix]
        self.host = {}     # (provider, cc) -> [Prefix]
        self.vpnp = {}     # (provider, cc) -> [Prefix]
        self.univ = {}     # (cc, asn) -> Prefix
        self.v6 = {}       # (cc, asn) -> first two groups
        for cc, lst in RESIDENTIAL.items():
            for asn, _w, v6 in lst:
                k = 3 + int(r.random() * 5)
                self.res[(cc, asn)] = [self._alloc16(asn, cc, r.random() < 0.02) for _ in range(k)]
                if v6 > 0:
                    hi = _V6_REGION.get(cc, 0x2400 if cc in _APAC else (0x2c0f if cc in ("NG", "ZA") else 0x2a00))
                    self.v6[(cc, asn)] = "%x:%x" % (hi + r.randrange(16), r.randrange(0x100, 0xffff))
        for cc, lst in MOBILE.items():
            for asn, _w in lst:
                self.mob[(cc, asn)] = [self._alloc16(asn, cc, r.random() < 0.03, 18) for _ in range(2 + int(r.random() * 3))]
        for prov, (asn, ccs) in HOSTING.items():
            for cc in ccs:
                self.host[(prov, cc)] = [self._alloc16(asn, cc, False, 20) for _ in range(2 + int(r.random() * 4))]
        for prov, (asn, ccs) in VPN.items():
            for cc in ccs:
                self.vpnp[(prov, cc)] = [self._alloc16(asn, cc, False, 22)]
        for cc, asns in UNIVERSITY.items():
            for asn in asns:
                self.univ[(cc, asn)] = self._alloc16(asn, cc, False, 16)
        # shared pools
        self.warp = {}
        for cc in COUNTRIES:
            p = self._alloc16(WARP_ASN, cc, False, 22)
            self.warp[cc] = [p.ep(r.randrange(p.size)) for _ in range(24 + int(r.random() * 60))]
        self.zscaler = {}
        for cc in ZSCALER_COUNTRIES:
            p = self._alloc16(ZSCALER_ASN, cc, False, 22)
            self.zscaler[cc] = [p.ep(r.randrange(p.size)) for _ in range(16 + int(r.random() * 30))]
        self.vpn_exits = []
        for (prov, cc), ps in sorted(self.vpnp.items()):
            for _ in range(6 + int(r.random() * 20)):
                self.vpn_exits.append((cc, ps[0].ep(r.randrange(ps[0].size))))
        self._cgnat = {}

    def _alloc16(self, asn, cc, nullgeo, plen=16):
        r = self._r
        while True:
            a = r.randrange(1, 224)
            if _bad_first(a):
                continue
            b = r.randrange(256)
            if (a, b) in self._used:
                continue
            self._used.add((a, b))
            size = 1 << (32 - plen)
            sub = 0 if plen <= 16 else r.randrange(1 << (plen - 16)) * size
            return Prefix((a << 24) | (b << 16) | sub, size, asn, cc, nullgeo)

    # ---- draws -----------------------------------------------------------
    def res_asn(self, cc, rng):
        return _wchoice(rng, RESIDENTIAL[cc])

    def res_ip(self, cc, rng, asn=None):
        if asn is None:
            asn = _wchoice(rng, RESIDENTIAL[cc])[0]
        return rng.choice(self.res[(cc, asn)]).rand(rng)

    def cgnat_pool(self, cc, asn):
        key = (cc, asn)
        pool = self._cgnat.get(key)
        if pool is None:
            r = random.Random("cgnat/%s/%d" % key)
            ps = self.mob[key]
            pool = [r.choice(ps).rand(r) for _ in range(40 + int(r.random() * 160))]
            self._cgnat[key] = pool
        return pool

    def mobile_carrier(self, cc, rng):
        return _wchoice(rng, MOBILE[cc])[0]

    def mobile_ip(self, cc, rng, asn=None):
        if asn is None:
            asn = _wchoice(rng, MOBILE[cc])[0]
        return rng.choice(self.cgnat_pool(cc, asn))

    def hosting_ips(self, prov, cc, rng, n):
        ps = self.host[(prov, cc)]
        return [rng.choice(ps).rand(rng) for _ in range(n)]

    def hosting_regions(self, prov):
        return HOSTING[prov][1]

    def univ_ips(self, cc, rng, n):
        asn = rng.choice(UNIVERSITY[cc])
        p = self.univ[(cc, asn)]
        return [p.rand(rng) for _ in range(n)], p

    def v6_prefix(self, cc, asn):
        return self.v6.get((cc, asn))


def pick_country(rng, weights=None):
    if weights is None:
        items = [(c, v[0]) for c, v in COUNTRIES.items()]
    else:
        items = weights
    return _wchoice(rng, items)[0]


def pick_tz(cc, rng):
    return _wchoice(rng, COUNTRIES[cc][1])[0]


# --------------------------------------------------------------------------------------------
# Network profiles: .ip(t_ms, session_id, rng) -> (ip_json, asn_json, country_json)
# --------------------------------------------------------------------------------------------

class Household:
    """A home connection: a stable IPv4 (rarely re-leased) and maybe an IPv6 /64."""
    __slots__ = ("cc", "asn", "v4", "v6", "v6share", "v6geo", "_day", "_v6ep")

    def __init__(self, inet, cc, rng):
        self.cc = cc
        asn, _w, v6share = inet.res_asn(cc, rng)
        self.asn = asn
        self.v4 = inet.res_ip(cc, rng, asn)
        pre = inet.v6_prefix(cc, asn)
        if pre is not None and rng.random() < v6share:
            self.v6 = "%s:%x:%x" % (pre, rng.randrange(0x10, 0xffff), rng.randrange(0x100, 0xffff))
            self.v6share = 0.5 + 0.45 * rng.random()
            self.v6geo = (str(asn), '"' + cc + '"') if rng.random() > 0.03 else ("null", "null")
        else:
            self.v6 = None
            self.v6share = 0.0
            self.v6geo = None
        self._day = None
        self._v6ep = None

    def ip(self, t, rng):
        if self.v6 is not None and rng.random() < self.v6share:
            d = t // 86_400_000
            if d != self._day:
                r = random.Random("%s/%d" % (self.v6, d))
                iid = ":".join("%x" % r.randrange(1, 0x10000) for _ in range(4))
                self._v6ep = ('"' + self.v6 + ":" + iid + '"', self.v6geo[0], self.v6geo[1])
                self._day = d
            return self._v6ep
        return self.v4


class Fixed:
    """One or a few fixed egress addresses (server, NAT gateway, static proxy)."""
    __slots__ = ("eps",)

    def __init__(self, eps):
        self.eps = list(eps)

    def ip(self, t, sess, rng):
        e = self.eps
        return e[0] if len(e) == 1 else e[int(rng.random() * len(e))]


class Pool:
    """Per-session (sticky) or per-request pick from a shared pool (CGNAT, VPN, WARP)."""
    __slots__ = ("pool", "per_request", "salt")

    def __init__(self, pool, per_request=False, salt=0):
        self.pool = pool
        self.per_request = per_request
        self.salt = salt

    def ip(self, t, sess, rng):
        if self.per_request:
            return self.pool[int(rng.random() * len(self.pool))]
        return self.pool[int(_u(sess, self.salt) * len(self.pool))]


class Home:
    """Household, with a share of sessions on mobile data / elsewhere."""
    __slots__ = ("hh", "alt", "p_alt", "salt")

    def __init__(self, hh, alt=None, p_alt=0.0, salt=0):
        self.hh, self.alt, self.p_alt, self.salt = hh, alt, p_alt, salt

    def ip(self, t, sess, rng):
        if self.alt is not None and _u(sess, self.salt) < self.p_alt:
            return self.alt.ip(t, sess, rng)
        return self.hh.ip(t, rng)


class Office:
    """Corporate egress during local office hours on weekdays, home otherwise."""
    __slots__ = ("corp", "home", "tz", "p_home")

    def __init__(self, corp, home, tz, p_home=0.1):
        self.corp, self.home, self.tz, self.p_home = corp, home, tz, p_home

    def ip(self, t, sess, rng):
        h = (t / 3_600_000 + self.tz) % 24
        wd = int(((t / 3_600_000 + self.tz) // 24 + 3) % 7)
        if 7.5 <= h < 19 and wd < 5:
            return self.corp.ip(t, sess, rng)
        return self.home.ip(t, sess, rng)


class Mix:
    """Per-session choice among profiles with weights."""
    __slots__ = ("parts", "salt", "tot")

    def __init__(self, parts, salt=0):
        self.parts = parts
        self.salt = salt
        self.tot = sum(w for _p, w in parts)

    def ip(self, t, sess, rng):
        r = _u(sess, self.salt) * self.tot
        for p, wt in self.parts:
            r -= wt
            if r <= 0:
                return p.ip(t, sess ^ 0x5bd1, rng)
        return self.parts[-1][0].ip(t, sess ^ 0x5bd1, rng)


class Rotating:
    """Residential/mobile proxy network rotating the exit on every request."""
    __slots__ = ("inet", "ccs", "p_mobile")

    def __init__(self, inet, ccs, p_mobile=0.0):
        self.inet, self.ccs, self.p_mobile = inet, ccs, p_mobile

    def ip(self, t, sess, rng):
        cc = _wchoice(rng, self.ccs)[0]
        if self.p_mobile and rng.random() < self.p_mobile:
            return self.inet.mobile_ip(cc, rng)
        return self.inet.res_ip(cc, rng)


class Sticky:
    """Proxy exit held for a while (sticky session), then replaced; exits stay in one country."""
    __slots__ = ("inet", "cc", "hold", "mobile", "_until", "_e", "asn")

    def __init__(self, inet, cc, hold_ms, mobile=False, asn=None):
        self.inet, self.cc, self.hold, self.mobile, self.asn = inet, cc, hold_ms, mobile, asn
        self._until = -1
        self._e = None

    def ip(self, t, sess, rng):
        if t >= self._until or self._e is None:
            self._until = t + int(self.hold * (0.5 + rng.random()))
            if self.mobile:
                self._e = self.inet.mobile_ip(self.cc, rng, self.asn)
            else:
                self._e = self.inet.res_ip(self.cc, rng, self.asn)
        return self._e
