"""What the documentation states stays true: the README's corpus count, the configuration example
in docs/configuration.md, and the small failures a first day with pitchlint ran into."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from readme_snippets import README, snippet

from pitchlint.cli.commands import main
from pitchlint.config.settings import find_config

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_the_readme_states_the_corpus_size():
    labelled = len(list(CORPUS.glob("*.toml")))  # counted, not written down: the corpus grows
    stated = re.search(r"the labelled\s+corpus\s+\((\d+) messages", README.read_text(encoding="utf-8"))
    assert stated is not None, "README.md does not state the corpus size"
    assert int(stated.group(1)) == labelled, f"README.md says {stated.group(1)} messages; corpus/ has {labelled}"


def test_the_configuration_example_works_on_the_default_install(tmp_path, monkeypatch):
    (tmp_path / ".pitchlint.toml").write_text(snippet("toml", 'model = "en_core_web_sm"', page="docs/configuration.md"))
    (tmp_path / "style" / "our-outreach-rules").mkdir(parents=True)
    (tmp_path / "style" / "templates").mkdir()
    (tmp_path / "draft.md").write_text("Hi Dana,\n\nIf you know anyone, please send them my way.\n")
    monkeypatch.chdir(tmp_path)
    find_config.cache_clear()
    result = CliRunner().invoke(main, ["--format", "concise", "draft.md"])
    find_config.cache_clear()
    assert result.stderr == "" and result.exit_code == 1
    assert result.stdout.startswith("draft.md:3:")


def test_a_greeting_alone_is_not_specific(lint):
    for text in ("Hi Dana!\n", "Hi Dana! ...\n", "Hi Dana!\n\nPriya\n"):
        report = lint(text)
        assert report.verdict == "vague", text
        assert [f.rule for f in report.findings] == ["missing-ask"]
