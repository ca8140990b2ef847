"""Every table of the assessment service, imported so migrations see them all."""

from assessment.calibration.models import CalibrationRun
from assessment.database import metadata
from assessment.directory.models import PersonLink
from assessment.frameworks.models import Area, Competence, Framework, ProficiencyLevel
from assessment.items.models import Item, ItemVersion
from assessment.results.models import Result
from assessment.sessions.models import SessionItem, TestSession

__all__ = [
    "Area",
    "CalibrationRun",
    "Competence",
    "Framework",
    "Item",
    "ItemVersion",
    "PersonLink",
    "ProficiencyLevel",
    "Result",
    "SessionItem",
    "TestSession",
    "metadata",
]
