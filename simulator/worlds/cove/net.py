"""Address space: residential ISPs, mobile carriers (CGNAT), hosting, VPNs, campuses, corporate egress."""
import ipaddress

from .core import WChoice

# name, asn, country, first octets, ipv6 prefix (or None), weight within country
RESIDENTIAL = [
    ("comcast", 7922, "US", [73, 98, 24, 67], "2601", 5.0),
    ("charter", 20115, "US", [75, 97, 66], "2603:8000", 4.0),
    ("verizon_fios", 701, "US", [71, 108, 100], None, 3.0),
    ("att", 7018, "US", [99, 107, 76], "2600:1700", 3.0),
    ("cox", 22773, "US", [68, 72], "2600:8800", 1.5),
    ("frontier", 5650, "US", [47, 50], None, 1.0),
    ("rogers", 812, "CA", [174, 99], "2607:fea8", 2.0),
    ("bell", 577, "CA", [70, 142], None, 2.0),
    ("bt", 2856, "GB", [86, 81, 109], "2a00:23c5", 3.0),
    ("virgin", 5089, "GB", [82, 92], None, 2.0),
    ("sky", 5607, "GB", [90, 94], "2a02:c7c", 1.5),
    ("dtag", 3320, "DE", [87, 91, 93, 79], "2003:e0", 4.0),
    ("vodafone_de", 3209, "DE", [88, 95], "2a02:8108", 2.0),
    ("orange_fr", 3215, "FR", [90, 86, 92], "2a01:cb00", 3.0),
    ("free", 12322, "FR", [82, 88, 78], "2a01:e0a", 2.0),
    ("kpn", 1136, "NL", [77, 145], None, 1.0),
    ("ziggo", 33915, "NL", [84, 62], None, 1.0),
    ("movistar", 3352, "ES", [83, 88], None, 1.0),
    ("tim", 3269, "IT", [79, 93, 87], None, 1.0),
    ("orange_pl", 5617, "PL", [83, 89], None, 1.0),
    ("telia_se", 3301, "SE", [78, 90], None, 1.0),
    ("swisscom", 3303, "CH", [85, 178], None, 1.0),
    ("bezeq", 8551, "IL", [79, 109], None, 1.0),
    ("turktelekom", 9121, "TR", [85, 88], None, 1.0),
    ("kyivstar", 15895, "UA", [46, 176], None, 1.0),
    ("jio", 55836, "IN", [49, 157], "2409:40c0", 3.0),
    ("airtel", 24560, "IN", [122, 182], None, 2.0),
    ("act", 24309, "IN", [106, 183], None, 1.0),
    ("net_claro", 28573, "BR", [177, 179, 189], None, 2.0),
    ("vivo", 18881, "BR", [187, 191], "2804:14c", 2.0),
    ("telmex", 8151, "MX", [189, 187], None, 1.5),
    ("telecom_ar", 7303, "AR", [181, 190], None, 1.0),
    ("ntt_ocn", 4713, "JP", [153, 114, 122], "240b:10", 2.0),
    ("softbank", 17676, "JP", [126, 219], None, 1.5),
    ("kt", 4766, "KR", [121, 175, 211], None, 2.0),
    ("hinet", 3462, "TW", [114, 36, 111], None, 1.0),
    ("singtel", 9506, "SG", [116, 220], None, 1.0),
    ("pldt", 9299, "PH", [112, 120], None, 1.0),
    ("telkom_id", 7713, "ID", [36, 180], None, 1.0),
    ("vnpt", 45899, "VN", [113, 14], None, 1.0),
    ("telstra", 1221, "AU", [101, 120, 58], None, 1.5),
    ("tpg", 7545, "AU", [110, 124], None, 1.0),
    ("safaricom_home", 33771, "KE", [41, 105], None, 0.5),
    ("spectranet", 37340, "NG", [102, 197], None, 0.5),
]

# carriers (CGNAT: a small set of public addresses shared by many subscribers)
MOBILE = [
    ("tmobile_us", 21928, "US", [172], "2607:fb90", 4.0, 900),
    ("verizon_wireless", 22394, "US", [174], "2600:1010", 3.0, 700),
    ("att_mobility", 20057, "US", [166], None, 2.0, 500),
    ("ee", 12576, "GB", [31, 92], None, 2.0, 300),
    ("vodafone_uk", 25135, "GB", [148], None, 1.0, 200),
    ("telefonica_de", 6805, "DE", [176, 89], None, 1.5, 300),
    ("bouygues", 5410, "FR", [37, 176], None, 1.0, 250),
    ("jio_mobile", 55836, "IN", [49, 152], "2409:4000", 4.0, 600),
    ("airtel_mobile", 45609, "IN", [106, 223], None, 3.0, 500),
    ("tim_br", 26615, "BR", [177, 191], None, 2.0, 350),
    ("telcel", 28403, "MX", [189, 201], None, 1.5, 250),
    ("globe", 132199, "PH", [112, 124], None, 1.5, 250),
    ("telkomsel", 23693, "ID", [114, 182], None, 2.0, 350),
    ("viettel", 7552, "VN", [27, 171], None, 1.5, 250),
    ("mtn_ng", 29465, "NG", [102, 105], None, 1.5, 250),
    ("safaricom", 33771, "KE", [41], None, 1.0, 200),
    ("turkcell", 16135, "TR", [178, 188], None, 1.0, 200),
    ("docomo", 9605, "JP", [1, 49], None, 1.5, 300),
    ("sktelecom", 9644, "KR", [223, 211], None, 1.5, 250),
    ("telstra_mobile", 1221, "AU", [1, 49], None, 1.0, 200),
    ("rogers_wireless", 812, "CA", [72], None, 1.0, 200),
]

# provider, asn, [(country, first octets)]
HOSTING = [
    ("aws", 16509, [("US", [3, 18, 44, 52, 54]), ("IE", [52, 63]), ("DE", [3, 18]), ("SG", [13, 18]),
                    ("JP", [13, 54]), ("IN", [13, 15]), ("GB", [18, 35])]),
    ("gcp", 396982, [("US", [34, 35]), ("NL", [34]), ("SG", [34, 35]), ("JP", [34]), ("BE", [35])]),
    ("azure", 8075, [("US", [20, 40, 52]), ("NL", [20]), ("GB", [51]), ("IN", [20]), ("SG", [20])]),
    ("digitalocean", 14061, [("US", [159, 167, 138, 64, 143]), ("DE", [46, 164]), ("SG", [128, 139]),
                             ("GB", [178, 209]), ("NL", [188, 146])]),
    ("hetzner", 24940, [("DE", [5, 88, 95, 116, 135, 168]), ("FI", [65, 95])]),
    ("ovh", 16276, [("FR", [51, 54, 137, 141]), ("CA", [142, 149])]),
    ("linode", 63949, [("US", [45, 139, 172, 50]), ("DE", [172]), ("JP", [139])]),
    ("vultr", 20473, [("US", [45, 149, 207, 108]), ("JP", [45, 158]), ("NL", [95, 136])]),
    ("alibaba", 45102, [("SG", [47, 8]), ("US", [47])]),
    ("oracle", 31898, [("US", [129, 150]), ("JP", [140])]),
    ("contabo", 51167, [("DE", [5, 161, 173, 194])]),
]

VPN = [
    ("m247", 9009, [("US", [37, 38, 45, 89]), ("GB", [146, 193]), ("DE", [193, 185]), ("NL", [185, 89]),
                    ("JP", [138]), ("SG", [89]), ("CA", [37]), ("CH", [185])]),
    ("datacamp", 60068, [("US", [89, 185]), ("GB", [212, 185]), ("DE", [185]), ("FR", [185]),
                         ("SG", [156]), ("AU", [103])]),
    ("clouvider", 62240, [("GB", [45, 77]), ("US", [193]), ("DE", [45])]),
    ("leaseweb", 60781, [("NL", [37, 212, 81]), ("US", [23, 108])]),
    ("zenlayer", 21859, [("US", [128, 98]), ("SG", [45]), ("JP", [104])]),
]

UNIVERSITIES = [
    ("mit", 3, "US", [18]), ("stanford", 32, "US", [171]), ("berkeley", 25, "US", [128, 136]),
    ("cmu", 9, "US", [128]), ("utexas", 18, "US", [128, 146]), ("utoronto", 239, "CA", [128, 142]),
    ("oxford", 786, "GB", [129, 163]), ("ucl", 786, "GB", [128, 144]), ("eth", 559, "CH", [129, 82]),
    ("tum", 12816, "DE", [129, 138]), ("sorbonne", 2200, "FR", [134, 195]),
    ("utokyo", 2907, "JP", [133, 157]), ("nus", 7472, "SG", [137]), ("iitb", 2697, "IN", [14, 103]),
    ("usp", 28571, "BR", [143]), ("kaist", 1781, "KR", [143]), ("unimelb", 7575, "AU", [128]),
    ("tudelft", 1103, "NL", [131, 145]), ("unam", 278, "MX", [132]),
]

CORPORATE = [
    ("lumen", 3356, [("US", [4, 8, 63, 65, 205])]),
    ("cogent", 174, [("US", [38, 66, 154]), ("DE", [149]), ("GB", [149])]),
    ("zayo", 6461, [("US", [64, 216]), ("CA", [64])]),
    ("colt", 8220, [("GB", [62, 212]), ("DE", [213]), ("FR", [212]), ("NL", [213])]),
    ("ntt_com", 2914, [("JP", [61, 129]), ("US", [157])]),
    ("telia_carrier", 1299, [("SE", [62, 80]), ("DE", [80])]),
    ("tata", 6453, [("IN", [14, 115]), ("SG", [116])]),
    ("verizon_business", 701, [("US", [65, 206]), ("GB", [195])]),
    ("kddi", 2516, [("JP", [106, 111])]),
    ("embratel", 4230, [("BR", [200])]),
    ("telstra_biz", 1221, [("AU", [203])]),
]

ZSCALER = ("zscaler", 62044, [("US", [136, 165]), ("DE", [165]), ("GB", [147]), ("IN", [136]),
                              ("JP", [165]), ("SG", [165]), ("FR", [165]), ("CA", [136]), ("AU", [147])])


def _v6top(s):
    parts = s.split(":")
    v = 0
    for i, p in enumerate(parts):
        v |= int(p, 16) << (16 * (7 - i))
    return v, 16 * len(parts)


class Net:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()
        self.res = {}      # cc -> (WChoice of pools)
        self.res_pools = []
        for name, asn, cc, octs, v6, w in RESIDENTIAL:
            pool = {"name": name, "asn": asn, "cc": cc, "p16": self._alloc(octs, rng.randint(6, 16)),
                    "v6": _v6top(v6) if v6 else None}
            self.res_pools.append(pool)
            self.res.setdefault(cc, []).append((pool, w))
        self.res = {cc: WChoice(v) for cc, v in self.res.items()}
        self.mob = {}
        for name, asn, cc, octs, v6, w, n_ips in MOBILE:
            p16 = self._alloc(octs, rng.randint(2, 5))
            ips = []
            for _ in range(n_ips):
                ips.append((f"{rng.choice(p16)}.{rng.randrange(256)}.{rng.randrange(1, 255)}", asn, cc))
            if v6:
                top, bits = _v6top(v6)
                for _ in range(n_ips // 3):
                    v = top | (rng.getrandbits(128 - bits - 64) << 64) | rng.getrandbits(64)
                    ips.append((str(ipaddress.IPv6Address(v)), asn, cc))
            self.mob.setdefault(cc, []).append(({"name": name, "asn": asn, "cc": cc, "ips": ips}, w))
        self.mob = {cc: WChoice(v) for cc, v in self.mob.items()}
        self.host = {}
        self.host_list = []
        for name, asn, regions in HOSTING:
            regs = []
            for cc, octs in regions:
                p16 = self._alloc(octs, rng.randint(3, 8))
                regs.append((cc, p16))
            self.host[name] = (asn, regs)
            self.host_list.append(name)
        self.vpn = {}
        self.vpn_list = []
        for name, asn, regions in VPN:
            regs = []
            for cc, octs in regions:
                regs.append((cc, self._alloc(octs, rng.randint(2, 5))))
            self.vpn[name] = (asn, regs)
            self.vpn_list.append(name)
        self.univ = {}
        for name, asn, cc, octs in UNIVERSITIES:
            self.univ[name] = {"asn": asn, "cc": cc, "p16": self._alloc(octs, rng.randint(1, 2))}
        self.univ_list = [u[0] for u in UNIVERSITIES]
        self.corp = {}
        for name, asn, regions in CORPORATE:
            for cc, octs in regions:
                self.corp.setdefault(cc, []).append((asn, self._alloc(octs, rng.randint(3, 8))))
        zs_asn = ZSCALER[1]
        self.zs = {}
        for cc, octs in ZSCALER[2]:
            p16 = self._alloc(octs, 2)
            self.zs[cc] = [(f"{rng.choice(p16)}.{rng.randrange(256)}.{rng.randrange(1, 255)}", zs_asn, cc)
                           for _ in range(40)]
        self.warp16 = self._alloc([104], 2)

    def _alloc(self, octs, n):
        out = []
        tries = 0
        while len(out) < n and tries < 500:
            tries += 1
            a = self.rng.choice(octs)
            b = self.rng.randrange(256)
            if (a, b) in self.used:
                continue
            self.used.add((a, b))
            out.append(f"{a}.{b}")
        if not out:
            out.append(f"{octs[0]}.{self.rng.randrange(256)}")
        return out

    # ---- residential
    def res_pool(self, rng, cc):
        wc = self.res.get(cc) or self.res["US"]
        return wc.pick(rng)

    def res_ip(self, rng, cc, pool=None, v6=False):
        if pool is None:
            pool = self.res_pool(rng, cc)
        if v6 and pool["v6"] is not None:
            top, bits = pool["v6"]
            v = top | (rng.getrandbits(128 - bits - 64) << 64) | rng.getrandbits(64)
            return (str(ipaddress.IPv6Address(v)), pool["asn"], pool["cc"])
        return (f"{rng.choice(pool['p16'])}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                pool["asn"], pool["cc"])

    def v6_renew(self, rng, ip):
        """Same /64, new privacy-extension interface id."""
        if ":" not in ip[0]:
            return ip
        v = int(ipaddress.IPv6Address(ip[0]))
        v = (v >> 64 << 64) | rng.getrandbits(64)
        return (str(ipaddress.IPv6Address(v)), ip[1], ip[2])

    # ---- mobile (CGNAT)
    def has_mobile(self, cc):
        return cc in self.mob

    def mobile_ip(self, rng, cc, carrier=None):
        if carrier is None:
            wc = self.mob.get(cc)
            if wc is None:
                return self.res_ip(rng, cc)
            carrier = wc.pick(rng)
        return rng.choice(carrier["ips"])

    def mobile_carrier(self, rng, cc):
        wc = self.mob.get(cc)
        return wc.pick(rng) if wc else None

    # ---- hosting
    def host_ip(self, rng, provider=None, cc=None):
        if provider is None:
            provider = rng.choice(self.host_list)
        asn, regs = self.host[provider]
        cand = [r for r in regs if r[0] == cc] if cc else regs
        if not cand:
            cand = regs
        rcc, p16 = rng.choice(cand)
        return (f"{rng.choice(p16)}.{rng.randrange(256)}.{rng.randrange(1, 255)}", asn, rcc)

    # ---- vpn
    def vpn_ip(self, rng, provider=None, cc=None):
        if provider is None:
            provider = rng.choice(self.vpn_list)
        asn, regs = self.vpn[provider]
        cand = [r for r in regs if r[0] == cc] if cc else regs
        if not cand:
            cand = regs
        rcc, p16 = rng.choice(cand)
        return (f"{rng.choice(p16)}.{rng.randrange(256)}.{rng.randrange(1, 255)}", asn, rcc)

    def warp_ip(self, rng, cc):
        return (f"{rng.choice(self.warp16)}.{rng.randrange(256)}.{rng.randrange(1, 255)}", 13335, cc)

    # ---- campus / corporate
    def campus_ips(self, rng, name, n):
        u = self.univ[name]
        return [(f"{rng.choice(u['p16'])}.{rng.randrange(256)}.{rng.randrange(1, 255)}", u["asn"], u["cc"])
                for _ in range(n)]

    def corp_ips(self, rng, cc, n):
        opts = self.corp.get(cc) or self.corp["US"]
        asn, p16 = rng.choice(opts)
        pre = rng.choice(p16)
        third = rng.randrange(256)
        rcc = cc if cc in self.corp else "US"
        return [(f"{pre}.{third}.{rng.randrange(1, 255)}", asn, rcc) for _ in range(n)]

    def zscaler_ip(self, rng, cc):
        lst = self.zs.get(cc) or self.zs["US"]
        return rng.choice(lst)


# --------------------------------------------------------------------------- per-actor network behaviour

class Home:
    """A person: home connection, sometimes on the phone, sometimes at the office, sometimes on a VPN."""

    def __init__(self, net, rng, cc, mobile_p=0.15, office=None, office_p=0.0, vpn_p=0.0, v6_p=0.3,
                 warp_p=0.0):
        self.net = net
        self.cc = cc
        pool = net.res_pool(rng, cc)
        self.home = net.res_ip(rng, cc, pool, v6=(rng.random() < v6_p))
        self.carrier = net.mobile_carrier(rng, cc) if rng.random() < 0.9 else None
        self.mobile_p = mobile_p if self.carrier else 0.0
        self.office = office
        self.office_p = office_p if office else 0.0
        self.vpn_p = vpn_p
        self.vpn_provider = rng.choice(net.vpn_list)
        self.warp = rng.random() < warp_p
        self.cur = self.home

    def session(self, rng, local_hour=12.0):
        u = rng.random()
        if self.office and 8.5 <= local_hour < 18.5 and u < self.office_p:
            self.cur = rng.choice(self.office)
        elif u < self.office_p + self.mobile_p:
            self.cur = self.net.mobile_ip(rng, self.cc, self.carrier)
        elif u < self.office_p + self.mobile_p + self.vpn_p:
            self.cur = self.net.vpn_ip(rng, self.vpn_provider)
        elif self.warp:
            self.cur = self.net.warp_ip(rng, self.cc)
        else:
            if rng.random() < 0.3:
                self.home = self.net.v6_renew(rng, self.home)
            self.cur = self.home

    def ip(self, rng):
        return self.cur


class Fixed:
    """A set of egress addresses (office NAT, cloud NAT gateways, campus NAT)."""

    def __init__(self, ips):
        self.ips = ips
        self.cur = ips[0]

    def session(self, rng, local_hour=12.0):
        self.cur = rng.choice(self.ips)

    def ip(self, rng):
        if len(self.ips) > 1 and rng.random() < 0.2:
            return rng.choice(self.ips)
        return self.cur


class PerSession:
    """New address every session drawn from a function (mobile CGNAT, VPN hopping, sticky proxy sessions)."""

    def __init__(self, fn):
        self.fn = fn
        self.cur = None

    def session(self, rng, local_hour=12.0):
        self.cur = self.fn(rng)

    def ip(self, rng):
        if self.cur is None:
            self.cur = self.fn(rng)
        return self.cur


class Rotating:
    """New address for every request (rotating proxy)."""

    def __init__(self, fn):
        self.fn = fn

    def session(self, rng, local_hour=12.0):
        pass

    def ip(self, rng):
        return self.fn(rng)
