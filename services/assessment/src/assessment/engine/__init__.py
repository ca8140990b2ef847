"""The adaptive test engine: multidimensional 3PL IRT, item selection, stopping and levels (no I/O).

The engine is stateless: every call recomputes from the bank and the session's answers.
"""

from assessment.engine.estimate import estimate
from assessment.engine.levels import initial_params, level_for_theta, theta_for_level
from assessment.engine.model import (
    Answer,
    AreaResult,
    BankItem,
    CompetenceResult,
    EngineConfig,
    Estimate,
    Progress,
    Report,
)
from assessment.engine.prior import self_assessment_prior
from assessment.engine.report import progress, report
from assessment.engine.select import select_next

__all__ = [
    "Answer",
    "AreaResult",
    "BankItem",
    "CompetenceResult",
    "EngineConfig",
    "Estimate",
    "Progress",
    "Report",
    "estimate",
    "initial_params",
    "level_for_theta",
    "progress",
    "report",
    "select_next",
    "self_assessment_prior",
    "theta_for_level",
]
