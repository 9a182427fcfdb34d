from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    from actlocal.accounts.selectors import user_can_invite
    from actlocal.directory.selectors import user_reviews_resources

    return {
        "SITE_URL": settings.SITE_URL,
        # Lazy: only pages that render the account menu pay for the query.
        "can_invite": SimpleLazyObject(lambda: user_can_invite(request.user)),
        "can_review": SimpleLazyObject(lambda: user_reviews_resources(request.user)),
    }
