"""What search reads from an item: its folded texts, and its words in the lexicon (`search_word`).

Typo-tolerant search matches each query word to lexicon words by trigram similarity, so every word
the catalog's texts contain must be in the lexicon. Words are only ever added: a word whose items
are gone costs one row and finds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import String, func, literal, select
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items.models import SearchWord
from catalog.search.text import fold
from catalog.search.text import words as split_words

# Words per INSERT: one array parameter each, so the batch size only bounds statement memory.
BATCH = 5000


async def index_words(session: AsyncSession, words: Iterable[str]) -> None:
    """Add words to the lexicon (idempotent; texts are split into words, so either may be given).

    Sorted before inserting: two transactions adding overlapping words then lock them in the same
    order and wait for each other rather than deadlock.
    """
    found = sorted(split_words(words))
    for start in range(0, len(found), BATCH):
        batch = found[start : start + BATCH]
        rows = select(func.unnest(literal(batch, ARRAY(String))).label("word"))
        await session.execute(
            insert(SearchWord).from_select(["word"], rows).on_conflict_do_nothing(index_elements=["word"])
        )


def search_fields(
    title: Mapping[str, str],
    texts: Iterable[Mapping[str, str] | str | None] = (),
) -> dict[str, str]:
    """`search_title` and `search_text` of an item: folded titles of every language, and the
    folded other texts (summaries, bodies, provider, competence codes), each joined by spaces."""
    others: list[str] = []
    for text in texts:
        if isinstance(text, Mapping):
            others.extend(value for _, value in sorted(text.items()))
        elif text:
            others.append(text)
    return {
        "search_title": fold(" ".join(value for _, value in sorted(title.items()))),
        "search_text": fold(" ".join(others)),
    }


def item_words(fields: Mapping[str, str]) -> list[str]:
    """The lexicon words of an item's `search_fields`."""
    return split_words([fields["search_title"], fields["search_text"]])
