import Crypto
import Foundation
import Hummingbird
import NIOCore

extension PageCache {
    /// The prebuilt plain and gzip responses of one page. The two bodies differ, so their ETags differ too
    /// (RFC 9110 §8.8.3: an ETag names one representation): the gzip one carries a `-gz` suffix.
    static func makeEntry(
        html: String, kind: Kind, lifetime: TimeInterval, gzip: Gzip.Level = .kept, contentType: String = htmlType
    ) -> Entry {
        let plainBytes = ByteBuffer(string: html)
        let hash = Digits.hex(SHA256.hash(data: Data(html.utf8)).prefix(12))
        let gzipBytes = Gzip.compress(plainBytes, gzip)
        let longest = PageCache.maximumAge.nanoseconds / 1_000_000_000
        let maxAge = lifetime.isFinite ? Int(max(0, min(lifetime, Double(longest)))) : 0
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "public, max-age=\(min(maxAge, 60))"
        headers[.vary] = CacheRequestRules.vary
        SecurityHeaders.apply(to: &headers, newsroom: false)
        let plain = Self.variant(headers, etag: "\"\(hash)\"", body: plainBytes)
        var gzipped = plain
        if let gzipBytes {
            var gzipHeaders = headers
            gzipHeaders[.contentEncoding] = "gzip"
            gzipped = Self.variant(gzipHeaders, etag: "\"\(hash)-gz\"", body: gzipBytes)
        }
        let expires = NIODeadline.now() + .seconds(Int64(maxAge))
        return Entry(
            plain: plain, gzip: gzipped, kind: kind, expires: expires,
            size: plainBytes.readableBytes + (gzipBytes?.readableBytes ?? 0) + 512)
    }

    private static func variant(_ headers: HTTPFields, etag: String, body: ByteBuffer) -> Variant {
        var headers = headers
        headers[.eTag] = etag
        var notModifiedHeaders = headers
        notModifiedHeaders[.contentEncoding] = nil
        return Variant(
            etag: etag, response: Response(status: .ok, headers: headers, body: .init(byteBuffer: body)),
            notModified: Response(status: .notModified, headers: notModifiedHeaders),
            wire: HitBytes(headers: headers, notModifiedHeaders: notModifiedHeaders, body: body))
    }

    /// A page rendered for one visitor (signed in, or at an address the cache does not key): never stored by
    /// shared caches, gzipped at the fastest level when the visitor takes gzip.
    static func personalResponse(html: String, for request: Request, contentType: String = htmlType) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "private, no-cache"
        headers[.vary] = CacheRequestRules.vary
        SecurityHeaders.apply(to: &headers, newsroom: false)
        var body = ByteBuffer(string: html)
        if CacheRequestRules.coding(acceptEncoding: request.headers[.acceptEncoding]) == .gzip,
            let compressed = Gzip.compress(body, .oneOff)
        {
            headers[.contentEncoding] = "gzip"
            body = compressed
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

extension PageCache.Entry {
    /// The variant `Accept-Encoding` picks, and whether `If-None-Match` names its ETag (then 304): the one choice
    /// both the router-side responder and the channel handler make.
    func choice(acceptEncoding: String?, ifNoneMatch: String?) -> (variant: PageCache.Variant, isNotModified: Bool) {
        let variant = CacheRequestRules.coding(acceptEncoding: acceptEncoding) == .gzip ? gzip : plain
        return (variant, CacheRequestRules.isNotModified(ifNoneMatch: ifNoneMatch, etag: variant.etag))
    }

    func response(acceptEncoding: String?, ifNoneMatch: String?) -> Response {
        let (variant, isNotModified) = choice(acceptEncoding: acceptEncoding, ifNoneMatch: ifNoneMatch)
        return isNotModified ? variant.notModified : variant.response
    }

    func response(for request: Request) -> Response {
        response(acceptEncoding: request.headers[.acceptEncoding], ifNoneMatch: request.headers[.ifNoneMatch])
    }
}
