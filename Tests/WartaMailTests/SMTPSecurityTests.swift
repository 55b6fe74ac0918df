import Foundation
import SMTPTestSupport
import Testing
import WartaMail

/// STARTTLS, implicit TLS and AUTH against aiosmtpd with a private CA made by openssl for the test.
@Suite struct SMTPSecurityTests {
    static let message = Array("Subject: Rahasia\r\n\r\nIsi.\r\n".utf8)
    // The password holds `:`, `%` and `/` to check URL percent-decoding end to end.
    static let password = "s3cret%3A%25%2F"

    static func send(_ configuration: SMTPConfiguration) async throws -> SMTPDelivery {
        let client = SMTPClient(configuration: configuration)
        let delivery: SMTPDelivery
        do {
            delivery = try await client.send(message, from: MailAddress("redaksi@kabar.example"), to: [recipient()])
        } catch {
            await client.close()
            throw error
        }
        await client.close()
        return delivery
    }

    static func recipient() throws -> MailAddress { try MailAddress("rina@x.example") }

    @Test(arguments: ["localhost", "127.0.0.1"])
    func startTLSThenAuthPlainFromAURL(host: String) async throws {
        let certificates = try SMTPTestCertificates()
        let server = try SMTPTestServer(.init(starttls: true, auth: true), certificates: certificates)
        defer { server.stop() }
        let configuration = try SMTPConfiguration(
            url: "smtp://rina:\(Self.password)@\(host):\(server.port)", extraTrustedCAFile: certificates.caCert.path)
        let delivery = try await Self.send(configuration)
        #expect(try delivery.accepted == [Self.recipient()])
        #expect(try server.received().first?.login == "rina")
    }

    @Test func implicitTLSWithAuth() async throws {
        let certificates = try SMTPTestCertificates()
        let server = try SMTPTestServer(.init(implicitTLS: true, auth: true), certificates: certificates)
        defer { server.stop() }
        let configuration = try SMTPConfiguration(
            url: "smtps://rina:\(Self.password)@localhost:\(server.port)", extraTrustedCAFile: certificates.caCert.path)
        _ = try await Self.send(configuration)
        #expect(try server.received().first?.login == "rina")
    }

    @Test func wrongPasswordIsAPermanentAuthFailure() async throws {
        let certificates = try SMTPTestCertificates()
        let server = try SMTPTestServer(.init(starttls: true, auth: true), certificates: certificates)
        defer { server.stop() }
        let configuration = try SMTPConfiguration(
            url: "smtp://rina:hunter2@localhost:\(server.port)", extraTrustedCAFile: certificates.caCert.path)
        let error = await #expect(throws: SMTPError.self) { try await Self.send(configuration) }
        #expect(error?.stage == .auth, "\(String(describing: error))")
        #expect(error?.reply?.code == 535)
        #expect(error?.isTransient == false)
        #expect(error.map { !"\($0)".contains("hunter2") } == true)
        #expect(try server.received().isEmpty)
    }

    @Test func authLoginWhenPlainIsNotOffered() async throws {
        let certificates = try SMTPTestCertificates()
        let server = try SMTPTestServer(
            .init(starttls: true, auth: true, authLoginOnly: true), certificates: certificates)
        defer { server.stop() }
        let configuration = try SMTPConfiguration(
            url: "smtp://rina:\(Self.password)@localhost:\(server.port)", extraTrustedCAFile: certificates.caCert.path)
        _ = try await Self.send(configuration)
        #expect(try server.received().first?.login == "rina")
    }

    @Test(arguments: ["localhost", "127.0.0.1"])
    func certificateForAnotherHostFailsTheHandshake(host: String) async throws {
        let certificates = try SMTPTestCertificates(subjectAltNames: "DNS:mail.other.example,IP:192.0.2.1")
        let server = try SMTPTestServer(.init(starttls: true, auth: true), certificates: certificates)
        defer { server.stop() }
        let configuration = try SMTPConfiguration(
            url: "smtp://rina:\(Self.password)@\(host):\(server.port)", extraTrustedCAFile: certificates.caCert.path)
        let error = await #expect(throws: SMTPError.self) { try await Self.send(configuration) }
        #expect(error?.stage == .starttls)
        if case .tls = error?.reason {
        } else {
            Issue.record("expected a TLS failure, got \(String(describing: error))")
        }
        #expect(try server.received().isEmpty)
    }

    @Test func untrustedCertificateFailsTheHandshake() async throws {
        let certificates = try SMTPTestCertificates()
        let server = try SMTPTestServer(.init(starttls: true, auth: true), certificates: certificates)
        defer { server.stop() }
        let configuration = try SMTPConfiguration(url: "smtp://rina:\(Self.password)@localhost:\(server.port)")
        let error = await #expect(throws: SMTPError.self) { try await Self.send(configuration) }
        #expect(error?.stage == .starttls)
        #expect(error?.isTransient == false)
        if case .tls = error?.reason {
        } else {
            Issue.record("expected a TLS failure, got \(String(describing: error))")
        }
    }

    @Test func serverWithoutSTARTTLSGetsNoCredentials() async throws {
        let server = try SMTPTestServer(.init(auth: true))
        defer { server.stop() }
        let configuration = try SMTPConfiguration(url: "smtp://rina:\(Self.password)@127.0.0.1:\(server.port)")
        await #expect(throws: SMTPError(.starttls, .startTLSNotOffered)) { try await Self.send(configuration) }
        var clear = configuration
        clear.security = .starttlsOff
        await #expect(throws: SMTPError(.auth, .credentialsWithoutTLS)) { try await Self.send(clear) }
    }

    @Test func plaintextAfterTheSTARTTLSReplyIsRefused() async throws {
        let server = try SMTPTestServer(.init(mode: "starttlsInject"))
        defer { server.stop() }
        let configuration = SMTPConfiguration(
            host: "127.0.0.1", port: server.port, credentials: .init(username: "rina", password: "x"))
        let error = await #expect(throws: SMTPError.self) { try await Self.send(configuration) }
        #expect(error.map { "\($0)".contains("data after its 220 to STARTTLS") } == true)
        #expect(error?.stage == .starttls && error?.isTransient == false)
        if case .tls = error?.reason {
        } else {
            Issue.record("expected a TLS failure, got \(String(describing: error))")
        }
    }

    @Test func missingCAFileIsATLSConfigurationError() async throws {
        let configuration = try SMTPConfiguration(url: "smtp://localhost:1", extraTrustedCAFile: "/nonexistent/ca.pem")
        let error = await #expect(throws: SMTPError.self) { try await Self.send(configuration) }
        #expect(error?.stage == .connect && error?.isTransient == false)
    }
}
