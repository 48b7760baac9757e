"""schema.org descriptions of opportunities (`Course` with a `CourseInstance`) and spaces
(`Place`), as JSON-LD: a `<script type="application/ld+json">` holds data that browsers never
run, so the strict CSP allows it."""

import json

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from provision.models import Opportunity

# schema.org's `courseMode` for each format.
COURSE_MODES = {
    Opportunity.Format.IN_PERSON: "onsite",
    Opportunity.Format.ONLINE: "online",
    Opportunity.Format.BLENDED: "blended",
}


def _absolute(obj):
    return settings.SITE_URL + obj.get_absolute_url()


def _geo(obj):
    return {
        "@type": "GeoCoordinates",
        "latitude": float(obj.latitude),
        "longitude": float(obj.longitude),
    }


def place_data(space):
    """A space as a schema.org `Place` (its hours and features prefetched)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "name": space.name,
        "url": _absolute(space),
        "address": space.address,
    }
    if space.description:
        data["description"] = space.description
    if space.has_location:
        data["geo"] = _geo(space)
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": row.schema_day,
            "opens": row.opens_at.strftime("%H:%M"),
            "closes": row.closes_at.strftime("%H:%M"),
        }
        for row in space.opening_hours.all()
    ]
    if hours:
        data["openingHoursSpecification"] = hours
    names = [
        *(feature.name for feature in space.accessibility_features.all()),
        *(resource.name for resource in space.resources.all()),
        *(str(arrangement) for arrangement in space.flexible_arrangements),
    ]
    features = [
        {"@type": "LocationFeatureSpecification", "name": name, "value": True} for name in names
    ]
    if features:
        data["amenityFeature"] = features
    return data


def course_data(opportunity):
    """An opportunity as a schema.org `Course` given once, as a `CourseInstance`."""
    provider = opportunity.organization
    instance = {
        "@type": "CourseInstance",
        "courseMode": COURSE_MODES[opportunity.format],
    }
    if opportunity.starts_on:
        instance["startDate"] = opportunity.starts_on.isoformat()
    if opportunity.ends_on:
        instance["endDate"] = opportunity.ends_on.isoformat()
    if opportunity.schedule_description:
        instance["courseSchedule"] = {
            "@type": "Schedule",
            "description": opportunity.schedule_description,
        }
    space = opportunity.location
    if space is not None:
        instance["location"] = {
            "@type": "Place",
            "name": space.name,
            "address": space.address,
            "url": _absolute(space),
        }
    elif opportunity.address:
        instance["location"] = {"@type": "Place", "address": opportunity.address}
    if opportunity.has_location and "location" in instance:
        instance["location"]["geo"] = _geo(opportunity)
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": opportunity.name,
        "url": _absolute(opportunity),
        "provider": {
            "@type": "Organization",
            "name": provider.name,
            "url": _absolute(provider),
        },
        "isAccessibleForFree": opportunity.is_free,
        "inLanguage": [language.slug for language in opportunity.languages.all()],
        "about": [subject.name for subject in opportunity.subjects.all()],
        "hasCourseInstance": [instance],
    }
    if opportunity.description:
        data["description"] = opportunity.description
    if opportunity.recognition_available:
        data["educationalCredentialAwarded"] = opportunity.recognition
    return data


def json_ld(data):
    """`data` in a JSON-LD script element. Like Django's `json_script`, "<", ">" and "&" are
    written as \\u escapes, so no text in the data can end the element."""
    text = json.dumps(data, ensure_ascii=False)
    for character in "<>&":
        text = text.replace(character, f"\\u{ord(character):04X}")
    # Safe: the text holds none of "<", ">" or "&" any more.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
