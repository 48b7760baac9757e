"""Learning opportunities and community learning spaces as open data (dashboard.open_data):
what the public finds at /provision/, with Open Referral HSDS names where they fit."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningcity.audit import last_change
from learningcity.registry import Dataset, Distribution, registry
from provision.models import ARRANGEMENTS, Language, LearningSpace, Opportunity, Subject

CSV = Distribution("csv", "text/csv")
JSON = Distribution("json", "application/json")
CHUNK = 1000

# A space has the arrangements that make sense for a place (no outreach).
SPACE_ARRANGEMENTS = tuple(name for name in ARRANGEMENTS if hasattr(LearningSpace, name))
OPPORTUNITY_COLUMNS = (
    "id", "name", "name_en", "description", "organization", "location", "subjects", "format",
    "district", "address", "latitude", "longitude", "is_free", "fees_description", "languages",
    "target_groups", "mornings", "evenings", "weekends", *ARRANGEMENTS, "starts_on", "ends_on",
    "recognition_available", "url",
)  # fmt: skip
SPACE_COLUMNS = (
    "id", "name", "name_en", "kind", "organization", "address", "district", "latitude",
    "longitude", "accessibility_features", "resources", *SPACE_ARRANGEMENTS, "email", "phone",
    "website", "url",
)  # fmt: skip


def _number(value):
    return None if value is None else float(value)


def _slugs(related):
    return " ".join(sorted(item.slug for item in related.all()))


def _arrangements(row, names=ARRANGEMENTS):
    """The flexible arrangements for marginalised groups, one true/false column each."""
    return {name: getattr(row, name) for name in names}


def opportunity_rows():
    opportunities = (
        Opportunity.objects.public()
        .select_related("organization", "location", "district")
        .prefetch_related(
            Prefetch("subjects", queryset=Subject.objects.only("slug")),
            Prefetch("languages", queryset=Language.objects.only("slug")),
            "target_groups",
        )
        .order_by("pk")
    )
    for opportunity in opportunities.iterator(chunk_size=CHUNK):
        yield {
            "id": opportunity.slug,
            "name": opportunity.name_es,
            "name_en": opportunity.name_en,
            "description": opportunity.description_es,
            "organization": opportunity.organization.name,
            "location": opportunity.location.slug if opportunity.location else "",
            "subjects": _slugs(opportunity.subjects),
            "format": opportunity.format,
            "district": opportunity.district.slug if opportunity.district else "",
            "address": opportunity.address,
            "latitude": _number(opportunity.latitude),
            "longitude": _number(opportunity.longitude),
            "is_free": opportunity.is_free,
            "fees_description": opportunity.fees_description_es,
            "languages": _slugs(opportunity.languages),
            "target_groups": _slugs(opportunity.target_groups),
            "mornings": opportunity.mornings,
            "evenings": opportunity.evenings,
            "weekends": opportunity.weekends,
            **_arrangements(opportunity),
            "starts_on": opportunity.starts_on.isoformat() if opportunity.starts_on else None,
            "ends_on": opportunity.ends_on.isoformat() if opportunity.ends_on else None,
            "recognition_available": opportunity.recognition_available,
            "url": opportunity.get_absolute_url(),
        }


def space_rows():
    spaces = (
        LearningSpace.objects.public()
        .select_related("organization", "district")
        .prefetch_related("accessibility_features", "resources")
        .order_by("pk")
    )
    for space in spaces.iterator(chunk_size=CHUNK):
        yield {
            "id": space.slug,
            "name": space.name_es,
            "name_en": space.name_en,
            "kind": space.kind,
            "organization": space.organization.name if space.organization else "",
            "address": space.address,
            "district": space.district.slug if space.district else "",
            "latitude": _number(space.latitude),
            "longitude": _number(space.longitude),
            "accessibility_features": _slugs(space.accessibility_features),
            "resources": _slugs(space.resources),
            **_arrangements(space, SPACE_ARRANGEMENTS),
            "email": space.email,
            "phone": space.phone,
            "website": space.url,
            "url": space.get_absolute_url(),
        }


def datasets():
    return [
        Dataset(
            key="learning-opportunities",
            title=_("Learning opportunities"),
            description=_(
                "Courses, workshops and other learning open to the public and not yet ended: "
                "provider, place, subjects, format, cost, languages, schedule, flexible "
                "arrangements (childcare, interpreters, easy-read, outreach) and dates. The "
                "GeoJSON holds those with a place on the map."
            ),
            area="provision",
            distributions=(
                CSV,
                JSON,
                Distribution(
                    "geojson", "application/geo+json", reverse("provision_api:opportunities")
                ),
            ),
            modified=lambda: last_change(
                Opportunity.objects.public(), "updated_at", audited=(Opportunity,)
            ),
            columns=OPPORTUNITY_COLUMNS,
            rows=opportunity_rows,
        ),
        Dataset(
            key="learning-spaces",
            title=_("Community learning spaces"),
            description=_(
                "Libraries, community centres, schools open to the public and other places to "
                "learn: address, place, accessibility, resources, flexible arrangements and "
                "contact."
            ),
            area="provision",
            distributions=(CSV, JSON),
            modified=lambda: last_change(
                LearningSpace.objects.public(), "created_at", audited=(LearningSpace,)
            ),
            columns=SPACE_COLUMNS,
            rows=space_rows,
        ),
    ]


registry.register_datasets("provision", datasets)
