"""Flat memory in a long-lived process: every front end lints inside spaCy's memory zones, so the
names, e-mail addresses and URLs of one message do not stay in spaCy's string store and vocabulary
after it, and the reports are the same as without zones."""

from __future__ import annotations

import contextlib
import dataclasses
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from unique_messages import unique_messages

import pitchlint
import pitchlint.analysis.zones as zones
from pitchlint.analysis import build_pipeline
from pitchlint.checks.paths import builtin_pack_dir
from pitchlint.config.settings import Config
from pitchlint.engine.core import MESSAGES_PER_ZONE, engine_for
from pitchlint.lsp.linting import lint_buffer
from pitchlint.lsp.settings import Settings
from pitchlint.reading.read import make_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def pipeline():
    config = Config()
    return build_pipeline(config.model, str(builtin_pack_dir()), tuple(config.packs))


def vocabulary_size(nlp) -> tuple[int, int]:
    """(strings, lexemes): spaCy's own __len__ of the Vocab counts lexemes ever added, so the
    lexemes are counted by walking the vocabulary."""
    return len(nlp.vocab.strings), sum(1 for _ in nlp.vocab)


def _spacy_objects(value, seen=None) -> list[str]:
    """Every spaCy object reachable from a report's fields (there must be none: a Doc made in a
    zone is invalid after it)."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    if type(value).__module__.startswith(("spacy", "thinc")):
        return [type(value).__name__]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        children = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, dict):
        children = list(value.keys()) + list(value.values())
    elif isinstance(value, (list, tuple, set, frozenset)):
        children = list(value)
    else:
        children = []
    return [found for child in children for found in _spacy_objects(child, seen)]


@pytest.fixture(scope="module")
def nlp():
    # loads the model, Jinja and inflect, and lints the messages a pipeline lints outside zones
    list(pitchlint.lint_many(unique_messages(zones.WARM_UP_MESSAGES, seed=0)))
    return pipeline()


def test_lint_many_keeps_the_vocabulary_flat(nlp):
    texts = unique_messages(200, seed=1)
    first = list(pitchlint.lint_many(texts[:64]))
    after_first = vocabulary_size(nlp)
    rest = list(pitchlint.lint_many(texts[64:]))
    assert vocabulary_size(nlp) == after_first
    assert len(first) + len(rest) == len(texts)
    assert {r.verdict for r in first + rest} == {"specific", "vague"}  # the rules did run on them
    assert not _spacy_objects(first + rest)


def test_the_engine_keeps_the_vocabulary_flat_over_several_zones(nlp):
    """The CLI's path (runner -> Engine.lint_documents): one call spans more than one zone."""
    engine = engine_for(Config())
    texts = unique_messages(MESSAGES_PER_ZONE + 60, seed=2)
    documents = [make_document(t, f"m{i}.txt") for i, t in enumerate(texts)]
    list(engine.lint_documents(documents[:20]))
    after_first = vocabulary_size(nlp)
    reports = list(engine.lint_documents(documents[20:]))
    assert vocabulary_size(nlp) == after_first
    assert [r.path for r in reports] == [d.path for d in documents[20:]]


def test_the_language_server_keeps_the_vocabulary_flat(nlp):
    """What the server's worker thread runs for each change: one buffer, one zone."""
    settings = Settings()
    texts = unique_messages(150, seed=3)
    outcomes = [lint_buffer(texts[0], "<untitled:1>", settings)]
    after_first = vocabulary_size(nlp)
    outcomes += [lint_buffer(text, "<untitled:1>", settings) for text in texts[1:]]
    assert vocabulary_size(nlp) == after_first
    assert all(o.report is not None and o.problem is None for o in outcomes)
    assert not _spacy_objects([o.report for o in outcomes])


def test_a_zone_inside_a_zone_is_the_outer_one(nlp):
    with zones.memory_zone(nlp):
        with zones.memory_zone(nlp):  # the outer zone: nothing dropped when this one ends
            doc = nlp("Any intro to Quorvantix99 would be gold.")
        assert doc[3].text == "Quorvantix99"
        assert "Quorvantix99" in nlp.vocab.strings
    assert "Quorvantix99" not in nlp.vocab.strings


def test_the_first_messages_of_a_pipeline_warm_the_tokenizer_outside_zones():
    """Inside a zone spaCy's tokenizer caches nothing; the first messages fill its cache, and
    only their strings stay."""
    import spacy

    blank = spacy.blank("en")
    for n in range(zones.WARM_UP_MESSAGES // 4):
        with zones.memory_zone(blank, messages=4):
            blank.make_doc(f"Warm{n} words")
    warmed = len(blank.vocab.strings)
    assert "Warm0" in blank.vocab.strings
    for n in range(50):
        with zones.memory_zone(blank, messages=4):
            blank.make_doc(f"Zoned{n} words")
    assert len(blank.vocab.strings) == warmed


def test_threads_take_turns_in_zones(nlp):
    """A Dask worker runs chunks in threads: each zone is whole, and the reports are the same as
    one after the other."""
    texts = unique_messages(40, seed=6)
    alone = [r.to_dict() for r in pitchlint.lint_many(texts)]
    with ThreadPoolExecutor(2) as pool:
        halves = list(pool.map(lambda part: [r.to_dict() for r in pitchlint.lint_many(part, batch_size=4)],
                               [texts[:20], texts[20:]]))
    assert halves[0] + halves[1] == alone


def _corpus_sample() -> list[dict]:
    messages = []
    for label in sorted(CORPUS.glob("*.toml"))[::10]:
        path = next(label.with_suffix(s) for s in (".txt", ".md", ".eml") if label.with_suffix(s).exists())
        channel = tomllib.loads(label.read_text(encoding="utf-8")).get("channel")
        messages.append({"path": path.name, "text": path.read_text(encoding="utf-8"), "channel": channel})
    return messages


def test_reports_are_the_same_without_zones(nlp, monkeypatch):
    """Zones first, so the strings of the generated messages are new to the pipeline while a zone
    is open; then the same messages with zones turned off."""
    messages = _corpus_sample() + [{"text": t, "path": f"u{i}.eml" if i % 2 else f"u{i}.txt"}
                                   for i, t in enumerate(unique_messages(60, seed=4))]
    zoned = [r.to_dict() for r in pitchlint.lint_many(messages)]
    zoned_lsp = [lint_buffer(m["text"], m["path"], Settings()).report.to_dict() for m in messages[-20:]]
    monkeypatch.setattr(zones, "memory_zone", lambda nlp, messages=1: contextlib.nullcontext())
    plain = [r.to_dict() for r in pitchlint.lint_many(messages)]
    assert zoned == plain
    assert zoned_lsp == plain[-20:]


@pytest.mark.slow
def test_thousands_of_messages_keep_the_vocabulary_flat(nlp):
    """A long session's scale: 3,000 messages through lint_many, 2,000 through the server's path."""
    texts = unique_messages(5_000, seed=5)
    list(pitchlint.lint_many(texts[:128]))
    after_first = vocabulary_size(nlp)
    for start in range(128, 3_000, 512):
        list(pitchlint.lint_many(texts[start:start + 512]))
    settings = Settings()
    for text in texts[3_000:]:
        lint_buffer(text, "<untitled:1>", settings)
    assert vocabulary_size(nlp) == after_first


def test_a_local_pool_moves_to_fresh_processes_after_its_share_of_messages():
    """What bounds a `--jobs` worker's memory: after `recycle_after` messages, new processes."""
    import os

    from pitchlint.engine.executors import LocalPool

    pool = LocalPool(1, recycle_after=2)
    try:
        pids = [pool.submit(os.getpid).result() for _ in range(5)]
    finally:
        pool.close()
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]
