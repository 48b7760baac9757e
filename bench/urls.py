"""The portal's URLs, and /bench/baseline/: only under bench.settings, never in production."""

from django.shortcuts import render
from django.urls import path

from learningcity.urls import *  # noqa: F403
from learningcity.urls import urlpatterns as portal_urlpatterns


def baseline(request):
    """The base template with an empty page: what every page costs before its own work.

    Anonymous, no session, the city profile from the cache: no query once warm."""
    return render(request, "base.html")


urlpatterns = [path("bench/baseline/", baseline), *portal_urlpatterns]
