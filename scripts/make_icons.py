"""Draw the web app's PNG icons from their SVGs (docs/assets/images/), with headless Chromium.

    python scripts/make_icons.py

The PNGs are committed (phones want PNG icons; the build needs no browser for them); run this
again after changing icon.svg or icon-maskable.svg. ``tests/test_webapp.py`` checks their sizes.

* icon-192.png, icon-512.png   from icon.svg ("any": a rounded tile)
* icon-maskable-512.png        from icon-maskable.svg (full bleed; the drawing stays inside the
                               middle 80 % that Android's masks keep)
* icon-180.png                 from icon-maskable.svg (iOS home screens round the corners themselves)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite.chromium import CHROMIUM, FLAGS  # noqa: E402

IMAGES = ROOT / "docs" / "assets" / "images"
ICONS = {  # PNG -> (SVG, size)
    "icon-192.png": ("icon.svg", 192),
    "icon-512.png": ("icon.svg", 512),
    "icon-maskable-512.png": ("icon-maskable.svg", 512),
    "icon-180.png": ("icon-maskable.svg", 180),
}


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        for png, (svg, size) in ICONS.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            markup = (IMAGES / svg).read_text(encoding="utf-8").replace("<svg ", '<svg width="100%" height="100%" ', 1)
            page.set_content(
                f'<html><body style="margin:0;background:transparent">'
                f'<div style="width:{size}px;height:{size}px">{markup}</div></body></html>'
            )
            page.screenshot(
                path=str(IMAGES / png), omit_background=True, clip={"x": 0, "y": 0, "width": size, "height": size}
            )
            page.close()
            print(f"{png}: {size}x{size} from {svg}")
        browser.close()


if __name__ == "__main__":
    main()
