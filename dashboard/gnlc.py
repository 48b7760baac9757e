"""What the GNLC membership profile shows, on its page and in its PDF: the coordinator's answers
(dashboard.GnlcProfile) beside what the portal already knows — the city's name and country, its
districts, and its membership of the network, read from stakeholders' selectors."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dashboard.models import GnlcProfile
from learningcity.models import CityProfile, District
from stakeholders.selectors import gnlc_membership

# Shown beside the pledge on the page and printed in the PDF: what the mayor signs up to.
PLEDGE_TEXT = _(
    "On behalf of the city, the mayor pledges to build a learning city: to promote lifelong "
    "learning for all its people, to follow the Key Features of Learning Cities, to report on "
    "the city's progress, and to share its experience with the other members of the UNESCO "
    "Global Network of Learning Cities."
)


def gnlc_profile_context(profile=None):
    """Three queries whatever the number of districts (profile, districts, membership) and the
    city profile, usually cached."""
    profile = profile or GnlcProfile.objects.current()
    # Boundaries may be large and are not shown here.
    districts = list(District.objects.defer("boundary").order_by("name_es", "pk"))
    populations = [district.population for district in districts if district.population]
    return {
        "profile": profile,
        "city": CityProfile.objects.current(),
        "districts": districts,
        "district_population": sum(populations) if populations else None,
        "membership": gnlc_membership(),
        "pledge_text": PLEDGE_TEXT,
        "read_at": timezone.localdate(),
    }
