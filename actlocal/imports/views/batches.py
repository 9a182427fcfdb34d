"""Upload, mapping and preview, progress, errors as CSV, start, undo. Network staff only (selectors)."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actlocal.core.csv_safe import safe_writer
from actlocal.imports import selectors, services, tasks
from actlocal.imports.forms import MappingForm, UploadForm
from actlocal.imports.mapping import FIELDS, clean_row
from actlocal.imports.models import ImportBatch
from actlocal.imports.reading import MAX_IMPORT_BYTES, FileRefused, FileShape, iter_rows

PREVIEW_ROWS = 10


def _too_big(request) -> bool:
    # Judged on the declared length before Django reads the body: a 2 GB upload is refused at once,
    # not after it has filled the disk.
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_IMPORT_BYTES + 1024 * 1024
    except ValueError:
        return False


@login_required
@require_http_methods(["GET", "POST"])
def import_index(request):
    if not selectors.user_manages_imports(request.user):
        raise PermissionDenied
    if request.method == "POST" and _too_big(request):
        refused = _("The file is too large; the limit is %(limit)s. Split it into smaller files.") % {
            "limit": filesizeformat(MAX_IMPORT_BYTES)
        }
        return _index(request, UploadForm(), status=413, refused=refused)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.import_batch_create(
                source_name=form.cleaned_data["source"],
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            return redirect("imports:mapping", batch.pk)
    return _index(request, form, status=400 if form.errors else 200)


def _index(request, form, status, refused=""):
    context = {
        "refused": refused,
        "form": form,
        "batches": selectors.batches_for(request.user),
        "sources": selectors.sources_for(request.user),
        "pending": selectors.pending_pairs(request.user).count(),
    }
    return render(request, "imports/index.html", context, status=status)


def _preview(batch: ImportBatch, mapping: dict[str, str]):
    shape = FileShape(batch.file_format, batch.encoding, batch.delimiter, list(batch.headers))
    fields = FIELDS[batch.kind]
    columns = list(dict.fromkeys(m for _i, m in sorted(mapping.items(), key=lambda m: int(m[0]))))
    rows, samples = [], {i: [] for i in range(len(batch.headers))}
    try:
        for number, cells in islice(iter_rows(Path(batch.file.path), shape), 1, PREVIEW_ROWS + 1):
            for i in samples:
                if i < len(cells) and cells[i].strip() and len(samples[i]) < 3:
                    samples[i].append(cells[i][:60])
            values, errors = clean_row(cells, mapping, batch.kind, len(batch.headers))
            rows.append({"number": number, "values": [values.get(c, "") for c in columns],
                         "errors": [message for _f, _v, message in errors]})  # fmt: skip
    except FileRefused as refused:
        return [], [], {}, str(refused)
    return [fields.get(c, c) for c in columns], rows, samples, ""


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping(request, batch_id: int):
    batch = selectors.batch_for(user=request.user, batch_id=batch_id)
    form = MappingForm(
        request.POST or None, headers=batch.headers, kind=batch.kind, initial_mapping=batch.mapping
    )
    mapping = batch.mapping
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        if "preview" not in request.POST:
            try:
                batch = services.import_mapping_set(batch=batch, mapping=mapping, actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                transaction.on_commit(lambda: tasks.validate_import.enqueue(batch_id=batch.pk))
                return redirect("imports:batch", batch.pk)
    header, rows, samples, problem = _preview(batch, mapping)
    columns = [(form[f"col_{i}"], samples.get(i, [])) for i in range(len(batch.headers))]
    context = {"batch": batch, "form": form, "columns": columns, "preview_header": header, "preview_rows": rows,
               "problem": problem}  # fmt: skip
    return render(request, "imports/mapping.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def import_detail(request, batch_id: int):
    batch = selectors.batch_for(user=request.user, batch_id=batch_id)
    errors = batch.row_errors.all()[:50]
    counts = batch.counts
    results = [
        (_("New people or groups"), counts.get("people_created", 0) + counts.get("groups_created", 0)),
        (
            _("Rows merged into someone already known"),
            counts.get("joined_existing", 0) + counts.get("merged", 0),
        ),
        (_("Rows merged with another row of this file"), counts.get("merged_in_file", 0)),
        (_("Pairs waiting for review"), counts.get("queued_for_review", 0)),
        (_("Rows unchanged since the last import"), counts.get("unchanged", 0)),
        (_("Rows updated"), counts.get("updated", 0)),
        (_("Rows skipped for errors"), counts.get("skipped_rows", 0)),
    ]
    context = {"batch": batch, "errors": errors, "results": results, "queued": counts.get("queued_for_review", 0),
               "good_rows": counts.get("good_rows", 0)}  # fmt: skip
    return render(request, "imports/batch.html", context)


@login_required
@require_safe
def import_progress(request, batch_id: int):
    """The progress panel alone: the page swaps it in every second until the work is finished."""
    batch = selectors.batch_for(user=request.user, batch_id=batch_id)
    return render(request, "imports/_progress.html", {"batch": batch})


@login_required
@require_safe
def import_errors_csv(request, batch_id: int):
    batch = selectors.batch_for(user=request.user, batch_id=batch_id)

    class Echo:
        def write(self, value):
            return value

    def lines():
        writer = safe_writer(Echo())
        yield writer.writerow(["row", "column", "value", "problem"])
        for error in batch.row_errors.all().iterator():
            yield writer.writerow([error.row, error.column, error.value, error.message])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{batch.pk}-errors.csv"'
    return response


@login_required
@require_POST
def import_start(request, batch_id: int):
    batch = selectors.batch_for(user=request.user, batch_id=batch_id)
    try:
        batch = services.import_start(batch=batch, skip_invalid=request.POST.get("skip_invalid") == "1",
                                      actor=request.user)  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        transaction.on_commit(lambda: tasks.run_import.enqueue(batch_id=batch.pk))
    return redirect("imports:batch", batch.pk)


@login_required
@require_POST
def import_undo(request, batch_id: int):
    batch = selectors.batch_for(user=request.user, batch_id=batch_id)
    try:
        services.import_undo(batch=batch, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The import was undone: its people and rows are gone."))
    return redirect("imports:batch", batch.pk)


@login_required
@require_safe
def people_export_csv(request):
    if not selectors.user_manages_imports(request.user):
        raise PermissionDenied
    from actlocal.imports.services.export import people_export

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="people-with-sources.csv"'
    people_export(stream=response, actor=request.user, with_sources=True)
    return response
