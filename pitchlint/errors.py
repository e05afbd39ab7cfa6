"""Errors meant for people: each names the file and the reason, and the CLI turns it into exit 2."""

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line(path: object) -> str:
    """A file name as the one-line formats print it: a line break or other control character in
    it is escaped ("\\n", "\\x1b"), so `path:line:col: ...` stays one line and says which file."""
    text = str(path)
    if _CONTROL.search(text) is None:
        return text
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return _CONTROL.sub(lambda m: named.get(m.group(), m.group().encode("unicode_escape").decode("ascii")), text)


MAX_REASON = 400  # characters: a reason is one line a person reads, whatever value it quotes


def short_reason(reason: str) -> str:
    """The reason on one line (control characters escaped as in a file name) and short: a value
    from the input that it quotes (a front matter list, a pack's message) can be megabytes long."""
    reason = one_line(reason)
    return reason if len(reason) <= MAX_REASON else reason[:MAX_REASON - 1] + "…"


class PitchlintError(Exception):
    """An error in the user's input or configuration; never a bug in pitchlint."""

    def __init__(self, path: object, reason: str) -> None:
        reason = short_reason(reason)
        super().__init__(f"{one_line(path)}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # pickled by (path, reason), so an error crosses to and from worker processes
        return type(self), (self.path, self.reason)


class InputError(PitchlintError):
    """A message file that cannot be linted (missing, binary, empty, a directory...)."""


class ConfigError(PitchlintError):
    """A configuration file, rule pack or template that is not valid."""
