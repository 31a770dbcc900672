"""Studies and the people in them: lookup (:mod:`.lookup`), assignment design
(:mod:`.assignment`), blind letters (:mod:`.blinding`), the audit log (:mod:`.audit`), the bundled
demo study (:mod:`.demo`), long-format exports (:mod:`.exports`) and the raters' guidelines
(:mod:`.guidelines`).

Public names load on first use (PEP 562).
"""

from reviewer import lazy_exports

__getattr__ = lazy_exports(__name__, ["lookup", "assignment", "blinding", "audit", "demo", "exports",
                                         "guidelines", "overview"])
