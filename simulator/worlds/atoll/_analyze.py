"""Self-check statistics (not part of the world). Usage: python -m atoll._analyze DIR"""
import json
import sys
import statistics as S
from collections import Counter, defaultdict
from datetime import datetime


def ms(ts):
    return datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()


def main(d):
    truth = json.load(open(d + "/truth.json"))
    owner = {}
    for cid, c in truth["campaigns"].items():
        for a in c["accounts"]:
            owner[a] = c["kind"]
    A = defaultdict(lambda: defaultdict(list))
    pay_accts = defaultdict(set)
    ip_accts = defaultdict(set)
    sph_accts = defaultdict(set)
    for line in open(d + "/events.jsonl"):
        e = json.loads(line)
        a = A[e["account_id"]]
        t = ms(e["ts"])
        a["t"].append(t)
        a["cot"].append(e["cot_elicitation"])
        a["out"].append(e["output_tokens"])
        a["in"].append(e["input_tokens"])
        a["think"].append(e["thinking"])
        a["tools"].append(e["tool_count"])
        a["turns"].append(e["turns"])
        a["ip"].append(e["client_ip"])
        a["cc"].append(e["country"])
        a["asn"].append(e["asn"])
        a["st"].append(e["status"])
        a["model"].append(e["model"])
        a["sh"].append(int(e["prompt_simhash"], 16))
        a["age"].append(t - ms(e["account_created_at"]))
        a["ua"].append(e["user_agent"])
        if e["payment_fingerprint"]:
            pay_accts[e["payment_fingerprint"]].add(e["account_id"])
        ip_accts[e["client_ip"]].add(e["account_id"])
        if e["system_prompt_hash"]:
            sph_accts[e["system_prompt_hash"]].add(e["account_id"])
    feats = {}
    for acc, a in A.items():
        t = sorted(a["t"])
        n = len(t)
        span = max(1.0, t[-1] - t[0])
        gaps = [t[i + 1] - t[i] for i in range(n - 1)]
        hourly = Counter(int(x // 3600) for x in t)
        f = {
            "n": n, "max_per_hour": max(hourly.values()), "ips": len(set(a["ip"])), "ccs": len(set(a["cc"])),
            "asns": len(set(a["asn"])),
            "age_days": min(a["age"]) / 86400, "cot_mean": S.mean(a["cot"]), "cot_max": max(a["cot"]),
            "out_mean": S.mean(a["out"]), "in_mean": S.mean(a["in"]), "think": S.mean(a["think"]),
            "tools_mean": S.mean(a["tools"]), "turns_max": max(a["turns"]),
            "r429": a["st"].count(429) / n, "newm": a["model"].count("claude-opus-5") / n,
            "gap_cv": (S.pstdev(gaps) / S.mean(gaps)) if len(gaps) >= 2 and S.mean(gaps) > 0 else 1.0,
            "active_hours": len(hourly), "uas": len(set(a["ua"])),
        }
        feats[acc] = f
    keys = list(next(iter(feats.values())).keys())
    ben = [f for a, f in feats.items() if a not in owner]

    def pct(vals, q):
        v = sorted(vals)
        return v[min(len(v) - 1, int(q * len(v)))]
    print("benign accounts", len(ben))
    print("%-14s %9s %9s %9s %9s %9s" % ("feature", "p1", "p50", "p90", "p99", "max"))
    rng = {}
    for k in keys:
        v = [f[k] for f in ben]
        rng[k] = (pct(v, 0.01), pct(v, 0.99), min(v), max(v))
        print("%-14s %9.3g %9.3g %9.3g %9.3g %9.3g" % (k, pct(v, .01), pct(v, .5), pct(v, .9), pct(v, .99), max(v)))
    kinds = sorted(set(owner.values()))
    for kd in kinds:
        accs = [a for a in owner if owner[a] == kd]
        print("\n== %s (%d accounts)" % (kd, len(accs)))
        out_minmax = Counter()
        out_p = Counter()
        for a in accs:
            f = feats[a]
            for k in keys:
                if f[k] < rng[k][2] or f[k] > rng[k][3]:
                    out_minmax[k] += 1
                if f[k] < rng[k][0] or f[k] > rng[k][1]:
                    out_p[k] += 1
        med = {k: round(S.median(feats[a][k] for a in accs), 3) for k in keys}
        print(" median:", med)
        print(" outside benign [min,max]:", dict(out_minmax))
        print(" outside benign [p1,p99]:", dict(out_p))
    # payment and IP sharing
    print("\nlargest payment groups:", sorted((len(v), (Counter(owner.get(a, 'benign') for a in v).most_common(1)[0][0])) for v in pay_accts.values())[-8:])
    print("largest IP groups:", sorted((len(v), (Counter(owner.get(a, 'benign') for a in v).most_common(1)[0][0])) for v in ip_accts.values())[-8:])
    print("largest sph groups:", sorted((len(v), (Counter(owner.get(a, 'benign') for a in v).most_common(1)[0][0])) for v in sph_accts.values())[-8:])
    # simhash: near dups
    import random
    r = random.Random(1)
    allh = [(h, acc) for acc, a in A.items() for h in a["sh"]]
    sample = r.sample(allh, min(3000, len(allh)))
    d = [bin(sample[i][0] ^ sample[i + 1][0]).count("1") for i in range(len(sample) - 1)]
    print("random pair hamming mean", S.mean(d), "hist<=8:", sum(1 for x in d if x <= 8) / len(d))
    shc = Counter(h for h, _ in allh)
    print("most common simhash counts:", shc.most_common(6))
    ev = Counter(owner.get(acc, "benign") for acc, a in A.items() for _ in a["t"])
    print("events by owner:", ev)


if __name__ == "__main__":
    main(sys.argv[1])
