"""Judge test helpers: a small study built with the ORM, and a real OpenAI-compatible HTTP judge.

The study has two HealthBench-style cases (English, points, negative criteria, axis tags), one
LLMEval-Med-style case (Chinese, core/secondary tiers, reference answer) and two models that
answer each case. The HTTP judge answers canned outputs decided from the prompt it receives:

- per-criterion prompts: ``criteria_met`` is true when the criterion's keyword (the word after
  "Mentions") occurs in the graded answer; a criterion marked ``(flaky)`` is answered with
  unreadable text the first time each prompt is seen, a criterion marked ``(broken)`` always;
- LLMEval-Med prompts (they contain 得分): ``{"判断依据": ..., "得分": "[4]"}``, or "[2]" when the
  answer says "waiting";
- Prometheus prompts (they contain [RESULT]): ``Feedback: ... [RESULT] 3``.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from reviewer.store import Store
from reviewer.store.models import Case, ChecklistVersion, Criterion, Model, Response
from reviewer.studies.lookup import create_study

CASES = [
    {"ext": "hb-1", "turns": [{"role": "user", "content": "I have crushing chest pain. What should I do?"}],
     "category": "emergency", "tags": ["theme:emergency_referrals"],
     "criteria": [("Mentions emergency services", 5, ["axis:accuracy"]),
                  ("Mentions aspirin as a possible first step", 3, ["axis:completeness"]),
                  ("Mentions waiting at home as acceptable", -4, ["axis:accuracy"])],
     "answers": {"model-a": "Call emergency services now; chew an aspirin if you are not allergic.",
                 "model-b": "Try waiting at home and rest for a while."}},
    {"ext": "hb-2", "turns": [{"role": "user", "content": "My child has a fever."},
                              {"role": "assistant", "content": "How old is your child?"},
                              {"role": "user", "content": "Four years old. Which paracetamol dose?"}],
     "category": "dosing", "tags": ["theme:hedging"],
     "criteria": [("Mentions weight based dosing", 4, ["axis:accuracy"]),
                  ("Mentions pediatrician follow-up (flaky)", 2, ["axis:completeness"]),
                  ("Mentions interval between doses (broken)", 2, ["axis:completeness"])],
     "answers": {"model-a": "Dose by weight: 15 mg/kg; see a pediatrician if it lasts.",
                 "model-b": "Give one adult tablet."}},
    {"ext": "zh-1", "turns": [{"role": "user", "content": "高血压患者日常需要注意什么？"}],
     "category": "医疗知识 / 慢病管理", "tags": [], "reference": "低盐饮食，规律服药，监测血压。",
     "criteria": [("Mentions 低盐 饮食", None, [], "core"), ("Mentions 监测 血压", None, [], "secondary")],
     "answers": {"model-a": "建议低盐饮食并规律监测血压。", "model-b": "多休息就好，waiting 观察。"}},
]


def make_study(store: Store, name: str = "judge-study", *, cases: tuple[str, ...] | None = None,
               models: tuple[str, ...] = ("model-a", "model-b")) -> dict[str, int]:
    """Create the study (all CASES, or those whose ``ext`` is in *cases*, answered by *models*).

    Returns {"study_id": ..., "responses": n, "criteria_units": n}.
    """
    units = 0
    n_responses = 0
    with store.begin() as session:
        study = create_study(session, name)
        rows: dict[str, Model] = {}
        for model_name in models:
            rows[model_name] = Model(study_id=study.id, name=model_name, kind="imported")
            session.add(rows[model_name])
        session.flush()
        for spec in CASES:
            if cases is not None and spec["ext"] not in cases:
                continue
            case = Case(study_id=study.id, source="test", external_id=spec["ext"], turns=spec["turns"],
                        category=spec["category"], tags=spec["tags"], reference_answer=spec.get("reference"))
            session.add(case)
            session.flush()
            cv = ChecklistVersion(case_id=case.id, version=1)
            session.add(cv)
            session.flush()
            for pos, item in enumerate(spec["criteria"]):
                text, points, tags = item[:3]
                tier = item[3] if len(item) > 3 else None
                session.add(Criterion(checklist_version_id=cv.id, key=f"{spec['ext']}-{pos}", position=pos,
                                      text=text, points=points, tier=tier, tags=tags))
            for model_name, text in spec["answers"].items():
                if model_name not in models:
                    continue
                session.add(Response(case_id=case.id, model_id=rows[model_name].id,
                                     external_id=f"{spec['ext']}-{model_name}", text=text))
                n_responses += 1
                units += len(spec["criteria"])
        study_id = study.id
    return {"study_id": study_id, "responses": n_responses, "criteria_units": units}


def expected_met(criterion: str, answer: str) -> bool:
    keyword = criterion.split()[1].lower()
    return keyword in answer.lower()


class _Handler(BaseHTTPRequestHandler):
    seen: Counter  # set on the subclass made per server

    def log_message(self, *args) -> None:  # noqa: ANN002 - keep test output quiet
        pass

    def _send(self, code: int, body: dict) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802
        self._send(200, {"data": [{"id": "canned-judge"}]})

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        prompt = body["messages"][-1]["content"]
        self.seen[prompt] += 1
        text = answer_for(prompt, self.seen[prompt])
        self._send(200, {"model": body["model"], "choices": [
            {"message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": len(prompt.split()), "completion_tokens": len(text.split())}})


def answer_for(prompt: str, nth_time: int) -> str:
    if "# Rubric item" in prompt:
        answer = prompt.split("# Rubric item")[0].rsplit("assistant: ", 1)[1]
        criterion = re.search(r"# Rubric item\n\[[^\]]*\] (.*)", prompt).group(1)
        if "(broken)" in criterion or ("(flaky)" in criterion and nth_time == 1):
            return "I am not sure what to say here."
        met = expected_met(criterion, answer)
        return f'Here is my grade:\n```json\n{{"explanation": "canned", "criteria_met": {json.dumps(met)}}}\n```'
    if "得分" in prompt:
        return json.dumps({"判断依据": "示例理由", "得分": "[2]" if "waiting" in prompt else "[4]"},
                          ensure_ascii=False)
    if "[RESULT]" in prompt:
        return "Feedback: The response is adequate. [RESULT] 3"
    return "?"


@contextmanager
def canned_judge_server() -> Iterator[tuple[str, Counter]]:
    """A real HTTP server on 127.0.0.1 (random port); yields its base URL and the per-prompt call counts."""
    seen: Counter = Counter()
    handler = type("CannedJudge", (_Handler,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
