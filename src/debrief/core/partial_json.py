"""What can be read from a JSON reply the model did not finish (it ran out of tokens).

A schema-constrained reply is valid JSON only when it is complete; cut at max_tokens, it still
holds whole pieces: flat objects already closed, "key": value pairs already written, and the
numbers of an array already listed. Those are kept rather than losing the whole pass.
"""

from __future__ import annotations

import json
import re
from typing import Any

OBJECT = re.compile(r"\{[^{}\[\]]*\}")
SCALAR = re.compile(r'"(\w+)"\s*:\s*("(?:[^"\\]|\\.)*"|null|-?\d+(?:\.\d+)?|true|false)\s*[,}]')
NUMBERS = re.compile(r'"(\w+)"\s*:\s*\[([\d,\s]*)')


def closed_objects(partial_json: str) -> list[dict[str, Any]]:
    """The flat JSON objects already closed in a (possibly unfinished) reply."""
    out: list[dict[str, Any]] = []
    for m in OBJECT.finditer(partial_json):
        try:
            obj = json.loads(m.group(0))
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            out.append(obj)
    return out


def salvage(partial_json: str, objects_key: str | None = None) -> dict[str, Any]:
    """The finished parts of an unfinished top-level object: its scalar fields, its arrays of
    numbers so far, and (under `objects_key`) the flat objects already closed inside it."""
    text = partial_json.strip()
    if not text.startswith("{"):
        return {}
    inner = text[1:]
    objects = closed_objects(inner)
    outside = OBJECT.sub("", inner).split("{", 1)[0]  # an object left open is not read
    out: dict[str, Any] = {}
    for key, value in SCALAR.findall(outside):
        out.setdefault(key, json.loads(value))
    for key, listed in NUMBERS.findall(outside):
        out.setdefault(key, [int(n) for n in re.findall(r"\d+", listed)])
    if objects_key:
        out[objects_key] = objects
    return out
