"""Where a pasted message ends: the user's own words after it are not part of it.

An issue pastes the error, then goes on in the user's words: a closing code fence, a question,
a thank-you, a heading, the next shell prompt, a line in the user's language. Read into the
message, those words hide it from fuzzy matching; torch's own multi-line messages stay whole.
The errors are raised live from torch 2.13.
"""

from __future__ import annotations

import io
import traceback

import pytest
import torch

import torchwhy
from torchwhy.translator.normalize import parse


def _raised(action) -> BaseException:
    try:
        action()
    except Exception as error:  # any torch error is the point
        return error
    raise AssertionError("expected an error")


def _forward_missing() -> BaseException:
    class Classifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.head = torch.nn.Linear(4, 2)  # forward() indented into __init__ by mistake

    return _raised(lambda: Classifier()(input_ids=torch.zeros(1, 4)))


def _line(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


USERS_WORDS = [
    "\n\nI double-checked the code against the notebook. Can't understand what's wrong.",
    "\nThank you!",
    "\n\nIs there any way to run this?",
    "\n```\nwhen debugging, it turns out the head is built fine",
    "\n\n### Versions\ntorch 2.1.0",
    "\n谢谢大家, 这个问题怎么解决",
    "\n(venv) user@host:~/project$ python train.py --help",
    "\n\nProcess finished with exit code 1",
]


@pytest.mark.parametrize("after", USERS_WORDS)
def test_the_users_words_after_an_exception_line_are_not_its_message(after: str) -> None:
    error = _forward_missing()
    parsed = parse(f"```\n{_line(error)}{after}")
    assert parsed.exceptions[-1].message == str(error)


@pytest.mark.parametrize("after", USERS_WORDS[:5])
def test_a_message_only_fuzzy_matching_reads_is_read_despite_the_words_after_it(
    after: str,
) -> None:
    diagnosis = torchwhy.explain(_line(_forward_missing()) + after, use_embedding=False)
    assert diagnosis.category == "module/forward-misuse"


def test_a_traceback_followed_by_the_users_words_keeps_its_message() -> None:
    error = _forward_missing()
    paste = "".join(traceback.format_exception(error)) + "```\nAny idea? I followed the README."
    assert parse(paste).exceptions[-1].message == str(error)


def test_the_closing_quote_of_the_users_inline_quoting_is_not_the_messages() -> None:
    error = _forward_missing()
    paste = f"I got this error:\n`{_line(error)}`\n\nAny suggestions?"
    assert parse(paste).exceptions[-1].message == str(error)


def test_a_quoted_generic_python_error_stays_unknown_without_its_backtick() -> None:
    # Python's own wording about a config class: nothing of PyTorch, whatever it resembles.
    paste = (
        "I received the following error message:\n"
        "`TypeError: TrainConfig.map_args() takes 2 positional arguments but 3 were given`\n"
        "Do you have any good suggestions? Thank you!"
    )
    assert parse(paste).exceptions[-1].message.endswith("were given")
    assert torchwhy.explain(paste, use_embedding=False).category == "unknown"


class Thing:  # a class weights_only loading refuses
    pass


def _weights_only_failure() -> BaseException:
    buffer = io.BytesIO()
    torch.save({"thing": Thing()}, buffer)
    buffer.seek(0)
    return _raised(lambda: torch.load(buffer, weights_only=True))


def _state_dict_mismatch() -> BaseException:
    return _raised(lambda: torch.nn.Linear(2, 2).load_state_dict({"weight": torch.zeros(3, 2)}))


# Paragraphs, tab-indented options and a closing sentence; tab-indented key lists.
@pytest.mark.parametrize("failure", [_weights_only_failure, _state_dict_mismatch])
def test_torchs_own_multi_line_messages_stay_whole(failure) -> None:
    error = failure()
    printed = "".join(traceback.format_exception(error))
    message = parse(printed).exceptions[-1].message
    assert message.endswith(str(error).strip().rsplit("\n", 1)[-1].strip())  # its last line
    assert parse(printed + "\nThanks in advance!").exceptions[-1].message == message


def _ambiguous_bool() -> BaseException:
    return _raised(lambda: bool(torch.ones(3) > 0))


@pytest.mark.parametrize(
    "template",
    [
        # Chinese prose with no space on either side of the English error.
        "当我将labelled设置为True时,出现了{line}这个错误,这是怎么回事呢?",
        # Markdown bold around the error, inside the user's quotes.
        'and getting an error like "**{line}**" when the loop starts',
        "getting an error like\n**{line}**",
    ],
)
def test_an_error_quoted_in_prose_is_read_without_the_quoting_around_it(template: str) -> None:
    error = _ambiguous_bool()
    paste = template.format(line=_line(error))
    assert parse(paste).exceptions[-1].message == str(error)
    assert torchwhy.explain(paste, use_embedding=False).category == "value/ambiguous-bool"


def _rewrapped(where: str, action) -> str:
    """What torch's ExceptionWrapper prints when it re-raises `action`'s error from `where`."""
    from torch._utils import ExceptionWrapper

    try:
        action()
    except Exception:
        wrapper = ExceptionWrapper(where=where)
    else:
        raise AssertionError("expected an error")
    return "".join(traceback.format_exception(_raised(wrapper.reraise)))


def test_a_replicas_error_is_read_inside_dataparallels_wrapper() -> None:
    paste = _rewrapped("in replica 0 on device 0", lambda: torch.zeros(4, 3) @ torch.zeros(4, 3))
    parsed = parse(paste)
    assert parsed.exceptions[-1].message == "Caught RuntimeError in replica 0 on device 0."
    assert torchwhy.explain(paste, use_embedding=False).category == "shape/matmul-mismatch"


def test_a_wrappers_header_alone_is_not_guessed_as_another_components() -> None:
    # Without the replica's own error, the header says only where it was caught: no reading,
    # least of all the DataLoader worker's that its wording resembles.
    header = _rewrapped("in replica 0 on device 0", lambda: bool(torch.ones(3) > 0)).split(
        "\nOriginal"
    )[0]
    paste = f"When I use DataParallel, the error will appear:\n{header.splitlines()[-1]}\n"
    assert torchwhy.explain(paste, use_embedding=False).category == "unknown"


@pytest.mark.parametrize(
    ("template", "action"),
    [
        ("{type} {message}\n\n请问在CPU上怎么设置?", lambda: torch.zeros(2, 3) @ torch.zeros(2, 3)),
        ('you will be stuck with the problem:"{type} {message}"', lambda: iter(torch.tensor(1.0))),
    ],
)
def test_an_error_retyped_without_its_colon_is_read(template: str, action) -> None:
    error = _raised(action)
    paste = template.format(type=type(error).__name__, message=error)
    (parsed,) = parse(paste).exceptions
    assert (parsed.type, parsed.message) == (type(error).__name__, str(error))


@pytest.mark.parametrize(
    "paste",
    [
        "Just met a RuntimeError when the program went to line 191 in solver.py",
        "KeyError                                  Traceback (most recent call last)",
    ],
)
def test_a_type_named_in_a_sentence_is_no_exception_line(paste: str) -> None:
    assert all(not exc.message.startswith(("when", "Traceback")) for exc in parse(paste).exceptions)


def _progress_bar() -> str:
    from tqdm import tqdm

    return tqdm.format_meter(62, 101, 100.3, prefix="Train epoch 1/20")


def test_a_warning_glued_to_a_progress_bar_is_still_read_above_the_error() -> None:
    import warnings

    import torch.nn.functional as F

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        error = _raised(lambda: F.mse_loss(torch.randn(8, 2), torch.randn(3)))
    warning = caught[0]
    # tqdm's last redraw ends with no newline: the warning is printed on the bar's line.
    paste = (
        f"{_progress_bar()}/usr/lib/python3.11/site-packages/torch/nn/functional.py:"
        f"{warning.lineno}: UserWarning: {warning.message}\n"
        "  return F.mse_loss(input, target)\n" + "".join(traceback.format_exception(error))
    )
    assert [exc.type for exc in parse(paste).exceptions] == ["UserWarning", "RuntimeError"]
    assert torchwhy.explain(paste, use_embedding=False).category == "shape/target-shape"


@pytest.mark.parametrize("before", ["> Loading Model", "`", "{bar}"])
def test_a_traceback_header_glued_to_other_output_still_starts_the_traceback(before: str) -> None:
    import warnings

    error = _raised(lambda: torch.zeros(2, 3) @ torch.zeros(2, 3))
    # A warning printed earlier in the log is not the traceback's exception.
    paste = (
        warnings.formatwarning("a warning", UserWarning, "train.py", 3)
        + before.format(bar=_progress_bar())
        + "".join(traceback.format_exception(error))
    )
    parsed = parse(paste)
    assert parsed.exceptions[-1].type == "RuntimeError"
    assert parsed.exceptions[-1].message == str(error)
    assert parsed.exceptions[-1].frames
