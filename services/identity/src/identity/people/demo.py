"""Demo people for `make run`: one ministry's staff across every role, all with one password."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import anyio.to_thread
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.models import PasswordCredential
from identity.accounts.passwords import hash_secret
from identity.people.access import SYSTEM
from identity.people.models import Person
from identity.people.service import create_person, email_taken, set_roles
from identity.profiles.models import Profile
from identity.profiles.service import announce
from identity.settings import IdentitySettings

DEMO_NAMESPACE = uuid.UUID("2b7f0d1e-5c44-4f0a-8e3b-6a1d9c2f7e55")
DEMO_DOMAIN = "demo.dla.lt"
DEMO_HR_CLIENT = "vrm-hr-system"


@dataclass(frozen=True)
class DemoPerson:
    login: str
    given: str
    family: str
    unit: str
    supervisor: str | None = None
    roles: tuple[str, ...] = ("learner",)
    grants: tuple[tuple[str, str], ...] = ()
    job_title: str = ""
    role_profile: str | None = None
    language: str = "lt"
    share: bool = False
    weekly_minutes: int = 60
    # False: the person has not saved their digital profile yet (the SPA shows onboarding).
    onboarded: bool = True


def _staff(unit: str, head: str, people: list[tuple[str, str, str, str]], profile: str) -> list[DemoPerson]:
    """A unit: its head and the people who report to them."""
    return [
        DemoPerson(
            login,
            given,
            family,
            unit,
            supervisor=head,
            job_title=title,
            role_profile=profile,
            share=n % 2 == 0,
            weekly_minutes=(60, 90, 120)[n % 3],
            onboarded=n != 1,  # the second of each unit is new: onboarding shows at sign-in
        )
        for n, (login, given, family, title) in enumerate(people)
    ]


DEMO_PEOPLE: list[DemoPerson] = [
    DemoPerson(
        "admin",
        "Aistė",
        "Administratorė",
        "lt-vrm-civil-service",
        roles=("learner", "platform_admin"),
        job_title="Platform administrator",
        role_profile="it_specialist",
        language="en",
    ),
    DemoPerson(
        "rasa.kazlauskiene",
        "Rasa",
        "Kazlauskienė",
        "lt-vrm-civil-service",
        grants=(("org_admin", "lt-vrm"),),
        job_title="Head of digital transformation",
        role_profile="manager",
    ),
    DemoPerson(
        "jonas.jonaitis",
        "Jonas",
        "Jonaitis",
        "lt-vrm-training",
        grants=(("hr_manager", "lt-vrm"),),
        job_title="HR manager",
        role_profile="hr_specialist",
    ),
    DemoPerson(
        "egle.stankeviciene",
        "Eglė",
        "Stankevičienė",
        "lt-eimin-digital-skills",
        grants=(("hr_manager", "lt-eimin"),),
        job_title="HR manager",
        role_profile="hr_specialist",
    ),
    DemoPerson(
        "tomas.vaitkus",
        "Tomas",
        "Vaitkus",
        "lt-vrm-training",
        roles=("learner", "content_editor"),
        job_title="Learning content editor",
        role_profile="communications",
    ),
    DemoPerson(
        "lina.zukauskaite",
        "Lina",
        "Žukauskaitė",
        "lt-eimin-e-services",
        roles=("learner", "mentor"),
        job_title="Service design lead",
        role_profile="it_specialist",
        language="en",
    ),
    # A department director over two heads of units: supervisors of the people below.
    DemoPerson(
        "vilma.gudaitiene",
        "Vilma",
        "Gudaitienė",
        "lt-vrm-public-governance",
        job_title="Director of the department",
        role_profile="manager",
    ),
    DemoPerson(
        "ona.petraitiene",
        "Ona",
        "Petraitienė",
        "lt-vrm-civil-service",
        supervisor="vilma.gudaitiene",
        job_title="Head of unit",
        role_profile="manager",
    ),
    DemoPerson(
        "mantas.kairys",
        "Mantas",
        "Kairys",
        "lt-vrm-administration-quality",
        supervisor="vilma.gudaitiene",
        job_title="Head of unit",
        role_profile="manager",
    ),
    DemoPerson(
        "ruta.mikalauskiene",
        "Rūta",
        "Mikalauskienė",
        "lt-vrm-recruitment",
        job_title="Head of unit",
        role_profile="manager",
    ),
    DemoPerson(
        "darius.urbonas",
        "Darius",
        "Urbonas",
        "lt-eimin-digital-skills",
        job_title="Head of unit",
        role_profile="manager",
        language="en",
    ),
    *_staff(
        "lt-vrm-civil-service",
        "ona.petraitiene",
        [
            ("petras.kazlauskas", "Petras", "Kazlauskas", "Senior policy analyst"),
            ("ieva.balciunaite", "Ieva", "Balčiūnaitė", "Policy analyst"),
            ("andrius.zilinskas", "Andrius", "Žilinskas", "Legal advisor"),
            ("greta.paulauskaite", "Greta", "Paulauskaitė", "Policy analyst"),
        ],
        "policy_analyst",
    ),
    *_staff(
        "lt-vrm-administration-quality",
        "mantas.kairys",
        [
            ("vytautas.butkus", "Vytautas", "Butkus", "Process analyst"),
            ("asta.navickiene", "Asta", "Navickienė", "Senior specialist"),
            ("karolis.ramanauskas", "Karolis", "Ramanauskas", "Data analyst"),
            ("jurgita.sakalauskiene", "Jurgita", "Sakalauskienė", "Chief specialist"),
        ],
        "administrative",
    ),
    *_staff(
        "lt-vrm-recruitment",
        "ruta.mikalauskiene",
        [
            ("simona.vasiliauskaite", "Simona", "Vasiliauskaitė", "Recruitment specialist"),
            ("marius.lukosevicius", "Marius", "Lukoševičius", "HR specialist"),
            ("laura.grigaite", "Laura", "Grigaitė", "HR specialist"),
        ],
        "hr_specialist",
    ),
    *_staff(
        "lt-eimin-digital-skills",
        "darius.urbonas",
        [
            ("paulius.jankauskas", "Paulius", "Jankauskas", "IT specialist"),
            ("egle.petrauskaite", "Eglė", "Petrauskaitė", "Communications specialist"),
            ("tadas.stankevicius", "Tadas", "Stankevičius", "IT specialist"),
        ],
        "it_specialist",
    ),
    DemoPerson(
        "kristina.kavaliauskiene",
        "Kristina",
        "Kavaliauskienė",
        "lt-vrm-training",
        supervisor="jonas.jonaitis",
        job_title="Training coordinator",
        role_profile="hr_specialist",
    ),
    DemoPerson(
        "aurimas.navickas",
        "Aurimas",
        "Navickas",
        "lt-vrm-training",
        supervisor="kristina.kavaliauskiene",
        job_title="Trainee",
        role_profile="administrative",
        onboarded=False,
    ),
    DemoPerson(
        "saulius.morkunas",
        "Saulius",
        "Morkūnas",
        "lt-vrm-training",
        supervisor="jonas.jonaitis",
        job_title="Administrative assistant",
        role_profile="administrative",
    ),
    DemoPerson(
        "neringa.adomaitiene",
        "Neringa",
        "Adomaitienė",
        "lt-vrm-civil-service",
        supervisor="rasa.kazlauskiene",
        job_title="Communications adviser",
        role_profile="communications",
    ),
    DemoPerson(
        "algis.sabonis",
        "Algis",
        "Sabonis",
        "lt-eimin-e-services",
        supervisor="lina.zukauskaite",
        job_title="Junior developer",
        role_profile="it_specialist",
    ),
]


DEMO_LOGINS = [person.login for person in DEMO_PEOPLE]


def person_id(login: str) -> uuid.UUID:
    """The fixed id of a demo person."""
    return uuid.uuid5(DEMO_NAMESPACE, login)


def email(login: str) -> str:
    return f"{login}@{DEMO_DOMAIN}"


async def load_demo_people(
    db: AsyncSession, settings: IdentitySettings, demo_id: Callable[[str], uuid.UUID]
) -> None:
    """Create missing demo people through the people service (so they are announced and audited
    like anyone else); existing ones are left as they are, as someone may have changed them.
    `demo_id` gives the id of a demo organisation by its code."""
    existing = set(
        (await db.scalars(select(Person.id).where(Person.id.in_(map(person_id, DEMO_LOGINS))))).all()
    )
    missing = [person for person in DEMO_PEOPLE if person_id(person.login) not in existing]
    if not missing:
        return
    hashed = await anyio.to_thread.run_sync(hash_secret, settings, settings.demo_password)
    for person in missing:  # supervisors come before their reports in DEMO_PEOPLE
        if not await email_taken(db, email(person.login)):
            await _create(db, person, hashed, demo_id)


async def _create(
    db: AsyncSession, person: DemoPerson, hashed: str, demo_id: Callable[[str], uuid.UUID]
) -> None:
    supervisor = person_id(person.supervisor) if person.supervisor else None
    if supervisor and await db.scalar(select(Person.status).where(Person.id == supervisor)) != "active":
        supervisor = None
    created = await create_person(
        db,
        actor=SYSTEM,
        person_id=person_id(person.login),
        email=email(person.login),
        email_verified=True,
        given_name=person.given,
        family_name=person.family,
        display_name=f"{person.given} {person.family}",
        unit_id=demo_id(person.unit),
        supervisor_id=supervisor,
        roles=person.roles,
        language=person.language,
    )
    db.add(PasswordCredential(person_id=created.id, password_hash=hashed))
    profile = await db.get(Profile, created.id)
    assert profile is not None  # create_person makes it
    profile.job_title = person.job_title
    profile.role_profile_key = person.role_profile
    profile.weekly_minutes = person.weekly_minutes
    profile.share_results_with_supervisor = person.share
    profile.onboarded_at = datetime.now(UTC) if person.onboarded else None
    if person.grants:
        grants = [(role, demo_id(org)) for role, org in person.grants]
        await set_roles(db, created, person.roles, grants, actor=SYSTEM)
    await db.flush()
    # Announced like a saved profile, so other services know who shares results with whom.
    await announce(db, profile)
