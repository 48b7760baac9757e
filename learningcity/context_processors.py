from django.conf import settings

from learningcity.registry import registry


def portal(request):
    from learningcity.models import CityProfile

    match = getattr(request, "resolver_match", None)
    return {
        "city": CityProfile.objects.current(),
        "areas": registry.area_list(),
        "current_area": registry.areas.get(match.app_name) if match else None,
        "map_tiles": {"url": settings.MAP_TILES_URL, "attribution": settings.MAP_TILES_ATTRIBUTION},
    }
