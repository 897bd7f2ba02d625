"""Offset pagination for the JSON API's list endpoints, shared by every app's api.py.

A page is asked for with `?limit=` (default 50, at most 200) and `?offset=` (default 0). The
body stays a plain JSON array, exactly as before pagination, so existing v1 clients keep
working; the page's context travels in headers:

* `X-Total-Count`: how many items the whole (filtered) list has;
* `Link` (RFC 8288): `first`, `prev`, `next` and `last` page URLs, absolute, with every other
  query parameter kept. A client follows `rel="next"` until there is none.

Why offsets and not cursors: the guide's lists are small (hundreds of articles, about 1,700
municipalities at most) and some are ordered by a computed rank (search), which has no column
a cursor could point into. Offsets also let a client jump to any page and show "page 3 of 7".
Every list has a total, stable order (ties broken by primary key), so a page is reproducible
while the data does not change.

Invalid values answer 422 with the failing parameter named (`loc: ["query", "limit"]`) and the
bound it broke, from the same validation every other parameter goes through.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema

DEFAULT_LIMIT = 50
MAX_LIMIT = 200

T = TypeVar("T")
M = TypeVar("M", bound=Model)

LIMIT_DESCRIPTION = (
    "Items per page (1–{max}, default {default}). The whole list's size is in the "
    "`X-Total-Count` response header; further pages are linked in the `Link` header "
    '(RFC 8288: rel="first", "prev", "next", "last").'
)
OFFSET_DESCRIPTION = (
    "How many items to skip (0 or more). Clients can follow the `Link` header instead of "
    "computing offsets."
)


def paginated_openapi(status: int = 200) -> dict[str, Any]:
    """`openapi_extra` for a paginated route: documents the response headers and the 422."""
    return {
        "responses": {
            status: {
                "headers": {
                    "X-Total-Count": {
                        "description": "Number of items in the whole list (all pages).",
                        "schema": {"type": "integer", "minimum": 0},
                    },
                    "Link": {
                        "description": (
                            'RFC 8288 links to the other pages: rel="first", "prev" (not on '
                            'the first page), "next" (not on the last page) and "last".'
                        ),
                        "schema": {"type": "string"},
                    },
                }
            },
            422: {"description": "`limit` or `offset` out of range or not an integer."},
        }
    }


class PageParams(Schema):
    """`?limit=&offset=`, validated; use as `page: Query[PageParams]`."""

    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=LIMIT_DESCRIPTION.format(max=MAX_LIMIT, default=DEFAULT_LIMIT),
    )
    offset: int = Field(0, ge=0, description=OFFSET_DESCRIPTION)


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


def paginate_list(items: Sequence[T], *, limit: int, offset: int) -> Page[T]:
    """A page of a list already in memory (already in its final, stable order)."""
    return Page(list(items[offset : offset + limit]), len(items), limit, offset)


def paginate_queryset(queryset: QuerySet[M], *, limit: int, offset: int) -> Page[M]:
    """A page of a queryset: two queries (COUNT and the slice), whatever the page.

    The queryset must be ordered with a unique tie-breaker (e.g. `pk`), or rows could move
    between pages from one request to the next.
    """
    total = queryset.count()
    rows = list(queryset[offset : offset + limit]) if offset < total else []
    return Page(rows, total, limit, offset)


def _url(request: HttpRequest, *, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page_headers(request: HttpRequest, page: Page[T]) -> dict[str, str]:
    """`X-Total-Count` and an RFC 8288 `Link` header for this page."""
    limit, offset, total = page.limit, page.offset, page.total
    last = max(0, (total - 1) // limit * limit)
    links = [("first", 0)]
    if offset > 0:
        links.append(("prev", max(0, min(offset - limit, last))))
    if offset + limit < total:
        links.append(("next", offset + limit))
    links.append(("last", last))
    return {
        "X-Total-Count": str(total),
        "Link": ", ".join(
            f'<{_url(request, limit=limit, offset=at)}>; rel="{rel}"' for rel, at in links
        ),
        # Browsers hide non-safelisted headers from cross-origin scripts unless exposed.
        "Access-Control-Expose-Headers": "Link, X-Total-Count",
    }


def add_page_headers(response: HttpResponse, request: HttpRequest, page: Page[T]) -> None:
    for name, value in page_headers(request, page).items():
        response[name] = value
