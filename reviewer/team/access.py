"""PostgreSQL roles and row-level security that keep a physician's own connection blinded.

``grant_rater`` makes (or updates) a login role for one rater and makes it a member of the group
role ``reviewer_physician``. What that group may do is installed, idempotently, in the study
database by :func:`install` (every ``grant_rater`` runs it again, so a re-run after an upgrade
repairs it):

- read every row of ``study``, ``rating_scheme``, ``case``, ``checklist_version``, ``criterion``
  and ``alembic_version``;
- read only the blind columns of ``response`` (:data:`RESPONSE_COLUMNS`: no model, run, settings
  or tokens), and only the responses assigned to the rater;
- read only its own ``rater`` row and ``assignment`` rows;
- read and write only its own ``rating``, ``criterion_rating``, ``evidence`` and ``feedback`` rows (a rating
  only for an assigned response), and read and add ``audit_event`` rows only about its own ratings;
- nothing else: no ``model``, ``generation_run``, ``judge_run``, ``judge_verdict``, templates,
  merges, packs, gold labels or consensus scores, other raters' rows.

The rater a session stands for is looked up from ``session_user`` in ``reviewer_team.member``
(readable only by the coordinator) by the security-definer function ``reviewer_team.rater_of()``.
Every policy reads ``NOT <a physician> OR <own rows>``, so the coordinator (the table owner, whom
row-level security does not apply to) and any other non-physician role are unaffected. The
design and its limits: docs/TEAM_ACCESS.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from reviewer.errors import InputError, NotFoundError, ReviewerError
from reviewer.store import Store

SCHEMA = "reviewer_team"
GROUP = "reviewer_physician"

#: the response columns a physician may read (no model_id, generation_run_id, settings, seed,
#: tokens, latency, device, external_id or content_hash)
RESPONSE_COLUMNS = ("id", "uid", "created_at", "updated_at", "case_id", "sample_index", "text", "blind_label")

#: tables read whole, every row
READ_ALL = ("study", "rating_scheme", "case", "checklist_version", "criterion", "alembic_version")

_IS_PHYSICIAN = f"(SELECT pg_has_role(current_user, '{GROUP}', 'MEMBER'))"
_ME = f"(SELECT {SCHEMA}.rater_of())"
_MY_RESPONSES = f"(SELECT a.response_id FROM assignment a WHERE a.rater_id = {_ME})"
_MY_RATINGS = f"(SELECT r.id FROM rating r WHERE r.rater_id = {_ME})"

#: table -> (privileges, rows it may see, rows it may write)
OWN_ROWS: dict[str, tuple[str, str, str | None]] = {
    "rater": ("SELECT", f"id = {_ME}", None),
    "assignment": ("SELECT", f"rater_id = {_ME}", None),
    "response": ("SELECT ({})".format(", ".join(RESPONSE_COLUMNS)), f"id IN {_MY_RESPONSES}", None),
    "rating": ("SELECT, INSERT, UPDATE", f"rater_id = {_ME}",
               f"rater_id = {_ME} AND response_id IN {_MY_RESPONSES}"),
    "criterion_rating": ("SELECT, INSERT, UPDATE, DELETE", f"rating_id IN {_MY_RATINGS}",
                         f"rating_id IN {_MY_RATINGS}"),
    "evidence": ("SELECT, INSERT, UPDATE, DELETE", f"rating_id IN {_MY_RATINGS}", f"rating_id IN {_MY_RATINGS}"),
    "feedback": ("SELECT, INSERT, UPDATE, DELETE", f"rater_id = {_ME}",
                 f"rater_id = {_ME} AND (response_id IS NULL OR response_id IN {_MY_RESPONSES})"),
    "audit_event": ("SELECT, INSERT",
                    f"entity_type = 'rating' AND entity_uid IN (SELECT r.uid FROM rating r WHERE r.rater_id = {_ME})",
                    f"entity_type = 'rating' AND action IN ('rating.submit', 'rating.edit_submitted') "
                    f"AND entity_uid IN (SELECT r.uid FROM rating r WHERE r.rater_id = {_ME})"),
}

#: tables a physician adds rows to (their id sequences need USAGE)
WRITTEN = ("rating", "criterion_rating", "evidence", "feedback", "audit_event")

_ROLE_OK = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_VERIFIER = re.compile(r"^(SCRAM-SHA-256\$[A-Za-z0-9+/=:$]+|md5[0-9a-f]{32})$")


@dataclass(frozen=True)
class TeamMember:
    rater: str
    role: str
    can_login: bool


def role_name_for(rater: str) -> str:
    """The default role of a rater: ``reviewer_`` + the name in lower case, other characters as ``_``."""
    name = "reviewer_" + re.sub(r"[^a-z0-9_]", "_", rater.lower())
    return name[:63]


def _require_postgres(store: Store) -> None:
    if store.engine.dialect.name != "postgresql":
        raise ReviewerError("team access needs a PostgreSQL study database (--db postgresql+psycopg://...); "
                            "a SQLite file is protected by who can read the file")


def _q(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def install(conn: Connection) -> None:
    """The group role, the member table, the lookup function, the grants and the policies."""
    conn.exec_driver_sql(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{GROUP}') "
                         f"THEN CREATE ROLE {GROUP} NOLOGIN; END IF; END $$")
    schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
    database = conn.exec_driver_sql("SELECT current_database()").scalar()
    conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    conn.exec_driver_sql(f"REVOKE ALL ON SCHEMA {SCHEMA} FROM PUBLIC")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {SCHEMA} TO PUBLIC")  # policies call rater_of()
    conn.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.member ("
        f" role_name name PRIMARY KEY,"
        f" rater_id integer NOT NULL UNIQUE REFERENCES {_q(conn, schema)}.rater(id) ON DELETE CASCADE)")
    conn.exec_driver_sql(f"REVOKE ALL ON {SCHEMA}.member FROM PUBLIC")
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {SCHEMA}.rater_of() RETURNS integer LANGUAGE sql STABLE "
        f"SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS "
        f"$$ SELECT rater_id FROM {SCHEMA}.member WHERE role_name = session_user $$")
    conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {SCHEMA}.rater_of() FROM PUBLIC")
    conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {SCHEMA}.rater_of() TO PUBLIC")

    conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {_q(conn, database)} TO {GROUP}")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {_q(conn, schema)} TO {GROUP}")
    for table in READ_ALL:
        conn.exec_driver_sql(f"REVOKE ALL ON {_q(conn, table)} FROM {GROUP}")
        conn.exec_driver_sql(f"GRANT SELECT ON {_q(conn, table)} TO {GROUP}")
    for table, (privileges, see, write) in OWN_ROWS.items():
        t = _q(conn, table)
        conn.exec_driver_sql(f"REVOKE ALL ON {t} FROM {GROUP}")
        conn.exec_driver_sql(f"GRANT {privileges} ON {t} TO {GROUP}")
        conn.exec_driver_sql(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY")
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS team_rows ON {t}")
        conn.exec_driver_sql(f"CREATE POLICY team_rows ON {t} USING (NOT {_IS_PHYSICIAN} OR ({see})) "
                             f"WITH CHECK (NOT {_IS_PHYSICIAN} OR ({write or 'false'}))")
    for table in WRITTEN:
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": _q(conn, table)}).scalar()
        if seq:
            conn.exec_driver_sql(f"GRANT USAGE, SELECT ON SEQUENCE {seq} TO {GROUP}")


def _rater_id(conn: Connection, rater: str) -> int:
    rid = conn.execute(text("SELECT id FROM rater WHERE name = :n"), {"n": rater}).scalar()
    if rid is None:
        raise NotFoundError(f"no rater named {rater!r} in this database (add them with 'reviewer assign' "
                            f"or an import first)")
    return int(rid)


def _verifier(conn: Connection, role: str, password: str) -> str:
    """The password as the server stores it (SCRAM-SHA-256 by default), made on this machine by
    libpq, so the plain password never travels in a statement or lands in a server log."""
    dbapi = conn.connection.dbapi_connection
    pgconn = getattr(dbapi, "pgconn", None)
    if pgconn is None:
        raise ReviewerError("team access needs the psycopg driver: use a postgresql+psycopg://... URL")
    verifier = pgconn.encrypt_password(password.encode("utf-8"), role.encode("utf-8")).decode("ascii")
    if not _VERIFIER.match(verifier):  # never embed anything else in the statement
        raise ReviewerError("the server's password_encryption gave an unexpected format; nothing was changed")
    return verifier


def grant_rater(store: Store, rater: str, password: str, *, role: str | None = None) -> TeamMember:
    """Create or update the login role of *rater* (password set, membership of the physician group,
    mapped to the rater) in one transaction; the coordinator keeps every right it had."""
    _require_postgres(store)
    role = role or role_name_for(rater)
    if not _ROLE_OK.match(role):
        raise InputError("a role name is 1-63 lower-case letters, digits or _, not starting with a digit",
                         item=f"role {role!r}")
    if not password:
        raise InputError("the password is empty", item=f"rater {rater!r}")
    with store.engine.begin() as conn:
        rid = _rater_id(conn, rater)
        if role == conn.exec_driver_sql("SELECT current_user").scalar():
            raise InputError("that is the coordinator's own role", item=f"role {role!r}")
        install(conn)
        existing = conn.execute(text("SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls "
                                     "OR rolreplication FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
        if existing is not None and existing[0]:
            raise InputError("that role has administrative rights and cannot become a physician's role",
                             item=f"role {role!r}")
        owner = conn.execute(text(f"SELECT rater_id FROM {SCHEMA}.member WHERE role_name = :r"),
                             {"r": role}).scalar()
        if owner is not None and owner != rid:
            raise InputError("that role already belongs to another rater", item=f"role {role!r}")
        verifier = _verifier(conn, role, password)
        verb = "ALTER" if existing is not None else "CREATE"
        conn.exec_driver_sql(f"{verb} ROLE {_q(conn, role)} LOGIN INHERIT PASSWORD '{verifier}'")
        conn.exec_driver_sql(f"GRANT {GROUP} TO {_q(conn, role)}")
        conn.execute(text(f"DELETE FROM {SCHEMA}.member WHERE rater_id = :id AND role_name <> :r"),
                     {"id": rid, "r": role})
        conn.execute(text(f"INSERT INTO {SCHEMA}.member (role_name, rater_id) VALUES (:r, :id) "
                          f"ON CONFLICT (role_name) DO NOTHING"), {"r": role, "id": rid})
    return TeamMember(rater=rater, role=role, can_login=True)


def revoke_rater(store: Store, rater: str) -> tuple[str, bool]:
    """Unmap *rater*'s role and drop it (a role is cluster-wide: this ends its access to every
    database of the server). A role that still owns something elsewhere cannot be dropped: it
    leaves the physician group and loses its login instead. Returns (role, dropped)."""
    _require_postgres(store)
    with store.engine.begin() as conn:
        rid = _rater_id(conn, rater)
        has_team = conn.execute(text("SELECT to_regclass(:t)"), {"t": f"{SCHEMA}.member"}).scalar()
        role = has_team and conn.execute(text(f"SELECT role_name FROM {SCHEMA}.member WHERE rater_id = :id"),
                                         {"id": rid}).scalar()
        if not role:
            raise NotFoundError(f"rater {rater!r} has no team role in this database")
        conn.execute(text(f"DELETE FROM {SCHEMA}.member WHERE role_name = :r"), {"r": role})
        try:
            with conn.begin_nested():
                conn.exec_driver_sql(f"DROP ROLE IF EXISTS {_q(conn, role)}")
            dropped = True
        except DBAPIError:  # it owns objects in another database: kept, without rights or login
            conn.exec_driver_sql(f"REVOKE {GROUP} FROM {_q(conn, role)}")
            conn.exec_driver_sql(f"ALTER ROLE {_q(conn, role)} NOLOGIN")
            dropped = False
    return role, dropped


def list_members(store: Store) -> list[TeamMember]:
    _require_postgres(store)
    with store.engine.connect() as conn:
        if conn.execute(text("SELECT to_regclass(:t)"), {"t": f"{SCHEMA}.member"}).scalar() is None:
            return []
        rows = conn.execute(text(f"SELECT r.name, m.role_name, coalesce(p.rolcanlogin, false) "
                                 f"FROM {SCHEMA}.member m JOIN rater r ON r.id = m.rater_id "
                                 f"LEFT JOIN pg_roles p ON p.rolname = m.role_name ORDER BY r.name"))
        return [TeamMember(rater=n, role=r, can_login=bool(c)) for n, r, c in rows]
