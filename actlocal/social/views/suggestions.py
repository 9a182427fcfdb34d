from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from actlocal.social import selectors
from actlocal.social.suggestions import groups_to_follow, people_to_know


@login_required
def suggested(request):
    return render(
        request,
        "social/suggested.html",
        {
            "suggestions": people_to_know(request.user),
            "groups": groups_to_follow(request.user),
            "profile": selectors.leader_profile_of(request.user),
            "refusal": selectors.participation_refusal(request.user),
        },
    )
