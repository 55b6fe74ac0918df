import FluentKit
import Foundation
import SQLKit
import Testing

@testable import WartaApp

/// `warta migrate --revert` refuses to drop tables that hold rows unless told `--yes`, and says what it did
/// (CONTRACTS.md, "Command line"; issue 10, part 6).
extension CommandLineTests {
    /// The variables that point the binary at the test's database.
    private func environment(_ services: AppServices) -> [String: String] {
        switch services.config.database {
        case .sqlite(let path): ["WARTA_SQLITE_PATH": path]
        case .postgres(let url): ["DATABASE_URL": url]
        }
    }

    @Test("Revert refuses to drop rows without --yes", arguments: TestDatabase.allCases)
    func revertRefusesToDropRows(database: TestDatabase) async throws {
        try await withTestServices(database, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let seed = Seed(services: services, world: TestWorld(at: "2025-03-03T09:00:00+07:00"))
            try await seed.article(slug: "banjir")
            try await seed.staff()
            let env = environment(services)
            let refused = try run(["migrate", "--revert"], environment: env)
            #expect(refused.status == 1)
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr.contains("warta: refusing to revert \(allMigrations.count) migration(s)"))
            #expect(refused.stderr.contains("articles (1 row)"), "\(refused.stderr)")
            #expect(refused.stderr.contains("users (1 row)"))
            #expect(refused.stderr.contains("revisions (1 row)"))
            #expect(!refused.stderr.contains("categories ("), "empty tables are not named as losses")
            #expect(refused.stderr.contains("nothing was changed; run again with --yes"))
            #expect(try await Article.query(on: services.database.db).count() == 1)
            #expect(try await MigrationLog.query(on: services.database.db).count() == allMigrations.count)

            let done = try run(["migrate", "--revert", "--yes"], environment: env)
            #expect(done.status == 0, "\(done.stderr)")
            #expect(done.stdout.hasPrefix("reverted \(allMigrations.last?.name ?? "")\n"))
            #expect(done.stdout.contains("reverted 0001_create_users\n"))
            #expect(done.stdout.contains("dropped table articles (1 row)\n"))
            #expect(done.stdout.contains("dropped table categories (0 rows)\n"))
            #expect(try await Self.tables(services).isEmpty)
            #expect(try await MigrationLog.query(on: services.database.db).count() == 0)
            #expect(try run(["migrate"], environment: env).status == 0)
        }
    }

    @Test(
        "Revert of an empty database needs no --yes; then there is nothing to revert", arguments: TestDatabase.allCases)
    func revertOfEmptyDatabase(database: TestDatabase) async throws {
        try await withTestServices(database, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let env = environment(services)
            let done = try run(["migrate", "--revert", "--all"], environment: env)
            #expect(done.status == 0, "\(done.stderr)")
            #expect(done.stdout.contains("reverted 0001_create_users\n"))
            #expect(done.stdout.contains("dropped table users (0 rows)\n"))
            #expect(try await Self.tables(services).isEmpty)
            let again = try run(["migrate", "--revert"], environment: env)
            #expect(again.status == 0)
            #expect(again.stdout == "nothing to revert: no migration has run on this database\n")
        }
    }

    @Test("Only the last batch is reverted; an index-only batch drops no tables", arguments: TestDatabase.allCases)
    func revertOfTheLastBatchOnly(database: TestDatabase) async throws {
        try await withTestServices(database, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let seed = Seed(services: services, world: TestWorld(at: "2025-03-03T09:00:00+07:00"))
            try await seed.article(slug: "banjir")
            let sql = try services.database.sql
            let last = "0022_index_revisions_by_article_version"
            try await sql.raw("UPDATE _fluent_migrations SET batch = 2 WHERE name = \(bind: last)").run()
            #expect(try await Self.hasRevisionIndex(services))
            let done = try run(["migrate", "--revert"], environment: environment(services))
            #expect(done.status == 0, "\(done.stderr)")
            #expect(done.stdout == "reverted \(last)\ndropped no tables\n")
            #expect(try await !Self.hasRevisionIndex(services), "the revert really drops the index")
            #expect(try await Article.query(on: services.database.db).count() == 1)
            let again = try run(["migrate"], environment: environment(services))
            #expect(again.status == 0)
            #expect(again.stdout == "applied \(last)\ndatabase is up to date\n")
            #expect(try await Self.hasRevisionIndex(services))
            #expect(try run(["migrate"], environment: environment(services)).stdout == "database is up to date\n")
        }
    }

    @Test func yesWithoutRevertIsBadInput() throws {
        let result = try run(["migrate", "--yes"])
        #expect(result.status == 1)
        #expect(result.stderr == "warta: --all and --yes go with --revert\n")
    }

    /// The app's tables left (Fluent's log aside).
    static func tables(_ services: AppServices) async throws -> [String] {
        let query: SQLQueryString =
            services.database.isPostgres
            ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        return try await services.database.sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
            .filter { $0 != "_fluent_migrations" }
    }

    static func hasRevisionIndex(_ services: AppServices) async throws -> Bool {
        let query: SQLQueryString =
            services.database.isPostgres
            ? "SELECT indexname AS name FROM pg_indexes WHERE indexname = 'revisions_article_version'"
            : "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'revisions_article_version'"
        return try await services.database.sql.raw(query).first() != nil
    }
}
