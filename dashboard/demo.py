"""The demo city's progress reports: the GNLC biennial report published with its PDF, and a
draft for the city council. Made through the services, as a coordinator would."""

from datetime import date

from django.utils import timezone

from dashboard import services
from dashboard.models import ProgressReport
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


def seed():
    if ProgressReport.objects.exists():
        return
    coordinator = User.objects.filter(email="coordinator@example.org").first()
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
