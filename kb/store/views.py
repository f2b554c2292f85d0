"""Views for analysts: one row per event, participant, entity and quote, with names instead of ids.

This module holds their current SQL. `kb schema --markdown` documents them from the column lists
here, `kb serve` describes them to Datasette and `kb export --format csv` writes `event_view`'s
columns. A migration never imports this module: one that creates or changes a view carries the
SQL it needs, for both dialects, frozen in ``migrations/views_REV.py`` by
``python -m kb.store.view_freezer`` (0004 holds the first versions, 0012 today's). The names and columns are a contract
with analysts' saved queries: add columns at the end, never rename or drop one without a
migration and a note in docs/schema.md.

Lists of names ("Venezuela; Russia") are joined with ``"; "``. SQLite and PostgreSQL spell string
aggregation differently (``group_concat`` and ``string_agg``), so the SQL is generated for the
dialect of the database being migrated.

Two rules for later migrations:

- SQLite batch mode rebuilds a table by copying it, dropping it and renaming the copy; the rename
  fails while a view names the table ("error in view event_view: no such table"). PostgreSQL
  refuses to drop or change the type of a column a view uses. Drop the views the step touches
  first and create them again after it: 0005 does so from the definitions the database holds,
  0008 from SQL it carries. (``views_dropped`` below does it from this module's SQL, for tools,
  not migrations.)
- Changing a view's SQL means a new migration that drops it and creates it again from SQL it
  carries itself; the old SQL goes into its downgrade.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # portable SQL type name, for the documentation
    description: str


@dataclass(frozen=True)
class View:
    name: str
    description: str
    columns: tuple[Column, ...]
    select: Callable[["_Dialect"], str]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def sql(self, dialect: str) -> str:
        """The SELECT behind the view, for a dialect name ("sqlite", "postgresql")."""
        return self.select(_Dialect(dialect)).strip()

    def create_sql(self, dialect: str) -> str:
        return f"CREATE VIEW {self.name} AS\n{self.sql(dialect)}"

    def drop_sql(self) -> str:
        return f"DROP VIEW IF EXISTS {self.name}"


class _Dialect:
    """The few spellings that differ between SQLite and PostgreSQL."""

    def __init__(self, name: str):
        if name not in ("sqlite", "postgresql"):
            raise NotImplementedError(f"the analyst views are written for SQLite and PostgreSQL, not {name}")
        self.name = name

    def joined(self, value: str, from_where: str, order: str, distinct: bool = False) -> str:
        """A scalar subquery joining ``value`` over the rows of ``from_where`` with "; " in
        ``order``; NULL when there are none. ``distinct`` drops repeats (then ``order`` must be
        ``value``)."""
        sep = SEPARATOR.replace("'", "''")
        if self.name == "postgresql":
            d = "DISTINCT " if distinct else ""
            return f"(SELECT string_agg({d}{value}, '{sep}' ORDER BY {order}) {from_where})"
        # SQLite (before 3.44) has no ORDER BY inside group_concat; it concatenates in the order
        # of an ordered subquery, and takes no separator with DISTINCT, hence the inner select.
        d = "DISTINCT " if distinct else ""
        inner_order = "v" if distinct else order
        return (f"(SELECT group_concat(x.v, '{sep}') FROM (SELECT {d}{value} AS v {from_where} "
                f"ORDER BY {inner_order}) AS x)")

    def day_range(self, value: str, end: str, published: str) -> tuple[str, str]:
        """The first and last day of the period an ISO date prefix (``YYYY``, ``YYYY-MM`` or
        ``YYYY-MM-DD``) states, as DATE values; the publication date when there is none.
        ``end`` is the end of a stated range (or NULL)."""
        if self.name == "postgresql":
            first = (f"CASE WHEN {value} IS NULL THEN {published} WHEN length({value}) = 4 THEN CAST({value} || '-01-01' AS DATE) "
                     f"WHEN length({value}) = 7 THEN CAST({value} || '-01' AS DATE) ELSE CAST(substr({value}, 1, 10) AS DATE) END")
            last_of = f"COALESCE({end}, {value})"
            last = (f"CASE WHEN {value} IS NULL THEN {published} WHEN length({last_of}) = 4 THEN CAST({last_of} || '-12-31' AS DATE) "
                    f"WHEN length({last_of}) = 7 THEN CAST(CAST({last_of} || '-01' AS DATE) + INTERVAL '1 month' - INTERVAL '1 day' AS DATE) "
                    f"ELSE CAST(substr({last_of}, 1, 10) AS DATE) END")
            return first, last
        first = (f"CASE WHEN {value} IS NULL THEN {published} WHEN length({value}) = 4 THEN {value} || '-01-01' "
                 f"WHEN length({value}) = 7 THEN {value} || '-01' ELSE substr({value}, 1, 10) END")
        last_of = f"COALESCE({end}, {value})"
        last = (f"CASE WHEN {value} IS NULL THEN {published} WHEN length({last_of}) = 4 THEN {last_of} || '-12-31' "
                f"WHEN length({last_of}) = 7 THEN date({last_of} || '-01', '+1 month', '-1 day') "
                f"ELSE substr({last_of}, 1, 10) END")
        return first, last

    def iso_date(self, expr: str) -> str:
        """A DATE column as 'YYYY-MM-DD' text, whatever the server's DateStyle."""
        if self.name == "postgresql":
            return f"to_char({expr}, 'YYYY-MM-DD')"
        return expr  # SQLite keeps dates as ISO text already


def _participants(d: _Dialect, role: str, what: str) -> str:
    from_where = ("FROM event_participants ep JOIN entities en ON en.id = ep.entity_id "
                  f"WHERE ep.event_id = e.id AND ep.role = '{role}'")
    if what == "names":
        return d.joined("en.name", from_where, "ep.id")
    if what == "sectors":
        return d.joined("ep.sector", from_where + " AND ep.sector IS NOT NULL", "ep.sector", distinct=True)
    return d.joined("en.country", from_where + " AND en.country IS NOT NULL", "en.country", distinct=True)


def _event_view(d: _Dialect) -> str:
    start, end = d.day_range("e.date", "e.date_end", "doc.published")
    return f"""
SELECT
    e.id AS event_id,
    e.type AS type,
    e.mode AS mode,
    e.context AS context,
    e.cameo_root AS cameo_root,
    e.quad_class AS quad_class,
    COALESCE(e.date, {d.iso_date('doc.published')}) AS date,
    CASE WHEN e.date IS NULL AND doc.published IS NOT NULL THEN 'published' ELSE e.date_precision END AS date_precision,
    {_participants(d, 'actor', 'names')} AS actors,
    {_participants(d, 'actor', 'countries')} AS actor_countries,
    {_participants(d, 'recipient', 'names')} AS recipients,
    {_participants(d, 'recipient', 'countries')} AS recipient_countries,
    loc.name AS location,
    loc.country AS location_country,
    e.count AS count,
    e.trigger AS trigger,
    e.negated AS negated,
    e.hypothetical AS hypothetical,
    e.future AS future,
    e.confidence AS confidence,
    s.text AS sentence,
    doc.id AS document_id,
    doc.title AS document_title,
    doc.url AS document_url,
    doc.published AS published,
    {_participants(d, 'actor', 'sectors')} AS actor_sectors,
    {_participants(d, 'recipient', 'sectors')} AS recipient_sectors,
    {start} AS date_start,
    {end} AS date_end,
    loc.lat AS latitude,
    loc.lon AS longitude,
    loc.admin1 AS location_admin1,
    loc.geonameid AS location_geonameid
FROM events e
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
LEFT JOIN entities loc ON loc.id = e.location_id
"""


def _event_participant_view(d: _Dialect) -> str:
    return f"""
SELECT
    ep.event_id AS event_id,
    e.type AS type,
    COALESCE(e.date, {d.iso_date('doc.published')}) AS date,
    ep.role AS role,
    ep.entity_id AS entity_id,
    en.name AS entity_name,
    en.type AS entity_type,
    en.country AS entity_country,
    e.negated AS negated,
    s.text AS sentence,
    doc.url AS document_url,
    ep.sector AS sector
FROM event_participants ep
JOIN events e ON e.id = ep.event_id
JOIN entities en ON en.id = ep.entity_id
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
"""


def _entity_view(d: _Dialect) -> str:
    aliases = d.joined("a.alias", "FROM entity_aliases a WHERE a.entity_id = en.id", "a.id")
    # the latest title still held: newest publication date first, undated ones last, then the
    # newest row; the same choice gives current_title and title_of
    current = ("(SELECT r.id FROM roles r WHERE r.entity_id = en.id AND NOT r.former "
               "ORDER BY CASE WHEN r.seen_on IS NULL THEN 1 ELSE 0 END, r.seen_on DESC, r.id DESC LIMIT 1)")
    return f"""
SELECT
    en.id AS entity_id,
    en.name AS name,
    en.type AS type,
    en.country AS country,
    cr.title AS current_title,
    co.name AS title_of,
    (SELECT count(*) FROM mentions m WHERE m.entity_id = en.id) AS mentions,
    (SELECT count(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = en.id) AS documents,
    {aliases} AS aliases,
    en.lat AS latitude,
    en.lon AS longitude,
    en.admin1 AS admin1,
    en.geonameid AS geonameid
FROM entities en
LEFT JOIN roles cr ON cr.id = {current}
LEFT JOIN entities co ON co.id = cr.of_entity_id
"""


def _quote_view(d: _Dialect) -> str:
    return """
SELECT
    q.id AS quote_id,
    q.speaker_id AS speaker_id,
    sp.name AS speaker,
    sp.country AS speaker_country,
    q.text AS text,
    q.cue AS cue,
    s.text AS sentence,
    doc.title AS document_title,
    doc.url AS document_url,
    doc.published AS published
FROM quotes q
JOIN sentences s ON s.id = q.sentence_id
JOIN documents doc ON doc.id = q.document_id
LEFT JOIN entities sp ON sp.id = q.speaker_id
"""


_DATE = ("The event's own date (YYYY-MM-DD, YYYY-MM or YYYY), else the publication date of its "
         "document (YYYY-MM-DD)")

VIEWS: tuple[View, ...] = (
    View("event_view", "One row per event, with participants, place, sentence and document spelled out.", (
        Column("event_id", "INTEGER", "events.id"),
        Column("type", "TEXT", "PLOVER category: AGREE, CONSULT, SUPPORT, ... or ELECTION, DEATH"),
        Column("mode", "TEXT", "PLOVER mode, e.g. visit for CONSULT"),
        Column("context", "TEXT", "PLOVER context, e.g. economic, military"),
        Column("cameo_root", "TEXT", "CAMEO root code, for GDELT/ICEWS alignment"),
        Column("quad_class", "INTEGER", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"),
        Column("date", "TEXT", _DATE),
        Column("date_precision", "TEXT", "day, month or year of the date the text gives the event; 'story' when it "
               "gives none and the date is the day the story is at where the event is told (the last day a main "
               "clause named); 'published' when `date` is the publication date of its document"),
        Column("actors", "TEXT", "Names of the actors, in the order the text gives them, joined with '; '"),
        Column("actor_countries", "TEXT", "Distinct country codes of the actors, sorted, joined with '; '"),
        Column("recipients", "TEXT", "Names of the recipients (targets), joined with '; '"),
        Column("recipient_countries", "TEXT", "Distinct country codes of the recipients, sorted, joined with '; '"),
        Column("location", "TEXT", "Name of the place where it happened"),
        Column("location_country", "TEXT", "Country code of that place"),
        Column("count", "INTEGER", "How many, e.g. 17 for 'the 17 agreements'"),
        Column("trigger", "TEXT", "The word(s) that express the event"),
        Column("negated", "BOOLEAN", "The text says it did not happen"),
        Column("hypothetical", "BOOLEAN", "Conditional or possible, not stated as fact"),
        Column("future", "BOOLEAN", "Announced or planned, not yet carried out"),
        Column("confidence", "REAL", "0..1; see 'Event confidence' below"),
        Column("sentence", "TEXT", "The sentence of the first mention"),
        Column("document_id", "INTEGER", "documents.id"),
        Column("document_title", "TEXT", "Headline of the document"),
        Column("document_url", "TEXT", "Source URL of the document"),
        Column("published", "DATE", "Publication date of the document"),
        Column("actor_sectors", "TEXT", "Distinct sector codes of the actors (GOV, MIL, COP, REB, ...), sorted, "
               "joined with '; '"),
        Column("recipient_sectors", "TEXT", "Distinct sector codes of the recipients, sorted, joined with '; '"),
        Column("date_start", "DATE", "First day of the period `date` states (2019-03 gives 2019-03-01)"),
        Column("date_end", "DATE", "Last day of that period, or of the range the text states (2019-03 gives 2019-03-31)"),
        Column("latitude", "REAL", "Latitude of the place where it happened (GeoNames; NULL when not placed)"),
        Column("longitude", "REAL", "Longitude of that place"),
        Column("location_admin1", "TEXT", "GeoNames admin1 code of that place (first-level region; US: state)"),
        Column("location_geonameid", "INTEGER", "GeoNames id of that place"),
    ), _event_view),
    View("event_participant_view", "One row per participant of an event (actor or recipient): the view to count "
         "and group by who did what to whom.", (
        Column("event_id", "INTEGER", "events.id"),
        Column("type", "TEXT", "PLOVER category of the event"),
        Column("date", "TEXT", _DATE),
        Column("role", "TEXT", "actor or recipient"),
        Column("entity_id", "INTEGER", "entities.id of the participant"),
        Column("entity_name", "TEXT", "Canonical name of the participant"),
        Column("entity_type", "TEXT", "PERSON, ORG, GPE, LOC, FAC, NORP or EVENT"),
        Column("entity_country", "TEXT", "Country code of the participant"),
        Column("negated", "BOOLEAN", "The text says the event did not happen"),
        Column("sentence", "TEXT", "The sentence of the event's first mention"),
        Column("document_url", "TEXT", "Source URL of the document"),
        Column("sector", "TEXT", "CAMEO sector of the participant in this event, at its date: GOV, MIL, COP, JUD, "
               "LEG, OPP, REB, CVL, MED, BUS, IGO, NGO, ... (kb actors; NULL when unknown)"),
    ), _event_participant_view),
    View("entity_view", "One row per entity, with its current title and how often it is mentioned.", (
        Column("entity_id", "INTEGER", "entities.id"),
        Column("name", "TEXT", "Canonical name"),
        Column("type", "TEXT", "PERSON, ORG, GPE, LOC, FAC, NORP or EVENT"),
        Column("country", "TEXT", "ISO 3166-1 alpha-3 code; IGO/NGO for international organisations"),
        Column("current_title", "TEXT", "Title of the latest role not marked former (by publication date of the "
               "document stating it), e.g. 'deputy prime minister'"),
        Column("title_of", "TEXT", "Name of what that title is of, e.g. Russia"),
        Column("mentions", "INTEGER", "Number of mentions in all documents"),
        Column("documents", "INTEGER", "Number of documents that mention it"),
        Column("aliases", "TEXT", "Other names, joined with '; '"),
        Column("latitude", "REAL", "Latitude of a place (GPE, LOC, FAC) found in GeoNames"),
        Column("longitude", "REAL", "Longitude of that place"),
        Column("admin1", "TEXT", "GeoNames admin1 code of a city (first-level region; US: state)"),
        Column("geonameid", "INTEGER", "GeoNames id of the place"),
    ), _entity_view),
    View("quote_view", "One row per quote, with its speaker and document.", (
        Column("quote_id", "INTEGER", "quotes.id"),
        Column("speaker_id", "INTEGER", "entities.id of the speaker; NULL when unnamed"),
        Column("speaker", "TEXT", "Name of the speaker"),
        Column("speaker_country", "TEXT", "Country code of the speaker"),
        Column("text", "TEXT", "The words, without quote marks"),
        Column("cue", "TEXT", "Reporting verb: said, told, ..."),
        Column("sentence", "TEXT", "The sentence the quote is in"),
        Column("document_title", "TEXT", "Headline of the document"),
        Column("document_url", "TEXT", "Source URL of the document"),
        Column("published", "DATE", "Publication date of the document"),
    ), _quote_view),
)

VIEW_NAMES = tuple(v.name for v in VIEWS)


def view(name: str) -> View:
    for v in VIEWS:
        if v.name == name:
            return v
    raise KeyError(name)


def create_statements(dialect: str) -> list[str]:
    return [v.create_sql(dialect) for v in VIEWS]


def drop_statements() -> list[str]:
    return [v.drop_sql() for v in reversed(VIEWS)]


def create_views(op) -> None:
    """Create every view as defined now (``op``: Alembic's operations object; for tools, not
    migrations, which carry their own SQL)."""
    dialect = op.get_bind().dialect.name
    for stmt in create_statements(dialect):
        op.execute(stmt)


def drop_views(op) -> None:
    for stmt in drop_statements():
        op.execute(stmt)


@contextmanager
def views_dropped(op) -> Iterator[None]:
    """For a step that rebuilds or alters a table the views read (see the module docstring):
    the views are dropped for the block and created again after it."""
    drop_views(op)
    yield
    create_views(op)


# -- example queries ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Example:
    name: str  # slug: Datasette canned query name
    title: str  # the analyst's question
    description: str
    sql: str
    # Datasette asks for these instead of the sample values the SQL is written with:
    # {"name": "Nicolas Maduro"} turns 'Nicolas Maduro' into :name (kb/serve.py)
    parameters: tuple[tuple[str, str], ...] = ()

    def parameterised(self) -> str:
        sql = self.sql
        for param, sample in self.parameters:
            sql = sql.replace(f"'{sample}'", f":{param}")
        return sql


# Each runs unchanged on SQLite and PostgreSQL (tests/test_schema_doc.py runs them on both).
EXAMPLES: tuple[Example, ...] = (
    Example("events_by_type_per_month", "How many events of each type happened per month?",
            "Events dated to at least the month (their own date or the publication date), negated ones left out.",
            """SELECT substr(date, 1, 7) AS month, type, count(*) AS events
FROM event_view
WHERE NOT negated AND length(date) >= 7
GROUP BY substr(date, 1, 7), type
ORDER BY month, events DESC, type"""),
    Example("who_met_whom", "Who met whom most often?",
            "Pairs of participants of the same CONSULT event (meetings, visits, talks), whatever their roles.",
            """SELECT a.entity_name AS participant, b.entity_name AS met, count(DISTINCT a.event_id) AS meetings
FROM event_participant_view a
JOIN event_participant_view b ON b.event_id = a.event_id AND b.entity_id > a.entity_id
WHERE a.type = 'CONSULT' AND NOT a.negated
GROUP BY a.entity_id, a.entity_name, b.entity_id, b.entity_name
ORDER BY meetings DESC, participant, met
LIMIT 20"""),
    Example("assault_targets_by_country", "Which countries are most often targeted by ASSAULT?",
            "Countries of the recipients of assaults (attacks, bombings, killings), one count per event.",
            """SELECT entity_country AS country, count(DISTINCT event_id) AS assaults
FROM event_participant_view
WHERE type = 'ASSAULT' AND role = 'recipient' AND NOT negated AND entity_country IS NOT NULL
GROUP BY entity_country
ORDER BY assaults DESC, country"""),
    Example("quotes_by_person", "What did Nicolas Maduro say?",
            "Quotes by one speaker, newest first; change the name to ask about someone else.",
            """SELECT published, text, cue, document_title, document_url
FROM quote_view
WHERE speaker = 'Nicolas Maduro'
ORDER BY published DESC, quote_id""", (("name", "Nicolas Maduro"),)),
    Example("people_by_title", "Who holds which title?",
            "People with a current title, grouped by title and what it is of.",
            """SELECT current_title, title_of, name, country
FROM entity_view
WHERE type = 'PERSON' AND current_title IS NOT NULL
ORDER BY current_title, title_of, name"""),
    Example("events_between_two_countries", "What happened between Russia and Venezuela?",
            "Events with a participant from each country (as actor or recipient), oldest first.",
            """SELECT e.date, e.type, e.actors, e.recipients, e.sentence
FROM event_view e
WHERE NOT e.negated
  AND EXISTS (SELECT 1 FROM event_participant_view p WHERE p.event_id = e.event_id AND p.entity_country = 'RUS')
  AND EXISTS (SELECT 1 FROM event_participant_view p WHERE p.event_id = e.event_id AND p.entity_country = 'VEN')
ORDER BY e.date, e.event_id""", (("country", "RUS"), ("other_country", "VEN"))),
    Example("top_protest_actors", "Who protests most?",
            "Actors of PROTEST events, by number of protests.",
            """SELECT entity_name, entity_type, entity_country, count(DISTINCT event_id) AS protests
FROM event_participant_view
WHERE type = 'PROTEST' AND role = 'actor' AND NOT negated
GROUP BY entity_id, entity_name, entity_type, entity_country
ORDER BY protests DESC, entity_name
LIMIT 20"""),
    Example("entities_in_most_documents", "Which entities appear in the most documents?",
            "The most widely covered people, organisations and places.",
            """SELECT name, type, country, documents, mentions
FROM entity_view
ORDER BY documents DESC, mentions DESC, name
LIMIT 20"""),
    Example("roles_over_time", "Which roles has Hugo Chavez held, and when?",
            "Every title stated for one person, with the years in office the text gives and the first and last "
            "publication dates that state it.",
            """SELECT r.title, o.name AS title_of, r.former, r.start_year, r.end_year,
       min(r.seen_on) AS first_seen, max(r.seen_on) AS last_seen
FROM roles r
JOIN entities p ON p.id = r.entity_id
LEFT JOIN entities o ON o.id = r.of_entity_id
WHERE p.name = 'Hugo Chavez'
GROUP BY r.title, o.name, r.former, r.start_year, r.end_year
ORDER BY first_seen, r.title, title_of""", (("name", "Hugo Chavez"),)),
    Example("negated_events", "Which events does the text say did not happen?",
            "Denials and non-events (\"did not attack\"), which every other example leaves out.",
            """SELECT date, type, trigger, actors, recipients, sentence
FROM event_view
WHERE negated
ORDER BY date, event_id"""),
)
