"""Plans in a team's repository: `validate --all`, `validate --with-includers` (the plans
that include a changed rule file), the two pre-commit hooks, and the cross-file case through
`pre-commit try-repo`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import HEADER, REPO
from conftest import run_main as run

from pacspec.lint._repository import includers, tree_files

PROFILES = """\
pacspec: 1
profiles:
  - {id: actif, label: Actif, when: {code: "1???"}}
  - {id: inactif, label: Inactif, when: {code: "0???"}}
"""
SEGMENTS = """\
pacspec: 1
include: [profils.rules.yaml]
"""
PLAN = HEADER + """\
include: [{include}]
actions:
  - {{id: a1, title: A, type: commercial, subtype: win_back, priority: 1, owner: DC,
     due: 2026-06, target: {{profile: inactif}}}}
"""


def _repo(root: Path) -> Path:
    """A repository of plans: two rule files (one includes the other), a plan including
    each, a plan including none, and a broken file in a hidden folder."""
    (root / "regles").mkdir(parents=True)
    _git("init", "-q", cwd=root)
    (root / "regles" / "profils.rules.yaml").write_text(PROFILES, encoding="utf-8")
    (root / "regles" / "segments.rules.yaml").write_text(SEGMENTS, encoding="utf-8")
    (root / "plans").mkdir()
    (root / "plans" / "direct.pac.yaml").write_text(
        PLAN.format(include="../regles/profils.rules.yaml"), encoding="utf-8")
    (root / "plans" / "indirect.pac.yaml").write_text(
        PLAN.format(include="../regles/segments.rules.yaml"), encoding="utf-8")
    (root / "plans" / "other.pac.yaml").write_text(HEADER, encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.pac.yaml").write_text("not: [a plan\n", encoding="utf-8")
    return root




def test_tree_files_skips_hidden_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert tree_files() == ["plans/direct.pac.yaml", "plans/indirect.pac.yaml",
                            "plans/other.pac.yaml", "regles/profils.rules.yaml",
                            "regles/segments.rules.yaml"]


def test_includers_directly_and_through_rule_files(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert includers(["regles/profils.rules.yaml"]) == ["plans/direct.pac.yaml",
                                                        "plans/indirect.pac.yaml"]
    assert includers(["regles/segments.rules.yaml"]) == ["plans/indirect.pac.yaml"]
    assert includers(["plans/other.pac.yaml"]) == []
    # a plan given is not listed again
    assert includers(["regles/profils.rules.yaml", "plans/direct.pac.yaml"]) == [
        "plans/indirect.pac.yaml"]


def test_renaming_a_profile_fails_the_plans_that_use_it(tmp_path: Path) -> None:
    _repo(tmp_path)
    rules = tmp_path / "regles" / "profils.rules.yaml"
    rules.write_text(PROFILES.replace("id: inactif", "id: perdu"), encoding="utf-8")
    code, out, _ = run(["validate", "regles/profils.rules.yaml"], tmp_path)
    assert (code, out) == (0, "regles/profils.rules.yaml: ok\n")  # the rule file alone is fine
    code, out, _ = run(["validate", "--with-includers", "regles/profils.rules.yaml"], tmp_path)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "regles/profils.rules.yaml: ok"
    assert re.match(r"plans/direct\.pac\.yaml:10:\d+: error\[unresolved-ref\] ", lines[1])
    assert "profil inconnu 'inactif'" in lines[1]  # the plan's locale: French
    assert lines[2] == "plans/direct.pac.yaml: 1 erreur"
    assert re.match(r"plans/indirect\.pac\.yaml:10:\d+: error\[unresolved-ref\] ", lines[3])
    assert lines[4:] == ["plans/indirect.pac.yaml: 1 erreur"]


def test_validate_all(tmp_path: Path) -> None:
    _repo(tmp_path)
    code, out, err = run(["validate", "--all", "-q"], tmp_path)
    assert (code, out, err) == (0, "", "")
    (tmp_path / "plans" / "other.pac.yaml").write_text(HEADER + "locale: FR\n", encoding="utf-8")
    code, out, _ = run(["validate", "--all"], tmp_path)
    assert code == 1
    assert out.count(": ok\n") == 4
    assert "plans/other.pac.yaml:7:9: error[literal] $.locale:" in out


def test_validate_needs_files_or_all(tmp_path: Path) -> None:
    code, out, err = run(["validate"], tmp_path)
    assert code == 2 and out == "" and "give plan or rule files" in err
    code, out, err = run(["validate", "--all"], tmp_path)  # an empty folder
    assert code == 0 and "aucun fichier de plan ni de règles" in err


def _hooks() -> dict[str, dict[str, object]]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {h["id"]: h for h in hooks}


def test_hook_definitions() -> None:
    hooks = _hooks()
    assert set(hooks) == {"pacspec-validate", "pacspec-validate-all"}
    changed, whole = hooks["pacspec-validate"], hooks["pacspec-validate-all"]
    assert changed["entry"] == "pacspec validate --with-includers"
    assert changed.get("pass_filenames", True) is True
    assert whole["entry"] == "pacspec validate --all" and whole["pass_filenames"] is False
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["files"] == r"\.(pac|rules)\.ya?ml$"


_PINNING_PAGES = (REPO / "README.md", REPO / "docs" / "pre-commit.md",
                  REPO / "docs" / "recipes.md", REPO / "docs" / "diff.md")
"""The pages that pin a revision of pacspec: pre-commit snippets, ``pip install pacspec@…``."""


def _docs_snippets() -> list[dict[str, object]]:
    """The `.pre-commit-config.yaml` snippets of the README and the docs."""
    out = []
    for page in _PINNING_PAGES:
        for block in re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            if block.startswith("repos:"):
                out.append(yaml.safe_load(block))
    return out


def test_documented_snippets_name_hooks_and_a_revision_that_exist() -> None:
    """Every snippet pins one commit of this repository's history (so every clone of it has
    the revision, tags or not), whose hook file defines the hooks the snippet names, and
    whose package is the version the docs describe."""
    snippets = _docs_snippets()
    assert len(snippets) >= 4
    (version,) = re.findall(r'(?m)^version = "([^"]+)"$',
                            (REPO / "pyproject.toml").read_text(encoding="utf-8"))
    revs = {snippet["repos"][0]["rev"] for snippet in snippets}  # type: ignore[index]
    assert len(revs) == 1, f"the snippets pin different revisions: {sorted(map(str, revs))}"
    (rev,) = revs
    assert isinstance(rev, str) and re.fullmatch(r"[0-9a-f]{40}", rev), (
        f"rev {rev!r} is not a full commit hash")
    shallow = _git("rev-parse", "--is-shallow-repository", cwd=REPO, check=False).stdout
    assert shallow.strip() == "false", "this check needs the repository's history (a full clone)"
    ancestor = _git("merge-base", "--is-ancestor", rev, "HEAD", cwd=REPO, check=False)
    assert ancestor.returncode == 0, f"rev {rev} is not a commit of this branch's history"
    hooks_then = yaml.safe_load(_git("show", f"{rev}:.pre-commit-hooks.yaml", cwd=REPO).stdout)
    ids_then = {h["id"] for h in hooks_then}
    pyproject_then = _git("show", f"{rev}:pyproject.toml", cwd=REPO).stdout
    assert f'version = "{version}"' in pyproject_then
    for snippet in snippets:
        (repo,) = snippet["repos"]  # type: ignore[index]
        assert {h["id"] for h in repo["hooks"]} <= ids_then & set(_hooks())
    for page in _PINNING_PAGES:
        for pinned in re.findall(r"pacspec@([0-9a-zA-Z.]+)\"", page.read_text(encoding="utf-8")):
            assert pinned == rev, f"{page.name}: pip installs pacspec@{pinned}, not {rev}"


def _git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=check, capture_output=True,
                          text=True)


@pytest.mark.slow
def test_pre_commit_try_repo_cross_file(tmp_path: Path) -> None:
    """`pre-commit try-repo` from a plans repository: a commit that renames a profile in a
    rule file only is stopped, on the line of the plan that uses it. pre-commit installs
    pacspec into its own environment: this needs the package index and takes a minute."""
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed")
    snapshot = tmp_path / "pacspec"
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                            check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, snapshot / name)
    _git("init", "-q", cwd=snapshot)
    _git("add", "-A", cwd=snapshot)
    _git("commit", "-qm", "snapshot", cwd=snapshot)

    plans = _repo(tmp_path / "plans")
    shutil.rmtree(plans / ".hidden")
    _git("add", "-A", cwd=plans)
    _git("commit", "-qm", "plans", cwd=plans)
    rules = plans / "regles" / "profils.rules.yaml"
    rules.write_text(PROFILES.replace("id: inactif", "id: perdu"), encoding="utf-8")
    _git("add", "regles/profils.rules.yaml", cwd=plans)
    for hook in ("pacspec-validate", "pacspec-validate-all"):
        done = subprocess.run([str(pre_commit), "try-repo", str(snapshot), hook], cwd=plans,
                              capture_output=True, text=True, timeout=900, check=False)
        assert done.returncode == 1, done.stdout + done.stderr
        assert re.search(r"plans/direct\.pac\.yaml:10:\d+: error\[unresolved-ref\]", done.stdout)
        assert re.search(r"plans/indirect\.pac\.yaml:10:\d+: error\[unresolved-ref\]",
                         done.stdout)
