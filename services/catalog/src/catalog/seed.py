"""Demo catalog for `make run`: the demo items and the original micro-lessons of `seed_data/lessons`.

Written through the items service (create, submit, publish), so versions and events are as for an
editor's item. Idempotent at every start: an item is found by its slug; when its seed text
changed since the seed last wrote it, the item gets a new version. An editor's later changes are
kept until the seed text itself changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items.models import LearningItem, LearningItemVersion
from catalog.items.schemas import ItemCreate, ItemStatus
from catalog.items.service import apply_change, content_from, create_item, locked_item, snapshot
from catalog.items.workflow import publish_now
from catalog.workshops.seed import SYSTEM, load_demo_workshops

LESSONS = Path(__file__).parent / "seed_data" / "lessons"
BANDS = ("foundation", "intermediate", "advanced")
LESSON_DEFAULTS: dict[str, Any] = {
    "kind": "micro_lesson",
    "format": "online_self_paced",
    "languages": ["en", "lt"],
    "provider": "Digital Lithuania Academy",
    "licence": "CC-BY-4.0",
    "cost_eur": 0,
}
# Written before items had per-competence levels: each competence spans the item's range.
DEMO_ITEMS: list[dict[str, Any]] = [
    {
        "slug": "searching-smarter",
        "kind": "micro_lesson",
        "duration_minutes": 15,
        "title": {"en": "Searching smarter", "lt": "Protingesnė paieška"},
        "summary": {
            "en": "Search operators and filters that find official sources fast.",
            "lt": "Paieškos operatoriai ir filtrai, padedantys greitai rasti oficialius šaltinius.",
        },
        "competences": ["1.1"],
        "level_min": 1,
        "level_max": 3,
    },
    {
        "slug": "is-it-true",
        "kind": "course",
        "duration_minutes": 60,
        "title": {
            "en": "Is it true? Checking online information",
            "lt": "Ar tai tiesa? Informacijos internete tikrinimas",
        },
        "summary": {
            "en": "Judge the reliability of sources, images and statistics.",
            "lt": "Kaip įvertinti šaltinių, vaizdų ir statistikos patikimumą.",
        },
        "competences": ["1.2"],
        "level_min": 2,
        "level_max": 5,
    },
    {
        "slug": "shared-documents",
        "kind": "video",
        "duration_minutes": 10,
        "title": {"en": "Working together on shared documents", "lt": "Bendras darbas su dokumentais"},
        "summary": {
            "en": "Comments, suggestions and version history in shared files.",
            "lt": "Komentarai, pasiūlymai ir versijų istorija bendrai naudojamuose failuose.",
        },
        "competences": ["2.4", "1.3"],
        "level_min": 1,
        "level_max": 4,
    },
    {
        "slug": "plain-language-online",
        "kind": "course",
        "duration_minutes": 90,
        "title": {
            "en": "Plain language for digital public services",
            "lt": "Aiški kalba skaitmeninėse viešosiose paslaugose",
        },
        "summary": {
            "en": "Write web pages and messages every citizen understands.",
            "lt": "Rašykite tinklalapius ir pranešimus, kuriuos supras kiekvienas gyventojas.",
        },
        "competences": ["3.1", "2.3"],
        "level_min": 3,
        "level_max": 6,
    },
    {
        "slug": "spreadsheets-for-policy",
        "kind": "course",
        "duration_minutes": 120,
        "title": {"en": "Spreadsheets for policy analysis", "lt": "Skaičiuoklės politikos analizei"},
        "summary": {
            "en": "Clean, combine and chart public data with formulas and pivot tables.",
            "lt": "Viešųjų duomenų valymas, jungimas ir vizualizavimas formulėmis ir suvestinėmis.",
        },
        "competences": ["1.3", "3.2"],
        "level_min": 3,
        "level_max": 6,
    },
    {
        "slug": "open-licences",
        "kind": "micro_lesson",
        "duration_minutes": 20,
        "title": {
            "en": "Copyright and open licences at work",
            "lt": "Autorių teisės ir atvirosios licencijos darbe",
        },
        "summary": {
            "en": "When you may reuse a picture or text, and how to credit it.",
            "lt": "Kada galima pakartotinai naudoti paveikslėlį ar tekstą ir kaip nurodyti autorių.",
        },
        "competences": ["3.3"],
        "level_min": 2,
        "level_max": 4,
    },
    {
        "slug": "phishing-at-the-ministry",
        "kind": "use_case",
        "duration_minutes": 25,
        "title": {"en": "A phishing attempt at a ministry", "lt": "Sukčiavimo bandymas ministerijoje"},
        "summary": {
            "en": "A real-world case: how the attack looked and what stopped it.",
            "lt": "Realus atvejis: kaip atrodė ataka ir kas ją sustabdė.",
        },
        "competences": ["4.1", "4.2"],
        "level_min": 1,
        "level_max": 5,
    },
    {
        "slug": "personal-data-basics",
        "kind": "course",
        "duration_minutes": 45,
        "title": {
            "en": "Protecting personal data (GDPR basics)",
            "lt": "Asmens duomenų apsauga (BDAR pagrindai)",
        },
        "summary": {
            "en": "What counts as personal data and how to handle it day to day.",
            "lt": "Kas yra asmens duomenys ir kaip su jais elgtis kasdieniame darbe.",
        },
        "competences": ["4.2"],
        "level_min": 2,
        "level_max": 5,
    },
    {
        "slug": "screen-time-wellbeing",
        "kind": "video",
        "duration_minutes": 8,
        "title": {"en": "Screen time and well-being", "lt": "Laikas prie ekrano ir gera savijauta"},
        "summary": {
            "en": "Simple habits that protect your eyes, posture and attention.",
            "lt": "Paprasti įpročiai, saugantys akis, laikyseną ir dėmesį.",
        },
        "competences": ["4.3"],
        "level_min": 1,
        "level_max": 2,
    },
    {
        "slug": "fixing-common-problems",
        "kind": "micro_lesson",
        "duration_minutes": 20,
        "title": {"en": "Fixing common computer problems", "lt": "Dažnų kompiuterio problemų sprendimas"},
        "summary": {
            "en": "A calm checklist before you call the help desk.",
            "lt": "Ramus patikrinimo sąrašas prieš skambinant pagalbos tarnybai.",
        },
        "competences": ["5.1"],
        "level_min": 1,
        "level_max": 3,
    },
    {
        "slug": "automating-routine-tasks",
        "kind": "external_course",
        "duration_minutes": 240,
        "url": "https://learning.example.org/automation",
        "title": {"en": "Automating routine office tasks", "lt": "Įprastų biuro užduočių automatizavimas"},
        "summary": {
            "en": "Macros and simple scripts that save hours every month.",
            "lt": "Makrokomandos ir paprasti scenarijai, kasmėnesį sutaupantys valandų.",
        },
        "competences": ["3.4", "5.3"],
        "level_min": 4,
        "level_max": 7,
    },
    {
        "slug": "my-digital-growth-plan",
        "kind": "micro_lesson",
        "duration_minutes": 15,
        "title": {"en": "Planning your digital growth", "lt": "Jūsų skaitmeninio augimo planas"},
        "summary": {
            "en": "Read your results and choose what to learn next.",
            "lt": "Kaip suprasti savo rezultatus ir pasirinkti, ko mokytis toliau.",
        },
        "competences": ["5.4"],
        "level_min": 1,
        "level_max": 8,
    },
]


class SeedFileError(ValueError):
    """A lesson file that cannot be loaded (named, with the reason)."""


def demo_item(spec: dict[str, Any]) -> ItemCreate:
    """A demo item as the API takes it."""
    fields = {k: v for k, v in spec.items() if k not in ("competences", "level_min", "level_max")}
    levels = {"level_min": spec["level_min"], "level_max": spec["level_max"]}
    tags = [{"code": code, **levels} for code in spec["competences"]]
    return ItemCreate.model_validate({"languages": ["en", "lt"], **fields, "competence_levels": tags})


def lesson_item(lesson: dict[str, Any]) -> ItemCreate:
    """A lesson of a seed file as the API takes it."""
    fields = {name: lesson[name] for name in ("slug", "title", "summary", "body", "duration_minutes")}
    return ItemCreate.model_validate(
        {
            **LESSON_DEFAULTS,
            **fields,
            "accessibility": lesson.get("accessibility", []),
            "competence_levels": lesson["competences"],
        }
    )


def read_lessons(directory: Path = LESSONS) -> list[tuple[str, dict[str, Any]]]:
    """Every lesson of every file, with the competence its file is for; SeedFileError when a file
    is not a list of valid lessons."""
    found: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(directory.glob("*.json")):
        try:
            lessons = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(lessons, list):
                raise ValueError("the file must hold a list of lessons")
            for lesson in lessons:
                lesson_item(lesson)
                found.append((path.stem, lesson))
        except (ValueError, KeyError, TypeError) as exc:
            raise SeedFileError(f"{path.name}: {exc}") from exc
    return found


async def _seeded_content(session: AsyncSession, item_id: Any) -> dict[str, Any] | None:
    """The content the seed last wrote to an item (its newest version without a person)."""
    return await session.scalar(
        select(LearningItemVersion.content)
        .where(LearningItemVersion.item_id == item_id, LearningItemVersion.changed_by.is_(None))
        .order_by(LearningItemVersion.version.desc())
        .limit(1)
    )


async def seed_item(session: AsyncSession, data: ItemCreate) -> LearningItem:
    """Create and publish an item, or bring it up to date with changed seed text."""
    item_id = await session.scalar(select(LearningItem.id).where(LearningItem.slug == data.slug))
    if item_id is None:
        item, _ = await create_item(session, SYSTEM, data)
        return await publish_now(session, SYSTEM, item.id, note="Seeded")
    item = await locked_item(session, item_id)
    content = content_from(data)
    if item.status == ItemStatus.retired.value or await _seeded_content(session, item.id) == snapshot(
        content
    ):
        return item
    item = await apply_change(session, SYSTEM, item, content, note="Seed text changed")
    if item.status != ItemStatus.published.value:
        item = await publish_now(session, SYSTEM, item.id, note="Seeded")
    return item


async def load_demo(session: AsyncSession) -> None:
    """The demo items, every seed lesson and the demo workshops, published (the same files again
    change nothing)."""
    for spec in DEMO_ITEMS:
        await seed_item(session, demo_item(spec))
    for _, lesson in read_lessons():
        await seed_item(session, lesson_item(lesson))
    await load_demo_workshops(session)
