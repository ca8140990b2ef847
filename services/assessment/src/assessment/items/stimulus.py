"""What a learner looks at beside an item's stem: an e-mail, a chat, a sharing dialog, search results,
a document excerpt or a settings panel. Human-readable fields are `{language: text}`; addresses,
file names and URLs are plain strings, as they would be on screen in any language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from kit.text import LanguageCode

_Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
_Long = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=6000)]
ShortText = Annotated[dict[LanguageCode, _Short], Field(min_length=1, max_length=20)]
LongText = Annotated[dict[LanguageCode, _Long], Field(min_length=1, max_length=20)]
Plain = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]

TextPath = tuple[str, dict[str, str]]

# The fields that hold `{language: text}` in every stimulus kind (the rest are plain strings).
TEXT_FIELDS = frozenset(
    {"subject", "body", "text", "title", "description", "query", "snippet", "label", "value"}
)


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Link(_Part):
    """A link as shown (`text`) and where it really goes (`url`)."""

    text: ShortText
    url: Url


class EmailStimulus(_Part):
    """An e-mail message."""

    kind: Literal["email"]
    from_: Annotated[Plain, Field(alias="from")]
    to: Plain | None = None
    subject: ShortText
    body: LongText
    links: Annotated[list[Link], Field(max_length=10)] = []
    attachments: Annotated[list[Plain], Field(max_length=10)] = []

    def texts(self) -> Iterator[TextPath]:
        """Every human-readable text, with where it is."""
        yield "stimulus.subject", self.subject
        yield "stimulus.body", self.body
        for index, link in enumerate(self.links):
            yield f"stimulus.links[{index}].text", link.text


class ChatMessage(_Part):
    """One message of a chat; `author` is a (fictional) name as shown."""

    author: Plain
    text: LongText


class ChatStimulus(_Part):
    """A chat or channel conversation."""

    kind: Literal["chat"]
    title: ShortText | None = None
    messages: Annotated[list[ChatMessage], Field(min_length=1, max_length=20)]

    def texts(self) -> Iterator[TextPath]:
        """Every human-readable text, with where it is."""
        if self.title is not None:
            yield "stimulus.title", self.title
        for index, message in enumerate(self.messages):
            yield f"stimulus.messages[{index}].text", message.text


class ShareDialogStimulus(_Part):
    """A dialog for sharing a document: which file, and what it holds and who needs it."""

    kind: Literal["share_dialog"]
    document: Plain
    title: ShortText
    description: LongText

    def texts(self) -> Iterator[TextPath]:
        """Every human-readable text, with where it is."""
        yield "stimulus.title", self.title
        yield "stimulus.description", self.description


class SearchResult(_Part):
    """One search result."""

    title: ShortText
    url: Url
    snippet: LongText


class SearchStimulus(_Part):
    """A search query and its results."""

    kind: Literal["search"]
    query: ShortText
    results: Annotated[list[SearchResult], Field(min_length=1, max_length=10)]

    def texts(self) -> Iterator[TextPath]:
        """Every human-readable text, with where it is."""
        yield "stimulus.query", self.query
        for index, result in enumerate(self.results):
            yield f"stimulus.results[{index}].title", result.title
            yield f"stimulus.results[{index}].snippet", result.snippet


class DocumentStimulus(_Part):
    """An excerpt of a document (a table is given as lines)."""

    kind: Literal["document"]
    title: ShortText
    body: LongText

    def texts(self) -> Iterator[TextPath]:
        """Every human-readable text, with where it is."""
        yield "stimulus.title", self.title
        yield "stimulus.body", self.body


class Setting(_Part):
    """One line of a settings panel."""

    label: ShortText
    value: ShortText


class SettingsStimulus(_Part):
    """A panel of current settings."""

    kind: Literal["settings"]
    title: ShortText
    settings: Annotated[list[Setting], Field(min_length=1, max_length=20)]

    def texts(self) -> Iterator[TextPath]:
        """Every human-readable text, with where it is."""
        yield "stimulus.title", self.title
        for index, setting in enumerate(self.settings):
            yield f"stimulus.settings[{index}].label", setting.label
            yield f"stimulus.settings[{index}].value", setting.value


Stimulus = Annotated[
    EmailStimulus | ChatStimulus | ShareDialogStimulus | SearchStimulus | DocumentStimulus | SettingsStimulus,
    Field(discriminator="kind"),
]
