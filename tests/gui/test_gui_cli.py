"""``reviewer gui/demo --screenshot`` from the command line, start-up without torch, translations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from tests.support.rating import make_study

ROOT = Path(__file__).resolve().parents[2]
RUN = ("import sys; from reviewer.cli.main import main; rc = main(sys.argv[1:]); "
       "assert 'torch' not in sys.modules, 'torch imported'; sys.exit(rc)")


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    return subprocess.run([sys.executable, "-c", RUN, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_gui_screenshot_writes_png(qtbot, store, db_path, tmp_path, capsys):
    from reviewer.cli.main import main
    from tests.support.gui import isolate_settings

    isolate_settings(tmp_path / "settings")
    make_study(store)
    store.close()
    png = tmp_path / "shot.png"
    assert main(["--db", str(db_path), "gui", "--rater", "alice", "--screenshot", str(png)]) == 0
    assert "wrote" in capsys.readouterr().out
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1600, 960)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 19)}
    assert len(colours) > 8, "the screenshot is (nearly) one flat colour"


def test_demo_builds_and_screenshots_in_chinese_without_torch(tmp_path):
    png = tmp_path / "demo.png"
    db = tmp_path / "demo.db"
    proc = _run(["--db", str(db), "demo", "--screenshot", str(png), "--language", "zh_CN"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert QImage(str(png)).width() == 1600
    assert db.exists()


def test_chinese_catalogue_translates_ui_strings(qtbot):
    from PySide6.QtCore import QCoreApplication

    from reviewer.gui.i18n import install_translator, remove_translators

    app = QCoreApplication.instance()
    translator = install_translator(app, "zh_CN")
    try:
        assert translator is not None
        assert QCoreApplication.translate("QueuePanel", "Work queue") == "待评列表"
        assert QCoreApplication.translate("Shortcuts", "Next response") == "下一个回答"
    finally:
        remove_translators(app, translator)
    assert QCoreApplication.translate("QueuePanel", "Work queue") == "Work queue"
