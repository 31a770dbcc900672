"""The rater's window: queue, case and answer panes, checklist, scores, shortcuts."""
