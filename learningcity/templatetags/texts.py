"""Showing texts kept per language (learningcity.content_languages).

A text missing in the reader's language shows the default language's, marked with its `lang`
attribute so screen readers pronounce it right (WCAG 3.1.2):

    <h1{{ plan|lang_attr:"attractive_title" }}>{{ plan.attractive_title }}</h1>
    <p>{{ action|translated:"title" }}</p>           inline: <span lang="es">…</span> on fallback
    {{ plan|translated_block:"vision" }}             paragraphs: <div lang="es">…</div> on fallback
    {% text_field form "title" %}                    a form's inputs for a text, side by side
"""

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html

from learningcity.content_languages import fallback_language, field_in

register = template.Library()


def _wrap(tag, obj, field, html):
    language = fallback_language(obj, field)
    if language:
        return format_html('<{} lang="{}">{}</{}>', tag, language, html, tag)
    return html


@register.filter
def lang_attr(obj, field):
    """` lang="es"` when `obj.<field>` falls back to another language, else nothing."""
    language = fallback_language(obj, field) if obj is not None else None
    return format_html(' lang="{}"', language) if language else ""


@register.filter
def translated(obj, field):
    """`obj.<field>`, escaped, in a `<span lang>` when it falls back to another language."""
    if obj is None:
        return ""
    return _wrap("span", obj, field, conditional_escape(getattr(obj, field) or ""))


@register.filter
def translated_block(obj, field):
    """`obj.<field>` as paragraphs, in a `<div lang>` when it falls back to another language."""
    if obj is None:
        return ""
    return _wrap("div", obj, field, linebreaks_filter(getattr(obj, field) or "", autoescape=True))


@register.inclusion_tag("includes/text_field.html")
def text_field(form, name):
    """The form's inputs for the text `name`: one per language side by side, or its one input."""
    fields = [
        form[field_in(name, code)]
        for code, _name in settings.LANGUAGES
        if field_in(name, code) in form.fields
    ]
    if not fields:
        return {"field": form[name], "in_languages": []}
    legend = form._meta.model._meta.get_field(name).verbose_name
    return {"legend": legend, "in_languages": fields}
