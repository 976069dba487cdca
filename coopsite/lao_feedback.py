""" "Suggest a better Lao wording": a short note at the end of every Lao page (issue 18, CONTENT.md §8.5).

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

from html import escape
from urllib.parse import quote, urlsplit

__all__ = ["PLACEHOLDER", "ANCHOR", "feedback_url", "issue_url", "note_html", "resolve_links", "is_lao_page"]

#: Link target authors write for "the place where suggestions go".
PLACEHOLDER = "lao-feedback:"
#: The id of the note, so a page can link to its own note (``#lao-feedback``).
ANCHOR = "lao-feedback"

WORDS = {
    "link": "ສະເໜີຄຳພາສາລາວທີ່ດີກວ່າ",
    "online": "ບອກວ່າແມ່ນປະໂຫຍກໃດ ແລະ ທ່ານຈະເວົ້າແນວໃດ",
    "offline": (
        "ຂຽນຊື່ໜ້ານີ້ (“{title}”) ປະໂຫຍກນັ້ນ ແລະ ຄຳທີ່ທ່ານຈະໃຊ້ໃສ່ເຈ້ຍ ແລ້ວເອົາໃຫ້ຜູ້ອຳນວຍຄວາມສະດວກ ຫຼື ສົ່ງໄປທີ່ {address} ເມື່ອມີອິນເຕີເນັດ"
    ),
    # the prefilled issue (GitHub): the page, then the two things the maintainers need
    "issue_title": "Lao wording: docs/{page}",
    "issue_body": "ໜ້າ (page): docs/{page}\n\nປະໂຫຍກ (sentence):\n\nຄຳທີ່ດີກວ່າ (better wording):\n",
}


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
    title = quote(WORDS["issue_title"].format(page=page), safe="")
    body = quote(WORDS["issue_body"].format(page=page), safe="")
    return f"{url.rstrip('/')}{'&' if parts.query else '?'}title={title}&body={body}"


def _address(url: str) -> str:
    """The tracker's address to write down: no scheme, no "new issue" form (the list of issues)."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if path.endswith("/new"):
        path = path[: -len("/new")]
    return parts.netloc + path


def note_html(url: str, page: str, title: str) -> str:
    """The note for one Lao page (``page``: its source path, e.g. ``key-concepts/kc3-….lo.md``)."""
    link = escape(issue_url(url, page), quote=True)
    offline = escape(WORDS["offline"]).format(
        title=escape(title), address=f'<span class="coop-url">{escape(_address(url))}</span>'
    )
    return (
        f'<aside class="coop-lao-feedback" id="{ANCHOR}" lang="lo" data-search-exclude>'
        f'<p class="coop-online-only"><a href="{link}">{escape(WORDS["link"])}</a>: {escape(WORDS["online"])}</p>'
        f'<p class="coop-offline-only">{escape(WORDS["link"])}: {offline}</p>'
        "</aside>"
    )


def resolve_links(html: str, url: str) -> str:
    """Links written as ``lao-feedback:`` go to the tracker."""
    return html.replace(f'href="{PLACEHOLDER}"', f'href="{escape(url, quote=True)}"')


def is_lao_page(src_uri: str) -> bool:
    return src_uri.endswith(".lo.md")
