"""Moved to :mod:`kb.gazetteer` (reference tables) and :mod:`kb.text` (name folding), which the
storage layer may import too. This name stays for the event rules that still import it here."""
from ..gazetteer import *  # noqa: F401,F403
from ..gazetteer import PLACE_KINDS, TITLE_KINDS, Gazetteer, Place, read_table, reference_text  # noqa: F401
from ..text import normalize_name  # noqa: F401
