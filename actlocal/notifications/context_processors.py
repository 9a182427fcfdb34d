from django.utils.functional import SimpleLazyObject


def unread_notifications(request):
    """The header's unread count. Lazy: a page pays one indexed COUNT only when it renders the count,
    and anonymous visitors pay no query at all."""
    from actlocal.notifications.selectors import unread_count

    def count() -> int:
        user = getattr(request, "user", None)
        return unread_count(user) if user is not None and user.is_authenticated else 0

    return {"unread_notifications": SimpleLazyObject(count)}
