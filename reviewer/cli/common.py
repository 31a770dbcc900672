"""Helpers shared by command modules: opening the store, picking the study, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.errors import NotFoundError
from reviewer.store import Store, open_store
from reviewer.store.models import Study

DEFAULT_STUDY = "default"


def store_from_args(args: argparse.Namespace) -> Store:
    return open_store(getattr(args, "db", None))


def add_study_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--study", default=None,
                        help="study name (default: the only study, or 'default')")


def get_study(session: Session, name: str | None, *, create: bool = False) -> Study:
    """The study called *name*; with no name, the only study in the database (or 'default')."""
    if name is None:
        studies = session.scalars(select(Study).order_by(Study.id)).all()
        if len(studies) == 1:
            return studies[0]
        if len(studies) > 1:
            names = ", ".join(s.name for s in studies)
            raise NotFoundError(f"several studies in this database ({names}): name one with --study")
        name = DEFAULT_STUDY
    study = session.scalar(select(Study).where(Study.name == name))
    if study is None:
        if not create:
            raise NotFoundError(f"no study named {name!r} in this database")
        study = Study(name=name)
        session.add(study)
        session.flush()
    return study


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
