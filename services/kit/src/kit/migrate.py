"""`python -m kit.migrate SERVICE`: migrate a service's schema as its own role, then seed it."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import sys
import time
from pathlib import Path

from kit.db import make_engine, make_sessionmaker
from kit.migrations import is_current, upgrade
from kit.settings import ServiceSettings


def service_dir(service: str) -> Path:
    """The service's project folder (holding alembic.ini and migrations/) for a src-layout install."""
    module = importlib.import_module(service)
    assert module.__file__
    return Path(module.__file__).resolve().parents[2]


def load_settings(service: str) -> ServiceSettings:
    """The service's settings class, found by the `<Service>Settings` naming convention."""
    module = importlib.import_module(f"{service}.settings")
    settings_class = getattr(module, f"{service.capitalize()}Settings")
    settings: ServiceSettings = settings_class()
    return settings


async def seed(service: str, url: str, *, reference: bool, demo: bool) -> list[str]:
    """Run the service's idempotent seed functions that exist; returns which ran."""
    try:
        module = importlib.import_module(f"{service}.seed")
    except ModuleNotFoundError:
        return []
    wanted = [name for name, on in (("load_reference", reference), ("load_demo", demo)) if on]
    loaders = [name for name in wanted if hasattr(module, name)]
    engine = make_engine(url, pool_size=1)
    try:
        for name in loaders:
            async with make_sessionmaker(engine)() as session, session.begin():
                await getattr(module, name)(session)
    finally:
        await engine.dispose()
    return loaders


def migrate(
    service: str,
    *,
    url: str | None = None,
    directory: Path | None = None,
    reference: bool = True,
    demo: bool = False,
) -> list[str]:
    """Upgrade to head and seed; returns the seed functions that ran."""
    url = url or load_settings(service).database_url
    upgrade(directory or service_dir(service), url)
    return asyncio.run(seed(service, url, reference=reference, demo=demo))


def wait_until_current(service: str, url: str | None, directory: Path | None, seconds: float) -> int:
    """Exit 0 once the schema is at the newest revision, 1 if it is not within `seconds`."""
    url = url or load_settings(service).database_url
    deadline = time.monotonic() + seconds
    while True:
        try:
            if is_current(directory or service_dir(service), url):
                print(f"{service}: schema is current")
                return 0
        except Exception as exc:  # the database may not be up yet; keep waiting
            print(f"{service}: waiting ({type(exc).__name__})")
        if time.monotonic() >= deadline:
            print(f"{service}: schema not current after {seconds:.0f}s")
            return 1
        time.sleep(2)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Migrate and seed one DLA service's schema.")
    parser.add_argument("service")
    parser.add_argument("--service-dir", type=Path, help="folder with alembic.ini and migrations/")
    parser.add_argument("--database-url", help="default: the service's DLA_<SERVICE>_DATABASE_URL")
    parser.add_argument("--reference", action="store_true", help="load reference data")
    parser.add_argument("--demo", action="store_true", help="load demo data")
    parser.add_argument(
        "--wait",
        type=float,
        metavar="SECONDS",
        help="migrate nothing: wait until the schema is current (for init containers)",
    )
    args = parser.parse_args(argv)
    if args.wait is not None:
        return wait_until_current(args.service, args.database_url, args.service_dir, args.wait)
    ran = migrate(
        args.service,
        url=args.database_url,
        directory=args.service_dir,
        reference=args.reference,
        demo=args.demo,
    )
    print(f"{args.service}: migrated" + (f", {', '.join(ran)}" if ran else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
