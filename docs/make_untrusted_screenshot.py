"""Render an answer full of hostile markup into docs/screenshots/untrusted_content.png.

    QT_QPA_PLATFORM=offscreen python docs/make_untrusted_screenshot.py [--out docs/screenshots]

Builds the demo study in a temporary database (as ``make_screenshots.py`` does), then rewrites the
first answer in the rater's queue, its case title and its first criterion with raw HTML, a script,
and ``file:``, ``javascript:`` and ``https`` links, to show that the panes and labels display them
as text (``reviewer/gui/safe_text.py``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_screenshots import RATER, prepare  # noqa: E402
from shots import finish, workspace  # noqa: E402

ANSWER = """**Take aspirin** only if <b>no allergy</b> is known.

<script>alert("stolen")</script>
<img src="file:///etc/hostname">

- Read [the local file](file:///etc/passwd) (inert)
- Run [a script](javascript:alert(1)) (inert)
- See [the guideline](https://example.org/guideline) (opens in the system browser)
"""


def hostile(db: Path, response_id: int) -> None:
    from sqlalchemy import select

    from reviewer.store import open_store
    from reviewer.store.models import Case, ChecklistVersion, Criterion, Response

    store = open_store(db)
    with store.begin() as s:
        response = s.get(Response, response_id)
        response.text = ANSWER
        case = s.get(Case, response.case_id)
        case.title = "<i>x</i> <u>Chest pain</u> at night"
        first = s.scalar(select(Criterion).join(ChecklistVersion).where(ChecklistVersion.case_id == case.id)
                         .order_by(ChecklistVersion.version.desc(), Criterion.position).limit(1))
        first.text = "<i>x</i> Advises <b>urgent</b> care"
    store.close()


def main() -> int:
    out, _tmp, db, _args = workspace(__doc__)
    prepare(db)

    from reviewer.gui.app import build_window, make_app, save_screenshot

    app = make_app("en")

    def window():  # noqa: ANN202
        w = build_window(str(db), rater=RATER, interactive=False)
        w.persist_settings = False
        w.resize(1600, 960)
        w.show()
        app.processEvents()
        return w

    w = window()
    first = w.model.ids()[0]
    w.close()
    hostile(db, first)
    w = window()
    w.select_row(0)
    app.processEvents()
    path = save_screenshot(w, out / "untrusted_content.png")
    finish([path])


if __name__ == "__main__":
    raise SystemExit(main())
