"""Learning item tables: the item (its head), every version of it, learners' ratings and
completions, search words."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Computed,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR, UUID
from sqlalchemy.orm import Mapped, mapped_column

from catalog.database import Base

# The full-text vector: titles weigh most. `simple` keeps every language's words as written (folded
# by the application: lower case, no diacritics), so Lithuanian and English are searched alike.
SEARCH_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, search_title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_text), 'B')"
)


class LearningItem(Base):
    """A piece of learning content in the catalog, as it is now (its head version)."""

    __tablename__ = "learning_item"
    __table_args__ = (
        Index("ix_learning_item_competences", "competences", postgresql_using="gin"),
        Index("ix_learning_item_languages", "languages", postgresql_using="gin"),
        Index("ix_learning_item_accessibility", "accessibility", postgresql_using="gin"),
        Index("ix_learning_item_search", "search_vector", postgresql_using="gin"),
        Index(
            "ix_learning_item_search_title_trgm",
            "search_title",
            postgresql_using="gin",
            postgresql_ops={"search_title": "catalog.gin_trgm_ops"},
        ),
        Index(
            "uq_learning_item_external_id",
            text("coalesce(owner_org_id, '00000000-0000-0000-0000-000000000000'::uuid)"),
            "external_id",
            unique=True,
            postgresql_where=text("external_id IS NOT NULL"),
        ),
        CheckConstraint("level_min BETWEEN 1 AND 8 AND level_max BETWEEN level_min AND 8", name="levels"),
        CheckConstraint("duration_minutes > 0", name="duration"),
        CheckConstraint("cost_eur >= 0", name="cost"),
        CheckConstraint("version >= 1", name="version"),
        CheckConstraint("status IN ('draft', 'in_review', 'published', 'retired')", name="status_known"),
        CheckConstraint("visibility IN ('public', 'organisation')", name="visibility_known"),
        CheckConstraint("visibility = 'public' OR owner_org_id IS NOT NULL", name="private_has_owner"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    # A ministry's own id for the item (CSV import is idempotent by it), unique per owner.
    external_id: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(32), index=True)
    # Localised texts: {"en": ..., "lt": ...}. `body` is Markdown; `body_html` its sanitised rendering.
    title: Mapped[dict[str, str]] = mapped_column(JSONB)
    summary: Mapped[dict[str, str]] = mapped_column(JSONB)
    body: Mapped[dict[str, str]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    body_html: Mapped[dict[str, str]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    url: Mapped[str | None] = mapped_column(Text)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(32), server_default="online_self_paced")
    provider: Mapped[str | None] = mapped_column(String(200))
    licence: Mapped[str | None] = mapped_column(String(100))
    cost_eur: Mapped[Decimal] = mapped_column(Numeric(10, 2), server_default="0")
    languages: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    accessibility: Mapped[list[str]] = mapped_column(
        ARRAY(String(32)), server_default=text("'{}'::varchar[]")
    )
    # Each tag: {"code": "1.1", "level_min": 1, "level_max": 3}; `competences`, `level_min` and
    # `level_max` are derived from them (for indexed filters and the item events' payload).
    competence_levels: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    competences: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    level_min: Mapped[int] = mapped_column(Integer)
    level_max: Mapped[int] = mapped_column(Integer)
    prerequisites: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), server_default=text("'{}'::uuid[]")
    )
    # None: platform-wide. Otherwise the organisation that owns it; only its editors change it, and
    # with visibility 'organisation' only its people see it.
    owner_org_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), index=True)
    visibility: Mapped[str] = mapped_column(String(16), server_default="public")
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    rating_count: Mapped[int] = mapped_column(Integer, server_default="0")
    rating_sum: Mapped[int] = mapped_column(Integer, server_default="0")
    # Folded (lower case, diacritics removed) texts of every language, written with the item.
    search_title: Mapped[str] = mapped_column(Text, server_default="")
    search_text: Mapped[str] = mapped_column(Text, server_default="")
    search_vector: Mapped[Any] = mapped_column(TSVECTOR, Computed(SEARCH_VECTOR, persisted=True))
    created_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def rating_average(self) -> float | None:
        """The mean rating, to two decimals (None before anybody rated)."""
        return round(self.rating_sum / self.rating_count, 2) if self.rating_count else None


class LearningItemVersion(Base):
    """One saved state of an item: every edit and every status change keeps the one before."""

    __tablename__ = "learning_item_version"
    __table_args__ = (UniqueConstraint("item_id", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("learning_item.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    # The item's editable fields as the API shows them, at this version.
    content: Mapped[dict[str, Any]] = mapped_column(JSONB)
    note: Mapped[str | None] = mapped_column(String(1000))
    changed_by: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ItemRating(Base):
    """A learner's rating of an item: one per person per item, editable."""

    __tablename__ = "item_rating"
    __table_args__ = (
        UniqueConstraint("item_id", "person_id"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("learning_item.id", ondelete="CASCADE"))
    person_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    rating: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class ItemCompletion(Base):
    """A person marked an item as done (once: marking it again changes nothing)."""

    __tablename__ = "item_completion"

    item_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("learning_item.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, index=True)
    completed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SearchWord(Base):
    """Every folded word the catalog's texts contain: typo-tolerant search matches query words to
    these by trigram similarity, then searches the full text for the words found."""

    __tablename__ = "search_word"
    __table_args__ = (
        Index(
            "ix_search_word_trgm",
            "word",
            postgresql_using="gin",
            postgresql_ops={"word": "catalog.gin_trgm_ops"},
        ),
    )

    word: Mapped[str] = mapped_column(String(64), primary_key=True)
