"""What a batch run tells the person watching it: a progress line on a terminal (messages done,
rate, ETA), a line per message that could not be linted (the first few), and a summary at the end."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import TextIO

from pitchlint.batch.rows import ERROR, FAILS, Row

SHOWN_ERRORS = 20  # then only a count: the error rows are all in the output


def duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{seconds:02d}s" if minutes else f"{seconds}s"


def messages(count: int) -> str:
    """"1 message", "2 messages"."""
    return "message" if count == 1 else "messages"


def progress_line(done: int, total: int | None, elapsed: float) -> str:
    rate = done / elapsed if elapsed > 0 else 0.0
    count = f"{done:,}/{total:,}" if total else f"{done:,}"
    text = f"{count} {messages(total or done)}, {rate:,.1f}/s"
    if total and rate > 0 and done <= total:
        text += f", ETA {duration((total - done) / rate)}"
    return text


class Tally:
    """Counts for the summary and the exit status: by verdict, by rule (messages it fired on)."""

    def __init__(self, stream: TextIO, total: int | None, show_progress: bool,
                 clock: Callable[[], float] = time.monotonic):
        self.stream, self.total, self.show_progress, self.clock = stream, total, show_progress, clock
        self.start = self.last_drawn = clock()
        self.done = self.errors = self.fails = self.skipped = 0
        self.verdicts: Counter[str] = Counter()
        self.rules: Counter[str] = Counter()

    def add(self, row: Row, status: str) -> None:
        self.done += 1
        if status == ERROR:
            self.errors += 1
            if self.errors <= SHOWN_ERRORS:
                where = row.get("source") or row.get("path")
                named = f" (id {row['id']})" if row.get("id") is not None and str(row["id"]) not in str(where) else ""
                self._say(f"pitchlint: {where}{named}: {row['error']}")
        self.fails += status == FAILS
        if "verdict" in row:
            self.verdicts[row["verdict"]] += 1
            self.rules.update({f["rule"] for f in row["findings"]})

    def draw(self, final: bool = False) -> None:
        now = self.clock()
        if not self.show_progress or (now - self.last_drawn < 0.2 and not final):
            return
        self.last_drawn = now
        self.stream.write(f"\r\x1b[K{progress_line(self.done, self.total, now - self.start)}")
        if final:
            self.stream.write("\n")
        self.stream.flush()

    def _say(self, line: str) -> None:
        if self.show_progress:
            self.stream.write("\r\x1b[K")
        self.stream.write(line + "\n")

    def summary(self, output: str) -> list[str]:
        elapsed = self.clock() - self.start
        rate = f", {self.done / elapsed:,.1f}/s" if elapsed > 0 and self.done else ""
        verdicts = ", ".join(f"{n:,} {v}" for v, n in sorted(self.verdicts.items())) or "none linted"
        lines = [f"pitchlint: {self.done:,} {messages(self.done)} in {duration(elapsed)}{rate}: {verdicts}"
                 + (f", {self.errors:,} not linted" if self.errors else "")]
        if self.skipped:
            lines.append(f"  {self.skipped:,} already in {output} (--resume), not linted again")
        if self.errors > SHOWN_ERRORS:
            lines.append(f"  {self.errors - SHOWN_ERRORS:,} more not linted; their rows in {output} say why")
        if self.rules:
            lines.append("  by rule: " + ", ".join(f"{rule} {n:,}" for rule, n in self.rules.most_common()))
        return lines

    def status(self) -> int:
        return 1 if self.fails or self.errors else 0
