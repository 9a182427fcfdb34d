"""The Open Referral (HSDS) export of approved resources: public, the same for everyone."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from actlocal.directory.hsds import resources_as_hsds


@require_safe
def resources_hsds(request):
    response = JsonResponse(resources_as_hsds(), json_dumps_params={"ensure_ascii": False})
    # Anyone may fetch and re-share it; the content is the same for every viewer.
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = 'inline; filename="actlocal-resources-hsds.json"'
    return response
