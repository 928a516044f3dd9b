"""Which frames are the user's: everything but the standard library, installed packages,
torch itself and torchwhy."""

from __future__ import annotations

from collections.abc import Callable

from torchwhy.translator.library_paths import is_library_file


class FrameClassifier:
    """Caches the user/library verdict per filename for one trace."""

    def __init__(self, user_code_filter: Callable[[str], bool] | None) -> None:
        self._filter = user_code_filter
        self._verdicts: dict[str, bool] = {}

    def is_user(self, filename: str) -> bool:
        verdict = self._verdicts.get(filename)
        if verdict is None:
            if self._filter is not None:
                try:
                    verdict = bool(self._filter(filename))
                except Exception:
                    verdict = not is_library_file(filename)
            else:
                verdict = not is_library_file(filename)
            self._verdicts[filename] = verdict
        return verdict
