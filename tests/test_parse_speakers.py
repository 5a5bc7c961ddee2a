"""Speaker entities: the names, kinds and roles the store keeps and researchers count across articles."""

from __future__ import annotations

import pytest

from quotedb.parse import Speaker, parse_article
from quotedb.parse.speakers import Resolver


def speakers(body: str) -> dict[str, Speaker]:
    return {s.name: s for s in parse_article("Headline of the story\n\n" + body).speakers}


def speaker_of(body: str) -> str | None:
    (statement,) = parse_article("Headline of the story\n\n" + body).statements
    return statement.speaker


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # a word that only starts the sentence is not part of the name
        ("But Ms. Varga said the bridge would be finished in May.", "Varga"),
        ("And Oskar Lindqvist said the harbour would stay open.", "Oskar Lindqvist"),
        ("Then Pellworth Mills announced that it would close two plants.", "Pellworth Mills"),
        ("Meanwhile Dana Whitlow warned that fares would rise.", "Dana Whitlow"),
        # titles and role words before the name are the role
        ("Senate Majority Leader Ruth Okonjo said the vote would wait.", "Ruth Okonjo"),
        ("Harbour Authority Director Milan Sykes said the port was safe.", "Milan Sykes"),
        ("Former Ohio Gov. Amos Trent said he would run again.", "Amos Trent"),
        ("Secretary of Transport Ilse M. Brandt said the line would reopen.", "Ilse Brandt"),  # no middle initial
        # a party label in brackets and an owner's possessive are not the name
        ("Sen. Tomas Rivera (D-Ore.) said the bill was dead.", "Tomas Rivera"),
        ("The Gazette's Nadia Petrova wrote that the mayor had resigned.", "Nadia Petrova"),
        # a capitalised cue word inside a name is not a cue
        ("The Riverton Post reported that the mill would close.", "Riverton Post"),
        # initials run together keep their period inside the name; "and" inside a body's name
        ("T.V. Shemmozhi said the drains were blocked.", "T.V. Shemmozhi"),
        ('"The drains are blocked," said T.V. Shemmozhi, a resident.', "T.V. Shemmozhi"),
        ("The Employment and Labour Relations Court said the dismissal was unfair.", "Employment and Labour Relations Court"),
    ],
)
def test_names_keep_only_the_name(body, name):
    assert speaker_of(body) == name


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        ("Senate Majority Leader Ruth Okonjo said the vote would wait.", "Ruth Okonjo", "Senate Majority Leader"),
        ("Sen. Tomas Rivera (D-Ore.) said the bill was dead.", "Tomas Rivera", "Sen."),
        ("Mr. Kepler said the mine was closed.", "Kepler", None),  # an honorific is no role
    ],
)
def test_roles_come_from_the_words_before_the_name(body, name, role):
    assert speakers(body)[name].role == role


def test_possessive_owner_is_the_affiliation():
    speaker = speakers("The Gazette's Nadia Petrova wrote that the mayor had resigned.")["Nadia Petrova"]
    assert (speaker.kind, speaker.affiliation) == ("person", "Gazette")


@pytest.mark.parametrize(
    ("body", "name", "kind"),
    [
        # bodies: acronyms, "the" + a name, names ending like organisations, places
        ("The FTC said the merger would be reviewed.", "FTC", "organization"),
        ("United Nations officials said the talks would resume.", None, None),
        ("The United Nations said the talks would resume.", "United Nations", "organization"),
        ("Harbour Watch said the water was unsafe.", "Harbour Watch", "organization"),
        ("The Ledger reported that the council had voted.", "The Ledger", "organization"),
        ("New Mexico said it would sue the agency.", "New Mexico", "organization"),
        ("Clean Air PAC said the ads would run all week.", "Clean Air PAC", "organization"),
        # groups: quantified or plural identity nouns, a family
        ("More Republicans said the plan went too far.", "Republicans", "group"),
        ("Some Democrats argued that the bill was too timid.", "Democrats", "group"),
        ("Rural Millennials said rents were too high.", "Rural Millennials", "group"),
        # people stay people
        ("Rep. Steve Kingsley said the tariff would hurt farmers.", "Steve Kingsley", "person"),
        ("Judge Marta Bell said the case would go ahead.", "Marta Bell", "person"),
    ],
)
def test_kinds(body, name, kind):
    found = speakers(body)
    if name is None:
        assert all(s.kind != "person" for s in found.values())
    else:
        assert found[name].kind == kind


@pytest.mark.parametrize(
    "body",
    [
        # a word that opens a sentence is nobody's name, even when a pronoun follows
        "Then he said the plan was dead.",
        "Last week, she said, the plan was dead.",
        "Those who said the plan was dead were right.",
        # a heading line is not the subject a later pronoun refers to
        "FULL TEXT.\n\nIt plans to raise rates slowly.",
        # a dateline is where the story was filed, not who speaks
        "WASHINGTON \u2014 It was a long night, saying little about the plan.",
    ],
)
def test_sentence_openers_datelines_and_headings_name_nobody(body):
    names = set(speakers(body))
    assert not names & {"Then", "Last", "Those", "FULL TEXT", "WASHINGTON"}


def test_pronoun_after_a_dateline_finds_the_subject():
    body = "WASHINGTON \u2014 Sen. Ada Morrow defended her bill on Tuesday, saying it would cut costs."
    parsed = parse_article("Headline\n\n" + body)
    assert {s.speaker for s in parsed.statements} == {"Ada Morrow"}


def test_name_runs_stop_at_a_sentence_end():
    body = ("The ferry left for Texas. Marlow said the crossing was rough. "
            "Captain Ida Marlow said the crew was safe.")
    assert "Texas. Marlow" not in speakers(body)


def test_contracted_pronoun_is_the_pronoun():
    body = "Ann Voss runs the clinic. She's said the clinic will stay open."
    parsed = parse_article("Headline\n\n" + body)
    assert [s.speaker for s in parsed.statements] == ["Ann Voss"]


def test_organisations_have_no_partial_aliases_and_people_keep_surnames():
    body = ("Senate Majority Leader Ruth Okonjo said the vote would wait. Okonjo said talks would go on. "
            "The United Nations said the talks would resume.")
    found = speakers(body)
    assert found["Ruth Okonjo"].aliases == ("Okonjo",)
    assert found["United Nations"].aliases == ()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a middle initial is not part of the name reported; a generational suffix is
        ("Gov. Lena K. Ostrova said the dam would hold.", ["Lena Ostrova"]),
        ("Senator Paul T. Vance Jr. said the vote was close.", ["Paul Vance Jr."]),
        # the plainest written form the article uses is the name ("Mara Quist" over "Mara Lind Quist")
        ("Mara Lind Quist said the bridge was safe. Mara Quist said work would start soon.", ["Mara Quist", "Mara Quist"]),
        # a surname resolves to the full name spelled later in the article too
        ("Okafor said the levy would pass. Councillor Ben Okafor chairs the committee.", ["Ben Okafor"]),
        ("Mr. Reed said the line was closed. Tom Reed runs the depot.", ["Tom Reed"]),
        # a first name alone resolves when no full name ends with it
        ("Priya Natarajan said the trial worked. Priya said more data would come.", ["Priya Natarajan", "Priya Natarajan"]),
        # two words of one longer name are that person ("Osei Bonsu" for "Kofi Osei Bonsu")
        ("Minister Kofi Osei Bonsu said the port was ready. Osei Bonsu said talks would go on.",
         ["Kofi Osei Bonsu", "Kofi Osei Bonsu"]),
        ("Ahmad Zaki Hamdan said the checks were temporary. Ahmad Zaki said they would end soon.",
         ["Ahmad Zaki Hamdan", "Ahmad Zaki Hamdan"]),
        # ... but not a relative whose name only adds a suffix, nor two people who share the words
        ("Paul Vance Jr. said the deal was off. Paul Vance said it was on.", ["Paul Vance Jr.", "Paul Vance"]),
        ("Kofi Osei Bonsu and Ama Osei Bonsu run the firm. Osei Bonsu said talks would go on.", ["Osei Bonsu"]),
        # honorifics are no part of a name
        ("Home Minister Datuk Seri Ahmad Zaki Hamdan said the border would stay shut.", ["Ahmad Zaki Hamdan"]),
        ("Alhaji Musa Bello said the market would reopen.", ["Musa Bello"]),
    ],
)
def test_names_resolve_across_the_article(body, expected):
    assert [s.speaker for s in parse_article("Headline of the story\n\n" + body).statements] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # two people share the surname and neither has spoken: unresolved, not guessed
        ("The farm belongs to Ada Holm and Erik Holm. Holm said the harvest was poor.", ["Holm"]),
        # a title's gender tells them apart
        ("The farm belongs to Mary Holm and John Holm. Mrs. Holm said the harvest was poor.", ["Mary Holm"]),
        # of two relatives, the one who already spoke is meant
        ("Ada Holm said the harvest was poor. Her brother Erik Holm sells the grain. Holm said prices fell.",
         ["Ada Holm", "Ada Holm"]),
        # both spoke: unresolved
        ("Ada Holm said the harvest was poor. Erik Holm said prices fell. Holm said more rain would help.",
         ["Ada Holm", "Erik Holm", "Holm"]),
    ],
)
def test_shared_surnames_are_resolved_only_when_one_person_fits(body, expected):
    assert [s.speaker for s in parse_article("Headline of the story\n\n" + body).statements] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a sentence's first word is dropped from a name the article uses without it
        ("Marta Kell runs the port. Did Kell say the port would close? Kell said it would not.", "Marta Kell"),
        # kept when the rest is no name met elsewhere: the first word belongs to the name
        ("Which Way, a consumer charity, said it had warned the maker.", "Which Way"),
        # a surname that is also a common word is still a name
        ("Manning stood up, shouting \"Not again, not this time!\"", "Manning"),
    ],
)
def test_sentence_openers_and_names(body, expected):
    assert parse_article("Headline of the story\n\n" + body).statements[-1].speaker == expected


@pytest.mark.parametrize(
    "body",
    [
        "Having said that, the mayor's office expects delays.",
        "Chastened by the polls, the senator said the plan would change.",
        "Enraged, the crowd said the vote was rigged.",
    ],
)
def test_opening_participles_and_function_words_name_nobody(body):
    names = {s.name for s in parse_article("Headline of the story\n\n" + body).speakers}
    assert not names & {"Having", "Chastened", "Enraged"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a paragraph that is only a quotation goes on with the speaker of the quotation closing
        # the paragraph before
        ('"The tunnel is safe," said engineer Nora Blake.\n\n"We checked every joint twice and found nothing."',
         ["Nora Blake", "Nora Blake"]),
        # not when the paragraph before ended with reported speech, not a quotation
        ('Nora Blake said the tunnel was safe.\n\n"We checked every joint twice and found nothing."',
         ["Nora Blake"]),
        # not a quoted heading
        ('"The tunnel is safe," said engineer Nora Blake.\n\n"Safe Tunnels for All."', ["Nora Blake"]),
    ],
)
def test_a_quotation_paragraph_continues_the_previous_speaker(body, expected):
    assert [s.speaker for s in parse_article("Headline of the story\n\n" + body).statements] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a description followed by the name between commas: the name speaks
        ("The mayor of Riverton, Elena Brooks, said the bridge would close.", "Elena Brooks"),
        # one of a group, then a role and the name ending the sentence: the name speaks
        ('"The frog has no lungs at all," said one of the researchers, museum biologist Paul Orr.', "Paul Orr"),
        ("The bridge would close, said the engineer, structural designer Ana Ruiz.", "Ana Ruiz"),
        # one of a group, or some of them, speaks as a description of its own
        ("The frog breathes through its skin, said one of the researchers.", "one of the researchers"),
        ("The frog breathes through its skin, said some of his aides on Monday.", "some of his aides"),
        # "The Information Minister" after "The Information Minister, Kofi Osei Bonsu," is that minister
        ("The Information Minister, Kofi Osei Bonsu, said the port was ready. The Information Minister explained that the cases were imported.",
         "Kofi Osei Bonsu"),
        # ... while another office stays the office, not the minister met before
        ("The Information Minister, Kofi Osei Bonsu, said the port was ready. The Prime Minister said the plan was ready.", "Prime Minister"),
        # a relative clause naming someone else is not the source's name
        ('"The frog has no lungs at all," said the curator, who met Paul Orr.', "the curator"),
        ('"The frog has no lungs at all," said the curator, who interviewed researcher Paul Orr.', "the curator"),
        # a group at a place is the group, not the place; a thing filed on a day is the thing
        ("POLICE in Zimbabwe have said they will arrest anyone who breaks the curfew.", "POLICE in Zimbabwe"),
        ("Officials in Ottawa said the border would reopen.", "Officials in Ottawa"),
        ("The lawsuit filed Thursday says the sheriff did not cooperate.", "The lawsuit"),
        ("Ola Berg on Monday said the border would reopen.", "Ola Berg"),
        # ... while a name before "in" is the name
        ("Ola Berg in Ottawa said the border would reopen.", "Ola Berg"),
        ("Democrats in Congress said the bill was dead.", "Democrats in Congress"),
        # a described person tied to a place is not the place
        ("The governor of Ohio said the roads would reopen.", "The governor of Ohio"),
        # a definite role description refers back to the person met before
        ("Ruth Okonjo chairs the committee. The veteran committee chairwoman said the vote would wait.", "Ruth Okonjo"),
    ],
)
def test_descriptions(body, expected):
    assert parse_article("Headline of the story\n\n" + body).statements[-1].speaker == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a lone courtesy title, a weekday, a month or a contraction is nobody's name
        ("Ms. said the plan would fail.", [None]),
        ("Monday said the plan would fail.", []),  # a weekday before the cue is no source at all
        ("February said the plan would fail.", []),
        ("That's what the plan will do, the mayor said.", ["the mayor"]),
        # a common word opening the sentence is no name, and no antecedent for a later "he"
        ("Sometimes the plan fails. He said the plan would fail.", [None]),
        ("Nationally, the plan fails. He said the plan would fail.", [None]),
        # a plural opening the sentence describes a group
        ("Developers said the plan would fail.", ["Developers"]),
        # a number split off "1,000" is no source
        ("About 1,000 said the plan would fail.", [None]),
        # an honorific with a name still names the person, even a name that is a title word
        ("Ann King runs the mill. Mrs. King said the plan would fail.", ["Ann King"]),
        ("The plan will fail, according to Mr. Rhodes, the adviser.", ["Rhodes"]),
    ],
)
def test_words_that_name_nobody(body, expected):
    assert [s.speaker for s in parse_article("Headline of the story\n\n" + body).statements] == expected


def test_a_plural_opening_the_sentence_is_a_description_not_a_name():
    (speaker,) = parse_article("Headline of the story\n\nDevelopers said the plan would fail.").speakers
    assert (speaker.name, speaker.named) == ("Developers", False)


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # a name set off after a description at the end of the sentence is the speaker
        ('"We are not going anywhere," said the union\'s general secretary, Mary Otieno.', "Mary Otieno"),
        ('"We will appeal," said the lawyer, on Monday.', "the lawyer"),
        # a description links to another description only when it is the same noun
        ('A detective offered to sell details, a court heard. "We will look at it," the minister said.', "the minister"),
        ('A spokesman for the council said the road would close. "We regret it," the spokesman added.',
         "A spokesman for the council"),
        # nor is "No one"
        ("Ola Berg spoke first. No one saw the vote coming. He said the count was wrong.", "Ola Berg"),
        ("No one saw the vote coming. He said the count was wrong.", None),
        # an acronym of a body met before is that body; "the fund" the body whose name ends so
        ("The International Monetary Fund cut its forecast. The IMF said the risks were rising.",
         "International Monetary Fund"),
        ("The International Monetary Fund cut its forecast. The fund said the risks were rising.",
         "International Monetary Fund"),
        ("The International Monetary Fund cut its forecast. The IOC said the risks were rising.", "IOC"),
        # a party member described ("the Ohio Democrat") is the person the article named before
        ("Senator Sherrod Brown said the bill was dead. The Ohio Democrat said he would vote against it.", "Sherrod Brown"),
        ("The Ohio Democrat said he would vote against it.", "The Ohio Democrat"),
        ("The Republican Party said the vote was rigged.", "Republican Party"),
        # a person's campaign, administration or team is one body, named as the press names it
        ("Donald Trump's campaign said the poll was wrong.", "Trump campaign"),
        ("The Trump campaign said the poll was wrong. The campaign said it would appeal.", "Trump campaign"),
        ("The Obama administration said the rule would stand.", "Obama administration"),
        ("Hillary Clinton's campaign manager said the poll was wrong.", "Hillary Clinton's campaign manager"),
        ("The campaign said the poll was wrong.", "The campaign"),
        # a sentence about someone without a person for its subject makes them the one "he" means next
        ("Bernie Sanders spoke in Vermont. Senator John Wade said the bill was dead. But when it comes to "
         "Mr. Sanders's record, it is the losses that stand out. He said no to the war.", "Bernie Sanders"),
        ("Bernie Sanders spoke in Vermont. Senator John Wade said the bill was dead. But when it comes to "
         "the record, it is the losses that stand out. He said no to the war.", "John Wade"),
        # an acronym the article spells out is that body; a shorter name the end of one body met before
        ("Members of the Hong Kong Bar Association (HKBA) met on Monday. The HKBA said the law was vague.",
         "Hong Kong Bar Association"),
        ("Members of the bar met on Monday. The HKBA said the law was vague.", "HKBA"),
        ("The Niger State Police Command said the suspects fled. The Police Command said the search went on.",
         "Niger State Police Command"),
        ("The Lagos State Police Command said the suspects fled. The Niger State Police Command said they were "
         "caught. The Police Command said the search went on.", "Police Command"),
        # a name between commas, then an occasion, then the cue: the name speaks
        ("The police spokesman, Wasiu Abiodun, in a statement on Friday said the suspects were held.", "Wasiu Abiodun"),
        # a surname that is also a cue form, opening the sentence before a cue: a name
        ("Nandi Governor Stephen Sang met the farmers in the hall on Monday. Sang said the county would cut pay.",
         "Stephen Sang"),
        # a number opening a sentence is nobody a pronoun can mean
        ("Twenty-four hours after the threats, the town was calm. But she admits that she is afraid.", None),
    ],
)
def test_who_the_last_statement_is_from(body, speaker):
    assert parse_article("Headline of the story\n\n" + body).statements[-1].speaker == speaker


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        # a participle opening a sentence fragment is no person a later "she" can mean
        ('Ann Lee was anxious, sure. Enraged, definitely. "It never crossed my mind," she said.', ["Ann Lee"]),
        # a first name opening a sentence before a comma is still a name
        ('Mohammed, the driver, waved. "We leave at noon," he said.', ["Mohammed"]),
    ],
)
def test_fragment_openers_and_headings_name_nobody(body, speakers):
    found = parse_article("Headline of the story\n\n" + body).statements
    assert [s.speaker for s in found] == speakers


@pytest.mark.parametrize(
    ("text", "words", "plausible"),
    [
        # a heading in capitals run into the paragraph is no name
        ("THE BORROWING Back when he wrote his book, Mr. McKinley spoke.", ("BORROWING", "Back"), False),
        # a body's name in capitals is one
        ("The WHITE HOUSE said the talks would resume.", ("WHITE", "HOUSE"), True),
    ],
)
def test_a_heading_in_capitals_is_no_name(text, words, plausible):
    resolver = Resolver(text, [(0, len(text))])
    assert resolver._plausible(words, text.index(words[0])) is plausible


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # an indefinite article before a name is no part of the description's name
        ("A Bloomberg poll found that the mayor leads. The poll also found that voters are tired.",
         ["Bloomberg poll", "Bloomberg poll"]),
        ("A\u00a0Reuters survey found that prices rose.", ["Reuters survey"]),
        # before a common noun it stays: the description is all there is
        ("A spokesman said the plan was dead.", ["A spokesman"]),
    ],
)
def test_description_names(body, names):
    assert [s.speaker for s in parse_article("Headline of the story\n\n" + body).statements] == names


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # "on" inside a body's name after a capitalised body noun
        ("The Commission on Presidential Debates announced that the microphone failed.",
         ["Commission on Presidential Debates"]),
        ("The Council on Foreign Relations said the plan would fail.", ["Council on Foreign Relations"]),
        # "on" after a person's name: where or through what she spoke, not who
        ("Ola Berg on Capitol Hill said the plan would fail.", ["Ola Berg"]),
        ("Trump on Twitter said the plan would fail.", ["Trump"]),
    ],
)
def test_bodies_named_with_on(body, names):
    assert [s.speaker for s in parse_article("Headline of the story\n\n" + body).statements] == names
