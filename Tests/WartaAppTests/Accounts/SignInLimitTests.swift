import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

@testable import WartaApp

@Suite struct SignInLimitTests {
    @Test("Parallel wrong passwords: at most the limit reach bcrypt", arguments: TestDatabase.allCases)
    func parallelGuessesAreCountedBeforeBcrypt(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            let statuses = try await app.test(.router) { client in
                var browser = Browser(client)
                try await browser.get("/admin/signin")
                let ready = browser
                return try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for attempt in 0..<12 {
                        group.addTask {
                            var guesser = ready
                            let fields = [("email", "editor@example.com"), ("password", "tebakan-\(attempt)")]
                            return try await guesser.post("/admin/signin", fields).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 7)
            #expect(passwordChecks(seed.services) == 5)
        }
    }

    @Test("An unknown address runs bcrypt like a wrong password", arguments: TestDatabase.allCases)
    func unknownAddressRunsBcrypt(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await app.test(.router) { client in
                var browser = Browser(client)
                let unknown = try await browser.signIn(email: "nobody@example.com", password: "rahasia-sekali")
                #expect(unknown.status == .unauthorized)
                #expect(passwordChecks(seed.services) == 1)
                let wrong = try await browser.signIn(email: "editor@example.com", password: "rahasia-salah")
                #expect(wrong.status == .unauthorized)
                #expect(
                    unknown.text
                        == wrong.text.replacingOccurrences(of: "editor@example.com", with: "nobody@example.com"))
                #expect(passwordChecks(seed.services) == 2)
            }
        }
    }

    @Test func dummyHashCostsWhatARealOneCosts() async throws {
        let real = Bcrypt.hash("rahasia-sekali", cost: 11)
        #expect(real.prefix(7) == Passwords.dummyHash.prefix(7))
        #expect(Bcrypt.verify("x", hash: Passwords.dummyHash))
        #expect(try await !Passwords.matches("x", hash: nil))
        #expect(try await Passwords.matches("rahasia-sekali", hash: real))
    }

    @Test("A spoofed X-Forwarded-For from an untrusted peer is ignored", arguments: TestDatabase.allCases)
    func spoofedForwardedForIsIgnored(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await app.test(.live) { client in
                for attempt in 1...6 {
                    let response = try await signIn(
                        client, email: "orang\(attempt)@example.com", forwardedFor: "203.0.113.\(attempt)")
                    #expect(response.status == (attempt <= 5 ? .unauthorized : .tooManyRequests))
                }
            }
            let keys = try await RateLimitCounter.query(on: seed.services.database.db).all().compactMap(\.id)
            #expect(keys.contains("signin:ip:127.0.0.1"))
            #expect(!keys.contains { $0.hasPrefix("signin:ip:203.") })
        }
    }

    @Test("Behind a trusted proxy each client has its own limit, IPv6 by /64", arguments: TestDatabase.allCases)
    func trustedProxyNamesTheClient(database: TestDatabase) async throws {
        let configure: (inout AppConfig) -> Void = {
            $0.trustedProxies = TrustedProxies(ranges: [CIDR("127.0.0.0/8"), CIDR("::1")].compactMap { $0 })
        }
        try await withTestApp(database, configure: configure) { app, seed in
            try await app.test(.live) { client in
                for attempt in 1...6 {
                    let response = try await signIn(
                        client, email: "orang\(attempt)@example.com", forwardedFor: "6.6.6.6, 203.0.113.\(attempt)")
                    #expect(response.status == .unauthorized)
                }
                for attempt in 1...6 {
                    let response = try await signIn(
                        client, email: "tamu\(attempt)@example.com", forwardedFor: "2001:db8:7:7::\(attempt)")
                    #expect(response.status == (attempt <= 5 ? .unauthorized : .tooManyRequests))
                }
            }
            let keys = try await RateLimitCounter.query(on: seed.services.database.db).all().compactMap(\.id)
            #expect(keys.contains("signin:ip:203.0.113.6"))
            #expect(keys.contains("signin:ip:2001:db8:7:7::/64"))
            #expect(!keys.contains { $0.hasPrefix("signin:ip:6.6.6.6") || $0.hasPrefix("signin:ip:127.") })
        }
    }

    /// One sign-in post with a fresh CSRF cookie, over `client`.
    private func signIn(_ client: any TestClientProtocol, email: String, forwardedFor: String) async throws
        -> TestResponse
    {
        var browser = Browser(client)
        try await browser.get("/admin/signin")
        var headers = HTTPFields()
        headers[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let name = HTTPField.Name("X-Forwarded-For") { headers[name] = forwardedFor }
        let body = "email=\(Browser.encode(email))&password=salah-terus-ya&csrf=\(Browser.encode(browser.csrf))"
        return try await client.execute(
            uri: "/admin/signin", method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

/// bcrypt runs counted by `warta_password_checks_total`.
func passwordChecks(_ services: AppServices) -> Int {
    let line = services.metrics.exposition().split(separator: "\n").first {
        $0.hasPrefix("warta_password_checks_total ")
    }
    return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
}
