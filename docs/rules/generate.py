"""Write docs/rules/<id>.md for every built-in rule, and docs/rules/README.md as their index.

    python docs/rules/generate.py

Each page is built from the rule as pitchlint loads it (rules/<id>.toml) and from the very text
`pitchlint explain <id>` prints (pitchlint.output.rule_docs.explain_text): the same sections, in
the same words. Nothing in docs/rules/ is written by hand; edit the rule file and run this
script. tests/docs/test_rule_pages.py builds the pages in memory and fails when a committed page
differs, is missing, or names a rule that no longer exists.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RULES = ROOT / "rules"
INDEX = "README.md"
COMMAND = "python docs/rules/generate.py"

sys.path.insert(0, str(ROOT))  # run from a checkout: the package next to this folder

from pitchlint.checks.pack import Rule, load_pack  # noqa: E402
from pitchlint.output.rule_docs import EXAMPLE_HEADINGS, explain_text  # noqa: E402

# explain's sections whose text is a message (shown as written), not prose about the rule
MESSAGE_SECTIONS = {"Example", "Use instead"}


def load_rules() -> list[Rule]:
    """The built-in rules, loaded as `pitchlint explain` loads them, in id order."""
    return sorted(load_pack(RULES), key=lambda rule: rule.id)


def code_span(text: str) -> str:
    """`text` as inline code, whatever backticks it holds."""
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def code_block(text: str, indent: str = "") -> str:
    """`text` as a fenced block of plain text, whatever fences it holds."""
    fence = "`" * max(3, max((len(run) + 1 for run in re.findall(r"^ *`+", text, flags=re.M)), default=0))
    lines = [f"{fence}text", *text.splitlines(), fence]
    return "\n".join(indent + line if line else "" for line in lines)


def example_item(example: str) -> str:
    """One of a rule's examples as a list item: inline code, or a block when it has several lines."""
    text = example.strip("\n")
    if "\n" not in text:
        return f"- {code_span(text)}"
    return "- " + code_block(text, indent="  ").removeprefix("  ")


def inline(text: str) -> str:
    """Plain text (a summary) that reads the same once Markdown renders it."""
    return re.sub(r"([\\`*_<>\[\]|])", r"\\\1", text)


def sections(explained: str) -> list[tuple[str, str]]:
    """explain's `## Heading` sections, in order, each with its text (without the blank lines around it)."""
    found = re.findall(r"^## ([^\n]+)\n(.*?)(?=^## |\Z)", explained, flags=re.S | re.M)
    return [(heading, body.strip("\n")) for heading, body in found]


def facts(rule: Rule) -> list[tuple[str, str]]:
    source = f"rules/{Path(rule.origin).name}"
    rows = [
        ("id", code_span(rule.id)),
        ("severity", rule.severity),
        ("status", rule.status + (": runs only when selected by its id (`select`, `extend-select`)"
                                  if rule.status == "preview" else "")),
        ("kind", code_span(rule.kind)),
        ("score", f"{rule.score:+d} on the 0-100 score when it fires" if rule.score else "0: it moves no score"),
    ]
    if rule.verdict:
        rows.append(("verdict", f"a finding makes the message {rule.verdict}"))
    if rule.template:
        rows.append(("rewrite", f"`rules/templates/{rule.template}`"))
    rows.append(("source", f"[`{source}`](../../{source})"))
    return rows


def rule_page(rule: Rule) -> str:
    """The Markdown page of one rule: its facts, explain's documentation section by section, and
    the examples explain lists after it, under the same headings."""
    documentation = rule.doc_text()  # what explain prints first, and hover and SARIF show
    assert explain_text(rule).startswith(documentation + "\n"), rule.id
    first, summary, rest = documentation.split("\n", 2)
    assert first == f"{rule.id} ({rule.severity}, {rule.status})" and summary == rule.summary, first
    assert rest.startswith("\n## "), rule.id
    lines = [
        f"<!-- Generated from rules/{Path(rule.origin).name} by {COMMAND}; edit the rule file, not this page. -->",
        "",
        f"# {rule.id}",
        "",
        inline(summary),
        "",
        "| | |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in facts(rule)),
        "",
        f"`pitchlint explain {rule.id}` prints the same documentation in a terminal.",
        "",
    ]
    for heading, body in sections(rest):
        lines += [f"## {heading}", ""]
        lines.append(code_block(body) if heading in MESSAGE_SECTIONS else body)
        lines.append("")
    for kind, heading in EXAMPLE_HEADINGS.items():
        if rule.examples.get(kind):
            lines += [f"## {heading}", "", *(example_item(example) for example in rule.examples[kind]), ""]
    return "\n".join(lines)


def index_page(rules: list[Rule]) -> str:
    lines = [
        f"<!-- Generated from rules/*.toml by {COMMAND}; edit the rule files, not this page. -->",
        "",
        "# Rules",
        "",
        "The built-in rules, one page each, made from the rule's own file in `rules/` and the text",
        "`pitchlint explain RULE` prints. `pitchlint rules` lists them with whether they are on under",
        "your configuration. Preview rules run only when selected by their id.",
        "",
        "| rule | severity | status | summary |",
        "|---|---|---|---|",
        *(f"| [`{rule.id}`]({rule.id}.md) | {rule.severity} | {rule.status} | {inline(rule.summary)} |"
          for rule in rules),
        "",
        f"To change a page, edit the rule file and run `{COMMAND}`; the tests fail while a page and its",
        "rule disagree. What each rule looks for, in one line, and how findings move the verdict and the",
        "score: [how it works](../how-it-works.md#what-it-reports).",
        "",
    ]
    return "\n".join(lines)


def pages() -> dict[str, str]:
    """Every file docs/rules/ should hold, by name, with its text."""
    rules = load_rules()
    generated = {f"{rule.id}.md": rule_page(rule) for rule in rules}
    generated[INDEX] = index_page(rules)
    return generated


def main() -> None:
    wanted = pages()
    for stale in sorted(set(p.name for p in HERE.glob("*.md")) - set(wanted)):
        (HERE / stale).unlink()
        print(f"removed docs/rules/{stale}")
    for name, text in wanted.items():
        path = HERE / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote docs/rules/{name}")


if __name__ == "__main__":
    main()
