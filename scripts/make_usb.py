"""The offline copy for USB sticks: dist/our-coffee-coop-<version>-<date>.zip

    python scripts/make_usb.py --version 0.1.0 [--site site] [--out dist]

Inside the zip:

    START-HERE.html     double-click: choose English or Lao, then the course opens
    HOW-TO-OPEN.txt     the same in plain text, English and Lao
    course/             the whole site (works from file://: search and Python included)

Nothing in it needs the internet or a server. Of the printable PDFs it has every session (learner
and trainer), group kit and blank form; the books of whole parts and of the whole course stay on
the website: they are the same pages again, and with them the zip would pass 30 MB. Their links
are taken out of the copy's pages (coopsite/editions.py ``offline``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite.editions import is_book, offline  # noqa: E402

START_HERE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src 'self'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Our Coffee Co-op — start here / ເລີ່ມທີ່ນີ້</title>
<style>
@font-face {{ font-family: "Noto Sans"; src: url("course/assets/fonts/noto-sans-latin-400-normal.woff2") format("woff2"); font-weight: 400; }}
@font-face {{ font-family: "Noto Sans"; src: url("course/assets/fonts/noto-sans-latin-700-normal.woff2") format("woff2"); font-weight: 700; }}
@font-face {{ font-family: "Noto Sans Lao"; src: url("course/assets/fonts/noto-sans-lao-lao-400-normal.woff2") format("woff2"); font-weight: 400; }}
@font-face {{ font-family: "Noto Sans Lao"; src: url("course/assets/fonts/noto-sans-lao-lao-700-normal.woff2") format("woff2"); font-weight: 700; }}
body {{ font-family: "Noto Sans", "Noto Sans Lao", sans-serif; margin: 0; background: #fbf8f4; color: #212121; }}
main {{ max-width: 40rem; margin: 3rem auto; padding: 0 1.2rem; }}
h1 {{ color: #5d4037; font-size: 1.7rem; line-height: 1.6; }}
:lang(lo) {{ line-height: 1.9; }}
a.choice {{ display: block; margin: 1rem 0; padding: 1.1rem 1.4rem; border: 2px solid #5d4037; border-radius: .5rem;
           background: #fff; color: #3e2723; text-decoration: none; font-size: 1.3rem; font-weight: 700; }}
a.choice:hover, a.choice:focus {{ background: #efebe9; outline: 3px solid #f9a825; }}
a.choice span {{ display: block; font-size: .95rem; font-weight: 400; color: #5d4037; }}
p.small {{ font-size: .95rem; color: #4e342e; }}
</style>
</head>
<body>
<main>
<h1>Our Coffee Co-op <br><span lang="lo">ສະຫະກອນກາເຟຂອງພວກເຮົາ</span></h1>
<a class="choice" href="course/index.html">English
  <span>Open the course in English</span></a>
<a class="choice" href="course/lo/index.html" lang="lo">ພາສາລາວ
  <span>ເປີດຫຼັກສູດເປັນພາສາລາວ</span></a>
<p class="small">Works without internet. Keep this file next to the <code>course</code> folder.
Version {version}, {date}.</p>
<p class="small" lang="lo">ໃຊ້ໄດ້ໂດຍບໍ່ຕ້ອງມີອິນເຕີເນັດ. ໃຫ້ໄຟລ໌ນີ້ຢູ່ຄຽງຂ້າງໂຟນເດີ <code>course</code>.</p>
</main>
</body>
</html>
"""

HOW_TO_OPEN = """OUR COFFEE CO-OP - offline copy (version {version}, {date})
==========================================================

1. Copy the whole folder (or unzip the zip file) onto the computer. Keep everything together.
2. Double-click START-HERE.html. It opens in your web browser (Chrome, Edge or Firefox).
3. Choose English or Lao.

No internet is needed: reading, search and the simulations all work from this folder.
The first time a simulation starts on a page, Python takes a few seconds to get ready.
Your answers and numbers are saved in this browser on this computer. To move them to another
computer, use "{export_en}" on a page with a simulation, and "{import_en}" on the other
computer.
Phones: many phone browsers cannot open local files. Use a laptop, or the course website.


ສະຫະກອນກາເຟຂອງພວກເຮົາ - ສະບັບໃຊ້ໂດຍບໍ່ມີອິນເຕີເນັດ (ສະບັບ {version}, {date})
==========================================================

1. ສຳເນົາທັງໂຟນເດີ (ຫຼື ແຕກໄຟລ໌ zip) ໃສ່ຄອມພິວເຕີ. ໃຫ້ທຸກຢ່າງຢູ່ນຳກັນ.
2. ກົດສອງເທື່ອໃສ່ START-HERE.html. ມັນຈະເປີດໃນໂປຣແກຣມທ່ອງເວັບ (Chrome, Edge ຫຼື Firefox).
3. ເລືອກພາສາອັງກິດ ຫຼື ພາສາລາວ.

ບໍ່ຕ້ອງໃຊ້ອິນເຕີເນັດ: ການອ່ານ ການຊອກຫາ ແລະ ການຈຳລອງ ໃຊ້ໄດ້ທັງໝົດຈາກໂຟນເດີນີ້.
ຄັ້ງທຳອິດທີ່ເລີ່ມການຈຳລອງໃນໜ້າໃດໜຶ່ງ ໄພທອນຕ້ອງໃຊ້ເວລາສອງສາມວິນາທີເພື່ອກຽມພ້ອມ.
ຄຳຕອບ ແລະ ຕົວເລກຂອງທ່ານ ຖືກບັນທຶກໄວ້ໃນໂປຣແກຣມທ່ອງເວັບນີ້ ໃນຄອມພິວເຕີເຄື່ອງນີ້. ເພື່ອຍ້າຍໄປຄອມພິວເຕີອື່ນ
ໃຫ້ກົດ "{export_lo}" ຢູ່ໜ້າທີ່ມີການຈຳລອງ ແລະ ກົດ "{import_lo}" ຢູ່ຄອມພິວເຕີອີກເຄື່ອງໜຶ່ງ.
ໂທລະສັບ: ໂປຣແກຣມທ່ອງເວັບໃນໂທລະສັບຫຼາຍອັນ ເປີດໄຟລ໌ໃນເຄື່ອງບໍ່ໄດ້. ໃຫ້ໃຊ້ຄອມພິວເຕີ ຫຼື ເວັບໄຊຂອງຫຼັກສູດ.
"""


def how_to_open(version: str, date: str) -> str:
    """The plain-text guide, naming the progress buttons exactly as the pages do (same catalog)."""
    from exercises.core.api import ui_strings

    en, lo = ui_strings("en"), ui_strings("lo")
    return HOW_TO_OPEN.format(version=version, date=date, export_en=en["progress_export"], import_en=en["progress_import"],
                              export_lo=lo["progress_export"], import_lo=lo["progress_import"])


def build_zip(site: Path, out: Path, version: str, date: str) -> Path:
    if not (site / "index.html").exists():
        raise SystemExit(f"{site}/index.html not found: run `make build` first")
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"our-coffee-coop-{version}-{date}.zip"
    for old in out.glob("our-coffee-coop-*.zip"):
        old.unlink()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("START-HERE.html", START_HERE.format(version=version, date=date))
        archive.writestr("HOW-TO-OPEN.txt", how_to_open(version, date).replace("\n", "\r\n"))
        for path in sorted(site.rglob("*")):
            relative = path.relative_to(site).as_posix()
            if not path.is_file() or path.name.endswith(".gz"):
                continue
            if relative.startswith("pdf/") and is_book(relative[len("pdf/"):]) and path.suffix == ".pdf":
                continue
            if path.suffix == ".html":
                html = path.read_text(encoding="utf-8")
                lang = "lo" if re.search(r'<html[^>]*\blang="lo', html) else "en"
                archive.writestr(f"course/{relative}", offline(html, lang))
            elif relative == "pdf/pdfs.json":
                listed = json.loads(path.read_text(encoding="utf-8"))
                listed["files"] = {name: info for name, info in listed["files"].items() if not is_book(name)}
                archive.writestr(f"course/{relative}", json.dumps(listed, indent=1) + "\n")
            else:
                archive.write(path, f"course/{relative}")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description="Make the offline USB copy.")
    parser.add_argument("--version", required=True)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--out", default=str(ROOT / "dist"))
    parser.add_argument("--date", default=os.environ.get("SOURCE_DATE") or dt.date.today().isoformat())
    args = parser.parse_args()
    target = build_zip(Path(args.site), Path(args.out), args.version, args.date)
    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: {target.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
