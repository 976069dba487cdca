"""Shorter text in Chromium's PDFs: runs of glyphs instead of one positioning per glyph.

Chromium (Skia) places every glyph on its own: ``7.3775635 0 Td <003B> Tj`` — about 25 bytes a
glyph, most of it a position that the glyph's own width already gives. ``tidy`` rewrites each run of
glyphs on a line as one ``TJ`` array, where a glyph follows the one before by its width and only
the differences are written, in thousandths of the font size. Rounding is carried from glyph to
glyph, so no glyph moves by more than half a thousandth of an em (0.006 pt at 12 pt) from where
Chromium put it. The text, its fonts, its marked content (``ActualText`` of Lao clusters) and
everything else on the page stay as they are. tests/test_print.py renders pages before and after.

Written here because no PDF library rewrites text positioning; pikepdf parses and writes the
content streams. A stream with anything unexpected inside its text objects is left unchanged.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name, Operator

from .pdffonts import cid_widths

__all__ = ["tidy"]

# Text state operators that would change glyph advances: a stream using them is left alone.
_UNSUPPORTED = {"Tc", "Tw", "Tz", "TL", "Ts", "T*", "TD", "'", '"'}


class _Unsupported(Exception):
    pass


def _font_widths(resources: pikepdf.Object) -> dict[str, tuple[dict[int, float], float]]:
    fonts = {}
    for name, font in resources.get(Name.Font, {}).items():
        if font.get(Name.Subtype) == Name.Type0 and font.get(Name.Encoding) == Name("/Identity-H"):
            cid_font = font.DescendantFonts[0]
            fonts[str(name)] = (cid_widths(cid_font), float(cid_font.get(Name.DW, 1000)))
    return fonts


def _rewrite(instructions, fonts) -> list:
    out: list = []
    font: str | None = None
    size = 1.0  # set by the Tf before any text
    run: list | None = None  # the TJ array being built
    true_x = shown_x = 0.0  # where the glyph really is / where the run puts it, from the run's start
    behind = 0.0  # how far Chromium's line start is ahead of ours (x), after a run

    def flush():
        nonlocal run, behind
        if run is not None:
            out.append(([pikepdf.Array(run)], Operator("TJ")))
            behind = last_x
            run = None

    last_x = 0.0
    index = 0
    while index < len(instructions):
        operands, operator = instructions[index]
        op = str(operator)
        if op in _UNSUPPORTED:
            raise _Unsupported(op)
        following = instructions[index + 1] if index + 1 < len(instructions) else None
        if (
            op == "Td"
            and following is not None
            and str(following[1]) == "Tj"
            and font in fonts
            and len(following[0]) == 1
            and isinstance(following[0][0], pikepdf.String)
        ):
            dx, dy = float(operands[0]), float(operands[1])
            glyphs = bytes(following[0][0])
            widths, default = fonts[font]
            if run is not None and dy == 0:
                true_x = last_x + dx
                adjust = round((shown_x - true_x) * 1000 / size)
                if adjust:
                    run.append(adjust)
                shown_x -= adjust * size / 1000
            else:
                flush()
                out.append(([round(dx + behind, 3), round(dy, 3)], Operator("Td")))
                behind = 0.0
                run, true_x, shown_x = [], 0.0, 0.0
            last_x = true_x
            run.append(pikepdf.String(glyphs))
            for code in range(0, len(glyphs) - 1, 2):
                shown_x += widths.get(int.from_bytes(glyphs[code : code + 2], "big"), default) * size / 1000
            # a Tj of several glyphs: Chromium's next Td is still from this Td, like ours
            index += 2
            continue
        flush()
        if op in ("BT", "Tm"):
            behind = 0.0
        elif op == "Td":  # a Td not followed by a Tj: move, keeping our line start where Chromium's is
            operands = [round(float(operands[0]) + behind, 3), operands[1]]
            behind = 0.0
        elif op == "Tj" and behind:
            raise _Unsupported("Tj after a run")  # would be drawn at our line start: leave the stream as is
        elif op == "Tf":
            font, size = str(operands[0]), float(operands[1])
        out.append((operands, operator))
        index += 1
    flush()
    return out


def tidy(pdf: pikepdf.Pdf) -> None:
    """Rewrite the text of every page (not of forms inside it) as runs; see the module's docstring."""
    for page in pdf.pages:
        fonts = _font_widths(page.obj.get(Name.Resources, pikepdf.Dictionary()))
        if not fonts:
            continue
        instructions = pikepdf.parse_content_stream(page.obj)
        try:
            rewritten = _rewrite(instructions, fonts)
        except _Unsupported:
            continue
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(rewritten))
