"""The model only where a target can be, checked: every message linted with the NER on the whole
text and with it on the request and goal statements only (the default), and with each matrix
kernel, and the reports compared.

Messages: the labelled corpus (each with its label's channel) and the benchmark messages. Each
setting runs in its own process (PITCHLINT_MODEL_SCOPE, PITCHLINT_KERNEL), so nothing is shared.
Prints, per setting against the reference (NER everywhere, blis), how many messages differ in
verdict, targets, findings or score, lists each such message, and counts the messages whose
entity lists differ: those may, since entities outside the statements come from the lexicons
and patterns alone. Exits 1 when a verdict, target, finding or score differs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SETTINGS = {
    "NER everywhere, blis (reference)": {"PITCHLINT_MODEL_SCOPE": "everywhere", "PITCHLINT_KERNEL": "blis"},
    "NER on statements, blis": {"PITCHLINT_MODEL_SCOPE": "statements", "PITCHLINT_KERNEL": "blis"},
    "NER on statements, numpy": {"PITCHLINT_MODEL_SCOPE": "statements", "PITCHLINT_KERNEL": "numpy"},
}
COMPARED = ("verdict", "score", "targets", "findings", "reader_view", "asks")


def lint_all(out: str, corpus: str, count: int) -> None:
    """In this process: lint the corpus and `count` benchmark messages, write their JSON reports."""
    import dataclasses
    import tomllib

    sys.path.insert(0, str(HERE))
    from messages import messages

    from pitchlint.config.settings import Config
    from pitchlint.engine.core import available_rules, engine_for
    from pitchlint.engine.report import file_json
    from pitchlint.reading.read import make_document, read_document
    from pitchlint.terms import CHANNELS

    base = Config()
    base = dataclasses.replace(base, select=tuple(available_rules(base.packs)))
    rows = []
    for label in sorted(Path(corpus).glob("*.toml")):
        message = next((label.with_suffix(s) for s in (".txt", ".md", ".eml") if label.with_suffix(s).exists()), None)
        if message is None:
            continue
        channel = tomllib.loads(label.read_text(encoding="utf-8")).get("channel")
        engine = engine_for(dataclasses.replace(base, force_channel=channel if channel in CHANNELS else None))
        rows.append(file_json(next(engine.lint_documents([read_document(message)]))))
    engine = engine_for(base)
    documents = [make_document(text, f"benchmark-{i}.txt") for i, text in enumerate(messages(count))]
    rows += [file_json(report) for report in engine.lint_documents(documents)]
    Path(out).write_text(json.dumps(rows), encoding="utf-8")


def differences(reference: list[dict], other: list[dict]) -> tuple[list[tuple[str, list[str]]], int]:
    """(path, the compared fields that differ) per message that differs; and how many messages'
    entities differ."""
    differ, entities = [], 0
    for mine, theirs in zip(reference, other):
        fields = [key for key in COMPARED if mine.get(key) != theirs.get(key)]
        if fields:
            differ.append((mine["path"], fields))
        entities += mine["entities"] != theirs["entities"]
    return differ, entities


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--messages", type=int, default=500, help="benchmark messages (default 500)")
    parser.add_argument("--lint", metavar="OUT", help=argparse.SUPPRESS)  # the child process's job
    args = parser.parse_args()
    if args.lint:
        lint_all(args.lint, args.corpus, args.messages)
        return 0
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, env in SETTINGS.items():
            out = os.path.join(tmp, f"{len(results)}.json")
            subprocess.run([sys.executable, __file__, "--lint", out, "--corpus", args.corpus,
                            "--messages", str(args.messages)], env={**os.environ, **env}, check=True)
            results[name] = json.loads(Path(out).read_text(encoding="utf-8"))
    names = list(results)
    reference = results[names[0]]
    print(f"{len(reference)} messages: the corpus and {args.messages} benchmark messages")
    failed = False
    for name in names[1:]:
        differ, entities = differences(reference, results[name])
        print(f"\n{name} against {names[0]}:")
        print(f"  messages whose verdict, score, targets, findings or asks differ: {len(differ)}")
        for path, fields in differ:
            print(f"    {path}: {', '.join(fields)}")
        print(f"  messages whose entity list differs (allowed): {entities}")
        failed |= bool(differ)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
