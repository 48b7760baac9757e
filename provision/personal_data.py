"""What provision holds about a person, for "download my data" (learningcity.personal_data,
which calls this through the registry): the ratings they wrote, which go with the account when it is
deleted (their author's foreign key cascades)."""

from provision.models import Rating


def export(*, user):
    ratings = Rating.objects.filter(author=user).select_related("opportunity").order_by("pk")
    return {
        "learning_ratings": [
            {
                "opportunity": rating.opportunity.name,
                "stars": rating.stars,
                "comment": rating.comment,
                "status": rating.status,
                "written": rating.created_at.isoformat(),
            }
            for rating in ratings
        ]
    }
