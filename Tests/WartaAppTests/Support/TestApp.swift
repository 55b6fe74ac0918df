import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import NIOPosix
import SQLKit
import Testing

@testable import WartaApp

/// Both engines every app test runs on.
enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// A clock tests move by hand, and sequential IDs.
final class TestWorld: Sendable {
    private let clock: NIOLockedValueBox<Date>
    private let counter = NIOLockedValueBox(0)

    init(at iso: String) {
        clock = NIOLockedValueBox(ArticleImporter.parseISO8601(iso) ?? Date(timeIntervalSince1970: 0))
    }

    var now: Date { clock.withLockedValue { $0 } }

    func advance(by seconds: TimeInterval) {
        clock.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }

    var world: World {
        World(
            now: { self.now },
            newID: {
                let next = self.counter.withLockedValue { value -> Int in
                    value += 1
                    return value
                }
                return UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", next)) ?? UUID()
            },
            randomToken: {
                let next = self.counter.withLockedValue { value -> Int in
                    value += 1
                    return value
                }
                return String(format: "token-%020d", next)
            })
    }
}

enum TestEnvironment {
    /// Set by `make test`; its absence is a failure, never a skip (CONTRACTS.md).
    static func postgresURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["WARTA_TEST_DATABASE_URL"], !url.isEmpty else {
            throw TestSetupError("WARTA_TEST_DATABASE_URL is not set: run the suite with `make test`")
        }
        return url
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A fresh, migrated database of the given engine, dropped afterwards.
func withTestServices<T>(
    _ engine: TestDatabase, world: TestWorld, configure: (inout AppConfig) -> Void = { _ in }, logger: Logger? = nil,
    _ body: (AppServices) async throws -> T
) async throws -> T {
    var config = AppConfig()
    config.port = 0
    config.threads = 1
    config.logLevel = .warning
    configure(&config)
    var cleanup: @Sendable () async throws -> Void = {}
    switch engine {
    case .sqlite:
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("warta-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        config.database = .sqlite(path: folder.appendingPathComponent("warta.sqlite").path)
        cleanup = { try? FileManager.default.removeItem(at: folder) }
    case .postgres:
        let adminURL = try TestEnvironment.postgresURL()
        let name = "warta_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await onAdminDatabase(adminURL) { try await $0.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        let base = adminURL.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        config.database = .postgres(url: "\(base)/\(name)")
        cleanup = {
            try await onAdminDatabase(adminURL) {
                try await $0.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
            }
        }
    }
    let services = try AppServices(
        config: config, world: world.world, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger)
    do {
        try await services.database.migrate()
        try await services.loadSettings()
        let result = try await body(services)
        await services.database.shutdown()
        try await cleanup()
        return result
    } catch {
        await services.database.shutdown()
        try? await cleanup()
        throw error
    }
}

/// Runs one statement on the cluster's maintenance database; the pool is always shut down.
private func onAdminDatabase(_ url: String, _ work: (WartaDatabase) async throws -> Void) async throws {
    let admin = try WartaDatabase(.postgres(url: url), logger: .init(label: "test"))
    do {
        try await work(admin)
    } catch {
        await admin.shutdown()
        throw TestSetupError("PostgreSQL at \(url) is not usable: \(String(reflecting: error))")
    }
    await admin.shutdown()
}

/// The real app from `buildApplication` on a fresh database.
func withTestApp(
    _ engine: TestDatabase, at iso: String = "2025-03-03T09:00:00+07:00",
    configure: (inout AppConfig) -> Void = { _ in }, logger: Logger? = nil,
    _ body: (any ApplicationProtocol, Seed) async throws -> Void
) async throws {
    let world = TestWorld(at: iso)
    try await withTestServices(engine, world: world, configure: configure, logger: logger) { services in
        let app = buildApplication(services)
        try await body(app, Seed(services: services, world: world))
    }
}

/// Small builders for fixtures.
struct Seed: Sendable {
    let services: AppServices
    let world: TestWorld

    @discardableResult
    func article(
        title: String = "Banjir Surut di Ciliwung", slug: String? = nil, language: String = "id",
        author: String = "Rina Hapsari", editor: String = "Dodi Pratama", body: String = "Air mulai **turun**.",
        status: ArticleStatus = .published, publishedAt: String? = "2015-10-15T07:34:00+07:00",
        category: String = "", tags: [String] = [], source: String = "", sourceURL: String = "",
        originalLanguage: String = "", translator: String = "", originalURL: String = "",
        translationGroup: String? = nil
    ) async throws -> Article {
        var draft = ArticleDraft()
        draft.title = title
        draft.slug = slug ?? ""
        draft.language = language
        draft.authorCredit = author
        draft.editorName = editor
        draft.bodyMarkdown = body
        draft.category = category
        draft.tags = tags
        draft.sourceName = source
        draft.sourceURL = sourceURL
        draft.originalLanguage = originalLanguage
        draft.translator = translator
        draft.originalURL = originalURL
        draft.translationGroup = translationGroup
        draft.publishAt = publishedAt.flatMap(ArticleImporter.parseISO8601)
        return try await services.writer.create(draft, status: status, by: nil, on: services.database.db)
    }
}

extension Seed {
    /// Saves `article` again as an editor would: its fields as stored, `change` applied, and `status` if given.
    @discardableResult
    func edit(
        _ article: Article, status: ArticleStatus? = nil, version: Int = 1,
        _ change: @Sendable (inout ArticleDraft) -> Void = { _ in }
    ) async throws -> Article {
        var draft = try await EditorState(article: article, on: services.database.db).draft
        change(&draft)
        let (writer, id, input) = (services.writer, try article.requireID(), draft)
        let editor = StaffIdentity(id: UUID(), name: "Dodi", email: "d@example.com", role: .editor)
        return try await services.database.write(taking: .relatedLists) { tx in
            try await writer.update(id: id, input, expectedVersion: version, status: status, by: editor, on: tx)
        }
    }
}

extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
