"""Parser speed: articles/s and chars/s of ``parse_article`` against a plain regex scan of the same texts.

Usage: ``python benchmarks/parse_speed.py [DIR_OR_FILES ...] [--repeat N]``. Without arguments it
reads the dev texts (``../shared/eval/polnear-dev/text``) when present, else ``fixtures/articles``.
The baseline, measured in the same run, finds every quotation mark and cue word with one
precompiled regex: the ratio says what the parser's rules cost on top of reading the text once.
It then times adversarial inputs one by one: none but the 1 MB and 5 MB single lines may take over
50 ms, and the 5 MB one must scale linearly (its time is compared with a 1 MB line of the same kind).

Every figure is given as wall time and as CPU time of this process (``time.process_time``): on a
shared machine the wall figure moves with the load, the CPU figure much less. The limits are
judged on CPU time, the figure that measures the parser rather than its neighbours.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from quotedb.parse import parse_article

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = (ROOT.parent / "shared" / "eval" / "polnear-dev" / "text", ROOT / "fixtures" / "articles")
BASELINE = re.compile(r"[\"“”‘’«»]|\b(?:said|says|told|according to|added|wrote)\b")
LIMIT_MS = 50.0
MIN_RATE = 300.0  # articles/s on one core for ~5,000-char articles (CPU time)


def load(paths: list[str]) -> list[str]:
    """Texts of the given files and folders (``*.txt``), or of the first default folder found."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        files.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    if not paths:
        for d in DEFAULT_DIRS:
            if d.is_dir() and any(d.glob("*.txt")):
                files = sorted(d.glob("*.txt"))
                break
    return [f.read_text(encoding="utf-8") for f in files]


def adversarial() -> dict[str, str]:
    """Inputs built to find quadratic behaviour: long paragraphs, many marks, deep nesting."""
    sentence = 'The mayor said the plan "would cost more than expected," and officials disagreed. '
    return {
        "100 KB paragraph": (sentence * (100_000 // len(sentence) + 1))[:100_000],
        "5,000 unpaired quote marks": "Headline\n\n" + ' "word' * 5_000,
        "5,000 curly marks, one paragraph": "Headline\n\n" + "\u201c a \u201d b " * 2_500,
        "apostrophes and single marks": "Headline\n\n" + "the voters' 'choice' isn't ‘clear’ " * 2_000,
        "nesting 500 deep": "Headline\n\n" + "\u201cHe said \u2018" * 250 + "x" + "\u2019\u201d" * 250 + " she said.",
        "1,000 short paragraphs": "Headline\n" + "\"Yes,\" he said.\r\n" * 1_000,
        "1 MB single line": ("He said the vote was close. " * 40_000)[:1_000_000],
        "5 MB single line": ("He said the vote was close. " * 200_000)[:5_000_000],
    }


class Best:
    """Best wall and best CPU time seen over several runs (each the least disturbed figure)."""

    def __init__(self) -> None:
        self.wall = self.cpu = float("inf")

    def run(self, fn: Callable[[], object]) -> None:
        w, c = time.perf_counter(), time.process_time()
        fn()
        c, w = time.process_time() - c, time.perf_counter() - w
        self.wall, self.cpu = min(self.wall, w), min(self.cpu, c)

    def ms(self) -> str:
        return f"{self.wall * 1000:8.1f} ms wall {self.cpu * 1000:8.1f} ms CPU"


def parse_all(texts: list[str], each: list[Best]) -> None:
    """One pass over the corpus, timing every article on its own as well."""
    for text, best in zip(texts, each):
        best.run(lambda: parse_article(text))


def scan_all(texts: list[str]) -> None:
    """The baseline: one precompiled regex over every text."""
    for text in texts:
        sum(1 for _ in BASELINE.finditer(text))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5, help="passes over the corpus (best pass counts)")
    args = ap.parse_args(argv)
    repeat = max(1, args.repeat)
    texts = load(args.paths)
    if not texts:
        print("no texts found", file=sys.stderr)
        return 1
    chars, n = sum(len(t) for t in texts), len(texts)
    parse, base = Best(), Best()
    each = [Best() for _ in texts]
    for _ in range(repeat):
        parse.run(lambda: parse_all(texts, each))
        base.run(lambda: scan_all(texts))
    print(f"corpus: {n} articles, {chars:,} chars ({chars / n:,.0f} per article)")
    for name, b in (("parse_article", parse), ("regex baseline", base)):
        print(
            f"{name:15} {n / b.wall:8.1f} articles/s wall {n / b.cpu:8.1f} articles/s CPU"
            f"  {chars / b.cpu / 1e6:6.2f} M chars/s CPU  ({b.cpu / n * 1000:.2f} ms CPU per article)"
        )
    print(f"ratio: parser is {parse.wall / base.wall:.1f}x the baseline's wall time, {parse.cpu / base.cpu:.1f}x its CPU time")
    worst = max(range(n), key=lambda i: each[i].cpu)
    print(f"slowest article: #{worst} ({len(texts[worst]):,} chars) {each[worst].ms()}")
    failed = n / parse.cpu < MIN_RATE or each[worst].cpu * 1000 > LIMIT_MS
    times: dict[str, Best] = {}
    for name, text in adversarial().items():
        times[name] = b = Best()
        for _ in range(1 if name.endswith("single line") else repeat):
            b.run(lambda: parse_article(text))
        exempt = name.startswith(("5 MB", "1 MB"))
        flag = "" if exempt or b.cpu * 1000 <= LIMIT_MS else "  OVER 50 ms"
        failed = failed or bool(flag)
        print(f"adversarial {name:34} {b.ms()}{flag}")
    growth = times["5 MB single line"].cpu / times["1 MB single line"].cpu
    print(f"5 MB / 1 MB CPU time: {growth:.1f} (linear is 5)")
    failed = failed or growth > 8
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
