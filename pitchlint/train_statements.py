"""Train the statement classifier on the corpus's sentence labels and save it where pitchlint
loads it (analysis/statement_model/). Run from a checkout, where corpus/ is:

    python -m pitchlint.train_statements [--corpus corpus] [--out DIR] [--leave-out 1071-1150]

The architecture and training settings are in analysis/statement_model.cfg. Messages in corpus/held-out/
are never trained on; --leave-out keeps more of them out (to measure it on them).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

STATEMENTS = ("request", "goal", "background")
HERE = Path(__file__).resolve().parent / "analysis"
CONFIG = HERE / "statement_model.cfg"
MODEL = HERE / "statement_model"  # where analysis/classified.py loads it


def numbers(spec: str) -> range:
    """"971-1020" -> the message numbers 971 to 1020; "" -> none."""
    if not spec:
        return range(0)
    low, _, high = spec.partition("-")
    return range(int(low), int(high or low) + 1)


def labelled_sentences(corpus: Path, leave_out: range = range(0)) -> list[tuple[str, str]]:
    """(sentence text, statement) for each labelled sentence of the corpus's messages, in file order."""
    from pitchlint.evaluate import _message_file, label_files, load_labelled

    found = []
    for label_file in label_files(corpus):
        message = _message_file(label_file)
        if int(message.name.split("-", 1)[0]) in leave_out:
            continue
        text = message.read_text(encoding="utf-8")
        found += [(text[s.start:s.end], s.statement) for s in load_labelled(label_file, text).sentences]
    return found


def train(sentences: list[tuple[str, str]], config_path: Path = CONFIG) -> Language:
    """A textcat pipeline built from the config and trained on the sentences."""
    from spacy.training import Example
    from spacy.util import fix_random_seed, load_config, load_model_from_config  # type: ignore[attr-defined]

    config = load_config(config_path)
    settings = config["training"]
    fix_random_seed(settings["seed"])
    shuffle = random.Random(settings["seed"])
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    textcat = nlp.get_pipe("textcat")
    for statement in STATEMENTS:
        textcat.add_label(statement)  # type: ignore[attr-defined]
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": {k: float(k == kind) for k in STATEMENTS}})
                for text, kind in sentences]
    optimizer = nlp.initialize(lambda: examples)
    size = settings["batch_size"]
    for _ in range(settings["max_epochs"]):
        shuffle.shuffle(examples)
        for start in range(0, len(examples), size):
            nlp.update(examples[start:start + size], sgd=optimizer, drop=settings["dropout"])
    return nlp


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--leave-out", default="", help="message numbers not trained on, such as 1071-1150")
    args = parser.parse_args(argv)
    sentences = labelled_sentences(args.corpus, numbers(args.leave_out))
    nlp = train(sentences)
    nlp.meta.update({"name": "pitchlint_statements", "version": "1.0.0",
                     "description": f"Statement classifier trained on {len(sentences)} labelled sentences of pitchlint's corpus"})
    nlp.to_disk(args.out)
    print(f"trained on {len(sentences)} sentences; saved in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
