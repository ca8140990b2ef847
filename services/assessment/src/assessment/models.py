"""Every table of the assessment service, imported so migrations see them all."""

from assessment.database import metadata
from assessment.frameworks.models import Area, Competence, Framework, ProficiencyLevel

__all__ = ["Area", "Competence", "Framework", "ProficiencyLevel", "metadata"]
