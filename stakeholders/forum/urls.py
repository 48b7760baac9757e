from django.urls import path

from stakeholders.forum import views

app_name = "forum"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.topic_new, name="topic-new"),
    path("c/<slug:slug>/", views.category_detail, name="category"),
    path("c/<slug:slug>/follow/", views.category_follow, name="category-follow"),
    path("t/<int:pk>/", views.topic_detail, name="topic-short"),
    path("t/<int:pk>/<slug:slug>/", views.topic_detail, name="topic"),
    path("t/<int:pk>/reply/", views.topic_reply, name="reply"),
    path("t/<int:pk>/follow/", views.topic_follow, name="topic-follow"),
    path("p/<int:pk>/", views.post_link, name="post"),
    path("p/<int:pk>/edit/", views.post_edit_view, name="post-edit"),
    path("p/<int:pk>/hide/", views.post_hide_own, name="post-hide-own"),
    path("p/<int:pk>/flag/", views.post_flag_view, name="post-flag"),
    path("p/<int:pk>/history/", views.post_history, name="post-history"),
]
