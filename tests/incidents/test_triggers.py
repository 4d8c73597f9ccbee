"""Triggers: finding event words, their category and crosswalk, modality and domain."""

from __future__ import annotations

from geomap.incidents.triggers import (
    crosswalk,
    domain_of,
    find_triggers,
    modality_of,
    refine_category,
    trigger_hits,
)

from .conftest import place_in


def _words(sentence: str) -> list[tuple[str, str]]:
    return [(t.text, t.category) for t in find_triggers(sentence, 0)]


def test_triggers_and_their_categories() -> None:
    assert _words("Ministers held talks in Rome.") == [("held talks", "diplomatic_meeting")]
    assert _words("They signed a deal.") == [
        ("signed", "agreement_cooperation"),
        ("deal", "agreement_cooperation"),
    ]
    # a government's protest is a statement, not unrest
    assert _words("Manila lodged a diplomatic protest.") == [
        ("diplomatic protest", "statement_accusation")
    ]
    assert _words("Manila lodged a protest.") == [("lodged a protest", "statement_accusation")]
    assert _words("Police arrested ten men after the riots.") == [
        ("arrested", "coercion_enforcement"),
        ("riots", "protest_unrest"),
    ]


def test_offsets_are_absolute() -> None:
    text = "Nothing here. Protesters marched on Friday."
    s0 = text.index("Protesters")
    trigs = find_triggers(text[s0:], s0)
    assert [(t.start, t.end, text[t.start : t.end]) for t in trigs] == [
        (s0, s0 + 10, "Protesters"),
        (s0 + 11, s0 + 18, "marched"),
    ]
    hits = trigger_hits(text.lower())
    assert [(s, e) for s, e, _ in hits] == [(t.start, t.end) for t in trigs]


def test_words_that_are_no_event() -> None:
    assert not _words("They discussed issues such as tariffs and drills.")  # topics
    assert not _words('He said "we will attack" again.')  # quoted
    assert not _words("Navies regularly patrol the strait.")  # habitual
    assert not _words("They want to deal with it.")  # a verb, not the noun "deal"
    # a capitalised trigger inside a name is none, except meeting words ("Summit")
    assert _words("The Carrier Strike Group sailed north.") == [("sailed", "maritime_incident")]


def _modality(sentence: str) -> str | None:
    t = find_triggers(sentence, 0)[-1]
    return modality_of(sentence, t.start, t)


def test_modality() -> None:
    assert _modality("The ministers did not meet.") is None
    assert _modality("The ministers never met.") is None
    assert _modality("The ministers will meet.") == "future"
    assert _modality("The ministers are due to meet.") == "future"
    assert _modality("Officials hoped the leaders could meet.") == "hypothetical"
    assert _modality("There is a possibility of a summit in Bali in November.") == "hypothetical"
    assert _modality("The ministers met.") == "asserted"


def test_crosswalk_refined_by_trigger_within_its_class() -> None:
    assert crosswalk("statement_accusation", "condemned") == ("ACCUSE", "11", "verbal conflict")
    assert crosswalk("statement_accusation", "demanded") == ("REQUEST", "10", "verbal conflict")
    assert crosswalk("armed_clash_attack", "clashes") == ("ASSAULT", "19", "material conflict")
    # "aid" is cooperation: it does not refine a conflict category
    assert crosswalk("armed_clash_attack", "aid") == ("ASSAULT", "18", "material conflict")
    assert crosswalk("other") == ("", "", "")
    assert crosswalk("no_such_category") == ("", "", "")


def test_domain_and_refined_category() -> None:
    s = "two navy warships patrolled the black sea"
    assert domain_of(s, "maritime_incident", None) == "sea"
    assert domain_of("jets crossed the line", "airspace_incursion", None) == "air"
    assert domain_of("a cyberattack hit the ministry", "coercion_enforcement", None) == "cyber"
    assert domain_of("a satellite was launched", "military_activity", None) == "space"
    sentence = "Troops clashed in the South China Sea."
    sea = place_in(sentence, "South China Sea", "sea")
    assert domain_of(sentence.lower(), "armed_clash_attack", sea) == "sea"
    assert domain_of(sentence.lower(), "protest_unrest", sea) == "land"
    assert (
        refine_category("airspace_incursion", "warships crossed the strait", None)
        == "maritime_incident"
    )
    assert (
        refine_category("airspace_incursion", "troops crossed the border", None)
        == "military_activity"
    )
    assert refine_category("maritime_incident", "jets patrolled", None) == "airspace_incursion"
    assert refine_category("protest_unrest", "jets", None) == "protest_unrest"
    # made up: "fighters" alone are combatants; fighter jets, planes and aircraft fly
    patrol = "rebel fighters patrolled the hills"
    assert domain_of(patrol, "military_activity", None) == "land"
    assert refine_category("airspace_incursion", patrol, None) == "military_activity"
    for jets in ("two fighter jets", "a fighter plane", "fighter aircraft", "fighter-bombers"):
        assert domain_of(f"{jets} patrolled the coast", "military_activity", None) == "air"


def test_quoted_counts_the_quotes_before_the_position() -> None:
    from geomap.incidents.triggers import quoted

    for sentence in (  # made up
        'He said “we will strike” and then "they struck" again.',
        "“Open “nested” and unclosed",
        "No quotes here at all.",
        '"',
    ):
        for pos in range(-len(sentence) - 2, len(sentence) + 3):
            before = sentence[:pos]
            want = before.count("“") > before.count("”") or before.count('"') % 2 == 1
            assert quoted(sentence, pos) == want, (sentence, pos)


# ACLED codes of the incident stage's rules (made-up sentences, written for these tests)


def _acled(category: str, stem: str, sentence: str) -> tuple[str, str]:
    from geomap.incidents.triggers import acled_codes

    return acled_codes(category, stem, sentence)


def test_unarmed_victims_keep_an_attack_one_sided() -> None:
    # two words for the same armed side, and civilians hurt: violence against civilians
    assert _acled(
        "armed_clash_attack", "attack", "Army soldiers shot two farmers near Tolvik."
    ) == ("Violence against civilians", "Attack")
    assert _acled(
        "armed_clash_attack",
        "attack",
        "A teacher and a shopkeeper were gunned down by separatists in Marvo.",
    ) == ("Violence against civilians", "Attack")
    # "armed men" are no civilians: armed men on both sides, a battle
    assert _acled("armed_clash_attack", "attack", "Soldiers killed two armed men in Tolvik.") == (
        "Battles",
        "Armed clash",
    )


def test_armed_victims_and_reciprocal_fire_make_a_battle() -> None:
    # made up: new words for armed men and their posts, an attack "by X on" a post
    assert _acled("armed_clash_attack", "attack", "Gunmen killed three rangers in Dovra.")[0] == (
        "Battles"
    )
    assert _acled(
        "armed_clash_attack", "attack", "Militants attacked a police checkpost in Dovra."
    )[0] == ("Battles")
    assert _acled("armed_clash_attack", "attack", "An attack by the KLF on army posts near Dovra.")[
        0
    ] == ("Battles")
    assert _acled(
        "armed_clash_attack", "attack", "Troops of the two countries targeted each other."
    )[0] == ("Battles")
    # a preposition ends the noun phrase: "beaten in a police station" hurt no policeman
    assert _acled("armed_clash_attack", "attack", "A man was beaten in a police station in Dovra.")[
        0
    ] == ("Violence against civilians")


def test_deployments_told_with_violence_are_that_violence() -> None:
    # made up
    assert _acled(
        "military_activity", "mobilize", "The air force launched airstrikes on rebel camps."
    )[0] == ("Explosions/Remote violence")
    assert _acled(
        "airspace_incursion", "cross", "An incursion into Sarto village, killing one farmer."
    )[0] == ("Violence against civilians")
    assert _acled("military_activity", "mobilize", "Troops were deployed to Sarto.")[0] == (
        "Strategic developments"
    )


def test_seizures_by_non_state_armed_men_are_abductions() -> None:
    # made up: people seized by gunmen are abducted; arrested by the state, arrested
    assert _acled("coercion_enforcement", "coerce", "Gunmen seized four officials near Tarvo.") == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )
    assert _acled(
        "coercion_enforcement", "coerce", "The unit arrested twelve militants in Tarvo."
    ) == ("Strategic developments", "Arrests")
    assert _acled("coercion_enforcement", "raid", "Militiamen raided a village near Tarvo.") == (
        "Violence against civilians",
        "Attack",
    )
    assert _acled("coercion_enforcement", "raid", "Police raided a house in Tarvo.") == (
        "Strategic developments",
        "Arrests",
    )


def test_new_trigger_words() -> None:
    # made up: exchanges of fire, firing at, setting a thing on fire, surrenders, blockades
    assert _words("Troops exchanged heavy fire with rebels.") == [
        ("exchanged heavy fire", "armed_clash_attack")
    ]
    assert ("gunbattle", "armed_clash_attack") in _words("A gunbattle broke out near Orsk.")
    assert _words("Gunmen fired at a bus.") == [("fired at", "armed_clash_attack")]
    assert _words("Protesters set a truck on fire.")[-1] == (
        "set a truck on fire",
        "armed_clash_attack",
    )
    assert _words("Six rebels surrendered to the army.") == [("surrendered", "military_activity")]
    assert _words("The nationwide blockade went on.") == [("blockade", "protest_unrest")]
    assert _words("The navy's blockade went on.") == [("blockade", "maritime_incident")]
    assert _acled("military_activity", "surrender", "Six rebels surrendered.")[0] == (
        "Strategic developments"
    )


def test_air_strikes_property_attacks_and_crowd_arson() -> None:
    # made up: aircraft that strike make an air strike, whatever the trigger word
    assert _acled("armed_clash_attack", "attack", "Jets struck rebel camps near Orvo.") == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    # property attacked by people who are not armed men, no one hurt: mob violence
    assert _acled(
        "armed_clash_attack", "attack", "A gang attacked the house of the mayor in Orvo."
    ) == ("Riots", "Mob violence")
    # ... but not when someone was hurt, or armed men did it
    assert _acled("armed_clash_attack", "attack", "A gang attacked his car and he was injured.")[
        0
    ] == ("Violence against civilians")
    assert _acled(
        "armed_clash_attack", "attack", "Gunmen attacked the house of the mayor in Orvo."
    )[0] == ("Violence against civilians")
    # a crowd that burns the offices of the police riots; militants who torch homes attack
    assert _acled(
        "armed_clash_attack", "arson", "Residents burned the offices of the police in Orvo."
    ) == ("Riots", "Mob violence")
    assert _acled("armed_clash_attack", "arson", "Militants torched homes in Orvo.")[0] == (
        "Violence against civilians"
    )


def test_an_ambush_is_a_battle_unless_civilians_were_ambushed() -> None:
    # made up
    assert _acled("armed_clash_attack", "ambush", "A convoy was ambushed near Orvo.")[0] == (
        "Battles"
    )
    assert _acled(
        "armed_clash_attack", "ambush", "Two traders were shot dead in an ambush near Orvo."
    )[0] == ("Violence against civilians")


def test_clashes_of_party_followers_and_a_demonstration_s_demands() -> None:
    # made up: party followers who clash riot, even when someone died
    assert _acled(
        "armed_clash_attack",
        "battle",
        "One man was killed in a clash between supporters of two candidates in Orvo.",
    ) == ("Riots", "Mob violence")
    # ... a fatal clash of villagers stays a battle (identity militias)
    assert _acled(
        "armed_clash_attack", "battle", "Two villagers were killed in a clash near Orvo."
    )[0] == ("Battles")
    # a demand voiced by a demonstration is the demonstration
    assert _acled(
        "statement_accusation",
        "accuse",
        "About 300 farmers protested in Orvo, demanding the return of their land.",
    ) == ("Protests", "Peaceful protest")
    assert _acled(
        "statement_accusation", "accuse", "The minister demanded an inquiry into the deaths."
    )[0] == ("Strategic developments")


def test_trigger_words_of_violence_not_nature_or_computers() -> None:
    # made up: violence "erupts", a blade "hacks", people "flee" violence
    assert _words("Clashes erupted in Orvo.") == [("Clashes", "armed_clash_attack")]
    assert _words("An eruption buried the village.") == [("eruption", "natural_disaster")]
    assert _words("A teacher was hacked to death in Orvo.") == [("hacked", "armed_clash_attack")]
    assert _words("Hackers broke into the ministry's servers.") == [("Hackers", "cyber_attack")]
    assert _words("Troops targeted a rebel post.") == [("targeted", "armed_clash_attack")]
    assert _acled("armed_clash_attack", "sexual", "Gunmen raped two women in Orvo.") == (
        "Violence against civilians",
        "Sexual violence",
    )
    from geomap.incidents.triggers import acled_codes

    fled = "Villagers fled their homes as troops clashed with rebels."
    # (the clash told as an event of the sentence, as the extraction finds it)
    assert acled_codes("displacement", "displace", fled, event_stems={"battle"})[0] == "Battles"


def test_former_fighters_possessives_and_headline_verbs() -> None:
    # made up: former fighters are civilians; "militants shot and killed" is what the
    # militants did; the army "by" which people were seized did the killing
    assert _acled("armed_clash_attack", "attack", "Rebels killed two former soldiers near Orvo.")[
        0
    ] == ("Violence against civilians")
    assert _acled(
        "armed_clash_attack", "attack", "Militants shot and killed a headmaster in Orvo."
    )[0] == ("Violence against civilians")
    assert _acled(
        "armed_clash_attack", "attack", "Two farmers were seized by the army and killed."
    )[0] == ("Violence against civilians")
    assert _acled(
        "armed_clash_attack", "attack", "Three soldiers killed and one injured near Orvo."
    )[0] == ("Battles")
    # a possessive is no victim: "the People's Defence Army" names armed men
    assert _acled(
        "armed_clash_attack", "attack", "Troops killed three People's Defence Army fighters."
    )[0] == ("Battles")
    assert _acled("armed_clash_attack", "attack", "Troops resorted to firing on rebel positions.")[
        0
    ] == ("Battles")


def test_explosives_during_a_strike_are_explosions() -> None:
    from geomap.incidents.triggers import acled_codes

    # made up: bombs that went off during a strike are explosions, whoever threw them
    during = "On the fifth day of the hartal, two crude bombs exploded at a market in Orvo."
    assert acled_codes("protest_unrest", "walkout", during)[0] == "Explosions/Remote violence"
    assert _acled("armed_clash_attack", "remote", during)[0] == "Explosions/Remote violence"
    # ... not a demonstration against a bombing, nor stones thrown at a demonstration
    against = "Hundreds protested in Orvo against the bombing of a church."
    assert acled_codes("protest_unrest", "protest", against)[0] == "Protests"
    assert _acled(
        "armed_clash_attack", "attack", "Protesters attacked a police van during the hartal."
    )[0] == ("Riots")


def test_defused_bombs_and_looting_by_armed_men() -> None:
    # made up: bombs found and defused are disrupted weapons use, not an explosion
    assert _acled(
        "armed_clash_attack", "remote", "Police found and defused two bombs near a mosque."
    ) == ("Strategic developments", "Disrupted weapons use")
    assert _acled(
        "armed_clash_attack", "remote", "A bomb exploded near a mosque; a second was defused."
    )[0] == ("Explosions/Remote violence")
    # shops looted by armed men are looting and property destruction; by a crowd, a riot
    assert _acled("protest_unrest", "riot", "Armed men looted the clinic in Orvo.") == (
        "Strategic developments",
        "Looting/property destruction",
    )
    assert _acled("protest_unrest", "riot", "Residents looted shops in Orvo.")[0] == "Riots"


def test_force_against_demonstrators() -> None:
    # made up: the state's lethal force against a demonstration (ACLED 2019 typology)
    assert _acled(
        "armed_clash_attack",
        "attack",
        "Police opened fire on protesters in Orvo, killing two.",
    ) == ("Protests", "Excessive force against protesters")
    # ... demonstrators who attack the police riot
    assert _acled("armed_clash_attack", "attack", "Protesters attacked two policemen in Orvo.") == (
        "Riots",
        "Violent demonstration",
    )


def test_sub_event_types_of_explosions() -> None:
    # made up: the weapon names the sub-event type
    cases = {
        "A roadside bomb killed two soldiers near Orvo.": "Remote explosive/landmine/IED",
        "Militants hurled a grenade at a bus in Orvo.": "Grenade",
        "Artillery shells hit the town of Orvo.": "Shelling/artillery/missile attack",
        "A suicide bomber blew himself up at a mosque in Orvo.": "Suicide bomb",
        "An air strike hit a market in Orvo.": "Air/drone strike",
    }
    for text, sub in cases.items():
        assert _acled("armed_clash_attack", "remote", text) == ("Explosions/Remote violence", sub)


def test_labour_strikes_named_by_their_verbs() -> None:
    # made up: "began striking", "striking over pay", "continued their strike" are walkouts
    assert _words("Workers began striking in Orvo.") == [("striking", "protest_unrest")]
    assert _words("Nurses were striking over pay.") == [("striking", "protest_unrest")]
    assert _words("Miners continued their strike in Orvo.") == [("strike", "protest_unrest")]
    assert ("striking", "protest_unrest") not in _words("Jets were striking rebel camps.")
