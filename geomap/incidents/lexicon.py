"""Word lists for incident extraction: triggers, categories, domains, modality, crosswalks.

Data only (no logic beyond tiny helpers), so the rules in :mod:`geomap.incidents.extract` stay
readable and the lists can be extended without touching them.
"""

from __future__ import annotations

import re

#: category -> (PLOVER event, CAMEO root, quad class); see docs/MAPS.md
CROSSWALK: dict[str, tuple[str, str, str]] = {
    "diplomatic_meeting": ("CONSULT", "04", "verbal cooperation"),
    "summit_conference": ("CONSULT", "04", "verbal cooperation"),
    "agreement_cooperation": ("AGREE", "03", "verbal cooperation"),
    "statement_accusation": ("ACCUSE", "11", "verbal conflict"),
    "threat_warning": ("THREATEN", "13", "verbal conflict"),
    "military_activity": ("MOBILIZE", "15", "material conflict"),
    "airspace_incursion": ("MOBILIZE", "15", "material conflict"),
    "maritime_incident": ("MOBILIZE", "15", "material conflict"),
    "sanctions_trade": ("SANCTION", "16", "material conflict"),
    "coercion_enforcement": ("COERCE", "17", "material conflict"),
    "armed_clash_attack": ("ASSAULT", "18", "material conflict"),
    "protest_unrest": ("PROTEST", "14", "material conflict"),
    "other": ("", "", ""),
}

#: finer crosswalk by trigger stem: (PLOVER event, CAMEO root, quad class)
TRIGGER_CROSSWALK: dict[str, tuple[str, str, str]] = {
    "demand": ("REQUEST", "10", "verbal conflict"),
    "urge": ("REQUEST", "10", "verbal conflict"),
    "call": ("REQUEST", "10", "verbal conflict"),
    "reject": ("REJECT", "12", "verbal conflict"),
    "criticiz": ("ACCUSE", "11", "verbal conflict"),
    "criticis": ("ACCUSE", "11", "verbal conflict"),
    "condemn": ("ACCUSE", "11", "verbal conflict"),
    "aid": ("AID", "07", "material cooperation"),
    "exercise": ("COOPERATE", "06", "material cooperation"),
    "water cannon": ("COERCE", "17", "material conflict"),
    "seiz": ("COERCE", "17", "material conflict"),
    "collid": ("ASSAULT", "18", "material conflict"),
    "collision": ("ASSAULT", "18", "material conflict"),
    "rammed": ("ASSAULT", "18", "material conflict"),
    "fight": ("ASSAULT", "19", "material conflict"),
    "clash": ("ASSAULT", "19", "material conflict"),
    "massacre": ("ASSAULT", "20", "material conflict"),
}

# Trigger patterns: (regex on the lower-cased sentence, category, stem). Word-boundary
# anchored; the first matching pattern of a token wins (so specific before general).
_T: list[tuple[str, str, str]] = [
    # diplomacy
    (r"summit(?:s)?", "summit_conference", "summit"),
    (r"conference(?:s)?|forum|convention|congress|assembly(?= of)", "summit_conference",
     "conference"),
    (r"met|meet|meets|meeting|meetings|talks|held talks|hold talks|holding talks|"
     r"visit(?:ed|s|ing)?|hosted|sit-down|consultations?", "diplomatic_meeting",
     "meet"),
    (r"sign(?:ed|s|ing)?|agreed|agreement|accord|deal|treaty|pledged|joint exercises?|"
     r"exercises?|aid|cooperat(?:e|ed|ion)", "agreement_cooperation", "agree"),
    # verbal conflict
    (r"warn(?:ed|s|ing|ings)?|threat(?:en|ened|ens|ening)?|ultimatum", "threat_warning",
     "warn"),
    (r"criticiz(?:e|ed|es|ing)|criticis(?:e|ed|es|ing)|criticism|accus(?:e|ed|es|ing)|"
     r"condemn(?:ed|s|ing)?|denounc(?:e|ed|es|ing)|demand(?:ed|s|ing)?|reject(?:ed|s|ing)?|"
     r"protested to|summoned|angered|rebuked|slammed|blamed|urged|"
     # a government's protest is a statement, not street unrest
     r"(?:diplomatic|formal|strong|official) protests?|lodg(?:e|ed|es|ing) (?:a )?protests?|"
     r"fil(?:e|ed|es|ing) (?:a )?protests?",
     "statement_accusation", "accuse"),
    # material conflict
    (r"sanction(?:s|ed)?|tariffs?|export controls?|embargo|expell?(?:ed|s)?|blacklist(?:ed)?",
     "sanctions_trade", "sanction"),
    (r"incursion(?:s)?|intrusion(?:s)?|crossed|cross(?:es|ing)?|flew|flown|flies|"
     r"violat(?:ed|ion)|entered|breach(?:ed)?", "airspace_incursion", "cross"),
    (r"patrol(?:s|led|ling)?|sailed|sail(?:s|ing)?|transit(?:ed|s)?|water cannon|rammed|"
     r"collid(?:ed|e)|collision|harass(?:ed)?|blockade", "maritime_incident", "patrol"),
    (r"drills?|manoeuvres|maneuvers|deploy(?:ed|ment|s)?|missile tests?|test-fired|"
     r"launch(?:ed|es)|mobiliz(?:ed|ation)|build-?up", "military_activity",
     "mobilize"),
    (r"arrest(?:ed|s)?|detain(?:ed|s)?|raid(?:ed|s)?|seiz(?:ed|ure)|captur(?:e|ed)|"
     r"cyber-?attacks?|hack(?:ed)?|crackdown", "coercion_enforcement", "coerce"),
    (r"attack(?:s|ed|ing)?|strikes?|struck|airstrikes?|air strikes?|shell(?:ed|ing)|"
     r"bomb(?:ed|ing|ings)?|explo(?:ded|sion)|killed|killing|clash(?:ed|es)?|fighting|"
     r"fought|shot|fired on|ambush(?:ed)?|invaded|invasion|offensive|massacre",
     "armed_clash_attack", "attack"),
    (r"protest(?:s|ed|ers|ing)?|demonstrat(?:ed|ion|ions|ors)|rall(?:y|ied|ies)|marched|"
     r"riot(?:s|ed)?|unrest|strike action", "protest_unrest", "protest"),
]
TRIGGERS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(rf"\b(?:{p})\b"), cat, stem) for p, cat, stem in _T
]

# Words that make a "cross"/"patrol" trigger an air or sea event, and the domain words.
AIR_WORDS = re.compile(
    r"\b(?:warplanes?|aircraft|jets?|fighter|fighters|bombers?|air force|planes?|drones?|"
    r"airspace|adiz|air defen[cs]e identification zone|helicopters?|flew|flights?|sorties)\b")
SEA_WORDS = re.compile(
    r"\b(?:navy|naval|vessels?|ships?|warships?|destroyers?|frigates?|carriers?|boats?|"
    r"coast ?guard|maritime|sailed|sail|waters|freedom of navigation|fishing|submarines?)\b")
CYBER_WORDS = re.compile(r"\b(?:cyber\w*|hack\w*|ransomware|malware)\b")
SPACE_WORDS = re.compile(r"\b(?:satellites?|orbit|space station|anti-satellite)\b")

SEA_KINDS = {"sea", "strait", "bay", "gulf", "ocean", "channel", "sound", "passage", "reef"}

# Modality cues, searched in the clause before the trigger (lower-cased words).
NEGATION = re.compile(
    r"\b(?:not|n't|never|no|neither|nor|without|refused to|refuses to|refusal to|declined to|"
    r"failed to|denied|instead of|rather than)\b"
    r"(?:\s+\w+){0,2}\s*$")
FUTURE = re.compile(
    r"\b(?:will|shall|would|was to|were to|is to|are to|due to|plans? to|planned to|"
    r"planning to|scheduled to|set to|expected to|going to|to be held|upcoming|next|"
    r"later this|intends? to|aims? to|about to|to hold|to attend|to discuss|to repeat|"
    r"to meet|'ll)\b")
HYPOTHETICAL = re.compile(
    r"\b(?:possibly|possible|possibility|could|might|may|if|whether|hope[sd]?|hoping|"
    r"explore|considering|consider|potential(?:ly)?|proposed|likely|unlikely|"
    r"fear|feared|risk|could lead)\b")

# Words that end a clause when scanning from a trigger to a place (or back).
CLAUSE_BREAK = {",", ";", ":", "—", "–", "(", ")", "\"", "“", "”", "which", "who", "that",
                "while", "whereas", "but", "because", "although", "though", "since",
                "after", "before", "when", "where", "as", "saying", "said", "says", "not"}

# Nouns/verbs that are events only when not used as an infinitive/modal verb ("how to deal").
VERB_AFTER = {"to", "would", "will", "can", "could", "should", "must", "may", "might"}
# Words before a trigger that make it a topic, not an event ("issues ranging from tariffs",
# "refusal to criticize the Russian invasion" -> the invasion is what is (not) criticised).
TOPIC_CUES = re.compile(
    r"\b(?:discuss(?:ed|es|ing)?|issues?|ranging from|such as|including|about|topics?|"
    r"regarding|concerning|criticiz\w*|criticis\w*|condemn\w*|accus\w*|"
    r"denounc\w*|warn\w*|oppos\w*|support(?:ing|ed|s)?|against|provoking)"
    r"(?:\s+[\w'’-]+){0,3}\s*$")
HABITUAL = re.compile(r"\b(?:regularly|routinely|often|frequently|usually|repeatedly|"
                      r"increasingly|has long|have long)\b")
