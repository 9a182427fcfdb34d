"""Writes of the imports app: uploads, checks, imports and their undo, merges and their undo.
Every function is keyword-only, atomic where it writes, and audit-logged. Import them from here."""

from actlocal.imports.services.batches import (
    import_batch_create,
    import_mapping_set,
    import_run,
    import_start,
    import_undo,
    import_validate,
)
from actlocal.imports.services.groups_import import groups_find_duplicates
from actlocal.imports.services.merge import group_merge, pair_decide, person_merge, person_unmerge
from actlocal.imports.services.people_import import people_find_duplicates

__all__ = [
    "group_merge",
    "groups_find_duplicates",
    "import_batch_create",
    "import_mapping_set",
    "import_run",
    "import_start",
    "import_undo",
    "import_validate",
    "pair_decide",
    "people_find_duplicates",
    "person_merge",
    "person_unmerge",
]
