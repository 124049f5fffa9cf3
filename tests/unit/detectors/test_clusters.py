"""Cluster features and scores: harvesting *and* coordination, measured against the population."""

from __future__ import annotations

import dataclasses

import pytest

from detectors.alerts import AlertPolicy
from detectors.clusters import ClusterScorer, _coincidence_share, cluster_features, collective_harvest
from detectors.features import AccountSummary

T = 1_800_000_000.0


def summary(account: str, **kw) -> AccountSummary:
    base = dict(
        account_id=account, ts=T, first_ts=T - 3600, age_days=400.0, n_events=10, rate_1h=2.0, rate_1d=10.0,
        output_per_request=500.0, output_input_ratio=1.0, cot_mean=0.15, thinking_share=0.0, tool_share=0.1,
        multi_turn_share=0.3, error_share=0.0, throttled_share=0.0, new_model_share=0.0, narrow_task_share=0.3,
        task_concentration=0.4, template_repetition=0.1, hour_entropy=0.5, gap_regularity=0.2,
        baseline_shift=0.0, payment=f"card-{account}", org=None, system_prompt=None, network=f"net-{account}",
    )
    base.update(kw)
    return AccountSummary(**base)


@pytest.fixture
def scorer() -> ClusterScorer:
    """A scorer whose population reference has seen ordinary accounts."""
    s = ClusterScorer(seed=1, warmup_summaries=100)
    for i in range(3000):
        s.observe_account(summary(f"p{i}", n_events=1, cot_mean=0.1 + 0.2 * (i % 5) / 4,
                                  output_per_request=300 + 100 * (i % 7), narrow_task_share=(i % 3) / 3,
                                  template_repetition=(i % 4) / 8, age_days=5.0 if i % 4 == 0 else 300.0))
    return s


def harvesters(n: int) -> list[AccountSummary]:
    """Members active at unrelated times with uneven loads (no synchrony, no round robin)."""
    return [summary(f"h{i}", cot_mean=0.8, output_per_request=4000.0, narrow_task_share=0.9,
                    template_repetition=0.6, ts=T + 2 * 86400 - 977.0 * i * i, n_events=3 + (i * i) % 40)
            for i in range(n)]


def test_coincidence_share_needs_synchrony_beyond_chance():
    rounds = [r * 600.0 + j * 0.3 for r in range(5) for j in range(6)]
    assert _coincidence_share(sorted(rounds)) == pytest.approx(1.0)
    busy = [i * 1.5 for i in range(200)]  # busy but steady: as close at a 37 s offset
    assert _coincidence_share(busy) == 0.0


def test_cross_owner_card_sharing_is_not_an_organisations_card():
    fleet = [summary(f"f{i}", payment="card-x") for i in range(6)]
    org = [summary(f"o{i}", payment="card-y", org="org-1") for i in range(6)]
    assert cluster_features(fleet, T)["cross_owner_card_share"] == 1.0
    assert cluster_features(org, T)["cross_owner_card_share"] == 0.0


def test_shared_private_prompt_counts_its_holders_only():
    # Three unrelated owners run the linking prompt "None" (a literal value); three run none.
    holders = [summary(f"s{i}", system_prompt="None") for i in range(3)]
    without = [summary(f"n{i}") for i in range(3)]
    f = cluster_features(holders + without, T, keys={"sys:None"})
    assert f["cross_owner_prompt_share"] == 0.5


def test_the_share_of_the_most_common_client_product_is_evidence():
    members = [summary(f"a{i}", client="langchain" if i < 3 else f"sdk-{i}") for i in range(6)]
    assert cluster_features(members, T)["top_client_share"] == 0.5


def test_harvesting_group_of_young_accounts_sharing_cards_scores_high(scorer):
    members = [dataclasses.replace(s, age_days=1.0, payment=f"card-{i % 2}") for i, s in enumerate(harvesters(12))]
    verdict = scorer.score("c1", members, {"pay:card-0", "pay:card-1"}, T + 2 * 86400)
    assert verdict.harvest > 0.8 and verdict.coordination > 0.6
    assert verdict.score > 0.6
    assert {r["signal"] for r in verdict.reasons} >= {"linked", "young", "shared_payment", "harvesting"}


def test_harvesting_content_alone_is_not_enough(scorer):
    # A benchmark community: harvest-like prompts, but aged accounts with their own cards.
    verdict = scorer.score("c2", harvesters(12), {"tpl:1"}, T + 2 * 86400)
    assert verdict.harvest > 0.8
    assert verdict.score < 0.4


def test_coordination_alone_is_not_enough(scorer):
    members = [summary(f"y{i}", age_days=1.0, payment="card-z", ts=T - 977.0 * i * i, n_events=3 + (i * i) % 40)
               for i in range(12)]
    verdict = scorer.score("c3", members, {"pay:card-z"}, T + 2 * 86400)
    assert verdict.coordination > 0.5
    assert verdict.score < 0.3


def test_no_scores_before_the_population_reference_is_ready():
    cold = ClusterScorer(warmup_summaries=100)
    members = [dataclasses.replace(s, age_days=1.0, payment="card-0") for s in harvesters(12)]
    assert cold.score("c", members, {"pay:card-0"}, T).score == 0.0


def test_small_clusters_are_shrunk(scorer):
    def group(n):
        return [dataclasses.replace(s, age_days=1.0, payment="card-0") for s in harvesters(n)]
    small = scorer.score("s", group(3), {"pay:card-0"}, T + 2 * 86400).score
    large = scorer.score("l", group(30), {"pay:card-0"}, T + 2 * 86400).score
    assert small < large


def test_a_course_cohort_born_together_is_not_coordinated_by_its_birth_alone(scorer):
    """Young accounts created together with step-by-step prompts (a class doing homework) show
    harvest-like traits and birth traits, but no ownership or behaviour in concert: quiet."""
    cohort = [summary(f"s{i}", age_days=2.0, first_ts=T - 1800.0, cot_mean=0.8, narrow_task_share=0.9,
                      ts=T + 2 * 86400 - 977.0 * i * i, n_events=3 + (i * i) % 40) for i in range(40)]
    verdict = scorer.score("cohort", cohort, set(), T + 2 * 86400)
    fire = AlertPolicy.for_clusters().fire
    assert verdict.harvest > 0.5 and verdict.coordination < 0.3 and verdict.score < fire
    # The same accounts paying with a few cards across unrelated owners are a fleet.
    fleet = [dataclasses.replace(s, payment=f"card-{i % 4}") for i, s in enumerate(cohort)]
    assert scorer.score("fleet", fleet, set(), T + 2 * 86400).score >= fire


def test_templated_prompts_with_short_answers_are_automation_not_harvest(scorer):
    """A plugin's users: shared templates, repeated, with ordinary or short outputs. Repetition
    supports harvest evidence; alone it stays at half strength at most."""
    plugin = [summary(f"u{i}", template_repetition=0.9, output_per_request=150.0, cot_mean=0.1,
                      narrow_task_share=0.3) for i in range(20)]
    assert scorer.harvest(cluster_features(plugin, T))[0] <= 0.5


def test_severity_follows_what_the_group_harvests(scorer):
    """Critical needs a high score and a group that takes at least ~10 typical accounts' daily
    output; a small group with the same evidence is a warning."""
    for i in range(200):
        scorer.observe_account(summary(f"d{i}", n_events=1, rate_1d=10.0, output_per_request=500.0))
    ring = [dataclasses.replace(s, payment=f"card-{i % 3}", age_days=1.0) for i, s in enumerate(harvesters(30))]
    small = [dataclasses.replace(s, rate_1d=0.2) for s in ring]
    big_verdict = scorer.score("big", ring, set(), T + 2 * 86400)
    small_verdict = scorer.score("small", small, set(), T + 2 * 86400)
    assert big_verdict.score >= 0.75 and small_verdict.score >= 0.75
    assert big_verdict.volume >= 0.5 > small_verdict.volume
    assert big_verdict.critical(0.75) and not small_verdict.critical(0.75)


def test_a_template_pool_across_unrelated_owners_is_coordination_unless_the_group_is_one_place(scorer):
    """Established accounts, each with its own card and address, each drawing in passing on two
    or three templates of one pool: one hand deals the work out. A class on a campus network
    draws on its assignments the same way: one place explains it. Researchers who each run the
    same benchmark suite again and again hold its templates by repetition: no pool."""
    pool = [f"tpl:{i:016x}" for i in range(6)]
    keys = {f"a{i}": [pool[i % 6], pool[(i + 1) % 6], pool[(i + 3) % 6]] for i in range(24)}
    fleet = [summary(f"a{i}", ts=T + 2 * 86400 - 977.0 * i * i, n_events=3 + (i * i) % 40, age_days=300.0 + 9.0 * i)
             for i in range(24)]  # accounts bought aged: born apart
    now = T + 2 * 86400
    f = cluster_features(fleet, now, set(pool), keys, drawn=keys)
    assert f["cross_owner_pool_share"] == 1.0 and f["top_network_share"] < 0.1
    spread = scorer.score("fleet", fleet, set(pool), now, keys, drawn=keys)
    campus = [dataclasses.replace(s, network="campus-nat") for s in fleet]
    one_place = scorer.score("class", campus, set(pool), now, keys, drawn=keys)
    suite = scorer.score("suite", fleet, set(pool), now, keys, drawn={})  # the same templates, repeated
    assert spread.coordination >= 0.6 > one_place.coordination
    assert suite.coordination < 0.1


def test_a_template_pool_is_no_coordination_when_its_holders_were_born_together(scorer):
    """A course's students draw on its assignments as a fleet draws on its pool, but they signed up
    together (its campus network is the other common cause: see the test above)."""
    pool = [f"tpl:{i:016x}" for i in range(6)]
    keys = {f"a{i}": [pool[i % 6], pool[(i + 1) % 6], pool[(i + 3) % 6]] for i in range(24)}
    fleet = [summary(f"a{i}", ts=T + 2 * 86400 - 977.0 * i * i, n_events=3 + (i * i) % 40, age_days=300.0 + 9.0 * i)
             for i in range(24)]
    now = T + 2 * 86400
    cohort = [dataclasses.replace(s, age_days=300.0 + 0.1 * i) for i, s in enumerate(fleet)]  # one sign-up week
    spread, born_together = (scorer.score(name, group, set(pool), now, keys, drawn=keys).coordination
                             for name, group in (("fleet", fleet), ("cohort", cohort)))
    assert spread >= 0.6 > 0.2 > born_together


def _varied_clients_fleet(n: int = 20, clients: tuple = ("anthropic-python", "anthropic-typescript", "curl", "httpx")):
    """Aged accounts bought one by one (born apart), each its own owner on its own network, on mixed
    clients, each holding three templates of one pool of eight."""
    pool = [f"tpl:{i:016x}" for i in range(8)]
    keys = {f"f{i}": [pool[i % 8], pool[(i + 2) % 8], pool[(i + 5) % 8]] for i in range(n)}
    members = [summary(f"f{i}", ts=T + 2 * 86400 - 977.0 * i * i, n_events=3 + (i * i) % 40, age_days=200.0 + 17.0 * i,
                       client=clients[i % len(clients)]) for i in range(n)]
    return members, pool, keys


def test_rare_templates_co_used_by_unrelated_owners_with_no_common_cause_are_coordination(scorer):
    """Unrelated owners on mixed clients, born apart, each taking tasks once from a set of rare
    templates: nothing benign explains the block. One product's users, one sign-up cohort, or holders who share one
    template each and nothing else do have an explanation (or no block)."""
    now = T + 2 * 86400
    members, pool, keys = _varied_clients_fleet()
    fleet = scorer.score("fleet", members, set(pool), now, keys, drawn={}, passing=keys)
    assert fleet.evidence["uncaused_pool_share"] == 1.0 and fleet.coordination >= 0.6
    # Researchers each running one benchmark suite again and again hold its templates by repetition.
    suite = scorer.score("suite", members, set(pool), now, keys, drawn={}, passing={})
    assert suite.evidence["uncaused_pool_share"] == 0.0 and suite.coordination < 0.2
    product = [dataclasses.replace(s, client="quillpad") for s in members]
    cohort = [dataclasses.replace(s, age_days=200.0 + 0.1 * i) for i, s in enumerate(members)]
    lone = {a: held[:1] for a, held in keys.items()}  # one template each: no co-holding
    for name, group, held in (("product", product, keys), ("cohort", cohort, keys), ("lone", members, lone)):
        verdict = scorer.score(name, group, set(pool), now, held, drawn={}, passing=held)
        assert verdict.evidence["uncaused_pool_share"] == 0.0 and verdict.coordination < 0.2, name


def test_a_scorer_pickled_before_client_counts_were_kept_loads_and_counts_afresh():
    """Cluster-stage snapshots pickle the scorer: one written by the previous release lacks them."""
    old = ClusterScorer()
    state = dict(old.__dict__)
    del state["clients"], state["clients_seen"]
    loaded = ClusterScorer.__new__(ClusterScorer)
    loaded.__setstate__(state)
    loaded.observe_client("anthropic-python")
    assert (loaded.clients, loaded.clients_seen) == ({"anthropic-python": 1}, 1)


def test_shared_content_that_one_product_explains_is_no_ones_tooling():
    """A plugin's users share its system prompt and templates; the official SDK, which most of the
    population uses, explains nothing, so an operator on it stays suspect."""
    scorer = ClusterScorer(seed=1, warmup_summaries=100)
    for i in range(2000):
        scorer.observe_account(summary(f"p{i}", n_events=1, client="anthropic-python" if i % 2 else f"app-{i % 40}"))
    now = T + 2 * 86400
    members, pool, keys = _varied_clients_fleet(clients=("anthropic-python",))
    members = [dataclasses.replace(s, system_prompt="sp-1") for s in members]
    sdk = scorer.score("sdk", members, {*pool, "sys:sp-1"}, now, keys, drawn={})
    plugin = scorer.score("plugin", [dataclasses.replace(s, client="app-3") for s in members], {*pool, "sys:sp-1"},
                          now, keys, drawn={})
    assert sdk.coordination >= 0.6 > 0.2 > plugin.coordination


def test_an_organisation_harvesting_beyond_every_peer_organisation_is_a_front_but_a_lab_is_not(scorer):
    """Teams, batch jobs and platforms are organisations that harvest like their peers. One whose
    fleet, running several products under its invoice, harvests far beyond all of them is a
    front; a lab's five accounts harvesting as hard are not a fleet."""
    now = T + 2 * 86400
    for k in range(8):  # peer organisations: ordinary work
        team = [summary(f"t{k}-{i}", org=f"team-{k}", payment=f"card-team-{k}", system_prompt=f"sp-{k}",
                        ts=now - 977.0 * i * i, n_events=3 + (i * i) % 40) for i in range(6)]
        scorer.score(f"team-{k}", team, {f"pay:card-team-{k}"}, now)
    fleet = [dataclasses.replace(s, org="reseller", payment="card-r", system_prompt=f"product-{i % 3}")
             for i, s in enumerate(harvesters(20))]
    front = scorer.score("front", fleet, {"pay:card-r"}, now)
    lab = scorer.score("lab", [dataclasses.replace(s, account_id=f"lab{i}") for i, s in enumerate(fleet[:5])],
                       {"pay:card-r"}, now)
    assert front.coordination >= 0.6 and front.score >= AlertPolicy.for_clusters().fire
    assert lab.coordination < 0.1 and lab.score < AlertPolicy.for_clusters().fire


def test_a_class_with_even_homework_is_not_made_a_fleet_by_its_births_nor_its_campus_prompt(scorer):
    """New accounts doing the same amount of homework (an even load) from shared assignments: the
    load's shape is what any group of similar users shows, and it does not unlock the birth
    traits. The course's own prompt, shared on the campus network, is explained by the place:
    the same tooling spread over unrelated homes would count."""
    now = T + 2 * 86400
    keys = {f"s{i}": ["tpl:assignment-1"] for i in range(40)}
    cohort = [summary(f"s{i}", age_days=2.0, first_ts=T - 1800.0, cot_mean=0.8, narrow_task_share=0.9,
                      network="campus" if i % 5 else f"home-{i}", ts=now - 977.0 * i * i, n_events=20 + i % 3)
              for i in range(40)]
    verdict = scorer.score("class", cohort, {"tpl:assignment-1"}, now, keys)
    fire = AlertPolicy.for_clusters().fire
    assert verdict.harvest > 0.5 and verdict.coordination < 0.4 and verdict.score < fire
    tooling = {"sys:course", "tpl:assignment-1"}
    on_campus = [dataclasses.replace(s, system_prompt="course") for s in cohort]
    spread = [dataclasses.replace(s, network=f"home-{i}") for i, s in enumerate(on_campus)]
    assert scorer.score("campus", on_campus, tooling, now, keys).coordination < \
        scorer.score("spread", spread, tooling, now, keys).coordination - 0.2


def test_a_class_born_together_at_one_place_is_not_a_swarm_though_young_new_and_sharing_prompts(scorer):
    """New free accounts made in the same week, first seen today, sharing the course's system
    prompt and assignment templates, half of them on the campus NAT: what a class does. The
    same accounts coming in through many networks (a proxy pool) are a swarm: the birth traits,
    the arrival and the shared tooling count again."""
    now = T + 2 * 86400
    scorer.score("warm-up", harvesters(5), set(), T)  # the scorer has watched a day go by
    tooling = {"sys:course", "tpl:assignment-1", "tpl:assignment-2"}
    keys = {f"s{i}": ["sys:course", f"tpl:assignment-{1 + i % 2}"] for i in range(40)}
    cohort = [summary(f"s{i}", age_days=3.0 + 0.1 * i, first_ts=now - 3600.0 * (1 + i % 12), cot_mean=0.8,
                      narrow_task_share=0.9, output_per_request=1500.0, payment=None, system_prompt="course",
                      network="campus-nat" if i % 2 else f"home-{i}", ts=now - 97.0 * i * i, n_events=6 + i % 5)
              for i in range(40)]
    fire = AlertPolicy.for_clusters().fire
    swarm = [dataclasses.replace(s, network=f"proxy-{i}") for i, s in enumerate(cohort)]
    assert scorer.score("swarm", swarm, tooling, now, keys).score >= fire
    verdict = scorer.score("class", cohort, tooling, now, keys)
    assert verdict.harvest > 0.5 and verdict.score < fire


def test_a_household_card_counts_half_and_a_ring_is_the_share_of_members_on_widely_shared_cards():
    """A card two people share counts half (a household); a ring is several cards each paying for
    three or more unrelated owners. A large linked component of ordinary users holds many
    households' cards and, by its size alone, a few cards three share: its members on those are
    few, and so is the trait."""
    def rings(members):
        f = cluster_features(members, T)
        return f["card_ring_share"] * min(1.0, max(0.0, (f["card_rings"] - 1.0) / 2.0))

    fleet = [summary(f"f{i}", payment=f"card-{i % 3}") for i in range(12)]
    assert rings(fleet) == 1.0
    crowd = [summary(f"h{i}", payment=f"card-home-{i // 2}") for i in range(180)] + \
        [summary(f"t{i}", payment=f"card-three-{i // 3}") for i in range(12)]
    f = cluster_features(crowd, T)
    assert f["card_rings"] == 4.0 and f["cross_owner_card_share"] == pytest.approx((90 + 12) / 192)
    assert rings(crowd) < 0.1


def _wave(n: int, client: str | None = None) -> tuple[list[AccountSummary], dict[str, list[str]], set[str]]:
    """`n` harvesting accounts created within days of each other, first seen today, each on a
    network of its own (a proxy pool), on the official SDKs, each holding some of three templates
    and nothing else: no card, no system prompt."""
    now = T + 2 * 86400
    members = [summary(f"w{i}", age_days=2.0 + (i % 40) * 0.05, first_ts=now - 3600.0 * (1 + i % 6), cot_mean=0.8,
                       narrow_task_share=0.9, output_per_request=1500.0, payment=None, network=f"proxy-{i}",
                       client=client or ("anthropic-python" if i % 2 else "anthropic-typescript"),
                       ts=now - 97.0 * i * i, n_events=6 + i % 5) for i in range(n)]
    keys = {s.account_id: [f"tpl:f{i % 3}", f"tpl:f{(i + 1) % 3}"] for i, s in enumerate(members)}
    return members, keys, {"tpl:f0", "tpl:f1", "tpl:f2"}


def test_a_wave_born_together_sharing_only_templates_through_many_networks_is_a_swarm(scorer):
    """Templates alone, shared by hundreds of unrelated accounts born together, with no product,
    place or organisation in common: evidence of one hand that lets the birth traits count. A
    handful of newcomers sharing a first prompt, or a plugin's users, are not."""
    now = T + 2 * 86400
    scorer.score("warm-up", harvesters(5), set(), T)  # the scorer has watched a day go by
    fire = AlertPolicy.for_clusters().fire
    members, keys, templates = _wave(200)
    swarm = scorer.score("swarm", members, templates, now, keys)
    assert swarm.score >= fire and swarm.coordination >= 0.5
    assert "shared_content" in {r["signal"] for r in swarm.reasons}
    members, keys, templates = _wave(20)
    assert scorer.score("handful", members, templates, now, keys).coordination < swarm.coordination - 0.2
    members, keys, templates = _wave(200, client="docsumm")
    plugin = [dataclasses.replace(s, age_days=2.0 + 3.0 * i) for i, s in enumerate(members)]  # signed up over months
    assert scorer.score("plugin", plugin, templates, now, keys).score < fire


def test_a_wave_born_together_on_one_client_is_not_explained_by_that_client(scorer):
    """A product's users share its prompts, but they sign up over months: two hundred accounts born
    within days, spread over as many networks and all on one rare client, are not its user base."""
    now = T + 2 * 86400
    scorer.score("warm-up", harvesters(5), set(), T)
    for i in range(1000):
        scorer.observe_client("anthropic-python" if i % 2 else "anthropic-typescript")
    members, keys, templates = _wave(200, client="docsumm")
    assert scorer.score("wave", members, templates, now, keys).score >= AlertPolicy.for_clusters().fire


def test_aged_accounts_woken_together_through_many_networks_are_coordinated(scorer):
    """Aged accounts born apart, each on its own card and network, all on one SDK (so their shared
    prompt is no one's tooling), harvesting: first seen within one hour long after the stream
    began, far beyond the population's arrivals then, they were woken by one hand. The same
    accounts arriving as the population does, or a team arriving at its office, are not."""
    from detectors.features import Arrivals
    arrivals = Arrivals()
    for i in range(3000):  # the population: established accounts first seen over the last day
        arrivals.arrive(T - 400 * 86400.0, T + 28.8 * i)
    now = T + 86400.0
    scorer.score("warm-up", harvesters(5), set(), T)
    fire = AlertPolicy.for_clusters().fire

    def fleet(first_seen, network=lambda i: f"home-{i}") -> list[AccountSummary]:
        return [dataclasses.replace(h, first_ts=first_seen(i), age_days=200.0 + 17 * i, network=network(i),
                                    client="anthropic-typescript")
                for i, h in enumerate(harvesters(60))]

    woken = scorer.score("woken", fleet(lambda i: T + 40000.0 + 45 * i), set(), now, arrivals=arrivals)
    spread = scorer.score("spread", fleet(lambda i: T + 1400.0 * i), set(), now, arrivals=arrivals)
    office = scorer.score("office", fleet(lambda i: T + 40000.0 + 45 * i, lambda i: "office" if i % 2 else f"home-{i}"),
                          set(), now, arrivals=arrivals)
    assert woken.evidence["woken_share"] == 1.0 and spread.evidence["woken_share"] == 0.0
    assert woken.score >= fire > spread.score
    assert "woken_together" in {r["signal"] for r in woken.reasons}
    assert office.score < fire


def test_a_few_young_accounts_rotating_through_networks_request_by_request_are_one_hands(scorer):
    """A dozen newcomers sharing templates could be a tutorial's readers; the same dozen sending
    most requests from another autonomous system than the one before is a rotating proxy pool:
    evidence of one hand, enough to let their births count. One organisation's accounts running
    from many clouds, or a group with as many rotating members as the population, are not."""
    now = T + 2 * 86400
    scorer.score("warm-up", harvesters(5), set(), T)
    fire = AlertPolicy.for_clusters().fire
    members, keys, templates = _wave(12)
    sticky = scorer.score("sticky", members, templates, now, keys)
    rotating = [dataclasses.replace(s, network_moves=0.8) for s in members]
    pool = scorer.score("pool", rotating, templates, now, keys)
    org = scorer.score("org", [dataclasses.replace(s, org="org-cloud") for s in rotating], templates, now, keys)
    assert sticky.score < fire <= pool.score
    assert pool.evidence["rotating_share"] == 1.0 and sticky.evidence["rotating_share"] == 0.0
    assert "rotating_networks" in {r["signal"] for r in pool.reasons}
    assert org.score < fire
    for i in range(300):  # a population where every account rotates (a VPN's users)
        scorer.observe_account(summary(f"v{i}", n_events=4, network_moves=0.9))
    assert scorer.score("pool-again", rotating, templates, now, keys).score < fire


def test_a_rotating_core_names_the_rotating_members_of_its_periphery_and_no_one_else(scorer):
    """Members tied in by a single weak link (the periphery) are named only on their own
    evidence: rotating through networks as the core does. Periphery members who stay put, and the
    periphery of a core that does not rotate, are left out of `accounts`."""
    now = T + 2 * 86400
    scorer.score("warm-up", harvesters(5), set(), T)
    members, keys, templates = _wave(12)
    core = [dataclasses.replace(s, network_moves=0.8) for s in members]
    periphery = [summary(f"p{i}", network_moves=0.9 if i < 3 else 0.1) for i in range(8)]
    verdict = scorer.score("pool", core, templates, now, keys, periphery=periphery)
    assert verdict.accounts == tuple(s.account_id for s in core) + ("p0", "p1", "p2")
    assert verdict.evidence["periphery_named_rotating"] == 3
    sticky = scorer.score("sticky", members, templates, now, keys, periphery=periphery)
    assert sticky.accounts == tuple(s.account_id for s in members)


def test_the_population_s_rotating_share_is_taken_where_rotation_shows():
    """Accounts count toward the population's rotating share at ROTATION_SHOWS_EVENTS requests,
    where the account stage starts sending network pairs; a summary at that count refines the
    reference (a power of two, as those summaries are); a summary at any other count does not."""
    s = ClusterScorer()
    for n in range(1, 17):
        s.observe_account(summary(f"a{n}", n_events=n, network_moves=1.0))
    assert s.rotating.n == 1 and s.rotating.mean > 0.0


def test_one_owner_s_fleet_of_ordinary_accounts_harvests_by_its_number(scorer):
    """A group one owner evidently holds (cards shared across unrelated owners), each member
    asking what ordinary users ask, harvests by what it takes between them: beyond ten typical
    accounts' daily output it scores as harvesting; a handful taking less does not, and neither
    does a group as large whose only common trait is shared content (a plugin's users)."""
    for i in range(200):
        scorer.observe_account(summary(f"d{i}", n_events=1, rate_1d=10.0, output_per_request=500.0))
    fleet = [summary(f"f{i}", payment=f"card-{i % 40}", ts=T + 2 * 86400 - 977.0 * i * i, n_events=3 + (i * i) % 40)
             for i in range(120)]
    light = [dataclasses.replace(s, rate_1d=0.1) for s in fleet]
    plugin = [dataclasses.replace(s, payment=f"own-{i}", system_prompt="plugin") for i, s in enumerate(fleet)]
    now = T + 2 * 86400
    verdict = scorer.score("fleet", fleet, {f"pay:card-{i}" for i in range(40)}, now)
    assert verdict.volume > 0.9 and verdict.harvest >= 0.6
    assert verdict.score >= AlertPolicy.for_clusters().fire
    assert "collective_harvest" in {r["signal"] for r in verdict.reasons}
    assert scorer.score("light", light, {f"pay:card-{i}" for i in range(40)}, now).score < 0.4
    assert scorer.score("plugin", plugin, {"sys:plugin"}, now).score < 0.4


def test_a_product_s_many_users_drawing_on_its_templates_show_no_owner():
    """Templates and prompts however dealt out (a product's built-in pool, its prompts) do not
    say one owner: a product's users, however many and however much they take between them,
    harvest nothing collectively; a card ring among them does."""
    product = {"pool": 1.0, "tooling": 1.0, "content": 1.0, "young": 1.0, "growth": 1.0, "shape": 1.0}
    assert collective_harvest(1.0, product) == 0.0
    assert collective_harvest(1.0, dict(product, rings=1.0)) >= 0.7


def test_a_fleet_harvesting_by_its_number_names_only_the_accounts_carrying_its_owner_s_mark(scorer):
    """Accounts glued to a card-sharing fleet by a shared prompt alone (a hackathon's) carry no
    mark of its owner: when the fleet's number is what harvests, the alert names the fleet."""
    for i in range(200):
        scorer.observe_account(summary(f"d{i}", n_events=1, rate_1d=10.0, output_per_request=500.0))
    now = T + 2 * 86400
    fleet = [summary(f"f{i}", payment=f"card-{i % 40}", ts=now - 977.0 * i * i, n_events=3 + (i * i) % 40,
                     system_prompt="hack") for i in range(120)]
    glued = [summary(f"g{i}", ts=now - 911.0 * i * i, n_events=3 + (i * i) % 30, system_prompt="hack")
             for i in range(60)]
    keys = {f"pay:card-{i}" for i in range(40)} | {"sys:hack"}
    verdict = scorer.score("mixed", fleet + glued, keys, now)
    assert verdict.score >= AlertPolicy.for_clusters().fire
    assert "collective_harvest" in {r["signal"] for r in verdict.reasons}
    assert set(verdict.accounts) == {s.account_id for s in fleet}


def test_a_fleet_whose_own_requests_harvest_names_its_whole_core(scorer):
    """Where the members' own requests already make the group suspicious (reasoning elicited far
    beyond the population), the alert names its core as any other, owner's mark or not."""
    for i in range(200):
        scorer.observe_account(summary(f"d{i}", n_events=1, rate_1d=10.0, output_per_request=500.0,
                                       cot_mean=0.1 + 0.001 * i))
    now = T + 2 * 86400
    fleet = [summary(f"f{i}", payment=f"card-{i % 40}", ts=now - 977.0 * i * i, n_events=3 + (i * i) % 40,
                     system_prompt="hack", cot_mean=0.9) for i in range(120)]
    glued = [summary(f"g{i}", ts=now - 911.0 * i * i, n_events=3 + (i * i) % 30, system_prompt="hack",
                     cot_mean=0.9) for i in range(60)]
    verdict = scorer.score("mixed", fleet + glued, {f"pay:card-{i}" for i in range(40)} | {"sys:hack"}, now)
    assert verdict.score >= AlertPolicy.for_clusters().fire
    assert set(verdict.accounts) == {s.account_id for s in fleet + glued}
