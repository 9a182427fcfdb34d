"""What the directory's services share. (E-mail goes through core/emails.py and directory/emails.py;
search stays fresh by itself: see actlocal/search/indexing.py.)"""

from __future__ import annotations


def changed_fields(obj, data: dict, fields) -> list[str]:
    """Copy ``data``'s values for ``fields`` onto ``obj``; the names of those that differed."""
    changed = []
    for field in fields:
        if field in data and getattr(obj, field) != data[field]:
            setattr(obj, field, data[field])
            changed.append(field)
    return changed
