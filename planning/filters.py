import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learningcity.content_languages import text_search
from learningcity.filters import IdChoiceFilter
from learningcity.models import Sector
from planning.models import Action, KflcFocus, Objective, PlanChange, StocktakeEntry, Theme
from stakeholders.models import Organisation


class ActionFilter(django_filters.FilterSet):
    """The public plan's filters; `plan` limits the choices to its themes and objectives."""

    q = django_filters.CharFilter(method="search", label=_("Words in the action"))
    theme = IdChoiceFilter(
        field_name="objective__theme",
        queryset=Theme.objects.none(),
        label=_("Theme"),
        empty_label=_("All themes"),
    )
    objective = IdChoiceFilter(
        queryset=Objective.objects.none(), label=_("Objective"), empty_label=_("All objectives")
    )
    kflc = IdChoiceFilter(
        field_name="objective__kflc_focuses",
        queryset=KflcFocus.objects.all(),
        label=_("KFLC area of focus"),
        empty_label=_("All areas of focus"),
    )
    organisation = IdChoiceFilter(
        queryset=Organisation.objects.none(),
        method="responsible",
        label=_("Responsible organisation"),
        empty_label=_("All organisations"),
    )
    phase = django_filters.ChoiceFilter(
        choices=Action.Phase.choices, label=_("Phase"), empty_label=_("All phases")
    )
    status = django_filters.ChoiceFilter(
        field_name="current_status",
        choices=Action.Status.choices,
        label=_("Status"),
        empty_label=_("All statuses"),
    )

    class Meta:
        model = Action
        fields = ["q", "theme", "objective", "kflc", "organisation", "phase", "status"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["theme"].queryset = plan.themes.all()
        self.filters["objective"].queryset = plan.objectives.all()
        self.filters["organisation"].queryset = Organisation.objects.filter(
            Q(led_actions__objective__plan=plan) | Q(action_roles__action__objective__plan=plan)
        ).distinct()

    def search(self, queryset, name, value):
        # Either language: an action shown in Spanish for lack of English is found in Spanish.
        return queryset.filter(
            text_search(Action, "title", "icontains", value)
            | text_search(Action, "description", "icontains", value)
        )

    def responsible(self, queryset, name, value):
        return queryset.filter(Q(lead_organisation=value) | Q(roles__organisation=value)).distinct()


class StocktakeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    sector = IdChoiceFilter(
        queryset=Sector.objects.all(), label=_("Sector"), empty_label=_("All sectors")
    )
    kflc = IdChoiceFilter(
        field_name="kflc_focuses",
        queryset=KflcFocus.objects.all(),
        label=_("KFLC area of focus"),
        empty_label=_("All areas of focus"),
    )

    class Meta:
        model = StocktakeEntry
        fields = ["q", "sector", "kflc"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(description__icontains=value)
            | Q(organisation__name__icontains=value)
        )


class ChangeFilter(django_filters.FilterSet):
    """The change log's filters. A theme stands for itself in every version of the plan (by its
    lineage), so changes made before the latest adoption are found under it too."""

    theme = IdChoiceFilter(
        queryset=Theme.objects.none(),
        method="in_theme",
        label=_("Theme"),
        empty_label=_("All themes"),
    )
    organisation = IdChoiceFilter(
        queryset=Organisation.objects.none(),
        label=_("Organisation"),
        empty_label=_("All organisations"),
    )
    kind = django_filters.ChoiceFilter(
        choices=PlanChange.Kind.choices, label=_("Kind of change"), empty_label=_("All kinds")
    )

    class Meta:
        model = PlanChange
        fields = ["theme", "organisation", "kind"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["theme"].queryset = plan.themes.all() if plan else Theme.objects.none()
        self.filters["organisation"].queryset = Organisation.objects.filter(
            pk__in=PlanChange.objects.values("organisation")
        ).order_by("name")

    def in_theme(self, queryset, name, value):
        return queryset.filter(action__objective__theme__lineage_key=value.lineage_key)
