"""Search as a reader gets it: one language at a time, loaded when search is opened, and Lao found
however the reader cuts it (online and on the USB copy).

The queries are sampled from the rendered Lao pages — the text Chromium shows (trainer edition, so
the facilitator notes count too) cut by Chromium's own word breaker (``Intl.Segmenter``) — never
from the index under test. Each sampled text is on at most three pages, so "finds its page" means
something. See ARCHITECTURE.md, "Search", for how the index is cut and what was measured.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import wait_for

from coopsite.assets import served
from coopsite.chromium import CHROMIUM, FLAGS
from coopsite.search import DOCS_VARIABLE, FILES_KEY, index_path, language_of, separate_cells
from exercises.core.languages import DEFAULT, LANGUAGES

SPACELESS = next(language for language in LANGUAGES if language.spaceless)  # Lao
SYLLABLE = re.compile(SPACELESS.syllable)
LETTERS = re.compile(f"^[{SPACELESS.spaceless}]+$")
EDITION = "try { localStorage.setItem('ourcoffeecoop/edition', 'trainer') } catch (e) {}"  # frontend/src/edition.js
LESSON = "key-concepts/kc3-sell-alone-or-pool.html"
SEED = 15


def syllables(run: str) -> list[str]:
    return SYLLABLE.findall(run)


def read_docs(site_dir: Path, code: str) -> list[dict]:
    text = (site_dir / index_path(site_dir, code)).read_text(encoding="utf-8")
    prefix = f"var {DOCS_VARIABLE} = "
    assert text.startswith(prefix)
    return json.loads(text[len(prefix) :].rstrip().rstrip(";"))


# ---- Build side -----------------------------------------------------------------------------------


def test_syllables_by_lao_spelling():
    cases = {
        "ສະຫະກອນກາເຟ": "ສະ|ຫະ|ກອນ|ກາ|ເຟ",
        "ຄຳນິຍາມ": "ຄຳ|ນິ|ຍາມ",
        "ເອົາໃຈໃສ່": "ເອົາ|ໃຈ|ໃສ່",
        "ໂປຣແກຣມໄພທອນ": "ໂປຣ|ແກຣມ|ໄພ|ທອນ",
        "ຄວາມໝາຍ": "ຄວາມ|ໝາຍ",
        "ຊາວສວນ": "ຊາວ|ສວນ",
        "ເຄື່ອງເວລາ": "ເຄື່ອງ|ເວ|ລາ",
        "ຫຼາຍຫວັງ": "ຫຼາຍ|ຫວັງ",
        "ກະສິກອນ": "ກະ|ສິ|ກອນ",
        "ການອອກ": "ການ|ອອກ",
        "ກິໂລກຣາມ": "ກິ|ໂລ|ກຣາມ",
        "ເລືອກຕັ້ງ": "ເລືອກ|ຕັ້ງ",
        "ບົວແລ້ວ": "ບົວ|ແລ້ວ",
        "ເຫຼົ້າຮຽນຮູ້": "ເຫຼົ້າ|ຮຽນ|ຮູ້",
        "ຕໍ່ຍອດ": "ຕໍ່|ຍອດ",
        "ທີ່ອອກສຽງ": "ທີ່|ອອກ|ສຽງ",
        "ໄຟລ໌": "ໄຟລ໌",
        "໒໕໐໐ກີບ": "໒໕໐໐|ກີບ",
    }
    assert {run: "|".join(syllables(run)) for run in cases} == cases
    for run in cases:
        assert "".join(syllables(run)) == run


def test_one_index_per_language_and_settings_only_on_every_page(site_dir):
    for name in ("search_index.json", "search_index.js"):
        text = (site_dir / "search" / name).read_text(encoding="utf-8")
        assert len(text) < 1000, name  # what every page reads: settings, no documents
        settings = json.loads(text.split("=", 1)[1] if name.endswith(".js") else text)
        assert settings["docs"] == [] and "separator" in settings["config"]
    for code, file in settings["config"][FILES_KEY].items():  # named by a hash of their content
        data = (site_dir / file).read_bytes()
        assert file == f"search/index.{code}.{hashlib.sha256(data).hexdigest()[:16]}.js", file
    named = {f"search/{path.name}" for path in (site_dir / "search").glob("index.*.js")}
    assert named == set(settings["config"][FILES_KEY].values())  # no documents file of an earlier pass
    pages = {language.code: set() for language in LANGUAGES}
    for language in LANGUAGES:
        docs = read_docs(site_dir, language.code)
        assert docs, language.code
        for doc in docs:
            assert language_of(doc["location"]) == language.code, doc["location"]
            assert "\u200b" not in doc["title"] + doc["text"]
            pages[language.code].add(doc["location"].split("#")[0])
    for language in LANGUAGES:  # every page of the site is in its language's index
        folder = site_dir if language.default else site_dir / language.code
        built = {
            p.relative_to(site_dir).as_posix()
            for p in folder.rglob("*.html")
            if language_of(p.relative_to(site_dir).as_posix()) == language.code and p.name != "404.html"
        }
        assert built - pages[language.code] <= {"offline.html"}, sorted(built - pages[language.code])[:5]


def test_syllables_agree_with_icus_words(site_dir):
    """Where ICU's dictionary (icu4py, the ICU Chromium also uses) ends a word inside a Lao run of the index,
    a syllable ends too, nearly always."""
    from icu4py.breakers import WordBreaker
    from icu4py.locale import Locale

    runs = {
        run
        for doc in read_docs(site_dir, SPACELESS.code)
        for run in re.findall(f"[{SPACELESS.spaceless}]+", doc["title"] + " " + doc["text"])
    }
    boundaries = inside = 0
    for run in runs:
        ends, at = set(), 0
        for piece in syllables(run):
            at += len(piece)
            ends.add(at)
        at = 0
        for word in [w for w in WordBreaker(run, Locale(SPACELESS.segmenter)) if w][:-1]:
            at += len(word)
            boundaries += 1
            inside += at not in ends
    assert boundaries > 10_000 and inside / boundaries < 0.005, (inside, boundaries)


def test_table_cells_are_words_apart():
    assert separate_cells("<tr><td>ລວມ</td><td>pool</td></tr><tr><th>a</th></tr>") == (
        "<tr><td>ລວມ</td> <td>pool</td></tr> <tr><th>a</th></tr>"
    )


# ---- What the reader sees: the sample ---------------------------------------------------------------


@dataclass
class Query:
    kind: str  # word, run (two words without a space), fragment (part of a compound)
    text: str
    page: str  # the page it was taken from
    pages: list[str]  # every page that shows it


@dataclass
class Rendered:
    texts: dict[str, str]  # page -> text as shown (trainer edition)
    words: dict[str, list[tuple[str, int, bool]]]  # page -> Intl.Segmenter segments (segment, index, isWordLike)


READ = """language => {
    const article = document.querySelector('article.md-content__inner') || document.querySelector('article');
    const text = article.innerText;
    const words = [...new Intl.Segmenter(language, {granularity: 'word'}).segment(text)];
    return {text, words: words.map(s => [s.segment, s.index, !!s.isWordLike])};
}"""


@pytest.fixture(scope="session")
def rendered(playwright_instance, http_root, site_dir) -> Rendered:
    """Every page of the spaceless language, as Chromium shows it and cuts it into words."""
    pages = sorted(
        p.relative_to(site_dir).as_posix()
        for p in (site_dir / SPACELESS.code).rglob("*.html")
        if p.name != "404.html" and "offline" not in p.name
    )
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
    try:
        context = browser.new_context()
        context.add_init_script(EDITION)
        tab = context.new_page()
        texts, words = {}, {}
        for page in pages:
            tab.goto(http_root + page)
            found = tab.evaluate(READ, SPACELESS.segmenter)
            texts[page], words[page] = found["text"], [tuple(w) for w in found["words"]]
    finally:
        browser.close()
    return Rendered(texts, words)


@pytest.fixture(scope="session")
def queries(rendered: Rendered) -> list[Query]:
    """Seeded samples of words, two-word runs and parts of compounds, each shown on 1 to 3 pages."""
    words, runs, fragments = {}, {}, {}
    for page, segments in rendered.words.items():
        for i, (segment, index, wordlike) in enumerate(segments):
            if not (wordlike and LETTERS.match(segment)):
                continue
            words.setdefault(segment, page)
            if i + 1 < len(segments):
                after, at, wordlike_after = segments[i + 1]
                if wordlike_after and LETTERS.match(after) and at == index + len(segment):
                    runs.setdefault(segment + after, page)
            parts = syllables(segment)
            for a in range(len(parts)):
                for b in range(a + 2, len(parts) + 1):
                    if b - a < len(parts):
                        fragments.setdefault("".join(parts[a:b]), page)

    def draw(kind: str, found: dict[str, str], count: int) -> list[Query]:
        keys = sorted(text for text in found if len(text) >= 2)
        random.Random(f"{SEED}-{kind}").shuffle(keys)
        out = []
        for text in keys:
            pages = [page for page, shown in rendered.texts.items() if text in shown]
            if 1 <= len(pages) <= 3:
                out.append(Query(kind, text, found[text], pages))
            if len(out) == count:
                break
        return out

    return draw("word", words, 200) + draw("run", runs, 200) + draw("fragment", fragments, 200)


def test_syllables_agree_with_the_browsers_words(rendered):
    """Where Chromium ends a word inside a Lao run, a syllable ends too — nearly always: a word breaker's
    dictionary sometimes cuts inside a syllable (ດາວໂຫຼ|ດ), and the query side allows for that."""
    boundaries = inside = 0
    for page, text in rendered.texts.items():
        ends, runs = set(), []
        for match in re.finditer(f"[{SPACELESS.spaceless}]+", text):
            runs.append((match.start(), match.end()))
            at = match.start()
            for piece in syllables(match.group(0)):
                at += len(piece)
                ends.add(at)
        for _segment, index, _wordlike in rendered.words[page]:
            if any(start < index < end for start, end in runs):
                boundaries += 1
                inside += index not in ends
    assert boundaries > 5000 and inside / boundaries < 0.005, (inside, boundaries)


# ---- Browser side -----------------------------------------------------------------------------------

SEARCH = """async queries => {
    const worker = window.__coopSearchWorker;
    const out = [];
    for (const q of queries) {
        const result = await new Promise(resolve => {
            const listen = ev => { if (ev.data && ev.data.type === 3) { worker.removeEventListener('message', listen); resolve(ev.data.data) } };
            worker.addEventListener('message', listen);
            worker.postMessage({type: 2, data: q});
        });
        out.push(result.items.map(group => group[0].location.split('#')[0]));
    }
    return out;
}"""
META = "document.querySelector('.md-search-result__meta').textContent.trim()"


def open_search(page) -> None:
    """Open search as a reader on a phone does, and wait until its index is ready ("Initializing" is gone)."""
    initializing = page.evaluate(META)
    page.click("label.md-header__button[for=__search]")
    wait_for(page, f"{META} !== {json.dumps(initializing)}", timeout=30)


def phone(browser_context, root):
    context, watch = browser_context(root, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    context.add_init_script(EDITION)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return page, watch, requests


def search_files(requests: list[str]) -> list[str]:
    return sorted(
        {url.split("?")[0].rsplit("/", 1)[1] for url in requests if "/search" in url or "search-worker" in url}
    )


@pytest.mark.browser
@pytest.mark.slow
def test_lao_words_runs_and_parts_find_their_pages(browser_context, origin, rendered, queries):
    _scheme, root = origin
    kinds = {kind: [q for q in queries if q.kind == kind] for kind in ("word", "run", "fragment")}
    assert len(kinds["word"]) >= 150 and len(kinds["run"]) >= 150 and len(kinds["fragment"]) >= 50, {
        k: len(v) for k, v in kinds.items()
    }
    page, watch, _requests = phone(browser_context, root)
    page.goto(root + f"{SPACELESS.code}/index.html")
    open_search(page)
    results = dict(zip([q.text for q in queries], page.evaluate(SEARCH, [q.text for q in queries]), strict=True))

    def rate(kind: str) -> tuple[float, list[str]]:
        missed = [q.text for q in kinds[kind] if q.page not in results[q.text]]
        return 1 - len(missed) / len(kinds[kind]), missed

    for kind, needed in (("word", 0.97), ("run", 0.95), ("fragment", 0.90)):
        found, missed = rate(kind)
        print(f"{kind}: {found:.1%} of {len(kinds[kind])} find their page")  # shown with pytest -s
        assert found >= needed, f"{kind}: {found:.1%} find their page; missed {missed[:15]}"
    top = [(q.text, page_) for q in queries for page_ in results[q.text][:5]]
    holding = [text in rendered.texts.get(page_, "") for text, page_ in top]
    print(f"top five hold the text: {sum(holding) / len(holding):.1%}")
    assert sum(holding) / len(holding) >= 0.95, [t for t, ok in zip(top, holding, strict=True) if not ok][:10]
    first = [bool(results[q.text]) and q.text in rendered.texts.get(results[q.text][0], "") for q in queries]
    print(f"first result holds the text: {sum(first) / len(first):.1%}")
    assert sum(first) / len(first) >= 0.97  # the page that holds the typed text comes first
    others = [p for found in results.values() for p in found if language_of(p) != SPACELESS.code]
    assert others == []  # a Lao reader's results are Lao pages: no English page above (or below) them
    assert watch.blocked == [] and watch.console_errors == []


def documents_file(site_dir: Path, code: str) -> str:
    """The name of a language's search documents (search/index.<code>.<hash>.js)."""
    return index_path(site_dir, code).rsplit("/", 1)[1]


@pytest.mark.browser
@pytest.mark.slow
def test_search_loads_when_opened_and_highlights_on_the_page(browser_context, origin, queries, site_dir):
    _scheme, root = origin
    fragment = next(q for q in queries if q.kind == "fragment" and len(q.pages) == 1)
    page, watch, requests = phone(browser_context, root)
    page.goto(root + f"{SPACELESS.code}/{LESSON}")
    page.wait_for_timeout(500)
    assert search_files(requests) == ["search_index.js" if root.startswith("file:") else "search_index.json"]

    # Opened: the worker and this language's documents only. Text pasted (no key pressed) searches.
    open_search(page)
    # (by their hashed names)
    worker = [served("coop/search-worker.js").rsplit("/", 1)[1], documents_file(site_dir, SPACELESS.code)]
    assert set(worker) <= set(search_files(requests))
    assert documents_file(site_dir, DEFAULT.code) not in search_files(requests)
    page.keyboard.insert_text(fragment.text)
    wait_for(page, "document.querySelectorAll('.md-search-result__item').length > 0", timeout=15)
    snippets = page.eval_on_selector_all(".md-search-result__article", "els => els.map(e => e.innerHTML)")
    assert any(f"<mark>{fragment.text}</mark>" in s for s in snippets), snippets[:3]
    assert re.search(f"[{SPACELESS.spaceless}]", page.inner_text(".md-search-result__meta"))

    # An input method: the text arrives when the composition ends.
    page.fill(".md-search__input", "")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": fragment.text[:1], "selectionStart": 1, "selectionEnd": 1})
    cdp.send("Input.insertText", {"text": fragment.text})
    wait_for(
        page, f"document.querySelector('.md-search-result__item a[href*=\"{fragment.page.rsplit('/', 1)[1]}\"]')", 15
    )

    # The result's link carries the text; the page marks it where the reader can see it.
    page.click(f'.md-search-result__item a[href*="{fragment.page.rsplit("/", 1)[1]}"]')
    page.wait_for_load_state("load")
    assert parse_qs(urlparse(page.url).query)["h"] == [fragment.text]
    marks = wait_for(
        page,
        "[...document.querySelectorAll('mark[data-md-highlight]')].filter(m => m.offsetHeight).map(m => m.textContent)",
        timeout=15,
    )
    assert fragment.text in marks
    assert watch.blocked == [] and watch.console_errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_english_search_finds_english_pages_only(browser_context, origin, site_dir):
    _scheme, root = origin
    page, watch, requests = phone(browser_context, root)
    page.goto(root + LESSON)
    open_search(page)
    page.keyboard.insert_text("side-selling")
    wait_for(page, "document.querySelectorAll('.md-search-result__item').length > 0", timeout=15)
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    locations = [link.split(root, 1)[1].split("?")[0] for link in links]
    assert locations and all(language_of(loc) == DEFAULT.code for loc in locations), locations
    assert documents_file(site_dir, SPACELESS.code) not in search_files(requests)
    assert watch.blocked == [] and watch.console_errors == []
