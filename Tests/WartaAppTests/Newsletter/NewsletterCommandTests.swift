import Foundation
import Testing

@testable import WartaApp

/// `warta newsletter digest|send-test` as an operator runs them.
@Suite struct NewsletterCommandTests {
    @Test func digestAndSendTestFromTheCommandLine() throws {
        let cli = CommandLineTests()
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = ["WARTA_SQLITE_PATH": folder.appendingPathComponent("w.sqlite").path, "WARTA_LOG_LEVEL": "error"]
        let digest = try cli.run(["newsletter", "digest"], environment: env)
        #expect(digest.status == 0, "\(digest.stderr)")
        #expect(digest.stdout == "no articles published in the last 24 hours; nothing to send\n")
        let test = try cli.run(["newsletter", "send-test", "--to", "redaksi@contoh.id"], environment: env)
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stdout.hasPrefix("queued a sample digest to redaksi@contoh.id"))
        let bad = try cli.run(["newsletter", "send-test", "--to", "bukan alamat"], environment: env)
        #expect(bad.status == 1)
        #expect(bad.stderr == "warta: 'bukan alamat' is not a mail address this site can send to\n")
        #expect(bad.stdout.isEmpty)
    }
}
