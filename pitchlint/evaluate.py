"""`pitchlint eval`: how well pitchlint agrees with a labelled corpus.

A corpus is a folder of messages (`.txt`, `.md`, `.eml`), each with a `.toml` label file beside it
(see corpus/GUIDE.md): the verdict and the gold COMPANY / ROLE / SECTOR spans with
the statement each sits in (request, goal or background); targets are those in requests and goals.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, TypeVar

from pitchlint.analysis.patterns import TARGET_LABELS
from pitchlint.analysis.result import STATEMENTS, TARGET_STATEMENTS
from pitchlint.config.settings import CONFIG_FILE_NAMES, config_for, load_config_file
from pitchlint.engine.core import available_rules, engine_for
from pitchlint.engine.report import file_json
from pitchlint.errors import ConfigError
from pitchlint.reading.document import Document
from pitchlint.reading.read import read_document
from pitchlint.terms import CHANNELS

LABELS = TARGET_LABELS
MESSAGE_SUFFIXES = (".txt", ".md", ".eml")
T = TypeVar("T")  # what Counts compares: (label, start, end) spans, or a marker for "this message"


@dataclass(frozen=True)
class GoldSpan:
    label: str
    start: int
    end: int
    statement: str  # request | goal | background

    @property
    def is_target(self) -> bool:
        return self.statement in TARGET_STATEMENTS


@dataclass(frozen=True)
class GoldSentence:
    """A sentence or clause of the writer's prose and its statement (corpus/GUIDE.md, section 6)."""

    start: int
    end: int
    statement: str  # request | goal | background


@dataclass
class Labelled:
    path: Path
    verdict: str
    spans: list[GoldSpan]
    channel: str | None = None
    rules: set[str] | None = None  # the rules a coach would mark; None where not labelled
    sentences: list[GoldSentence] = field(default_factory=list)  # empty where not labelled


@dataclass
class Predicted:
    """What a report says, from the engine or from a saved JSON report (of any version)."""

    verdict: str
    entities: set[tuple[str, int, int]]
    targets: set[tuple[str, int, int]]
    rules: set[str]
    # (start, end, statement) of the stretches the report calls requests and goals; None when the
    # report does not say (a saved report without goals)
    stretches: list[tuple[int, int, str]] | None = None

    def statement_at(self, start: int, end: int) -> str | None:
        """The statement the report gives the text [start, end): the kind of the request or goal
        stretch that overlaps it most (a request on a tie), else background."""
        if self.stretches is None:
            return None
        best, kind = 0, "background"
        for s_start, s_end, statement in self.stretches:
            overlap = min(end, s_end) - max(start, s_start)
            if overlap > best or (overlap == best > 0 and statement == "request"):
                best, kind = overlap, statement
        return kind

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> "Predicted":
        entities = [e for e in row.get("entities", []) if e.get("label") in LABELS]
        if "targets" in row:
            targets = {(e["label"], e["start"], e["end"]) for e in row["targets"] if e.get("label") in LABELS}
        else:  # a report from before targets were reported: the spans in the ask
            targets = {(e["label"], e["start"], e["end"]) for e in entities if e.get("in_ask")}
        stretches = None
        if "statements" in row:  # the clauses the report says request or want
            stretches = [(s["start"], s["end"], s["statement"]) for s in row["statements"]]
        elif "goals" in row:
            stretches = [(a["start"], a["end"], "request") for a in row.get("asks", [])]
            stretches += [(g["start"], g["end"], "goal") for g in row["goals"]]
        return cls(row["verdict"], {(e["label"], e["start"], e["end"]) for e in entities}, targets,
                   {f["rule"] for f in row.get("findings", [])}, stretches)



@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: set[T], gold: set[T]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)


@dataclass
class VerdictCounts:
    messages: int = 0
    correct: int = 0
    vague: Counts = field(default_factory=Counts)  # the vague class as positive

    @property
    def accuracy(self) -> float:
        return self.correct / self.messages if self.messages else 0.0

    def add(self, predicted: str, gold: str) -> None:
        self.messages += 1
        self.correct += predicted == gold
        self.vague.add({0} if predicted == "vague" else set(), {0} if gold == "vague" else set())


@dataclass
class EvalResult:
    verdicts: VerdictCounts = field(default_factory=VerdictCounts)
    channels: dict[str, VerdictCounts] = field(default_factory=dict)
    entities: dict[str, Counts] = field(default_factory=lambda: {label: Counts() for label in LABELS})
    targets: dict[str, Counts] = field(default_factory=lambda: {label: Counts() for label in LABELS + ("all",)})
    # gold targets a predicted target of the same kind overlaps (tp) or none does (fn): found, if not
    # to the word ("commercial beekeepers" for "beekeepers")
    overlapping: dict[str, Counts] = field(default_factory=lambda: {label: Counts() for label in LABELS + ("all",)})
    rules: dict[str, Counts] = field(default_factory=dict)  # per rule, over messages with `rules` labels
    rule_errors: list[tuple[str, str, str]] = field(default_factory=list)  # (path, rule, "missed"|"false alarm")
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # (path, gold, predicted)
    # over labelled sentences: per statement, that statement as the positive class
    statements: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in STATEMENTS})
    # per channel: (sentences whose statement the report gets right, labelled sentences)
    statement_channels: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def sentences(self) -> int:
        return sum(count for _, count in self.statement_channels.values())

    @property
    def sentences_right(self) -> int:
        return sum(right for right, _ in self.statement_channels.values())

    @property
    def statement_accuracy(self) -> float:
        return self.sentences_right / self.sentences if self.sentences else 0.0

    @property
    def messages(self) -> int:
        return self.verdicts.messages

    @property
    def accuracy(self) -> float:
        return self.verdicts.accuracy

    def add(self, gold: Labelled, predicted: Predicted) -> None:
        self.verdicts.add(predicted.verdict, gold.verdict)
        self.channels.setdefault(gold.channel or "email", VerdictCounts()).add(predicted.verdict, gold.verdict)
        if predicted.verdict != gold.verdict:
            self.wrong.append((str(gold.path), gold.verdict, predicted.verdict))
        for label in LABELS:
            self.entities[label].add({e for e in predicted.entities if e[0] == label},
                                     {(s.label, s.start, s.end) for s in gold.spans if s.label == label})
        gold_targets = {(s.label, s.start, s.end) for s in gold.spans if s.is_target}
        for label in LABELS:
            self.targets[label].add({e for e in predicted.targets if e[0] == label},
                                    {e for e in gold_targets if e[0] == label})
        self.targets["all"].add(predicted.targets, gold_targets)
        for label, start, end in gold_targets:
            hit = any(p[0] == label and p[1] < end and start < p[2] for p in predicted.targets)
            for name in (label, "all"):
                self.overlapping[name].tp += hit
                self.overlapping[name].fn += not hit
        self._add_sentences(gold, predicted)
        if gold.rules is not None:
            for rule, counts in self.rules.items():
                counts.add({0} if rule in predicted.rules else set(), {0} if rule in gold.rules else set())
                if (rule in predicted.rules) != (rule in gold.rules):
                    kind = "false alarm" if rule in predicted.rules else "missed"
                    self.rule_errors.append((str(gold.path), rule, kind))

    def _add_sentences(self, gold: Labelled, predicted: Predicted) -> None:
        if not gold.sentences or predicted.stretches is None:
            return
        kinds = [predicted.statement_at(s.start, s.end) for s in gold.sentences]
        for statement, counts in self.statements.items():
            counts.add({n for n, kind in enumerate(kinds) if kind == statement},
                       {n for n, s in enumerate(gold.sentences) if s.statement == statement})
        right = sum(kind == s.statement for kind, s in zip(kinds, gold.sentences, strict=True))
        channel = gold.channel or "email"
        before_right, before_count = self.statement_channels.get(channel, (0, 0))
        self.statement_channels[channel] = (before_right + right, before_count + len(kinds))

    def figures(self) -> dict[str, float]:
        """The headline figures, as `--save` writes them and `--baseline` reads them."""
        out = {"verdict accuracy": self.accuracy, "vague precision": self.verdicts.vague.precision,
               "vague recall": self.verdicts.vague.recall}
        for name, c in self.targets.items():
            out[f"targets {name} precision"] = c.precision
            out[f"targets {name} recall"] = c.recall
            out[f"targets {name} overlap recall"] = self.overlapping[name].recall
        for name, c in self.entities.items():
            out[f"entities {name} F1"] = c.f1
        if self.sentences:
            out["statement accuracy"] = self.statement_accuracy
        return out


def _message_file(label_file: Path) -> Path:
    for suffix in MESSAGE_SUFFIXES:
        candidate = label_file.with_suffix(suffix)
        if candidate.exists():
            return candidate
    raise ConfigError(label_file, "has no message file beside it (.txt, .md or .eml)")


def load_labelled(label_file: Path, text: str) -> Labelled:
    from pitchlint.config.files import read_toml

    data = read_toml(label_file)
    verdict = data.get("verdict")
    if verdict not in ("vague", "specific"):
        raise ConfigError(label_file, "verdict must be \"vague\" or \"specific\"")
    spans = []
    raw_spans = data.get("span", [])
    if not isinstance(raw_spans, list) or not all(isinstance(s, dict) for s in raw_spans):
        raise ConfigError(label_file, "`span` must be an array of tables ([[span]])")
    for i, span in enumerate(raw_spans, 1):
        label, needle = span.get("label"), span.get("text", "")
        if label not in LABELS or not isinstance(needle, str) or not needle:
            raise ConfigError(label_file, f"span {i} needs a label ({', '.join(LABELS)}) and a text")
        statement = span.get("statement")
        if statement not in STATEMENTS:
            raise ConfigError(label_file, f"span {i} needs a statement ({', '.join(STATEMENTS)})")
        start = _find(label_file, f"span {i}", needle, span.get("occurrence", 1), text)
        spans.append(GoldSpan(label, start, start + len(needle), statement))
    rules = data.get("rules")
    if rules is not None and (not isinstance(rules, list) or not all(isinstance(r, str) for r in rules)):
        raise ConfigError(label_file, "`rules` must be a list of rule ids")
    channel = data.get("channel")
    if channel is not None and not isinstance(channel, str):
        raise ConfigError(label_file, "`channel` must be a string")
    return Labelled(_message_file(label_file), verdict, spans, channel, set(rules) if rules is not None else None,
                    _gold_sentences(label_file, data.get("sentence", []), text))


def _find(label_file: Path, what: str, needle: object, occurrence: object, text: str) -> int:
    """The offset of the `occurrence`-th match of `needle` in `text` (matches may overlap)."""
    if not isinstance(needle, str) or not needle:
        raise ConfigError(label_file, f"{what} needs a text")
    if not isinstance(occurrence, int) or occurrence < 1:
        raise ConfigError(label_file, f"{what}: occurrence must be a whole number from 1")
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        if start < 0:
            raise ConfigError(label_file, f"{what}: {needle!r} does not occur that often in the message")
    return start


def _gold_sentences(label_file: Path, raw: object, text: str) -> list[GoldSentence]:
    if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
        raise ConfigError(label_file, "`sentence` must be an array of tables ([[sentence]])")
    sentences = []
    for i, entry in enumerate(raw, 1):
        statement = entry.get("statement")
        if statement not in STATEMENTS:
            raise ConfigError(label_file, f"sentence {i} needs a statement ({', '.join(STATEMENTS)})")
        needle = entry.get("text")
        start = _find(label_file, f"sentence {i}", needle, entry.get("occurrence", 1), text)
        sentences.append(GoldSentence(start, start + len(str(needle)), statement))
    return sentences


HELD_OUT = "held-out"  # a folder of messages kept unseen until a piece of work ends


def label_files(folder: Path, only: str | None = None) -> list[Path]:
    """The label files under `folder`, except those in a `held-out` folder below it: such a batch
    is measured only when `folder` is that folder itself, so tuning on the corpus never sees it."""
    files = [f for f in sorted(folder.rglob("*.toml"))
             if f.name not in CONFIG_FILE_NAMES and (only is None or fnmatch(f.name, only))
             and HELD_OUT not in f.relative_to(folder).parts[:-1]]
    if not files:
        raise ConfigError(folder, "no labelled messages (a .toml label file beside each message)")
    return files


def evaluate(corpus: str | Path, config_path: str | None = None, only: str | None = None,
             reports: dict[str, dict[str, Any]] | None = None) -> EvalResult:
    """Score pitchlint against the labels; with `reports` (path -> per-file JSON, e.g. saved from
    an earlier version), score those reports instead of running the engine."""
    folder = Path(corpus)
    documents: list[Document] = []
    labels: list[Labelled] = []
    for label_file in label_files(folder, only):
        document = read_document(_message_file(label_file))
        documents.append(document)
        labels.append(load_labelled(label_file, document.text))
    config = load_config_file(Path(config_path)) if config_path else config_for(str(folder / "x"))
    # every rule runs, preview ones included, so the table shows whether they are ready
    config = dataclasses.replace(config, select=tuple(available_rules(config.packs)))
    labelled_rules = sorted({r for gold in labels for r in (gold.rules or ())})
    result = EvalResult(rules={rule: Counts() for rule in labelled_rules})
    for gold, document in zip(labels, documents, strict=True):
        if reports is not None:
            row = reports.get(gold.path.name)
            if row is None:
                raise ConfigError(gold.path, "has no report in the saved reports")
            result.add(gold, Predicted.from_json(row))
            continue
        channel = gold.channel if gold.channel in CHANNELS else None
        engine = engine_for(dataclasses.replace(config, force_channel=channel))
        report = next(engine.lint_documents([document]))
        row = file_json(report)
        result.add(gold, Predicted.from_json(row))
    return result


def _delta(name: str, value: float, baseline: Mapping[str, float] | None) -> str:
    if baseline is None or name not in baseline:
        return ""
    return f"  (before {baseline[name]:.3f})"


def render_table(result: EvalResult, show_errors: bool = False, baseline: Mapping[str, float] | None = None) -> str:
    v = result.verdicts
    lines = [
        f"messages          {result.messages}",
        f"verdict accuracy  {v.accuracy:.3f}  ({v.correct}/{v.messages}){_delta('verdict accuracy', v.accuracy, baseline)}",
        f"vague precision   {v.vague.precision:.3f}{_delta('vague precision', v.vague.precision, baseline)}",
        f"vague recall      {v.vague.recall:.3f}{_delta('vague recall', v.vague.recall, baseline)}",
        "",
        f"{'by channel':17} {'messages':>8} {'accuracy':>9} {'vague P':>8} {'vague R':>8}",
    ]
    for name, by_channel in sorted(result.channels.items()):
        lines.append(f"{name:17} {by_channel.messages:8d} {by_channel.accuracy:9.3f} "
                     f"{by_channel.vague.precision:8.3f} {by_channel.vague.recall:8.3f}")
    if result.sentences:
        lines += ["", f"statement accuracy  {result.statement_accuracy:.3f}  ({result.sentences_right}/{result.sentences}"
                      f" labelled sentences){_delta('statement accuracy', result.statement_accuracy, baseline)}",
                  f"{'statements':17} {'precision':>9} {'recall':>7} {'gold':>5} {'found':>6}"]
        for name, c in result.statements.items():
            lines.append(f"{name:17} {c.precision:9.3f} {c.recall:7.3f} {c.tp + c.fn:5d} {c.tp + c.fp:6d}")
        lines.append(f"{'by channel':17} {'accuracy':>9} {'sentences':>10}")
        for name, (right, count) in sorted(result.statement_channels.items()):
            lines.append(f"{name:17} {right / count:9.3f} {count:10d}")
    lines += ["", f"{'targets':17} {'precision':>9} {'recall':>7} {'F1':>7} {'gold':>5} {'found':>6} {'overlap R':>9}"]
    for name, c in result.targets.items():
        before = ""
        if baseline is not None and f"targets {name} recall" in baseline:
            before = f"  (before P {baseline[f'targets {name} precision']:.3f} R {baseline[f'targets {name} recall']:.3f})"
        lines.append(f"{name:17} {c.precision:9.3f} {c.recall:7.3f} {c.f1:7.3f} {c.tp + c.fn:5d} {c.tp + c.fp:6d}"
                     f" {result.overlapping[name].recall:9.3f}{before}")
    lines += ["", f"{'all spans':17} {'precision':>9} {'recall':>7} {'F1':>7} {'gold':>5} {'found':>6}"]
    for name, c in result.entities.items():
        lines.append(f"{name:17} {c.precision:9.3f} {c.recall:7.3f} {c.f1:7.3f} {c.tp + c.fn:5d} {c.tp + c.fp:6d}")
    if result.rules:
        lines += ["", f"{'rules':22} {'precision':>9} {'recall':>7} {'gold':>5} {'found':>6}"]
        for name, c in result.rules.items():
            lines.append(f"{name:22} {c.precision:9.3f} {c.recall:7.3f} {c.tp + c.fn:5d} {c.tp + c.fp:6d}")
    if show_errors and result.rule_errors:
        lines += ["", "rule disagreements:"]
        lines += [f"  {path}: {rule} {kind}" for path, rule, kind in result.rule_errors]
    if show_errors and result.wrong:
        lines += ["", "wrong verdicts:"]
        lines += [f"  {path}: labelled {gold}, pitchlint says {predicted}" for path, gold, predicted in result.wrong]
    return "\n".join(lines)
