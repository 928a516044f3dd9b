"""Patterns in the bug journal: counts by category, recurring culprits, this month's top bugs,
and a Markdown export for sharing."""

from __future__ import annotations

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


def _label(record: dict[str, Any]) -> str:
    return str(record.get("entry") or record.get("category") or "unknown")


def summarize(journal: Journal, *, now: datetime | None = None) -> dict[str, Any]:
    """The patterns over time, as plain data (the `--json` summary)."""
    now = now or datetime.now(timezone.utc)
    since = now - timedelta(days=RECENT_DAYS)
    records = journal.records
    recent = [r for r in records if (parse_time(r.get("time")) or now) >= since]
    by_category = Counter(str(r.get("category") or "unknown") for r in records)
    culprits = Counter(str(r["culprit"]) for r in records if r.get("culprit"))
    top_recent = Counter(_label(r) for r in recent)
    titles = {_label(r): r.get("title") or r.get("category") for r in records}
    return {
        "total": len(records),
        "recent_days": RECENT_DAYS,
        "recent_total": len(recent),
        "by_category": dict(by_category.most_common()),
        "recurring_culprits": {k: n for k, n in culprits.most_common() if n >= 2},
        "top_recent": [
            {"bug": label, "title": titles.get(label), "count": n}
            for label, n in top_recent.most_common(3)
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
                f"{_cell(rec.get('source'))} |"
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
