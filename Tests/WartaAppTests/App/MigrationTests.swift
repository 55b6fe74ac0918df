import FluentKit
import Foundation
import SQLKit
import Testing

@testable import WartaApp

@Suite struct MigrationTests {
    @Test("Migrate, revert all, migrate again", arguments: TestDatabase.allCases)
    func migrationsRevertCleanly(database: TestDatabase) async throws {
        try await withTestServices(database, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let seed = Seed(services: services, world: TestWorld(at: "2025-03-03T09:00:00+07:00"))
            try await seed.article(tags: ["Banjir"])
            let outcome = try await services.database.revert(all: true, droppingRows: true)
            guard case .reverted(let report) = outcome else { throw TestSetupError("not reverted: \(outcome)") }
            #expect(report.droppedTables.contains(DroppedTable(name: "articles", rows: 1)))
            let remaining = try await tableNames(services)
            #expect(
                remaining.filter { !$0.hasPrefix("_fluent") && !$0.hasPrefix("sqlite_") }.isEmpty, "left: \(remaining)")
            try await services.database.migrate()
            #expect(try await Article.query(on: services.database.db).count() == 0)
            try await seed.article(slug: "lagi")
            #expect(try await Article.query(on: services.database.db).count() == 1)
        }
    }

    @Test func sqliteRunsInWALMode() async throws {
        try await withTestServices(.sqlite, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let row = try await services.database.sql.raw("PRAGMA journal_mode").first()
            #expect(try row?.decode(column: "journal_mode", as: String.self) == "wal")
        }
    }

    /// Numbered 0001, 0002, … in order. Numbers are handed out to branches built in parallel (0024–0027 and 0028
    /// were given out at once), so one branch may skip numbers another fills; the order must still increase.
    @Test func migrationNamesAreNumberedAndUnique() {
        let names = allMigrations.map(\.name)
        #expect(Set(names).count == names.count)
        let numbers = names.map { Int($0.prefix(4)) ?? 0 }
        #expect(numbers.first == 1)
        for (name, pair) in zip(names.dropFirst(), zip(numbers, numbers.dropFirst())) {
            #expect(pair.1 > pair.0 && name.dropFirst(4).hasPrefix("_"), "\(name)")
        }
    }

    /// A migration is frozen history: it carries its own SQL, never the app's current code (issue 10, part 4).
    @Test func migrationsCallNoAppCode() throws {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { folder.deleteLastPathComponent() }
        folder.appendPathComponent("Sources/WartaApp/Migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= allMigrations.count)
        let appCode = [
            "TagListing", "RelatedArticles", "Slug.", "ArticleWriter", "ArticleStore", "Sanitizer", "Taxonomy.",
            "SiteSettings", "MarkdownRenderer", "Article.", "User.", "Revision.",
        ]
        for file in files {
            let code = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
                .joined(separator: "\n")
            for name in appCode { #expect(!code.contains(name), "\(file) calls \(name)") }
        }
    }

    private func tableNames(_ services: AppServices) async throws -> [String] {
        let query: SQLQueryString =
            services.database.isPostgres
            ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'"
        return try await services.database.sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
    }
}
