#!/usr/bin/python3
"""Independent check of WartaMarkup sanitizer output with html5lib.

Usage: check_sanitized.py OUTPUTS.json

OUTPUTS.json is a list of {"policy": "comment"|"article", "input": str, "output": str}.
Each output is parsed the way a browser would (html5lib.parseFragment) and every element
and attribute in the resulting tree is checked against the policy. Failures are printed
as a JSON list on stdout; the exit status is 1 if there are any, 0 otherwise.
"""
import json
import sys

import html5lib

COMMENT_ELEMENTS = {
    "p", "br", "a", "strong", "em", "b", "i", "u", "s", "del", "code", "pre",
    "blockquote", "ul", "ol", "li",
}
ARTICLE_ELEMENTS = COMMENT_ELEMENTS | {
    "h2", "h3", "h4", "h5", "h6", "img", "figure", "figcaption", "table", "caption",
    "thead", "tbody", "tfoot", "tr", "th", "td", "hr", "sub", "sup",
}
ELEMENTS = {"comment": COMMENT_ELEMENTS, "article": ARTICLE_ELEMENTS}

ATTRIBUTES = {
    "comment": {"a": {"href", "rel"}},
    "article": {
        "a": {"href", "title"},
        "img": {"src", "alt", "width", "height", "loading", "title"},
        "th": {"align", "colspan", "rowspan"},
        "td": {"align", "colspan", "rowspan"},
    },
}
LINK_SCHEMES = {"http", "https", "mailto"}
IMAGE_SCHEMES = {"http", "https"}
COMMENT_REL = "nofollow ugc noopener"


def scheme(url):
    """Scheme as a browser would see it, or None for a relative URL.

    Leading/trailing C0 controls and spaces are stripped and tab/LF/CR removed, like the
    WHATWG URL parser; to stay conservative every control and space is removed and any
    text before a ':' that precedes '/', '?' and '#' counts as a scheme.
    """
    cleaned = "".join(ch for ch in url if ord(ch) > 0x20).lower()
    for ch_index, ch in enumerate(cleaned):
        if ch == ":":
            return cleaned[:ch_index]
        if ch in "/?#":
            return None
    return None


def check_attribute(policy, tag, name, value):
    """Returns a problem description or None."""
    if name.lower().startswith("on"):
        return "event handler attribute"
    if name not in ATTRIBUTES[policy].get(tag, set()):
        return "attribute not allowed"
    if name == "href":
        found = scheme(value)
        if found is not None and found not in LINK_SCHEMES:
            return "href scheme %r" % found
    if name == "src":
        found = scheme(value)
        if found is not None and found not in IMAGE_SCHEMES:
            return "src scheme %r" % found
    if name == "rel" and value != COMMENT_REL:
        return "rel is not %r" % COMMENT_REL
    if name in ("width", "height", "colspan", "rowspan") and not (value.isascii() and value.isdigit()):
        return "not plain digits"
    if name == "align" and value not in ("left", "right", "center"):
        return "bad align"
    if name == "loading" and value not in ("lazy", "eager"):
        return "bad loading"
    return None


def check_element(policy, element, problems):
    tag = element.tag
    if not isinstance(tag, str):
        problems.append("non-element node (comment or processing instruction)")
        return
    if tag not in ELEMENTS[policy]:
        problems.append("element <%s> not allowed" % tag)
    for name, value in element.attrib.items():
        problem = check_attribute(policy, tag, name, value)
        if problem:
            problems.append("<%s %s=%r>: %s" % (tag, name, value, problem))
    if policy == "comment" and tag == "a" and element.attrib.get("rel") != COMMENT_REL:
        problems.append("<a> without rel=%r" % COMMENT_REL)
    if tag == "img" and not element.attrib.get("src", "").strip():
        problems.append("<img> without src")
    for child in element:
        check_element(policy, child, problems)


def check(record):
    policy = record["policy"]
    fragment = html5lib.parseFragment(record["output"], namespaceHTMLElements=False)
    problems = []
    for child in fragment:
        check_element(policy, child, problems)
    return problems


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        records = json.load(handle)
    failures = []
    for record in records:
        problems = check(record)
        if problems:
            failures.append({
                "policy": record["policy"],
                "input": record["input"],
                "output": record["output"],
                "problems": problems,
            })
    json.dump({"checked": len(records), "failures": failures}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
