"""What monitoring holds about a person, for "download my data" and "delete my account"
(learningcity.personal_data, through the registry): the indicators they follow and the values
they entered for their organisation. The values stay (they are the organisation's figures);
who entered them is forgotten."""

from monitoring.models import Follow, Period


def export(*, user):
    follows = Follow.objects.filter(user=user).select_related("indicator").order_by("created_at")
    periods = (
        Period.objects.filter(entered_by=user).select_related("indicator").order_by("start", "pk")
    )
    return {
        "indicators_followed": [
            {"indicator": follow.indicator.name, "since": follow.created_at.isoformat()}
            for follow in follows
        ],
        "indicator_values_entered": [
            {"indicator": period.indicator.name, "period": period.label, "status": period.status}
            for period in periods
        ],
    }


def delete(*, user, emails, names):
    Follow.objects.filter(user=user).delete()
    Period.objects.filter(entered_by=user).update(entered_by=None)
    Period.objects.filter(reviewed_by=user).update(reviewed_by=None)
