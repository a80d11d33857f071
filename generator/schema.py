"""JSON Schema per file kind, with the Chinese field docstrings as descriptions."""
from __future__ import annotations

import json
from pathlib import Path

from generator.records import FILE_KINDS


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, model in FILE_KINDS.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = kind
        path = out / f"{kind}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
