"""The token page's forms: name a new token; revoke one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterplan.plan import bounds


class TokenForm(forms.Form):
    """A new token's name (what it is for: a script, a machine)."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the script or machine that uses it."),
    )


class RevokeForm(forms.Form):
    """Which of your tokens to revoke."""

    token = forms.IntegerField(
        min_value=1, max_value=int(bounds.SAVED_ID.high), widget=forms.HiddenInput
    )
