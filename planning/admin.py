from django.contrib import admin

from learningcity.admin_site import RuleModelAdmin, RuleTabularInline
from planning.models import KflcArea, KflcFocus


class KflcFocusInline(RuleTabularInline):
    model = KflcFocus
    extra = 0


@admin.register(KflcArea)
class KflcAreaAdmin(RuleModelAdmin):
    edit_rule = "city.edit_reference_lists"
    list_display = ["code", "name_es", "name_en"]
    inlines = [KflcFocusInline]
