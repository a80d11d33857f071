"""Where the tool's own files are: the base ``mkdocs.yml``, ``theme/`` and ``content/``.

They live at the top of the repository (a checkout or an editable install reads them there, so
an edit shows at once). A wheel carries a copy of them inside the package, in ``generator/_share/``
(``generator._wheel`` puts it there), because an installed package has no repository around it. The
copy is used whenever it is there; nothing else in the generator guesses these paths.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SHARE = PACKAGE / "_share"


def _root() -> Path:
    """The folder holding mkdocs.yml, theme/ and content/: the wheel's copy, else the repository."""
    return SHARE if (SHARE / "mkdocs.yml").is_file() else PACKAGE.parent


ROOT = _root()
MKDOCS_YML = ROOT / "mkdocs.yml"  # the base config every community's mkdocs.yml INHERITs
THEME = ROOT / "theme"  # Material custom_dir; kiosk/ and print/ templates
CONTENT = ROOT / "content"  # the hand-written pages every community shares
