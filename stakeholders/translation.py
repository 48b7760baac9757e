"""The stakeholders' texts a reader sees, kept in each language
(docs/decisions/0001-content-languages.md). Names of organisations and cities are not translated."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from learningcity.content_languages import keep_translations_in_history
from stakeholders.models import (
    Category,
    CommitteeDecision,
    Exchange,
    GoodPractice,
    Organisation,
)


class Texts(TranslationOptions):
    required_languages = (settings.LANGUAGE_CODE,)


@register(Organisation)
class OrganisationTexts(Texts):
    fields = ("description",)


@register(CommitteeDecision)
class CommitteeDecisionTexts(Texts):
    fields = ("text",)


@register(Exchange)
class ExchangeTexts(Texts):
    fields = ("topic", "description")


@register(GoodPractice)
class GoodPracticeTexts(Texts):
    fields = ("title", "summary")


@register(Category)
class CategoryTexts(Texts):
    fields = ("name", "description")


# The history tables keep every language too.
keep_translations_in_history()
