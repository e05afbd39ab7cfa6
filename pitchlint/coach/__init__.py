"""The coach: a draft (or nothing) and the writer's answers in; one question at a time, then a
specific ask composed with the rule pack's templates and the message with that ask in place out.

`session.py` is the typed API any front end drives (state in, next question or finished ask out);
`profile_file.py` reads and saves the answers in the writer's profile (a TOML configuration file).
The terminal and the file writing live in the command line (pitchlint/cli/coach.py).
"""

from pitchlint.coach.session import ACTIONS, SLOTS, Answers, Coach, Finished, Question, State

__all__ = ["ACTIONS", "SLOTS", "Answers", "Coach", "Finished", "Question", "State"]
