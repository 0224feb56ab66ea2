from django.contrib import admin

from clusterweb.history.models import Change


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "object_repr", "field", "old_value", "new_value"]
    search_fields = ["username", "object_repr", "field"]
    readonly_fields = [f.name for f in Change._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
