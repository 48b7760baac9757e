"""The provision texts a reader sees, kept in each language
(docs/decisions/0001-content-languages.md): `<field>_es` and `<field>_en`, the default language
required wherever the field itself is."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from provision.models import GuidancePoint, LearningSpace, Opportunity


class Texts(TranslationOptions):
    required_languages = (settings.LANGUAGE_CODE,)


@register(LearningSpace)
class LearningSpaceTexts(Texts):
    fields = ("name", "description")


@register(Opportunity)
class OpportunityTexts(Texts):
    fields = ("name", "description", "fees_description", "schedule_description", "recognition")


@register(GuidancePoint)
class GuidancePointTexts(Texts):
    fields = ("name", "description", "hours")


# Recognition of non-formal learning (provision.recognition_models).
from provision.recognition_models import Credential, RecognitionProcedure  # noqa: E402


@register(RecognitionProcedure)
class RecognitionProcedureTexts(Texts):
    fields = ("title", "assessed", "assessment", "evidence_guidance")


@register(Credential)
class CredentialTexts(Texts):
    # Copied from the procedure when issued, in every language.
    fields = ("title",)
