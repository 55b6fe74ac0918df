import ArgumentParser
import Foundation
import WartaApp

struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Mail the site sends: bounces and complaints", subcommands: [Feedback.self])

    struct Feedback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read bounces (DSN) and complaints (ARF) from a Maildir, an mbox or one message on stdin (-)")
        @Argument(help: "A Maildir, an mbox file, one message file, or - for stdin") var source: String

        func run() async throws {
            let services = loadServices()
            await migrateOrExit(services)
            do {
                for line in try await Commands.mailFeedback(path: source, services: services) { print(line) }
            } catch {
                await services.database.shutdown()
                exitWith(1, "\(error)")
            }
            await services.database.shutdown()
        }
    }
}
