"""The role profiles every environment starts with (DigComp 2.2 targets, EN and LT)."""

from __future__ import annotations

from typing import Any

from pathways.competences import DIGCOMP_CODES

# Targets in framework order: 1.1-1.3 | 2.1-2.6 | 3.1-3.4 | 4.1-4.4 | 5.1-5.4.
# 1-2 foundation, 3-4 intermediate, 5-6 advanced: what a competent holder of the role uses daily.
_TARGETS: dict[str, tuple[int, ...]] = {
    "policy_analyst": (6, 6, 5, 4, 4, 4, 4, 4, 3, 5, 4, 4, 3, 3, 4, 3, 3, 3, 4, 4, 4),
    "it_specialist": (5, 5, 6, 4, 4, 3, 4, 4, 5, 5, 5, 4, 6, 6, 6, 4, 4, 6, 6, 5, 4),
    "hr_specialist": (4, 4, 5, 4, 4, 3, 4, 5, 4, 3, 3, 3, 1, 3, 6, 5, 3, 3, 4, 3, 6),
    "legal_advisor": (5, 6, 4, 3, 3, 4, 3, 4, 4, 3, 3, 6, 1, 3, 6, 3, 3, 2, 3, 3, 3),
    "communications": (5, 5, 4, 5, 6, 5, 4, 6, 5, 6, 5, 5, 2, 3, 4, 4, 3, 3, 4, 5, 3),
    "manager": (4, 5, 4, 5, 4, 4, 5, 5, 4, 3, 3, 3, 2, 4, 5, 5, 4, 3, 5, 5, 6),
    "administrative": (4, 3, 4, 4, 4, 3, 4, 4, 3, 3, 2, 2, 1, 3, 4, 3, 3, 3, 3, 2, 3),
}

_TEXTS: dict[str, dict[str, dict[str, str]]] = {
    "policy_analyst": {
        "title": {"en": "Policy analyst", "lt": "Politikos analitikas (-ė)"},
        "description": {
            "en": "Prepares evidence for public policy decisions: finds and evaluates data, "
            "analyses it in spreadsheets and visualisations, and writes clear briefs.",
            "lt": "Rengia įrodymus viešosios politikos sprendimams: ieško ir vertina duomenis, "
            "analizuoja juos skaičiuoklėmis ir vizualizacijomis, rašo aiškias apžvalgas.",
        },
    },
    "it_specialist": {
        "title": {"en": "IT specialist", "lt": "IT specialistas (-ė)"},
        "description": {
            "en": "Runs and develops the institution's information systems, keeps them secure "
            "and helps colleagues solve technical problems.",
            "lt": "Prižiūri ir plėtoja įstaigos informacines sistemas, užtikrina jų saugumą "
            "ir padeda kolegoms spręsti techninius nesklandumus.",
        },
    },
    "hr_specialist": {
        "title": {"en": "HR specialist", "lt": "Personalo specialistas (-ė)"},
        "description": {
            "en": "Runs recruitment and staff records in HR systems, protects personal data "
            "and plans how colleagues develop their competences.",
            "lt": "Organizuoja atrankas ir tvarko personalo duomenis personalo valdymo sistemose, "
            "saugo asmens duomenis ir planuoja darbuotojų kompetencijų tobulinimą.",
        },
    },
    "legal_advisor": {
        "title": {"en": "Legal advisor", "lt": "Teisininkas (-ė)"},
        "description": {
            "en": "Drafts and reviews legal acts and contracts, and advises on data protection, "
            "copyright, licences and electronic documents.",
            "lt": "Rengia ir vertina teisės aktų projektus bei sutartis, konsultuoja asmens duomenų "
            "apsaugos, autorių teisių, licencijų ir elektroninių dokumentų klausimais.",
        },
    },
    "communications": {
        "title": {"en": "Communications specialist", "lt": "Komunikacijos specialistas (-ė)"},
        "description": {
            "en": "Tells the public about the institution's work on its website and social media "
            "and creates accessible digital content.",
            "lt": "Informuoja visuomenę apie įstaigos veiklą interneto svetainėje ir socialiniuose "
            "tinkluose, kuria prieinamą skaitmeninį turinį.",
        },
    },
    "manager": {
        "title": {"en": "Manager", "lt": "Vadovas (-ė)"},
        "description": {
            "en": "Leads a unit or team: plans work with digital tools, decides on evidence, "
            "leads digital change and looks after the team's well-being online.",
            "lt": "Vadovauja padaliniui ar komandai: planuoja darbą skaitmeninėmis priemonėmis, "
            "sprendimus grindžia duomenimis, vadovauja skaitmeniniams pokyčiams ir rūpinasi "
            "komandos gerove skaitmeninėje aplinkoje.",
        },
    },
    "administrative": {
        "title": {"en": "Administrative officer", "lt": "Administracijos specialistas (-ė)"},
        "description": {
            "en": "Handles correspondence, documents and records, schedules meetings and serves "
            "the public through e-services, following data protection rules.",
            "lt": "Tvarko korespondenciją, dokumentus ir įrašus, planuoja susitikimus, aptarnauja "
            "gyventojus elektroninėmis paslaugomis ir laikosi asmens duomenų apsaugos reikalavimų.",
        },
    },
}


def reference_profiles() -> dict[str, dict[str, Any]]:
    """Each reference profile's body (as `PUT /role-profiles/{key}` takes it), by key."""
    return {
        key: {**_TEXTS[key], "targets": dict(zip(DIGCOMP_CODES, levels, strict=True))}
        for key, levels in _TARGETS.items()
    }
