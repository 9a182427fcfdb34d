from django.urls import path

from actlocal.imports.views import batches, review

app_name = "imports"

urlpatterns = [
    path("", batches.import_index, name="index"),
    path("<int:batch_id>/", batches.import_detail, name="batch"),
    path("<int:batch_id>/mapping/", batches.import_mapping, name="mapping"),
    path("<int:batch_id>/progress/", batches.import_progress, name="progress"),
    path("<int:batch_id>/errors.csv", batches.import_errors_csv, name="errors_csv"),
    path("<int:batch_id>/start/", batches.import_start, name="start"),
    path("<int:batch_id>/undo/", batches.import_undo, name="undo"),
    path("people.csv", batches.people_export_csv, name="people_csv"),
    path("review/", review.review_queue, name="review"),
    path("review/<int:pair_id>/", review.review_pair, name="review_pair"),
    path("review/<str:kind>/find/", review.find_duplicates, name="find_duplicates"),
    path("merges/", review.merge_list, name="merges"),
    path("merges/<int:merge_id>/undo/", review.merge_undo, name="merge_undo"),
]
