"""Errors meant for people: each names the file and the reason, and the CLI turns it into exit 2."""


class PitchlintError(Exception):
    """An error in the user's input or configuration; never a bug in pitchlint."""

    def __init__(self, path: object, reason: str) -> None:
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
