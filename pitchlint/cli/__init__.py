"""The command line (click): `pitchlint FILE...` and its sub-commands, thin over the engine.

Only click is imported at start-up; spaCy loads when a message is actually linted.
"""
