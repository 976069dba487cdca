"""Smaller fonts in the PDFs: one font where Chromium's prints each brought their own, without the
tables only a text-layout engine reads.

Chromium embeds in each print a subset of each font it used (Noto Sans, Noto Sans Lao, bold …),
keeping the original glyph ids. A book put together from 25 prints therefore holds 25 copies of
Noto Sans Lao, each with a few dozen glyphs. Because the glyph ids are the same in every copy,
the copies can become one font with all their glyphs (``share``): every page then uses that one
font, and its widths and text mapping (ToUnicode) are the union of the copies'. Copies whose
glyphs disagree (two different fonts that share a name) stay apart.

The layout tables (GSUB, GPOS, GDEF …) only matter to software that shapes text; a PDF's glyphs are
already placed, so they are dropped, and glyph names with them.

Written here because neither qpdf/pikepdf nor pypdf merge font subsets; fontTools reads and writes
the fonts.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Sequence

import pikepdf
from fontTools.ttLib import TTFont
from pikepdf import Name

__all__ = ["share"]

DROP = {"GSUB", "GPOS", "GDEF", "STAT", "DSIG", "BASE", "JSTF", "MATH", "meta"}


def cid_widths(cid_font: pikepdf.Object) -> dict[int, float]:
    """The /W array of a CID font as {cid: width}."""
    widths: dict[int, float] = {}
    items = list(cid_font.get(Name.W, []))
    index = 0
    while index < len(items):
        first = int(items[index])
        if isinstance(items[index + 1], pikepdf.Array):
            for offset, width in enumerate(items[index + 1]):
                widths[first + offset] = float(width)
            index += 2
        else:
            for cid in range(first, int(items[index + 1]) + 1):
                widths[cid] = float(items[index + 2])
            index += 3
    return widths


def _w_array(widths: dict[int, float]) -> pikepdf.Array:
    out: list = []
    run_start, run = 0, list[float]()  # the first cid of a run of consecutive cids, and their widths
    for cid in sorted(widths):
        if run and cid == run_start + len(run):
            run.append(widths[cid])
        else:
            if run:
                out += [run_start, pikepdf.Array(run)]
            run_start, run = cid, [widths[cid]]
    if run:
        out += [run_start, pikepdf.Array(run)]
    return pikepdf.Array([_number(v) for v in out])


def _number(value):
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_number(v) for v in value])
    return int(value) if float(value).is_integer() else round(float(value), 3)


_HEX = r"<([0-9A-Fa-f]+)>"


def _to_unicode(stream: pikepdf.Object | None) -> dict[int, str]:
    """A ToUnicode CMap (bfchar and bfrange sections) as {cid: text}."""
    if stream is None:
        return {}
    text = stream.read_bytes().decode("latin-1")
    found: dict[int, str] = {}

    def decode(hex_text: str) -> str:
        return bytes.fromhex(hex_text).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for source, target in re.findall(_HEX + r"\s*" + _HEX, block):
            found[int(source, 16)] = decode(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, rest in re.findall(_HEX + r"\s*" + _HEX + r"\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            low, high = int(low, 16), int(high, 16)
            if rest.startswith("["):
                for offset, target in enumerate(re.findall(_HEX, rest)):
                    found[low + offset] = decode(target)
            else:
                start = int(rest[1:-1], 16)
                width = len(rest) - 2
                for offset in range(high - low + 1):
                    found[low + offset] = decode(f"{start + offset:0{width}X}")
    return found


def _cmap_stream(pdf: pikepdf.Pdf, mapping: dict[int, str]) -> pikepdf.Stream:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for cid, text in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return pdf.make_stream("\n".join(lines).encode("ascii"))


class _Font:
    """One embedded subset: its PDF font and its TrueType program (glyph ids as in the full font)."""

    def __init__(self, font: pikepdf.Object):
        self.font = font
        self.cid_font = font.DescendantFonts[0]
        # recalcTimestamp=False: the font keeps its own date, so the same pages make the same bytes
        self.tt = TTFont(io.BytesIO(self.cid_font.FontDescriptor.FontFile2.read_bytes()), recalcTimestamp=False)
        self.widths = cid_widths(self.cid_font)
        self.text = _to_unicode(font.get(Name.ToUnicode))
        self.order = self.tt.getGlyphOrder()
        glyf = self.tt["glyf"]
        self.filled = {gid for gid, name in enumerate(self.order) if glyf[name].numberOfContours != 0}

    def outlines(self) -> dict[int, bytes]:
        glyf = self.tt["glyf"]
        return {gid: glyf[self.order[gid]].compile(glyf) for gid in self.filled}


def merged_widths(fonts: Sequence[_Font]) -> dict[int, float]:
    """The widths (/W) of the one font that replaces ``fonts``: each glyph's as the copy that prints it
    has it, explicitly, so the kept copy's default width (/DW) no longer matters.

    A copy prints the glyphs its text map (ToUnicode) names; its width for one is its /W entry, or
    else its own /DW (Chromium gives each print its own, 572 in one, 268 in the next). /W also lists
    glyphs a copy does not print, some with width 0: taken as they came, one copy's 0 or another's
    default overwrote the real width, and books printed letters on top of each other ("membr", Lao
    headings squeezed). Those entries fill in only what no copy prints."""
    widths: dict[int, float] = {}
    for font in fonts:
        widths.update({cid: width for cid, width in font.widths.items() if cid not in font.text})
    for font in fonts:
        default = float(font.cid_font.get(Name.DW, 1000))
        widths.update({cid: font.widths.get(cid, default) for cid in font.text})
    return widths


def _merge(fonts: list[_Font]) -> TTFont:
    """One TrueType program with the glyphs of all ``fonts`` (which share glyph ids)."""
    base = max(fonts, key=lambda f: len(f.order))
    tt, order = base.tt, base.order
    glyf, hmtx = tt["glyf"], tt["hmtx"]
    for font in fonts:
        if font is base:
            continue
        for gid, name in enumerate(font.order):
            if gid in font.filled and gid not in base.filled:
                glyph = font.tt["glyf"][name]
                if glyph.isComposite():
                    for component in glyph.components:
                        component.glyphName = order[font.order.index(component.glyphName)]
                glyf[order[gid]] = glyph
                hmtx[order[gid]] = font.tt["hmtx"][name]
                base.filled.add(gid)
            elif hmtx[order[gid]][0] == 0 and font.tt["hmtx"][name][0]:  # an empty glyph with a width: a space
                hmtx[order[gid]] = font.tt["hmtx"][name]
    return tt


def _slim(tt: TTFont) -> bytes:
    for tag in DROP & set(tt.keys()):
        del tt[tag]
    if "post" in tt:
        tt["post"].formatType = 3.0  # no glyph names
    out = io.BytesIO()
    tt.save(out)
    return out.getvalue()


def _font_dicts(pdf: pikepdf.Pdf):
    """Every /Font resource dictionary: of the pages and of the forms (charts) drawn on them."""
    seen, todo = set(), [page.obj.get(Name.Resources) for page in pdf.pages]
    while todo:
        resources = todo.pop()
        if resources is None or (resources.objgen in seen and resources.objgen != (0, 0)):
            continue
        seen.add(resources.objgen)
        if Name.Font in resources:
            yield resources.Font
        for xobject in resources.get(Name.XObject, {}).values():
            if xobject.get(Name.Subtype) == Name.Form and Name.Resources in xobject:
                todo.append(xobject.Resources)


def share(pdf: pikepdf.Pdf) -> None:
    """Give every page the one shared copy of each font; drop the fonts' layout tables."""
    uses: dict[tuple, list[tuple[pikepdf.Object, str]]] = defaultdict(list)
    fonts: dict[tuple, _Font] = {}
    for font_dict in _font_dicts(pdf):
        for resource_name, font in font_dict.items():
            if font.get(Name.Subtype) != Name.Type0:
                continue
            descriptor = font.DescendantFonts[0].get(Name.FontDescriptor, {})
            if Name.FontFile2 not in descriptor or font.DescendantFonts[0].get(Name.CIDToGIDMap) != Name.Identity:
                continue
            if font.objgen not in fonts:
                fonts[font.objgen] = _Font(font)
            uses[font.objgen].append((font_dict, resource_name))
    # Fonts of one family whose glyph ids never hold two different outlines are copies of one font
    # (two fonts can share a name: Noto Sans "latin" and "latin-ext" are separate files).
    families: dict[str, list[tuple[list[_Font], dict[int, bytes]]]] = defaultdict(list)
    for font in fonts.values():
        family, outlines = str(font.font.BaseFont).split("+")[-1], font.outlines()
        for group, known in families[family]:
            if all(known.get(gid, data) == data for gid, data in outlines.items()):
                group.append(font)
                known.update(outlines)
                break
        else:
            families[family].append(([font], outlines))
    for groups in families.values():
        for group, _ in groups:
            keep = group[0]
            widths, text = merged_widths(group), {}
            for font in group:
                text.update(font.text)
            program = _slim(_merge(group))
            descriptor = keep.cid_font.FontDescriptor
            descriptor.FontFile2 = pdf.make_stream(program, Length1=len(program))
            if Name.CIDSet in descriptor:
                del descriptor[Name.CIDSet]
            keep.cid_font.W = _w_array(widths)
            keep.font.ToUnicode = _cmap_stream(pdf, text)
            for font in group[1:]:
                for resources, resource_name in uses[font.font.objgen]:
                    resources[resource_name] = keep.font
