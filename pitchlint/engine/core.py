"""The one engine every front end calls: document -> analysis -> rules -> score -> report data."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pitchlint.analysis import Analysis, Entity, Stretch, analyze_texts
from pitchlint.analysis.zones import analysis_zone
from pitchlint.checks.findings import Finding
from pitchlint.checks.kinds import KINDS
from pitchlint.checks.pack import Render, Rule, RuleContext, load_entry_point_rules, load_pack
from pitchlint.checks.paths import builtin_pack_dir
from pitchlint.checks.selectors import covers
from pitchlint.config.settings import Config
from pitchlint.engine.report import FileReport
from pitchlint.engine.rule_time import RULE_CPU_SECONDS, RuleOverran, run_budgeted
from pitchlint.engine.score import score
from pitchlint.errors import ConfigError, PitchlintError
from pitchlint.reading.document import Document
from pitchlint.reading.positions import FileOffsets
from pitchlint.rewrite.templates import Renderer, renderer_for
from pitchlint.terms import SEVERITIES, Profile

SpanT = TypeVar("SpanT", bound=Entity | Stretch)  # the spans a report carries: targets, entities, asks, goals

MESSAGES_PER_ZONE = 128  # as a `pitchlint batch` chunk: the transient strings of 128 messages at most


@lru_cache(maxsize=8)
def available_rules(packs: tuple[str, ...]) -> dict[str, Rule]:
    """Every rule pitchlint knows with these packs: built-in, extra packs, installed plug-ins."""
    rules: dict[str, Rule] = {}
    sources = [load_pack(builtin_pack_dir())]
    sources += [load_pack(Path(p)) for p in packs]
    try:
        sources.append(load_entry_point_rules())
    except (SystemExit, GeneratorExit) as exc:  # a plug-in that exits while it loads must not end the run
        raise ConfigError("pitchlint.rules entry points", f"a plug-in exited while it was loaded "
                                                          f"({_describe(exc)})") from None
    for batch in sources:
        for rule in batch:
            if rule.id in rules:
                raise ConfigError(rule.origin, f"rule id {rule.id} is already defined in {rules[rule.id].origin}")
            if rule.check is None and rule.kind not in KINDS:
                raise ConfigError(rule.origin, f"unknown rule kind {rule.kind!r} (known: {', '.join(sorted(KINDS))})")
            rules[rule.id] = rule
    return rules


def active_rules(config: Config) -> dict[str, Rule]:
    from pitchlint.checks.selectors import check_known, selected

    rules = available_rules(config.packs)
    where = config.path or "configuration"
    named = list(config.select or ()) + list(config.extend_select) + list(config.ignore)
    named += [rid for _, ids in config.per_file_ignores for rid in ids]
    check_known(named, rules, where)
    for rule_id, _ in config.severity:  # a severity is set on one rule, by its id
        if rule_id not in rules:
            raise ConfigError(where, f"unknown rule id {rule_id!r}")
    overrides = dict(config.severity)
    on = selected(rules, config.select, config.extend_select, config.ignore)
    active: dict[str, Rule] = {}
    for rule_id, rule in rules.items():
        if rule_id not in on:
            continue
        if rule_id in overrides:
            rule = dataclasses.replace(rule, severity=overrides[rule_id])
        active[rule_id] = rule
    return active


class Engine:
    def __init__(self, config: Config):
        self.config = config
        self.rules = active_rules(config)
        self.accepted = {term.lower() for term in config.accept}
        template_dirs = [config.templates] if config.templates else []
        template_dirs += [str(Path(p) / "templates") for p in config.packs]
        template_dirs.append(str(builtin_pack_dir() / "templates"))
        self.render = renderer_for(tuple(template_dirs))
        self.overran: set[str] = set()  # plug-in rules that ran past their time budget: not run again

    def analyze(self, documents: list[Document]) -> Iterator[Analysis]:
        """The analyses of `documents`, lazily. Each holds its spaCy Doc: inside a memory zone
        (`memory_zone`) it is valid only until the zone closes."""
        return analyze_texts((d.prose for d in documents), self.config.model, builtin_pack_dir(),
                             extra_packs=self.config.packs)

    def check(self, document: Document, analysis: Analysis) -> FileReport:
        findings: list[Finding] = []
        internal: list[str] = []
        ignored = self.config.ignored_for(document.path)
        profile, channel = self.message_settings(document)
        for rule in self.rules.values():
            if any(covers(selector, rule.id) for selector in ignored):
                continue
            if rule.id in self.overran:
                internal.append(f"rule {rule.id} skipped: it ran past its time budget on an earlier message")
                continue
            check = rule.check or KINDS[rule.kind]
            found: list[Finding] = []
            try:
                context = RuleContext(analysis, rule, _render_or_note(self.render, rule, internal),
                                      profile, channel, document)
                size = len(analysis.text)
                if rule.check is None:
                    for item in check(context):
                        found.append(_checked(item, size))
                else:  # a plug-in's code: on a CPU budget (engine.rule_time)
                    run_budgeted(lambda: (_checked(item, size) for item in check(context)), found)
            except RuleOverran:
                self.overran.add(rule.id)
                internal.append(f"rule {rule.id} failed: it used more than {RULE_CPU_SECONDS:g} s of CPU on this "
                                "message (does it loop without end?)")
            # a plug-in's bug must not hide the other rules' findings, nor end the run: a check that
            # calls sys.exit() or raises GeneratorExit has failed like one that raises anything else
            except (Exception, SystemExit, GeneratorExit) as exc:
                internal.append(f"rule {rule.id} failed: {_describe(exc)}")
            findings.extend(found)  # what a failing rule found before it failed still stands
        if self.accepted:  # accepted terms: a finding on exactly those words is not reported
            findings = [f for f in findings if analysis.text[f.start:f.end].lower() not in self.accepted]
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        in_file = InFile(document)
        return FileReport(
            path=document.path,
            text=in_file.text,
            score=score(analysis, findings, self.rules, channel),
            targets=in_file.spans(analysis.targets()),
            goals=in_file.spans(analysis.goals),
            statements=in_file.spans(analysis.statements),
            entities=in_file.spans(analysis.entities),
            findings=[in_file.finding(f) for f in findings],
            asks=in_file.spans(analysis.asks),
            notes=list(document.notes) + list(self.config.warnings),
            internal_errors=internal,
        )

    def message_settings(self, document: Document) -> tuple[Profile, str]:
        """Profile and channel for one message: front matter overrides the configuration, and
        a channel given on the command line overrides both."""
        front = document.front_matter
        profile = self.config.profile if front.profile is None else self.config.profile.merged(front.profile)
        channel = self.config.force_channel or front.channel or self.config.channel
        return profile, channel

    def memory_zone(self, messages: int = 1) -> AbstractContextManager[None]:
        """spaCy's memory zone on this engine's pipeline for linting `messages` messages: what
        they add to the vocabulary is dropped at its end (pitchlint.analysis.zones)."""
        return analysis_zone(self.config.model, builtin_pack_dir(), self.config.packs, messages)

    def lint_documents(self, documents: Iterable[Document]) -> Iterator[FileReport]:
        """Reports in order. Each slice of MESSAGES_PER_ZONE documents is analysed and checked
        inside one memory zone, and its reports (plain data) leave the zone complete: no zone is
        open while the caller has a report, so a caller that stops early leaves none open."""
        documents = list(documents)
        for start in range(0, len(documents), MESSAGES_PER_ZONE):
            batch = documents[start:start + MESSAGES_PER_ZONE]
            with self.memory_zone(len(batch)):
                reports = [self.check(document, analysis)
                           for document, analysis in zip(batch, self.analyze(batch), strict=True)]
            yield from reports


class InFile:
    """The one place a report's offsets become offsets into the file as read: the analysis counts
    every line break as one "\\n" and sees masked prose (inline code and link targets blanked); a
    report counts the file's own characters (a CRLF is two) and takes each span's text from it."""

    def __init__(self, document: Document):
        self.text = document.text if document.file_text is None else document.file_text
        self.offset = FileOffsets(self.text)

    def spans(self, spans: list[SpanT]) -> list[SpanT]:
        offset = self.offset
        return [dataclasses.replace(span, start=offset(span.start), end=offset(span.end),
                                    text=self.text[offset(span.start):offset(span.end)]) for span in spans]

    def finding(self, finding: Finding) -> Finding:
        offset = self.offset
        fix = finding.fix
        if fix is not None:
            fix = dataclasses.replace(fix, start=offset(fix.start), end=offset(fix.end))
        return dataclasses.replace(finding, start=offset(finding.start), end=offset(finding.end), fix=fix)


def _render_or_note(render: Renderer, rule: Rule, internal: list[str]) -> Render:
    """The renderer as a rule sees it: a template that fails (a Jinja error, a division by zero,
    a recursion, a budget) gives no rewrite, and the run says so, but the finding stands."""

    def render_or_none(name: str, **slots: object) -> str | None:
        try:
            return render(name, **slots)
        except RecursionError:
            internal.append(f"rule {rule.id}: template {name} failed: it recurses without end")
        except Exception as exc:
            internal.append(f"rule {rule.id}: template {name} failed: {_describe(exc)}")
        return None

    return render_or_none


class NotAFinding(Exception):
    """A check yielded something the report cannot hold."""


def _checked(item: object, length: int) -> Finding:
    """What a check yielded, if it is a finding the report can place: a Finding, at offsets inside
    the message (0 to its length, start before end), with a known severity."""
    if not isinstance(item, Finding):
        raise NotAFinding(f"it yielded {_shown(item)} (a {type(item).__name__}), not a Finding")
    for name in ("start", "end"):
        if type(getattr(item, name)) is not int:
            raise NotAFinding(f"it yielded a finding whose {name} is {_shown(getattr(item, name))}, not a whole number")
    if not 0 <= item.start <= item.end <= length:
        raise NotAFinding(f"it yielded a finding at {item.start}:{item.end}, outside the message (0 to {length})")
    if item.fix is not None and not (type(item.fix.start) is int and type(item.fix.end) is int
                                     and 0 <= item.fix.start <= item.fix.end <= length):
        raise NotAFinding(f"it yielded a fix at {_shown(item.fix.start)}:{_shown(item.fix.end)}, outside the "
                          f"message (0 to {length})")
    if item.severity not in SEVERITIES:
        raise NotAFinding(f"it yielded a finding of severity {_shown(item.severity)}, not one of "
                          f"{', '.join(SEVERITIES)}")
    return item


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe(exc: BaseException) -> str:
    if isinstance(exc, (PitchlintError, NotAFinding)):
        return str(exc)
    return f"{type(exc).__name__}: {str(exc)[:300]}"


@lru_cache(maxsize=16)
def engine_for(config: Config) -> Engine:
    return Engine(config)


def lint(document: Document, config: Config | None = None) -> FileReport:
    """Lint one document: the API the CLI, the hooks and the language server share."""
    return next(engine_for(config or Config()).lint_documents([document]))
