"""Clean scripts pass a dry run: a CUDA CNN with AMP, a scheduler, validation and a
checkpoint reaches every phase; a Hugging Face fine-tune built from a config runs."""

from __future__ import annotations

from tests.dryrun.conftest import EXAMPLE, ROOT, SCRIPTS, dry_run
from torchwhy.dryrun.phases import PHASES
from torchwhy.dryrun.report import EXIT_PASSED


def test_cnn_with_amp_scheduler_checkpoint_and_validation_passes() -> None:
    report = dry_run(EXAMPLE, env={"BUG": "0"})
    assert report.exit_code == EXIT_PASSED, report.crash and report.crash.traceback
    assert list(report.phases) == list(PHASES)
    assert report.stopped_because == "script end"
    dtypes = {(row.module, row.mode): row.outputs[0].dtype for row in report.layers}
    assert dtypes[("Net.fc", "train")] == "float16"  # autocast on the logical GPU
    assert dtypes[("Net.fc", "eval")] == "float32"


def test_hugging_face_fine_tune_passes() -> None:
    report = dry_run(ROOT / "examples" / "dryrun_hf_finetune.py")
    assert report.exit_code == EXIT_PASSED, report.crash and report.crash.traceback
    assert {
        "backward",
        "second backward",
        "optimizer step",
        "validation",
        "checkpoint save",
    } <= set(report.phases)
    # the script asks for 3 epochs; the dry run serves 2 per loader, then stops
    assert report.stopped_because.startswith("DataLoader(Reviews, batch_size=16) asked for epoch 3")
    assert any(row.type == "BertForSequenceClassification" for row in report.layers)


def test_sequence_model_with_a_shared_loader_reaches_post_training() -> None:
    report = dry_run(SCRIPTS / "sequence_model.py")
    assert report.exit_code == EXIT_PASSED, report.crash and report.crash.traceback
    assert {"second backward", "validation", "post-training", "script end"} <= set(report.phases)
    assert any("num_workers=0" in note for note in report.notes)
