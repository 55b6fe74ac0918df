import Foundation
import Testing
import WartaMail

@testable import WartaApp

/// `warta dkim generate` as an operator runs it: one zone-file line on stdout, the key kept in the database.
@Suite struct DKIMCommandTests {
    @Test("Generates, stores and prints the DNS record", arguments: DKIMKeyStore.Algorithm.allCases)
    func generatesAndStores(algorithm: DKIMKeyStore.Algorithm) async throws {
        try await withServices(.sqlite, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let env = WorkerCrashTests.environment(for: services.config.database)
            let result = try CommandLineTests().run(
                ["dkim", "generate", "--selector", "warta2026", "--algorithm", algorithm.rawValue], environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            let prefix = "warta2026._domainkey IN TXT \"v=DKIM1; k=\(algorithm.rawValue); p="
            #expect(result.stdout.hasPrefix(prefix))
            #expect(result.stdout.hasSuffix("\"\n"))
            #expect(result.stdout.filter { $0 == "\"" }.count == 2, "one quoted string")
            let stored = try #require(try await DKIMKeyStore(database: services.database).current())
            #expect(stored.selector == "warta2026")
            #expect(result.stdout == DKIMKeyStore.zoneLine(selector: "warta2026", key: stored.key) + "\n")
            #expect(!result.stdout.contains(stored.key.privateKeyText))
            // Generating again replaces the key: the new record is what the store now signs with.
            let again = try CommandLineTests().run(
                ["dkim", "generate", "--selector", "warta2027", "--algorithm", algorithm.rawValue], environment: env)
            let replaced = try #require(try await DKIMKeyStore(database: services.database).current())
            #expect(again.stdout == DKIMKeyStore.zoneLine(selector: "warta2027", key: replaced.key) + "\n")
            #expect(replaced.key.publicKeyBase64 != stored.key.publicKeyBase64)
        }
    }

    @Test func badSelectorOrAlgorithmExits1() throws {
        let cli = CommandLineTests()
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = ["WARTA_SQLITE_PATH": folder.appendingPathComponent("w.sqlite").path]
        for selector in ["bad selector", "-dash", "a..b", "x\"; k=none"] {
            let result = try cli.run(["dkim", "generate", "--selector=\(selector)"], environment: env)
            #expect(result.status == 1, "\(selector)")
            #expect(result.stderr.hasPrefix("warta: selector must be DNS labels"), "\(selector)")
            #expect(result.stdout.isEmpty)
        }
        let wrong = try cli.run(["dkim", "generate", "--selector", "s", "--algorithm", "dsa"], environment: env)
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "warta: algorithm must be rsa or ed25519\n")
    }

    @Test func selectorRules() {
        #expect(DKIMKeyStore.isSelector("warta2026"))
        #expect(DKIMKeyStore.isSelector("s1.berita"))
        #expect(!DKIMKeyStore.isSelector("sélecteur"))
        #expect(!DKIMKeyStore.isSelector(String(repeating: "a", count: 64)))
    }
}
