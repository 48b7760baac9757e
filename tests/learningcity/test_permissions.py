import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory
from django.views.generic import DetailView

from learningcity import permissions
from learningcity.permissions import can, has_role, roles
from learningcity.registry import Registry
from stakeholders.models import Organisation
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

ACTIONS = ["admin.access", "city.edit_profile", "city.manage_people", "city.edit_reference_lists"]
# Who may, per DESIGN.md §4: anonymous, citizen, moderator, staff, coordinator.
EXPECTED = {
    "admin.access": [False, False, False, True, True],
    "city.edit_profile": [False, False, False, False, True],
    "city.manage_people": [False, False, False, False, True],
    "city.edit_reference_lists": [False, False, False, True, True],
    "stakeholders.verify_organisation": [False, False, False, True, True],
}


@pytest.fixture
def people(db, alice, mona, sam, carol):
    from django.contrib.auth.models import AnonymousUser

    return [AnonymousUser(), alice, mona, sam, carol]


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_global_role_matrix(people, action):
    assert [can(person, action) for person in people] == EXPECTED[action]


def test_every_registered_user_is_a_citizen_and_coordinators_have_staff_rights(alice, carol):
    assert roles(alice) == {"citizen"}
    assert roles(carol) == {"citizen", "staff", "coordinator"}


def test_a_superuser_has_every_role(db):
    root = UserFactory(is_superuser=True)
    assert roles(root) == set(permissions.GLOBAL_ROLES)


def test_an_inactive_user_has_no_role(db):
    assert roles(UserFactory(is_active=False, roles=["staff"])) == frozenset()


def test_roles_are_read_once_per_user_object(alice, django_assert_num_queries):
    with django_assert_num_queries(1):
        has_role(alice, "staff")
        has_role(alice, "citizen")
        can(alice, "admin.access")


def test_organisation_admin_may_edit_own_organisation_only(bob, organisation):
    other = OrganisationFactory()
    assert can(bob, "stakeholders.edit_organisation", organisation)
    assert not can(bob, "stakeholders.edit_organisation", other)
    assert can(bob, "stakeholders.manage_members", organisation)
    assert not can(bob, "stakeholders.manage_members", other)


def test_organisation_member_may_not_manage_members(db, organisation):
    member = MembershipFactory(organisation=organisation, role="member").user
    assert not can(member, "stakeholders.manage_members", organisation)
    assert not can(member, "stakeholders.edit_organisation", organisation)


def test_staff_may_edit_any_organisation(sam, organisation):
    assert can(sam, "stakeholders.edit_organisation", organisation)


def test_asking_for_an_unknown_rule_fails_loudly(alice):
    with pytest.raises(ImproperlyConfigured):
        can(alice, "planning.fly_to_the_moon")


def test_a_rule_cannot_be_registered_twice_with_another_predicate():
    with pytest.raises(ImproperlyConfigured):
        permissions.rule("admin.access")(lambda user, obj: True)


def test_forget_drops_cached_roles(alice):
    assert not has_role(alice, "staff")
    from learningcity.accounts import user_set_roles

    user_set_roles(user=alice, roles=["staff"])
    assert has_role(alice, "staff")


def test_can_template_tag_answers_for_the_request_user(sam, alice):
    template = engines["django"].from_string(
        '{% load portal %}{% can "admin.access" as ok %}{{ ok }}'
    )
    for user, expected in [(sam, "True"), (alice, "False")]:
        request = RequestFactory().get("/")
        request.user = user
        assert template.render({"request": request}) == expected


def test_admin_refuses_citizens_and_admits_staff(client_for, alice, sam):
    assert client_for(alice).get("/admin/").status_code == 302
    response = client_for(sam).get("/admin/")
    assert response.status_code == 200


def test_staff_cannot_edit_the_city_profile_but_the_coordinator_can(client_for, sam, carol):
    url = "/admin/learningcity/cityprofile/"
    assert client_for(sam).get(url).status_code == 403
    assert client_for(carol).get(url).status_code == 200


def test_registry_renders_sections_in_order_and_skips_empty_ones():
    registry = Registry()
    registry.register_section(
        "slot", "b", title="B", template_name="x.html", get_context=lambda r, o: {}, order=2
    )
    registry.register_section(
        "slot", "a", title="A", template_name="x.html", get_context=lambda r, o: {}, order=1
    )
    assert [section.key for section in registry.sections_for("slot")] == ["a", "b"]
    assert registry.sections_for("nothing") == []
    registry.register_hook("export", lambda user: {"n": 1})
    assert registry.call_hooks("export", user=None) == [{"n": 1}]


class OrganisationPage(permissions.RuleRequiredMixin, DetailView):
    permission_action = "stakeholders.edit_organisation"
    model = Organisation

    def render_to_response(self, context, **kwargs):
        return HttpResponse(self.object.name)


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("alice", 403), ("bob", 200)])
def test_the_view_mixin_redirects_anonymous_people_and_refuses_others(
    request, organisation, bob, who, status
):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    http = RequestFactory().get("/")
    http.user = user
    try:
        answered = OrganisationPage.as_view()(http, pk=organisation.pk).status_code
    except PermissionDenied:  # the request pipeline turns this into the 403 page
        answered = 403
    assert answered == status
