"""The official SARIF 2.1.0 schema (tests/schemas/), with the URI formats it names checked, for
every test that validates a SARIF log."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
# RFC 3986: the characters a URI may hold, and the scheme an absolute URI starts with.
_URI_CHARACTERS = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("uri-reference")
def _is_uri_reference(value) -> bool:
    return not isinstance(value, str) or _URI_CHARACTERS.fullmatch(value) is not None


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    return not isinstance(value, str) or (_is_uri_reference(value) and _SCHEME.match(value) is not None)


VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=FORMATS)


def schema_errors(log: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(log)]
