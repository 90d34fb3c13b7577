"""The terminal UI in French or English: French when the project's language is French.

Strings are written in English in the code and looked up here when the interface is French
(:func:`text`); a string without a translation is shown in English. The interface language is the
running app's (its ``interface_language``), so that two apps in one process keep their own; a
worker thread does not see the app, so it hands its texts to the app's thread
(``app.call_from_thread``) to translate. Key descriptions (footer, help, command palette) are
translated when each screen is made (:class:`Localised`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from textual import active_app
from textual.binding import Binding

FRENCH = {
    "Recent codes: 1 (the latest) to 9": "Codes récents : 1 (le dernier) à 9",
    "Recent codes": "Codes récents",
    "Suggested (F2 to F4)": "Suggestions (F2 à F4)",
    "Apply a suggestion: F2 (the first) to F4": "Appliquer une suggestion : F2 (la première) à F4",
    "No suggestion {number} for this unit": "Pas de suggestion n° {number} pour cette unité",
    "like your « {passage} »": "comme votre « {passage} »",
    "its definition: {words}": "sa définition : {words}",
    "close to its definition": "proche de sa définition",
    "No recent code {number} yet: codes applied are listed under the unit": "Pas encore de code récent n° {number} : les codes appliqués s’affichent sous l’unité",
    # What a change did.
    "coded {name}": "codé : {name}",
    "removed {name}": "retiré : {name}",
    "in-vivo code {name!r} created and applied": "code in vivo {name!r} créé et appliqué",
    "undone: {operation} {target}": "annulé : {operation} {target}",
    "redone: {operation} {target}": "rétabli : {operation} {target}",
    # Keys.
    "Add at top": "Ajouter en tête",
    "Add sub-code": "Ajouter un sous-code",
    "Agreement": "Accord",
    "Back": "Retour",
    "Cancel": "Annuler",
    "Close": "Fermer",
    "Code the selection": "Coder la sélection",
    "Codebook": "Livre de codes",
    "Coder": "Codeur",
    "Code…": "Coder…",
    "Delete": "Supprimer",
    "Depth +": "Profondeur +",
    "Depth −": "Profondeur −",
    "Describe": "Décrire",
    "Done": "Terminé",
    "Export": "Exporter",
    "Filter": "Filtrer",
    "Folder": "Dossier",
    "In vivo": "In vivo",
    "In-vivo code": "Code in vivo",
    "Journal": "Carnet de bord",
    "Keep A's": "Garder A",
    "Keep B's": "Garder B",
    "Keep both": "Garder les deux",
    "Keep neither": "Ne garder aucun",
    "Key": "Touche",
    "Keys": "Touches",
    "Command palette": "Palette de commandes",
    "Level": "Niveau",
    "Memo": "Mémo",
    "Merge into": "Fusionner dans",
    "Move": "Déplacer",
    "New entry": "Nouvelle entrée",
    "Next unit": "Unité suivante",
    "Next": "Suivant",
    "Open": "Ouvrir",
    "Previous unit": "Unité précédente",
    "Previous": "Précédent",
    "Quit": "Quitter",
    "Redo": "Rétablir",
    "Refresh": "Actualiser",
    "Rename": "Renommer",
    "Reveal": "Dévoiler",
    "Review disagreements": "Revoir les désaccords",
    "Save": "Enregistrer",
    "Segment": "Découper",
    "Split": "Scinder",
    "Select": "Sélection",
    "Uncode": "Décoder",
    "Undo": "Annuler l’action",
    # Messages.
    "Who is coding? Your name (letters, digits, . _ -)": "Qui code ? Votre nom (lettres, chiffres, . _ -)",
    "Who is coding? Your name (letters, digits, . _ -), remembered for this project": (
        "Qui code ? Votre nom (lettres, chiffres, . _ -), retenu pour ce projet"
    ),
    "Coding as {coder}": "Codage par {coder}",
    "Filter: words all found in the row (kind, id, attributes), or name:value (kind:excerpts sex:F); empty clears": (
        "Filtre : mots présents dans la ligne (type, id, attributs), ou nom:valeur (kind:excerpts sex:F) ; vide pour tout voir"
    ),
    "{shown} of {total} documents": "{shown} documents sur {total}",
    "{total} documents": "{total} documents",
    " · coder {coder}": " · codeur {coder}",
    " · filter: {query}": " · filtre : {query}",
    " — empty project: `workbench import FILE…` or `workbench init --bundled`": (
        " — projet vide : `workbench import FICHIER…` ou `workbench init --bundled`"
    ),
    "Say who is coding first.": "Dites d’abord qui code.",
    "Agreement needs you and another coder who has coded.": "L’accord demande un autre codeur qui a codé.",
    "Compare {coder}'s coding with": "Comparer le codage de {coder} avec",
    "No codebook yet: workbench import FILE.yaml": "Pas encore de livre de codes : workbench import FICHIER.yaml",
    "Which codebook?": "Quel livre de codes ?",
    "Find a code": "Trouver un code",
    "(type part of its name or path)": "(tapez une partie de son nom ou de son chemin)",
    "Keys — Escape to close": "Touches — Échap pour fermer",
    "— Ctrl+S to save, Escape to cancel": "— Ctrl+S pour enregistrer, Échap pour annuler",
    "Select with shift+arrows or the mouse · Enter: code it · i: in-vivo code · Escape: cancel": (
        "Sélectionnez avec Maj+flèches ou la souris · Entrée : coder · i : code in vivo · Échap : annuler"
    ),
    "Select some text first (shift+arrows).": "Sélectionnez d’abord du texte (Maj+flèches).",
    "nothing selected": "rien de sélectionné",
    "{count} characters: {start}": "{count} caractères : {start}",
    "{identifier} · {title} · coder {coder} · {mode}{done} · {coded}/{total} {cut} coded": (
        "{identifier} · {title} · codeur {coder} · {mode}{done} · {coded}/{total} {cut} codé(e)s"
    ),
    "revealed": "dévoilé",
    "blind": "en aveugle",
    " · done": " · terminé",
    "units": "unités",
    "turns (press s to cut into units of meaning)": "tours de parole (s pour découper en unités de sens)",
    "Unit {position} ({start}–{end})": "Unité {position} ({start}–{end})",
    "This document has no codebook.": "Ce document n’a pas de livre de codes.",
    "In-vivo code: the participant's words as the code's name": "Code in vivo : les mots du participant comme nom du code",
    "File {name} under": "Classer {name} sous",
    "{group} (the default group)": "{group} (le groupe par défaut)",
    "None of your codes on this unit.": "Aucun de vos codes sur cette unité.",
    "Memo on unit {position}": "Mémo sur l’unité {position}",
    "memo saved": "mémo enregistré",
    "marked done": "marqué terminé",
    "reopened": "rouvert",
    "the other coders' codings are shown": "les codages des autres codeurs sont affichés",
    "Show the other coders' codings of {document}? Your blind coding of this document ends, and cannot be taken back.": (
        "Voir les codages des autres codeurs sur {document} ? Votre codage en aveugle de ce document prend fin ; "
        "on ne peut pas revenir en arrière."
    ),
    "Show them": "Les voir",
    "Stay blind": "Rester en aveugle",
    "The other coders' codings of {document} are already shown.": "Les codages des autres codeurs sur {document} sont déjà affichés.",
    "revealed on {moment}": "dévoilé le {moment}",
    "{day} {month} {year} at {time}": "{day} {month} {year} à {time}",
    "Jan": "janv.",
    "Feb": "févr.",
    "Mar": "mars",
    "Apr": "avr.",
    "May": "mai",
    "Jun": "juin",
    "Jul": "juil.",
    "Aug": "août",
    "Sep": "sept.",
    "Oct": "oct.",
    "Nov": "nov.",
    "Dec": "déc.",
    "Cutting into units of meaning…": "Découpage en unités de sens…",
    "units of meaning ready": "unités de sens prêtes",
    "Previous / next unit": "Unité précédente / suivante",
    "Apply it to the unit": "L’appliquer à l’unité",
    "Apply that code": "Appliquer ce code",
    "Enter on a code": "Entrée sur un code",
    "a code's key": "la touche d’un code",
    "New code {where}: its name": "Nouveau code {where} : son nom",
    "at the top": "en tête",
    "under {name}": "sous {name}",
    "New name": "Nouveau nom",
    "Description of {name}": "Description de {name}",
    "Shortcut key (one character; empty removes it)": "Touche de raccourci (un caractère ; vide pour l’enlever)",
    "(the top of the tree)": "(le haut de l’arbre)",
    "Move {name} under": "Déplacer {name} sous",
    "Merge {name} (its codings and sub-codes) into": "Fusionner {name} (ses codages et sous-codes) dans",
    "Delete {name} and its sub-codes?": "Supprimer {name} et ses sous-codes ?",
    "Keep it": "Le garder",
    "{name} and its sub-codes hold: {whose}": "{name} et ses sous-codes portent : {whose}",
    "Give its codings and memos to another code (nothing is lost)": "Donner ses codages et mémos à un autre code (rien n’est perdu)",
    "Delete it and drop {whose}": "Le supprimer avec {whose}",
    "your codings and memos": "vos codages et mémos",
    "the codings and memos of {owners}": "les codages et mémos de {owners}",
    "The work of {owners} is not yours: you may give it to another code, not drop it.": (
        "Le travail de {owners} n’est pas le vôtre : vous pouvez le donner à un autre code, pas le supprimer."
    ),
    "Give what {name} holds to": "Donner ce que porte {name} à",
    "Split {name}: the new code's name": "Scinder {name} : le nom du nouveau code",
    "The codings of {name} that go to {new}": "Les codages de {name} qui vont dans {new}",
    "— Space ticks, Ctrl+S to save, Escape to cancel": "— Espace coche, Ctrl+S pour enregistrer, Échap pour annuler",
    "{name} holds no coding of yours to split off.": "{name} ne porte aucun de vos codages à scinder.",
    "Not split: other coders' codings would move ({whose}). {owners}, or someone who codes nothing, may split them off.": (
        "Scission refusée : des codages d’autres codeurs seraient déplacés ({whose}). {owners}, ou quelqu’un qui ne code "
        "pas, peut les scinder."
    ),
    "you": "vous",
    "{first} and {last}": "{first} et {last}",
    "1 coding": "1 codage",
    "{count} codings": "{count} codages",
    "1 memo": "1 mémo",
    "{count} memos": "{count} mémos",
    "codings on documents you code blind": "des codages sur des documents que vous codez en aveugle",
    "Not merged: other coders put both codes on the same spans, and one coding of each pair would be dropped ({whose}). "
    "{owners}, or someone who codes nothing, may merge them.": (
        "Fusion refusée : d’autres codeurs ont mis les deux codes sur les mêmes passages, et l’un des deux codages de chaque "
        "paire serait supprimé ({whose}). {owners}, ou quelqu’un qui ne code pas, peut les fusionner."
    ),
    "Not deleted: other coders' work would be lost ({whose}). Give it to another code, or ask {owners} or someone who codes nothing.": (
        "Suppression refusée : le travail d’autres codeurs serait perdu ({whose}). Donnez-le à un autre code, ou demandez "
        "à {owners} ou à quelqu’un qui ne code pas."
    ),
    "Not redone: it would drop or split off other coders' work ({whose}). {owners}, or someone who codes nothing, may redo it.": (
        "Non rétabli : cela supprimerait ou déplacerait le travail d’autres codeurs ({whose}). {owners}, ou quelqu’un qui "
        "ne code pas, peut le rétablir."
    ),
    # What a codebook change did.
    "code added": "code ajouté",
    "code renamed": "code renommé",
    "code changed": "code modifié",
    "code moved": "code déplacé",
    "codes merged": "codes fusionnés",
    "code split": "code scindé",
    "code deleted": "code supprimé",
    "change undone": "modification annulée",
    "change redone": "modification rétablie",
    "saved": "enregistré",
    "Whose coding?": "Le codage de qui ?",
    "Nobody has coded yet.": "Personne n’a encore codé.",
    "No codebook yet.": "Pas encore de livre de codes.",
    "Into {folder} (o to change) · Enter exports the highlighted item": "Dans {folder} (o pour changer) · Entrée exporte l’élément choisi",
    "Folder to write the exports into": "Dossier où écrire les exports",
    "No disagreement: the two coders applied the same codes to every unit.": (
        "Aucun désaccord : les deux codeurs ont appliqué les mêmes codes à chaque unité."
    ),
    "Finding the disagreements…": "Recherche des désaccords…",
    "a: keep A's · b: keep B's · o: both · n: neither (the shared codes stay)": (
        "a : garder A · b : garder B · o : les deux · n : aucun (les codes communs restent)"
    ),
    "Journal (logbook) — n: new entry, Escape: back": "Carnet de bord — n : nouvelle entrée, Échap : retour",
    "New journal entry": "Nouvelle entrée du carnet de bord",
    "The journal is empty: n writes the first entry.": "Le carnet de bord est vide : n écrit la première entrée.",
    "entry saved": "entrée enregistrée",
    "Thematic tree with quotes (Word) — the results chapter": "Arbre thématique avec verbatims (Word) — le chapitre des résultats",
    "Codebook with definitions (Word) — for an appendix": "Livre de codes avec définitions (Word) — pour une annexe",
    "Codebook (YAML)": "Livre de codes (YAML)",
    "Codebook (REFI-QDA .qdc)": "Livre de codes (REFI-QDA .qdc)",
    "Whole project (REFI-QDA .qdpx) — NVivo, ATLAS.ti, MAXQDA, QualCoder": "Projet entier (REFI-QDA .qdpx) — NVivo, ATLAS.ti, MAXQDA, QualCoder",
    "Codings, one row each (XLSX)": "Codages, un par ligne (XLSX)",
    "Codings, one row each (CSV)": "Codages, un par ligne (CSV)",
    "Codes × participants (XLSX)": "Codes × participants (XLSX)",
    "Codes applied together within units (XLSX)": "Codes appliqués ensemble dans les unités (XLSX)",
    "  refused: {reason}": "  refusé : {reason}",
    "  written: {path} ({size} bytes)": "  écrit : {path} ({size} octets)",
    "codes at depth {depth}": "codes au niveau {depth}",
    "codes as coded": "codes tels que codés",
    "{a} (A) vs {b} (B) · {level} level · {depth}{rule}": "{a} (A) contre {b} (B) · niveau {level} · {depth}{rule}",
    "unit": "unités de sens",
    "character": "caractères",
    "document": "document",
    "characters": "caractères",
    "documents": "documents",
    "computing…": "calcul…",
    "{compared} {counted} in {documents}": "{compared} {counted} dans {documents}",
    " · left out (one coder only): {documents}": " · écartés (un seul codeur) : {documents}",
    "Disagreement {number} of {total} ({settled} settled) · {document} unit {position} ({start}–{end})": (
        "Désaccord {number} sur {total} ({settled} tranchés) · {document} unité {position} ({start}–{end})"
    ),
    "(no code)": "(aucun code)",
    "Search": "Rechercher",
    "Analysis": "Analyse",
    "Attribute": "Attribut",
    "Which attribute?": "Quel attribut ?",
    "attribute {attribute}": "attribut {attribute}",
    "codes applied together": "codes appliqués ensemble",
    "Co-occurrence": "Cooccurrences",
    "together": "ensemble",
    "codes (units)": "codes (unités)",
    "No new code after {document}, confirmed by {count} interviews.": "Aucun nouveau code après {document}, confirmé par {count} entretien(s).",
    "Code all hits": "Coder tous les résultats",
    "Words to find, e.g. déléguer — Enter searches": "Mots à trouver, p. ex. déléguer — Entrée lance la recherche",
    "words as typed": "les mots tels quels",
    "every form (lemmas)": "toutes les formes (lemmes)",
    "the word family": "la famille du mot",
    "Searching…": "Recherche…",
    "{count} hits": "{count} résultats",
    "{written} codings written": "{written} codages écrits",
    " ({left} hits of another codebook left)": " ({left} résultats d’un autre livre de codes laissés)",
    "Enter on a hit": "Entrée sur un résultat",
    "Move in a table": "Se déplacer dans un tableau",
    "Next table": "Tableau suivant",
    "Choose an export": "Choisir un export",
    "Write it": "L’écrire",
    "Move in the tree, fold, unfold": "Se déplacer dans l’arbre, replier, déplier",
    "Code its unit of meaning": "Coder son unité de sens",
    "Next field": "Champ suivant",
    "Memo on my coding": "Mémo sur mon codage",
    "A codebook: a sub-code goes under the highlighted code (a), a code at the top with A.": (
        "Un livre de codes : un sous-code va sous le code en surbrillance (a), un code en tête avec A."
    ),
    "{count} codings · colour {colour}": "{count} codages · couleur {colour}",
    " · key {key}": " · touche {key}",
    "Description": "Description",
    "When to use": "Quand l’utiliser",
    "When not to use": "Quand ne pas l’utiliser",
    "Example": "Exemple",
    "Memo on your coding {code}": "Mémo sur votre codage {code}",
    "Memo on the code {name}": "Mémo sur le code {name}",
    "both": "les deux",
    "A only": "A seul",
    "B only": "B seul",
    "neither": "aucun",
    "pooled": "ensemble",
    "agreement": "accord",
    "{a}'s codes": "les codes de {a}",
    "{b}'s codes": "les codes de {b}",
    "both coders' codes": "les codes des deux codeurs",
    "only the codes they share": "seulement les codes communs",
    # Agreement rules, pooled figures and the review.
    "Unit rule": "Règle des unités",
    "share rule: ≥ {share}% of a unit": "règle de la part : ≥ {share} % d’une unité",
    "overlap rule: any overlap": "règle du chevauchement : tout chevauchement",
    "segment rule: segments overlapping ≥ {percent}%": "règle des segments : segments recouverts à ≥ {percent} %",
    "segments": "segments codés",
    " · codings in no unit: A {a} · B {b}": " · codages hors unité : A {a} · B {b}",
    " · below the share, on the unit they cover most: A {a} · B {b}": " · sous la part, sur l’unité la plus couverte : A {a} · B {b}",
    "Pooled: {decisions} decisions ({pair}), {share} joint absences": "Ensemble : {decisions} décisions ({pair}), {share} d’absences conjointes",
    "unit × code": "unité × code",
    "segment × code": "segment × code",
    "document × code": "document × code",
    "character × code": "caractère × code",
    " ⚠ they inflate pooled agreement, BP and AC1": " ⚠ elles gonflent accord, BP et AC1 d’ensemble",
    " · agreement when coded {agreement} · BP (1/q, q = {codes}) {bp}": " · accord si codé {agreement} · BP (1/q, q = {codes}) {bp}",
    "agr. when coded": "accord si codé",
    " · all settled": " · tous tranchés",
    "partial: {share}% of the unit, under the {minimum}% share": "partiel : {share} % de l’unité, sous la part de {minimum} %",
    "partial: {share}% of the unit, counted here, the unit its coding covers most": (
        "partiel : {share} % de l’unité, compté ici, l’unité que son codage couvre le plus"
    ),
    "no code": "aucun code",
    "Disagreements: {a} vs {b}": "Désaccords : {a} contre {b}",
    "Settled by {actor} on {moment}: the consensus kept {words}; it holds: {codes}.": (
        "Tranché par {actor} le {moment} : le consensus a gardé {words} ; il porte : {codes}."
    ),
    "Settled: the consensus holds: {codes} (coded on {moment}, no decision logged).": (
        "Tranché : le consensus porte : {codes} (codé le {moment}, aucune décision consignée)."
    ),
    "(settled comparing {coders})": "(tranché en comparant {coders})",
    "a · b · o · n change the decision.": "a · b · o · n changent la décision.",
    "{document} unit {position}: the consensus holds {codes}": "{document} unité {position} : le consensus porte {codes}",
    # The import screen.
    "Import": "Importer",
    "Files to import (.txt, .docx, .odt, .vtt, .srt, .csv), separated by spaces": (
        "Fichiers à importer (.txt, .docx, .odt, .vtt, .srt, .csv), séparés par des espaces"
    ),
    "Enter shows what the files would give; nothing is written before Ctrl+S.": (
        "Entrée montre ce que donneraient les fichiers ; rien n’est écrit avant Ctrl+S."
    ),
    "Show what the files would give": "Montrer ce que donneraient les fichiers",
    "Nothing imported yet: Ctrl+S imports these {count} files.": "Rien n’est encore importé : Ctrl+S importe ces {count} fichiers.",
    "{refused} of {count} files would be refused: nothing can be imported.": (
        "{refused} fichiers sur {count} seraient refusés : rien ne peut être importé."
    ),
    "Preview files that can all be imported first (Enter).": "Prévisualisez d’abord des fichiers tous importables (Entrée).",
    "Refused: {reason}": "Refusé : {reason}",
    "Imported: {added} added, {replaced} replaced, {unchanged} unchanged.": (
        "Importé : {added} ajoutés, {replaced} remplacés, {unchanged} inchangés."
    ),
    "Read a label": "Lire une étiquette",
    "Import as read": "Importer tel quel",
    "Import as read: on": "Importer tel quel : oui",
    "Import as read: off": "Importer tel quel : non",
    "Read as {role}: {labels}": "Lu comme {role} : {labels}",
    "Files whose speakers were not all read are imported as read (Ctrl+F).": (
        "Les fichiers dont les locuteurs n’ont pas tous été lus sont importés tels quels (Ctrl+F)."
    ),
    "A speaker label as written (P1000, Dr Martin)": "Une étiquette de locuteur telle qu’écrite (P1000, Dr Martin)",
    "{label} is the label of": "{label} est l’étiquette de",
    "participant": "participant",
    "interviewer": "enquêteur",
    # Who is coding, the code finder, the trees.
    "Type your name first ({leave}).": "Tapez d’abord votre nom ({leave}).",
    "Escape cancels": "Échap annule",
    "Escape quits": "Échap quitte",
    "{name} cannot be a coder's name: use letters, digits, . _ - or @ (64 at most), e.g. alice": (
        "{name} ne peut pas être un nom de codeur : lettres, chiffres, . _ - ou @ (64 au plus), par exemple alice"
    ),
}
LANGUAGES = {"fr": FRENCH}
ENGLISH = "en"


def language_code(setting: str | None) -> str:
    """The interface language for a project's ``language`` setting: ``fr`` for ``fr``, ``fr-FR``…
    (a language without translations shows English)."""
    return (setting or ENGLISH).split("-")[0].lower()


def interface_language() -> str:
    """The language of the app running here; English when no app runs (or outside its thread)."""
    return getattr(active_app.get(None), "interface_language", ENGLISH)


def translate(english: str, language: str, **values: object) -> str:
    """``english`` in ``language`` (``fr``, ``fr-FR``…; kept in English without a translation there),
    with ``values`` filled in."""
    translated = LANGUAGES.get(language_code(language), {}).get(english, english)
    return translated.format(**values) if values else translated


def text(english: str, **values: object) -> str:
    """``english`` in the interface language, with ``values`` filled in."""
    return translate(english, interface_language(), **values)


class Localised:
    """A screen whose key descriptions are in the interface language (mix in before Screen).

    Textual takes a screen's keys from its class (``BINDINGS``): a screen made while the interface is
    in French is an instance of a subclass of the same name whose keys are described in French.
    """

    def __new__(cls, *arguments: object, **options: object) -> Any:
        return super().__new__(in_language(getattr(cls, "untranslated", cls), interface_language()))


@cache
def in_language(screen: type, language: str) -> type:
    """``screen`` with its keys described in ``language``: a subclass where it has translations."""
    if language not in LANGUAGES:
        return screen
    bindings = [
        replace(binding, description=translate(binding.description, language)) if isinstance(binding, Binding) else binding
        for binding in screen.BINDINGS
    ]
    namespace = {"BINDINGS": bindings, "untranslated": screen, "__module__": screen.__module__, "__qualname__": screen.__qualname__}
    return type(screen)(screen.__name__, (screen,), namespace)
