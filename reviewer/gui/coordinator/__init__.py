"""The coordinator's tools: the Coordinator menu, jobs, generate/judge dialogs, Agreement and Triage."""
