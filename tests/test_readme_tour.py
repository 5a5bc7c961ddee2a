"""The README's tour, run as written: the demo of the first set-up command, then every `$ quotedb`
line of the tour in order, in one fresh folder, through the installed ``quotedb`` program.

Each command must succeed; where the README shows output under a command, the program prints
those lines (a line ending in ``…`` is a prefix; a line that is only ``…`` skips lines).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, SEED

README = (REPO / "README.md").read_text(encoding="utf-8")
QUOTEDB = str(Path(sys.executable).with_name("quotedb"))


def tour() -> list[tuple[list[str], list[str]]]:
    """(command words, the output lines the README shows under it) of the tour, in order."""
    section = README.split("## A tour on a real article", 1)[1].split("\n## ", 1)[0]
    steps: list[tuple[list[str], list[str]]] = []
    for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((shlex.split(line[2:], comments=True), []))
            elif steps:
                steps[-1][1].append(line)
    return steps


def shown(expected: list[str], printed: list[str]) -> bool:
    """Whether ``printed`` holds the README's lines in order (``…`` lines skip, ``…`` ends a prefix)."""
    at = 0
    skipping = False
    for want in expected:
        if want.strip() == "…":
            skipping = True
            continue
        prefix = want.endswith("…")
        target = want[:-1].rstrip() if prefix else want
        while at < len(printed) and not (printed[at].startswith(target) if prefix else printed[at] == target):
            if not skipping:
                return False
            at += 1
        if at == len(printed):
            return False
        at += 1
        skipping = False
    return True


def test_the_tour_has_steps() -> None:
    steps = tour()
    assert steps[0][0][:2] == ["quotedb", "parse"] and len(steps) >= 12
    assert shown(["a", "…", "c…"], ["a", "b", "cde"]) and not shown(["a", "c"], ["a", "b", "c"])


def test_readme_tour_in_order(tmp_path: Path) -> None:
    if not SEED.exists():
        pytest.skip("the seed article (../shared/seed) is not beside this checkout")
    shutil.copy(SEED, tmp_path / SEED.name)
    (tmp_path / "fixtures").symlink_to(FIXTURES)
    env = {k: v for k, v in os.environ.items() if k != "QUOTEDB_DATABASE_URL"}
    setup = next(b for b in re.findall(r"```sh\n(.*?)```", README, flags=re.S) if "pip install ." in b)
    assert setup.strip().endswith(".venv/bin/quotedb demo")
    steps = [(["quotedb", "demo"], []), *tour()]
    for words, expected in steps:
        done = subprocess.run([QUOTEDB, *words[1:]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{shlex.join(words)}: {done.stderr}"
        assert shown(expected, done.stdout.splitlines()), f"{shlex.join(words)} printed:\n{done.stdout}"
    assert (tmp_path / "quotedb-demo.sqlite").exists() and (tmp_path / "quotedb.sqlite").exists()
    assert (tmp_path / "statements.csv").read_bytes().startswith(b"\xef\xbb\xbfstatement_id,")
    assert (tmp_path / "claims.csv").read_text(encoding="utf-8").startswith("id,text,")
