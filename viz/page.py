"""The argument map as an object a notebook shows: the page, and an iframe for Jupyter.

Owns :class:`MapPage`, what :func:`toulmin.api.argument_map` returns: the
self-contained map page (:func:`toulmin.viz.html.map_html`), :meth:`MapPage.write`
to save it, and ``_repr_html_``, which puts the page in an ``<iframe srcdoc>`` -- the
whole page escaped into one attribute, in a sandbox that runs its scripts without
access to the notebook. Imports nothing of toulmin.

Examples
--------
>>> page = MapPage("tiny", "Tiny", "<!DOCTYPE html><title>x</title><p>a & b</p>")
>>> frame = page._repr_html_()
>>> frame.startswith("<iframe") and "&lt;p&gt;a &amp; b&lt;/p&gt;" in frame
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["MapPage"]


@dataclass(frozen=True)
class MapPage:
    """One determination's interactive argument map, as one offline HTML page.

    Attributes
    ----------
    determination : str
        The determination id.
    title : str
        Its title.
    html : str
        The page (self-contained: scripts and styles inline, no request to any host).
    height : int
        Height in pixels of the frame a notebook shows it in.
    """

    determination: str
    title: str
    html: str = field(repr=False)
    height: int = 640

    def write(self, path: str | Path) -> Path:
        """Write the page to ``path`` (UTF-8; folders created) and return the path."""
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(self.html, encoding="utf-8")
        return out

    def _repr_html_(self) -> str:
        """The page in a sandboxed ``<iframe srcdoc>`` (the page escaped, quotes too)."""
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            f'title="{html.escape(self.title, quote=True)}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {int(self.height)}px; border: 0"></iframe>'
        )
