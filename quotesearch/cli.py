"""The `quotesearch` command line: extract, index, search, stats and serve, over the library."""
from __future__ import annotations

import dataclasses
import datetime as dt
import ipaddress
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from .aliases import ALIASES_FILE, AliasError, Aliases, load_aliases
from .extraction import extract_file
from .indexing import (
    IndexLockedError,
    NoIndexError,
    NoSourcesError,
    NotAnIndexError,
    OutdatedIndexError,
    index_paths,
)
from .loading import LoadError, iter_files
from .progress import progress_reporter
from .search import SORTS, QueryError, search, stats

EXIT_FAILURES = 1  # some input files failed, or there is no index
EXIT_USAGE = 2  # click's code for usage errors; also a malformed query
EXIT_LOCKED = 3  # another process is writing the index

DATE = click.DateTime(formats=["%Y-%m-%d"])
PATHS = click.Path(path_type=Path)
INDEX_OPTION = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("index"),
    show_default=True,
    help="Directory of the search index.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="quotesearch")
def main() -> None:
    """Find direct quotes, who said them and when, in a folder of news articles.

    Typical use: `quotesearch index ARTICLES/`, then `quotesearch serve` and
    open the printed URL. Exit status: 0 success, 1 some files failed or no
    index, 2 usage error or malformed query, 3 index locked.
    """


@main.command(short_help="Print the quotes in files as JSON Lines.")
@click.argument("paths", nargs=-1, required=True, type=PATHS)
@click.option("--date", type=DATE, help="Date (YYYY-MM-DD) to give the articles; use it for undated ones.")
def extract(paths: tuple[Path, ...], date: dt.datetime | None) -> None:
    """Print the quotes in PATHS (files or folders) as JSON Lines, one article a line.

    A file that cannot be read is reported on stderr as `error: PATH: reason` and
    the run goes on. Exit status: 0 if every file was read, 1 if some failed,
    2 for usage errors.
    """
    failed = False
    for item in iter_files(paths):
        try:
            if isinstance(item, LoadError):
                raise item
            article = extract_file(item, date=date.date() if date else None)
        except LoadError as err:
            _error(str(err))
            failed = True
            continue
        except Exception as err:  # an extractor bug on one file must not end the run
            _error(f"{item}: {type(err).__name__}: {err}")
            failed = True
            continue
        click.echo(json.dumps(article.to_json(), ensure_ascii=False))
    sys.exit(EXIT_FAILURES if failed else 0)


@main.command(short_help="Add articles to the search index.")
@click.argument("paths", nargs=-1, type=PATHS)
@INDEX_OPTION
@click.option("--rebuild", is_flag=True, help="Build a fresh index; it replaces the old one only when complete.")
@click.option("--prune", is_flag=True, help="Remove the quotes of files under PATHS that no longer exist.")
@click.option("--jobs", "-j", type=click.IntRange(0, 64), help="Worker processes (default: one per core).")
@click.option("--wait", type=click.FloatRange(0), default=0, show_default=True,
              help="Seconds to wait for another run holding the index before giving up.")
@click.option("--quiet", "-q", is_flag=True, help="No progress; only errors and the summary.")
@click.option("--date", type=DATE, help="Date (YYYY-MM-DD) to give the articles; use it for undated ones.")
@click.option("--aliases", "aliases_file", type=click.Path(dir_okay=False, path_type=Path),
              help=f"Speaker aliases file (default: `{ALIASES_FILE}` beside the index, if present).")
def index(paths: tuple[Path, ...], index_dir: Path, rebuild: bool, prune: bool, jobs: int | None, wait: float,
          quiet: bool, date: dt.datetime | None, aliases_file: Path | None) -> None:
    """Add the articles in PATHS (files or folders) to the search index; with no
    PATHS, re-scan the folders and files the index was built from.

    Unchanged files are skipped without being read again, changed ones replace
    their quotes, and --prune drops the quotes of files that are gone. Progress
    goes to stderr (a bar on a terminal, a line every few seconds otherwise);
    failures are reported as they happen, then a summary is printed. Speakers
    are then merged across articles: the aliases file first (one speaker a
    line, `Canonical Name | Variant | Variant`), then bare surnames into the
    most quoted full name. An interrupted run leaves the index as it was.
    Exit status: 0 if every file was indexed, 1 if some failed, 2 for usage
    errors (such as an --index directory that holds other files, or a bad
    aliases file), 3 if another run holds the index (see --wait).
    """
    aliases = _aliases(aliases_file, index_dir)
    reporter = progress_reporter(sys.stderr, quiet)

    def report_error(err: LoadError) -> None:
        reporter.clear()
        _error(str(err))

    try:
        summary = index_paths(
            paths,
            index_dir,
            rebuild=rebuild,
            prune=prune,
            jobs=jobs,
            wait=wait,
            date=date.date() if date else None,
            on_error=report_error,
            on_progress=reporter.update,
            aliases=aliases,
        )
    except IndexLockedError as err:
        _error(f"{err}; try again when it is done, or pass --wait SECONDS")
        sys.exit(EXIT_LOCKED)
    except NotAnIndexError as err:
        raise click.BadParameter(str(err), param_hint="--index") from None
    except NoSourcesError as err:
        raise click.UsageError(str(err)) from None
    finally:
        reporter.clear()
    pruned = f", {summary.pruned} removed" if summary.pruned else ""
    click.echo(
        f"{_plural(summary.articles, 'article')} ({summary.added} added, {summary.unchanged} unchanged{pruned}), "
        f"{_plural(summary.quotes, 'quote')}, {_plural(summary.speakers, 'speaker')}, "
        f"{_plural(len(summary.failures), 'failure')}, {summary.seconds:.1f} s"
    )
    if summary.failures:
        kinds = ", ".join(f"{kind}: {n}" for kind, n in summary.failure_kinds().most_common())
        click.echo(f"failures by kind: {kinds}")
    click.echo(f"index: {index_dir}")
    sys.exit(EXIT_FAILURES if summary.failures else 0)


@main.command("search", short_help="Search the index from the terminal.")
@click.argument("query")
@click.option("--speaker", help="Only quotes by this speaker.")
@click.option("--from", "date_from", type=DATE, help="Only quotes from articles dated on or after (YYYY-MM-DD).")
@click.option("--to", "date_to", type=DATE, help="Only quotes from articles dated on or before (YYYY-MM-DD).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Only quotes attributed at least this surely (0–1).")
@click.option("--limit", type=click.IntRange(1, 100), default=20, show_default=True, help="Most results to show.")
@click.option("--sort", type=click.Choice(SORTS), help="Order: relevance (default with words), newest or oldest.")
@INDEX_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines, one result a line.")
def search_command(
    query: str,
    speaker: str | None,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    min_confidence: float | None,
    limit: int,
    sort: str | None,
    index_dir: Path,
    as_json: bool,
) -> None:
    """Search the index for QUERY: words, "phrases", AND, OR, NOT, (groups),
    speaker:NAME, date:2016-10 or date:2016-01..2016-06, prefix*.

    The same words from the same speaker in several articles are one result.
    Exit status: 0 on success (even with no results), 1 if there is no index,
    2 for usage errors or a malformed query.
    """
    try:
        page = search(
            index_dir,
            query,
            speaker=speaker,
            date_from=date_from.date() if date_from else None,
            date_to=date_to.date() if date_to else None,
            min_confidence=min_confidence,
            sort=sort,
            per_page=limit,
        )
    except (NoIndexError, OutdatedIndexError) as err:
        _error(str(err))
        sys.exit(EXIT_FAILURES)
    except QueryError as err:
        _error(f"bad query: {err}")
        sys.exit(EXIT_USAGE)
    if as_json:
        for hit in page.results:
            click.echo(json.dumps(hit.to_json(), ensure_ascii=False))
        return
    for hit in page.results:
        click.echo(f"“{hit.quote}”")
        click.echo(f"    — {_byline(hit.speaker, hit.role, hit.date, hit.title or hit.path)}")
        if hit.also_reported:
            click.echo(f"    also reported by {_plural(hit.also_reported, 'article')}, first on {hit.earliest}")
    if page.suggestions:
        _warn("no speaker matches; did you mean " + ", ".join(s.name for s in page.suggestions) + "?")
    shown = len(page.results)
    click.echo(_plural(page.total, "quote") + (f" (showing {shown})" if shown < page.total else ""))


@main.command("stats", short_help="Summarise the index.")
@INDEX_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats_command(index_dir: Path, as_json: bool) -> None:
    """Summarise the index: articles, quotes, speakers, dates, top speakers, size.

    Exit status: 0 on success, 1 if there is no index.
    """
    try:
        summary = stats(index_dir)
    except (NoIndexError, OutdatedIndexError) as err:
        _error(str(err))
        sys.exit(EXIT_FAILURES)
    if as_json:
        click.echo(json.dumps(_plain(dataclasses.asdict(summary)), ensure_ascii=False))
        return
    span = f"{summary.earliest or '?'} to {summary.latest or '?'}" if summary.earliest or summary.latest else "-"
    top = ", ".join(f"{name} ({count})" for name, count in summary.top_speakers) or "-"
    click.echo(f"articles: {summary.articles}")
    click.echo(f"quotes: {summary.quotes}")
    click.echo(f"speakers: {summary.speakers}")
    click.echo(f"dates: {span}")
    click.echo(f"top speakers: {top}")
    click.echo(f"size: {_size(summary.size_bytes)}")


@main.command(short_help="Serve the web UI and JSON API.")
@INDEX_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=5000, show_default=True, help="Port to listen on.")
@click.option("--threads", type=click.IntRange(1, 256), default=lambda: os.cpu_count() or 2,
              show_default="one per core", help="Worker threads (more than cores only adds queueing).")
def serve(index_dir: Path, host: str, port: int, threads: int) -> None:
    """Serve the search UI and JSON API with waitress (a production WSGI server).

    It listens on 127.0.0.1 by default; any other address exposes the UI to
    the network, which prints a warning. --port 0 picks a free port. Stop it
    with Ctrl-C. Exit status 1 if it cannot listen (e.g. the port is taken).
    """
    import waitress

    from .web import MAX_BODY_BYTES, create_app

    if not is_loopback(host):
        _warn(f"listening on {host}: the search UI is exposed to the network, with no login")
    if not index_dir.is_dir():
        _warn(f"no index at {index_dir} yet: run `quotesearch index PATH`")
    try:
        server = waitress.create_server(create_app({"INDEX_DIR": str(index_dir)}), host=host, port=port,
                                        threads=threads, max_request_body_size=MAX_BODY_BYTES)
    except OSError as err:
        _error(f"cannot listen on {host} port {port}: {err.strerror or err}")
        sys.exit(EXIT_FAILURES)
    listening = getattr(server, "effective_listen", None) or [(server.effective_host, server.effective_port)]
    for address, bound_port in listening:
        shown = f"[{address}]" if ":" in address else address
        click.echo(f"quotesearch: serving {index_dir} at http://{shown}:{bound_port}/ (Ctrl-C to stop)")
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("quotesearch: stopped")
    finally:
        server.close()


def _aliases(path: Path | None, index_dir: Path) -> Aliases | None:
    """The aliases to index with: `path`, else `aliases` beside the index if it exists."""
    default = index_dir.resolve().parent / ALIASES_FILE
    if path is None and not default.is_file():
        return None
    try:
        return load_aliases(path or default)
    except AliasError as err:
        raise click.BadParameter(str(err), param_hint="--aliases") from None


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback addresses, which only this machine can reach."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _byline(speaker: str | None, role: str | None, date: dt.date | None, title: str | None) -> str:
    who = (speaker or "unknown speaker") + (f", {role}" if role else "")
    return " · ".join(part for part in (who, date.isoformat() if date else None, title) if part)


def _plain(value: Any) -> Any:
    """Stats as JSON-friendly data: dates as ISO strings, tuples as lists, recursively."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _size(n_bytes: int) -> str:
    """Bytes as a short human size: 980 B, 9.8 kB, 12.3 MB."""
    size = float(n_bytes)
    for unit in ("B", "kB", "MB"):
        if size < 1000:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} GB"


def _error(message: str) -> None:
    click.echo(f"error: {message}", err=True)


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)
