"""The planning texts a reader sees, kept in each language
(docs/decisions/0001-content-languages.md).

django-modeltranslation adds `<field>_es` and `<field>_en` to each field named here; the default
language is required wherever the field itself is."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from learningcity.content_languages import keep_translations_in_history
from planning.models import (
    Action,
    ActionPlan,
    Charter,
    Consultation,
    KflcFeature,
    Milestone,
    Objective,
    Theme,
    Workshop,
    WorkshopMaterial,
)


class Texts(TranslationOptions):
    required_languages = (settings.LANGUAGE_CODE,)


@register(KflcFeature)
class KflcFeatureTexts(Texts):
    fields = ("title", "suggested_measurements")


@register(ActionPlan)
class ActionPlanTexts(Texts):
    fields = ("title", "attractive_title", "vision", "national_alignment")


@register(Theme)
class ThemeTexts(Texts):
    fields = ("title", "challenge")


@register(Objective)
class ObjectiveTexts(Texts):
    fields = ("title", "description", "means_of_evaluation")


@register(Action)
class ActionTexts(Texts):
    fields = ("title", "description")


@register(Milestone)
class MilestoneTexts(Texts):
    fields = ("title",)


@register(Charter)
class CharterTexts(Texts):
    fields = ("title", "text", "alignment")


@register(Workshop)
class WorkshopTexts(Texts):
    fields = ("topic", "description")


@register(WorkshopMaterial)
class WorkshopMaterialTexts(Texts):
    fields = ("title",)


@register(Consultation)
class ConsultationTexts(Texts):
    fields = ("title", "question")


# The history tables keep every language too.
keep_translations_in_history()
