"""Printable 公开栏 sheets: A4 pages to pin on the paper board, as HTML and PDF.

``write_sheets(folder, ctx)`` writes them. A public build starts them beside MkDocs instead
(``start_sheets(ctx, pdf_cache_for(out, slug), renderers=N)``: kept PDFs reused, the others
rendered in processes of their own while MkDocs builds; see ``pipeline.community``), and they
join the site after MkDocs and before verification and the manifest, so they are checked and
listed like every other file. ``dangwu print`` itself (load, check, write the sheets) is ``pipeline.print_sheets``.
"""
from __future__ import annotations

from generator.render.printing.pdfcache import cache_for as pdf_cache_for
from generator.render.printing.pending import SheetsFailed, import_weasyprint, start_sheets, write_sheets

__all__ = ["SheetsFailed", "import_weasyprint", "pdf_cache_for", "start_sheets", "write_sheets"]
