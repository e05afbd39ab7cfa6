"""Rules and rule packs.

A rule is data (a TOML file in a pack folder: id, severity, message, docs, examples, score effect)
plus a *kind*: the check that runs it. The built-in kinds are in pitchlint.checks, one module per
family, and pitchlint.checks.kinds maps their names to them; a Python rule from an installed
package is a `Rule` object published under the `pitchlint.rules` entry-point group.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Protocol

from pitchlint.checks.findings import Finding, Fix
from pitchlint.errors import ConfigError
from pitchlint.terms import SEVERITIES, Profile

if TYPE_CHECKING:  # types only: the plug-in interface imports neither the analysis nor the reader
    from pitchlint.analysis import Analysis
    from pitchlint.reading.document import Document

ENTRY_POINT_GROUP = "pitchlint.rules"
RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
STATUSES = ("stable", "preview", "deprecated")
DOC_SECTIONS = ("what", "why", "example", "use_instead", "options")
# A rule's phrases compile into one pattern, at about 5 s of CPU per 1,000,000 characters
MAX_PHRASES = 1_000  # phrases or patterns in one rule
MAX_PHRASE_CHARACTERS = 20_000  # all of them together
RULE_KEYS = {"id", "kind", "severity", "status", "summary", "message", "score", "verdict",
             "template", "options", "docs", "examples"}

Check = Callable[["RuleContext"], Iterable[Finding]]


class Render(Protocol):
    """What renders a rule's rewrite template: the template's file name and its slots in, the
    rewrite out, or None when the template failed (the engine then notes why and the finding
    stands without a rewrite). pitchlint.rewrite.templates.Renderer is one; checks may not
    import it (checks and rewrite are independent stages), so its shape is stated here."""

    def __call__(self, name: str, **slots: object) -> str | None: ...


@dataclass
class Rule:
    id: str
    kind: str
    severity: str
    summary: str
    message: str
    score: int = 0  # points a finding takes off the 0-100 score (negative) or adds
    verdict: str | None = None  # "vague": a finding of this rule makes the message vague
    status: str = "stable"
    template: str | None = None
    # a kind's settings, as TOML gives them: each kind reads its own keys and shapes
    options: dict[str, Any] = field(default_factory=dict)
    # section -> text, read with str(); a Mapping, so a plug-in's dict[str, str] is one too
    docs: Mapping[str, object] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)  # {"pass": [...], "fail": [...]}
    check: Check | None = None  # a Python rule brings its own check
    origin: str = ""  # the file or entry point it came from

    def validate(self) -> None:
        where = self.origin or self.id
        if not RULE_ID.match(self.id or ""):
            raise ConfigError(where, f"rule id {self.id!r} is not kebab-case")
        if self.severity not in SEVERITIES:
            raise ConfigError(where, f"severity {self.severity!r} is not one of {', '.join(SEVERITIES)}")
        if self.status not in STATUSES:
            raise ConfigError(where, f"status {self.status!r} is not one of {', '.join(STATUSES)}")
        if self.verdict not in (None, "vague"):
            raise ConfigError(where, f"verdict {self.verdict!r} must be \"vague\" or absent")
        if not isinstance(self.score, int) or not -100 <= self.score <= 100:
            raise ConfigError(where, "score must be a whole number from -100 to 100")
        missing = [s for s in DOC_SECTIONS if not str(self.docs.get(s, "")).strip()]
        if missing:
            raise ConfigError(where, f"rule {self.id} lacks documentation sections: {', '.join(missing)}")

    def doc_text(self) -> str:
        """The rule's documentation, as `explain`, hover and docs show it."""
        titles = {"what": "What it does", "why": "Why it matters", "example": "Example",
                  "use_instead": "Use instead", "options": "Options"}
        parts = [f"{self.id} ({self.severity}, {self.status})", self.summary, ""]
        for key in DOC_SECTIONS:
            parts += [f"## {titles[key]}", str(self.docs[key]).strip(), ""]
        return "\n".join(parts).rstrip() + "\n"


@dataclass
class RuleContext:
    """What a check sees: the analysis, its own rule, a renderer for its template, and what the
    writer told pitchlint about this message (profile and recipient, channel, the document)."""

    analysis: Analysis
    rule: Rule
    render: Render
    profile: Profile | None = None  # configuration merged with front matter
    channel: str = "email"
    document: Document | None = None

    def finding(self, start: int, end: int, message: str | None = None, severity: str | None = None, *,
                suggestion: str | None = None, fix: Fix | None = None) -> Finding:
        """A finding of this rule; `severity` lowers it for a hint variant ("info"), never raises it."""
        level = self.rule.severity
        if severity is not None and SEVERITIES.index(severity) < SEVERITIES.index(level):
            level = severity
        return Finding(
            rule=self.rule.id, severity=level,
            message=message or self.rule.message, start=start, end=end, suggestion=suggestion, fix=fix,
        )


def load_rule_file(path: Path) -> Rule:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"is not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot be read ({exc})") from None
    unknown = sorted(set(data) - RULE_KEYS)
    if unknown:
        raise ConfigError(path, f"unknown key(s) in rule file: {', '.join(unknown)}")
    for key in ("id", "kind", "severity", "summary", "message"):
        if key not in data:
            raise ConfigError(path, f"rule file lacks the required key {key!r}")
    check_rule_types(data, path)
    rule = Rule(**data, origin=str(path))
    rule.validate()
    return rule


RULE_TYPES = {"id": str, "kind": str, "severity": str, "status": str, "summary": str, "message": str,
              "score": int, "verdict": str, "template": str, "options": dict, "docs": dict, "examples": dict}
TYPE_NAMES = {str: "a string", int: "a whole number", dict: "a table"}


def check_rule_types(data: dict[str, Any], path: Path) -> None:
    """Every key of a rule file has the type the rule kinds expect, and its patterns compile:
    a wrong shape is the pack's error, named when the pack loads, not a crash while linting."""
    from pitchlint.checks.messages import problems as message_problems
    from pitchlint.checks.pack_regex import check_syntax

    for key, wanted in RULE_TYPES.items():
        if key in data and (type(data[key]) is not wanted):
            raise ConfigError(path, f"`{key}` must be {TYPE_NAMES[wanted]}")
    for kind, examples in data.get("examples", {}).items():
        if kind == "expect":
            check_expectations(examples, data["examples"].get("fail", []), path)
        elif not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
            raise ConfigError(path, f"`examples.{kind}` must be a list of strings")
    options = data.get("options", {})
    for key in ("message", *(k for k in options if k.startswith("message"))):
        where = "message" if key == "message" else f"options.{key}"
        template = data.get(key) if key == "message" else options[key]
        if not isinstance(template, str):
            raise ConfigError(path, f"`{where}` must be a string")
        problem = message_problems(template)
        if problem:
            raise ConfigError(path, f"`{where}`: {problem}")
    for key in ("phrases", "patterns"):
        if key not in options:
            continue
        items = options[key]
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise ConfigError(path, f"`options.{key}` must be a list of strings (a single string is a list of one: "
                                    f"[\"...\"])")
        if len(items) > MAX_PHRASES or sum(map(len, items)) > MAX_PHRASE_CHARACTERS:
            raise ConfigError(path, f"`options.{key}` holds up to {MAX_PHRASES:,} entries and "
                                    f"{MAX_PHRASE_CHARACTERS:,} characters in all")
    sources = list(options.get("patterns", []))
    if options.get("regex"):
        sources += options.get("phrases", [])
    for source in sources:
        problem = check_syntax(source)
        if problem:
            raise ConfigError(path, f"pattern {str(source)[:80]!r} is not a valid regular expression ({problem})")


def check_expectations(expect: object, fail: list[str], path: Path) -> None:
    """`[[examples.expect]]` (optional): per fail example, in order, the finding it should give,
    `text` (the words flagged) and `message`, plus `[[examples.expect.also]]` for any further ones."""
    def is_finding(entry: object, extra: tuple[str, ...] = ()) -> bool:
        return (isinstance(entry, dict) and set(entry) <= {"text", "message", *extra}
                and all(isinstance(entry.get(key), str) for key in ("text", "message")))

    if not isinstance(expect, list) or not all(
            is_finding(e, ("also",)) and all(is_finding(a) for a in e.get("also", [])) for e in expect):
        raise ConfigError(path, "each `[[examples.expect]]` must have a string `text` and `message` "
                                "(and `[[examples.expect.also]]` entries the same)")
    if len(expect) != len(fail):
        raise ConfigError(path, f"`examples.expect` has {len(expect)} entries for {len(fail)} fail examples")


def load_pack(folder: Path) -> list[Rule]:
    if not folder.is_dir():
        raise ConfigError(folder, "rule pack folder does not exist")
    return [load_rule_file(path) for path in sorted(folder.glob("*.toml"))]


_PLUGINS_LOADED: list[str] = []  # entry points whose code this process imported


def plugins_loaded() -> bool:
    """Whether code from a plug-in ran in this process (the CLI then exits the ordinary way)."""
    return bool(_PLUGINS_LOADED)


def load_entry_point_rules() -> list[Rule]:
    from importlib.metadata import entry_points

    rules: list[Rule] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        _PLUGINS_LOADED.append(ep.name)
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plug-in is reported, never a traceback
            raise ConfigError(f"entry point {ep.name}", f"cannot be loaded ({exc})") from None
        for rule in obj if isinstance(obj, (list, tuple)) else [obj]:
            if not isinstance(rule, Rule):
                raise ConfigError(f"entry point {ep.name}", "does not name a pitchlint Rule")
            rule.origin = rule.origin or f"entry point {ep.name} ({ep.value})"
            rule.validate()
            rules.append(rule)
    return rules
