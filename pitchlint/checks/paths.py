"""Where the built-in rule pack lives: inside the wheel, or at the top of a source checkout."""

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the pitchlint package


def builtin_pack_dir() -> Path:
    installed = _PACKAGE_DIR / "rules"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "rules"
