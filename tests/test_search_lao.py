"""Search that finds Lao words, online and on the USB copy.

Build time: the Lao text of the search index is split into words with ICU (icu4py) and U+200B between
them (coopsite/segment.py). Query time: Chromium's Intl.Segmenter (ICU too) splits the learner's query the
same way (frontend/src/search-lao.js), and both sides join the same project terms back together.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from conftest import wait_for

from coopsite.segment import RUN as LAO_RUN
from coopsite.segment import ZWSP, join_terms, segment, terms, words

LAO_WORD = re.compile(r"[\u0E80-\u0EFF]+")
INDEXED_RUN = re.compile(r"[\u0E80-\u0EFF\u200b]+")  # a Lao phrase as the index holds it


def lao_docs(site_dir: Path) -> list[dict]:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [doc for doc in index["docs"] if doc["location"].startswith("lo/")]


def page_of(location: str) -> str:
    return location.split("#", maxsplit=1)[0]


# ---- Build side -----------------------------------------------------------------------------------


def test_icu_splits_lao_and_keeps_project_terms_whole():
    assert words("ສະຫະກອນກາເຟແມ່ນອົງການຈັດຕັ້ງຂອງຊາວກະສິກອນ") == (
        "ສະຫະກອນ",
        "ກາເຟ",
        "ແມ່ນ",
        "ອົງການ",
        "ຈັດຕັ້ງ",
        "ຂອງ",
        "ຊາວ",
        "ກະສິກອນ",
    )
    assert words("ໂປຣແກຣມໄພທອນ") == ("ໂປຣແກຣມ", "ໄພທອນ")  # ICU alone: ໂປຣ|ແກຣມ|ໄພ|ທອນ
    assert join_terms(["ກອງ", "ປະຊຸມ", "ໃຫຍ່"], {"ກອງປະຊຸມໃຫຍ່", "ກອງປະຊຸມ"}) == ["ກອງປະຊຸມໃຫຍ່"]
    assert segment("Noy ນ້ອຍ ຂາຍກາເຟ 2,500 ກີບ") == f"Noy ນ້ອຍ ຂາຍ{ZWSP}ກາເຟ 2,500 ກີບ"


def test_glossary_terms_stay_whole_in_the_index(site_dir):
    glossary_terms = [t for t in terms() if len(t) > 3]
    text = " ".join(doc["text"] for doc in lao_docs(site_dir))
    tokens = set(re.split(r"[\s\u200b]+", text))
    found = [t for t in glossary_terms if t in text.replace(ZWSP, "")]
    kept = [t for t in found if t in tokens]
    assert len(found) > 100 and len(kept) / len(found) > 0.9, [t for t in found if t not in tokens][:20]


def test_lao_index_text_is_split_with_zero_width_spaces(site_dir):
    docs = lao_docs(site_dir)
    assert docs
    runs = [run for doc in docs for run in LAO_RUN.findall(doc["text"].replace(ZWSP, "|"))]
    assert sum(len(r) for r in runs) > 10_000
    long_runs = [word for doc in docs for word in LAO_RUN.findall(doc["text"]) if len(word) > 25]
    assert len(long_runs) < 0.01 * len(runs), long_runs[:10]  # no whole phrases left unsplit


# ---- Browser side ---------------------------------------------------------------------------------


def sample_words(site_dir: Path, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(word, page) pairs taken from the middle of Lao sentences on built Lao pages."""
    rng = random.Random(seed)
    pairs = []
    for doc in lao_docs(site_dir):
        for run in INDEXED_RUN.findall(doc["text"]):
            parts = run.split(ZWSP)
            if len(parts) >= 5:
                middle = parts[1:-1]
                pairs += [(word, page_of(doc["location"])) for word in middle if len(word) >= 3]
    rng.shuffle(pairs)
    unique, seen = [], set()
    for word, page in pairs:
        if word not in seen:
            seen.add(word)
            unique.append((word, page))
    return unique[:count]


SEARCH = """async (queries) => {
    const worker = window.__coopSearchWorker;
    const out = [];
    for (const q of queries) {
        const result = await new Promise(resolve => {
            const listen = ev => { if (ev.data && ev.data.type === 3) { worker.removeEventListener('message', listen); resolve(ev.data.data) } };
            worker.addEventListener('message', listen);
            worker.postMessage({type: 2, data: q});
        });
        out.push(result.items.flat().map(d => d.location.split('#')[0]));
    }
    return out;
}"""


def ready_search(browser_context, root, path="lo/index.html?q=%E0%BA%81"):
    context, watch = browser_context(root)
    page = context.new_page()
    page.goto(root + path)  # ?q= opens search, so its index loads (on file:// it waits for that)
    wait_for(
        page,
        "window.__coopSearchWorker && document.querySelector('.md-search-result__meta') && "
        "!document.querySelector('.md-search-result__meta').textContent.includes('ກຽມ')",
        timeout=30,
    )
    return page, watch


@pytest.mark.browser
@pytest.mark.slow
def test_query_side_splits_like_the_build(browser_context, http_root, site_dir):
    """A query typed without spaces is split into the very words ICU wrote into the index.

    (Chromium's own Intl.Segmenter splits about a fifth of these runs differently — ກວດ|ສອບ for
    ICU's ກວດສອບ — so the query side matches the index's own vocabulary; this proves it agrees.)
    """
    page, _watch = ready_search(browser_context, http_root)
    runs = sorted({run for doc in lao_docs(site_dir) for run in LAO_RUN.findall(doc["text"].replace(ZWSP, ""))})
    runs += list(terms())
    browser = page.evaluate("async runs => Promise.all(runs.map(r => window.__coopSegmentLao(r)))", runs)
    build = [" ".join(words(run)) for run in runs]
    differ = [(run, b, c) for run, b, c in zip(runs, build, browser, strict=False) if b != c]
    glossary_differ = [d for d in differ if d[0] in set(terms())]
    assert glossary_differ == [], glossary_differ[:10]
    assert len(differ) / len(runs) < 0.01, differ[:10]


@pytest.mark.browser
@pytest.mark.slow
def test_lao_search(browser_context, origin, site_dir):
    _scheme, root = origin
    page, watch = ready_search(browser_context, root)

    # A word from the middle of a Lao sentence finds its page.
    sentence_word, its_page = "ອົງປະຊຸມ", None
    for doc in lao_docs(site_dir):
        for run in INDEXED_RUN.findall(doc["text"]):
            parts = run.split(ZWSP)
            if sentence_word in parts[1:-1]:
                its_page = page_of(doc["location"])
    assert its_page, "the sample word should be in the middle of a sentence somewhere"

    # Two Lao words typed without a space: ສະຫະກອນ (co-operative) + ກາເຟ (coffee).
    two_words = "ສະຫະກອນກາເຟ"
    results = page.evaluate(SEARCH, [sentence_word, two_words, "ລາຄາໜ້າສວນ", "advance"])
    assert its_page in results[0]
    assert results[1] and any(loc.startswith("lo/") for loc in results[1])
    assert results[2] and all(loc.startswith("lo/") for loc in results[2][:3])
    assert results[3] and not results[3][0].startswith("lo/")  # English search unchanged

    # A query typed in the search box: results in Lao, readable snippets without zero-width spaces.
    page.fill(".md-search__input", "ລາຄາໜ້າສວນ")
    page.press(".md-search__input", "End")
    wait_for(page, "document.querySelectorAll('.md-search-result__item').length > 0", timeout=15)
    meta = page.inner_text(".md-search-result__meta")
    assert re.search(r"[\u0E80-\u0EFF]", meta), meta
    snippets = page.evaluate("[...document.querySelectorAll('.md-search-result__article')].map(a => a.innerHTML)")
    assert snippets and not any(ZWSP in s for s in snippets)
    assert any("<mark" in s for s in snippets)
    assert page.get_attribute(".md-search__input", "placeholder") == "ຊອກຫາ"
    assert watch.blocked == [] and watch.console_errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_words_sampled_from_lao_pages_find_their_page(browser_context, origin, site_dir):
    """Not hand-picked: 150 words from the middle of Lao sentences; at least 95 % find their page."""
    _scheme, root = origin
    page, watch = ready_search(browser_context, root)
    sample = sample_words(site_dir, 150)
    results = page.evaluate(SEARCH, [word for word, _ in sample])
    found = [page_name in locations for (_, page_name), locations in zip(sample, results, strict=False)]
    missed = [word for (word, _), ok in zip(sample, found, strict=False) if not ok]
    assert sum(found) / len(found) >= 0.95, f"{sum(found)}/{len(found)} found; missed: {missed[:20]}"
    assert watch.blocked == [] and watch.console_errors == []
