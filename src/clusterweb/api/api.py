"""The JSON API (django-ninja): the web platform's services under token authentication.

Every endpoint calls the same services, forms and access helpers as the web pages (the
scenario form checks scenario inputs, ``filter_organisation`` hides confidential fields,
``move_lead`` moves a lead), so a rule holds in the API because it holds on the page. Roles
are the web's: viewers read, editors write, a partner sees its own organisation's
confidential fields, anyone sees the public data. Errors are JSON, in the language the
request asks for (``Accept-Language``; Dutch by default).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable
from typing import Any, get_args, get_type_hints

import numpy as np
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.security import HttpBearer

from clusterplan.errors import Coded
from clusterplan.io.yaml_io import MAX_QUOTED_CHARS, shorten, shorten_message
from clusterplan.model.growth import GrowthError
from clusterplan.plan import bounds
from clusterplan.plan.parts import MissingPart
from clusterweb.accounts.access import can_read_plan, has_role, partner_organisations
from clusterweb.accounts.constants import Role
from clusterweb.accounts.services import LockedOut
from clusterweb.api import schemas as s
from clusterweb.api import services as tokens
from clusterweb.api.parsing import BodyParser, NumberTooLong
from clusterweb.errors import error_text, reason_text, schema_reason_text
from clusterweb.locking import Stale
from clusterweb.presentation import missing_part_text, page_language

api = NinjaAPI(
    title="clusterplan API",
    version="1",
    description=(
        "The plan, scenarios and ensembles, finance and re-phasing, space and talent demand, "
        "the organisation registry, the acquisition funnel and published events. "
        "Authenticate with a personal token (web platform: API tokens) as "
        "`Authorization: Bearer <token>`; without a token only public data is served."
    ),
    urls_namespace="api",
    parser=BodyParser(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)

MAX_ID = int(bounds.SAVED_ID.high)
"""Largest row id a path accepts (:data:`clusterplan.plan.bounds.SAVED_ID`)."""

COMMON: dict[int, type] = {401: s.Detail, 403: s.Detail, 422: s.Invalid, 429: s.Detail}
"""Refusals every endpoint may answer: no or a wrong token, a missing role, a query
parameter it does not take (:func:`_refuse_unknown_query`), a lockout."""
WITH_INPUT: dict[int, type] = {**COMMON, 400: s.Detail}


class Locked(Exception):
    """Too many refused tokens (or failed logins) from this address."""


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; no header at all is the anonymous visitor (public
    data only); a header with a wrong, revoked or malformed token is refused (401).

    ``role`` is what the operation needs (None: anyone): a user without it is refused here,
    before the request's body, query or path is read (401 anonymous, 403 else), so a call
    that may not be made is never answered what is wrong with its input."""

    def __init__(self, role: str | None = None) -> None:
        super().__init__()
        self.role = role

    def __call__(self, request: HttpRequest) -> Any | None:
        if not request.headers.get(self.header):
            user: Any = AnonymousUser()
        else:
            user = super().__call__(request)
        if user is not None and self.role is not None and not has_role(user, self.role):
            request.auth = user  # type: ignore[attr-defined]  # _denied: 401 or 403
            raise PermissionDenied
        return user

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        try:
            return tokens.user_for_token(token, request.META.get("REMOTE_ADDR"))
        except LockedOut:
            raise Locked from None


api.auth = [TokenAuth()]  # the default of every operation: anyone, public data
VIEWERS = [TokenAuth(Role.VIEWER)]
"""An operation that reads the plan (viewers and up)."""
EDITORS = [TokenAuth(Role.EDITOR)]
"""An operation that changes data (editors and up)."""


def _user(request: HttpRequest) -> Any:
    """The request's user (an operation's ``auth`` has checked its role)."""
    return request.auth  # type: ignore[attr-defined]


def query_names(view: Callable[..., Any]) -> frozenset[str]:
    """The query parameters an operation takes: the fields of its ``query: Query[Schema]``
    (by alias), none without one."""
    hint = get_type_hints(view, include_extras=True).get("query")
    if hint is None:
        return frozenset()
    schema = get_args(hint)[0]
    return frozenset(f.alias or name for name, f in schema.model_fields.items())


def _refuse_unknown_query(view: Callable[..., Any]) -> Callable[..., Any]:
    """An operation refuses a query parameter it does not take, as an unknown body field
    is refused (422 ``extra_forbidden`` at ``query.<name>``), never ignoring it: a typing
    error such as ``?sample=`` would otherwise answer with the defaults as if right. It runs
    after the token, the role and the operation's own parameters are checked."""
    known = query_names(view)

    @functools.wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        unknown = [name for name in request.GET if name not in known]
        if unknown:
            errors = [{"type": "extra_forbidden", "loc": ("query", name)} for name in unknown]
            return _invalid(request, [_schema_problem(e) for e in errors])
        return view(request, *args, **kwargs)

    return checked


api.add_decorator(_refuse_unknown_query, mode="operation")  # "operation": after validation


def _detail(request: HttpRequest, status: int, message: str) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """Nothing has the id or key in the address (a lead, an event, an organisation): in the
    user's language, as every other refusal (Django's own reason is English)."""
    return _detail(request, 404, _("Nothing of this kind has this id or key."))


def _needs_token(request: HttpRequest, message: str) -> HttpResponse:
    """401, saying how to authenticate (``WWW-Authenticate: Bearer``, as HTTP asks)."""
    response = _detail(request, 401, message)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    if not getattr(_user(request), "is_authenticated", False):
        return _needs_token(request, _("This needs an API token (Authorization: Bearer ...)."))
    return _detail(request, 403, _("Your role does not allow this."))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _needs_token(request, _("The API token is unknown, revoked or malformed."))


@api.exception_handler(Locked)
def _locked(request: HttpRequest, exc: Locked) -> HttpResponse:
    """429 with ``Retry-After``: the failures count over the lockout window."""
    from django.conf import settings

    response = _detail(
        request,
        429,
        _("Too many failed attempts from this address. Try again later."),
    )
    response["Retry-After"] = str(settings.LOGIN_LOCKOUT_WINDOW_SECONDS)
    return response


def _schema_problem(error: dict[str, Any]) -> dict[str, Any]:
    kind = str(error.get("type", "invalid"))
    loc = [part for part in error.get("loc", ()) if isinstance(part, str | int)]
    if len(loc) > 1 and loc[:2] == ["body", "body"]:
        loc = loc[1:]  # ninja names the single body parameter "body" as well
    return {"loc": loc, "msg": schema_reason_text(error), "type": kind}


@api.exception_handler(SchemaError)
def _schema_error(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    return _invalid(request, [_schema_problem(e) for e in exc.errors])


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, NumberTooLong):  # ninja's 400 from BodyParser's refusal
        errors = [{"type": "int_parsing_size", "loc": ("body", *p)} for p in exc.__cause__.paths]
        return _invalid(request, [_schema_problem(e) for e in errors])
    if exc.status_code == 400:  # ninja: the body is not JSON
        return _detail(request, 400, _("The request body is not valid JSON."))
    return _detail(request, exc.status_code, str(exc))


@api.exception_handler(MissingPart)
def _missing_part(request: HttpRequest, exc: MissingPart) -> HttpResponse:
    """An optional part the plan lacks (e.g. space for /demand): 404, naming the part and
    the file to add it to."""
    return _detail(request, 404, missing_part_text(exc))


@api.exception_handler(Stale)
def _stale(request: HttpRequest, exc: Stale) -> HttpResponse:
    return _detail(request, 409, " ".join(exc.messages()))


def _invalid(request: HttpRequest, problems: list[dict[str, Any]]) -> HttpResponse:
    return api.create_response(request, {"detail": problems}, status=422)


def _form_problems(
    form: Form, where: tuple[str, ...], at: Callable[[str], list[Any]] | None = None
) -> list[dict[str, Any]]:
    """A bound form's errors as API problems (field label and reason, user's language), each
    at its field under ``where``, or where ``at`` places a field in the body when the form
    names it otherwise."""
    out = []
    for name, errors in form.errors.as_data().items():
        loc = [*where, name] if at is None else at(name)
        for error in errors:
            for message in error.messages:
                out.append({"loc": loc, "msg": message, "type": error.code or "invalid"})
    return out


def _not_numbers(
    values: dict[str, Any], form: Form, at: Callable[[str], list[Any]]
) -> list[dict[str, Any]]:
    """The named values a form would read as text, each a problem at ``at(name)`` after the
    form field's label: a value must be a finite JSON number (or null). A form reads a text
    in the request's language ("1.234" is 1234 in Dutch, 1.234 in English), which an API
    must not; a form's advice on separators is no answer to a JSON client either."""
    out = []
    for name, value in values.items():
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if value is None or (number and math.isfinite(value)):
            continue
        field = form.fields[name]
        given = shorten(value) if not isinstance(value, dict | list) else type(value).__name__
        reason = Coded("value.problem_got", {"problem": Coded("value.not_number"), "value": given})
        message = f"{field.label}: {reason_text(reason)}"
        out.append({"loc": at(name), "msg": message, "type": "float_type"})
    return out


def _core_problem(loc: list[Any], exc: Exception, kind: str | None = None) -> dict[str, Any]:
    """A core refusal (a coded error) as an API problem at ``loc``, in the user's language;
    its type is the error's code unless ``kind`` names one."""
    return {"loc": loc, "msg": error_text(exc), "type": kind or getattr(exc, "code", "invalid")}


def _quoted(name: str) -> str:
    """A name the request gave, as a message quotes it: cut when long (a 100,000-character
    key is not echoed whole), with its length in the user's language."""
    return shorten_message(name, MAX_QUOTED_CHARS, page_language())


def _unknown(names: set[str], where: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    for name in sorted(names):
        if name == "dimension":  # a field of the body, not a value (GET .../inputs lists it)
            message = _("The growth dimension is the body's own field 'dimension', not a value.")
        else:
            message = _("Unknown input: %(name)s.") % {"name": _quoted(name)}
        out.append({"loc": [*where, name], "msg": message, "type": "unknown"})
    return out


def _plain(value: Any) -> Any:
    """JSON-ready data (dates, decimals, numpy numbers and arrays as JSON gives them)."""
    return json.loads(json.dumps(value, cls=_Encoder))


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, np.ndarray):
            return o.tolist()
        if isinstance(o, np.generic):
            return o.item()
        return super().default(o)


# --------------------------------------------------------------------------- plan


@api.get("/plan", response={200: s.PlanOut, **COMMON}, url_name="plan", tags=["plan"], auth=VIEWERS)
def plan(request: HttpRequest) -> Any:
    """The current plan: what it is, its goal, its projects and the revision (changes with
    every stored change, e.g. to know when cached results are stale)."""
    from clusterplan.app import scenarios
    from clusterweb.planning import tables
    from clusterweb.planning.services import current_plan_and_revision

    current, revision = current_plan_and_revision()
    meta = current.meta
    goal = scenarios.goal_or_none(current)
    return {
        "id": meta.id,
        "title": meta.title,
        "cluster": meta.cluster,
        "region": meta.region,
        "published": meta.published,
        "horizon_start": meta.horizon_start,
        "horizon_end": meta.horizon_end,
        "revision": revision,
        "goal": None
        if goal is None
        else {"year": goal.year, "factor": goal.factor, "jobs": goal.jobs},
        "projects": [{"id": p.id, "name": tables.name_of(p)} for p in current.finance.projects],
    }


# --------------------------------------------------------------------------- scenarios


@api.get(
    "/scenarios/inputs",
    response={200: list[s.InputOut], **COMMON},
    url_name="scenario_inputs",
    tags=["scenarios"],
    auth=VIEWERS,
)
def scenario_inputs(request: HttpRequest) -> Any:
    """Every named input of a scenario: label, range, unit and the plan's default (as
    declared once in ``clusterplan.app.inputs``, the same declaration as the web form's)."""
    from clusterplan.app.inputs import scenario_inputs as declared
    from clusterweb.planning.services import current_plan
    from clusterweb.scenarios.forms import language

    return [spec.as_data(language()) for spec in declared(current_plan())]


@api.get(
    "/scenarios/narratives",
    response={200: list[s.NarrativeOut], **COMMON},
    url_name="scenario_narratives",
    tags=["scenarios"],
    auth=VIEWERS,
)
def scenario_narratives(request: HttpRequest) -> Any:
    """The plan's market stress narratives (name and label), which POST /api/scenarios
    takes as ``stress``, as the scenario page offers them."""
    from clusterplan.app.scenarios import stress_choices
    from clusterweb.planning.services import current_plan

    return [
        {"name": name, "label": label}
        for name, label in stress_choices(current_plan(), page_language())
    ]


@api.post(
    "/scenarios",
    response={200: s.ScenarioOut, **WITH_INPUT},
    url_name="scenario",
    tags=["scenarios"],
    auth=VIEWERS,
)
def scenario(request: HttpRequest, body: s.ScenarioIn) -> Any:
    """Yearly jobs per pillar for named input values (the rest: the plan's defaults), with
    the Monte Carlo band of the web's scenario page."""
    from clusterweb.planning.services import current_plan
    from clusterweb.scenarios import services
    from clusterweb.scenarios.forms import AssumptionsForm

    current = current_plan()
    data: dict[str, Any] = {**services.defaults(current), **body.values}
    dimension = current.employment.last_dimension if body.dimension is None else body.dimension
    data["dimension"] = dimension
    form = AssumptionsForm(current, data=data)
    unknown = set(body.values) - set(form.fields) | ({"dimension"} & set(body.values))
    texts = [] if unknown else _not_numbers(body.values, form, lambda n: ["body", "values", n])
    if unknown or texts or not form.is_valid():
        problems = _unknown(unknown, ("body", "values")) or texts
        if not problems:  # the dimension is the body's own field, the rest are values
            problems = _form_problems(
                form,
                ("body", "values"),
                lambda name: ["body", name] if name == "dimension" else ["body", "values", name],
            )
        return _invalid(request, problems)
    try:
        result = services.compute(current, form.values(), stress=body.stress)
    except GrowthError as exc:  # the model refuses the narrative or the values: its words
        at = "stress" if exc.code.startswith("growth.stress") else "values"
        return _invalid(request, [_core_problem(["body", at], exc)])
    ensemble = None
    if result.band is not None:
        ensemble = {k: _plain(v) for k, v in result.band.as_dict().items()}
    return {
        "dimension": dimension,
        "values": _plain({k: v for k, v in form.values().items() if k != "dimension"}),
        "years": result.years,
        "pillars": result.pillars,
        "jobs": {p: _plain(result.jobs[i]) for i, p in enumerate(result.pillars)},
        "total": _plain(result.total),
        "goal_jobs": result.goal_jobs,
        "goal_year": result.goal_year,
        "ensemble": ensemble,
        "stress": result.stress,
    }


@api.post(
    "/ensembles",
    response={200: s.EnsembleOut, 202: s.TaskOut, **WITH_INPUT},
    url_name="ensemble",
    tags=["scenarios"],
    auth=VIEWERS,
)
def ensemble(request: HttpRequest, body: s.EnsembleIn) -> Any:
    """A Monte Carlo ensemble of the plan's default assumptions. Up to the platform's
    threshold it is computed at once (200); larger ones run as a background task (202,
    with the task's page); never above the platform's maximum (422)."""
    from django.conf import settings

    from clusterweb.planning.services import current_plan
    from clusterweb.scenarios import background
    from clusterweb.scenarios.forms import EnsembleForm
    from clusterweb.tasks.services import start_task, task_url

    user = _user(request)
    current = current_plan()
    dimension = current.employment.last_dimension if body.dimension is None else body.dimension
    form = EnsembleForm({"samples": body.samples, "dimension": dimension}, plan=current)
    if not form.is_valid():
        return _invalid(request, _form_problems(form, ("body",)))
    params = {
        "samples": form.cleaned_data["samples"],
        "dimension": form.cleaned_data["dimension"],
        "seed": settings.CLUSTERWEB_SEED if body.seed is None else body.seed,
    }
    if params["samples"] > settings.CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD:
        record = start_task(user, background.ENSEMBLE, **params)
        status_url = reverse("api:task", kwargs={"pk": record.pk})
        return Status(
            202,
            {
                "task": record.pk,
                "status": record.status,
                "url": request.build_absolute_uri(task_url(record)),
                "status_url": request.build_absolute_uri(status_url),
            },
        )
    return Status(200, _plain(background.ensemble(params)))


@api.get(
    "/tasks/{pk}",
    response={200: s.TaskStatusOut, 404: s.Detail, **COMMON},
    url_name="task",
    tags=["scenarios"],
    auth=VIEWERS,
)
def task(request: HttpRequest, pk: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """A background task this user started (POST /api/ensembles above its threshold), as
    its page shows it: status, progress, why it failed, and when done its result. Another
    user's task is not found (404), as its page is not."""
    from clusterweb.scenarios import background
    from clusterweb.tasks import services
    from clusterweb.tasks.access import get_task_for_user
    from clusterweb.tasks.constants import Status as TaskStatus

    user = _user(request)
    services.sweep_stale()
    record = get_task_for_user(user, pk)
    done = record.status == TaskStatus.DONE and record.kind == background.ENSEMBLE
    return {
        "task": record.pk,
        "status": record.status,
        "status_label": str(TaskStatus(record.status).label),
        "percent": record.percent,
        "message": record.reason if record.status == TaskStatus.FAILED else "",
        "url": request.build_absolute_uri(services.task_url(record)),
        "result": _plain(record.result) if done else None,
    }


# --------------------------------------------------------------------------- finance


@api.get(
    "/finance",
    response={200: s.FinanceOut, **COMMON},
    url_name="finance",
    exclude_unset=True,  # a key the answer lacks stays out (not null)
    tags=["finance"],
    auth=VIEWERS,
)
def finance(request: HttpRequest) -> Any:
    """Cash needs per cost line, source and year, unknowns and the funding status (the
    same data as ``clusterplan finance --json``)."""
    from clusterplan.app import finance as app_finance
    from clusterweb.planning.services import current_plan

    current = current_plan()
    return _plain(app_finance.finance(current).as_data(current, page_language()))


@api.post(
    "/finance/whatif",
    response={200: s.FinanceOut, **WITH_INPUT},
    url_name="whatif",
    exclude_unset=True,  # a key the answer lacks stays out (not null)
    tags=["finance"],
    auth=VIEWERS,
)
def whatif(request: HttpRequest, body: s.WhatIfIn) -> Any:
    """What if projects start later, take longer or are smaller: cash needs and jobs (the
    web's what-if page; the same data as ``clusterplan finance --shift/--stretch/--scale``)."""
    from clusterplan.app import finance as app_finance
    from clusterplan.model.finance import whatif_lines
    from clusterweb.finance.forms import WhatIfForm
    from clusterweb.planning.services import current_plan

    current = current_plan()
    most = len(whatif_lines(current))
    if len(body.changes) > most:
        message = _("At most %(n)s changes: one per cost line.") % {"n": most}
        return _invalid(request, [{"loc": ["body", "changes"], "msg": message, "type": "too_long"}])
    data: dict[str, Any] = {}
    for i, change in enumerate(body.changes, start=1):
        data.update(
            {
                f"project_{i}": change.project,
                f"shift_{i}": change.shift,
                f"stretch_{i}": change.stretch,
                f"scale_{i}": change.scale,
            }
        )
    form = WhatIfForm(current, data, rows=len(body.changes), named=True)
    if not form.is_valid():

        def change_at(field: str) -> list[Any]:  # project_2: the second change's project
            name, _sep, row = field.rpartition("_")
            return ["body", "changes", int(row) - 1, name]

        return _invalid(request, _form_problems(form, ("body", "changes"), change_at))
    out = app_finance.finance(current, form.changes()).as_data(current, page_language())
    return _plain(out)


@api.post(
    "/finance/rephase",
    response={200: s.RephaseOut, **WITH_INPUT},
    url_name="rephase",
    tags=["finance"],
    auth=VIEWERS,
)
def rephase(request: HttpRequest, body: s.RephaseIn) -> Any:
    """Re-phase the projects under yearly caps per funding source (the web's re-phasing
    page; the same data as ``clusterplan phase --json``). No cap at all gives the plan's
    phasing and what it needs per source and year."""
    from clusterplan.app import finance as app_finance
    from clusterplan.model.phasing import cap_source_refusal
    from clusterplan.report.finance import phasing_data
    from clusterweb.finance.forms import CapsForm
    from clusterweb.planning.services import current_plan

    current = current_plan()
    known = current.finance.source_ids
    unknown = [  # in the core's words, as clusterplan phase --cap, at the body's key
        _core_problem(
            ["body", "caps", source],
            cap_source_refusal(_quoted(source), known, f"caps.{_quoted(source)}"),
        )
        for source in body.caps
        if source not in known
    ]
    if unknown:
        return _invalid(request, unknown)
    caps = {f"cap_{k}": v for k, v in body.caps.items()}
    form = CapsForm(current, caps)
    texts = _not_numbers(caps, form, lambda name: ["body", "caps", name.removeprefix("cap_")])
    if texts:
        return _invalid(request, texts)
    if not form.is_valid():  # at the body's key (the source), not the form's field name
        problems = _form_problems(
            form, ("body", "caps"), lambda name: ["body", "caps", name.removeprefix("cap_")]
        )
        return _invalid(request, problems)
    problem, result = app_finance.rephase(current, form.caps())
    return _plain(phasing_data(current, problem, result, page_language()))


# --------------------------------------------------------------------------- demand


@api.get(
    "/demand",
    response={200: s.DemandOut, 404: s.Detail, **WITH_INPUT},
    url_name="demand",
    tags=["demand"],
    auth=VIEWERS,
)
def demand(request: HttpRequest, query: Query[s.DemandQuery]) -> Any:  # type: ignore[type-arg]
    """Space (m²) and talent (hires by education level) against supply, per year, for a
    growth dimension (the web's space and talent page; ``clusterplan space/talent --json``),
    with one ensemble's bands of both and its probability of a space shortfall; each part
    null when the plan has not that part, 404 when it has neither."""
    from clusterplan.report.demand import (
        demand_ensemble_data,
        space_data,
        space_milestones,
        supply_source,
        talent_data,
    )
    from clusterweb.demand import services
    from clusterweb.planning.services import current_plan

    current = current_plan()
    known = current.employment.dimension_ids
    dimension = query.dimension or known[-1]
    if dimension not in known:  # the plan's dimensions, refused as a schema choice is
        expected = ", ".join(f"'{d}'" for d in known)
        error = {
            "type": "literal_error",
            "loc": ("query", "dimension"),
            "input": dimension,
            "ctx": {"expected": expected},
        }
        return _invalid(request, [_schema_problem(error)])
    result = services.demand(
        current, dimension, samples=query.samples, seed=query.seed, vary=query.vary
    )
    talent = None
    if result.talent is not None:  # as clusterplan talent --json, with its supply's source
        talent = talent_data(current, result.talent, dimension, page_language())
        label = services.supply_data(current)[1]
        talent["supply_source"] = supply_source(label, page_language())
    return _plain(
        {
            "dimension": dimension,
            "until": result.until,
            "space": None
            if result.space is None
            else space_data(result.space, dimension, page_language(), space_milestones(current)),
            "talent": talent,
            "ensemble": demand_ensemble_data(result, page_language()),
        }
    )


# --------------------------------------------------------------------------- organisations


def _organisation(user: Any, row: Any) -> dict[str, Any]:
    from clusterweb.ecosystem.access import filter_organisation, hidden_organisation_fields

    data = {f.name: getattr(row, f.name) for f in row._meta.concrete_fields if f.name != "id"}
    shown = filter_organisation(user, row.key, data)
    hidden = hidden_organisation_fields(user, row.key)
    return {
        "key": row.key,
        "name": row.name,
        "fields": _plain(shown),
        "hidden": sorted(set(data) & hidden),
    }


def _public_keys() -> list[str]:
    from clusterweb.ecosystem.services import ShowcaseFilters, showcase_organisations

    return [o["key"] for o in showcase_organisations(ShowcaseFilters())]


@api.get(
    "/organisations",
    response={200: list[s.OrganisationOut], **WITH_INPUT},
    url_name="organisations",
    tags=["ecosystem"],
)
def organisations(request: HttpRequest, query: Query[s.OrganisationQuery]) -> Any:  # type: ignore[type-arg]
    """The registry: viewers and editors see every organisation; everyone else the public
    showcase, and a partner also its own organisations. Each organisation with the fields
    this user may see (confidential ones for editors and the organisation's own partner)."""
    from clusterweb.ecosystem.models import Organisation
    from clusterweb.ecosystem.services import ensure_registry_loaded, search

    user = _user(request)
    ensure_registry_loaded()
    rows = Organisation.objects.all()
    if not can_read_plan(user):
        rows = rows.filter(key__in=set(_public_keys()) | partner_organisations(user))
    if query.q:
        rows = rows.filter(search(query.q))
    return [_organisation(user, row) for row in rows]


@api.get(
    "/organisations/{key}",
    response={200: s.OrganisationOut, 404: s.Detail, **COMMON},
    url_name="organisation",
    tags=["ecosystem"],
)
def organisation(request: HttpRequest, key: str) -> Any:
    """One organisation with the fields this user may see (404: not in the registry, or
    not public for this user)."""
    from clusterweb.ecosystem.access import get_organisation_for_user
    from clusterweb.ecosystem.models import Organisation

    user = _user(request)
    if can_read_plan(user) or key in partner_organisations(user):
        row = get_organisation_for_user(user, key)
    elif key in _public_keys():
        row = get_object_or_404(Organisation, key=key)
    else:
        return Status(404, {"detail": _("No such organisation in the public showcase.")})
    return _organisation(user, row)


# --------------------------------------------------------------------------- actuals


@api.get(
    "/actuals",
    response={200: list[s.ActualOut], 404: s.Detail, **COMMON},
    url_name="actuals",
    tags=["monitoring"],
    auth=VIEWERS,
)
def actuals(request: HttpRequest, query: Query[s.ActualsQuery]) -> Any:  # type: ignore[type-arg]
    """The stored figures this user may see one by one, in the plan's order of indicators
    (the page of stored figures: ``monitoring.access.visible_actuals``; a partner's
    submission only for editors and that organisation's own users), of one indicator or
    year when asked; 404 for a plan without a monitoring part."""
    from clusterplan.plan.parts import require
    from clusterweb.monitoring import pages
    from clusterweb.monitoring.access import visible_actuals
    from clusterweb.planning.services import current_plan

    plan = current_plan()
    require(plan, "monitoring")
    names = pages.Names(plan)
    if query.indicator is not None and query.indicator not in names.indicators:
        known = ", ".join(names.indicators)
        message = _("There is no indicator %(name)s in the plan (known: %(known)s).") % {
            "name": _quoted(query.indicator),
            "known": known,
        }
        return _invalid(
            request, [{"loc": ["query", "indicator"], "msg": message, "type": "unknown"}]
        )
    rows = visible_actuals(_user(request))
    if query.indicator is not None:
        rows = rows.filter(indicator=query.indicator)
    if query.year is not None:
        rows = rows.filter(year=query.year)
    return [names.as_data(row) for row in pages.in_plan_order(rows)]


# --------------------------------------------------------------------------- leads


@api.get(
    "/leads",
    response={200: list[s.LeadOut], **COMMON},
    url_name="leads",
    exclude_unset=True,  # a key the answer lacks stays out (not null)
    tags=["leads"],
    auth=VIEWERS,
)
def leads(request: HttpRequest) -> Any:
    """Every lead of the acquisition funnel (viewers and up); a lead stored before one of
    the core's rules comes as stored, with the core's reason under ``problem``."""
    from clusterweb.acquisition.models import Lead

    return [_lead(row) for row in Lead.objects.all()]


def _lead(row: Any) -> dict[str, Any]:
    """A stored lead as the core reads it, or, when the core refuses it (stored before one
    of its rules), its stored fields under the same names and the reason (``problem``)."""
    from clusterweb.acquisition.services import Refused, read_lead, stored_fields

    read = read_lead(row)
    if isinstance(read, Refused):
        return stored_fields(row) | {"problem": read.reason}
    return read.model_dump(mode="json")


@api.get(
    "/leads/{key}",
    response={200: s.LeadOut, 404: s.Detail, **COMMON},
    url_name="lead",
    exclude_unset=True,  # a key the answer lacks stays out (not null)
    tags=["leads"],
    auth=VIEWERS,
)
def lead(request: HttpRequest, key: str) -> Any:
    """One lead."""
    from clusterweb.acquisition.access import get_lead_for_user

    return _lead(get_lead_for_user(_user(request), key))


@api.post(
    "/leads/{key}/move",
    response={200: s.LeadOut, 404: s.Detail, 409: s.Detail, **WITH_INPUT},
    url_name="lead_move",
    exclude_unset=True,  # a key the answer lacks stays out (not null)
    tags=["leads"],
    auth=EDITORS,
)
def lead_move(request: HttpRequest, key: str, body: s.LeadMoveIn) -> Any:
    """Move a lead to another stage on a date (editors). ``from_stage`` is the stage you
    read: when someone else moved the lead since, nothing changes (409)."""
    from clusterweb.acquisition import services
    from clusterweb.acquisition.access import get_lead_rw_for_user
    from clusterweb.acquisition.constants import Stage
    from clusterweb.acquisition.forms import MoveForm

    user = _user(request)
    row = get_lead_rw_for_user(user, key)
    form = MoveForm({"stage": body.stage, "on": body.on.isoformat(), "from_stage": body.from_stage})
    form.fields["from_stage"].required = True  # a client says what it read (a page may not)
    if not form.is_valid():
        return _invalid(request, _form_problems(form, ("body",)))
    stored = services.read_lead(row)
    if isinstance(stored, services.Refused):  # the lead, not the move, is at fault
        message = _("This lead must be corrected on its page before it can move: %(reason)s")
        return _detail(request, 409, message % {"reason": stored.reason})
    read = form.cleaned_data["from_stage"]
    try:
        services.move_lead(
            row,
            user,
            form.cleaned_data["stage"],
            form.cleaned_data["on"],
            read=services.StageRead(row, read, form.cleaned_data["stage"]),
        )
    except Stale:  # the page's words speak of a form; a client sent what it read
        row.refresh_from_db()
        stages = dict(Stage.choices)
        message = _(
            "Someone else moved this lead after you read it: it is in stage %(stored)s, "
            "you read %(read)s. Nothing was saved; read the lead again."
        )
        words = {"stored": stages[row.stage], "read": stages.get(read, read)}
        return _detail(request, 409, message % words)
    except ValueError as exc:
        return _invalid(request, [_core_problem(["body", "stage"], exc)])
    row.refresh_from_db()
    return services.to_core(row).model_dump(mode="json")


# --------------------------------------------------------------------------- events


def _event(request: HttpRequest, event: Any) -> dict[str, Any]:
    from clusterweb.events.services import registration_open

    return {
        "id": event.pk,
        "name": event.name,
        "date": event.date,
        "venue": event.venue,
        "description": event.description,
        "registration_opens": event.registration_opens,
        "registration_closes": event.registration_closes,
        "registration_open": registration_open(event),
        "url": request.build_absolute_uri(reverse("events:public", kwargs={"pk": event.pk})),
    }


@api.get("/events", response={200: list[s.EventOut], **COMMON}, url_name="events", tags=["events"])
def events(request: HttpRequest) -> Any:
    """Published events (public: no token needed)."""
    from clusterweb.events.models import Event

    return [_event(request, e) for e in Event.objects.filter(published=True)]


@api.get(
    "/events/{pk}",
    response={200: s.EventOut, 404: s.Detail, **COMMON},
    url_name="event",
    tags=["events"],
)
def event(request: HttpRequest, pk: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """One published event (404 for an unpublished one)."""
    from clusterweb.events.access import get_published_event

    return _event(request, get_published_event(pk))
