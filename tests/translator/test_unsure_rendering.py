"""Below the verdict threshold every display says the reading is unsure, what else it could be,
and what would decide; the CLI exits 3 (no confident reading)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from torchwhy.cli import app
from torchwhy.diagnosis import Alternative, Diagnosis
from torchwhy.render import render_html, render_json, render_text
from torchwhy.translator import engine
from torchwhy.translator.normalize import parse


def _unsure() -> Diagnosis:
    return Diagnosis(
        category="cuda/device-side-assert",
        entry="cuda-device-side-assert",
        title="A CUDA kernel hit an assertion",
        explanation="A check inside a GPU kernel failed.",
        confidence=0.55,
        matched_by="fuzzy",
        alternatives=[
            Alternative("cuda-library-status", "cuda/library-status", "cuDNN failed", 0.41)
        ],
        verdict=False,
        decide=["a rerun with `CUDA_LAUNCH_BLOCKING=1`"],
    )


def test_text_html_and_json_say_a_reading_is_unsure() -> None:
    diagnosis = _unsure()
    text = render_text(diagnosis)
    assert "possible readings, unsure" in text
    assert "Possibly: A CUDA kernel hit an assertion" in text
    assert "cuda/library-status" in text and "What would decide" in text
    html = render_html(diagnosis)
    assert "possible readings" in html and "What would decide" in html
    data = json.loads(render_json(diagnosis))
    assert data["verdict"] is False
    assert data["decide"] == ["a rerun with `CUDA_LAUNCH_BLOCKING=1`"]


def test_a_verdict_shows_no_hedging() -> None:
    diagnosis = _unsure()
    diagnosis.verdict = True
    diagnosis.decide = []
    assert "unsure" not in render_text(diagnosis)
    assert "possible readings" not in render_html(diagnosis)


def test_a_bare_message_asks_for_the_whole_traceback() -> None:
    parsed = parse("RuntimeError: CUDA error: an illegal memory access was encountered")
    ranked = engine.match(parsed, engine._text_context(parsed), use_embedding=False)
    decide = engine.what_would_decide(parsed, ranked)
    assert any("whole traceback" in item for item in decide)
    assert any("CUDA_LAUNCH_BLOCKING=1" in item for item in decide)


def test_the_cli_exits_3_on_an_unsure_reading(monkeypatch) -> None:
    monkeypatch.setattr("torchwhy.explain", lambda *a, **k: _unsure())
    result = CliRunner().invoke(app, ["explain", "anything"])
    assert result.exit_code == 3, result.output
    assert "possible readings" in result.output
