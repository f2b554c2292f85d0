"""What the rule modules (events, roles, quotes) need to know about a document's entities.

The entity pass (``kb.nlp.entities``) builds a :class:`DocEntities` for each parsed ``Doc``;
later passes ask it which entity a token stands for, so they can stay free of name handling.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..records import EntityRec


@dataclass
class DocEntities:
    """Entities of one document and the tokens that refer to them.

    ``by_token`` maps a token index to the key of the entity the token is part of: a name
    ("Nicolas", "Maduro"), a nationality word standing for a country ("Venezuelan"), a pronoun or
    a definite description the entity pass resolved ("his", "the two countries" map through
    ``group_by_token`` instead, since they name several).
    """

    entities: dict[str, EntityRec] = field(default_factory=dict)
    by_token: dict[int, str] = field(default_factory=dict)
    group_by_token: dict[int, list[str]] = field(default_factory=dict)
    # key of the person/organisation an official is described by ("a senior Kremlin official"
    # -> the Kremlin) is just by_token of the compound; roles map a title token to its holder:
    holder_by_token: dict[int, str] = field(default_factory=dict)

    def key_at(self, token: Token) -> str | None:
        return self.by_token.get(token.i)

    def keys_at(self, token: Token) -> list[str]:
        """All entities a token stands for: one for a name, several for "the two countries"."""
        if token.i in self.group_by_token:
            return list(self.group_by_token[token.i])
        key = self.by_token.get(token.i) or self.holder_by_token.get(token.i)
        return [key] if key else []

    def get(self, key: str) -> EntityRec:
        return self.entities[key]

    def country_of(self, key: str) -> str | None:
        return self.entities[key].country
