/// A request target read as the page cache keys it (CONTRACTS.md, "Page cache"): which kind of public page, its
/// canonical spelling, and the query parameters that kind reads, in a fixed order. Every other parameter is left
/// out, and the handlers read their parameters from here too, so a page cannot depend on one the key lacks.
struct PageAddress: Sendable, Equatable {
    enum Route: Sendable, Equatable, CaseIterable {
        case home, article, list, search
        /// Feeds, sitemaps and robots.txt (`SyndicationPath`): no query parameter, one spelling.
        case syndication

        /// The one table of what each route reads from the query string, in key order.
        var parameters: [Parameter] {
            switch self {
            case .home, .list: Self.pageOnly
            case .article, .syndication: []
            case .search: Self.searchParameters
            }
        }

        // Built once, so reading a request builds no array.
        private static let pageOnly: [Parameter] = [.page]
        private static let searchParameters: [Parameter] = [.q, .category, .from, .to, .page]
    }

    enum Parameter: String, Sendable, CaseIterable {
        case page, q, category, from, to
    }

    /// What reading a request target gives.
    enum Reading: Sendable, Equatable {
        /// Not a page the cache keeps (an unknown or malformed path): the router answers, the cache stays out.
        case notAPage
        /// A cached route with a parameter it cannot read (`page=abc`, a repeated `page`): 400 from the route.
        case badQuery(Route)
        case page(PageAddress)
    }

    let route: Route
    /// Canonical path plus the parameters the route reads, canonically spelled: the key's path, the 301 target.
    let key: String
    /// Whether the request spelled path and read parameters this way (other parameters do not count).
    let isCanonical: Bool
    /// `page`, 1 when absent.
    var page = 1
    /// The text parameters the route reads (search), decoded; absent or empty ones are left out.
    var text: [Parameter: String] = [:]

    static let maximumPage = 100_000

    /// Reads a request target (`/category/ekonomi?page=2&utm_source=x`). Never fails: anything it does not
    /// recognise is `.notAPage`.
    static func read(_ uri: String) -> Reading {
        HeaderBytes.withBytes(uri) { bytes in
            let queryStart = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
            guard let path = CanonicalPath(bytes[bytes.startIndex..<queryStart]) else {
                // Only when the page shapes fail: an article or list hit never looks at these.
                guard SyndicationPath.matches(bytes[bytes.startIndex..<queryStart]) else { return .notAPage }
                let key = String(decoding: bytes[bytes.startIndex..<queryStart], as: UTF8.self)
                return .page(PageAddress(route: .syndication, key: key, isCanonical: true))
            }
            let query = queryStart < bytes.endIndex ? bytes[(queryStart + 1)...] : bytes[bytes.endIndex...]
            guard let parameters = QueryReading(query, route: path.route) else { return .badQuery(path.route) }
            // The common case (a canonical path with nothing the route reads) keys on the path as sent.
            let key: String
            if parameters.suffix.isEmpty, path.isCanonical {
                key = queryStart == bytes.endIndex ? uri : String(decoding: bytes[..<queryStart], as: UTF8.self)
            } else {
                key = path.canonical + parameters.suffix
            }
            return .page(
                PageAddress(
                    route: path.route, key: key, isCanonical: path.isCanonical && parameters.isCanonical,
                    page: parameters.page, text: parameters.text))
        }
    }
}

/// The path part: `/`, `/{yyyy}/{mm}/{slug}`, `/{category|tag|author}/{slug}`, `/search`. Segments hold letters,
/// digits and hyphens only; canonical means lower case, no empty segment, no trailing slash, a 4-digit year and a
/// 2-digit month. Read without allocating: the canonical spelling is built only when asked for.
private struct CanonicalPath {
    let route: PageAddress.Route
    let isCanonical: Bool
    /// Points into the bytes `HeaderBytes.withBytes` lends: used only inside `PageAddress.read`'s closure.
    private let path: HeaderBytes.Part
    private let segments: (Range<Int>, Range<Int>, Range<Int>)
    private let article: (year: Int, month: Int)

    static let lists = ["category", "tag", "author"]
    /// Slugs are at most 120 characters (Slug.isValid); longer segments are not pages.
    static let longestSegment = 200

    init?(_ path: HeaderBytes.Part) {
        guard path.first == UInt8(ascii: "/") else { return nil }
        self.path = path
        let none = path.endIndex..<path.endIndex
        var found = (none, none, none)
        var count = 0
        var isCanonical = true
        var start = path.startIndex
        var index = path.startIndex
        while index <= path.endIndex {
            guard index == path.endIndex || path[index] == UInt8(ascii: "/") else {
                let byte = path[index]
                guard Self.isSlugByte(byte) else { return nil }
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { isCanonical = false }
                index += 1
                continue
            }
            if index > start {
                guard count < 3, index - start <= Self.longestSegment else { return nil }
                switch count {
                case 0: found.0 = start..<index
                case 1: found.1 = start..<index
                default: found.2 = start..<index
                }
                count += 1
            } else if index != path.startIndex, !(index == path.endIndex && path.count == 1) {
                // An empty segment or a trailing slash (`//`, `/a//b`, `/a/`); the root `/` is fine.
                isCanonical = false
            }
            start = index + 1
            index += 1
        }
        segments = found
        let first = path[found.0]
        switch count {
        case 0:
            (route, article) = (.home, (0, 0))
            if path.count != 1 { isCanonical = false }
        case 1 where HeaderBytes.equalsLowercase(first, "search".utf8):
            (route, article) = (.search, (0, 0))
        case 2 where Self.lists.contains(where: { HeaderBytes.equalsLowercase(first, $0.utf8) }):
            (route, article) = (.list, (0, 0))
        case 3:
            guard let year = Self.number(first), (1...9999).contains(year), let month = Self.number(path[found.1]),
                (1...12).contains(month)
            else { return nil }
            if found.0.count != 4 || found.1.count != 2 { isCanonical = false }
            (route, article) = (.article, (year, month))
        default:
            return nil
        }
        self.isCanonical = isCanonical
    }

    /// `/2024/1/Banjir/` → `/2024/01/banjir`.
    var canonical: String {
        switch route {
        case .home: "/"
        case .search: "/search"
        // Never made by `CanonicalPath` (`SyndicationPath` reads those addresses).
        case .syndication: ""
        case .list: "/" + lowered(segments.0) + "/" + lowered(segments.1)
        case .article: SitePath.article(year: article.year, month: article.month, slug: lowered(segments.2)).path
        }
    }

    private func lowered(_ range: Range<Int>) -> String {
        String(decoding: path[range].map(HeaderBytes.lowered), as: UTF8.self)
    }

    private static func isSlugByte(_ byte: UInt8) -> Bool {
        let lower = HeaderBytes.lowered(byte)
        return HeaderBytes.isDigit(byte) || byte == UInt8(ascii: "-")
            || (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
    }

    private static func number(_ digits: HeaderBytes.Part) -> Int? {
        guard (1...6).contains(digits.count), digits.allSatisfy(HeaderBytes.isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}

/// The query string as a route reads it: only its own parameters (`PageAddress.Route.parameters`), each at most
/// once; `page` a decimal number in 1...100,000, canonical without leading zeros and left out when 1; text
/// parameters percent-decoded (`+` is a space), left out when empty, and re-encoded one way in the key.
private struct QueryReading {
    var page = 1
    var text: [PageAddress.Parameter: String] = [:]
    var isCanonical = true
    /// `?q=…&page=2`: the read parameters in table order, empty when none is given.
    var suffix = ""

    init?(_ query: HeaderBytes.Part, route: PageAddress.Route) {
        let wanted = route.parameters
        guard !wanted.isEmpty, !query.isEmpty else { return }
        var seen: [PageAddress.Parameter] = []
        var start = query.startIndex
        while start < query.endIndex {
            let end = query[start...].firstIndex(of: UInt8(ascii: "&")) ?? query.endIndex
            let pair = query[start..<end]
            start = end + 1
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            let name = pair[..<equals]
            guard let parameter = wanted.first(where: { name.elementsEqual($0.rawValue.utf8) }) else { continue }
            guard !seen.contains(parameter) else { return nil }
            seen.append(parameter)
            let value = equals < pair.endIndex ? pair[(equals + 1)...] : pair[pair.endIndex...]
            if parameter == .page {
                guard !value.isEmpty, value.count <= 6, value.allSatisfy(HeaderBytes.isDigit) else { return nil }
                page = value.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                guard (1...PageAddress.maximumPage).contains(page) else { return nil }
                if value.first == UInt8(ascii: "0") || page == 1 { isCanonical = false }
            } else {
                guard let decoded = Self.percentDecoded(value) else { return nil }
                if !decoded.isEmpty { text[parameter] = decoded }
            }
        }
        for parameter in wanted {
            let value: String
            if parameter == .page {
                guard page > 1 else { continue }
                value = String(page)
            } else {
                guard let given = text[parameter] else { continue }
                value = SitePath.queryEncoded(given)
            }
            suffix += (suffix.isEmpty ? "?" : "&") + parameter.rawValue + "=" + value
        }
    }

    /// `a+b%C3%A9` → `a bé`; nil for a bad escape or bytes that are not UTF-8.
    static func percentDecoded(_ value: HeaderBytes.Part) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.count)
        var index = value.startIndex
        while index < value.endIndex {
            let byte = value[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < value.endIndex, let high = hexValue(value[index + 1]),
                    let low = hexValue(value[index + 2])
                else { return nil }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
