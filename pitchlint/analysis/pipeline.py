"""The analysis stage: one cached spaCy pipeline, run over the messages' prose.

The statistical model contributes its NER (which has its own encoder), its small sentence
segmenter, and its tagger and parser, which the grammar component (grammar.py) runs only on the
sentences that can hold a want. The rule lemmatizer is not loaded: the grammar's word lists carry
their own forms, and it would cost a third of the NER.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pitchlint.analysis.installed_models import DEFAULT_MODELS  # noqa: E402 - `model = "en_core_web_sm"` finds its re-upload
from pitchlint.analysis.result import Analysis, to_analysis
from pitchlint.errors import ConfigError

if TYPE_CHECKING:  # spaCy is imported when the pipeline is built, not at start-up
    from spacy.language import Language

UNUSED_COMPONENTS = ["attribute_ruler", "lemmatizer"]
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser")  # loaded, disabled, run by the grammar component


MODEL_SCOPES = ("statements", "everywhere")


def model_scope() -> str:
    """Where the statistical NER runs: on the request and goal statements (the default), or on
    the whole message (PITCHLINT_MODEL_SCOPE=everywhere, to compare)."""
    scope = os.environ.get("PITCHLINT_MODEL_SCOPE", "statements") or "statements"
    if scope not in MODEL_SCOPES:
        raise ConfigError("PITCHLINT_MODEL_SCOPE", f"must be one of {', '.join(MODEL_SCOPES)}, not {scope!r}")
    return scope


def resolve_model(name: str | None) -> str:
    # `model = "en_core_web_sm"` also finds the re-upload installed by default: the same model
    from pitchlint.analysis.installed_models import (
        installed_models,  # metadata only: a name is never imported to test it
    )

    candidates = DEFAULT_MODELS if name in (None, DEFAULT_MODELS[0]) else (name,)
    for candidate in candidates:
        if candidate in installed_models():
            return candidate
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ConfigError("model", f"the spaCy model {wanted} is not installed (pip install it; pitchlint never downloads)")


@lru_cache(maxsize=4)
def build_pipeline(model: str | None, pack_dir: str, extra_packs: tuple[str, ...] = (), scope: str | None = None,
                   kernel: str | None = None) -> Language:
    """One pipeline per (model, packs): built once per process. Extra packs add lexicons. `scope`
    says where the NER runs and `kernel` which matrix kernel it uses (kernel.py); None takes the
    environment's choice."""
    import spacy

    import pitchlint.analysis.components  # noqa: F401 - registers the factories
    import pitchlint.analysis.focus  # noqa: F401
    from pitchlint.analysis.chunks import run_in_pieces
    from pitchlint.analysis.kernel import chosen_kernel, use_kernel

    package = resolve_model(model)
    nlp = spacy.load(package, exclude=UNUSED_COMPONENTS)
    parses = all(name in nlp.component_names for name in PARSE_COMPONENTS)
    for name in PARSE_COMPONENTS:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if "senter" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    focused = (scope or model_scope()) == "statements" and "ner" in nlp.pipe_names
    run_in_pieces(nlp, ["senter"] if focused else ["senter", "ner"])  # bounded memory on a long message
    if focused:
        nlp.disable_pipe("ner")
    nlp.add_pipe("pitchlint_breaks")
    if parses:  # the parse of the sentences that can hold a want (grammar.py)
        nlp.add_pipe("pitchlint_grammar", config={"pack_dir": pack_dir})
    if focused:  # the model's NER only on the request and goal sentences (focus.py)
        nlp.add_pipe("pitchlint_focused_ner", config={"ner": "ner", "pack_dir": pack_dir})
    nlp.add_pipe("pitchlint_targets", config={"pack_dir": pack_dir, "extra_packs": list(extra_packs)})
    nlp.add_pipe("pitchlint_statements", config={"pack_dir": pack_dir})
    nlp.add_pipe("pitchlint_classified_statements")
    use_kernel(nlp, chosen_kernel(kernel))
    return nlp


def analyze_texts(texts: Iterable[str], model: str | None, pack_dir: Path, batch_size: int = 32,
                  extra_packs: tuple[str, ...] = ()) -> Iterator[Analysis]:
    nlp = build_pipeline(model, str(pack_dir), tuple(extra_packs))
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield to_analysis(doc)
