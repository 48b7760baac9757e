"""The event texts a reader sees, kept in each language
(docs/decisions/0001-content-languages.md): `<field>_es` and `<field>_en`, the default language
required wherever the field itself is."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from events.models import Event, EventSeries, Session


class Texts(TranslationOptions):
    required_languages = (settings.LANGUAGE_CODE,)


@register(Event)
class EventTexts(Texts):
    fields = ("title", "summary", "description")


@register(EventSeries)
class EventSeriesTexts(Texts):
    fields = ("title", "summary")


@register(Session)
class SessionTexts(Texts):
    fields = ("title", "description")
