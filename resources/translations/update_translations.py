"""Refresh the Simplified Chinese catalogue: extract strings from reviewer/gui (pyside6-lupdate),
fill them from zh_CN.json, compile the .qm (pyside6-lrelease). Run from the repository root:

    python resources/translations/update_translations.py

Strings missing from zh_CN.json are listed and stay untranslated (Qt then shows the English).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    return found


# lupdate names the context of ``w.tr("...")`` after the variable (``w``), but at run time Qt looks
# the string up under the class of the object: these helper modules call ``tr`` on the main window.
VARIABLE_CONTEXTS = {"w": "MainWindow", "window": "MainWindow", "parent": "MainWindow"}


def runtime_contexts(root: ET.Element) -> None:
    """Move messages filed under a variable's name into the context Qt uses at run time."""
    by_name = {c.findtext("name"): c for c in root.findall("context")}
    for variable, cls in VARIABLE_CONTEXTS.items():
        source = by_name.get(variable)
        if source is None:
            continue
        target = by_name.get(cls)
        if target is None:
            source.find("name").text = cls
            by_name[cls] = source
            continue
        known = {m.findtext("source") for m in target.findall("message")}
        for message in source.findall("message"):
            if message.findtext("source") not in known:
                target.append(message)
        root.remove(source)


def main() -> int:
    ts = HERE / "reviewer_zh_CN.ts"
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "reviewer" / "gui").rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)], cwd=ROOT, check=True)
    table = json.loads((HERE / "zh_CN.json").read_text("utf-8"))
    tree = ET.parse(ts)
    root = tree.getroot()
    root.set("language", "zh_CN")
    runtime_contexts(root)
    missing = []
    for message in root.iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        if source in table:
            translation.text = table[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(HERE / "reviewer_zh_CN.qm")], check=True)
    for source in missing:
        print(f"untranslated: {source!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
