"""Linting many messages: records from JSONL, CSV, Parquet or a folder, linted in chunks on this
process, a pool of local processes or a Dask cluster, and written as JSONL or Parquet in input order.

Only the standard library is needed for JSONL, CSV and `--jobs`; Parquet needs pyarrow and Dask
needs dask[distributed] (`pip install 'pitchlint[batch]'`), imported only when asked for.
"""
