"""Who may do what with indicators (DESIGN.md §4): staff edit indicators and review values;
members of the responsible organisation enter the values of its indicators; everybody reads
approved values."""

from learningcity.permissions import STAFF, is_org_member, organisation_roles, role_rule, rule

role_rule("monitoring.edit_indicators", STAFF)
role_rule("monitoring.review_values", STAFF)


@rule("monitoring.enter_values")
def enter_values(user, indicator=None):
    """A member of the organisation responsible for `indicator`, when people enter its values
    (a computed indicator's come from the portal); without an indicator, whether `user` is
    responsible for any."""
    if indicator is None:
        return bool(organisation_roles(user))
    if indicator.is_computed or indicator.responsible_organisation_id is None:
        return False
    return is_org_member(user, indicator.responsible_organisation)


@rule("monitoring.follow")
def follow(user, indicator=None):
    return bool(getattr(user, "is_authenticated", False))


# The KFLC self-assessment and the moderation and answers of feedback are city staff's.
role_rule("monitoring.assess_kflc", STAFF)
role_rule("monitoring.moderate_feedback", STAFF)
role_rule("monitoring.manage_surveys", STAFF)
role_rule("monitoring.manage_reports", STAFF)
role_rule("monitoring.send_bulletins", STAFF)


@rule("monitoring.answer_report")
def answer_report(user, report=None):
    """A member of the organisation a report was asked of; without a report, of any."""
    if report is None:
        return bool(organisation_roles(user))
    return is_org_member(user, report.organisation)
