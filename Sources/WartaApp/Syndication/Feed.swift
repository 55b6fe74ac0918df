import Foundation

/// One feed, format-free: what RSS 2.0, Atom 1.0 and JSON Feed 1.1 all say about the site or one of its lists.
struct Feed: Sendable {
    let title: String
    let description: String
    /// BCP 47 tag of the site's default language.
    let language: String
    /// Absolute URL of the page the feed follows (`https://…/category/ekonomi`).
    let pageURL: String
    /// Absolute site URL without a trailing slash, for Atom's `xml:base` and the ids.
    let siteURL: String
    /// The site-relative path of the list this feed follows, without a format suffix (`/category/ekonomi`, or
    /// empty for the site); each format adds its own (`/feed`, `/feed.atom`, `/feed.json`).
    let listPath: String
    let siteName: String
    let updated: Date
    let timeZone: TimeZone
    let items: [FeedItem]

    /// `https://…/category/ekonomi/feed.atom`
    func url(_ format: FeedFormat) -> String { siteURL + format.path(forList: listPath) }
}

struct FeedItem: Sendable {
    /// `urn:uuid:…`: stays the same when the slug changes, so readers do not show a moved story twice.
    let id: String
    let title: String
    let url: String
    /// Plain text: the summary, else the start of the body.
    let summary: String
    /// The sanitized body followed by the source and translation lines, as on the article page.
    let contentHTML: String
    let author: String
    let language: String
    let category: String?
    let published: Date
    let updated: Date
    let enclosure: FeedEnclosure?
}

/// The cover image of an item (RSS `enclosure`, Atom `link rel="enclosure"`, JSON Feed `attachments`).
struct FeedEnclosure: Sendable, Equatable {
    let url: String
    let mimeType: String
    let length: Int
}

/// The three formats, their URL suffixes and media types (CONTRACTS.md, "URLs").
enum FeedFormat: String, Sendable, CaseIterable {
    case rss, atom, json

    /// `/feed`, `/feed.atom`, `/feed.json` after the list's path.
    func path(forList list: String) -> String {
        switch self {
        case .rss: list + "/feed"
        case .atom: list + "/feed.atom"
        case .json: list + "/feed.json"
        }
    }

    var contentType: String {
        switch self {
        case .rss: "application/rss+xml; charset=utf-8"
        case .atom: "application/atom+xml; charset=utf-8"
        case .json: "application/feed+json; charset=utf-8"
        }
    }

    func render(_ feed: Feed) -> String {
        switch self {
        case .rss: rssFeed(feed)
        case .atom: atomFeed(feed)
        case .json: jsonFeed(feed)
        }
    }
}
