"""Where a piece of the answer lies in its Markdown text (pure: no Qt, no database).

The rater selects text in the rendered answer, where Markdown markup (``*emphasis*``, list
numbers, table bars) is gone and line breaks may differ; the evidence is stored with offsets into
the stored Markdown text. :func:`locate` finds the selection in the text, allowing markup and any
run of white space between the words, and picks the occurrence nearest to where the selection sat
(*hint*: its relative position, 0–1) when the words occur more than once. The same function finds
a stored quote in the rendered text again to highlight it.
"""

from __future__ import annotations

import re

_MARKUP = "*_`~"
_INSIDE = f"[{re.escape(_MARKUP)}]*"  # markup between the letters of a word
# between words: white space, markup, list numbers and bullets, table bars, heading and quote marks
_BETWEEN = rf"(?:[\s{re.escape(_MARKUP)}#>|]|\d+[.)](?=\s)|[-+](?=\s))+"


def pattern(selected: str) -> re.Pattern[str] | None:
    """A pattern matching *selected* in Markdown or rendered text (``None``: nothing to find)."""
    words = [w.strip(_MARKUP) for w in selected.split()]
    words = [w for w in words if w]
    if not words:
        return None
    body = _BETWEEN.join(_INSIDE.join(re.escape(ch) for ch in w) for w in words)
    return re.compile(body)


def locate(text: str, selected: str, hint: float = 0.0) -> tuple[int, int] | None:
    """(start, end) of *selected* in *text*, end exclusive; the occurrence nearest *hint* (the
    selection's relative position, 0–1) when there are several; ``None`` when not found."""
    pat = pattern(selected)
    if pat is None:
        return None
    found = [(m.start(), m.end()) for m in pat.finditer(text)]
    if not found:
        return None
    target = max(0.0, min(1.0, hint)) * len(text)
    return min(found, key=lambda span: abs(span[0] - target))
