"""Globs behave as git's wildmatch does (pathspec): trailing and leading slashes, character classes,
escapes, negation, and many `**` on a deep path."""

import pytest

from pitchlint.config.globs import matches
from pitchlint.config.settings import load_config_file
from pitchlint.errors import ConfigError


@pytest.mark.parametrize("pattern,path,expected", [
    # a trailing slash: the folder and everything under it, at any depth
    ("drafts/", "drafts/a.md", True),
    ("drafts/", "notes/drafts/x/a.md", True),
    ("drafts/", "drafts.md", False),
    # a leading slash anchors to the configuration's folder
    ("/top.md", "top.md", True),
    ("/top.md", "sub/top.md", False),
    # character classes and an escaped star
    ("[ab].md", "a.md", True),
    ("[ab].md", "sub/b.md", True),
    ("[ab].md", "c.md", False),
    (r"\*.md", "*.md", True),
    (r"\*.md", "x.md", False),
    # stars, double stars and question marks
    ("*.eml", "out/2026/a.eml", True),
    ("drafts/**/*.md", "drafts/x/y/a.md", True),
    ("drafts/**/*.md", "other/drafts/a.md", False),
    ("drafts/*.md", "drafts/x/a.md", False),
    ("?.md", "a.md", True),
    ("?.md", "ab.md", False),
])
def test_git_wildmatch(pattern, path, expected):
    assert matches(path, [pattern]) is expected


def test_a_later_negation_re_includes():
    assert matches("drafts/keep.md", ["drafts/", "!drafts/keep.md"]) is False
    assert matches("drafts/other.md", ["drafts/", "!drafts/keep.md"]) is True


def test_many_double_stars_on_a_deep_path_answer_at_once():
    # a backtracking engine (Python's re) tries a vast number of splits of this path; RE2 is linear
    pattern = "**/a/" * 12 + "*.md"
    assert matches("a/" * 30 + "x.txt", [pattern]) is False
    assert matches("a/" * 30 + "x.md", [pattern]) is True


def test_a_pattern_git_rejects_is_a_configuration_error(tmp_path):
    config = tmp_path / ".pitchlint.toml"
    config.write_text('[per-file-ignores]\n"!" = ["vague-ask"]\n')
    with pytest.raises(ConfigError) as error:
        load_config_file(config)
    assert "not a valid glob: '!'" in str(error.value)
