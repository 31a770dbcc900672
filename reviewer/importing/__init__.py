"""Importers: benchmark files and outside results into a study, one transaction per file.

Each importer is ``import_xxx(store_or_session, path, *, study=None, ...) -> ImportReport``.
They check the whole file before writing, so a bad line names the file, line and problem
(:class:`reviewer.errors.InputError`) and leaves the database as it was. Re-importing a file
adds nothing: cases, responses and labels are matched by their external ids and content hashes.
"""

from __future__ import annotations

from reviewer.importing.common import ImportReport
from reviewer.importing.healthbench import import_healthbench
from reviewer.importing.healthbench_meta import import_healthbench_meta
from reviewer.importing.llmeval_med import import_llmeval_med
from reviewer.importing.ratings import import_ratings
from reviewer.importing.responses import import_responses
from reviewer.importing.verdicts import import_verdicts

# CLI name -> importer
IMPORTERS = {
    "healthbench": import_healthbench,
    "healthbench-meta": import_healthbench_meta,
    "llmeval-med": import_llmeval_med,
    "ratings": import_ratings,
    "responses": import_responses,
    "verdicts": import_verdicts,
}

__all__ = ["IMPORTERS", "ImportReport", "import_healthbench", "import_healthbench_meta", "import_llmeval_med",
           "import_ratings", "import_responses", "import_verdicts"]
