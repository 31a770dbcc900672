"""A physician's own PostgreSQL role on the real server (REVIEWER_TEST_PG_URL): blinded by grants
and row-level security, able to do its own rating work, and nothing more."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from reviewer import rating as R
from reviewer.errors import InputError, NotFoundError, ReviewerError
from reviewer.rating.operations import RatingOperations
from reviewer.store import open_store
from reviewer.store.models import Rater, Rating
from reviewer.studies.assignment import design_assignments
from reviewer.studies.lookup import get_study
from reviewer.team import grant_rater, list_members, revoke_rater, role_name_for
from tests.support.pg import as_role
from tests.support.reviewfiles import MODEL_NAMES, build_study

pytestmark = pytest.mark.postgres
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def team(pg_study_db: str):
    """The coordinator's store with a study rated by two physicians, each given a team role."""
    owner = open_store(pg_study_db)
    suffix = uuid.uuid4().hex[:6]  # roles are cluster-wide: unique per run
    names = {"ann": f"ann-{suffix}", "bob": f"bob-{suffix}"}
    build_study(owner, name="trial", n_cases=3, judge=True)
    with owner.begin() as s:
        design_assignments(s, get_study(s, "trial"), list(names.values()), per_response=1, seed=1)
    roles = {k: grant_rater(owner, n, PASSWORD).role for k, n in names.items()}
    with owner.begin() as s:  # bob has rated his first answer (as the coordinator could see)
        study = get_study(s, "trial").id
        bob = s.scalar(select(Rater.id).where(Rater.name == names["bob"]))
        first = R.work_queue(s, study, bob)[0].response_id
        R.set_comment(s, bob, first, "bob's private note")
    yield {"owner": owner, "names": names, "roles": roles, "url": pg_study_db}
    for n in names.values():
        try:
            revoke_rater(owner, n)
        except NotFoundError:
            pass
    owner.close()


def scram_matches(verifier: str, password: str) -> bool:
    """Check a stored ``SCRAM-SHA-256$iter:salt$StoredKey:ServerKey`` against a password with the
    RFC 5802 / RFC 7677 formulas (Python's stdlib, independent of libpq, which made it)."""
    method, rest = verifier.split("$", 1)
    assert method == "SCRAM-SHA-256"
    head, keys = rest.split("$")
    iterations, salt = head.split(":")
    stored_key, server_key = (base64.b64decode(k) for k in keys.split(":"))
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    return (hashlib.sha256(client_key).digest() == stored_key
            and hmac.new(salted, b"Server Key", "sha256").digest() == server_key)


def physician(team, who: str):
    return create_engine(as_role(team["url"], team["roles"][who], PASSWORD))


def test_grant_makes_a_login_role_with_a_hashed_password(team) -> None:
    role = team["roles"]["ann"]
    assert role == role_name_for(team["names"]["ann"]) and role.startswith("reviewer_ann_")
    with team["owner"].engine.connect() as conn:
        login, stored = conn.execute(text("SELECT rolcanlogin, rolpassword FROM pg_authid WHERE rolname = :r"),
                                     {"r": role}).one()
    assert login and PASSWORD not in stored
    assert scram_matches(stored, PASSWORD) and not scram_matches(stored, PASSWORD + "x")
    assert {(m.rater, m.role) for m in list_members(team["owner"])} == {
        (team["names"][k], team["roles"][k]) for k in ("ann", "bob")}


@pytest.mark.parametrize("query", [
    "SELECT name FROM model",
    "SELECT model_id FROM response",
    "SELECT settings FROM response",
    "SELECT * FROM response",
    "SELECT judge_model FROM judge_run",
    "SELECT met FROM judge_verdict",
    "SELECT * FROM generation_run",
    "SELECT * FROM merge_record",
    "SELECT * FROM reviewer_team.member",
    "SELECT secret FROM review_pack",  # a pack's secret signs its returns: one rater must not read another's
    "SELECT * FROM pack_rating",
    "SELECT value FROM gold_label",  # gold labels are the other physicians' majority: never before rating
    "SELECT * FROM consensus_score",
])
def test_physician_cannot_read_models_verdicts_or_the_role_map(team, query: str) -> None:
    with physician(team, "ann").connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
        conn.execute(text(query)).fetchall()


def test_physician_sees_only_their_own_rows(team) -> None:
    owner, names = team["owner"], team["names"]
    with owner.engine.connect() as conn:
        ann_id = conn.execute(text("SELECT id FROM rater WHERE name = :n"), {"n": names["ann"]}).scalar()
        ann_assigned = set(conn.execute(text("SELECT response_id FROM assignment WHERE rater_id = :r"),
                                        {"r": ann_id}).scalars())
        all_responses = conn.execute(text("SELECT count(*) FROM response")).scalar()
        bob_ratings = conn.execute(text("SELECT count(*) FROM rating r JOIN rater p ON p.id = r.rater_id "
                                        "WHERE p.name = :n"), {"n": names["bob"]}).scalar()
    assert bob_ratings == 1 and 0 < len(ann_assigned) < all_responses  # the coordinator sees everything
    with physician(team, "ann").connect() as conn:
        assert conn.execute(text("SELECT name FROM rater")).scalars().all() == [names["ann"]]
        assert set(conn.execute(text("SELECT response_id FROM assignment")).scalars()) == ann_assigned
        assert set(conn.execute(text("SELECT id FROM response")).scalars()) == ann_assigned
        texts = conn.execute(text("SELECT text, blind_label FROM response")).all()
        assert texts and all(t.startswith("Answer ") for t, _ in texts)
        assert not any(m in str(texts) for m in MODEL_NAMES)
        assert conn.execute(text("SELECT count(*) FROM rating")).scalar() == 0  # bob's is invisible
        assert conn.execute(text("SELECT count(*) FROM audit_event")).scalar() == 0
        assert conn.execute(text('SELECT count(*) FROM "case"')).scalar() == 3
        assert conn.execute(text("SELECT count(*) FROM criterion")).scalar() > 0


def test_physician_cannot_write_for_someone_else(team) -> None:
    owner, names = team["owner"], team["names"]
    with owner.engine.connect() as conn:
        bob_id = conn.execute(text("SELECT id FROM rater WHERE name = :n"), {"n": names["bob"]}).scalar()
        ann_id = conn.execute(text("SELECT id FROM rater WHERE name = :n"), {"n": names["ann"]}).scalar()
        bob_response = conn.execute(text("SELECT response_id FROM assignment WHERE rater_id = :r"),
                                    {"r": bob_id}).scalars().first()
        not_ann = conn.execute(text("SELECT id FROM response WHERE id NOT IN "
                                    "(SELECT response_id FROM assignment WHERE rater_id = :r)"), {"r": ann_id}
                               ).scalars().first()
    ann = physician(team, "ann")
    for sql, params in [
        ("INSERT INTO rating (uid, response_id, rater_id, status, extra_scores, comment, safety_flag, "
         "time_spent_s, source, version, created_at, updated_at) VALUES "
         "(gen_random_uuid()::text, :resp, :rater, 'draft', '{}', 'forged', false, 0, 'app', 1, now(), now())",
         {"resp": bob_response, "rater": bob_id}),  # a rating in bob's name
        ("INSERT INTO rating (uid, response_id, rater_id, status, extra_scores, comment, safety_flag, "
         "time_spent_s, source, version, created_at, updated_at) VALUES "
         "(gen_random_uuid()::text, :resp, :rater, 'draft', '{}', 'peek', false, 0, 'app', 1, now(), now())",
         {"resp": not_ann, "rater": ann_id}),  # her own name, a response not assigned to her
        ("INSERT INTO model (uid, study_id, name, kind, meta, created_at, updated_at) "
         "VALUES ('x', 1, 'x', 'imported', '{}', now(), now())", {}),
    ]:
        with ann.begin() as conn, pytest.raises(DBAPIError, match="row-level security|permission denied"):
            conn.execute(text(sql), params)
    with ann.begin() as conn:  # bob's rating is not there to change or delete
        assert conn.execute(text("UPDATE rating SET comment = 'overwritten'")).rowcount == 0
        assert conn.execute(text("DELETE FROM criterion_rating")).rowcount == 0
    with owner.engine.connect() as conn:
        assert conn.execute(text("SELECT comment FROM rating WHERE rater_id = :r"), {"r": bob_id}).scalars().all() \
            == ["bob's private note"]


def test_the_app_rates_through_the_physician_role(team) -> None:
    """The rating operations the desktop app calls, run on a store opened as ann's role."""
    names = team["names"]
    store = open_store(as_role(team["url"], team["roles"]["ann"], PASSWORD))
    try:
        ops = RatingOperations(store)
        study = ops.find_study(name="trial").study_id
        me = ops.get_rater(names["ann"], create=False).id
        queue = ops.queue(study, me)
        assert queue.ids and queue.statuses == {}
        rows = ops.queue_rows(me, queue.ids)
        assert set(rows) == set(queue.ids)
        first = queue.ids[0]
        item, _ = ops.load_item(me, first)
        assert item.response_text.startswith("Answer ")
        state = None
        for c in item.criteria:
            state = ops.set_criterion(me, first, c.id, "met", actor=names["ann"],
                                      expected_version=state.rating_version if state else item.rating_version)
        state = ops.set_overall_score(me, first, 4, expected_version=state.rating_version)
        state = ops.set_comment(me, first, "clear answer", expected_version=state.rating_version)
        state = ops.submit(me, first, actor=names["ann"], expected_version=state.rating_version)
        assert state.status == "submitted"
        state = ops.set_comment(me, first, "edited after submit", actor=names["ann"], expected_version=state.rating_version)
        ops.add_feedback(me, first, item.criteria[0].id, "unclear", "which dose?")
        _, state = ops.add_evidence(me, first, item.criteria[0].id, 0, 6, actor=names["ann"],
                                    expected_version=state.rating_version)
        assert ops.load_item(me, first)[0].evidence[item.criteria[0].id][0].quote == "Answer"
    finally:
        store.close()
    with team["owner"].begin() as s:  # the coordinator sees what ann wrote, under her name
        rating = s.scalar(select(Rating).join(Rater).where(Rater.name == names["ann"]))
        assert (rating.status, rating.overall_score, rating.comment) == ("submitted", 4.0, "edited after submit")
        actions = s.execute(text("SELECT action FROM audit_event WHERE entity_uid = :u ORDER BY id"),
                            {"u": rating.uid}).scalars().all()
        assert actions == ["rating.submit", "rating.edit_submitted", "rating.edit_submitted"]  # comment, evidence


def test_grant_refuses_bad_input_and_revoke_drops_the_role(team) -> None:
    owner = team["owner"]
    with pytest.raises(NotFoundError):
        grant_rater(owner, "nobody-here", PASSWORD)
    with pytest.raises(InputError, match="role name"):
        grant_rater(owner, team["names"]["ann"], PASSWORD, role='x"; DROP TABLE rating; --')
    with pytest.raises(InputError, match="another rater"):
        grant_rater(owner, team["names"]["ann"], PASSWORD, role=team["roles"]["bob"])
    with pytest.raises(InputError, match="empty"):
        grant_rater(owner, team["names"]["ann"], "")
    extra = _new_rater(owner)
    role = grant_rater(owner, extra, PASSWORD).role
    assert revoke_rater(owner, extra) == (role, True)
    with owner.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar() == 0
    with pytest.raises(NotFoundError, match="no team role"):
        revoke_rater(owner, extra)


def _new_rater(owner) -> str:
    name = f"cy-{uuid.uuid4().hex[:6]}"
    with owner.begin() as s:
        s.add(Rater(name=name))
    return name


def test_coordinator_mode_is_refused_with_a_message_for_a_physician(team, tmp_path, capsys) -> None:
    from reviewer.cli.main import main

    phys_url = as_role(team["url"], team["roles"]["ann"], PASSWORD)
    store = open_store(phys_url)
    try:
        with pytest.raises(ReviewerError, match="coordinator mode needs the coordinator's database login"):
            RatingOperations(store).require_coordinator_access()
    finally:
        store.close()
    RatingOperations(team["owner"]).require_coordinator_access()  # the coordinator's own login may
    shot = tmp_path / "c.png"
    assert main(["--db", phys_url, "gui", "--rater", team["names"]["ann"], "--coordinator",
                 "--screenshot", str(shot)]) == 2
    err = capsys.readouterr().err
    assert "coordinator mode needs" in err and "Traceback" not in err and not shot.exists()
    assert PASSWORD not in err


def test_revoke_keeps_a_role_that_still_has_rights_elsewhere_but_takes_its_login(team) -> None:
    owner = team["owner"]
    extra = _new_rater(owner)
    role = grant_rater(owner, extra, PASSWORD).role
    with owner.engine.begin() as conn:  # a right on another database: DROP ROLE must fail
        conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE template1 TO "{role}"')
    try:
        assert revoke_rater(owner, extra) == (role, False)
        with owner.engine.connect() as conn:
            login, member = conn.execute(text(
                "SELECT rolcanlogin, pg_has_role(rolname, 'reviewer_physician', 'MEMBER') FROM pg_roles "
                "WHERE rolname = :r"), {"r": role}).one()
        assert (login, member) == (False, False)
        assert extra not in {m.rater for m in list_members(owner)}
    finally:
        with owner.engine.begin() as conn:
            conn.exec_driver_sql(f'REVOKE CONNECT ON DATABASE template1 FROM "{role}"')
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
