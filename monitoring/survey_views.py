"""Citizen surveys: the public list, the page where a person answers once, the results (staff
always; everybody once closed, when staff made them public) and the staff's CSV export."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from learningcity import csv_export
from learningcity.permissions import can, deny, rule_required
from monitoring import surveys
from monitoring.survey_forms import ResultsFilterForm, SurveyAnswerForm
from monitoring.survey_models import Survey
from monitoring.timeliness import city_today


def _survey(request, pk):
    return get_object_or_404(Survey.objects.visible_to(request.user, city_today()), pk=pk)


def survey_list(request):
    today = city_today()
    rows = list(Survey.objects.visible_to(request.user, today))
    return render(
        request,
        "monitoring/surveys/list.html",
        {
            "open": [s for s in rows if s.is_open(today)],
            "upcoming": [s for s in rows if s.opens_on > today],
            "closed": [s for s in rows if s.is_closed(today)],
            "results_public": {s.pk for s in rows if surveys.results_visible(s, request.user)},
            "manage": can(request.user, "monitoring.manage_surveys"),
        },
    )


def _token(request):
    return request.get_signed_cookie(
        surveys.TOKEN_COOKIE, default=None, salt=surveys.TOKEN_SALT, max_age=surveys.TOKEN_MAX_AGE
    )


def survey(request, pk):
    """The survey's questions, for a person who has not answered it yet."""
    survey = _survey(request, pk)
    today = city_today()
    token = _token(request)
    questions = list(survey.questions.all())
    answered = surveys.already_answered(survey, user=request.user, token=token)
    needs_account = survey.sign_in_required and not request.user.is_authenticated
    can_answer = survey.is_open(today) and not answered and not needs_account
    form = None
    if can_answer:
        form = SurveyAnswerForm(
            request.POST if request.method == "POST" else None,
            survey=survey,
            questions=questions,
        )
    if request.method == "POST":
        if form is None:
            messages.error(request, _refusal(survey, today, answered))
            return redirect(survey.get_absolute_url())
        if form.is_valid():
            fresh = token or surveys.new_token()
            try:
                surveys.survey_answer(
                    survey=survey,
                    user=request.user,
                    token=fresh,
                    answers=form.answers(),
                    district=form.cleaned_data.get("district"),
                    target_group=form.cleaned_data.get("target_group"),
                    today=today,
                )
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied:
                return deny(request)
            else:
                messages.success(request, _("Thank you: your answers are recorded."))
                response = redirect(survey.get_absolute_url())
                if not token and not request.user.is_authenticated:
                    response.set_signed_cookie(
                        surveys.TOKEN_COOKIE,
                        fresh,
                        salt=surveys.TOKEN_SALT,
                        max_age=surveys.TOKEN_MAX_AGE,
                        secure=settings.SESSION_COOKIE_SECURE,
                        httponly=True,
                        samesite="Lax",
                    )
                return response
        messages.error(request, _("Please correct the answers marked below."))
    return render(
        request,
        "monitoring/surveys/answer.html",
        {
            "survey": survey,
            "form": form,
            "answered": answered,
            "needs_account": needs_account,
            "is_open": survey.is_open(today),
            "is_closed": survey.is_closed(today),
            "results_visible": surveys.results_visible(survey, request.user, today),
        },
    )


def _refusal(survey, today, answered):
    if answered:
        return _("You have already answered this survey: thank you.")
    if survey.is_closed(today):
        return _("This survey is closed: it takes no more answers.")
    if not survey.is_open(today):
        return _("This survey is not open yet.")
    return _("Sign in to answer this survey.")


def survey_results(request, pk):
    survey = _survey(request, pk)
    if not surveys.results_visible(survey, request.user):
        return deny(request)
    form = ResultsFilterForm(request.GET or None)
    by = form.cleaned_data["by"] if form.is_valid() else ""
    staff = can(request.user, "monitoring.manage_surveys")
    return render(
        request,
        "monitoring/surveys/results.html",
        {
            "survey": survey,
            "form": form,
            "results": surveys.survey_results(survey, by=by, include_texts=staff),
            "staff": staff,
        },
    )


@rule_required("monitoring.manage_surveys")
def survey_csv(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    header, rows = surveys.export_rows(survey)
    response = csv_export.csv_response(f"survey-{survey.pk}.csv")
    writer = csv_export.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
