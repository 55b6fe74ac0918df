import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import WartaApp

/// The races of issue 10, part 4, made to happen on PostgreSQL without sleeps: another instance's transaction is held
/// open at the racy moment until the request under test waits on a lock, then committed.
@Suite struct WriteRaceTests {
    @Test func aCreateThatLosesTheUniqueIndexIsAFormError() async throws {
        try await withTestApp(.postgres) { app, seed in
            try await seed.staff("admin@example.com", name: "Admin", role: .admin)
            let services = seed.services
            try await app.test(.router) { client in
                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: "rahasia-sekali")
                try await admin.get("/admin/users")
                let other = User(
                    id: UUID(), email: "sama@example.com", name: "Lain", role: .editor, passwordHash: "x",
                    createdAt: seed.world.now)
                // The other insert is not committed, so the request's check sees no such address, and its insert
                // waits on the unique index until the other commits.
                let held = try await HeldTransaction.start(on: services) { tx in try await other.create(on: tx) }
                let form: [(String, String)] = [("email", "sama@example.com"), ("name", "Sama"), ("role", "editor")]
                let browser = admin
                let posting = Task { try await postAtOnce(browser, "/admin/users", forms: [form]) }
                try await HeldTransaction.waitForALockWaiter(on: services)
                try await held.commit()
                let response = try #require(try await posting.value.first)
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("Alamat email ini sudah dipakai akun lain."))
            }
            let db = services.database.db
            #expect(try await User.query(on: db).filter(\.$email == "sama@example.com").count() == 1)
        }
    }

    @Test func aSetUpWaitingForAnotherInstancesSetUpMakesNoSecondOwner() async throws {
        try await withTestApp(.postgres) { app, seed in
            let services = seed.services
            let token = try await StaffAccounts(database: services.database, world: seed.world.world)
                .issueSetupToken()
            try await app.test(.router) { client in
                var browser = Browser(client)
                #expect(try await browser.get("/admin/setup?token=\(token)").status == .ok)
                let first = User(
                    id: UUID(), email: "pertama@example.com", name: "Pertama", role: .admin, passwordHash: "x",
                    createdAt: seed.world.now)
                // Another instance's set-up, between its roster lock and its commit.
                let held = try await HeldTransaction.start(on: services) { tx in
                    guard let sql = tx as? any SQLDatabase else { throw TestSetupError("not SQL") }
                    try await WriteLock.staffRoster.take(on: sql)
                    try await first.create(on: tx)
                }
                let form: [(String, String)] = [
                    ("token", token), ("name", "Kedua"), ("email", "kedua@example.com"),
                    ("password", "sandi-yang-panjang"),
                ]
                let sender = browser
                let posting = Task { try await postAtOnce(sender, "/admin/setup", forms: [form]) }
                try await HeldTransaction.waitForALockWaiter(on: services)
                try await held.commit()
                let response = try #require(try await posting.value.first)
                #expect(response.status != .seeOther)
                #expect(response.status.code < 500)
            }
            let db = services.database.db
            #expect(try await User.query(on: db).filter(\.$role == .admin).count() == 1)
        }
    }
}

/// A transaction kept open on its own pooled connection until `commit()`.
struct HeldTransaction {
    let task: Task<Void, any Error>
    let release: AsyncStream<Void>.Continuation

    static func start(
        on services: AppServices, _ body: @escaping @Sendable (any Database) async throws -> Void
    ) async throws -> HeldTransaction {
        let (started, startedSignal) = AsyncStream<Void>.makeStream()
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        let db = services.database.db
        let task = Task {
            try await db.transaction { tx in
                try await body(tx)
                startedSignal.finish()
                for await _ in release {}
            }
        }
        for await _ in started {}
        return HeldTransaction(task: task, release: releaseSignal)
    }

    func commit() async throws {
        release.finish()
        try await task.value
    }

    /// Returns once some session of this database waits for a lock (a row, an index entry or an advisory lock).
    static func waitForALockWaiter(on services: AppServices) async throws {
        let sql = try services.database.sql
        // Bounded by time, not tries: the request hashes a password first, slow on a loaded machine.
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let row = try await sql.raw(
                """
                SELECT COUNT(*) AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'
                """
            ).first()
            if try row?.decode(column: "n", as: Int.self) ?? 0 > 0 { return }
            await Task.yield()
        }
        throw TestSetupError("no request came to wait on the held transaction's lock")
    }
}
