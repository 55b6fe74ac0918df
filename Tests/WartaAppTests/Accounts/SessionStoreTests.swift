import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

@Suite struct SessionStoreTests {
    @Test("The database holds only a session key's SHA-256", arguments: TestDatabase.allCases)
    func sessionKeysAreStoredHashed(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let editor = try await seed.staff()
            let key = try await app.test(.router) { client in
                var browser = Browser(client)
                #expect(
                    try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali").status
                        == .seeOther)
                return try #require(browser.cookies[SessionStore.cookieName])
            }
            let rows = try await SessionRecord.query(on: seed.services.database.db).all()
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row.id == TokenHash.sha256Hex("staff." + key))
            #expect(row.id?.contains(key) == false)
            #expect(!String(decoding: row.value, as: UTF8.self).contains(key))
            #expect(row.principal == .staff)
            #expect(row.userID == editor.id)
            // The hash itself is no cookie: presented as one it signs nobody in.
            let stored: String = try #require(row.id)
            try await app.test(.router) { client in
                var thief = Browser(client)
                thief.cookies[SessionStore.cookieName] = stored
                let response = try await thief.get("/admin/articles")
                #expect(response.headers[.location] == "/admin/signin")
            }
        }
    }

    @Test("Signing in ends this browser's previous session, not other devices'", arguments: TestDatabase.allCases)
    func signInEndsThisBrowsersOldSession(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await seed.staff("admin@example.com", name: "Sari Admin", role: .admin)
            try await app.test(.router) { client in
                var laptop = Browser(client)
                var phone = Browser(client)
                _ = try await phone.signIn(email: "editor@example.com", password: "rahasia-sekali")
                _ = try await laptop.signIn(email: "editor@example.com", password: "rahasia-sekali")
                let before = try #require(laptop.cookies[SessionStore.cookieName])
                _ = try await laptop.signIn(email: "admin@example.com", password: "rahasia-sekali")
                let after = try #require(laptop.cookies[SessionStore.cookieName])
                #expect(after != before)
                var replay = Browser(client)
                replay.cookies[SessionStore.cookieName] = before
                #expect(try await replay.get("/admin/articles").headers[.location] == "/admin/signin")
                #expect(try await laptop.get("/admin/users").status == .ok)
                #expect(try await phone.get("/admin/articles").status == .ok)
            }
            #expect(try await SessionRecord.query(on: seed.services.database.db).count() == 2)
        }
    }

    @Test("Expired sessions, one-time tokens and counters are cleaned up", arguments: TestDatabase.allCases)
    func expiredRecordsAreRemoved(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            let (services, db) = (seed.services, seed.services.database.db)
            let tokens = OneTimeTokens(database: services.database, world: services.world)
            let shortLived = try await tokens.issue(purpose: "test", lifetime: 60)
            let longLived = try await tokens.issue(purpose: "test", lifetime: 48 * 3600)
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                var guesser = Browser(client)
                _ = try await guesser.signIn(email: "editor@example.com", password: "salah-sekali-ini")
            }
            #expect(try await SessionRecord.query(on: db).count() == 1)
            #expect(try await tokens.usable(shortLived, purpose: "test", on: db) != nil)
            #expect(try await tokens.usable(shortLived, purpose: "other", on: db) == nil)
            seed.world.advance(by: 13 * 3600)
            #expect(try await tokens.usable(shortLived, purpose: "test", on: db) == nil)
            try await AccountsCleanup.removeExpired(database: services.database, world: services.world)
            let left = try await OneTimeToken.query(on: db).all().map(\.tokenHash)
            #expect(left == [TokenHash.sha256Hex(longLived)])
            #expect(try await RateLimitCounter.query(on: db).count() == 0)
            #expect(try await SessionRecord.query(on: db).count() == 0)
        }
    }
}
