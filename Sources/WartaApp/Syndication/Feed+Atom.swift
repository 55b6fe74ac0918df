import Foundation

/// Atom 1.0 (RFC 4287): the feed names the site as author, so an entry without a credit is still valid (§4.1.1).
func atomFeed(_ feed: Feed) -> String {
    var xml = XMLWriter()
    xml.open(
        "feed",
        [("xmlns", "http://www.w3.org/2005/Atom"), ("xml:lang", feed.language), ("xml:base", feed.siteURL + "/")])
    xml.markup("\n")
    xml.element("title", text: feed.title)
    xml.element("subtitle", text: feed.description)
    xml.element("id", text: feed.url(.atom))
    xml.element("updated", text: CivilTime.rfc3339(feed.updated, in: feed.timeZone))
    xml.empty("link", [("rel", "alternate"), ("type", "text/html"), ("href", feed.pageURL)])
    xml.empty("link", [("rel", "self"), ("type", "application/atom+xml"), ("href", feed.url(.atom))])
    xml.element("author") { $0.element("name", text: feed.siteName) }
    xml.element("generator", text: "Warta")
    for item in feed.items { atomEntry(item, feed: feed, into: &xml) }
    xml.close("feed")
    return xml.output
}

private func atomEntry(_ item: FeedItem, feed: Feed, into xml: inout XMLWriter) {
    xml.open("entry", [("xml:lang", item.language)])
    xml.markup("\n")
    xml.element("title", text: item.title)
    xml.empty("link", [("rel", "alternate"), ("type", "text/html"), ("href", item.url)])
    xml.element("id", text: item.id)
    xml.element("published", text: CivilTime.rfc3339(item.published, in: feed.timeZone))
    xml.element("updated", text: CivilTime.rfc3339(item.updated, in: feed.timeZone))
    if !item.author.isEmpty { xml.element("author") { $0.element("name", text: item.author) } }
    if let category = item.category { xml.empty("category", [("term", category)]) }
    xml.element("summary", [("type", "text")], text: item.summary)
    xml.element("content", [("type", "html")], text: item.contentHTML)
    if let enclosure = item.enclosure {
        xml.empty(
            "link",
            [
                ("rel", "enclosure"), ("href", enclosure.url), ("type", enclosure.mimeType),
                ("length", String(enclosure.length)),
            ])
    }
    xml.close("entry")
}
