"""Which files a folder holds for pitchlint, found as ruff finds Python files.

A folder walk skips hidden files and folders, what `.gitignore` and `.ignore` files say (those of
the folders walked, and of the folders above up to the repository's root, plus `.git/info/exclude`),
and what `exclude` / `extend-exclude` name; of the rest it keeps what `include` names. A file named
on the command line is always linted unless `--force-exclude` is given and `exclude` names it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from pitchlint.errors import ConfigError

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

DEFAULT_INCLUDE = ("*.txt", "*.text", "*.md", "*.markdown", "*.mdown", "*.eml", "*.mbox", "*.mail")
# Folders that are someone else's files, and files a repository has that are not messages.
DEFAULT_EXCLUDE = (
    "node_modules/", "bower_components/", "vendor/", "site-packages/", "__pypackages__/", "venv/", "env/",
    "build/", "dist/", "_build/", "target/", "logs/", "log/", "*.egg-info/",
    "README*", "Readme*", "readme*", "LICENSE*", "LICENCE*", "License*", "licen[cs]e*", "COPYING*", "NOTICE*",
    "CHANGELOG*", "Changelog*", "changelog*", "CHANGES*", "HISTORY*", "NEWS*", "CONTRIBUTING*", "AUTHORS*",
    "CODE_OF_CONDUCT*", "SECURITY*", "SUPPORT*", "MAINTAINERS*", "requirements*.txt", "constraints*.txt",
    "CMakeLists.txt", "robots.txt", "*.log.txt", "*-log.txt", "*_log.txt",
)
KEYS = {"include", "extend-include", "exclude", "extend-exclude", "respect-gitignore", "force-exclude"}
IGNORE_FILES = (".gitignore", ".ignore")  # in this order: .ignore wins, as in ripgrep and ruff


@dataclass(frozen=True)
class FileSettings:
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    respect_gitignore: bool = True
    force_exclude: bool = False

    def excludes(self, relative: str, is_dir: bool = False) -> bool:
        from pitchlint.config.globs import matches

        return matches(relative + "/" if is_dir else relative, self.exclude)

    def includes(self, relative: str) -> bool:
        from pitchlint.config.globs import matches

        return matches(relative, self.include)


def parse_file_settings(data: dict[str, Any], where: str) -> FileSettings:
    """The file-discovery keys of one configuration (`include`, `exclude` and their `extend-`s)."""
    from pitchlint.config.globs import check_globs

    def globs(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = data.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(where, f"`{key}` must be a list of strings")
        return check_globs(value, key, where)

    flags = {}
    for key in ("respect-gitignore", "force-exclude"):
        if not isinstance(data.get(key, False), bool):
            raise ConfigError(where, f"`{key}` must be true or false")
        flags[key] = data.get(key)
    return FileSettings(
        include=globs("include", DEFAULT_INCLUDE) + globs("extend-include", ()),
        exclude=globs("exclude", DEFAULT_EXCLUDE) + globs("extend-exclude", ()),
        respect_gitignore=flags["respect-gitignore"] is not False,
        force_exclude=bool(flags["force-exclude"]),
    )


class IgnoreFiles:
    """The `.gitignore` / `.ignore` rules in force in one folder: its own and its ancestors'."""

    def __init__(self, warn: Callable[[str], None]):
        self.warn = warn
        self._cache: dict[Path, list[tuple[Path, GitIgnoreSpec]]] = {}

    def rules_for(self, folder: Path) -> list[tuple[Path, GitIgnoreSpec]]:
        """(base folder, spec) from the repository root down to `folder`: deeper ones come later."""
        if folder not in self._cache:
            parent = folder.parent
            inherited = [] if (folder / ".git").exists() or parent == folder else self.rules_for(parent)
            own = []
            if (folder / ".git").is_dir():
                own += self._read(folder, folder / ".git" / "info" / "exclude")
            for name in IGNORE_FILES:
                own += self._read(folder, folder / name)
            self._cache[folder] = inherited + own
        return self._cache[folder]

    def _read(self, base: Path, path: Path) -> list[tuple[Path, GitIgnoreSpec]]:
        from pathspec import GitIgnoreSpec

        if not path.is_file():
            return []
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            self.warn(f"{path}: cannot be read ({exc}); its rules are not applied")
            return []
        good = []
        for number, line in enumerate(lines, 1):
            try:
                GitIgnoreSpec.from_lines([line])
            except Exception as exc:  # pathspec's pattern error: one bad line, not a crash
                self.warn(f"{path}:{number}: not a valid pattern ({exc}); line skipped")
                continue
            good.append(line)
        return [(base, GitIgnoreSpec.from_lines(good))] if good else []

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for base, spec in reversed(self.rules_for(path.parent)):
            relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            verdict = spec.check_file(relative).include
            if verdict is not None:
                return verdict
        return False


def relative_to_root(path: Path, root: str | None, fallback: Path) -> str:
    """The path as the configuration's globs see it: relative to the configuration's folder."""
    for base in (Path(root) if root else None, fallback):
        if base is not None:
            try:
                return path.relative_to(base).as_posix()
            except ValueError:
                pass
    return path.name


def walk(top: Path, settings_for: Callable[[Path], tuple[FileSettings, str | None]],
         warn: Callable[[str], None]) -> Iterator[Path]:
    """The message files under `top`, sorted; `settings_for(folder)` gives the file settings in
    force there and the folder their globs are relative to. A folder under `top` that cannot be
    read is listed too, so that it is reported, not skipped: its drafts were not checked."""
    top = top.resolve()
    ignores = IgnoreFiles(warn)
    found = []

    def unreadable(error: OSError) -> None:
        if error.filename is not None and Path(error.filename) != top:
            found.append(Path(error.filename))

    for folder, dirs, files in os.walk(top, onerror=unreadable):
        here = Path(folder)
        settings, root = settings_for(here)

        def skipped(name: str, is_dir: bool) -> bool:
            path = here / name
            if name.startswith("."):
                return True
            if settings.excludes(relative_to_root(path, root, top), is_dir):
                return True
            return settings.respect_gitignore and ignores.ignored(path, is_dir)

        dirs[:] = sorted(d for d in dirs if not skipped(d, True))
        for name in files:
            path = here / name
            if not skipped(name, False) and settings.includes(relative_to_root(path, root, top)) and path.is_file():
                found.append(path)
    return iter(sorted(found))


def force_excluded(path: Path, settings: FileSettings, root: str | None) -> bool:
    """Whether `--force-exclude` drops a file named on the command line."""
    return settings.excludes(relative_to_root(path.resolve(), root, Path.cwd().resolve()))
