"""Address space of the world: ASNs, prefixes, and where each client's requests come from.

Every residential, mobile, hosting, VPN, campus and office address is drawn from one fixed
plan, so residential proxies exit from the same space that ordinary households use.
"""

import random

from .clock import local_hour, is_weekend
from .util import Weighted, rng_for, MIN_MS, HOUR_MS, logn

RES = {
    "US": [7922, 20115, 7018, 701, 22773, 209, 20001, 11427], "CA": [812, 577, 6327, 5769],
    "GB": [2856, 5089, 13285, 5607], "DE": [3320, 3209, 6805, 8881], "FR": [3215, 12322, 5410, 15557],
    "NL": [1136, 33915], "ES": [3352, 12479], "IT": [3269, 30722], "PL": [5617, 12741],
    "SE": [3301, 2119], "CH": [3303, 6730], "IE": [5466, 6830], "IL": [8551, 1680],
    "TR": [9121, 47331], "UA": [15895, 13188], "IN": [24560, 9829, 55836, 45609],
    "JP": [4713, 2516, 17676], "KR": [4766, 9318, 3786], "SG": [9506, 4657], "TW": [3462, 9924],
    "AU": [1221, 4804, 7545], "NZ": [9500, 4771], "ID": [7713, 23693], "VN": [7552, 45899],
    "PH": [9299, 132199], "NG": [29465, 37148], "ZA": [37457, 36874], "EG": [8452, 24863],
    "PK": [17557, 38193], "BR": [26599, 28573, 18881, 8167], "MX": [8151, 13999],
    "AR": [7303, 22927], "CO": [3816, 10620],
}
MOB = {
    "US": [21928, 6167, 20057], "CA": [852, 812], "GB": [25135, 12576], "DE": [6805, 3209],
    "FR": [51207, 15557], "NL": [1136], "ES": [12430], "IT": [30722], "PL": [12912], "SE": [1257],
    "CH": [3303], "IE": [15502], "IL": [12400], "TR": [16135], "UA": [21497], "IN": [55836, 45609, 38266],
    "JP": [9605, 2516], "KR": [4766, 9644], "SG": [4773], "TW": [24158], "AU": [1221, 4804],
    "NZ": [9500], "ID": [23693, 24203], "VN": [7552], "PH": [132199, 9299], "NG": [29465],
    "ZA": [37168], "EG": [36935], "PK": [45669], "BR": [26599, 28573], "MX": [28403], "AR": [22927],
    "CO": [27831],
}
EDU = {"US": [3, 25, 32, 17, 87, 7377, 88, 38], "GB": [786], "DE": [680], "FR": [2200], "JP": [2907],
       "KR": [1781], "IN": [55824], "CA": [271], "AU": [7575], "NL": [1103], "SG": [7472],
       "BR": [1916], "IL": [378], "CH": [559], "ES": [766], "IT": [137], "SE": [1653]}
HOSTING = {
    "aws": (16509, ["US", "US", "US", "IE", "DE", "JP", "SG", "IN", "BR", "GB", "AU", "CA", "KR"]),
    "gcp": (396982, ["US", "US", "NL", "BE", "JP", "SG", "TW", "DE", "GB", "AU"]),
    "azure": (8075, ["US", "US", "NL", "IE", "SG", "JP", "GB", "IN", "CA"]),
    "hetzner": (24940, ["DE", "DE", "FI"]), "ovh": (16276, ["FR", "FR", "CA", "DE", "GB", "PL"]),
    "digitalocean": (14061, ["US", "NL", "SG", "DE", "GB", "IN", "CA"]),
    "linode": (63949, ["US", "DE", "JP", "SG", "GB"]), "vultr": (20473, ["US", "NL", "JP", "DE", "SG"]),
    "oracle": (31898, ["US", "JP", "KR", "DE", "BR"]),
}
HOSTING_W = Weighted({"aws": 38, "gcp": 18, "azure": 14, "hetzner": 8, "ovh": 5, "digitalocean": 8,
                      "linode": 3, "vultr": 3, "oracle": 3})
VPN = {"m247": (9009, ["US", "GB", "NL", "DE", "FR", "JP", "SG", "CA", "CH"]),
       "datacamp": (60068, ["US", "GB", "NL", "DE", "JP", "SG", "ES", "IT"]),
       "tefincom": (136787, ["US", "NL", "DE", "GB", "JP", "SG"]),
       "warp": (13335, None)}     # None: exits geolocate to the user's own country
VPN_W = Weighted({"m247": 30, "datacamp": 25, "tefincom": 20, "warp": 25})
# shared web hosting where many small sites live on one address
SHARED_HOSTING = {"godaddy": (26496, ["US"]), "hostinger": (47583, ["LT", "US", "GB", "BR", "IN"]),
                  "ionos": (8560, ["DE", "US", "GB"]), "bluehost": (46606, ["US"])}

_BAD_FIRST = {0, 10, 100, 127, 169, 172, 192, 198, 203}


class _Plan:
    """World-independent allocation of /16 blocks and IPv6 /32s to (ASN, country)."""

    def __init__(self):
        r = random.Random("sound-netplan-1")
        blocks = [(a, b) for a in range(1, 224) if a not in _BAD_FIRST for b in range(256)]
        r.shuffle(blocks)
        self._it = iter(blocks)
        self.v4 = {}
        self.v6 = {}
        self._r = r
        for table, n in ((RES, 24), (MOB, 6), (EDU, 2)):
            for cc, asns in table.items():
                for asn in asns:
                    self._alloc(asn, cc, n)
        for asn, ccs in list(HOSTING.values()) + list(SHARED_HOSTING.values()):
            for cc in sorted(set(ccs)):
                self._alloc(asn, cc, 6)
        for asn, ccs in VPN.values():
            for cc in sorted(set(ccs or list(RES))):
                self._alloc(asn, cc, 2)

    def _alloc(self, asn, cc, n):
        if (asn, cc) in self.v4:
            return
        self.v4[(asn, cc)] = [next(self._it) for _ in range(n)]
        self.v6[(asn, cc)] = "%x:%x" % (self._r.randrange(0x2400, 0x2a10), self._r.randrange(0x10000))

    def ip4(self, rng, asn, cc):
        a, b = rng.choice(self.v4[(asn, cc)])
        return "%d.%d.%d.%d" % (a, b, rng.randrange(256), rng.randrange(1, 255))

    def ip6(self, rng, asn, cc, site=None):
        if site is None:
            site = (rng.getrandbits(16), rng.getrandbits(16))
        return "%s:%x:%x:%x:%x:%x:%x" % (self.v6[(asn, cc)], site[0], site[1], rng.getrandbits(16),
                                         rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16))


PLAN = _Plan()

_ASN_W = {}


def _pick_asn(rng, asns):
    """Larger ISPs first: the i-th listed ASN has weight 1/(i+1)."""
    if len(asns) == 1:
        return asns[0]
    w = _ASN_W.get(id(asns))
    if w is None:
        w = _ASN_W[id(asns)] = Weighted([(a, 1.0 / (i + 1)) for i, a in enumerate(asns)])
    return w.pick(rng)


# --------------------------------------------------------------------------- presences

class Fixed:
    __slots__ = ("ips", "asn", "cc")

    def __init__(self, ips, asn, cc):
        self.ips, self.asn, self.cc = list(ips), asn, cc

    def at(self, t, rng):
        ips = self.ips
        return (ips[0] if len(ips) == 1 else rng.choice(ips)), self.asn, self.cc


class Either:
    """Mostly `a`, sometimes `b` (a laptop and a personal dev server)."""
    __slots__ = ("a", "b", "p")

    def __init__(self, a, b, p):
        self.a, self.b, self.p = a, b, p

    def at(self, t, rng):
        return (self.b if rng.random() < self.p else self.a).at(t, rng)


class Multi:
    """Several hosts (ip, asn, cc); one picked per request (NAT gateways, VM pools)."""
    __slots__ = ("hosts",)

    def __init__(self, hosts):
        self.hosts = list(hosts)

    def at(self, t, rng):
        return rng.choice(self.hosts)


class Home:
    __slots__ = ("ip4", "ip4b", "change", "asn", "cc", "ip6", "v6p")

    def __init__(self, ip4, asn, cc, ip6=None, v6p=0.0, ip4b=None, change=None):
        self.ip4, self.asn, self.cc, self.ip6, self.v6p = ip4, asn, cc, ip6, v6p
        self.ip4b = ip4b or ip4
        self.change = change if change is not None else 1 << 62

    def at(self, t, rng):
        if self.ip6 is not None and rng.random() < self.v6p:
            if self.v6p > 0.955:          # prefix too new for the gateway's geo/ASN database
                return self.ip6, None, None
            return self.ip6, self.asn, self.cc
        return (self.ip4b if t >= self.change else self.ip4), self.asn, self.cc


class Mobile:
    __slots__ = ("pool", "asn", "cc", "cur", "until", "hold")

    def __init__(self, pool, asn, cc, hold_min=25.0):
        self.pool, self.asn, self.cc = pool, asn, cc
        self.cur, self.until, self.hold = None, -1, hold_min * MIN_MS

    def at(self, t, rng):
        if self.cur is None or t >= self.until or t < self.until - 4 * self.hold:
            self.cur = rng.choice(self.pool)
            self.until = t + rng.expovariate(1.0 / self.hold)
        return self.cur, self.asn, self.cc


class Commuter:
    """Office NAT during local working hours on weekdays, home otherwise, phone in between."""
    __slots__ = ("home", "office", "tz", "start", "end", "mobile", "wfh")

    def __init__(self, home, office, tz, start, end, mobile=None, wfh=False):
        self.home, self.office, self.tz, self.start, self.end = home, office, tz, start, end
        self.mobile, self.wfh = mobile, wfh

    def at(self, t, rng):
        if not self.wfh and not is_weekend(t, self.tz):
            h = local_hour(t, self.tz)
            if self.start <= h < self.end:
                return self.office.at(t, rng)
            if self.mobile is not None and (self.start - 1.0 <= h < self.start or self.end <= h < self.end + 1.0):
                return self.mobile.at(t, rng)
        return self.home.at(t, rng)


class VPNUser:
    __slots__ = ("net", "home", "prov", "cc", "on_p", "cur", "until")

    def __init__(self, net, home, prov, cc, on_p):
        self.net, self.home, self.prov, self.cc, self.on_p = net, home, prov, cc, on_p
        self.cur, self.until = None, -1

    def at(self, t, rng):
        if t >= self.until or self.cur is None:
            self.until = t + logn(rng, 2.5 * HOUR_MS, 0.7)
            if rng.random() < self.on_p:
                self.cur = self.net.vpn_exit(rng, self.prov, self.cc)
            else:
                self.cur = False
        if self.cur is False:
            return self.home.at(t, rng)
        return self.cur


class RotatingProxy:
    """Residential/mobile proxy network rotating the exit on every request."""
    __slots__ = ("net", "ccs", "mobile", "overlap")

    def __init__(self, net, ccs, mobile=False, overlap=0.05):
        self.net, self.ccs, self.mobile, self.overlap = net, ccs, mobile, overlap

    def at(self, t, rng):
        cc = self.ccs.pick(rng) if isinstance(self.ccs, Weighted) else self.ccs
        return self.net.proxy_exit(rng, cc, self.mobile, self.overlap)


class IspProxy:
    """Rotating exit on every request, but targeted at one ISP (ASN) of one country."""
    __slots__ = ("net", "cc", "asn")

    def __init__(self, net, cc, asn):
        self.net, self.cc, self.asn = net, cc, asn

    def at(self, t, rng):
        return self.net.plan.ip4(rng, self.asn, self.cc), self.asn, self.cc


class StickyProxy:
    """Proxy session pinned to one exit for a while, then a new exit in the same country."""
    __slots__ = ("net", "cc", "mobile", "hold", "cur", "until", "overlap")

    def __init__(self, net, cc, hold_min, mobile=False, overlap=0.05):
        self.net, self.cc, self.mobile, self.hold = net, cc, mobile, hold_min * MIN_MS
        self.cur, self.until, self.overlap = None, -1, overlap

    def at(self, t, rng):
        if self.cur is None or t >= self.until:
            self.cur = self.net.proxy_exit(rng, self.cc, self.mobile, self.overlap)
            self.until = t + self.hold * rng.uniform(0.5, 1.5)
        return self.cur


# --------------------------------------------------------------------------- the world's network

class Net:
    def __init__(self, seed, scale, t0, t1):
        self.seed, self.t0, self.t1 = seed, t0, t1
        self.scale = max(1000, scale)
        self.plan = PLAN
        self._cgnat = {}
        self._vpn = {}
        self.households = {}          # cc -> [(ip4, asn, cc)] of benign households

    # ----- residential
    def household(self, rng, cc, v6_share=0.3, register=True):
        asn = _pick_asn(rng, RES[cc])
        ip4 = self.plan.ip4(rng, asn, cc)
        ip6 = self.plan.ip6(rng, asn, cc) if rng.random() < v6_share else None
        v6p = rng.uniform(0.6, 0.97) if ip6 else 0.0
        ip4b, change = None, None
        if rng.random() < 0.04:          # DHCP lease renewed with a new address
            ip4b = self.plan.ip4(rng, asn, cc)
            change = rng.randrange(self.t0, self.t1)
        home = Home(ip4, asn, cc, ip6, v6p, ip4b, change)
        if register:
            self.households.setdefault(cc, []).append((ip4, asn, cc))
        return home

    def res_asn(self, rng, cc):
        return _pick_asn(rng, RES[cc])

    def proxy_exit(self, rng, cc, mobile=False, overlap=0.05):
        if mobile:
            asn = _pick_asn(rng, MOB.get(cc) or RES[cc])
            return rng.choice(self.cgnat_pool(asn, cc)), asn, cc
        hh = self.households.get(cc)
        if hh and rng.random() < overlap:
            return rng.choice(hh)
        asn = _pick_asn(rng, RES[cc])
        return self.plan.ip4(rng, asn, cc), asn, cc

    # ----- mobile carrier-grade NAT
    def cgnat_pool(self, asn, cc):
        key = (asn, cc)
        pool = self._cgnat.get(key)
        if pool is None:
            r = rng_for(self.seed, "cgnat", asn, cc)
            n = max(12, self.scale // 250)
            pool = [self.plan.ip4(r, asn, cc) for _ in range(n)]
            self._cgnat[key] = pool
        return pool

    def mobile(self, rng, cc, hold_min=25.0):
        asn = _pick_asn(rng, MOB.get(cc) or RES[cc])
        return Mobile(self.cgnat_pool(asn, cc), asn, cc, hold_min)

    # ----- hosting
    def hosting_region(self, rng, provider=None, cc=None):
        provider = provider or HOSTING_W.pick(rng)
        asn, ccs = HOSTING[provider]
        if cc is None or cc not in ccs:
            cc = rng.choice(ccs)
        return provider, asn, cc

    def hosting_ips(self, rng, n, provider=None, cc=None):
        provider, asn, cc = self.hosting_region(rng, provider, cc)
        return [(self.plan.ip4(rng, asn, cc), asn, cc) for _ in range(n)]

    def shared_host(self, rng):
        name = rng.choice(sorted(SHARED_HOSTING))
        asn, ccs = SHARED_HOSTING[name]
        cc = rng.choice(ccs)
        # a few hundred sites per shared server: draw from a small deterministic set
        r = rng_for(self.seed, "sharedhost", name, cc, rng.randrange(max(8, self.scale // 400)))
        return self.plan.ip4(r, asn, cc), asn, cc

    # ----- VPN
    def vpn_exit(self, rng, prov, user_cc):
        asn, ccs = VPN[prov]
        if ccs is None:
            cc = user_cc
        else:
            cc = user_cc if (user_cc in ccs and rng.random() < 0.5) else rng.choice(ccs)
        key = (prov, cc)
        pool = self._vpn.get(key)
        if pool is None:
            r = rng_for(self.seed, "vpn", prov, cc)
            pool = [self.plan.ip4(r, asn, cc) for _ in range(max(6, self.scale // 600))]
            self._vpn[key] = pool
        return rng.choice(pool), asn, cc

    # ----- campus & office
    def campus(self, rng, cc):
        if cc not in EDU:
            cc = "US"
        asn = rng.choice(EDU[cc])
        return Fixed([self.plan.ip4(rng, asn, cc) for _ in range(rng.randint(1, 3))], asn, cc)

    def office(self, rng, cc):
        """Corporate NAT: one to three public addresses on a business line or the company's cloud."""
        u = rng.random()
        if u < 0.75:
            asn = _pick_asn(rng, RES[cc])
            return Fixed([self.plan.ip4(rng, asn, cc) for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))], asn, cc)
        ips = self.hosting_ips(rng, rng.randint(1, 2), cc=cc)
        return Multi(ips)
