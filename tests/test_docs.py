"""The docs cannot drift from the tool: every runnable example of README.md and docs/ (a ```console
block of "$ plancheck ..." commands, each followed by its output) is run and its output compared
with the text shown, as doctest does. Tables are printed 120 columns wide (COLUMNS=120)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
_BLOCK = re.compile(r"```console\n(.*?)\n```", re.S)


def examples() -> list[tuple[str, str, str]]:
    """(doc, command, output shown) of every runnable example."""
    out = []
    for doc in DOCS:
        for block in _BLOCK.findall(doc.read_text(encoding="utf-8")):
            parts = re.split(r"^\$ ", block, flags=re.M)
            for part in parts[1:]:
                command, _, shown = part.partition("\n")
                out.append((str(doc.relative_to(ROOT)), command, shown.rstrip("\n")))
    return out


EXAMPLES = examples()


def test_there_are_runnable_examples_in_the_readme_and_the_guides():
    docs = {d for d, _, _ in EXAMPLES}
    assert {"README.md", "docs/vi/README.md"} <= docs


@pytest.mark.parametrize("doc,command,shown", EXAMPLES, ids=[f"{d}:{c[:50]}" for d, c, _ in EXAMPLES])
def test_an_example_prints_what_the_docs_show(doc, command, shown):
    assert shlex.split(command)[0] == "plancheck", command
    p = _run(command)
    assert p.returncode in (0, 1), p.stderr
    got = re.sub(r"national\.yaml:\d+", "national.yaml:N", p.stdout.rstrip("\n"))
    assert got == re.sub(r"national\.yaml:\d+", "national.yaml:N", shown), f"{doc}: {command}"


def _run(command: str) -> subprocess.CompletedProcess:
    """``command`` (``plancheck ...``) run from the repository's root, 120 columns wide."""
    return subprocess.run([sys.executable, "-m", "plancheck", *shlex.split(command)[1:]], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "120"})


def update() -> None:
    """Rewrite every runnable example's output with what the command prints now
    (``python tests/test_docs.py --update``; read the diff before committing it)."""
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")

        def block(m):
            parts = re.split(r"^\$ ", m.group(1), flags=re.M)
            out = [parts[0].rstrip("\n")] if parts[0].strip() else []
            for part in parts[1:]:
                command = part.partition("\n")[0]
                out.append(f"$ {command}\n{_run(command).stdout.rstrip()}")
            return "```console\n" + "\n".join(out) + "\n```"

        new = _BLOCK.sub(block, text)
        if new != text:
            doc.write_text(new, encoding="utf-8")
            print(f"updated {doc.relative_to(ROOT)}")


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    update()
