"""The events workshops publish, declared for the OpenAPI `webhooks` (names from the modules that
publish them)."""

from __future__ import annotations

from fastapi import APIRouter

from catalog.workshops import attendance, registrations, reminders, sessions
from catalog.workshops.schemas import AttendedEvent, RegistrationEvent, ReminderEvent, SessionCancelledEvent

webhooks = APIRouter()


@webhooks.post(registrations.CONFIRMED_EVENT, summary="A person got a seat at a workshop session")
def registration_confirmed(event: RegistrationEvent) -> None:
    """Sent when a registration is confirmed at once, or when an organiser approves it into a seat."""


@webhooks.post(registrations.WAITLISTED_EVENT, summary="A person joined a session's waitlist")
def registration_waitlisted(event: RegistrationEvent) -> None:
    """Sent when every seat is taken; `waitlist_position` says where they stand."""


@webhooks.post(registrations.PENDING_EVENT, summary="A registration awaits an organiser's approval")
def registration_pending_approval(event: RegistrationEvent) -> None:
    """Sent for workshops that need approval: the organisers have a request to decide."""


@webhooks.post(registrations.PROMOTED_EVENT, summary="A waitlisted person got a freed seat")
def registration_promoted(event: RegistrationEvent) -> None:
    """Sent in the same transaction that freed the seat: the person now has a confirmed place."""


@webhooks.post(registrations.CANCELLED_EVENT, summary="A registration was cancelled")
def registration_cancelled(event: RegistrationEvent) -> None:
    """Sent when a person gives back their place (`reason` `by_person`) or an organiser declines it."""


@webhooks.post(sessions.SESSION_CANCELLED, summary="A workshop session was cancelled")
def session_cancelled(event: SessionCancelledEvent) -> None:
    """Sent once, naming everyone who held a place (confirmed, waitlisted or awaiting approval)."""


@webhooks.post(reminders.REMINDER, summary="A workshop session starts within a day")
def session_reminder(event: ReminderEvent) -> None:
    """One per confirmed registrant, once per session, about a day before it starts."""


@webhooks.post(attendance.ATTENDED, summary="A person attended a workshop session")
def workshop_attended(event: AttendedEvent) -> None:
    """For pathways: progress on the workshop's competences. `attended` false withdraws a mistake."""
