import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

@testable import WartaApp

/// A tiny cookie-keeping client for newsroom flows: remembers cookies and the last page's CSRF token.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf = ""

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    @discardableResult
    mutating func get(_ path: String) async throws -> TestResponse {
        let response = try await client.execute(uri: path, method: .get, headers: headers())
        remember(response)
        return response
    }

    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)], csrf override: String? = nil) async throws
        -> TestResponse
    {
        var all = fields
        all.append(("csrf", override ?? csrf))
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = headers()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// Signs in through the form (loading it first for the CSRF cookie).
    mutating func signIn(email: String, password: String) async throws -> TestResponse {
        try await get("/admin/signin")
        return try await post("/admin/signin", [("email", email), ("password", password)])
    }

    private func headers() -> HTTPFields {
        var fields = HTTPFields()
        if !cookies.isEmpty {
            fields[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        return fields
    }

    private mutating func remember(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if header.contains("Max-Age=0") || pair[1].isEmpty {
                cookies[pair[0]] = nil
            } else {
                cookies[pair[0]] = pair[1]
            }
        }
        let html = String(buffer: response.body)
        if let range = html.range(of: "name=\"csrf\" value=\"") {
            csrf = String(html[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

extension Seed {
    @discardableResult
    func staff(_ email: String = "editor@example.com", name: String = "Dodi Pratama", role: Role = .editor) async throws
        -> User
    {
        try await StaffAccounts(database: services.database, world: world.world).create(
            email: email, name: name, role: role, password: "rahasia-sekali")
    }
}
