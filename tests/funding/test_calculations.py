"""Cost-benefit and diversification figures against values worked out by hand."""

from decimal import Decimal

import pytest

from funding.calculations import cost_benefit, herfindahl


def test_the_issue_example_pays_back_in_year_four():
    # 30/1.05 + 30/1.05² + ... + 30/1.05⁵ = 129.8843...; 129.88 - 100 = 29.88.
    rows = [(0, Decimal(100), Decimal(0))] + [
        (year, Decimal(0), Decimal(30)) for year in range(1, 6)
    ]

    result = cost_benefit(rows, Decimal("0.05"))

    assert result.npv == Decimal("29.88")
    assert result.present_benefits == Decimal("129.88")
    assert result.present_costs == Decimal("100.00")
    assert result.benefit_cost_ratio == Decimal("1.30")
    # Discounted benefits so far: 28.57, 55.78, 81.70, 106.38 by year 4.
    assert result.payback_year == 4


def test_a_programme_whose_benefits_never_cover_its_costs_has_no_payback_year():
    # 20/1.1 + 20/1.21 + 20/1.331 = 18.18 + 16.53 + 15.03 = 49.74.
    rows = [(0, Decimal(100), Decimal(0))] + [(year, Decimal(0), Decimal(20)) for year in (1, 2, 3)]

    result = cost_benefit(rows, Decimal("0.10"))

    assert result.npv == Decimal("-50.26")
    assert result.benefit_cost_ratio == Decimal("0.50")
    assert result.payback_year is None


def test_without_costs_there_is_no_ratio_and_nothing_to_pay_back():
    result = cost_benefit([(0, Decimal(0), Decimal(10)), (1, 0, Decimal(10))], Decimal(0))

    assert result.npv == Decimal("20.00")
    assert result.benefit_cost_ratio is None
    assert result.payback_year == 0


def test_nothing_at_all_gives_zero():
    result = cost_benefit([], Decimal("0.03"))

    assert (result.npv, result.benefit_cost_ratio, result.payback_year) == (
        Decimal("0.00"),
        None,
        None,
    )


def test_at_a_zero_rate_the_sums_are_plain_and_costs_spread_over_years_count():
    rows = [
        (0, Decimal(50), Decimal(0)),
        (1, Decimal(50), Decimal(40)),
        (2, Decimal(0), Decimal(40)),
        (3, Decimal(0), Decimal(40)),
    ]

    result = cost_benefit(rows, Decimal(0))

    assert result.npv == Decimal("20.00")
    assert result.benefit_cost_ratio == Decimal("1.20")
    # Benefits so far 40, 80, 120 against costs of 100.
    assert result.payback_year == 3


def test_rows_in_any_order_give_the_same_result():
    rows = [(year, Decimal(0), Decimal(30)) for year in range(5, 0, -1)] + [(0, Decimal(100), 0)]

    assert cost_benefit(rows, Decimal("0.05")).payback_year == 4


@pytest.mark.parametrize(
    "rows, rate",
    [
        ([(0, 100.0, 0)], Decimal("0.05")),
        ([(0, Decimal(100), 0)], 0.05),
    ],
)
def test_floats_are_refused(rows, rate):
    with pytest.raises(TypeError):
        cost_benefit(rows, rate)


@pytest.mark.parametrize(
    "rows", [[(0, Decimal(-1), Decimal(0))], [(0, Decimal(0), Decimal(-5))], [(-1, 0, 0)]]
)
def test_negative_amounts_and_years_are_refused(rows):
    with pytest.raises(ValueError):
        cost_benefit(rows, Decimal("0.05"))


@pytest.mark.parametrize(
    "amounts, index",
    [
        ({"business": Decimal(50), "foundation": Decimal(50)}, Decimal("0.5000")),
        ({"business": Decimal(100)}, Decimal("1.0000")),
        # 0.6² + 0.3² + 0.1² = 0.36 + 0.09 + 0.01
        ({"a": Decimal(60), "b": Decimal(30), "c": Decimal(10)}, Decimal("0.4600")),
        ({"a": Decimal(1), "b": Decimal(1), "c": Decimal(1)}, Decimal("0.3333")),
    ],
)
def test_herfindahl_index_over_source_types(amounts, index):
    assert herfindahl(amounts) == index


def test_herfindahl_without_money_is_none():
    assert herfindahl({}) is None
    assert herfindahl({"a": Decimal(0)}) is None


def test_herfindahl_refuses_negative_amounts():
    with pytest.raises(ValueError):
        herfindahl({"a": Decimal(-1), "b": Decimal(2)})
