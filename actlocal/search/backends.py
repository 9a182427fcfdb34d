"""The two full-text backends behind one interface: turn a viewer's words into SQL that matches only
the text columns that viewer's rank may see, plus a relevance score (lower is better).

Words are reduced to letters and digits before they reach either engine, so quotes, ``*``, ``NEAR(``,
``OR``, ``-``, ``:`` or ``^`` typed by a visitor are plain words here, never query syntax.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db import connection

from actlocal.search.ddl import PG_TITLE_VECTOR, PG_VECTORS

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
MIN_PREFIX = 3  # "vot" finds "voting"; shorter words match whole words only (a 1-letter prefix scans all)
_WORD = re.compile(r"\w+")
_BUCKETS_BY_RANK = {0: "title public_text", 1: "title public_text members_text"}
_ALL_BUCKETS = "title public_text members_text staff_text"


def fold(word: str) -> str:
    """Lower case without accents, as FTS5's ``remove_diacritics`` compares words."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_terms(q: str) -> list[str]:
    """The words of a query, lower-cased, at most MAX_TERMS of them; ``_`` splits words like FTS5 does."""
    words = [w.lower()[:MAX_TERM_LENGTH] for w in _WORD.findall(q.replace("_", " "))]
    return list(dict.fromkeys(words))[:MAX_TERMS]


@dataclass(frozen=True)
class TextMatch:
    """SQL to put in FROM and WHERE, its parameters, and the score expression."""

    from_sql: str
    where_sql: str
    params: list
    score_sql: str
    score_params: list


PREFIX_NONE, PREFIX_LAST, PREFIX_ALL = "none", "last", "all"


def _is_prefix(index: int, terms: list[str], prefixes: str) -> bool:
    if len(terms[index]) < MIN_PREFIX or prefixes == PREFIX_NONE:
        return False
    return prefixes == PREFIX_ALL or index == len(terms) - 1


def text_match(
    terms: list[str], *, rank: int, names_only: bool = False, prefixes: str = PREFIX_ALL
) -> TextMatch:
    """``prefixes``: which words match as prefixes ("none", the "last" one, or "all"). Whole words stream;
    a prefix of a common word makes the engine merge that word's whole posting list before any LIMIT
    applies, so ``finder.find`` widens step by step."""
    if connection.vendor == "postgresql":
        return _postgresql(terms, rank=rank, names_only=names_only, prefixes=prefixes)
    return _sqlite(terms, rank=rank, names_only=names_only, prefixes=prefixes)


def _sqlite(terms, *, rank, names_only, prefixes) -> TextMatch:
    columns = "title" if names_only else _BUCKETS_BY_RANK.get(rank, _ALL_BUCKETS)
    phrases = " AND ".join(
        f'"{t}"*' if _is_prefix(i, terms, prefixes) else f'"{t}"' for i, t in enumerate(terms)
    )
    expression = f"{{{columns}}} : ({phrases})"
    return TextMatch(
        # CROSS JOIN makes SQLite drive from the full-text match, never run MATCH once per document row.
        from_sql="search_fts CROSS JOIN search_document d ON d.id = search_fts.rowid",
        where_sql="search_fts MATCH %s",
        params=[expression],
        score_sql="search_fts.rank",
        score_params=[],
    )


def _postgresql(terms, *, rank, names_only, prefixes) -> TextMatch:
    vector = PG_TITLE_VECTOR if names_only else PG_VECTORS[min(rank, 2)]
    terms = [fold(t) for t in terms]
    tsquery = " & ".join(
        f"'{t}':*" if _is_prefix(i, terms, prefixes) else f"'{t}'" for i, t in enumerate(terms)
    )
    query = "to_tsquery('simple'::regconfig, %s)"
    return TextMatch(
        from_sql="search_document d",
        where_sql=f"{vector} @@ {query}",
        params=[tsquery],
        # Names count most, as on SQLite; negated so that lower is better on both engines.
        score_sql=f"-(ts_rank({vector}, {query}) + 4 * ts_rank({PG_TITLE_VECTOR}, {query}))",
        score_params=[tsquery, tsquery],
    )
