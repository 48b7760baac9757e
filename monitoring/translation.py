"""The indicator texts a reader sees, kept in each language
(docs/decisions/0001-content-languages.md): `<field>_es` and `<field>_en`, the default language
required wherever the field itself is."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from learningcity.content_languages import keep_translations_in_history
from monitoring.models import Bulletin, Indicator
from monitoring.survey_models import Question, Survey


@register(Indicator)
class IndicatorTexts(TranslationOptions):
    fields = ("name", "definition", "unit", "data_source")
    required_languages = (settings.LANGUAGE_CODE,)


@register(Bulletin)
class BulletinTexts(TranslationOptions):
    fields = ("title", "body")
    required_languages = (settings.LANGUAGE_CODE,)


@register(Survey)
class SurveyTexts(TranslationOptions):
    fields = ("title", "intro")
    required_languages = (settings.LANGUAGE_CODE,)


@register(Question)
class QuestionTexts(TranslationOptions):
    # Answers keep a choice's place in the list, so every language's list has as many lines
    # (Question.clean).
    fields = ("text", "choices")
    required_languages = (settings.LANGUAGE_CODE,)


# The history tables keep every language too.
keep_translations_in_history()
