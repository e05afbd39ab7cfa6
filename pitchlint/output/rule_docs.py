"""A rule's documentation as `pitchlint explain RULE` prints it: the rule's own docs (what it
does, why it matters, an example, what to write instead, its options) and its examples.

docs/rules/generate.py builds each rule's page in docs/rules/ from this same text, so the pages
say what `explain` says.
"""

from __future__ import annotations

from pitchlint.checks.pack import Rule

EXAMPLE_HEADINGS = {"fail": "Examples that fire", "pass": "Examples that pass"}


def explain_text(rule: Rule) -> str:
    """The whole of `pitchlint explain RULE`'s output for this rule."""
    parts = [rule.doc_text(), "\n"]
    for kind in ("fail", "pass"):
        examples = rule.examples.get(kind, [])
        if examples:
            parts.append(f"## {EXAMPLE_HEADINGS[kind]}\n")
            parts += [f"- {example}\n" for example in examples]
            parts.append("\n")
    return "".join(parts)
