"""Split a long SMS reply into pages of at most two segments, each but the last asking for MORE."""
from __future__ import annotations

from flows.sms_segments import segments

MAX_SEGMENTS = 2


def fits(text: str) -> bool:
    return segments(text) <= MAX_SEGMENTS


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _pieces(block: str, footer: str) -> list[str]:
    """A block too long for one page, cut at lines, then at words."""
    pieces: list[str] = []
    current = ""
    for word in block.replace("\n", " \n ").split(" "):
        candidate = f"{current} {word}".strip(" ") if word != "\n" else current + "\n"
        if current and not fits(_join(candidate.strip(), footer)):
            pieces.append(current.strip())
            current = word if word != "\n" else ""
        else:
            current = candidate
    if current.strip():
        pieces.append(current.strip())
    return pieces


def paginate(blocks: list[str], more_footer: str, last_footer: str = "") -> list[str]:
    """Pages that each fit in two segments; `more_footer` ends every page but the last, `last_footer` the last.

    Pages are filled against the longer footer, so the last page never spills its footer onto a page alone.
    """
    room = max(more_footer, last_footer, key=len)
    pages: list[list[str]] = []
    current: list[str] = []
    for block in blocks:
        if fits(_join(*current, block, room)):
            current.append(block)
            continue
        if current:
            pages.append(current)
            current = []
        if fits(_join(block, room)):
            current = [block]
        else:
            *full, rest = _pieces(block, room)
            pages.extend([p] for p in full)
            current = [rest]
    if current:
        pages.append(current)
    return [_join(*page, more_footer if i < len(pages) - 1 else last_footer) for i, page in enumerate(pages)]
