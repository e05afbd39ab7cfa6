"""`pitchlint batch`: check the inputs and the output, then stream records in chunks to the chosen
executor and the rows back to the output, in input order. Returns the exit status: 0 all linted
and none failing, 1 some failing (by the configured threshold) or not linted, 130 interrupted.
A problem that stops the run raises PitchlintError (exit 2)."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from types import FrameType
from typing import NoReturn, TextIO

from pitchlint.batch.inputs import Columns, Input
from pitchlint.batch.outputs import open_output
from pitchlint.batch.progress import Tally, messages
from pitchlint.batch.rows import Row, batch_rows, id_text, lost_rows
from pitchlint.config.settings import Config
from pitchlint.engine.executors import DaskCluster, Executor, InProcess, LocalPool, in_order
from pitchlint.engine.records import Record
from pitchlint.errors import PitchlintError


@dataclass(frozen=True)
class BatchOptions:
    inputs: tuple[str, ...]
    output: str
    config: Config
    columns: Columns = Columns()
    jobs: int = 1
    scheduler: str | None = None  # a Dask scheduler's address
    dask_local: bool = False  # start a LocalCluster with `jobs` workers
    chunk_size: int = 128
    resume: bool = False
    overwrite: bool = False
    progress: bool = False


def chunked(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    source = iter(records)
    while chunk := list(islice(source, size)):
        yield chunk


def executor_for(options: BatchOptions, chunks: int) -> Executor:
    """`chunks`: how many chunks there are, counted up to two (one chunk is not worth a pool)."""
    if options.scheduler or options.dask_local:
        return DaskCluster(options.scheduler, options.jobs)
    return LocalPool(options.jobs) if options.jobs > 1 and chunks > 1 else InProcess()


def run_batch(options: BatchOptions, stderr: TextIO | None = None) -> int:
    stderr = stderr or sys.stderr
    inputs = [Input(name, options.columns) for name in options.inputs]
    for source in inputs:
        source.check()
    if options.output != "-" and Path(options.output).resolve() in {Path(n).resolve() for n in options.inputs if n != "-"}:
        raise PitchlintError(options.output, "is both an input and the output")
    output = open_output(options.output, options.resume, options.overwrite)
    total = None
    if options.progress:
        counts = [source.count() for source in inputs]
        total = None if None in counts else sum(c for c in counts if c is not None)
    tally = Tally(stderr, total, options.progress)

    def records() -> Iterator[Record]:
        """The records still to lint: with --resume, the first len(output.done) have their rows."""
        position = 0
        for source in inputs:
            for record in source.records():
                position += 1
                if position <= len(output.done):
                    _check_resumed(options.output, position, output.done[position - 1], record)
                    tally.skipped += 1
                    continue
                yield record
        if position < len(output.done):
            raise PitchlintError(options.output, f"has {len(output.done):,} rows but the input has {position:,} "
                                                 "messages: it was written from other input; cannot resume")

    executor = None
    keep = False  # whether the rows written stand: the run ended, or was interrupted (--resume goes on)
    previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    try:
        chunks = chunked(records(), options.chunk_size)
        first = list(islice(chunks, 2))
        executor = executor_for(options, len(first))
        for rows in in_order(executor, batch_rows, options.config, chain(first, chunks), _lost):
            output.write([row for row, _ in rows])
            for row, status in rows:
                tally.add(row, status)
            tally.draw()
        keep = True
    except KeyboardInterrupt:
        keep = True
        tally.draw(final=True)
        stderr.write(f"pitchlint: interrupted after {tally.done:,} {messages(tally.done)}; {options.output} has "
                     "their rows: run the same command with --resume to go on\n")
        return 130
    finally:
        output.close(keep)
        if executor is not None:
            executor.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    tally.draw(final=True)
    for line in tally.summary(options.output):
        stderr.write(line + "\n")
    return tally.status()


def _check_resumed(output: str, position: int, row_id: str | None, record: Record) -> None:
    if id_text(record.id) != row_id:
        raise PitchlintError(output, f"row {position:,} has id {row_id!r}, but message {position:,} of the input "
                                     f"({record.where}) has id {id_text(record.id)!r}: it was written from other "
                                     "input; cannot resume")


def _lost(chunk: list[Record], exc: BaseException) -> list[tuple[Row, str]]:
    return lost_rows(chunk, f"the worker linting it was lost ({type(exc).__name__}: {exc})")


def _interrupt(signum: int, frame: FrameType | None) -> NoReturn:
    raise KeyboardInterrupt


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def run_command(inputs: tuple[str, ...], output: str, *, id_column: str, text_column: str, config_path: str | None,
                channel: str | None, fail_on: str | None, fail_under: int | None, jobs: int | None,
                scheduler: str | None, dask_local: bool, chunk_size: int, resume: bool, overwrite: bool,
                progress: bool) -> int:
    """The CLI's `batch`: one configuration for the run, checked here before any worker starts."""
    import dataclasses
    import os

    from pitchlint.analysis import resolve_model
    from pitchlint.config.settings import config_for, load_config_file
    from pitchlint.engine.core import active_rules

    if scheduler and dask_local:
        raise PitchlintError("--scheduler", "give either --scheduler ADDRESS or --dask local, not both")
    config = load_config_file(Path(config_path).resolve()) if config_path else config_for(None)
    if channel is not None:  # what the command line gives is laid over the configuration
        config = dataclasses.replace(config, force_channel=channel)
    if fail_on is not None:
        config = dataclasses.replace(config, fail_on=fail_on)
    if fail_under is not None:
        config = dataclasses.replace(config, fail_under=fail_under)
    active_rules(config)  # an unknown rule id or a broken pack stops the run here, not on every worker
    resolve_model(config.model)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    options = BatchOptions(inputs=tuple(inputs), output=output, config=config,
                           columns=Columns(id=id_column, text=text_column), jobs=jobs or cores,
                           scheduler=scheduler, dask_local=dask_local, chunk_size=chunk_size, resume=resume,
                           overwrite=overwrite, progress=progress)
    return run_batch(options)
