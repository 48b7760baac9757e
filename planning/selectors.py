from django.db.models import Prefetch

from planning.models import KflcArea, KflcFocus


def kflc_areas():
    """The three KFLC areas with their areas of focus, in two queries."""
    return KflcArea.objects.prefetch_related(
        Prefetch("focuses", queryset=KflcFocus.objects.order_by("code"))
    )
