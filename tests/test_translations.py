"""The Simplified Chinese catalogue: every string of the app is translated, and every translation
keeps the source's format placeholders in the same order (a swapped %d/%s would crash the app)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "resources" / "translations"
PLACEHOLDER = re.compile(r"%(?:\d+|[sdfi]|L\d)")


def test_placeholders_match_in_order() -> None:
    table = json.loads((HERE / "zh_CN.json").read_text("utf-8"))
    bad = {src: dst for src, dst in table.items() if PLACEHOLDER.findall(src) != PLACEHOLDER.findall(dst)}
    assert bad == {}


def test_catalogue_is_complete_and_compiled() -> None:
    root = ET.parse(HERE / "reviewer_zh_CN.ts").getroot()
    untranslated = [m.find("source").text for m in root.iter("message")
                    if not (m.find("translation").text or "").strip()]
    assert untranslated == []
    assert (HERE / "reviewer_zh_CN.qm").stat().st_size > 10_000
