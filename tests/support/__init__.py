"""Test support shared by tests, benchmarks and the screenshot scripts (not shipped)."""
