"""What every benchmark script shares: the machine it ran on, and its section of the report.

The scripts run as ``python benchmarks/NAME.py``, so this module is importable as
``_common`` from their folder.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DOC", "cpu_model", "ram_gib", "replace_section"]

#: The report every benchmark writes its own section of.
DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, or ``unknown``."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def ram_gib() -> str:
    """Total memory from /proc/meminfo, as ``23.5 GiB``, or ``unknown``."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return "unknown"


def replace_section(section: str, start: str, end: str, doc: Path = DOC) -> None:
    """Put ``section`` (which begins with ``start`` and ends with ``end``) into ``doc``.

    Only the text between the two markers changes; other scripts' sections stay.
    """
    text = doc.read_text() if doc.exists() else "# Benchmarks\n"
    section = section.strip("\n")
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text)
