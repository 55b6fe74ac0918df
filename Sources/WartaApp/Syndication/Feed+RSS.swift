import Foundation

/// RSS 2.0 with the Atom `self` link (RSS Advisory Board's best practice), `dc:creator` for the credit and
/// `content:encoded` for the full body; `guid` is the article id, not its URL, which a new slug changes.
func rssFeed(_ feed: Feed) -> String {
    var xml = XMLWriter()
    xml.markup(
        """
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" \
        xmlns:content="http://purl.org/rss/1.0/modules/content/">

        """)
    xml.element("channel") { channel in
        channel.element("title", text: feed.title)
        channel.element("link", text: feed.pageURL)
        channel.element("description", text: feed.description)
        channel.element("language", text: feed.language)
        channel.element("lastBuildDate", text: CivilTime.rfc822(feed.updated, in: feed.timeZone))
        channel.element("generator", text: "Warta")
        channel.empty(
            "atom:link", [("href", feed.url(.rss)), ("rel", "self"), ("type", "application/rss+xml")])
        for item in feed.items { rssItem(item, feed: feed, into: &channel) }
    }
    xml.markup("</rss>\n")
    return xml.output
}

private func rssItem(_ item: FeedItem, feed: Feed, into xml: inout XMLWriter) {
    xml.element("item") { entry in
        entry.element("title", text: item.title)
        entry.element("link", text: item.url)
        entry.element("guid", [("isPermaLink", "false")], text: item.id)
        entry.element("pubDate", text: CivilTime.rfc822(item.published, in: feed.timeZone))
        if !item.author.isEmpty { entry.element("dc:creator", text: item.author) }
        if let category = item.category { entry.element("category", text: category) }
        entry.element("description", text: item.summary)
        entry.element("content:encoded", text: item.contentHTML)
        if let enclosure = item.enclosure {
            entry.empty(
                "enclosure",
                [("url", enclosure.url), ("length", String(enclosure.length)), ("type", enclosure.mimeType)])
        }
    }
}
