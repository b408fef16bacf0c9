"""The Flask web UI and JSON API over `search`: an app factory and one blueprint."""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import (Blueprint, Flask, Response, abort, current_app, jsonify, make_response, render_template, request,
                   url_for)
from werkzeug.exceptions import HTTPException, MethodNotAllowed, RequestEntityTooLarge

from .articles import load_article, paragraphs
from .export import FORMATS, Export
from .facets import Bucket, Facets, facets
from .indexing import NoIndexError, OutdatedIndexError
from .search import MAX_QUERY_LENGTH, SORTS, Filters, Match, QueryError, SearchPage, opened, page_of, plan, stats

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
MAX_PAGE = 100_000
MAX_SUGGESTIONS = 20
MAX_NAME_LENGTH = 200  # speaker, source, autocomplete prefix and speaker keys
MAX_BODY_BYTES = 16 * 1024  # only GET is served, so no request needs a body
PAGE_WINDOW = 2  # page links shown on each side of the current page
ALLOWED_METHODS = ("GET", "HEAD")
STATIC_SUFFIXES = (".css", ".js", ".svg")  # the package's static folder also holds __init__.py

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
                               "form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}

NO_INDEX_HINT = "No index yet: run `quotesearch index PATH`"
OUTDATED_HINT = "The index was built by an older quotesearch: run `quotesearch index PATH --rebuild`"

bp = Blueprint("quotesearch", __name__)


class BadParameter(ValueError):
    """A query-string parameter that cannot be used (bad date, page=abc, per_page=1000)."""


@dataclasses.dataclass(frozen=True)
class Params:
    """The search parameters of one request, validated."""

    q: str
    speaker: str | None
    date_from: dt.date | None
    date_to: dt.date | None
    page: int
    per_page: int
    source: str | None = None
    sort: str | None = None
    group: bool = True
    confidence: int = 0

    @property
    def is_search(self) -> bool:
        """Whether the user asked for anything (the bare page shows only the form)."""
        return bool(self.q or self.speaker or self.date_from or self.date_to or self.source or self.sort
                    or self.confidence)

    @property
    def filters(self) -> Filters:
        """The filters of `search.plan` (`confidence` is a percentage here, a fraction there)."""
        return Filters(self.speaker, self.date_from, self.date_to, self.source, self.confidence / 100 or None)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: `INDEX_DIR` defaults to "index", `config` overrides; assets come from the package.

    Debug mode is always off (whatever FLASK_DEBUG or `config` say): it would show tracebacks.
    """
    app = Flask(
        __name__,
        template_folder=_resource_dir("quotesearch.templates"),
        static_folder=_resource_dir("quotesearch.static"),
    )
    app.config.update(INDEX_DIR="index", MAX_CONTENT_LENGTH=MAX_BODY_BYTES)
    if config:
        app.config.update(config)
    app.debug = False
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the documented key order
    app.jinja_env.filters["is_web_url"] = is_web_url
    app.jinja_env.globals.update(speaker_url=_speaker_url, search_url=_search_url, article_url=_article_url,
                                 export_url=_export_url)
    app.register_blueprint(bp)
    app.before_request(_refuse_methods_and_bodies)
    app.before_request(_only_assets_from_static)
    app.after_request(_add_security_headers)
    app.register_error_handler(HTTPException, _handle_http_error)
    app.register_error_handler(OutdatedIndexError, _handle_outdated_index)
    return app


def is_web_url(url: str | None) -> bool:
    """True for absolute http(s) URLs, the only ones safe to link (never `javascript:`)."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def page_window(page: int, pages: int, width: int = PAGE_WINDOW) -> list[int | None]:
    """Page numbers to link: first, last and `width` around `page`; None marks a gap."""
    shown = sorted({1, pages, *range(max(1, page - width), min(pages, page + width) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def parse_params(args: Mapping[str, str]) -> Params:
    """Validate the query string; raises `BadParameter` with a message fit for the user."""
    sort = args.get("sort", "").strip() or None
    if sort is not None and sort not in SORTS:
        raise BadParameter(f"Bad sort {_shown(sort)}: use {', '.join(SORTS)}.")
    group = args.get("group", "").strip()
    if group not in ("", "0", "1"):
        raise BadParameter(f"Bad group {_shown(group)}: use 1 to group the same quote across articles, 0 not to.")
    return Params(
        q=_parse_text(args.get("q", ""), "query", MAX_QUERY_LENGTH),
        speaker=_parse_text(args.get("speaker", ""), "speaker", MAX_NAME_LENGTH) or None,
        date_from=_parse_date(args.get("from", ""), "from"),
        date_to=_parse_date(args.get("to", ""), "to"),
        page=_parse_int(args.get("page", ""), "page", 1, MAX_PAGE, 1),
        per_page=_parse_int(args.get("per_page", ""), "per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE),
        source=_parse_text(args.get("source", ""), "source", MAX_NAME_LENGTH) or None,
        sort=sort,
        group=group != "0",
        confidence=_parse_int(args.get("confidence", ""), "confidence", 0, 100, 0),
    )


FORM_FIELDS = ("q", "speaker", "from", "to", "source", "sort", "group", "confidence", "per_page")
PAGE_FIELDS = (*FORM_FIELDS, "page")
"""The only parameters a page's links carry over (never `_external`, `_anchor`, `format`…)."""
EXPORT_FIELDS = ("q", "speaker", "from", "to", "source", "sort", "confidence")


@bp.get("/")
def search_page() -> tuple[str, int]:
    """The search form, and results with facets and a timeline when the query string asks."""
    form = {key: request.args.get(key, "") for key in FORM_FIELDS}
    context: dict[str, Any] = {"form": form, "page_url": _page_url, "result": None, "error": None}
    try:
        params = parse_params(request.args)
        if params.is_search:
            result, found = _run_search(params)
            context.update(result=result, facets=found, bar_url=_period_url, **_pages(result))
        else:
            context["stats"] = stats(_index_dir())
    except NoIndexError:
        return render_template("search.html", no_index=True, **context), 200
    except (BadParameter, QueryError) as err:
        context["error"] = str(err)
        return render_template("search.html", **context), 400
    return render_template("search.html", **context), 200


@bp.get("/speaker/<path:key>")
def speaker_page(key: str) -> tuple[str, int]:
    """All of one speaker's quotes, newest first, with a timeline and the outlets quoting them."""
    try:
        page = _parse_int(request.args.get("page", ""), "page", 1, MAX_PAGE, 1)
        _parse_text(key, "speaker key", MAX_NAME_LENGTH)
        with opened(_index_dir()) as (searcher, table):
            who = table.by_key.get(key)
            if who is None:
                suggestions = table.suggest(key)
                return render_template("error.html", code=404, name="Unknown speaker",
                                       description=f"No speaker has the key {key!r}.",
                                       suggestions=suggestions), 404
            p = plan(searcher, table, "", Filters(speaker=key))
            match = Match(searcher, p)
            found = facets(searcher, table, p, limit=20, match=match)
            result = page_of(searcher, table, p, match, sort="newest", page=page, per_page=DEFAULT_PER_PAGE)
    except NoIndexError:
        return render_template("error.html", code=404, name="No index", description=NO_INDEX_HINT), 404
    except (BadParameter, QueryError) as err:
        return render_template("error.html", code=400, name="Bad request", description=str(err)), 400
    def bar_url(bucket: Bucket) -> str:
        return _search_url({"speaker": key, "from": bucket.start.isoformat(), "to": bucket.end.isoformat(),
                            "sort": "newest"})

    return render_template("speaker.html", who=who, result=result, facets=found, page_url=_speaker_page_url(key),
                           bar_url=bar_url, **_pages(result)), 200


@bp.get("/article/<key>")
def article_page(key: str) -> tuple[str, int]:
    """An article's whole text with its quotes marked; `at` picks the quote to show."""
    try:
        view = load_article(_index_dir(), key)
    except NoIndexError:
        return render_template("error.html", code=404, name="No index", description=NO_INDEX_HINT), 404
    if view is None:
        abort(404, description="No article in the index has this key.")
    try:
        chosen = view.quote_at(_parse_int(request.args.get("at", ""), "at", 0, len(view.text), -1))
    except BadParameter:
        chosen = None  # `at` only picks a quote to outline; the article is shown anyway
    return render_template("article.html", view=view, chosen=chosen,
                           paragraphs=paragraphs(view.text, view.quotes)), 200


@bp.get("/api/search")
def api_search() -> tuple[Response, int]:
    """JSON search: totals, one page of results, facets and speaker suggestions."""
    try:
        result, found = _run_search(parse_params(request.args))
    except NoIndexError:
        return _json_error(NO_INDEX_HINT, 503)
    except (BadParameter, QueryError) as err:
        return _json_error(str(err), 400)
    body = {
        "total": result.total,
        "matches": result.matches,
        "page": result.page,
        "per_page": result.per_page,
        "sort": result.sort,
        "results": [hit.to_json() for hit in result.results],
        "facets": found.to_json(),
        "suggestions": [s.to_json() for s in result.suggestions],
    }
    return jsonify(body), 200


@bp.get("/api/speakers")
def api_speakers() -> tuple[Response, int]:
    """Autocomplete: speakers whose name words start with `prefix`, with quote counts."""
    try:
        limit = _parse_int(request.args.get("limit", ""), "limit", 1, MAX_SUGGESTIONS, 10)
        prefix = _parse_text(request.args.get("prefix", ""), "prefix", MAX_NAME_LENGTH)
        with opened(_index_dir()) as (_, table):
            found = table.complete(prefix, limit)
    except NoIndexError:
        return _json_error(NO_INDEX_HINT, 503)
    except BadParameter as err:
        return _json_error(str(err), 400)
    return jsonify({"speakers": [s.to_json() for s in found]}), 200


@bp.get("/api/speaker/<path:key>")
def api_speaker(key: str) -> tuple[Response, int]:
    """One speaker: name, count, variants, outlets and timeline."""
    try:
        _parse_text(key, "speaker key", MAX_NAME_LENGTH)
        with opened(_index_dir()) as (searcher, table):
            who = table.by_key.get(key)
            if who is None:
                body = {"error": f"no speaker has the key {key!r}",
                        "suggestions": [s.to_json() for s in table.suggest(key)]}
                return jsonify(body), 404
            found = facets(searcher, table, plan(searcher, table, "", Filters(speaker=key)), limit=20)
    except NoIndexError:
        return _json_error(NO_INDEX_HINT, 503)
    except BadParameter as err:
        return _json_error(str(err), 400)
    return jsonify({**who.to_json(), "sources": found.to_json()["sources"],
                    "timeline": found.to_json()["timeline"]}), 200


@bp.get("/api/article/<key>")
def api_article(key: str) -> tuple[Response, int]:
    """One article: metadata, whole text and its quotes with offsets."""
    try:
        view = load_article(_index_dir(), key)
    except NoIndexError:
        return _json_error(NO_INDEX_HINT, 503)
    if view is None:
        return _json_error("no article in the index has this key", 404)
    return jsonify(view.to_json()), 200


@bp.get("/api/export")
def api_export() -> Response | tuple[Response, int]:
    """Every quote matching the search (not one page), streamed as CSV, JSON Lines or JSON."""
    fmt = request.args.get("format", "csv").strip()
    try:
        params = parse_params(request.args)
        export = Export(_index_dir(), params.q, params.filters, params.sort, fmt)
    except NoIndexError:
        return _json_error(NO_INDEX_HINT, 503)
    except (BadParameter, QueryError) as err:
        return _json_error(str(err), 400)
    name = f"quotes.{fmt}"
    response = Response(export, mimetype=FORMATS[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/api/stats")
def api_stats() -> tuple[Response, int]:
    """JSON summary of the index: counts, date range, top speakers, size."""
    try:
        index_stats = stats(_index_dir())
    except NoIndexError:
        return _json_error(NO_INDEX_HINT, 503)
    return jsonify(_jsonable(dataclasses.asdict(index_stats))), 200


def _run_search(params: Params) -> tuple[SearchPage, Facets]:
    """The page and the facets of one search, from a single evaluation of it."""
    with opened(_index_dir()) as (searcher, table):
        p = plan(searcher, table, params.q, params.filters)
        match = Match(searcher, p)
        result = page_of(searcher, table, p, match, sort=params.sort, group=params.group, page=params.page,
                         per_page=params.per_page)
        return result, facets(searcher, table, p, match=match)


def _pages(result: SearchPage) -> dict[str, Any]:
    pages = min(MAX_PAGE, max(1, math.ceil(result.total / result.per_page)))
    return {"pages": pages, "window": page_window(result.page, pages)}


def _speaker_url(key: str) -> str:
    return url_for("quotesearch.speaker_page", key=key)


def _speaker_page_url(key: str) -> Any:
    def url(**changes: Any) -> str:
        return url_for("quotesearch.speaker_page", key=key, **{k: v for k, v in changes.items() if v})
    return url


def _index_dir() -> Path:
    return Path(current_app.config["INDEX_DIR"])


def _page_url(changes: Mapping[str, Any] | None = None, **more: Any) -> str:
    """This page's URL with some parameters changed (None drops one); empty ones are left out.

    `changes` can hold names Jinja can't pass as keywords, such as `from`.
    """
    args: dict[str, Any] = {key: request.args[key] for key in PAGE_FIELDS if request.args.get(key)}
    for key, value in {**(changes or {}), **more}.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return url_for("quotesearch.search_page", **args)


def _period_url(bucket: Bucket) -> str:
    """This search narrowed to one timeline bucket's dates."""
    return _page_url({"from": bucket.start.isoformat(), "to": bucket.end.isoformat(), "page": None})


def _search_url(args: Mapping[str, Any]) -> str:
    """The search page's URL for these parameters (empty ones left out)."""
    return url_for("quotesearch.search_page", **{k: v for k, v in args.items() if v})


def _export_url(fmt: str) -> str:
    """This search's export in format `fmt` (only the search parameters are carried over)."""
    args: dict[str, Any] = {key: request.args[key] for key in EXPORT_FIELDS if request.args.get(key)}
    return url_for("quotesearch.api_export", format=fmt, **args)


def _article_url(key: str, start: int | None = None) -> str:
    """The article view, scrolled to the quote starting at `start`."""
    if start is None:
        return url_for("quotesearch.article_page", key=key)
    return url_for("quotesearch.article_page", key=key, at=start, _anchor=f"q{start}")


def _parse_date(value: str, name: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"Bad {name} date {_shown(value)}: use YYYY-MM-DD.") from None


def _parse_int(value: str, name: str, low: int, high: int, default: int) -> int:
    """A whole number in [low, high]; the digits are counted first, so huge ones cost nothing."""
    value = value.strip()
    if not value:
        return default
    usable = value.isascii() and value.isdigit() and len(value) <= len(str(high))
    number = int(value) if usable else None
    if number is None or not low <= number <= high:
        raise BadParameter(f"Bad {name} {_shown(value)}: use a whole number from {low} to {high}.")
    return number


def _shown(value: str, limit: int = 20) -> str:
    """A bad value quoted for an error message, cut short so a huge one is not echoed back."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _parse_text(value: str, name: str, limit: int) -> str:
    """`value` stripped; raises `BadParameter` when it is longer than `limit` characters."""
    value = value.strip()
    if len(value) > limit:
        raise BadParameter(f"Bad {name}: too long ({len(value)} characters; at most {limit}).")
    return value


def _jsonable(value: Any) -> Any:
    """Dates to ISO strings, tuples to lists, recursively, so `jsonify` accepts the stats."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


def _json_error(message: str, status: int) -> tuple[Response, int]:
    return jsonify({"error": message}), status


def _refuse_methods_and_bodies() -> None:
    """Only GET and HEAD are served (405 otherwise, OPTIONS included) and no request may carry
    a body larger than `MAX_CONTENT_LENGTH` (413), though none is ever read."""
    if request.method not in ALLOWED_METHODS:
        raise MethodNotAllowed(valid_methods=list(ALLOWED_METHODS))
    if (request.content_length or 0) > current_app.config["MAX_CONTENT_LENGTH"]:
        raise RequestEntityTooLarge()


def _only_assets_from_static() -> None:
    """The static route serves the stylesheet, script and icon, never other files beside them."""
    filename = str((request.view_args or {}).get("filename", ""))
    if request.endpoint == "static" and not filename.endswith(STATIC_SUFFIXES):
        abort(404)


def _add_security_headers(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response


def _handle_http_error(err: HTTPException) -> tuple[Response, int]:
    """Friendly 404/405/500 pages; JSON errors under /api/."""
    code = err.code or 500
    description = err.description or "Something went wrong."
    if request.path.startswith("/api/"):
        response = jsonify({"error": description})
    else:
        response = make_response(render_template("error.html", code=code, name=err.name, description=description))
    response.headers.update((k, v) for k, v in err.get_headers() if k.lower() != "content-type")  # e.g. Allow
    return response, code


def _handle_outdated_index(err: OutdatedIndexError) -> tuple[Response | str, int]:
    """An index from an older quotesearch: say how to rebuild it (503, as for no index), without
    showing visitors where the index lives on the server."""
    if request.path.startswith("/api/"):
        return _json_error(OUTDATED_HINT, 503)
    return render_template("error.html", code=503, name="Index needs a rebuild", description=OUTDATED_HINT), 503


def _resource_dir(package: str) -> str:
    """Filesystem path of a data package (templates, static) installed with quotesearch."""
    return str(files(package))

