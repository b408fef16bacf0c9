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

from flask import Blueprint, Flask, Response, current_app, jsonify, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from .indexing import NoIndexError
from .search import QueryError, SearchPage, search, stats

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
PAGE_WINDOW = 2  # page links shown on each side of the current page

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

NO_INDEX_HINT = "No index yet: run `quotesearch index PATH`"

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

    @property
    def is_search(self) -> bool:
        """Whether the user asked for anything (the bare page shows only the form)."""
        return bool(self.q or self.speaker or self.date_from or self.date_to)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: `INDEX_DIR` defaults to "index", `config` overrides; assets come from the package."""
    app = Flask(
        __name__,
        template_folder=_resource_dir("quotesearch.templates"),
        static_folder=_resource_dir("quotesearch.static"),
    )
    app.config["INDEX_DIR"] = "index"
    if config:
        app.config.update(config)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the documented key order
    app.jinja_env.filters["is_web_url"] = is_web_url
    app.register_blueprint(bp)
    app.after_request(_add_security_headers)
    app.register_error_handler(HTTPException, _handle_http_error)
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
    return Params(
        q=args.get("q", "").strip(),
        speaker=args.get("speaker", "").strip() or None,
        date_from=_parse_date(args.get("from", ""), "from"),
        date_to=_parse_date(args.get("to", ""), "to"),
        page=_parse_int(args.get("page", ""), "page", 1, None, 1),
        per_page=_parse_int(args.get("per_page", ""), "per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE),
    )


@bp.get("/")
def search_page() -> tuple[str, int]:
    """The search form, and results when the query string asks for any."""
    form = {key: request.args.get(key, "") for key in ("q", "speaker", "from", "to", "per_page")}
    context: dict[str, Any] = {"form": form, "page_url": _page_url, "result": None, "error": None}
    try:
        params = parse_params(request.args)
        if params.is_search:
            result = _run_search(params)
            pages = max(1, math.ceil(result.total / result.per_page))
            context.update(result=result, pages=pages, window=page_window(result.page, pages))
        else:
            context["stats"] = stats(_index_dir())
    except NoIndexError:
        return render_template("search.html", no_index=True, **context), 200
    except (BadParameter, QueryError) as err:
        context["error"] = str(err)
        return render_template("search.html", **context), 400
    return render_template("search.html", **context), 200


@bp.get("/api/search")
def api_search() -> tuple[Response, int]:
    """JSON search: `{"total", "page", "per_page", "results": [...]}`."""
    try:
        result = _run_search(parse_params(request.args))
    except NoIndexError:
        return _json_error(NO_INDEX_HINT, 503)
    except (BadParameter, QueryError) as err:
        return _json_error(str(err), 400)
    body = {
        "total": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "results": [hit.to_json() for hit in result.results],
    }
    return jsonify(body), 200


@bp.get("/api/stats")
def api_stats() -> tuple[Response, int]:
    """JSON summary of the index: counts, date range, top speakers, size."""
    try:
        index_stats = stats(_index_dir())
    except NoIndexError:
        return _json_error(NO_INDEX_HINT, 503)
    return jsonify(_jsonable(dataclasses.asdict(index_stats))), 200


def _run_search(params: Params) -> SearchPage:
    return search(
        _index_dir(),
        params.q,
        speaker=params.speaker,
        date_from=params.date_from,
        date_to=params.date_to,
        page=params.page,
        per_page=params.per_page,
    )


def _index_dir() -> Path:
    return Path(current_app.config["INDEX_DIR"])


def _page_url(**changes: Any) -> str:
    """This page's URL with some parameters changed (None drops one); empty ones are left out."""
    args: dict[str, Any] = {key: value for key, value in request.args.items() if value}
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return url_for("quotesearch.search_page", **args)


def _parse_date(value: str, name: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"Bad {name} date {value!r}: use YYYY-MM-DD.") from None


def _parse_int(value: str, name: str, low: int, high: int | None, default: int) -> int:
    value = value.strip()
    if not value:
        return default
    number = int(value) if value.isascii() and value.isdigit() else None
    if number is None or number < low or (high is not None and number > high):
        limit = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise BadParameter(f"Bad {name} {value!r}: use a whole number {limit}.")
    return number


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


def _add_security_headers(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response


def _handle_http_error(err: HTTPException) -> tuple[Response | str, int]:
    """Friendly 404/405/500 pages; JSON errors under /api/."""
    code = err.code or 500
    description = err.description or "Something went wrong."
    if request.path.startswith("/api/"):
        return _json_error(description, code)
    return render_template("error.html", code=code, name=err.name, description=description), code


def _resource_dir(package: str) -> str:
    """Filesystem path of a data package (templates, static) installed with quotesearch."""
    return str(files(package))

