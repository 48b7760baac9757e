"""Error pages in the site's layout.

Django's own handlers render 500.html without a request, so the layout would lose the language,
the city and the person. These render every error page with the request. The 500 page falls back
to a minimal static page when the layout itself cannot be rendered (the database is down, say),
since what went wrong may well be what the layout needs.
"""

import logging
from html import escape

from django.conf import settings
from django.http import (
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

MINIMAL_500 = """<!DOCTYPE html>
<html lang="{language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
</head>
<body>
  <main>
    <h1>{title}</h1>
    <p>{message}</p>
    <p><a href="{home_url}">{home}</a></p>
  </main>
</body>
</html>
"""


def _render(request, template_name, response_class):
    template = loader.get_template(template_name)
    return response_class(template.render({}, request))


@requires_csrf_token
def bad_request(request, exception):
    return _render(request, "400.html", HttpResponseBadRequest)


@requires_csrf_token
def permission_denied(request, exception):
    return _render(request, "403.html", HttpResponseForbidden)


@requires_csrf_token
def page_not_found(request, exception):
    return _render(request, "404.html", HttpResponseNotFound)


def minimal_server_error_page():
    """The 500 page without the layout, templates or database: only translated strings."""
    try:
        language = translation.get_language() or settings.LANGUAGE_CODE
        texts = {
            "title": gettext("Something went wrong"),
            "message": gettext(
                "An error on our side stopped this page from loading. It has been recorded and "
                "we will look into it."
            ),
            "home": gettext("Go to the home page"),
        }
        home = reverse("home")
    except Exception:  # translations unavailable: say it in English rather than not at all
        language = "en"
        texts = {
            "title": "Something went wrong",
            "message": "An error on our side stopped this page from loading.",
            "home": "Go to the home page",
        }
        home = "/"
    return MINIMAL_500.format(
        language=escape(language),
        home_url=escape(home),
        **{key: escape(str(text)) for key, text in texts.items()},
    )


@requires_csrf_token
def server_error(request):
    try:
        return _render(request, "500.html", HttpResponseServerError)
    except Exception:
        logger.exception("The 500 page could not be rendered in the layout; sent the minimal one")
        return HttpResponseServerError(minimal_server_error_page())
