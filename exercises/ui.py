"""Words the page's JavaScript shows around the exercises, as message ids (translated per page).

The keys are what ``frontend/src/runtime.js`` asks for; the values go through the same gettext
catalog as every exercise message, so the Lao page shows Lao buttons and Lao error messages.
"""

from .core.i18n import N_

UI: dict[str, str] = {
    "loading": N_("Getting Python ready (only the first time on this page)…"),
    "loading_bytes": N_("Downloading Python: {done} of {total} MB"),
    "starting": N_("Starting Python…"),
    "ready": N_("Python is ready."),
    "running": N_("Working it out…"),
    "updated": N_("Results updated."),
    "stopped": N_("Stopped. Python is starting again; your numbers and code are kept."),
    "timeout": N_("Stopped after {seconds} seconds: the code may be stuck in a loop that never ends. Python is starting again; your numbers and code are kept."),
    "crashed": N_("Python stopped unexpectedly (maybe the code used too much memory or went too deep). It is starting again; your numbers and code are kept."),
    "load_failed": N_("Python could not be started: {reason}. The results shown are for the default numbers."),
    "load_timeout": N_("Python took too long to start. Check that the whole course folder was copied, then try again."),
    "retry": N_("Try again"),
    "fix_fields": N_("Some numbers need fixing; the results below are for the last numbers that worked."),
    "restored": N_("Your saved numbers from last time are back."),
    "code_loading": N_("Opening the code editor…"),
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
    "progress_corrupt": N_("Saved progress on this computer could not be read, so it was put aside in a backup and a fresh record was started."),
    "progress_migrated": N_("Saved progress from an older version of the course was updated."),
    "progress_unavailable": N_("This browser does not let the page save progress; use “Save progress to a file” before you close it."),
    "checking": N_("Checking…"),
    "done_badge": N_("All questions answered"),
    # Session pages: the edition switch (screen and print) and the printable PDFs
    "edition": N_("Edition"),
    "edition_learner": N_("Learner worksheet"),
    "edition_trainer": N_("Trainer edition"),
    "download_pdf": N_("Download for printing"),
    "print_page": N_("Print this page"),
}

#: Words of the site-wide page script (frontend/src/app.js) and the blocks the build adds for it:
#: the update prompt, "Keep this course on this phone", "Start here" and the "My progress" page.
SITE: dict[str, str] = {
    "update_ready": N_("A new version of the course is ready."),
    "update_reload": N_("Reload"),
    "start_here": N_("Start here: {session}"),
    "keep_title": N_("Use the course without internet"),
    "keep_pages_wait": N_("Getting the pages ready for use without internet…"),
    "keep_pages_ready": N_("The pages and the search of the course in this language are on this phone: you can read them without internet."),
    "keep_python": N_("The simulations (Python)"),
    "keep_pdf": N_("The printable PDFs"),
    "keep_size": N_("{size} MB to download"),
    "keep_kept": N_("kept on this phone ({size} MB)"),
    "keep_button": N_("Keep this course on this phone"),
    "keep_choose": N_("Tick what you want to keep first."),
    "keep_downloading": N_("Downloading: {percent}%. Please stay on this page until it is done."),
    "keep_done": N_("Done. What is ticked works on this phone without internet. It uses {size} MB of space."),
    "keep_no_space": N_("This phone does not have enough free space for this: it needs {need} MB and has about {free} MB free for this website. Delete some photos, videos or apps you do not need, then try again."),
    "keep_full": N_("The phone ran out of space. Delete some photos, videos or apps you do not need, then try again. What was already downloaded is kept."),
    "keep_stopped": N_("The download stopped: maybe the internet was cut. What was already downloaded is kept; press the button again to go on."),
    "keep_may_be_removed": N_("This browser may remove the kept files if the phone runs short of space."),
    "keep_remove": N_("Remove from this phone"),
    "keep_removed": N_("Removed. The pages and the search stay on this phone; the simulations and the PDFs need internet again."),
    "keep_unsupported": N_("This browser cannot keep the course for use without internet. Use Chrome, or the USB copy."),
    "progress_summary": N_("Simulations done: {done} of {total}."),
    "progress_questions": N_("Questions answered right: {done} of {total}"),
    "progress_done": N_("done"),
    "progress_not_started": N_("not started"),
    "progress_no_simulation": N_("No simulation in this session."),
    "offline_text": N_("There is no internet, and this page is not on this phone yet. The pages of the language you read are kept on the phone after your first visit; open this one again when you have internet."),
    "offline_home": N_("Go to the home page"),
    "progress_needs_js": N_("This list shows what you have done once JavaScript is on."),
}
