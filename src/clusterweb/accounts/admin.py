from django.contrib import admin

from clusterweb.accounts.models import LoginAttempt, PartnerMembership


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    list_display = ["username", "ip_address", "succeeded", "locked_out", "at"]
    list_filter = ["succeeded", "locked_out"]
    search_fields = ["username", "ip_address"]


@admin.register(PartnerMembership)
class PartnerMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation_id"]
    search_fields = ["user__username", "organisation_id"]
