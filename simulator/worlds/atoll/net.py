"""Network model: countries and time zones, residential / mobile / hosting /
VPN / campus / corporate address space with plausible ASNs."""
from bisect import bisect

# cc: (population weight, [(utc offset h, w)], residential [(asn, w)], mobile [asn], ipv6 share)
COUNTRIES = {
    "US": (30, [(-5, .47), (-6, .29), (-7, .07), (-8, .17)],
           [(7922, .3), (20115, .22), (7018, .18), (701, .15), (22773, .08), (209, .07)], [21928, 6167, 20057], .3),
    "CA": (4, [(-5, .6), (-8, .25), (-7, .15)], [(812, .4), (577, .35), (6327, .25)], [812, 577], .15),
    "GB": (6, [(0, 1)], [(2856, .35), (5089, .3), (5607, .2), (5378, .15)], [12576, 25135], .25),
    "DE": (6, [(1, 1)], [(3320, .45), (3209, .3), (6805, .25)], [3320, 6805], .35),
    "FR": (4, [(1, 1)], [(3215, .4), (12322, .3), (15557, .2), (5410, .1)], [3215, 51207], .35),
    "NL": (2, [(1, 1)], [(1136, .5), (33915, .5)], [1136], .2),
    "ES": (2, [(1, 1)], [(3352, .6), (12479, .4)], [3352], .1),
    "IT": (2, [(1, 1)], [(3269, .6), (12874, .4)], [30722], .1),
    "PL": (1.5, [(1, 1)], [(5617, .6), (12741, .4)], [5617], .1),
    "SE": (1, [(1, 1)], [(3301, .7), (8473, .3)], [3301], .1),
    "CH": (1, [(1, 1)], [(3303, 1)], [3303], .2),
    "IL": (1, [(2, 1)], [(8551, .5), (12849, .5)], [12400], .1),
    "TR": (1, [(3, 1)], [(9121, .7), (16135, .3)], [16135], .05),
    "IN": (8, [(5.5, 1)], [(24560, .35), (55836, .35), (9829, .1), (24309, .2)], [55836, 45609], .4),
    "SG": (2, [(8, 1)], [(3758, .5), (4657, .3), (9506, .2)], [17547], .1),
    "ID": (2, [(7, 1)], [(7713, .6), (17451, .4)], [23693], .05),
    "VN": (1, [(7, 1)], [(7552, .5), (45899, .5)], [7552], .1),
    "PH": (1, [(8, 1)], [(9299, .6), (132199, .4)], [132199], .05),
    "JP": (4, [(9, 1)], [(4713, .4), (2516, .3), (17676, .3)], [17676], .3),
    "KR": (3, [(9, 1)], [(4766, .5), (9318, .3), (17858, .2)], [17858], .1),
    "AU": (3, [(11, .8), (8, .2)], [(1221, .4), (4804, .3), (7545, .3)], [1221], .15),
    "BR": (4, [(-3, 1)], [(28573, .4), (26599, .4), (18881, .2)], [26599], .3),
    "MX": (2, [(-6, 1)], [(8151, .7), (28403, .3)], [28403], .1),
    "AR": (1, [(-3, 1)], [(7303, .6), (22927, .4)], [7303], .05),
    "NG": (0.7, [(1, 1)], [(29465, .6), (36873, .4)], [29465], .0),
}

HOSTING = {
    "aws": (16509, ["US", "US", "US", "DE", "IE", "SG", "JP", "GB"]),
    "gcp": (396982, ["US", "US", "NL", "SG", "JP"]),
    "azure": (8075, ["US", "NL", "GB", "SG"]),
    "digitalocean": (14061, ["US", "NL", "DE", "SG", "GB"]),
    "hetzner": (24940, ["DE", "FI"]),
    "ovh": (16276, ["FR", "CA", "DE"]),
    "vultr": (20473, ["US", "JP", "DE"]),
    "linode": (63949, ["US", "DE", "SG"]),
    "oracle": (31898, ["US", "DE", "JP"]),
}
VPN = {
    "m247": (9009, ["US", "GB", "NL", "DE", "SG", "JP", "CA", "CH", "SE", "FR"]),
    "datacamp": (60068, ["US", "GB", "DE", "NL", "JP", "SG"]),
    "leaseweb": (60781, ["NL", "US", "DE"]),
}
CAMPUS = [(3, "US", -5), (32, "US", -8), (25, "US", -8), (239, "CA", -5), (786, "GB", 0), (559, "CH", 1),
          (12816, "DE", 1), (2200, "FR", 1), (1103, "NL", 1), (7472, "SG", 8), (2907, "JP", 9),
          (55824, "IN", 5.5), (1916, "BR", -3), (38, "US", -6), (73, "US", -8)]
CORPORATE = [(3356, "US"), (174, "US"), (6461, "US"), (2914, "US"), (3257, "DE"), (1299, "SE"),
             (6830, "NL"), (9498, "IN"), (2516, "JP"), (5400, "GB")]

_BAD_FIRST = {0, 10, 100, 127, 169, 172, 192, 198, 203} | set(range(224, 256))
_FIRST = [o for o in range(1, 224) if o not in _BAD_FIRST]


def wchoice(r, items):
    """items: [(value, weight)]"""
    tot = 0.0
    for _, w in items:
        tot += w
    x = r.random() * tot
    for v, w in items:
        x -= w
        if x < 0:
            return v
    return items[-1][0]


def loc_frag(ip, asn, cc):
    return '"client_ip":"%s","asn":%s,"country":%s' % (
        ip, "null" if asn is None else asn, "null" if cc is None else '"%s"' % cc)


class Net:
    def __init__(self, r):
        self.r = r
        self.used16 = set()
        self.v4 = {}      # (asn, cc) -> [(a, b)]
        self.v6 = {}      # (asn, cc) -> "2a0x:yyyy"
        self.home_pool = []   # residential frags handed to benign households
        self.cum_cc = None

    def _prefixes(self, asn, cc, n=3):
        key = (asn, cc)
        p = self.v4.get(key)
        if p is None:
            p = []
            while len(p) < n:
                a = self.r.choice(_FIRST)
                b = self.r.randrange(256)
                if (a, b) not in self.used16:
                    self.used16.add((a, b))
                    p.append((a, b))
            self.v4[key] = p
        return p

    def _v6prefix(self, asn, cc):
        key = (asn, cc)
        p = self.v6.get(key)
        if p is None:
            p = "2%03x:%x" % (self.r.choice([0xa00, 0xa01, 0xa02, 0x600, 0x601, 0x603, 0x400, 0x804, 0xc0f]),
                              self.r.randrange(0x100, 0xffff))
            self.v6[key] = p
        return p

    def ipv4(self, r, asn, cc, n=3):
        a, b = r.choice(self._prefixes(asn, cc, n))
        return "%d.%d.%d.%d" % (a, b, r.randrange(256), r.randint(1, 254))

    def ipv6(self, r, asn, cc):
        return "%s:%x:%x:%x:%x:%x:%x" % (self._v6prefix(asn, cc), r.randrange(0x10000), r.randrange(0x10000),
                                         r.randrange(0x10000), r.randrange(0x10000), r.randrange(0x10000),
                                         r.randrange(0x10000))

    # ---------------- location factories (return JSON fragments) -------------
    def residential(self, r, cc, remember=True):
        c = COUNTRIES[cc]
        asn = wchoice(r, c[2])
        if r.random() < c[4]:
            ip = self.ipv6(r, asn, cc)
        else:
            ip = self.ipv4(r, asn, cc, 4)
        geo_cc = cc if r.random() > 0.002 else None
        f = loc_frag(ip, asn if geo_cc or r.random() < 0.5 else None, geo_cc)
        if remember:
            self.home_pool.append(f)
        return f

    def mobile(self, r, cc):
        c = COUNTRIES[cc]
        asn = r.choice(c[3])
        if r.random() < c[4] * 1.3:
            return loc_frag(self.ipv6(r, asn, cc), asn, cc)
        return loc_frag(self.ipv4(r, asn, cc, 2), asn, cc)

    def cgnat_pool(self, r, cc, size):
        asn = r.choice(COUNTRIES[cc][3])
        a, b = self._prefixes(asn, cc, 2)[0]
        base = r.randrange(0, 200)
        return [loc_frag("%d.%d.%d.%d" % (a, b, base + r.randrange(0, 8), r.randint(1, 254)), asn, cc)
                for _ in range(size)]

    def hosting(self, r, provider=None, cc=None):
        if provider is None:
            provider = r.choice(["aws", "aws", "aws", "gcp", "gcp", "azure", "digitalocean", "hetzner", "ovh",
                                 "vultr", "linode", "oracle"])
        asn, ccs = HOSTING[provider]
        if cc is None or cc not in ccs:
            cc = r.choice(ccs)
        return loc_frag(self.ipv4(r, asn, cc, 6), asn, cc)

    def hosting_block(self, r, provider, cc, n, consecutive=False):
        asn, ccs = HOSTING[provider]
        if cc not in ccs:
            cc = ccs[0]
        a, b = r.choice(self._prefixes(asn, cc, 6))
        c = r.randrange(256)
        if consecutive:
            start = r.randint(2, max(2, 250 - n))
            return [loc_frag("%d.%d.%d.%d" % (a, b, c, start + i), asn, cc) for i in range(n)]
        return [loc_frag("%d.%d.%d.%d" % (a, b, c, r.randint(1, 254)), asn, cc) for _ in range(n)]

    def vpn_exits(self, r, n):
        out = []
        for _ in range(n):
            name = r.choice(list(VPN))
            asn, ccs = VPN[name]
            cc = r.choice(ccs)
            out.append(loc_frag(self.ipv4(r, asn, cc, 2), asn, cc))
        return out

    def campus(self, r, n_ips):
        asn, cc, tz = r.choice(CAMPUS)
        a, b = self._prefixes(asn, cc, 1)[0]
        c = r.randrange(256)
        return asn, cc, tz, [loc_frag("%d.%d.%d.%d" % (a, b, c, r.randint(1, 254)), asn, cc)
                             for _ in range(n_ips)]

    def corporate(self, r, cc_pref=None, n_ips=2):
        opts = [x for x in CORPORATE if cc_pref is None or x[1] == cc_pref] or CORPORATE
        asn, cc = r.choice(opts)
        a, b = self._prefixes(asn, cc, 4)[r.randrange(4)]
        c = r.randrange(256)
        return cc, [loc_frag("%d.%d.%d.%d" % (a, b, c, r.randint(1, 254)), asn, cc) for _ in range(n_ips)]

    # ---------------- countries ----------------
    def tz_of(self, r, cc):
        c = COUNTRIES.get(cc)
        if not c:
            return 0
        return wchoice(r, c[1])
