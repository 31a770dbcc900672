"""reviewer: a desktop workbench in which physicians rate LLM answers against rubric checklists."""

__version__ = "0.1.0"
