"""Code units: how long a text is in UTF-8, UTF-16 or UTF-32, the one helper for the language
server's positions and for SARIF and GitHub columns. A character outside the Basic Multilingual
Plane (most emoji) is one Python character but two UTF-16 units; an accented letter or a CJK
ideograph is one of each."""

from __future__ import annotations

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def code_units(text: str, encoding: str = UTF16) -> int:
    """How many code units `text` takes in the encoding."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    if encoding == UTF8:
        return len(text.encode("utf-8", errors="surrogatepass"))
    raise ValueError(f"unknown position encoding {encoding!r}")


def utf16_length(text: str) -> int:
    return code_units(text, UTF16)
