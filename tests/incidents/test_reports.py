"""Incidents as a coder records them: each phrasing of real incident reports, on sentences
written for these tests (never the corpus texts): the event's place, date and ACLED type."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.incidents.extract import INHERITED_PRECISION, main_place

PUB = date(2020, 5, 12)  # a Tuesday


def _first(run, text: str, published: date | None = PUB):  # type: ignore[no-untyped-def]
    incs = run(text, published)
    assert incs, f"no incident in {text!r}"
    return max(incs, key=lambda i: i.confidence)


def _place(inc) -> str | None:  # type: ignore[no-untyped-def]
    return inc.place.mention.text if inc.place is not None else None


@pytest.mark.parametrize(
    ("text", "place", "acled", "day"),
    [
        (
            "On 9 May 2020, in Kandahar, Taliban militants attacked a police checkpoint.",
            "Kandahar",
            "Battles",
            date(2020, 5, 9),
        ),
        (
            "Islamist militants stormed an army camp near the town of Menaka on Sunday.",
            "Menaka",
            "Battles",
            date(2020, 5, 10),
        ),
        (
            "Houthi rebels fired a missile at a commercial tanker in the Red Sea.",
            "Red Sea",
            "Explosions/Remote violence",
            None,
        ),
        ("Bombs fell on Kyiv overnight.", "Kyiv", "Explosions/Remote violence", PUB),
        (
            "A suicide bomber blew himself up at a checkpoint in Mogadishu on Monday.",
            "Mogadishu",
            "Explosions/Remote violence",
            date(2020, 5, 11),
        ),
        (
            "01/1/2000: Four members of a family were killed by gunmen in Kano.",
            "Kano",
            "Violence against civilians",
            date(2000, 1, 1),
        ),
        (
            "Rioters set alight a bus at the market in Kathmandu on Tuesday.",
            "Kathmandu",
            "Riots",
            PUB,
        ),
        (
            "Students staged a sit-in outside the university in Tunis.",
            "Tunis",
            "Protests",
            None,
        ),
        (
            "Soldiers killed three militants in a raid near Gao.",
            "Gao",
            "Battles",
            None,
        ),
    ],
)
def test_report_phrasings(run, text, place, acled, day) -> None:  # type: ignore[no-untyped-def]
    inc = _first(run, text)
    assert _place(inc) == place
    assert inc.acled_event_type == acled
    if day is not None:
        assert inc.start == inc.end == day
    else:  # undated: the week before publication
        assert inc.start is not None and inc.end == PUB and inc.time_precision == "week"


@pytest.mark.parametrize(
    ("text", "category", "place"),
    [
        ("A powerful earthquake struck near Marrakesh on Friday.", "natural_disaster", "Marrakesh"),
        ("Floods killed 12 people in Sylhet, Bangladesh, last week.", "natural_disaster", "Sylhet"),
        ("A bus crash killed nine passengers near Nairobi.", "accident", "Nairobi"),
        (
            "Hackers disrupted container terminals at the port of Rotterdam.",
            "cyber_attack",
            "Rotterdam",
        ),
        ("Thousands of families were displaced in Idlib.", "displacement", "Idlib"),
    ],
)
def test_events_beyond_political_violence(run, text, category, place) -> None:  # type: ignore[no-untyped-def]
    incs = run(text, PUB)
    cats = {i.category for i in incs}
    assert category in cats, cats
    assert "armed_clash_attack" not in cats
    inc = next(i for i in incs if i.category == category)
    assert _place(inc) == place
    assert inc.acled_event_type == ""  # not political violence: no ACLED type


def test_a_report_without_a_placed_sentence_inherits_the_article_place(run) -> None:  # type: ignore[no-untyped-def]
    text = (
        "GAO, Mali - The army said on Monday that the situation was calm. "
        "Gunmen attacked a convoy, killing two drivers."
    )
    incs = [i for i in run(text, PUB) if i.category == "armed_clash_attack"]
    assert incs and all(_place(i) == "GAO" or _place(i) == "Mali" for i in incs)
    inherited = [i for i in incs if i.geo_precision >= INHERITED_PRECISION]
    assert inherited, "the attack's place is inherited, so it is drawn as vague"


def test_main_place_prefers_the_dateline(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "KABUL (AP) - Officials in Herat said talks would resume."
    places = pipe.find(text).places
    main = main_place(text, places)
    assert main is not None and main.entry is not None and main.entry.name == "Kabul"
    assert main_place("No place is named here.", []) is None


def test_an_article_that_names_no_place_keeps_its_incidents_unplaced(run) -> None:  # type: ignore[no-untyped-def]
    incs = run("Mineral transporters protested against new tariffs.", PUB)
    assert incs and all(i.place is None for i in incs)
    assert all(i.acled_event_type == "Protests" for i in incs if i.category == "protest_unrest")


def test_sample_g20_meeting_is_in_bali_the_day_before(sample) -> None:  # type: ignore[no-untyped-def]
    """The meeting of the G20's senior diplomats the day before publication is placed in Bali
    (the article's lead place) and dated 2022-07-08; the sample keeps its asserted events."""
    day_before = [
        i
        for i in sample.incident_list
        if i.category == "diplomatic_meeting" and i.start == date(2022, 7, 8)
    ]
    assert day_before
    assert all(_place(i) == "Bali" for i in day_before)
    assert all(i.end == date(2022, 7, 8) for i in day_before)
    assert len([i for i in sample.incident_list if i.modality == "asserted"]) >= 7


def test_a_protests_demand_is_no_event_of_its_own(run) -> None:  # type: ignore[no-untyped-def]
    incs = run("Hundreds of protesters rallied in Nairobi on Monday, demanding lower fuel prices.")
    assert {i.category for i in incs} == {"protest_unrest"}
    assert incs[0].acled_event_type == "Protests" and _place(incs[0]) == "Nairobi"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Police in Lagos said the bombing, which killed three, hit a market in Kano.", "Kano"),
        ("The army said in Quetta that militants ambushed a convoy near Turbat.", "Turbat"),
    ],
)
def test_where_it_was_said_is_not_where_it_happened(run, text, place) -> None:  # type: ignore[no-untyped-def]
    inc = _first(run, text)
    assert _place(inc) == place


@pytest.mark.parametrize(
    ("text", "place", "acled"),
    [
        ("Opposing political groups clashed in Kaya after the vote.", "Kaya", "Battles"),
        (
            "Six police officers were taken hostage by gunmen in Bangui.",
            "Bangui",
            "Battles",  # armed men on both sides
        ),
    ],
)
def test_more_report_phrasings(run, text, place, acled) -> None:  # type: ignore[no-untyped-def]
    inc = _first(run, text)
    assert _place(inc) == place
    assert inc.acled_event_type == acled


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        # armed men or their posts as the ones hurt: a battle, whoever attacked
        ("Gunmen shot dead a police officer in Kano on Monday.", "Battles"),
        ("A convoy came under attack near Gao. Three soldiers killed and one injured.", "Battles"),
        ("Militants attacked a military position in Mopti on Sunday.", "Battles"),
        ("A gendarme was killed by unidentified assailants in Dori.", "Battles"),
        # armed men who hurt civilians: one-sided violence
        ("Soldiers killed three villagers in Mopti on Sunday.", "Violence against civilians"),
        ("Houses were attacked by soldiers in Mopti on Sunday.", "Violence against civilians"),
        # labour strikes, hartals and marches are demonstrations, not air strikes
        ("Teachers went on strike over unpaid salaries in Lusaka.", "Protests"),
        ("Dock workers began a 24-hour strike in Mombasa on Monday.", "Protests"),
        ("Residents organised a night march in Sfax to demand jobs.", "Protests"),
        # arson: a riot unless armed men did it
        ("Students torched two buses in Kisumu on Monday.", "Riots"),
        ("Militants torched houses in a village near Maiduguri.", "Violence against civilians"),
        # the state's answer to a demonstration is coded as the demonstration
        ("Police arrested 30 youths who were protesting against poverty in Harare.", "Protests"),
        # a meeting word that ends an organisation's name is no meeting
        ("Youth Congress workers torched a bus in Patna on Monday.", "Riots"),
    ],
)
def test_acled_type_phrasings(run, text, acled) -> None:  # type: ignore[no-untyped-def]
    assert _first(run, text).acled_event_type == acled


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a small namesake inside a group's name places nothing; the report's own place does
        ("Boko Haram fighters raided a village near Maiduguri, killing two.", "Maiduguri"),
        ("Boko Haram fighters raided a village, killing two.", None),
        # ... nor a small namesake followed by the rest of a longer name
        ("Mortars hit Rab Dhuure near Baidoa, killing two.", "Baidoa"),
        # an administrative unit after a town is that town's unit, not a longer name
        ("A bomb exploded in Feni Sadar Upazila on Sunday.", "Feni"),
        # a word that opens longer names is not that place on its own
        ("Fighting broke out in Abu Sleem on the outskirts of Tripoli.", "Tripoli"),
        # a city keeps its name after a neighbourhood's
        ("A man was shot dead at a market in Bhadurabad Karachi on Monday.", "Karachi"),
        # a facility named after its city places the event there
        ("A bomb exploded at Dhaka University on Tuesday.", "Dhaka"),
    ],
)
def test_places_inside_longer_names(run, text, place) -> None:  # type: ignore[no-untyped-def]
    assert _place(_first(run, text)) == place


def test_a_nationality_places_a_report_in_its_country_unless_it_is_of_armed_forces(run) -> None:  # type: ignore[no-untyped-def]
    inc = _first(run, "Moroccan teachers protested outside the parliament.")
    assert inc.place is not None and inc.place.entry is not None
    assert inc.place.entry.kind == "country" and inc.place.entry.country_code == "MA"
    assert inc.geo_precision >= INHERITED_PRECISION  # the country, not a point in it
    assert all(i.place is None for i in run("Kenyan forces repelled an attack on a base.", PUB))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a country gives way to a town of the same sentence inside it
        ("Fighting in Libya intensified as government forces advanced to retake Sirte.", "Sirte"),
        # a town whose namesake lies outside the city the text puts it in gives way to the city
        ("Assailants torched a bus at Mohammadpur in Dhaka city on Monday.", "Dhaka"),
        # ... or when the container is the larger place of a country named as often
        ("Residents marched through the streets of Wentworth, Durban, on Monday.", "Durban"),
    ],
)
def test_the_most_specific_place_consistent_with_its_container(run, text, place) -> None:  # type: ignore[no-untyped-def]
    assert _place(_first(run, text)) == place


@pytest.mark.parametrize(
    ("text", "acled"),
    [
        ("Two villagers, including a woman, were killed in a clash at Kalna.", "Battles"),
        (
            "Three people including two soldiers were wounded in a bomb explosion in Gao.",
            "Explosions/Remote violence",
        ),
        (
            "Armed men hijack a vehicle and shoot the driver dead near Garissa.",
            "Violence against civilians",
        ),
        ("Unidentified gunmen assassinate a judge in Kismayo.", "Violence against civilians"),
        (
            "Rebels took control of the town of Kaga Bandoro after government troops withdrew.",
            "Strategic developments",
        ),
        ("The army took full control of the district after heavy fighting with rebels.", "Battles"),
        # territory taken by armed men is a battle (ACLED: "Government regains territory",
        # "Non-state actor overtakes territory"); left without a fight, a transfer
        ("Government troops recaptured three villages east of Madra on Sunday.", "Battles"),
        ("Insurgents overran two army positions near Kelo overnight.", "Battles"),
        ("Militants seized the town of Orvesk on Tuesday.", "Battles"),
        # a petrol bomb is not an explosive weapon in ACLED's terms: an attack with fire
        (
            "Assailants hurled a petrol bomb at a bus near Jessore, injuring four passengers.",
            "Violence against civilians",
        ),
        ("A bomb hidden in a cart exploded at a market in Gao.", "Explosions/Remote violence"),
        ("Looters targeted shops in a township near Pretoria.", "Riots"),
        ("Angry residents burned the offices of the local council in Kananga.", "Riots"),
        ("About 300 people took to the streets of Blantyre, chanting slogans.", "Protests"),
        ("Suspected drones hit militant bases near Jilib.", "Explosions/Remote violence"),
        # a clash of crowds or with the police in which no one died is a riot ...
        ("Supporters of two candidates clashed in Kisii, injuring ten.", "Riots"),
        ("Street vendors clashed with municipal police in Harare on Monday.", "Riots"),
        # ... a fatal one, or one of armed men, a battle
        ("Two villagers were killed in a clash between rival groups near Bogra.", "Battles"),
        ("Soldiers clashed with rebels near Beni on Monday.", "Battles"),
        # an accusation or an arrest told with its violence is coded as that violence
        (
            "A rights group accused soldiers of shooting dead two farmers near Lashio.",
            "Violence against civilians",
        ),
        # ... but not a quoted word of violence, nor violence that is the accusation's topic
        (
            "The minister accused rivals of trying to “hijack” the vote in Lagos.",
            "Strategic developments",
        ),
        (
            "Beijing refused to criticize the invasion, accusing NATO of provoking it.",
            "Strategic developments",
        ),
        # "congress" before a member noun is a party, not a meeting
        ("A congress candidate was attacked with bombs in Kolkata.", "Explosions/Remote violence"),
        (
            "A former minister was sentenced to five years in jail in Dakar.",
            "Strategic developments",
        ),
    ],
)
def test_more_acled_phrasings(run, text, acled) -> None:  # type: ignore[no-untyped-def]
    assert _first(run, text).acled_event_type == acled


@pytest.mark.parametrize(
    ("text", "acled", "sub"),
    [
        # made up: something blown up is an explosive weapon's work
        (
            "Unknown men blew up a water pipeline near Orvesk overnight.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "A village school was blown up by suspected insurgents in the Malik area.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        # crowd weapons: the state's answer to a protest, else violence against those hit
        (
            "Police fired tear gas at students protesting outside the ministry in Harare.",
            "Protests",
            "Protest with intervention",
        ),
        (
            "Riot police used water cannons against teachers marching on parliament in Accra.",
            "Protests",
            "Protest with intervention",
        ),
        (
            "Police used tear gas to disperse members of a youth group outside a church in Jos.",
            "Protests",
            "Protest with intervention",
        ),
        (
            "Police dispersed a crowd outside the high court in Kampala.",
            "Protests",
            "Protest with intervention",
        ),
        (
            "Police fired teargas at worshippers leaving a mosque in Kano.",
            "Violence against civilians",
            "Attack",
        ),
        # "about" before a count is no topic: the protest happened
        (
            "About 300 teachers gathered outside the education ministry in Lilongwe.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "About a dozen farmers protested outside the district office in Mzuzu.",
            "Protests",
            "Peaceful protest",
        ),
        # a crowd gathering somewhere with its purpose
        (
            "About 100 farmers converged on the land ministry in Lusaka to demand compensation.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "Dozens of vendors camped outside the city hall in Kumasi over their licences.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "Hundreds of nurses took their grievances to the health ministry in Nairobi.",
            "Protests",
            "Peaceful protest",
        ),
        # forces engaging armed men fight them
        ("Soldiers engaged the rebels near Beni, arresting five.", "Battles", "Armed clash"),
        # both sides hurting each other, a fight between two groups, armed men as victims
        (
            "A farmer was killed when troops of the two countries targeted each other near Uri.",
            "Battles",
            "Armed clash",
        ),
        (
            "A man was beaten to death in an altercation between two families near Comilla.",
            "Battles",
            "Armed clash",
        ),
        ("Gunmen shot dead two levies personnel in Kharan.", "Battles", "Armed clash"),
        (
            "Two members of a village security team were wounded in a gun attack near Yala.",
            "Battles",
            "Armed clash",
        ),
        # a death in custody
        (
            "A detainee died in police custody in Mombasa after being held for a week.",
            "Violence against civilians",
            "Attack",
        ),
        # hurt in custody: the police hold the detainee, they are not the ones hurt
        (
            "An inmate who suffered injuries in police custody died in a hospital in Kisumu.",
            "Violence against civilians",
            "Attack",
        ),
        # forces engaging a group named by its initials
        (
            "Army and police forces engaged the XLF near Diphu, arresting three.",
            "Battles",
            "Armed clash",
        ),
        # the base form of a capture verb, as headlines write it
        (
            "Government troops recapture two villages near Kadugli.",
            "Battles",
            "Government regains territory",
        ),
        # people taken away by armed men
        (
            "Four farmers were taken from their homes by gunmen near Zamfara.",
            "Violence against civilians",
            "Attack",  # as "kidnapped" is coded
        ),
        # a mob hurting people is violence against civilians; a mob's damage, a riot
        (
            "A mob beat a street vendor to death in the market of Kasese on Friday.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "A young man was killed in a mob justice attack in Soweto on Sunday.",
            "Violence against civilians",
            "Attack",
        ),
        ("A mob torched two buses and looted shops in Kasese.", "Riots", "Violent demonstration"),
        # crowds blocking, besieging, or going somewhere to protest
        (
            "Villagers blocked the construction of a quarry near Vinh in the morning.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "Hundreds of residents laid siege to a cement plant near Tanga over dust.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "About 500 workers flocked to the town hall in Hue to demand unpaid wages.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "Dozens of women headed to the district office in Bac Ninh to loudly oppose a dump.",
            "Protests",
            "Peaceful protest",
        ),
    ],
)
def test_phrasings_of_explosions_crowd_weapons_and_counts(run, text, acled, sub) -> None:  # type: ignore[no-untyped-def]
    inc = _first(run, text)
    assert (inc.acled_event_type, inc.acled_sub_event_type) == (acled, sub)


@pytest.mark.parametrize(
    "text",
    [
        # made up: figurative or unit uses of event words tell no event
        "The row over the budget blew up into a crisis in the capital.",
        "Anti-riot police stood guard outside the stadium in Accra.",
        "The striker was given his marching orders after a second yellow card.",
        "They talked about protests in the capital last year.",
        "Storm clouds converged on the coast near Durban.",
        "Troops converged on the town to retake it.",
        "Troops massed outside the city before dawn.",
        "The senators blocked the bill in the capital.",
        "The injured were taken to hospital by ambulance in Lagos.",
        "Fans flocked to the stadium in Accra to watch the final.",
        "The ministers engaged in talks in Geneva.",
        "The gunmen fled after the attack.",  # only the attack: no displacement
    ],
)
def test_words_that_tell_no_event_of_their_own(run, text) -> None:  # type: ignore[no-untyped-def]
    cats = {(i.category, i.trigger) for i in run(text, PUB)}
    assert not {c for c, _t in cats} & {"displacement", "protest_unrest"}
    assert not any(t.lower().startswith("blew") for _c, t in cats)


def test_a_topic_cue_followed_by_a_finite_verb_tells_the_event(run) -> None:  # type: ignore[no-untyped-def]
    # made up: "including" lists who, and "were killed" is what happened to them
    text = "Five gunmen with links to groups including the LTTE were killed near Jaffna."
    assert "armed_clash_attack" in {i.category for i in run(text, PUB)}
    # ... but a cue right before the event word makes it a topic
    assert not run("The ministers discussed the attack on the convoy.", PUB)
    # made up: a past verb right after an aside that "including" opened and commas closed
    text = "About 40 rebels, including two commanders, surrendered to the army near Beni."
    assert "military_activity" in {i.category for i in run(text, PUB)}
    # ... while a list of topics stays one
    assert not run("Officials spoke about issues, including the raids, on Monday.", PUB)


def test_people_fleeing_is_a_displacement(run) -> None:  # type: ignore[no-untyped-def]
    incs = run("Nearly 3,000 villagers fled after fighting broke out near Kalehe.", PUB)
    assert "displacement" in {i.category for i in incs}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # made up: a nationality before its country's ground, waters or sky is the place
        # (not the nationality of the people told first)
        ("Ugandan traders were attacked on Kenyan soil.", "Kenya"),
        ("Two Thai fishing boats were seized in Burmese waters.", "Myanmar"),
        ("Indian jets violated Pakistani airspace on Monday.", "Pakistan"),
    ],
)
def test_a_nationality_before_its_ground_waters_or_sky_is_a_place(run, text, place) -> None:  # type: ignore[no-untyped-def]
    inc = _first(run, text)
    assert inc.place is not None and inc.place.entry is not None
    assert inc.place.entry.name == place
