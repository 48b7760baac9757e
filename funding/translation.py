"""The funding texts a reader sees, kept in each language
(docs/decisions/0001-content-languages.md): `<field>_es` and `<field>_en`, the default language
required wherever the field itself is. Names of sources and parties stay as they are: they are
names."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from funding.models import BudgetLine, CostBenefitAnalysis, CostSharingAgreement, SharedResource
from learningcity.content_languages import keep_translations_in_history


@register(BudgetLine)
class BudgetLineTexts(TranslationOptions):
    fields = ("item",)
    required_languages = (settings.LANGUAGE_CODE,)


@register(CostSharingAgreement)
class AgreementTexts(TranslationOptions):
    fields = ("title", "programme")
    required_languages = (settings.LANGUAGE_CODE,)


@register(CostBenefitAnalysis)
class AnalysisTexts(TranslationOptions):
    fields = ("title", "programme", "assumptions", "evidence")
    required_languages = (settings.LANGUAGE_CODE,)


@register(SharedResource)
class ResourceTexts(TranslationOptions):
    fields = ("name", "description")
    required_languages = (settings.LANGUAGE_CODE,)


# The history tables keep every language too.
keep_translations_in_history()
