"""The "I want to learn" path: four plain questions (what about, where, when, what might stop
you) turned into a search of public opportunities, nearest first, with the nearest guidance
point.

"Where" is a point picked on the map or a district, whose centre is the middle of its
boundary's extent: nothing is geocoded outside. Distances are measured on a flat map scaled by
the cosine of the latitude (exact enough within a city), in the database, so ordering and
the page's queries do not grow with the number of opportunities.

What might stop people becomes a filter:
- cost: free of charge only;
- childcare: with childcare, held in a space with a children's corner or a toy library, or
  online;
- language: taught in one of the languages the person chose;
- disability: held in a place with the accessibility features the person chose (any, when
  they chose none), or online;
- transport: within `NEARBY_KM` of where they are, or online.
"""

import math
from dataclasses import dataclass, field

from django import forms
from django.db.models import Exists, F, FloatField, OuterRef, Q, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from learningcity.models import AccessibilityFeature, District
from provision.filters import SCHEDULES
from provision.models import (
    GuidancePoint,
    Language,
    LearningSpace,
    Opportunity,
    Subject,
    check_point,
)
from provision.selectors import search_opportunities

# How many opportunities the answer shows; the count says how many matched in all.
RESULTS = 10
NEARBY_KM = 3
KM_PER_DEGREE = 111.32
CHILDCARE_RESOURCES = ("childrens-corner", "toy-library")

BARRIERS = [
    ("cost", _("The cost")),
    ("childcare", _("Looking after my children")),
    ("language", _("The language")),
    ("disability", _("A disability or health condition")),
    ("transport", _("Getting there")),
]


def _checkboxes(queryset, label):
    return forms.ModelMultipleChoiceField(
        queryset=queryset,
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=label,
    )


class GuidanceForm(forms.Form):
    subjects = _checkboxes(Subject.objects.all(), _("What would you like to learn about?"))
    district = forms.ModelChoiceField(
        queryset=District.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Which part of the city suits you?"),
        empty_label=_("Anywhere in the city"),
    )
    lat = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )
    lon = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )
    when = forms.MultipleChoiceField(
        choices=SCHEDULES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("When could you come?"),
    )
    barriers = forms.MultipleChoiceField(
        choices=BARRIERS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("What might make it hard for you?"),
    )
    languages = _checkboxes(
        Language.objects.all(), _("If the language: which languages can you learn in?")
    )
    features = _checkboxes(
        AccessibilityFeature.objects.all(), _("If a disability: what does the place need to offer?")
    )

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("lat"), data.get("lon")
        for message in check_point(latitude, longitude).values():
            self.add_error(None, message)
        if "language" in data.get("barriers", []) and not data.get("languages"):
            self.add_error(
                "languages", _("Tell us which languages you can learn in, so we can look for them.")
            )
        return data


@dataclass
class Origin:
    """Where distances are measured from, and how to say it."""

    latitude: float
    longitude: float
    district: District | None = None

    def squared_degrees(self):
        """An expression of the squared distance, in degrees of latitude, from here to a row's
        `latitude` and `longitude`."""
        scale = math.cos(math.radians(self.latitude))
        north = Cast("latitude", FloatField()) - Value(self.latitude)
        east = (Cast("longitude", FloatField()) - Value(self.longitude)) * Value(scale)
        return north * north + east * east


def district_centre(district):
    """The middle of the extent of `district`'s boundary, or None without one."""
    positions = list(_positions(district.boundary)) if district.boundary else []
    if not positions:
        return None
    longitudes, latitudes = zip(*positions, strict=True)
    return (min(latitudes) + max(latitudes)) / 2, (min(longitudes) + max(longitudes)) / 2


def _positions(coordinates):
    """Every [longitude, latitude] pair in a GeoJSON geometry's nested coordinates."""
    if isinstance(coordinates, dict):
        yield from _positions(coordinates.get("coordinates"))
    elif isinstance(coordinates, list):
        if len(coordinates) >= 2 and all(isinstance(n, int | float) for n in coordinates[:2]):
            yield float(coordinates[0]), float(coordinates[1])
        else:
            for part in coordinates:
                yield from _positions(part)


def origin_of(data):
    if data.get("lat") is not None and data.get("lon") is not None:
        return Origin(float(data["lat"]), float(data["lon"]))
    district = data.get("district")
    centre = district_centre(district) if district else None
    return Origin(*centre, district=district) if centre else None


def kilometres(squared_degrees):
    return math.sqrt(squared_degrees) * KM_PER_DEGREE


@dataclass
class Answer:
    """What the path found: the first `RESULTS` opportunities, how many matched, the nearest
    guidance point, and what was looked for, in plain sentences."""

    opportunities: list
    count: int
    origin: Origin | None
    guidance_point: GuidancePoint | None
    explanations: list = field(default_factory=list)


def _space_with(**conditions):
    return Exists(LearningSpace.objects.filter(pk=OuterRef("location_id"), **conditions))


def _barrier_filters(data, origin):
    """(Q, sentence) for each barrier the person named."""
    barriers = set(data.get("barriers", []))
    online = Q(format=Opportunity.Format.ONLINE)
    if "cost" in barriers:
        yield Q(is_free=True), _("Only free courses, since the cost might stop you.")
    if "childcare" in barriers:
        yield (
            Q(childcare=True) | Q(_space_with(resources__slug__in=CHILDCARE_RESOURCES)) | online,
            _(
                "Only courses with childcare, in a place with a children's corner or a toy "
                "library, or online, so your children are looked after or close by."
            ),
        )
    if "language" in barriers and data.get("languages"):
        taught_in = Opportunity.languages.through.objects.filter(
            opportunity_id=OuterRef("pk"), language__in=data["languages"]
        )
        yield (
            Q(Exists(taught_in)),
            _("Only courses taught in %(languages)s.")
            % {"languages": ", ".join(str(language) for language in data["languages"])},
        )
    if "disability" in barriers:
        needed = list(data.get("features") or [])
        place = Q()
        for feature in needed:
            place &= Q(_space_with(accessibility_features=feature))
        if not needed:
            place = Q(_space_with(accessibility_features__isnull=False))
        yield (
            place | online,
            _("Only courses online or in a place that offers %(features)s.")
            % {"features": ", ".join(str(feature) for feature in needed)}
            if needed
            else _("Only courses online or in a place with accessibility features."),
        )
    if "transport" in barriers:
        if origin is None:
            yield online, _("Only courses online, since getting there might be hard.")
        else:
            reach = (NEARBY_KM / KM_PER_DEGREE) ** 2
            yield (
                Q(distance__lte=reach) | online,
                _("Only courses online or within %(km)s km of where you are.") % {"km": NEARBY_KM},
            )


def answer(data):
    """The answer to a valid GuidanceForm's `cleaned_data`."""
    origin = origin_of(data)
    opportunities = search_opportunities()
    explanations = []
    if origin is not None:
        opportunities = opportunities.annotate(distance=origin.squared_degrees())
    if data.get("subjects"):
        about = Opportunity.subjects.through.objects.filter(
            opportunity_id=OuterRef("pk"), subject__in=data["subjects"]
        )
        opportunities = opportunities.filter(Exists(about))
    if data.get("when"):
        opportunities = opportunities.filter(
            Q(*[Q(**{slot: True}) for slot in data["when"]], _connector=Q.OR)
        )
    for condition, sentence in _barrier_filters(data, origin):
        opportunities = opportunities.filter(condition)
        explanations.append(sentence)
    guidance_point = None
    if origin is not None:
        opportunities = opportunities.order_by(
            F("distance").asc(nulls_last=True), F("starts_on").asc(nulls_last=True), "pk"
        )
        guidance_point = (
            GuidancePoint.objects.active()
            .select_related("district")
            .annotate(distance=origin.squared_degrees())
            .order_by("distance", "pk")
            .first()
        )
    found = list(opportunities[:RESULTS])
    for opportunity in found:
        opportunity.km = (
            kilometres(opportunity.distance)
            if origin is not None and opportunity.distance is not None
            else None
        )
    if guidance_point is not None:
        guidance_point.km = kilometres(guidance_point.distance)
    count = len(found) if len(found) < RESULTS else opportunities.count()
    return Answer(found, count, origin, guidance_point, explanations)
