""" "Suggest a better wording": a short note at the end of every translated page — today the Lao ones
(issue 18, CONTENT.md §8.5). Its words are in the site catalog (coopsite/words.py ``FEEDBACK``).

Where suggestions go is one setting, ``extra.lao_feedback_url`` in ``mkdocs.yml`` (the project's
"new issue" page); without it, ``<repo_url>/issues/new``. A GitHub "new issue" URL gets the page and
a short form prefilled (``?title=…&body=…``, GitHub's documented query parameters); any other URL is
used as it is.

The note holds two texts, and the page shows the one that fits (``coop.css``):

* ``coop-online-only``: a link to the issue tracker;
* ``coop-offline-only``: on the USB copy (``file://``) a link to the internet is a dead end, so this
  text says where to send the suggestion instead: on paper to the facilitator, or to the tracker's
  address (written out, not linked) once the reader is online.

The page-head script (``frontend/src/edition.js``) marks ``<html>`` with ``coop-online`` or
``coop-offline`` before the page is drawn. Without the script both texts show. The note is not
printed (a handout for a village hall spends no paper on it; the About page, printed or not, says
how to send suggestions) and is left out of the search index (Material's ``data-search-exclude``):
it is the same on every page.

Authors link to the same place from a page with the target ``lao-feedback:``
(``[open an issue](lao-feedback:)``, as the About page does); :func:`resolve_links` puts the URL in.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from markupsafe import Markup

from exercises.core.html import escape, html
from exercises.core.languages import DEFAULT, codes, get

from .words import FEEDBACK, site

__all__ = [
    "ANCHOR",
    "PLACEHOLDER",
    "feedback_url",
    "is_translated",
    "issue_url",
    "language_of",
    "note_html",
    "resolve_links",
    "words",
]

#: Link target authors write for "the place where suggestions go".
PLACEHOLDER = "lao-feedback:"
#: The id of the note, so a page can link to its own note (``#lao-feedback``).
ANCHOR = "lao-feedback"


def words(lang: str) -> dict[str, str]:
    """The note's words in ``lang`` (site catalog)."""
    t = site(lang)
    return {key: t(message) for key, message in FEEDBACK.items()}


def language_of(src_uri: str) -> str:
    """The language of a page's source (``x.lo.md`` → ``lo``; no suffix: the default language)."""
    parts = src_uri.rsplit(".", 2)
    return parts[1] if len(parts) == 3 and parts[1] in codes() else DEFAULT.code


def feedback_url(config) -> str:
    """``extra.lao_feedback_url``, else ``<repo_url>/issues/new``; a build error names the setting."""
    extra = config.get("extra") or {}
    url = str(extra.get("lao_feedback_url") or "").strip()
    if not url and config.get("repo_url"):
        url = str(config["repo_url"]).rstrip("/") + "/issues/new"
    if not url:
        raise ValueError(
            "mkdocs.yml: set extra.lao_feedback_url (where readers suggest better Lao wording), "
            "e.g. https://github.com/<org>/our-coffee-coop/issues/new"
        )
    return url


def issue_url(url: str, page: str) -> str:
    """The tracker URL for one page: GitHub's "new issue" form prefilled with the page, else ``url``."""
    parts = urlsplit(url)
    if parts.netloc.lower() not in ("github.com", "www.github.com") or not parts.path.rstrip("/").endswith(
        "/issues/new"
    ):
        return url
    lang = language_of(page)
    said = words(lang)
    title = f"{get(lang).english_name} wording: docs/{page}"
    body = (
        f"{said['page']} (page): docs/{page}\n\n{said['sentence']} (sentence):\n\n{said['better']} (better wording):\n"
    )
    return f"{url.rstrip('/')}{'&' if parts.query else '?'}title={quote(title, safe='')}&body={quote(body, safe='')}"


def _address(url: str) -> str:
    """The tracker's address to write down: no scheme, no "new issue" form (the list of issues)."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if path.endswith("/new"):
        path = path[: -len("/new")]
    return parts.netloc + path


def note_html(url: str, page: str, title: str) -> str:
    """The note for one translated page (``page``: its source path, e.g. ``key-concepts/kc3-….lo.md``)."""
    lang = language_of(page)
    said = words(lang)
    address = html('<span class="coop-url">{address}</span>', address=_address(url))
    offline = Markup(escape(said["offline"]).replace("{title}", str(escape(title))).replace("{address}", address))
    return str(
        html(
            '<aside class="coop-lao-feedback" id="{anchor}" lang="{lang}" data-search-exclude>'
            '<p class="coop-online-only"><a href="{link}">{label}</a>: {online}</p>'
            '<p class="coop-offline-only">{label}: {offline}</p></aside>',
            anchor=ANCHOR,
            lang=lang,
            link=issue_url(url, page),
            label=said["link"],
            online=said["online"],
            offline=offline,
        )
    )


def resolve_links(page_html: str, url: str) -> str:
    """Links written as ``lao-feedback:`` go to the tracker."""
    return page_html.replace(f'href="{PLACEHOLDER}"', f'href="{escape(url)}"')


def is_translated(src_uri: str) -> bool:
    """A page in another language than the default one gets the note."""
    return language_of(src_uri) != DEFAULT.code
