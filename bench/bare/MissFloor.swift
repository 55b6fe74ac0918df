import FluentKit
import FluentSQLiteDriver
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import SQLKit
import WartaApp

/// The stack's floor for a page-cache miss: per request, what any page built from the database must do on the
/// stack DESIGN.md names, and none of Warta's own work — the title and body of one article read by slug through
/// FluentKit's SQLite driver (the pool and thread-pool hop Warta uses) and a one-off gzip of the page's plain
/// bytes (Warta's own `Gzip`, libdeflate level 1, as on its misses). No rendering: the page sent is the prebuilt
/// one, compressed again on every request.
///
/// With `--no-gzip` the prebuilt gzip bytes go out after the read, which separates the read from the compression.
struct MissFloor: Sendable {
    /// One handle per event loop, made once, like Warta's own; the connection pool behind them is shared.
    let handles: [any SQLDatabase]
    let slug: String
    let plainPage: ByteBuffer
    let gzipPage: ByteBuffer
    let compressEachTime: Bool

    func respond() async throws -> Response {
        guard let sql = handles.first(where: { $0.eventLoop.inEventLoop }) ?? handles.randomElement() else {
            throw MissFloorError.notSQL
        }
        let rows = try await sql.raw(
            "SELECT title, body_html FROM articles WHERE slug = \(bind: slug) AND status = 'published'"
        ).all()
        guard let row = rows.first, !(try row.decode(column: "title", as: String.self)).isEmpty,
            !(try row.decode(column: "body_html", as: String.self)).isEmpty
        else { throw MissFloorError.noArticle(slug) }
        let body = compressEachTime ? try Self.gzip(plainPage) : gzipPage
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentEncoding] = "gzip"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    static let logger = Logger(label: "warta-bench-bare")

    static func gzip(_ bytes: ByteBuffer) throws -> ByteBuffer {
        guard let compressed = Gzip.compress(bytes, .oneOff) else { throw MissFloorError.compression }
        return compressed
    }
}

enum MissFloorError: Error {
    case notSQL
    case noArticle(String)
    case compression
}
