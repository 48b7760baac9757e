from django.urls import path

from stakeholders.forum import moderation_views, search_views, views

app_name = "forum"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.topic_new, name="topic-new"),
    path("about/", views.topics_about_view, name="about"),
    path("search/", search_views.search_view, name="search"),
    path("c/<slug:slug>/", views.category_detail, name="category"),
    path("c/<slug:slug>/follow/", views.category_follow, name="category-follow"),
    path("t/<int:pk>/", views.topic_detail, name="topic-short"),
    path("t/<int:pk>/reply/", views.topic_reply, name="reply"),
    path("t/<int:pk>/follow/", views.topic_follow, name="topic-follow"),
    path("t/<int:pk>/moderate/", moderation_views.topic_moderate, name="topic-moderate"),
    # After the topic's own pages above, which its slug would otherwise take.
    path("t/<int:pk>/<slug:slug>/", views.topic_detail, name="topic"),
    path("p/<int:pk>/", views.post_link, name="post"),
    path("p/<int:pk>/edit/", views.post_edit_view, name="post-edit"),
    path("p/<int:pk>/hide/", views.post_hide_own, name="post-hide-own"),
    path("p/<int:pk>/flag/", views.post_flag_view, name="post-flag"),
    path("p/<int:pk>/history/", views.post_history, name="post-history"),
    path("p/<int:pk>/moderate/", moderation_views.post_moderate, name="moderation-post"),
    path("moderation/", moderation_views.queue, name="moderation"),
    path("moderation/log/", moderation_views.log, name="moderation-log"),
]
