"""The README's set-up commands are the ones CI runs, and every command it lists exists."""

from __future__ import annotations

import re
from pathlib import Path

from quotedb.cli import cli

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def test_ci_runs_the_readme_test_command() -> None:
    test_command = next(b.strip() for b in shell_blocks() if "pytest" in b)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_readme_demo_command_installs_and_runs_the_demo() -> None:
    assert any(b.strip().endswith("quotedb demo") and "pip install ." in b for b in shell_blocks())


def test_every_command_in_the_reference_exists() -> None:
    listed = set(re.findall(r"^\| `quotedb (\w+)", README, flags=re.M))
    assert listed == set(cli.commands)
