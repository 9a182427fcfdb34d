"""The current request's actor and origin, so services can audit-log without a request argument."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestOrigin:
    ip_address: str | None = None
    user_agent: str = ""


_origin: ContextVar[RequestOrigin | None] = ContextVar("actlocal_request_origin", default=None)


def set_origin(origin: RequestOrigin | None):
    return _origin.set(origin)


def reset_origin(token) -> None:
    _origin.reset(token)


def current_origin() -> RequestOrigin:
    return _origin.get() or RequestOrigin()
