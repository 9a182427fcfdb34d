"""Highlighted matches. A snippet is cut from a value the caller already passed through the visibility
rule (``visible_value``), never from the index, so it cannot show a field the viewer may not see."""

from __future__ import annotations

import re
from html import escape  # the standard library's: Django's is a lazy-aware wrapper, 10x slower here

from django.utils.safestring import SafeString, mark_safe

from actlocal.search.backends import MIN_PREFIX, fold

_TOKEN = re.compile(r"\w+")
MAX_TEXT = 5000


_fold = fold


def _matches(word: str, terms: list[str]) -> bool:
    folded = _fold(word)
    return any(folded.startswith(t) if len(t) >= MIN_PREFIX else folded == t for t in terms)


def highlight(text: str, terms: list[str], *, words: int = 30) -> SafeString:
    """About ``words`` words of ``text`` around the first match, escaped, matches in ``<mark>``."""
    text = (text or "")[:MAX_TEXT]
    folded_terms = [_fold(t) for t in terms]
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return mark_safe(escape(text[:200]))
    first = next((i for i, m in enumerate(tokens) if _matches(m.group(), folded_terms)), 0)
    start_index = max(0, first - words // 3)
    end_index = min(len(tokens), start_index + words)
    start = tokens[start_index].start() if start_index else 0
    end = tokens[end_index - 1].end() if end_index < len(tokens) else len(text)
    out, pos = [], start
    for match in tokens[start_index:end_index]:
        out.append(escape(text[pos : match.start()]))
        word = escape(match.group())
        out.append(f"<mark>{word}</mark>" if folded_terms and _matches(match.group(), folded_terms) else word)
        pos = match.end()
    out.append(escape(text[pos:end]))
    prefix = "… " if start_index else ""
    suffix = " …" if end_index < len(tokens) else ""
    return mark_safe(prefix + "".join(out).strip() + suffix)
