"""Folding text for search: lower case, diacritics removed, so `slaptazodis` finds `slaptažodis`.

Done here rather than with PostgreSQL's `unaccent`, which not every server has; the same function
folds what is stored and what is asked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_WORD = 64


def fold(value: str) -> str:
    """`Slaptažodžio` → `slaptazodzio`: NFKD-decomposed, combining marks dropped, case-folded."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(values: Iterable[str]) -> list[str]:
    """The distinct folded words of some texts, in order of first appearance."""
    seen: dict[str, None] = {}
    for value in values:
        for word in _WORD.findall(fold(value)):
            if len(word) <= MAX_WORD:
                seen.setdefault(word, None)
    return list(seen)


# A query reads at most this many words; the rest is ignored (no one types more, and each word
# costs a lexicon look-up).
MAX_QUERY_WORDS = 10
# Shorter words are matched exactly: a prefix or a trigram match of one or two letters finds
# nearly everything.
FUZZY_MIN = 3


def query_words(query: str) -> list[str]:
    """The distinct folded words of a query, at most `MAX_QUERY_WORDS`; a word longer than any
    the lexicon keeps is cut to that length (and then matches as a prefix)."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(fold(query)):
        seen.setdefault(word[:MAX_WORD], None)
    return list(seen)[:MAX_QUERY_WORDS]


def is_word(value: str) -> bool:
    """A folded word as `words` makes them (letters and digits only, so safe in a tsquery)."""
    return len(value) <= MAX_WORD and _WORD.fullmatch(value) is not None and value == fold(value)


def tsquery(terms: Sequence[tuple[str, Sequence[str]]], *, match_all: bool) -> str:
    """A `to_tsquery` text: `('word':* | 'variant' | …) & (…)`, every word (or any, `match_all`
    False) matched as itself, as a prefix when long enough, or as one of its variants."""
    groups = []
    for word, variants in terms:
        alternatives = [f"'{word}':*" if len(word) >= FUZZY_MIN else f"'{word}'"]
        alternatives += [f"'{v}'" for v in variants if v != word and is_word(v)]
        groups.append("(" + " | ".join(alternatives) + ")")
    return (" & " if match_all else " | ").join(groups)
