from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartupsConfig(AppConfig):
    name = "clusterweb.startups"
    label = "startups"
    verbose_name = _("Start-ups")

    def ready(self) -> None:
        """The history shows a start-up's jobs and funding only to who may see them, and a
        revert that would break a start-up's status rules is refused."""
        from clusterweb.history.access import register_field_filter
        from clusterweb.history.services import register_validator
        from clusterweb.startups.access import stored_field_filter
        from clusterweb.startups.models import FundingRound, JobsYear, StartUp
        from clusterweb.startups.services import validate_all

        register_field_filter(JobsYear, stored_field_filter(JobsYear))
        register_field_filter(FundingRound, stored_field_filter(FundingRound))
        register_validator(StartUp, validate_all)
