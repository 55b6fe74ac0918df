import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real SMTP server for the tests: Debian's aiosmtpd (visible only to /usr/bin/python3) run from a script
/// written to a temp dir, or a raw socket server for the faults aiosmtpd cannot play. It prints its port once it
/// listens (the tests wait for that line, never for a clock) and writes each accepted message as JSON to `dir`.
public final class SMTPTestServer: Sendable {
    public struct Options: Encodable, Sendable {
        public init(
            mode: String = "smtp", starttls: Bool = false, implicitTLS: Bool = false, auth: Bool = false,
            authLoginOnly: Bool = false, pipelining: Bool = true, smtputf8: Bool = false, sizeLimit: Int = 33_554_432,
            dataReply: String? = nil
        ) {
            self.mode = mode
            self.starttls = starttls
            self.implicitTLS = implicitTLS
            self.auth = auth
            self.authLoginOnly = authLoginOnly
            self.pipelining = pipelining
            self.smtputf8 = smtputf8
            self.sizeLimit = sizeLimit
            self.dataReply = dataReply
        }

        /// `smtp` (aiosmtpd), `stall` (accepts, never answers), `greeting421`, or a scripted server: `basic` (EHLO
        /// with no extensions), `helo` (502 to
        /// EHLO), `garbage` (no SMTP greeting), `dropInData` (hangs up during DATA), `stallAtDataEnd`,
        /// `closeAfterMessage` (hangs up after each accepted message), `starttlsInject` (plaintext after its 220 to
        /// STARTTLS), `stallAfterGreeting` (greets, then never answers).
        public var mode = "smtp"
        public var starttls = false
        public var implicitTLS = false
        public var auth = false
        /// Offer AUTH LOGIN only.
        public var authLoginOnly = false
        public var pipelining = true
        public var smtputf8 = false
        public var sizeLimit = 33_554_432
        /// A reply to the final dot instead of 250, e.g. `451 4.3.0 try later`.
        public var dataReply: String?
    }

    public struct Received: Decodable {
        public let mailFrom: String
        public let rcptTos: [String]
        public let mailOptions: [String]
        public let data: String
        public let login: String?
        public let peerPort: Int
    }

    public let port: Int
    public let dir: URL
    private let process: Process
    private let input: Pipe

    public init(_ options: Options = Options(), certificates: SMTPTestCertificates? = nil) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("warta-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let script = dir.appendingPathComponent("sink.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        var config = try JSONSerialization.jsonObject(with: JSONEncoder().encode(options)) as? [String: Any] ?? [:]
        config["dir"] = dir.path
        config["cert"] = certificates?.serverCert.path
        config["key"] = certificates?.serverKey.path
        let configData = try JSONSerialization.data(withJSONObject: config)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, String(decoding: configData, as: UTF8.self)]
        let output = Pipe()
        process.standardOutput = output
        input = Pipe()
        process.standardInput = input  // the server exits when this closes, even if the test process dies
        try process.run()
        let line = Self.firstLine(of: output.fileHandleForReading)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            try? input.fileHandleForWriting.close()
            throw ServerFailed(output: line)
        }
        self.port = port
    }

    public struct ServerFailed: Error { public let output: String }

    /// Closes the server's stdin, which ends it, and waits for it. (SIGTERM is not used: a child spawned from a
    /// test thread can inherit a mask that blocks it.)
    public func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: dir)
    }

    /// The messages the server accepted, in arrival order.
    public func received() throws -> [Received] {
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }
            .sorted()
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try files.map {
            try decoder.decode(Received.self, from: Data(contentsOf: dir.appendingPathComponent($0)))
        }
    }

    /// Reads up to the first newline with plain read(2): the port line is all the tests wait for.
    private static func firstLine(of handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(handle.fileDescriptor, &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A private CA and a server certificate (for localhost and 127.0.0.1 unless told), made with openssl per test.
public struct SMTPTestCertificates: Sendable {
    public let caCert: URL
    public let serverCert: URL
    public let serverKey: URL

    public init(subjectAltNames: String = "DNS:localhost,IP:127.0.0.1") throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("warta-smtp-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        caCert = dir.appendingPathComponent("ca.pem")
        serverCert = dir.appendingPathComponent("server.pem")
        serverKey = dir.appendingPathComponent("server.key")
        let caKey = dir.appendingPathComponent("ca.key").path
        let csr = dir.appendingPathComponent("server.csr").path
        let ext = dir.appendingPathComponent("ext.cnf")
        try "subjectAltName=\(subjectAltNames)\nbasicConstraints=CA:FALSE\n"
            .write(to: ext, atomically: true, encoding: .utf8)
        try Self.openssl(
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", caKey,
            "-out", caCert.path, "-days", "2", "-subj", "/CN=Warta Test CA")
        try Self.openssl(
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", serverKey.path,
            "-out", csr, "-subj", "/CN=localhost")
        try Self.openssl(
            "x509", "-req", "-in", csr, "-CA", caCert.path, "-CAkey", caKey, "-CAcreateserial", "-out",
            serverCert.path, "-days", "2", "-extfile", ext.path)
    }

    private static func openssl(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw OpenSSLFailed(arguments: arguments) }
    }

    public struct OpenSSLFailed: Error { public let arguments: [String] }
}
