import ArgumentParser
import Foundation
import WartaApp

struct NewsletterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsletter", abstract: "Newsletter mail: the daily digest and test mails",
        subcommands: [Digest.self, SendTest.self, Import.self])

    struct Digest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue the daily digest now for the subscribers who have not had today's")

        func run() async throws {
            try await runPrinting { try await Commands.queueDigest(services: $0) }
        }
    }

    struct SendTest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send-test", abstract: "Queue a test of the daily digest to one address")
        @Option(help: "The address to send the test to") var to: String

        func run() async throws {
            let to = to
            try await runPrinting { try await Commands.queueTestDigest(to: to, services: $0) }
        }
    }
}

extension NewsletterCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import subscribers from a CSV file (email, name, lists, consent_date); all or nothing")
        @Argument(help: "The CSV file (UTF-8)") var file: String
        @Flag(help: "Import the good rows even when some rows are bad") var skipBadRows = false

        func run() async throws {
            let (file, skip) = (file, skipBadRows)
            try await runPrinting {
                try await Commands.importSubscribers(path: file, skippingBadRows: skip, services: $0)
                    .joined(separator: "\n")
            }
        }
    }
}

/// Migrates, runs `work`, prints its line; a failure exits 1 with its message.
private func runPrinting(_ work: (AppServices) async throws -> String) async throws {
    let services = loadServices()
    await migrateOrExit(services)
    do {
        print(try await work(services))
    } catch {
        await services.database.shutdown()
        exitWith(1, "\(error)")
    }
    await services.database.shutdown()
}
