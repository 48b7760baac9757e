import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

logger = logging.getLogger(__name__)


def home(request):
    return render(request, "home.html")


@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice for a signed-in person.

    Django translates `next` by resolving it in the active language, but this view sits outside
    the language prefix, where Spanish is always active: so resolve `next` in its own language.
    """
    next_path = urlsplit(request.POST.get("next", "")).path
    with translation.override(
        translation.get_language_from_path(next_path) or settings.LANGUAGE_CODE
    ):
        response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    known = dict(settings.LANGUAGES)
    if user.is_authenticated and language in known:
        if user.preferred_language != language:
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
        # In the language chosen, since the next page is read in it.
        with translation.override(language):
            name = translation.get_language_info(language)["name_local"]
            messages.success(
                request,
                _("%(language)s is now your language on the portal and in e-mails.")
                % {"language": name[:1].upper() + name[1:]},
            )
    return response


def _check(probe):
    try:
        probe()
    except Exception:
        logger.exception("Health check failed")
        return "error"
    return "ok"


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    cache.set("health-check", "ok", 10)
    if cache.get("health-check") != "ok":
        raise RuntimeError("cache did not return what was stored")


@never_cache
@require_GET
def health(request):
    status = {"database": _check(_database), "cache": _check(_cache)}
    healthy = status["database"] == "ok"
    status["status"] = (
        "ok" if healthy and status["cache"] == "ok" else ("degraded" if healthy else "error")
    )
    return JsonResponse(status, status=200 if healthy else 503)
