"""Batch throughput in one process: pitchlint's public API against bare `nlp.pipe`, interleaved.

Three contenders process the same messages, in turn, in each repetition: bare `nlp.pipe` with the
model's default pipeline, bare `nlp.pipe` with the NER pitchlint had before it read the grammar
(ner + senter), and
`engine_for(Config()).lint_documents(...)` over `make_document(...)` objects (analysis, rules,
score, suggestions). Loading and one warm-up pass are not timed. Targets (messages per second):
pitchlint / bare default >= 0.9, and pitchlint (its parse included) / bare ner + senter >= 1.0.
"""

from __future__ import annotations

import argparse
import time

from common import median, model_name, print_table, verdict
from messages import messages

BATCH_SIZE = 32  # pitchlint's own batch size in analysis.analyze_texts
TARGET = 0.9
SAME_COMPONENTS_TARGET = 1.0  # the parse is paid for by running the model only where a target can be


def bare(model: str, same_components: bool):
    import spacy

    from pitchlint.analysis import UNUSED_COMPONENTS

    nlp = spacy.load(model, exclude=UNUSED_COMPONENTS if same_components else [])
    if same_components and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return lambda texts, docs: list(nlp.pipe(texts, batch_size=BATCH_SIZE))


def pitchlint():
    from pitchlint.config.settings import Config
    from pitchlint.engine.core import engine_for

    engine = engine_for(Config())
    return lambda texts, docs: list(engine.lint_documents(docs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed repetitions (default 3)")
    parser.add_argument("--messages", type=int, default=300, help="messages per repetition (default 300)")
    args = parser.parse_args()

    from pitchlint.reading.read import make_document

    model = model_name()
    texts = messages(args.messages)
    documents = [make_document(text, f"message-{i}.txt") for i, text in enumerate(texts)]
    contenders = {
        "bare nlp.pipe, default pipeline": bare(model, same_components=False),
        "bare nlp.pipe, ner + senter": bare(model, same_components=True),
        "pitchlint lint_documents": pitchlint(),
    }
    warm = min(20, len(texts))
    for run in contenders.values():
        run(texts[:warm], documents[:warm])
    rates: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(args.runs):
        for name, run in contenders.items():
            start = time.perf_counter()
            run(texts, documents)
            rates[name].append(len(texts) / (time.perf_counter() - start))

    words = median(len(t.split()) for t in texts)
    print(f"Throughput: model {model}, {len(texts)} messages (median {words:.0f} words), batch size {BATCH_SIZE}")
    print_table("Messages per second, one process", "msg/s", rates, fmt="{:.1f}")
    full, same, lint = (median(v) for v in rates.values())
    print("\nRatios of medians")
    verdict("pitchlint / bare default pipeline", lint / full, f">= {TARGET}", lint / full >= TARGET)
    verdict("pitchlint / bare ner + senter (same components)", lint / same, f">= {SAME_COMPONENTS_TARGET}",
            lint / same >= SAME_COMPONENTS_TARGET)


if __name__ == "__main__":
    main()
