"""The kiosk: a full-screen slide show of the board for the 党群服务中心 lobby screen.

``write_kiosk(site_dir, ctx)`` writes ``site_dir/kiosk/`` during a build (after MkDocs, before
verification and the manifest, so the kiosk files are verified and listed like every other file).
``register(sub, common)`` adds ``dangwu kiosk`` to the command line.
"""
from __future__ import annotations

from generator.render.kiosk.page import SENTINEL, write_kiosk
from generator.render.kiosk.serve import register

__all__ = ["SENTINEL", "register", "write_kiosk"]
