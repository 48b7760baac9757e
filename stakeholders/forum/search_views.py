"""The forum's search page, /forum/search/?q=...: the query is checked by a form (too long, or
no word in it, gets a message), the search itself is stakeholders/forum/search.py."""

from django import forms
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from learningcity.kept import kept_section, page_shown, versions_of
from stakeholders.forum import search
from stakeholders.forum.selectors import FORUM_DATA


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words to look for"),
        required=False,
        help_text=_("Words from a topic's title or from its posts, in Spanish or English."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def clean_q(self):
        query = search.clean_query(self.cleaned_data["q"])
        if len(query) > search.MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                _(
                    "Please search with fewer words: at most %(limit)d characters "
                    "(this search has %(length)d)."
                ),
                code="max_length",
                params={"limit": search.MAX_QUERY_LENGTH, "length": len(query)},
            )
        if query and not search.words_of(query):
            raise forms.ValidationError(
                _("Type at least one word or number to search for."), code="no_words"
            )
        return query


def search_view(request):
    """The results of a search the public asked before are kept (learningcity.kept) until the
    forum changes: a word in the news is looked for by many."""
    form = SearchForm(request.GET)
    context = {"form": form, "query": "", "crumbs": True}
    if form.is_valid() and form.cleaned_data["q"]:
        query = context["query"] = form.cleaned_data["q"]

        def render_results():
            page = search.search_page(query, user=request.user, page=request.GET.get("page"))
            html = render_to_string(
                "forum/_search_results.html", {**context, "page": page}, request
            )
            return html, page_shown(request, True, page)

        context["results"] = kept_section(
            request,
            "forum:search",
            render_results,
            versions=versions_of(FORUM_DATA),
            parameters={"q", "page"},
        )
    return render(request, "forum/search.html", context)
