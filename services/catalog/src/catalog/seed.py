"""Demo learning items for `make run`: created through the service, so events go out as usual."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items.schemas import ItemCreate
from catalog.items.service import create_item

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


async def load_demo(session: AsyncSession) -> None:
    """Create the demo items that do not exist yet (the same items again change nothing)."""
    for item in DEMO_ITEMS:
        await create_item(session, ItemCreate.model_validate({"languages": ["en", "lt"], **item}))
