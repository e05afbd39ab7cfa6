"""Run the pitchlint first on PYTHONPATH over the labelled messages of a corpus folder and write
one JSON report document (as `pitchlint --format json` would), each message linted with its
label's channel. Usage: reports_from.py CORPUS OUT.json"""
import dataclasses
import json
import sys
import tomllib
from pathlib import Path

import pitchlint
from pitchlint.config.settings import Config
from pitchlint.engine.core import available_rules, engine_for
from pitchlint.engine.report import file_json
from pitchlint.reading.read import read_document
from pitchlint.terms import CHANNELS

print("pitchlint from", pitchlint.__file__, file=sys.stderr)
folder, out = Path(sys.argv[1]), sys.argv[2]
base = Config()
base = dataclasses.replace(base, select=tuple(available_rules(base.packs)))
rows = []
for label in sorted(folder.glob("*.toml")):
    msg = next(label.with_suffix(s) for s in (".txt", ".md", ".eml") if label.with_suffix(s).exists())
    channel = tomllib.loads(label.read_text()).get("channel")
    engine = engine_for(dataclasses.replace(base, force_channel=channel if channel in CHANNELS else None))
    doc = read_document(msg)
    rows.append(file_json(next(engine.lint_documents([doc]))))
Path(out).write_text(json.dumps({"version": 1, "files": rows}))
