"""The second approach to statements, measured beside the grammar: a statistical classifier.

Issue 18 asks for a statement classifier trained with spaCy's config system on the corpus, measured
on the same blind batch as the grammar. This script trains one (spaCy's `textcat`, exclusive classes
request / goal / background, the bag-of-words architecture `spacy.TextCatBOW.v3` or the CNN
`spacy.TextCatCNN.v2` over the model's own vectors) on the labelled sentences of `corpus/`, and
scores three readers on the labelled sentences of the messages it leaves out of training (by
default the blind batch 971-1020):

- the grammar: the statement pitchlint's report gives each labelled sentence (`statements` in the
  JSON), as `pitchlint eval` scores it;
- the classifier alone, on each labelled sentence's text;
- both as layers: pitchlint's statement, unless it says background and the classifier says request
  or goal with at least --confidence.

It then asks whether the classifier's statements would give better verdicts: a message is specific
when one of the spans pitchlint's report names (companies, roles, sectors, wherever they are) lies in
a sentence the classifier calls a request or a goal (sentences cut at end marks and line breaks), and
it prints that verdict accuracy beside pitchlint's.

Nothing here changes pitchlint; it prints figures. Training takes a minute on one core:

    python benchmarks/statement_classifier.py
    python benchmarks/statement_classifier.py --architecture cnn --test 1021-1070
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
STATEMENTS = ("request", "goal", "background")
ARCHITECTURES = {
    "bow": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
            "no_output_layer": False, "length": 262144},
    "cnn": {"@architectures": "spacy.TextCatCNN.v2", "exclusive_classes": True,
            "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 96,
                        "depth": 2, "embed_size": 2000, "window_size": 1, "maxout_pieces": 3,
                        "subword_features": True}},
}


class Row(NamedTuple):
    number: int  # the message's number in the corpus
    message: Path
    text: str
    sentences: list[tuple[int, int, str]]  # (start, end, statement)
    verdict: str


def labelled(folder: Path) -> list[Row]:
    """Each labelled message of the folder that has sentence labels."""
    from pitchlint.evaluate import _message_file, label_files, load_labelled

    found = []
    for label_file in label_files(folder):
        message = _message_file(label_file)
        text = message.read_text(encoding="utf-8")
        gold = load_labelled(label_file, text)
        number = int(message.name.split("-", 1)[0])
        if gold.sentences:
            found.append(Row(number, message, text, [(s.start, s.end, s.statement) for s in gold.sentences],
                             gold.verdict))
    return found


def train(rows, architecture: str, epochs: int, seed: int):
    import spacy
    from spacy.training import Example

    random.seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": ARCHITECTURES[architecture]})
    for statement in STATEMENTS:
        textcat.add_label(statement)
    examples = [Example.from_dict(nlp.make_doc(row.text[s:e]), {"cats": {k: float(k == kind) for k in STATEMENTS}})
                for row in rows for s, e, kind in row.sentences]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        random.shuffle(examples)
        for start in range(0, len(examples), 32):
            nlp.update(examples[start:start + 32], sgd=optimizer, drop=0.2)
    return nlp, len(examples)


def grammar_statements(rows: list[Row]) -> tuple[list[str], list[str]]:
    """What pitchlint's report says of each labelled sentence (the stretch that overlaps it most),
    and its verdict on each message."""
    from pitchlint.api import lint_text
    from pitchlint.evaluate import Predicted

    said, verdicts = [], []
    for row in rows:
        report = lint_text(row.text, path=str(row.message))
        predicted = Predicted(report.verdict, set(), set(), set(),
                              [(s.start, s.end, s.statement) for s in report.statements])
        said += [predicted.statement_at(s, e) or "background" for s, e, _ in row.sentences]
        verdicts.append(report)
    return said, verdicts


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: cut after an end mark and at line breaks."""
    import re

    bounds, position = [], 0
    for cut in re.finditer(r"(?<=[.!?])\s+|\n+", text):
        if cut.start() > position:
            bounds.append((position, cut.start()))
        position = cut.end()
    if position < len(text):
        bounds.append((position, len(text)))
    return bounds


def classifier_verdicts(nlp, rows: list[Row], reports) -> int:
    """How many messages the classifier's statements get right: specific when one of the spans
    pitchlint's report names lies in a sentence the classifier calls a request or a goal."""
    right = 0
    for row, report in zip(rows, reports, strict=True):
        spans = [(e.start, e.end) for e in report.entities if e.label in ("COMPANY", "ROLE", "SECTOR")]
        bounds = sentence_bounds(row.text)
        wanted = [(s, e) for (s, e), doc in zip(bounds, nlp.pipe([row.text[s:e] for s, e in bounds]), strict=True)
                  if max(doc.cats, key=doc.cats.get) != "background"]
        specific = any(s <= a and b <= e for a, b in spans for s, e in wanted)
        right += ("specific" if specific else "vague") == row.verdict
    return right


def score(name: str, said: list[str], gold: list[str]) -> None:
    right = sum(a == b for a, b in zip(said, gold, strict=True))
    parts = []
    for kind in STATEMENTS:
        tp = sum(a == b == kind for a, b in zip(said, gold, strict=True))
        found, wanted = said.count(kind), gold.count(kind)
        parts.append(f"{kind} P {tp / found if found else 0:.3f} R {tp / wanted if wanted else 0:.3f}")
    print(f"  {name:26} accuracy {right / len(gold):.3f} ({right}/{len(gold)})   " + "   ".join(parts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--test", default="971-1020",
                        help="numbers of the corpus messages scored (the rest train), default 971-1020")
    parser.add_argument("--architecture", choices=sorted(ARCHITECTURES), default="bow")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--confidence", type=float, default=0.8)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    low, _, high = args.test.partition("-")
    tested = range(int(low), int(high or low) + 1)
    rows = labelled(ROOT / "corpus")
    train_rows = [row for row in rows if row.number not in tested]
    test_rows = [row for row in rows if row.number in tested]
    if not test_rows:
        sys.exit(f"no corpus message numbered {args.test} has sentence labels")
    nlp, trained_on = train(train_rows, args.architecture, args.epochs, args.seed)
    gold = [kind for row in test_rows for _, _, kind in row.sentences]
    texts = [row.text[s:e] for row in test_rows for s, e, _ in row.sentences]
    cats = [doc.cats for doc in nlp.pipe(texts)]
    classified = [max(c, key=c.get) for c in cats]
    grammar, reports = grammar_statements(test_rows)
    layered = [g if g != "background" or c[k] < args.confidence else k
               for g, c, k in zip(grammar, cats, classified, strict=True)]
    print(f"Statements: classifier {args.architecture} trained on {trained_on} labelled sentences of corpus/ "
          f"(all but {args.test}); scored on {len(gold)} sentences of the {len(test_rows)} messages {args.test}")
    print(f"  gold: {dict(Counter(gold))}")
    score("grammar (pitchlint)", grammar, gold)
    score(f"classifier ({args.architecture})", classified, gold)
    score(f"layers (confidence {args.confidence})", layered, gold)
    by_pitchlint = sum(report.verdict == row.verdict for row, report in zip(test_rows, reports, strict=True))
    by_classifier = classifier_verdicts(nlp, test_rows, reports)
    print(f"Verdicts on the same {len(test_rows)} messages: pitchlint {by_pitchlint / len(test_rows):.3f}, "
          f"the classifier's statements with pitchlint's spans {by_classifier / len(test_rows):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
