"""Patterns in the bug journal: counts by category, recurring culprits, this month's top bugs,
and a Markdown export for sharing."""

from __future__ import annotations

import os
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Any

from torchwhy.journal.store import Journal

RECENT_DAYS = 30


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _bug(record: dict[str, Any]) -> tuple[str, str]:
    """What makes two records the same bug: the entry that read them, and its category."""
    category = str(record.get("category") or "unknown")
    return str(record.get("entry") or category), category


def bug_title(entry_id: str, category: str) -> str:
    """A bug group's label: its entry's own title (placeholders filled from the entry's
    defaults), never one instance's; the category's description when the title needs
    values only an instance had, or the entry is gone."""
    from torchwhy.categories import CATEGORIES
    from torchwhy.knowledge_base import KnowledgeBaseError, by_id
    from torchwhy.translator.templating import PLACEHOLDER, fill

    try:
        entry = by_id(entry_id)
    except (KnowledgeBaseError, OSError):
        entry = None
    if entry is not None:
        title = fill(entry.title, entry.defaults)
        if not PLACEHOLDER.search(title):
            return title
    described = CATEGORIES.get(category, category)
    return described[:1].upper() + described[1:]


def shown_source(source: Any, cwd: str | None = None) -> str:
    """A journal source as the tables show it: relative to the working directory when the
    file is under it, else absolute; names that are no path (`<stdin>`) as they are."""
    text = "" if source is None else str(source)
    if not os.path.isabs(text):
        return text
    cwd = cwd or os.getcwd()
    try:
        relative = os.path.relpath(text, cwd)
    except ValueError:  # another drive
        return text
    return text if relative.startswith(os.pardir) else relative


def summarize(journal: Journal, *, now: datetime | None = None) -> dict[str, Any]:
    """The patterns over time, as plain data (the `--json` summary)."""
    now = now or datetime.now(timezone.utc)
    since = now - timedelta(days=RECENT_DAYS)
    records = journal.records
    recent = [r for r in records if (parse_time(r.get("time")) or now) >= since]
    by_category = Counter(str(r.get("category") or "unknown") for r in records)
    culprits = Counter(str(r["culprit"]) for r in records if r.get("culprit"))
    top_recent = Counter(_bug(r) for r in recent)
    return {
        "total": len(records),
        "recent_days": RECENT_DAYS,
        "recent_total": len(recent),
        "by_category": dict(by_category.most_common()),
        "recurring_culprits": {k: n for k, n in culprits.most_common() if n >= 2},
        "top_recent": [
            {"bug": bug, "category": category, "title": bug_title(bug, category), "count": n}
            for (bug, category), n in top_recent.most_common(3)
        ],
        "notes": sum(len(v) for v in journal.notes.values()),
        "skipped_lines": list(journal.skipped),
    }


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.replace("|", "\\|").split())


def to_markdown(journal: Journal, *, limit: int = 20) -> str:
    """The journal as Markdown: patterns first, then the recent records with their notes."""
    summary = summarize(journal)
    out = ["# torchwhy bug journal", ""]
    out.append(
        f"{summary['total']} errors recorded, {summary['recent_total']} in the last "
        f"{summary['recent_days']} days."
    )
    out.append("")
    if summary["top_recent"]:
        out += [f"## Your most frequent bugs (last {summary['recent_days']} days)", ""]
        for index, item in enumerate(summary["top_recent"], 1):
            out.append(f"{index}. `{item['bug']}`: {_cell(item['title'])} ({item['count']}×)")
        out.append("")
    if summary["by_category"]:
        out += ["## By category", "", "| category | count |", "|---|---|"]
        out += [f"| `{k}` | {n} |" for k, n in summary["by_category"].items()]
        out.append("")
    if summary["recurring_culprits"]:
        out += ["## Recurring culprits", "", "| culprit | count |", "|---|---|"]
        out += [f"| `{_cell(k)}` | {n} |" for k, n in summary["recurring_culprits"].items()]
        out.append("")
    records = journal.records[-limit:] if limit else journal.records
    if records:
        out += ["## Recent errors", ""]
        out += ["| time | id | category | culprit | source |", "|---|---|---|---|---|"]
        for rec in reversed(records):
            out.append(
                f"| {_cell(rec.get('time'))} | `{_cell(rec.get('id'))}` | "
                f"`{_cell(rec.get('category'))}` | {_cell(rec.get('culprit'))} | "
                f"{_cell(shown_source(rec.get('source')))} |"
            )
        out.append("")
        noted = [r for r in reversed(records) if journal.notes.get(str(r.get("id")))]
        if noted:
            out += ["## Notes", ""]
            for rec in noted:
                out.append(f"### `{rec.get('id')}` {_cell(rec.get('category'))}")
                out.append("")
                out.append(f"> {_cell(rec.get('message'))[:300]}")
                out.append("")
                for note in journal.notes[str(rec.get("id"))]:
                    out.append(f"- **Fixed by:** {_cell(note.get('fixed'))}")
                    if note.get("diagnosed"):
                        out.append(f"- **Diagnosed by:** {_cell(note.get('diagnosed'))}")
                    if note.get("next_time"):
                        out.append(f"- **Next time:** {_cell(note.get('next_time'))}")
                out.append("")
    return "\n".join(out).rstrip() + "\n"
