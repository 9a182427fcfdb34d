"""A small fixed-window rate limiter kept in the cache (Redis when configured, so every app server shares
the counts; the local-memory cache on one machine and in tests)."""

from __future__ import annotations

from django.core.cache import cache


def rate_limited(key: str, limit: int, window_seconds: int) -> bool:
    """Count one more attempt for ``key`` and say whether it goes over ``limit`` in the current window.

    The window starts with the first attempt (``cache.add`` only sets a missing key), so a burst of
    ``limit`` attempts passes and the next one is refused until the window expires.
    """
    full_key = f"ratelimit:{key}"
    cache.add(full_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(full_key)
    except ValueError:  # the key expired between add and incr: this attempt opens a new window
        cache.set(full_key, 1, timeout=window_seconds)
        count = 1
    return count > limit


def rate_limit_reset(key: str) -> None:
    """Forget the attempts counted for ``key`` (tests, or staff lifting a limit)."""
    cache.delete(f"ratelimit:{key}")
