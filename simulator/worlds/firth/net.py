"""Address space of the world: residential ISPs, mobile carriers (CGNAT), hosting,
commercial VPN exits, corporate and campus NATs.

The layout is fixed (independent of the world seed) so that the same ISP always owns
the same blocks; which addresses get used depends on the seed.
"""
import random

# country -> (weight for benign population, list of local UTC offsets in late November with weights)
COUNTRIES = {
    "US": (30, ((-5, 45), (-6, 28), (-7, 8), (-8, 19))),
    "IN": (8, ((5.5, 1),)),
    "GB": (6, ((0, 1),)),
    "DE": (5, ((1, 1),)),
    "BR": (4, ((-3, 1),)),
    "CA": (4, ((-5, 6), (-8, 3), (-7, 1))),
    "FR": (3, ((1, 1),)),
    "JP": (3, ((9, 1),)),
    "KR": (3, ((9, 1),)),
    "AU": (2, ((11, 7), (8, 1), (10, 2))),
    "NL": (2, ((1, 1),)),
    "ES": (2, ((1, 1),)),
    "IT": (1.6, ((1, 1),)),
    "PL": (1.6, ((1, 1),)),
    "SG": (2, ((8, 1),)),
    "ID": (1.5, ((7, 1),)),
    "PH": (1.5, ((8, 1),)),
    "MX": (1.5, ((-6, 1),)),
    "NG": (1.2, ((1, 1),)),
    "KE": (0.8, ((3, 1),)),
    "ZA": (0.8, ((2, 1),)),
    "AE": (1, ((4, 1),)),
    "IL": (1, ((2, 1),)),
    "TR": (1, ((3, 1),)),
    "SE": (1, ((1, 1),)),
    "VN": (1, ((7, 1),)),
    "UA": (0.8, ((2, 1),)),
    "CH": (0.8, ((1, 1),)),
    "AR": (0.8, ((-3, 1),)),
    "TW": (1, ((8, 1),)),
    "IE": (0.6, ((0, 1),)),
    "RO": (0.5, ((2, 1),)),
}

# residential ISPs: (asn, country, share within country, ipv6 prefix or None, n /16 blocks)
RESI = [
    (7922, "US", 30, "2601", 10), (20115, "US", 14, "2603", 6), (7018, "US", 14, "2600:1700", 6),
    (701, "US", 10, "2600:4040", 5), (22773, "US", 6, "2600:8800", 3), (209, "US", 6, None, 3),
    (11427, "US", 5, "2603:8000", 3), (6128, "US", 4, None, 2), (5650, "US", 4, "2600:6c00", 2),
    (55836, "IN", 40, "2405:201", 4), (24560, "IN", 25, None, 4), (24309, "IN", 15, None, 2),
    (9829, "IN", 10, None, 2), (2856, "GB", 35, "2a00:23c", 4), (5089, "GB", 25, None, 3),
    (5607, "GB", 20, "2a02:c7c", 2), (13285, "GB", 10, None, 2), (3320, "DE", 45, "2003", 5),
    (3209, "DE", 25, None, 3), (6830, "DE", 10, None, 2), (8881, "DE", 10, None, 2),
    (26599, "BR", 35, None, 3), (28573, "BR", 35, None, 3), (18881, "BR", 20, None, 2),
    (812, "CA", 35, "2607:fea8", 2), (577, "CA", 30, None, 2), (852, "CA", 20, None, 2),
    (3215, "FR", 40, "2a01:cb", 3), (12322, "FR", 30, "2a01:e0a", 2), (5410, "FR", 20, None, 2),
    (4713, "JP", 40, "240b", 3), (2516, "JP", 30, None, 2), (17676, "JP", 20, None, 2),
    (4766, "KR", 40, None, 3), (9318, "KR", 35, None, 2), (3786, "KR", 25, None, 2),
    (1221, "AU", 45, None, 2), (4804, "AU", 25, None, 2), (4739, "AU", 20, None, 1),
    (1136, "NL", 45, None, 2), (33915, "NL", 35, None, 2), (3352, "ES", 45, None, 2),
    (12479, "ES", 30, None, 2), (3269, "IT", 50, None, 2), (30722, "IT", 30, None, 1),
    (5617, "PL", 50, None, 2), (6830, "PL", 30, None, 1), (7473, "SG", 40, None, 1),
    (4773, "SG", 35, None, 1), (7713, "ID", 60, None, 2), (23693, "ID", 40, None, 1),
    (9299, "PH", 55, None, 2), (132199, "PH", 45, None, 1), (8151, "MX", 60, None, 2),
    (28403, "MX", 40, None, 1), (29465, "NG", 50, None, 1), (37148, "NG", 50, None, 1),
    (33771, "KE", 60, None, 1), (36866, "KE", 40, None, 1), (29975, "ZA", 50, None, 1),
    (37457, "ZA", 50, None, 1), (5384, "AE", 60, None, 1), (15802, "AE", 40, None, 1),
    (8551, "IL", 50, None, 1), (1680, "IL", 50, None, 1), (9121, "TR", 60, None, 2),
    (47331, "TR", 40, None, 1), (3301, "SE", 60, None, 1), (2119, "SE", 40, None, 1),
    (7552, "VN", 50, None, 2), (45899, "VN", 50, None, 1), (15895, "UA", 50, None, 1),
    (13188, "UA", 50, None, 1), (3303, "CH", 60, None, 1), (6730, "CH", 40, None, 1),
    (7303, "AR", 60, None, 1), (22927, "AR", 40, None, 1), (3462, "TW", 70, None, 2),
    (9924, "TW", 30, None, 1), (5466, "IE", 60, None, 1), (6830, "IE", 40, None, 1),
    (8708, "RO", 60, None, 1), (6830, "RO", 40, None, 1),
]

# mobile carriers behind carrier-grade NAT: (asn, country, share, pool size)
MOBILE = [
    (21928, "US", 40, 900), (6167, "US", 35, 700), (20057, "US", 25, 600),
    (45609, "IN", 50, 700), (55836, "IN", 50, 900), (12576, "GB", 50, 300), (25135, "GB", 50, 300),
    (6805, "DE", 60, 300), (3209, "DE", 40, 200), (26615, "BR", 60, 400), (28573, "BR", 40, 300),
    (17676, "JP", 50, 300), (2516, "JP", 50, 300), (23693, "ID", 70, 500), (132199, "PH", 60, 400),
    (29465, "NG", 60, 300), (33771, "KE", 70, 200), (8151, "MX", 50, 200), (9299, "PH", 40, 250),
    (7552, "VN", 60, 300), (15895, "UA", 60, 150), (9121, "TR", 60, 200), (4766, "KR", 60, 250),
    (1221, "AU", 60, 200), (812, "CA", 60, 200), (3215, "FR", 60, 250), (3352, "ES", 60, 150),
    (3269, "IT", 60, 150), (5617, "PL", 60, 150), (4773, "SG", 60, 100), (5384, "AE", 60, 100),
    (8551, "IL", 60, 80), (29975, "ZA", 60, 120), (7303, "AR", 60, 120), (3462, "TW", 60, 120),
]

HOSTING = {
    "aws": (16509, ("US", "US", "US", "IE", "DE", "SG", "JP", "GB", "IN", "BR", "AU", "KR")),
    "gcp": (396982, ("US", "US", "NL", "DE", "SG", "JP", "GB", "IN", "TW")),
    "azure": (8075, ("US", "US", "NL", "IE", "GB", "SG", "JP", "IN")),
    "digitalocean": (14061, ("US", "NL", "SG", "DE", "GB", "IN", "CA")),
    "hetzner": (24940, ("DE", "DE", "FI")),
    "ovh": (16276, ("FR", "FR", "CA", "DE", "PL", "GB")),
    "akamai": (63949, ("US", "DE", "JP", "SG", "GB")),
    "vultr": (20473, ("US", "JP", "NL", "SG", "DE", "KR")),
    "oracle": (31898, ("US", "JP", "KR")),
    "alibaba": (45102, ("SG", "US", "JP")),
    "cloudflare": (13335, ("US", "GB", "DE")),
    "scaleway": (12876, ("FR", "NL")),
}

VPN = [  # (asn, countries)
    (9009, ("US", "GB", "DE", "NL", "RO", "SE", "CH", "CA", "JP", "SG", "AU", "FR", "ES", "IT")),
    (60068, ("US", "GB", "DE", "NL", "FR", "JP", "SG", "CA", "CH", "PL", "ES", "IT", "AU", "BR")),
    (212238, ("US", "GB", "DE", "NL", "JP", "SG")),
    (62240, ("GB", "US", "DE", "NL")),
    (21859, ("US", "SG", "JP", "KR", "TW")),
    (60781, ("NL", "DE", "US", "SG")),
    (136787, ("US", "SG", "JP", "GB", "DE")),
]

_BAD_FIRST = {0, 10, 100, 127, 169, 172, 192, 198, 224}


def _frag(ip, asn, cc):
    return '"client_ip":"%s","asn":%s,"country":%s' % (
        ip, "null" if asn is None else str(asn), "null" if cc is None else '"%s"' % cc)


class _Block:
    __slots__ = ("a", "b", "asn", "cc")

    def __init__(self, a, b, asn, cc):
        self.a, self.b, self.asn, self.cc = a, b, asn, cc

    def addr(self, rng):
        return "%d.%d.%d.%d" % (self.a, self.b, rng.randrange(256), rng.randrange(1, 255))

    def frag(self, rng):
        return _frag(self.addr(rng), self.asn, self.cc)


class Net:
    def __init__(self):
        r = random.Random("firth-netmap-v1")
        self._used = set()
        self._r = r
        self.country_list = list(COUNTRIES)
        self.country_w = [COUNTRIES[c][0] for c in self.country_list]
        # residential
        self.resi = {}
        for asn, cc, share, v6, nb in RESI:
            blocks = [self._block(asn, cc) for _ in range(nb)]
            self.resi.setdefault(cc, []).append((share, blocks, v6, asn))
        self.resi_cum = {}
        for cc, lst in self.resi.items():
            tot, cum = 0, []
            for s, *_ in lst:
                tot += s
                cum.append(tot)
            self.resi_cum[cc] = cum
        # mobile carriers: a small pool of public CGNAT addresses per carrier
        self.mobile = {}
        for asn, cc, share, pool in MOBILE:
            blocks = [self._block(asn, cc, unknown=False) for _ in range(2)]
            addrs = []
            for i in range(pool):
                bl = blocks[i % 2]
                third = r.randrange(0, 256) if i % 16 == 0 or not addrs else int(addrs[-1][1])
                addrs.append((bl, third))
            frags = [_frag("%d.%d.%d.%d" % (bl.a, bl.b, third, r.randrange(1, 255)), asn, cc)
                     for bl, third in addrs]
            self.mobile.setdefault(cc, []).append((share, frags))
        # hosting
        self.hosting = {}
        for prov, (asn, ccs) in HOSTING.items():
            d = {}
            for cc in ccs:
                d.setdefault(cc, []).append(self._block(asn, cc, unknown=False))
            self.hosting[prov] = d
        # commercial VPN exits: fixed set, heavily shared
        self.vpn_exits = []
        for asn, ccs in VPN:
            for cc in ccs:
                bl = self._block(asn, cc, unknown=False)
                third = r.randrange(256)
                for _ in range(r.randint(3, 9)):
                    self.vpn_exits.append((cc, _frag("%d.%d.%d.%d" % (bl.a, bl.b, third, r.randrange(1, 255)), asn, cc)))
        self._own_asns = set()

    # --- allocation helpers -------------------------------------------------
    def _block(self, asn, cc, unknown=True):
        r = self._r
        while True:
            a = r.randint(2, 223)
            if a in _BAD_FIRST:
                continue
            b = r.randrange(256)
            if (a, b) not in self._used:
                self._used.add((a, b))
                break
        if unknown:
            u = r.random()
            if u < 0.012:
                asn = None
            elif u < 0.03:
                cc = None
        return _Block(a, b, asn, cc)

    def own_asn(self, rng):
        while True:
            asn = rng.choice((rng.randint(11000, 64000), rng.randint(196000, 216000), rng.randint(393000, 400000)))
            if asn not in self._own_asns:
                self._own_asns.add(asn)
                return asn

    def own_block(self, rng, cc):
        """A block for an organisation with its own ASN (campus, large company)."""
        asn = self.own_asn(rng)
        while True:
            a = rng.randint(2, 223)
            b = rng.randrange(256)
            if a not in _BAD_FIRST and (a, b) not in self._used:
                self._used.add((a, b))
                return _Block(a, b, asn, cc)

    # --- public -------------------------------------------------------------
    def country(self, rng, weights=None):
        if weights is None:
            return rng.choices(self.country_list, self.country_w)[0]
        cs, ws = weights
        return rng.choices(cs, ws)[0]

    def tz(self, rng, cc):
        opts = COUNTRIES.get(cc, (1, ((0, 1),)))[1]
        if len(opts) == 1:
            return opts[0][0]
        return rng.choices([o[0] for o in opts], [o[1] for o in opts])[0]

    def _isp(self, rng, cc):
        lst = self.resi.get(cc) or self.resi["US"]
        cum = self.resi_cum.get(cc) or self.resi_cum["US"]
        return rng.choices(lst, cum_weights=cum)[0]

    def resi_ip(self, rng, cc, v6=0.0):
        """A household address (fresh random address in a residential ISP of cc)."""
        _, blocks, pfx, asn = self._isp(rng, cc)
        if pfx and v6 and rng.random() < v6:
            return self.v6(rng, pfx, asn, cc)
        bl = rng.choice(blocks)
        return bl.frag(rng)

    def v6(self, rng, pfx, asn, cc):
        parts = pfx.split(":")
        while len(parts) < 4:
            parts.append("%x" % rng.randrange(1, 65536))
        iid = ":".join("%x" % rng.randrange(65536) for _ in range(4))
        return _frag(":".join(parts) + ":" + iid, asn, cc)

    def mobile_ip(self, rng, cc):
        lst = self.mobile.get(cc) or self.mobile["US"]
        frags = rng.choices([x[1] for x in lst], [x[0] for x in lst])[0]
        return rng.choice(frags)

    def host_block(self, rng, prov=None, cc=None):
        if prov is None:
            prov = rng.choice(("aws", "aws", "aws", "gcp", "gcp", "azure", "digitalocean", "hetzner", "ovh", "vultr", "akamai"))
        d = self.hosting[prov]
        if cc is None or cc not in d:
            cc = rng.choice(list(d))
        return rng.choice(d[cc])

    def host_ip(self, rng, prov=None, cc=None):
        return self.host_block(rng, prov, cc).frag(rng)

    def host_pool(self, rng, n, prov=None, cc=None, same24=True):
        bl = self.host_block(rng, prov, cc)
        third = rng.randrange(256)
        out = []
        for _ in range(n):
            if not same24:
                third = rng.randrange(256)
            out.append(_frag("%d.%d.%d.%d" % (bl.a, bl.b, third, rng.randrange(1, 255)), bl.asn, bl.cc))
        return out

    def vpn_ip(self, rng, cc=None):
        if cc is not None and rng.random() < 0.6:
            cands = [f for c, f in self.vpn_exits if c == cc]
            if cands:
                return rng.choice(cands)
        return rng.choice(self.vpn_exits)[1]

    def office_nat(self, rng, cc, n):
        """Egress addresses of an office: business line from a local ISP, or own ASN."""
        if rng.random() < 0.25:
            bl = self.own_block(rng, cc)
        else:
            _, blocks, _, _ = self._isp(rng, cc)
            bl = rng.choice(blocks)
        third = rng.randrange(256)
        base = rng.randrange(1, 240)
        return [_frag("%d.%d.%d.%d" % (bl.a, bl.b, third, base + i), bl.asn, bl.cc) for i in range(n)]

    def campus_nat(self, rng, cc, n):
        bl = self.own_block(rng, cc)
        out = []
        third = rng.randrange(256)
        for i in range(n):
            out.append(_frag("%d.%d.%d.%d" % (bl.a, bl.b, third, rng.randrange(1, 255)), bl.asn, bl.cc))
        return out
