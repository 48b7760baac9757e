"""Staff see which texts lack a translation (learningcity.content_languages)."""

from django.shortcuts import render

from learningcity.content_languages import missing_translations as find_missing
from learningcity.permissions import rule_required


@rule_required("city.read_missing_translations")
def missing_translations(request):
    """Per kind of text, the objects whose English is missing, with where to edit them."""
    return render(request, "missing_translations.html", {"groups": find_missing()})
