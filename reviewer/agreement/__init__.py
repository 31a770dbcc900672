"""Study-level agreement analysis over the store (service layer; the statistics live in
:mod:`reviewer.stats`). Entry point: :func:`analyze_study` -> :class:`StudyAgreement`."""

from reviewer.agreement.results import ESTIMATE_COLUMNS, JudgeAgreement, StudyAgreement
from reviewer.agreement.service import AnalysisCancelled, analyze_study

__all__ = ["ESTIMATE_COLUMNS", "AnalysisCancelled", "JudgeAgreement", "StudyAgreement", "analyze_study"]
