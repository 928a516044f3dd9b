"""Corpora of real users' PyTorch errors.

tests/realworld/cases.yaml: the first corpus (many of its threads were also used to write
the knowledge base). tests/realworld/cases_heldout.yaml: a second corpus whose threads are
cited nowhere in the repository, so it measures accuracy on reports the KB was not built
from. tests/realworld/cases_round3.yaml: a third held-out corpus, from projects unlike
the first two (mmdet, pyg, ComfyUI, webuis, vllm, deepspeed...). The fourth to seventh
corpora (cases_round4*.yaml ... cases_round10*.yaml) were collected blind by
generic searches, with non-PyTorch negatives (round 10 mostly from web pages: forums and blogs), each split into a half to tune on and a held-out half. `load_cases()` /
`load_heldout()` are shared by the tests and by bench/realworld_accuracy.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CASES_FILE = Path(__file__).with_name("cases.yaml")
HELDOUT_FILE = Path(__file__).with_name("cases_heldout.yaml")
ROUND3_FILE = Path(__file__).with_name("cases_round3.yaml")
# The blind corpora (rounds 4-10), collected by generic searches with non-PyTorch negatives, each
# split in two: (a half to tune on, a half that measures).
BLIND_ROUND_FILES = {
    number: (
        Path(__file__).with_name(f"cases_round{number}.yaml"),
        Path(__file__).with_name(f"cases_round{number}_heldout.yaml"),
    )
    for number in (4, 5, 6, 7, 8, 9, 10)
}


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    expected_category: str
    text: str
    note: str | None = None
    known_gap: str | None = None
    # "pytorch": an error of PyTorch usage (`unknown` expected = no category fits it);
    # "negative": not about PyTorch. The first three corpora leave it unset.
    kind: str | None = None

    @property
    def is_negative(self) -> bool:
        if self.kind is not None:
            return self.kind == "negative"
        return self.expected_category == "unknown"

    @property
    def family(self) -> str:
        return self.expected_category.split("/", 1)[0]


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    import yaml

    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = [Case(**item) for item in raw]
    ids = [c.id for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate case ids in {path.name}: {duplicates}")
    return cases


def load_heldout(path: Path = HELDOUT_FILE) -> list[Case]:
    """The second, held-out corpus; its ids must not collide with the first corpus's."""
    cases = load_cases(path)
    clash = sorted({c.id for c in cases} & {c.id for c in load_cases()})
    if clash:
        raise ValueError(f"case ids in both {path.name} and {CASES_FILE.name}: {clash}")
    return cases


def load_round3(path: Path = ROUND3_FILE) -> list[Case]:
    """The third, held-out corpus; its ids must not collide with the other two corpora's."""
    cases = load_cases(path)
    others = {c.id for c in load_cases()} | {c.id for c in load_cases(HELDOUT_FILE)}
    clash = sorted({c.id for c in cases} & others)
    if clash:
        raise ValueError(f"case ids in both {path.name} and another corpus: {clash}")
    return cases


def _blind_round(number: int, half: str) -> list[Case]:
    """A blind corpus's half. A held-out half's ids may collide with no other corpus's: not
    its tuning half's, nor any older corpus's (a case read twice is no longer held out)."""
    tune_file, heldout_file = BLIND_ROUND_FILES[number]
    if half == "tune":
        return load_cases(tune_file)
    cases = load_cases(heldout_file)
    older = [CASES_FILE, HELDOUT_FILE, ROUND3_FILE, tune_file] + [
        path for n, files in BLIND_ROUND_FILES.items() if n < number for path in files
    ]
    clash = sorted({c.id for c in cases} & {c.id for path in older for c in load_cases(path)})
    if clash:
        raise ValueError(f"case ids in {heldout_file.name} and another corpus: {clash}")
    return cases


def load_round4() -> list[Case]:
    """The fourth corpus's tuning half."""
    return _blind_round(4, "tune")


def load_round4_heldout() -> list[Case]:
    """The fourth corpus's held-out half: it measures, nothing is tuned on it."""
    return _blind_round(4, "heldout")


def load_round5() -> list[Case]:
    """The fifth corpus's tuning half."""
    return _blind_round(5, "tune")


def load_round5_heldout() -> list[Case]:
    """The fifth corpus's held-out half: it measures, nothing is tuned on it."""
    return _blind_round(5, "heldout")


def load_round6() -> list[Case]:
    """The sixth corpus's tuning half."""
    return _blind_round(6, "tune")


def load_round6_heldout() -> list[Case]:
    """The sixth corpus's held-out half: it measures, nothing is tuned on it."""
    return _blind_round(6, "heldout")


def load_round7() -> list[Case]:
    """The seventh corpus's tuning half."""
    return _blind_round(7, "tune")


def load_round7_heldout() -> list[Case]:
    """The seventh corpus's held-out half: it measures, nothing is tuned on it."""
    return _blind_round(7, "heldout")


def load_round8() -> list[Case]:
    """The eighth corpus's tuning half."""
    return _blind_round(8, "tune")


def load_round8_heldout() -> list[Case]:
    """The eighth corpus's held-out half: it measures, nothing is tuned on it."""
    return _blind_round(8, "heldout")


def load_round9() -> list[Case]:
    """The ninth corpus's tuning half."""
    return _blind_round(9, "tune")


def load_round9_heldout() -> list[Case]:
    """The ninth corpus's held-out half: it measures, nothing is tuned on it."""
    return _blind_round(9, "heldout")


def load_round10() -> list[Case]:
    """The tenth corpus's tuning half."""
    return _blind_round(10, "tune")


def load_round10_heldout() -> list[Case]:
    """The tenth corpus's held-out half: it measures, nothing is tuned on it."""
    return _blind_round(10, "heldout")
