import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// The same form posted many times at once from one browser's cookies and CSRF token.
func postAtOnce(_ browser: Browser, _ path: String, forms: [[(String, String)]]) async throws -> [TestResponse] {
    var headers = HTTPFields()
    headers[.contentType] = "application/x-www-form-urlencoded"
    headers[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
    let bodies = forms.map { fields in
        (fields + [("csrf", browser.csrf)]).map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }
            .joined(separator: "&")
    }
    let (client, requestHeaders) = (browser.client, headers)
    return try await withThrowingTaskGroup(of: TestResponse.self) { group in
        for body in bodies {
            group.addTask {
                try await client.execute(
                    uri: path, method: .post, headers: requestHeaders, body: ByteBuffer(string: body))
            }
        }
        return try await group.reduce(into: []) { $0.append($1) }
    }
}
