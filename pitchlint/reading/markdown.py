"""What in a Markdown draft is the writer's prose: markdown-it-py finds the blocks, a few inline
patterns find code spans, link targets and HTML tags inside the prose blocks.

Masking blanks characters with spaces and keeps every newline, so the result has the length of the
text and every offset into it is an offset into the file as read.

Blocks (from markdown-it's line maps): fenced and indented code, thematic breaks and reference
definitions (`[id]: https://...`, the lines no block claims) are blanked whole; an HTML block keeps
its text but loses its tags and their attributes, unless it is a script, style or pre block.
Inline, in what is left: HTML comments, code spans, link and image targets, autolinks and the tags
of known HTML elements (a placeholder such as `<Company>` or `<NAME>` is the writer's, and stays
for the placeholder rule to find), heading marks and emphasis marks.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_BLANK_BLOCKS = {"fence", "code_block", "hr"}
_PROSE_BLOCKS = {"paragraph_open", "heading_open", "table_open", "html_block"}
_RAW_HTML = re.compile(r"\s*<(?:script|style|pre|textarea)\b", re.I)
_HTML_ELEMENTS = (
    "a|abbr|b|bdi|bdo|big|blockquote|body|br|caption|center|cite|code|col|colgroup|dd|del|details|dfn|div|dl|dt|"
    "em|figcaption|figure|font|footer|h[1-6]|head|header|hr|html|i|img|input|ins|kbd|li|link|main|mark|meta|nav|"
    "ol|p|picture|pre|q|s|samp|section|small|source|span|strike|strong|sub|summary|sup|table|tbody|td|tfoot|th|"
    "thead|time|tr|tt|u|ul|var|video|wbr"
)
# Each pattern is linear in the text: a failed match must not rescan what follows it for every
# start ("[a](" 20,000 times, a run of 30,000 backticks, "<!--" 25,000 times took 6-15 s each).
_INLINE = [
    re.compile(r"(?<!`)(`+)[^`\n]+?\1"),  # code spans, tried once per run of backticks
    re.compile(r"\]\([^)\n]{0,%d}\)" % 2048),  # link and image targets (a URL of up to 2,048 characters)
    re.compile(r"<(?:https?|mailto|ftp):[^\s<>]*>|<[\w.+-]+@[\w-]+(?:\.[\w-]+)+>", re.I),  # autolinks
    re.compile(rf"</?(?:{_HTML_ELEMENTS})(?:\s[^<>]*)?/?>", re.I),  # tags of HTML elements, with attributes
    re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t])", re.M),  # ATX heading marks
    # emphasis marks: a run of * or _ that opens a word or closes one ("**Looking for:** X"); not a
    # list bullet ("* item"), nor one inside a word ("snake_case", "2*3")
    re.compile(r"(?<![\w*])\*{1,3}(?=[^\s*])|(?<=[^\s*])\*{1,3}(?![\w*])"),
    re.compile(r"(?<![\w_])_{1,3}(?=[^\s_])|(?<=[^\s_])_{1,3}(?![\w_])"),
]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Only the blocks' line maps are read: the inline rules never run, for they are quadratic in
    # runs of unclosed brackets ("![" 49,000 times took 1.8 s of the parse) and add nothing here.
    return MarkdownIt("commonmark").enable("table").disable("inline")


def _blank(text: str) -> str:
    return re.sub(r"[^\n\r]", " ", text)


def mask_markdown(text: str) -> str:
    """The text with everything that is not prose blanked; same length, same line breaks."""
    from pitchlint.reading.front_matter import FRONT_MATTER

    front = FRONT_MATTER.match(text)
    if front:  # YAML, never Markdown: blanked before the parse so it cannot open a block
        text = _blank(front.group(0)) + text[front.end():]
    lines = re.split(r"\r\n|\r|\n", text)  # markdown-it's own line breaks
    kinds = ["none"] * len(lines)  # none | blank | prose | html
    for token in _parser().parse(text):
        if token.map is None or token.nesting == -1:
            continue
        start, end = token.map
        if token.type in _BLANK_BLOCKS or token.type == "html_block" and _RAW_HTML.match(token.content):
            kind = "blank"
        elif token.type in _PROSE_BLOCKS:
            kind = "html" if token.type == "html_block" else "prose"
        else:
            continue
        for line in range(start, min(end, len(lines))):
            if kinds[line] != "blank":
                kinds[line] = kind
    masked = [_blank(line) if kind in ("blank", "none") else line for line, kind in zip(lines, kinds, strict=True)]
    out = _blank_comments(_rejoin(text, masked))
    for pattern in _INLINE:
        out = pattern.sub(lambda m: _blank(m.group(0)), out)
    return out


def _blank_comments(text: str) -> str:
    """HTML comments blanked, found in one pass: an unclosed "<!--" ends the search, where a
    non-greedy pattern would scan to the end again from every later "<!--"."""
    pieces, last = [], 0
    while (start := text.find("<!--", last)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        pieces += [text[last:start], _blank(text[start:end + 3])]
        last = end + 3
    return "".join(pieces) + text[last:]


def _rejoin(text: str, lines: list[str]) -> str:
    """The lines joined with the text's own line breaks."""
    breaks = re.findall(r"\r\n|\r|\n", text)
    return "".join(line + brk for line, brk in zip(lines, breaks + [""], strict=True))
