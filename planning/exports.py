"""The plan's actions as a CSV that spreadsheets, Excel included, open as they should.

Excel needs a byte-order mark to read UTF-8 and CRLF line ends, and a cell that begins like a
formula must not run as one: learningcity.csv_export sees to all three, as for every CSV.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F
from django.utils.translation import gettext as _

from learningcity import csv_export
from planning.models import Action
from planning.selectors import action_prefetches, with_status


def headers():
    """Column titles in the active language."""
    return [
        _("Theme"),
        _("Objective"),
        _("Term"),
        _("KFLC areas of focus"),
        _("Action"),
        _("Lead organisation"),
        _("Other organisations and their role"),
        _("Start"),
        _("End"),
        _("Phase"),
        _("Status"),
        _("Progress (%)"),
        _("Milestones done"),
        _("Milestones in all"),
        _("Why the status was set by hand"),
    ]


def export_actions(plan):
    """The plan's actions in the order the plan page shows them, in a fixed number of queries."""
    return (
        with_status(Action.objects.filter(objective__plan=plan))
        .select_related("objective__theme", "lead_organisation")
        .prefetch_related(*action_prefetches(), "objective__kflc_focuses")
        .order_by(
            F("objective__theme__order").asc(nulls_last=True),
            "objective__theme__pk",
            "objective__order",
            "objective__pk",
            "order",
            "pk",
        )
    )


def whole_percent(value):
    """Rounded as the pages round it (`floatformat:0`: halves away from zero)."""
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def other_organisations(action):
    """ "Museo (Partner); Radio (Funder)": every role but the lead organisation's lead role."""
    return "; ".join(
        f"{role.organisation.name} ({role.get_role_display()})"
        for role in action.roles.all()
        if not (role.role == role.Role.LEAD and role.organisation_id == action.lead_organisation_id)
    )


def action_row(action):
    objective = action.objective
    milestones = action.milestones.all()
    return [
        objective.theme.title if objective.theme else "",
        objective.title,
        objective.get_term_display(),
        "; ".join(focus.code for focus in objective.kflc_focuses.all()),
        action.title,
        action.lead_organisation.name if action.lead_organisation else "",
        other_organisations(action),
        action.start.isoformat(),
        action.end.isoformat(),
        action.get_phase_display(),
        Action.Status(action.current_status).label,
        whole_percent(action.progress),
        sum(1 for milestone in milestones if milestone.completed_on),
        len(milestones),
        action.status_override_reason if action.status_override else "",
    ]


def write_plan_csv(plan, out):
    """Write the plan's actions to the text stream `out`, one row per action, headers first."""
    out.write(csv_export.BOM)
    writer = csv_export.writer(out)
    writer.writerow(headers())
    for action in export_actions(plan):
        writer.writerow(action_row(action))


def csv_filename(plan):
    """plan-2026-2030.csv for the plan in force; other versions add their status and number."""
    name = f"plan-{plan.start.year}-{plan.end.year}"
    if plan.status != plan.Status.ADOPTED:
        name += f"-{plan.status}-{plan.pk}"
    return name + ".csv"
