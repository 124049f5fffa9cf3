"""Static catalogue of the lagoon world: countries, networks, models, clients, curves, token shapes."""
from .util import table

# country, population weight, (utc offset, weight) options
COUNTRIES = [
    ("US", 30.0, ((-5, .47), (-6, .29), (-7, .07), (-8, .17))),
    ("IN", 8.0, ((5.5, 1.0),)),
    ("GB", 6.0, ((0, 1.0),)),
    ("DE", 5.0, ((1, 1.0),)),
    ("BR", 5.0, ((-3, 1.0),)),
    ("CA", 4.0, ((-5, .6), (-8, .25), (-7, .15))),
    ("FR", 4.0, ((1, 1.0),)),
    ("JP", 3.0, ((9, 1.0),)),
    ("KR", 3.0, ((9, 1.0),)),
    ("AU", 3.0, ((11, .7), (8, .1), (10.5, .2))),
    ("NL", 2.0, ((1, 1.0),)),
    ("SG", 2.0, ((8, 1.0),)),
    ("ES", 2.0, ((1, 1.0),)),
    ("IT", 2.0, ((1, 1.0),)),
    ("PL", 2.0, ((1, 1.0),)),
    ("SE", 1.0, ((1, 1.0),)),
    ("IL", 1.5, ((2, 1.0),)),
    ("TR", 1.5, ((3, 1.0),)),
    ("ID", 2.0, ((7, 1.0),)),
    ("VN", 1.5, ((7, 1.0),)),
    ("MX", 2.0, ((-6, 1.0),)),
    ("PH", 1.5, ((8, 1.0),)),
    ("NG", 1.0, ((1, 1.0),)),
    ("KE", 0.7, ((3, 1.0),)),
    ("TW", 1.5, ((8, 1.0),)),
]

# residential broadband ASNs per country (first is the biggest)
RES_ASN = {
    "US": [7922, 20115, 7018, 701, 22773, 5650], "IN": [24560, 55836, 9829, 17488],
    "GB": [2856, 5089, 5607, 13285], "DE": [3320, 3209, 6805, 8881], "BR": [28573, 18881, 26599],
    "CA": [812, 577, 852, 5769], "FR": [3215, 12322, 5410, 15557], "JP": [4713, 2516, 17676],
    "KR": [4766, 9318, 3786], "AU": [1221, 4804, 7545], "NL": [1136, 33915], "SG": [9506, 55430],
    "ES": [3352, 12479, 12430], "IT": [3269, 30722, 1267], "PL": [5617, 12741, 6830],
    "SE": [3301, 2119], "IL": [8551, 1680], "TR": [9121, 34984], "ID": [7713, 17974],
    "VN": [7552, 45899, 18403], "MX": [8151, 13999], "PH": [9299, 132199], "NG": [29465, 36873],
    "KE": [33771, 36866], "TW": [3462, 9924],
}
# mobile carriers (carrier-grade NAT)
MOB_ASN = {
    "US": [21928, 6167, 20057], "IN": [45609, 38266], "GB": [12576, 206067], "DE": [6805, 29247],
    "BR": [26615, 22085], "CA": [395570, 46491], "FR": [51207, 21502], "JP": [2527, 9605],
    "KR": [17858, 9644], "AU": [133612, 4804], "NL": [31615], "SG": [4773], "ES": [12357],
    "IT": [16232], "PL": [8374], "SE": [44034], "IL": [12400], "TR": [16135], "ID": [23693, 24203],
    "VN": [131445], "MX": [28403], "PH": [132199], "NG": [37148], "KE": [33771], "TW": [24158],
}
# hosting / cloud providers: name, asn, regions
HOSTING = [
    ("aws", 16509, ["US", "US", "US", "DE", "IE", "SG", "JP", "GB", "IN", "BR", "AU"]),
    ("gcp", 396982, ["US", "US", "NL", "BE", "SG", "JP", "IN"]),
    ("azure", 8075, ["US", "US", "NL", "IE", "SG", "JP", "GB"]),
    ("digitalocean", 14061, ["US", "NL", "DE", "SG", "IN", "GB", "CA"]),
    ("hetzner", 24940, ["DE", "FI", "US"]),
    ("ovh", 16276, ["FR", "CA", "DE", "GB", "PL"]),
    ("linode", 63949, ["US", "DE", "JP", "SG"]),
    ("vultr", 20473, ["US", "NL", "JP", "SG", "DE"]),
]
HOSTING_W = [30, 14, 12, 12, 10, 9, 6, 7]
# commercial VPN providers: name, asn, exit countries
VPNS = [
    ("m247", 9009, ["US", "GB", "NL", "DE", "RO", "SG", "JP", "CA", "FR", "ES", "IT", "SE"]),
    ("datacamp", 60068, ["US", "GB", "DE", "NL", "SG", "AU", "JP", "HK", "CH"]),
    ("packethub", 147049, ["US", "CA", "GB", "DE", "FR", "NL", "BR", "MX", "IN"]),
]

REGION = {
    "US": "us-east-1", "CA": "us-east-1", "MX": "us-west-2", "BR": "sa-east-1",
    "JP": "ap-northeast-1", "KR": "ap-northeast-1", "TW": "ap-northeast-1",
    "SG": "ap-southeast-1", "ID": "ap-southeast-1", "VN": "ap-southeast-1", "PH": "ap-southeast-1",
    "AU": "ap-southeast-2", "IN": "ap-south-1",
}

NEW_MODEL = "claude-sonnet-5"
MODEL_SPEED = {  # ttft ms, output tokens/s
    "claude-haiku-4-5": (380.0, 150.0),
    "claude-sonnet-4-5": (850.0, 72.0),
    "claude-opus-4-5": (1500.0, 48.0),
    "claude-opus-4-1": (1800.0, 36.0),
    "claude-sonnet-4": (900.0, 68.0),
    "claude-3-5-haiku": (420.0, 115.0),
    NEW_MODEL: (1150.0, 60.0),
}
MODELS = table([("claude-sonnet-4-5", 55), ("claude-haiku-4-5", 18), ("claude-opus-4-5", 12),
                ("claude-opus-4-1", 5), ("claude-sonnet-4", 7), ("claude-3-5-haiku", 3)])

PY = table([("0.68.0", 2), ("0.69.1", 3), ("0.70.0", 4), ("0.71.0", 6), ("0.71.2", 5), ("0.72.0", 8),
            ("0.73.0", 10), ("0.74.0", 12), ("0.74.1", 16), ("0.75.0", 14)])
TS = table([("0.60.0", 2), ("0.61.1", 3), ("0.62.0", 4), ("0.63.0", 6), ("0.64.0", 8),
            ("0.65.0", 11), ("0.66.0", 14), ("0.67.0", 12)])
GO = table([("1.9.1", 2), ("1.10.0", 3), ("1.12.0", 5), ("1.13.0", 5)])
JAVA = table([("2.6.0", 2), ("2.7.0", 3), ("2.8.1", 5), ("2.9.0", 4)])
LATEST_PY = "0.75.0"
LATEST_TS = "0.67.0"
SCRIPT_UA = table([("python-requests/2.32.3", 5), ("python-requests/2.31.0", 3), ("Go-http-client/2.0", 3),
                   ("axios/1.7.9", 2), ("curl/8.5.0", 2), ("node-fetch/3.3.2", 1), ("python-httpx/0.27.2", 2)])

# time-of-day activity curves, indexed by local hour
HUMAN = [.06, .04, .03, .02, .02, .03, .08, .2, .45, .75, .9, 1., .9, .95, 1., .95, .85, .72, .6, .62, .66, .58, .38, .15]
OFFICE = [.02, .01, .01, .01, .01, .02, .05, .2, .6, .95, 1., 1., .7, .9, 1., .98, .9, .6, .3, .15, .1, .08, .05, .03]
EVENING = [.25, .12, .06, .03, .02, .02, .04, .08, .15, .22, .28, .32, .35, .35, .35, .38, .45, .55, .72, .9, 1., 1., .85, .55]
STUDENT = [.35, .25, .15, .06, .03, .02, .03, .08, .25, .55, .75, .8, .7, .8, .85, .85, .8, .7, .65, .75, .9, 1., .95, .7]
MARKET = [.3, .2, .15, .12, .12, .15, .25, .45, .7, .85, .95, 1., .95, .95, 1., .95, .9, .85, .8, .8, .75, .65, .5, .4]
FLAT = [1.0] * 24

CATS = ["chat", "coding", "reasoning", "tool_use", "writing", "analysis", "vision", "other"]
# log-normal token shapes: mu_in, sigma_in, mu_out, sigma_out
TOK = {
    "chat": (5.6, 1.0, 5.8, 0.8),
    "coding": (7.6, 1.1, 6.7, 0.8),
    "reasoning": (6.0, 0.8, 7.0, 0.7),
    "tool_use": (9.2, 0.9, 5.9, 0.9),
    "writing": (6.3, 1.0, 6.9, 0.7),
    "analysis": (8.2, 1.2, 6.5, 0.8),
    "vision": (7.4, 0.5, 5.7, 0.7),
    "other": (6.2, 1.2, 5.7, 1.0),
}
# beta(a, b) of the step-by-step elicitation classifier per category
COT = {
    "chat": (1.2, 14.0), "coding": (1.5, 9.0), "reasoning": (3.5, 3.0), "tool_use": (1.1, 14.0),
    "writing": (1.2, 12.0), "analysis": (2.0, 6.0), "vision": (1.2, 10.0), "other": (1.2, 10.0),
}
DEV_MIX = {"coding": .42, "chat": .18, "writing": .10, "analysis": .10, "reasoning": .09,
           "tool_use": .05, "vision": .04, "other": .02}
