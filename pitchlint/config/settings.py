"""Configuration: `.pitchlint.toml` (or `pitchlint.toml`), or `[tool.pitchlint]` in `pyproject.toml`,
found upward from each message file, or named with `--config`. One loader serves the CLI, the hooks
and the editor."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pitchlint.config.discovery import KEYS as DISCOVERY_KEYS
from pitchlint.config.discovery import FileSettings, parse_file_settings
from pitchlint.config.files import pitchlint_table, pyproject_table, read_toml, unsafe_reason
from pitchlint.config.globs import check_globs
from pitchlint.errors import ConfigError
from pitchlint.terms import SEVERITIES, Profile, parse_channel, parse_profile, string_list

KEYS = {"select", "ignore", "severity", "model", "packs", "fail-on", "fail-under", "hook", "per-file-ignores",
        "profile", "channel", "templates", "accept", "extend-select"} | DISCOVERY_KEYS
# Looked for in each folder upward, in this order (as ruff takes .ruff.toml, ruff.toml, pyproject.toml)
CONFIG_FILE_NAMES = (".pitchlint.toml", "pitchlint.toml", "pyproject.toml")
HOOK_KEYS = {"fail-on", "fail-under", "include"}
# What the pre-commit hook lints when the configuration does not say: e-mails, and drafts.
DEFAULT_HOOK_INCLUDE = ("*.eml", "drafts/**/*.md", "drafts/**/*.txt")


@dataclass(frozen=True)
class Config:
    path: str | None = None  # the file it came from; None for the defaults
    select: tuple[str, ...] | None = None  # None: every stable rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule id, severity) overrides
    model: str | None = None
    packs: tuple[str, ...] = ()  # extra rule packs, absolute paths
    fail_on: str = "warning"
    fail_under: int | None = None
    hook: HookConfig = field(default_factory=lambda: HookConfig())
    # (glob, rule ids): globs are relative to `root`, the folder of the configuration file
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: str | None = None
    profile: Profile = field(default_factory=lambda: Profile())
    channel: str = "email"
    templates: str | None = None  # the user's own template folder; its files override by name
    force_channel: str | None = None  # --channel on the command line: over front matter and config
    accept: tuple[str, ...] = ()  # words a finding may point at without being reported ("TBD")
    extend_select: tuple[str, ...] = ()  # rule ids or prefixes turned on over `select`
    files: FileSettings = field(default_factory=FileSettings)  # include, exclude: what a folder walk lints
    warnings: tuple[str, ...] = ()  # configuration files passed over on the way up, and why

    def ignored_for(self, path: str | None) -> set[str]:
        """Rule ids that per-file-ignores turns off for this message file."""
        if not self.per_file_ignores or not path or path.startswith("<"):
            return set()
        from pitchlint.config.globs import matches

        base = Path(self.root) if self.root else Path.cwd()
        try:
            relative = Path(path).resolve().relative_to(base).as_posix()
        except ValueError:
            return set()
        return {rule for glob, rules in self.per_file_ignores if matches(relative, (glob,)) for rule in rules}


def check_model_name(model: object, where: str) -> None:
    """`model` names an installed spaCy model package, known from the packages' metadata, so a
    name such as "json" or "pip" is never imported to find out."""
    from pitchlint.analysis.installed_models import DEFAULT_MODELS, installed_models

    if not isinstance(model, str):
        raise ConfigError(where, "`model` must be the name of an installed spaCy model package")
    installed = installed_models()
    if model not in installed and not (model == DEFAULT_MODELS[0] and installed & set(DEFAULT_MODELS)):
        known = ", ".join(sorted(installed)) or "none"
        raise ConfigError(where, f"`model = {model!r}` is not an installed spaCy model package (installed: {known})")


@dataclass(frozen=True)
class HookConfig:
    """`[tool.pitchlint.hook]`: what blocks a send or a commit, and which staged files are drafts."""

    fail_on: str = "warning"
    fail_under: int | None = None
    include: tuple[str, ...] = DEFAULT_HOOK_INCLUDE


def _threshold(data: dict[str, Any], where: str, prefix: str = "") -> tuple[str, int | None]:
    fail_on = data.get("fail-on", "warning")
    if fail_on not in SEVERITIES:
        raise ConfigError(where, f"`{prefix}fail-on` must be one of {', '.join(SEVERITIES)}")
    fail_under = data.get("fail-under")
    if fail_under is not None and (type(fail_under) is not int or not 0 <= fail_under <= 100):
        raise ConfigError(where, f"`{prefix}fail-under` must be a whole number from 0 to 100")
    return fail_on, fail_under


def parse_hook(data: object, where: str) -> HookConfig:
    if not isinstance(data, dict):
        raise ConfigError(where, "`hook` must be a table")
    unknown = sorted(set(data) - HOOK_KEYS)
    if unknown:
        raise ConfigError(where, f"unknown key 'hook.{unknown[0]}' (known: {', '.join(sorted(HOOK_KEYS))})")
    fail_on, fail_under = _threshold(data, where, "hook.")
    include = string_list(data["include"], "hook.include", where) if "include" in data else DEFAULT_HOOK_INCLUDE
    check_globs(include, "hook.include", where)
    return HookConfig(fail_on=fail_on, fail_under=fail_under, include=include)


def parse_config(data: dict[str, Any], where: str, base: Path) -> Config:
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ConfigError(where, f"unknown configuration key {unknown[0]!r} (known: {', '.join(sorted(KEYS))})")
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(where, "`severity` must be a table of rule id = severity")
    for rule_id, level in severity.items():
        if not isinstance(level, str) or level not in SEVERITIES:
            raise ConfigError(where, f"severity {level!r} for {rule_id} is not one of {', '.join(SEVERITIES)}")
    fail_on, fail_under = _threshold(data, where)
    model = data.get("model")
    if model is not None:
        check_model_name(model, where)
    packs = tuple(str((base / p).resolve()) for p in string_list(data.get("packs", []), "packs", where))
    ignores = data.get("per-file-ignores", {})
    if not isinstance(ignores, dict):
        raise ConfigError(where, "`per-file-ignores` must be a table of glob = [rule ids]")
    per_file = tuple(sorted((glob, string_list(ids, f"per-file-ignores.{glob}", where)) for glob, ids in ignores.items()))
    check_globs([glob for glob, _ in per_file], "per-file-ignores", where)
    templates = data.get("templates")
    if templates is not None and not isinstance(templates, str):
        raise ConfigError(where, "`templates` must be the path of a folder of Jinja templates")
    if templates and not (base / templates).is_dir():
        missing = "is not a folder" if (base / templates).exists() else "does not exist"
        raise ConfigError(where, f"`templates = {templates!r}`: {base / templates} {missing} (it must be a "
                                 "folder of Jinja templates)")
    return Config(
        path=where,
        root=str(base.resolve()),
        profile=parse_profile(data.get("profile"), where),
        channel=parse_channel(data.get("channel", "email"), where),
        templates=str((base / templates).resolve()) if templates else None,
        accept=string_list(data.get("accept", []), "accept", where),
        per_file_ignores=per_file,
        select=string_list(data["select"], "select", where) if "select" in data else None,
        ignore=string_list(data.get("ignore", []), "ignore", where),
        severity=tuple(sorted(severity.items())),
        model=model,
        packs=packs,
        fail_on=fail_on,
        fail_under=fail_under,
        hook=parse_hook(data.get("hook", {}), where),
        extend_select=string_list(data.get("extend-select", []), "extend-select", where),
        files=parse_file_settings(data, where),
    )


def read_config_data(path: Path) -> dict[str, Any]:
    """pitchlint's table from one configuration file, not yet checked."""
    data = read_toml(path)
    if path.name == "pyproject.toml":
        data = pitchlint_table(data, path) or {}
    return data


def load_config_file(path: Path | str) -> Config:
    path = Path(path)
    return parse_config(read_config_data(path), str(path), path.parent)


def layered_config(project: Path | None, user: Path | None) -> Config:
    """The user's configuration under the project's, key by key; either may be missing. Each file
    is checked on its own first, so an error names the file that has it."""
    from pitchlint.config.layers import anchored, merge

    if user is None:
        return load_config_file(project) if project else Config()
    user_data = anchored(read_config_data(user), user.parent)
    user_config = parse_config(user_data, str(user), user.parent)
    if project is None:
        return user_config
    data = merge(user_data, read_config_data(project))
    return parse_config(data, str(project), project.parent)


def nearest_config_file(directory: Path) -> Path | None:
    """The project configuration at or above `directory`: `.pitchlint.toml`, else `pitchlint.toml`,
    else a `pyproject.toml` with a `[tool.pitchlint]` table."""
    return _nearest_safe_config_file(directory)[0]


def _nearest_safe_config_file(directory: Path) -> tuple[Path | None, tuple[str, ...]]:
    """The nearest project configuration that only its owner could have written, and a warning
    for each one passed over on the way (a broken pyproject.toml that holds our table is an error)."""
    warnings: list[str] = []
    for folder in (directory, *directory.parents):
        for candidate in (folder / name for name in CONFIG_FILE_NAMES):
            if not candidate.is_file():
                continue
            if candidate.name == "pyproject.toml" and pyproject_table(candidate) is None:
                continue
            reason = unsafe_reason(candidate)
            if reason is not None:
                warnings.append(f"{candidate}: not used, because {reason} (fix its permissions to use it)")
                continue
            return candidate, tuple(warnings)
    return None, tuple(warnings)


class _FindConfig:
    """`find_config(directory)`, with `find_config.cache_clear()` to forget what it read (the
    editor reads configuration afresh): a callable object, so that both have a type."""

    def __call__(self, directory: Path) -> Config:
        """The nearest project configuration at or above `directory` over the user's, or the defaults."""
        from pitchlint.config.layers import user_config_file

        return _find_config(directory, user_config_file())

    def cache_clear(self) -> None:
        _find_config.cache_clear()


find_config = _FindConfig()


@lru_cache(maxsize=256)
def _find_config(directory: Path, user: Path | None) -> Config:
    project, warnings = _nearest_safe_config_file(directory)
    return _with_warnings(layered_config(project, user), list(warnings))


def _with_warnings(config: Config, warnings: list[str]) -> Config:
    return dataclasses.replace(config, warnings=tuple(warnings)) if warnings else config


def config_for(path: str | None, explicit: str | None = None) -> Config:
    if explicit:
        from pitchlint.config.layers import user_config_file

        return layered_config(Path(explicit).resolve(), user_config_file())
    start = Path(path).resolve().parent if path and path != "-" else Path.cwd().resolve()
    return find_config(start)
