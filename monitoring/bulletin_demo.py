"""The demo city's bulletins: the two months before the current one sent to the members of
verified organisations, and this month's draft so far, waiting for staff to edit and send it.
Dates follow the day the demo is loaded; running it again changes nothing."""

from django.db import transaction
from django.utils import timezone

from learningcity.models import User
from monitoring import bulletins
from monitoring.bulletin_models import Bulletin


def seed():
    staff = User.objects.filter(email="staff@example.org").first()
    if staff is None or Bulletin.objects.exists():
        return
    today = timezone.localdate()
    before_last = bulletins.last_month(bulletins.last_month(today)[0])
    for start, end in (before_last, bulletins.last_month(today)):
        with transaction.atomic():
            bulletin = bulletins.bulletin_draft(by=staff, period_start=start, period_end=end)
            bulletins.bulletin_send(bulletin=bulletin, by=staff)
    bulletins.bulletin_draft(by=staff, period_start=today.replace(day=1), period_end=today)
