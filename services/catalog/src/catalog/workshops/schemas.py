"""API shapes of workshops: mentors, workshop details, sessions, registrations, attendance, feedback."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Self

from pydantic import (
    AnyHttpUrl,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from catalog.items.schemas import LanguageCodes, Name, PlainText, Slug, plain_localized

# Plain text everywhere (HTML is refused, as in items): the SPA shows it as text.
Place = Annotated[PlainText, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Comment = Annotated[PlainText, StringConstraints(strip_whitespace=True, max_length=2000)]
if TYPE_CHECKING:
    Expertise = dict[str, str]
    Bio = dict[str, str]
else:
    Expertise = plain_localized(300)
    Bio = plain_localized(3000)
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
MAX_SESSION_LENGTH = timedelta(days=14)
MAX_SCHEDULE_AHEAD = timedelta(days=3 * 366)


_ISO_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _iso_text(value: Any) -> Any:
    """Only an ISO 8601 date-time, as the contract says: pydantic alone would also read `0` or
    `1700000000` as a moment (Unix time)."""
    if not isinstance(value, datetime) and not (isinstance(value, str) and _ISO_INSTANT.match(value)):
        raise ValueError("Give a date and time with its offset, e.g. 2026-12-01T10:00:00+02:00.")
    return value


# A moment with its UTC offset, written as ISO 8601.
Instant = Annotated[AwareDatetime, BeforeValidator(_iso_text)]


class Sector(StrEnum):
    """Where a mentor works."""

    public = "public"
    private = "private"


class WorkshopFormat(StrEnum):
    """How people take part."""

    in_person = "in_person"
    online = "online"
    hybrid = "hybrid"


class SessionStatus(StrEnum):
    """Whether a session takes place."""

    scheduled = "scheduled"
    cancelled = "cancelled"


class RegistrationStatus(StrEnum):
    """Where a registration stands."""

    confirmed = "confirmed"
    waitlisted = "waitlisted"
    pending_approval = "pending_approval"
    cancelled = "cancelled"


class MentorIn(BaseModel):
    """A mentor's profile as editors write it; `slug` is its natural key (a retried create is harmless)."""

    model_config = ConfigDict(extra="forbid")

    slug: Slug
    name: Name
    organisation: Name
    sector: Sector
    expertise: Expertise
    bio: Bio = {}
    languages: LanguageCodes
    email: Email | None = None
    person_id: uuid.UUID | None = Field(
        None, description="The DLA person this mentor is, for their own view."
    )


class Mentor(BaseModel):
    """A mentor's profile; `email` and `person_id` are shown to content editors only."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    slug: str
    name: str
    organisation: str
    sector: Sector
    expertise: dict[str, str]
    bio: dict[str, str]
    languages: list[str]
    email: str | None = None
    person_id: uuid.UUID | None = None


class WorkshopIn(BaseModel):
    """The workshop part of a learning item of kind `workshop` (its texts are the item's)."""

    model_config = ConfigDict(extra="forbid")

    format: WorkshopFormat
    location: Place | None = Field(None, description="Where it takes place (in person and hybrid).")
    meeting_url: AnyHttpUrl | None = Field(None, description="The link to join (online and hybrid).")
    requires_approval: bool = Field(False, description="Registrations wait for an organiser's approval.")
    cancellation_deadline_hours: Annotated[int, Field(ge=0, le=720)] = 24
    organiser_ids: Annotated[list[uuid.UUID], Field(max_length=50)] = []
    mentor_ids: Annotated[list[uuid.UUID], Field(max_length=20)] = []

    @model_validator(mode="after")
    def _format_needs_place(self) -> Self:
        if self.format != WorkshopFormat.online and self.location is None:
            raise ValueError("an in-person or hybrid workshop needs a location")
        if self.format != WorkshopFormat.in_person and self.meeting_url is None:
            raise ValueError("an online or hybrid workshop needs a meeting_url")
        if len(set(self.mentor_ids)) != len(self.mentor_ids):
            raise ValueError("mentor_ids must not repeat")
        return self


class SessionIn(BaseModel):
    """A new session; `starts_at` (with `item`) is its natural key, so a retried create is harmless."""

    model_config = ConfigDict(extra="forbid")

    starts_at: Instant
    ends_at: Instant
    capacity: Annotated[int, Field(ge=1, le=10_000)]
    location: Place | None = Field(None, description="Only when it differs from the workshop's.")

    @model_validator(mode="after")
    def _times_make_sense(self) -> Self:
        now = datetime.now(tz=UTC)
        if self.starts_at <= now:
            raise ValueError("starts_at must be in the future")
        if self.starts_at > now + MAX_SCHEDULE_AHEAD:
            raise ValueError("starts_at must be within three years")
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if self.ends_at - self.starts_at > MAX_SESSION_LENGTH:
            raise ValueError("a session lasts at most 14 days")
        return self


class Feedback(BaseModel):
    """Feedback on a session."""

    registration_id: uuid.UUID
    session_id: uuid.UUID
    rating: int
    comment: str | None
    created_at: datetime
    updated_at: datetime


class Registration(BaseModel):
    """A person's registration for a session."""

    id: uuid.UUID
    session_id: uuid.UUID
    item_id: uuid.UUID
    person_id: uuid.UUID
    status: RegistrationStatus
    waitlist_position: int | None = Field(None, description="1 is next in line; set while waitlisted.")
    created_at: datetime
    updated_at: datetime
    cancelled_at: datetime | None
    promoted_at: datetime | None
    attended: bool | None
    feedback: Feedback | None = Field(None, description="My feedback, where the registration is mine.")


class SessionOut(BaseModel):
    """A session with its seats and, for a signed-in person, their registration."""

    id: uuid.UUID
    item_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    timezone: str = Field(description="Always `Europe/Vilnius`: show the times in it.")
    capacity: int
    status: SessionStatus
    location: str | None = Field(description="The session's place, or the workshop's.")
    confirmed: int
    seats_left: int
    waitlist_length: int
    cancellation_deadline: datetime = Field(description="A confirmed seat can be given back until then.")
    can_record_attendance: bool = Field(description="The caller mentors or organises this workshop.")
    my_registration: Registration | None = None


class WorkshopRef(BaseModel):
    """Which workshop something belongs to."""

    item_id: uuid.UUID
    slug: str
    title: dict[str, str]
    format: WorkshopFormat


class WorkshopSummary(BaseModel):
    """A workshop as lists show it: the learning item's texts and tags, the format, what's next."""

    item_id: uuid.UUID = Field(description="The learning item's id.")
    slug: str
    status: str
    title: dict[str, str]
    summary: dict[str, str]
    competence_levels: list[dict[str, Any]]
    competences: list[str]
    level_min: int
    level_max: int
    languages: list[str]
    duration_minutes: int
    rating_count: int
    rating_average: float | None
    format: WorkshopFormat
    location: str | None
    requires_approval: bool
    cancellation_deadline_hours: int
    mentors: list[Mentor]
    sessions: list[SessionOut] = Field(description="Upcoming sessions in lists, every session in detail.")


class WorkshopDetail(WorkshopSummary):
    """One workshop: also its description and, for those who may see them, the link and organisers."""

    body_html: dict[str, str] = Field(description="The description: the item's sanitised Markdown body.")
    meeting_url: str | None = Field(
        description="Only for confirmed registrants, the workshop's mentors and organisers, and editors."
    )
    organiser_ids: list[uuid.UUID] = Field(description="Only for the workshop's editors and organisers.")


class MyRegistration(Registration):
    """One of my registrations, with its session and workshop."""

    session: SessionOut
    workshop: WorkshopRef
    meeting_url: str | None = Field(description="Set while the registration is confirmed.")


class ListedSession(SessionOut):
    """A session in a list across workshops (the calendar, the sessions I mentor)."""

    workshop: WorkshopRef


class PendingApproval(BaseModel):
    """A registration request of someone I supervise, awaiting a decision."""

    registration_id: uuid.UUID
    person_id: uuid.UUID
    # The name identity announced (`identity.person.created`); None while the catalog knows none.
    display_name: str | None
    session_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    timezone: str = Field(description="Always `Europe/Vilnius`: show the times in it.")
    workshop: WorkshopRef
    requested_at: datetime


class Attendee(BaseModel):
    """A registrant as the session's mentors and organisers see them."""

    registration_id: uuid.UUID
    person_id: uuid.UUID
    # The name identity announced (`identity.person.created`); None while the catalog knows none.
    display_name: str | None
    status: RegistrationStatus
    waitlist_position: int | None
    registered_at: datetime
    attended: bool | None
    attended_recorded_at: datetime | None


class AttendeeList(BaseModel):
    """A session's registrants, for its mentors and organisers (names as identity announced them)."""

    session: SessionOut
    workshop: WorkshopRef
    items: list[Attendee]


class AttendanceIn(BaseModel):
    """Whether a confirmed registrant attended."""

    model_config = ConfigDict(extra="forbid")

    person_id: uuid.UUID
    attended: bool


class FeedbackIn(BaseModel):
    """An attendee's rating and comment (plain text; shown escaped)."""

    model_config = ConfigDict(extra="forbid")

    rating: Annotated[int, Field(ge=1, le=5)]
    comment: Comment | None = None


class SessionFeedback(BaseModel):
    """All feedback on a session, for its mentors and organisers."""

    count: int
    rating_average: float | None
    items: list[Feedback]


# Event payloads (declared in the OpenAPI `webhooks`).


class RegistrationEvent(BaseModel):
    """Payload of `catalog.registration.*`: who, which session, and where they stand now."""

    registration_id: uuid.UUID
    person_id: uuid.UUID
    session_id: uuid.UUID
    item_id: uuid.UUID
    title: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    timezone: str
    status: RegistrationStatus
    waitlist_position: int | None
    reason: str | None = Field(None, description="For `cancelled`: `by_person`, `declined`.")


class SessionCancelledEvent(BaseModel):
    """Payload of `catalog.workshop.session_cancelled`: everyone who held a place is told."""

    session_id: uuid.UUID
    item_id: uuid.UUID
    title: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    timezone: str
    person_ids: list[uuid.UUID]


class ReminderEvent(BaseModel):
    """Payload of `catalog.workshop.reminder`: one per confirmed registrant, once per session."""

    registration_id: uuid.UUID
    person_id: uuid.UUID
    session_id: uuid.UUID
    item_id: uuid.UUID
    title: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    timezone: str
    format: WorkshopFormat
    location: str | None


class AttendedEvent(BaseModel):
    """Payload of `catalog.workshop.attended`: for pathways (progress) and credentials.

    `attended` false withdraws an attendance recorded before by mistake.
    """

    person_id: uuid.UUID
    item_id: uuid.UUID
    session_id: uuid.UUID
    attended: bool
    competences: list[dict[str, Any]] = Field(description="`{code, level_min, level_max}` per competence.")
    level_min: int
    level_max: int
    duration_minutes: int
    attended_at: datetime = Field(description="When the session started.")
    recorded_at: datetime
