from django.urls import path

from monitoring import (
    assessment_views,
    entry_views,
    feedback_views,
    import_views,
    open_data,
    views,
)

app_name = "monitoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/<int:pk>/", views.indicator, name="indicator"),
    path("indicators/<int:pk>/follow/", views.follow, name="follow"),
    path("indicators/<int:pk>/values.csv", open_data.values_csv, name="values-csv"),
    path("indicators/<int:pk>/values.json", open_data.values_json, name="values-json"),
    path("indicators/<int:pk>/values/", entry_views.values, name="values"),
    path("mine/", entry_views.mine, name="my-indicators"),
    path("review/", entry_views.review, name="review"),
    path("completeness/", entry_views.completeness, name="completeness"),
    path("import/", import_views.import_values, name="import"),
    path("periods/<int:pk>/submit/", entry_views.period_submit, name="period-submit"),
    path("periods/<int:pk>/review/", entry_views.period_review, name="period-review"),
    path("periods/<int:pk>/lock/", entry_views.period_lock, name="period-lock"),
    path("kflc/", assessment_views.kflc, name="kflc"),
    path("kflc/start/", assessment_views.kflc_start, name="kflc-start"),
    path("kflc/<int:year>/", assessment_views.kflc_year, name="kflc-year"),
    path("kflc/<int:year>/edit/", assessment_views.kflc_edit, name="kflc-edit"),
    path("kflc/<int:year>/reopen/", assessment_views.kflc_reopen, name="kflc-reopen"),
    path("feedback/", feedback_views.feedback, name="feedback"),
    path("feedback/review/", feedback_views.feedback_review, name="feedback-review"),
    path("feedback/<int:pk>/", feedback_views.feedback_moderate, name="feedback-moderate"),
    path("feedback/<int:pk>/publish/", feedback_views.feedback_publish, name="feedback-publish"),
]
