"""Parser speed: articles/s and chars/s of ``parse_article`` against a plain regex scan of the same texts.

Usage: ``python benchmarks/parse_speed.py [DIR_OR_FILES ...] [--repeat N]``. Without arguments it
reads the dev texts (``../shared/eval/polnear-dev/text``) when present, else ``fixtures/articles``.
The baseline, measured in the same run, finds every quotation mark and cue word with one
precompiled regex: the ratio says what the parser's rules cost on top of reading the text once.
It then times adversarial inputs one by one: none but the 5 MB single line may take over 50 ms,
and that one must scale linearly (its time is compared with a 1 MB line of the same kind).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from quotedb.parse import parse_article

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = (ROOT.parent / "shared" / "eval" / "polnear-dev" / "text", ROOT / "fixtures" / "articles")
BASELINE = re.compile(r"[\"“”‘’«»]|\b(?:said|says|told|according to|added|wrote)\b")
LIMIT_MS = 50.0


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


def timed(fn, arg: str, repeat: int) -> float:
    """Best of ``repeat`` runs: the figure least disturbed by whatever else the machine is doing."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5, help="passes over the corpus (best pass counts)")
    args = ap.parse_args(argv)
    texts = load(args.paths)
    if not texts:
        print("no texts found", file=sys.stderr)
        return 1
    chars = sum(len(t) for t in texts)
    best_parse = best_base = float("inf")
    each = [float("inf")] * len(texts)  # every article's best time, like every other figure here
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        for n, text in enumerate(texts):
            s = time.perf_counter()
            parse_article(text)
            each[n] = min(each[n], time.perf_counter() - s)
        best_parse = min(best_parse, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for text in texts:
            sum(1 for _ in BASELINE.finditer(text))
        best_base = min(best_base, time.perf_counter() - t0)
    print(f"corpus: {len(texts)} articles, {chars:,} chars ({chars / len(texts):,.0f} per article)")
    print(f"parse_article: {len(texts) / best_parse:8.1f} articles/s  {chars / best_parse / 1e6:6.2f} M chars/s")
    print(f"regex baseline: {len(texts) / best_base:7.1f} articles/s  {chars / best_base / 1e6:6.2f} M chars/s")
    print(f"ratio: parser is {best_parse / best_base:.1f}x the baseline's time")
    worst = max(range(len(texts)), key=each.__getitem__)
    print(f"slowest article: #{worst} ({len(texts[worst]):,} chars) {each[worst] * 1000:.1f} ms")
    failed = each[worst] * 1000 > LIMIT_MS
    times: dict[str, float] = {}
    for name, text in adversarial().items():
        times[name] = timed(parse_article, text, 1 if name.endswith("single line") else max(1, args.repeat))
        exempt = name.startswith(("5 MB", "1 MB"))
        flag = "" if exempt or times[name] * 1000 <= LIMIT_MS else "  OVER 50 ms"
        failed = failed or bool(flag)
        print(f"adversarial {name:34} {times[name] * 1000:9.1f} ms{flag}")
    growth = times["5 MB single line"] / times["1 MB single line"]
    print(f"5 MB / 1 MB time: {growth:.1f} (linear is 5)")
    failed = failed or growth > 8
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
