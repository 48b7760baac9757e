"""Public pages kept rendered (issue 22, bench/README.md).

A section of a public page (a directory's filters and cards, the committee) is rendered once per
version of the data it shows and kept in the cache. The version (learningcity.data_versions) is
replaced whenever one of the models the section shows is saved or deleted, or one of their
many-to-many relations changes: through a service, the admin or an import alike. A queryset's
`update()` or `bulk_create()` sends no signal, and a section may name a related row it does not
follow (a person's name), so nothing is kept longer than `KEPT_TIMEOUT`.

Only anonymous readers are served kept sections: a signed-in person may see more (their own
organisation waiting for verification, decisions for members), and the public is most readers.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from learningcity.data_versions import data_changed, data_version

KEPT_TIMEOUT = 10 * 60
PAGE_NUMBER = re.compile(r"[1-9]\d{0,5}")


def follow(key, *models):
    """Replace the data version `key` after every save or delete of a row of `models`, and every
    change of their many-to-many relations."""

    def changed(sender, **kwargs):
        data_changed(key)

    for model in models:
        uid = f"kept:{key}:{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                changed, sender=field.remote_field.through, weak=False, dispatch_uid=uid
            )


def page_shown(request, valid, page):
    """The filters are `valid` and the page asked for is the page shown: worth keeping. (A page
    number out of range shows the last page; kept under that number it would hide the change.)"""
    asked = request.GET.get("page")
    return bool(valid) and bool(
        not asked or (PAGE_NUMBER.fullmatch(asked) and page.number == int(asked))
    )


def query_digest(request, parameters):
    """A digest of the query string for a cache key, or None when it holds a parameter not in
    `parameters`: junk would be carried into the kept links, and each new value a new entry."""
    query = sorted(request.GET.lists())
    if not all(parameter in parameters for parameter, _values in query):
        return None
    return hashlib.sha256(repr(query).encode()).hexdigest()


def kept_section(request, name, render, *, versions, parameters, timeout=KEPT_TIMEOUT):
    """The HTML `render()` returns, kept for anonymous readers per the data `versions`, the
    language and the query string. `render()` returns (html, keep): a section of invalid filters
    or of a page other than the one asked for is not kept. Rendered every time for a signed-in
    reader, for a query string with a parameter the section does not know (it would be carried
    into its links), and when there is no cache (a version is None). `html` may be a tuple of
    parts of one page, read from the same data and kept together."""
    key = None
    digest = query_digest(request, parameters) if _keeping(request) else None
    if digest is not None and None not in versions:
        key = ":".join(["kept", name, *versions, get_language(), digest])
        html = cache.get(key)
        if html is not None:
            return _safe(html)
    html, keep = render()
    html = tuple(map(str, html)) if isinstance(html, tuple) else str(html)
    if key and keep:
        cache.set(key, html, timeout=timeout)
    return _safe(html)


def _safe(html):
    # Rendered from our own templates; the cache hands them back as plain strings.
    return tuple(map(mark_safe, html)) if isinstance(html, tuple) else mark_safe(html)


def _keeping(request):
    """Whether this request is the public's reading: anonymous, and a GET (or HEAD)."""
    return (
        getattr(settings, "PUBLIC_SECTIONS_KEPT", True)
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
    )


def kept_sections(request, sections, obj, render):
    """The HTML of an object's registered sections (learningcity.registry), in their order;
    `render(section)` renders one ("" to leave it out). For anonymous readers, a section that
    follows its data (`Section.kept_as`) is kept per object, language and the city's date (an
    action turns late with the day), read with the others in one call to the cache."""
    keys = {}
    followed = {section.kept_as for section in sections if section.kept_as}
    if followed and obj is not None and _keeping(request):
        followed = tuple(followed)
        versions = dict(zip(followed, versions_of(*followed), strict=True))
        where = f"{obj._meta.label_lower}:{obj.pk}:{get_language()}:{timezone.localdate()}"
        keys = {
            section.key: f"kept:{section.kept_as}:{versions[section.kept_as]}:{where}"
            for section in sections
            if section.kept_as and versions[section.kept_as] is not None
        }
    found = cache.get_many(keys.values()) if keys else {}
    parts, new = [], {}
    for section in sections:
        key = keys.get(section.key)
        if key in found:
            parts.append(found[key])
            continue
        html = str(render(section))
        parts.append(html)
        if key:
            new[key] = html
    if new:
        cache.set_many(new, timeout=KEPT_TIMEOUT)
    return parts


def versions_of(*keys):
    """The current versions of these data version keys (None for any without a cache), read in
    one call to the cache; a version not there yet is made (data_version)."""
    found = cache.get_many(keys)
    return [found[key] if key in found else data_version(key) for key in keys]


def versions_today(*keys):
    """`versions_of(*keys)` and the city's date: for a page that changes with the day too (an
    action turns late, the next values of an indicator fall due, an event's registration
    closes)."""
    return [*versions_of(*keys), timezone.localdate().isoformat()]
