import Foundation
import Testing

@testable import WartaApp

/// The `warta` executable as an operator runs it: exit codes and one-line messages.
@Suite struct CommandLineTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var binary: URL {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return root.appendingPathComponent(".build/debug/warta")
    }

    func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: String = "",
        withoutRootPowers: Bool = false
    ) throws -> Run {
        let process = Process()
        if withoutRootPowers {
            // Still root, but with every capability dropped: file modes apply, and paths readable only by root
            // (a clone under /root) still work.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--inh-caps=-all", "--bounding-set=-all", "--", Self.binary.path] + arguments
        } else {
            process.executableURL = Self.binary
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("WARTA_") && $0.key != "DATABASE_URL" }
        env.merge(environment) { $1 }
        process.environment = env
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("warta-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func badConfigurationExits2WithOneLine() throws {
        let result = try run(["migrate"], environment: ["WARTA_PORT": "delapan"])
        #expect(result.status == 2)
        #expect(result.stderr == "warta: WARTA_PORT: 'delapan' is not a port number (1-65535)\n")
    }

    @Test func unreachablePostgresExits2WithOneLine() throws {
        let result = try run(["serve"], environment: ["DATABASE_URL": "postgres://warta@127.0.0.1:1/warta"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("warta: database: cannot reach PostgreSQL at 127.0.0.1:1"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func unusableSQLitePathExits2WithOneLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A directory where the database file should be cannot be opened as a database.
        let result = try run(["serve"], environment: ["WARTA_SQLITE_PATH": folder.path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("warta: database: "))
        #expect(result.stderr.contains(folder.path))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func readOnlySQLiteFileExits2WithOneLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("warta.sqlite").path
        #expect(try run(["migrate"], environment: ["WARTA_SQLITE_PATH": path]).status == 0)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path + suffix)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        // Root writes through file modes; without its capabilities it meets them like any service account.
        let result = try run(
            ["serve"], environment: ["WARTA_SQLITE_PATH": path, "WARTA_PORT": "18197"], withoutRootPowers: getuid() == 0
        )
        #expect(result.status == 2)
        #expect(result.stderr == "warta: database: the SQLite file \(path) is read-only\n")
    }

    @Test func importReportsFileAndLineAndImportsNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("baik.md")
        let bad = folder.appendingPathComponent("buruk.md")
        try "---\ntitle: Banjir\nstatus: published\npublished: 2025-03-03T07:00:00+07:00\n---\nIsi.\n".write(
            to: good, atomically: true, encoding: .utf8)
        try "---\ntitle: Kedua\nwarna: merah\n---\nIsi.\n".write(to: bad, atomically: true, encoding: .utf8)
        let env = ["WARTA_SQLITE_PATH": folder.appendingPathComponent("w.sqlite").path]
        let failed = try run(["import", good.path, bad.path], environment: env)
        #expect(failed.status == 1)
        #expect(failed.stderr == "warta: \(bad.path):3: unknown key 'warna'\n")
        let retried = try run(["import", good.path], environment: env)
        #expect(retried.status == 0)
        #expect(retried.stdout == "imported /2025/03/banjir\n")
        let binary = folder.appendingPathComponent("gambar.md")
        try Data([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]).write(to: binary)
        let notText = try run(["import", binary.path], environment: env)
        #expect(notText.status == 1)
        #expect(notText.stderr == "warta: \(binary.path):1: not a UTF-8 text file\n")
    }

    /// A wrong path must not be read into memory whole: a directory, a device, a file far larger than an article.
    @Test func importRefusesWhatIsNotAnArticleFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = ["WARTA_SQLITE_PATH": folder.appendingPathComponent("w.sqlite").path]
        let huge = folder.appendingPathComponent("arsip.md")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 5 * 1024 * 1024)
        try handle.close()
        let linked = folder.appendingPathComponent("tautan.md")
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: huge)
        for (path, message) in [
            (huge.path, "too large (5242880 bytes; an article file is at most 4 MB)"),
            (linked.path, "too large (5242880 bytes; an article file is at most 4 MB)"),
            (folder.path, "not a regular file"),
            ("/dev/zero", "not a regular file"),
            (folder.appendingPathComponent("tidak-ada.md").path, "cannot read the file"),
        ] {
            let refused = try run(["import", path], environment: env)
            #expect(refused.status == 1, "\(path)")
            #expect(refused.stderr == "warta: \(path):1: \(message)\n")
        }
    }

    @Test func userCreateAndMigrateRevert() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = ["WARTA_SQLITE_PATH": folder.appendingPathComponent("w.sqlite").path]
        let generated = try run(
            ["user", "create", "--email", "a@example.com", "--name", "Rina", "--role", "admin"], environment: env)
        #expect(generated.status == 0)
        #expect(generated.stdout.contains("password: "))
        let piped = try run(
            ["user", "create", "--email", "b@example.com", "--name", "Dodi", "--role", "editor", "--password-stdin"],
            environment: env, stdin: "sandi-yang-panjang\n")
        #expect(piped.status == 0)
        #expect(!piped.stdout.contains("password: "))
        let badRole = try run(
            ["user", "create", "--email", "c@example.com", "--name", "X", "--role", "boss"], environment: env)
        #expect(badRole.status == 1)
        #expect(badRole.stderr == "warta: role must be admin, editor or author\n")
        let refused = try run(["migrate", "--revert", "--all"], environment: env)
        #expect(refused.status == 1, "two users: nothing is dropped without --yes")
        #expect(refused.stderr.contains("users (2 rows)"))
        #expect(try run(["migrate", "--revert", "--all", "--yes"], environment: env).status == 0)
        #expect(try run(["migrate"], environment: env).status == 0)
    }

    @Test func sanitizeReadsStdin() throws {
        let result = try run(
            ["sanitize", "--policy", "comment"],
            stdin: "<p onclick=x>Hai <script>alert(1)</script><a href=\"javascript:x\">t</a></p>")
        #expect(result.status == 0)
        #expect(!result.stdout.contains("script"))
        #expect(!result.stdout.contains("onclick"))
        #expect(result.stdout.hasPrefix("<p>Hai "))
        #expect(try run(["sanitize", "--policy", "semua"]).status != 0)
    }

    @Test func serveStopsGracefullyOnSIGTERM() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve"]
        let port = Int.random(in: 20000...40000)
        var env = ProcessInfo.processInfo.environment
        env["WARTA_SQLITE_PATH"] = folder.appendingPathComponent("w.sqlite").path
        env["WARTA_PORT"] = "\(port)"
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        // Wait for the start-up lines (the set-up link comes first, then the serving line).
        var printed = ""
        while !printed.contains("Warta is serving"), process.isRunning {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        #expect(printed.contains("/admin/setup?token="))
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
