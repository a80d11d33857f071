"""JSON Schema per file kind, with the Chinese field docstrings as descriptions.

The schemas are committed under ``generator/clerk/schemas/`` and mapped to the data files in
``.vscode/settings.json``, so a clerk editing ``data/**`` in VS Code (Red Hat YAML extension)
gets completion, hover help in Chinese and red squiggles before ever running ``dangwu check``.
A test keeps the committed files equal to freshly generated ones.
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.records.errors import label
from generator.records.kinds import BY_NAME, YEAR

DEFAULT_OUT = Path(__file__).parent / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_name(kind: str) -> str:
    return f"{kind}.schema.json"


def data_globs(kind: str, base: str = "data") -> list[str]:
    """Where files of ``kind`` live under a data folder, as editor globs."""
    return [f"{base}/communities/*/" + BY_NAME[kind].pattern.replace(YEAR, "*")]


def _chinese_titles(node) -> None:
    """Editors show the title on hover and in completion: make it the Chinese label."""
    if isinstance(node, dict):
        for prop in (node.get("properties") or {}).values():
            if isinstance(prop, dict) and prop.get("description"):
                prop["title"] = label(prop["description"])
        for value in node.values():
            _chinese_titles(value)
    elif isinstance(node, list):
        for value in node:
            _chinese_titles(value)


def schema_for(kind: str) -> dict:
    model = BY_NAME[kind].model
    schema = model.model_json_schema(mode="validation")
    _chinese_titles(schema)
    return {"$schema": DIALECT, **schema, "title": kind}


def render(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def write_schemas(out: Path | None = None) -> list[Path]:
    """Write one schema per file kind into ``out`` (default: the committed generator/schemas)."""
    out = DEFAULT_OUT if out is None else out
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in BY_NAME:
        path = out / schema_name(kind)
        text = render(kind)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
