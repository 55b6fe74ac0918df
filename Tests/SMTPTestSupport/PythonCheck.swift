import Foundation

/// Runs Debian's `/usr/bin/python3` (which sees python3-dkim) on a script kept here, so no resource folder is needed.
public enum PythonCheck {
    static let script = #"""
        import sys, json, email, email.policy
        mode = sys.argv[1]
        data = sys.stdin.buffer.read()
        if mode == "verify":
            import dkim
            record = sys.argv[2].encode()
            def dnsfunc(name, timeout=5):
                return record if name.startswith(sys.argv[3].encode()) else None
            sys.exit(0 if dkim.verify(data, dnsfunc=dnsfunc) else 1)
        msg = email.message_from_bytes(data, policy=email.policy.default)
        parts = [p for p in msg.walk() if not p.is_multipart()]
        print(json.dumps({
            "subject": str(msg["subject"]), "from": str(msg["from"]), "to": str(msg["to"]),
            "type": msg.get_content_type(), "defects": len(msg.defects) + sum(len(p.defects) for p in parts),
            "parts": [[p.get_content_type(), p.get_content().replace("\r\n", "\n")] for p in parts],
        }))
        """#

    public struct Result: Sendable {
        public var status: Int32
        public var output: String
    }

    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    public static func run(_ arguments: [String], input: [UInt8]) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warta-mail-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scriptURL = directory.appendingPathComponent("check.py")
        let inputURL = directory.appendingPathComponent("message.eml")
        try Data(script.utf8).write(to: scriptURL)
        try Data(input).write(to: inputURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [scriptURL.path] + arguments
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// What Python's `email` package reads from the message.
    public static func parse(_ message: [UInt8]) throws -> [String: Any] {
        let result = try run(["parse"], input: message)
        guard result.status == 0 else { throw Failed(description: "python email parse failed: \(result.output)") }
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
        guard let fields = object as? [String: Any] else { throw Failed(description: "not a JSON object") }
        return fields
    }

    /// True when dkimpy's `dkim.verify` accepts the message with `record` as the selector's TXT record.
    public static func dkimVerifies(_ message: [UInt8], record: String, selector: String) throws -> Bool {
        try run(["verify", record, selector + "._domainkey."], input: message).status == 0
    }
}
