"""The emitter registry: every format `--format` offers is one emitter behind one interface, and
the per-severity tables of the formats cover exactly pitchlint's severities."""

from __future__ import annotations

import click

from pitchlint.cli.commands import check
from pitchlint.output.emitters import EMITTERS, FORMATS, EmitContext, Emitter, Run, emitter_class, emitter_for
from pitchlint.terms import SEVERITIES


def test_format_choices_are_the_registry():
    [option] = [p for p in check.params if p.name == "output_format"]
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == FORMATS == tuple(EMITTERS) == ("text", "concise", "json", "sarif", "github")
    assert option.default == "text"


def test_each_format_has_an_emitter():
    for name in FORMATS:
        emitter = emitter_for(name, EmitContext())
        assert isinstance(emitter, Emitter) and type(emitter) is emitter_class(name)
        assert all(isinstance(block, str) for block in emitter.finish(Run(exit_code=0)))
    assert [name for name in FORMATS if emitter_class(name).styles] == ["text"]
    assert [name for name in FORMATS if emitter_class(name).json_statistics] == ["json"]


def test_statistics_print_json_only_for_the_json_format():
    assert emitter_for("json", statistics=True).finish(Run()) == ["[]"]
    for name in ("text", "concise", "sarif", "github"):
        assert emitter_for(name, statistics=True).finish(Run()) == ["no findings"]


def test_severity_tables_cover_the_severities():
    from pitchlint.lsp.diagnostics import SEVERITY
    from pitchlint.output.github import COMMANDS
    from pitchlint.output.sarif import LEVELS
    from pitchlint.output.text import SEVERITY_STYLE

    for table in (COMMANDS, LEVELS, SEVERITY_STYLE, SEVERITY):
        assert set(table) == set(SEVERITIES)
