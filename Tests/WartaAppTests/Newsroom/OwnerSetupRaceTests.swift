import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

/// Set-up forms sent at once make exactly one owner (issue 10, part 4: PostgreSQL made two).
@Suite struct OwnerSetupRaceTests {
    @Test("Simultaneous set-ups make one admin", arguments: TestDatabase.allCases)
    func simultaneousSetupsMakeOneAdmin(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let token = try await StaffAccounts(database: seed.services.database, world: seed.world.world)
                .issueSetupToken()
            try await app.test(.router) { client in
                var browser = Browser(client)
                #expect(try await browser.get("/admin/setup?token=\(token)").status == .ok)
                let forms = (1...6).map { index -> [(String, String)] in
                    [
                        ("token", token), ("name", "Pemilik \(index)"), ("email", "pemilik\(index)@example.com"),
                        ("password", "sandi-yang-panjang"),
                    ]
                }
                let statuses = try await postAtOnce(browser, "/admin/setup", forms: forms).map(\.status)
                #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
                #expect(statuses.allSatisfy { $0.code < 500 }, "\(statuses)")
            }
            let db = seed.services.database.db
            #expect(try await User.query(on: db).filter(\.$role == .admin).count() == 1)
            #expect(try await User.query(on: db).count() == 1)
        }
    }
}
