"""Funding's public pages: the transparency summary and the cost-benefit analyses."""

from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from funding import selectors
from learningcity.kept import kept_section, versions_today
from learningcity.permissions import can


def index(request):
    """Who funds the programme, how diverse the sources are, what goes to marginalised groups:
    kept rendered for the public until a row of the funding's books changes (learningcity.kept)."""

    def render_body():
        convert = selectors.Converter()
        context = {
            "city_currency": convert.city,
            "totals": selectors.totals_by_source_kind(convert),
            "diversification": selectors.diversification_by_year(convert),
            "marginalised": selectors.marginalised_share(convert),
            "needs": selectors.needs_vs_secured(convert),
            "sources": selectors.public_sources(convert),
            "analyses": selectors.analysis_titles(),
            "agreements": selectors.agreements(),
        }
        return render_to_string("funding/_index_body.html", context, request), True

    body = kept_section(
        request,
        "funding:index",
        render_body,
        versions=versions_today(selectors.FUNDING_DATA),
        parameters=set(),
    )
    return render(request, "funding/index.html", {"body": body})


def analysis(request, pk):
    """A cost-benefit analysis with its yearly rows, its assumptions and the results."""
    analysis = get_object_or_404(selectors.analyses(), pk=pk)
    return render(
        request,
        "funding/analysis.html",
        {
            "analysis": analysis,
            "result": analysis.result(),
            "may_edit": can(request.user, "funding.edit_funding"),
        },
    )
