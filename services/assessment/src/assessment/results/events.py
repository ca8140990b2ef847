"""`assessment.completed`: its name, its webhook declaration and publishing it."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.database import events
from assessment.results.models import Result
from assessment.results.schemas import AreaLevel, AssessmentCompletedEvent, CompetenceLevel
from kit.events.outbox import publish

ASSESSMENT_COMPLETED = "assessment.completed"


def completed_event(result: Result) -> AssessmentCompletedEvent:
    """The event payload of a stored result (levels only: no answers, no items)."""
    return AssessmentCompletedEvent(
        person_id=result.person_id,
        session_id=result.session_id,
        result_id=result.id,
        framework=result.framework,
        language=result.language,
        finished_at=result.finished_at,
        complete=result.complete,
        areas=[AreaLevel.model_validate(area) for area in result.areas],
        competences=[CompetenceLevel.model_validate(competence) for competence in result.competences],
        items_answered=result.items_answered,
    )


async def publish_completed(session: AsyncSession, result: Result) -> None:
    """Publish `assessment.completed` through the outbox, in the caller's transaction."""
    payload = completed_event(result).model_dump(mode="json")
    await publish(session, events, ASSESSMENT_COMPLETED, payload)


webhooks = APIRouter()


@webhooks.post(ASSESSMENT_COMPLETED, summary="A person finished a diagnostic test")
def assessment_completed(event: AssessmentCompletedEvent) -> None:
    """Sent once per finished session, with the levels per area and competence and their ranges."""
