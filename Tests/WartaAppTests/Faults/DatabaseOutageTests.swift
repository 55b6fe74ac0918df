import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import WartaApp

@Suite struct DatabaseOutageTests {
    /// Blocks new connections to one test database and ends the open ones: PostgreSQL "down" for this app only.
    private func setConnections(allowed: Bool, for services: AppServices) async throws {
        guard case .postgres(let url) = services.config.database, let name = url.split(separator: "/").last else {
            throw TestSetupError("not a PostgreSQL test database")
        }
        let admin = try WartaDatabase(.postgres(url: try TestEnvironment.postgresURL()), logger: .init(label: "test"))
        do {
            try await admin.sql.raw(
                "ALTER DATABASE \(unsafeRaw: String(name)) ALLOW_CONNECTIONS \(unsafeRaw: allowed ? "true" : "false")"
            ).run()
            if !allowed {
                try await admin.sql.raw(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(bind: String(name))"
                ).run()
            }
        } catch {
            await admin.shutdown()
            throw error
        }
        await admin.shutdown()
    }

    @Test func databaseDownMidRequestGives503AndRecovers() async throws {
        try await withTestApp(.postgres) { app, seed in
            try await seed.article(slug: "banjir")
            try await seed.staff()
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                try await setConnections(allowed: false, for: seed.services)
                let article = try await client.get("/2015/10/banjir")
                #expect(article.status == .serviceUnavailable)
                #expect(article.text.contains("Layanan sedang tidak tersedia"))
                let admin = try await browser.get("/admin/articles")
                #expect(admin.status == .serviceUnavailable, "a session request must not look signed out")
                #expect(try await client.get("/readyz").status == .serviceUnavailable)
                #expect(try await client.get("/healthz").status == .ok)
                try await setConnections(allowed: true, for: seed.services)
                #expect(try await client.get("/2015/10/banjir").status == .ok)
                #expect(try await browser.get("/admin/articles").status == .ok)
                #expect(try await client.get("/readyz").status == .ok)
            }
        }
    }

    @Test func sqliteFileGoneMidRequestGives503() async throws {
        try await withTestApp(.sqlite) { app, seed in
            try await seed.article(slug: "banjir")
            try await app.test(.router) { client in
                #expect(try await client.get("/2015/10/banjir").status == .ok)
                _ = try await seed.services.database.sql.raw("DROP TABLE old_slugs").run()
                let response = try await client.get("/2015/10/banjir-lama")
                #expect(response.status == .serviceUnavailable)
                #expect(response.text.contains("Layanan sedang tidak tersedia"))
            }
        }
    }
}
