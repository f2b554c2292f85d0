"""Checks on the stored entities: likely duplicates, for the analyst to review or merge."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Entity


@dataclass(frozen=True)
class DuplicatePair:
    kind: str  # "same name" (two rows, one folded name) or "surname" (a lone surname of one full name)
    type: str
    entity_id: int
    name: str
    other_id: int
    other_name: str

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def duplicate_candidates(session: Session) -> list[DuplicatePair]:
    """Pairs of entities of one type that probably name one thing.

    - same name: two entities with the same folded name (kept apart by differing countries or
      types of evidence);
    - surname: a PERSON known only by one word that is the last word of exactly one other
      person's full name ("Sanders" beside "Bernie Sanders"). Resolution leaves these apart on
      purpose when no document ties the two, so they measure how often articles name someone
      by surname alone, and are what `kb entities merge` is for.
    """
    by_type: dict[str, list[Entity]] = defaultdict(list)
    for e in session.scalars(select(Entity).order_by(Entity.id)):
        by_type[e.type].append(e)
    out: list[DuplicatePair] = []
    for type_, ents in sorted(by_type.items()):
        by_key: dict[str, list[Entity]] = defaultdict(list)
        for e in ents:
            by_key[e.name_key].append(e)
        for same in by_key.values():
            for other in same[1:]:
                out.append(DuplicatePair("same name", type_, same[0].id, same[0].name, other.id, other.name))
        if type_ != "PERSON":
            continue
        full_by_last: dict[str, list[Entity]] = defaultdict(list)
        for e in ents:
            words = e.name_key.split()
            if len(words) > 1:
                full_by_last[words[-1]].append(e)
        for e in ents:
            words = e.name_key.split()
            if len(words) == 1 and len(full_by_last.get(words[0], [])) == 1:
                full = full_by_last[words[0]][0]
                out.append(DuplicatePair("surname", type_, full.id, full.name, e.id, e.name))
    return out
