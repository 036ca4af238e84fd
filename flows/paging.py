"""Split a long SMS reply into pages of at most two segments, each but the last asking for MORE."""
from __future__ import annotations

from flows.sms_segments import segments

MAX_SEGMENTS = 2


def fits(text: str) -> bool:
    return segments(text) <= MAX_SEGMENTS


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _fits_all(blocks: list[str], footers: tuple[str, ...]) -> bool:
    return all(fits(_join(*blocks, footer)) for footer in footers)


def _pieces(block: str, footers: tuple[str, ...]) -> list[str]:
    """A block too long for one page, cut between lines, or between words within a too-long line."""
    words: list[str] = []
    for number, line in enumerate(block.split("\n")):
        words.extend((["\n"] if number else []) + line.split())
    pieces: list[str] = []
    current = ""
    for word in words:
        candidate = current + word if word == "\n" or not current or current.endswith("\n") else f"{current} {word}"
        if current.strip() and not _fits_all([candidate.strip()], footers):
            pieces.append(current.strip())
            current = "" if word == "\n" else word
        else:
            current = candidate
    if current.strip():
        pieces.append(current.strip())
    return pieces


def paginate(blocks: list[str], more_footer: str, last_footer: str = "") -> list[str]:
    """Pages that each fit in two segments; `more_footer` ends every page but the last, `last_footer` the last.

    Pages are filled so that either footer fits (the last page never spills its footer onto a page alone);
    both are tried because one accent in a footer can switch the whole page to UCS-2.
    """
    footers = (more_footer, last_footer)
    pages: list[list[str]] = []
    current: list[str] = []
    for block in blocks:
        if _fits_all([*current, block], footers):
            current.append(block)
            continue
        if current:
            pages.append(current)
            current = []
        if _fits_all([block], footers):
            current = [block]
        else:
            *full, rest = _pieces(block, footers)
            pages.extend([p] for p in full)
            current = [rest]
    if current:
        pages.append(current)
    return [_join(*page, more_footer if i < len(pages) - 1 else last_footer) for i, page in enumerate(pages)]
