"""Address space: access networks, hosting, VPN exits, campus and office NATs."""
from .rnd import WT

# residential fixed-line ISPs: cc -> [(asn, weight, v4 blocks [(o1, lo, hi)], v6 (hextet1, lo2, hi2) or None, v6 share)]
RESI = {
    "US": [(7922, 28, [(73, 0, 255), (24, 0, 63), (98, 192, 255), (67, 160, 191)], ("2601", 0, 0x1ff), .62),
           (20115, 16, [(66, 0, 127), (97, 64, 127), (174, 96, 127)], ("2603", 0x6000, 0x60ff), .45),
           (7018, 14, [(99, 0, 127), (108, 192, 255), (76, 192, 255)], ("2600", 0x1700, 0x17ff), .55),
           (701, 10, [(71, 160, 191), (108, 0, 63), (100, 0, 31)], ("2600", 0x4040, 0x40ff), .35),
           (22773, 7, [(68, 0, 15), (70, 160, 191), (72, 192, 223)], ("2600", 0x8800, 0x88ff), .5),
           (209, 6, [(67, 0, 15), (71, 208, 223), (75, 160, 175)], None, 0),
           (11427, 5, [(70, 112, 127), (104, 0, 31)], ("2605", 0x6000, 0x60ff), .4),
           (5650, 4, [(47, 144, 159), (50, 32, 47)], ("2600", 0x6c40, 0x6c4f), .3),
           (30036, 3, [(174, 64, 79)], None, 0)],
    "IN": [(24560, 30, [(122, 160, 191), (182, 64, 79)], ("2401", 0x4900, 0x49ff), .3),
           (24309, 12, [(49, 204, 207), (106, 51, 51)], ("2405", 0x201, 0x2ff), .2),
           (9829, 10, [(117, 192, 255), (59, 88, 99)], None, 0),
           (17488, 8, [(183, 82, 83), (175, 101, 101)], None, 0),
           (45609, 6, [(223, 176, 191)], ("2401", 0x4900, 0x49ff), .4)],
    "GB": [(2856, 30, [(86, 128, 191), (81, 128, 159), (109, 144, 159)], ("2a00", 0x23c0, 0x23ff), .4),
           (5089, 20, [(82, 0, 47), (86, 0, 31), (92, 232, 239)], None, 0),
           (5607, 18, [(90, 192, 223), (2, 96, 127)], ("2a02", 0xc7c0, 0xc7ff), .5),
           (13285, 10, [(88, 104, 111), (92, 16, 31)], None, 0),
           (5378, 5, [(176, 24, 27)], None, 0)],
    "DE": [(3320, 40, [(79, 192, 255), (87, 128, 191), (91, 0, 63), (93, 192, 255)], ("2003", 0xe0, 0xff), .6),
           (3209, 25, [(88, 64, 79), (94, 216, 223), (178, 0, 15)], ("2a02", 0x8100, 0x81ff), .4),
           (6805, 12, [(89, 12, 15), (95, 88, 95)], None, 0),
           (8881, 8, [(92, 72, 79), (188, 192, 199)], ("2001", 0x16b8, 0x16bf), .3)],
    "CA": [(812, 30, [(99, 224, 255), (174, 112, 127)], ("2607", 0xfea8, 0xfeaf), .4),
           (577, 30, [(69, 156, 159), (142, 112, 127), (70, 48, 55)], ("2607", 0xfa49, 0xfa4f), .3),
           (6327, 20, [(24, 64, 95), (70, 64, 79)], ("2604", 0x3d08, 0x3d0f), .5),
           (5769, 10, [(24, 200, 207), (67, 68, 71)], None, 0)],
    "FR": [(3215, 35, [(90, 0, 127), (86, 192, 255), (83, 192, 207)], ("2a01", 0xcb00, 0xcbff), .5),
           (12322, 25, [(82, 64, 127), (88, 160, 191), (78, 192, 255)], ("2a01", 0xe0a, 0xe3f), .75),
           (15557, 20, [(93, 0, 31), (77, 128, 159)], ("2a02", 0x8420, 0x842f), .3),
           (5410, 15, [(89, 80, 95), (176, 128, 191)], ("2001", 0x861, 0x86f), .4)],
    "JP": [(4713, 30, [(153, 128, 255), (114, 144, 191), (180, 0, 63)], ("240b", 0x10, 0x1f), .45),
           (2516, 25, [(106, 128, 191), (111, 96, 111), (118, 0, 31)], ("2001", 0x268, 0x26f), .4),
           (17676, 20, [(126, 0, 255), (219, 96, 127)], ("240b", 0x250, 0x25f), .3),
           (2527, 10, [(124, 35, 35), (175, 28, 28)], None, 0)],
    "KR": [(4766, 40, [(175, 192, 255), (121, 128, 191), (220, 64, 95)], ("2001", 0xe60, 0xe6f), .2),
           (9318, 30, [(58, 120, 127), (118, 32, 63), (211, 232, 247)], None, 0),
           (3786, 20, [(106, 240, 255), (1, 232, 239)], None, 0)],
    "BR": [(26599, 30, [(177, 0, 63), (187, 0, 63), (189, 96, 127)], ("2804", 0x7f0, 0x7ff), .5),
           (28573, 30, [(179, 64, 127), (189, 0, 63), (201, 0, 31)], ("2804", 0x14c, 0x14f), .5),
           (18881, 15, [(191, 180, 255)], None, 0),
           (8167, 10, [(177, 128, 191), (200, 200, 223)], None, 0)],
    "AU": [(1221, 40, [(101, 160, 191), (120, 144, 159), (58, 160, 175)], ("2001", 0x8003, 0x800f), .3),
           (7545, 30, [(49, 176, 191), (1, 144, 159), (60, 240, 255)], ("2403", 0x5800, 0x58ff), .3),
           (4804, 20, [(110, 140, 143), (124, 168, 191)], None, 0)],
    "NL": [(1136, 40, [(77, 160, 175), (145, 128, 159), (94, 208, 215)], ("2a02", 0xa440, 0xa47f), .5),
           (33915, 40, [(84, 80, 111), (83, 80, 87), (213, 93, 93)], ("2001", 0x1c00, 0x1cff), .4)],
    "ES": [(3352, 45, [(83, 32, 63), (88, 0, 31), (81, 32, 47)], None, 0),
           (12479, 25, [(85, 48, 63), (90, 160, 175)], None, 0),
           (12430, 20, [(31, 4, 7), (95, 16, 31)], None, 0)],
    "IT": [(3269, 50, [(79, 0, 63), (87, 0, 31), (93, 32, 63)], None, 0),
           (30722, 25, [(2, 32, 47), (151, 64, 79)], None, 0),
           (1267, 15, [(151, 16, 31)], None, 0)],
    "PL": [(5617, 45, [(83, 0, 31), (89, 64, 79), (31, 60, 63)], None, 0),
           (12741, 25, [(77, 253, 253), (178, 36, 39)], None, 0),
           (9141, 15, [(91, 94, 95)], None, 0)],
    "SE": [(3301, 50, [(78, 64, 79), (90, 224, 239), (81, 224, 239)], ("2001", 0x2040, 0x204f), .3),
           (2119, 30, [(84, 208, 223), (89, 8, 15)], None, 0)],
    "CH": [(3303, 60, [(85, 0, 15), (178, 192, 207), (83, 76, 79)], ("2a02", 0x1200, 0x120f), .5),
           (6730, 30, [(62, 202, 207), (84, 72, 79)], None, 0)],
    "IL": [(8551, 50, [(79, 176, 183), (109, 64, 79), (87, 68, 71)], None, 0),
           (1680, 30, [(84, 108, 111), (89, 138, 139)], None, 0)],
    "SG": [(9506, 45, [(116, 86, 89), (119, 56, 63), (220, 255, 255)], None, 0),
           (55430, 35, [(101, 127, 127), (116, 14, 15)], None, 0),
           (10091, 15, [(183, 90, 90)], None, 0)],
    "MX": [(8151, 60, [(187, 128, 191), (189, 128, 191), (201, 141, 141)], None, 0),
           (13999, 25, [(177, 224, 255)], None, 0)],
    "ID": [(7713, 60, [(36, 64, 95), (180, 240, 255), (118, 96, 99)], None, 0),
           (23700, 20, [(110, 136, 139)], None, 0)],
    "VN": [(7552, 45, [(27, 64, 79), (171, 224, 255)], ("2402", 0x800, 0x8ff), .35),
           (18403, 35, [(113, 160, 191), (42, 112, 119)], ("2405", 0x4800, 0x48ff), .3)],
    "PH": [(9299, 55, [(112, 198, 211), (124, 104, 111)], None, 0),
           (132199, 35, [(175, 176, 191)], None, 0)],
    "TR": [(9121, 60, [(78, 160, 191), (88, 224, 255), (85, 96, 111)], None, 0),
           (34984, 25, [(46, 196, 199)], None, 0)],
    "NG": [(37340, 40, [(105, 112, 115), (41, 184, 187)], None, 0),
           (36873, 30, [(197, 211, 211)], None, 0)],
    "UA": [(15895, 45, [(176, 36, 39), (46, 211, 211)], None, 0),
           (13188, 30, [(93, 72, 79), (91, 196, 199)], None, 0)],
    "AR": [(7303, 50, [(181, 0, 63), (190, 16, 31)], None, 0),
           (10318, 30, [(186, 22, 23), (190, 176, 191)], None, 0)],
    "TW": [(3462, 60, [(1, 160, 175), (36, 224, 239), (114, 32, 47)], ("2001", 0xb000, 0xb0ff), .3),
           (9924, 25, [(61, 216, 231)], None, 0)],
}

# mobile carriers (carrier-grade NAT): cc -> [(asn, weight, v4 blocks, v6 or None, v6 share)]
MOBILE = {
    "US": [(21928, 40, [(172, 56, 63)], ("2607", 0xfb90, 0xfb9f), .8),
           (22394, 35, [(174, 192, 255)], ("2600", 0x1000, 0x101f), .7),
           (20057, 25, [(166, 128, 255), (107, 112, 127)], ("2600", 0x380, 0x38f), .6)],
    "GB": [(12576, 40, [(92, 40, 41), (31, 94, 95)], None, 0), (25135, 35, [(82, 132, 132), (148, 252, 252)], None, 0),
           (206067, 25, [(82, 132, 133)], None, 0)],
    "DE": [(3320, 40, [(80, 187, 187), (46, 80, 95)], ("2a01", 0x598, 0x59f), .6), (6805, 35, [(176, 0, 7)], None, 0),
           (3209, 25, [(109, 40, 47)], None, 0)],
    "IN": [(55836, 55, [(49, 32, 47), (157, 32, 51), (152, 56, 59)], ("2409", 0x4000, 0x40ff), .8),
           (45609, 30, [(106, 192, 223), (223, 176, 191)], ("2401", 0x4900, 0x49ff), .5),
           (38266, 15, [(49, 14, 15), (42, 104, 111)], None, 0)],
    "ID": [(23693, 60, [(114, 120, 127), (182, 0, 15)], None, 0), (24203, 40, [(112, 215, 215), (114, 4, 7)], None, 0)],
    "PH": [(132199, 50, [(112, 200, 211)], None, 0), (10139, 50, [(49, 144, 151)], None, 0)],
    "BR": [(26615, 40, [(177, 56, 63)], None, 0), (28573, 30, [(191, 240, 255)], None, 0),
           (26599, 30, [(177, 79, 79)], ("2804", 0x18, 0x1f), .5)],
    "NG": [(29465, 60, [(102, 88, 91), (105, 112, 112)], None, 0), (37148, 40, [(197, 210, 211)], None, 0)],
    "MX": [(28403, 70, [(189, 208, 223), (187, 184, 191)], None, 0)],
    "JP": [(9605, 50, [(1, 66, 79), (49, 96, 111)], ("2400", 0x4150, 0x415f), .5),
           (2516, 30, [(111, 86, 111)], None, 0), (17676, 20, [(126, 254, 255)], None, 0)],
    "KR": [(9644, 50, [(223, 32, 63)], None, 0), (4766, 30, [(39, 7, 7)], None, 0), (17858, 20, [(117, 111, 111)], None, 0)],
    "FR": [(51207, 35, [(37, 160, 175)], None, 0), (3215, 35, [(92, 184, 191)], None, 0), (5410, 30, [(89, 88, 88)], None, 0)],
    "TR": [(16135, 60, [(176, 232, 239)], None, 0), (15897, 40, [(95, 10, 11)], None, 0)],
    "VN": [(7552, 60, [(116, 96, 111)], ("2402", 0x800, 0x8ff), .4), (45899, 40, [(123, 20, 31)], None, 0)],
    "AU": [(1221, 60, [(1, 120, 127)], ("2001", 0x8004, 0x800f), .5), (133612, 40, [(49, 195, 195)], None, 0)],
    "CA": [(812, 50, [(72, 136, 143)], None, 0), (577, 50, [(184, 144, 151)], None, 0)],
    "ES": [(12430, 50, [(95, 127, 127)], None, 0), (3352, 50, [(83, 50, 50)], None, 0)],
    "IT": [(30722, 50, [(5, 168, 175)], None, 0), (24608, 50, [(151, 34, 35)], None, 0)],
    "PL": [(12912, 50, [(37, 7, 7)], None, 0), (29314, 50, [(46, 77, 77)], None, 0)],
    "UA": [(15895, 60, [(176, 38, 38)], None, 0), (21497, 40, [(95, 67, 67)], None, 0)],
    "AR": [(22927, 60, [(181, 98, 98)], None, 0), (27747, 40, [(186, 143, 143)], None, 0)],
}

# hosting / cloud providers: (asn, {cc: v4 blocks})
HOSTING = {
    "aws": (16509, {"US": [(3, 80, 95), (18, 204, 239), (44, 192, 223), (54, 144, 175)], "IE": [(34, 240, 255), (52, 16, 31)],
                    "DE": [(3, 64, 79), (18, 184, 199)], "JP": [(13, 112, 115), (54, 64, 65)], "SG": [(13, 212, 215), (18, 136, 143)],
                    "IN": [(13, 232, 235), (65, 0, 3)], "GB": [(18, 130, 135), (35, 176, 179)], "BR": [(15, 228, 231), (18, 228, 231)],
                    "AU": [(13, 236, 239), (54, 252, 253)], "CA": [(15, 222, 223), (35, 182, 183)]}),
    "gcp": (396982, {"US": [(34, 16, 159), (35, 184, 239)], "NL": [(34, 90, 91), (35, 204, 204)], "JP": [(34, 84, 85)],
                     "SG": [(34, 87, 87)], "DE": [(34, 89, 89)], "TW": [(35, 194, 194)], "BE": [(34, 76, 79)]}),
    "azure": (8075, {"US": [(20, 0, 127), (40, 64, 95), (52, 224, 255)], "NL": [(20, 4, 4), (13, 69, 69)], "IE": [(20, 54, 54)],
                     "JP": [(20, 27, 27)], "IN": [(20, 192, 192)], "GB": [(51, 104, 104)], "SG": [(20, 43, 43)]}),
    "digitalocean": (14061, {"US": [(159, 203, 203), (167, 99, 99), (143, 198, 198), (64, 225, 225)], "DE": [(164, 90, 90), (46, 101, 101)],
                             "NL": [(188, 166, 166), (178, 62, 62)], "GB": [(178, 128, 128), (134, 209, 209)],
                             "SG": [(128, 199, 199), (139, 59, 59)], "IN": [(139, 59, 59)], "CA": [(159, 89, 89)]}),
    "hetzner": (24940, {"DE": [(5, 9, 9), (88, 198, 198), (65, 108, 109), (95, 216, 217), (116, 202, 203), (49, 12, 13)],
                        "FI": [(65, 21, 21), (95, 217, 217)], "US": [(5, 161, 161), (178, 156, 156)]}),
    "ovh": (16276, {"FR": [(51, 75, 91), (54, 36, 39), (147, 135, 135), (37, 187, 187)], "CA": [(51, 222, 222), (142, 44, 44)],
                    "DE": [(51, 195, 195)], "GB": [(51, 89, 89)], "PL": [(51, 83, 83)], "US": [(15, 204, 204), (51, 81, 81)]}),
    "linode": (63949, {"US": [(45, 33, 33), (172, 104, 105), (45, 79, 79)], "DE": [(172, 104, 104)], "JP": [(172, 105, 105)],
                       "SG": [(139, 162, 162)], "GB": [(178, 79, 79)]}),
    "vultr": (20473, {"US": [(45, 76, 77), (149, 28, 28), (108, 61, 61)], "JP": [(45, 32, 32), (167, 179, 179)],
                      "DE": [(45, 63, 63)], "SG": [(45, 77, 77)], "NL": [(78, 141, 141)]}),
    "oracle": (31898, {"US": [(129, 146, 159), (150, 136, 136)], "DE": [(130, 61, 61)], "JP": [(152, 70, 70)],
                       "SG": [(168, 138, 138)], "BR": [(144, 22, 22)]}),
    "contabo": (51167, {"DE": [(161, 97, 97), (173, 212, 212), (62, 171, 171)], "US": [(38, 242, 242), (154, 53, 53)],
                        "SG": [(154, 26, 26)]}),
}
VPS_PROVIDERS = ("digitalocean", "hetzner", "ovh", "linode", "vultr", "contabo", "oracle")
CLOUD_PROVIDERS = ("aws", "gcp", "azure")

# commercial VPN exits and privacy relays: (asn, v4 blocks, countries)
VPN = {
    "m247": (9009, [(37, 120, 120), (185, 236, 236), (89, 238, 238), (146, 70, 70), (193, 27, 27)],
             ["US", "GB", "DE", "NL", "FR", "SG", "JP", "CA", "AU", "ES", "IT", "SE", "CH", "PL", "BR", "MX"]),
    "datacamp": (60068, [(89, 187, 187), (185, 152, 152), (156, 146, 146), (143, 244, 244)],
                 ["US", "GB", "DE", "NL", "FR", "JP", "SG", "CA", "AU", "ES", "IT"]),
    "mullvad": (39351, [(193, 138, 138), (185, 213, 213)], ["SE", "DE", "NL", "US", "GB", "CH"]),
    "proton": (62371, [(149, 88, 88), (185, 159, 159)], ["CH", "NL", "US", "DE", "JP", "GB"]),
    "warp": (13335, [(104, 28, 28), (172, 71, 71)], None),
}
ZSCALER = (62044, [(165, 225, 225), (136, 226, 226), (147, 161, 161), (104, 129, 129)],
           ["US", "GB", "DE", "IN", "JP", "NL", "FR", "SG", "AU", "CA"])
TRANSIT = {"US": [(174, [(38, 0, 127)]), (3356, [(4, 0, 255), (8, 0, 63)]), (6461, [(64, 125, 125), (208, 185, 185)])],
           "EU": [(8220, [(212, 23, 23), (213, 86, 86)]), (3257, [(77, 67, 67), (89, 149, 149)])],
           "AS": [(2914, [(129, 250, 250), (61, 200, 200)])]}

# universities: (name, asn, cc, (o1, o2))
UNIS = [("mit", 3, "US", (18, 9)), ("stanford", 32, "US", (171, 64)), ("berkeley", 25, "US", (128, 32)),
        ("cmu", 9, "US", (128, 2)), ("gatech", 2637, "US", (143, 215)), ("umich", 36375, "US", (141, 211)),
        ("uiuc", 38, "US", (130, 126)), ("uw", 101, "US", (128, 95)), ("utexas", 18, "US", (128, 83)),
        ("nyu", 12, "US", (216, 165)), ("oxford", 786, "GB", (129, 67)), ("cambridge", 786, "GB", (131, 111)),
        ("ucl", 786, "GB", (128, 40)), ("eth", 559, "CH", (129, 132)), ("tum", 12816, "DE", (129, 187)),
        ("kit", 34878, "DE", (141, 3)), ("toronto", 239, "CA", (128, 100)), ("ubc", 393249, "CA", (137, 82)),
        ("utokyo", 2501, "JP", (133, 11)), ("kaist", 1781, "KR", (143, 248)), ("snu", 9488, "KR", (147, 46)),
        ("nus", 7472, "SG", (137, 132)), ("iitb", 132423, "IN", (103, 21)), ("iisc", 2697, "IN", (14, 139)),
        ("usp", 28571, "BR", (143, 107)), ("unimelb", 10148, "AU", (128, 250)), ("tudelft", 1103, "NL", (131, 180)),
        ("sorbonne", 2200, "FR", (134, 157)), ("technion", 378, "IL", (132, 68)), ("polimi", 137, "IT", (131, 175)),
        ("upm", 766, "ES", (138, 100)), ("unam", 278, "MX", (132, 248)), ("ntu", 1659, "TW", (140, 112))]


def _ip4(rng, blocks):
    o1, lo, hi = blocks[rng.randrange(len(blocks))]
    return "%d.%d.%d.%d" % (o1, rng.randint(lo, hi), rng.randrange(256), rng.randint(1, 254))


def _v6_64(rng, v6):
    h1, lo, hi = v6
    return "%s:%x:%x:%x" % (h1, rng.randint(lo, hi), rng.getrandbits(16), rng.getrandbits(16))


def _iid(rng):
    return "%x:%x:%x:%x" % (rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16))


RESI_WT = {cc: WT([(isp, isp[1]) for isp in lst]) for cc, lst in RESI.items()}
MOBILE_WT = {cc: WT([(isp, isp[1]) for isp in lst]) for cc, lst in MOBILE.items()}


class Pools:
    """Shared address pools (carrier NAT, VPN exits, corporate proxies), built once per world."""

    def __init__(self, rng):
        self.cgnat = {}
        for cc, lst in MOBILE.items():
            for isp in lst:
                n = rng.randint(120, 420)
                self.cgnat[(cc, isp[0])] = [_ip4(rng, isp[2]) for _ in range(n)]
        self.vpn = {}
        for name, (asn, blocks, ccs) in VPN.items():
            for cc in (ccs or [c for c in RESI]):
                n = rng.randint(6, 40) if name != "warp" else rng.randint(20, 60)
                self.vpn[(name, cc)] = [(_ip4(rng, blocks), asn, cc) for _ in range(n)]
        self.zscaler = {}
        for cc in ZSCALER[2]:
            self.zscaler[cc] = [(_ip4(rng, ZSCALER[1]), ZSCALER[0], cc) for _ in range(rng.randint(12, 40))]

    def resi_addr(self, rng, cc):
        isp = RESI_WT[cc].pick(rng)
        return (_ip4(rng, isp[2]), isp[0], cc)

    def mobile_addr(self, rng, cc):
        wt = MOBILE_WT.get(cc)
        if wt is None:
            return self.resi_addr(rng, cc)
        isp = wt.pick(rng)
        if isp[3] is not None and rng.random() < isp[4]:
            return (_v6_64(rng, isp[3]) + ":" + _iid(rng), isp[0], cc)
        pool = self.cgnat[(cc, isp[0])]
        return (pool[rng.randrange(len(pool))], isp[0], cc)

    def vpn_addr(self, rng, cc, name=None):
        if name is None:
            name = rng.choice(("m247", "m247", "datacamp", "mullvad", "proton", "warp", "warp"))
        pool = self.vpn.get((name, cc))
        if pool is None:
            pool = self.vpn[(name, VPN[name][2][0] if VPN[name][2] else "US")]
        return pool[rng.randrange(len(pool))]


def hosting_addrs(rng, provider, cc, n):
    asn, regions = HOSTING[provider]
    if cc not in regions:
        cc = "US" if "US" in regions else next(iter(regions))
    return [(_ip4(rng, regions[cc]), asn, cc) for _ in range(n)]


def transit_addrs(rng, cc, n):
    reg = "US" if cc in ("US", "CA", "MX", "BR", "AR") else "AS" if cc in ("JP", "KR", "SG", "TW", "IN", "ID", "VN", "PH", "AU") else "EU"
    asn, blocks = rng.choice(TRANSIT[reg])
    return [(_ip4(rng, blocks), asn, cc) for _ in range(n)]


def resi_business_addrs(rng, cc, n):
    isp = RESI_WT[cc].pick(rng)
    base = _ip4(rng, isp[2]).rsplit(".", 1)[0]
    start = rng.randint(2, 240)
    return [("%s.%d" % (base, start + i), isp[0], cc) for i in range(n)]


# ---------------------------------------------------------------- networks
class Net:
    def session(self, rng, t):
        raise NotImplementedError


class Home(Net):
    """A household line: stable IPv4 (rare renumbering), optional IPv6 /64 with privacy addresses."""
    __slots__ = ("cc", "asn", "ip4", "ip4b", "change", "v6", "v6p", "iid")

    def __init__(self, W, rng, cc):
        isp = RESI_WT[cc].pick(rng)
        self.cc = cc
        self.asn = isp[0]
        self.ip4 = _ip4(rng, isp[2])
        self.ip4b = _ip4(rng, isp[2])
        self.change = W.start + rng.random() * W.dur if rng.random() < .06 else None
        self.v6 = isp[3] is not None and rng.random() < isp[4]
        self.v6p = _v6_64(rng, isp[3]) if self.v6 else None
        self.iid = _iid(rng)

    def session(self, rng, t):
        if self.v6 and rng.random() < .85:
            if rng.random() < .25:
                self.iid = _iid(rng)
            return (self.v6p + ":" + self.iid, self.asn, self.cc)
        if self.change is not None and t > self.change:
            return (self.ip4b, self.asn, self.cc)
        return (self.ip4, self.asn, self.cc)


class Mobile(Net):
    __slots__ = ("W", "cc")

    def __init__(self, W, cc):
        self.W = W
        self.cc = cc

    def session(self, rng, t):
        return self.W.pools.mobile_addr(rng, self.cc)


class Fixed(Net):
    __slots__ = ("addrs", "sticky")

    def __init__(self, addrs, sticky=None):
        self.addrs = addrs
        self.sticky = sticky

    def session(self, rng, t):
        if self.sticky is not None:
            return self.addrs[self.sticky % len(self.addrs)]
        return self.addrs[rng.randrange(len(self.addrs))]


class Vpn(Net):
    __slots__ = ("W", "cc", "name")

    def __init__(self, W, rng, cc):
        self.W = W
        self.cc = cc if rng.random() < .75 else rng.choice(("US", "NL", "DE", "GB", "SG", "JP", "CH"))
        self.name = rng.choice(("m247", "m247", "datacamp", "mullvad", "proton", "warp", "warp", "warp"))

    def session(self, rng, t):
        return self.W.pools.vpn_addr(rng, self.cc, self.name)


class Mix(Net):
    __slots__ = ("wt",)

    def __init__(self, pairs):
        self.wt = WT(pairs)

    def session(self, rng, t):
        return self.wt.pick(rng).session(rng, t)


def personal_net(W, rng, cc, mobile_mult=1.0, vpn_p=.05):
    """Typical individual: home line, sometimes phone tethering, some always on a VPN."""
    from .catalog import MOBILE_SHARE
    home = Home(W, rng, cc)
    if rng.random() < vpn_p:
        return Mix([(Vpn(W, rng, cc), .8), (home, .2)])
    ms = MOBILE_SHARE.get(cc, .08) * mobile_mult
    if rng.random() < ms * 0.35:
        return Mobile(W, cc)  # mobile-only user (common where fixed broadband is rare)
    if rng.random() < ms * 2:
        return Mix([(home, 1 - ms), (Mobile(W, cc), ms)])
    return home
