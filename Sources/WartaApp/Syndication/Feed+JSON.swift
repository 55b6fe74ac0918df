import Foundation

/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written by the JSON-LD serializer (`StructuredData`), whose
/// `\u` escapes of `<`, `>` and `&` are valid JSON.
func jsonFeed(_ feed: Feed) -> String {
    let items: [JSONValue] = feed.items.map { item in
        .object(dropping: [
            ("id", .string(item.id)), ("url", .string(item.url)), ("title", .string(XMLWriter.cleaned(item.title))),
            ("content_html", .string(item.contentHTML)), ("summary", .text(XMLWriter.cleaned(item.summary))),
            ("date_published", .string(CivilTime.rfc3339(item.published, in: feed.timeZone))),
            ("date_modified", .string(CivilTime.rfc3339(item.updated, in: feed.timeZone))),
            ("authors", item.author.isEmpty ? nil : .array([.object([("name", .string(item.author))])])),
            ("tags", item.category.map { .array([.string($0)]) }), ("language", .string(item.language)),
            (
                "attachments",
                item.enclosure.map { enclosure in
                    .array([
                        .object([
                            ("url", .string(enclosure.url)), ("mime_type", .string(enclosure.mimeType)),
                            ("size_in_bytes", .number(enclosure.length)),
                        ])
                    ])
                }
            ),
        ])
    }
    let document = JSONValue.object(dropping: [
        ("version", .string("https://jsonfeed.org/version/1.1")), ("title", .string(feed.title)),
        ("home_page_url", .string(feed.pageURL)), ("feed_url", .string(feed.url(.json))),
        ("description", .text(feed.description)), ("language", .string(feed.language)),
        ("authors", .array([.object([("name", .string(feed.siteName))])])), ("items", .array(items)),
    ])
    return StructuredData(document).json
}
