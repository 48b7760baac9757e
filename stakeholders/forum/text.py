"""Posts are written in Markdown and shown as HTML: markdown-it renders CommonMark with raw HTML
turned off (what people type as tags is shown as text), and nh3 then keeps only an allow-list of
tags, attributes and URL schemes, whatever the renderer let through. Links people post get
`rel="nofollow ugc"`: search engines should not read them as the city's recommendation."""

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# Headings inside a post would break the page's outline (the topic's title is its heading).
_markdown.disable("heading").disable("lheading").disable("image")

TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render(body):
    """The safe HTML of a post's Markdown."""
    return nh3.clean(
        _markdown.render(body or ""),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc",
    )


def excerpt(body, length=200):
    """The first words of a post as plain text, for notifications and search results."""
    text = nh3.clean(_markdown.render(body or ""), tags=set())
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"
