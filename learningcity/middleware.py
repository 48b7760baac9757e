import zoneinfo

from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import timezone, translation


class NullCharacterInQuery(SuspiciousOperation):
    pass


class NullCharacterMiddleware:
    """A NUL in the query string answers "Bad request" (400).

    Nobody types one, and PostgreSQL refuses it in a query, so a search box that passed it on
    would fail with a 500. Posted forms refuse it with their own message ("Null characters are
    not allowed") and keep what was typed, so only the query string is judged here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise NullCharacterInQuery("A NUL character in the query string")
        return self.get_response(request)


class CityTimezoneMiddleware:
    """Shows dates in the city's own time zone, taken from its CityProfile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from learningcity.models import CityProfile

        try:
            timezone.activate(zoneinfo.ZoneInfo(CityProfile.objects.current().time_zone))
        except (zoneinfo.ZoneInfoNotFoundError, DatabaseError):
            # Without the database the page fails on its own terms (and /health/ says so).
            timezone.deactivate()
        return self.get_response(request)


class PreferredLanguageMiddleware:
    """A signed-in person reads pages in their preferred language.

    Spanish pages are unprefixed and English ones live under /en/, so following the preference
    means redirecting a GET to the same page in the other language. Switching language with the
    site's switch updates the preference, so nobody is locked out of a language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if request.method != "GET" or user is None or not user.is_authenticated:
            return None
        preferred = user.preferred_language
        if preferred == translation.get_language():
            return None
        target = translate_url(request.get_full_path(), preferred)
        if target != request.get_full_path():
            return HttpResponseRedirect(target)
        return None
