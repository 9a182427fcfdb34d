"""Reindex on every ORM write to a leader, group or resource (why signals: see indexing.py)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from actlocal.directory.models import PartnerGroup, Person, Resource
from actlocal.search import indexing


def _saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the fixture's own rows, not a user's write
        return
    if sender is Person and kwargs.get("created") and not instance.leader_type:
        # A new contact (an RSVP, an import) who is not a leader has no index row to write or remove.
        return
    indexing.reindex(instance)
    if sender is PartnerGroup:
        # A resource's text includes its provider's name.
        indexing.reindex_many(Resource, instance.resources.values_list("pk", flat=True))


def _deleted(sender, instance, **kwargs):
    indexing.remove(sender, instance.pk)


def _topics_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        indexing.reindex(instance)
    elif pk_set:
        indexing.reindex_many(model, pk_set)
    elif action == "post_clear":
        # topic.people.clear(): pk_set is None; reindex everyone who had it is not knowable now,
        # so reindex those whose index row still names the topic.
        from actlocal.search.models import SearchDocument

        kind = indexing._KINDS[model][0]
        ids = SearchDocument.objects.filter(kind=kind, topics__contains=f",{instance.slug},").values_list(
            "object_id", flat=True
        )
        indexing.reindex_many(model, list(ids))


def connect() -> None:
    for model in (Person, PartnerGroup, Resource):
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
        m2m_changed.connect(
            _topics_changed, sender=model.topics.through, dispatch_uid=f"search-topics-{model.__name__}"
        )
