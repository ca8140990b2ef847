"""`python -m assessment.calibration [--apply] [--min-responses N]`: calibrate the bank, record the run."""

from __future__ import annotations

import argparse
import asyncio
import sys

from assessment.calibration.models import CalibrationRun
from assessment.calibration.service import MIN_RESPONSES, run_calibration
from assessment.settings import AssessmentSettings
from kit.db import make_engine, make_sessionmaker


async def calibrate_bank(url: str, *, apply: bool, min_responses: int) -> CalibrationRun:
    """One run in one transaction: the report and any new versions are written together or not at all."""
    engine = make_engine(url, pool_size=1)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            return await run_calibration(session, apply=apply, min_responses=min_responses)
    finally:
        await engine.dispose()


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        prog="python -m assessment.calibration",
        description="Re-estimate item parameters (MML, per area) and check fit and LT/EN DIF.",
    )
    parser.add_argument(
        "--apply",
        action="store_true",
        help="write the estimates of unflagged items as new item versions, in review",
    )
    parser.add_argument(
        "--min-responses",
        type=_positive,
        default=MIN_RESPONSES,
        metavar="N",
        help=f"responses an item needs before its estimates are applied (default {MIN_RESPONSES})",
    )
    parser.add_argument("--database-url", help="default: DLA_ASSESSMENT_DATABASE_URL")
    args = parser.parse_args(argv)
    url = args.database_url or AssessmentSettings().database_url
    run = asyncio.run(calibrate_bank(url, apply=args.apply, min_responses=args.min_responses))
    print(
        f"calibration run {run.id}: {run.responses} responses, {run.items} items, "
        f"{run.flagged} flagged, {run.new_versions} new versions"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
