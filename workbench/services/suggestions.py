"""Code suggestions for a coder, from the codebook and the coder's own codings only.

The coder's codings are read through the blind rule (:func:`visible_codings` for the coder, kept
to their own): what another coder did, revealed or not, never shapes a suggestion. Nothing leaves
the machine; the engine is :mod:`workbench.suggestions`. A French project's texts are also
compared as lemmas, with the spaCy model the segmentation uses (loaded on the first suggestion);
without it, or in another language, the character n-grams alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlmodel import select

from workbench.domain.codings import check_coder_name
from workbench.domain.errors import InputError, WorkbenchError
from workbench.domain.language import _
from workbench.domain.text import one_line, shortened
from workbench.domain.units import Unit, find_unit
from workbench.services.coding.visibility import visible_codebooks, visible_codings
from workbench.services.coding.workspace import checked_codebook, open_workspace
from workbench.services.projects import project_language
from workbench.storage.codebooks import StoredCodebook
from workbench.storage.project import Project
from workbench.storage.records import DocumentRecord, TurnRecord
from workbench.suggestions.baseline import BaselineEngine
from workbench.suggestions.engine import (
    CodeText,
    Lemmatiser,
    Passage,
    Reason,
    SentenceEncoder,
    Space,
    Suggestion,
    SuggestionEngine,
    code_texts,
    fit_space,
)
from workbench.suggestions.evaluation import CodedDocument, Protocol, Result, evaluate
from workbench.suggestions.text import folded


@dataclass(frozen=True)
class Evaluation:
    coder: str
    codebook: str
    protocol: Protocol
    engine: Result
    baseline: Result

    def as_dict(self) -> dict[str, object]:
        return {
            "coder": self.coder, "codebook": self.codebook, "protocol": self.protocol.value,
            "engine": self.engine.as_dict(), "baseline": self.baseline.as_dict(),
        }  # fmt: skip


def own_codings(project: Project, coder: str, codebook: StoredCodebook) -> list[CodedDocument]:
    """The coder's own codings with ``codebook``'s codes, by document in the order the coder first
    coded them (then by coding), read through the blind rule."""
    coder = check_coder_name(coder)
    codings = sorted(visible_codings(project, coder, coders=[coder]), key=lambda coding: coding.id)
    documents: dict[str, list[Passage]] = {}
    for coding in codings:
        if coding.code in codebook.tree and coding.coder == coder:
            documents.setdefault(coding.document, []).append(Passage(coding.code, coding.text))
    return [CodedDocument(document, passages) for document, passages in documents.items()]


WEIGHTING_TURNS = 4_000
"""At most this many speech turns, spread evenly over the project, teach the n-gram weights: enough
to weigh the words of a study, and learning costs the same at 17 or 1,000 interviews (all the
turns of 1,000 interviews took 16 s to fit, a tenth of them 0.3 s)."""


def transcript_texts(project: Project) -> list[str]:
    """The speech turns of the documents (a document without turns: its whole text), in project
    order, one in every few beyond :data:`WEIGHTING_TURNS`: what the n-gram weights are learnt
    from besides the codebook. Text only, no coding."""
    with project.session() as session:
        documents = session.exec(select(DocumentRecord.id, DocumentRecord.text).order_by(DocumentRecord.position, DocumentRecord.id)).all()
        turns: dict[int, list[tuple[int, int]]] = {}
        for document, start, end in session.exec(select(TurnRecord.document_id, TurnRecord.start, TurnRecord.end).order_by(TurnRecord.id)):
            turns.setdefault(document, []).append((start, end))
    texts = [text[start:end] for document, text in documents for start, end in turns.get(document, [(0, len(text))]) if end > start]
    return texts[:: math.ceil(len(texts) / WEIGHTING_TURNS) or 1]


LEMMATISED_LANGUAGES = frozenset({"fr"})
"""The project languages whose texts are also compared as lemmas (the installed spaCy model's)."""


LEMMATISED_BATCH = 32
"""How many texts spaCy lemmatises at once. Its default batch (1,000 texts) pads every text to the
longest one: the bundled study's 411 speech turns took 3 to 8 s in one batch and 1 s in batches of
32, with the same lemmas, and each batch holds the interpreter a shorter while (the coding screen
fits the suggestions in a thread beside the keys)."""


def french_lemmas(texts: list[str]) -> list[str]:
    """Each text's lemmas, folded, without stop words, punctuation or digits (*rendez-vous* is one)."""
    from workbench.segmentation.pipeline import lemmatise, stop_words

    stop = stop_words()
    return [
        " ".join(folded(lemma) for _start, _end, form, lemma in words if lemma.replace("-", "").isalpha() and len(lemma) > 1 and form.casefold() not in stop)
        for start in range(0, len(texts), LEMMATISED_BATCH)
        for words in lemmatise(texts[start : start + LEMMATISED_BATCH])
    ]  # fmt: skip


def project_lemmatiser(project: Project) -> Lemmatiser | None:
    """The lemmatiser for the project's language, if one is installed (else ``None``)."""
    if project_language(project) not in LEMMATISED_LANGUAGES:
        return None
    from workbench.segmentation.pipeline import lemma_pipeline

    try:
        lemma_pipeline()
    except WorkbenchError:
        return None
    return french_lemmas


def sentence_encoder() -> SentenceEncoder | None:
    """The sentence encoder, if installed (else ``None``: the texts' words alone are compared)."""
    from workbench.segmentation.sentence_vectors import available, sentence_vectors

    return sentence_vectors if available() else None


def project_space(project: Project, codes: list[CodeText]) -> Space | None:
    """What the engine compares texts by, for ``project``: n-grams weighed on its transcripts,
    lemmas in its language where a lemmatiser is installed, and sentence vectors; the words its
    reasons never quote are the stop words of its language."""
    from workbench.segmentation.pipeline import stop_words

    return fit_space(codes, transcript_texts(project), project_lemmatiser(project), sentence_encoder(), stop_words(project_language(project)))


def open_engine(project: Project, coder: str, codebook: StoredCodebook) -> SuggestionEngine:
    """The engine for ``coder`` with ``codebook``, having learnt from every coding of theirs."""
    codes = code_texts(codebook.tree)
    passages = [passage for document in own_codings(project, coder, codebook) for passage in document.passages]
    return SuggestionEngine(codes, passages, project_space(project, codes))


def coder_codebook(project: Project, coder: str, reference: str | None = None) -> StoredCodebook:
    """The codebook named, else the only one, else the only one the coder has coded with."""
    if reference is not None:
        return visible_codebooks(project, coder, reference)[0]
    codebooks = visible_codebooks(project, coder, every=True)
    if len(codebooks) == 1:
        return codebooks[0]
    coded = {coding.code for coding in visible_codings(project, coder, coders=[check_coder_name(coder)])}
    used = [codebook for codebook in codebooks if any(code in codebook.tree for code in coded)]
    if len(used) == 1:
        return used[0]
    names = ", ".join(repr(codebook.name) for codebook in (used or codebooks))
    raise InputError(_('{coder} could be working with {count} codebooks: {names}').format(coder=coder, count=len(used or codebooks), names=names), "--codebook", _('name one with --codebook NAME'))


def reason_text(reason: Reason, longest: int | None = None) -> str:
    """A suggestion's reason as people read it, its passage cut to ``longest`` characters: the
    nearest passage of the coder's, the words shared with the definition, or, when it shares none
    worth quoting, closeness to the definition (in meaning, or in spelling)."""
    if reason.passage:
        return _("like your « {passage} »").format(passage=shortened(one_line(reason.passage), longest))
    if reason.words:
        return _("its definition: {words}").format(words=", ".join(reason.words))
    return _("close to its definition")


def check_top(top: int) -> int:
    if top < 1:
        raise InputError(_('--top {top} asks for no suggestion').format(top=top), "--top", _('give 1 or more, e.g. --top 3'))
    return top


def suggest_text(project: Project, coder: str, text: str, *, codebook: str | None = None, top: int = 3) -> tuple[StoredCodebook, list[Suggestion]]:
    check_top(top)
    chosen = coder_codebook(project, coder, codebook)
    return chosen, open_engine(project, coder, chosen).suggest(text, top)


def suggest_units(project: Project, coder: str, document: str, *, unit: int | None = None, top: int = 3) -> list[tuple[Unit, list[Suggestion]]]:
    """Suggestions for one unit of ``document`` (``unit``, from 1) or for each of them (speech
    turns while the document is not segmented), with the document's codebook."""
    check_top(top)
    workspace = open_workspace(project, document, coder=coder)
    engine = open_engine(project, coder, checked_codebook(workspace))
    units = [find_unit(workspace.units, document, unit)] if unit is not None else workspace.units
    return [(each, engine.suggest(each.text, top)) for each in units]


def evaluate_coder(project: Project, coder: str, protocol: Protocol, *, codebook: str | None = None) -> Evaluation:
    """Replay ``coder``'s own codings under ``protocol``: the engine, and the baseline in the same run."""
    chosen = coder_codebook(project, coder, codebook)
    documents = own_codings(project, coder, chosen)
    if not documents:
        raise InputError(_('{coder} has no coding with the codebook {name!r} to replay').format(coder=coder, name=chosen.name), "--coder", _('code some units first, or name another coder'))
    codes = code_texts(chosen.tree)
    descriptions = {code.id: code.description for code in chosen.tree.walk()}
    space = project_space(project, codes)
    engine = evaluate(codes, documents, protocol, lambda codes, passages: SuggestionEngine(codes, passages, space))
    baseline = evaluate(codes, documents, protocol, lambda codes, passages: BaselineEngine(codes, descriptions, passages))
    return Evaluation(coder, chosen.name, protocol, engine, baseline)
