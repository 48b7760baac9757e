from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from learningcity import (
    accounts,
    audit_views,
    inbox_views,
    notification_views,
    personal_data_views,
    views,
)
from learningcity.content_language_views import missing_translations
from learningcity.media import serve_media

urlpatterns = [
    path("health/", views.health, name="health"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("", include("events.calendar_urls")),
    path("api/provision/", include("provision.api_urls")),
    path("open-data/", include("dashboard.open_data_urls")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("activity/", audit_views.activity, name="activity"),
    path("activity/<int:pk>/restore/", audit_views.restore, name="activity_restore"),
    path("translations/missing/", missing_translations, name="missing_translations"),
    path("privacy/", personal_data_views.privacy, name="privacy"),
    path("inbox/", inbox_views.inbox, name="inbox"),
    path("accounts/profile/", accounts.profile, name="account_profile"),
    path(
        "accounts/profile/data/",
        personal_data_views.personal_data_download,
        name="account_personal_data",
    ),
    path(
        "accounts/profile/delete/", personal_data_views.account_delete_view, name="account_delete"
    ),
    path("accounts/notifications/", notification_views.preferences, name="account_notifications"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "unsubscribe/<str:token>/",
        notification_views.unsubscribe,
        name="notifications_unsubscribe",
    ),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("stakeholders/", include("stakeholders.urls")),
    path("forum/", include("stakeholders.forum.urls")),
    path("plan/", include("planning.urls")),
    path("events/", include("events.urls")),
    path("provision/", include("provision.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("funding/", include("funding.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("reports/", include("dashboard.report_urls")),
    path("open-data/", include("dashboard.open_data_page_urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    # In production the proxy serves /media/ the same way (README: Behind a reverse proxy).
    urlpatterns += [path("media/<path:path>", serve_media)]

handler400 = "learningcity.errors.bad_request"
handler403 = "learningcity.errors.permission_denied"
handler404 = "learningcity.errors.page_not_found"
handler500 = "learningcity.errors.server_error"
