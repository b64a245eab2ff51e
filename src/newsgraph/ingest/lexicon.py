"""Word lists the ingest stage relies on: news agencies, months, boilerplate line patterns.

Kept as data in one place so that a rule can be read (and extended) without reading the
code that applies it. Every junk pattern matches a *whole line* (the cleaner removes lines,
never parts of them).
"""

from __future__ import annotations

import re

__all__ = ["AGENCIES", "AGENCY_PATTERN", "AGENCY_SEARCH", "MONTHS", "MONTH_PATTERN", "JUNK_LINE_PATTERNS",
           "CREDIT_PATTERN", "SECTION_WORDS", "canonical_agency"]

#: canonical agency name -> regular expressions that cite it (case-sensitive: "AP" the
#: agency is upper case, "ap" inside a word is not). Order does not matter.
AGENCIES: dict[str, list[str]] = {
    "RIA Novosti": [r"\bRIA[ -]Novosti\b", r"\bRIA\b(?= news agency)"],
    "TASS": [r"\b(?:ITAR-)?TASS\b", r"\bTass\b(?= news agency| reported| said)"],
    "Interfax": [r"\bInterfax(?:-Ukraine|-West)?\b"],
    "BelTA": [r"\bBelTA\b", r"\bBELTA\b", r"\bBelarusian Telegraph Agency\b"],
    "BelaPAN": [r"\bBelaPAN\b", r"\bBELAPAN\b"],
    "AFP": [r"\bAFP\b", r"\bAgence France[- ]Presse\b"],
    "Reuters": [r"\bReuters\b", r"\bREUTERS\b"],
    # "AP" is a common two-letter token: only count it in the shapes an agency credit takes
    "AP": [r"\bAssociated Press\b", r"\(AP\)", r"\bthe AP\b", r"\bAP Photo\b", r"/AP\b",
           r"\bAP\b(?= (?:reported|reports|said|says|writes|wrote|news agency)\b)"],
    "Xinhua": [r"\bXinhua\b", r"\bXINHUA\b"],
    # "Sputnik V" / "Sputnik Light" are vaccines, not the agency
    "Sputnik": [r"\bSputnik\b(?! V\b| Light\b|-V\b)"],
    "DPA": [r"\bDPA\b", r"\bdpa\b", r"\bDeutsche Presse-Agentur\b"],
    "UNIAN": [r"\bUNIAN\b"],
    "Ukrinform": [r"\bUkrinform\b"],
    "Belsat": [r"\bBelsat\b"],
    "Bloomberg": [r"\bBloomberg News\b", r"\(Bloomberg\)"],
    "ANSA": [r"\bANSA\b"],
    "EFE": [r"\bEFE\b"],
    "Kyodo": [r"\bKyodo(?: News)?\b"],
    "Yonhap": [r"\bYonhap\b"],
    "Anadolu Agency": [r"\bAnadolu(?: Agency)?\b"],
    "IRNA": [r"\bIRNA\b"],
    "KCNA": [r"\bKCNA\b"],
    "PAP": [r"\bPAP\b(?! smear)"],
    "Regnum": [r"\bREGNUM\b", r"\bRegnum\b"],
    "PTI": [r"\bPTI\b"],
    "UPI": [r"\bUPI\b", r"\bUnited Press International\b"],
    "CNN": [r"\(CNN\)"],
}

#: one alternation over every agency pattern; group name = index into _AGENCY_NAMES
_AGENCY_NAMES = list(AGENCIES)
AGENCY_PATTERN = re.compile("|".join(
    f"(?P<a{i}>{'|'.join(pats)})" for i, pats in enumerate(AGENCIES.values())))


_LITERAL_HEAD = re.compile(r"(?:\\b|\\\(|/)?([A-Za-z][A-Za-z]+)")


def _key(pattern: str) -> str | None:
    """The literal a pattern's matches must contain (for a fast substring test), if plain."""
    m = _LITERAL_HEAD.match(pattern)
    return m.group(1) if m else None


#: per agency: (its patterns compiled, literals one of which a match contains, or None)
AGENCY_SEARCH: list[tuple[str, re.Pattern[str], tuple[str, ...] | None]] = []
for _canon, _pats in AGENCIES.items():
    _keys = [_key(p) for p in _pats]
    AGENCY_SEARCH.append((_canon, re.compile("|".join(_pats)),
                          None if None in _keys else tuple(k for k in _keys if k)))


def canonical_agency(name: str) -> str:
    """The canonical name of a cited agency ("ITAR-TASS" -> "TASS"); unknown names unchanged."""
    name = name.strip().strip(".").strip()
    m = AGENCY_PATTERN.fullmatch(name)
    if m and m.lastgroup:
        return _AGENCY_NAMES[int(m.lastgroup[1:])]
    lowered = name.lower()
    for canon in AGENCIES:
        if canon.lower() == lowered:
            return canon
    return name


def agency_name_at(match: re.Match[str]) -> str:
    """The canonical agency a match of :data:`AGENCY_PATTERN` stands for."""
    return _AGENCY_NAMES[int((match.lastgroup or "a0")[1:])]


#: month names and abbreviations -> month number
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(["january", "february", "march", "april", "may", "june", "july",
                            "august", "september", "october", "november", "december"], 1):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
MONTHS["sept"] = 9
MONTH_PATTERN = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
                 r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")

#: first words of a breadcrumb trail after "Home" (site sections)
SECTION_WORDS = {
    "news", "politics", "world", "economy", "business", "society", "sport", "sports",
    "opinion", "analysis", "culture", "science", "tech", "technology", "health", "regions",
    "europe", "russia", "belarus", "ukraine", "asia", "africa", "americas", "us", "u.s.",
    "uk", "middle", "east", "international", "local", "national", "latest", "top", "stories",
    "incidents", "military", "defense", "defence", "security", "articles", "main", "feed",
    "media", "elections", "interview", "interviews", "video", "photo", "in", "focus",
}

_SOCIAL = (r"(?:facebook|twitter|x|telegram|whatsapp|viber|vk|vkontakte|linkedin|reddit|"
           r"pinterest|email|e-mail|print|copy link|messenger|odnoklassniki|ok|instagram|"
           r"youtube|tiktok|skype|tumblr|pocket)")

#: whole-line boilerplate (case-insensitive, matched against the stripped line)
JUNK_LINE_PATTERNS: list[re.Pattern[str]] = [re.compile(p, re.IGNORECASE) for p in [
    # comment forms
    r"leave a (?:reply|comment)\.?",
    r"(?:cancel reply|post comment|add comment|comments?|\d+ comments?|no comments)\.?",
    r"your email address will not be published\.?(?:\s*required fields are marked.*)?",
    r"required fields are marked.{0,20}",
    r"you must be logged in to post a comment\.?",
    r"save my name, email, and website in this browser.{0,60}",
    # "load more" widgets
    r"load more(?: [\w&'’ -]{0,40})?",
    r"(?:show|view|see) (?:more|all)(?: comments| news| articles| stories)?",
    # subscribe / share / follow lines (short ones only: the whole line is the call to act)
    r"(?:subscribe|sign up|join us|follow us|like us|find us|read us|stay (?:connected|tuned))"
    r"\b.{0,100}",
    r"share(?: this)?(?: article| story| post| page)?(?: on| via| with)?:?(?:\s+" + _SOCIAL
    + r")*\s*[:.]?",
    r"(?:" + _SOCIAL + r")(?:\s*[|•·,/]?\s*" + _SOCIAL + r")+",
    r"(?:tweet|print|email|whatsapp)(?: this)?(?: article| story)?",
    _SOCIAL,  # one share button per line
    r"(?:name|e-?mail|website|comment|message)\s*\*|website|post comment|submit",
    # wire credits: "Reporting by X; Editing by Y"
    r"(?:(?:additional )?(?:reporting|writing|editing|compiled|produced|translated) by [^.;]{1,150}"
    r"(?:;\s*|\.\s*|$))+",
    # related-link headers and reading suggestions
    r"(?:related|related (?:articles?|news|stories|posts|content|topics)|more on this topic|"
    r"read (?:also|more|next)|see also|also read|recommended|most read|popular|trending|"
    r"more from [\w ]{1,40}|you may also like|you might also like|what to read next)"
    r"(?:\s*:.{0,200})?",
    # cookie and consent notices
    r".{0,40}\b(?:(?:this|our) (?:web)?site|we) uses? cookies\b.{0,250}",
    r"(?:accept|reject|manage) (?:all )?cookies.{0,60}",
    r".{0,60}\bcookie (?:policy|settings|preferences|consent)\b.{0,120}",
    # page furniture
    r"advertisement|advertising|sponsored(?: content)?|ad",
    r"(?:continue reading|read full (?:article|story)|click here.{0,80}|skip to (?:main )?content)",
    r"(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4}).{0,150}",
    r".{0,100}\ball rights reserved\.?",
    r"(?:tags?|keywords|topics)\s*:.{0,300}",
    r"(?:back to top|top of page|print this (?:page|article))",
]]

#: a photo credit or caption credit. Three shapes: the whole line ("Photo: press service of
#: X", "Image: ..."), a parenthesised credit ending the line ("(Photo: Reuters)", "(AP
#: Photo/Evan Vucci)"), or a short credit after a separator or sentence end ("... | Photo: X",
#: "... Sochi. Photo: BelTA"). "Reuters/Ipsos poll" inside a sentence is none of these.
_CREDIT_WORD = (r"(?:photo|photos|image|images|picture|photograph|illustration|video|pictured|"
                r"фото)(?:\s+(?:credit|courtesy|source|by|of the day))?")
_CREDIT_AGENCY = (r"(?:AP|AFP|Reuters|Getty|EPA|TASS|Sputnik|BelTA|RIA Novosti|Xinhua|UNIAN)"
                  r"(?: Photo| Images|/Getty Images| via Getty Images)?")
CREDIT_PATTERN = re.compile(
    rf"^\(?{_CREDIT_WORD}\s*(?::|©|\bby\b|\bcourtesy of\b|—|–)[^()]{{0,160}}\)?\s*$"
    rf"|\((?:{_CREDIT_WORD}\s*(?::|©|\bby\b|\bcourtesy of\b)[^()]{{0,100}}"
    rf"|{_CREDIT_AGENCY}\s*/[^()]{{0,80}})\)\s*$"
    rf"|(?:[.!?]\s+|\s[|•·—–]\s*){_CREDIT_WORD}\s*(?::|©)[^.!?()]{{0,80}}\.?\s*$"
    rf"|^\(?(?:©\s*)?{_CREDIT_AGENCY}(?:\s*/\s*[\w .\-]{{1,60}})?\)?\s*$",
    re.IGNORECASE)
