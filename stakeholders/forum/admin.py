"""The forum in the administration: staff manage the categories here; topics, posts and flags
are shown to read (moderators act on the site, through the services, with their reasons)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from learningcity.admin_site import RuleModelAdmin
from learningcity.content_languages import fields_in_languages
from stakeholders.forum import services
from stakeholders.forum.models import Category, Flag, Post, Topic


@admin.register(Category)
class CategoryAdmin(TranslationAdmin, RuleModelAdmin):
    edit_rule = "forum.manage_categories"
    list_display = ["name", "slug", "order", "is_closed", "topic_count", "post_count"]
    list_editable = ["order", "is_closed"]
    prepopulated_fields = {"slug": ["name_es"]}
    search_fields = fields_in_languages(Category, ["name"])
    readonly_fields = ["topic_count", "post_count", "last_activity_at"]

    def save_model(self, request, obj, form, change):
        services.category_save(category=obj, by=request.user)

    def has_delete_permission(self, request, obj=None):
        # A category with topics is closed instead (the database refuses to delete it).
        return super().has_delete_permission(request, obj) and (obj is None or not obj.topic_count)


class ReadOnly(RuleModelAdmin):
    edit_rule = "admin.access"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Topic)
class TopicAdmin(ReadOnly):
    list_display = ["title", "category", "author", "status", "is_locked", "is_pinned"]
    list_filter = ["status", "is_locked", "is_pinned", "category"]
    list_select_related = ["category", "author"]
    search_fields = ["title"]


@admin.register(Post)
class PostAdmin(ReadOnly):
    list_display = ["__str__", "author", "language", "status", "created_at", "edited_at"]
    list_filter = ["status", "language"]
    list_select_related = ["topic", "author"]
    search_fields = ["body"]
    exclude = ["search_vector"]


@admin.register(Flag)
class FlagAdmin(ReadOnly):
    list_display = ["post", "reason", "flagged_by", "created_at", "resolved_at", "outcome"]
    list_filter = ["reason", "outcome"]
    list_select_related = ["post__topic", "flagged_by"]
