"""The plan in the forum: themes, objectives and actions people may start a topic about (those
they may see), and the discussion section on an action's page (stakeholders.forum, to the left
of planning, renders it: DESIGN.md §2)."""

from learningcity.registry import registry
from planning.models import Action, ActionPlan, Objective, Theme
from stakeholders.forum.sections import discussion_section


def discussable(user):
    plans = ActionPlan.objects.visible_to(user)
    return {
        Theme: Theme.objects.filter(plan__in=plans),
        Objective: Objective.objects.filter(plan__in=plans),
        Action: Action.objects.visible_to(user),
    }


def register():
    registry.register_hook("forum_discussable", discussable)
    discussion_section("action_detail")
