"""The engine: documents and a configuration in; a `FileReport` for each (findings, score,
verdict, rewrites) out.

Every front end calls it: `core` runs the pipeline and the rules, `score` weighs the findings,
`files` walks paths into documents, and `records`/`executors` lint many messages in chunks on this
process, a local pool or a Dask cluster.
"""
