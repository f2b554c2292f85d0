"""The PLOVER tables: they load, agree with each other, and carry the CAMEO crosswalk."""
from kb.nlp import plover

PLOVER16 = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
            "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_categories_cover_plover_and_extensions():
    cats = plover.categories()
    assert set(cats) == PLOVER16 | {"ELECTION", "DEATH"}
    for name in PLOVER16:
        assert cats[name].quad_class in (1, 2, 3, 4)
        assert cats[name].cameo_root
    assert cats["AGREE"].cameo_root == "03" and cats["ASSAULT"].quad_class == 4
    assert cats["ELECTION"].quad_class is None


def test_every_lexicon_row_is_well_formed():
    cats = plover.categories()
    lex = plover.lexicon()
    assert len(lex) > 300
    for (lemma, pos), rows in lex.items():
        assert pos in ("VERB", "NOUN", "ADJ")
        for row in rows:
            assert row.category is None or row.category in cats
            if row.mode and row.category in cats and cats[row.category].modes:
                assert row.mode in cats[row.category].modes, (lemma, row.mode)


def test_specific_senses_come_first():
    rows = plover.lexicon()[("sign", "VERB")]
    assert rows[0].category == "SUPPORT" and rows[0].needs[0].kind == "obj"
    strike = [r.category for r in plover.lexicon()[("strike", "NOUN")]]
    assert strike[:2] == ["PROTEST", "ASSAULT"]


def test_tables_are_cached():
    assert plover.lexicon() is plover.lexicon()
    assert plover.categories() is plover.categories()
