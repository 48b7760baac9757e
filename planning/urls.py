from django.urls import path
from django.views.decorators.http import conditional_page

from learningcity import converters  # noqa: F401  (registers the <token:...> converter)
from planning import (
    change_views,
    comment_views,
    consultation_views,
    edit_views,
    export_views,
    participation_views,
    update_views,
    views,
)

app_name = "planning"
urlpatterns = [
    path("", views.index, name="index"),
    path("kflc/", views.kflc, name="kflc"),
    path("changes/", change_views.changes, name="changes"),
    # Harvesters polling the feed with If-None-Match or If-Modified-Since are answered 304.
    path("changes/feed/", conditional_page(change_views.ChangesFeed()), name="changes-feed"),
    path("export.csv", export_views.plan_csv, name="plan-csv"),
    path("print/", export_views.plan_print, name="plan-print"),
    path("versions/", views.versions, name="versions"),
    path("versions/compare/", views.versions_compare, name="versions-compare"),
    path("versions/<int:pk>/", views.plan_version, name="plan-version"),
    path("versions/<int:pk>/copy/", views.version_create, name="version-create"),
    path("versions/<int:pk>/adopt/", views.version_adopt, name="version-adopt"),
    path("versions/<int:pk>/export.csv", export_views.plan_version_csv, name="version-csv"),
    path("versions/<int:pk>/print/", export_views.plan_version_print, name="version-print"),
    path("versions/<int:pk>/edit/", edit_views.plan_edit, name="plan-edit"),
    path("versions/<int:pk>/reorder/", edit_views.reorder, name="reorder"),
    path("versions/<int:pk>/themes/new/", edit_views.theme_edit, name="theme-new"),
    path("versions/<int:pk>/themes/<int:theme_pk>/", edit_views.theme_edit, name="theme-edit"),
    path("versions/<int:pk>/objectives/new/", edit_views.objective_edit, name="objective-new"),
    path(
        "versions/<int:pk>/objectives/<int:objective_pk>/",
        edit_views.objective_edit,
        name="objective-edit",
    ),
    path(
        "versions/<int:pk>/objectives/<int:objective_pk>/actions/new/",
        edit_views.action_new,
        name="action-new",
    ),
    path("objectives/<int:pk>/actions/", views.objective_actions_view, name="objective-actions"),
    path("actions/<int:pk>/", views.action, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
    path("actions/<int:pk>/contacts/", update_views.action_contacts, name="action-contacts"),
    path("actions/<int:pk>/updates/new/", update_views.progress_update_new, name="update-new"),
    path(
        "actions/<int:pk>/updates/<int:update_pk>/",
        update_views.progress_update_edit,
        name="update-edit",
    ),
    path("updates/review/", update_views.updates_review, name="updates-review"),
    path("updates/<int:pk>/review/", update_views.progress_update_review, name="update-review"),
    path("versions/<int:pk>/settings/", update_views.plan_settings, name="plan-settings"),
    path("versions/<int:pk>/comments/", comment_views.plan_comments, name="plan-comments"),
    path("versions/<int:pk>/comments/period/", comment_views.comment_period, name="comment-period"),
    path("versions/<int:pk>/heard/", comment_views.heard, name="heard"),
    path("comments/<int:pk>/answer/", comment_views.comment_answer, name="comment-answer"),
    path("charter/", participation_views.charter, name="charter"),
    path(
        "charter/versions/<int:pk>/comments/",
        comment_views.plan_comments,
        {"kind": "charter"},
        name="charter-comments",
    ),
    path(
        "charter/versions/<int:pk>/comments/period/",
        comment_views.comment_period,
        {"kind": "charter"},
        name="charter-comment-period",
    ),
    path(
        "charter/versions/<int:pk>/heard/",
        comment_views.heard,
        {"kind": "charter"},
        name="charter-heard",
    ),
    path("charter/sign/", participation_views.charter_sign, name="charter-sign"),
    path("charter/withdraw/", participation_views.charter_withdraw, name="charter-withdraw"),
    path("stocktake/", participation_views.stocktake, name="stocktake"),
    path("stocktake/new/", participation_views.stocktake_new, name="stocktake-new"),
    path("stocktake/review/", participation_views.stocktake_review_queue, name="stocktake-review"),
    path(
        "stocktake/<int:pk>/review/", participation_views.stocktake_review, name="stocktake-decide"
    ),
    path("consultations/", consultation_views.consultations, name="consultations"),
    path("consultations/<int:pk>/", consultation_views.consultation, name="consultation"),
    path(
        "consultations/<int:pk>/act/", consultation_views.consultation_act, name="consultation-act"
    ),
    path(
        "consultations/<int:pk>/invite/",
        consultation_views.consultation_invite,
        name="consultation-invite",
    ),
    path(
        "consultations/<int:pk>/theme/",
        consultation_views.consultation_theme,
        name="consultation-theme",
    ),
    path(
        "consultations/join/<token:token>/",
        consultation_views.consultation_join,
        name="consultation-join",
    ),
    path("workshops/", participation_views.workshops, name="workshops"),
    path("workshops/<int:pk>/place/", participation_views.workshop_place, name="workshop-place"),
    path(
        "workshops/<int:pk>/attendance/",
        participation_views.workshop_attendance,
        name="workshop-attendance",
    ),
    path(
        "workshops/participations/<int:pk>/evaluate/",
        participation_views.workshop_evaluate,
        name="workshop-evaluate",
    ),
]
