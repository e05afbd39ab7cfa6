"""The statement classifier measured on messages it was not trained on.

pitchlint's statements come in two layers: the grammar decides every sentence that names a
company, role or sector (and so every target), and a trained text classifier
(pitchlint/analysis/classified.py, spaCy `textcat` with the bag-of-words architecture; config in
pitchlint/analysis/statement_model.cfg) gives the statement of the other sentences when it is
confident. The committed classifier is trained on the whole corpus, so `pitchlint eval` on the
corpus flatters it. This script trains one the same way on all the corpus but the messages given
by --test (by number), and scores on those messages' labelled sentences:

- the grammar alone: the report's statements the grammar decided;
- the classifier alone, on each labelled sentence's text;
- pitchlint's two layers, with the classifier trained without the tested messages.

It then asks whether the classifier would make better verdicts if it decided targets too: a
message is specific when a span pitchlint's report names lies in a sentence the classifier calls a
request or a goal. It does not (0.760 against 0.880 on 971-1020): it calls a sentence a goal for
its words and takes the writer's past in with it, which is why only the grammar makes targets.

    python benchmarks/statement_classifier.py --test 1021-1070
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
STATEMENTS = ("request", "goal", "background")


class Row(NamedTuple):
    message: Path
    text: str
    sentences: list[tuple[int, int, str]]  # (start, end, statement)
    verdict: str


def labelled(folder: Path, tested: range) -> list[Row]:
    """The messages numbered in `tested` that have sentence labels."""
    from pitchlint.evaluate import _message_file, label_files, load_labelled

    found = []
    for label_file in label_files(folder):
        message = _message_file(label_file)
        if int(message.name.split("-", 1)[0]) not in tested:
            continue
        text = message.read_text(encoding="utf-8")
        gold = load_labelled(label_file, text)
        if gold.sentences:
            found.append(Row(message, text, [(s.start, s.end, s.statement) for s in gold.sentences], gold.verdict))
    return found


def said(rows: list[Row], reports, by: tuple[str, ...]) -> list[str]:
    """The statement each labelled sentence gets from the report's statements decided by `by`."""
    from pitchlint.evaluate import Predicted

    out = []
    for row, report in zip(rows, reports, strict=True):
        predicted = Predicted(report.verdict, set(), set(), set(),
                              [(s.start, s.end, s.statement) for s in report.statements if s.by in by])
        out += [predicted.statement_at(s, e) or "background" for s, e, _ in row.sentences]
    return out


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: cut after an end mark and at line breaks."""
    bounds, position = [], 0
    for cut in re.finditer(r"(?<=[.!?])\s+|\n+", text):
        if cut.start() > position:
            bounds.append((position, cut.start()))
        position = cut.end()
    if position < len(text):
        bounds.append((position, len(text)))
    return bounds


def classifier_verdicts(nlp, rows: list[Row], reports) -> int:
    """How many messages would be right if the classifier's statements decided targets."""
    right = 0
    for row, report in zip(rows, reports, strict=True):
        spans = [(e.start, e.end) for e in report.entities if e.label in ("COMPANY", "ROLE", "SECTOR")]
        bounds = sentence_bounds(row.text)
        wanted = [(s, e) for (s, e), doc in zip(bounds, nlp.pipe([row.text[s:e] for s, e in bounds]), strict=True)
                  if max(doc.cats, key=doc.cats.get) != "background"]
        specific = any(s <= a and b <= e for a, b in spans for s, e in wanted)
        right += ("specific" if specific else "vague") == row.verdict
    return right


def score(name: str, found: list[str], gold: list[str]) -> None:
    pairs = list(zip(found, gold, strict=True))
    right = sum(a == b for a, b in pairs)
    parts = []
    for kind in STATEMENTS:
        tp = sum(a == b == kind for a, b in pairs)
        n_found, n_gold = found.count(kind), gold.count(kind)
        parts.append(f"{kind} P {tp / n_found if n_found else 0:.3f} R {tp / n_gold if n_gold else 0:.3f}")
    print(f"  {name:30} accuracy {right / len(gold):.3f} ({right}/{len(gold)})   " + "   ".join(parts))


def main() -> int:
    from pitchlint.analysis import classified
    from pitchlint.api import lint_text
    from pitchlint.train_statements import labelled_sentences, numbers, train

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--test", default="1021-1070", help="numbers of the corpus messages scored (the rest train)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus",
                        help="where the tested messages are (corpus/held-out for a held-out batch)")
    args = parser.parse_args()
    tested = numbers(args.test)
    rows = labelled(args.corpus, tested)
    if not rows:
        sys.exit(f"no message numbered {args.test} in {args.corpus} has sentence labels")
    training = labelled_sentences(ROOT / "corpus", tested)
    nlp = train(training)
    with tempfile.TemporaryDirectory() as folder:
        nlp.to_disk(folder)
        classified.MODEL = Path(folder)  # pitchlint's pipeline, with the classifier that never saw the test
        reports = [lint_text(row.text, path=str(row.message)) for row in rows]
    gold = [kind for row in rows for _, _, kind in row.sentences]
    alone = [max(d.cats, key=d.cats.get) for d in nlp.pipe(row.text[s:e] for row in rows for s, e, _ in row.sentences)]
    print(f"Statements of the {len(rows)} messages {args.test} ({len(gold)} labelled sentences; "
          f"classifier trained on the other {len(training)}): gold {dict(Counter(gold))}")
    score("grammar alone", said(rows, reports, ("grammar",)), gold)
    score("classifier alone", alone, gold)
    score("pitchlint (both layers)", said(rows, reports, ("grammar", "classifier")), gold)
    by_pitchlint = sum(report.verdict == row.verdict for row, report in zip(rows, reports, strict=True))
    print(f"Verdicts: pitchlint {by_pitchlint / len(rows):.3f}; with the classifier deciding targets "
          f"{classifier_verdicts(nlp, rows, reports) / len(rows):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
