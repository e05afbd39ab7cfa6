"""Replies in other languages: the quoted message under a French, German, Spanish, Portuguese,
Dutch or Italian header is not the writer's prose."""

from __future__ import annotations

import pytest

from pitchlint.reading.mail import mask_body

NEW = "Merci ! Si vous connaissez quelqu'un, any leads would help."
QUOTED = "Could you introduce me to a product manager at Stripe?"

OUTLOOK = {
    "fr": "De : Dana Lee <dana@example.com>\nEnvoyé : lundi 2 mars 2026 16:05\nÀ : Priya\nObjet : intro\n",
    "fr-nbsp": "De\u00a0: Dana Lee\nEnvoyé\u00a0: lundi 2 mars 2026 16:05\n",
    "de": "Von: Dana Lee\nGesendet: Montag, 2. März 2026 16:05\nAn: Priya\nBetreff: intro\n",
    "es": "De: Dana Lee\nEnviado el: lunes, 2 de marzo de 2026 16:05\nPara: Priya\nAsunto: intro\n",
    "pt": "De: Dana Lee\nEnviada em: segunda-feira, 2 de março de 2026 16:05\nPara: Priya\nAssunto: intro\n",
    "nl": "Van: Dana Lee\nVerzonden: maandag 2 maart 2026 16:05\nAan: Priya\nOnderwerp: intro\n",
    "it": "Da: Dana Lee\nInviato: lunedì 2 marzo 2026 16:05\nA: Priya\nOggetto: intro\n",
}
ATTRIBUTION = {
    "fr": "Le lun. 2 mars 2026 à 16:05, Dana Lee <dana@example.com> a écrit :",
    "de": "Am Mo., 2. März 2026 um 16:05 Uhr schrieb Dana Lee <dana@example.com>:",
    "es": "El lun, 2 mar 2026 a las 16:05, Dana Lee (<dana@example.com>) escribió:",
    "pt": "Em seg., 2 de mar. de 2026 às 16:05, Dana Lee <dana@example.com> escreveu:",
    "nl": "Op ma 2 mrt 2026 om 16:05 schreef Dana Lee <dana@example.com>:",
    "it": "Il giorno lun 2 mar 2026 alle ore 16:05 Dana Lee <dana@example.com> ha scritto:",
}
SEPARATOR = {
    "fr": "-----Message d'origine-----", "de": "-----Ursprüngliche Nachricht-----",
    "es": "-----Mensaje original-----", "pt": "-----Mensagem original-----",
    "nl": "-----Oorspronkelijk bericht-----", "it": "-----Messaggio originale-----",
}


@pytest.mark.parametrize("language", OUTLOOK)
def test_outlook_headers(language):
    body = f"{NEW}\n\n{OUTLOOK[language]}\n{QUOTED}\n"
    assert mask_body(body).strip() == NEW


@pytest.mark.parametrize("language", ATTRIBUTION)
def test_attribution_lines_above_a_quote(language):
    body = f"{NEW}\n\n{ATTRIBUTION[language]}\n\n> {QUOTED}\n"
    assert mask_body(body).strip() == NEW


@pytest.mark.parametrize("language", SEPARATOR)
def test_original_message_separators(language):
    body = f"{NEW}\n\n{SEPARATOR[language]}\nDana\n{QUOTED}\n"
    assert mask_body(body).strip() == NEW


def test_a_sentence_that_starts_like_a_header_stays():
    body = "Le mardi, je suis libre.\nDa: this is not a header either.\n"
    assert mask_body(body) == body


def test_the_quoted_specific_ask_no_longer_hides_the_vague_new_one(lint):
    message = ("From: priya@example.com\nTo: dana@example.com\nSubject: Re: intro\n\n"
               "Thanks! If you know anyone, or hear of any leads, please send them my way.\n\n"
               f"{OUTLOOK['fr']}\n{QUOTED}\n")
    report = lint(message, path="reply.eml")
    assert report.verdict == "vague"
    assert "vague-ask" in {f.rule for f in report.findings}
