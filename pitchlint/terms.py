"""The terms every stage shares, each defined and parsed in one place: the severities that order
findings, the channels a message is sent on, and the writer's profile, which both configuration
files and a draft's front matter give."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from pitchlint.errors import ConfigError

SEVERITIES = ("info", "warning", "error")
CHANNELS = ("email", "linkedin-note", "inmail", "pitch", "post")
PROFILE_KEYS = {"companies", "roles", "sectors", "location", "reason", "recipient"}
RECIPIENT_KEYS = {"name", "company"}


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def parse_channel(value: object, where: str) -> str:
    if not isinstance(value, str) or value not in CHANNELS:
        raise ConfigError(where, f"channel {value!r} is not one of {', '.join(CHANNELS)}")
    return value


@dataclass(frozen=True)
class Profile:
    """What the writer wants: rewrites fill their slots from the message first, then from here."""

    companies: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    location: str | None = None
    reason: str | None = None
    recipient_name: str | None = None
    recipient_company: str | None = None

    def merged(self, overrides: "Profile") -> "Profile":
        """This profile with every field the overrides set replaced (front matter over config)."""
        changes = {f: getattr(overrides, f) for f in self.__dataclass_fields__ if getattr(overrides, f)}
        return dataclasses.replace(self, **changes)


def parse_profile(data: object, where: str, recipient: object = None) -> Profile:
    """`profile` (and a separate `recipient`, as front matter may give it) into a Profile."""
    data = data or {}
    if not isinstance(data, dict):
        raise ConfigError(where, "`profile` must be a table")
    unknown = sorted(set(data) - PROFILE_KEYS)
    if unknown:
        raise ConfigError(where, f"unknown key 'profile.{unknown[0]}' (known: {', '.join(sorted(PROFILE_KEYS))})")
    names = _recipient(recipient if recipient is not None else data.get("recipient", {}), where)
    for key in ("location", "reason"):
        if key in data and not isinstance(data[key], str):
            raise ConfigError(where, f"`profile.{key}` must be a string")
    return Profile(
        companies=string_list(data.get("companies", []), "profile.companies", where),
        roles=string_list(data.get("roles", []), "profile.roles", where),
        sectors=string_list(data.get("sectors", []), "profile.sectors", where),
        location=data.get("location"),
        reason=data.get("reason"),
        recipient_name=names.get("name"),
        recipient_company=names.get("company"),
    )


def _recipient(value: object, where: str) -> dict[str, str]:
    """`recipient = "Dana Lee"` or a table of strings `{name = ..., company = ...}`."""
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, dict) or set(value) - RECIPIENT_KEYS:
        raise ConfigError(where, "`recipient` must be a table with `name` and/or `company`")
    for key, item in value.items():
        if not isinstance(item, str):
            raise ConfigError(where, f"`recipient.{key}` must be a string, not {_kind(item)}")
    return value


def _kind(value: object) -> str:
    return {list: "a list", dict: "a table", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)


def string_list(value: object, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(where, f"`{key}` must be a list of strings")
    return tuple(value)
