import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learningcity.content_languages import text_search
from learningcity.filters import IdChoiceFilter
from learningcity.models import District, Sector
from stakeholders.models import ActionArea, GoodPractice, Organisation


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or what it does"))
    sector = IdChoiceFilter(
        queryset=Sector.objects.all(), label=_("Sector"), empty_label=_("All sectors")
    )
    kind = django_filters.ChoiceFilter(
        choices=Organisation.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    district = IdChoiceFilter(
        queryset=District.objects.all(), label=_("District"), empty_label=_("All districts")
    )

    class Meta:
        model = Organisation
        fields = ["q", "sector", "kind", "district"]

    def search(self, queryset, name, value):
        # The description in any language: a reader finds a text whichever language it shows in.
        return queryset.filter(
            Q(name__icontains=value) | text_search(Organisation, "description", "icontains", value)
        )


class GoodPracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    area = django_filters.ChoiceFilter(
        choices=ActionArea.choices,
        method="in_area",
        label=_("Action area"),
        empty_label=_("All action areas"),
    )
    kind = django_filters.ChoiceFilter(
        choices=GoodPractice.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    source = django_filters.ChoiceFilter(
        choices=GoodPractice.Source.choices, label=_("Source"), empty_label=_("All sources")
    )

    class Meta:
        model = GoodPractice
        fields = ["q", "area", "kind", "source"]

    def search(self, queryset, name, value):
        return queryset.filter(
            text_search(GoodPractice, "title", "icontains", value)
            | text_search(GoodPractice, "summary", "icontains", value)
            | Q(subjects__icontains=value)
        )

    def in_area(self, queryset, name, value):
        # JSON containment is not available on SQLite, so match the quoted code in the list.
        return queryset.filter(action_areas__icontains=f'"{value}"')
