import AsyncKit
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SQLKit
import SQLiteNIO
import Testing

@testable import WartaApp

/// Only a database that cannot serve is a 503; a unique violation is a form error, any other error a 500 (issue 10,
/// part 4).
@Suite struct DatabaseFailureTests {
    @Test func postgresErrorsAreClassifiedBySQLState() {
        #expect(DatabaseFailure.postgres(code: .server, sqlState: "23505", severity: "ERROR") == .duplicate)
        #expect(DatabaseFailure.postgres(code: .server, sqlState: "23503", severity: "ERROR") == .bug)
        #expect(DatabaseFailure.postgres(code: .server, sqlState: "42601", severity: "ERROR") == .bug)
        #expect(DatabaseFailure.postgres(code: .server, sqlState: "42P01", severity: "ERROR") == .unavailable)
        #expect(DatabaseFailure.postgres(code: .server, sqlState: "57P01", severity: "FATAL") == .unavailable)
        #expect(DatabaseFailure.postgres(code: .server, sqlState: "55000", severity: "FATAL") == .unavailable)
        #expect(DatabaseFailure.postgres(code: .server, sqlState: "08006", severity: "ERROR") == .unavailable)
        #expect(DatabaseFailure.postgres(code: .server, sqlState: "53300", severity: "ERROR") == .unavailable)
        #expect(DatabaseFailure.postgres(code: .server, sqlState: "40P01", severity: "ERROR") == .unavailable)
        #expect(DatabaseFailure.postgres(code: .server, sqlState: nil, severity: nil) == .bug)
        for code in [PSQLError.Code.serverClosedConnection, .clientClosedConnection, .connectionError, .poolClosed] {
            #expect(DatabaseFailure.postgres(code: code, sqlState: nil, severity: nil) == .unavailable)
        }
        #expect(DatabaseFailure.postgres(code: .tooManyParameters, sqlState: nil, severity: nil) == .bug)
    }

    @Test func sqliteErrorsAreClassifiedByReasonAndMessage() {
        #expect(DatabaseFailure.sqlite(.constraint, message: "UNIQUE constraint failed: users.email") == .duplicate)
        #expect(DatabaseFailure.sqlite(.constraintUniqueFailed, message: "") == .duplicate)
        #expect(DatabaseFailure.sqlite(.constraint, message: "NOT NULL constraint failed: users.name") == .bug)
        #expect(DatabaseFailure.sqlite(.error, message: "near \"SELEC\": syntax error") == .bug)
        #expect(DatabaseFailure.sqlite(.error, message: "no such table: old_slugs") == .unavailable)
        for reason in [SQLiteError.Reason.busy, .locked, .cantOpen, .ioError, .ioErrorFailedRead, .readOnly, .full] {
            #expect(DatabaseFailure.sqlite(reason, message: "") == .unavailable)
        }
    }

    @Test func connectionErrorsAreUnavailableAndOthersAreNotDatabaseErrors() {
        #expect(DatabaseFailure.of(ConnectionPoolTimeoutError.connectionRequestTimeout) == .unavailable)
        #expect(DatabaseFailure.of(ConnectionPoolError.shutdown) == .unavailable)
        #expect(DatabaseFailure.of(CancellationError()) == nil)
    }

    @Test("Real errors from each engine", arguments: TestDatabase.allCases)
    func realErrorsAreClassified(database: TestDatabase) async throws {
        try await withTestServices(database, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let sql = try services.database.sql
            try await sql.raw("INSERT INTO settings (key, value) VALUES ('probe', 'a')").run()
            let duplicate = await #expect(throws: (any Error).self) {
                try await sql.raw("INSERT INTO settings (key, value) VALUES ('probe', 'b')").run()
            }
            #expect(duplicate.flatMap(DatabaseFailure.of) == .duplicate, "\(String(reflecting: duplicate))")
            let logged = try #require(duplicate.map(DatabaseFailure.logDescription(of:)))
            #expect(!logged.contains("'b'") && !logged.contains("(key)=(probe)"), "no values in the log: \(logged)")
            let syntax = await #expect(throws: (any Error).self) { try await sql.raw("SELEC 1").run() }
            #expect(syntax.flatMap(DatabaseFailure.of) == .bug, "\(String(reflecting: syntax))")
        }
    }

    @Test("A statement the database rejects is a 500 page, not an outage", arguments: TestDatabase.allCases)
    func sqlErrorIsA500(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(slug: "banjir")
            try await seed.staff()
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                // The schema no longer matches the app's queries: a bug, whatever the page.
                try await seed.services.database.sql.raw("ALTER TABLE articles DROP COLUMN translator").run()
                let page = try await client.get("/2015/10/banjir")
                #expect(page.status == .internalServerError)
                #expect(page.text.contains("Terjadi kesalahan"))
                let admin = try await browser.get("/admin/articles/new")
                #expect(admin.status == .ok, "the session still loads")
            }
        }
    }

    @Test("One address created twice at once: one account, one form error", arguments: TestDatabase.allCases)
    func concurrentSameEmailIsAFormError(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff("admin@example.com", name: "Admin", role: .admin)
            try await app.test(.router) { client in
                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: "rahasia-sekali")
                try await admin.get("/admin/users")
                let form: [(String, String)] = [("email", "sama@example.com"), ("name", "Sama"), ("role", "editor")]
                let responses = try await postAtOnce(admin, "/admin/users", forms: Array(repeating: form, count: 6))
                let statuses = responses.map(\.status)
                #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
                #expect(statuses.filter { $0 == .unprocessableContent }.count == 5, "\(statuses)")
                for response in responses where response.status == .unprocessableContent {
                    #expect(response.text.contains("Alamat email ini sudah dipakai akun lain."))
                }
            }
            let db = seed.services.database.db
            #expect(try await User.query(on: db).filter(\.$email == "sama@example.com").count() == 1)
        }
    }
}
