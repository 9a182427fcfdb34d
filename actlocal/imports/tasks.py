"""Background work of an import: each task fetches the batch by id and calls one service."""

from __future__ import annotations

from django_tasks import task

from actlocal.imports import services


@task()
def validate_import(*, batch_id: int) -> str:
    return services.import_validate(batch_id=batch_id).status


@task()
def run_import(*, batch_id: int) -> str:
    return services.import_run(batch_id=batch_id).status
