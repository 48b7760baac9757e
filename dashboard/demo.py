"""The demo city's progress reports: the GNLC biennial report published with its PDF, and a
draft for the city council. Made through the services, as a coordinator would."""

from datetime import date

from django.utils import timezone

from dashboard import services
from dashboard.models import YEAR_FIELDS, GnlcProfile, ProgressReport
from learningcity.models import User

GNLC_REPORT = {
    "title": "Villa Esperanza, ciudad que aprende: informe bienal a la GNLC",
    "scope": ProgressReport.Scope.GNLC,
    "language": "en",
    "summary": (
        "Villa Esperanza adopted its first learning-city action plan, brought thirty "
        "organisations of every sector into its committee and forum, and opened its libraries "
        "and community centres to adults in the evening."
    ),
    "lessons": (
        "Actions with a contact person in each organisation are updated; the others go quiet. "
        "Naming the themes with the city's leaders made the plan theirs."
    ),
    "next_steps": (
        "Reach the districts with the fewest opportunities; measure the plan with indicators "
        "tied to the Key Features of Learning Cities."
    ),
}
COUNCIL_REPORT = {
    "title": "Informe anual al Cabildo",
    "scope": ProgressReport.Scope.CITY,
    "language": "es",
    "summary": "Primer año del plan: avances por tema y lo que queda por hacer.",
}


GNLC_PROFILE = {
    "population": 412_000,
    "area_km2": "187.40",
    "gdp_city_usd": "11250.00",
    "gdp_country_usd": "9870.00",
    "schooling_women": "10.4",
    "schooling_men": "10.1",
    "motivation": (
        "Villa Esperanza wants every person, whatever their age or district, to find a place to "
        "learn. Membership of the network gives us partners who faced the same questions and a "
        "framework, the Key Features of Learning Cities, to measure our progress honestly."
    ),
    "implementation": (
        "A committee of thirty organisations from every sector steers the action plan. "
        "Libraries and community centres open in the evening, a yearly learning festival "
        "gathers the city, and the portal publishes the plan, its indicators and its reports."
    ),
    "challenge_funding": 4,
    "challenge_political_commitment": 2,
    "challenge_coordination": 3,
    "challenge_monitoring": 3,
    "challenge_marginalised": 5,
    "mayor_name": "Elena Márquez Ríos",
    "mayor_title": "Alcaldesa de Villa Esperanza",
    "mayor_email": "alcaldia@example.org",
    "contact_name": "Carolina Coordinadora",
    "contact_title": "Coordinadora de la ciudad del aprendizaje",
    "contact_email": "coordinator@example.org",
    "pledge": True,
}


def seed_gnlc_profile(coordinator):
    """The demo city's GNLC membership profile, figures from last year, the pledge signed."""
    profile = GnlcProfile.objects.current()
    if profile.updated_at is not None:
        return
    last_year = timezone.localdate().year - 1
    for name, value in GNLC_PROFILE.items():
        setattr(profile, name, value)
    for name in YEAR_FIELDS:
        setattr(profile, name, last_year)
    profile.pledge_date = date(last_year, 3, 15)
    services.gnlc_profile_save(profile=profile, by=coordinator)


def seed():
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    seed_gnlc_profile(coordinator)
    if ProgressReport.objects.exists():
        return
    year = timezone.localdate().year
    published = services.report_create(
        by=coordinator,
        period_start=date(year - 1, 1, 1),
        period_end=date(year, 12, 31),
        **GNLC_REPORT,
    )
    # The task's own work, run here: the demo shows the PDF at once, worker or not.
    services.report_generate(report=published, by=coordinator)
    services.report_generate_run(published.pk)
    services.report_publish(report=published, by=coordinator)
    services.report_create(
        by=coordinator,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        **COUNCIL_REPORT,
    )
