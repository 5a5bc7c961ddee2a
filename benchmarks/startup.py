"""Command-line start-up: whole ``quotedb`` processes against ``python -c "import click"``.

Usage: ``python benchmarks/startup.py [--runs N]`` with the Python of the environment quotedb is
installed in (its ``quotedb`` script is taken from beside that Python).

Every command pays the start-up, so it is measured as whole processes: ``--help``, ``--version``,
``parse FILE`` (one fixture article) and a word ``search`` on a small database (the fixture
articles, made first in a temporary folder). The baseline, the smallest click program, runs in
the same rounds: each round runs the baseline and then every command once, and a command's ratio
is the median over rounds of its time divided by that round's baseline, so the figure holds while
the machine's speed drifts (the machine is shared). Targets from the command-line issue: help
and version at most 2.5x, parse at most 4x, search at most 6x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"
TARGETS = {"--help": 2.5, "--version": 2.5, "parse FILE": 4.0, "search (small db)": 6.0}


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15, help="rounds (each runs the baseline and every command once)")
    args = ap.parse_args()
    quotedb = str(Path(sys.executable).with_name("quotedb"))
    env = {k: v for k, v in os.environ.items() if k != "QUOTEDB_DATABASE_URL"}
    article = str(sorted(ARTICLES.glob("*.txt"))[0])
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "small.sqlite")
        subprocess.run([quotedb, "--db", db, "ingest", str(ARTICLES)], env=env, check=True, capture_output=True)
        commands = {
            "--help": [quotedb, "--help"],
            "--version": [quotedb, "--version"],
            "parse FILE": [quotedb, "parse", article],
            "search (small db)": [quotedb, "--db", db, "search", "budget", "--limit", "5", "--format", "csv"],
        }
        baseline_argv = [sys.executable, "-c", "import click"]
        for argv in [baseline_argv, *commands.values()]:  # warm the file cache and .pyc files
            _time(argv, env)
        base: list[float] = []
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            base.append(_time(baseline_argv, env))
            for name, argv in commands.items():
                times[name].append(_time(argv, env))
    print(f"baseline: python -c 'import click'  median {statistics.median(base) * 1000:6.1f} ms  ({args.runs} rounds)")
    print(f"{'command':20} {'median ms':>10} {'ratio':>7} {'target':>7}")
    for name, runs in times.items():
        ratio = statistics.median(t / b for t, b in zip(runs, base))
        verdict = "ok" if ratio <= TARGETS[name] else "OVER"
        print(f"{name:20} {statistics.median(runs) * 1000:10.1f} {ratio:6.2f}x {TARGETS[name]:6.1f}x  {verdict}")


if __name__ == "__main__":
    main()
