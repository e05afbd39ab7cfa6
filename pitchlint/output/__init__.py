"""Output: `FileReport`s in; text for people and tools out, one emitter per format (text, concise,
JSON, SARIF, GitHub) behind the interface and registry in pitchlint.output.emitters.

Nothing here writes: each emitter returns the strings the front end prints.
"""
