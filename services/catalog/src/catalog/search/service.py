"""Catalog search: full text over every language, typo-tolerant, with filters, facets and cursors.

A query is folded into words; each word is widened to the lexicon words most similar to it
(pg_trgm trigrams: typos and Lithuanian endings, `slaptazodzio` ~ `slaptazodis`) and to its
prefixes; the item vectors (PostgreSQL `simple` full text over the folded texts) must contain every
word or one of its variants, or, when no item does, any of them. One statement counts the matches
and every facet (facets.py), a second reads one page in keyset order (ordering.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    Double,
    RowMapping,
    Text,
    and_,
    any_,
    case,
    func,
    literal,
    literal_column,
    not_,
    null,
    or_,
    select,
    true,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from catalog.items.access import visible_filter
from catalog.items.models import LearningItem, SearchWord
from catalog.items.schemas import ItemStatus
from catalog.search import facets, ordering
from catalog.search.schemas import (
    DURATION_BOUNDS,
    DurationBucket,
    SearchHit,
    SearchPage,
    SearchQuery,
    SortOrder,
)
from catalog.search.text import FUZZY_MIN, query_words, tsquery
from catalog.workshops.models import WorkshopSession
from kit.auth import Principal

LI = LearningItem
# The items again, for the text match's own subquery (a table alias: cheap to use per request).
_HIT = LearningItem.__table__.alias("hit")
# Per query word: at most this many lexicon words, each at least this similar (pg_trgm similarity;
# `%` itself uses the server's pg_trgm.similarity_threshold, 0.3 by default, for the index scan).
VARIANTS_PER_WORD = 5
MIN_SIMILARITY = 0.35
# ts_rank_cd normalisation 32 (rank / (rank + 1)) keeps the rank within [0, 1); weights of the
# vector's D, C, B (texts) and A (titles) parts: a title match counts as much as many in a body.
RANK_NORMALIZATION = 32
RANK_WEIGHTS = "'{0.0, 0.0, 0.1, 1.0}'::float4[]"
# Ranking by the whole text reads every matching item's vector (tens of microseconds each); with
# more matches than this, results are ranked by their titles only.
FULL_RANK_LIMIT = 1000
SIMPLE: ColumnElement[Any] = literal_column("'simple'::regconfig")
# For the transaction of a search with words: the planner does not price reading the items' large
# (compressed) vectors, so for a word many items contain it reads every vector (a sequential scan,
# or another index then a filter) rather than answer from the full-text index. With those plans
# off, the text match is a bitmap scan of that index. JIT compiling (which the disabled plans'
# cost would trigger) takes longer than any search.
_USE_INDEXES = select(
    func.set_config("enable_seqscan", "off", True),
    func.set_config("enable_indexscan", "off", True),
    func.set_config("jit", "off", True),
)


def visible_to(principal: Principal | None) -> ColumnElement[bool]:
    """Items a reader may find: published, and visible to them (platform-wide, or owned by an
    organisation on their path; admins see all), by the same rule as `GET /items`."""
    return and_(LI.status == ItemStatus.published.value, visible_filter(principal))


@dataclass(frozen=True)
class TextMatch:
    """The query's words, the lexicon variants of each, and whether all words must match."""

    words: tuple[str, ...]
    variants: Mapping[str, Sequence[str]]
    match_all: bool = True

    def _query(self) -> ColumnElement[Any]:
        terms = [(w, self.variants.get(w, ())) for w in self.words]
        return func.to_tsquery(SIMPLE, tsquery(terms, match_all=self.match_all))

    def condition(self) -> ColumnElement[bool]:
        """The item contains the words (or their variants). A subquery of its own, so that it
        is answered from the full-text index alone (see `_USE_INDEXES`)."""
        hit = _HIT.c
        return LI.id.in_(select(hit.id).where(hit.search_vector.op("@@")(self._query())))

    def title_bonus(self) -> ColumnElement[float]:
        """How much of the query the title holds, 0 to 1: a word as typed counts 1, only one of
        its variants 1/2 (so the exact form ranks first). Substring tests on the short folded
        title, cheap on any number of rows."""
        total: ColumnElement[float] = literal(0.0, Double)
        for word in self.words:
            others = [f"%{v}%" for v in self.variants.get(word, ())]
            whens = [(LI.search_title.contains(word), 1.0)]
            if others:
                whens.append((LI.search_title.like(any_(literal(others, ARRAY(Text)))), 0.5))
            total = total + case(*whens, else_=0.0)
        return type_coerce(total / len(self.words), Double)

    def score(self, *, full: bool) -> ColumnElement[float]:
        """The title bonus plus, with `full`, the cover-density rank over the whole text, titles
        weighing most. The rank reads each item's whole vector, so it is left out for queries
        matching very many items, which the title bonus (then the order asked for) ranks."""
        if not full:
            return self.title_bonus()
        rank = func.ts_rank_cd(
            literal_column(RANK_WEIGHTS),
            LI.search_vector,
            self._query(),
            RANK_NORMALIZATION,
        )
        return rank.cast(Double) + self.title_bonus()


async def variants(session: AsyncSession, words: Sequence[str]) -> dict[str, list[str]]:
    """The lexicon words most similar to each query word (not the word itself), best first."""
    fuzzy = [w for w in words if len(w) >= FUZZY_MIN]
    if not fuzzy:
        return {}
    asked = func.unnest(literal(fuzzy, ARRAY(Text))).table_valued("word").render_derived().alias("asked")
    similarity = func.similarity(SearchWord.word, asked.c.word)
    similar = (
        select(SearchWord.word.label("variant"))
        .where(
            SearchWord.word.op("%")(asked.c.word),
            SearchWord.word != asked.c.word,
            similarity >= MIN_SIMILARITY,
        )
        .order_by(similarity.desc(), SearchWord.word)
        .limit(VARIANTS_PER_WORD)
        .lateral("similar")
    )
    rows = await session.execute(
        select(asked.c.word, similar.c.variant).select_from(asked.join(similar, true()))
    )
    found: dict[str, list[str]] = {}
    for word, variant in rows:
        found.setdefault(word, []).append(variant)
    return found


def _upcoming() -> ColumnElement[bool]:
    """The item has a session that starts in the future and is not cancelled."""
    ahead = select(WorkshopSession.item_id).where(
        WorkshopSession.starts_at > func.now(), WorkshopSession.status != "cancelled"
    )
    return LI.id.in_(ahead)


def _duration(bucket: DurationBucket) -> ColumnElement[bool]:
    low, high = DURATION_BOUNDS[bucket]
    condition = LI.duration_minutes >= low
    return condition if high is None else and_(condition, LI.duration_minutes <= high)


def filters(query: SearchQuery, upcoming: ColumnElement[bool]) -> dict[str, ColumnElement[bool]]:
    """The condition of each filter given, by facet name."""
    found: dict[str, ColumnElement[bool]] = {}
    if query.kinds:
        found["kind"] = LI.kind.in_(query.kinds)
    if query.competences:
        found["competence"] = LI.competences.overlap(list(query.competences))
    if query.level is not None:
        found["level"] = and_(LI.level_min <= query.level, LI.level_max >= query.level)
    duration = [or_(*(_duration(b) for b in query.durations))] if query.durations else []
    if query.duration_max is not None:
        duration.append(LI.duration_minutes <= query.duration_max)
    if duration:
        found["duration"] = and_(*duration)
    if query.languages:
        found["language"] = LI.languages.overlap(list(query.languages))
    if query.accessibility:
        found["accessibility"] = LI.accessibility.contains(list(query.accessibility))
    if query.has_upcoming_session is not None:
        found["has_upcoming_session"] = upcoming if query.has_upcoming_session else not_(upcoming)
    return found


async def search(session: AsyncSession, query: SearchQuery, principal: Principal | None) -> SearchPage:
    """One page of the items visible to `principal` that match `query`, with the total and facets."""
    words = query_words(query.q)
    sort = query.sort or SortOrder.relevance
    if not words and sort is SortOrder.relevance:
        sort = SortOrder.newest
    mark = ordering.fingerprint(query, words, sort)
    # A bad cursor is refused before any work (the key's shape does not depend on the data).
    shape = ordering.keys(sort, query.reader_language, literal(0.0, Double) if words else None)
    after = ordering.decode(query.cursor, mark, shape) if query.cursor else None
    if words:
        await session.execute(_USE_INDEXES)
    text = TextMatch(tuple(words), await variants(session, words)) if words else None
    upcoming = _upcoming()
    conditions = filters(query, upcoming)
    counted = await _count(session, principal, text, conditions, upcoming)
    if text is not None and counted.matches == 0 and len(words) > 1:
        # No item has every word: a long query still finds the items with some of them.
        text = replace(text, match_all=False)
        counted = await _count(session, principal, text, conditions, upcoming)
    score = text.score(full=counted.matches <= FULL_RANK_LIMIT) if text is not None else None
    sort_keys = ordering.keys(sort, query.reader_language, score)
    where = [*_scope(principal, text), *conditions.values()]
    rows, cursor = await _page(session, query.limit, mark, sort_keys, after, where, upcoming, score)
    return SearchPage(
        items=[_hit(row) for row in rows],
        next_cursor=cursor,
        total=counted.total,
        facets=counted.facets,
        match=None if text is None else ("all" if text.match_all else "any"),
        language=query.reader_language,
    )


async def _page(
    session: AsyncSession,
    limit: int,
    mark: str,
    sort_keys: Sequence[ordering.Key],
    after: Sequence[Any] | None,
    where: Sequence[ColumnElement[bool]],
    upcoming: ColumnElement[bool],
    score: ColumnElement[float] | None,
) -> tuple[list[RowMapping], str | None]:
    """The rows of one page after the cursor's values, and the next page's cursor (None: last)."""
    # The score is computed once: as the sort key when results are in order of relevance.
    scored = next((i for i, key in enumerate(sort_keys) if key.expr is score), None)
    if score is None or scored is not None:
        score = null().cast(Double)
    # Every match's sort key, then the page's rows after the cursor, then their cards (read for
    # those rows only). OFFSET 0 keeps the first subquery whole, so each key is computed once,
    # not again in the cursor's condition.
    ranked = (
        select(
            LI.id,
            score.label("score"),
            *(key.expr.label(f"k{i}") for i, key in enumerate(sort_keys)),
        )
        .where(*where)
        .offset(0)
        .subquery("ranked")
    )
    keys = [ordering.Key(ranked.c[f"k{i}"], key.descending, key.kind) for i, key in enumerate(sort_keys)]
    top = select(ranked).order_by(*ordering.order_by(keys)).limit(limit + 1)
    if after is not None:
        top = top.where(ordering.after(keys, after))
    chosen = top.subquery("chosen")
    in_order = [ordering.Key(chosen.c[f"k{i}"], key.descending, key.kind) for i, key in enumerate(keys)]
    page = (
        select(
            *_CARD,
            upcoming.label("has_upcoming_session"),
            (chosen.c[f"k{scored}"] if scored is not None else chosen.c.score).label("score"),
            *(k.expr for k in in_order),
        )
        .join_from(chosen, LI, LI.id == chosen.c.id)
        .order_by(*ordering.order_by(in_order))
    )
    found = list((await session.execute(page)).mappings())
    if len(found) <= limit:
        return found, None
    found = found[:limit]
    return found, ordering.encode(mark, [found[-1][f"k{i}"] for i in range(len(keys))])


_CARD = (
    LI.id,
    LI.slug,
    LI.kind,
    LI.title,
    LI.summary,
    LI.duration_minutes,
    LI.languages,
    LI.competences,
    LI.level_min,
    LI.level_max,
    LI.accessibility,
    LI.rating_count,
    LI.rating_sum,
)


def _scope(principal: Principal | None, text: TextMatch | None) -> list[ColumnElement[bool]]:
    return [visible_to(principal)] + ([text.condition()] if text is not None else [])


async def _count(
    session: AsyncSession,
    principal: Principal | None,
    text: TextMatch | None,
    conditions: Mapping[str, ColumnElement[bool]],
    upcoming: ColumnElement[bool],
) -> facets.Counts:
    rows = (await session.execute(facets.statement(_scope(principal, text), conditions, upcoming))).all()
    return facets.counts(rows)


def _hit(row: RowMapping) -> SearchHit:
    count = row["rating_count"]
    return SearchHit(
        **{name: row[name] for name in SearchHit.model_fields if name in row and name != "score"},
        rating_average=round(row["rating_sum"] / count, 2) if count else None,
        score=row["score"],
    )
