"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 18:28:01.299853
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=2048), nullable=True, comment='Source URL; unique when given'),
    sa.Column('title', sa.Text(), nullable=True, comment='Headline'),
    sa.Column('source', sa.String(length=512), nullable=True, comment='Outlet or byline, e.g. AFP'),
    sa.Column('published', sa.Date(), nullable=True, comment='Publication date'),
    sa.Column('published_text', sa.String(length=128), nullable=True, comment='The publication date as given, when it could not be read'),
    sa.Column('text', sa.Text(), nullable=False, comment='Body text as analysed; every span points into it'),
    sa.Column('content_hash', sa.String(length=64), nullable=False, comment='SHA-256 of the normalised text; finds the same article under another URL'),
    sa.Column('origin', sa.String(length=1024), nullable=True, comment='File (and line) it was read from'),
    sa.Column('language', sa.String(length=8), nullable=True, comment='ISO 639-1 code of the text language'),
    sa.Column('extractor_version', sa.String(length=32), nullable=False, comment='Version of the extraction rules that produced the facts'),
    sa.Column('ingested_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False, comment='When the document was stored or last re-extracted'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_documents_content_hash')),
    sa.UniqueConstraint('url', name=op.f('uq_documents_url')),
    comment='One row per ingested article.'
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_published'), ['published'], unique=False)

    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=512), nullable=False, comment='Canonical name'),
    sa.Column('name_key', sa.String(length=512), nullable=False, comment="Name folded for matching: lower case, no accents, no leading 'the'"),
    sa.Column('type', sa.String(length=16), nullable=False, comment='PERSON, ORG, GPE, LOC, FAC, NORP or EVENT (OntoNotes labels)'),
    sa.Column('country', sa.String(length=3), nullable=True, comment='ISO 3166-1 alpha-3 code; IGO/NGO for international organisations'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities')),
    comment='One row per real-world person, organisation, country or place.'
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_country'), ['country'], unique=False)
        batch_op.create_index('ix_entities_name_key_type', ['name_key', 'type'], unique=False)
        batch_op.create_index(batch_op.f('ix_entities_type'), ['type'], unique=False)

    op.create_table('entity_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=512), nullable=False, comment='The name as written'),
    sa.Column('alias_key', sa.String(length=512), nullable=False, comment='Folded like entities.name_key'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_entity_aliases_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entity_aliases')),
    sa.UniqueConstraint('entity_id', 'alias_key', name=op.f('uq_entity_aliases_entity_id')),
    comment='Other names an entity goes by.'
    )
    with op.batch_alter_table('entity_aliases', schema=None) as batch_op:
        batch_op.create_index('ix_entity_aliases_alias_key', ['alias_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_entity_aliases_entity_id'), ['entity_id'], unique=False)

    op.create_table('sentences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('sentence_index', sa.Integer(), nullable=False, comment='0-based position in the document'),
    sa.Column('start_char', sa.Integer(), nullable=False, comment='Offset of the first character in documents.text'),
    sa.Column('end_char', sa.Integer(), nullable=False, comment='Offset after the last character'),
    sa.Column('text', sa.Text(), nullable=False, comment='The sentence'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_sentences_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sentences')),
    sa.UniqueConstraint('document_id', 'sentence_index', name=op.f('uq_sentences_document_id')),
    comment='Sentences of each document, in order.'
    )
    with op.batch_alter_table('sentences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sentences_document_id'), ['document_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('sentence_id', sa.Integer(), nullable=False, comment='Sentence of the first mention'),
    sa.Column('type', sa.String(length=16), nullable=False, comment='PLOVER category: AGREE, CONSULT, SUPPORT, ... or ELECTION, DEATH'),
    sa.Column('mode', sa.String(length=32), nullable=True, comment='PLOVER mode, e.g. visit for CONSULT'),
    sa.Column('context', sa.String(length=64), nullable=True, comment='PLOVER context, e.g. economic, military'),
    sa.Column('cameo_root', sa.String(length=4), nullable=True, comment='CAMEO root code, for GDELT/ICEWS alignment'),
    sa.Column('quad_class', sa.Integer(), nullable=True, comment='1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict'),
    sa.Column('trigger', sa.String(length=256), nullable=False, comment='The word(s) that express the event'),
    sa.Column('start_char', sa.Integer(), nullable=False, comment='Trigger span start'),
    sa.Column('end_char', sa.Integer(), nullable=False, comment='Trigger span end'),
    sa.Column('date', sa.String(length=10), nullable=True, comment='ISO date: YYYY-MM-DD, YYYY-MM or YYYY'),
    sa.Column('date_end', sa.String(length=10), nullable=True, comment='End of a date range'),
    sa.Column('date_precision', sa.String(length=8), nullable=True, comment='day, month or year'),
    sa.Column('date_text', sa.String(length=128), nullable=True, comment='The words the date was read from'),
    sa.Column('location_id', sa.Integer(), nullable=True, comment='Where it happened'),
    sa.Column('count', sa.Integer(), nullable=True, comment="How many, e.g. 17 for 'the 17 agreements'"),
    sa.Column('negated', sa.Boolean(), nullable=False, comment='The text says it did not happen'),
    sa.Column('hypothetical', sa.Boolean(), nullable=False, comment='Conditional or possible, not stated as fact'),
    sa.Column('future', sa.Boolean(), nullable=False, comment='Announced or planned, not yet carried out'),
    sa.Column('confidence', sa.Float(), nullable=False, comment='0..1; see docs/schema.md for what raises and lowers it'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_events_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['location_id'], ['entities.id'], name=op.f('fk_events_location_id_entities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentences.id'], name=op.f('fk_events_sentence_id_sentences'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    comment='Happenings coded in the PLOVER ontology (plus ELECTION and DEATH).'
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_sentence_id'), ['sentence_id'], unique=False)
        batch_op.create_index('ix_events_type_date', ['type', 'date'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('sentence_id', sa.Integer(), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False, comment='Span start in documents.text'),
    sa.Column('end_char', sa.Integer(), nullable=False, comment='Span end in documents.text'),
    sa.Column('text', sa.String(length=512), nullable=False, comment='The words as written'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_mentions_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_mentions_entity_id_entities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentences.id'], name=op.f('fk_mentions_sentence_id_sentences'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions')),
    comment='Each place a document names (or refers back to) an entity.'
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentions_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_sentence_id'), ['sentence_id'], unique=False)

    op.create_table('quantities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False, comment="The number, e.g. 3000000 for 'three million'"),
    sa.Column('unit', sa.String(length=128), nullable=True, comment='What is counted: agreements, barrels, USD, percent'),
    sa.Column('text', sa.String(length=256), nullable=False, comment='The words as written'),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('sentence_id', sa.Integer(), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_quantities_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentences.id'], name=op.f('fk_quantities_sentence_id_sentences'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quantities')),
    comment='Numbers in the text with what they count.'
    )
    with op.batch_alter_table('quantities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quantities_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quantities_sentence_id'), ['sentence_id'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=True, comment='The speaker, when named'),
    sa.Column('text', sa.Text(), nullable=False, comment='The words, without quote marks'),
    sa.Column('cue', sa.String(length=64), nullable=True, comment='Reporting verb: said, told, ...'),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('sentence_id', sa.Integer(), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_quotes_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentences.id'], name=op.f('fk_quotes_sentence_id_sentences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['entities.id'], name=op.f('fk_quotes_speaker_id_entities'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes')),
    comment='Who said what, direct or reported.'
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_sentence_id'), ['sentence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_speaker_id'), ['speaker_id'], unique=False)

    op.create_table('roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False, comment='The person'),
    sa.Column('title', sa.String(length=256), nullable=False, comment="Lower-case title, e.g. 'deputy prime minister'"),
    sa.Column('of_entity_id', sa.Integer(), nullable=True, comment='What the title is of: a country or organisation'),
    sa.Column('former', sa.Boolean(), nullable=False, comment="True for 'former', 'ex-', 'late' titles"),
    sa.Column('start_year', sa.Integer(), nullable=True, comment='First year in office when the text says it'),
    sa.Column('end_year', sa.Integer(), nullable=True, comment='Last year in office when the text says it'),
    sa.Column('seen_on', sa.Date(), nullable=True, comment='Publication date of the document that states it'),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('sentence_id', sa.Integer(), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_roles_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_roles_entity_id_entities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['of_entity_id'], ['entities.id'], name=op.f('fk_roles_of_entity_id_entities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentences.id'], name=op.f('fk_roles_sentence_id_sentences'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roles')),
    comment='Titles people hold, as a document states them.'
    )
    with op.batch_alter_table('roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roles_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roles_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roles_of_entity_id'), ['of_entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roles_sentence_id'), ['sentence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roles_title'), ['title'], unique=False)

    op.create_table('event_mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('sentence_id', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(length=256), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_mentions_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentences.id'], name=op.f('fk_event_mentions_sentence_id_sentences'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_mentions')),
    comment='Each sentence that tells an event (an event told twice has two rows).'
    )
    with op.batch_alter_table('event_mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_mentions_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_mentions_sentence_id'), ['sentence_id'], unique=False)

    op.create_table('event_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False, comment='actor or recipient'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_event_participants_entity_id_entities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_participants_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_participants')),
    sa.UniqueConstraint('event_id', 'entity_id', 'role', name=op.f('uq_event_participants_event_id')),
    comment='Who took part in an event and how.'
    )
    with op.batch_alter_table('event_participants', schema=None) as batch_op:
        batch_op.create_index('ix_event_participants_entity_role', ['entity_id', 'role'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_participants_event_id'), ['event_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('event_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_participants_event_id'))
        batch_op.drop_index('ix_event_participants_entity_role')

    op.drop_table('event_participants')
    with op.batch_alter_table('event_mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_mentions_sentence_id'))
        batch_op.drop_index(batch_op.f('ix_event_mentions_event_id'))

    op.drop_table('event_mentions')
    with op.batch_alter_table('roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roles_title'))
        batch_op.drop_index(batch_op.f('ix_roles_sentence_id'))
        batch_op.drop_index(batch_op.f('ix_roles_of_entity_id'))
        batch_op.drop_index(batch_op.f('ix_roles_entity_id'))
        batch_op.drop_index(batch_op.f('ix_roles_document_id'))

    op.drop_table('roles')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_speaker_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_sentence_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_document_id'))

    op.drop_table('quotes')
    with op.batch_alter_table('quantities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quantities_sentence_id'))
        batch_op.drop_index(batch_op.f('ix_quantities_document_id'))

    op.drop_table('quantities')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_sentence_id'))
        batch_op.drop_index(batch_op.f('ix_mentions_entity_id'))
        batch_op.drop_index(batch_op.f('ix_mentions_document_id'))

    op.drop_table('mentions')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_type_date')
        batch_op.drop_index(batch_op.f('ix_events_sentence_id'))
        batch_op.drop_index(batch_op.f('ix_events_location_id'))
        batch_op.drop_index(batch_op.f('ix_events_document_id'))
        batch_op.drop_index(batch_op.f('ix_events_date'))

    op.drop_table('events')
    with op.batch_alter_table('sentences', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sentences_document_id'))

    op.drop_table('sentences')
    with op.batch_alter_table('entity_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entity_aliases_entity_id'))
        batch_op.drop_index('ix_entity_aliases_alias_key')

    op.drop_table('entity_aliases')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entities_type'))
        batch_op.drop_index('ix_entities_name_key_type')
        batch_op.drop_index(batch_op.f('ix_entities_country'))

    op.drop_table('entities')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_published'))

    op.drop_table('documents')
