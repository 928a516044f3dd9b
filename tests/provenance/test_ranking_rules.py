"""General ranking rules, on the crash scripts that motivate them."""

from __future__ import annotations

from tests.provenance.crash_corpus import CRASHES_DIR, trace_crash
from torchwhy.provenance import rank_culprits


def test_hand_written_raise_never_names_the_exception_class() -> None:
    outcome = trace_crash(CRASHES_DIR / "raise_handwritten.py")
    expressions = [culprit.expression for culprit in outcome.culprits]
    assert "ValueError" not in expressions
    assert all(operand.expression != "ValueError" for operand in outcome.trace.operands)
    assert expressions[0] == "x"


def test_literals_rank_after_every_variable_or_expression() -> None:
    outcome = trace_crash(CRASHES_DIR / "literal_view_arg.py")
    literal = {operand.expression for operand in outcome.trace.operands if operand.literal}
    assert {"2", "8", "64"} <= literal
    order = [culprit.expression in literal for culprit in outcome.culprits]
    assert order == sorted(order), f"a literal outranks a variable: {order}"


def test_iteration_wrappers_are_unwrapped_to_the_loader() -> None:
    outcome = trace_crash(CRASHES_DIR / "loader_dataset_stack.py")
    expressions = [culprit.expression for culprit in outcome.culprits]
    assert expressions[0] == "crops"
    assert "loader" in expressions
    assert not any(text.startswith("iter(") for text in expressions)


def test_list_element_named_by_the_message_index() -> None:
    outcome = trace_crash(CRASHES_DIR / "cat_list_element.py")
    elements = {op.expression: op.element_index for op in outcome.trace.operands}
    assert elements["audio_emb"] == 2
    assert outcome.culprits[0].expression == "audio_emb"
    # Without the index the message gives, the list itself stays first.
    culprits = rank_culprits(outcome.trace, "shape/collate-unequal", {}, ["tensors"])
    assert culprits[0].expression == "[image_emb, text_emb, audio_emb]"


def test_module_call_arguments_take_the_forward_parameter_names() -> None:
    outcome = trace_crash(CRASHES_DIR / "conv_input_too_small.py")
    thumbs = next(op for op in outcome.trace.operands if op.expression == "thumbs")
    assert "input" in thumbs.roles  # Sequential.forward(self, input), reassigned in its loop
