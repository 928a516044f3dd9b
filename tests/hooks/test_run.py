"""`python -m torchwhy run`: the traceback plain Python prints, then the reading; the
program's own exit status; arguments, `-m`, threads and `--report`."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields

from tests.hooks.scripts import (
    CROSS_ENTROPY_CRASH,
    EXIT_THREE,
    THREAD_CRASH,
    env,
    python,
    torchwhy_run,
    write,
)
from torchwhy.diagnosis import Diagnosis

CATEGORY = "dtype/target-not-long"


def _is_own_frame(line: str) -> bool:
    return line.lstrip().startswith('File "') and (
        "/torchwhy/" in line or "runpy" in line or "/click/" in line or "/typer/" in line
    )


def test_crash_prints_plain_traceback_then_reading(tmp_path) -> None:
    script = write(tmp_path, "crash.py", CROSS_ENTROPY_CRASH)
    plain = python(script, "--lr", "0.1")
    ours = torchwhy_run(script, "--lr", "0.1")

    assert plain.returncode == 1
    assert ours.returncode == 1
    assert ours.stdout == plain.stdout == "argv ['--lr', '0.1']\n"
    # The traceback is byte for byte the one Python prints, and comes first.
    assert plain.stderr.startswith("Traceback (most recent call last):")
    assert ours.stderr.startswith(plain.stderr)
    assert not any(_is_own_frame(line) for line in ours.stderr.splitlines())
    annotation = ours.stderr[len(plain.stderr) :]
    assert f"torchwhy {CATEGORY}" in annotation
    assert "Fix:" in annotation
    assert "could not annotate" not in annotation


def test_report_is_the_diagnosis_as_json(tmp_path) -> None:
    script = write(tmp_path, "crash.py", CROSS_ENTROPY_CRASH)
    report = tmp_path / "report.json"
    result = torchwhy_run("--report", report, script)

    assert result.returncode == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert set(data) == {f.name for f in fields(Diagnosis)}
    assert data["category"] == CATEGORY
    assert data["exception_type"] == "RuntimeError"
    # The culprit, once the provenance tracer names one, is in both the report and the
    # annotation under the traceback.
    for culprit in data["culprits"][:1]:
        assert culprit["expression"] in result.stderr.split("Culprit:", 1)[1].splitlines()[0]
    if data["culprits"]:
        assert data["culprits"][0]["expression"] == "labels"


def test_exit_status_and_argv_are_the_programs(tmp_path) -> None:
    script = write(tmp_path, "exit3.py", EXIT_THREE)
    result = torchwhy_run(script, "-v", "--report", "not-ours.json", "--", "x")

    assert result.returncode == 3
    assert result.stdout == "argv ['-v', '--report', 'not-ours.json', '--', 'x']\n"
    assert result.stderr == ""
    assert not (tmp_path / "not-ours.json").exists()


def test_sys_exit_message_and_clean_exit(tmp_path) -> None:
    message = write(tmp_path, "message.py", "import sys\nsys.exit('bad config')\n")
    clean = write(tmp_path, "clean.py", "print('ok')\n")

    plain = python(message)
    ours = torchwhy_run(message)
    assert (ours.returncode, ours.stderr) == (plain.returncode, plain.stderr) == (1, "bad config\n")
    assert torchwhy_run(clean).returncode == 0


def test_script_sees_itself_as_main(tmp_path) -> None:
    (tmp_path / "helper_mod.py").write_text("VALUE = 42\n", encoding="utf-8")
    script = write(
        tmp_path,
        "main.py",
        "import os, sys\nimport helper_mod\n"
        "print(__name__, os.path.basename(__file__), helper_mod.VALUE,"
        " sys.path[0] == os.path.dirname(os.path.realpath(__file__)))\n",
    )
    result = torchwhy_run(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "__main__ main.py 42 True\n"


def test_module_mode(tmp_path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    write(package, "crashmod.py", CROSS_ENTROPY_CRASH)

    result = torchwhy_run("-m", "pkg.crashmod", "--epochs", "2", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == "argv ['--epochs', '2']\n"
    lines = result.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[1].startswith(f'  File "{package / "crashmod.py"}", line ')
    assert not any(_is_own_frame(line) for line in lines)
    assert f"torchwhy {CATEGORY}" in result.stderr


def test_thread_crash_is_annotated(tmp_path) -> None:
    script = write(tmp_path, "thread_crash.py", THREAD_CRASH)
    plain = python(script)
    ours = torchwhy_run(script)

    # A thread's exception does not change the exit status, with or without torchwhy.
    assert ours.returncode == plain.returncode == 0
    assert ours.stdout == "main thread done\n"
    assert ours.stderr.startswith(plain.stderr)
    assert "Exception in thread" in ours.stderr
    assert f"torchwhy {CATEGORY}" in ours.stderr[len(plain.stderr) :]


def test_unknown_error_adds_nothing(tmp_path) -> None:
    script = write(tmp_path, "zero.py", "def f():\n    return 1 / 0\n\nf()\n")
    plain = python(script)
    ours = torchwhy_run(script)
    assert ours.returncode == plain.returncode == 1
    assert ours.stderr == plain.stderr


def test_disable_env_leaves_python_alone(tmp_path) -> None:
    script = write(tmp_path, "crash.py", CROSS_ENTROPY_CRASH)
    plain = python(script)
    ours = torchwhy_run(script, TORCHWHY_DISABLE="1")
    assert (ours.returncode, ours.stderr) == (plain.returncode, plain.stderr)


def test_missing_script(tmp_path) -> None:
    result = torchwhy_run(tmp_path / "nope.py")
    assert result.returncode == 2
    assert "can't open file" in result.stderr


def test_journal_records_the_crash(tmp_path) -> None:
    script = write(tmp_path, "crash.py", CROSS_ENTROPY_CRASH)
    data = tmp_path / "data"
    result = torchwhy_run("--journal", script, TORCHWHY_DATA_DIR=str(data))
    assert result.returncode == 1
    (record,) = [
        json.loads(line) for line in (data / "journal.jsonl").read_text().splitlines() if line
    ]
    assert record["category"] == CATEGORY
    assert record["source"] == str(script)


def test_a_script_that_does_not_compile_shows_what_python_shows(tmp_path) -> None:
    script = write(tmp_path, "broken.py", "x = (\n")
    plain, ours = python(script), torchwhy_run(script)
    assert ours.returncode == plain.returncode == 1
    assert ours.stderr.startswith(plain.stderr)
    assert "Traceback" not in ours.stderr


def test_a_missing_module_is_one_line_as_with_python(tmp_path) -> None:
    for name in ("no_such_module_here", "no.such.module"):
        plain, ours = python("-m", name, cwd=tmp_path), torchwhy_run("-m", name, cwd=tmp_path)
        assert ours.returncode == plain.returncode == 1
        assert ours.stderr == plain.stderr, name


def test_a_script_on_a_pipe_runs(tmp_path) -> None:
    source = "import sys\nprint('ran', __name__, sys.argv[1:])\nsys.exit(4)\n"
    result = subprocess.run(
        [sys.executable, "-m", "torchwhy", "run", "/dev/stdin", "a"],
        input=source,
        capture_output=True,
        text=True,
        timeout=180,
        env=env(),
    )
    assert result.returncode == 4, result.stderr
    assert result.stdout == "ran __main__ ['a']\n"


def test_a_crash_read_from_a_pipe_is_annotated(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "torchwhy", "run", "/dev/stdin"],
        input=CROSS_ENTROPY_CRASH,
        capture_output=True,
        text=True,
        timeout=180,
        env=env(),
    )
    assert result.returncode == 1
    assert 'File "/dev/stdin", line 14, in <module>' in result.stderr
    assert f"torchwhy {CATEGORY}" in result.stderr


def test_an_unwritable_report_path_is_the_users_to_fix(tmp_path) -> None:
    script = write(tmp_path, "crash.py", CROSS_ENTROPY_CRASH)
    result = torchwhy_run("--report", tmp_path / "missing" / "r.json", script)
    assert result.returncode == 1
    assert "cannot write the report to" in result.stderr
    assert "maintainers" not in result.stderr
