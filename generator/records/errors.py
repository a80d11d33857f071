"""Turn pydantic's validation errors into Problems that point at the clerk's line."""
from __future__ import annotations

import difflib
import typing

from pydantic import BaseModel, ValidationError

from generator.load.yamlfile import Loaded
from generator.problems import Problem

_SHAPES = {
    "dict_type": "mapping", "model_type": "mapping", "model_attributes_type": "mapping",
    "list_type": "list", "string_type": "text",
}


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the mapping at ``loc`` (list indexes skipped)."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        inner = _models_in(info.annotation) if info else []
        if not inner:
            return None
        current = inner[0]
    return current


def _choices(model: type[BaseModel], loc: tuple) -> list[str]:
    holder = _model_at(model, tuple(p for p in loc[:-1]))
    info = holder.model_fields.get(loc[-1]) if holder else None
    found: list[str] = []

    def walk(annotation):
        if typing.get_origin(annotation) is typing.Literal:
            found.extend(str(a) for a in typing.get_args(annotation))
        for arg in typing.get_args(annotation):
            walk(arg)
    if info:
        walk(info.annotation)
    return found


def suggest(key: str, labels: dict[str, str]) -> str:
    """The field a clerk most likely meant: by its name (summery) or its Chinese label (摘要)."""
    by_label = {label: name for name, label in labels.items() if label}
    if key in by_label:
        return by_label[key]
    close = difflib.get_close_matches(key, list(labels), n=1, cutoff=0.6)
    if close:
        return close[0]
    close = difflib.get_close_matches(key, list(by_label), n=1, cutoff=0.6)
    return by_label[close[0]] if close else ""


def label(description: str | None) -> str:
    """The Chinese label a field docstring begins with: "金额：带两位小数…" → "金额"."""
    return (description or "").split("：")[0].rstrip("。")


def _own_labels(model: type[BaseModel], loc: tuple) -> dict[str, str]:
    """Labels of the fields of the model holding ``loc`` (a name means different things in
    different records: ``name`` is 名称 for a unit, 姓名 for a committee member)."""
    holder = _model_at(model, loc[:-1])
    if holder is None:
        return {}
    return {name: label(info.description) for name, info in holder.model_fields.items()}


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def to_problems(exc: ValidationError, loaded: Loaded, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        kind = err["type"]
        ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
        params = dict(ctx)
        if kind == "extra_forbidden":
            code = "unknown-field"
            known = _own_labels(model, loc)
            params.update(key=str(loc[-1]), suggestion=suggest(str(loc[-1]), known),
                          known=", ".join(known))
            line, col = loaded.mark(loc, prefer_key=True)
        else:
            line, col = loaded.mark(loc)
            if kind == "missing":
                code = "missing-field"
                params["key"] = str(loc[-1])
                params["label"] = _own_labels(model, loc).get(str(loc[-1]), "")
            elif kind == "literal_error":
                code = "bad-choice"
                params["value"] = str(_value_at(loaded.data, loc))
                params["expected"] = "、".join(_choices(model, loc)) or ctx.get("expected", "")
            elif kind in _SHAPES:
                code = "bad-type"
                params["expected"] = _SHAPES[kind]
            elif "-" in kind:
                code = kind  # our own field types name their code
            else:
                code = "bad-value"
                params["detail"] = err.get("msg", "")
        problems.append(Problem(code, loaded.file, line, col, path=_dotted(loc), params=params))
    return problems


def _value_at(data, loc):
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return ""
    return data
