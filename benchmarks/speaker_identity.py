"""Who said it across a corpus: one person, one speaker row, and a conflicts report worth reading.

Ingests the PolNeAR train and dev texts next to the checkout (``../shared/eval/polnear-*/text``,
924 election articles; nothing of them is stored in the repository) into a fresh SQLite
database with ``quotedb ingest``, runs ``quotedb link``, and prints:

* speaker rows, and rows per distinct identity key;
* for the 20 people with most statements, the share of "their" statements on their main row,
  where theirs are the statements of every person row of the same surname that is the bare
  surname, shares the first name or its initial, or ends with the whole name ("Trump", "Donald
  J. Trump", "Vermonter Bernie Sanders", but not "Eric Trump"): the figure the speakers issue
  asks to be >= 97 %;
* rows that are junk by construction: one word that is a weekday, a month, a courtesy title, a
  pronoun, a digit, or a common lower-case word capitalised only because it opened a sentence;
* claims listed by ``quotedb claims`` (seen more than once), those under five words, and the
  conflicts ``quotedb claims --conflicts`` lists, printed for a hand-check.

    python benchmarks/speaker_identity.py [--keep DB]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from quotedb.parse import vocab

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
QUOTEDB = str(Path(sys.executable).with_name("quotedb"))


def corpus(out: Path) -> int:
    """The train and dev texts as one JSON Lines file; returns how many."""
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for split in ("polnear-train", "polnear-dev"):
            for path in sorted((SHARED / split / "text").glob("*.txt")):
                outlet = path.name.split("_", 1)[0]
                fh.write(json.dumps({"text": path.read_text(encoding="utf-8"), "outlet": outlet, "url": f"polnear:{split}/{path.name}"}) + "\n")
                n += 1
    return n


def run(*args: str) -> str:
    return subprocess.run([QUOTEDB, *args], check=True, capture_output=True, text=True).stdout


def junk(name: str) -> bool:
    if " " in name:
        return False
    low = name.lower().rstrip(".")
    return (
        low in vocab.WEEKDAYS or low in vocab.MONTHS or low in vocab.COURTESY_TITLES or low in vocab.PRONOUNS
        or low.isdigit() or low in vocab.COMMON_WORDS
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", help="keep the database at this path")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or str(Path(tmp) / "corpus.sqlite")
        texts = corpus(Path(tmp) / "corpus.jsonl")
        clock = time.perf_counter()
        print(run("--db", db, "ingest", str(Path(tmp) / "corpus.jsonl")).strip(), f"({texts} texts, {time.perf_counter() - clock:.1f} s)")
        print(run("--db", db, "link").strip())
        con = sqlite3.connect(db)
        rows = con.execute(  # one row per speaker: id, name, kind, surname, identity key, statements, named
            "SELECT sp.id, sp.name, sp.kind, sp.surname, sp.identity_key, count(st.id), sp.named FROM speakers sp "
            "LEFT JOIN statements st ON st.speaker_id = sp.id GROUP BY sp.id"
        ).fetchall()
        keys = {r[4] for r in rows}
        print(f"speaker rows: {len(rows)}, distinct identity keys: {len(keys)}")
        by_surname: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
        for sid, name, kind, surname, _, n, named in rows:
            if kind in ("person", "unknown") and named:  # a description ("a spokesman for X") is someone else
                by_surname[(surname or name).lower()].append((sid, name, n))
        people = sorted((r for r in rows if r[2] == "person" and r[3]), key=lambda r: -r[5])
        seen: set[str] = set()
        worst = 1.0
        print("top 20 people: statements on the main row / statements of every row that may be them")
        for sid, name, _, surname, _, n, _ in people:
            if surname in seen or len(seen) == 20:
                continue
            seen.add(surname)
            first = name.split()[0].lower()
            theirs = sum(
                m for oid, other, m in by_surname[surname]
                if " " not in other or other.split()[0].lower() in (first, first[:1]) or other.split()[0].lower().rstrip(".") == first[:1]
                or other.lower().endswith(" " + name.lower())  # "Vermonter Bernie Sanders"
            )
            share = n / theirs if theirs else 1.0
            worst = min(worst, share)
            print(f"  {name:28} {n:5} / {theirs:5}  {share:6.1%}")
        print(f"  lowest share: {worst:.1%}")
        bad = [(name, n) for _, name, _, _, _, n, named in rows if named and junk(name)]
        print(f"junk named rows: {len(bad)} {bad[:20]} (per-article descriptions such as 'Police' are not named rows)")
        claims = json.loads(run("--db", db, "claims", "--format", "json", "--limit", "100000") or "[]")
        short = [c for c in claims if len(c["text"].split()) < 5]
        print(f"claims listed: {len(claims)}, under five words: {len(short)} {[c['text'] for c in short][:10]}")
        conflicts: dict[int, list[dict[str, str]]] = defaultdict(list)
        for row in json.loads(run("--db", db, "claims", "--conflicts", "--format", "json", "--limit", "100000") or "[]"):
            conflicts[row["claim_id"]].append(row)
        print(f"conflicts listed: {len(conflicts)}, under five words: {sum(len(r[0]['claim_text'].split()) < 5 for r in conflicts.values())}")
        for claim_id, occurrences in conflicts.items():
            print(f"  claim {claim_id}: {occurrences[0]['conflict_reason']} | {occurrences[0]['claim_text'][:100]}")
            for o in occurrences:
                print(f"      statement {o['statement_id']} ({o['outlet']}): {o['speaker']}")


if __name__ == "__main__":
    main()
