"""The analysis: one spaCy pipeline (the statistical model plus pitchlint's components) that marks
targets and statements, and the plain data the rules read. Modules follow the flow, and import
one way: patterns, lexicon -> sentences -> targets -> statements -> components -> result, pipeline.
"""

from pitchlint.analysis.installed_models import DEFAULT_MODELS
from pitchlint.analysis.pipeline import UNUSED_COMPONENTS, analyze_texts, build_pipeline, resolve_model
from pitchlint.analysis.result import Analysis, Entity, Statement, Stretch, to_analysis

__all__ = ["Analysis", "DEFAULT_MODELS", "Entity", "Statement", "Stretch", "UNUSED_COMPONENTS", "analyze_texts",
           "build_pipeline", "resolve_model", "to_analysis"]
