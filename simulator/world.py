"""The shared world the accounts live in: countries, networks, SDKs, models, prompt pools.

Everything here is drawn once per run from the scenario RNG, so two runs with the
same seed see the same ISPs, NAT gateways, proxy prefixes and templates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# (country, UTC offset in hours, weight): where API users sit, hence their diurnal phase.
COUNTRIES = (
    ("US", -5, 22), ("US", -8, 14), ("BR", -3, 5), ("CA", -5, 4), ("MX", -6, 2), ("GB", 0, 8),
    ("DE", 1, 7), ("FR", 1, 5), ("NL", 1, 2), ("PL", 1, 2), ("NG", 1, 2), ("IN", 5.5, 10),
    ("SG", 8, 3), ("JP", 9, 5), ("KR", 9, 4), ("AU", 10, 3), ("VN", 7, 2),
)
SDK_AGENTS = (
    "anthropic-python/0.74.1", "anthropic-python/0.72.0", "anthropic-typescript/0.68.0",
    "anthropic-go/1.4.0", "python-httpx/0.28.1", "litellm/1.77.3", "curl/8.5.0",
)
IDE_AGENT_UA = "claude-code/2.0.31"
WEB_CHAT_UA = "openwebui/0.6.32 anthropic-python/0.74.1"
EXISTING_MODELS = ("claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1")
CLOUD_ASNS = ((16509, "US"), (15169, "US"), (8075, "US"), (14061, "DE"), (24940, "DE"), (16276, "FR"))
EDU_ASNS = (1239, 11537, 786, 680, 2200, 7575)


def hex_id(rng: random.Random, prefix: str, digits: int) -> str:
    """`prefix` + `digits` random lowercase hex digits."""
    return f"{prefix}{rng.getrandbits(4 * digits):0{digits}x}"


def ipv4(value: int) -> str:
    return f"{value >> 24 & 255}.{value >> 16 & 255}.{value >> 8 & 255}.{value & 255}"


def random_prefix24(rng: random.Random) -> int:
    """A random public-looking /24 network (as the integer of its .0 address)."""
    first = rng.choice((23, 24, 31, 37, 41, 45, 49, 62, 77, 81, 86, 91, 98, 103, 109, 112, 151, 176, 185, 188, 201))
    return (first << 24) | (rng.getrandbits(16) << 8)


@dataclass
class Isp:
    """A residential or mobile ISP: an ASN, its country and some /24 prefixes."""

    asn: int
    country: str
    prefixes: list[int]

    def home_address(self, rng: random.Random) -> str:
        return ipv4(rng.choice(self.prefixes) | rng.randint(1, 254))


@dataclass
class NatGateway:
    """Many unrelated users egressing from a handful of addresses (corporate, campus, carrier)."""

    kind: str
    asn: int
    country: str
    addresses: list[str]


@dataclass
class World:
    """Countries, networks, shared system prompts and templates for one run."""

    rng: random.Random
    isps_by_country: dict[str, list[Isp]] = field(default_factory=dict)
    corporate_nats: list[NatGateway] = field(default_factory=list)
    university_nats: list[NatGateway] = field(default_factory=list)
    carrier_nats: list[NatGateway] = field(default_factory=list)
    ide_agent_prompts: list[str] = field(default_factory=list)
    chat_ui_prompt: str = ""
    benchmark_templates: list[int] = field(default_factory=list)
    country_weights: list[float] = field(default_factory=list)
    gateways_by_country: dict[tuple[str, str], list[NatGateway]] = field(default_factory=dict)

    @classmethod
    def build(cls, rng: random.Random, corporate_nats: int, university_nats: int, carriers: int) -> "World":
        world = cls(rng=rng)
        next_asn = iter(range(3000, 60000, 97))
        for country in sorted({c for c, _, _ in COUNTRIES}):
            world.isps_by_country[country] = [
                Isp(next(next_asn), country, [random_prefix24(rng) for _ in range(rng.randint(40, 120))])
                for _ in range(3)
            ]
        world.country_weights = [w for _, _, w in COUNTRIES]
        world.corporate_nats = [world._nat("corporate", rng.randint(1, 4)) for _ in range(corporate_nats)]
        world.university_nats = [world._nat("university", rng.randint(2, 8)) for _ in range(university_nats)]
        world.carrier_nats = [world._nat("carrier", rng.randint(24, 96)) for _ in range(carriers)]
        for gateway in world.corporate_nats + world.university_nats + world.carrier_nats:
            world.gateways_by_country.setdefault((gateway.kind, gateway.country), []).append(gateway)
        world.ide_agent_prompts = [hex_id(rng, "sp_", 16) for _ in range(3)]
        world.chat_ui_prompt = hex_id(rng, "sp_", 16)
        world.benchmark_templates = [rng.getrandbits(64) for _ in range(24)]
        return world

    def _nat(self, kind: str, size: int) -> NatGateway:
        country, _ = self.pick_country()
        if kind == "university":
            asn = self.rng.choice(EDU_ASNS)
        elif kind == "carrier":
            asn = self.rng.choice(self.isps_by_country[country]).asn
        else:
            asn = self.rng.randint(60000, 65000)
        base = random_prefix24(self.rng)
        hosts = self.rng.sample(range(1, 255), size)
        return NatGateway(kind, asn, country, [ipv4(base | h) for h in hosts])

    def pick_country(self) -> tuple[str, float]:
        """A (country, UTC offset hours) pair weighted by API usage."""
        country, offset, _ = self.rng.choices(COUNTRIES, self.country_weights)[0]
        return country, offset

    def offset_of(self, country: str) -> float:
        return next(o for c, o, _ in COUNTRIES if c == country)

    def cloud_addresses(self, count: int) -> tuple[int, str, list[str]]:
        """(asn, country, addresses) of `count` VMs in one cloud region."""
        asn, country = self.rng.choice(CLOUD_ASNS)
        base = random_prefix24(self.rng)
        return asn, country, [ipv4(base | self.rng.randint(1, 254)) for _ in range(count)]
