"""The arithmetic of funding, in Decimal only: no float ever touches money.

`cost_benefit` discounts yearly costs and monetised benefits to the present (year 0 is today and
not discounted) and gives the net present value, the benefit-cost ratio and the payback year.
`herfindahl` measures how concentrated the money is over the kinds of source.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def _decimal(value, name):
    # A float would carry its binary error into every sum; refuse it rather than guess.
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{name} must be a Decimal or an int, not {type(value).__name__}")
    return Decimal(value)


def money(value):
    """Rounded to cents, halves away from zero (as accountants round)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CostBenefit:
    present_costs: Decimal
    present_benefits: Decimal
    npv: Decimal
    # None when nothing costs anything: a ratio over zero has no meaning.
    benefit_cost_ratio: Decimal | None
    # The first year in which the discounted benefits so far cover the discounted costs so far;
    # None when that never happens within the horizon.
    payback_year: int | None


def cost_benefit(rows, rate):
    """`rows`: (year, cost, benefit) with year 0, 1, 2...; `rate`: the discount rate as a
    fraction (Decimal("0.05") for 5 %). Sums are kept exact until the end and rounded to cents
    (the ratio to two decimals) only in the result."""
    rate = _decimal(rate, "rate")
    if rate <= -1:
        raise ValueError("The discount rate must be above -100 %.")
    present_costs = present_benefits = Decimal(0)
    payback_year = None
    for year, cost, benefit in sorted(rows, key=lambda row: row[0]):
        if not isinstance(year, int) or year < 0:
            raise ValueError("Years are counted from 0.")
        cost, benefit = _decimal(cost, "cost"), _decimal(benefit, "benefit")
        if cost < 0 or benefit < 0:
            raise ValueError("Costs and benefits are never negative.")
        factor = (1 + rate) ** year
        present_costs += cost / factor
        present_benefits += benefit / factor
        if payback_year is None and present_benefits >= present_costs and present_costs:
            payback_year = year
    if payback_year is None and not present_costs and present_benefits:
        payback_year = 0
    ratio = (
        (present_benefits / present_costs).quantize(CENT, ROUND_HALF_UP) if present_costs else None
    )
    return CostBenefit(
        present_costs=money(present_costs),
        present_benefits=money(present_benefits),
        npv=money(present_benefits - present_costs),
        benefit_cost_ratio=ratio,
        payback_year=payback_year,
    )


def herfindahl(amounts):
    """The Herfindahl–Hirschman index of `{kind: amount}`: the sum of the squared shares, from
    1/n (money spread evenly over n kinds) to 1 (one kind pays everything). None without money.
    Rounded to four decimals."""
    values = [_decimal(amount, "amount") for amount in amounts.values()]
    if any(value < 0 for value in values):
        raise ValueError("Amounts are never negative.")
    total = sum(values, Decimal(0))
    if not total:
        return None
    index = sum(((value / total) ** 2 for value in values), Decimal(0))
    return index.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
