"""Printable 公开栏 sheets: A4 pages to pin on the paper board, as HTML and PDF.

``write_sheets(folder, ctx)`` writes them (during a public build into ``<site>/print/``, after
MkDocs and before verification and the manifest, so they are checked and listed like every
other file); ``register(sub, common)`` adds ``dangwu print`` to the command line.
"""
from __future__ import annotations

from generator.printing.command import register
from generator.printing.render import write_sheets

__all__ = ["register", "write_sheets"]
