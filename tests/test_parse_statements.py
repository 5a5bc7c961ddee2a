"""Attribution patterns, one row per shape: what becomes a statement, its kind, speaker and cue."""

from __future__ import annotations

import pytest

from quotedb.parse import parse_article


def statements(body: str) -> list[tuple[str, str | None, str]]:
    parsed = parse_article("Headline of the story\n\n" + body)
    return [(s.kind, s.speaker, s.text) for s in parsed.statements]


POSITIVE = [
    # direct quotations
    ('"The budget is balanced," Smith said.', [("direct", "Smith", '"The budget is balanced,"')]),
    ('"The budget is balanced," said Ann Smith.', [("direct", "Ann Smith", '"The budget is balanced,"')]),
    (
        "Mayor Ann Smith said: \u201cWe start building in May.\u201d",
        [("direct", "Ann Smith", "\u201cWe start building in May.\u201d")],
    ),
    ("\u201cIs this fair?\u201d the judge asked.", [("direct", "the judge", "\u201cIs this fair?\u201d")]),
    ("\u201cStop!\u201d shouted the guard.", [("direct", "the guard", "\u201cStop!\u201d")]),
    ('"U-S-A! U-S-A!" the crowd chanted.', [("direct", "the crowd", '"U-S-A! U-S-A!"')]),  # Title Case, but chanted
    (
        "\u2018We will not back down,\u2019 said Tom Reed, the union leader.",
        [("direct", "Tom Reed", "\u2018We will not back down,\u2019")],
    ),
    (
        "\u00ab Nous ne c\u00e9derons pas \u00bb, said Claire Dubois.",
        [("direct", "Claire Dubois", "\u00ab Nous ne c\u00e9derons pas \u00bb")],
    ),
    (
        '"We tried," Ann Smith said, "and we failed."',
        [("direct", "Ann Smith", '"We tried," "and we failed."')],  # one statement in two pieces
    ),
    (
        '"We tried," Ann Smith said. "Next year we will do better."',
        [("direct", "Ann Smith", '"We tried," "Next year we will do better."')],
    ),
    (
        '"Prices will fall by the summer." \u2014 Governor Maria Lopez',
        [("direct", "Maria Lopez", '"Prices will fall by the summer."')],
    ),
    # reported speech
    ("Ann Smith said the budget was balanced.", [("indirect", "Ann Smith", "the budget was balanced")]),
    ("Ann Smith says that the budget is balanced.", [("indirect", "Ann Smith", "that the budget is balanced")]),
    (
        "The budget is balanced, Ann Smith said on Tuesday.",
        [("indirect", "Ann Smith", "The budget is balanced")],
    ),
    ("The budget is balanced, said the minister.", [("indirect", "the minister", "The budget is balanced")]),
    (
        "According to the finance office, the budget is balanced.",
        [("indirect", "the finance office", "the budget is balanced")],
    ),
    (
        "Ann Smith told reporters that the budget was balanced.",
        [("indirect", "Ann Smith", "that the budget was balanced")],
    ),
    # a description of the source after an inverted attribution is no content; a clause going on is
    ("The frog lives only in the north, said Ola Berg, a biologist at the university.",
     [("indirect", "Ola Berg", "The frog lives only in the north")]),
    ("Prices will rise, said Ann Reed, and the council will have to act.",
     [("indirect", "Ann Reed", "Prices will rise and the council will have to act")]),
    # a dateline opening the sentence is where the story was filed, not what was said
    ("HARBOURTON, May 3 \u2014 No rules were broken during the visit, the minister said.",
     [("indirect", "the minister", "No rules were broken during the visit")]),
    # the hearer is no part of what was said, with or without "that"
    ("Ann Smith told the Harbour Gazette it was balanced.", [("indirect", "Ann Smith", "it was balanced")]),
    ("Ann Smith told the radio station's reporter there was no deficit.", [("indirect", "Ann Smith", "there was no deficit")]),
    # ... while a told object that is the content stays
    ("Ann Smith told the truth about the deficit.", [("indirect", "Ann Smith", "the truth about the deficit")]),
    (
        "Ann Smith said in a statement that the budget was balanced.",
        [("indirect", "Ann Smith", "that the budget was balanced")],
    ),
    (
        # a stance ("defended the plan") is an attribution too, with the lower confidence of beliefs
        "Ann Smith defended the plan, saying it would save money.",
        [("indirect", "Ann Smith", "the plan"), ("indirect", "Ann Smith", "it would save money")],
    ),
    ("Ann Smith warned that rents would rise.", [("indirect", "Ann Smith", "that rents would rise")]),
    ("Ann Smith insisted that nothing had changed.", [("indirect", "Ann Smith", "that nothing had changed")]),
    ("Ann Smith denied that she had resigned.", [("indirect", "Ann Smith", "that she had resigned")]),
    ("Several observers said the vote had been fair.", [("indirect", "Several observers", "the vote had been fair")]),
    # sources that are not plain noun phrases before the cue
    ('"Why now?" a reporter in the room asked.', [("direct", "a reporter", '"Why now?"')]),
    ('"Not again!" the crowd cried.', [("direct", "the crowd", '"Not again!"')]),
    ('"We will see," tweeted another.', [("direct", "another", '"We will see,"')]),
    ('In a radio interview Smith declared "We will win the vote."', [("direct", "Smith", '"We will win the vote."')]),
    ("Most of them said the plan was too expensive.", [("indirect", "Most of them", "the plan was too expensive")]),
    ('From the report: "Prices will fall next year."', [("direct", "the report", '"Prices will fall next year."')]),
    (
        # a short scene-setting phrase before "S said" is not the content
        "Later in the day, the council said it would vote.",
        [("indirect", "the council", "it would vote")],
    ),
    # quotations that only a cue makes statements
    (
        'Asked whether the plan would pass, Ann Smith said, "Probably."',
        [("indirect", None, "whether the plan would pass"), ("direct", "Ann Smith", '"Probably."')],
    ),
    (
        'As the mayor put it in a long interview, "The budget is sound."',
        [("direct", "the mayor", '"The budget is sound."')],
    ),
    (
        'Smith treated the remark as praise -- "That makes me proud" -- and moved on.',
        [("direct", "Smith", '"That makes me proud"')],
    ),
    ("\u201d \u2026 and the budget is sound,\u201d Smith wrote.", [("direct", "Smith", "\u201d \u2026 and the budget is sound,\u201d")]),
    # where reported speech ends
    (
        "Ann Smith praised the plan and warned that costs would rise.",
        [("indirect", "Ann Smith", "the plan"), ("indirect", "Ann Smith", "that costs would rise")],
    ),
    (
        'Ann Smith said the plan was late, and when asked about the cost, she said, "It is fine."',
        [("indirect", "Ann Smith", "the plan was late"), ("indirect", None, "the cost"),
         ("direct", "Ann Smith", '"It is fine."')],
    ),
    # sources named elsewhere in the sentence, or nobody
    (
        "Ann Smith took to the radio to accuse the council of wasting money.",
        [("indirect", "Ann Smith", "the council of wasting money")],
    ),
    ("Ann Smith appeared to suggest that the plan was dead.", [("indirect", "Ann Smith", "that the plan was dead")]),
    (
        "Smith fired off a series of messages Friday saying that the vote was rigged.",
        [("indirect", "Smith", "that the vote was rigged")],
    ),
    (
        "A survey by the city council released Friday found that most residents backed the plan.",
        [("indirect", "A survey", "that most residents backed the plan")],
    ),
    (
        "Critics rejected Ann Smith's claim that the budget is balanced.",
        [("indirect", "Ann Smith", "that the budget is balanced")],
    ),
    ("The voters seemed unconvinced by the plan.", [("indirect", None, "The voters seemed unconvinced by the plan")]),
    # stances on a name, refusals
    ("Ann Smith endorsed Reed.", [("indirect", "Ann Smith", "Reed")]),
    ("Ann Smith declined to comment.", [("indirect", "Ann Smith", "to comment")]),
    # mixed
    ('Ann Smith called the delay "a small win."', [("mixed", "Ann Smith", 'the delay "a small win."')]),
    (
        'Ann Smith called the plan "a disaster," a word she repeated twice.',
        [("mixed", "Ann Smith", 'the plan "a disaster,"')],
    ),
    (
        'Ann Smith promised lower taxes and "more jobs," but she gave no details.',
        [("mixed", "Ann Smith", 'lower taxes and "more jobs,"')],
    ),
    (
        'Ann Smith said Berlin was "open to creative solutions."',
        [("mixed", "Ann Smith", 'Berlin was "open to creative solutions."')],
    ),
    # a trailing speech verb takes any determiner and noun as its source
    (
        'The ferry should run all night "whatever it costs," one commuter commented.',
        [("mixed", "one commuter", 'The ferry should run all night "whatever it costs,"')],
    ),
    # a coordinated source after a quotation
    (
        '"We will appeal," the mayor and party leader said in a statement.',
        [("direct", "the mayor and party leader", '"We will appeal,"')],
    ),
    # a colon announcing the quotation: the words before it describe what was said
    (
        "Ann Smith replied with a line borrowed from her rival: \u201cNot on my watch.\u201d",
        [("direct", "Ann Smith", "\u201cNot on my watch.\u201d")],
    ),
    # round 5: ", adding …" after a trailing "S said," reports a second statement
    (
        'The ferry stopped before the storm reached the coast, the captain said, adding, "Nobody was hurt."',
        [
            ("indirect", "the captain", "The ferry stopped before the storm reached the coast"),
            ("direct", "the captain", '"Nobody was hurt."'),
        ],
    ),
    (
        "The depot will shut in June, the manager said, adding that twelve drivers would move.",
        [
            ("indirect", "the manager", "The depot will shut in June"),
            ("indirect", "the manager", "that twelve drivers would move"),
        ],
    ),
    # a medial "S said," still joins the two halves of one statement
    (
        "The depot, the manager said, will shut in June.",
        [("indirect", "the manager", "The depot will shut in June")],
    ),
    # a quotation announced by a colon or dash and carrying its own source is that source's statement
    (
        'Ann Smith suggested the team had lost its nerve: "We stopped believing," she told the radio station.',
        [
            ("indirect", "Ann Smith", "the team had lost its nerve"),
            ("direct", "Ann Smith", '"We stopped believing,"'),
        ],
    ),
    (
        'Tom Reed, who ran the depot, described the mood of the staff: "Nobody saw it coming," he said.',
        [("indirect", "Tom Reed", "the mood of the staff"), ("direct", "Tom Reed", '"Nobody saw it coming,"')],
    ),
    (
        "Tom Reed described the flood in detail - ''The water came in fast,'' Mr. Reed said - and thanked the crews.",
        [
            ("indirect", "Tom Reed", "the flood in detail"),
            ("direct", "Tom Reed", "''The water came in fast,''"),
            ("indirect", "Tom Reed", "the crews"),
        ],
    ),
    # without its own source the announced quotation stays in the content
    (
        'Ann Smith said the plan had one flaw - "it costs too much," in her words - and would fail.',
        [("mixed", "Ann Smith", 'the plan had one flaw - "it costs too much," in her words - and would fail')],
    ),
    # a content ending in ", S <speech verb> "Q"" leaves the quotation to that source
    (
        'The mayor said the bridge would reopen soon, to which Tom Reed interjected: "Not this year."',
        [("indirect", "The mayor", "the bridge would reopen soon"), ("direct", "Tom Reed", '"Not this year."')],
    ),
    (
        'When the coach said the season was over, a man shouted "Not again!"',
        [("indirect", "the coach", "the season was over"), ("direct", "a man", '"Not again!"')],
    ),
    # ... unless that source would not be read as one (the quotation stays in the content)
    (
        'The coach said the season was over, a fan shouted "Not again!"',
        [("mixed", "The coach", 'the season was over, a fan shouted "Not again!"')],
    ),
    # more speech verbs
    ('"We were robbed," Tom Reed groused.', [("direct", "Tom Reed", '"We were robbed,"')]),
    ("Tom Reed implied that the vote had been rigged.", [("indirect", "Tom Reed", "that the vote had been rigged")]),
    ("Ann Smith recounted how the flood reached the station.", [("indirect", "Ann Smith", "how the flood reached the station")]),
    # a scene-setting opening is not the subject a participle's quotation goes to
    (
        'Immediately after the vote, Tom Reed issued a statement, "Justice was done today."',
        [("direct", "Tom Reed", '"Justice was done today."')],
    ),
    ('Minutes later, Ann Smith sent an email saying, "Done."', [("direct", "Ann Smith", '"Done."')]),
    (
        'Outside the hall, Tom Reed stood with the strikers, shouting "Pay us now!"',
        [("direct", "Tom Reed", '"Pay us now!"')],
    ),
    (
        'Recently Ann Smith wrote on her page, in capital letters, "We are moving the market!"',
        [("direct", "Ann Smith", '"We are moving the market!"')],
    ),
    # ... while a name that looks like a participle is still the subject
    ('Manning stood up, shouting "Not again!"', [("direct", "Manning", '"Not again!"')]),
    # "S <speech verb>." with nothing after the cue announces the quotation that follows it
    (
        'The market opened late. Ann Smith agreed. "Nobody wanted this delay."',
        [("direct", "Ann Smith", '"Nobody wanted this delay."')],
    ),
    ('Tom Reed explained. "We lost the keys."', [("direct", "Tom Reed", '"We lost the keys."')]),
    # three apostrophes close a nested quotation and the outer doubled-apostrophe one together
    (
        "''My aunt kept asking 'why not,''' the cook said.",
        [("direct", "the cook", "''My aunt kept asking 'why not,'''")],
    ),
]


@pytest.mark.parametrize(("body", "expected"), POSITIVE)
def test_statements(body, expected):
    assert statements(body) == expected


NEGATIVE = [
    # scare quotes and quoted terms
    'The so-called "reform" passed on Friday.',
    "The plan, a 'tax grab' in disguise, passed on Friday.",
    # titles of works
    'The documentary "Rising Waters" opened the festival.',
    'The studio once built sets for the reality TV show "The Harbour Masters."',
    'The coalition includes Ola Berg, the best-known contestant of the quiz show, "The Final Round."',
    "She starred in \u201cThe Long Road Home\u201d last year.",
    # furniture
    "Read more: 'We will win,' says coach",
    "Photo: Protesters outside the court on Monday.",
    "(With input from agencies)",
    "Copyright \u00a9 2024 Harbour Times",
    # no cue, no quotation
    "The bridge reopened on Monday after two years of repairs.",
    # a cue word used as a noun
    "His remarks came after the vote.",
    # an unknown noun before a cue is a source only when the cue trails a content
    "One commuter noted nothing.",
    # an announcing "S explained." does not reach into the next paragraph; a refusal announces nothing
    'Tom Reed explained.\n\n"We lost the keys."',
    'Tom Reed refused. "We lost the keys."',
    # a capitalised cue word inside a name is not a cue
    "Subscriptions to The Harbour Post fell sharply last year.",
]


@pytest.mark.parametrize("body", NEGATIVE)
def test_not_statements(body):
    assert statements(body) == []


def test_transcript_turns():
    body = "SMITH: Well, the budget is balanced and we will prove it.\n\nREED: I do not believe that for a second."
    assert statements(body) == [
        ("indirect", "Smith", "Well, the budget is balanced and we will prove it"),
        ("indirect", "Reed", "I do not believe that for a second"),
    ]


def test_a_lone_label_before_a_lead_is_a_dateline():
    """One upper-case label before a third-person lead is where the story was filed; a lone turn in
    the first person is still a turn."""
    assert statements("HARBOURTON: Minister Ola Berg issued a statement on Monday welcoming the ruling.") == [
        ("indirect", "Ola Berg", "the ruling")
    ]
    assert statements("SMITH: Well, I think the budget is balanced and we will prove it.") == [
        ("indirect", "Smith", "Well, I think the budget is balanced and we will prove it")
    ]


def test_notes_in_capitals_are_not_turns():
    assert statements("CORRECTION: An earlier version of this article misstated the date of the vote.") == []


def test_colon_lead_in_without_a_cue():
    body = 'Smith walked onto the stage:\n\n"We are back, and we will win."'
    assert statements(body) == [("direct", "Smith", '"We are back, and we will win."')]


def test_quotation_continues_the_speaker_in_the_same_paragraph():
    body = '"We tried," the envoy said. "We will try again."'
    assert [s[1:] for s in statements("Envoy Lee Chan arrived. " + body)] == [("Lee Chan", '"We tried," "We will try again."')]


def test_multi_paragraph_quotation_keeps_its_speaker():
    body = (
        "Ann Smith addressed the crowd.\n\n"
        '"First, we will fix the roads," Smith said. "Then the schools.\n\n'
        '"And after that, the hospital."\n\n'
        "The crowd applauded."
    )
    assert statements(body) == [  # one statement in three pieces, over the paragraph break
        ("direct", "Ann Smith", '"First, we will fix the roads," "Then the schools. "And after that, the hospital."'),
    ]


@pytest.mark.parametrize(
    ("body", "speaker", "mention"),
    [
        ("Mr. Tom Reed spoke first. He said the plan was late.", "Tom Reed", "He"),
        ("Ms. Ann Reed spoke first. She said the plan was late.", "Ann Reed", "She"),
        ("Wang Li, the trade minister, arrived. Wang said the talks went well.", "Wang Li", "Wang"),
        ("Dr. Sara Lind, a doctor at the clinic, spoke. Lind said the clinic was full.", "Sara Lind", "Lind"),
        ("Acme Motors said sales fell. The company said prices would rise.", "Acme Motors", "The company"),
        ("Sen. Tom Reed said taxes were too high. The senator said cuts were needed.", "Tom Reed", "The senator"),
        ("Magistrate Dora Vella opened the hearing. Magistrate Vella said the warrant was clear.", "Dora Vella", "Magistrate Vella"),
        # particles belong to the name, also when a sentence opens with them
        ("Captain Pieter du Toit spoke first. Du Toit said the pitch was slow.", "Pieter du Toit", "Du Toit"),
        ("Chair Anna von der Berg spoke first. Von der Berg said the talks were close.", "Anna von der Berg", "Von der Berg"),
    ],
)
def test_second_references(body, speaker, mention):
    last = parse_article("Headline\n\n" + body).statements[-1]
    assert (last.speaker, last.speaker_mention.text if last.speaker_mention else None) == (speaker, mention)


def test_pronoun_agreement_skips_the_wrong_gender():
    body = "Ms. Ann Reed and Mr. Tom Lind met. Lind said the deal was close. She said it was not."
    last = parse_article("Headline\n\n" + body).statements[-1]
    assert last.speaker == "Ann Reed"


def test_unresolvable_pronoun_is_left_unknown():
    parsed = parse_article("Headline\n\nThey said the road would stay closed.")
    (st,) = parsed.statements
    assert (st.speaker, st.speaker_mention.text) == (None, "They")
    assert st.confidence < 0.5


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # someone speaking for a named person is not that person
        ("A spokesman for Governor Ana Ruiz said the plan was dead.", "A spokesman for Governor Ana Ruiz"),
        ("An adviser to Ana Ruiz said the plan was dead.", "An adviser to Ana Ruiz"),
        # ... while a named spokesman is the name, and the person alone is the person
        ("Ruiz spokesman Tomas Berg said the plan was dead.", "Tomas Berg"),
        ("Governor Ana Ruiz said the plan was dead.", "Ana Ruiz"),
        # the subject named before a pronoun in the same sentence is who "he" is
        ("Chief executive Ola Berg spoke on Monday.\n\nBerg cut the forecast, a goal he said in May was safe.", "Ola Berg"),
        # a company as the subject is no "he": left unresolved
        ("The company cut the forecast, a goal he said in May was safe.", None),
        # a scene-setting opening is no subject, however many commas it holds
        ("Following a brief, late-night meeting, the council issued a statement calling the plan dead.", "the council"),
        ("Chastened by the polls, Ola Berg revised his plan, promising to cut fares.", "Ola Berg"),
        ("Speaking on radio, Ola Berg, who runs the port, said the plan was dead.", "Ola Berg"),
        # the clause after ", so" / ", and" has its own subject; the sentence's is not the speaker
        ("The race is close, so Ola Berg won't be able to brag about his polling lead.", "Ola Berg"),
        ("The race is close, and Ola Berg took to the radio to accuse the council of delay.", "Ola Berg"),
        # ... a relative clause is not one
        ("Ola Berg, who leads the race, won't be able to brag about his polling lead.", "Ola Berg"),
    ],
)
def test_pronoun_after_the_sentence_subject(body, speaker):
    (st,) = parse_article("Headline of the story\n\n" + body).statements
    assert st.speaker == speaker


def test_speaker_record_has_role_and_kind():
    parsed = parse_article("Headline\n\nAnn Smith, the city's finance director, said the budget was balanced.")
    (speaker,) = parsed.speakers
    assert (speaker.name, speaker.kind, speaker.role) == ("Ann Smith", "person", "the city's finance director")


def speaker_aliases(body: str) -> dict[str, tuple[str, ...]]:
    return {s.name: s.aliases for s in parse_article("Headline\n\n" + body).speakers}


@pytest.mark.parametrize(
    ("body", "name", "aliases"),
    [
        # other forms of the name, without titles or role words
        ("Mayor Elena Brooks said fares would rise. Brooks said buses would run later.", "Elena Brooks", ("Brooks",)),
        ("Tom Reed said the plan was late. Mr. Reed said it would cost more.", "Tom Reed", ("Reed",)),
        ("Chief executive Fiona Marsh said sales fell. Marsh said prices would rise.", "Fiona Marsh", ("Marsh",)),
        # the full name with a title or a role is the name itself, not another one
        ("Dr. Priya Natarajan said the plan was sound.", "Priya Natarajan", ()),
        ("France's environment minister Luc Garnier said the deal was weak.", "Luc Garnier", ()),
        # pronouns and descriptions are mentions, not names
        ("Ms. Ann Reed spoke first. She said the plan was late.", "Ann Reed", ()),
        ("Sen. Tom Reed said taxes were high. The senator said cuts were needed.", "Tom Reed", ()),
        ("Acme Motors said sales fell. The company said prices would rise.", "Acme Motors", ()),
        # an organisation has no surname: a fragment of its name is not an alias
        ("Which Way, a consumer charity, said it had warned the firm.", "Which Way", ()),
    ],
)
def test_aliases_are_other_forms_of_the_name(body, name, aliases):
    assert speaker_aliases(body)[name] == aliases


def test_descriptions_stay_available_as_the_mention():
    parsed = parse_article("Headline\n\nAcme Motors said sales fell. The company said prices would rise.")
    assert [s.speaker_mention.text for s in parsed.statements] == ["Acme Motors", "The company"]


def _first(body: str) -> tuple[str | None, str, str] | None:
    found = parse_article("Headline of the story\n\n" + body).statements
    return (found[0].speaker, found[0].category, found[0].text) if found else None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a cue word in another sense is no attribution
        ("The coach called him on Tuesday about the contract.", None),
        ("The council called a snap election for May.", None),
        ('Ola Berg called a vote "a sham".', ("Ola Berg", "speech", 'a vote "a sham"')),
        ("Fans saw him win the final in Madrid.", None),
        ("Two players challenged for the puck near the boards.", None),
        ("A resident, who spoke to reporters, alleged that the driver fled.", ("A resident", "speech", "that the driver fled")),
        # a cue word used as a noun or an adjective is no cue
        ("Lawmakers had three questions for the minister.", None),
        ("The firm released its quarterly reports on Monday.", None),
        ("The region has 30 confirmed cases of the virus.", None),
        ("He curled a shot in at the far post after the break.", None),
        ("Shares sank 13 percent, the biggest percentage decline since 1987.", None),
        ("It was the first profit decline since 2003.", None),
        # "back" as an adverb of direction backs nothing; backing a plan or backing off one is a stance
        ("The mayor brought the jobs back to the harbour town.", None),
        ("Unions back the plan to cut fares.", ("Unions", "stance", "the plan to cut fares")),
        ("The mayor backed off some of her earlier proposals.", ("The mayor", "stance", "off some of her earlier proposals")),
        # a causative verb is not part of the source: "let editorials tell them"
        ("Readers may not let editorials tell them how to vote.", ("editorials", "speech", "how to vote")),
        # a party word before a plural cue makes it a noun: the party's claims
        ("Republican claims of fraud were false.", None),
        ("PolitiFact rated 32% of Republican claims as \u201cfalse\u201d on Monday.",
         ("PolitiFact", "stance", "32% of Republican claims as \u201cfalse\u201d")),
        ("The Republican claims the vote was rigged.", ("The Republican", "speech", "the vote was rigged")),
        # ... while the verb after a noun subject still is one
        ("Leaked documents from his tax return show he took a loss.", ("Leaked documents", "evidence", "he took a loss")),
        ("The campaign says the rally will go ahead.", ("The campaign", "speech", "the rally will go ahead")),
        ("Three questions remain, the women say.", ("the women", "speech", "Three questions remain")),
        # withheld speech and a mere topic are kept, but not as speech
        ("The minister would not say when the vote would take place.", ("The minister", "stance", "when the vote would take place")),
        ("The neighbours talked about the weather for an hour.", ("The neighbours", "stance", "the weather for an hour")),
        # a participle phrase opening the sentence sets the scene; it is no content
        ("Speaking on a radio show on Friday, Ola Berg said, in Welsh, \u201cWe will not give up.\u201d",
         ("Ola Berg", "speech", "\u201cWe will not give up.\u201d")),
        ("Last month, Ola Berg said, \u201cWe will not give up.\u201d", ("Ola Berg", "speech", "\u201cWe will not give up.\u201d")),
        # ... while a gerund subject or a clause before the comma is the content
        ("Rising sea levels could flood the harbour, Ola Berg said.", ("Ola Berg", "speech", "Rising sea levels could flood the harbour")),
        ("Speaking in tongues is rare, Ola Berg said.", ("Ola Berg", "speech", "Speaking in tongues is rare")),
        # naming verbs report the name given
        ('Japan branded the regime an "outlaw nation."', ("Japan", "speech", 'the regime an "outlaw nation."')),
        ('The mayor dubbed the bridge a "white elephant."', ("The mayor", "speech", 'the bridge a "white elephant."')),
        ("The jars were labelled by hand.", None),
        # "describing as "Q" X": the name given is the content, before what it names
        ("Ola Berg is describing as \u201cunhinged\u201d a speech by the mayor.", ("Ola Berg", "speech", "as \u201cunhinged\u201d")),
        ("Ola Berg described the speech as \u201cunhinged\u201d on Monday.",
         ("Ola Berg", "speech", "the speech as \u201cunhinged\u201d on Monday")),
        # British spellings of a cue are the cue
        ('The mayor labelled the plan "a disaster."', ("The mayor", "speech", 'the plan "a disaster."')),
        ("The minister signalled that the talks would resume.", ("The minister", "speech", "that the talks would resume")),
        # a connective opening the sentence links it to the one before: no content, no scene-setting
        ("And the fares will rise, the mayor said.", ("the mayor", "speech", "the fares will rise")),
        ("However, the fares will rise, the mayor said.", ("the mayor", "speech", "the fares will rise")),
        ("And despite his dislike of buses, the mayor endorsed one in July.", ("the mayor", "stance", "one in July")),
        ('"And the fares will rise," the mayor said.', ("the mayor", "speech", '"And the fares will rise,"')),
        # the writer's clause after a medial attribution is no content; the speaker's reason is
        ("The fare rise is an insult to riders, local lawmakers said Friday, as they met the mayor.",
         ("local lawmakers", "speech", "The fare rise is an insult to riders")),
        ("He is leaning toward the plan, he said, because it would cut fares.",
         (None, "speech", "He is leaning toward the plan because it would cut fares")),
        # a passive with its agent: the agent speaks, the subject is what was announced
        ("The new fares were announced by the mayor on Monday.", ("the mayor", "speech", "The new fares")),
        ("The first two cases were announced by the Health Minister, Ama Boateng, on Thursday.",
         ("Ama Boateng", "speech", "The first two cases")),
        # ... not by a medium, and not without an agent
        ("The new fares were announced by text message.", None),
        ("The new fares were announced on Monday.", None),
        # an adverb between the cue and "that" qualifies the saying, not the content
        ("Ola Berg said, however, that the wards were full.", ("Ola Berg", "speech", "that the wards were full")),
        ("Ola Berg would say only that the wards were full.", ("Ola Berg", "speech", "that the wards were full")),
        ("Ola Berg said later the wards were full.", ("Ola Berg", "speech", "the wards were full")),
        ("Ola Berg said only nurses knew that the wards were full.", ("Ola Berg", "speech", "only nurses knew that the wards were full")),
        # the topic after "about" is the content; after a question the preposition stays with it
        ("Ola Berg joked about his height at the rally.", ("Ola Berg", "speech", "his height at the rally")),
        ("Ola Berg asked about the new wards at the hearing.", ("Ola Berg", "speech", "about the new wards at the hearing")),
        # what a study or a poll says is evidence
        ("Studies suggest people can carry the virus without symptoms.", ("Studies", "evidence", "people can carry the virus without symptoms")),
        ("The mayor suggested the bridge should close.", ("The mayor", "speech", "the bridge should close")),
        # figures posted are not words reported; a report of words still is one
        ("The retailer reported operating earnings of $40 million for the year.", None),
        ("The bakery posted a loss in the third quarter.", None),
        ("The retailer reported that its stores would close early.", ("The retailer", "speech", "that its stores would close early")),
        # the medium alone says nothing; what a participle after it says is the content
        ("Minister Ola Berg posted a series of tweets on Friday.", None),
        ("Minister Ola Berg issued a statement on Monday welcoming the ruling.", ("Ola Berg", "stance", "the ruling")),
        ("Minister Ola Berg told The Harbour Post that the ruling was fair.", ("Ola Berg", "speech", "that the ruling was fair")),
        # a charge laid is a stance, not speech; an accusation someone makes is speech
        ("The driver was accused of theft in 2019.", (None, "stance", "of theft in 2019")),
        ("Ola Berg accused the driver of lying to the court.", ("Ola Berg", "speech", "the driver of lying to the court")),
        # "declare" performing an act is no report of words
        ("Senator Ana Cruz declared allegiance to the new leader.", None),
        ("Senator Ana Cruz declared that the vote was rigged.", ("Ana Cruz", "speech", "that the vote was rigged")),
        # "S verb O as "Q"": the subject's words, whatever the verb
        ("Ola Berg painted the budget as \u201ca fantasy\u201d in his speeches.", ("Ola Berg", "stance", "the budget as \u201ca fantasy\u201d")),
        ("The bridge, known as \u201cthe Spine,\u201d opened in 1998.", None),
        # ... past a party label and a short aside between the subject and the verb
        ("Senator Ola Berg (D-Ore.), in particular, has been pounding the budget as \u201ca fantasy\u201d all week.",
         ("Ola Berg", "stance", "the budget as \u201ca fantasy\u201d")),
        ("Senator Ola Berg (D-Ore.), in particular, served as \u201cthe Spine\u201d of the senate.", None),
        ("The singer, who performs as \u201cLil Bay,\u201d was not available.", None),
        # "responded (to X) by saying C": the gerund reports C, without the hearer or the manner
        ("Ola Berg responded to a nurse on Friday by saying the wards were full.", ("Ola Berg", "speech", "the wards were full")),
        ("Ola Berg responded by saying the wards were full, and then pointed out that the beds were new.",
         ("Ola Berg", "speech", "the wards were full")),
        # "by pointing to her record" is no gerund report (the frame stays as the verb reads it); "said" keeps its content
        ("Ola Berg responded to critics by pointing to her record.", ("Ola Berg", "speech", "critics by pointing to her record")),
        ("Ola Berg said the law passed by saying nothing would change.", ("Ola Berg", "speech", "the law passed by saying nothing would change")),
        # a noun before a relative "that" is no cue; a verb taking a that-clause is one
        ("The pact, signed by 195 countries that met in Paris, was ratified.", None),
        ("The city drafted new emissions rules that would cut waste.", None),
        ("Such plans are rare - Ola Berg said he would bring back the jobs.", ("Ola Berg", "speech", "he would bring back the jobs")),
        ("Surety companies that had insured the mine agreed to pay.", ("Surety companies", "stance", "to pay")),
        ("The Labor Department estimates that 4.2 million workers will gain.",
         ("Labor Department", "speech", "that 4.2 million workers will gain")),
        ("Many speculated that the mayor might resign.", (None, "speech", "that the mayor might resign")),
        # cue verbs learned from the train split, and the same words as nouns
        ("The mayor bemoaned that the budget was small.", ("The mayor", "speech", "that the budget was small")),
        ("Ola Berg downplayed the risk of a strike.", ("Ola Berg", "stance", "the risk of a strike")),
        ("There was a hint of rain in the forecast.", None),
        ("Ola Berg singled out the council for criticism.", ("Ola Berg", "speech", "the council for criticism")),
        ("Both sides of the aisle joined the vote.", None),
        # feelings after "be" with a that-clause are the subject's; "that day" is no clause
        ("Protesters were frustrated that the city released only some of the footage.",
         ("Protesters", "belief", "that the city released only some of the footage")),
        ("The plan was approved that day.", None),
        ("Ola Berg learned that Monday was a holiday.", ("Ola Berg", "belief", "that Monday was a holiday")),
        # a claim's holder is the possessive before it, a body's too ("the company's")
        ("Video contradicts Tulsa police\u2019s earlier claim that the man had refused to stop.",
         ("Tulsa police", "speech", "that the man had refused to stop")),
        ("Video contradicts the company's claim that the man had refused to stop.",
         ("the company", "speech", "that the man had refused to stop")),
        # a stance taken in a purpose clause ("met to discuss X") is the main clause subject's
        ("The council called an emergency meeting to discuss the flooding.", ("The council", "stance", "the flooding")),
        ("The council has a plan to discuss.", None),
        # the hearer ends where the clause's own subject starts
        ("She told the court MacDougall was taken to a police vehicle.", (None, "speech", "MacDougall was taken to a police vehicle")),
        ("She told the BBC the vote was rigged.", (None, "speech", "the vote was rigged")),
        ("She told the committee the details of the plan.", (None, "speech", "the committee the details of the plan")),
        # the preposition a cue takes goes with it: its object is the content
        ("Ola Berg commented on the ruling.", ("Ola Berg", "speech", "the ruling")),
        ("Ola Berg warned of a long winter.", ("Ola Berg", "speech", "a long winter")),
        ("Ola Berg responded to the criticism on Monday.", ("Ola Berg", "speech", "the criticism on Monday")),
        ("Ola Berg spoke at the rally.", None),
        ("The protests continued into the night.", None),
        ("The analysis suggests that the plan will fail.", ("The analysis", "evidence", "that the plan will fail")),
        ("Ola Berg dismissed accusations that the port was unsafe.", (None, "speech", "that the port was unsafe")),
        # ", including …" goes on with the content; ", leaving …" is the writer's participle
        ("The senator said teenagers were killed in the raids, including a student and his cousin.",
         ("The senator", "speech", "teenagers were killed in the raids, including a student and his cousin")),
        ("Police said the men fled, leaving the car behind.", ("Police", "speech", "the men fled")),
        # "Having said that," is the writer's concession; "Having told X C, S …" is S's statement
        ("Having said that, nobody was hurt.", None),
        ("(Having said that, nobody was hurt.)", None),
        ("Having said that, the mayor insisted the budget was sound.", ("the mayor", "speech", "the budget was sound")),
        ("Having told reporters that the budget was sound, the mayor left for Paris.",
         ("the mayor", "speech", "that the budget was sound")),
        # "one" before a cue's base form makes it a noun ("in one tweet"); "One says" is a verb
        ("In one tweet on Friday, Ola Berg said the vote was rigged.", ("Ola Berg", "speech", "the vote was rigged")),
        ("One says the plan will fail.", (None, "speech", "the plan will fail")),
        # a year between the subject and its cue is when, not who
        ("Ola Berg, who in 2010 said the goal was to win the title, is running again.",
         ("Ola Berg", "speech", "the goal was to win the title")),
        ("The senator in 2010 said the goal was to defeat the mayor.", ("The senator", "speech", "the goal was to defeat the mayor")),
        ("The class of 2010 said the school was failing.", ("The class of 2010", "speech", "the school was failing")),
        # a report, a study or a message speaks when a determiner makes the cue word a noun
        ("The rate rose to 8 percent, the new report said.", ("the new report", "evidence", "The rate rose to 8 percent")),
        ("A report said the rate rose to 8 percent.", ("A report", "evidence", "the rate rose to 8 percent")),
    ],
)
def test_cue_words_in_their_attributive_sense_only(body, expected):
    assert _first(body) == expected


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        # hard-wrapped lines are one paragraph
        ("Headline\n\nThe police command says there were attempts to raze\ntwo stations in the state on Monday.\n", 1),
        ("Headline\n\nDetectives in the county said on Tuesday that they had\nbegun a new search of the woods near the village.\n", 1),
        # a line that ends a sentence, a new quotation and a long line end their paragraph
        ("Headline\n\nThe council met.\nThe mayor spoke.\n", 2),
        ('Headline\n\n"We will win," said Ann Smith, the organiser of the march\n"And we will march again."\n', 2),
        ("Headline\n\n" + "A line far longer than any wrapped line would be, " * 3 + "without a period\nAnd another.\n", 2),
    ],
)
def test_hard_wrapped_lines_make_one_paragraph(text, paragraphs):
    assert len(parse_article(text).paragraphs) == paragraphs


@pytest.mark.parametrize(
    "furniture",
    [
        "Minister Ann Smith said the plan would be appealed. File photo.",
        "The mayor at the opening of the bridge. (Photo: Jane Roe / Harbour Times)",
        "Image: Sunday Times/Esa Alexander",
        "Crowds outside the court on Monday / Getty Images",
        "(Comments are moderated. Clean comments will be approved immediately.)",
        "Advertisement",
        "Image caption Ola Berg says she was concerned about the inquiry",
        "The minister said it regretted the remarks. File photograph: Getty",
        "The premier pointed to the harbour.Credit: Getty",
    ],
)
def test_captions_and_notices_are_not_body(furniture):
    text = f"Harbour bridge to close\n\n{furniture}\n\nThe bridge will close, the council said.\n"
    parsed = parse_article(text)
    assert parsed.meta.title == "Harbour bridge to close"
    assert [text[p.start : p.end] for p in parsed.paragraphs] == ["The bridge will close, the council said."]


@pytest.mark.parametrize(
    ("body", "paragraphs"),
    [
        # a standfirst or pull quote the page repeats is read once, where the story has it
        (
            "The council has ordered a review of the harbour bridge contract\n\nIt met on Monday.\n\n"
            "The council has ordered a review of the harbour bridge contract.",
            ["It met on Monday.", "The council has ordered a review of the harbour bridge contract."],
        ),
        # a short line said twice is two lines ("No." twice is two answers)
        ("No.\n\nThe mayor left.\n\nNo.", ["No.", "The mayor left.", "No."]),
    ],
)
def test_a_repeated_line_is_read_once(body, paragraphs):
    text = "Harbour bridge to close\n\n" + body
    assert [text[p.start : p.end] for p in parse_article(text).paragraphs] == paragraphs


@pytest.mark.parametrize(
    ("body", "paragraphs"),
    [
        # a pull quote: a quotation of words the story prints at more length further on
        (
            "\"The bridge has served us well and it will be missed by everyone.\"\n\n"
            "\u201cThe bridge has served us well, and it will be missed by everyone,\u201d the mayor said on Monday.",
            ["\u201cThe bridge has served us well, and it will be missed by everyone,\u201d the mayor said on Monday."],
        ),
        # a quotation said once is the story's, however long
        (
            "\"The bridge has served us well and it will be missed by everyone.\"\n\nThe mayor said so on Monday.",
            ["\"The bridge has served us well and it will be missed by everyone.\"", "The mayor said so on Monday."],
        ),
    ],
)
def test_a_pull_quote_is_read_where_the_story_has_it(body, paragraphs):
    text = "Harbour bridge to close\n\n" + body
    assert [text[p.start : p.end] for p in parse_article(text).paragraphs] == paragraphs


def test_furniture_before_the_headline_is_never_the_title():
    parsed = parse_article("Advertisement\n\nHarbour bridge to close\n\nThe bridge will close, the council said.\n")
    assert parsed.meta.title == "Harbour bridge to close"


@pytest.mark.parametrize(
    ("body", "paragraphs"),
    [
        # a marker the page puts inside a paragraph, even glued to the next word, cuts it there
        (
            "Article continues after this advertisementBerg was the first to raise it, the mayor said.",
            ["Berg was the first to raise it, the mayor said."],
        ),
        (
            "The ferry will run late. ADVERTISEMENT The bridge will close, the council said.",
            ["The ferry will run late.", "The bridge will close, the council said."],
        ),
        # the word in a sentence of the story is no marker
        ("An advertisement for the ferry ran on Monday.", ["An advertisement for the ferry ran on Monday."]),
        ("The story continues after the break, the host said.", ["The story continues after the break, the host said."]),
        ("The story continues after the adjournment, the host said.", ["The story continues after the adjournment, the host said."]),
    ],
)
def test_inline_furniture_cuts_the_paragraph(body, paragraphs):
    text = "Harbour bridge to close\n\n" + body
    assert [text[p.start : p.end] for p in parse_article(text).paragraphs] == paragraphs


def _all(body: str) -> list[tuple[str | None, str]]:
    return [(s.speaker, s.text) for s in parse_article("Headline of the story\n\n" + body).statements]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a pair of dashes closes the writer's aside; the clause after it is the writer's, with its own speaker
        ("When Ruth Amsel noted that Ola Berg paid no tax \u2015 as was true for years \u2015 Berg boasted, "
         "\u201cThat makes me smart.\u201d",
         [("Ruth Amsel", "that Ola Berg paid no tax"), ("Ola Berg", "\u201cThat makes me smart.\u201d")]),
        ("Ruth Amsel said the plan \u2014 a costly one \u2014 would fail.", [("Ruth Amsel", "the plan \u2014 a costly one \u2014 would fail")]),
        # ", saying" after a relative clause's frame: the main clause's subject says it
        ("Ola Berg was defensive about not paying an architect who said he was owed money, saying, "
         "\u201cHe did not do a good job.\u201d",
         [("an architect", "he was owed money"), ("Ola Berg", "\u201cHe did not do a good job.\u201d")]),
        ("Ola Berg, who said he was owed money, left the room, saying the deal was off.",
         [("Ola Berg", "he was owed money"), ("Ola Berg", "the deal was off")]),
        # "who" after "the X of the Y" is the X
        ("Officials met the mother of the boy, who said the school had failed him.",
         [("the mother of the boy", "the school had failed him")]),
        # a participle phrase of place after the head: the head speaks, not the place
        ("Protesters marching through the streets chanted \u201cWhat curfew?\u201d",
         [("Protesters marching through the streets", "\u201cWhat curfew?\u201d")]),
        ("A man living near the plant said the air was foul.", [("A man living near the plant", "the air was foul")]),
        ("The meeting in the town hall said nothing about the air.", []),
        # "-- who cited …" after a dashed aside is the next clause, with its own cue
        ("Ola Berg unveiled a list of backers from 95 retired officers -- most of whom had spoken before -- who cited "
         "her record as mayor.",
         [("Ola Berg", "a list of backers from 95 retired officers"), (None, "her record as mayor")]),
        ("Ruth Amsel said the plan -- a costly one -- which ran late, was dead.",
         [("Ruth Amsel", "the plan -- a costly one -- which ran late, was dead")]),
        # a cue word before an auxiliary is the subject, not the verb; a verb with a gapped subject stays one
        ("The mayor faces a fight, and talk had been mounting about a recall.", []),
        ("The cuts, which officials say will cost millions, start in May.", [("officials", "will cost millions")]),
        # "and" before the preposition of an earlier phrase joins a second phrase of the same object
        ("The generals cited her years as mayor and as a senator in their letter.",
         [("The generals", "her years as mayor and as a senator in their letter")]),
        ("The union backed the plan and in a statement said it would strike.",
         [("The union", "the plan"), ("The union", "it would strike")]),
        # the occasion between a source and its cue is not the source
        ("Ola Berg in a recent interview said the plan was dead.", [("Ola Berg", "the plan was dead")]),
        ("The statement said the plan was dead.", [("The statement", "the plan was dead")]),
        # a participle after an occasion the speaker held reports its words
        ('"We will win," Ola Berg said at a news conference announcing that the bridge would close.',
         [("Ola Berg", '"We will win,"'), ("Ola Berg", "that the bridge would close")]),
        # a restrictive relative clause between the subject and its cue: the subject speaks, not the clause's object
        ("The lawyer who represented the family said the police had lied.", [("The lawyer", "the police had lied")]),
        ("Residents who lost their homes said the aid came late.", [("Residents", "the aid came late")]),
        ("The firm that built the bridge said it was safe.", [("The firm", "it was safe")]),
        ("Officials said that the firm in the report had lied.", [("Officials", "that the firm in the report had lied")]),
        # people "of"/"for" a group are the source, with the group ("Residents of many localities")
        ("Residents of many localities have complained that water stagnates.",
         [("Residents of many localities", "that water stagnates")]),
        ("Members of the conservative press accused the mayor of lying.",
         [("Members of the conservative press", "the mayor of lying")]),
        ("The price of the bonds said little.", []),
        # "in a Facebook post" is the occasion; "the BBC report said" a report speaking; "the Khans say" people
        ("Mzembi, in a Facebook post on Sunday, said the demolitions were cruel.", [("Mzembi", "the demolitions were cruel")]),
        ("The BBC report said the rate rose.", [("The BBC report", "the rate rose")]),
        ("During the year, the Khans say they have heard rising fears.", [("Khans", "they have heard rising fears")]),
        # "-ly" nouns are no adverbs
        ("The lawyer for the family said the police had lied.", [("The lawyer for the family", "the police had lied")]),
        ("The family reportedly said she was innocent.", [("The family", "she was innocent")]),
        ("Last week Ola Berg said the plan was dead.", [("Ola Berg", "the plan was dead")]),
        ("On Monday April Ryan said the plan was dead.", [("April Ryan", "the plan was dead")]),
    ],
)
def test_who_speaks_past_asides_and_modifiers(body, expected):
    assert _all(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a quotation over three paragraphs, named where it ends: one statement in three pieces
        ("\u201cWe have consulted every group and we will not back down.\n\n\u201cThe claims are false and they know it.\n\n"
         "\u201cWe will table the bill next week,\u201d Fahmi Said told reporters.",
         [("Fahmi Said", 3, "\u201cWe have consulted every group and we will not back down. \u201cThe claims are false and "
           "they know it. \u201cWe will table the bill next week,\u201d")]),
        # nobody named at its end: nobody's
        ("\u201cWe have consulted every group and we will not back down.\n\n\u201cThe claims are false and they know it.\u201d\n\n"
         "The vote is on Monday.", []),
        # a paragraph between breaks the run: only the last quotation is the speaker's
        ("\u201cWe have consulted every group and we will not back down.\n\nThe vote is on Monday.\n\n"
         "\u201cWe will table the bill next week,\u201d Fahmi Said told reporters.",
         [("Fahmi Said", 1, "\u201cWe will table the bill next week,\u201d")]),
    ],
)
def test_quotation_over_paragraphs_named_at_its_end(body, expected):
    found = parse_article("Headline of the story\n\n" + body).statements
    assert [(s.speaker, len(s.pieces()), s.text) for s in found] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # reported speech interrupted by its attribution: one statement in two pieces, without it
        ("Most of the closures, Ann Lee said, have hit public courses.",
         [("indirect", "Ann Lee", 2, "Most of the closures have hit public courses")]),
        ("The plan is dead, said Ann Lee, and nobody will revive it soon.",
         [("indirect", "Ann Lee", 2, "The plan is dead and nobody will revive it soon")]),
        ("The plan is dead, according to Ann Lee, and nobody will revive it.",
         [("indirect", "Ann Lee", 2, "The plan is dead and nobody will revive it")]),
        # a description before the name goes with the source, not with what was said
        ("The tool helps in a crisis, a spokeswoman, Ann Lee, said on Saturday, and it has run five times.",
         [("indirect", "Ann Lee", 2, "The tool helps in a crisis and it has run five times")]),
        # descriptions after the name are the source's: nothing resumes, one piece
        ("Students might not be so lucky, according to Tom Reed, who advised the campaign.",
         [("indirect", "Tom Reed", 1, "Students might not be so lucky")]),
        ("Training cuts suicide, according to Tom Reed, head of the veterans centre, and other scientists.",
         [("indirect", "Tom Reed", 1, "Training cuts suicide")]),
        ("The model will be part of the postmortem, said Tom Reed, editor in chief of the site.",
         [("indirect", "Tom Reed", 1, "The model will be part of the postmortem")]),
        # quotations around the attribution stay a direct statement in two pieces
        ('"We are done," Ann Lee said, "and we go home."',
         [("direct", "Ann Lee", 2, '"We are done," "and we go home."')]),
    ],
)
def test_reported_speech_around_its_attribution(body, expected):
    found = parse_article("Headline of the story\n\n" + body).statements
    assert [(s.kind, s.speaker, len(s.pieces()), s.text) for s in found] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a past participle before a noun, with the verb after: one subject, the content goes on
        ("Ann Lee said the heat and unsettled weather could last all week.",
         ["the heat and unsettled weather could last all week"]),
        # a second verb of the source after "and": a second statement
        ("Ann Lee praised the crews and said she could not thank them enough.",
         ["the crews", "she could not thank them enough"]),
        ("Ann Lee said the heat was rising and warned residents to stay inside.",
         ["the heat was rising", "residents to stay inside"]),
    ],
)
def test_and_with_a_past_form_after_the_content(body, expected):
    assert [s.text for s in parse_article("Headline of the story\n\n" + body).statements] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a quantifier floating after its subject is not who speaks
        ("The two senators both said the bill would pass.", [("the bill would pass", "two senators")]),
        ("The officials all said the bill would pass.", [("the bill would pass", "The officials")]),
        # alone before the cue it is the subject, and names nobody in particular
        ("Both said the bill would pass.", [("the bill would pass", None)]),
        # a relative clause's second verb ends with the clause, at its comma
        ("Ann Lee, who praised the crews and criticized the budget, left early.",
         [("the crews", "Ann Lee"), ("the budget", "Ann Lee")]),
    ],
)
def test_floating_quantifiers_and_relative_clauses(body, expected):
    found = parse_article("Headline of the story\n\n" + body).statements
    assert [(s.text, s.speaker) for s in found] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a share of the people polled speaks with a plural verb
        ("A mere 9 percent say they buy only local goods.", [("A mere 9 percent", "they buy only local goods")]),
        ("A third say they will stay home.", [("A third", "they will stay home")]),
        ("Thirty-one percent of those surveyed say they would be satisfied.",
         [("Thirty-one percent of those surveyed", "they would be satisfied")]),
        ("Most of those asked said they would vote.", [("Most of those asked", "they would vote")]),
        # an ordinal before a noun: the noun is the subject, its verb follows
        ("A third report found the same pattern.", [("A third report", "the same pattern")]),
        # a singular noun before a base form: a noun compound, not a source and its verb
        ("The biggest percentage decline since 1987 came in May.", []),
    ],
)
def test_shares_of_respondents_as_sources(body, expected):
    found = parse_article("Headline of the story\n\n" + body).statements
    assert [(s.speaker_mention.text if s.speaker_mention else None, s.text) for s in found] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a body named by "command" speaks, not the place it is in
        ("The police command in Abia State says it has arrested two suspects.",
         [("The police command in Abia State", "it has arrested two suspects")]),
        ("Ann Lee in Abia State says the roads are closed.", [("Ann Lee", "the roads are closed")]),
        # a participle after its noun, with the clause's verb after a time: nobody reports
        ("Most of the new cases reported Thursday were found in the capital.", []),
        ("The ministry reported Thursday that cases were rising.", [("The ministry", "that cases were rising")]),
        # a date in brackets after a time word is no part of the source
        ("The press secretary Ola Berg today (6 November) said the report was wrong.",
         [("Ola Berg", "the report was wrong")]),
        # a role, then its holder's name set off by commas
        ("According to police spokesperson, Fred Okello, the crowd was calm.", [("Fred Okello", "the crowd was calm")]),
        ("According to police, Kisumu, Nakuru and Eldoret were calm.", [("police", "Kisumu, Nakuru and Eldoret were calm")]),
        # "disclosed this in a statement": what was said came before; "said this plan" is content
        ("Ola Berg disclosed this in a statement issued on Tuesday.", []),
        ("Ola Berg said this plan would fail.", [("Ola Berg", "this plan would fail")]),
    ],
)
def test_news_from_elsewhere(body, expected):
    found = parse_article("Headline of the story\n\n" + body).statements
    assert [(s.speaker, s.text) for s in found] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # after "C, S said," a participle clause is the writer's, or a second report of its own
        ("Power cuts are worse than graft, Ola Berg said, having a go at the utility.",
         [("Ola Berg", "speech", "Power cuts are worse than graft")]),
        ("The price is too high, Ola Berg said, referencing the new rules for banks.",
         [("Ola Berg", "speech", "The price is too high"), ("Ola Berg", "speech", "the new rules for banks")]),
        # but a gerund opening a clause, or an -ing pronoun, goes on with what was said
        ("The vote was easy, Ola Berg said, replacing the chair would be much harder.",
         [("Ola Berg", "speech", "The vote was easy replacing the chair would be much harder")]),
        ("The price is too high, Ola Berg said, nothing will change that.",
         [("Ola Berg", "speech", "The price is too high nothing will change that")]),
        # a dateline with two hyphens is no part of the content
        ("SEOUL, Sept. 23 (Yonhap) -- An official went missing this week, officials said.",
         [("officials", "speech", "An official went missing this week")]),
        # an incident reported to the authorities names a topic, not words said
        ("Colleagues found his shoes and reported his disappearance to the Coast Guard.",
         [("Colleagues", "stance", "his disappearance to the Coast Guard")]),
        ("The newspaper reported the mayor's plan to the council was dead.",
         [("The newspaper", "speech", "the mayor's plan to the council was dead")]),
    ],
)
def test_participles_datelines_and_notified_incidents(body, expected):
    found = parse_article("Headline of the story\n\n" + body).statements
    assert [(s.speaker, s.category, s.text) for s in found] == expected


@pytest.mark.parametrize(
    ("text", "title", "paragraphs"),
    [
        # an avatar credit and a staff title under the byline are furniture; the headline follows
        ("Avatar photo\n\nBy Ann Lee\n\nSenior Digital Journalist\n\nMinister attacks the power utility\n\n"
         "The minister said the cuts must end.\n",
         "Minister attacks the power utility", ["The minister said the cuts must end."]),
        # wire notes, an e-mail address and a "most read" list are furniture
        ("Official goes missing at sea\n\n(ATTN: ADDS details)\n\nAn official went missing, officials said.\n\n"
         "reporter@agency.example\n\n(END)\n\n-\n\n1\n\nMinister says the war is over\n\n2\n\nSingers perform at ceremony\n",
         "Official goes missing at sea", ["An official went missing, officials said."]),
        # after a lone number, a line that ends like a sentence stays (the number goes)
        ("Budget passes\n\nThe vote was close.\n\n2\n\nThe minister said the vote was fair.\n",
         "Budget passes", ["The vote was close.", "The minister said the vote was fair."]),
    ],
)
def test_furniture_lines(text, title, paragraphs):
    parsed = parse_article(text)
    assert parsed.meta.title == title
    assert [text[p.start : p.end] for p in parsed.paragraphs] == paragraphs


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # ", but" before the speaker's own quoted words goes on with the statement
        ('Ola Berg said the session began well, but it is "sad that the opposition stayed away."',
         ['the session began well, but it is "sad that the opposition stayed away."']),
        # ", but" before the writer's clause ends it
        ("Ola Berg said the session began well, but the opposition stayed away.", ["the session began well"]),
        # "and <when>, <subject> <verb>" after a noun-phrase content is the writer's next clause
        ("The president announced the amount set aside for the fight and a day later, the country recorded two cases.",
         ["the amount set aside for the fight"]),
        # after a clause content, the clause after "and" may be the speaker's
        ("Ola Berg said that the plan is dead and in the end, voters will decide.",
         ["that the plan is dead and in the end, voters will decide"]),
    ],
)
def test_where_a_statement_ends_after_a_conjunction(body, expected):
    assert [s.text for s in parse_article("Headline of the story\n\n" + body).statements] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an adverb before the subordinator still opens a subordinate clause: it ends at its comma
        ("Back when he wrote his book, Ola Berg said that he considered debt a last resort.",
         [(None, "his book"), ("Ola Berg", "that he considered debt a last resort")]),
        ("When he wrote his book, Ola Berg said that he considered debt a last resort.",
         [(None, "his book"), ("Ola Berg", "that he considered debt a last resort")]),
    ],
)
def test_subordinate_clause_after_an_adverb(body, expected):
    found = parse_article("Headline of the story\n\n" + body).statements
    assert [(s.speaker, s.text) for s in found] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a question put to someone by an unnamed asker, wherever "asked" stands
        ("But when asked how she would define the term, she declined.", [(None, "how she would define the term")]),
        ("When asked whether he would run, Ola Berg smiled.", [(None, "whether he would run")]),
        ("Asked about the record, she said it was strong.", [(None, "the record"), (None, "it was strong")]),
        # "asked" with a hearer and no question is a request, not this
        ("Ola Berg asked the council to wait.", [("Ola Berg", "the council to wait")]),
        # a short clause after "S said" is content, a time is not
        ("The plan is dead, she said Tuesday.", [(None, "The plan is dead")]),
        # a number's group commas are no clause boundary
        ("After the vote, Ola Berg wrote to his 20,000 followers that the count was wrong.",
         [("Ola Berg", "to his 20,000 followers that the count was wrong")]),
    ],
)
def test_questions_short_clauses_and_numbers(body, expected):
    found = parse_article("Headline of the story\n\n" + body).statements
    assert [(s.speaker, s.text) for s in found] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "can" and "shall" sit between a source and its cue like any modal
        ("The leaders can say the vote was fair.", [("The leaders", "the vote was fair")]),
        ("The board shall announce that the plant will close.", [("The board", "that the plant will close")]),
        # "can" before a finite form is a noun, not a modal: never the source "A recycling"
        ("A recycling can says the bins are full.", []),
    ],
)
def test_modals_between_source_and_cue(body, expected):
    found = parse_article("Headline of the story\n\n" + body).statements
    assert [(s.speaker_mention.text if s.speaker_mention else None, s.text) for s in found] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a participle phrase after its head: the head speaks, not the phrase's object
        ("Officials investigating the crash said the plane stalled.", [("Officials investigating the crash", "the plane stalled")]),
        ("Democrats trying to win the seat say they have a new weapon.",
         [("Democrats trying to win the seat", "they have a new weapon")]),
        # an -ing word before the head is an adjective, not such a phrase
        ("The growing number of voters said the race was close.", [("The growing number of voters", "the race was close")]),
        # a name before an -ing phrase opens no such phrase ("with Lee making decisions"), nor does a clause
        ("With Ola Berg making decisions in the department, aides said nothing would change.",
         [("aides", "nothing would change")]),
        # a noun object before a base-form cue word and a comma: the cue word is a noun
        ("The waiver system diminished the federal education brand, critics argue.",
         [("critics", "The waiver system diminished the federal education brand")]),
    ],
)
def test_participle_phrases_after_the_source(body, expected):
    found = parse_article("Headline of the story\n\n" + body).statements
    assert [(s.speaker_mention.text if s.speaker_mention else None, s.text) for s in found] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an -ing word opening a phrase is nobody; after a preposition a cue's -s form is a noun
        ('Walking into the hall to chants of "Ola! Ola!," the senator said the campaign was strong.',
         [("the senator", "the campaign was strong")]),
        ("Amid calls for his resignation, the mayor said he would stay.", [("the mayor", "he would stay")]),
        # the -s form after a subject is its verb
        ("The report, which the union says is flawed, was released.", [("the union", "is flawed")]),
        ("Manning said the deal was done.", [("Manning", "the deal was done")]),
    ],
)
def test_phrases_opening_a_sentence_and_nouns_after_prepositions(body, expected):
    found = parse_article("Headline of the story\n\n" + body).statements
    assert [(s.speaker_mention.text if s.speaker_mention else None, s.text) for s in found] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # cue words that keep something as often as they report it need a clause or a quotation
        ("The party maintained some clout in the state.", []),
        ("The coach continued the practice after dark.", []),
        ("She maintained that the plan was legal.", ["that the plan was legal"]),
        ('She maintained, "The plan is legal."', ['"The plan is legal."']),
    ],
)
def test_cues_that_need_a_clause(body, expected):
    assert [s.text for s in parse_article("Headline of the story\n\n" + body).statements] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # challenging a person in an election is no stance taken in words
        ("Ann Lee, who is challenging Tom Reed for the Senate seat, said the race was close.", ["the race was close"]),
        # on a topic it is one
        ("She passed up chances to challenge Mr. Reed on immigration.", ["Mr. Reed on immigration"]),
        # a particle that gives the cue another sense
        ("Ola Berg was written off as a fringe candidate when he began.", []),
        ("Ola Berg has written that the vote was rigged.", ["that the vote was rigged"]),
    ],
)
def test_cue_verbs_in_an_electoral_or_phrasal_sense(body, expected):
    assert [s.text for s in parse_article("Headline of the story\n\n" + body).statements] == expected
