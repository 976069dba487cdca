"""The words of the site around the exercises, as gettext messages of the ``site`` domain.

English message ids marked with ``N_``, translated with ``site(lang)``, from
coopsite/locale/<lang>/LC_MESSAGES/site.po (``python scripts/catalogs.py update`` collects them; a
test checks every language has them all). Used at build time only: the page runtime gets its words
as JSON in the page (``ui_strings``), the PDFs and the USB copy get theirs when they are made.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from exercises.core.i18n import N_, Translator, translator

__all__ = [
    "APP",
    "BOOK",
    "FEEDBACK",
    "KIT_STEPS",
    "LOCALE_DIR",
    "NOT_FOUND",
    "PARTS",
    "PRINT",
    "START",
    "UI",
    "WORDS",
    "WORKSHEET",
    "site",
    "ui_strings",
]

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


@cache
def site(lang: str) -> Translator:
    """The translator of the site's words for language ``lang``."""
    return translator(lang, "site", LOCALE_DIR)


def ui_strings(lang: str) -> dict[str, str]:
    """The words the page's JavaScript shows (loading, stopping, progress files …), translated."""
    t = site(lang)
    return {key: t(message) for key, message in UI.items()}


#: Words the page's JavaScript shows around the exercises; the keys are what frontend/src asks for.
UI: dict[str, str] = {
    "loading": N_("Getting Python ready (only the first time on this page)…"),
    "loading_bytes": N_("Downloading Python: {done} of {total} MB"),
    "starting": N_("Starting Python…"),
    "ready": N_("Python is ready."),
    "running": N_("Working it out…"),
    "stopped": N_("Stopped. Python is starting again; your numbers and code are kept."),
    "timeout": N_(
        "Stopped after {seconds} seconds: the code may be stuck in a loop that never ends. Python is starting again; your numbers and code are kept."
    ),
    "crashed": N_(
        "Python stopped unexpectedly (maybe the code used too much memory or went too deep). It is starting again; your numbers and code are kept."
    ),
    "load_failed": N_("Python could not be started: {reason}. The results shown are for the default numbers."),
    "load_timeout": N_("Python took too long to start. Check that the whole course folder was copied, then try again."),
    "retry": N_("Try again"),
    "python_size": N_(
        "Python for the simulations: {size} MB, downloaded once. Until then, the results shown are for the default numbers."
    ),
    "python_start": N_("Download and start Python"),
    "download_failed": N_(
        "The download of Python was cut off. Your numbers and code are kept; try again when the connection is back."
    ),
    "fix_fields": N_("Some numbers need fixing; the results below are for the last numbers that worked."),
    "restored": N_("Your saved numbers from last time are back."),
    "code_loading": N_("Opening the code editor…"),
    "code_failed": N_("The code could not be opened. Your numbers are kept; try again when the connection is back."),
    "code_restored": N_("Your edited code from last time is back."),
    "code_reset": N_("The code is back to the original."),
    "code_ran": N_("Your code ran. The results below use it."),
    "code_note": N_("Results use your edited code."),
    "output_truncated": N_("Only the first part of the printed output is shown."),
    "editor_label": N_("Python code of the model. Press Escape, then Tab, to leave the editor."),
    "progress_title": N_("Your progress"),
    "progress_export": N_("Save progress to a file"),
    "progress_import": N_("Load progress from a file"),
    "progress_exported": N_("Progress saved to a file."),
    "progress_imported": N_("Progress loaded from the file."),
    "progress_bad_file": N_("This file is not a progress file from this course; nothing was changed."),
    "progress_corrupt": N_(
        "Saved progress on this computer could not be read, so it was put aside in a backup and a fresh record was started."
    ),
    "progress_migrated": N_("Saved progress from an older version of the course was updated."),
    "progress_unavailable": N_(
        "This browser does not let the page save progress; use “Save progress to a file” before you close it."
    ),
    "checking": N_("Checking…"),
    "done_badge": N_("All questions answered"),
    # Session pages: the edition switch (screen and print) and the printable PDFs
    "edition": N_("Edition"),
    "edition_learner": N_("Learner worksheet"),
    "edition_trainer": N_("Trainer edition"),
    "download_pdf": N_("Download for printing"),
    "print_page": N_("Print this page"),
}


#: Words of the site-wide page script (frontend/src/app.js) and of the blocks the build adds for it
#: (coopsite/webapp.py, coopsite/learning_path.py): the update prompt, "Keep this course on this phone",
#: "Start here", the "My progress" page, the web app's short name and the page shown offline.
APP: dict[str, str] = {
    "short_name": N_("Coffee Co-op"),
    "update_ready": N_("A new version of the course is ready."),
    "update_reload": N_("Reload"),
    "start_here": N_("Start here: {session}"),
    "keep_title": N_("Use the course without internet"),
    "keep_pages_wait": N_("Getting the pages ready for use without internet…"),
    "keep_pages_ready": N_(
        "The pages and the search of the course in this language are on this phone: you can read them without internet."
    ),
    "keep_python": N_("The simulations (Python)"),
    "keep_pdf": N_("The printable PDFs"),
    "keep_size": N_("{size} MB to download"),
    "keep_kept": N_("kept on this phone ({size} MB)"),
    "keep_button": N_("Keep this course on this phone"),
    "keep_choose": N_("Tick what you want to keep first."),
    "keep_downloading": N_("Downloading: {percent}%. Please stay on this page until it is done."),
    "keep_done": N_("Done. What is ticked works on this phone without internet. It uses {size} MB of space."),
    "keep_no_space": N_(
        "This phone does not have enough free space for this: it needs {need} MB and has about {free} MB free for "
        "this website. Delete some photos, videos or apps you do not need, then try again."
    ),
    "keep_full": N_(
        "The phone ran out of space. Delete some photos, videos or apps you do not need, then try again. What was "
        "already downloaded is kept."
    ),
    "keep_stopped": N_(
        "The download stopped: maybe the internet was cut. What was already downloaded is kept; press the button "
        "again to go on."
    ),
    "keep_may_be_removed": N_("This browser may remove the kept files if the phone runs short of space."),
    "keep_remove": N_("Remove from this phone"),
    "keep_removed": N_(
        "Removed. The pages and the search stay on this phone; the simulations and the PDFs need internet again."
    ),
    "keep_unsupported": N_(
        "This browser cannot keep the course for use without internet. Use Chrome, or the USB copy."
    ),
    "progress_summary": N_("Simulations done: {done} of {total}."),
    "progress_questions": N_("Questions answered right: {done} of {total}"),
    "progress_done": N_("done"),
    "progress_not_started": N_("not started"),
    "progress_no_simulation": N_("No simulation in this session."),
    "progress_needs_js": N_("This list shows what you have done once JavaScript is on."),
    "offline_title": N_("No internet"),
    "offline_text": N_(
        "There is no internet, and this page is not on this phone yet. The pages of the language you read are kept "
        "on the phone after your first visit; open this one again when you have internet."
    ),
    "offline_home": N_("Go to the home page"),
}

#: The glossary and the references pages (coopsite/content.py).
WORDS: dict[str, str] = {
    "term": N_("Term"),
    "meaning": N_("Meaning"),
    "caption": N_("Glossary of co-operative and coffee terms"),
    "used": N_("Used for:"),
    "related": N_("See also:"),
}

#: The printable parts: the docs folder of each area, then "course" for the whole course (coopsite/editions.py).
PARTS: dict[str, str] = {
    "key-concepts": N_("Key concepts"),
    "conception": N_("Conception"),
    "establishment": N_("Establishment"),
    "management": N_("Management"),
    "course": N_("The whole course"),
}

#: The title page and contents of a PDF book (scripts/make_pdf.py).
BOOK: dict[str, str] = {
    "course": N_("Our Coffee Co-op"),
    "contents": N_("Contents"),
    "learner": N_("Learner worksheets"),
    "trainer": N_("Trainer edition (with facilitator notes and answers)"),
    "note": N_(
        "An independent adaptation inspired by the ILO's Our.COOP approach; not an ILO publication. "
        "Course text CC BY-SA 4.0."
    ),
    "version": N_("Version"),
}

#: Printed files: the links to them on the pages, their footers, kits and forms (coopsite/editions.py,
#: coopsite/handouts.py, coopsite/templates/).
PRINT: dict[str, str] = {
    "trainer_mark": N_("Trainer edition: with answers"),
    "download": N_("Download for printing, {edition} (PDF):"),
    "this_session": N_("This session"),
    "this_part": N_("This part: {part}"),
    "kit": N_("Group kit: cards to cut out (PDF)"),
    "forms": N_("Blank forms to print (PDF):"),
    "pages": N_("{n} pages"),
    "one_page": N_("1 page"),
    "session": N_("Session"),
    "part": N_("Part"),
    "form": N_("Form"),
    "coop_name": N_("Co-operative"),
    "books_online": N_(
        "The books of a whole part and of the whole course are on the course's website; this offline copy has "
        "every session, group kit and form."
    ),
    "kit_title": N_("Group kit"),
    "cut": N_("Cut along the dashed lines"),
}

#: What every group kit says first, each step with its icon (coopsite/handouts.py; a kit may add its own).
KIT_STEPS: dict[str, str] = {
    "mdi:content-cut": N_("Cut out the cards along the grey lines. Keep each set in an envelope."),
    "coop:read": N_("The reader reads each card aloud, so that everybody knows it, also those who read little."),
}

#: "Suggest a better wording" at the end of every translated page (coopsite/lao_feedback.py). The
#: issue's labels stay bilingual: the maintainers read the English, the reader the page's language.
FEEDBACK: dict[str, str] = {
    "link": N_("Suggest a better wording in this language"),
    "online": N_("Say which sentence, and how you would say it"),
    "offline": N_(
        "Write this page's name (“{title}”), the sentence and the words you would use on paper, and give it "
        "to the facilitator, or send it to {address} when you have internet"
    ),
    "page": N_("Page"),
    "sentence": N_("Sentence"),
    "better": N_("Better wording"),
}

#: START-HERE.html and HOW-TO-OPEN.txt of the USB copy (scripts/make_usb.py), in every language.
START: dict[str, str] = {
    "start_here": N_("start here"),
    "open": N_("Open the course in this language"),
    "works_offline": N_("Works without internet. Keep this file next to the course folder."),
    "offline_copy": N_("offline copy"),
    "version": N_("Version {version}, {date}"),
    "step_copy": N_("Copy the whole folder (or unzip the zip file) onto the computer. Keep everything together."),
    "step_open": N_("Double-click START-HERE.html. It opens in your web browser (Chrome, Edge or Firefox)."),
    "step_choose": N_("Choose your language."),
    "no_internet": N_("No internet is needed: reading, search and the simulations all work from this folder."),
    "first_time": N_("The first time a simulation starts on a page, Python takes a few seconds to get ready."),
    "saved": N_(
        "Your answers and numbers are saved in this browser on this computer. To move them to another "
        "computer, use “{export}” on a page with a simulation, and “{load}” on the other computer."
    ),
    "phones": N_("Phones: many phone browsers cannot open local files. Use a laptop, or the course website."),
}

#: A month and its year: "March 2027"; alone, without "{year}", on a calendar.
_MONTHS = (
    N_("January {year}"),
    N_("February {year}"),
    N_("March {year}"),
    N_("April {year}"),
    N_("May {year}"),
    N_("June {year}"),
    N_("July {year}"),
    N_("August {year}"),
    N_("September {year}"),
    N_("October {year}"),
    N_("November {year}"),
    N_("December {year}"),
)
_SHORT_MONTHS = (
    # TRANSLATORS: a month in a narrow column of a calendar (Lao: its name without ເດືອນ)
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)

#: The worksheets (coopsite/worksheets.py) and their page script (frontend/src/worksheets.js).
WORKSHEET: dict[str, str] = {
    "numbered": N_("Worksheet {n}: {title}"),
    "guidance": N_("For the trainer"),
    "filled_in": N_("Filled in during the session:"),
    "needs_js": N_(
        "To type into this worksheet on screen, turn on JavaScript. You can also print it and write on the paper."
    ),
    "yes": N_("Yes"),
    "no": N_("No"),
    "row": N_("row {n}"),
    "row_number": N_("Row"),
    "remove": N_("Remove"),
    "remove_row": N_("Remove row {n}"),
    "add_row": N_("Add a row"),
    "rows_full": N_("This table has room for {max} rows."),
    "row_removed": N_("Row {n} was removed."),
    "sim_default": N_("The simulation's starting number, until your group changes it in the session:"),
    "sim_yours": N_("The number your group entered in the simulation of the session:"),
    "calendar_row": N_("Action"),
    "calendar_empty": N_("Write actions with their months in the table above: they show here month by month."),
    "harvest": N_("Coffee harvest months"),
    "decided_title": N_("What we decided"),
    "decided_what": N_("What did the group decide in this session?"),
    "decided_next": N_("Who does what next, and by when?"),
    "decisions_title": N_("What we decided in each session"),
    "too_long": N_(
        "This is {over} characters too long (at most {max}). Please make it shorter; what you typed is kept."
    ),
    "not_number": N_("Enter a number, for example 2,500."),
    "decimal_comma": N_("Use a point for decimals, for example 1.5."),
    "whole_number": N_("Enter a whole number, without decimals."),
    "decimals": N_("Use at most {n} decimals."),
    "too_small": N_("At least {min}."),
    "too_big": N_("At most {max}."),
    "bad_month": N_("Write the month as year-month, for example 2027-03."),
    "bad_date": N_("Write the day as year-month-day, for example 2027-03-15."),
    "saved": N_("Saved on this computer."),
    "not_saved": N_("This browser does not let the page save; use “Save progress to a file” before you close it."),
    "restored": N_("What your group wrote last time is back."),
    **{key: UI[key] for key in UI if key.startswith("progress_")},  # the saved record and its file
    **{f"month_{n}": name for n, name in enumerate(_MONTHS, 1)},
    **{f"month_short_{n}": name for n, name in enumerate(_SHORT_MONTHS, 1)},
}

#: The page a web server shows for an address that is not in the course (overrides/404.html), in each language.
NOT_FOUND: dict[str, str] = {
    "title": N_("Page not found"),
    "text": N_("This address is not a page of the course. It may be mistyped, or the page has moved."),
    "home": N_("Go to the course's first page"),
}
