"""Turn pydantic's validation errors into Problems that point at the clerk's line."""
from __future__ import annotations

import difflib
import re
import typing

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.load.yamlfile import Loaded
from generator.problems import Problem
from generator.records import canonical
from generator.records.places import label
from generator.records.places import models_in as _models_in

_SHAPES = {
    "dict_type": "mapping", "model_type": "mapping", "model_attributes_type": "mapping",
    "list_type": "list", "string_type": "text",
}
# A key that swallowed its value: {date：2026-01-08} or {date:2026-01-08} in a flow mapping.
_GLUED_KEY_RE = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \u3000]*(?P<colon>[:：])(?P<value>.*)", re.S)


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
    errors = [(_clean(err["loc"]), err) for err in exc.errors()]
    glued = {loc[:-1] + (m["key"],) for loc, err in errors if err["type"] == "extra_forbidden"
             if (m := _glued(model, loc))}
    return [_problem(loc, err, loaded, model) for loc, err in errors
            if not (err["type"] == "missing" and loc in glued)]


def _clean(loc) -> tuple:
    return tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))


def _problem(loc: tuple, err: ErrorDetails, loaded: Loaded, model: type[BaseModel]) -> Problem:
    slip = _slip(model, loc, loaded) if err["type"] == "extra_forbidden" else None
    if slip:
        return slip
    code, params = _code(err["type"], loc, err, loaded, model)
    line, col = loaded.mark(loc, prefer_key=err["type"] == "extra_forbidden")
    return Problem(code, loaded.file, line, col, path=_dotted(loc), params=params)


def _glued(model: type[BaseModel], loc: tuple) -> re.Match | None:
    """``date：2026-01-08`` read as one unknown key: the slip, when the key before it is a field."""
    match = _GLUED_KEY_RE.fullmatch(str(loc[-1]))
    holder = _model_at(model, loc[:-1])
    return match if match and holder and match["key"] in holder.model_fields else None


def _slip(model: type[BaseModel], loc: tuple, loaded: Loaded) -> Problem | None:
    """An unknown key that is a typing slip the YAML still parsed: reported as the raw-line scan
    reports it on a line of its own (``generator.load.typos``), at the slip itself."""
    line, col = loaded.mark(loc, prefer_key=True)
    key = str(loc[-1])
    if key.startswith("\u3000"):  # 　　name: at the start of a line became a key of the level above
        return Problem("yaml-fullwidth-space", loaded.file, line, col, path=_dotted(loc),
                       params={"place_zh": "这一行的缩进里", "place_en": "in the indentation"})
    match = _glued(model, loc)
    if match is None:
        return None
    name, path = match["key"], _dotted(loc[:-1] + (match["key"],))
    where = (loaded.file, line, col + match.start("colon"))
    if match["colon"] == "：":
        return Problem("yaml-fullwidth-colon", *where, path=path, params={"key": name})
    if match["value"].startswith("\u3000"):
        return Problem("yaml-fullwidth-space", loaded.file, line, where[2] + 1, path=path,
                       params={"place_zh": f"“{name}:”后面", "place_en": f"after '{name}:'"})
    return Problem("yaml-colon-space", *where, path=path, params={"key": name, "value": match["value"].strip()[:20]})


def _owner(model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    """(the record model's name, the field) a value at ``loc`` belongs to (list items: the list's field)."""
    names = list(loc)
    while names and isinstance(names[-1], int):
        names.pop()
    holder = _model_at(model, tuple(names[:-1]))
    return (holder.__name__ if holder else "", str(names[-1]) if names else "")


def _code(kind: str, loc: tuple, err: ErrorDetails, loaded: Loaded, model) -> tuple[str, dict]:
    """The problem's code and params; a value written another way names the value to type."""
    params = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
    owner, field = _owner(model, loc)
    if kind == "extra_forbidden":
        known = _own_labels(model, loc)
        params.update(key=str(loc[-1]), suggestion=suggest(str(loc[-1]), known), known=", ".join(known))
        return "unknown-field", params
    if kind == "missing":
        params.update(key=str(loc[-1]), label=_own_labels(model, loc).get(str(loc[-1]), ""))
        return "missing-field", params
    if kind == "literal_error":
        value = _value_at(loaded.data, loc)
        better = canonical.choice_written_as(owner, field, value)
        if better:
            return better
        params.update(value=str(value), expected="、".join(_choices(model, loc)) or params.get("expected", ""))
        return "bad-choice", params
    if kind in _SHAPES:
        params["expected"] = _SHAPES[kind]
        return "bad-type", params
    if kind == "bad-date":
        return canonical.date_written_as(params.get("value", ""), loaded.file) or (kind, params)
    if kind == "bad-id":
        return canonical.id_written_as(owner, field, params.get("value"), loaded) or (kind, params)
    if "-" in kind:
        return kind, params  # our own field types name their code
    params["detail"] = err.get("msg", "")
    return "bad-value", params


def _value_at(data, loc):
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return ""
    return data
