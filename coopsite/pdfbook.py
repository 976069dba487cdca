"""PDF files from Chromium's prints: books put together, page numbers, outline, compact files (pikepdf).

Chromium prints each page of the course on its own (scripts/make_pdf.py). Here those prints become
the files people download:

* ``assemble``: one or more prints in order → one PDF, with a page number at the foot of every page
  (after ``skip`` pages) and an outline (bookmarks) from the headings;
* the files are written with object streams and recompressed streams: about half the size of
  Chromium's own file, for the same pages.

Why pikepdf (qpdf) and not pypdf: pypdf cannot write object streams, which halve the files here.
The page numbers are a few PDF operators in Helvetica, one of the 14 fonts every PDF reader has:
no font file is embedded for them (a Chromium-made stamp would add a font subset to every file).
Their baseline is the baseline of the footer words that print.css draws (``@bottom-left``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Name, OutlineItem, Pdf

from . import pdffonts

__all__ = ["Heading", "Entry", "assemble", "page_count", "dest_pages", "FOOT_BASELINE", "FOOT_RIGHT"]

#: Where print.css puts the footer words (@page margin boxes): baseline above the paper's bottom edge,
#: and the right margin, in points. tests/test_print.py checks that numbers and words share the line.
FOOT_BASELINE = 22.1
FOOT_RIGHT = 15 / 25.4 * 72
FOOT_SIZE = 9
# Advance widths of Helvetica (per 1000 units of the font size) for the characters of a page number.
_HELVETICA = {**{str(d): 556 for d in range(10)}, " ": 278, "/": 278}


@dataclass
class Heading:
    """A heading of a page: its id in the page, its text, its level (1 = the page title)."""

    id: str
    text: str
    level: int


@dataclass
class Entry:
    """One print in a book: the file, its title in the outline, its headings, and an optional group."""

    path: Path
    title: str
    headings: list[Heading] = field(default_factory=list)
    group: str | None = None  # e.g. the part of the course the chapter belongs to


def page_count(path: Path) -> int:
    with Pdf.open(path) as pdf:
        return len(pdf.pages)


def dest_pages(pdf: Pdf) -> dict[str, tuple[int, float]]:
    """Named destinations (Chromium makes one for each id of the page) → (page index, top)."""
    found: dict[str, tuple[int, float]] = {}
    if "/Dests" in pdf.Root:
        items = pdf.Root.Dests.items()
    elif "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
        items = pikepdf.NameTree(pdf.Root.Names.Dests).items()
    else:
        return found
    index: dict = {page.objgen: number for number, page in enumerate(pdf.pages)}
    for name, dest in items:
        if isinstance(dest, pikepdf.Dictionary):
            dest = dest.D
        if isinstance(dest, pikepdf.Array) and len(dest) >= 4 and dest[0].objgen in index:
            try:
                top = float(dest[3])
            except (TypeError, ValueError):  # a destination without a position: the top of the page
                top = float(dest[0].MediaBox[3])
            found[str(name).lstrip("/")] = (index[dest[0].objgen], top)
    return found


def _number_stream(page: pikepdf.Page, text: str, font: pikepdf.Object) -> None:
    width = sum(_HELVETICA[c] for c in text) * FOOT_SIZE / 1000
    x = float(page.mediabox[2]) - FOOT_RIGHT - width
    if Name.Resources not in page.obj:
        page.obj.Resources = pikepdf.Dictionary()
    if Name.Font not in page.obj.Resources:
        page.obj.Resources.Font = pikepdf.Dictionary()
    page.obj.Resources.Font.CoopNumber = font
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(
        f"\nQ\nq 0.2 g BT /CoopNumber {FOOT_SIZE} Tf {x:.2f} {FOOT_BASELINE:.2f} Td ({text}) Tj ET Q\n".encode()
    )


def assemble(
    entries: list[Entry], target: Path, *, skip: int = 0, front: Path | None = None, front_title: str | None = None
) -> int:
    """Put ``front`` (title and contents, not numbered) and the prints of ``entries`` into ``target``.

    Every page after the first ``skip`` pages gets "n / total" at its foot (unless there is only one
    page). Returns the page count.
    """
    out = Pdf.new()
    sources = []
    try:
        outline: list[OutlineItem] = []
        groups: dict[str, OutlineItem] = {}
        if front is not None:
            source = Pdf.open(front)
            sources.append(source)
            out.add_pages_from(source, outlines="ignore")
            if front_title:
                outline.append(OutlineItem(front_title, min(1, len(out.pages) - 1)))
        for entry in entries:
            source = Pdf.open(entry.path)
            sources.append(source)
            start = len(out.pages)
            out.add_pages_from(source, outlines="ignore")
            item = _outline(entry, source, start)
            if entry.group:
                if entry.group not in groups:
                    groups[entry.group] = OutlineItem(entry.group, start)
                    outline.append(groups[entry.group])
                groups[entry.group].children.append(item)
            else:
                outline.append(item)
        total = len(out.pages)
        font = out.make_indirect(
            pikepdf.Dictionary(
                Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding
            )
        )
        for number, page in enumerate(out.pages, 1):
            if number > skip and total > 1:
                _number_stream(page, f"{number} / {total}", font)
        with out.open_outline() as tree:
            tree.root.extend(outline)
        out.Root.PageMode = Name.UseOutlines
        pdffonts.share(out)
        out.remove_unreferenced_resources()
        target.parent.mkdir(parents=True, exist_ok=True)
        out.save(
            target,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            recompress_flate=True,
            deterministic_id=True,
        )
        return total
    finally:
        out.close()
        for source in sources:
            source.close()


def _outline(entry: Entry, source: Pdf, start: int) -> OutlineItem:
    """The print's title, with its headings nested by level under it, at the pages where they are."""
    dests = dest_pages(source)
    root = OutlineItem(entry.title, start)
    stack: list[tuple[int, OutlineItem]] = [(1, root)]
    for heading in entry.headings:
        if heading.level < 2 or heading.id not in dests:
            continue
        index, top = dests[heading.id]
        item = OutlineItem(heading.text, start + index, "XYZ", top=top)
        while stack[-1][0] >= heading.level:
            stack.pop()
        stack[-1][1].children.append(item)
        stack.append((heading.level, item))
    return root
