import FluentKit
import Foundation
import Testing

@testable import WartaApp

/// The users screen's store: roles, switching off and passwords, with the last active admin kept.
@Suite struct StaffRosterTests {
    private func roster(_ seed: Seed) -> StaffRoster {
        StaffRoster(database: seed.services.database, world: seed.world.world)
    }

    @Test("The last active admin is neither demoted nor switched off", arguments: TestDatabase.allCases)
    func lastAdminStays(database: TestDatabase) async throws {
        try await withTestApp(database) { _, seed in
            let owner = try await seed.staff("owner@example.com", name: "Rina", role: .admin)
            let editor = try await seed.staff("editor@example.com", name: "Dodi Pratama", role: .editor)
            let (ownerID, editorID) = (try owner.requireID(), try editor.requireID())
            #expect(try await roster(seed).changeRole(of: ownerID, to: .editor) == .lastAdmin)
            #expect(try await roster(seed).setActive(false, id: ownerID) == .lastAdmin)
            #expect(try await roster(seed).changeRole(of: editorID, to: .admin) == .changed(name: "Dodi Pratama"))
            #expect(try await roster(seed).changeRole(of: ownerID, to: .author) == .changed(name: "Rina"))
            #expect(try await roster(seed).setActive(false, id: editorID) == .lastAdmin)
            #expect(try await roster(seed).changeRole(of: UUID(), to: .admin) == nil)
            #expect(try await roster(seed).setActive(true, id: UUID()) == nil)
            let users = try await roster(seed).users()
            #expect(users.map(\.name) == ["Dodi Pratama", "Rina"])
            #expect(users.map(\.role) == [.admin, .author])
        }
    }

    @Test(
        "Switching off stamps the time and lists the user as off; on again clears it", arguments: TestDatabase.allCases)
    func switchOffAndOn(database: TestDatabase) async throws {
        try await withTestApp(database) { _, seed in
            try await seed.staff("owner@example.com", name: "Rina", role: .admin)
            let editor = try await seed.staff("editor@example.com", name: "Dodi Pratama", role: .editor)
            let id = try editor.requireID()
            #expect(try await roster(seed).setActive(false, id: id) == .changed(name: "Dodi Pratama"))
            let off = try #require(try await User.find(id, on: seed.services.database.db))
            #expect(off.disabledAt == seed.world.now)
            #expect(try await roster(seed).users().first { $0.id == id }?.isActive == false)
            #expect(try await roster(seed).setActive(true, id: id) == .changed(name: "Dodi Pratama"))
            #expect(try await roster(seed).users().first { $0.id == id }?.isActive == true)
        }
    }

    @Test("A reset password signs in; the old one no longer does", arguments: TestDatabase.allCases)
    func resetPasswordReplacesTheOld(database: TestDatabase) async throws {
        try await withTestApp(database) { _, seed in
            let editor = try await seed.staff("editor@example.com", name: "Dodi Pratama", role: .editor)
            let reset = try #require(try await roster(seed).resetPassword(of: try editor.requireID()))
            #expect(reset.name == "Dodi Pratama")
            let accounts = StaffAccounts(database: seed.services.database, world: seed.world.world)
            #expect(try await accounts.verify(email: "editor@example.com", password: reset.password) != nil)
            #expect(try await accounts.verify(email: "editor@example.com", password: "rahasia-sekali") == nil)
            #expect(try await roster(seed).resetPassword(of: UUID()) == nil)
        }
    }
}
