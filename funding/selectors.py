"""Reads of funding for its pages, the dashboard and the reports, each in a fixed number of
queries whatever the number of rows.

Money is summed per currency. Where staff entered an exchange rate for a currency and year, that
year's amounts in it are converted into the city's currency and summed with it; without a rate
they stay apart, in their own currency, rather than be added to unlike money. Every figure is a
`Decimal`.

For the dashboard:
- `allocated_by_district(year=None)`: money allocated per district and year.
- `needs_vs_secured()`: per year, what the budget needs, what is pledged and what is received.
- `source_mix(year=None)`: money per type of source, with its share and the Herfindahl index.
- `marginalised_share()`: per year, the share of allocations earmarked for marginalised groups.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, F, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce

from funding.calculations import herfindahl, money
from funding.models import (
    AgreementShare,
    Allocation,
    Booking,
    BudgetLine,
    Contribution,
    CostBenefitAnalysis,
    CostSharingAgreement,
    ExchangeRate,
    FundingSource,
    SharedResource,
)
from learningcity.kept import follow
from learningcity.models import CityProfile, District, TargetGroup
from stakeholders.models import Organisation

# What the funding page shows the public (learningcity.kept), replaced by every change of the
# books it sums (`follow_public_data`, when the app is ready) or of the city's currency.
FUNDING_DATA = "data:funding:index"


def follow_public_data():
    follow(
        FUNDING_DATA,
        BudgetLine,
        FundingSource,
        Contribution,
        Allocation,
        ExchangeRate,
        CostSharingAgreement,
        AgreementShare,
        CostBenefitAnalysis,
        CityProfile,
        District,
        TargetGroup,
        Organisation,
    )


ZERO = Decimal(0)
KIND_LABELS = dict(FundingSource.Kind.choices)
ZERO_MONEY = Value(ZERO, output_field=DecimalField(max_digits=14, decimal_places=2))


class Converter:
    """Turns (amount, currency, year) into (amount, currency): the city's currency when it is
    the same or a rate for the year exists, the amount's own currency otherwise."""

    def __init__(self):
        self.city = CityProfile.objects.current().currency
        self.rates = {(rate.year, rate.currency): rate.rate for rate in ExchangeRate.objects.all()}

    def __call__(self, amount, currency, year):
        if currency == self.city:
            return amount, currency
        rate = self.rates.get((year, currency))
        if rate is None:
            return amount, currency
        return money(amount * rate), self.city


def _share(part, whole):
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def totals_by_source_kind(converter=None):
    """[{year, kind, label, currency, amount}] from every contribution, pledged or received,
    newest year first."""
    convert = converter or Converter()
    sums = defaultdict(lambda: ZERO)
    rows = Contribution.objects.values("year", "source__kind", "currency").annotate(
        total=Sum("amount")
    )
    for row in rows:
        amount, currency = convert(row["total"], row["currency"], row["year"])
        sums[(row["year"], row["source__kind"], currency)] += amount
    return [
        {
            "year": year,
            "kind": kind,
            "label": KIND_LABELS[kind],
            "currency": currency,
            "amount": amount,
        }
        for (year, kind, currency), amount in sorted(
            sums.items(), key=lambda item: (-item[0][0], item[0][2], str(KIND_LABELS[item[0][1]]))
        )
    ]


@dataclass
class Mix:
    year: int | None
    currency: str
    total: Decimal = ZERO
    kinds: list = field(default_factory=list)
    herfindahl: Decimal | None = None


def source_mix(year=None, converter=None):
    """Per currency (after conversion): money per type of source with its share in per cent,
    and the Herfindahl index over the types (1 = one type pays everything)."""
    convert = converter or Converter()
    contributions = Contribution.objects.all()
    if year is not None:
        contributions = contributions.filter(year=year)
    sums = defaultdict(lambda: defaultdict(lambda: ZERO))
    for row in contributions.values("year", "source__kind", "currency").annotate(
        total=Sum("amount")
    ):
        amount, currency = convert(row["total"], row["currency"], row["year"])
        sums[currency][row["source__kind"]] += amount
    mixes = []
    for currency, kinds in sorted(sums.items(), key=lambda item: item[0] != convert.city):
        total = sum(kinds.values(), ZERO)
        mixes.append(
            Mix(
                year=year,
                currency=currency,
                total=total,
                kinds=[
                    {
                        "kind": kind,
                        "label": KIND_LABELS[kind],
                        "amount": amount,
                        "share": _share(amount, total),
                    }
                    for kind, amount in sorted(kinds.items(), key=lambda item: -item[1])
                ],
                herfindahl=herfindahl(kinds),
            )
        )
    return mixes


def diversification_by_year(converter=None):
    """{year: [Mix per currency]} for every year with contributions, newest first."""
    convert = converter or Converter()
    sums = defaultdict(lambda: defaultdict(lambda: ZERO))
    for row in Contribution.objects.values("year", "source__kind", "currency").annotate(
        total=Sum("amount")
    ):
        amount, currency = convert(row["total"], row["currency"], row["year"])
        sums[(row["year"], currency)][row["source__kind"]] += amount
    return [
        Mix(
            year=year,
            currency=currency,
            total=sum(kinds.values(), ZERO),
            herfindahl=herfindahl(kinds),
        )
        for (year, currency), kinds in sorted(
            sums.items(), key=lambda item: (-item[0][0], item[0][1])
        )
    ]


def marginalised_share(converter=None):
    """Per year and currency: all money allocated, the part earmarked for target groups, its
    share, and each group's amount and share ([{year, currency, total, earmarked, share,
    groups: [{name, marginalised, amount, share}]}]). A contribution's year is its allocations'."""
    convert = converter or Converter()
    totals = defaultdict(lambda: ZERO)
    groups = defaultdict(lambda: defaultdict(lambda: ZERO))
    names = {}
    rows = Allocation.objects.values(
        "contribution__year",
        "contribution__currency",
        "target_group",
        "target_group__name_es",
        "target_group__name_en",
        "target_group__marginalised",
    ).annotate(total=Sum("amount"))
    for row in rows:
        year = row["contribution__year"]
        amount, currency = convert(row["total"], row["contribution__currency"], year)
        totals[(year, currency)] += amount
        if row["target_group"]:
            groups[(year, currency)][row["target_group"]] += amount
            names[row["target_group"]] = (
                TargetGroup(
                    name_es=row["target_group__name_es"], name_en=row["target_group__name_en"]
                ),
                row["target_group__marginalised"],
            )
    result = []
    for (year, currency), total in sorted(
        totals.items(), key=lambda item: (-item[0][0], item[0][1])
    ):
        per_group = groups[(year, currency)]
        earmarked = sum(per_group.values(), ZERO)
        marginalised = sum((amount for pk, amount in per_group.items() if names[pk][1]), ZERO)
        result.append(
            {
                "year": year,
                "currency": currency,
                "total": total,
                "earmarked": earmarked,
                "share": _share(earmarked, total),
                "marginalised": marginalised,
                "marginalised_share": _share(marginalised, total),
                "groups": sorted(
                    (
                        {
                            "name": names[pk][0].name,
                            "marginalised": names[pk][1],
                            "amount": amount,
                            "share": _share(amount, total),
                        }
                        for pk, amount in per_group.items()
                    ),
                    key=lambda group: -group["amount"],
                ),
            }
        )
    return result


def allocated_by_district(year=None, converter=None):
    """[{district_id, district, year, currency, amount}]: money allocated with a district
    earmark, per district and the contribution's year."""
    convert = converter or Converter()
    allocations = Allocation.objects.filter(district__isnull=False)
    if year is not None:
        allocations = allocations.filter(contribution__year=year)
    sums = defaultdict(lambda: ZERO)
    names = {}
    for row in allocations.values(
        "district", "district__name_es", "district__name_en", "contribution__year",
        "contribution__currency",
    ).annotate(total=Sum("amount")):  # fmt: skip
        amount, currency = convert(
            row["total"], row["contribution__currency"], row["contribution__year"]
        )
        sums[(row["district"], row["contribution__year"], currency)] += amount
        names[row["district"]] = (row["district__name_es"], row["district__name_en"])
    return [
        {
            "district_id": pk,
            "district": District(name_es=names[pk][0], name_en=names[pk][1]).name,
            "year": year,
            "currency": currency,
            "amount": amount,
        }
        for (pk, year, currency), amount in sorted(
            sums.items(), key=lambda item: (item[0][1], item[0][0])
        )
    ]


def needs_vs_secured(converter=None):
    """Per year and currency: needed (budget lines), pledged (every contribution, received
    ones included), received, and the gap (needed − pledged, never below zero), oldest first."""
    convert = converter or Converter()
    figures = defaultdict(lambda: {"needed": ZERO, "pledged": ZERO, "received": ZERO})
    for row in BudgetLine.objects.values("year", "currency").annotate(total=Sum("amount")):
        amount, currency = convert(row["total"], row["currency"], row["year"])
        figures[(row["year"], currency)]["needed"] += amount
    for row in Contribution.objects.values("year", "currency", "status").annotate(
        total=Sum("amount")
    ):
        amount, currency = convert(row["total"], row["currency"], row["year"])
        figures[(row["year"], currency)]["pledged"] += amount
        if row["status"] == Contribution.Status.RECEIVED:
            figures[(row["year"], currency)]["received"] += amount
    return [
        {
            "year": year,
            "currency": currency,
            **values,
            "gap": max(values["needed"] - values["pledged"], ZERO),
        }
        for (year, currency), values in sorted(figures.items())
    ]


def action_funding(year, converter=None):
    """For staff: per action with a budget or allocations in `year`, what it needs, what is
    allocated to it from that year's contributions (pledged) and how much of that is received,
    the gap, and whether it is unfunded (needs money, has none). The base structure (budget
    lines without an action) is set against the year's money not allocated to any action."""
    convert = converter or Converter()
    rows = defaultdict(lambda: {"needed": ZERO, "pledged": ZERO, "received": ZERO})
    titles = {}
    for line in (
        BudgetLine.objects.filter(year=year)
        .values("action", "action__title", "currency")
        .annotate(total=Sum("amount"))
    ):
        amount, currency = convert(line["total"], line["currency"], year)
        rows[(line["action"], currency)]["needed"] += amount
        titles[line["action"]] = line["action__title"]
    for allocation in (
        Allocation.objects.filter(contribution__year=year)
        .values("action", "action__title", "contribution__currency", "contribution__status")
        .annotate(total=Sum("amount"))
    ):
        amount, currency = convert(allocation["total"], allocation["contribution__currency"], year)
        row = rows[(allocation["action"], currency)]
        row["pledged"] += amount
        if allocation["contribution__status"] == Contribution.Status.RECEIVED:
            row["received"] += amount
        titles[allocation["action"]] = allocation["action__title"]
    # What the year's contributions leave unallocated pays for the base structure.
    spent = defaultdict(lambda: ZERO)
    for allocation in (
        Allocation.objects.filter(contribution__year=year)
        .values("contribution__currency", "contribution__status")
        .annotate(total=Sum("amount"))
    ):
        spent[(allocation["contribution__currency"], allocation["contribution__status"])] += (
            allocation["total"]
        )
    for contribution in (
        Contribution.objects.filter(year=year)
        .values("currency", "status")
        .annotate(total=Sum("amount"))
    ):
        left = contribution["total"] - spent[(contribution["currency"], contribution["status"])]
        if left <= 0:
            continue
        amount, currency = convert(left, contribution["currency"], year)
        row = rows[(None, currency)]
        row["pledged"] += amount
        if contribution["status"] == Contribution.Status.RECEIVED:
            row["received"] += amount
    result = []
    for (action, currency), values in rows.items():
        if action is None and not values["needed"]:
            continue
        gap = max(values["needed"] - values["pledged"], ZERO)
        result.append(
            {
                "action_id": action,
                "title": titles.get(action),
                "currency": currency,
                **values,
                "gap": gap,
                "unfunded": bool(values["needed"]) and not values["pledged"],
                "short": bool(gap) and bool(values["pledged"]),
            }
        )
    return sorted(
        result, key=lambda row: (row["action_id"] is not None, -row["gap"], row["title"] or "")
    )


def budget_lines(year):
    """The year's budget lines with their actions, the base structure's first."""
    return (
        BudgetLine.objects.filter(year=year)
        .select_related("action")
        .order_by(F("action_id").asc(nulls_first=True), "pk")
    )


def budget_years():
    """The years with budget lines or contributions, newest first."""
    years = set(BudgetLine.objects.values_list("year", flat=True).distinct())
    years |= set(Contribution.objects.values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


def public_sources(converter=None):
    """Who gives, for the public page: each source with the money it gave per currency; a
    source that asked for anonymity is named "Anonymous donor"."""
    convert = converter or Converter()
    sums = defaultdict(lambda: defaultdict(lambda: ZERO))
    sources = {}
    for row in Contribution.objects.values(
        "source", "source__name", "source__kind", "source__anonymous", "currency", "year"
    ).annotate(total=Sum("amount")):
        amount, currency = convert(row["total"], row["currency"], row["year"])
        sums[row["source"]][currency] += amount
        sources[row["source"]] = FundingSource(
            pk=row["source"],
            name=row["source__name"],
            kind=row["source__kind"],
            anonymous=row["source__anonymous"],
        )
    result = [
        {
            "name": sources[pk].public_name,
            "anonymous": sources[pk].anonymous,
            "label": KIND_LABELS[sources[pk].kind],
            "amounts": sorted(per_currency.items()),
        }
        for pk, per_currency in sums.items()
    ]
    return sorted(result, key=lambda row: (row["anonymous"], str(row["name"]).lower()))


def analyses():
    """Cost-benefit analyses with their yearly rows, in two queries."""
    return CostBenefitAnalysis.objects.select_related("action").prefetch_related("years")


def analysis_titles():
    return CostBenefitAnalysis.objects.only("pk", "title", "method")


def contribution_list():
    """Every contribution with its source, earmarks and the sum allocated from it, newest first."""
    return (
        Contribution.objects.select_related("source", "action", "target_group", "district")
        .annotate(allocated=Coalesce(Sum("allocations__amount"), ZERO_MONEY))
        .order_by("-year", "-pledged_on", "-pk")
    )


def allocation_list():
    return Allocation.objects.select_related(
        "contribution__source", "action", "district", "target_group"
    )


def resource_list():
    """Resources offered now, with their organisation, by organisation and name."""
    return SharedResource.objects.filter(active=True).select_related("organisation")


def bookings_of(organisation_ids):
    """Bookings asked of or by the given organisations, newest first: what they answer and what
    they asked for."""
    return (
        Booking.objects.filter(
            Q(resource__organisation__in=organisation_ids) | Q(organisation__in=organisation_ids)
        )
        .select_related("resource__organisation", "organisation", "contribution")
        .order_by("-requested_at", "-pk")
    )


def agreements():
    """Cost-sharing agreements with their parties' shares and documents, in three queries."""
    return CostSharingAgreement.objects.select_related("action").prefetch_related(
        Prefetch("shares", queryset=AgreementShare.objects.select_related("party")), "documents"
    )
