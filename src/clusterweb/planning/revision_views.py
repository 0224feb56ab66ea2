"""The plans and revisions the platform keeps: list, upload a revision, make one live."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterplan.errors import localise
from clusterplan.io.limits import ReadLimits
from clusterplan.plan.load import PlanError
from clusterweb.accounts.access import (
    has_role,
    reader_required,
    require_role,
    role_required,
)
from clusterweb.accounts.constants import Role
from clusterweb.planning import revision_diff, revisions
from clusterweb.planning.models import PlanRevision
from clusterweb.planning.services import PlanInvalid
from clusterweb.presentation import Table, moment, page_language, sentence, table


def _revisions_table(plan: dict[str, Any]) -> Table:
    """A kept plan's revisions (``revisions.plan_groups``), newest first; the last column,
    whether it is live or a button that makes it live, is written by
    ``planning/_revisions_table.html``."""
    return table(
        _("Kept revisions of %(title)s") % {"title": plan["title"]},
        [_("Published"), _("Title"), _("Loaded at"), _("Kept as"), _("Live")],
        [
            [
                r.published,
                r.title,
                moment(r.loaded_at),
                _("edited on the web") if r.kept_from_edits else _("loaded"),
            ]
            for r in (row["revision"] for row in plan["rows"])
        ],
        words=True,
    )


@reader_required
def revision_list(request: HttpRequest) -> HttpResponse:
    """Every kept plan with its revisions and which one is live (readers); editors upload a
    new revision (kept, not yet live), admins make a plan or revision live."""
    can_upload = has_role(request.user, Role.EDITOR)
    if request.method == "POST":
        require_role(request.user, Role.EDITOR)
    form = revisions.RevisionUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        limits = ReadLimits.from_env()
        # At most one byte more than the limit is read: the reader refuses it by its size.
        data = form.cleaned_data["file"].read(limits.max_bytes + 1)
        try:
            revision = revisions.keep_uploaded_revision(data, limits)
        except revisions.RevisionRefused as exc:
            problems = exc.problems
        else:
            messages.success(
                request,
                _("Kept the revision of %(plan)s published %(published)s.")
                % {"plan": revision.title, "published": revision.published},
            )
            return redirect("planning:revisions")
    plans = [{**plan, "table": _revisions_table(plan)} for plan in revisions.plan_groups()]
    return render(
        request,
        "planning/revisions.html",
        {
            "title": _("Plans and revisions"),
            "form": form,
            "problems": problems,
            "plans": plans,
            "can_upload": can_upload,
            "can_make_live": has_role(request.user, Role.ADMIN),
            "can_compare": sum(len(p["rows"]) for p in plans) > 1,
        },
    )


@role_required(Role.ADMIN)
@require_POST
def revision_make_live(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a kept revision the live plan (admins): the live plan, edits included, is kept
    as a revision first, then the editable rows are replaced."""
    revision = get_object_or_404(PlanRevision, pk=pk)
    try:
        kept = revisions.make_live(revision)
    except PlanInvalid as exc:
        messages.error(request, sentence(exc.unkept(page_language())))
        return redirect("planning:revisions")
    except PlanError as exc:  # a revision kept before models were asked
        problems = "; ".join(localise(p.reason, page_language()) for p in exc.problems)
        messages.error(
            request,
            _("%(plan)s cannot be made live; nothing changed: %(problems)s")
            % {"plan": revision.title, "problems": problems},
        )
        return redirect("planning:revisions")
    if kept is not None:
        messages.info(
            request,
            _("The plan that was live, with its edits, is kept as a revision of %(plan)s.")
            % {"plan": kept.title},
        )
    messages.success(
        request,
        _("%(plan)s (published %(published)s) is now the live plan.")
        % {"plan": revision.title, "published": revision.published},
    )
    return redirect("planning:revisions")


@reader_required
def revision_diff_page(request: HttpRequest) -> HttpResponse:
    """What changed between two kept revisions (``?old=<pk>&new=<pk>``; without them the
    newest revision and the one before it of the same plan), and both revisions' central
    scenario results side by side."""
    context: dict[str, object] = {
        "title": _("Compare two revisions"),
        "can_upload": has_role(request.user, Role.EDITOR),
    }
    if "old" in request.GET or "new" in request.GET:
        form = revision_diff.RevisionPairForm(request.GET)
        pair = (form.cleaned_data["old"], form.cleaned_data["new"]) if form.is_valid() else None
    else:
        pair = revision_diff.default_pair()
        initial = {"old": pair[0].pk, "new": pair[1].pk} if pair is not None else {}
        form = revision_diff.RevisionPairForm(initial=initial)
    context["form"] = form
    if pair is not None:
        old = PlanRevision.objects.get(pk=pair[0].pk)
        new = PlanRevision.objects.get(pk=pair[1].pk)
        context |= revision_diff.diff_context(old, new)
    return render(request, "planning/revision_diff.html", context)
