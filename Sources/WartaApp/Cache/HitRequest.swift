import NIOHTTP1

/// The header values of an NIO request head that the cache rules read, gathered in one pass over the headers
/// without allocating, and whether anything about the request is for Hummingbird alone.
struct HitRequest {
    var cookie: String?
    var acceptLanguage: String?
    var acceptEncoding: String?
    var ifNoneMatch: String?
    /// A body, `Expect`, `Upgrade`, or a header the rules read given twice (the router joins repeated fields;
    /// leaving those to it keeps one reading of them): only the router answers.
    var isForRouter = false

    init(_ head: HTTPRequestHead) {
        guard head.version == .http1_1, head.method == .GET || head.method == .HEAD else {
            isForRouter = true
            return
        }
        for (name, value) in head.headers {
            note(name: name, value: value)
            if isForRouter { return }
        }
    }

    private mutating func note(name: String, value: String) {
        let utf8 = name.utf8
        switch utf8.count {
        case 6:
            if Self.named(utf8, "cookie") {
                isForRouter = Self.keep(&cookie, value) || isForRouter
            } else if Self.named(utf8, "expect") {
                isForRouter = true
            }
        case 7:
            if Self.named(utf8, "upgrade") { isForRouter = true }
        case 13:
            if Self.named(utf8, "if-none-match") { isForRouter = Self.keep(&ifNoneMatch, value) || isForRouter }
        case 14:
            if Self.named(utf8, "content-length"), value != "0" { isForRouter = true }
        case 15:
            if Self.named(utf8, "accept-language") {
                isForRouter = Self.keep(&acceptLanguage, value) || isForRouter
            } else if Self.named(utf8, "accept-encoding") {
                isForRouter = Self.keep(&acceptEncoding, value) || isForRouter
            }
        case 17:
            if Self.named(utf8, "transfer-encoding") { isForRouter = true }
        default:
            break
        }
    }

    /// Keeps `value`; true when the field was already given (a repeat).
    private static func keep(_ field: inout String?, _ value: String) -> Bool {
        defer { field = value }
        return field != nil
    }

    private static func named(_ name: String.UTF8View, _ lowercased: StaticString) -> Bool {
        lowercased.withUTF8Buffer { literal in
            zip(name, literal).allSatisfy { HeaderBytes.lowered($0) == $1 }
        }
    }
}
