"""Writes for relationships and private messages; views, seeding and tests all call these."""

from actlocal.social.services.messages import (  # noqa: F401
    conversation_mark_read,
    conversation_start,
    message_report,
    message_report_resolve,
    message_send,
)
from actlocal.social.services.relationships import (  # noqa: F401
    block_create,
    block_delete,
    connection_accept,
    connection_decline,
    connection_remove,
    connection_request,
    connection_withdraw,
    follow_create,
    follow_delete,
)
