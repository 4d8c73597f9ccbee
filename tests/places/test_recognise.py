"""Recogniser rules, on illustrative sentences written for these tests."""

from __future__ import annotations

from geomap.places import recognise


def spans(text: str, gaz) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(m.text, m.role) for m in recognise(text, gaz).mentions]


def test_people_are_not_places(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "US Secretary of Defense Lloyd Austin met officials in Paris. "
        "Austin said the talks went well. Later, Wang spoke to reporters, "
        "after Foreign Minister Wang Yi left."
    )
    got = spans(text, small_gazetteer)
    assert ("Paris", "literal") in got
    assert ("US", "literal") in got
    assert not any(t in {"Austin", "Wang", "Lloyd"} for t, _ in got)


def test_place_still_found_with_locative_cue_after_person(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Senator Bob Paris spoke on Monday. A storm hit Austin on Tuesday."
    got = spans(text, small_gazetteer)
    assert ("Austin", "literal") in got
    assert not any(t == "Paris" for t, _ in got)


def test_common_word_at_sentence_start_and_mid_sentence(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = spans("Rich nations met. The Rich 20 Group failed to agree.", small_gazetteer)
    assert got == []


def test_demonyms_and_associative(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Chinese officials said China would respond, and Washington said it disagreed."
    got = spans(text, small_gazetteer)
    assert ("Chinese", "demonym") in got
    assert ("China", "associative") in got
    assert ("Washington", "associative") in got


def test_leading_the_and_multiword(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Patrols sailed through the South China Sea and the Taiwan Strait."
    got = spans(text, small_gazetteer)
    assert got == [("South China Sea", "literal"), ("Taiwan Strait", "literal")]


def test_median_line_in_lowercase(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Planes crossed the center line of the Taiwan Strait on Friday."
    rec = recognise(text, small_gazetteer)
    lines = [m for m in rec.mentions if m.cue == "line"]
    assert len(lines) == 1 and lines[0].text.startswith("center line")
    # a bare "median line" with no strait in the sentence is not assumed to be Taiwan's
    assert not [m for m in recognise("They held the median line.", small_gazetteer).mentions]


def test_container_hint(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    rec = recognise("Talks were held in Bali, Indonesia, on Saturday.", small_gazetteer)
    bali = next(m for m in rec.mentions if m.text == "Bali")
    assert bali.hint == "indonesia" and bali.cue == "loc:in"


def test_all_caps_noise(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = spans("WANG WAS HERE. The US and RICH.", small_gazetteer)
    assert got == [("US", "literal")]


def test_hyphenated_pair(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = spans("The talks eased US-China tensions.", small_gazetteer)
    assert [t for t, _ in got] == ["US", "China"]


def test_offsets_match_text(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Rain fell on Paris, Texas and on Springfield, Ill. yesterday."
    for m in recognise(text, small_gazetteer).mentions:
        assert text[m.start : m.end] == m.text


def test_ships_are_not_places(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = spans("The USS Paris sailed through the Taiwan Strait.", small_gazetteer)
    assert got == [("Taiwan Strait", "literal")]


def test_strait_median_line_word_order(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    rec = recognise("Jets crossed the Taiwan Strait median line.", small_gazetteer)
    assert [(m.text, m.cue) for m in rec.mentions] == [("Taiwan Strait median line", "line")]


def test_name_particles_and_mixed_case_surnames(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "The trainer Mike de Paris won again. Fighter Conor Austin spoke. Later Austin said no."
    got = [t for t, _ in spans(text, small_gazetteer)]
    assert "Paris" not in got and "Austin" not in got


def test_title_abbreviations_are_not_places(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert spans("Ms. Smith lives at No. 5 in Paris.", small_gazetteer) == [("Paris", "literal")]


def test_initials_and_loose_parts_of_states(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "John F. Kennedy visited Charleston, W. Va., and storms hit Western Pennsylvania. "
        "Take U.S. 79 north."
    )
    got = [m.text for m in recognise(text, gazetteer).mentions]
    assert got == ["Charleston", "W. Va.", "Pennsylvania", "U.S."]


def test_listed_counties(gazetteer) -> None:  # type: ignore[no-untyped-def]
    rec = recognise("Storms hit Becker, Clay and Douglas counties in Minnesota.", gazetteer)
    got = [(m.text, m.cue) for m in rec.mentions]
    assert got[:3] == [("Becker", "admin2"), ("Clay", "admin2"), ("Douglas", "admin2")]


def test_listed_streets_are_streets(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """ "Bourbon and Dauphine streets" names two streets, not the towns Bourbon or Dauphine."""
    rec = recognise(
        "The parade rolled down Bourbon and Dauphine streets in New Orleans.", gazetteer
    )
    got = {m.text: (m.key, m.cue) for m in rec.mentions}
    assert got["Bourbon"] == ("bourbon street", "street")
    assert got["Dauphine"] == ("dauphine street", "street")


def test_street_with_a_given_name_is_a_street(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """ "Royal" is a given name, but "Royal Street" names no one."""
    rec = recognise("Royal Street was closed after the parade.", gazetteer)
    assert [(m.text, m.cue) for m in rec.mentions] == [("Royal Street", "street")]
    assert "Royal" not in rec.people


def test_river_is_not_the_town_of_its_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """The gazetteer holds no rivers: "Kish River" keeps its own name (a local feature),
    not the key of the island or town of Kish."""
    rec = recognise("A body was found in the Kish River on Sunday.", gazetteer)
    m = next(m for m in rec.mentions if m.text == "Kish River")
    assert (m.key, m.cue) == ("kish river", "river")


def test_prefixed_demonym_and_place(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = spans("An anti-Chinese protest and a pro-Paris group met.", small_gazetteer)
    assert got == [("Chinese", "demonym"), ("Paris", "associative")]


def test_names_joined_by_and_or_comma(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """ "Bosnia and Herzegovina" and "Washington, D.C." are one name each; "Texas and
    Oklahoma" stays two; "Springfield, Ill." stays a town and its container."""
    text = (
        "Officials from Bosnia and Herzegovina met in Washington, D.C., while Texas and "
        "Oklahoma sued. He grew up in Springfield, Ill., and in the U.S. Virgin Islands."
    )
    got = [m.text for m in recognise(text, gazetteer).mentions]
    assert got == [
        "Bosnia and Herzegovina",
        "Washington, D.C.",
        "Texas",
        "Oklahoma",
        "Springfield",
        "Ill.",
        "U.S. Virgin Islands",
    ]


def test_country_abbreviation_is_no_first_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = [
        (m.text, m.role)
        for m in recognise("They are suing the U.S. Fish and Wildlife Service.", gazetteer).mentions
    ]
    assert got == [("U.S.", "literal")]


def test_field_of_an_organisation_is_no_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """ "Chambers of Commerce": a field; "Bank of Canada": still Canada."""
    got = [
        m.text
        for m in recognise(
            "The Lagos Chamber of Commerce and the Bank of Canada met.", gazetteer
        ).mentions
    ]
    assert "Commerce" not in got and "Canada" in got


def test_capitals_in_a_shouted_line(gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = [
        m.text for m in recognise("KOBE IN THE HOUSE: Kobe Bryant was there.", gazetteer).mentions
    ]
    assert "IN" not in got


def test_speaker_after_a_verb_of_speech(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“I cry every day,” said Noma. The report was first published by DeSmog Canada. "
        "Lin-Manuel Miranda tweeted."
    )
    rec = recognise(text, gazetteer)
    got = [m.text for m in rec.mentions]
    assert "Noma" not in got and "Miranda" not in got and "Canada" in got


def test_names_around_hyphens_and_possessives(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A Los Angeles-based firm and the DPRK-South Korea summit. The Democratic People's "
        "Republic of Korea tested a missile. Russia's navy sailed."
    )
    got = [(m.text, m.key) for m in recognise(text, gazetteer).mentions]
    assert ("Los Angeles", "los angeles") in got
    assert ("South Korea", "south korea") in got
    assert ("Democratic People's Republic of Korea", "democratic people's republic of korea") in got
    assert ("Russia", "russia") in got


def test_a_name_after_a_persons_context_is_a_person(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # made up: "led by", "loyal to", "son of" before two names that are towns (Hassan, India;
    # Nasrallah, Tunisia) make them a person; a country keeps its place
    text = (
        "A militia led by Hassan Nasrallah attacked the town. Gunmen loyal to Hassan Kano "
        "fled. A coalition led by Saudi Arabia struck the port."
    )
    got = [m.text for m in recognise(text, gazetteer).mentions]
    assert not {"Hassan", "Nasrallah", "Kano"} & set(got)
    assert "Saudi Arabia" in got


def test_a_state_abbreviation_in_a_hyphenated_word_needs_capitals_or_its_period(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # made up: "Al" (Alabama's AL), "Co" (Colorado's CO) and "De" (Delaware's DE) begin names
    # and words; "NY-based" and the party-state style "D-Pa." are the states
    text = (
        "Strikes hit Al-Shabaab-linked camps. The event was co-hosted by Co-Op Bank and "
        "De-Lovely won. A NY-based firm hired Sen. Jo Hart, D-Pa., who spoke."
    )
    got = [(m.text, m.key) for m in recognise(text, gazetteer).mentions]
    assert not {t for t, _k in got} & {"Al", "Co", "De"}
    assert ("NY", "ny") in got and ("Pa", "pa") in got


def test_lower_case_type_word_stays_out_of_the_span(gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = [
        (m.text, m.key)
        for m in recognise(
            "She spoke in Cork city today, then flew to Helmand province.", gazetteer
        ).mentions
    ]
    assert got[0] == ("Cork", "cork city")
    assert got[1][0] == "Helmand"


def test_americans_of_an_origin(gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = [
        (m.text, m.role)
        for m in recognise(
            "African Americans voted. Russian-American relations soured.", gazetteer
        ).mentions
    ]
    assert got == [
        ("African Americans", "demonym"),
        ("Russian", "demonym"),
        ("American", "demonym"),
    ]


def test_unknown_name_before_its_county(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """A name the gazetteer lacks, followed by ", <county or state>", is a place there."""
    from geomap.places import find_places

    text = "The series moves on: 19/20 May: Thruxton, Hampshire. Then a break."
    rec = recognise(text, gazetteer)
    m = next(m for m in rec.mentions if m.text == "Thruxton")
    assert (m.cue, m.hint) == ("local", "hampshire")
    places = find_places(text, gazetteer, geometry=False).places
    thruxton = next(p for p in places if p.mention.text == "Thruxton")
    assert thruxton.entry is not None and thruxton.entry.name == "Hampshire"


def test_airport_by_its_type_word(gazetteer) -> None:  # type: ignore[no-untyped-def]
    from geomap.places import find_places

    found = find_places(
        "The plane was searched at Heathrow airport after it left Kabul airport.",
        gazetteer,
        geometry=False,
    )
    got = [(p.mention.text, p.entry.kind if p.entry else None) for p in found.places]
    assert got == [("Heathrow", "airport"), ("Kabul", "airport")]


def test_given_name_that_is_a_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """ "Chad Walker" and "Victoria Rowell" are people; "Georgia Power" keeps Georgia."""
    rec = recognise(
        "Officers Ron McCurry and Chad Walker were dispatched. Victoria Rowell "
        "starred. Georgia Power raised rates.",
        gazetteer,
    )
    got = [m.text for m in rec.mentions]
    assert "Chad" not in got and "Victoria" not in got and "Georgia" in got


def test_lower_case_particles_inside_a_name() -> None:
    """Made-up sentences: a lower-case article joined by a hyphen ("el-", "al-") or an elided
    particle ("d'") inside a name keeps the name whole where the gazetteer knows it, instead
    of cutting it at the lower-case word ("Bab" alone is another place's alternate name)."""
    from geomap.gazetteer.memory import MemoryGazetteer
    from geomap.models import Entry

    gaz = MemoryGazetteer(
        [
            (Entry("m:bab", "Bab el-Mandeb", "strait", 12.6, 43.3), [], None),
            (
                Entry("g:albab", "Al Bab", "city", 36.4, 37.5, country_code="SY", population=1e5),
                [("Bab", "alt")],
                None,
            ),
            (Entry("g:ras", "Ras al-Khaimah", "city", 25.8, 55.9, country_code="AE"), [], None),
            (Entry("c:ci", "Côte d'Ivoire", "country", 7.5, -5.5, country_code="CI"), [], None),
            (Entry("g:ras2", "Ras", "city", 10.0, 10.0, country_code="NG"), [], None),
        ]
    )
    text = (
        "Made-up: a tanker was hit in the Bab el-Mandeb on Monday; crews from Ras "
        "al-Khaimah and Côte d'Ivoire helped."
    )
    got = [m.text for m in recognise(text, gaz).mentions]
    assert got == ["Bab el-Mandeb", "Ras al-Khaimah", "Côte d'Ivoire"]
