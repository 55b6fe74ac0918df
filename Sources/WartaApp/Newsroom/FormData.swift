import Foundation
import Hummingbird

/// A decoded `application/x-www-form-urlencoded` body. Invalid UTF-8 or percent escapes are a 400.
struct FormData: Sendable {
    private(set) var fields: [String: [String]] = [:]

    init(fields: [String: [String]] = [:]) {
        self.fields = fields
    }

    subscript(_ name: String) -> String { fields[name]?.first ?? "" }

    func values(_ name: String) -> [String] { fields[name] ?? [] }

    /// Parses a body; HTTP 413 comes from `collectBody` when it is over the context's upload limit.
    static func read(_ request: Request, context: WartaContext) async throws -> FormData {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        guard let text = String(validating: body.readableBytesView, as: UTF8.self) else { throw SiteError.badRequest }
        return try parse(text)
    }

    static func parse(_ text: String) throws -> FormData {
        var form = FormData()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw SiteError.badRequest
            }
            form.fields[name, default: []].append(value)
        }
        return form
    }

    private static func decode(_ component: Substring) -> String? {
        component.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
