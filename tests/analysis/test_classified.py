"""The second layer of statements (pitchlint/analysis/classified.py): a trained classifier states
the sentences the grammar leaves unstated and that name no company, role or sector."""

import json
from pathlib import Path

import pytest

from pitchlint.analysis.classified import MODEL, ClassifiedStatements
from pitchlint.errors import ConfigError
from pitchlint.train_statements import labelled_sentences, numbers, train

ROOT = Path(__file__).resolve().parents[2]


def test_the_classifier_states_an_aside_the_grammar_has_no_frame_for(analyze):
    analysis = analyze("I'd love to move into grant writing at a land trust. Any boost appreciated!")
    assert [(s.statement, s.text, s.by) for s in analysis.statements] == [
        ("goal", "I'd love to move into grant writing at a land trust.", "grammar"),
        ("request", "Any boost appreciated!", "classifier"),
    ]


def test_a_sentence_that_names_a_target_kind_is_left_to_the_grammar(analyze):
    # the writer's past names a company: whatever the classifier would say, it stays background
    analysis = analyze("I spent eight years at Amazon. Any contacts at all would help.")
    assert all(s.by == "grammar" for s in analysis.statements)
    assert [(e.text, e.statement) for e in analysis.entities] == [("Amazon", "background")]
    assert not analysis.specific


def test_small_talk_stays_background(analyze):
    assert analyze("Hope you had a lovely weekend!\n\nBest,\nSam\n").statements == []


def test_the_json_report_says_which_layer_stated_each_sentence(lint):
    from pitchlint.engine.report import file_json

    report = lint("Could you introduce me to a buyer at REI? DMs are open, shares help too!!")
    rows = file_json(report)["statements"]
    assert {row["by"] for row in rows} <= {"grammar", "classifier"}
    assert rows[0] == {"statement": "request", "text": "Could you introduce me to a buyer at REI?",
                       "start": 0, "end": 41, "by": "grammar"}


def test_a_damaged_model_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="statement classifier cannot be loaded"):
        ClassifiedStatements(tmp_path / "missing")


def test_the_committed_model_is_small_and_says_what_it_was_trained_on():
    size = sum(f.stat().st_size for f in MODEL.rglob("*") if f.is_file())
    assert size < 5_000_000
    meta = json.loads((MODEL / "meta.json").read_text())
    assert meta["name"] == "pitchlint_statements"
    assert "labelled sentences of pitchlint's corpus" in meta["description"]


def test_numbers_and_leaving_messages_out():
    assert list(numbers("9-11")) == [9, 10, 11]
    assert list(numbers("7")) == [7]
    assert list(numbers("")) == []
    everything = labelled_sentences(ROOT / "corpus")
    without = labelled_sentences(ROOT / "corpus", numbers("601-710"))
    assert 0 < len(without) < len(everything)
    assert {kind for _, kind in everything} == {"request", "goal", "background"}


def test_training_from_the_config_learns_the_three_statements():
    sentences = [("Could you introduce me to someone?", "request"), ("Do you know anyone there?", "request"),
                 ("I'm looking for a role in fintech.", "goal"), ("I want to work in retail.", "goal"),
                 ("I spent six years at a bank.", "background"), ("Hope you are well.", "background")] * 4
    nlp = train(sentences)
    assert nlp.pipe_names == ["textcat"]
    cats = nlp("Could you introduce me to someone?").cats
    assert set(cats) == {"request", "goal", "background"}
    assert max(cats, key=cats.get) == "request"


def test_reading_a_sentences_own_tokens_scores_as_a_doc_of_it_would():
    import numpy
    import spacy

    from pitchlint.analysis.classified import _Words

    classifier = spacy.load(MODEL)
    textcat = classifier.get_pipe("textcat")
    nlp = spacy.blank("en")
    doc = nlp("Hi all! I'm moving into grant writing. Shares help too!! DMs are open.")
    doc[0].is_sent_start = True
    doc[3].is_sent_start = True
    doc[10].is_sent_start = True
    doc[15].is_sent_start = True
    sentences = list(doc.sents)
    cache = {}
    from_tokens = textcat.model.predict([_Words(s, cache) for s in sentences])
    from_docs = textcat.model.predict([classifier.make_doc(s.text) for s in sentences])
    assert len(sentences) == 4
    assert numpy.allclose(from_tokens, from_docs, atol=1e-6)
