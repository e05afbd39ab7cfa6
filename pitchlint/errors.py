"""Errors meant for people: each names the file and the reason, and the CLI turns it into exit 2."""


MAX_REASON = 400  # characters: a reason is one line a person reads, whatever value it quotes


def one_line(reason: str) -> str:
    """The reason on one line (line breaks shown as \\n) and short: a quoted value from the input
    (a front matter list, a pack's message) can be megabytes long."""
    reason = reason.replace("\r", "\\r").replace("\n", "\\n")
    return reason if len(reason) <= MAX_REASON else reason[:MAX_REASON - 1] + "…"


class PitchlintError(Exception):
    """An error in the user's input or configuration; never a bug in pitchlint."""

    def __init__(self, path: object, reason: str) -> None:
        reason = one_line(reason)
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # pickled by (path, reason), so an error crosses to and from worker processes
        return type(self), (self.path, self.reason)


class InputError(PitchlintError):
    """A message file that cannot be linted (missing, binary, empty, a directory...)."""


class ConfigError(PitchlintError):
    """A configuration file, rule pack or template that is not valid."""
