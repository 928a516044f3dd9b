"""Locations read as the user typed them, wherever the checkout lies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from torchwhy.diagnosis import place


def test_a_file_under_the_working_directory_is_shown_as_typed(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert (
        place(str(tmp_path / "examples" / "train.py"), 42)
        == os.path.join("examples", "train.py") + ":42"
    )


def test_a_file_elsewhere_is_shown_whole(tmp_path, monkeypatch) -> None:
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    elsewhere = str(tmp_path / "lib" / "model.py")
    assert place(elsewhere, 7) == f"{elsewhere}:7"


@pytest.mark.parametrize(
    ("file", "line", "cell", "shown"),
    [
        ("train.py", 3, None, "train.py:3"),
        ("<snippet>", 3, None, "<snippet>, line 3"),
        ("/tmp/ipykernel_1/123.py", 9, "In[2]", "Cell In[2], line 9"),
    ],
)
def test_relative_files_snippets_and_cells_keep_their_forms(file, line, cell, shown) -> None:
    assert place(file, line, cell) == shown


def test_no_working_directory_left_shows_the_file_whole(tmp_path, monkeypatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert place(str(Path("/srv/train.py")), 1) == "/srv/train.py:1"
