"""Online cluster discovery: links by shared keys, rarity caps, the giant-component guard, ids."""

from __future__ import annotations

from detectors.linking import DEFAULT_POLICIES, KeyPolicy, LinkGraph


def members(graph: LinkGraph, account: str) -> set[str]:
    comp = graph.cluster_of(account)
    return set(comp.members) if comp else set()


def graph(**kw) -> LinkGraph:
    g = LinkGraph(**kw)
    g.n_accounts = 1000
    return g


def test_a_shared_card_links_accounts():
    g = graph()
    for i, a in enumerate("abc"):
        g.observe(a, "pay", "card-1", float(i))
    g.observe("d", "pay", "card-2", 3.0)
    assert members(g, "a") == {"a", "b", "c"}
    assert members(g, "d") == set()  # an unshared key makes no graph node


def test_cluster_id_is_stable_as_members_join_and_the_larger_side_keeps_it():
    g = graph()
    for i, a in enumerate("abc"):
        g.observe(a, "pay", "card-1", float(i))
    big = g.cluster_of("a").cluster_id
    g.observe("x", "pay", "card-2", 10.0)
    g.observe("y", "pay", "card-2", 11.0)
    small = g.cluster_of("x").cluster_id
    g.observe("x", "sys", "prompt-9", 12.0)
    g.observe("c", "sys", "prompt-9", 13.0)  # joins the two clusters
    assert g.cluster_of("y").cluster_id == big
    assert (small, big) in g.merges


def test_a_key_shared_by_many_established_accounts_stops_linking():
    g = graph(policies={"sys": KeyPolicy(floor=5, share=0.0)})
    for i in range(5):
        g.observe(f"dev{i}", "sys", "ide-prompt", float(i))
    assert len(members(g, "dev0")) == 5
    g.observe("dev5", "sys", "ide-prompt", 6.0)  # the sixth established member: popular
    assert all(members(g, f"dev{i}") <= {f"dev{i}"} for i in range(6))  # nobody linked to anybody
    g.observe("dev6", "sys", "ide-prompt", 7.0)
    assert members(g, "dev6") == set()  # a popular key adds no account


def test_popularity_keeps_other_links():
    g = graph(policies={"sys": KeyPolicy(floor=2, share=0.0), "pay": KeyPolicy(floor=50, share=0.0)})
    g.observe("a", "pay", "card", 0.0)
    g.observe("b", "pay", "card", 1.0)
    for i, acct in enumerate(["a", "c", "d"]):
        g.observe(acct, "sys", "popular", 2.0 + i)
    assert members(g, "a") == {"a", "b"}  # the card still links a and b
    assert members(g, "c") <= {"c"}


def test_young_accounts_do_not_make_a_key_popular():
    g = graph(policies={"tpl": KeyPolicy(floor=3, share=0.0)})
    for i in range(30):
        g.observe_template(f"new{i}", 0xABCDEF0123456789, float(i), create=True, young=True)
    assert len(members(g, "new0")) == 30


def test_the_giant_component_guard_refuses_oversized_unions():
    g = graph(max_cluster_share=0.0, max_cluster_floor=4)
    for i in range(4):
        g.observe(f"a{i}", "pay", "card-a", float(i))
    for i in range(3):
        g.observe(f"b{i}", "pay", "card-b", float(i))
    g.observe("a0", "sys", "glue", 10.0)
    g.observe("b0", "sys", "glue", 11.0)
    assert len(members(g, "a0")) == 4 and len(members(g, "b0")) == 3
    assert g.refused_unions == 1


def test_templates_match_near_duplicates_not_random_prompts():
    g = graph()
    base = 0x0F0F_1234_5678_9ABC
    g.observe_template("a", base, 0.0, create=True)  # a repeated prompt founds the template
    g.observe_template("b", base ^ 0b101, 1.0, create=False)  # 2 bits away: joins
    g.observe_template("c", base ^ 0xFFFF_0000_0000_0000, 2.0, create=False)  # 16 bits away: no
    assert members(g, "a") == {"a", "b"}
    assert members(g, "c") == set()


def test_two_accounts_sending_the_same_template_found_it_and_link_once_one_runs_it():
    g = graph()
    base = 0x1357_9BDF_2468_ACE0
    g.observe_template("a", base, 0.0, create=False)  # remembered as a candidate only
    assert members(g, "a") == set()
    g.observe_template("b", base ^ 0b11, 1.0, create=False)  # founded between them, in passing
    assert members(g, "a") == set()  # a prompt two accounts sent once links nobody yet
    g.observe_template("b", base ^ 0b11, 2.0, create=True)  # b repeats it: a template in use
    assert members(g, "a") == {"a", "b"}


def test_a_greeting_many_fresh_accounts_send_once_links_none_of_them():
    """Weighted by how its holders use it, fresh accounts included: a prompt hundreds of new
    accounts send in passing and almost none repeat is a phrase, not a template."""
    g = graph()
    hello = 0x0123_4567_89AB_CDEF
    g.observe_template("first", hello, 0.0, create=False)
    for i in range(200):
        g.observe_template(f"new{i}", hello, 1.0 + i, create=False, young=True)
    g.observe_template("new7", hello, 300.0, create=True, young=True)  # one of them says it twice
    assert all(g.cluster_of(f"new{i}") is None for i in range(200))
    assert g.keys[f"tpl:{hello:016x}"].members is None  # generic: it links nobody for good


def test_a_template_its_holders_run_links_those_who_sent_it_in_passing_too():
    g = graph()
    tpl = 0x7777_0000_AAAA_5555
    for i in range(30):
        g.observe_template(f"s{i}", tpl ^ (i & 0b11), float(i), create=(i % 3 == 0), young=True)
    assert members(g, "s1") == {f"s{i}" for i in range(30)}  # a third run it: all 30 linked


def test_the_core_is_the_members_with_a_strong_link_or_two_weak_ones():
    """Ranked by their own evidence: a member that runs a key (or sent in passing a template most
    holders run) is core; one tied in by a single template that most of its holders only sent
    in passing is periphery, named in evidence but not in an alert's accounts."""
    g = graph()
    tpl_a, tpl_b = 0x1111_2222_3333_4444, 0x9999_8888_7777_6666
    g.observe_template("a", tpl_a, 0.0, create=True)  # runs template A
    for i, account in enumerate("prt"):
        g.observe_template(account, tpl_a, 1.0 + i, create=False)  # sent A once each
    g.observe_template("a", tpl_b, 5.0, create=True)  # runs template B
    g.observe_template("q", tpl_b, 6.0, create=False)  # sent B once: half of B's holders run it
    comp = g.cluster_of("a")
    assert set(comp.members) == {"a", "p", "r", "t", "q"}
    assert set(g.core(comp.members)) == {"a", "q"}
    assert g.link_strength("p") == (0, 1) and g.link_strength("q") == (1, 0) and g.link_strength("a") == (2, 0)


def test_candidates_are_bounded():
    g = graph(max_candidates=10)
    for i in range(100):
        g.observe_template(f"x{i}", (i * 0x9E3779B97F4A7C15) & (2**64 - 1), float(i), create=False)
    assert len(g.candidates) == 10
    assert sum(len(v) for v in g.candidate_bands.values()) == 40


def test_expiring_an_account_shrinks_its_cluster_and_keeps_the_id():
    g = graph()
    for i, a in enumerate("abcd"):
        g.observe(a, "pay", "card", float(i))
    cid = g.cluster_of("a").cluster_id
    g.expire(["a"], cutoff=0.0)
    assert g.cluster_of("a") is None
    assert members(g, "b") == {"b", "c", "d"} and g.cluster_of("b").cluster_id == cid
    assert g.keys["pay:card"].members == ["b", "c", "d"]


def test_expiry_splits_a_cluster_held_together_by_the_gone_account():
    g = graph()
    g.observe("a", "pay", "card-1", 0.0)
    g.observe("b", "pay", "card-1", 1.0)
    g.observe("a", "sys", "prompt", 2.0)
    g.observe("c", "sys", "prompt", 3.0)
    g.observe("d", "sys", "prompt", 4.0)
    cid = g.cluster_of("a").cluster_id
    g.expire(["a"], cutoff=0.0)
    assert members(g, "c") == {"c", "d"} and g.cluster_of("c").cluster_id == cid  # the larger piece
    assert g.cluster_of("b") is None  # linked to nobody any more: no graph node
    assert "b" not in g.account_keys


def test_expiry_leaves_nothing_behind_when_everyone_is_gone():
    g = graph()
    for i in range(30):
        a = f"acct-{i}"
        g.observe(a, "pay", f"card-{i // 3}", float(i))
        g.observe(a, "sys", f"own-prompt-{i}", float(i))  # a key only this account holds
        g.observe_template(a, (i * 0x9E3779B97F4A7C15) & (2**64 - 1), float(i), create=True)
    g.observe_template("acct-0", 0x5A5A_A5A5_3C3C_C3C3, 5.0, create=False)  # a candidate
    g.observe_template("live", 0x0F0F_F0F0_6969_9696, 40.0, create=False)  # a newer one
    assert g.components and g.keys and g.template_bands and len(g.candidates) == 2
    g.expire([f"acct-{i}" for i in range(30)], cutoff=30.0)
    assert (g.parent, g.components, g.account_keys, g.keys, g.template_bands, g.account_templates) == ({},) * 6
    assert [entry[1] for entry in g.candidates] == ["live"]
    assert sum(len(v) for v in g.candidate_bands.values()) == 4


def test_a_popular_key_is_forgotten_once_nobody_joined_it_for_the_ttl():
    g = graph(policies={**DEFAULT_POLICIES, "pay": KeyPolicy(floor=2, share=0.0)})
    for i, a in enumerate("abcd"):
        g.observe(a, "pay", "shared", float(i))
    assert g.keys["pay:shared"].members is None
    g.expire([], cutoff=3.0)
    assert "pay:shared" in g.keys  # joined at 3.0
    g.expire([], cutoff=3.5)
    assert "pay:shared" not in g.keys


def test_templates_sent_in_passing_that_the_same_accounts_co_hold_beyond_chance_are_a_pool():
    """An operator's prompt pool: each account sends a few of its templates once (nobody repeats
    one), yet the same accounts keep holding two of them together, far beyond what independent
    picks give. Co-holding makes the holdings strong: the holders link. Two greetings that
    thousands of new users both send are co-held at chance level and link nobody."""
    g = graph()
    g.n_accounts = 3000
    pool = [0x1111_2222_3333_4444 * (i + 1) & 0xFFFF_FFFF_FFFF_FFFF for i in range(4)]
    for i in range(12):
        for j in (i % 4, (i + 1) % 4):  # two pool templates each, in passing
            g.observe_template(f"op{i}", pool[j], float(10 * i + j), create=False)
    holders = {f"op{i}" for i in range(12)}
    assert g.pools_found > 0 and members(g, "op0") == holders

    # From the first account on (the population counted as it arrives, as the cluster stage does):
    # the greetings are held by most new users, and some send both.
    greet = graph()
    greet.n_accounts = 0
    hi, test = 0x0F0F_0F0F_0F0F_0F0F, 0xF0F0_F0F0_0F0F_F0F0
    for i in range(60):
        greet.n_accounts += 1
        if i % 3:
            greet.observe_template(f"u{i}", hi, float(i), create=False, young=True)
        if i % 2 == 0:
            greet.observe_template(f"u{i}", test, float(i) + 0.5, create=False, young=True)
    assert greet.pools_found == 0 and all(greet.cluster_of(f"u{i}") is None for i in range(60))


def test_templates_held_in_passing_are_those_sent_once_not_those_repeated():
    """A task drawn from a pool is taken once; a benchmark suite is run again and again."""
    g = LinkGraph()
    g.n_accounts = 1000
    g.observe_template("runner", 0xABCDEF0123456789, 1.0, create=True)
    g.observe_template("passer", 0xABCDEF0123456789 ^ 0b11, 2.0, create=False)
    assert g.in_passing("passer") == ["tpl:abcdef0123456789"] and g.in_passing("runner") == []


DAY = 86400.0


def test_a_private_prompt_a_cohort_of_established_accounts_shares_keeps_linking():
    """Past the cap, a key whose established holders were born apart (an IDE's users, over years)
    or at one place (a class on its campus network) is popular; one whose holders were all born
    within a week and came in through many networks (accounts an operator bought or
    aged together) is not what the population does with it, and keeps linking."""
    g = graph(policies={"sys": KeyPolicy(floor=5, share=0.0)})
    for i in range(12):
        g.arrive(f"wave{i}", 1000.0 * DAY + 3600.0 * i, 2000.0 * DAY, f"proxy-{i}")  # born within half a day, many networks
        g.arrive(f"class{i}", 1000.0 * DAY + 3600.0 * i, 2000.0 * DAY, "campus" if i % 3 else f"home-{i}")  # the same, at one place
        g.arrive(f"dev{i}", 30.0 * DAY * i, 2000.0 * DAY, f"home-{i}")  # a month apart
        for who, prompt in (("wave", "operator-prompt"), ("class", "course-prompt"), ("dev", "ide-prompt")):
            g.observe(f"{who}{i}", "sys", prompt, 2000.0 * DAY + i)
    assert len(members(g, "wave0")) == 12
    assert g.keys["sys:ide-prompt"].members is None and members(g, "dev0") <= {"dev0"}
    assert g.keys["sys:course-prompt"].members is None


def test_a_private_prompt_aged_accounts_woken_together_share_keeps_linking():
    """Holders born apart (aged accounts bought one by one) who were first seen within one hour,
    long after the stream began and far beyond the population's arrivals then, were woken by one
    hand: their shared prompt keeps linking. The same prompt among holders who arrived as the
    population does (an IDE's users), or at one place (a team at its office), is popular."""
    g = graph(policies={"sys": KeyPolicy(floor=20, share=0.0)})
    for i in range(3000):  # the population: established accounts arriving over eight hours
        g.arrive(f"p{i}", -(300.0 + i) * DAY, 9.6 * i, f"home-{i}")
    for i in range(40):
        g.arrive(f"fleet{i}", -(100.0 + 20 * i) * DAY, 3 * 3600.0 + 60.0 * i, f"home-f{i}")  # woken in 40 min
        g.arrive(f"team{i}", -(100.0 + 20 * i) * DAY, 3 * 3600.0 + 60.0 * i, "office" if i % 3 else f"home-t{i}")
    for i in range(40):
        for who, prompt in (("fleet", "generator-prompt"), ("team", "team-prompt")):
            g.observe(f"{who}{i}", "sys", prompt, 4 * 3600.0 + i)
        g.observe(f"p{75 * i}", "sys", "ide-prompt", 8 * 3600.0 + i)  # holders arrived as everyone did
    assert len(members(g, "fleet0")) == 40
    assert g.keys["sys:ide-prompt"].members is None
    assert g.keys["sys:team-prompt"].members is None


def test_a_network_pair_links_only_accounts_holding_two_that_others_hold_too():
    """Accounts drawing on one proxy pool move among its networks and share the pairs they move
    between. An ordinary account on a VPN may share one pair with the pool by chance: it is not
    linked, so neither it nor the team it shares a card with joins the pool's cluster."""
    g = graph()
    pool = [f"p{i}" for i in range(12)]
    for i, a in enumerate(pool):
        for j in range(3):  # three pairs each from the pool's networks, overlapping the next account's
            g.observe(a, "net", f"{100 + (i + j) % 12}-{200 + (i + j) % 12}", float(i))
    g.observe("vpn", "net", "100-200", 50.0)  # one pair in common with the pool
    g.observe("vpn", "net", "900-901", 51.0)  # and one nobody else holds
    for a in ("vpn", "t1", "t2"):
        g.observe(a, "pay", "team-card", 60.0)
    assert members(g, "p0") == set(pool)
    assert members(g, "vpn") == {"vpn", "t1", "t2"}
    assert set(g.core(sorted(pool))) == set(pool)


def test_a_camouflage_template_ordinary_users_run_leaves_them_in_the_periphery():
    """A swarm's accounts run its private prompt, and some of them also send a common template
    that many ordinary users run: the cluster's dense block is the swarm; users tied in by the
    common template alone are its periphery, though they repeat it. A second group of ordinary
    users, tied to the block through one member, is periphery too."""
    g = graph()
    swarm = [f"s{i}" for i in range(60)]
    for i, a in enumerate(swarm):
        g.observe(a, "sys", "operator-prompt", float(i), young=True)
        if i % 6 == 0:
            g.observe_template(a, 0x1234_5678_9ABC_DEF0, 100.0 + i, create=True)  # the common template
    users = [f"u{i}" for i in range(30)]
    for i, a in enumerate(users):
        g.observe_template(a, 0x1234_5678_9ABC_DEF0, 200.0 + i, create=True)  # they run it
    team = [f"t{i}" for i in range(6)]
    for i, a in enumerate(team):
        g.observe(a, "pay", "team-card-x" if i else "team-card-y", 300.0 + i)
    g.observe("u0", "pay", "team-card-y", 400.0)  # one user shares a card with the team's first member
    comp = g.cluster_of("s0")
    assert set(comp.members) >= set(swarm) | set(users)
    core = set(g.core(comp.members))
    assert set(swarm) <= core
    assert not core & set(users[1:])


def test_a_class_whose_own_prompt_one_member_ties_to_the_block_is_periphery():
    """A system prompt counts toward the core only in the cluster's dense block. A class on its
    own course prompt, tied to a swarm by one student who sent the swarm's template, stays on the
    periphery; the swarm's second operator prompt, two of whose holders run the first, is in."""
    g = graph()
    swarm = [f"s{i}" for i in range(60)]
    for i, a in enumerate(swarm):
        g.observe(a, "sys", "operator-prompt", float(i), young=True)
        for repeat in range(2):
            g.observe_template(a, 0x1234_5678_9ABC_DEF0, 100.0 + i + repeat, create=True)
    second = [f"r{i}" for i in range(20)]
    for i, a in enumerate(second):
        g.observe(a, "sys", "operator-prompt-2", 200.0 + i, young=True)
    for a in second[:3]:
        g.observe(a, "sys", "operator-prompt", 250.0, young=True)
    students = [f"c{i}" for i in range(20)]
    for i, a in enumerate(students):
        g.observe(a, "sys", "course-prompt", 300.0 + i, young=True)
    g.observe_template("c0", 0x1234_5678_9ABC_DEF0, 400.0, create=True)
    comp = g.cluster_of("s0")
    assert set(comp.members) >= set(swarm) | set(second) | set(students)
    core = set(g.core(comp.members))
    assert set(swarm) | set(second) <= core
    assert not core & set(students[1:])


def test_a_snapshot_taken_before_arrivals_were_kept_reads_and_links_on():
    """A cluster-stage snapshot of an older release holds births as (created, network) and no
    arrivals: it unpickles with first-seen unknown (never counted as arriving together) and an
    empty population reference, and the graph keeps working."""
    g = graph(policies={"sys": KeyPolicy(floor=2, share=0.0)})
    state = dict(g.__dict__)
    del state["arrivals"]
    state["born"] = {"old": (0.0, "home-1")}
    restored = LinkGraph.__new__(LinkGraph)
    restored.__setstate__(state)
    assert restored.born["old"] == (0.0, "home-1", None) and restored.arrivals.total == 0
    for i in range(4):
        restored.arrive(f"a{i}", -300.0 * DAY * (i + 1), 7200.0, f"home-a{i}")
        restored.observe(f"a{i}", "sys", "prompt", 7200.0 + i)
    assert restored.keys["sys:prompt"].members is None  # born apart, first seen in the first hour: popular
