"""A large city's indicators, made quickly for the benchmarks (`seed_scale_monitoring`): yearly
indicators measuring the adopted plan's objectives and the KFLC areas of focus, each with a
baseline, goals and `years` years of approved values. Rows go in with `bulk_create`, bypassing
the services (made-up data, not the city's). The same `seed` makes the same values."""

import random
from datetime import date
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from monitoring.models import Goal, Indicator, Measurement, Period
from planning.models import ActionPlan, KflcFocus

UNITS = [("personas", 0), ("%", 1), ("cursos", 0), ("horas", 0)]


def seed(*, indicators, years, seed=0):
    """Add `indicators` indicators, each with approved values for the last `years` years."""
    rng = random.Random(seed)
    plan = ActionPlan.objects.adopted().first()
    focuses = list(KflcFocus.objects.order_by("pk"))
    objectives = list(plan.objectives.order_by("pk")) if plan else []
    if not objectives or not focuses:
        raise ValueError("seed the demo city (its adopted plan and the KFLC) first")
    this_year = timezone.localdate().year
    first = this_year - years
    made = Indicator.objects.bulk_create(
        _indicator(rng, number, first) for number in range(indicators)
    )
    Objectives = Indicator.objectives.through
    Objectives.objects.bulk_create(
        Objectives(indicator=i, objective=objectives[n % len(objectives)])
        for n, i in enumerate(made)
    )
    Focuses = Indicator.kflc_focuses.through
    Focuses.objects.bulk_create(
        Focuses(indicator=i, kflcfocus=focuses[n % len(focuses)]) for n, i in enumerate(made)
    )
    Goal.objects.bulk_create(
        Goal(indicator=i, year=this_year + 1, value=i.baseline_value * 2) for i in made
    )
    reviewed = timezone.now()
    periods = Period.objects.bulk_create(
        Period(
            indicator=indicator,
            start=date(year, 1, 1),
            status=Period.Status.APPROVED,
            submitted_at=reviewed,
            reviewed_at=reviewed,
        )
        for indicator in made
        for year in range(first + 1, this_year)
    )
    Measurement.objects.bulk_create(
        Measurement(period=period, value=_value(rng, period, first)) for period in periods
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ["indicator", "period", "measurement"]:
                cursor.execute(f"ANALYZE monitoring_{table}")
    return {"indicators": len(made), "values": len(periods)}


def _indicator(rng, number, baseline_year):
    unit, places = UNITS[number % len(UNITS)]
    return Indicator(
        name=f"Indicador de escala {number}",
        definition=f"Un indicador hecho para medir el portal a escala ({number}).",
        unit=unit,
        decimal_places=places,
        maximum=Decimal(100) if unit == "%" else None,
        data_source="Datos de escala",
        baseline_value=Decimal(rng.randrange(10, 40)),
        baseline_year=baseline_year,
        order=1000 + number,
    )


def _value(rng, period, first):
    """A value growing from the baseline, with some noise: a city's indicators mostly move."""
    indicator = period.indicator
    grown = indicator.baseline_value * (1 + Decimal(period.start.year - first) / 10)
    value = (grown + rng.randrange(-3, 4)).quantize(Decimal(1))
    return value if indicator.maximum is None else min(value, indicator.maximum)
