import Foundation
import Testing

@testable import WartaMarkup

@Suite struct AttackCorpusTests {
    static let python = "/usr/bin/python3"

    @Test func corpusHoldsAtLeast220Vectors() throws {
        let vectors = try AttackCorpus.load()
        #expect(vectors.count >= 220)
        #expect(vectors.contains { $0.unicodeScalars.contains("\u{0}") }, "NUL escapes are decoded")
        #expect(vectors.contains { $0.contains("\n") }, "multi-line vectors survive")
    }

    @Test(arguments: SanitizerPolicy.allCases)
    func everyVectorComesOutSafeAndWellFormed(policy: SanitizerPolicy) throws {
        for vector in try AttackCorpus.load() {
            let output = Sanitizer.sanitize(vector, policy: policy).html
            let problems = OutputInspector.problems(in: output, policy: policy)
            #expect(problems.isEmpty, "input: \(vector.debugDescription)\noutput: \(output.debugDescription)")
        }
    }

    @Test(arguments: SanitizerPolicy.allCases)
    func sanitizingAnyVectorTwiceChangesNothing(policy: SanitizerPolicy) throws {
        for vector in try AttackCorpus.load() {
            let once = Sanitizer.sanitize(vector, policy: policy)
            let twice = Sanitizer.sanitize(once.html, policy: policy)
            #expect(once == twice, "input: \(vector.debugDescription)")
        }
    }

    @Test(arguments: SanitizerPolicy.allCases)
    func randomTagSoupComesOutSafeWellFormedAndStable(policy: SanitizerPolicy) {
        for input in Self.tagSoup() {
            let once = Sanitizer.sanitize(input, policy: policy)
            #expect(OutputInspector.problems(in: once.html, policy: policy).isEmpty, "input: \(input.debugDescription)")
            #expect(Sanitizer.sanitize(once.html, policy: policy) == once, "input: \(input.debugDescription)")
        }
    }

    /// Parses every output with html5lib, an independent HTML5 parser, and checks the tree
    /// it builds against the policy (see Resources/check_sanitized.py).
    @Test func html5libFindsOnlyAllowedMarkupInEveryOutput() throws {
        guard Self.run(Self.python, ["-c", "import html5lib"]).status == 0 else {
            Issue.record(
                "\(Self.python) cannot import html5lib; install Debian's python3-html5lib (make setup does)")
            return
        }
        let inputs = try AttackCorpus.load() + Self.tagSoup()
        var records: [[String: String]] = []
        for policy in SanitizerPolicy.allCases {
            for input in inputs {
                let output = Sanitizer.sanitize(input, policy: policy).html
                records.append(["policy": policy.rawValue, "input": input, "output": output])
            }
        }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("warta-sanitized-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: records).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = try #require(
            Bundle.module.url(forResource: "check_sanitized", withExtension: "py", subdirectory: "Resources"))
        let result = Self.run(Self.python, [script.path, file.path])
        #expect(result.status == 0, "html5lib check failed:\n\(result.output)")
        #expect(result.output.contains("\"checked\": \(records.count)"), "\(result.output.prefix(500))")
    }

    /// 400 seeded random documents, the same on every run.
    static func tagSoup() -> [String] {
        var generator = TagSoupGenerator(seed: 0x5741_5254_41)
        return (0..<400).map { index in generator.document(pieces: 5 + index % 40) }
    }

    static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return (-1, "could not start \(executable): \(error)")
        }
        // Read before waiting so a large report cannot fill the pipe and block the child.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
