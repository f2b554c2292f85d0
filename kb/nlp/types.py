"""Moved to :mod:`kb.records` (plain records every layer reads). This name stays for the event
rules that still import it here."""
from ..records import *  # noqa: F401,F403
from ..records import SentenceRec, EntityRec, MentionRec, RoleRec, DateValue, EventMentionRec, EventRec, QuoteRec, QuantityRec, Extraction  # noqa: F401
