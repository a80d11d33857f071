"""Subcommands beyond check/schema (build, serve, ...), registered onto the CLI parser."""
from __future__ import annotations


def register(sub, common) -> None:
    pass
