"""One area's calibration from its response matrix to report rows: estimates, fit, DIF, outcome (pure)."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from assessment.calibration.dif import DifResult, dif_on_theta
from assessment.calibration.fit import ItemFit, item_fit
from assessment.calibration.irt import Array
from assessment.calibration.mml import Calibration, calibrate
from assessment.calibration.schemas import (
    AreaCalibration,
    CalibrationItemReport,
    CalibrationOutcome,
    DifReport,
    ItemFitReport,
    ItemParameters,
    ParameterEstimate,
)

# The bounds an item document accepts for its parameters (items.content.Params).
A_MAX, B_LIMIT = 5.0, 6.0


@dataclass(frozen=True)
class UnitItem:
    """A calibration unit: an item version, with the responses to versions of the same content."""

    item_id: uuid.UUID
    version_id: uuid.UUID
    version: int
    key: str
    competence: str
    a: float
    b: float
    c: float
    pretest: bool
    anchored: bool


@dataclass(frozen=True)
class AreaData:
    """The sessions x units response matrix of one area (NaN: not served, or skipped)."""

    framework: str
    area: str
    units: list[UnitItem]
    responses: Array
    language: NDArray[np.str_]


def _num(value: float) -> float | None:
    # JSON has no NaN: a value that could not be computed is null.
    return None if math.isnan(value) else float(value)


def _estimate(cal: Calibration, j: int) -> ParameterEstimate | None:
    if cal.anchored[j] or math.isnan(cal.b[j]):
        return None
    se = (_num(cal.se_a[j]), _num(cal.se_b[j]), _num(cal.se_c[j]))
    return ParameterEstimate(a=cal.a[j], b=cal.b[j], c=cal.c[j], se_a=se[0], se_b=se[1], se_c=se[2])


def _dif_report(result: DifResult) -> DifReport:
    return DifReport(
        ets_class=result.ets_class,
        delta=_num(result.delta),
        se_delta=_num(result.se_delta),
        p_value=_num(result.p_value),
        n_reference=result.n_reference,
        n_focal=result.n_focal,
    )


def _flags(estimate: ParameterEstimate | None, fit: ItemFit, dif: DifResult) -> list[str]:
    flags = list(fit.flags)
    if dif.flagged:
        flags.append(f"dif_{dif.ets_class}")
    if estimate is not None and (estimate.a > A_MAX or abs(estimate.b) > B_LIMIT):
        flags.append("out_of_range")
    return flags


def _outcome(unit: UnitItem, responses: int, flags: list[str], min_responses: int) -> CalibrationOutcome:
    if unit.anchored:
        return CalibrationOutcome.anchored
    if responses < min_responses or "few_responses" in flags:
        return CalibrationOutcome.few_responses
    return CalibrationOutcome.flagged if flags else CalibrationOutcome.ready


def _item_report(
    data: AreaData, j: int, cal: Calibration, fit: ItemFit, dif: DifResult, min_responses: int
) -> CalibrationItemReport:
    unit, responses = data.units[j], int(cal.n_responses[j])
    estimate = _estimate(cal, j)
    flags = _flags(estimate, fit, dif)
    return CalibrationItemReport(
        item_id=unit.item_id,
        item_version_id=unit.version_id,
        version=unit.version,
        key=unit.key,
        area=data.area,
        competence=unit.competence,
        pretest=unit.pretest,
        anchored=unit.anchored,
        responses=responses,
        current=ItemParameters(a=unit.a, b=unit.b, c=unit.c),
        estimate=estimate,
        fit=ItemFitReport(
            rmsd=_num(fit.rmsd),
            infit=_num(fit.infit),
            outfit=_num(fit.outfit),
            rest_correlation=_num(fit.rest_correlation),
        ),
        dif=_dif_report(dif),
        flags=flags,
        outcome=_outcome(unit, responses, flags, min_responses),
    )


def _dif(data: AreaData, cal: Calibration) -> list[DifResult]:
    # Only the two language versions are compared; sessions in any other language sit out.
    rows = np.isin(data.language, ("lt", "en"))
    return dif_on_theta(data.responses[rows], data.language[rows] == "en", cal)


def analyse_area(data: AreaData, min_responses: int) -> tuple[AreaCalibration, list[CalibrationItemReport]]:
    """Calibrate one area (anchors fixed), then judge fit and DIF of every unit."""
    units = data.units
    cal = calibrate(
        data.responses,
        np.array([u.a for u in units]),
        np.array([u.b for u in units]),
        np.array([u.c for u in units]),
        anchored=np.array([u.anchored for u in units], dtype=bool),
    )
    fits, difs = item_fit(data.responses, cal), _dif(data, cal)
    reports = [_item_report(data, j, cal, fits[j], difs[j], min_responses) for j in range(len(units))]
    anchors = int((cal.anchored & (cal.n_responses > 0)).sum())
    summary = AreaCalibration(
        framework=data.framework,
        area=data.area,
        scale="anchored" if anchors else "standard",
        sessions=int((~np.isnan(data.responses)).any(axis=1).sum()),
        responses=int(cal.n_responses.sum()),
        items=len(units),
        anchors=anchors,
        latent_mean=cal.latent_mean,
        latent_sd=cal.latent_sd,
        iterations=cal.iterations,
        converged=cal.converged,
    )
    return summary, reports
