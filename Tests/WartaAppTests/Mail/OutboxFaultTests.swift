import Foundation
import SMTPTestSupport
import Testing
import WartaMail

@testable import WartaApp

/// Every fault an SMTP server can put up, and the final state of every message after it: nothing lost, nothing
/// thrown away that a later try could deliver (issue 12, build item 9).
@Suite struct OutboxFaultTests {
    struct Fault: Sendable, CustomTestStringConvertible {
        let name: String
        let options: SMTPTestServer.Options
        let tls: TLSSetUp
        let expected: String
        var testDescription: String { name }
    }

    enum TLSSetUp: Sendable {
        /// Plain SMTP to a local sink.
        case none
        /// STARTTLS with the test CA trusted, and these credentials.
        case trusted(user: String, password: String)
        /// STARTTLS with a certificate from a CA nobody trusts.
        case untrusted
    }

    static let faults = [
        Fault(name: "421 at greeting", options: .init(mode: "greeting421"), tls: .none, expected: "deferred"),
        Fault(
            name: "552 after DATA", options: .init(dataReply: "552 5.3.4 message too big"), tls: .none,
            expected: "failed"),
        Fault(
            name: "451 after DATA", options: .init(dataReply: "451 4.3.0 try later"), tls: .none,
            expected: "deferred"),
        Fault(name: "dropped mid-DATA", options: .init(mode: "dropInData"), tls: .none, expected: "deferred"),
        Fault(
            name: "stalls past the timeout", options: .init(mode: "stallAfterGreeting"), tls: .none,
            expected: "deferred"),
        Fault(name: "garbage greeting", options: .init(mode: "garbage"), tls: .none, expected: "deferred"),
        Fault(name: "TLS handshake fails", options: .init(starttls: true), tls: .untrusted, expected: "deferred"),
        Fault(
            name: "bad AUTH", options: .init(starttls: true, auth: true),
            tls: .trusted(user: "rina", password: "wrong"), expected: "deferred"),
        Fault(
            name: "STARTTLS and AUTH that work", options: .init(starttls: true, auth: true),
            tls: .trusted(user: "rina", password: "s3cret%3A%25%2F"), expected: "sent"),
    ]

    @Test("Final state of every message", arguments: faults)
    func finalStates(fault: Fault) async throws {
        let certificates = try SMTPTestCertificates()
        let server = try SMTPTestServer(fault.options, certificates: certificates)
        defer { server.stop() }
        let world = TestWorld(at: OutboxTests.start)
        try await withTestServices(
            .sqlite, world: world,
            configure: { config in
                switch fault.tls {
                case .none:
                    config.smtpURL = "smtp://127.0.0.1:\(server.port)?starttls=off"
                case .trusted(let user, let password):
                    config.smtpURL = "smtp://\(user):\(password)@localhost:\(server.port)"
                    config.smtpCAFile = certificates.caCert.path
                case .untrusted:
                    config.smtpURL = "smtp://localhost:\(server.port)"
                }
            }
        ) { services in
            let recipients = ["rina@x.example", "dodi@x.example", "sari@x.example"].map { MailRecipient(address: $0) }
            try await services.database.write { tx in
                _ = try await MailOutbox.enqueue(OutboxTests.newsletter, to: recipients, world: services.world, on: tx)
            }
            var options = OutboxSender.Options()
            options.connections = 2
            options.timeouts = SMTPConfiguration.Timeouts(
                connect: .seconds(2), greeting: .seconds(2), command: .seconds(2), dataEnd: .seconds(2))
            let sender = OutboxSender(services: services, options: options)
            #expect(try await sender.sendDue() == 3)
            let states = try await OutboxTests.states(services)
            #expect(states.count == 3)
            #expect(Set(states.values) == [fault.expected], "\(states)")
            #expect(try await OutboxTests.suppressed(services).isEmpty, "no address is at fault")
            let received = try server.received()
            #expect(received.count == (fault.expected == "sent" ? 3 : 0))
            if fault.expected == "deferred" {
                let row = try await OutboxTests.row(services, "rina@x.example")
                #expect(row.error?.isEmpty == false)
            }
        }
    }
}
