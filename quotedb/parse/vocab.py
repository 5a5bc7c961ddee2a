"""Word lists the parser's rules read: data only, each group with the reason it exists.

Everything here is general English news vocabulary. Cue verbs were chosen by how often a word
form introduces an attribution in annotated political news (the PolNeAR train split), keeping
only words that do so in most of their uses outside quotation marks.
"""

from __future__ import annotations

import re
from pathlib import Path

# --- quotation marks ---------------------------------------------------------------------------

#: Opening mark -> the closing marks that end it. Straight marks close themselves; "„" (German)
#: closes with either curly mark; guillemets are listed both ways because French and German
#: print them in opposite directions. Single marks are handled separately because the same
#: character is also an apostrophe.
DOUBLE_QUOTES: dict[str, str] = {
    '"': '"\u201d',  # scraped text mixes straight and curly marks: "like this”
    "\u201c": "\u201d\"",  # “ ” (or “ ")
    "\u201e": "\u201c\u201d",  # „ “
    "\u00ab": "\u00bb",  # « »
    "\u00bb": "\u00ab",  # » « (German order)
    "\u2039": "\u203a",  # ‹ ›
}
#: British style and nested quotes use single marks: ‘ ’ and the straight apostrophe.
SINGLE_QUOTES: dict[str, str] = {"\u2018": "\u2019'", "'": "'\u2019"}
#: Every character that can open or close a quotation (used to classify statement kinds).
QUOTE_CHARS = frozenset("".join(DOUBLE_QUOTES) + "".join(DOUBLE_QUOTES.values()) + "\u2018\u2019'")
#: Marks that make a span a quotation when they wrap it (double marks only: single marks inside
#: a span are more often apostrophes than quotations).
DOUBLE_QUOTE_CHARS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a')

#: Invisible direction and joiner marks pasted in front of a paragraph ("\u202a”Sorry …”"): a
#: quotation opening after them opens at the line start, and no statement starts with them.
INVISIBLE = "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\ufeff"


# --- cue verbs -----------------------------------------------------------------------------------

#: Verbs of saying and communicating: they introduce what someone said, wrote or announced.
SPEECH_VERBS = (
    "say add tell write note stress insist admit argue claim deny warn announce tweet reply respond "
    "explain declare state assert acknowledge concede confirm comment remark recall reiterate repeat "
    "suggest predict promise pledge vow urge caution complain contend maintain observe point_out "
    "report reveal testify answer counter continue joke quip boast brag lament charge "
    "allege accuse criticize criticise blast slam decry denounce praise demand ask question "
    "propose recommend emphasize emphasise underline conclude estimate describe call "
    "mention post disclose threaten indicate refer talk speak echo remind assure thank quote retweet "
    "yell shout chant sing express request encourage wonder highlight tout point_to read put_it type liken refer_to "
    "proclaim exhort reference call_on call_for "
    "interject exclaim recount confess bark grouse imply scoff muse gush rail retort vent opine chide "
    "clarify "
    # naming verbs beside "call" and "describe" (NAMING_FORMS): 'branded North Korea an "outlaw nation"'
    "dub brand label "
    # learned from the train split's annotated cues (``python -m quotedb.parse.learn --cues``: a cue
    # in at least half of their uses), less the words as often nouns ("email", "list", "voice",
    # "side", "credit"): a cue form ends a noun phrase. At least 8 cue uses:
    "signal plead invoke unveil "
    # 3 to 7 cue uses (dev: +5 matched for +0 precision lost, F1 0.774 -> 0.776):
    "bemoan speculate allude reaffirm congratulate spar rebuke lambaste articulate hint protest "
    "lash_out weigh_in single_out"
)
#: Verbs of thinking, knowing and intending: PolNeAR-style attribution counts beliefs and plans
#: ("X believes ...", "X wants to ...") as attributions, and on the train split they are right
#: more often than not; statements from them get a lower confidence so users can filter them.
BELIEF_VERBS = "believe think know feel fear worry expect suspect doubt see consider remember learn realize regard"
#: Verbs of wanting and planning ("X wants to …", "X plans to …"): attributed like beliefs, but a
#: category of their own so a user can tell a plan from an opinion.
INTENTION_VERBS = "want plan seek hope decide"
#: Verbs of taking a stand on something: "X endorsed Y", "X rejected the plan" attribute a
#: position to X (annotated as attributions in political news); lower confidence as well.
STANCE_VERBS = (
    "support back endorse oppose reject defend blame cite dismiss agree decline refuse offer discuss "
    "attack mock condemn assail challenge welcome applaud prefer favor favour compare portray deem laud hail "
    "rebuff "  # learned, like the speech verbs above (8 cue uses or more; then 3 to 7)
    "distance downplay balk resist"
)
#: Nouns naming someone else's words: a stance taken on them ("rejected the accusations",
#: "dismissed the claims") is a reaction to another's statement, not a statement of its own.
SPEECH_ACT_NOUNS = frozenset(
    "accusation accusations allegation allegations charge charges claim claims criticism criticisms "
    "remark remarks comment comments report reports rumor rumors rumour rumours demand demands "
    "call calls suggestion suggestions assertion assertions attack attacks".split()
)
#: Nouns whose "that" clause is the content of an attribution ("Trump's claim that …", "a warning
#: that …"); kept where, on the train split, at least about half of "<noun> that" opens such content
#: rather than a relative clause ("the idea that" and "the message that" do not).
CLAUSE_NOUNS = frozenset(
    "statement statements suggestion concern assertion claims warning warnings fear fears complaint complaints "
    "hope hopes assumption assurance assurances remarks admission speculation worries belief insistence "
    "allegations promise pledge vow vows acknowledgment acknowledgement disclosure reports claim "
    "accusation accusations".split()
)
#: The category of a clause noun's content: words said or written are speech ("his claim that"),
#: a state of mind is a belief ("fears that"), a hope an intention.
CLAUSE_NOUN_CATEGORY = {
    **{n: "belief" for n in "concern fear fears assumption speculation worries belief".split()},
    **{n: "intention" for n in "hope hopes".split()},
}
#: Possessive pronouns naming who holds a claim ("his claim that …") -> the pronoun they resolve as.
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it", "my": "i", "our": "we"}
#: Evidence verbs whose subjects are documents and surveys ("a poll shows ...", "the report found").
EVIDENCE_VERBS = "show find"

#: Irregular past forms of the verbs above (regular ones are derived by rule).
IRREGULAR_PAST = {
    "say": "said",
    "speak": "spoke",
    "sing": "sang",
    "see": "saw",
    "seek": "sought",
    "know": "knew",
    "read": "read",
    "tell": "told",
    "write": "wrote",
    "think": "thought",
    "feel": "felt",
    "find": "found",
    "show": "showed",
    "put": "put",
}
#: Participles that differ from the past tense ("has written", "has shown").
IRREGULAR_PARTICIPLE = {"write": "written", "show": "shown", "speak": "spoken", "sing": "sung", "see": "seen",
                        "know": "known"}


#: Verbs stressed on a final short syllable double their last consonant ("admitted", "referred").
_DOUBLING = frozenset({"admit", "regret", "quip", "refer", "prefer", "commit", "control"})


def _inflect(lemma: str) -> set[str]:
    """Base, third-person, past, participle and -ing forms of a regular English verb."""
    forms = {lemma}
    if re.search(r"(s|sh|ch|x|z)$", lemma):
        forms.add(lemma + "es")
    elif re.search(r"[^aeiou]y$", lemma):
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    past = IRREGULAR_PAST.get(lemma)
    if past is None:
        if lemma.endswith("e"):
            past = lemma + "d"
        elif re.search(r"[^aeiou]y$", lemma):
            past = lemma[:-1] + "ied"
        elif re.search(r"^[^aeiou]*[aeiou][bdgmnpt]$", lemma) or lemma in _DOUBLING:
            past = lemma + lemma[-1] + "ed"
        else:
            past = lemma + "ed"
    forms.add(past)
    forms.add(IRREGULAR_PARTICIPLE.get(lemma, past))
    if lemma.endswith("ie"):
        forms.add(lemma[:-2] + "ying")
    elif lemma.endswith("e") and not lemma.endswith("ee"):
        forms.add(lemma[:-1] + "ing")
    elif re.search(r"^[^aeiou]*[aeiou][bdgmnpt]$", lemma) or lemma in _DOUBLING:
        forms.add(lemma + lemma[-1] + "ing")
    else:
        forms.add(lemma + "ing")
    if re.search(r"[^aeiou][aeiou]l$", lemma):
        forms |= {lemma + "led", lemma + "ling"}  # British spelling: "labelled", "signalled"
    return forms


def _forms(lemmas: str) -> dict[str, str]:
    """Every inflected form -> its lemma (phrasal verbs like ``point_out`` keep the particle)."""
    table: dict[str, str] = {}
    for lemma in lemmas.split():
        verb, _, particle = lemma.partition("_")
        for form in _inflect(verb):
            table[form + (" " + particle if particle else "")] = lemma
    return table


SPEECH_FORMS = _forms(SPEECH_VERBS)
BELIEF_FORMS = _forms(BELIEF_VERBS)
INTENTION_FORMS = _forms(INTENTION_VERBS)
STANCE_FORMS = _forms(STANCE_VERBS)
EVIDENCE_FORMS = _forms(EVIDENCE_VERBS)
#: Cue verbs whose content is the object of a preposition after them (PolNeAR's train cues end
#: with it: "responded to", "commented on", "warned of"): the preposition goes with the cue.
CUE_PREPOSITIONS: dict[str, tuple[str, ...]] = {
    "respond": ("to",), "comment": ("on", "about"), "warn": ("of", "about", "against"), "agree": ("with", "on"),
    "speak": ("of",), "talk": ("of",), "boast": ("of", "about"), "complain": ("about", "of"),
    "rail": ("against",), "joke": ("about",), "write": ("about", "of"),
}
#: Participles of feeling after "be" with a that-clause or "about": the subject feels it ("Republicans
#: were incensed that …", "she is worried about …"), a belief of the subject's, not a passive's object.
FEELING_PARTICIPLES = frozenset(
    "incensed frustrated outraged angered angry pleased disappointed concerned worried convinced surprised "
    "shocked relieved encouraged dismayed alarmed troubled heartened upset annoyed furious".split()
)
#: Learned cue forms whose other forms are mostly nouns ("voiced concern" but "a voice"; "sided
#: with" but "both sides"): the past tense alone.
PAST_ONLY_CUES = {"voiced": "speech", "emailed": "speech", "credited": "stance", "sided": "stance"}
#: Every cue form -> its category (one lookup per token; speech wins where lists overlap).
CUE_CATEGORY: dict[str, str] = {
    **PAST_ONLY_CUES,
    **{f: "evidence" for f in EVIDENCE_FORMS},
    **{f: "stance" for f in STANCE_FORMS},
    **{f: "intention" for f in INTENTION_FORMS},
    **{f: "belief" for f in BELIEF_FORMS},
    **{f: "speech" for f in SPEECH_FORMS},
}
#: Every cue form -> its lemma ("reports" -> "report"), for telling a noun use from a verb.
CUE_LEMMAS: dict[str, str] = {**{f: f for f in PAST_ONLY_CUES}, **EVIDENCE_FORMS, **STANCE_FORMS, **INTENTION_FORMS,
                               **BELIEF_FORMS, **SPEECH_FORMS}
#: Every cue form, for telling where a noun phrase stops.
CUE_FORMS = frozenset(CUE_CATEGORY)
#: First words of two-word cues ("pointed out"), so most tokens skip the two-word lookup.
PHRASAL_HEADS = frozenset(f.split()[0] for f in SPEECH_FORMS if " " in f)

#: Subjects that make "show"/"find" an attribution: surveys, documents and their numbers.
EVIDENCE_NOUNS = frozenset(
    "poll polls survey surveys study studies report reports data analysis research records record "
    "numbers results figures investigation review audit documents document emails email filings "
    "filing statistics census tally count estimates projections models model exit polling video videos "
    "footage inquiry".split()
)

#: Verbs before "to <cue>" whose subject is the cue's source ("she appeared to imply …",
#: "he went on to say …", "they tried to argue …").
RAISING_VERBS = frozenset(
    "seem seems seemed appear appears appeared try tries tried trying begin begins began continue continues "
    "continued went go goes going came come comes wanted wants want sought seeks seek refused refuses "
    "declined declines decided decides moved moves rushed rushes hastened hastens used prompted forced compelled".split()
)

#: Verbs of seeming: "X seemed unperturbed" attributes a judgement (the writer's) with no source.
EVIDENTIAL_VERBS = frozenset("seem seems seemed appear appears appeared".split())

#: Words that negate the cue before them ("would not say when", "never said"): withheld speech is
#: no statement of what was said.
NEGATIONS = frozenset("not never n't n’t no".split())
#: Verbs of perceiving: "saw him win" reports what someone witnessed, not a belief they hold.
PERCEPTION_FORMS = frozenset("see sees saw seen seeing watch watches watched watching hear hears heard hearing".split())
#: Verbs of talking whose "about X" / "of X" names a topic, not what was said ("talked about the weather").
TOPIC_FORMS = frozenset("talk talks talked talking speak speaks spoke spoken speaking".split())
#: Prepositions that open a stance verb's adjunct, not its object ("challenged for the puck").
ADJUNCT_PREPOSITIONS = frozenset("for with at in on from near over under into through during after before by".split())
#: Object pronouns ("called him on Tuesday", "saw them leave").
OBJECT_PRONOUNS = frozenset("him her them me us it you".split())
#: Relative pronouns: ", who has endorsed Clinton," describes the noun before it, it opens no clause of its own.
RELATIVE_PRONOUNS = frozenset("who whom whose which that".split())
#: Auxiliaries and modals: a phrase holding one is a clause ("Speaking in tongues is rare"), not a
#: scene-setting opening ("Speaking in an interview,").
AUXILIARIES = frozenset("is are was were has have had can could will would may might must should".split())

#: Capitalised links to the sentence before that open a reported sentence but are not its content
#: (PolNeAR train: spans after "And" leave it out 32 times, keep it 20; "But" is kept 35 to 17).
OPENING_CONNECTIVES = frozenset({"And", "However"})
#: Connectives that may open a sentence before a scene-setting phrase ("And despite his disdain, he …")
#: or a whole clause ("And the fares will rise, she said"): alone before a comma they set the scene.
CONNECTIVES = frozenset("and but however yet still also".split())
#: Links after ", " that open a clause with a subject of its own ("…, so he won't be able to brag").
CLAUSE_LINKS = frozenset("and but so because although though".split())
#: Openers of the writer's clause after an attribution ("…, she said, as the crowd cheered"); not
#: "because", whose clause usually gives the speaker's reason as part of what was said.
SCENE_CLAUSES = frozenset("as while after before amid despite".split())
#: Prepositions after an "-ed" word that make it an opening participle ("Chastened by the polls, …").
OPENER_PREPOSITIONS = frozenset("by with in at from after over".split())
#: Channels a passive's "by" can name instead of an agent ("announced by text message").
CHANNEL_NOUNS = frozenset("text phone telephone mail".split())

#: Verbs naming something ("called it "a disaster,"…"): the name, ending at its quoted comma, is all
#: the content; what follows the comma is the writer's apposition.
NAMING_FORMS = frozenset(
    "call calls called calling describe describes described describing dub dubs dubbed dubbing "
    "label labels labeled labelled labeling brand brands branded branding".split()
)

#: Verbs of being, doing or using before "as" (with no one cast as anything): "served as "…"",
#: "works as", "ran as", "performs as", "used it as", "known as" (train split: these "as" phrases
#: are never annotated attributions).
NOT_CASTING = frozenset(
    "serve serves served serving work works worked working run runs ran running act acts acted acting "
    "perform performs performed performing use uses used using know knows knew known pose poses posed posing "
    "appear appears appeared appearing rank ranks ranked ranking count counts counted counting "
    "join joins joined joining return returns returned returning remain remains remained remaining "
    "start starts started starting began begin begins beginning continue continues continued continuing".split()
)

#: "was accused of X", "charged with X": a charge laid (PolNeAR annotates it; a quote count does not), so a
#: stance, out of --category speech ("Ruiz accused him of lying" has its object first and is speech).
ACCUSE_FORMS = frozenset("accuse accuses accused accusing charge charges charged charging".split())
#: Verbs that post figures as well as report words: with a result noun as object ("reported record
#: sales", "posted a loss") nobody is quoted.
RESULT_VERBS = frozenset("report reports reported reporting post posts posted posting".split())
RESULT_NOUNS = frozenset(
    "earnings profit profits revenue revenues sales loss losses income turnover surplus deficit "
    "dividend dividends growth margin margins".split()
)

#: What "call" convenes rather than says ("called an emergency meeting", "called a snap election").
CONVENED = frozenset("meeting meetings election elections vote strike session summit conference referendum "
                     "halt recess timeout truce ceasefire".split())
#: "declare" performing an act rather than reporting words: its object is the act
#: ("declared a state of emergency", "declared allegiance to him"; a declaration of war is a statement
#: of its own, and annotated as one on the train split).
DECLARE_FORMS = frozenset("declare declares declared declaring".split())
DECLARED_ACTS = frozenset("victory bankruptcy allegiance emergency candidacy independence holiday insolvency".split())

#: Plurals without an -s: "the women say" is a subject and its verb, not a compound noun.
IRREGULAR_PLURALS = frozenset("people women men children police staff media data public crew team clergy folks".split())

#: Nouns announcing what someone said before a colon ("sent him a message: He must stop"); kept
#: where on the train split most such colons open an annotated attribution ("a question:" does not).
MESSAGE_NOUNS = frozenset("message line answer response argument arguments assessment theme request epiphany".split())

#: Messages whose writer speaks in a participle after them ("a series of tweets saying …").
MEDIA_NOUNS = frozenset(
    "tweet tweets statement statements letter letters post posts message messages email emails ad ads "
    "video videos note notes release memo op-ed editorial column conference briefing speech interview".split()
)

#: Where words were said, in a phrase between a source and its cue ("Ola Berg in an interview
#: said", "the union in a statement said"): the phrase is the occasion, not the source.
OCCASION_NOUNS = MEDIA_NOUNS | frozenset("interviews hearing call podcast remarks address".split())

#: Surveys whose findings follow "In a … poll, …" (the poll is the source of what follows).
POLL_NOUNS = frozenset("poll polls survey surveys".split())

#: Cue forms too ambiguous to trust without a following clause or quotation: "state" (a noun as
#: often as a verb), "continued" (continued to rise), "answered"/"recommended" (answered the door),
#: "maintained" (maintained some clout: PolNeAR train, 4 of 13 uses with an object are attributions).
NEEDS_CLAUSE = frozenset(
    "state states stated stating continue continued continues continuing answer answered answers "
    "answering decry decried decries decrying recommend recommended recommends recommending "
    "maintain maintained maintains maintaining".split()
)

#: Participles that attach a second report to the subject of the main clause: "…, saying …".
PARTICIPLE_CUES = frozenset(
    "saying adding noting arguing telling insisting stressing warning explaining claiming asking "
    "calling declaring suggesting writing stating urging pointing acknowledging admitting "
    "predicting promising vowing complaining contending charging accusing describing touting citing praising "
    "blaming announcing slamming criticizing questioning thanking decrying lamenting recalling mocking referring "
    "encouraging chanting shouting yelling tweeting "
    # PolNeAR train: after ", S said," these report what was referred to 7 times in 9
    "referencing mentioning alluding repeating".split()
)

#: Words that may sit between a source and its cue without changing who speaks
#: ("she also said", "he has repeatedly argued", "officials later told").
CUE_ADVERBS = frozenset(
    "also later then again once previously recently repeatedly publicly privately reportedly "
    "has have had would will did does do is was are were been being never not n't already just "
    "first quickly even only further separately earlier subsequently frequently often flatly "
    "simply still always openly initially ultimately finally himself herself themselves itself "
    "angrily bluntly calmly firmly strongly directly specifically explicitly clearly "
    "allegedly apparently famously memorably now however meanwhile instead yet too "
    "didn't didn’t doesn't doesn’t don't don’t wouldn't wouldn’t won't won’t hasn't hasn’t "
    "haven't haven’t hadn't hadn’t isn't isn’t wasn't wasn’t can't can’t couldn't couldn’t "
    "cannot can shall might may could should must".split()
)

#: Quantifiers that float after their subject, before the cue ("they both said", "who have all
#: endorsed him"): stepped over like an adverb when a subject comes before them; alone before the
#: cue ("Both said") they are the subject.
FLOATING_QUANTIFIERS = frozenset({"both", "all", "each"})

#: Phrases after a cue that are not yet the content: time, medium and audience adjuncts.
CUE_ADJUNCT = re.compile(
    r"""(?:\s*,?\s*(?:
        (?:on|last|this|early|late|earlier|later)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)
            |week|month|year|night|morning|afternoon|evening|weekend)(?:\s+(?:morning|afternoon|evening|night))?
        |(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)
            (?:\s+(?:morning|afternoon|evening|night))?
        |in\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?
            (?:statement|interview|speech|email|e-mail|letter|post|tweet|op-ed|memo|release|address|
               report|note|filing|video|appearance|conversation|call|message|remarks|briefing|session)
            (?:\s+(?:with|to|on|at|from|for)\s+(?:the\s+)?[\w.'’-]+(?:\s+[A-Z][\w.'’-]*)*)?
        |(?:to|at)\s+(?:reporters|journalists|supporters|the\s+press|a\s+press\s+conference|a\s+rally|a\s+news\s+conference)
        |(?:in|on|at|via|through)\s+(?:Twitter|Facebook|Instagram|television|TV|radio|air|camera)
        |recently|later|again|repeatedly|publicly|privately|earlier|flatly|simply
    ))+""",
    re.VERBOSE,
)


# --- people: titles, roles, pronouns -------------------------------------------------------------

#: Lower-case particles inside a person's name ("Faf du Plessis", "Ursula von der Leyen", "Lula da
#: Silva", "Mohammed bin Salman"): the name runs on over them.
NAME_PARTICLES = frozenset("de du da der den van von al bin ibn dos das del di".split())

#: Honorifics and office titles that precede a name: dropped from the canonical name, kept as role.
TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother "
    "sen sens senator rep reps representative gov govs governor mayor president vice-president premier chancellor "
    "minister secretary ambassador envoy judge justice gen general col colonel lt lieutenant capt "
    "captain sgt sergeant adm admiral cmdr commander commissioner chief chairman chairwoman chair "
    "councillor councilor councilman councilwoman alderman detective officer inspector superintendent "
    "sheriff attorney-general attorney prosecutor king queen prince princess pope cardinal bishop rabbi "
    "imam speaker spokesman spokeswoman spokesperson coach pastor deputy assemblyman assemblywoman "
    "congressman congresswoman delegate dean director trustee magistrate coroner registrar "
    # abbreviated offices and police ranks of Commonwealth and Indian news ("PM Modi", "CM Chouhan", "DS Beck")
    "pm cm dcm mp mla mep mpp msp cllr dc dci di ds dsi pc psni supt ch insp det "
    # honorifics before Malaysian and West African names ("Datuk Seri Anwar Ibrahim", "Alhaji Musa")
    "datuk dato dato' dato’ datin seri tun alhaji alhaja".split()
)

#: Nouns naming a person's role only before "of" ("…, said Ann Lee, head of the institute"); alone
#: they mean something else, so they are not PERSON_NOUNS.
ROLE_OF_NOUNS = frozenset({"head"})

#: Nouns naming a person by role: "the minister", "a spokeswoman", "the envoy".
PERSON_NOUNS = frozenset(
    "minister envoy diplomat ambassador spokesman spokeswoman spokesperson official president "
    "senator governor mayor secretary chairman chairwoman chair director executive chief ceo founder "
    "lawyer attorney prosecutor judge justice magistrate candidate nominee commissioner councillor councilor "
    "councilwoman councilman lawmaker legislator representative congressman congresswoman "
    "premier chancellor analyst economist expert scientist researcher professor doctor adviser advisor "
    "aide strategist pollster source witness resident voter activist leader manager owner employee "
    "worker teacher student officer detective sheriff inspector commander general captain "
    "king queen prince princess pope bishop pastor priest rabbi imam actor actress singer author "
    "writer journalist reporter columnist editor host anchor commentator critic observer organizer "
    "organiser founder president-elect man woman person mother father son daughter wife husband "
    "businessman businesswoman billionaire veteran survivor victim neighbour neighbor supporter "
    "opponent rival partner member delegate campaigner negotiator mediator regulator operative "
    "consultant historian biographer surgeon nurse physician engineer farmer driver passenger "
    "commuter parent friend colleague insider insiders reader viewer listener narrator caller".split()
)
#: Cues after which "about" belongs to the content: a question about something is on that topic
#: ("asked about the tax returns"), while "talked about X", "joked about X", "worried about X" report X
#: (PolNeAR train: 91 spans after other cues leave "about" out, 16 after these keep it).
ASK_FORMS = frozenset("ask asks asked asking question questions questioned questioning".split())
#: Cue verbs that are also adverbs of direction, with the words that follow the adverb: "bring jobs
#: back to the country", "came back from the rally" are no backing of anything; and cue verbs whose
#: particle gives them another sense: "was written off as a fringe candidate" (dismissed).
ADVERB_CUES = {"back": frozenset("to into from in home up down out on".split()), "write": frozenset({"off"})}
#: Stance verbs that also mean running against someone in an election ("who is challenging Clinton",
#: "to challenge Teachout in the general election": PolNeAR train, 3 of 18 such uses annotated),
#: and the prepositions that make them a challenge in words ("challenge Mr. Trump on immigration").
CONTEST_LEMMAS = frozenset({"challenge"})
CONTEST_TOPICS = frozenset({"on", "over", "to", "about"})
#: Endings of nouns for what a person does ("biologist", "researcher", "historian"): a role in front
#: of a name at the end of an attribution ('said one of the researchers, museum biologist Ana Ruiz').
PERSON_NOUN_ENDINGS = ("ist", "er", "or", "ian", "ant", "ent", "man", "woman", "person")
#: Nouns naming organisations and documents that speak as one: "the company", "the report";
#: "command", "directorate", "secretariat" as West African and South Asian news name police and
#: government bodies ("the police command in Anambra State says").
ORG_NOUNS = frozenset(
    "company firm fund union council ministry department agency government administration campaign "
    "committee commission court party group organization organisation association coalition "
    "foundation institute university school hospital network newspaper paper magazine station "
    "board bank office embassy team club federation league alliance authority authorities "
    "regulator regulators police military army navy parliament congress senate house cabinet "
    "white_house kremlin bureau service center centre council corporation manufacturer maker "
    "airline carrier operator agency charity ngo report study survey poll statement letter "
    "memo lawsuit complaint filing document documents records website blog ad advertisement "
    "spokesperson's command directorate secretariat tribunal".replace("_", " ").split()
)
#: Last words of company names ("Brightwell Appliances", "Acme Motors"): such a name is an organisation.
ORG_NAME_ENDINGS = frozenset(
    "appliances industries systems technologies motors holdings partners airlines airways foods "
    "pharmaceuticals labs laboratories solutions services networks media entertainment energy capital "
    "ventures brands enterprises group inc ltd llc plc corp co gmbh ag sa "
    "pac nations watch".split()
)
#: Nouns for places, events and gatherings: "the forum said" is not a speaker but a misparse of
#: "representatives at the forum said".
NON_SPEAKERS = frozenset(
    "forum meeting conference summit session hearing debate rally event convention ceremony room hall "
    "stage".split()
)
#: Plural nouns for unnamed groups of people: "officials said", "several observers noted".
GROUP_NOUNS = frozenset(
    "officials sources analysts experts observers critics supporters opponents residents voters "
    "activists leaders lawmakers legislators economists scientists researchers aides advisers "
    "advisors strategists diplomats representatives members delegates democrats republicans "
    "conservatives liberals progressives investors executives employees workers protesters "
    "demonstrators organizers organisers officers investigators prosecutors lawyers attorneys "
    "people americans polls surveys reports studies documents records witnesses insiders allies "
    "rivals donors pundits commentators historians doctors nurses parents teachers students "
    "campaigners negotiators authorities regulators police citizens participants attendees "
    "scholars forecasters pollsters operatives consultants readers viewers listeners callers others many some".split()
)

#: Days of the week: never part of a name ("Monday", "One Sunday", "Florida Friday").
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
#: Months and their abbreviations: a name on their own ("February said") only by mistake; in a
#: longer name they may be one ("Theresa May", "Jan Brewer").
MONTHS = frozenset("january february march april may june july august september october november december "
                   "jan feb mar apr jun jul aug sep sept oct nov dec".split())
#: Courtesy titles and their abbreviations: alone ("Ms.", "Sen.") they name nobody.
COURTESY_TITLES = frozenset("mr mrs ms miss mx dr prof sir dame lord lady rev sen sens rep reps gov govs pres".split())

#: Personal pronouns that can be a source, with the gender and number they agree with.
PRONOUNS: dict[str, tuple[str, str]] = {
    "he": ("male", "singular"),
    "she": ("female", "singular"),
    "they": ("any", "plural"),
    "it": ("neuter", "singular"),
    "i": ("any", "singular"),
    "we": ("any", "plural"),
    "who": ("any", "any"),
}
#: First names common enough in English-language news to give a pronoun's gender.
MALE_FIRST = frozenset(
    "john james robert michael william david richard joseph thomas charles christopher daniel "
    "matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george edward ronald "
    "timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon "
    "benjamin samuel frank gregory raymond alexander patrick jack dennis jerry tyler aaron jose adam "
    "henry nathan douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah "
    "gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert "
    "willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby "
    "philip johnny bill chris mike rick ben tim tom jim bob dick angelo luis carlos "
    "pedro miguel ahmed mohammed muhammad ali hassan omar ivan dmitry sergei igor pierre jean "
    "francois hans karl klaus wolfgang giuseppe marco luca paolo hiroshi akira "
    # common short forms
    "jeff bernie ted fred greg ken dan don ron nick matt andy tony steve dave doug ed ray hank chuck".split()
)
FEMALE_FIRST = frozenset(
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty "
    "margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah "
    "stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela "
    "nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria "
    "heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith "
    "megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice "
    "jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle "
    "theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla "
    "chelsea michele madeleine sonia elena "
    "priya aisha fatima mei yuki ingrid greta sofia lucia giulia".split()
)

#: Words that end a noun phrase search: a source is never a function word or a common verb.
NON_NOUNS = frozenset(
    "the a an this that these those and or but if when while because although though as than "
    "to of in on at by for with from into about over after before under between through during "
    "is was are were be been being has have had do does did will would can could should may "
    "might must shall not no yes so very also just only even still there here where what which "
    "whose whom how why all any each every both either neither more most less least much many "
    "it its his her their our my your him them us me let".split()
)
#: Words that open a sentence or a clause but never a name: conjunctions, prepositions and
#: sentence adverbs. Capitalised in front of a name only because they start the sentence ("Then
#: DuPont announced", "But Mr. Trump said", "For President Obama, …"), so a name or a source noun
#: phrase never starts with (or runs over) one.
NAME_BREAKERS = frozenset(
    "and but or nor so yet for as if when while whenever because although though whereas unless until "
    "since once after before during despite amid amidst among like unlike with without within by from "
    "to of in on at into onto over under about against across along between through throughout toward "
    "towards upon via per then now instead meanwhile however moreover furthermore nevertheless "
    "nonetheless likewise similarly otherwise thus hence therefore indeed perhaps maybe also still even "
    "only just here there why how what where whether asked last next today yesterday tonight tomorrow "
    "later earlier sometimes often always usually generally typically".split()
)
#: Place prepositions that open a scene-setting phrase before the subject ("Outside the arena, about
#: 200 protesters …", "Alongside her, the senator …"); the phrase ends at its comma.
SCENE_PREPOSITIONS = frozenset("outside inside alongside behind beside near beyond across around "
                               "throughout among underneath".split())
#: Words ending in -ing that open no participle clause: pronouns and nouns ("…, he said, nothing
#: will change", "…, she said, everything was ready").
ING_NOUNS = frozenset("nothing something anything everything evening morning building meeting king thing".split())
#: "-ing" words that are prepositions: ", including two teenagers" goes on with the content, where
#: ", adding that …" starts the source's next clause.
PREPOSITION_INGS = frozenset("including excluding regarding concerning following involving notwithstanding".split())
#: Speakers that are nobody in particular: never what a later "he" or "she" refers to.
NOBODY = frozenset({"no one", "no-one", "nobody", "none", "everyone", "everybody", "anyone", "anybody"})
#: Number words: "Twenty-four hours after …" opens a sentence with a number, never a name.
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions billion dozen dozens".split()
)
#: Nouns ending in "-ly", which the rules would otherwise step over as adverbs ("The lawyer for
#: the family said": the family is the end of the source, not an adverb before the cue).
LY_NOUNS = frozenset("family ally rally assembly supply anomaly monopoly bully italy".split())
#: "It's", "That’s", "There's": a contraction, never a name or a source ("He's said" is "he").
CONTRACTION = re.compile(r"(?:it|that|there|here|what|where|let)['’]s$", re.IGNORECASE)
#: "He's", "she’s": a pronoun with "is"/"has", which can be a source.
PRONOUN_CONTRACTION = re.compile(r"(he|she|they|we|i)['’](?:s|re|ve|d|ll|m)$", re.IGNORECASE)
#: Determiners and quantifiers before a capitalised word: "The FBI", "Some Democrats", "More
#: Republicans" are a body or a group described, not a person's name.
NAME_DETERMINERS = frozenset("the a an this that these those".split())
NAME_QUANTIFIERS = frozenset("some many more most several other others another both all few each every no any "
                             "much less fewer".split())
#: Plural identity nouns that name a group when capitalised ("Republicans", "Millennials").
GROUP_NAMES = frozenset(
    "democrats republicans independents conservatives liberals progressives libertarians americans "
    "evangelicals millennials catholics christians muslims jews latinos hispanics immigrants "
    "clintonites trumpers".split()
)
#: Places whose government or people speak as one ("China warned", "the United States said"):
#: never a person, however many words they have. US states and countries often in the news.
PLACE_NAMES = frozenset(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii "
    "idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan "
    "minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania "
    "tennessee texas utah vermont virginia washington wisconsin wyoming "
    "america britain china russia france germany japan india iran iraq israel mexico canada cuba "
    "syria turkey egypt pakistan afghanistan ukraine italy spain brazil australia korea "
    "europe africa asia".split()
) | frozenset((
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
    "south carolina", "south dakota", "rhode island", "west virginia", "united states",
    "united kingdom", "saudi arabia", "north korea", "south korea", "new york city", "puerto rico",
))
#: Role words that come before a name in a capitalised run ("Senate Majority Leader Mitch
#: McConnell", "FBI Director James Comey"): the name is what follows the last of them.
ROLE_TITLES = frozenset(
    "leader director secretary speaker counsel editor correspondent anchor host founder ceo executive "
    "nominee candidate manager strategist adviser advisor aide analyst chairman chairwoman chair "
    "president vice-president spokesman spokeswoman spokesperson minister lady treasurer whip "
    "administrator commissioner ambassador governor senator representative rival opponent".split()
)
#: Party labels that precede a name ("Republican Donald Trump", "Democrat Hillary Clinton"): a
#: description of the person, kept as the role, never part of the name.
PARTY_WORDS = frozenset(
    "republican republicans democrat democrats democratic gop independent libertarian conservative "
    "liberal progressive labour labor tory socialist".split()
)
#: A member of a party, as a noun: "the Ohio Democrat" describes a person, not a name.
PARTY_MEMBERS = frozenset("republican democrat independent libertarian conservative liberal progressive tory "
                          "socialist".split())
#: Words that end a capitalised name run only as a dated abbreviation, not a sentence ("Sen.", "Jr."):
#: a run goes on over "Sen. Ted Cruz" but stops at "… in Texas. Trump …".
NAME_ABBREVIATIONS = (
    "Mr Mrs Ms Dr Prof Sen Sens Rep Reps Gov Govs Gen Lt Col Capt Sgt Adm Cmdr Rev Fr Pres Atty Supt "
    "Det Insp Hon Jr Sr St Mt Ft".split()
)

#: Upper-case labels that open notes, not transcript turns ("CORRECTION: …", "UPDATE: …").
NOT_SPEAKER_LABELS = frozenset(
    "correction corrections update updated clarification editor's editor’s note video watch photo photos "
    "previously related breaking exclusive live source sources disclosure warning advertisement".split()
)

#: Words news prints in lower case far more often than capitalised mid-sentence ("did", "having",
#: "there", "young"), learned from the PolNeAR train texts (``quotedb.parse.learn``): capitalised
#: at the start of a sentence they are not a name ("Did Trump …", "Having lost, …"). Common first
#: names are left out ("Will", "Hope").
COMMON_WORDS = frozenset(
    (Path(__file__).with_name("data") / "common_words.txt").read_text(encoding="utf-8").split()
) - MALE_FIRST - FEMALE_FIRST

# --- article furniture ---------------------------------------------------------------------------

#: Page furniture that web pages put inside a paragraph, often glued to the next sentence
#: ("Article continues after this advertisementEnrile was the first …"): the line is cut there.
INLINE_FURNITURE = re.compile(
    r"(?i:(?:article|story)\s+continues\s+(?:below|after\s+(?:this|the)?\s*(?:advertisement|ad\b))"
    r"|continue\s+reading\s+(?:below|the\s+main\s+story)|scroll\s+to\s+continue\s+with\s+content)"
    r"|\bADVERTISEMENT\b"
)
#: What every INLINE_FURNITURE match holds (lower-cased): "advertisement", or "continue" and one
#: of the words after it. A line without them skips the regex, which costs as much as the rest of
#: reading the layout.
INLINE_FURNITURE_MARKER = "advertisement"
INLINE_FURNITURE_CONTINUES = ("below", "after", "reading", "content")
#: Lines that are site furniture, not article text: links to other stories, credits, copyright;
#: a staff title under the byline ("Senior Digital Journalist"), wire notes to editors ("(ATTN: ADDS
#: details)", "(END)"), a reporter's e-mail address alone, and
#: the numbers and bullets of a "most read" list (the headline after a number is furniture too).
BOILERPLATE = re.compile(
    r"""^\s*(?:
        (?:read|see|watch|listen)\s+(?:more|also|the\s+rest|the\s+full|here)\b.*
       |related(?:\s+(?:stories|articles|coverage|content|links))?\s*:?.*
       |\((?:with\s+(?:input|inputs|reporting)\s+from|cover|photo|image|video|reporting\s+by|editing\s+by|additional\s+reporting)\b[^)]*\)\s*
       |(?:copyright|©|\(c\))\b.*
       |all\s+rights\s+reserved.*
       |(?:photo|image|video|picture|file\s+photo)\s*(?:credit)?\s*:.*
       |(?:follow|subscribe|sign\s+up|click\s+here|share\s+this|advertisement|listen\s+to\s+this)\b.{0,80}
       |(?:avatar\s+)?(?:image|photo|video|picture|graphic|gallery|advertisement|print|email|share|comments?)\s*
       |(?:[\w-]+\s+){0,3}(?:journalist|reporter|correspondent|editor|writer|columnist|contributor)\s*
       |\(?(?:comments\s+are\s+moderated|leave\s+a\s+comment|comment\s+policy|join\s+the\s+conversation)\b.*
       |(?:editing|reporting|writing)\s+by\s+.{0,120}
       |(?:image|media|video)\s+(?:caption|source)\b.*
       |\((?:attn|end)\b[^)]*\)\s*
       |[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*
       |(?:\d{1,2}|[-\u2022])\s*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
#: The end of a photo caption ("… at the briefing. File photo.", "… (Photo: Jane Roe / AFP)",
#: "… Image: Sunday Times/Esa Alexander"): the line is furniture, however it starts.
#: A caption ends its line; searching the line's last CAPTION_TAIL characters is enough, and only
#: when they hold one of CAPTION_WORDS (lower-cased), as every CAPTION match does.
CAPTION_TAIL = 200
CAPTION_WORDS = ("photo", "picture", "image", "credit", "/")
CAPTION = re.compile(
    r"""(?:\bfile\s+(?:photo(?:graph)?|picture|image)(?:\s*:\s*[^.!?]{1,80})?
        |\bcredit\s*:\s*[^.!?]{1,80}
        |\((?:photo|image|picture|credit)\b[^)]*\)
        |\b(?:photo|image|picture)\s*(?:credit)?\s*:\s*[^.!?]{1,80}
        |\s/\s*(?:getty\s+images|afp|reuters|ap|epa|bloomberg|shutterstock)
    )\s*\.?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
#: "By Jane Doe" / "By Jane Doe and John Roe, Reuters" byline lines.
BYLINE = re.compile(r"^\s*[Bb][Yy]\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*(?:,|and)\s*[\w.'’ -]{0,60})?\s*$")
#: Agreeing or disagreeing with what was just said ("Ann Smith agreed.") announces a quotation that
#: follows in the same paragraph, like a speech verb with nothing after it.
AGREEMENT_FORMS = frozenset("agree agrees agreed disagree disagrees disagreed".split())

#: Common nouns that can name a source without a name ("officials", "the company", "the poll",
#: "a video"): a capitalised one opening a sentence is a description, not a name.
SOURCE_NOUNS = PERSON_NOUNS | GROUP_NOUNS | ORG_NOUNS | EVIDENCE_NOUNS | MEDIA_NOUNS

#: Month abbreviations and the punctuation of a date in brackets after a time word ("today
#: (6 Nov.)", "Monday (Sept. 4)"): stepped over between a source and its cue.
DATE_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec . ,".split())
#: Objects that point back to what was said before ("disclosed this", "said so"), and what may follow
#: them without adding any content (an occasion, a place, a time): then there is no content here.
BACK_REFERENCES = frozenset({"this", "these", "so"})
AFTER_BACK_REFERENCE = frozenset("in on at during after before via through while when , . ; to".split())
#: Words before a passive "asked" without an auxiliary ("when asked whether …", ", asked about …"),
#: and the words that open the question asked.
WHEN_ASKED = frozenset("when whenever if after once while before".split())
QUESTION_WORDS = frozenset("whether if how why what when where who which about".split())
#: Words opening a time phrase after "and" that starts the writer's next clause ("announced the
#: amount and a day later, Ghana recorded …"), besides prepositions and time words.
WHEN_WORDS = frozenset("just then later soon shortly a only hours days".split())
#: Adverbs that may come before a subordinator opening a sentence ("Back when …", "Even if …").
SUBORDINATOR_ADVERBS = frozenset("back even just only right ever long soon".split())
#: Words that end a participle phrase after a source ("Officials investigating the crash said"):
#: a clause or a comparison begins, so the -ing word before is no such phrase.
PHRASE_BREAKS = frozenset("as when while that who which because if than".split())
#: The -ing forms of auxiliaries: they open no participle phrase of their own ("Trump being under fire").
AUXILIARY_INGS = frozenset({"being", "having"})
#: Prepositions (besides "of"-like ones) after which a cue word's -s form is a plural noun ("to
#: chants of", "amid calls for", "to requests for comment"): a verb never follows a preposition.
NOUN_PREPOSITIONS = frozenset("to amid despite after before among between against".split())
#: What follows an -ing word opening a sentence that opens a phrase, not a name: a preposition or a
#: determiner ("Walking into the office", "Addressing the crowd"); a surname is followed by its verb
#: or an apposition ("Manning said", "Manning, the coach, …").
ING_PHRASE_AFTER = re.compile(r"\s+(?:into|to|at|on|in|through|from|with|the|a|an|his|her|their|its|our)\b")
