"""`kb actors import` and `kb actors list`: the user's own actor dictionaries.

Registered on the `kb` app by the import at the end of kb/cli.py.
"""
from __future__ import annotations

import sys
from typing import Optional

import typer

from .cli import CsvOption, DbOption, JsonOption, LimitOption, _session, app, emit, handled, out, shown

actors_app = typer.Typer(help="Actor dictionaries: who a name is (country, CAMEO sector) as of which dates.",
                         no_args_is_help=True)
app.add_typer(actors_app, name="actors")

IMPORT_HELP = (
    "Add the actors of FILE to the database: a PETRARCH .actors file (NAME_WORDS, +synonyms, codes such as "
    "[FRAGOV >170514]) or a CSV (by its .csv suffix) with the header name,aliases,country,sector,start,end "
    "(aliases joined with |, dates YYYY-MM-DD). A name given here replaces the built-in dictionary's entries for it "
    "in documents ingested from now on (kb ingest --reprocess applies it to stored ones). Rows already stored are "
    "skipped; a bad line stops the import with nothing stored."
)


@actors_app.command("import", help=IMPORT_HELP)
@handled
def actors_import(path: str = typer.Argument(..., help="A .actors (PETRARCH) or .csv file"),
                  db: Optional[str] = DbOption, as_json: bool = JsonOption) -> None:
    from .actors import import_actors
    from .output import to_json
    from .store.db import open_database, session_scope, writer

    with session_scope(writer(open_database(db))) as s:
        report = import_actors(s, path)
    if as_json:
        sys.stdout.write(to_json(report) + "\n")
    else:
        out.print(f"{report['file']}: {report['added']} actor codes added, {report['skipped']} already stored",
                  markup=False, highlight=False)


@actors_app.command("list")
@handled
def actors_list(
    name: Optional[str] = typer.Option(None, "--name", help="Only this name or alias"),
    country: Optional[str] = typer.Option(None, "--country", help="ISO 3166-1 alpha-3 code, IGO or NGO"),
    builtin: bool = typer.Option(False, "--builtin", help="Also the built-in dictionary (Phoenix/CountryInfo, to 2014)"),
    limit: Optional[int] = LimitOption,
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """List actors, one row per name and code: {name, aliases, country, sector, start, end, source}."""
    from .actors import list_actors

    limit = shown(limit, as_json, as_csv)
    with _session(db) as s:
        rows = list_actors(s, name=name, country=country, builtin=builtin, limit=limit)
    emit(rows, as_json, as_csv, [("name", "name"), ("aliases", "aliases"), ("country", "country"), ("sector", "sector"),
                                 ("start", "from"), ("end", "until"), ("source", "source")])
