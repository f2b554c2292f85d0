"""Placing stored entities on the map after the fact: ``kb db places``.

New places are placed as their first article is stored (kb/store/writer.py); this fills the
entities stored before migration 0010, or after a gazetteer update, with the same choice: each
unplaced GPE, LOC or FAC entity is resolved in the context of the first article (by id) that
names it.
"""
from __future__ import annotations

from itertools import groupby

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..places import PLACE_TYPES, PlaceIndex
from .models import Document, Entity, Mention
from .writer import apply_placement, article_countries, states_after


def place_all(session: Session, *, again: bool = False) -> dict[str, int]:
    """Place every GPE, LOC and FAC entity without coordinates (``again``: every one, anew).
    Returns counts: ``places`` (entities considered), ``placed`` (found now) and ``unplaced``."""
    if again:
        session.execute(update(Entity).where(Entity.type.in_(PLACE_TYPES))
                        .values(geonameid=None, lat=None, lon=None, feature_class=None, admin1=None, population=None))
    todo = set(session.scalars(select(Entity.id).where(Entity.type.in_(PLACE_TYPES), Entity.geonameid.is_(None))))
    index = PlaceIndex.load()
    placed: set[int] = set()
    if todo:
        n = func.count(Mention.id)
        rows = session.execute(
            select(Mention.document_id, Entity.id, Entity.name, Entity.type, Entity.country, Entity.country_inferred, n)
            .join(Entity, Entity.id == Mention.entity_id)
            .group_by(Mention.document_id, Entity.id, Entity.name, Entity.type, Entity.country, Entity.country_inferred)
            .order_by(Mention.document_id, Entity.id)).all()
        for doc_id, group in groupby(rows, key=lambda r: r[0]):
            group = list(group)
            wanted = [r for r in group if r[1] in todo and r[1] not in placed]
            if not wanted:
                continue
            countries = article_countries([(r[4], r[6]) for r in group])
            text = session.scalar(select(Document.text).where(Document.id == doc_id)) or ""
            spans: dict[int, list[tuple[int, int]]] = {}
            for eid, start, end in session.execute(select(Mention.entity_id, Mention.start_char, Mention.end_char)
                                                   .where(Mention.document_id == doc_id,
                                                          Mention.entity_id.in_([r[1] for r in wanted]))):
                spans.setdefault(eid, []).append((start, end))
            for _, eid, name, type_, country, inferred, _n in wanted:
                states = states_after(text, spans.get(eid, []))
                place = index.resolve(name, type_, None if inferred else country, countries, states)
                if place is not None:
                    apply_placement(session.get(Entity, eid), place, states)
                    placed.add(eid)
    return {"places": len(todo), "placed": len(placed), "unplaced": len(todo) - len(placed)}
