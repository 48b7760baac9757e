import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event, Kind
from learningcity.filters import IdChoiceFilter
from learningcity.models import AccessibilityFeature, District


class EventFilter(django_filters.FilterSet):
    """The calendar's filters; the archive of past events uses the same."""

    kind = django_filters.ChoiceFilter(
        choices=Kind.choices, label=_("Kind of event"), empty_label=_("All kinds")
    )
    # Dates in the city's time zone (the request's): an event still on that day is shown.
    start = django_filters.DateFilter(
        field_name="ends_at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = django_filters.DateFilter(
        field_name="starts_at",
        lookup_expr="date__lte",
        label=_("Until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    district = IdChoiceFilter(
        queryset=District.objects.all(), label=_("District"), empty_label=_("All districts")
    )
    price = django_filters.ChoiceFilter(
        choices=[("free", _("Free of charge")), ("paid", _("With a price"))],
        method="by_price",
        label=_("Price"),
        empty_label=_("Free or with a price"),
    )
    accessibility = django_filters.ModelMultipleChoiceFilter(
        field_name="accessibility_features__slug",
        queryset=AccessibilityFeature.objects.all(),
        to_field_name="slug",
        conjoined=True,
        widget=forms.CheckboxSelectMultiple,
        label=_("The venue offers"),
    )

    class Meta:
        model = Event
        fields = ["kind", "start", "end", "district", "price", "accessibility"]

    def by_price(self, queryset, name, value):
        return queryset.filter(is_free=value == "free")
