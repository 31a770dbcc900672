"""Judge prompt templates: built-in Jinja2 files, their headers, hashes, and versions in the store.

A template is a Jinja2 text that starts with a header in a Jinja comment::

    {#- reviewer-template
    name: healthbench
    version: 1
    kind: criterion          (criterion | score | rubric)
    language: en
    description: ...
    -#}

The built-in ones live in ``resources/judge_prompts/*.j2``. A template is registered in the
``prompt_template`` table the first time it is used, with the SHA-256 of its full text, so every
judge run can name exactly the text it used. Editing makes a new version (never an overwrite) that
points at its parent and records who changed it and why. Templates render in Jinja's sandbox,
because coordinators edit them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer.errors import InputError, NotFoundError
from reviewer.paths import resource_path
from reviewer.store.models import PromptTemplate

KINDS = ("criterion", "score", "rubric")
BUILTIN_NAMES = ("healthbench", "llmeval-med", "prometheus")
_HEADER_RE = re.compile(r"\A\{#-?\s*reviewer-template\s*\n(?P<body>.*?)\n\s*-?#\}\n?", re.S)


@dataclass(frozen=True)
class TemplateInfo:
    """A template as the app and CLI show it (a plain value, never a live ORM row)."""

    name: str
    version: int
    kind: str
    language: str
    description: str
    content_hash: str
    builtin: bool
    author: str = ""
    reason: str = ""
    parent_version: int | None = None
    registered: bool = False


def content_hash(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def parse_header(content: str, *, source: str = "template") -> dict[str, str]:
    """The ``key: value`` fields of the header comment (InputError if it is missing or lacks a field)."""
    match = _HEADER_RE.match(content)
    if match is None:
        raise InputError("no '{#- reviewer-template ... -#}' header at the top", file=source)
    fields: dict[str, str] = {}
    for number, line in enumerate(match.group("body").splitlines(), start=2):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise InputError(f"header line is not 'key: value': {line.strip()!r}", file=source, line=number)
        fields[key.strip()] = value.strip()
    for key in ("name", "kind"):
        if key not in fields:
            raise InputError(f"header has no {key!r} field", file=source)
    if fields["kind"] not in KINDS:
        raise InputError(f"kind must be one of {', '.join(KINDS)}, not {fields['kind']!r}", file=source)
    return fields


def set_header_field(content: str, key: str, value: str) -> str:
    """*content* with header field *key* set to *value* (added at the end of the header if absent)."""
    match = _HEADER_RE.match(content)
    if match is None:
        return content
    lines = match.group("body").splitlines()
    for i, line in enumerate(lines):
        if line.partition(":")[0].strip() == key:
            lines[i] = f"{key}: {value}"
            break
    else:
        lines.append(f"{key}: {value}")
    body_start, body_end = match.span("body")
    return content[:body_start] + "\n".join(lines) + content[body_end:]


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(keep_trailing_newline=True, autoescape=False)


def check_syntax(content: str, *, source: str = "template") -> None:
    try:
        _environment().parse(content)
    except TemplateSyntaxError as exc:
        raise InputError(f"Jinja2 syntax error: {exc.message}", file=source, line=exc.lineno) from exc


@lru_cache(maxsize=32)
def _compiled(content: str) -> Any:
    return _environment().from_string(content)


def render(content: str, context: dict[str, Any]) -> str:
    """Render a template text with *context* (sandboxed); surrounding blank lines are trimmed."""
    return _compiled(content).render(**context).strip() + "\n"


def template_dir() -> Path:
    """The folder of the built-in templates (``resources/judge_prompts``)."""
    return resource_path("judge_prompts")


def builtin_path(name: str) -> Path:
    return template_dir() / f"{name}.j2"


def builtin_content(name: str) -> str:
    path = builtin_path(name)
    if not path.is_file():
        raise NotFoundError(f"no built-in judge template {name!r} (looked for {path})")
    return path.read_text(encoding="utf-8")


def builtin_templates() -> list[TemplateInfo]:
    """The built-in templates found in ``resources/judge_prompts``."""
    out = []
    for path in sorted(template_dir().glob("*.j2")):
        content = path.read_text(encoding="utf-8")
        head = parse_header(content, source=str(path))
        out.append(TemplateInfo(name=head["name"], version=int(head.get("version", 1)), kind=head["kind"],
                                language=head.get("language", ""), description=head.get("description", ""),
                                content_hash=content_hash(content), builtin=True))
    return out


def _latest_row(session: Session, name: str) -> PromptTemplate | None:
    return session.scalar(select(PromptTemplate).where(PromptTemplate.name == name)
                          .order_by(PromptTemplate.version.desc()).limit(1))


def register_builtin(session: Session, name: str) -> PromptTemplate | None:
    """Make sure the built-in text of *name* has a row; return it (None if no such built-in)."""
    if not builtin_path(name).is_file():
        return None
    content = builtin_content(name)
    digest = content_hash(content)
    row = session.scalar(select(PromptTemplate).where(PromptTemplate.name == name,
                                                      PromptTemplate.content_hash == digest))
    if row is not None:
        return row
    head = parse_header(content, source=str(builtin_path(name)))
    version = int(head.get("version", 1))
    taken = session.scalar(select(func.max(PromptTemplate.version)).where(PromptTemplate.name == name))
    if taken is not None and version <= taken:
        version = taken + 1
    row = PromptTemplate(name=name, version=version, kind=head["kind"], content=content, content_hash=digest,
                         author="built-in", reason="built-in template")
    session.add(row)
    session.flush()
    return row


def parse_template_ref(ref: str) -> tuple[str, int | None]:
    """``"healthbench"`` or ``"healthbench@2"`` -> (name, version or None)."""
    name, sep, version = ref.partition("@")
    if not sep:
        return ref, None
    if not version.isdigit():
        raise InputError(f"template version must be a number: {ref!r}")
    return name, int(version)


def get_template(session: Session, name: str, version: int | None = None) -> PromptTemplate:
    """The stored template *name* at *version* (default: the latest); built-ins are registered first."""
    name, ref_version = parse_template_ref(name)
    version = version if version is not None else ref_version
    register_builtin(session, name)
    query = select(PromptTemplate).where(PromptTemplate.name == name)
    if version is not None:
        row = session.scalar(query.where(PromptTemplate.version == version))
    else:
        row = _latest_row(session, name)
    if row is None:
        known = ", ".join(sorted({t.name for t in list_templates(session)}))
        what = f"{name!r} version {version}" if version is not None else repr(name)
        raise NotFoundError(f"no judge template {what} (known: {known})")
    return row


def save_template_version(session: Session, name: str, content: str, author: str, reason: str) -> PromptTemplate:
    """Store an edited copy of template *name* as its next version (parent = the latest version).

    The header's ``name`` and ``version`` fields are rewritten to match; the kind comes from the
    header (or the parent when the header has none). Unchanged text is refused.
    """
    if not author.strip():
        raise InputError("an edited template needs an author")
    register_builtin(session, name)
    parent = _latest_row(session, name)
    if _HEADER_RE.match(content) is None:
        kind = parent.kind if parent is not None else "criterion"
        content = f"{{#- reviewer-template\nname: {name}\nversion: 1\nkind: {kind}\n-#}}\n" + content
    head = parse_header(content, source=f"template {name}")
    version = (parent.version + 1) if parent is not None else 1
    content = set_header_field(set_header_field(content, "name", name), "version", str(version))
    check_syntax(content, source=f"template {name}")
    digest = content_hash(content)
    if parent is not None and content_hash(set_header_field(content, "version", str(parent.version))) \
            == parent.content_hash:
        raise InputError("the edited template is the same as the latest version", item=name)
    row = PromptTemplate(name=name, version=version, kind=head["kind"], content=content, content_hash=digest,
                         parent_id=parent.id if parent is not None else None, author=author, reason=reason)
    session.add(row)
    session.flush()
    return row


def info_from_row(session: Session, row: PromptTemplate) -> TemplateInfo:
    head = parse_header(row.content, source=f"template {row.name}")
    parent_version = None
    if row.parent_id is not None:
        parent = session.get(PromptTemplate, row.parent_id)
        parent_version = parent.version if parent is not None else None
    return TemplateInfo(name=row.name, version=row.version, kind=row.kind, language=head.get("language", ""),
                        description=head.get("description", ""), content_hash=row.content_hash,
                        builtin=row.author == "built-in", author=row.author, reason=row.reason,
                        parent_version=parent_version, registered=True)


def list_templates(session: Session) -> list[TemplateInfo]:
    """Every stored version plus any built-in text not yet registered, by name then version."""
    rows = session.scalars(select(PromptTemplate).order_by(PromptTemplate.name, PromptTemplate.version)).all()
    infos = [info_from_row(session, r) for r in rows]
    stored = {(r.name, r.content_hash) for r in rows}
    infos += [b for b in builtin_templates() if (b.name, b.content_hash) not in stored]
    return sorted(infos, key=lambda t: (t.name, t.version, t.registered))
