"""A rule's message filled in: `"{phrase}" apologises for asking` with the words found.

Messages come from rule packs, so they are data from whoever wrote the pack. `str.format` would let
one walk Python's objects (`{phrase.__class__.__mro__[1].__subclasses__}`) or ask for a field
99,999,999 characters wide (508 MB). Here a field is only a name the rule kind offers, with no
attribute or index access, and a format spec is the plain one (`>20`, `.2f`), at most MAX_WIDTH
wide. `problems` says what is wrong with a message when its pack loads; `format_message` refuses
the same things while linting, as the rule's failure.
"""

from __future__ import annotations

import re
from string import Formatter

MAX_WIDTH = 200  # characters of a field's width or precision; a message is a sentence
_SPEC = re.compile(r"(?:.?[<>=^])?[+\- ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d+))?[bcdeEfFgGnosxX%]?")


class MessageFormatError(ValueError):
    """A rule's message asks for something a message may not do."""


def _field_problem(name: str, spec: str, conversion: str | None) -> str | None:
    if not name.isidentifier():
        return (f"the field {{{name}}} is not a plain name (attribute and index access are not allowed)"
                if name else "a field needs a name, such as {phrase}")
    if conversion not in (None, "s", "r"):
        return f"the field {{{name}}} has an unknown conversion !{conversion}"
    shape = _SPEC.fullmatch(spec)
    if shape is None:
        return f"the field {{{name}}} has a format spec {spec[:40]!r} that is not a plain width or precision"
    if any(int(shape.group(part) or 0) > MAX_WIDTH for part in ("width", "precision")):
        return f"the field {{{name}}} is wider than {MAX_WIDTH} characters"
    return None


def problems(template: str) -> str | None:
    """Why `template` is not a message a pack may have, or None."""
    try:
        for _literal, name, spec, conversion in Formatter().parse(template):
            if name is not None:
                problem = _field_problem(name, spec or "", conversion)
                if problem:
                    return problem
    except ValueError as exc:  # a lone { or }
        return f"the message is not a valid template ({exc})"
    return None


def format_message(template: str, **fields: object) -> str:
    """`template` with its fields filled from `fields` only; MessageFormatError for anything else."""
    pieces: list[str] = []
    try:
        parsed = list(Formatter().parse(template))
    except ValueError as exc:
        raise MessageFormatError(f"the message is not a valid template ({exc})") from None
    for literal, name, spec, conversion in parsed:
        pieces.append(literal)
        if name is None:
            continue
        problem = _field_problem(name, spec or "", conversion)
        if problem:
            raise MessageFormatError(problem)
        if name not in fields:
            known = ", ".join(f"{{{key}}}" for key in fields) or "none"
            raise MessageFormatError(f"the message names {{{name}}}, which this rule does not give (it gives {known})")
        value = fields[name]
        if conversion == "r":
            value = repr(value)
        elif conversion == "s":
            value = str(value)
        try:
            pieces.append(format(value, spec or ""))
        except (ValueError, TypeError) as exc:
            raise MessageFormatError(f"the field {{{name}}} cannot be formatted with {spec!r} ({exc})") from None
    return "".join(pieces)
