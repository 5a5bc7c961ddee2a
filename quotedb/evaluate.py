"""Gold readers (brat standoff, JSON) and the attribution scorer the ``quotedb eval`` command runs.

Scoring follows the project's reference scorer exactly, so figures agree with it on the same
articles: a predicted statement matches a gold one when their word-token F1 is at least 0.5;
a prediction overlapping any gold statement is not a false positive; predictions whose spans
overlap a kept one by half or more are duplicates (false positives); for PolNeAR documents the
speaker is right when the predicted mention overlaps the gold source span, otherwise when the
canonical names agree (or overlap by token F1 >= 0.5 for descriptive gold speakers).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from quotedb.errors import InputError
from quotedb.parse import parse_article
from quotedb.parse.assemble import statement_kind

if TYPE_CHECKING:
    from quotedb.store import Store

_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class GoldStatement:
    """One gold attribution: content text and span, speaker text and span, cue, kind."""

    content: str
    content_span: tuple[int, int]
    kind: str
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    cue: str | None = None
    required: bool = True


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold article; ``source == "polnear"`` switches speaker scoring to mention overlap,
    ``"names"`` (canonical names applied) counts a statement without a gold speaker right when
    none is predicted."""

    id: str
    text: str
    statements: tuple[GoldStatement, ...]
    source: str | None = None
    not_statements: tuple[str, ...] = ()


@dataclass(slots=True)
class Report:
    """Counts and figures of one evaluation run; ``misses``/``extras`` are filled for ``-v``."""

    documents: int = 0
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    matched_predictions: int = 0
    exact: int = 0
    speaker_correct: int = 0
    duplicates: int = 0
    not_statement_hits: int = 0
    offsets_bad: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    #: predicted category -> [predicted, matching a gold statement]: how much of each is right
    by_category: dict[str, list[int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_speakers: list[str] = field(default_factory=list)
    #: (document id, gold statement, matched prediction) for every matched required statement
    pairs: list[tuple[str, GoldStatement, dict[str, object]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_predictions / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_recall(self) -> float:
        return self.exact / self.gold if self.gold else 0.0

    @property
    def exact_share(self) -> float:
        """Of the matched gold statements, the share whose span is exactly right."""
        return self.exact / self.matched if self.matched else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.matched if self.matched else 0.0

    def to_json(self, verbose: bool = False) -> dict[str, object]:
        out: dict[str, object] = {
            "documents": self.documents,
            "predicted": self.predicted,
            "gold": self.gold,
            "matched": self.matched,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "exact_recall": round(self.exact_recall, 3),
            "exact_share": round(self.exact_share, 3),
            "speaker_accuracy": round(self.speaker_accuracy, 3),
            "duplicates": self.duplicates,
            "not_statement_hits": self.not_statement_hits,
            "offsets_bad": self.offsets_bad,
            "by_kind": {k: list(v) for k, v in sorted(self.by_kind.items())},
            "by_category": {k: list(v) for k, v in sorted(self.by_category.items())},
        }
        if verbose:
            out.update(misses=self.misses, extras=self.extras, wrong_speakers=self.wrong_speakers)
        return out


# --- token overlap ---------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(unicodedata.normalize("NFKC", text or ""))]


def token_f1(a: str, b: str) -> float:
    """Word-token overlap F1 of two strings (NFKC, case-folded ``\\w+`` tokens)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum((Counter(ta) & Counter(tb)).values())
    if common == 0:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def _norm(text: str) -> str:
    return " ".join(_tokens(text))


# --- gold readers ------------------------------------------------------------------------------------


def load_gold(paths: Iterable[str | Path]) -> list[GoldDoc]:
    """Read gold articles from JSON files (scorer format) and PolNeAR-layout brat directories."""
    docs: list[GoldDoc] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            docs.extend(read_brat_dir(path))
        elif path.is_file():
            docs.extend(read_gold_json(path))
        else:
            raise InputError(f"{path}: no such gold file or directory")
    return docs


def read_gold_json(path: Path) -> list[GoldDoc]:
    """A JSON list (or one object) of ``{id, text, source?, statements: [...], not_statements?}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file ({exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    records = data if isinstance(data, list) else [data]
    docs = []
    for n, rec in enumerate(records):
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise InputError(f"{path}: record {n} has no 'text'")
        statements = []
        for st in rec.get("statements", []):
            if "content" not in st:
                raise InputError(f"{path}: record {n} has a statement without 'content'")
            span = st.get("content_span") or (0, 0)
            spk = st.get("speaker_span")
            statements.append(
                GoldStatement(
                    content=st["content"],
                    content_span=(span[0], span[1]),
                    kind=st.get("kind") or statement_kind(st["content"]),
                    speaker=st.get("speaker"),
                    speaker_span=(spk[0], spk[1]) if spk else None,
                    cue=st.get("cue"),
                    required=bool(st.get("required", True)),
                )
            )
        docs.append(
            GoldDoc(
                id=str(rec.get("id", f"{path.stem}-{n}")),
                text=rec["text"],
                statements=tuple(statements),
                source=rec.get("source"),
                not_statements=tuple(rec.get("not_statements", [])),
            )
        )
    return docs


def read_brat_dir(root: Path) -> list[GoldDoc]:
    """PolNeAR layout: ``text/NAME.txt`` and ``attributions/NAME_<annotator>.ann`` (first one used)."""
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(f"{root}: expected text/ and attributions/ folders (PolNeAR layout)")
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{txt.stem}_*.ann")) or sorted(ann_dir.glob(f"{txt.stem}.ann"))
        if not anns:
            raise InputError(f"{txt}: no annotation file in {ann_dir}")
        with txt.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        docs.append(GoldDoc(id=f"{root.name}-{txt.stem}", text=text, source="polnear",
                            statements=tuple(parse_brat(anns[0], text)), not_statements=()))
    if not docs:
        raise InputError(f"{text_dir}: no .txt files")
    return docs


def parse_brat(path: Path, text: str) -> list[GoldStatement]:
    """Attribution events of one .ann file: Source / Cue / Content text-bound annotations.

    Texts are taken from the article by offset. Content fragments (discontinuous spans
    "10 20;30 40", several Content arguments) are joined with a space, the span running from
    the first start to the last end; a source is the article text from its first start to its
    last end; the kind follows the quote marks.
    """
    spans: dict[str, tuple[list[tuple[int, int]], str]] = {}
    events: list[dict[str, list[str]]] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\n")
            if not re.match(r"[TE]\d+\t", line):
                continue  # notes, relations, or the tail of an annotation text that held a newline
            try:
                if line.startswith("T"):
                    tid, mid, body = line.split("\t", 2)
                    _, _, ranges = mid.partition(" ")
                    parts = [tuple(int(x) for x in r.split()) for r in ranges.split(";")]
                    spans[tid] = ([(p[0], p[1]) for p in parts], body)
                elif line.startswith("E"):
                    _, args = line.split("\t")[:2]
                    roles: dict[str, list[str]] = {}
                    for arg in args.split()[1:]:
                        role, _, ref = arg.partition(":")
                        roles.setdefault(re.sub(r"\d+$", "", role), []).append(ref)
                    events.append(roles)
            except (ValueError, IndexError):
                raise InputError(f"{path}:{lineno}: malformed brat line") from None
    out = []
    for ev in events:
        contents = [spans[c][0] for c in ev.get("Content", []) if c in spans]
        if not contents:
            continue
        content = " ".join(text[s:e] for ranges in contents for s, e in ranges)
        start, end = contents[0][0][0], contents[-1][-1][1]
        src = spans[ev["Source"][0]][0] if ev.get("Source") and ev["Source"][0] in spans else None
        cue = spans[ev["Cue"][0]][0] if ev.get("Cue") and ev["Cue"][0] in spans else None
        out.append(
            GoldStatement(
                content=content,
                content_span=(start, end),
                kind=statement_kind(content),
                speaker=text[src[0][0] : src[-1][1]] if src else None,
                speaker_span=(src[0][0], src[-1][1]) if src else None,
                cue=" ".join(text[s:e] for s, e in cue) if cue else "",
            )
        )
    return out


# --- scoring --------------------------------------------------------------------------------------------


def _mention_ok(pred: dict[str, object], gold: GoldStatement) -> bool:
    if gold.speaker_span is None:
        return pred.get("speaker_mention") in (None, "") and not pred.get("speaker")
    ms, me = pred.get("speaker_mention_start"), pred.get("speaker_mention_end")
    if isinstance(ms, int) and isinstance(me, int) and ms < gold.speaker_span[1] and gold.speaker_span[0] < me:
        return True
    return token_f1(str(pred.get("speaker_mention") or ""), gold.speaker or "") >= 0.5


def _speaker_ok(pred: object, gold: str | None) -> bool:
    if not pred or not gold or not isinstance(pred, str):
        return False
    if _norm(pred) == _norm(gold):
        return True
    if len(_tokens(gold)) > 2 or gold[:1].islower():
        return token_f1(pred, gold) >= 0.5
    return False


Predictor = Callable[[str], list[dict[str, object]]]


def _parse_predictions(text: str) -> list[dict[str, object]]:
    return [s.to_json() for s in parse_article(text).statements]


def score(docs: Iterable[GoldDoc], predict: Predictor = _parse_predictions, verbose: bool = False) -> Report:
    """Run ``predict`` on every gold article and count matches the reference scorer's way."""
    rep = Report()
    for doc in docs:
        rep.documents += 1
        preds = predict(doc.text)
        rep.predicted += len(preds)
        for p in preds:
            s, e = p.get("start"), p.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(doc.text)):
                rep.offsets_bad += 1
            elif token_f1(doc.text[s:e], str(p.get("text", ""))) < 0.9:
                rep.offsets_bad += 1
        used: set[int] = set()
        for g in doc.statements:
            best, bi = 0.0, None
            for i, p in enumerate(preds):
                sc = token_f1(str(p.get("text", "")), g.content)
                if sc > best:
                    best, bi = sc, i
            ok = best >= 0.5 and bi is not None
            if ok:
                used.add(bi)  # type: ignore[arg-type]
            if not g.required:
                continue
            rep.gold += 1
            kind = rep.by_kind.setdefault(g.kind, [0, 0, 0])
            kind[0] += 1
            if not ok:
                if verbose:
                    rep.misses.append(f"[{doc.id}] ({g.kind}) {g.speaker}: {g.content[:70]}")
                continue
            p = preds[bi]  # type: ignore[index]
            rep.pairs.append((doc.id, g, p))
            rep.matched += 1
            kind[1] += 1
            if _norm(str(p.get("text", ""))) == _norm(g.content):
                rep.exact += 1
            if doc.source == "polnear":
                good = _mention_ok(p, g)
            elif doc.source == "names" and g.speaker is None:
                good = not p.get("speaker")  # the writer's own words, or nobody named: no speaker is right
            else:
                good = _speaker_ok(p.get("speaker"), g.speaker)
            kind[2] += good
            rep.speaker_correct += good
            if not good and verbose:
                rep.wrong_speakers.append(f"[{doc.id}] {p.get('speaker')!r} != {g.speaker!r}: {g.content[:60]}")
        dup: set[int] = set()
        kept: list[tuple[int, int]] = []
        for i, p in enumerate(preds):
            s, e = p.get("start"), p.get("end")
            if isinstance(s, int) and isinstance(e, int) and e > s:
                if any(min(e, ke) - max(s, ks) >= 0.5 * min(e - s, ke - ks) for ks, ke in kept):
                    dup.add(i)
                else:
                    kept.append((s, e))
        rep.duplicates += len(dup)
        used -= dup
        for i, p in enumerate(preds):
            if i in used or i in dup:
                continue
            body = str(p.get("text", ""))
            if any(token_f1(body, g.content) >= 0.5 for g in doc.statements):
                used.add(i)
                continue
            if any(_norm(body) == _norm(ns) for ns in doc.not_statements):
                rep.not_statement_hits += 1
            if verbose:
                rep.extras.append(f"[{doc.id}] {p.get('speaker')!r}: {body[:70]}")
        rep.matched_predictions += len(used)
        for i, p in enumerate(preds):
            counts = rep.by_category.setdefault(str(p.get("category") or "speech"), [0, 0])
            counts[0] += 1
            counts[1] += i in used
    return rep


def evaluate(paths: Iterable[str | Path], verbose: bool = False, names: str | Path | None = None) -> Report:
    """Load gold from ``paths`` (with canonical speaker ``names``, if given) and score the parser
    on it, in this process."""
    docs = load_gold(paths)
    return score(apply_names(docs, names) if names else docs, verbose=verbose)


# --- canonical speaker names and the stored speakers ------------------------------------------------


def apply_names(docs: Iterable[GoldDoc], path: str | Path) -> list[GoldDoc]:
    """The gold articles an overlay of canonical speaker names covers, each statement's speaker
    replaced by the name a researcher files it under ("Donald Trump" for "he", "the nominee").

    The overlay is JSON ``{"articles": {doc id: [[content start, content end, name or null], …]}}``
    (no article text: it annotates texts kept elsewhere). Speakers are then scored by name, not by
    mention overlap.
    """
    path = Path(path)
    try:
        overlay = json.loads(path.read_text(encoding="utf-8"))["articles"]
    except (OSError, UnicodeDecodeError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: cannot read canonical names ({exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    out = []
    for doc in docs:
        rows = overlay.get(doc.id)
        if rows is None:
            continue
        names = {(r[0], r[1]): r[2] for r in rows}
        missing = [g.content_span for g in doc.statements if g.content_span not in names]
        if missing:
            raise InputError(f"{path}: {doc.id}: no canonical name for the statement at {missing[0]}")
        statements = tuple(replace(g, speaker=names[g.content_span], speaker_span=None) for g in doc.statements)
        out.append(replace(doc, statements=statements, source="names"))
    if not out:
        raise InputError(f"{path}: names none of the gold articles given")
    return out


@dataclass(slots=True)
class CorpusReport:
    """How the stored speaker rows fare against canonical names, over matched statements."""

    statements: Report
    b3_precision: float
    b3_recall: float

    @property
    def b3_f1(self) -> float:
        p, r = self.b3_precision, self.b3_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self, verbose: bool = False) -> dict[str, object]:
        return {**self.statements.to_json(verbose), "b3_precision": round(self.b3_precision, 3),
                "b3_recall": round(self.b3_recall, 3), "b3_f1": round(self.b3_f1, 3)}


def evaluate_corpus(
    paths: Iterable[str | Path], names: str | Path | None = None, extra: Iterable[str] = (), verbose: bool = False
) -> CorpusReport:
    """Ingest the gold articles (and the ``extra`` texts: more of the corpus, for what bare names
    need to know) into a temporary database and score the speaker rows stored for them."""
    import tempfile

    from quotedb.db import Store
    from quotedb.ingest import ingest
    from quotedb.store import prepare, save_articles

    docs = load_gold(paths)
    if names:
        docs = apply_names(docs, names)
    with tempfile.TemporaryDirectory(prefix="quotedb-eval-") as tmp:
        store = Store.open(str(Path(tmp) / "eval.sqlite"))
        try:
            save_articles(store, [prepare(parse_article(doc.text)) for doc in docs])
            extra = list(extra)
            if extra:
                ingest(store, extra)
            return score_stored(docs, store, verbose)
        finally:
            store.close()


def _descriptive(name: str) -> bool:
    """A gold speaker that describes rather than names ("senior aide"): the scorer's rule."""
    return len(_tokens(name)) > 2 or name[:1].islower()


def b_cubed(items: Iterable[tuple[object, object]]) -> tuple[float, float]:
    """B-cubed precision and recall of (predicted cluster, gold cluster) labels, one per item."""
    items = list(items)
    if not items:
        return 0.0, 0.0
    pred: Counter[object] = Counter(p for p, _ in items)
    gold: Counter[object] = Counter(g for _, g in items)
    both: Counter[tuple[object, object]] = Counter(items)
    precision = sum(both[i] / pred[i[0]] for i in items) / len(items)
    recall = sum(both[i] / gold[i[1]] for i in items) / len(items)
    return precision, recall


def score_stored(docs: list[GoldDoc], store: Store, verbose: bool = False) -> CorpusReport:
    """Score what ``store`` holds for the gold articles (ingest them first): statements as the
    parser found them, speakers as the corpus resolved them (``speakers.name``), and the rows
    themselves as clusters (B-cubed against canonical names; descriptive names are clusters of
    their own article, and a statement without a row is a cluster of its own)."""
    from sqlalchemy import select

    from quotedb.models import Article, Speaker, Statement, table_of
    from quotedb.store import text_sha256

    ar, st, sp = table_of(Article), table_of(Statement), table_of(Speaker)

    def stored(text: str) -> list[dict[str, object]]:
        with store.read() as conn:
            rows = conn.execute(
                select(st.c.id, st.c.text, st.c.start_offset.label("start"), st.c.end_offset.label("end"), st.c.kind,
                       st.c.speaker_id, sp.c.name.label("speaker"))
                .select_from(st.join(ar, ar.c.id == st.c.article_id).outerjoin(sp, sp.c.id == st.c.speaker_id))
                .where(ar.c.text_sha256 == text_sha256(text)).order_by(st.c.start_offset)
            ).mappings().all()
        return [dict(r) for r in rows]

    report = score(docs, stored, verbose)
    clusters = []
    for doc_id, gold, pred in report.pairs:
        if not gold.speaker:
            continue
        g: object = (doc_id, _norm(gold.speaker)) if _descriptive(gold.speaker) else _norm(gold.speaker)
        p: object = pred["speaker_id"] if pred.get("speaker_id") is not None else ("none", doc_id, pred["id"])
        clusters.append((p, g))
    return CorpusReport(report, *b_cubed(clusters))


@dataclass(frozen=True, slots=True)
class Fragmentation:
    """One of the most quoted people: all their statements, and the share on their largest row."""

    name: str
    statements: int
    rows: int
    largest_share: float


def fragmentation(store: Store, top: int = 20) -> list[Fragmentation]:
    """How scattered the most quoted people are over speaker rows, judged without the resolver's
    own keys: a person is a first and last name; every row whose name holds both words ("Donald
    J. Trump", "Republican Donald Trump") or is the bare last name ("Trump") counts as theirs
    (a row that could be several people's goes to the most quoted of them)."""
    from sqlalchemy import func, select

    from quotedb.models import Speaker, Statement, table_of
    from quotedb.names import GENERATIONAL, name_tokens

    st, sp = table_of(Statement), table_of(Speaker)
    with store.read() as conn:
        rows = conn.execute(
            select(sp.c.id, sp.c.name, sp.c.kind, func.count(st.c.id))
            .select_from(sp.join(st, st.c.speaker_id == sp.c.id)).group_by(sp.c.id, sp.c.name, sp.c.kind)
        ).all()
    words = {i: name_tokens(name) for i, name, _, _ in rows}
    size = {i: n for i, _, _, n in rows}
    people: Counter[tuple[str, str]] = Counter()
    for i, name, kind, n in rows:
        w = words[i]
        if kind == "person" and 2 <= len(w) <= 4 and all(part[:1].isupper() for part in name.split()):
            people[(w[0], w[-1])] += n  # a name ("Ted Cruz"), not a description ("a spokesman for …")
    owner: dict[int, tuple[str, str]] = {}
    for i, name, kind, _ in rows:
        w = words[i]
        if kind not in ("person", "unknown") or not all(part[:1].isupper() and part[-2:] not in ("’s", "'s") for part in name.split()):
            continue  # "Bernie Sanders’ campaign", "an army of Bernie Sanders supporters": not the person
        fits = [p for p in people if (p[0] in w and p[1] in w and not set(w) & GENERATIONAL - set(p)) or w == [p[1]]]
        if fits:
            owner[i] = max(fits, key=lambda p: people[p])
    clusters: dict[tuple[str, str], list[int]] = {}
    for i, person in owner.items():
        clusters.setdefault(person, []).append(i)
    names = {i: name for i, name, _, _ in rows}
    out = []
    for person, ids in clusters.items():
        total = sum(size[i] for i in ids)
        largest = max(ids, key=lambda i: size[i])
        out.append(Fragmentation(names[largest], total, len(ids), size[largest] / total))
    return sorted(out, key=lambda f: (-f.statements, f.name))[:top]
