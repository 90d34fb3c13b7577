"""``workbench search``: words in the corpus by form, lemma or word family; code what was found."""

from __future__ import annotations

from typing import Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import echo, print_json, print_table
from workbench.domain.corpus_search import Match
from workbench.domain.documents import DocumentKind
from workbench.domain.language import N_, _, counted

MATCHES = {Match.FORM: N_("form"), Match.LEMMA: N_("lemma"), Match.FAMILY: N_("family")}
"""How the words were matched, in the title of the hits."""


@app.command(help=N_("Find words in the participants' speech, accents and case aside (not in speaker labels)."))
@reports_errors
def search(
    context: typer.Context,
    query: Annotated[str, typer.Argument(metavar="QUERY", help=N_("One or more words, e.g. « déléguer » or « prise de sang »."))],
    lemmas: Annotated[bool, typer.Option("--lemmas", help=N_("Match every form of the words (déléguer finds délègue, déléguons)."))] = False,
    family: Annotated[bool, typer.Option("--family", help=N_("Match the words' family too (déléguer finds délégation, délégué)."))] = False,
    documents: Annotated[list[str] | None, typer.Option("--document", metavar="ID", help=N_("Only this document (repeat for more)."))] = None,
    kinds: Annotated[list[DocumentKind] | None, typer.Option("--kind", help=N_("Only documents of this kind (repeat for more)."))] = None,
    interviewer: Annotated[bool, typer.Option("--interviewer", help=N_("Search the interviewer's words too."))] = False,
    code: Annotated[str | None, typer.Option("--code", metavar="CODE", help=N_("Code every hit's unit of meaning with this code (id or path) for --coder."))] = None,
    hits_only: Annotated[bool, typer.Option("--hits-only", help=N_("With --code: code the words found, not their units."))] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=1, metavar="N", help=N_("Show the first N hits only, and how many more there are."))] = None,
    json_output: Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))] = False,
) -> None:
    from workbench.domain.errors import InputError
    from workbench.services.analysis.search import first_hits, search_pages
    from workbench.services.analysis.search_coding import code_hits

    state: CommandContext = context.obj
    match = Match.FAMILY if family else Match.LEMMA if lemmas else Match.FORM
    project = state.open_project()
    pages = search_pages(project, query, match=match, documents=documents, kinds=kinds, interviewer=interviewer)
    if limit is None or code is not None:
        hits = [found for page in pages for found in page]
        total = len(hits)
    else:
        hits, total = first_hits(pages, limit)
    coded = None
    if code is not None:
        if not state.coder:
            raise InputError(_('who codes the hits?'), "--code", _('give the global --coder NAME (or WORKBENCH_CODER)'))
        coded = code_hits(project, hits, code, coder=state.coder, whole_units=not hits_only)
    shown = hits if limit is None else hits[:limit]
    if json_output:
        more = {} if limit is None else {"more": total - len(shown)}
        print_json({"query": query, "match": match.value, "hits": [hit.as_dict() for hit in shown], "coded": coded, **more})
        return
    rows = [[hit.document, str(hit.unit or "—"), f"{hit.start}–{hit.end}", hit.context.replace("\n", " ")] for hit in shown]
    print_table(_('{hits} for « {query} » ({value})').format(hits=counted(total, '{count} hit', '{count} hits'), query=query, value=_(MATCHES[match])), [_('document'), _('unit'), _('offsets'), _('context')], rows)
    if total > len(shown):
        echo(_('{hits} not shown: raise --limit to see them.').format(hits=counted(total - len(shown), '{count} more hit', '{count} more hits')))
    if coded is not None:
        already = len(hits) and len(hits) - coded
        written = counted(coded, "{count} coding written", "{count} codings written")
        echo(_("{written} for {coder} ({already}).").format(written=written, coder=state.coder, already=counted(already, "{count} already there or shared a unit", "{count} already there or shared a unit")))
