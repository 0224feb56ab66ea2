"""The history's filter (a GET form: it changes nothing)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class HistoryFilterForm(forms.Form):
    """Changes by a user and of an object whose names contain these texts."""

    user = forms.CharField(label=_("User"), required=False)
    object = forms.CharField(label=_("Object"), required=False)
