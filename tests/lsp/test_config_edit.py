"""The language server's "ignore this rule in this file" edit to the configuration: applied and
parsed, it turns the rule off for that file and changes nothing else."""

from __future__ import annotations

import tomllib

import pytest

from pitchlint.lsp.config_edit import ConfigEdit, ignore_edit
from pitchlint.lsp.settings import file_config

PITCHLINT_TOML = {
    "empty file": "",
    "keys, no table": 'select = ["vague-ask", "missing-ask"]\n',
    "no final newline": "ignore = []",
    "table between others": ('ignore = []\n\n[per-file-ignores]\n"other.md" = ["missing-ask"]\n\n'
                             '[hook]\nfail-on = "error"\n'),
    "table header last": "ignore = []\n[per-file-ignores]",
    "key with a comment": '[per-file-ignores]\n"drafts/a.md" = ["missing-ask"] # why\n',
    "key over lines": '[per-file-ignores]\n"drafts/a.md" = [\n  "missing-ask",\n]\n',
    "key with empty list": '[per-file-ignores]\n"drafts/a.md" = []\n',
    "single-quoted key": "[per-file-ignores]\n'drafts/a.md' = ['missing-ask']\n",
    "inline table": 'per-file-ignores = { "x.md" = ["missing-ask"] }\nignore = []\n',
    "empty inline table": "per-file-ignores = {}\n",
    "inline table with the key": 'per-file-ignores = { "drafts/a.md" = ["missing-ask"] }\n',
    "dotted keys": 'per-file-ignores."x.md" = ["missing-ask"]\n',
    "CRLF line ends": 'ignore = []\r\n[per-file-ignores]\r\n"x.md" = ["missing-ask"]\r\n',
    "comments everywhere": ('# house style\nignore = []  # none yet\n\n[per-file-ignores]  # by file\n'
                            '# drafts first\n"drafts/a.md" = [ "missing-ask" ]  # why\n'),
}
PYPROJECT = {
    "pyproject, pitchlint table": '[project]\nname = "x"\n\n[tool.pitchlint]\nignore = []\n\n[tool.ruff]\nline-length = 100\n',
    "pyproject, per-file table": ('[tool.pitchlint]\nignore = []\n[tool.pitchlint.per-file-ignores]\n'
                                  '"b.md" = ["missing-ask"]\n[tool.x]\ny = 1\n'),
}



def applied(edit: ConfigEdit, current: str) -> str:
    """The configuration's text after the edit, as the editor's workspace edit leaves it."""
    return current[:edit.start] + edit.text + current[edit.end:]

def parsed_without_ignores(text: str, pyproject: bool) -> dict:
    data = tomllib.loads(text)
    table = data.get("tool", {}).get("pitchlint", {}) if pyproject else data
    table.pop("per-file-ignores", None)
    return data


@pytest.mark.parametrize("name", [*PITCHLINT_TOML, *PYPROJECT])
def test_the_edit_ignores_the_rule_for_that_file_only(tmp_path, name):
    pyproject = name in PYPROJECT
    config_path = tmp_path / ("pyproject.toml" if pyproject else ".pitchlint.toml")
    original = (PYPROJECT if pyproject else PITCHLINT_TOML)[name]
    config_path.write_bytes(original.encode())
    (tmp_path / "drafts").mkdir()
    draft = tmp_path / "drafts" / "a.md"
    config = file_config(str(draft))
    before = config.ignored_for(str(draft))

    edit = ignore_edit(str(draft), "vague-ask", config)
    assert edit is not None and not edit.create and edit.path == config_path
    edited = applied(edit, original)
    config_path.write_bytes(edited.encode())
    after = file_config(str(draft))
    assert after.ignored_for(str(draft)) == before | {"vague-ask"}
    assert after.ignored_for(str(tmp_path / "drafts" / "b.md")) == config.ignored_for(str(tmp_path / "drafts" / "b.md"))
    assert parsed_without_ignores(edited, pyproject) == parsed_without_ignores(original, pyproject)
    assert edited.startswith(original[:edit.start]) and edited.endswith(original[edit.end:])
    if "\r\n" in original:
        assert "\r\n" in edit.text and "\n" not in edit.text.replace("\r\n", "")


def test_no_configuration_creates_one_next_to_the_message(tmp_path):
    draft = tmp_path / "ask.eml"
    edit = ignore_edit(str(draft), "missing-ask", file_config(str(draft)))
    assert edit.create and edit.path == tmp_path / ".pitchlint.toml" and edit.relative == "ask.eml"
    edit.path.write_text(applied(edit, ""))
    assert file_config(str(draft)).ignored_for(str(draft)) == {"missing-ask"}


def test_nothing_to_do_or_nothing_safe_to_do(tmp_path):
    config_path = tmp_path / ".pitchlint.toml"
    draft = tmp_path / "a.md"
    config_path.write_text('[per-file-ignores]\n"a.md" = ["vague-ask"]\n')
    assert ignore_edit(str(draft), "vague-ask", file_config(str(draft))) is None  # already ignored
    pyproject = tmp_path / "sub" / "pyproject.toml"
    pyproject.parent.mkdir()
    pyproject.write_text("[tool]\npitchlint = { ignore = [] }  # kept\n")  # an inline table grows in place
    inner = tmp_path / "sub" / "a.md"
    edit = ignore_edit(str(inner), "vague-ask", file_config(str(inner)))
    edited = applied(edit, pyproject.read_text())
    assert edited.endswith("}  # kept\n")
    assert tomllib.loads(edited)["tool"]["pitchlint"] == {"ignore": [], "per-file-ignores": {"a.md": ["vague-ask"]}}
