"""Result order and keyset cursors: a page continues after the last row's sort key, so pages
neither repeat nor skip rows when items are added between them (unlike an offset).

The cursor is the last row's key values, bound to the search it came from by a fingerprint; it is
opaque to clients and checked, not trusted: a cursor of another search or a tampered one is a 422.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Double, SQLColumnExpression, and_, case, func, literal_column, or_, select
from sqlalchemy.sql.elements import ColumnElement

from catalog.items.models import LearningItem
from catalog.search.schemas import SearchQuery, SortOrder
from kit.problems import Invalid

LI = LearningItem
# Titles sort in the reader's language, else in this one, else in any the item has.
DEFAULT_LANGUAGE = "lt"
SORT_STRIP = r"^[^[:alnum:]]+|[\u0300-\u036f]"
BAD_CURSOR = "The cursor is not valid for this search; start again without it."
MAX_CURSOR = 2000


@dataclass(frozen=True)
class Key:
    """One part of the sort key: an expression, its direction, and the Python type of its value."""

    expr: SQLColumnExpression[Any]
    descending: bool
    kind: type


def title_key(language: str | None) -> ColumnElement[str]:
    """The title to sort by: lower case, leading punctuation and diacritics dropped."""
    any_title = (
        select(literal_column("value"))
        .select_from(func.jsonb_each_text(LI.title).alias("entry"))
        .order_by(literal_column("key"))
        .limit(1)
        .scalar_subquery()
    )
    names = [LI.title[language].astext] if language else []
    title = func.coalesce(*names, LI.title[DEFAULT_LANGUAGE].astext, any_title)
    # Decomposed (NFKD), then the combining marks and any leading punctuation dropped: `Šaltiniai`
    # sorts with the s's and `„Apie“` with the a's, on a server with any collation.
    decomposed = func.normalize(func.lower(title), literal_column("NFKD"))
    return func.regexp_replace(decomposed, SORT_STRIP, "", "g")


def keys(sort: SortOrder, language: str | None, score: ColumnElement[float] | None) -> list[Key]:
    """The sort key: the reader's language first, then the order asked for, then the id."""
    found = []
    if language:
        found.append(Key(case((LI.languages.contains([language]), 0), else_=1), False, int))
    if sort is SortOrder.relevance and score is not None:
        found.append(Key(score, True, float))
    elif sort is SortOrder.alphabetical:
        found.append(Key(title_key(language), False, str))
    elif sort is SortOrder.duration:
        found.append(Key(LI.duration_minutes, False, int))
    elif sort is SortOrder.rating:
        average = case((LI.rating_count > 0, LI.rating_sum.cast(Double) / LI.rating_count), else_=0.0)
        found += [Key(average, True, float), Key(LI.rating_count, True, int)]
    else:
        found.append(Key(func.coalesce(LI.published_at, LI.created_at), True, datetime))
    found.append(Key(LI.id, False, uuid.UUID))
    return found


def order_by(sort_keys: Sequence[Key]) -> list[ColumnElement[Any]]:
    """ORDER BY clauses of a sort key."""
    return [key.expr.desc() if key.descending else key.expr.asc() for key in sort_keys]


def after(sort_keys: Sequence[Key], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows that come after `values` in this order (mixed directions, so not a row comparison)."""
    clauses = []
    for i, key in enumerate(sort_keys):
        beyond = key.expr < values[i] if key.descending else key.expr > values[i]
        clauses.append(and_(*(k.expr == v for k, v in zip(sort_keys[:i], values[:i], strict=True)), beyond))
    return or_(*clauses)


def fingerprint(query: SearchQuery, words: Sequence[str], sort: SortOrder) -> str:
    """What a cursor must have been made for: the words, every filter, the order and language."""
    asked = {**asdict(query), "q": list(words), "sort": sort.value, "limit": None, "cursor": None}
    digest = hashlib.sha256(json.dumps(asked, sort_keys=True, default=str).encode()).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()


def encode(mark: str, values: Sequence[Any]) -> str:
    """An opaque cursor holding the key values of the last row of a page."""
    plain = [
        v.isoformat() if isinstance(v, datetime) else str(v) if isinstance(v, uuid.UUID) else v
        for v in values
    ]
    raw = json.dumps({"f": mark, "k": plain}, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _value(kind: type, raw: object) -> Any:
    if kind is int and type(raw) is int and abs(raw) < 2**53:
        return raw
    if kind is float and type(raw) in (int, float):
        return float(raw)  # type: ignore[arg-type]
    if kind is str and isinstance(raw, str) and "\x00" not in raw:
        return raw
    if kind is datetime and isinstance(raw, str):
        moment = datetime.fromisoformat(raw)
        if moment.tzinfo is not None:
            return moment
    if kind is uuid.UUID and isinstance(raw, str):
        return uuid.UUID(raw)
    raise ValueError("cursor value of the wrong type")


def decode(cursor: str, mark: str, sort_keys: Sequence[Key]) -> list[Any]:
    """The key values in a cursor made by `encode` for this search; Invalid otherwise."""
    try:
        if len(cursor) > MAX_CURSOR:
            raise ValueError("too long")
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        raw = data["k"]
        if data["f"] != mark or not isinstance(raw, list) or len(raw) != len(sort_keys):
            raise ValueError("not this search's cursor")
        return [_value(key.kind, value) for key, value in zip(sort_keys, raw, strict=True)]
    except (ValueError, TypeError, KeyError, RecursionError, binascii.Error) as exc:
        raise Invalid(BAD_CURSOR) from exc
