"""Team server access: one PostgreSQL login role per physician, limited by grants and row-level
security to what a blinded rater may see (``access.py``; design in docs/TEAM_ACCESS.md)."""

from reviewer.team.access import TeamMember, grant_rater, list_members, revoke_rater, role_name_for

__all__ = ["TeamMember", "grant_rater", "list_members", "revoke_rater", "role_name_for"]
