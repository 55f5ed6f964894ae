"""The rich markup styles of the argument's terminal views (trace, explain, evaluate).

Owns the colour of each label and of each kind of statement, so that every view and
command paints them alike. Imports nothing.

>>> f"[{LABEL_STYLES['in']}]IN[/]"
'[bold green]IN[/]'
"""

from __future__ import annotations

__all__ = ["KIND_STYLES", "LABEL_STYLES"]

#: Evaluation label -> its style.
LABEL_STYLES: dict[str, str] = {"in": "bold green", "out": "bold red", "undecided": "bold yellow"}

#: Kind of statement (as the trace names it) -> its style.
KIND_STYLES: dict[str, str] = {
    "conclusion": "bold green",
    "claim": "cyan",
    "guideline": "magenta",
    "assessment": "yellow",
    "finding": "blue",
}
