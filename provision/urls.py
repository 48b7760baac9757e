from django.urls import path

from provision import (
    import_views,
    learning_org_views,
    manage_views,
    need_views,
    recognition_views,
    views,
)

app_name = "provision"
urlpatterns = [
    path("", views.index, name="index"),
    path("opportunities/<slug:slug>/", views.detail, name="detail"),
    path("opportunities/<slug:slug>/rate/", views.rate, name="rate"),
    path("opportunities/<slug:slug>/edit/", manage_views.opportunity_edit, name="opportunity-edit"),
    path("spaces/<slug:slug>/edit/", manage_views.space_edit, name="space-edit"),
    path("manage/", manage_views.manage, name="manage"),
    path("import/", import_views.import_catalogue, name="import"),
    path(
        "manage/<slug:organisation>/opportunities/new/",
        manage_views.opportunity_new,
        name="opportunity-new",
    ),
    path("manage/<slug:organisation>/spaces/new/", manage_views.space_new, name="space-new"),
    path("ratings/", views.ratings_queue, name="ratings"),
    path("ratings/<int:pk>/moderate/", views.rating_moderate, name="rating-moderate"),
    path("ratings/<int:pk>/respond/", views.rating_respond, name="rating-respond"),
    path("map/", views.opportunity_map, name="map"),
    path("guidance/", views.guidance_path, name="guidance"),
    path("spaces/", views.spaces, name="spaces"),
    path("spaces/<slug:slug>/", views.space, name="space"),
    path("needs/", need_views.needs, name="needs"),
    path("needs/new/", need_views.need_new, name="need-new"),
    path("needs/<int:pk>/", need_views.need, name="need"),
    path("for/", need_views.groups, name="for-groups"),
    path("for/<slug:slug>/", need_views.group, name="for-group"),
]

# Recognition of non-formal learning (provision.recognition_views).
urlpatterns += [
    path("recognition/", recognition_views.procedures, name="recognition"),
    path("recognition/assess/", recognition_views.assess, name="recognition-assess"),
    path(
        "recognition/manage/<slug:organisation>/new/",
        recognition_views.procedure_new,
        name="recognition-procedure-new",
    ),
    path(
        "recognition/applications/<uuid:key>/",
        recognition_views.application,
        name="recognition-application",
    ),
    path(
        "recognition/applications/<uuid:key>/withdraw/",
        recognition_views.application_withdraw,
        name="recognition-application-withdraw",
    ),
    path(
        "recognition/applications/<uuid:key>/evidence/",
        recognition_views.evidence,
        name="recognition-evidence",
    ),
    path("recognition/<slug:slug>/", recognition_views.procedure, name="recognition-procedure"),
    path(
        "recognition/<slug:slug>/edit/",
        recognition_views.procedure_edit,
        name="recognition-procedure-edit",
    ),
    path("recognition/<slug:slug>/apply/", recognition_views.apply, name="recognition-apply"),
    path("credentials/<str:code>/", recognition_views.credential, name="credential"),
    path("credentials/<str:code>/pdf/", recognition_views.credential_pdf, name="credential-pdf"),
    path(
        "credentials/<str:code>/withdraw/",
        recognition_views.credential_withdraw,
        name="credential-withdraw",
    ),
]

# Learning organisations and a learner-friendly city.
LEARNING_ORGS = "learning-organisations/<slug:slug>/"
urlpatterns += [
    path(
        "learning-organisations/", learning_org_views.organisations, name="learning-organisations"
    ),
    path(LEARNING_ORGS, learning_org_views.organisation, name="learning-organisation"),
    path(LEARNING_ORGS + "manage/", learning_org_views.manage, name="learning-organisation-manage"),
    path(LEARNING_ORGS + "pledge/", learning_org_views.pledge, name="learning-organisation-pledge"),
    path(
        LEARNING_ORGS + "assessment/",
        learning_org_views.assessment,
        name="learning-organisation-assessment",
    ),
    path(
        LEARNING_ORGS + "support/",
        learning_org_views.support_new,
        name="learning-organisation-support",
    ),
    path(LEARNING_ORGS + "report/", learning_org_views.report, name="learning-organisation-report"),
    path("support-requests/", learning_org_views.support_requests, name="support-requests"),
    path("support-requests/<int:pk>/", learning_org_views.support_request, name="support-request"),
    path("spaces/<slug:slug>/checklist/", learning_org_views.checklist, name="space-checklist"),
    path("spaces/<slug:slug>/barrier/", learning_org_views.barrier_new, name="barrier-new"),
    path("barriers/", learning_org_views.barriers, name="barriers"),
    path("barriers/<int:pk>/", learning_org_views.barrier, name="barrier"),
]
