"""The demo city's funding: three years of budget for the base structure and some actions, about
twenty-five contributions from every type of source (one philanthropist anonymous, one partner
paying in euros with a rate for one year), allocations earmarked for districts and marginalised
groups, two cost-sharing agreements, shared resources with a finished booking and two
cost-benefit analyses. Running it again changes nothing."""

from datetime import date
from decimal import Decimal

from django.db.models import Case, When
from django.utils import timezone

from funding import services
from funding.models import (
    AgreementShare,
    BudgetLine,
    Contribution,
    CostBenefitAnalysis,
    CostBenefitYear,
    CostSharingAgreement,
    ExchangeRate,
    FundingSource,
    SharedResource,
)
from learningcity.models import CityProfile, District, TargetGroup, User
from planning.models import Action, ActionPlan
from stakeholders.models import Organisation

K = FundingSource.Kind
# name | type | anonymous | organisation slug
SOURCES = [
    ("Ayuntamiento de Villa Esperanza", K.LOCAL_GOVERNMENT, False, None),
    ("Secretaría de Educación Pública", K.NATIONAL_GOVERNMENT, False, None),
    ("Fundación Aprender Juntos", K.FOUNDATION, False, None),
    ("Cooperativa Textil del Oriente", K.BUSINESS, False, None),
    ("Banco Regional del Centro", K.BUSINESS, False, None),
    ("Doña Elena Márquez", K.PHILANTHROPIST, False, None),
    ("Un donante del barrio Norte", K.PHILANTHROPIST, True, None),
    ("Agencia de Cooperación de Hamburgo", K.INTERNATIONAL, False, None),
    ("Unión Europea – Programa Erasmus+", K.SUPRANATIONAL, False, None),
]
# source index | amount | currency | year offset | received | form | description
CONTRIBUTIONS = [
    (0, "450000", "MXN", -1, True, "cash", "Partida municipal"),
    (0, "480000", "MXN", 0, True, "cash", "Partida municipal"),
    (0, "500000", "MXN", 1, False, "cash", "Partida municipal comprometida"),
    (1, "300000", "MXN", -1, True, "cash", "Programa nacional de educación de adultos"),
    (1, "320000", "MXN", 0, True, "cash", "Programa nacional de educación de adultos"),
    (1, "320000", "MXN", 1, False, "cash", "Programa nacional de educación de adultos"),
    (2, "120000", "MXN", -1, True, "cash", "Becas para familias migrantes"),
    (2, "150000", "MXN", 0, True, "cash", "Becas para familias migrantes"),
    (2, "90000", "MXN", 1, False, "cash", "Becas para familias migrantes"),
    (3, "40000", "MXN", -1, True, "in_kind", "Telas y máquinas para talleres"),
    (3, "45000", "MXN", 0, True, "cash", "Patrocinio del festival"),
    (4, "80000", "MXN", -1, True, "cash", "Educación financiera"),
    (4, "85000", "MXN", 0, False, "cash", "Educación financiera"),
    (4, "60000", "MXN", 1, False, "cash", "Educación financiera"),
    (5, "25000", "MXN", -1, True, "cash", "Libros para bibliotecas barriales"),
    (5, "30000", "MXN", 0, True, "cash", "Libros para bibliotecas barriales"),
    (6, "15000", "MXN", 0, True, "cash", "Donativo anónimo"),
    (6, "15000", "MXN", 1, False, "cash", "Donativo anónimo"),
    (7, "8000", "EUR", -1, True, "cash", "Intercambio de buenas prácticas"),
    (7, "9000", "EUR", 0, True, "cash", "Intercambio de buenas prácticas"),
    (7, "9000", "EUR", 1, False, "cash", "Intercambio de buenas prácticas"),
    (8, "20000", "EUR", 0, True, "cash", "Formación de mediadores"),
    (8, "20000", "EUR", 1, False, "cash", "Formación de mediadores"),
    (3, "12000", "MXN", 1, False, "in_kind", "Local para el taller de costura"),
]


def seed():
    if FundingSource.objects.exists():
        return
    plan = ActionPlan.objects.adopted().first()
    if plan is None:
        return
    staff = User.objects.filter(email="staff@example.org").first()
    this_year = timezone.localdate().year
    years = [this_year - 1, this_year, this_year + 1]
    # The demo city counts in Mexican pesos (stakeholders.demo sets its profile).
    currency = CityProfile.objects.current().currency
    actions = list(Action.objects.filter(objective__plan=plan).order_by("pk")[:6])
    groups = list(TargetGroup.objects.filter(marginalised=True).order_by("pk")) or list(
        TargetGroup.objects.order_by("pk")
    )
    districts = list(District.objects.order_by("pk"))
    _budget(years, actions, currency, staff)
    ExchangeRate.objects.bulk_create(
        [ExchangeRate(year=years[0], currency="EUR", rate=Decimal("21.50"), created_by=staff)]
    )
    sources = [
        services.source_save(
            source=FundingSource(name=name, kind=kind, anonymous=anonymous), by=staff
        )
        for name, kind, anonymous, _slug in SOURCES
    ]
    contributions = []
    for index, (source, amount, money, offset, received, form, text) in enumerate(CONTRIBUTIONS):
        year = this_year + offset
        pledged = date(year, 1 + index % 6, 10)
        contributions.append(
            services.contribution_save(
                contribution=Contribution(
                    source=sources[source],
                    amount=Decimal(amount),
                    currency=money,
                    year=year,
                    form=form,
                    description=text,
                    status="received" if received else "pledged",
                    pledged_on=pledged,
                    received_on=date(year, 1 + index % 6, 28) if received else None,
                ),
                by=staff,
            )
        )
    _allocate(contributions, actions, groups, districts, staff)
    _agreements(sources, actions, staff)
    _analyses(actions, staff)
    _resources(staff, actions)


def _budget(years, actions, currency, staff):
    for number, year in enumerate(years):
        services.budget_line_save(
            line=BudgetLine(
                item_es="Oficina de coordinación de la ciudad del aprendizaje",
                item_en="Learning city coordination office",
                year=year,
                amount=Decimal(400000 + 20000 * number),
                currency=currency,
            ),
            by=staff,
        )
        for index, action in enumerate(actions):
            services.budget_line_save(
                line=BudgetLine(
                    action=action,
                    item_es=action.title_es[:200],
                    item_en=(action.title_en or "")[:200] or None,
                    year=year,
                    amount=Decimal(90000 + 35000 * index + 10000 * number),
                    currency=currency,
                ),
                by=staff,
            )


def _allocate(contributions, actions, groups, districts, staff):
    # The last action of each year is left without money, so the gap page warns about it.
    for index, contribution in enumerate(contributions):
        if contribution.currency != "MXN" or not actions:
            continue
        action = actions[index % max(len(actions) - 1, 1)]
        share = (contribution.amount * Decimal("0.6")).quantize(Decimal("1"))
        services.allocation_create(
            contribution=contribution,
            action=action,
            amount=share,
            target_group=groups[index % len(groups)] if groups and index % 2 == 0 else None,
            district=districts[index % len(districts)] if districts else None,
            by=staff,
        )


def _agreements(sources, actions, staff):
    today = timezone.localdate()
    services.agreement_save(
        agreement=CostSharingAgreement(
            title_es="Bibliotecas abiertas en los barrios",
            title_en="Libraries open in the neighbourhoods",
            action=actions[0] if actions else None,
            programme_es="Bibliotecas abiertas en los barrios",
            programme_en="Libraries open in the neighbourhoods",
            total_amount=Decimal("600000"),
            currency="MXN",
            valid_from=date(today.year, 1, 1),
            valid_until=date(today.year + 2, 12, 31),
        ),
        shares=[
            AgreementShare(party=sources[0], percent=Decimal("50"), pays_for="Personal y locales"),
            AgreementShare(party=sources[2], percent=Decimal("30"), pays_for="Becas"),
            AgreementShare(party=sources[4], amount=Decimal("120000"), pays_for="Equipos"),
        ],
        by=staff,
    )
    services.agreement_save(
        agreement=CostSharingAgreement(
            title_es="Mediadores interculturales",
            title_en="Intercultural mediators",
            programme_es="Formación de mediadores para familias migrantes",
            programme_en="Training mediators for migrant families",
            currency="EUR",
            valid_from=date(today.year, 3, 1),
            valid_until=date(today.year + 1, 2, 28),
        ),
        shares=[
            AgreementShare(party=sources[8], percent=Decimal("60"), pays_for="Formación"),
            AgreementShare(party=sources[7], percent=Decimal("25"), pays_for="Intercambios"),
            AgreementShare(party=sources[1], percent=Decimal("15"), pays_for="Materiales"),
        ],
        by=staff,
    )


def _analyses(actions, staff):
    analyses = [
        (
            ("Alfabetización digital de personas adultas", "Digital literacy for adults"),
            CostBenefitAnalysis.Method.COST_BENEFIT,
            "5",
            [("350000", "0"), ("120000", "90000"), ("120000", "180000"), ("120000", "220000"),
             ("120000", "240000"), ("0", "240000")],
            ("Beneficio: ingresos adicionales de las personas que consiguen empleo gracias al "
             "curso (30 % de quienes terminan) y ahorro en trámites en línea.",
             "Benefit: additional income of the people who find work thanks to the course (30 % "
             "of those who finish it) and savings on procedures done online."),
        ),
        (
            ("Mediadores interculturales en las escuelas", "Intercultural mediators in schools"),
            CostBenefitAnalysis.Method.SROI,
            "3.5",
            [("200000", "0"), ("80000", "60000"), ("80000", "110000"), ("80000", "130000")],
            ("Beneficio: menos abandono escolar de hijos de familias migrantes, valorado con el "
             "costo de un año escolar repetido.",
             "Benefit: fewer children of migrant families leaving school early, valued at the "
             "cost of a repeated school year."),
        ),
    ]  # fmt: skip
    this_year = timezone.localdate().year
    for index, (title, method, rate, rows, assumptions) in enumerate(analyses):
        services.analysis_save(
            analysis=CostBenefitAnalysis(
                title_es=title[0],
                title_en=title[1],
                action=actions[index] if len(actions) > index else None,
                programme_es=title[0],
                programme_en=title[1],
                method=method,
                discount_rate=Decimal(rate),
                first_year=this_year - 1,
                currency="MXN",
                assumptions_es=assumptions[0],
                assumptions_en=assumptions[1],
                evidence_es="Encuesta de seguimiento a participantes, registro municipal de empleo.",
                evidence_en="Follow-up survey of participants, the city's employment register.",
            ),
            years=[
                CostBenefitYear(year=year, cost=Decimal(cost), benefit=Decimal(benefit))
                for year, (cost, benefit) in enumerate(rows)
            ],
            by=staff,
        )


def _resources(staff, actions):
    # The stakeholder's library lends, so the demo's stakeholder account answers a request.
    organisations = list(
        Organisation.objects.filter(verified=True).order_by(
            Case(When(slug="biblioteca-publica-central", then=0), default=1), "pk"
        )[:4]
    )
    if len(organisations) < 2:
        return
    lender, borrower = organisations[0], organisations[1]
    kinds = [
        (lender, "room", ("Sala de lectura para talleres", "Reading room for workshops"),
         "hour", "300"),
        (lender, "digital_platform", ("Plataforma de préstamo de libros electrónicos",
                                      "E-book lending platform"), "month", "2500"),
        (organisations[-1], "equipment", ("Proyector y pantalla portátil",
                                          "Projector and portable screen"), "day", "400"),
        (organisations[-1], "volunteer_hours", ("Voluntariado de lectura en voz alta",
                                                "Volunteers reading aloud"), "hour", "120"),
    ]  # fmt: skip
    resources = [
        services.resource_save(
            resource=SharedResource(
                organisation=organisation,
                kind=kind,
                name_es=name[0],
                name_en=name[1],
                unit=unit,
                unit_value=Decimal(value),
                currency="MXN",
            ),
            by=staff,
        )
        for organisation, kind, name, unit, value in kinds
    ]
    today = timezone.localdate()
    finished = services.booking_request(
        resource=resources[0],
        organisation=borrower,
        purpose="Taller de escritura para personas mayores",
        starts_on=date(today.year, 1, 15),
        ends_on=date(today.year, 2, 15),
        units=Decimal("12"),
        action=actions[0] if actions else None,
        by=staff,
    )
    services.booking_decide(booking=finished, accept=True, by=staff)
    services.booking_finish(
        booking=finished, units_used=Decimal("10"), finished_on=date(today.year, 2, 16), by=staff
    )
    services.booking_request(
        resource=resources[0],
        organisation=borrower,
        purpose="Club de lectura juvenil",
        starts_on=today,
        ends_on=today,
        units=Decimal("2"),
        by=staff,
    )
