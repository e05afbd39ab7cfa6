"""`pitchlint eval`: how well pitchlint agrees with a labelled corpus.

A corpus is a folder of messages (`.txt`, `.md`, `.eml`), each with a `.toml` label file beside it
(see corpus/GUIDE.md): the verdict and the gold COMPANY / ROLE / SECTOR spans with `in_ask`.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pitchlint.config import CHANNELS, config_for, load_config_file
from pitchlint.document import read_document
from pitchlint.engine import available_rules, engine_for
from pitchlint.errors import ConfigError

LABELS = ("COMPANY", "ROLE", "SECTOR")
MESSAGE_SUFFIXES = (".txt", ".md", ".eml")


@dataclass(frozen=True)
class GoldSpan:
    label: str
    start: int
    end: int
    in_ask: bool


@dataclass
class Labelled:
    path: Path
    verdict: str
    spans: list[GoldSpan]
    channel: str | None = None
    rules: set[str] | None = None  # the rules a coach would mark; None where not labelled


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

    def add(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)


@dataclass
class EvalResult:
    messages: int = 0
    correct: int = 0
    vague: Counts = field(default_factory=Counts)  # the vague class as positive
    entities: dict[str, Counts] = field(default_factory=lambda: {label: Counts() for label in LABELS})
    ask_targets: Counts = field(default_factory=Counts)  # targets with in_ask, any label
    rules: dict[str, Counts] = field(default_factory=dict)  # per rule, over messages with `rules` labels
    rule_errors: list[tuple[str, str, str]] = field(default_factory=list)  # (path, rule, "missed"|"false alarm")
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # (path, gold, predicted)

    @property
    def accuracy(self) -> float:
        return self.correct / self.messages if self.messages else 0.0


def _message_file(label_file: Path) -> Path:
    for suffix in MESSAGE_SUFFIXES:
        candidate = label_file.with_suffix(suffix)
        if candidate.exists():
            return candidate
    raise ConfigError(label_file, "has no message file beside it (.txt, .md or .eml)")


def load_labelled(label_file: Path, text: str) -> Labelled:
    try:
        data = tomllib.loads(label_file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(label_file, f"is not valid TOML ({exc})") from None
    verdict = data.get("verdict")
    if verdict not in ("vague", "specific"):
        raise ConfigError(label_file, "verdict must be \"vague\" or \"specific\"")
    spans = []
    for i, span in enumerate(data.get("span", []), 1):
        label, needle = span.get("label"), span.get("text", "")
        if label not in LABELS or not needle:
            raise ConfigError(label_file, f"span {i} needs a label ({', '.join(LABELS)}) and a text")
        start = -1
        for _ in range(int(span.get("occurrence", 1))):
            start = text.find(needle, start + 1)
            if start < 0:
                raise ConfigError(label_file, f"span {i}: {needle!r} does not occur that often in the message")
        spans.append(GoldSpan(label, start, start + len(needle), bool(span.get("in_ask", False))))
    rules = data.get("rules")
    if rules is not None and (not isinstance(rules, list) or not all(isinstance(r, str) for r in rules)):
        raise ConfigError(label_file, "`rules` must be a list of rule ids")
    channel = data.get("channel")
    return Labelled(_message_file(label_file), verdict, spans, channel, set(rules) if rules is not None else None)


def evaluate(corpus: str | Path, config_path: str | None = None) -> EvalResult:
    folder = Path(corpus)
    documents, labels = [], []
    for label_file in sorted(folder.rglob("*.toml")):
        if label_file.name in ("pyproject.toml", ".pitchlint.toml"):
            continue
        document = read_document(_message_file(label_file))
        documents.append(document)
        labels.append(load_labelled(label_file, document.text))
    if not documents:
        raise ConfigError(folder, "no labelled messages (a .toml label file beside each message)")
    config = load_config_file(Path(config_path)) if config_path else config_for(str(folder / "x"))
    # every rule runs, preview ones included, so the table shows whether they are ready
    config = dataclasses.replace(config, select=tuple(available_rules(config.packs)))
    labelled_rules = sorted({r for gold in labels for r in (gold.rules or ())})
    result = EvalResult(rules={rule: Counts() for rule in labelled_rules})
    for gold, document in zip(labels, documents, strict=True):
        channel = gold.channel if gold.channel in CHANNELS else None
        engine = engine_for(dataclasses.replace(config, force_channel=channel))
        report = next(engine.lint_documents([document]))
        result.messages += 1
        if report.verdict == gold.verdict:
            result.correct += 1
        else:
            result.wrong.append((str(gold.path), gold.verdict, report.verdict))
        result.vague.add({0} if report.verdict == "vague" else set(), {0} if gold.verdict == "vague" else set())
        for label in LABELS:
            predicted = {(e.start, e.end) for e in report.entities if e.label == label}
            result.entities[label].add(predicted, {(s.start, s.end) for s in gold.spans if s.label == label})
        result.ask_targets.add(
            {(e.label, e.start, e.end) for e in report.entities if e.in_ask},
            {(s.label, s.start, s.end) for s in gold.spans if s.in_ask},
        )
        if gold.rules is not None:
            fired = {f.rule for f in report.findings}
            for rule, counts in result.rules.items():
                counts.add({0} if rule in fired else set(), {0} if rule in gold.rules else set())
                if (rule in fired) != (rule in gold.rules):
                    result.rule_errors.append((str(gold.path), rule, "false alarm" if rule in fired else "missed"))
    return result


def render_table(result: EvalResult, show_errors: bool = False) -> str:
    lines = [
        f"messages          {result.messages}",
        f"verdict accuracy  {result.accuracy:.3f}  ({result.correct}/{result.messages})",
        f"vague precision   {result.vague.precision:.3f}",
        f"vague recall      {result.vague.recall:.3f}",
        "",
        f"{'entities':17} {'precision':>9} {'recall':>7} {'F1':>7} {'gold':>5} {'found':>6}",
    ]
    rows = list(result.entities.items()) + [("in-ask targets", result.ask_targets)]
    for name, c in rows:
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
