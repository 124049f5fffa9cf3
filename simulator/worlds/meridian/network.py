"""Synthetic address space: ASNs own prefixes; households, NATs, carriers, clouds,
VPN exits and residential proxy pools all draw addresses from the same registry.
"""

# Cloud / hosting providers: asn -> countries where it has regions.
HOSTING = [
    (16509, ['US', 'US', 'IE', 'DE', 'SG', 'JP', 'IN', 'BR']),   # AWS
    (396982, ['US', 'NL', 'SG', 'JP']),                         # GCP
    (8075, ['US', 'NL', 'GB', 'IN']),                           # Azure
    (14061, ['US', 'DE', 'SG', 'NL', 'GB']),                    # DigitalOcean
    (24940, ['DE', 'FI']),                                      # Hetzner
    (16276, ['FR', 'CA', 'DE']),                                # OVH
    (63949, ['US', 'DE', 'JP']),                                # Akamai/Linode
    (20473, ['US', 'JP', 'NL']),                                # Vultr
    (45102, ['SG', 'JP']),                                      # Alibaba
]
# VPN / anonymising exits.
VPN = [
    (9009, ['GB', 'NL', 'RO', 'US', 'DE', 'CH']),
    (60068, ['US', 'DE', 'JP', 'SG', 'FR']),
    (212238, ['NL', 'GB', 'SE', 'US']),
    (136787, ['US', 'CA', 'SG', 'AU']),
]
# Research / education networks: (asn, cc, utc offset)
EDU = [
    (3, 'US', -5), (32, 'US', -8), (786, 'GB', 0), (680, 'DE', 1), (2200, 'FR', 1),
    (7575, 'AU', 11), (55824, 'IN', 5.5), (2907, 'JP', 9), (17579, 'KR', 9), (1103, 'NL', 1),
    (7922, 'US', -5),
]

_BAD_FIRST = {10, 100, 127, 169, 172, 192, 198, 203}


class Network:
    def __init__(self, rng):
        self.rng = rng
        self._v4 = {}
        self._v6 = {}
        self._used = set()
        self._cgnat = {}

    def _prefixes(self, asn):
        p = self._v4.get(asn)
        if p is None:
            rng = self.rng
            p = []
            for _ in range(rng.randint(3, 7)):
                while True:
                    a = rng.randint(11, 223)
                    b = rng.randint(0, 255)
                    if a not in _BAD_FIRST and (a, b) not in self._used:
                        break
                self._used.add((a, b))
                p.append('%d.%d.' % (a, b))
            self._v4[asn] = p
        return p

    def v4(self, asn):
        rng = self.rng
        p = self._prefixes(asn)
        return '%s%d.%d' % (p[int(rng.random() * len(p))], rng.randint(0, 255), rng.randint(1, 254))

    def v6(self, asn):
        p = self._v6.get(asn)
        rng = self.rng
        if p is None:
            p = '2%03x:%04x' % (rng.randint(0x400, 0xc0f), rng.getrandbits(16))
            self._v6[asn] = p
        return '%s:%04x:%04x:%04x:%04x:%04x:%04x' % (
            p, rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16),
            rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16))

    @staticmethod
    def frag(ip, asn, cc):
        return '"client_ip":"%s","asn":%s,"country":%s' % (
            ip, 'null' if asn is None else str(asn), 'null' if cc is None else '"%s"' % cc)

    def home(self, asn, cc, v6_p=0.3, geo_missing_p=0.004):
        """A household / office address on an access network."""
        rng = self.rng
        ip = self.v6(asn) if rng.random() < v6_p else self.v4(asn)
        if rng.random() < geo_missing_p:
            return self.frag(ip, None, None)
        return self.frag(ip, asn, cc)

    def host(self, asn, cc):
        return self.frag(self.v4(asn), asn, cc)

    def cgnat(self, asn, cc):
        """Carrier-grade NAT: a small pool of public addresses shared by everyone on the carrier."""
        key = (asn, cc)
        pool = self._cgnat.get(key)
        if pool is None:
            n = self.rng.randint(10, 36)
            pool = [self.frag(self.v4(asn), asn, cc) for _ in range(n)]
            self._cgnat[key] = pool
        return pool
