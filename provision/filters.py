"""The search page's filters; the map and the GeoJSON API read the same ones, so a search can be
shared as its URL whichever of them shows it."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learningcity.models import AccessibilityFeature, District, TargetGroup
from provision import search
from provision.models import (
    ARRANGEMENTS,
    BARRIERS,
    SOON,
    Language,
    LearningNeed,
    LearningSpace,
    Opportunity,
    Resource,
    Subject,
)

SCHEDULES = [
    ("mornings", _("Mornings")),
    ("evenings", _("Evenings")),
    ("weekends", _("Weekends")),
]


def _by_slug(field_name, queryset, label, empty_label):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=queryset,
        to_field_name="slug",
        label=label,
        empty_label=empty_label,
    )


def _checkbox(label, method):
    return django_filters.BooleanFilter(label=label, method=method, widget=forms.CheckboxInput)


def _features(field_name, label):
    return django_filters.ModelMultipleChoiceFilter(
        field_name=f"{field_name}__slug",
        queryset=AccessibilityFeature.objects.all(),
        to_field_name="slug",
        conjoined=True,
        widget=forms.CheckboxSelectMultiple,
        label=label,
    )


class OpportunityFilter(django_filters.FilterSet):
    # The filters shown as drop-down lists, side by side.
    SELECTS = ["subject", "district", "format", "cost", "language", "group"]

    q = django_filters.CharFilter(
        label=_("Search"),
        method="by_text",
        max_length=search.MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    subject = _by_slug("subjects", Subject.objects.all(), _("Subject"), _("All subjects"))
    district = _by_slug("district", District.objects.all(), _("District"), _("All districts"))
    format = django_filters.ChoiceFilter(
        choices=Opportunity.Format.choices, label=_("Format"), empty_label=_("Any format")
    )
    cost = django_filters.ChoiceFilter(
        choices=[("free", _("Free of charge")), ("paid", _("With a cost"))],
        method="by_cost",
        label=_("Cost"),
        empty_label=_("Free or with a cost"),
    )
    language = _by_slug("languages", Language.objects.all(), _("Language"), _("Any language"))
    group = _by_slug("target_groups", TargetGroup.objects.all(), _("Especially for"), _("Everyone"))
    schedule = django_filters.MultipleChoiceFilter(
        choices=SCHEDULES,
        method="by_schedule",
        widget=forms.CheckboxSelectMultiple,
        label=_("When you can come"),
    )
    accessibility = _features("location__accessibility_features", _("The place offers"))
    support = django_filters.MultipleChoiceFilter(
        choices=[(name, Opportunity._meta.get_field(name).verbose_name) for name in ARRANGEMENTS],
        method="by_support",
        widget=forms.CheckboxSelectMultiple,
        label=_("Support you need"),
    )
    recognition = _checkbox(_("Only with recognition of what you learn"), "by_recognition")
    soon = _checkbox(_("Only starting in the next 30 days"), "by_start")

    class Meta:
        model = Opportunity
        fields = []

    def by_text(self, queryset, name, value):
        return search.matching(queryset, value)

    def by_cost(self, queryset, name, value):
        return queryset.filter(is_free=value == "free")

    def by_schedule(self, queryset, name, value):
        """Held in any of the chosen parts of the week."""
        if not value:
            return queryset
        return queryset.filter(Q(*[Q(**{slot: True}) for slot in value], _connector=Q.OR))

    def by_support(self, queryset, name, value):
        """Offering every chosen arrangement."""
        return queryset.filter(**dict.fromkeys(value, True))

    def by_recognition(self, queryset, name, value):
        return queryset.filter(recognition_available=True) if value else queryset

    def by_start(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        return queryset.filter(starts_on__range=(today, today + SOON))


class SpaceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=LearningSpace.Kind.choices, label=_("Kind of space"), empty_label=_("All kinds")
    )
    district = _by_slug("district", District.objects.all(), _("District"), _("All districts"))
    resource = _by_slug("resources", Resource.objects.all(), _("Resources"), _("Any resources"))
    accessibility = _features("accessibility_features", _("The space offers"))

    class Meta:
        model = LearningSpace
        fields = []


class NeedFilter(django_filters.FilterSet):
    """The staff's filters of the learning needs; the figures above the list follow them."""

    status = django_filters.ChoiceFilter(
        choices=LearningNeed.Status.choices, label=_("Status"), empty_label=_("Any status")
    )
    subject = _by_slug("subject", Subject.objects.all(), _("Subject"), _("All subjects"))
    district = _by_slug("district", District.objects.all(), _("District"), _("All districts"))
    barrier = django_filters.ChoiceFilter(
        choices=BARRIERS, method="by_barrier", label=_("Barrier"), empty_label=_("Any barrier")
    )
    group = _by_slug("target_groups", TargetGroup.objects.all(), _("Target group"), _("Anyone"))

    class Meta:
        model = LearningNeed
        fields = []

    def by_barrier(self, queryset, name, value):
        return queryset.filter(**{f"barrier_{value}": True})
