"""Gold readers and the scorer: brat and JSON give the same gold, counts follow the reference rules."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotedb.cli import cli
from quotedb.errors import InputError
from quotedb.evaluate import (
    GoldDoc,
    GoldStatement,
    apply_names,
    b_cubed,
    fragmentation,
    load_gold,
    parse_brat,
    score,
    score_stored,
    token_f1,
)

TEXT = 'Headline\n\n"We will win," Ann Smith said. Officials said the vote was close.\n'


def _at(part: str, after: int = 0) -> str:
    """``start end`` of ``part`` in TEXT, for writing the annotation below."""
    start = TEXT.index(part, after)
    return f"{start} {start + len(part)}"


ANN = (
    f"T1\tContent {_at(chr(34) + 'We will win,' + chr(34))}\t\"We will win,\"\n"
    f"T2\tSource {_at('Ann Smith')}\tAnn Smith\n"
    f"T3\tCue {_at('said')}\tsaid\n"
    f"T4\tAttribution {_at('said')}\tsaid\n"
    "E1\tAttribution:T4 Content:T1 Source:T2 Cue:T3\n"
    f"T5\tSource {_at('Officials')}\tOfficials\n"
    f"T6\tCue {_at('said', 40)}\tsaid\n"
    f"T7\tContent {_at('the vote was close')}\tthe vote was close\n"
    f"T8\tAttribution {_at('said', 40)}\tsaid\n"
    "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n"
)
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


@pytest.fixture()
def brat_dir(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "story_ab12.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def test_brat_reader(brat_dir: Path):
    (doc,) = load_gold([brat_dir])
    assert doc.source == "polnear"
    assert [(s.content, s.kind, s.speaker, s.speaker_span, s.cue) for s in doc.statements] == [
        ('"We will win,"', "direct", "Ann Smith", (25, 34), "said"),
        ("the vote was close", "indirect", "Officials", (41, 50), "said"),
    ]


def test_discontinuous_content_is_joined(tmp_path: Path):
    text = '"One," he said, "two."'
    ann = tmp_path / "x.ann"
    ann.write_text("T1\tContent 0 6;16 22\t\"One,\" \"two.\"\nT2\tCue 10 14\tsaid\nE1\tAttribution:T2 Content:T1 Cue:T2\n")
    (st,) = parse_brat(ann, text)
    assert (st.content, st.content_span, st.kind, st.speaker) == ('"One," "two."', (0, 22), "mixed", None)


def test_perfect_prediction_scores_one(brat_dir: Path):
    report = score(load_gold([brat_dir]))
    assert (report.gold, report.matched, report.predicted) == (2, 2, 2)
    assert (report.precision, report.recall, report.speaker_accuracy) == (1.0, 1.0, 1.0)
    assert report.by_kind == {"direct": [1, 1, 1], "indirect": [1, 1, 1]}


def test_counting_rules():
    doc = GoldDoc("d", "Some text here and more text", (GoldStatement("text here and more", (5, 23), "indirect"),))
    preds = [
        {"text": "text here and more", "start": 5, "end": 23, "speaker": None},
        {"text": "text here and more", "start": 5, "end": 23, "speaker": None},  # a duplicate
        {"text": "Some", "start": 0, "end": 4, "speaker": None},  # an extra
    ]
    report = score([doc], predict=lambda _text: preds, verbose=True)
    assert (report.matched, report.predicted, report.duplicates, report.matched_predictions) == (1, 3, 1, 1)
    assert len(report.extras) == 1


def test_token_f1():
    assert token_f1("The vote was close", "the vote was close.") == 1.0
    assert token_f1("", "anything") == 0.0
    assert token_f1("a b", "a c") == 0.5


def test_json_and_brat_agree(brat_dir: Path, tmp_path: Path):
    (doc,) = load_gold([brat_dir])
    gold = {
        "id": doc.id, "source": "polnear", "text": doc.text,
        "statements": [
            {"speaker": s.speaker, "speaker_span": list(s.speaker_span), "kind": s.kind, "cue": s.cue,
             "content": s.content, "content_span": list(s.content_span), "required": True}
            for s in doc.statements
        ],
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([gold]), encoding="utf-8")
    assert load_gold([path])[0].statements == doc.statements


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p / "missing", "no such gold file"),
        (lambda p: (p / "bad.json").write_text("{nope") and p / "bad.json", "not valid JSON"),
        (lambda p: (p / "empty").mkdir() or p / "empty", "expected text/ and attributions/"),
    ],
)
def test_bad_gold_paths(tmp_path: Path, setup, message):
    with pytest.raises(InputError, match=message):
        load_gold([setup(tmp_path)])


def test_cli(brat_dir: Path):
    result = CliRunner().invoke(cli, ["eval", str(brat_dir), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["f1"], data["by_kind"]) == (1.0, {"direct": [1, 1, 1], "indirect": [1, 1, 1]})
    assert (data["exact_share"], data["by_category"]) == (1.0, {"speech": [2, 2]})
    text = CliRunner().invoke(cli, ["eval", str(brat_dir), "-v"]).output
    assert "F1                 1.000" in text
    assert "exact-match recall 1.000 (1.000 of the matched statements)" in text
    assert "  speech                   2      2      1.000" in text


def test_cli_error_is_one_line(tmp_path: Path):
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "no such gold file" in result.output


@pytest.mark.skipif(not (SHARED / "score.py").exists(), reason="shared/eval is not next to the repository")
def test_agrees_with_reference_scorer():
    spec = importlib.util.spec_from_file_location("reference_score", SHARED / "score.py")
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    from quotedb.parse import parse_article

    docs = json.loads((SHARED / "polnear-dev.gold.json").read_text(encoding="utf-8"))[:12]
    ref.run_parse = lambda _cmd, text: [s.to_json() for s in parse_article(text).statements]
    expected = ref.score(docs, ["unused"])
    ours = score(load_gold([SHARED / "polnear-dev"])[:12])
    assert (ours.predicted, ours.gold, ours.matched, ours.speaker_correct) == (
        expected["pred"], expected["gold_req"], expected["matched_req"], expected["spk_ok_req"]
    )
    assert ours.by_kind == expected["by_kind"]


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # one row per person: perfect
        ([(1, "a"), (1, "a"), (2, "b")], (1.0, 1.0)),
        # one person over two rows: precision stays, recall falls
        ([(1, "a"), (2, "a")], (1.0, 0.5)),
        # two people on one row: recall stays, precision falls
        ([(1, "a"), (1, "b")], (0.5, 1.0)),
        ([], (0.0, 0.0)),
    ],
)
def test_b_cubed(items, expected):
    assert b_cubed(items) == expected


NAMES_TEXT = 'Headline\n\nAnn Smith runs the port. "We will win," she said. Officials said the vote was close.\n'


def _names_doc() -> GoldDoc:
    win = NAMES_TEXT.index('"We will win,"')
    close = NAMES_TEXT.index("the vote was close")
    return GoldDoc("d1", NAMES_TEXT, (
        GoldStatement('"We will win,"', (win, win + 14), "direct", "she", None, "said"),
        GoldStatement("the vote was close", (close, close + 18), "indirect", "Officials", None, "said"),
    ))


def test_canonical_names_replace_the_gold_speakers_and_score_by_name(tmp_path: Path):
    doc = _names_doc()
    win, close = doc.statements[0].content_span, doc.statements[1].content_span
    overlay = tmp_path / "names.json"
    overlay.write_text(json.dumps({"articles": {"d1": [[*win, "Ann Smith"], [*close, "officials"]], "other": []}}))
    (named,) = apply_names([doc, GoldDoc("d2", "x", ())], overlay)
    assert [g.speaker for g in named.statements] == ["Ann Smith", "officials"]
    report = score([named])
    assert (report.matched, report.speaker_correct) == (2, 2)  # "she" is Ann Smith, "Officials" officials


def test_canonical_names_must_cover_every_statement(tmp_path: Path):
    overlay = tmp_path / "names.json"
    overlay.write_text(json.dumps({"articles": {"d1": []}}))
    with pytest.raises(InputError, match="no canonical name for the statement at"):
        apply_names([_names_doc()], overlay)


def test_stored_speakers_are_scored_and_clustered(store):
    from quotedb.parse import parse_article
    from quotedb.store import save_article

    doc = _names_doc()
    save_article(store, parse_article(doc.text))
    doc = GoldDoc("d1", doc.text, tuple(
        GoldStatement(g.content, g.content_span, g.kind, name) for g, name in zip(doc.statements, ["Ann Smith", "officials"])
    ), source="names")
    report = score_stored([doc], store)
    assert (report.statements.matched, report.statements.speaker_correct) == (2, 2)
    assert (report.b3_precision, report.b3_recall) == (1.0, 1.0)


def test_fragmentation_counts_every_row_of_a_person(store):
    from builders import article
    from quotedb.parse import Speaker
    from quotedb.store import save_article

    def say(name: str, n: int) -> None:
        body = f"{name} said the bridge {n} would close.\n"
        save_article(store, article(body, [(f"the bridge {n} would close", name, "indirect")], speakers=(Speaker(name, "person"),)))

    for n in range(4):
        say("Elena Brooks", n)
    for n in range(4, 6):
        say("Tom Brooks", n)
    say("Brooks", 6)  # no Brooks holds 80 % of the statements: the bare name keeps a row of its own
    brooks, tom = fragmentation(store, top=2)
    assert (brooks.name, brooks.statements, brooks.rows, brooks.largest_share) == ("Elena Brooks", 5, 2, 0.8)
    assert (tom.name, tom.statements, tom.rows, tom.largest_share) == ("Tom Brooks", 2, 1, 1.0)


def test_cli_scores_canonical_names_and_stored_rows(brat_dir: Path, tmp_path: Path):
    win, close = TEXT.index('"We will win,"'), TEXT.index("the vote was close")
    overlay = tmp_path / "names.json"
    doc = f"{brat_dir.name}-story"
    overlay.write_text(json.dumps({"articles": {doc: [[win, win + 14, "Ann Smith"], [close, close + 18, "officials"]]}}))
    parser = json.loads(CliRunner().invoke(cli, ["eval", str(brat_dir), "--names", str(overlay), "--json"]).output)
    assert (parser["matched"], parser["speaker_accuracy"]) == (2, 1.0)
    stored = CliRunner().invoke(cli, ["eval", str(brat_dir), "--names", str(overlay), "--corpus"])
    assert stored.exit_code == 0, stored.output
    assert "speaker accuracy   1.000 (stored speaker names)" in stored.output
    assert "speaker rows       B-cubed precision 1.000, recall 1.000, F1 1.000" in stored.output
    usage = CliRunner().invoke(cli, ["eval", str(brat_dir), "--with", str(brat_dir)])
    assert usage.exit_code == 2 and "--with needs --corpus" in usage.output
