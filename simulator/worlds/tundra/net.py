"""Synthetic internet for tundra: residential ISPs (shared by households and
residential-proxy exits), mobile carriers behind small CGNAT egress pools,
cloud/hosting providers, VPN exits, campus and corporate NATs.

Addresses are synthetic; each /16 belongs to exactly one ASN. An address is
handed out as a pre-rendered JSON fragment ``"client_ip":..,"asn":..,"country":..``.
"""
from .core import cumw, pick

# (country, utc offset in November, benign weight)
REGIONS = [
    ("US", -5.0, 15), ("US", -6.0, 6), ("US", -8.0, 9), ("CA", -5.0, 2.5), ("GB", 0.0, 6),
    ("DE", 1.0, 5), ("FR", 1.0, 3.5), ("NL", 1.0, 1.5), ("ES", 1.0, 2), ("IT", 1.0, 2),
    ("PL", 1.0, 1.5), ("SE", 1.0, 1), ("IL", 2.0, 1), ("TR", 3.0, 1), ("AE", 4.0, 0.8),
    ("IN", 5.5, 7), ("SG", 8.0, 1.5), ("JP", 9.0, 4), ("KR", 9.0, 3), ("TW", 8.0, 1),
    ("ID", 7.0, 1.5), ("VN", 7.0, 1), ("PH", 8.0, 1.5), ("AU", 11.0, 2), ("BR", -3.0, 3.5),
    ("MX", -6.0, 2), ("AR", -3.0, 1), ("NG", 1.0, 1), ("ZA", 2.0, 1),
]
HOSTING_CCS = ["US", "US", "US", "DE", "NL", "GB", "SG", "JP", "IN", "BR", "AU", "CA", "FR", "IE"]

_BAD_FIRST = {0, 10, 100, 127, 169, 172, 192, 198, 203}


class ASN:
    __slots__ = ("num", "cc", "prefixes", "v6", "kind")

    def __init__(self, num, cc, prefixes, v6, kind):
        self.num = num
        self.cc = cc
        self.prefixes = prefixes
        self.v6 = v6
        self.kind = kind


def frag(ip, asn, cc):
    return '"client_ip":"%s","asn":%d,"country":"%s"' % (ip, asn, cc)


class Internet:
    def __init__(self, rng):
        self.rng = rng
        self._used16 = set()
        self._used_asn = set()
        self.reg_items, self.reg_cum = cumw([((cc, tz), w) for cc, tz, w in REGIONS])
        ccs = []
        for cc, _tz, _w in REGIONS:
            if cc not in ccs:
                ccs.append(cc)
        self.res = {}   # cc -> (asns, cum)
        self.mob = {}   # cc -> (carriers [(asn, egress frags)], cum)
        for cc in ccs:
            n = rng.randint(3, 8)
            asns = [self._asn(cc, rng.randint(2, 6), "res") for _ in range(n)]
            # ISP market shares are heavy-tailed
            shares = [rng.paretovariate(1.1) for _ in asns]
            self.res[cc] = cumw(list(zip(asns, shares)))
            carriers = []
            for _ in range(rng.randint(2, 3)):
                a = self._asn(cc, 1, "mobile")
                pool = []
                for _ in range(rng.randint(12, 64)):
                    pool.append(frag(self._ip_in(a), a.num, cc))
                for _ in range(rng.randint(2, 8)):
                    pool.append(frag(self._ip6_in(a), a.num, cc))
                carriers.append((pool, rng.paretovariate(1.5)))
            self.mob[cc] = cumw(carriers)
        self.hosting = [self._asn("US", 0, "host") for _ in range(6)]
        self._host_pref = {}
        for a in self.hosting:
            for cc in sorted(set(HOSTING_CCS)):
                if rng.random() < 0.7:
                    self._host_pref[(a.num, cc)] = self._new16()
        # commercial VPN providers: exit addresses on hosting space, many countries
        self.vpn_exits = []
        for _ in range(3):
            for cc in ("US", "GB", "DE", "NL", "SE", "CA", "JP", "SG", "FR", "CH", "AU", "ES"):
                a = self.hosting[rng.randrange(len(self.hosting))]
                for _ in range(rng.randint(3, 14)):
                    self.vpn_exits.append(frag(self._host_ip(a, cc), a.num, cc))

    # -- allocation ----------------------------------------------------
    def _new_asn_num(self):
        rng = self.rng
        while True:
            n = rng.randint(1000, 64000) if rng.random() < 0.55 else rng.randint(131072, 400000)
            if n not in self._used_asn:
                self._used_asn.add(n)
                return n

    def _new16(self):
        rng = self.rng
        while True:
            a = rng.randint(2, 223)
            if a in _BAD_FIRST:
                continue
            b = rng.randint(0, 255)
            if (a, b) not in self._used16:
                self._used16.add((a, b))
                return (a, b)

    def _asn(self, cc, n16, kind):
        prefixes = [self._new16() for _ in range(max(1, n16))] if n16 else []
        v6 = "2%03x:%x" % (self.rng.randrange(0x001, 0xfff), self.rng.randrange(1, 0xffff))
        return ASN(self._new_asn_num(), cc, prefixes, v6, kind)

    def _ip_in(self, a, rng=None):
        rng = rng or self.rng
        p = a.prefixes[rng.randrange(len(a.prefixes))]
        return "%d.%d.%d.%d" % (p[0], p[1], rng.randrange(256), rng.randrange(1, 255))

    def _ip6_in(self, a, rng=None):
        rng = rng or self.rng
        return "%s:%x:%x::%x" % (a.v6, rng.randrange(1, 0xffff), rng.randrange(0xffff),
                                  rng.randrange(1, 0xffff))

    def _host_ip(self, a, cc, rng=None):
        rng = rng or self.rng
        key = (a.num, cc)
        if key not in self._host_pref:
            self._host_pref[key] = self._new16()
        p = self._host_pref[key]
        return "%d.%d.%d.%d" % (p[0], p[1], rng.randrange(256), rng.randrange(1, 255))

    # -- public helpers --------------------------------------------------
    def region(self, rng):
        return pick(rng, self.reg_items, self.reg_cum)

    def tz_of(self, cc, rng):
        opts = [(tz, w) for c, tz, w in REGIONS if c == cc]
        if not opts:
            return 0.0
        items, cum = cumw(opts)
        return pick(rng, items, cum)

    def home(self, rng, cc, v6_p=0.22):
        """A household address on a residential ISP of ``cc``."""
        items, cum = self.res[cc]
        a = pick(rng, items, cum)
        if rng.random() < v6_p:
            return frag(self._ip6_in(a, rng), a.num, cc)
        return frag(self._ip_in(a, rng), a.num, cc)

    def res_asns(self, cc):
        return self.res[cc][0]

    def mobile_pool(self, rng, cc):
        items, cum = self.mob[cc]
        return pick(rng, items, cum)

    def mobile(self, rng, cc):
        pool = self.mobile_pool(rng, cc)
        return pool[rng.randrange(len(pool))]

    def hosting_block(self, rng, cc=None, n=4, provider=None):
        """n addresses in one /24 of a cloud provider (a small VM fleet / NAT gateway)."""
        a = self.hosting[provider if provider is not None else rng.randrange(len(self.hosting))]
        cc = cc or HOSTING_CCS[rng.randrange(len(HOSTING_CCS))]
        key = (a.num, cc)
        if key not in self._host_pref:
            self._host_pref[key] = self._new16()
        p = self._host_pref[key]
        c = rng.randrange(256)
        start = rng.randrange(1, 250 - n) if n < 240 else 1
        return [frag("%d.%d.%d.%d" % (p[0], p[1], c, start + i), a.num, cc) for i in range(n)]

    def vpn(self, rng):
        return self.vpn_exits[rng.randrange(len(self.vpn_exits))]

    def org_nat(self, rng, cc, n, kind="corp"):
        """A campus / corporate network: its own ASN (or a business line of a
        residential ISP) with n NAT egress addresses."""
        if kind == "campus" or rng.random() < 0.5:
            a = self._asn(cc, 1, kind)
        else:
            items, _cum = self.res[cc]
            a = items[rng.randrange(len(items))]
        p = a.prefixes[rng.randrange(len(a.prefixes))]
        c = rng.randrange(256)
        base = rng.randrange(1, 250 - n)
        return [frag("%d.%d.%d.%d" % (p[0], p[1], c, base + i), a.num, cc) for i in range(n)]

