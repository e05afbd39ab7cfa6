"""Folder walks find files as ruff does: .gitignore/.ignore, hidden folders, include/exclude."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pitchlint.config.settings import find_config
from pitchlint.engine.files import RunOptions, expand

MESSAGE = "Could you introduce me to a recruiter at Microsoft?\n"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository as people have them: a README, a licence, requirements, node_modules, a
    build log, git-ignored output, a hidden folder, and the drafts."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    files = ["README.md", "LICENSE.txt", "requirements.txt", "node_modules/pkg/README.md",
             "node_modules/pkg/notes.md", "build/log.txt", "out/generated.md", ".github/issue.md",
             "drafts/dana.md", "drafts/sub/lee.txt", "drafts/tmp.txt", "mail/ask.eml", "notes.rst"]
    for name in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MESSAGE)
    (tmp_path / ".gitignore").write_text("out/\n")
    (tmp_path / "drafts" / ".ignore").write_text("tmp.txt\n")
    monkeypatch.chdir(tmp_path)
    find_config.cache_clear()
    yield tmp_path
    find_config.cache_clear()


def found(*paths, **options) -> list[str]:
    return list(expand(list(paths), RunOptions(**options)))


def test_a_walk_lints_only_the_messages(repo):
    assert found(".") == ["drafts/dana.md", "drafts/sub/lee.txt", "mail/ask.eml"]


def test_a_walk_below_the_gitignore_still_obeys_it(repo):
    (repo / "drafts" / "sub" / "x.md").write_text(MESSAGE)
    (repo / ".gitignore").write_text("out/\ndrafts/sub/\n")
    assert found("drafts") == ["drafts/dana.md"]


def test_exclude_and_extend_exclude(repo):
    (repo / ".pitchlint.toml").write_text('extend-exclude = ["mail/"]\n')
    assert found(".") == ["drafts/dana.md", "drafts/sub/lee.txt"]
    (repo / ".pitchlint.toml").write_text('exclude = []\nrespect-gitignore = false\n')
    find_config.cache_clear()
    assert "README.md" in found(".") and "out/generated.md" in found(".")
    assert "node_modules/pkg/notes.md" in found(".")
    assert ".github/issue.md" not in found(".")  # hidden folders stay hidden


def test_include_narrows_the_walk(repo):
    (repo / ".pitchlint.toml").write_text('include = ["drafts/**/*.md"]\n')
    assert found(".") == ["drafts/dana.md"]


def test_a_named_file_is_linted_unless_force_exclude(repo):
    assert found("node_modules/pkg/README.md") == ["node_modules/pkg/README.md"]
    assert found("node_modules/pkg/README.md", "drafts/dana.md", force_exclude=True) == ["drafts/dana.md"]
    (repo / ".pitchlint.toml").write_text("force-exclude = true\n")
    assert found("README.md", "drafts/dana.md") == ["drafts/dana.md"]


def test_a_bad_gitignore_line_is_a_warning(repo):
    (repo / ".gitignore").write_bytes(b"out/\n!\n")
    (repo / "drafts" / ".ignore").write_bytes(b"\xff\xfe tmp\n")
    warnings = []
    assert found(".", warn=warnings.append) == ["drafts/dana.md", "drafts/sub/lee.txt", "drafts/tmp.txt", "mail/ask.eml"]
    assert warnings[0].startswith(f"{repo / '.gitignore'}:2: not a valid pattern")
    assert warnings[1].startswith(f"{repo / 'drafts' / '.ignore'}: cannot be read")


@pytest.mark.parametrize("config,message", [
    ('exclude = "build"', "`exclude` must be a list of strings"),
    ('extend-exclude = ["!"]', "`extend-exclude` has a pattern that is not a valid glob: '!'"),
    ('respect-gitignore = "yes"', "`respect-gitignore` must be true or false"),
])
def test_bad_discovery_keys_name_the_key(repo, config, message):
    from pitchlint.config.settings import load_config_file
    from pitchlint.errors import ConfigError

    (repo / ".pitchlint.toml").write_text(config + "\n")
    with pytest.raises(ConfigError) as error:
        load_config_file(Path(".pitchlint.toml"))
    assert message in str(error.value)
