"""Output: `FileReport`s in; text for people and tools out (text, concise, JSON, SARIF, GitHub).

Nothing here writes: each renderer returns a string the front end prints.
"""
