"""The programme's funding as open data (dashboard.open_data): sums, never a philanthropist who
asked not to be named nor any single contribution."""

from django.utils.translation import gettext_lazy as _

from funding import selectors
from funding.calculations import money
from funding.models import Allocation, BudgetLine, Contribution, FundingSource
from learningcity.audit import last_change
from learningcity.registry import Dataset, Distribution, registry

CSV = Distribution("csv", "text/csv")
JSON = Distribution("json", "application/json")


def _modified():
    return last_change(
        Contribution.objects.all(),
        "created_at",
        audited=(BudgetLine, Contribution, Allocation, FundingSource),
    )


def source_rows():
    for row in selectors.totals_by_source_kind():
        yield {
            "year": row["year"],
            "source_type": row["kind"],
            "currency": row["currency"],
            "amount": str(money(row["amount"])),
        }


def need_rows():
    for row in selectors.needs_vs_secured():
        yield {
            "year": row["year"],
            "currency": row["currency"],
            **{name: str(money(row[name])) for name in ("needed", "pledged", "received", "gap")},
        }


def datasets():
    return [
        Dataset(
            key="funding-by-source",
            title=_("Money for the programme by type of source"),
            description=_(
                "Contributions pledged or received each year, summed by type of source "
                "(business, foundation, philanthropist, international partner, local or "
                "national government, supranational body), in the city's currency where staff "
                "entered that year's exchange rate."
            ),
            area="funding",
            distributions=(CSV, JSON),
            modified=_modified,
            columns=("year", "source_type", "currency", "amount"),
            rows=source_rows,
        ),
        Dataset(
            key="funding-needs",
            title=_("Money needed and secured, by year"),
            description=_(
                "What the plan needs each year against what is pledged and received, and the "
                "gap still to fund."
            ),
            area="funding",
            distributions=(CSV, JSON),
            modified=_modified,
            columns=("year", "currency", "needed", "pledged", "received", "gap"),
            rows=need_rows,
        ),
    ]


registry.register_datasets("funding", datasets)
