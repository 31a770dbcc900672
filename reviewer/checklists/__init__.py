"""The checklist life cycle: immutable versions and edits (:mod:`.versions`), export to the
benchmarks' formats (:mod:`.export`), triage of the criteria raters and judges disagree on
(:mod:`.triage`) and the refinement loop: re-judge, compare versions (:mod:`.refinement`).

Public names load on first use (PEP 562).
"""

from reviewer import lazy_exports

__getattr__ = lazy_exports(__name__, ["versions", "export", "triage", "refinement"])
