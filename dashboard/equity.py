"""Equity by district: side by side for each district, what the city offers (learning
opportunities and spaces), how many took part in events and the money allocated there, per
inhabitant where the city entered populations, so under-served districts stand out. Read from
each area through its selectors."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from dashboard.charts import district_map
from events.selectors import events_by_district
from funding.selectors import allocated_by_district
from learningcity.models import CityProfile, District
from provision.selectors import provision_by_district

PER = 10_000  # opportunities per so many inhabitants


def _per(count, population, per=PER, places=Decimal("0.1")):
    if not population:
        return None
    return (Decimal(count) * per / population).quantize(places, rounding=ROUND_HALF_UP)


def equity_by_district(now=None):
    """{rows, map, currency, year}: one row per district, and the map of opportunities per
    10,000 inhabitants (per district where no population is known)."""
    now = now or timezone.now()
    year = timezone.localdate(now).year
    currency = CityProfile.objects.current().currency
    provision = provision_by_district()
    events = events_by_district(start=now - timedelta(days=365), end=now)
    money = {
        row["district_id"]: row["amount"]
        for row in allocated_by_district(year=year)
        if row["currency"] == currency
    }
    rows = []
    for district in District.objects.order_by("name_es", "pk"):
        offer = provision.get(district.pk, {"opportunities": 0, "spaces": 0})
        taking_part = events.get(district.pk, {"events": 0, "confirmed": 0})
        allocated = money.get(district.pk, Decimal(0))
        population = district.population
        rows.append(
            {
                "district": district,
                "population": population,
                "opportunities": offer["opportunities"],
                "opportunities_per": _per(offer["opportunities"], population),
                "spaces": offer["spaces"],
                "events": taking_part["events"],
                "places": taking_part["confirmed"],
                "money": allocated,
                "money_per_inhabitant": _per(allocated, population, per=1, places=Decimal("0.01")),
            }
        )
    by_population = any(row["population"] for row in rows)
    measure = "opportunities_per" if by_population else "opportunities"
    return {
        "rows": rows,
        "year": year,
        "currency": currency,
        "map": district_map(
            "equity-map",
            title=_("Learning opportunities per 10,000 inhabitants, by district")
            if by_population
            else _("Learning opportunities by district"),
            rows=[
                (
                    row["district"].name,
                    row["district"].boundary,
                    row[measure],
                    "—" if row[measure] is None else f"{row[measure]}",
                )
                for row in rows
            ],
        ),
    }
