"""Seeded synthetic news articles for the ingest benchmark and the crash and concurrency tests.

Each article looks like a wire story: a seed-style header (section, dateline with zone,
headline, outlet), then 12-20 paragraphs of about 4,500 characters in all, with the quote
density of the PolNeAR dev split (about 20 statements per article): direct quotes with the
speaker before or after, split quotes, reported speech with "said (that)", "according to",
pronoun and surname second references, and narrative sentences between them. Article ``i``
of a seed is the same text on every machine, so tests and shards can make any part of a corpus.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

FIRST = "Ana Maria Tomas Li Omar Priya Jonas Elena Kwame Sofia Daniel Mei Ivan Lucia Samuel Nadia Pedro Hana".split()
LAST = "Ruiz Okafor Lindqvist Chen Haddad Novak Moreau Santos Kowalski Tanaka Mensah Fischer Duarte Reyes Adeyemi".split()
ROLES = [
    "the city's transport commissioner", "a spokesperson for the ministry", "the union's regional secretary",
    "an economist at the central bank", "the mayor", "the opposition leader", "a senior diplomat",
    "the company's chief executive", "a professor of public health", "the police chief",
]  # fmt: skip
OUTLETS = ["Harbour Times", "Northern Wire", "Capital Daily", "Coastal Herald", "Metro Ledger", "Valley Post"]
SECTIONS = ["World", "Politics", "Business", "Health", "Local", "Science"]
CUES = ["said", "added", "told reporters", "warned", "noted", "argued", "insisted", "stressed"]
TOPICS = (
    "budget tram line harbour vaccine tariff election bridge reform pension strike drought council "
    "refinery school hospital subsidy airport ceasefire treaty housing rail grid wage port"
).split()
WORDS = (
    "we our plan will need more time money support people city country government the a this that "
    "because and but not never always every new old public private local national clear strong "
    "decision delay cost risk result future workers families businesses week month year today "
    "must should could would can has have is are was were be been very quite only also still"
).split()


def _clause(rng: random.Random, topic: str, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    words.insert(rng.randrange(1, n), topic)
    return " ".join(words)


def _sentence(rng: random.Random, topic: str) -> str:
    return _clause(rng, topic, rng.randint(9, 18)).capitalize()


def article(seed: int, index: int) -> dict[str, str]:
    """Article ``index`` of corpus ``seed``: a JSON Lines record (``text`` and ``url``)."""
    rng = random.Random(seed * 1_000_003 + index)
    topic = rng.choice(TOPICS)
    people = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES)) for _ in range(rng.randint(2, 4))]
    outlet = rng.choice(OUTLETS)
    day = 1 + index % 28
    paragraphs = [
        f"{rng.choice(SECTIONS)}\n2024.05.{day:02d} 09:{index % 60:02d} GMT+2",
        f"The {topic} row deepens as officials trade blame ({index})",
        f"Updated 2024.05.{day:02d} 11:{index % 60:02d} GMT+2\n{outlet}",
    ]
    introduced: set[str] = set()
    for _ in range(rng.randint(12, 20)):
        name, role = rng.choice(people)
        surname = name.split()[1]
        who = surname if name in introduced else f"{name}, {role},"
        introduced.add(name)
        quote, reported = _sentence(rng, topic), _clause(rng, topic, rng.randint(10, 16))
        cue = rng.choice(CUES)
        shapes = [
            f'"{quote}," {who.rstrip(",")} {cue}. "{_sentence(rng, topic)}."',
            f'{who} {cue} that {reported}. "{quote}," {"he" if rng.random() < 0.5 else "she"} added.',
            f'"{quote}," {cue} {surname}, "but {_clause(rng, topic, 8)}."',
            f"According to {surname}, {reported}. {_sentence(rng, topic)}.",
            f"{_sentence(rng, topic)}. {who.rstrip(',')} {cue} {reported}, saying {_clause(rng, topic, 9)}.",
            f"{_sentence(rng, topic)}. {_sentence(rng, topic)}.",
        ]
        paragraphs.append(rng.choice(shapes))
    paragraphs.append(f"(With input from {rng.choice(OUTLETS)})")
    return {
        "text": "\n\n".join(paragraphs) + "\n",
        "url": f"https://news.example/{seed}/{index}",
    }


def articles(seed: int, start: int, stop: int) -> Iterator[dict[str, str]]:
    for i in range(start, stop):
        yield article(seed, i)


def write_jsonl(path: Path, seed: int, start: int, stop: int) -> Path:
    """Articles ``start``..``stop - 1`` as one JSON Lines file."""
    with path.open("w", encoding="utf-8") as fh:
        for record in articles(seed, start, stop):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_files(folder: Path, seed: int, start: int, stop: int) -> list[Path]:
    """Articles ``start``..``stop - 1`` as one text file each (the seed-style header carries the metadata)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, record in zip(range(start, stop), articles(seed, start, stop)):
        path = folder / f"article-{i:06d}.txt"
        path.write_text(record["text"], encoding="utf-8")
        paths.append(path)
    return paths
