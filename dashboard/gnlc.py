"""What the GNLC membership profile shows, on its page and in its PDF: the coordinator's answers
(dashboard.GnlcProfile) beside what the portal already knows — the city's name and country, its
districts, and its membership of the network, read from stakeholders' selectors."""

from django.db.models import Sum
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
    """Five queries whatever the number of districts: profile, city, districts (one row each and
    their total), membership."""
    profile = profile or GnlcProfile.objects.current()
    districts = list(District.objects.order_by("name_es", "pk"))
    return {
        "profile": profile,
        "city": CityProfile.objects.current(),
        "districts": districts,
        "district_population": District.objects.aggregate(total=Sum("population"))["total"],
        "membership": gnlc_membership(),
        "pledge_text": PLEDGE_TEXT,
        "read_at": timezone.localdate(),
    }
