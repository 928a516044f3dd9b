"""`explain()`: normalise → match (rules → fuzzy → embedding) → trace → a Diagnosis.

Stages run cheapest first and stop as soon as one is sure. Every answer carries a
confidence and the stage that found it; below the thresholds the answer is `unknown`.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, replace

from torchwhy.call_context import CallContext
from torchwhy.categories import CATEGORIES, UNKNOWN
from torchwhy.diagnosis import Alternative, Culprit, Diagnosis, Location
from torchwhy.dtypes import from_scalar_type
from torchwhy.fixes import fixes_for
from torchwhy.fixes.code import module_path_code, unfilled
from torchwhy.knowledge_base import Entry, load
from torchwhy.library_paths import is_library_file
from torchwhy.translator import calibration
from torchwhy.translator.candidates import Candidate, applies_to
from torchwhy.translator.evidence import (
    PYTHON_ONLY_TYPES,
    gather,
    is_foreign,
    is_python_generic,
    names_only,
)
from torchwhy.translator.normalize import (
    Frame,
    ParsedError,
    ParsedException,
    is_wrapper_header,
    parse,
)
from torchwhy.translator.raised_in import SPAWNED_MAIN_READING, cut_in_spawned_main, places_of
from torchwhy.translator.reported_change import reported_change
from torchwhy.translator.rules import match_rules
from torchwhy.translator.templating import fill

# A fuzzy score (as confidence) at or above this is trusted without asking the embeddings.
FUZZY_SURE = 0.78
# Without embeddings, a fuzzy answer this good is still given, with its low confidence.
FUZZY_ENOUGH = 0.68
EMBEDDING_ENOUGH = 0.6
CONTEXT_BONUS = 0.06
CODE_CONTEXT_BONUS = 0.08
INNERMOST_FRAMES = 2  # frames outside torch whose code and paths tell where it was raised
CONTEXT_PENALTY = 0.3
# A reading of a category the place that raised the error supports (raised_in.PLACES): a
# nudge among rule hits, more among guesses, which the message alone decides less.
PLACE_BONUS = 0.03
GUESS_PLACE_BONUS = 0.1
# A reading from the place alone, the message matching no rule: a possible reading, below
# every measured rule bin, so never a verdict until calibration measures such readings.
PLACE_READING = 0.85
# The entry read from the reporter's own words about a version change (reported_change).
REPORTED_CHANGE_READING = "version-change-reported"
MAX_ALTERNATIVES = 5

# Wordings of other libraries that resemble torch's closely enough to fool fuzzy matching.
_FOREIGN_WORDING = re.compile(
    r"out of bounds for axis \d+"  # numpy: torch says "dimension"
    r"|operands could not be broadcast together with shapes"  # numpy broadcasting
)
_CUDA_ASYNC_NOTE = (
    "CUDA reports errors asynchronously: the line in the traceback may not be the operation "
    "that failed, and the process cannot recover. Rerun with CUDA_LAUNCH_BLOCKING=1, or run "
    "the same step on the CPU, to see the real failing line and a clearer message."
)
_RETAINED_MEMORY_NOTE = (
    "The traceback itself keeps the failed step's tensors alive (Jupyter keeps it in "
    "sys.last_traceback): free it (`del` the exception, `%reset -f out`) before retrying."
)


@dataclass(frozen=True)
class _Source:
    """One message to match: an exception of the chain or a kernel assert line."""

    index: int  # -1 for kernel asserts (most specific), then root cause first
    exception_type: str | None
    message: str
    quoted: bool = False  # a span quoted in prose (ParsedException.quoted)


KERNEL_ASSERT = -1  # the source index of CUDA kernel assert lines


def _sources(parsed: ParsedError) -> list[_Source]:
    sources = [_Source(KERNEL_ASSERT, None, line) for line in parsed.kernel_asserts]
    for index, exc in enumerate(parsed.exceptions):
        if exc.message:
            sources.append(_Source(index, exc.type, exc.message, exc.quoted))
    return sources


def _context_seen(entry: Entry, context: CallContext) -> tuple[bool, bool]:
    """Whether the entry's functions/modules are on the stack, and whether its code
    patterns match a line of the innermost frames."""
    names = [*entry.context_functions, *entry.context_modules]
    named = bool(names) and context.mentions(names)
    # A code line such as `self.wpe(position_ids)` is more specific than a function name.
    coded = bool(entry.context_code) and context.shows_code(entry.context_code)
    return named, coded


def _with_context(candidate: Candidate, context: CallContext) -> Candidate:
    entry = candidate.entry
    if not entry.has_context:
        return candidate
    named, coded = _context_seen(entry, context)
    if named or coded:
        bonus = (CONTEXT_BONUS if named else 0.0) + (CODE_CONTEXT_BONUS if coded else 0.0)
        confidence = min(0.99, candidate.confidence + bonus)
    elif context.known and candidate.source_index != KERNEL_ASSERT:
        # A kernel assert is reported asynchronously: the Python stack shows where CUDA
        # noticed, not where the kernel ran, so it cannot speak against the reading.
        confidence = candidate.confidence - CONTEXT_PENALTY
    else:
        return candidate
    return replace(candidate, confidence=round(confidence, 3))


def _supported(parsed: ParsedError) -> dict[int, frozenset[str]]:
    """For each exception of the input, the categories the place it was raised from supports."""
    return {
        index: frozenset(c for place in places_of(exc) for c in place.categories)
        for index, exc in enumerate(parsed.exceptions)
    }


def _with_place(
    candidate: Candidate, supported: dict[int, frozenset[str]], bonus: float
) -> Candidate:
    # An entry that declares its own context was already judged by the frames, more closely.
    entry = candidate.entry
    if entry.has_context or entry.category not in supported.get(candidate.source_index, ()):
        return candidate
    return replace(candidate, confidence=round(min(0.99, candidate.confidence + bonus), 3))


def _corroborated(
    candidate: Candidate, context: CallContext, supported: dict[int, frozenset[str]]
) -> bool | None:
    """Whether the frames speak for the reading (its entry's context is on them, or the place
    that raised supports its category); None when there are no frames to speak."""
    if not context.known:
        return None
    entry = candidate.entry
    if entry.has_context and any(_context_seen(entry, context)):
        return True
    return entry.category in supported.get(candidate.source_index, ())


def _place_readings(parsed: ParsedError, entries: tuple[Entry, ...]) -> list[Candidate]:
    """Readings from where the error was raised alone (an import failing inside a library's
    module code), for messages no rule reads."""
    with_reading = [
        (index, exc, place)
        for index, exc in enumerate(parsed.exceptions)
        for place in places_of(exc)
        if place.reading
    ]
    if not with_reading:  # the common case: no entry needs reading from the cache
        return []
    by_id = {entry.id: entry for entry in entries}
    found = []
    for index, exc, place in with_reading:
        entry = by_id.get(place.reading)
        # A place known by the exception's own type needs no other type check.
        if entry is not None and (place.raised_as or applies_to(entry, exc.type)):
            found.append(Candidate(entry, PLACE_READING, "rule", {}, index, corroborated=True))
    return found


def _rank(
    candidates: list[Candidate],
    context: CallContext,
    supported: dict[int, frozenset[str]] | None = None,
    place_bonus: float = PLACE_BONUS,
) -> list[Candidate]:
    adjusted = [_with_context(c, context) for c in candidates]
    if supported:
        adjusted = [_with_place(c, supported, place_bonus) for c in adjusted]
    adjusted = [
        c
        if c.corroborated is not None
        else replace(c, corroborated=_corroborated(c, context, supported or {}))
        for c in adjusted
    ]
    adjusted.sort(key=lambda c: (-c.confidence, c.source_index, -c.entry.priority))
    unique: dict[str, Candidate] = {}
    for candidate in adjusted:
        unique.setdefault(candidate.entry.id, candidate)
    return list(unique.values())


def _rule_allowed(candidate: Candidate, source: _Source, context: CallContext) -> bool:
    """A rule on one of Python's generic wordings needs its entry's context on the stack:
    `'NoneType' object has no attribute 'size'` means a forward that returned None only
    when it is raised inside a loss's forward."""
    entry = candidate.entry
    if entry.requires_exception_type or not is_python_generic(
        source.message, source.exception_type
    ):
        return True
    return any(_context_seen(entry, context))


# Exceptions that report another process's failure: torchrun's summary, mp.spawn's re-raise.
_WRAPPER_TYPES = frozenset({"ChildFailedError", "ProcessRaisedException", "ProcessExitedException"})
WRAPPER_DISCOUNT = 0.05
# A reading of the launcher's summary alone: below every measured rule bin, never a verdict.
SUMMARY_ONLY = 0.85


def _is_summary(hit: Candidate, sources: dict[int, _Source]) -> bool:
    """Raised as a launcher's exception, or read by an entry that only reads such summaries
    (a truncated paste may keep the summary's text without its exception line)."""
    exceptions = set(hit.entry.exceptions)
    return sources[hit.source_index].exception_type in _WRAPPER_TYPES or bool(
        exceptions and exceptions <= _WRAPPER_TYPES
    )


def _reports_another(hit: Candidate, sources: dict[int, _Source]) -> bool:
    """A launcher's summary, or a DataLoader worker's `Caught X in DataLoader worker process
    N.` header: both say where another error happened, not what it was."""
    return _is_summary(hit, sources) or is_wrapper_header(sources[hit.source_index].message)


def _children_first(hits: list[Candidate], sources: dict[int, _Source]) -> list[Candidate]:
    """A launcher's summary or a worker's header only says that an error happened elsewhere:
    when that error is read too, its reading comes first, whichever the paste printed first
    (the header's own reading keeps its confidence when it is all there is)."""
    if all(_reports_another(hit, sources) for hit in hits):
        return hits
    return [
        replace(hit, confidence=round(hit.confidence - WRAPPER_DISCOUNT, 3))
        if _reports_another(hit, sources)
        else hit
        for hit in hits
    ]


def _summary_alone_unsure(ranked: list[Candidate], sources: dict[int, _Source]) -> list[Candidate]:
    """The summary alone says that a child failed and how it exited, never why (an exit code
    1 is any Python error): a possible reading until the child's own error is seen."""
    if not ranked or not all(_is_summary(hit, sources) for hit in ranked):
        return ranked
    return [replace(hit, confidence=min(hit.confidence, SUMMARY_ONLY)) for hit in ranked]


def _explained_by_warning(ranked: list[Candidate], sources: dict[int, _Source]) -> list[Candidate]:
    """A warning printed above an error decides its reading only where the warning's entry
    says it explains errors of that category: a target-size UserWarning above a broadcast
    error, not above an unrelated view error."""
    errors = [c for c in ranked if not _is_warning(sources[c.source_index])]
    if not errors:
        return ranked
    best_error = errors[0]
    warnings = [c for c in ranked if _is_warning(sources[c.source_index])]
    explaining = [c for c in warnings if best_error.entry.category in c.entry.explains]
    if not explaining:
        # A warning printed above an error is context, not the failure: its own reading (the
        # CUDA-initialization warning above a view error) comes after the error's.
        return [*errors, *warnings]
    # The warning is what speaks for the reading, whatever the frames say.
    first = replace(
        explaining[0],
        confidence=max(explaining[0].confidence, best_error.confidence),
        corroborated=True,
    )
    return [first, *(c for c in ranked if c is not explaining[0])]


def _is_warning(source: _Source) -> bool:
    return (source.exception_type or "").endswith("Warning")


def fuzzy_guesses(entries: tuple[Entry, ...], source: _Source) -> list[Candidate]:
    """The fuzzy readings of a guessable source: none for a generic wording whose every name is
    quoted (masked, it reads like any error of its kind; evidence.names_only)."""
    if names_only(source.message):
        return []
    from torchwhy.translator.fuzzy import match_fuzzy  # rapidfuzz: only when rules fail

    return match_fuzzy(entries, source.message, source.index)


def _guessable(source: _Source, entries: tuple[Entry, ...]) -> bool:
    """Whether fuzzy or embedding matching may read this message at all."""
    return (
        source.exception_type not in PYTHON_ONLY_TYPES
        and not _FOREIGN_WORDING.search(source.message)
        and not is_python_generic(source.message, source.exception_type)
        # `Caught RuntimeError in replica 0 on device 0.` says where, not what: a guess could
        # only find another component's header (a DataLoader worker's). Rules name the place.
        and not is_wrapper_header(source.message)
        # Last: it opens entries until one applies to this exception type.
        and any(applies_to(e, source.exception_type, guessing=True) for e in entries)
    )


def _cut_readings(parsed: ParsedError, entries: tuple[Entry, ...]) -> list[Candidate]:
    """Readings of a traceback cut short before its exception line, by where it stopped: the
    innermost place of its frames that names an entry for it (raised_in.Place.cut_reading).
    Scored as a place reading: a possible reading, never a verdict."""
    by_id = {entry.id: entry for entry in entries}
    found = []
    for index, exc in enumerate(parsed.exceptions):
        if not exc.cut:
            continue
        place = next((p for p in places_of(exc) if p.cut_reading in by_id), None)
        reading = place.cut_reading if place is not None else None
        if reading is None and cut_in_spawned_main(exc):
            reading = SPAWNED_MAIN_READING
        if reading in by_id:
            found.append(
                Candidate(by_id[reading], PLACE_READING, "rule", {}, index, corroborated=True)
            )
    return found


def match(
    parsed: ParsedError,
    context: CallContext,
    *,
    use_embedding: bool = True,
) -> list[Candidate]:
    """Ranked readings, best first; empty when nothing is close enough."""
    if is_foreign(parsed):  # another framework's error, however torch-like its wording
        return []
    ranked = _match_messages(parsed, context, use_embedding=use_embedding)
    if ranked or not any(exc.cut for exc in parsed.exceptions):
        return ranked
    # Nothing read the messages, and a traceback was cut short: read it by where it stopped,
    # a possible reading whatever context the stack adds (it never saw the error itself).
    return [
        replace(c, confidence=min(c.confidence, PLACE_READING))
        for c in _rank(_cut_readings(parsed, load()), context)
    ]


def _match_messages(
    parsed: ParsedError,
    context: CallContext,
    *,
    use_embedding: bool = True,
) -> list[Candidate]:
    """match() on the messages of the paste (and places that read an exception line)."""
    entries = load()
    sources = _sources(parsed)
    sources_by_index = {source.index: source for source in sources}
    supported = _supported(parsed)
    rule_hits = [
        hit
        for source in sources
        for hit in match_rules(entries, source.message, source.exception_type, source.index)
        if _rule_allowed(hit, sources_by_index[hit.source_index], context)
    ]
    if rule_hits:
        ranked = _rank(_children_first(rule_hits, sources_by_index), context, supported)
        ranked = _summary_alone_unsure(ranked, sources_by_index)
        return _explained_by_warning(ranked, sources_by_index)
    from_place = _place_readings(parsed, entries)
    if from_place:
        return _rank(from_place, context)

    # Fuzzy and embedding answers never read Python's own generic wordings, a KeyError or
    # numpy's twin of a torch message.
    sources = [s for s in sources if _guessable(s, entries)]
    if not sources:
        return []

    # A span quoted in prose may be any words in quotes: only one nearly a torch wording (a
    # fragment of it), in a paste with evidence of PyTorch (evidence.gather), is read, and
    # never by the embeddings.
    quotes_readable = any(source.quoted for source in sources) and gather(parsed, context).found

    def allowed(candidates: list[Candidate], source: _Source) -> list[Candidate]:
        return [
            c
            for c in candidates
            if applies_to(c.entry, source.exception_type, guessing=True)
            and (not source.quoted or (quotes_readable and c.confidence >= FUZZY_SURE))
        ]

    fuzzy = _rank(
        [hit for source in sources for hit in allowed(fuzzy_guesses(entries, source), source)],
        context,
        supported,
        GUESS_PLACE_BONUS,
    )
    # A message this close to one torch raises is torch's wording: evidence enough.
    if fuzzy and fuzzy[0].confidence >= FUZZY_SURE:
        return fuzzy
    # Weaker matches need evidence that the input is about PyTorch at all. Deciding that
    # loads no model: a non-PyTorch paste answers at rule speed.
    if not gather(parsed, context).found:
        return []
    if use_embedding:
        from torchwhy.translator.embedding import EmbeddingUnavailable, match_embedding

        try:
            embedded = _rank(
                [
                    hit
                    for source in sources
                    if not source.quoted
                    for hit in allowed(
                        match_embedding(entries, source.message, source.index), source
                    )
                ],
                context,
                supported,
                GUESS_PLACE_BONUS,
            )
        except EmbeddingUnavailable:
            embedded = []
        if embedded and embedded[0].confidence >= EMBEDDING_ENOUGH:
            if fuzzy and fuzzy[0].confidence >= embedded[0].confidence:
                return fuzzy
            return embedded
    if fuzzy and fuzzy[0].confidence >= FUZZY_ENOUGH:
        return fuzzy
    return []


def _reported_readings(text: str, parsed: ParsedError, context: CallContext) -> list[Candidate]:
    """Nothing read the messages, yet the reporter ties the error to a version change of torch or
    its ecosystem (reported_change): that reading, as a possible reading only."""
    if is_foreign(parsed):
        return []
    change = reported_change(text)
    if change is None or not (change.names_pytorch_library or gather(parsed, context).found):
        return []
    entry = next((e for e in load() if e.id == REPORTED_CHANGE_READING), None)
    if entry is None:
        return []
    captures = {"library": change.library} if change.library else {}
    return [Candidate(entry, PLACE_READING, "rule", captures, 0, corroborated=True)]


def possible_readings(
    error: str | BaseException, *, use_embedding: bool = False, limit: int = 10
) -> list[Candidate]:
    """Every reading the stages consider for `error`, best first, without stopping at the
    first sure one: the readings a person must tell apart (drill's choices). Rule hits, then
    fuzzy and (when asked) embedding hits on the messages those stages may read."""
    if isinstance(error, BaseException):
        from torchwhy.translator.live import parse_live

        parsed = parse_live(error)
    else:
        parsed = parse(error)
    context = _text_context(parsed)
    entries = load()
    sources = _sources(parsed)
    found = [
        hit
        for source in sources
        for hit in match_rules(entries, source.message, source.exception_type, source.index)
        if _rule_allowed(hit, source, context)
    ]
    for source in sources:
        if not _guessable(source, entries):
            continue
        guesses = fuzzy_guesses(entries, source)
        if use_embedding:
            from torchwhy.translator.embedding import EmbeddingUnavailable, match_embedding

            with contextlib.suppress(EmbeddingUnavailable):
                guesses += match_embedding(entries, source.message, source.index)
        found += [c for c in guesses if applies_to(c.entry, source.exception_type, guessing=True)]
    return _rank(found, context)[:limit]


def contested(ranked: list[Candidate]) -> bool:
    """Another category scored almost as high as the best reading."""
    best = ranked[0]
    return any(
        c.entry.category != best.entry.category
        and best.confidence - c.confidence <= calibration.CONTESTED_MARGIN
        for c in ranked[1:]
    )


def calibrated(candidate: Candidate, *, is_contested: bool) -> float:
    stage = calibration.stage_kind(candidate.matched_by, candidate.corroborated)
    return round(
        calibration.probability(stage, candidate.confidence, contested=is_contested),
        3,
    )


_TORCH_FILE = re.compile(r"[/\\]torch[/\\]")


def _innermost_outside_torch(frames: list[Frame]) -> list[Frame]:
    """The frames that raised, up to the few innermost outside torch itself: torch's module
    machinery (`_call_impl`, `F.embedding`) says nothing about *which* embedding failed, the
    caller (`self.wpe(position_ids)` in modeling_gpt2.py) does."""
    chosen: list[Frame] = []
    outside = 0
    for frame in reversed(frames):
        chosen.append(frame)
        outside += not _TORCH_FILE.search(frame.file)
        if outside >= INNERMOST_FRAMES:
            break
    return chosen


def _text_context(parsed: ParsedError) -> CallContext:
    frames = parsed.frames
    innermost = _innermost_outside_torch(parsed.exceptions[0].frames if parsed.exceptions else [])
    # IPython writes methods as `Conv2d.forward`: the function, and the class as a module type.
    qualified = [f.function.split(".") for f in frames if f.function]
    return CallContext(
        functions=tuple(dict.fromkeys(parts[-1] for parts in qualified)),
        module_types=tuple(dict.fromkeys(parts[-2] for parts in qualified if len(parts) > 1)),
        innermost_code=tuple(
            text for frame in innermost for text in (frame.file, frame.code) if text
        ),
    )


def _text_location(parsed: ParsedError) -> Location | None:
    for exc in parsed.exceptions:
        user_frames = [f for f in exc.frames if not is_library_file(f.file)]
        if user_frames:
            frame = user_frames[-1]
            return Location(frame.file, frame.line, frame.function, frame.code)
    return None


def _headline(parsed: ParsedError) -> ParsedException | None:
    return parsed.exceptions[0] if parsed.exceptions else None


def _template_values(
    entry: Entry, captures: dict[str, str], culprits: list[Culprit]
) -> dict[str, str]:
    """Values for an entry's placeholders: `{culprit}` is a bare name for code (as written at
    the failing call),
    `{culprit_ref}` the prose form (the traced name in backticks, or a neutral phrase);
    `{module}` and `{module_ref}` likewise for the nn.Module path the tracer found."""
    role = entry.roles[0] if entry.roles else "offending"
    values = {
        "culprit": "x",
        "culprit_ref": f"the {role} tensor",
        **entry.defaults,
        **{name: from_scalar_type(value) or value for name, value in captures.items()},
    }
    if culprits:
        values["culprit"] = culprits[0].passed_as or culprits[0].expression
        values["culprit_ref"] = f"`{culprits[0].expression}`"
    # `{module}` / `{module_ref}`: the layer involved, whichever culprit names it.
    modules = [c.module for c in culprits if c.module]
    module = modules[0] if modules else None
    for deeper in modules:  # the layer inside a container, not the container
        if module and deeper.startswith(module + "."):
            module = deeper
    values.setdefault("module", "model.layer")
    values.setdefault("module_ref", "the layer")
    if module and "module" not in captures:  # the message's own word for it wins
        values["module"] = module_path_code(module)  # code: `model.classifier[0]`
        values["module_ref"] = f"`{module}`"
    return values


def reading_title(candidate: Candidate) -> str:
    """An alternative's title filled from its own captures; a title that cannot be filled
    falls back to its category, so no `{placeholder}` reaches the user."""
    values = _template_values(candidate.entry, candidate.captures, [])
    if unfilled(candidate.entry.title, values):
        described = CATEGORIES.get(candidate.entry.category, candidate.entry.category)
        return described[:1].upper() + described[1:]
    return fill(candidate.entry.title, values)


def _diagnosis_for(
    best: Candidate,
    ranked: list[Candidate],
    parsed: ParsedError,
    culprits: list[Culprit],
    location: Location | None,
    notes: list[str],
    trace=None,  # provenance.Trace of a live exception: fixes are written from its facts
) -> Diagnosis:
    entry = best.entry
    values = _template_values(entry, best.captures, culprits)
    source = (
        parsed.exceptions[best.source_index]
        if 0 <= best.source_index < len(parsed.exceptions)
        else _headline(parsed)
    )
    probability = calibrated(best, is_contested=contested(ranked))
    verdict = probability >= calibration.verdict_threshold()
    alternatives = [
        Alternative(
            c.entry.id, c.entry.category, reading_title(c), calibrated(c, is_contested=True)
        )
        for c in ranked[1 : 1 + MAX_ALTERNATIVES]
    ]
    return Diagnosis(
        category=entry.category,
        entry=entry.id,
        title=fill(entry.title, values),
        explanation=fill(entry.explanation, values),
        causes=[fill(cause, values) for cause in entry.causes],
        fixes=fixes_for(entry, values, best.captures, culprits, trace),
        confidence=probability,
        matched_by=best.matched_by,
        captures=dict(best.captures),
        alternatives=alternatives,
        culprits=culprits,
        exception_type=source.type if source else None,
        message=source.message if source else "",
        location=location,
        notes=notes,
        docs=list(entry.docs),
        verdict=verdict,
        decide=[] if verdict else what_would_decide(parsed, ranked),
    )


def what_would_decide(parsed: ParsedError, ranked: list[Candidate]) -> list[str]:
    """The evidence that would turn possible readings into one verdict."""
    decide: list[str] = []
    if not parsed.frames:
        decide.append(
            "the whole traceback (from `Traceback (most recent call last):` to the last line): "
            "the calls on it show which reading applies"
        )
    if ranked and set(ranked[0].entry.exceptions) & _WRAPPER_TYPES:
        decide.append(
            "the failing child's own error: torchrun prints its traceback above this summary "
            "(or decorate the entry point with "
            "`torch.distributed.elastic.multiprocessing.errors.record` to have it recorded)"
        )
    readings = ranked[:3]
    categories = {c.entry.category for c in readings}
    if parsed.cuda_async or any(c.startswith("cuda/") for c in categories):
        decide.append(
            "a rerun with `CUDA_LAUNCH_BLOCKING=1` (or the same step on the CPU), which shows the "
            "operation that really failed"
        )
    if any(c.startswith(("environment/", "cuda/toolkit")) for c in categories):
        decide.append(
            'the versions in use: `python -c "import torch, sys; print(torch.__version__, '
            "torch.version.cuda, sys.version)\"` and the failing library's `__version__`"
        )
    places = [
        f"{', '.join(f'`{n}`' for n in (*c.entry.context_functions, *c.entry.context_modules)[:3])}"
        f" ({c.entry.category})"
        for c in readings
        if c.entry.context_functions or c.entry.context_modules
    ]
    if len(categories) > 1 and places:
        decide.append("which of these the error was raised inside: " + "; ".join(places))
    if not decide:
        decide.append(
            "the code of the failing line and the shapes, dtypes and devices of its tensors "
            "(run it under `torchwhy run`, or explain the live exception with `%why`)"
        )
    return decide


def unknown_diagnosis(
    parsed: ParsedError | None, location: Location | None = None, why: str = ""
) -> Diagnosis:
    headline = _headline(parsed) if parsed else None
    explanation = why or (
        "torchwhy has no confident reading of this error. It does not look like a PyTorch error "
        "it knows; the message itself, and the innermost frame of your own code, are the best "
        "places to start."
    )
    return Diagnosis(
        category=UNKNOWN,
        entry=None,
        title="No confident reading",
        explanation=explanation,
        exception_type=headline.type if headline else None,
        message=headline.message if headline else "",
        location=location,
    )


# Words of a message that mean the CUDA context failed asynchronously, whatever the reading.
_CUDA_FAILURE_WORDS = ("device-side assert", "cuda error", "illegal memory access")


def _notes(parsed: ParsedError, category: str) -> list[str]:
    """The caveats of a reading (written here only: a live or a pasted error alike)."""
    messages = [exc.message.lower() for exc in parsed.exceptions]
    notes = []
    if (
        parsed.cuda_async
        or category == "cuda/device-side-assert"
        or any(word in message for message in messages for word in _CUDA_FAILURE_WORDS)
    ):
        notes.append(_CUDA_ASYNC_NOTE)
    if parsed.kernel_asserts:
        notes.append("The CUDA kernel said: " + "; ".join(parsed.kernel_asserts[:3]))
    if (
        category == "cuda/out-of-memory"
        or any(exc.type == "OutOfMemoryError" for exc in parsed.exceptions)
        or any("out of memory" in message for message in messages)
    ):
        notes.append(_RETAINED_MEMORY_NOTE)
    return notes


def explain_text(text: str, *, use_embedding: bool = True) -> Diagnosis:
    """Explain pasted text: one message or a whole traceback."""
    if not text or not text.strip():
        return unknown_diagnosis(
            None, why="No error text was given: paste the error message or the whole traceback."
        )
    parsed = parse(text)
    location = _text_location(parsed)
    context = _text_context(parsed)
    ranked = match(parsed, context, use_embedding=use_embedding) or _reported_readings(
        text, parsed, context
    )
    if not ranked:
        return unknown_diagnosis(parsed, location)
    best = ranked[0]
    return _diagnosis_for(best, ranked, parsed, [], location, _notes(parsed, best.entry.category))


def explain_exception(exc: BaseException, *, use_embedding: bool = True) -> Diagnosis:
    """Explain a live exception, naming the culprit from its frames."""
    from torchwhy.translator.live import parse_live

    parsed = parse_live(exc)
    context = _text_context(parsed)
    location = _text_location(parsed)
    trace = _trace(exc)
    if trace is not None:
        context = context.merged(trace.context)
        location = trace.location or location
    # Readings whose frames say nothing for them were measured on pasted reports only
    # (calibration.SILENT_FRAMES): a live crash's frames are complete and the tracer reads its
    # values, so it is not split. Its rule readings are about as right as pasted ones
    # (`bench/culprit_blind.py --readings`: 151/163 verdicts on the blind scripts' tuning sets).
    ranked = [
        replace(c, corroborated=None) if c.corroborated is False else c
        for c in match(parsed, context, use_embedding=use_embedding)
    ]
    if not ranked:
        # No reading, yet the frames still say which value the error is about.
        unknown = unknown_diagnosis(parsed, location)
        if trace is not None:
            unknown.culprits = _culprits(trace, UNKNOWN, {}, [])
        return unknown
    best = ranked[0]
    culprits: list[Culprit] = []
    notes = _notes(parsed, best.entry.category)
    if trace is not None:
        culprits = _culprits(trace, best.entry.category, best.captures, list(best.entry.roles))
        notes.extend(n for n in trace.notes if n not in notes)
    return _diagnosis_for(best, ranked, parsed, culprits, location, notes, trace)


def _culprits(trace, category: str, captures: dict[str, str], roles: list[str]) -> list[Culprit]:
    try:
        from torchwhy.provenance import rank_culprits

        return rank_culprits(trace, category, captures, roles)
    except Exception:  # the tracer is best effort; the reading stands without it
        return []


def _trace(exc: BaseException):  # -> provenance.Trace | None
    try:
        from torchwhy.provenance import trace_exception
    except ImportError:
        return None
    try:
        return trace_exception(exc)
    except Exception:  # never let the tracer turn an explanation into a second crash
        return None
