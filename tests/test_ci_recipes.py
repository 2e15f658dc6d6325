"""The CI recipes of docs/ci.md and the configuration example of docs/usage.md work as written:
each is taken from the document itself and run on the sample plans in a fresh repository of plans
(pre-commit's try-repo for the hook pinned to a commit, pre-commit run for the local hook, the
workflow's plancheck steps, plancheck.toml)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import SAMPLES

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
PLANS = [SAMPLES / "ha-giang-plan.docx", SAMPLES / "binh-phuoc-2025.csv", DATA / "ha-giang-plan.pdf"]
PLANCHECK = [sys.executable, "-m", "plancheck"]


def blocks(doc: str, lang: str) -> list[str]:
    """The ```lang blocks of a document of docs/."""
    return re.findall(rf"```{lang}\n(.*?)\n```", (ROOT / "docs" / doc).read_text(encoding="utf-8"), re.S)


def plans_repo(tmp_path: Path) -> Path:
    """A repository of plans: the samples under plans/ (a Word plan, a CSV submission, a PDF) and
    a README beside them, committed."""
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    for p in PLANS:
        shutil.copy(p, repo / "plans" / p.name)
    (repo / "README.md").write_text("# Kế hoạch của tỉnh\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "plans"], cwd=repo, check=True)
    return repo


def env(tmp_path: Path) -> dict:
    return {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "COLUMNS": "120",
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def checked(output: str) -> set[str]:
    """The plan files a text report names (each file's heading line)."""
    return {m for m in re.findall(r"^plans/(\S+)\s+\(\d+ ", output, re.M)}


PRE_COMMIT = shutil.which("pre-commit", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
pre_commit = pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install '.[test]')")


def _a_git_checkout() -> bool:
    return shutil.which("git") is not None and subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "HEAD"], capture_output=True).returncode == 0


@pre_commit
@pytest.mark.skipif(not _a_git_checkout(), reason="try-repo clones a git repository: this checkout is none")
def test_the_hook_pinned_to_a_commit_checks_every_plan_format(tmp_path):
    """`pre-commit try-repo` clones this repository at its current commit (uncommitted changes
    included), installs the hook's environment as a user's pre-commit would, and runs it: the
    Word plan, the CSV and the PDF are checked, the README is not, and the findings fail the hook."""
    repo = plans_repo(tmp_path)
    p = subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), "plancheck", "--all-files"], cwd=repo,
                       capture_output=True, text=True, env=env(tmp_path), timeout=600)
    out = p.stdout + p.stderr
    assert p.returncode == 1, out
    assert "plancheck" in out and "Failed" in out
    assert checked(out) == {p.name for p in PLANS}, out
    assert "README.md" not in out
    assert re.search(r"^3 tệp, \d+ phát hiện", out, re.M), out


@pre_commit
def test_the_local_hook_of_the_docs_runs_the_installed_plancheck(tmp_path):
    repo = plans_repo(tmp_path)
    local = next(b for b in blocks("ci.md", "yaml") if "repo: local" in b)
    (repo / ".pre-commit-config.yaml").write_text(local + "\n", encoding="utf-8")
    hook = yaml.safe_load(local)["repos"][0]["hooks"][0]
    assert hook["entry"] == "plancheck lint"
    shim = tmp_path / "bin"  # `plancheck` on PATH is the checkout under test
    shim.mkdir()
    (shim / "plancheck").write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m plancheck \"$@\"\n")
    (shim / "plancheck").chmod(0o755)
    e = env(tmp_path)
    e["PATH"] = f"{shim}{os.pathsep}{e['PATH']}"
    e["PYTHONPATH"] = str(ROOT)
    p = subprocess.run([PRE_COMMIT, "run", "--all-files"], cwd=repo, capture_output=True, text=True, env=e,
                       timeout=600)
    out = p.stdout + p.stderr
    assert p.returncode == 1, out
    assert checked(out) == {p.name for p in PLANS}, out
    assert "README.md" not in out


def test_the_github_workflow_steps_run_on_a_repository_of_plans(tmp_path):
    """The workflow of docs/ci.md installs from a repository (no published release) and its
    plancheck steps run as written once the baseline of the docs is committed."""
    repo = plans_repo(tmp_path)
    workflow = yaml.safe_load(next(b for b in blocks("ci.md", "yaml") if "runs-on" in b))
    steps = [s["run"] for s in workflow["jobs"]["plancheck"]["steps"] if "run" in s]
    install = [s for s in steps if s.startswith("pip install")]
    assert install and all("git+" in s for s in install)  # from the repository, not from PyPI
    baseline = next(b for b in blocks("ci.md", "sh") if "--write-baseline" in b).splitlines()[0]
    assert subprocess.run(PLANCHECK + shlex.split(baseline)[1:], cwd=repo, capture_output=True).returncode == 0
    for step in (s for s in steps if s.startswith("plancheck ")):
        p = subprocess.run(PLANCHECK + shlex.split(step)[1:], cwd=repo, capture_output=True, text=True)
        assert p.returncode == 0, (step, p.stdout, p.stderr)  # everything known is in the baseline
    sarif = (repo / "plancheck.sarif").read_text(encoding="utf-8")
    assert '"version": "2.1.0"' in sarif and "ha-giang-plan.pdf" in sarif


def test_the_configuration_example_runs_on_a_fresh_checkout(tmp_path):
    repo = plans_repo(tmp_path)
    toml = next(b for b in blocks("usage.md", "toml") if "[tool.plancheck]" in b)
    (repo / "plancheck.toml").write_text(toml + "\n", encoding="utf-8")
    p = subprocess.run(PLANCHECK + ["lint", "plans/"], cwd=repo, capture_output=True, text=True)
    assert p.returncode == 1 and p.stderr == "", p.stderr  # findings, and no error
    assert "3 tệp" in p.stdout
