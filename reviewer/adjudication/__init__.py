"""Adjudication (issue 18): a study ends in a reference set.

* :mod:`.queue` -- the items where physicians disagree (or flagged the answer for safety), ranked
  as Triage ranks criteria, with every rater's answer, comment, feedback and evidence, blinded to
  model names;
* :mod:`.decisions` -- gold labels and consensus scores: :func:`~.decisions.record_gold` /
  :func:`~.decisions.record_consensus` (a person's decision, with a reason, audited) and
  :func:`~.decisions.auto_majority` (a strict majority with a quorum; never over a person);
* :mod:`.export` -- the adjudicated set as rows (``reviewer export gold``);
* :mod:`.operations` -- the same for the Adjudicate view, one transaction per call.

Public names load on first use (PEP 562).
"""

from reviewer import lazy_exports

__getattr__ = lazy_exports(__name__, ["queue", "decisions", "export", "operations"])
