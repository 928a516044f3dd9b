"""The JSON form: `Diagnosis.to_dict()`, nothing added."""

from __future__ import annotations

import json

from torchwhy.diagnosis import Diagnosis


def render_json(diagnosis: Diagnosis, *, indent: int | None = None) -> str:
    return json.dumps(diagnosis.to_dict(), indent=indent, ensure_ascii=False)
