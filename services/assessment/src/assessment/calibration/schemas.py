"""Shapes of a calibration report (stored as JSONB) and of the calibration-run API."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel

from assessment.calibration.dif import EtsClass


class CalibrationOutcome(StrEnum):
    """What became of an item in a run."""

    anchored = "anchored"  # a calibrated active version: its parameters were held fixed
    few_responses = "few_responses"  # estimated, but fewer responses than the run's minimum
    flagged = "flagged"  # misfit, discrimination or DIF flags: an editor looks first
    ready = "ready"  # estimated, enough responses, no flags; `--apply` writes it
    applied = "applied"  # a new version with the estimates was written
    not_applied = "not_applied"  # ready, but the item changed or stopped being served meanwhile


class ItemParameters(BaseModel):
    """3PL parameters on the logistic scale."""

    a: float
    b: float
    c: float


class ParameterEstimate(ItemParameters):
    """Estimated parameters with standard errors (None: the parameter was held fixed)."""

    se_a: float | None
    se_b: float | None
    se_c: float | None


class ItemFitReport(BaseModel):
    """Item fit (None where it could not be computed)."""

    rmsd: float | None
    infit: float | None
    outfit: float | None
    rest_correlation: float | None


class DifReport(BaseModel):
    """Mantel-Haenszel DIF between LT (reference) and EN (focal); Δ > 0 is harder in LT."""

    ets_class: EtsClass
    delta: float | None
    se_delta: float | None
    p_value: float | None
    n_reference: int
    n_focal: int


class CalibrationItemReport(BaseModel):
    """One calibrated item: the version whose parameters it estimates, and what was found."""

    item_id: uuid.UUID
    item_version_id: uuid.UUID
    version: int
    key: str
    area: str
    competence: str
    pretest: bool
    anchored: bool
    responses: int
    current: ItemParameters
    estimate: ParameterEstimate | None
    fit: ItemFitReport | None
    dif: DifReport | None
    flags: list[str]
    outcome: CalibrationOutcome
    # The version `--apply` wrote (in review: an editor publishes it).
    new_version: int | None = None
    new_version_id: uuid.UUID | None = None


class CalibrationRunSummary(BaseModel):
    """A calibration run in a list."""

    id: uuid.UUID
    started_at: datetime
    finished_at: datetime
    responses: int
    min_responses: int
    applied: bool
    items: int
    flagged: int
    new_versions: int


class AreaCalibration(BaseModel):
    """One area's calibration: its own scale, fixed by anchors or by θ ~ N(0, 1)."""

    framework: str
    area: str
    scale: Literal["anchored", "standard"]
    sessions: int
    responses: int
    items: int
    anchors: int
    latent_mean: float
    latent_sd: float
    iterations: int
    converged: bool


class CalibrationReport(BaseModel):
    """What a run found: per area, then per item."""

    areas: list[AreaCalibration]
    items: list[CalibrationItemReport]


class CalibrationRunDetail(CalibrationRunSummary):
    """A calibration run with its whole report."""

    report: CalibrationReport
