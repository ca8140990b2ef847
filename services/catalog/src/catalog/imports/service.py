"""CSV import and export of learning items: validate every row, then write all, the valid ones, or none.

Writes go through the items service (`upsert_by_external_id`), so an imported item gets the same
checks, versions and events as one made in the editor. The write runs in a savepoint and each row
in one of its own: a dry run, or bad rows in all-or-nothing mode, roll the outer one back, so the
report says exactly what the import did, or would have done.
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import String, and_, any_, literal, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.imports import cells, csv_format
from catalog.imports.cells import ParsedRow
from catalog.imports.schemas import ImportedRow, ImportMode, ImportReport, Outcome
from catalog.items import access, workflow
from catalog.items import service as items
from catalog.items.models import LearningItem
from catalog.items.schemas import ItemCreate, Owner
from kit.auth import Principal
from kit.problems import DlaError

logger = logging.getLogger("catalog.imports")
# An item's key in a file: its owner (None: platform-wide) and its external id.
Key = tuple[uuid.UUID | None, str]
WRITE_BATCH = 100


@dataclass(frozen=True)
class ImportOptions:
    """How to import: what to do with bad rows, whether to write at all, whether to publish."""

    mode: ImportMode = ImportMode.all_or_nothing
    dry_run: bool = False
    publish: bool = False


@dataclass(frozen=True)
class Known:
    """An item of the catalog a file refers to (plain values: rollbacks expire ORM objects)."""

    id: uuid.UUID
    slug: str
    version: int
    # False: an item without an external id, matched by its slug (as exports write it).
    keyed: bool


@dataclass
class Plan:
    """A file's rows with their keys, and the catalog's items those keys and prerequisites name."""

    rows: list[ParsedRow]
    keys: dict[int, Key]  # by row number
    by_key: dict[Key, ParsedRow]  # the first row of each key
    known: dict[Key, Known]


def default_owner(editor: Principal) -> Owner:
    """The owner of a row that names none: the editor's ministry (imports load a ministry's own
    content), or the platform for an editor who belongs to no organisation."""
    return Owner.organisation if editor.tenant_id or editor.org_path else Owner.platform


async def import_items(
    session: AsyncSession, editor: Principal, data: bytes, options: ImportOptions, *, max_bytes: int
) -> ImportReport:
    """Import a CSV file of items; faults of the file raise (4xx), faults of rows are in the report."""
    table = csv_format.read_table(csv_format.decode(data, max_bytes=max_bytes))
    plan = await _plan(session, editor, [cells.parse_row(row) for row in table.rows])
    order = _order(plan)
    creates = {p.row.number: cells.validate(p, slug=_slug(plan, p), prerequisites=[]) for p in plan.rows}
    outer = await session.begin_nested()
    done = await _write(session, editor, plan, order, creates, options)
    failed = any(p.errors for p in plan.rows)
    imported = bool(done) and not options.dry_run
    imported = imported and not (failed and options.mode is ImportMode.all_or_nothing)
    await (outer.commit() if imported else outer.rollback())
    report = _report(plan, done, options, imported=imported)
    logger.info(
        "CSV import by %s: %d rows, %d invalid; %d created, %d updated, %d unchanged; %s%s, %s",
        editor.subject,
        report.rows,
        report.invalid,
        report.created,
        report.updated,
        report.unchanged,
        options.mode.value,
        " (dry run)" if options.dry_run else "",
        "written" if imported else "nothing written",
    )
    return report


async def _plan(session: AsyncSession, editor: Principal, rows: list[ParsedRow]) -> Plan:
    keys: dict[int, Key] = {}
    for p in rows:
        owner = p.fields.setdefault("owner", default_owner(editor).value)
        try:
            keys[p.row.number] = (access.owner_org(editor, Owner(owner)), p.external_id)
        except ValueError:  # not an owner ItemCreate knows: it reports that; key as the default
            keys[p.row.number] = (access.owner_org(editor, default_owner(editor)), p.external_id)
        except DlaError as exc:
            p.fail("owner", exc.detail or exc.title, "owner_unavailable")
            keys[p.row.number] = (None, p.external_id)
    by_key: dict[Key, ParsedRow] = {}
    for p in rows:
        key = keys[p.row.number]
        if key[1] and key in by_key:
            first = by_key[key].row.number
            p.fail(
                "external_id", f"This external_id is already used in row {first}.", "duplicate_external_id"
            )
        elif key[1]:
            by_key[key] = p
    names = {key[1] for key in keys.values()} | {ref for p in rows for ref in p.prerequisites}
    owners = {key[0] for key in keys.values()}
    return Plan(rows, keys, by_key, await _known(session, names, owners))


async def _known(session: AsyncSession, names: set[str], owners: set[uuid.UUID | None]) -> dict[Key, Known]:
    """The items whose external id (or, lacking one, slug) is among `names`, of these owners."""
    if not names:
        return {}
    org_ids = [owner for owner in owners if owner is not None]
    owned = or_(LearningItem.owner_org_id.is_(None), LearningItem.owner_org_id.in_(org_ids))
    # One array parameter, not one parameter per name: a file may name thousands.
    named = any_(literal(sorted(names), ARRAY(String)))
    found = await session.execute(
        select(
            LearningItem.id,
            LearningItem.slug,
            LearningItem.version,
            LearningItem.external_id,
            LearningItem.owner_org_id,
        )
        .where(owned)
        .where(
            or_(
                LearningItem.external_id == named,
                and_(LearningItem.external_id.is_(None), LearningItem.slug == named),
            )
        )
    )
    known: dict[Key, Known] = {}
    for item_id, slug, version, external_id, owner in found:
        key = (owner, external_id or slug)
        # An item's own external id wins over another item's slug that reads the same.
        if external_id is not None or key not in known:
            known[key] = Known(item_id, slug, version, keyed=external_id is not None)
    return known


def _slug(plan: Plan, p: ParsedRow) -> str:
    """The row's slug cell; else the existing item's; else one made from the key (stable, unique)."""
    key = plan.keys[p.row.number]
    if p.fields.get("slug"):
        return str(p.fields["slug"])
    if key in plan.known:
        return plan.known[key].slug
    stem = re.sub(r"[^a-z0-9]+", "-", key[1].lower()).strip("-")[:80].strip("-")
    digest = hashlib.sha256(f"{key[0]}/{key[1]}".encode()).hexdigest()[:8]
    return f"{stem}-{digest}" if stem else f"item-{digest}"


def _source(plan: Plan, p: ParsedRow, ref: str) -> ParsedRow | Known | None:
    """What a prerequisite names: a row of the file or an item of the catalog, the row's owner's
    first, then platform-wide ones."""
    for key in ((plan.keys[p.row.number][0], ref), (None, ref)):
        row = plan.by_key.get(key)
        if row is not None:
            return row
        if key in plan.known:
            return plan.known[key]
    return None


def _order(plan: Plan) -> list[ParsedRow]:
    """The rows, each after the rows it names as prerequisites; unknown names and cycles are errors."""
    placed: dict[int, ParsedRow] = {}
    visiting: set[int] = set()

    def visit(p: ParsedRow) -> None:
        if p.row.number in placed or p.row.number in visiting:
            if p.row.number in visiting:
                p.fail("prerequisites", "The prerequisites of this row form a cycle.", "prerequisite_cycle")
            return
        visiting.add(p.row.number)
        for ref in p.prerequisites:
            source = _source(plan, p, ref)
            if source is p:
                p.fail("prerequisites", "An item cannot be its own prerequisite.", "prerequisite_self", ref)
            elif source is None:
                reason = f"No item with external_id '{ref}' is in this file or in the catalog."
                p.fail("prerequisites", reason, "unknown_prerequisite", ref)
            elif isinstance(source, ParsedRow):
                visit(source)
        visiting.discard(p.row.number)
        placed[p.row.number] = p

    for p in plan.rows:
        visit(p)
    return list(placed.values())


class RowFailed(Exception):
    """A row that cannot be written: `error` says why."""

    def __init__(self, column: str | None, reason: str, code: str, value: str | None = None) -> None:
        super().__init__(reason)
        self.error = (column, reason, code, value)


async def _write(
    session: AsyncSession,
    editor: Principal,
    plan: Plan,
    order: list[ParsedRow],
    creates: dict[int, ItemCreate | None],
    options: ImportOptions,
) -> list[ImportedRow]:
    """Write the valid rows, a batch to a savepoint; a batch in which a row fails is written again
    one row to a savepoint, to keep the others. Batches, because PostgreSQL slows down sharply
    once a transaction has more than 64 subtransactions."""
    valid = [p for p in order if creates[p.row.number] is not None and not p.errors]
    ids: dict[int, uuid.UUID] = {}
    done: list[ImportedRow] = []
    for start in range(0, len(valid), WRITE_BATCH):
        batch = valid[start : start + WRITE_BATCH]
        tentative = dict(ids)
        try:
            async with session.begin_nested():
                written = [
                    await _write_row(session, editor, plan, p, creates, tentative, options) for p in batch
                ]
            ids = tentative
        except (RowFailed, DlaError, IntegrityError):
            written = []
            for p in batch:
                row = await _write_alone(session, editor, plan, p, creates, ids, options)
                if row is not None:
                    written.append(row)
        done.extend(written)
    return done


async def _write_alone(
    session: AsyncSession,
    editor: Principal,
    plan: Plan,
    p: ParsedRow,
    creates: dict[int, ItemCreate | None],
    ids: dict[int, uuid.UUID],
    options: ImportOptions,
) -> ImportedRow | None:
    """One row in a savepoint of its own; None, with the row's error recorded, when it fails."""
    try:
        async with session.begin_nested():
            return await _write_row(session, editor, plan, p, creates, ids, options)
    except RowFailed as exc:
        p.fail(*exc.error)
    except DlaError as exc:
        p.fail(None, exc.detail or exc.title, exc.slug.replace("-", "_"))
    except IntegrityError:
        reason = "Another item already has this slug or external id; give the row a slug of its own."
        p.fail("slug", reason, "slug_taken")
    return None


async def _write_row(
    session: AsyncSession,
    editor: Principal,
    plan: Plan,
    p: ParsedRow,
    creates: dict[int, ItemCreate | None],
    ids: dict[int, uuid.UUID],
    options: ImportOptions,
) -> ImportedRow:
    data = creates[p.row.number]
    assert data is not None, "only valid rows are written"
    data = data.model_copy(update={"prerequisites": _prerequisite_ids(plan, p, ids)})
    item_id, outcome = await _upsert(session, editor, plan.known.get(plan.keys[p.row.number]), data)
    if options.publish:
        await workflow.publish_now(session, editor, item_id, note="Imported")
    ids[p.row.number] = item_id
    return ImportedRow(row=p.row.number, external_id=p.external_id, outcome=outcome, item_id=item_id)


async def _upsert(
    session: AsyncSession, editor: Principal, known: Known | None, data: ItemCreate
) -> tuple[uuid.UUID, Outcome]:
    if known is not None and not known.keyed:
        # An item made in the editor, exported with its slug as external id: it takes the id now.
        item, changed = await items.update_item(
            session, editor, known.id, data, base_version=known.version, note="Imported"
        )
        return item.id, Outcome.updated if changed else Outcome.unchanged
    item, outcome = await items.upsert_by_external_id(session, editor, data)
    return item.id, Outcome(outcome)


def _prerequisite_ids(plan: Plan, p: ParsedRow, ids: dict[int, uuid.UUID]) -> list[uuid.UUID]:
    """The ids of the row's prerequisites; RowFailed when the row of one was not written."""
    resolved: list[uuid.UUID] = []
    for ref in p.prerequisites:
        source = _source(plan, p, ref)
        if isinstance(source, Known):
            resolved.append(source.id)
        elif isinstance(source, ParsedRow) and source is not p:
            if source.row.number not in ids:
                reason = f"The prerequisite '{ref}' is in row {source.row.number}, which cannot be imported."
                raise RowFailed("prerequisites", reason, "prerequisite_not_imported", ref)
            resolved.append(ids[source.row.number])
    return resolved


def _report(plan: Plan, done: list[ImportedRow], options: ImportOptions, *, imported: bool) -> ImportReport:
    errors = sorted((e for p in plan.rows for e in p.errors), key=lambda e: e.row)
    invalid = sum(1 for p in plan.rows if p.errors)
    counts = {outcome: sum(1 for d in done if d.outcome is outcome) for outcome in Outcome}
    if not imported:
        # Rolled back: an item that would have been created has no id.
        done = [d.model_copy(update={"item_id": None}) if d.outcome is Outcome.created else d for d in done]
    return ImportReport(
        mode=options.mode,
        dry_run=options.dry_run,
        imported=imported,
        rows=len(plan.rows),
        valid=len(plan.rows) - invalid,
        invalid=invalid,
        created=counts[Outcome.created],
        updated=counts[Outcome.updated],
        unchanged=counts[Outcome.unchanged],
        errors=errors,
        items=done,
    )
