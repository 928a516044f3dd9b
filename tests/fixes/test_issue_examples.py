"""Issue #10's examples, raised live: fixes in the user's code, valid, checked by torch."""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import torchwhy
from torchwhy.diagnosis import Diagnosis
from torchwhy.knowledge_base import load
from torchwhy.knowledge_base.check import run_entry, run_snippet

_PLACEHOLDER = re.compile(r"\{[a-zA-Z_]\w*\}")


def _explain_script(tmp_path: Path, code: str) -> Diagnosis:
    """Run `code` as a user's script (a real file, as `python script.py` would) and explain
    the error it raises."""
    run = run_snippet(textwrap.dedent(code), tmp_path, "user_script.py")
    assert run.error is not None, run.stderr
    return torchwhy.explain(run.error, use_embedding=False)


def _codes(diagnosis: Diagnosis) -> list[str]:
    return [fix.code.strip() for fix in diagnosis.fixes if fix.code]


def test_a_wrong_linear_inside_a_sequential_head_is_replaced_by_index(tmp_path: Path) -> None:
    diagnosis = _explain_script(
        tmp_path,
        """
        import torch
        import torch.nn as nn

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.features = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.AdaptiveAvgPool2d(16))
                self.classifier = nn.Sequential(
                    nn.Linear(2048, 256), nn.ReLU(), nn.Dropout(), nn.Linear(256, 10)
                )

            def forward(self, x):
                return self.classifier(torch.flatten(self.features(x), 1))

        net = Net()
        logits = net(torch.randn(2, 3, 32, 32))
        """,
    )
    first = diagnosis.fixes[0]
    assert first.code.strip() == "net.classifier[0] = nn.Linear(4096, 256)"
    assert first.checked is True
    # The head (a Sequential) is never replaced by a single layer.
    assert not any(code.startswith("net.classifier =") for code in _codes(diagnosis))


def test_a_layer_of_a_sequential_model_is_written_with_an_index() -> None:
    entry = next(e for e in load() if e.id == "linear-in-features-mismatch")
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        error = run_entry(entry, Path(folder)).error
        diagnosis = torchwhy.explain(error, use_embedding=False)
    assert diagnosis.fixes[0].code.strip() == "model[1] = nn.Linear(512, 10)"
    assert diagnosis.fixes[0].checked is True
    assert all("model.1" not in code for code in _codes(diagnosis))


def test_a_head_built_inside_a_test_function_is_named_from_its_local_model(tmp_path: Path) -> None:
    diagnosis = _explain_script(
        tmp_path,
        """
        import torch
        from torch import nn

        def test_head():
            model = nn.Module()
            model.body = nn.Linear(8, 64)
            model.head = nn.Sequential(nn.Linear(32, 16), nn.ReLU())
            features = model.body(torch.randn(4, 8))
            model.head(features)

        test_head()
        """,
    )
    assert diagnosis.fixes[0].code.strip() == "model.head[0] = nn.Linear(64, 16)"
    assert diagnosis.fixes[0].checked is True


def test_mm_without_a_layer_is_fixed_by_a_transpose_not_a_linear(tmp_path: Path) -> None:
    diagnosis = _explain_script(
        tmp_path,
        """
        import torch
        queries = torch.randn(6, 16)
        keys = torch.randn(9, 16)
        scores = torch.mm(queries, keys)
        """,
    )
    first = diagnosis.fixes[0]
    assert first.code.strip() == "scores = torch.mm(queries, keys.T)"
    assert first.checked is True
    assert "(9, 16)" in first.title
    assert not any("Linear" in fix.title or "Linear" in fix.code for fix in diagnosis.fixes)


def test_the_matmul_operator_is_fixed_on_its_operands(tmp_path: Path) -> None:
    diagnosis = _explain_script(
        tmp_path,
        """
        import torch
        w = torch.randn(3, 5)
        b = torch.randn(3, 5)
        out = w @ b
        """,
    )
    first = diagnosis.fixes[0]
    assert first.code.strip() == "out = w @ b.T"
    assert first.checked is True
    assert not any("self.fc" in code for code in _codes(diagnosis))


def test_an_attention_head_split_keeps_time_steps_apart(tmp_path: Path) -> None:
    diagnosis = _explain_script(
        tmp_path,
        """
        import torch
        batch_size, num_heads, head_dim = 4, 4, 4
        q = torch.randn(2, 5, 16)  # the last batch is smaller
        heads = q.view(batch_size, num_heads, -1, head_dim)
        """,
    )
    first = diagnosis.fixes[0]
    assert (
        first.code.strip() == "heads = q.view(q.size(0), q.size(1), num_heads, -1).transpose(1, 2)"
    )
    assert first.checked is True
    # Neither the flattening fix nor a direct (B, h, T, d) reshape, which scrambles heads.
    assert not any("reshape(b, num_heads" in code for code in _codes(diagnosis))
    assert "q.view(q.size(0), -1)" not in _codes(diagnosis)[0]


def test_float_ids_into_an_embedding_are_cast_where_the_user_calls_it(tmp_path: Path) -> None:
    diagnosis = _explain_script(
        tmp_path,
        """
        import torch
        from torch import nn

        class Encoder(nn.Module):
            def __init__(self):
                super().__init__()
                self.emb = nn.Embedding(10, 4)

            def forward(self, token_ids):
                return self.emb(token_ids)

        emb = Encoder()
        vectors = emb(torch.tensor([1.0, 2.0, 3.0]))
        """,
    )
    first = diagnosis.fixes[0]
    assert first.code.strip() == "return self.emb(token_ids.long())"
    assert first.checked is True
    assert not any("self.embedding" in code for code in _codes(diagnosis))


def test_the_loss_is_called_as_the_user_called_it(tmp_path: Path) -> None:
    diagnosis = _explain_script(
        tmp_path,
        """
        import torch
        import torch.nn.functional as F
        logits = torch.randn(8, 3)
        labels = torch.tensor([0.0, 1.0, 2.0, 1.0, 0.0, 2.0, 1.0, 0.0])
        loss = F.cross_entropy(logits, labels)
        """,
    )
    first = diagnosis.fixes[0]
    assert first.code.strip() == "loss = F.cross_entropy(logits, labels.long())"
    assert first.checked is True
    assert not any("criterion" in code for code in _codes(diagnosis))


def test_integer_tokens_into_a_linear_get_a_cast_not_image_scaling(tmp_path: Path) -> None:
    diagnosis = _explain_script(
        tmp_path,
        """
        import torch
        from torch import nn
        model = nn.Sequential(nn.Linear(6, 2))
        tokens = torch.randint(0, 100, (4, 6))
        out = model(tokens)
        """,
    )
    first = diagnosis.fixes[0]
    assert first.code.strip() == "out = model(tokens.float())"
    assert first.checked is True


def test_a_checkpoint_size_fix_never_invents_a_size() -> None:
    diagnosis = torchwhy.explain(
        "Error(s) in loading state_dict for ResNet:\n\tsize mismatch for fc.weight: copying a "
        "param with shape torch.Size([1000, 512]) from checkpoint, the shape in current model "
        "is torch.Size([2, 512]).",
        use_embedding=False,
    )
    text = " ".join(f"{fix.title} {fix.code}" for fix in diagnosis.fixes)
    assert "num_classes=10" not in text
    assert "[1000, 512]" in text


def testreading_titles_never_show_placeholders() -> None:
    from torchwhy.translator.candidates import Candidate
    from torchwhy.translator.engine import reading_title

    for entry in load():
        title = reading_title(Candidate(entry, 0.5, "fuzzy", {}, 0))
        assert not _PLACEHOLDER.search(title), (entry.id, title)


def test_every_pasted_example_gets_fixes_that_parse_and_are_filled() -> None:
    for entry in load():
        for example in entry.examples[:2]:
            diagnosis = torchwhy.explain(example.text, use_embedding=False)
            for fix in diagnosis.fixes:
                assert not _PLACEHOLDER.search(fix.title), (entry.id, fix.title)
                if fix.code:
                    ast.parse(fix.code)
                    assert fix.checked is None  # nothing to re-run for pasted text
            for alternative in diagnosis.alternatives:
                assert not _PLACEHOLDER.search(alternative.title), (entry.id, alternative.title)
