"""Lesson bodies: Markdown rendered to safe HTML, and the plain text search reads.

Two locks, not one: markdown-it renders with raw HTML off (a `<script>` in the source becomes
visible text) and refuses `javascript:` links, then nh3 keeps only an allow-list of tags and
attributes, so a renderer bug or a later plugin still cannot put active content on a page.
"""

from __future__ import annotations

from collections.abc import Mapping

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

_RENDERER = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul", "s",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"style"},
    "th": {"style"},
    "code": {"class"},
}
_CELL_STYLES = {"text-align"}
URL_SCHEMES = {"http", "https", "mailto"}


def render(source: str) -> str:
    """Sanitised HTML of one Markdown text."""
    html = _RENDERER.render(source)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        filter_style_properties=_CELL_STYLES,
        link_rel="noopener noreferrer nofollow",
    )


def render_all(bodies: Mapping[str, str]) -> dict[str, str]:
    """Each language's body rendered."""
    return {language: render(source) for language, source in bodies.items()}


def plain_text(source: str) -> str:
    """The words of a Markdown text without its markup (for search)."""
    parts: list[str] = []
    _collect(_RENDERER.parse(source), parts)
    return " ".join(part for part in parts if part)


def _collect(tokens: list[Token], parts: list[str]) -> None:
    for token in tokens:
        if token.children:
            _collect(token.children, parts)
        elif token.type in ("text", "code_inline", "code_block", "fence", "html_inline", "html_block"):
            parts.append(token.content.strip())
        elif token.type == "image":
            parts.append(str(token.attrs.get("alt", "") or token.content))
