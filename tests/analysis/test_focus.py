"""The model only where a target can be (analysis/focus.py): the NER runs on the request and goal
statements, and the targets are exactly those of running it on the whole message."""

from pathlib import Path

import pytest

from pitchlint.analysis.chunks import BATCH_TOKENS, CHUNK_TOKENS, by_tokens
from pitchlint.analysis.focus import (
    NER_TOKENS,
    merge,
    pieces_for,
    wanted_ranges,
    within_budget,
)
from pitchlint.analysis.patterns import ASK_KEY, GOAL_KEY, REFUSAL_KEY, TARGETS_KEY
from pitchlint.checks.paths import builtin_pack_dir
from pitchlint.reading.read import read_document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pipelines():
    from pitchlint.analysis.pipeline import build_pipeline

    pack = str(builtin_pack_dir())
    return build_pipeline(None, pack, scope="statements"), build_pipeline(None, pack, scope="everywhere")


def wanted_text(nlp, text):
    finder = nlp.get_pipe("pitchlint_statements")
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline[:2]:  # the senter and the sentence breaks
        doc = component(doc)
    return [doc[s:e].text.strip() for s, e in wanted_ranges(doc, finder.sentences(doc))]


def test_the_pipeline_runs_the_ner_through_focus(pipelines):
    focused, everywhere = pipelines
    assert "pitchlint_focused_ner" in focused.pipe_names and "ner" in focused.disabled
    assert "pitchlint_focused_ner" not in everywhere.pipe_names


def test_only_the_statements_are_wanted(pipelines):
    text = ("Hi Dana,\n\nWe met at the Denver meetup last spring. I spent six years at Zillow as a product "
            "manager. I'm looking for a data engineering role in fintech. Could you introduce me to someone "
            "at Stripe?\n\nThanks,\nSam")
    # the goal names nobody (the lexicons find its role and sector); the request names Stripe
    assert wanted_text(pipelines[0], text) == ["Could you introduce me to someone at Stripe?"]


def test_an_ask_that_points_back_takes_in_the_sentences_before_it(pipelines):
    text = "Hi Dana,\n\nThe weather is lovely. I spent six years at Zillow. Do you know anyone still there?"
    # the sentences it may point back to, those with a name in them; the question itself names no one
    assert wanted_text(pipelines[0], text) == ["Hi Dana,", "I spent six years at Zillow."]


def test_the_readers_company_is_wanted_for_the_recipient_check(pipelines):
    text = "Hi Dana,\n\nI loved the talk your team at Corvallis Robotics gave. The weather is lovely."
    assert wanted_text(pipelines[0], text) == ["I loved the talk your team at Corvallis Robotics gave."]


def test_merge_joins_ranges_that_meet():
    assert merge([(10, 12), (0, 3), (3, 5), (20, 30), (14, 16)], gap=2) == [(0, 5), (10, 16), (20, 30)]
    assert merge([], gap=0) == []


def test_a_long_wanted_range_is_cut_into_pieces(pipelines):
    doc = pipelines[0].make_doc("word " * (3 * CHUNK_TOKENS))
    pieces = pieces_for(doc, [(100, len(doc) - 100)])
    assert pieces[0][0] == 96 and pieces[-1][1] == len(doc) - 96
    assert all(end - start <= CHUNK_TOKENS for start, end in pieces)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))


def test_by_tokens_groups_docs_up_to_the_budget_in_order(pipelines):
    docs = [pipelines[0].make_doc("word " * n) for n in (3, 4, 2, 9, 1, 1)]
    groups = [[len(doc) for doc in group] for group in by_tokens(docs, budget=7)]
    assert groups == [[3, 4], [2], [9], [1, 1]]  # a Doc over the budget alone, nothing dropped or reordered
    assert list(by_tokens([], budget=7)) == []


class Recording:
    """Stands in for a model component: records how many tokens each of its batches holds."""

    def __init__(self, component):
        self.component, self.batches = component, []

    def __call__(self, doc):
        self.batches.append(len(doc))
        return self.component(doc)

    def pipe(self, docs, batch_size=32):
        docs = list(docs)
        self.batches.append(sum(len(doc) for doc in docs))
        return self.component.pipe(docs, batch_size=batch_size)


def test_the_model_never_holds_more_than_a_batch_of_tokens_at_once(pipelines, monkeypatch):
    """A long message that is all asks (the model's NER on all of it) and many messages of nearly a
    piece each: the NER's working arrays are per token of its batch, 406 MB for 32 pieces at once."""
    focused = pipelines[0]
    ner, chunked = focused.get_pipe("pitchlint_focused_ner"), focused.get_pipe("pitchlint_chunked")
    monkeypatch.setattr(ner, "ner", Recording(ner.ner))
    monkeypatch.setattr(chunked, "components", [Recording(c) for c in chunked.components])
    asks = " ".join(f"Could you introduce me to someone at Acme{i} Corp?" for i in range(1_500))
    long_doc = focused(asks)
    assert len(long_doc) > 5 * CHUNK_TOKENS and len(long_doc.ents) > 700
    near_a_piece = "I would love an intro to a recruiter at Stripe. " * (CHUNK_TOKENS // 12)
    docs = list(focused.pipe([near_a_piece] * 6))
    assert all(CHUNK_TOKENS // 2 < len(doc) <= CHUNK_TOKENS for doc in docs)
    batches = ner.ner.batches + chunked.components[0].batches
    assert max(batches) <= BATCH_TOKENS and sum(ner.ner.batches) >= NER_TOKENS + 6 * len(docs[0]), batches


def test_within_budget_keeps_the_first_tokens_of_the_ranges():
    assert within_budget([(0, 5), (10, 20), (30, 40)], 12) == [(0, 5), (10, 17)]
    assert within_budget([(0, 5), (10, 20)], 15) == [(0, 5), (10, 20)]
    assert within_budget([(0, 5), (10, 20)], 100) == [(0, 5), (10, 20)]
    assert within_budget([], 10) == []


def test_the_model_reads_at_most_its_budget_of_one_message(pipelines, monkeypatch):
    """A message of nothing but asks: the model names the companies of the first NER_TOKENS tokens,
    the lexicons and patterns still read the rest (the bound on work, issue 19)."""
    focused = pipelines[0]
    ner = focused.get_pipe("pitchlint_focused_ner")
    monkeypatch.setattr(ner, "ner", Recording(ner.ner))
    asks = " ".join(f"Could you introduce me to someone at Acme{i} Corp?" for i in range(1_500))
    doc = focused(asks)
    assert len(doc) > NER_TOKENS + 5_000
    assert NER_TOKENS <= sum(ner.ner.batches) <= NER_TOKENS + 2 * CHUNK_TOKENS // 100
    last_named = max(e.end for e in doc.ents if e.label_ == "ORG")
    assert NER_TOKENS - 20 <= last_named <= NER_TOKENS
    assert doc.spans[ASK_KEY][-1].end >= len(doc) - 1  # the asks are found to the end
    assert any(t.start > NER_TOKENS + 5_000 for t in doc.spans[TARGETS_KEY])  # by the patterns ("Acme1400 Corp")


def summary(doc):
    """What the rules read from the analysis, apart from entities outside the statements."""
    spans = lambda key: [(s.start, s.end, s.label_) for s in doc.spans[key]]  # noqa: E731
    targets = [(t.start, t.end, t.label_, t._.statement) for t in doc.spans[TARGETS_KEY]
               if t._.statement != "background"]
    return targets, spans(ASK_KEY), spans(GOAL_KEY), spans(REFUSAL_KEY)


def corpus_texts():
    return [read_document(p).prose for p in sorted((ROOT / "corpus").glob("*"))
            if p.suffix in (".txt", ".md", ".eml")]


def test_targets_and_statements_match_the_ner_everywhere_on_the_whole_corpus(pipelines):
    focused, everywhere = pipelines
    texts = corpus_texts()
    assert len(texts) > 300
    differ = [text[:60] for text, a, b in zip(texts, focused.pipe(texts), everywhere.pipe(texts))
              if summary(a) != summary(b)]
    assert differ == []


def test_a_long_message_with_its_ask_at_the_end(pipelines):
    focused, everywhere = pipelines
    background = "I spent eight years at Northwind Traders running the warehouse floor in Tacoma. " * 300
    text = background + "\n\nCould you introduce me to someone in supply chain planning at Trader Joe's?"
    a, b = focused(text), everywhere(text)
    assert len(a) > 2 * CHUNK_TOKENS
    assert summary(a) == summary(b) and summary(a)[0]
    last = a.spans[ASK_KEY][-1]
    inside = lambda doc: [(e.start, e.end, e.label_) for e in doc.ents if e.start >= last.start]  # noqa: E731
    assert inside(a) == inside(b)
