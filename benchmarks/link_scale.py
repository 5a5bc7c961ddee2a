"""How fast and how well ``quotedb link`` groups a synthetic corpus with planted variants.

For each size: a fresh SQLite database is filled with the seeded corpus (benchmarks/corpus.py),
then ``link`` runs in a child process (so its peak memory is its own) and the claims are scored
against the planted truth (pairwise precision and recall). Then 1,000 more statements (half of
them new variants of quotes already stored) are linked incrementally and compared with a full
rebuild of the same database: claims and links must be identical.

Baselines measured in the same run: all-pairs ``fuzz.ratio`` throughput (rapidfuzz ``cdist``,
2 workers), which gives how long exhaustive comparison would take at each size; and, on a
corpus small enough for it (``--exhaustive``), the claims exhaustive all-pairs verification
finds, against which the fingerprint blocking's recall and precision are measured.

    python benchmarks/link_scale.py --sizes 10000 100000 1000000
    python benchmarks/link_scale.py --sweep 100000     # precision/recall per threshold
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import Generator, Planted, load, pair_scores  # noqa: E402

from quotedb.link import ELIDED_PIECE_WORDS, Settings, components, link, verify  # noqa: E402
from quotedb.store import Store  # noqa: E402
from quotedb.textnorm import normalize  # noqa: E402


def run_link(path: str, full: bool) -> dict[str, float | str]:
    """``link`` in a child process: its wall time, and its own peak resident memory (Linux)."""
    # VmHWM, not ru_maxrss: getrusage keeps the peak across exec, so it would report this
    # (large) parent's size at fork time; the high-water mark of the new address space does not
    code = (
        "import json, re; from quotedb.link import link; from quotedb.store import Store; "
        f"s = Store.open({path!r}); r = link(s, full={full}); s.close(); "
        "hwm = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)); "
        "print(json.dumps({'seconds': r.seconds, 'line': r.line(), 'peak_mb': hwm / 1024}))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def claims_and_links(path: str) -> tuple[list[int], set[tuple[int, int, str, float]]]:
    import sqlite3

    conn = sqlite3.connect(path)
    claims = [c for (c,) in conn.execute("SELECT claim_id FROM statements ORDER BY id")]
    links = set(conn.execute("SELECT statement_a_id, statement_b_id, method, score FROM statement_links"))
    conn.close()
    return claims, links


def variant_recall(planted: list[Planted], claims: list[int]) -> dict[str, float]:
    """Per kind of variant: the share that ended in the same claim as its base's original."""
    original = {p.truth: c for p, c in zip(planted, claims) if p.variant == "original"}
    hits: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for p, c in zip(planted, claims):
        if p.variant in ("original", "generic") or p.truth not in original:
            continue
        total[p.variant] += 1
        hits[p.variant] += c == original[p.truth]
    return {k: round(hits[k] / total[k], 4) for k in sorted(total)}


def ratio_throughput(texts: list[str]) -> float:
    """All-pairs ``fuzz.ratio`` pairs per second with 2 workers, measured on ``texts``."""
    norms = [normalize(t).text for t in texts]
    start = time.perf_counter()
    process.cdist(norms, norms, scorer=fuzz.ratio, score_cutoff=90, dtype=np.uint8, workers=2)
    return len(norms) ** 2 / (time.perf_counter() - start)


def exhaustive_claims(texts: list[str], settings: Settings) -> list[int]:
    """Claims from verifying every pair with the linker's own rules (no fingerprint blocking).

    ``cdist`` (2 workers) scores all pairs with ``ratio`` and ``partial_ratio`` (and every
    piece of an elided text against all texts); every pair that any of them could pass goes
    through ``verify`` and ``components``, as in the linker.
    """
    norms = [normalize(t) for t in texts]
    flat = [x.text for x in norms]
    cut = min(settings.near, settings.partial)
    near = process.cdist(flat, flat, scorer=fuzz.ratio, score_cutoff=settings.near, dtype=np.uint8, workers=2)
    part = process.cdist(flat, flat, scorer=fuzz.partial_ratio, score_cutoff=cut, dtype=np.uint8, workers=2)
    pairs = {(int(i), int(j)) for i, j in zip(*np.nonzero(near | part)) if i < j}
    for i, x in enumerate(norms):
        pieces = [p for p in x.pieces if p.count(" ") + 1 >= ELIDED_PIECE_WORDS]
        if len(x.pieces) < 2 or not pieces:
            continue
        scores = process.cdist(pieces, flat, scorer=fuzz.partial_ratio, score_cutoff=cut, dtype=np.uint8, workers=2)
        pairs.update((min(i, int(j)), max(i, int(j))) for j in np.nonzero(scores.min(axis=0))[0] if j != i)
    links = [(i, j, *found) for i, j in sorted(pairs) if (found := verify(norms[i], norms[j], settings))]
    claims, _ = components(norms, links)
    return claims


def bench(size: int, seed: int, workdir: Path, exhaustive: bool) -> dict[str, object]:
    gen = Generator(seed)
    planted = gen.statements(size)
    extra = gen.statements(1000, old_share=0.5)
    path = str(workdir / f"link-{size}.sqlite")
    Store.open(path).close()
    start = time.perf_counter()
    load(path, planted)
    loaded = time.perf_counter() - start
    result: dict[str, object] = {"statements": size, "load_s": round(loaded, 1)}
    full = run_link(path, full=True)
    claims, _ = claims_and_links(path)
    precision, recall = pair_scores([p.truth for p in planted], claims)
    result.update(
        link_s=round(float(full["seconds"]), 2), peak_mb=round(float(full["peak_mb"])), summary=full["line"],
        precision=round(precision, 4), recall=round(recall, 4), variant_recall=variant_recall(planted, claims),
    )  # fmt: skip
    if exhaustive:
        start = time.perf_counter()
        truth = exhaustive_claims([p.text for p in planted], Settings())
        result["exhaustive_s"] = round(time.perf_counter() - start, 1)
        p_ex, r_ex = pair_scores(truth, claims)
        result.update(precision_vs_exhaustive=round(p_ex, 4), recall_vs_exhaustive=round(r_ex, 4))
        p_tr, r_tr = pair_scores([p.truth for p in planted], truth)
        result.update(exhaustive_precision=round(p_tr, 4), exhaustive_recall=round(r_tr, 4))
    load(path, extra, first_id=size + 1)
    inc = run_link(path, full=False)
    inc_claims, inc_links = claims_and_links(path)
    shutil.copy(path, path + ".rebuild")
    rebuilt = run_link(path + ".rebuild", full=True)
    re_claims, re_links = claims_and_links(path + ".rebuild")
    p_all, r_all = pair_scores([p.truth for p in planted + extra], inc_claims)
    result.update(
        incremental_s=round(float(inc["seconds"]), 2), incremental_peak_mb=round(float(inc["peak_mb"])),
        incremental_summary=inc["line"], rebuild_s=round(float(rebuilt["seconds"]), 2),
        incremental_equals_rebuild=inc_claims == re_claims and inc_links == re_links,
        precision_after_incremental=round(p_all, 4), recall_after_incremental=round(r_all, 4),
    )  # fmt: skip
    for f in workdir.glob(f"link-{size}.sqlite*"):
        f.unlink()
    return result


#: One threshold changed at a time from the defaults, for ``--sweep``.
SWEEP = (
    [("near", v) for v in (85.0, 88.0, 90.0, 92.0, 95.0)]
    + [("partial", v) for v in (90.0, 95.0, 98.0)]
    + [("min_partial_words", v) for v in (6, 8, 10, 12)]
    + [("max_postings", v) for v in (50, 200, 1000)]
)


def sweep(size: int, seed: int, workdir: Path) -> None:
    """Precision, recall and time of a full link under each threshold of ``SWEEP``."""
    planted = Generator(seed).statements(size)
    truth = [p.truth for p in planted]
    path = str(workdir / f"sweep-{size}.sqlite")
    Store.open(path).close()
    load(path, planted)
    store = Store.open(path)
    for name, value in SWEEP:
        settings = replace(Settings(), **{name: value})
        summary = link(store, settings=settings, full=True)
        claims, _ = claims_and_links(path)
        precision, recall = pair_scores(truth, claims)
        print(json.dumps({"statements": size, name: value, "precision": round(precision, 4), "recall": round(recall, 4),
                          "link_s": round(summary.seconds, 2), "variant_recall": variant_recall(planted, claims)}), flush=True)  # fmt: skip
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--exhaustive", type=int, default=2000, help="corpus size for the exhaustive comparison (0: skip)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", default=None, help="folder for the databases (default: a temporary one)")
    parser.add_argument("--sweep", type=int, default=0, metavar="SIZE", help="only sweep the thresholds on SIZE statements")
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="quotedb-link-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.sweep:
        sweep(args.sweep, args.seed, workdir)
        return
    sample = Generator(args.seed).statements(3000)
    rate = ratio_throughput([p.text for p in sample])
    print(f"baseline: all-pairs fuzz.ratio (cdist, 2 workers) at {rate / 1e6:.1f} M pairs/s", flush=True)
    sizes = ([args.exhaustive] if args.exhaustive else []) + args.sizes
    for size in sizes:
        result = bench(size, args.seed, workdir, exhaustive=size == args.exhaustive)
        pairs = size * (size - 1) / 2
        result["exhaustive_ratio_estimate_s"] = round(pairs / rate, 1)
        result["speedup_vs_exhaustive_ratio"] = round(pairs / rate / float(result["link_s"]), 1)  # type: ignore[arg-type]
        print(json.dumps(result), flush=True)
    print(f"cpu seconds (children): {resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime:.0f}", file=sys.stderr)
    if args.workdir is None and not os.environ.get("KEEP"):  # a folder the user named is theirs
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
