"""Compiled Jinja templates kept between runs (Jinja's bytecode cache).

A community's build compiles about ninety templates (its pages', the kiosk's, the sheets', and
Material's in MkDocs), some half a second each time for templates that rarely change. Jinja
keys each compiled template by its name and file and checks it against the source; what else
changes the compiled code (the environment's syntax settings, its extensions, Jinja's version)
goes into the file names here, so two environments never share a compiled template. The folder
is Jinja's own, in the temporary folder, private to the user (it refuses a folder someone else owns).
"""
from __future__ import annotations

import hashlib

import jinja2


def keep_compiled(env: jinja2.Environment, name: str) -> jinja2.Environment:
    """``env`` with its compiled templates kept; ``name`` tells apart the environments of dangwu."""
    autoescape = env.autoescape
    settings = (
        name, jinja2.__version__, env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
        env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
        env.keep_trailing_newline, env.optimized, sorted(env.extensions),
        autoescape if isinstance(autoescape, bool) else getattr(autoescape, "__qualname__", "function"),
    )
    digest = hashlib.sha256(repr(settings).encode()).hexdigest()[:12]
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(pattern=f"__dangwu_{name}_{digest}_%s.cache")
    return env
