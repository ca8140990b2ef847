"""One area's analysis decides each unit's outcome: anchored, few responses, flagged, or ready."""

import uuid

import numpy as np

from assessment.calibration.analysis import AreaData, UnitItem, analyse_area
from assessment.calibration.schemas import CalibrationOutcome

from .factories.calibration import answer, bank


def unit(n: int, *, anchored: bool = False, a: float = 1.4, b: float = 0.0) -> UnitItem:
    return UnitItem(
        item_id=uuid.uuid4(),
        version_id=uuid.uuid4(),
        version=1,
        key=f"c1-1-unit-{n:02d}",
        competence="1.1",
        a=a,
        b=b,
        c=0.0,
        pretest=False,
        anchored=anchored,
    )


def test_each_unit_gets_the_outcome_the_rules_give() -> None:
    rng = np.random.default_rng(30)
    items = bank(rng, 10)
    items.a[2] = -1.0  # reversed: flagged, never applied
    responses = answer(rng, rng.normal(0.0, 1.0, 800), items)
    responses[150:, 3] = np.nan  # 150 responses: below the run's minimum of 200
    language = np.where(np.arange(800) % 2 == 0, "lt", "en")
    units = [unit(n) for n in range(10)]
    units[0] = unit(0, anchored=True, a=float(items.a[0]), b=float(items.b[0]))
    summary, reports = analyse_area(AreaData("digcomp-2.2", "1", units, responses, language), 200)
    outcomes = [report.outcome for report in reports]
    assert outcomes[0] == CalibrationOutcome.anchored
    assert reports[0].estimate is None
    assert outcomes[2] == CalibrationOutcome.flagged
    assert "negative_discrimination" in reports[2].flags
    assert outcomes[3] == CalibrationOutcome.few_responses
    assert reports[3].responses == 150
    assert outcomes[1] == CalibrationOutcome.ready
    assert outcomes[4:] == [CalibrationOutcome.ready] * 6
    assert (summary.scale, summary.anchors, summary.sessions) == ("anchored", 1, 800)
    assert all(
        report.dif is not None and report.dif.n_reference == report.dif.n_focal for report in reports[4:]
    )
