"""The words mail programs put above a quoted or forwarded message, in the languages pitchlint
reads replies in: English, French, German, Spanish, Portuguese, Dutch and Italian. The header
words were checked against mail-parser-reply's per-language tables (and Portuguese, which it
lacks, against Outlook's and Gmail's own wording); pitchlint keeps only the words, as data.

- `attribution`: how the "On <date>, <name> wrote:" line starts and what ends it.
- `from` / `sent`: the first two fields of an Outlook-style quoted header block.
- `separator`: "-----Original Message-----" and the forwarded-message banner.
- `mobile`: the "Sent from my phone" line that ends a message.
"""

from __future__ import annotations

import re

LANGUAGES = {
    "en": {"attribution": ("On", r"wrote"), "from": ["From"], "sent": ["Sent", "Date"],
           "separator": ["Original Message", "Forwarded message", "Forwarded Message"],
           "mobile": ["Sent from my", "Get Outlook for"]},
    "fr": {"attribution": ("Le", r"a écrit"), "from": ["De"], "sent": ["Envoyé", "Date"],
           "separator": ["Message d'origine", "Message transféré", "Message original"],
           "mobile": ["Envoyé de mon", "Envoyé depuis mon", "Télécharger Outlook pour"]},
    "de": {"attribution": ("Am", r"schrieb"), "from": ["Von"], "sent": ["Gesendet", "Datum"],
           "separator": ["Ursprüngliche Nachricht", "Weitergeleitete Nachricht"],
           "mobile": ["Von meinem", "Gesendet von meinem", "Outlook für"]},
    "es": {"attribution": ("El", r"escribió"), "from": ["De"], "sent": ["Enviado", "Enviado el", "Fecha"],
           "separator": ["Mensaje original", "Mensaje reenviado"],
           "mobile": ["Enviado desde mi", "Obtener Outlook para"]},
    "pt": {"attribution": ("Em", r"escreveu"), "from": ["De"], "sent": ["Enviado", "Enviada em", "Enviado em", "Data"],
           "separator": ["Mensagem original", "Mensagem encaminhada"],
           "mobile": ["Enviado do meu", "Enviado de meu", "Obter o Outlook para"]},
    "nl": {"attribution": ("Op", r"schreef"), "from": ["Van"], "sent": ["Verzonden", "Datum"],
           "separator": ["Oorspronkelijk bericht", "Oorspronkelijk Bericht", "Doorgestuurd bericht"],
           "mobile": ["Verzonden vanaf mijn", "Verstuurd vanaf mijn", "Outlook voor"]},
    "it": {"attribution": ("Il", r"ha scritto"), "from": ["Da"], "sent": ["Inviato", "Data"],
           "separator": ["Messaggio originale", "Messaggio inoltrato"],
           "mobile": ["Inviato da", "Scarica Outlook per"]},
}

_COLON = r"[ \u00a0\u202f]?:"  # French puts a (no-break) space before the colon: "De : Dana"


def _words(kind: str) -> str:
    return "|".join(sorted({re.escape(w) for lang in LANGUAGES.values() for w in lang[kind]}, key=len, reverse=True))


ATTRIBUTION_START = re.compile("(?:" + "|".join(re.escape(l["attribution"][0]) for l in LANGUAGES.values()) + r")\s")
# "On <date>, <name> wrote:", "Le <date>, <name> a écrit :", "Am <date> schrieb <name>:"...
ATTRIBUTION = re.compile(
    "(?:" + "|".join(rf"{re.escape(l['attribution'][0])}\b.{{0,300}}\b{l['attribution'][1]}\b.{{0,200}}?"
                     for l in LANGUAGES.values()) + rf"){_COLON}\s*$", re.S)
OUTLOOK_FROM = re.compile(rf"(?:{_words('from')}){_COLON}\s")
OUTLOOK_SENT = re.compile(rf"(?:{_words('sent')}){_COLON}\s")
SEPARATOR = rf"-{{2,}}\s*(?:{_words('separator')})\s*-{{2,}}"
MOBILE = rf"(?:{_words('mobile')}) [\w ]{{1,30}}$"
