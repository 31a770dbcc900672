"""Parse LLMEval-Med's free-text checklists into tiered criteria (pure helper: no database).

A checklist is a "核心需求" (core) block and a "次要需求" (secondary) block, each a numbered
list. Real variants handled (all seen in the public question set):

- headings with or without a Chinese ordinal and colon: ``核心需求：``, ``一、核心需求``,
  ``二、次要需求：``;
- numbering ``1.``, ``1、``, ``1．``, with or without a space, and repeated numbers (two ``4.``
  items are two criteria: keys follow the order, not the printed number);
- a requirement label before the text: ``内容要求：``, ``格式要求：``, ``内容要求①：`` ... is taken off the
  text and kept as the tag ``requirement:<label>``;
- a block whose only content is ``无`` (none) has no criteria;
- an un-numbered paragraph directly under a heading is one criterion tagged ``unnumbered``;
  an un-numbered line after a numbered item continues that item.

Keys are ``core-1``, ``core-2``, ..., ``secondary-1``, ... in order within each tier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CORE = "core"
SECONDARY = "secondary"

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]\s*)?(核心需求|次要需求)\s*[：:]?\s*(.*)$")
_NUMBERED = re.compile(r"^(\d+)\s*[.．、]\s*(.*)$")
_LABEL = re.compile(r"^([^\s：:，,。]{1,8}要求)\s*[①-⑳]?\s*[：:]\s*(.+)$", re.S)
_NONE = {"无", "无。", "暂无", "无要求"}
_TIERS = {"核心需求": CORE, "次要需求": SECONDARY}


@dataclass
class ChecklistItem:
    tier: str
    key: str
    text: str
    number: int | None  # the printed number; None for an un-numbered paragraph
    tags: list[str] = field(default_factory=list)


def parse_checklist(text: str) -> list[ChecklistItem]:
    """The criteria of one checklist, in order (see the module docstring for the rules)."""
    raw: list[tuple[str, int | None, list[str]]] = []  # (tier, number, lines)
    tier = CORE
    block_has_items = False
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading:
            tier = _TIERS[heading.group(1)]
            block_has_items = False
            rest = heading.group(2).strip()
            if rest and rest not in _NONE:
                raw.append((tier, None, [rest]))
                block_has_items = True
            continue
        numbered = _NUMBERED.match(line)
        if numbered:
            raw.append((tier, int(numbered.group(1)), [numbered.group(2).strip()]))
            block_has_items = True
        elif line in _NONE and not block_has_items:
            continue
        elif block_has_items and raw:
            raw[-1][2].append(line)
        else:
            raw.append((tier, None, [line]))
            block_has_items = True
    items: list[ChecklistItem] = []
    counters = {CORE: 0, SECONDARY: 0}
    for item_tier, number, lines in raw:
        body = "\n".join(lines).strip()
        tags: list[str] = []
        label = _LABEL.match(body)
        if label:
            tags.append(f"requirement:{label.group(1)}")
            body = label.group(2).strip()
        if number is None:
            tags.append("unnumbered")
        counters[item_tier] += 1
        items.append(ChecklistItem(item_tier, f"{item_tier}-{counters[item_tier]}", body, number, tags))
    return items
