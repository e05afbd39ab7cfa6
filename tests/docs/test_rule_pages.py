"""docs/rules/ is generated: one page per built-in rule from the rule's file and the text
`pitchlint explain` prints, and an index. The committed pages must be exactly what
docs/rules/generate.py writes now, so they never drift from the rules or from `explain`."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from pitchlint.cli.commands import main
from pitchlint.output.rule_docs import explain_text

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "docs" / "rules"
REGENERATE = "run `python docs/rules/generate.py` and commit docs/rules/"


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_rule_pages", PAGES / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = load_generator()
GENERATED = generate.pages()
RULES = generate.load_rules()


def test_every_rule_has_a_page_and_no_page_is_stale():
    committed = {path.name for path in PAGES.glob("*.md")}
    wanted = set(GENERATED)
    assert {f"{rule.id}.md" for rule in RULES} <= wanted
    assert {path.stem for path in (ROOT / "rules").glob("*.toml")} == {rule.id for rule in RULES}
    missing, stale = sorted(wanted - committed), sorted(committed - wanted)
    assert not missing, f"no page for {', '.join(missing)} in docs/rules/: {REGENERATE}"
    assert not stale, f"docs/rules/ has pages for no rule: {', '.join(stale)}: {REGENERATE}"


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_the_committed_page_is_what_the_generator_writes(name):
    path = PAGES / name
    assert path.is_file(), f"docs/rules/{name} is missing: {REGENERATE}"
    committed = path.read_text(encoding="utf-8")
    assert committed == GENERATED[name], f"docs/rules/{name} differs from what its rule file gives: {REGENERATE}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_a_page_says_what_explain_prints(rule, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the built-in rules, whatever configuration the checkout has
    printed = CliRunner().invoke(main, ["explain", rule.id])
    assert printed.exit_code == 0, printed.output
    assert printed.stdout == explain_text(rule)  # the generator's source is explain's own text
    page = GENERATED[f"{rule.id}.md"].splitlines()
    documentation = printed.stdout.split("\n\n## Examples that", 1)[0]
    lines = documentation.splitlines()
    assert lines[0] == f"{rule.id} ({rule.severity}, {rule.status})"
    assert f"| severity | {rule.severity} |" in page
    assert any(line.startswith(f"| status | {rule.status}") for line in page)
    assert f"| kind | `{rule.kind}` |" in page
    assert generate.inline(lines[1]) in page
    for line in lines[2:]:  # what it does, why, example, use instead, options: word for word
        if line:
            assert line in page, line
    for kind, heading in (("fail", "Examples that fire"), ("pass", "Examples that pass")):
        assert (f"## {heading}" in page) == bool(rule.examples.get(kind)), heading
        assert (f"## {heading}" in printed.stdout) == bool(rule.examples.get(kind)), heading
        for example in rule.examples.get(kind, []):
            assert f"- {example}" in printed.stdout
            text = example.strip("\n")
            if "\n" in text:  # a block, each line indented under its list item
                assert all(f"  {line}".rstrip() in page for line in text.splitlines()), example
            else:
                assert f"- {generate.code_span(text)}" in page, example


def test_the_script_writes_every_page_and_removes_stale_ones(tmp_path, monkeypatch):
    (tmp_path / "retired-rule.md").write_text("# retired-rule\n", encoding="utf-8")
    monkeypatch.setattr(generate, "HERE", tmp_path)
    generate.main()
    written = {path.name: path.read_text(encoding="utf-8") for path in tmp_path.glob("*.md")}
    assert written == GENERATED
